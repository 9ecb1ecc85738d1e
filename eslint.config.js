// ESLint (flat config) for every JavaScript file of the repository: the
// extension, the tests (the console replica included) and the benchmarks.
// `./build.sh test` runs it; `npx eslint .` on its own.
import { readFileSync } from "node:fs";

import js from "@eslint/js";
import globals from "globals";

// The page-realm script (extension/main-world/) runs in the page's own realm,
// where any page script may replace a built-in or a prototype's method after
// RootGuard started. Everything it calls later must be a copy taken before
// any page script ran (primordials.js). These rules make that checkable: no
// method looked up on an object at call time, and no built-in global used
// directly (only primordials.js may read them).
const PAGE_REPLACEABLE_GLOBALS = [
  "Array", "ArrayBuffer", "Blob", "Document", "Element", "Error", "Event", "EventTarget", "File",
  "Function", "HTMLAnchorElement", "HTMLElement", "HTMLIFrameElement", "JSON", "Map", "Math",
  "MessageChannel", "Node", "Object", "Promise", "Proxy", "Reflect", "Set", "String", "Symbol",
  "TypeError", "URL", "Uint8Array", "WeakMap", "WeakSet", "Window", "atob", "btoa", "clearTimeout",
  "dispatchEvent", "fetch", "postMessage", "queueMicrotask", "setTimeout",
].map((name) => ({ name, message: `the page can replace ${name}: use the copy in primordials.js` }));

// Methods the page can reach through a built-in prototype.
const BUILT_IN_METHODS = [
  // Function.prototype, Object.prototype
  "apply", "bind", "call", "hasOwnProperty", "toString", "valueOf",
  // Array.prototype, String.prototype
  "at", "concat", "every", "filter", "find", "findIndex", "flat", "flatMap", "forEach", "includes",
  "indexOf", "join", "map", "pop", "push", "reduce", "reverse", "shift", "slice", "some", "sort",
  "splice", "unshift", "charCodeAt", "endsWith", "match", "padStart", "replace", "replaceAll",
  "split", "startsWith", "substring", "toLowerCase", "toUpperCase", "trim",
  // Map, Set, WeakMap, WeakSet, Promise
  "add", "clear", "delete", "get", "has", "set", "then", "catch", "finally",
  // typed arrays, ArrayBuffer, Blob, Response
  "subarray", "arrayBuffer", "text", "stream",
  // EventTarget, Event, Node, Element, Document, Window
  "addEventListener", "removeEventListener", "dispatchEvent", "preventDefault", "stopPropagation",
  "stopImmediatePropagation", "composedPath", "append", "appendChild", "remove", "removeChild",
  "insertBefore", "replaceChildren", "cloneNode", "contains", "closest", "matches", "querySelector",
  "querySelectorAll", "getAttribute", "setAttribute", "removeAttribute", "hasAttribute",
  "createElement", "click", "focus", "postMessage", "open", "close",
];

const MAIN_WORLD_RULES = {
  "no-restricted-globals": ["error", ...PAGE_REPLACEABLE_GLOBALS],
  "no-restricted-syntax": [
    "error",
    {
      // A method of a built-in prototype (Array, String, Map, Promise,
      // Function, EventTarget, Node, Element, Blob …) called by name: the
      // page may have replaced it. RootGuard's own objects (the channel, a
      // held record) may be called: only the page's realm is untrusted.
      selector: `CallExpression > MemberExpression.callee[property.name=/^(${BUILT_IN_METHODS.join("|")})$/]`,
      message: "a built-in method looked up at call time can be replaced by the page: call its primordial (primordials.js) instead",
    },
    {
      selector: "NewExpression > MemberExpression.callee",
      message: "a constructor looked up at call time can be replaced by the page: use the primordial (primordials.js)",
    },
    {
      selector: "TaggedTemplateExpression, ArrayExpression > SpreadElement, CallExpression > SpreadElement, NewExpression > SpreadElement, ForOfStatement, ArrayPattern",
      message: "iteration goes through Symbol.iterator and %ArrayIteratorPrototype%.next, which the page can replace",
    },
  ],
};

// Every message type is written once, in extension/protocol.js: elsewhere a
// message's `type` is one of its constants, and the WebExtension API is the
// one protocol.js exports.
const MESSAGE_TYPES = [...readFileSync(new URL("extension/protocol.js", import.meta.url), "utf8").matchAll(/^ {2}\w+: "([a-z-]+)",$/gm)].map((m) => m[1]);
const EXTENSION_RULES = {
  "no-restricted-syntax": [
    "error",
    {
      selector: `Property[key.name="type"] > Literal[value=/^(${MESSAGE_TYPES.join("|")})$/]`,
      message: "a message type is written once, in extension/protocol.js: use its constant",
    },
  ],
  "no-restricted-properties": [
    "error",
    { object: "globalThis", property: "browser", message: "use `api` from extension/protocol.js" },
    { object: "globalThis", property: "chrome", message: "use `api` from extension/protocol.js" },
    { object: "globalThis", property: "RootGuard", message: "modules share by import, not through a global" },
  ],
};

export default [
  { ignores: ["dist/**", "target/**", "node_modules/**", "fuzz/**"] },
  js.configs.recommended,
  {
    rules: {
      "no-unused-vars": ["error", { args: "after-used", argsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true }],
    },
  },
  // ES modules by default: the background, the extension pages, the
  // page-realm sources, the tests, the benchmarks.
  {
    files: ["**/*.js", "**/*.mjs", "**/*.jsx"],
    languageOptions: { ecmaVersion: 2024, sourceType: "module", globals: { ...globals.browser, ...globals.webextensions } },
  },
  { files: ["**/*.jsx"], languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } },
  { files: ["tests/**", "bench/**", "scripts/**", "eslint.config.js"], languageOptions: { globals: { ...globals.node } } },
  // The replica's page scripts that are not modules (classic scripts).
  {
    files: ["tests/fixtures/console/public/*.js"],
    languageOptions: { sourceType: "script", globals: { ...globals.browser } },
  },
  // The extension's own modules (not the page-realm script): one protocol.
  {
    files: ["extension/**/*.js"],
    ignores: ["extension/main-world/**", "extension/protocol.js"],
    rules: EXTENSION_RULES,
  },
  // The replica's browser code (its modules run in the page, not in Node).
  { files: ["tests/fixtures/console/public/**", "tests/fixtures/console/cloudscape/**"], languageOptions: { globals: { ...globals.browser } } },
  {
    files: ["extension/main-world/**/*.js"],
    ignores: ["extension/main-world/primordials.js"],
    rules: MAIN_WORLD_RULES,
  },
];

// extension/main-world/: the page-realm hooks that run on the page's hot
// paths (every dispatchEvent, every click's path, every insertion) throw no
// exception there. A thrown and caught TypeError is cheap to write and dear
// to run; these hooks run for every event and node the console makes. The
// getters the hooks brand-check with are counted: a call that throws is one
// the hooks made on something that was not what the getter takes.
import assert from "node:assert/strict";
import { test } from "node:test";

import { JSDOM } from "jsdom";

const { window } = new JSDOM(`<!doctype html><body><main><div><p><span id="deep">text</span></p></div></main></body>`, {
  url: "https://us-east-1.console.aws.amazon.com/iam/home",
});

// What jsdom does not implement and the page-realm script takes a copy of at start.
for (const proto of [window.HTMLButtonElement.prototype, window.HTMLInputElement.prototype]) {
  Object.defineProperty(proto, "formAction", { configurable: true, get() { return this.getAttribute("formaction") ?? ""; } });
}

// Count the throws of the getters the hooks use as brand checks (before the
// hooks take their copies of them, as the page-realm script does at start).
const throws = { count: 0 };
function counted(proto, name) {
  const descriptor = Object.getOwnPropertyDescriptor(proto, name);
  const get = descriptor.get;
  Object.defineProperty(proto, name, {
    ...descriptor,
    get() {
      try {
        return get.call(this);
      } catch (error) {
        throws.count++;
        throw error;
      }
    },
  });
}
counted(window.Node.prototype, "isConnected");
counted(window.Node.prototype, "nodeName");
counted(window.Node.prototype, "nodeType");
counted(window.Element.prototype, "localName");
counted(window.HTMLAnchorElement.prototype, "href");
counted(window.HTMLAreaElement.prototype, "href");

// The realm's built-ins, as the page-realm script sees them in a page.
for (const name of Object.getOwnPropertyNames(window)) {
  if (/^[A-Z]/.test(name) && !(name in globalThis) && typeof window[name] === "function") globalThis[name] = window[name];
}
for (const name of ["Event", "EventTarget", "CustomEvent", "Blob", "URL", "URLSearchParams", "FormData"]) globalThis[name] = window[name];
Object.assign(globalThis, { window, document: window.document });

const { watchActivations } = await import("../../extension/main-world/activations.js");
const { watchFrames } = await import("../../extension/main-world/frames.js");
watchActivations(window);
watchFrames(window);

function throwsDuring(run) {
  const before = throws.count;
  run();
  return throws.count - before;
}

test("dispatchEvent on the window, on a node, and on a page's own EventTarget: no exception on the way (the last: once at most)", () => {
  assert.equal(throwsDuring(() => {
    for (let i = 0; i < 100; i++) window.dispatchEvent(new window.Event("replica-rerender-keys"));
  }), 0, "the window is known from the start");
  const node = window.document.getElementById("deep");
  assert.equal(throwsDuring(() => {
    for (let i = 0; i < 100; i++) node.dispatchEvent(new window.Event("custom", { bubbles: true }));
  }), 0);
  const bus = new window.EventTarget();
  assert.ok(throwsDuring(() => {
    for (let i = 0; i < 100; i++) bus.dispatchEvent(new window.Event("message"));
  }) <= 1, "found out once, then known");
});

test("a click whose path holds no link: no getter thrown for any node of it, nor for the window at its end", () => {
  const deep = window.document.getElementById("deep");
  assert.equal(throwsDuring(() => {
    for (let i = 0; i < 20; i++) deep.dispatchEvent(new window.MouseEvent("click", { bubbles: true, cancelable: true }));
  }), 0);
});

test("inserting text, strings and elements: no getter thrown while looking for frames", () => {
  const main = window.document.querySelector("main");
  assert.equal(throwsDuring(() => {
    for (let i = 0; i < 50; i++) {
      main.appendChild(window.document.createTextNode(`event ${i}`));
      main.append("a string", window.document.createElement("li"));
      main.lastChild.before(window.document.createTextNode("x"));
    }
  }), 0);
});

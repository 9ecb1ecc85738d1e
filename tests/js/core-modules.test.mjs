// The core ships as two Wasm modules (src/wasm.rs, build.sh): `page`, which
// the background loads at start, and `crypto`, loaded when an export, the
// decrypt page or the options page needs it. Each module must export exactly
// the functions its callers in extension/ use: a function missing from the
// module its caller loads would fail only when that path runs, and one
// nobody calls is dead weight in the module.
//
// Callers name the module they call by convention, which this test holds
// them to: the page module is `core` (or `c`, a handler's argument), the
// crypto module `cryptoCore` (a page's loaded module) or `(await
// cryptoCore())` (the background's loader). Reads the built glue under
// dist/chrome/core/: run ./build.sh first.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const CORE = path.join(ROOT, "dist/chrome/core");
const MODULES = ["page", "crypto"];

/** The functions a module's wasm-bindgen glue exports (not its init functions). */
function exportsOf(module) {
  const glue = path.join(CORE, `rootguard_${module}.js`);
  assert.ok(existsSync(glue), `${glue} is missing: run ./build.sh first`);
  const names = [...readFileSync(glue, "utf8").matchAll(/^export function (\w+)\(/gm)].map((m) => m[1]);
  return new Set(names.filter((name) => name !== "initSync"));
}

function sourcesUnder(dir) {
  return readdirSync(dir, { recursive: true })
    .filter((name) => name.endsWith(".js"))
    .map((name) => path.join(dir, name));
}

const RECEIVERS = [
  { module: "page", pattern: /(?<![\w.])(?:core|c)\.(\w+)\(/g },
  { module: "crypto", pattern: /(?<![\w.])(?:cryptoCore|\(await cryptoCore\(\)\))\.(\w+)\(/g },
];

const KNOWN_RECEIVERS = new Set(["core", "c", "cryptoCore", "(await cryptoCore())"]);

const exported = Object.fromEntries(MODULES.map((m) => [m, exportsOf(m)]));
const bridge = new Set(MODULES.flatMap((m) => [...exported[m]]));
const called = Object.fromEntries(MODULES.map((m) => [m, new Map()]));
const elsewhere = [];
for (const file of sourcesUnder(path.join(ROOT, "extension"))) {
  const source = readFileSync(file, "utf8");
  const where = path.relative(ROOT, file);
  for (const { module, pattern } of RECEIVERS) {
    for (const [, name] of source.matchAll(pattern)) {
      if (bridge.has(name)) called[module].set(name, [...(called[module].get(name) ?? []), where]);
    }
  }
  // A bridge function called through anything else: the test could not tell which module it needs.
  for (const [call, receiver, name] of source.matchAll(/((?:[\w$]+\.)*[\w$]+|\(await cryptoCore\(\)\)|\))\.(\w+)\(/g)) {
    if (bridge.has(name) && !KNOWN_RECEIVERS.has(receiver)) elsewhere.push(`${where}: ${call}`);
  }
}

test("both modules are built, and export functions", () => {
  for (const module of MODULES) assert.ok(exported[module].size > 0, module);
});

for (const module of MODULES) {
  test(`the ${module} module exports exactly what its callers call`, () => {
    const calls = called[module];
    const missing = [...calls.keys()].filter((name) => !exported[module].has(name)).map((name) => `${name} (${calls.get(name).join(", ")})`);
    assert.deepEqual(missing, [], `called on the ${module} module, which does not export them`);
    const unused = [...exported[module]].filter((name) => !calls.has(name));
    assert.deepEqual(unused, [], `exported by the ${module} module, called by nothing in extension/`);
  });
}

test("no function of the core is called through a name the test cannot place", () => {
  assert.deepEqual(elsewhere, []);
});

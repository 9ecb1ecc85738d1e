// Figure 1: what RootGuard ships. Every .wasm under dist/, raw and as
// `gzip -9` makes it, and the JavaScript shipped beside it, per browser build.
//
// The core is two Wasm modules (src/wasm.rs, build.sh): the page module,
// which the background loads at start and every console page's decisions
// wait for, and the crypto module, loaded only when an export is sealed or
// a file opened. The goals (issue 18): the page module at most 100 KiB raw,
// all the Wasm shipped at most 200 KiB raw.

import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const KB = 1024;
export const GOAL_PAGE_MODULE_RAW_BYTES = 100 * KB;
export const GOAL_ALL_WASM_RAW_BYTES = 200 * KB;
/** The page module's file: what the background loads before it decides anything. */
export const PAGE_MODULE = "rootguard_page_bg.wasm";
// The measurement of a minimal argon2 + aes-gcm + wasm-bindgen module
// after `wasm-opt -Oz`: what the crypto alone costs, for scale.
export const REFERENCE_MINIMAL_MODULE_BYTES = 56 * KB;

function filesUnder(dir) {
  return readdirSync(dir, { recursive: true })
    .map((name) => path.join(dir, name))
    .filter((file) => statSync(file).isFile());
}

const gzip9Bytes = (file) => execFileSync("gzip", ["-9", "-c", file]).length;

/**
 * A build's page module: the only module when the core is one (it is then
 * the page module too), else the one named PAGE_MODULE or otherwise for the
 * page, else the one background.js loads at start; null when none of these
 * tells (its goal then counts as missed).
 */
function pageModuleOf(dir) {
  const wasm = filesUnder(dir).filter((f) => f.endsWith(".wasm"));
  if (wasm.length === 1) return wasm[0];
  for (const named of [(f) => path.basename(f) === PAGE_MODULE, (f) => /page/i.test(path.basename(f))]) {
    const found = wasm.filter(named);
    if (found.length === 1) return found[0];
  }
  const background = readFileSync(path.join(dir, "background.js"), "utf8");
  const loaded = wasm.filter((f) => background.includes(path.basename(f)));
  return loaded.length === 1 ? loaded[0] : null;
}

export function measureSize(root) {
  const builds = [];
  for (const build of ["chrome", "firefox"]) {
    const dir = path.join(root, "dist", build);
    const files = filesUnder(dir);
    const wasm = files
      .filter((f) => f.endsWith(".wasm"))
      .map((f) => ({ file: path.relative(root, f), page: f === pageModuleOf(dir), rawBytes: statSync(f).size, gzipBytes: gzip9Bytes(f) }));
    const page = wasm.find((w) => w.page);
    const all = { modules: wasm.length, rawBytes: wasm.reduce((sum, w) => sum + w.rawBytes, 0), gzipBytes: wasm.reduce((sum, w) => sum + w.gzipBytes, 0) };
    const js = files.filter((f) => /\.m?js$/.test(f));
    const jsRawBytes = js.reduce((sum, f) => sum + statSync(f).size, 0);
    const jsGzipBytes = js.reduce((sum, f) => sum + gzip9Bytes(f), 0);
    builds.push({
      build,
      wasm,
      pageModule: { met: page !== undefined && page.rawBytes <= GOAL_PAGE_MODULE_RAW_BYTES },
      allWasm: { ...all, met: all.rawBytes <= GOAL_ALL_WASM_RAW_BYTES },
      js: { files: js.length, rawBytes: jsRawBytes, gzipBytes: jsGzipBytes },
    });
  }
  return {
    goal: { pageModuleRawBytes: GOAL_PAGE_MODULE_RAW_BYTES, allWasmRawBytes: GOAL_ALL_WASM_RAW_BYTES },
    reference: { what: "minimal argon2 + aes-gcm + wasm-bindgen module after wasm-opt -Oz (the issue's figure, not rebuilt here)", rawBytes: REFERENCE_MINIMAL_MODULE_BYTES },
    builds,
    met: builds.every((b) => b.pageModule.met && b.allWasm.met),
  };
}

// Figure 1: what RootGuard ships. Every .wasm under dist/, raw and as
// `gzip -9` makes it, and the JavaScript shipped beside it, per browser build.
// Goals (issue 18): the page-decision module, the one every console page
// waits for, ≤ 100 KiB raw; all Wasm shipped ≤ 200 KiB raw. The core may be
// one module (then it is the page module too) or split in two: the page
// module is the one named for the page, or else the one background.js loads
// at start.

import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const KB = 1024;
export const GOAL_PAGE_MODULE_RAW_BYTES = 100 * KB;
export const GOAL_ALL_WASM_RAW_BYTES = 200 * KB;
// The measurement of a minimal argon2 + aes-gcm + wasm-bindgen module
// after `wasm-opt -Oz`: what the crypto alone costs, for scale.
export const REFERENCE_MINIMAL_MODULE_BYTES = 56 * KB;

function filesUnder(dir) {
  return readdirSync(dir, { recursive: true })
    .map((name) => path.join(dir, name))
    .filter((file) => statSync(file).isFile());
}

const gzip9Bytes = (file) => execFileSync("gzip", ["-9", "-c", file]).length;

/** Which of a build's .wasm files (paths under `dir`) decides pages, or null when that cannot be told. */
function pageModule(dir, wasmFiles) {
  if (wasmFiles.length === 1) return wasmFiles[0];
  const named = wasmFiles.filter((f) => /page/i.test(path.basename(f)));
  if (named.length === 1) return named[0];
  const background = readFileSync(path.join(dir, "background.js"), "utf8");
  const loaded = wasmFiles.filter((f) => background.includes(path.basename(f)));
  return loaded.length === 1 ? loaded[0] : null;
}

export function measureSize(root) {
  const builds = [];
  for (const build of ["chrome", "firefox"]) {
    const dir = path.join(root, "dist", build);
    const files = filesUnder(dir);
    const wasmFiles = files.filter((f) => f.endsWith(".wasm"));
    const page = pageModule(dir, wasmFiles);
    const wasm = wasmFiles.map((f) => ({ file: path.relative(root, f), rawBytes: statSync(f).size, gzipBytes: gzip9Bytes(f), pageModule: f === page }));
    const js = files.filter((f) => /\.m?js$/.test(f));
    const jsRawBytes = js.reduce((sum, f) => sum + statSync(f).size, 0);
    const jsGzipBytes = js.reduce((sum, f) => sum + gzip9Bytes(f), 0);
    const pageBytes = wasm.find((w) => w.pageModule)?.rawBytes ?? null;
    const allRawBytes = wasm.reduce((sum, w) => sum + w.rawBytes, 0);
    builds.push({
      build,
      wasm,
      // pageModuleRawBytes null: more than one module and none of them told as the page's (counts as missed).
      pageModuleRawBytes: pageBytes,
      pageModuleMet: pageBytes !== null && pageBytes <= GOAL_PAGE_MODULE_RAW_BYTES,
      allWasm: { rawBytes: allRawBytes, gzipBytes: wasm.reduce((sum, w) => sum + w.gzipBytes, 0) },
      allWasmMet: allRawBytes <= GOAL_ALL_WASM_RAW_BYTES,
      js: { files: js.length, rawBytes: jsRawBytes, gzipBytes: jsGzipBytes },
    });
  }
  return {
    goal: { pageModuleRawBytes: GOAL_PAGE_MODULE_RAW_BYTES, allWasmRawBytes: GOAL_ALL_WASM_RAW_BYTES },
    reference: { what: "minimal argon2 + aes-gcm + wasm-bindgen module after wasm-opt -Oz (the issue's figure, not rebuilt here)", rawBytes: REFERENCE_MINIMAL_MODULE_BYTES },
    builds,
    met: builds.every((b) => b.pageModuleMet && b.allWasmMet),
  };
}

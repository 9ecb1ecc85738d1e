// Figure 1: what RootGuard ships. Every .wasm under dist/, raw and as
// `gzip -9` makes it, and the JavaScript shipped beside it, per browser build.

import { execFileSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";

const KB = 1024;
export const GOAL_RAW_BYTES = 120 * KB;
export const GOAL_GZIP_BYTES = 50 * KB;
// The measurement of a minimal argon2 + aes-gcm + wasm-bindgen module
// after `wasm-opt -Oz`: what the crypto alone costs, for scale.
export const REFERENCE_MINIMAL_MODULE_BYTES = 56 * KB;

function filesUnder(dir) {
  return readdirSync(dir, { recursive: true })
    .map((name) => path.join(dir, name))
    .filter((file) => statSync(file).isFile());
}

const gzip9Bytes = (file) => execFileSync("gzip", ["-9", "-c", file]).length;

export function measureSize(root) {
  const builds = [];
  for (const build of ["chrome", "firefox"]) {
    const dir = path.join(root, "dist", build);
    const files = filesUnder(dir);
    const wasm = files
      .filter((f) => f.endsWith(".wasm"))
      .map((f) => ({ file: path.relative(root, f), rawBytes: statSync(f).size, gzipBytes: gzip9Bytes(f) }));
    const js = files.filter((f) => /\.m?js$/.test(f));
    const jsRawBytes = js.reduce((sum, f) => sum + statSync(f).size, 0);
    const jsGzipBytes = js.reduce((sum, f) => sum + gzip9Bytes(f), 0);
    builds.push({
      build,
      wasm: wasm.map((w) => ({ ...w, met: w.rawBytes <= GOAL_RAW_BYTES && w.gzipBytes <= GOAL_GZIP_BYTES })),
      js: { files: js.length, rawBytes: jsRawBytes, gzipBytes: jsGzipBytes },
    });
  }
  return {
    goal: { rawBytes: GOAL_RAW_BYTES, gzipBytes: GOAL_GZIP_BYTES },
    reference: { what: "minimal argon2 + aes-gcm + wasm-bindgen module after wasm-opt -Oz (the issue's figure, not rebuilt here)", rawBytes: REFERENCE_MINIMAL_MODULE_BYTES },
    builds,
    met: builds.every((b) => b.wasm.every((w) => w.met)),
  };
}

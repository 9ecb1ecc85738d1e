// "The file is on disk": what the click-to-file figures wait for.

import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";

/**
 * Resolves with {at, bytes} once `dir` holds only `name`, non-empty (and of
 * `bytes` bytes when given), so no .crdownload/.part/hidden temporary beside
 * it; polled every `pollMs`.
 */
export function fileComplete(dir, name, { bytes = null, pollMs, timeoutMs = 60_000 }) {
  return new Promise((resolve, reject) => {
    const deadline = performance.now() + timeoutMs;
    const poll = () => {
      const names = readdirSync(dir);
      if (names.length === 1 && names[0] === name) {
        const size = statSync(path.join(dir, name)).size;
        if (size > 0 && (bytes === null || size === bytes)) return resolve({ at: performance.now(), bytes: size });
      }
      if (performance.now() > deadline) return reject(new Error(`no complete ${name} in ${dir} (have: ${names.join(", ")})`));
      setTimeout(poll, pollMs);
    };
    poll();
  });
}

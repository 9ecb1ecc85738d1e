// The Rust core for RootGuard's pages that run it themselves (options,
// decrypt): an extension page's CSP allows Wasm. Loaded once per page.

import init, * as wasm from "../core/rootguard.js";
import { api } from "../protocol.js";

let loading = null;

/** The loaded core's exports (a promise). */
export function loadCore() {
  loading ??= init({ module_or_path: api.runtime.getURL("core/rootguard_bg.wasm") }).then(() => wasm);
  return loading;
}

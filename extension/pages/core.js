// The Rust core for RootGuard's pages that run it themselves (options,
// decrypt): an extension page's CSP allows Wasm. The core is two Wasm
// modules (src/wasm.rs): `page` (settings, among every decision about a
// console page) and `crypto` (sealing, opening, the KDF); each page loads
// the one whose functions it calls, once.

import initCrypto, * as crypto from "../core/rootguard_crypto.js";
import initPage, * as page from "../core/rootguard_page.js";
import { api } from "../protocol.js";

let loadingPage = null;
let loadingCrypto = null;

/** The page module's exports (a promise): the settings (`readSettings`, `checkSettings`, `kdfStrengths`, …). */
export function loadPageCore() {
  loadingPage ??= initPage({ module_or_path: api.runtime.getURL("core/rootguard_page_bg.wasm") }).then(() => page);
  return loadingPage;
}

/** The crypto module's exports (a promise): `openExport`, `envelopeKind`, `measureKdf`, …. */
export function loadCryptoCore() {
  loadingCrypto ??= initCrypto({ module_or_path: api.runtime.getURL("core/rootguard_crypto_bg.wasm") }).then(() => crypto);
  return loadingCrypto;
}

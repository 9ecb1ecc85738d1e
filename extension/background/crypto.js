// The core's cryptography (the `crypto` Wasm module: Argon2id, AES-GCM,
// X25519, HKDF, Bech32, armor), loaded the first time an export needs it
// rather than with the page module at start: most console pages never seal
// anything, and Argon2id's memory then stays out of the background.
//
// Its glue is imported statically (a Chrome service worker may not call
// import()); only compiling and instantiating the Wasm waits for the first
// use. A module that does not load refuses the export, with the reason, so
// that nothing is saved as plaintext; the next export tries again.

import init, * as cryptoExports from "../core/rootguard_crypto.js";
import { api, errorFrom, ProtocolError } from "../protocol.js";

let loading = null;
// Whether a load failed: warming does not try again (an export still does).
let failed = false;

/** The loaded crypto module's exports; throws an `Error` named `CoreUnavailable` when it cannot load. */
export function cryptoCore() {
  loading ??= init({ module_or_path: api.runtime.getURL("core/rootguard_crypto_bg.wasm") }).then(
    () => cryptoExports,
    (error) => {
      loading = null;
      failed = true;
      console.error("RootGuard: the Rust core's encryption did not load", error);
      throw errorFrom({
        name: ProtocolError.CoreUnavailable,
        message: api.i18n.getMessage("encryptionUnavailable", [String(error?.message ?? error)]),
      });
    },
  );
  return loading;
}

/** Start loading it now (an export may be on its way), without waiting or failing: the export itself reports a failure. */
export function warmCryptoCore() {
  if (!failed) cryptoCore().catch(() => {});
}

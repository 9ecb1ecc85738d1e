//! The JavaScript bridge: converts values and forwards to the core. No logic
//! lives here (see the crate docs); errors reach JavaScript as `Error`
//! objects named after the core's error, with a message the user can act on
//! ([`BridgeError`]).
//!
//! Two Wasm modules are built from it, by Cargo feature, so that a console
//! page's decisions do not wait for (or carry) the cryptography: `page`
//! ([`page`]: recognition, policy, dates, badges, settings, downloads,
//! clipboard, leak guard), loaded by the background at start, and `crypto`
//! ([`crypto`]: Argon2id, AES-GCM, X25519, HKDF, Bech32, armor), loaded
//! when an export is sealed or a file opened. Both are on by default (the
//! bridge tests, clippy); `build.sh` builds each alone.

use serde::Serialize;
use wasm_bindgen::prelude::*;

#[cfg(feature = "crypto")]
mod crypto;
mod error;
#[cfg(feature = "page")]
mod observation;
#[cfg(feature = "page")]
mod page;
#[cfg(feature = "page")]
mod stored;

#[cfg(feature = "crypto")]
pub use crypto::*;
use error::names;
pub use error::BridgeError;
#[cfg(feature = "page")]
pub use page::*;

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, BridgeError> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|e| {
        BridgeError::new(
            names::INTERNAL,
            format!("RootGuard could not hand its decision to the page: {e}"),
        )
    })
}

#[cfg(feature = "page")]
fn warn_all(diagnostics: &[String]) {
    for diagnostic in diagnostics {
        gloo::console::warn!(diagnostic.as_str());
    }
}

//! RootGuard's core: everything the extension and the command-line tool
//! decide, as plain Rust that `cargo test` runs natively.
//!
//! Data flows one way: the browser's content scripts observe a console page
//! and hand over plain data ([`console::PageObservation`]); the core
//! recognises the page and decides ([`verdict::assess`]); the content script
//! renders the decision. The `wasm` module is only the bridge that converts
//! values for JavaScript: no logic lives there.
//!
//! [`envelope`] is the encrypted file format (Argon2id + AES-256-GCM,
//! specified in `docs/FORMAT.md`) that the extension saves and the CLI opens;
//! version 2 encrypts to public-key [`recipient`]s instead of a passphrase,
//! opened with an [`identity`] file; version 3, written by default, is
//! either with a header MAC that commits each file to one key.

pub mod badge;
pub mod console;
pub mod csv;
pub mod dates;
pub mod download;
pub mod drift;
pub mod envelope;
pub mod export;
pub mod file_names;
pub mod hygiene;
pub mod identity;
pub mod language;
pub mod leak;
pub mod passphrase;
pub mod policy;
pub mod recipient;
pub mod settings;
pub mod verdict;

/// The JavaScript bridge (wasm32 only).
#[cfg(target_arch = "wasm32")]
pub mod wasm;

/// What the content scripts apply by themselves, synchronously, on every
/// change of the page (they cannot wait for the core, which runs in the
/// background): the background fetches it once (`contentRules`) and hands
/// it over. Each rule is the core's own definition, not a copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ContentRules {
    /// An access key ID's form, as a JavaScript regular expression's source
    /// ([`csv::ACCESS_KEY_ID_PATTERN`]), not anchored.
    pub key_id_pattern: &'static str,
    /// A secret access key's form, as a JavaScript regular expression's
    /// source ([`csv::SECRET_ACCESS_KEY_PATTERN`]), not anchored.
    pub secret_pattern: &'static str,
}

/// The rules the content scripts apply.
pub const CONTENT_RULES: ContentRules = ContentRules {
    key_id_pattern: csv::ACCESS_KEY_ID_PATTERN,
    secret_pattern: csv::SECRET_ACCESS_KEY_PATTERN,
};

/// Who decided: stamped on every verdict so a page element can be traced back
/// to the core build that produced it (tests use it to prove the decision came
/// from Rust, not from JavaScript).
pub fn core_signature() -> String {
    let target = if cfg!(target_arch = "wasm32") { "wasm32" } else { "native" };
    format!("rootguard-core {} {target}", env!("CARGO_PKG_VERSION"))
}

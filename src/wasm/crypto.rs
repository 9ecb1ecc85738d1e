//! The crypto module's bridge (feature `crypto`): sealing and opening
//! exports, recipients, the KDF. The background loads it the first time an
//! export needs it (or a create-key wizard is open); the decrypt page when
//! it opens; the options page to time the KDF.

use wasm_bindgen::prelude::*;

use super::error::names;
use super::{to_js, BridgeError};
use crate::settings::KdfStrength;

/// Seal a captured credentials file (`Uint8Array`) under a passphrase,
/// binary or ASCII-armored, at a KDF strength (a name from `kdfStrengths`;
/// the settings' default when absent).
#[wasm_bindgen(js_name = sealExport)]
pub fn seal_export(
    plaintext: &[u8],
    file_name: &str,
    passphrase: &str,
    armored: bool,
    strength: Option<String>,
) -> Result<Vec<u8>, BridgeError> {
    let strength = match strength {
        Some(name) => KdfStrength::parse(&name)?,
        None => KdfStrength::default(),
    };
    Ok(crate::export::seal_export_with(
        plaintext,
        file_name,
        passphrase,
        armored,
        strength.params(),
    )?)
}

/// Open an export (`Uint8Array`, binary or armored): `{fileName, keys: [{accessKeyId, secretAccessKey}]}`.
#[wasm_bindgen(js_name = openExport)]
pub fn open_export(file: &[u8], passphrase: &str) -> Result<JsValue, BridgeError> {
    to_js(&crate::export::open_export(file, passphrase)?)
}

/// Seal a captured credentials file to recipients (an array of `rgpub1…`
/// strings, 1 to 16, no duplicates): format version 3, no passphrase.
#[wasm_bindgen(js_name = sealExportToRecipients)]
pub fn seal_export_to_recipients(
    plaintext: &[u8],
    file_name: &str,
    recipients: Vec<String>,
    armored: bool,
) -> Result<Vec<u8>, BridgeError> {
    let recipients = crate::export::parse_recipients(&recipients)?;
    Ok(crate::export::seal_export_to_recipients(plaintext, file_name, &recipients, armored)?)
}

/// What opens a RootGuard file: `"passphrase"` or `"recipients"`. Throws on
/// a file that is not RootGuard's or is damaged.
#[wasm_bindgen(js_name = envelopeKind)]
pub fn envelope_kind(file: &[u8]) -> Result<String, BridgeError> {
    Ok(crate::export::envelope_kind(file)?.to_owned())
}

/// Open an export encrypted to recipients with an identity file and its
/// passphrase: `{fileName, keys: [{accessKeyId, secretAccessKey}]}`, as
/// `openExport`.
#[wasm_bindgen(js_name = openExportWithIdentity)]
pub fn open_export_with_identity(
    file: &[u8],
    identity_file: &[u8],
    identity_passphrase: &str,
) -> Result<JsValue, BridgeError> {
    to_js(&crate::export::open_export_with_identity(file, identity_file, identity_passphrase)?)
}

/// Argon2id as the envelope runs it, for timing a parameter choice in this
/// browser: the 32-byte key as hex. `salt` must be 16 bytes.
#[wasm_bindgen(js_name = measureKdf)]
pub fn measure_kdf(
    passphrase: &[u8],
    salt: &[u8],
    m_cost_kib: u32,
    t_cost: u32,
    p_cost: u32,
) -> Result<String, BridgeError> {
    let salt: &[u8; 16] = salt
        .try_into()
        .map_err(|_| BridgeError::new(names::INVALID_SALT, "the salt must be exactly 16 bytes"))?;
    let params = crate::envelope::KdfParams { m_cost_kib, t_cost, p_cost };
    let key = crate::envelope::derive_key_for_measurement(passphrase, salt, params)?;
    Ok(key.iter().map(|b| format!("{b:02x}")).collect())
}

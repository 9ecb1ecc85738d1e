//! The JavaScript bridge: converts values and forwards to the core. No logic
//! lives here (see the crate docs); errors reach JavaScript as `Error`
//! objects with a message the user can act on.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::download::DownloadClass;
use crate::policy::Thresholds;
use crate::verdict;

mod observation;

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|e| {
        JsError::new(&format!("RootGuard could not hand its decision to the page: {e}"))
    })
}

/// The core's decision for a page observation (`{url, sessionData, …}`),
/// under the owner's thresholds when given (days; all three or none). Values
/// out of range fall back to the defaults, with a diagnostic.
#[wasm_bindgen(js_name = assessPage)]
pub fn assess_page(
    observation: JsValue,
    rotate_days: Option<f64>,
    critical_days: Option<f64>,
    unused_days: Option<f64>,
) -> Result<JsValue, JsError> {
    let observation = observation::read_observation(&observation).map_err(|e| {
        JsError::new(&format!("RootGuard received an unreadable page observation: {e}"))
    })?;
    let (limits, problem) = match (rotate_days, critical_days, unused_days) {
        (Some(r), Some(c), Some(u)) => match crate::settings::check_thresholds(r, c, u) {
            Ok(limits) => (limits, None),
            Err(e) => (Thresholds::default(), Some(e)),
        },
        _ => (Thresholds::default(), None),
    };
    let mut verdict = verdict::assess_with(&observation, &limits);
    if let Some(problem) = problem {
        verdict
            .diagnostics
            .push(format!("RootGuard: stored thresholds ignored ({problem}); using the defaults."));
    }
    for diagnostic in &verdict.diagnostics {
        gloo::console::warn!(diagnostic.as_str());
    }
    to_js(&verdict)
}

/// Whether a download the page started is a credentials file
/// (`{byName, byContent, tooLarge, credentials}`). `bytes` may be only the
/// first `MAX_CREDENTIALS_FILE_BYTES + 1`.
#[wasm_bindgen(js_name = classifyCapturedDownload)]
pub fn classify_captured_download(file_name: &str, bytes: &[u8]) -> Result<JsValue, JsError> {
    to_js(&DownloadClass::of(file_name, bytes))
}

/// Whether a download the browser's download manager reports is a
/// credentials file, by name and by its total size when known (a negative
/// or non-finite size is unknown): the same shape as
/// `classifyCapturedDownload`.
#[wasm_bindgen(js_name = classifyReportedDownload)]
pub fn classify_reported_download(file_name: &str, total_bytes: f64) -> Result<JsValue, JsError> {
    let size = (total_bytes.is_finite() && total_bytes >= 0.0).then_some(total_bytes as u64);
    to_js(&DownloadClass::of_reported(file_name, size))
}

/// A drift report for an observed page (`observation` as for `assessPage`,
/// `page`: the page's element tree, `{tag, attrs: [[name, value]], text,
/// children}`): safe to paste in public (docs/DRIFT-REPORT.md).
#[wasm_bindgen(js_name = pageReport)]
pub fn page_report(observation: JsValue, page: JsValue) -> Result<JsValue, JsError> {
    let observation = observation::read_observation(&observation).map_err(|e| {
        JsError::new(&format!("RootGuard received an unreadable page observation: {e}"))
    })?;
    let page = observation::read_page_tree(&page)
        .map_err(|e| JsError::new(&format!("RootGuard received an unreadable page tree: {e}")))?;
    to_js(&crate::drift::report_for(&observation, &page))
}

/// Whether `url` is a console page's address (`https:`, a console host, port 443).
#[wasm_bindgen(js_name = isConsoleUrl)]
pub fn is_console_url(url: &str) -> bool {
    crate::console::sender::console_host_of(url).is_some()
}

/// Whether a runtime message's sender is a console page (`origin`, `url`:
/// the browser's `MessageSender` fields; `tabUrl`: its tab's URL).
#[wasm_bindgen(js_name = isConsoleSender)]
pub fn is_console_sender(origin: Option<String>, url: &str, tab_url: Option<String>) -> bool {
    crate::console::sender::is_console_sender(origin.as_deref(), url, tab_url.as_deref())
}

/// The bytes of a `data:` URL a page downloads; throws an `Error` named
/// after what is wrong (`NotDataUrl`, `InvalidBase64`).
#[wasm_bindgen(js_name = dataUrlBytes)]
pub fn data_url_bytes(url: &str) -> Result<Vec<u8>, JsValue> {
    crate::download::data_url_bytes(url).map_err(|e| named_error(&e.to_string(), e.name()))
}

/// A JavaScript `Error` with the core error's name, so callers can tell errors apart.
fn named_error(message: &str, name: &str) -> JsValue {
    let error = js_sys::Error::new(message);
    error.set_name(name);
    error.into()
}

/// Seal a captured credentials file (`Uint8Array`) under a passphrase,
/// binary or ASCII-armored, at a KDF strength (`minimum`, `standard`,
/// `strong`; standard when absent).
#[wasm_bindgen(js_name = sealExport)]
pub fn seal_export(
    plaintext: &[u8],
    file_name: &str,
    passphrase: &str,
    armored: bool,
    strength: Option<String>,
) -> Result<Vec<u8>, JsError> {
    let params = match strength {
        Some(name) => crate::settings::KdfStrength::parse(&name)
            .map_err(|e| JsError::new(&e.to_string()))?
            .params(),
        None => crate::envelope::KdfParams::DEFAULT,
    };
    crate::export::seal_export_with(plaintext, file_name, passphrase, armored, params)
        .map_err(|e| JsError::new(&e.to_string()))
}

/// Check thresholds typed on the options page; throws with a message
/// naming what is wrong.
#[wasm_bindgen(js_name = checkThresholds)]
pub fn check_thresholds(
    rotate_days: f64,
    critical_days: f64,
    unused_days: f64,
) -> Result<(), JsError> {
    crate::settings::check_thresholds(rotate_days, critical_days, unused_days)
        .map(|_| ())
        .map_err(|e| JsError::new(&e.to_string()))
}

/// The Argon2id parameters of a KDF strength: `{mCostKib, tCost, pCost}`.
#[wasm_bindgen(js_name = kdfStrengthParams)]
pub fn kdf_strength_params(strength: &str) -> Result<Vec<u32>, JsError> {
    let params = crate::settings::KdfStrength::parse(strength)
        .map_err(|e| JsError::new(&e.to_string()))?
        .params();
    Ok(vec![params.m_cost_kib, params.t_cost, params.p_cost])
}

/// Open an export (`Uint8Array`, binary or armored): `{fileName, keys: [{accessKeyId, secretAccessKey}]}`.
#[wasm_bindgen(js_name = openExport)]
pub fn open_export(file: &[u8], passphrase: &str) -> Result<JsValue, JsError> {
    let opened =
        crate::export::open_export(file, passphrase).map_err(|e| JsError::new(&e.to_string()))?;
    to_js(&opened)
}

/// A recipient string (`rgpub1…`) in its canonical form; throws an `Error`
/// saying which part is wrong (prefix, length, checksum, a pasted secret
/// identity…).
#[wasm_bindgen(js_name = parseRecipient)]
pub fn parse_recipient(text: &str) -> Result<String, JsError> {
    crate::recipient::Recipient::parse(text)
        .map(|r| r.to_string())
        .map_err(|e| JsError::new(&e.to_string()))
}

/// Seal a captured credentials file to recipients (an array of `rgpub1…`
/// strings, 1 to 16, no duplicates): format version 2, no passphrase.
#[wasm_bindgen(js_name = sealExportToRecipients)]
pub fn seal_export_to_recipients(
    plaintext: &[u8],
    file_name: &str,
    recipients: Vec<String>,
    armored: bool,
) -> Result<Vec<u8>, JsError> {
    let recipients =
        crate::export::parse_recipients(&recipients).map_err(|e| JsError::new(&e.to_string()))?;
    crate::export::seal_export_to_recipients(plaintext, file_name, &recipients, armored)
        .map_err(|e| JsError::new(&e.to_string()))
}

/// What opens a RootGuard file: `"passphrase"` or `"recipients"`. Throws on
/// a file that is not RootGuard's or is damaged.
#[wasm_bindgen(js_name = envelopeKind)]
pub fn envelope_kind(file: &[u8]) -> Result<String, JsError> {
    crate::export::envelope_kind(file).map(str::to_owned).map_err(|e| JsError::new(&e.to_string()))
}

/// Open an export encrypted to recipients with an identity file and its
/// passphrase: `{fileName, keys: [{accessKeyId, secretAccessKey}]}`, as
/// `openExport`.
#[wasm_bindgen(js_name = openExportWithIdentity)]
pub fn open_export_with_identity(
    file: &[u8],
    identity_file: &[u8],
    identity_passphrase: &str,
) -> Result<JsValue, JsError> {
    let opened = crate::export::open_export_with_identity(file, identity_file, identity_passphrase)
        .map_err(|e| JsError::new(&e.to_string()))?;
    to_js(&opened)
}

/// The name a captured download goes by (`credentials.csv` when unnamed).
#[wasm_bindgen(js_name = capturedFileName)]
pub fn captured_file_name(suggested: &str) -> String {
    crate::export::captured_file_name(suggested)
}

/// The name an encrypted copy is saved under.
#[wasm_bindgen(js_name = encryptedFileName)]
pub fn encrypted_file_name(original: &str) -> String {
    crate::export::encrypted_file_name(original)
}

/// `{score, label, bits, acceptable}` for a passphrase.
#[wasm_bindgen(js_name = ratePassphrase)]
pub fn rate_passphrase(passphrase: &str) -> Result<JsValue, JsError> {
    to_js(&crate::passphrase::rate(passphrase))
}

/// The shortest passphrase RootGuard accepts.
#[wasm_bindgen(js_name = passphraseMinimumLength)]
pub fn passphrase_minimum_length() -> usize {
    crate::passphrase::MINIMUM_LENGTH
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
) -> Result<String, JsError> {
    let salt: &[u8; 16] =
        salt.try_into().map_err(|_| JsError::new("the salt must be exactly 16 bytes"))?;
    let params = crate::envelope::KdfParams { m_cost_kib, t_cost, p_cost };
    let key = crate::envelope::derive_key_for_measurement(passphrase, salt, params)
        .map_err(|e| JsError::new(&e.to_string()))?;
    Ok(key.iter().map(|b| format!("{b:02x}")).collect())
}

/// The access keys in text pasted or typed on another site (the leak
/// guard): `[{accessKeyId, secretAt: {start, end}}]`, byte offsets into the
/// text's UTF-8. Never the secret itself.
#[wasm_bindgen(js_name = findAccessKeys)]
pub fn find_access_keys(text: &str) -> Result<JsValue, JsError> {
    to_js(&crate::leak::find_access_keys(text))
}

/// `rootguard-core <version> wasm32`.
#[wasm_bindgen(js_name = coreSignature)]
pub fn core_signature() -> String {
    crate::core_signature()
}

/// What a text copied from a console page holds: `"nothing"`, `"secret"` or
/// `"credentials"`. The text is only classified, never kept.
#[wasm_bindgen(js_name = classifyCopied)]
pub fn classify_copied(text: &str) -> String {
    crate::hygiene::classify_copied(text).name().to_owned()
}

/// The console's credentials CSV for a key read from the page; throws when
/// the ID or the secret does not have the right form.
#[wasm_bindgen(js_name = pageCredentialsCsv)]
pub fn page_credentials_csv(
    access_key_id: &str,
    secret_access_key: &str,
) -> Result<Vec<u8>, JsError> {
    crate::hygiene::page_credentials_csv(access_key_id, secret_access_key)
        .map(|csv| csv.to_vec())
        .map_err(|e| JsError::new(&e.to_string()))
}

/// The name the console would give the key's file, from the route
/// (`location.pathname`, `location.hash`) and the signed-in principal as the
/// last verdict recognised it (`kind`, and `name` for an IAM user).
#[wasm_bindgen(js_name = pageCredentialsFileName)]
pub fn page_credentials_file_name(
    path: &str,
    fragment: &str,
    principal_kind: &str,
    user_name: Option<String>,
) -> String {
    use crate::console::Principal;
    let principal = match principal_kind {
        "root" => Principal::Root,
        "iam-user" => Principal::IamUser { name: user_name },
        "federated" => Principal::Federated,
        _ => Principal::Unknown,
    };
    crate::hygiene::page_credentials_file_name(path, fragment, &principal)
}

/// Whether this route (`location.pathname`, `location.hash`) can show a new
/// secret, so the content script watches it for one.
#[wasm_bindgen(js_name = showsNewSecret)]
pub fn shows_new_secret(path: &str, fragment: &str) -> bool {
    crate::hygiene::shows_new_secret(path, fragment)
}

/// Check the "Shown secret and clipboard" times typed on the options page;
/// throws with a message naming what is wrong.
#[wasm_bindgen(js_name = checkHygieneTimes)]
pub fn check_hygiene_times(reveal_seconds: f64, clipboard_seconds: f64) -> Result<(), JsError> {
    crate::settings::check_hygiene_times(reveal_seconds, clipboard_seconds)
        .map(|_| ())
        .map_err(|e| JsError::new(&e.to_string()))
}

/// The stored times as RootGuard uses them, `[revealSeconds,
/// clipboardSeconds]`: the defaults when absent or out of range (a stored
/// value is not trusted).
#[wasm_bindgen(js_name = hygieneTimes)]
pub fn hygiene_times(reveal_seconds: Option<f64>, clipboard_seconds: Option<f64>) -> Vec<u32> {
    use crate::settings::{check_hygiene_times, HygieneTimes, CLIPBOARD_SECONDS, REVEAL_SECONDS};
    let times = check_hygiene_times(
        reveal_seconds.unwrap_or(f64::from(REVEAL_SECONDS.default)),
        clipboard_seconds.unwrap_or(f64::from(CLIPBOARD_SECONDS.default)),
    )
    .unwrap_or_else(|e| {
        gloo::console::warn!(format!("RootGuard: stored times ignored ({e}); using the defaults."));
        HygieneTimes::default()
    });
    vec![times.reveal_seconds, times.clipboard_seconds]
}

//! The page module's bridge (feature `page`): what the background needs for
//! every console page, and the options pages for the settings. Nothing here
//! reaches Argon2, AES-GCM or X25519: the recipients in the settings are
//! checked by their Bech32 form and a table of the low-order points
//! (src/recipient.rs), not by curve arithmetic.

use wasm_bindgen::prelude::*;

use super::error::names;
use super::{observation, stored, to_js, warn_all, BridgeError};
use crate::download::DownloadClass;
use crate::settings::{KdfStrength, Settings};
use crate::verdict;

/// The content script's page observation, or a named error.
fn read_observation(value: &JsValue) -> Result<crate::console::PageObservation, BridgeError> {
    observation::read_observation(value).map_err(|e| {
        BridgeError::new(
            names::UNREADABLE_OBSERVATION,
            format!("RootGuard received an unreadable page observation: {e}"),
        )
    })
}

/// The core's decision for a page observation (`{url, sessionData, …}`),
/// under the owner's settings (`settings`: as stored, or as `readSettings`
/// returned them; `undefined` or `null` for the defaults). Settings that
/// are out of range fall back to the defaults, with a diagnostic. Each
/// notice says whether the owner shows it (`shown`), and `showBadges`
/// whether the badges are shown.
#[wasm_bindgen(js_name = assessPage)]
pub fn assess_page(observation: JsValue, settings: JsValue) -> Result<JsValue, BridgeError> {
    let observation = read_observation(&observation)?;
    let verdict = verdict::assess_stored(&observation, &stored::read_stored(&settings));
    warn_all(&verdict.diagnostics);
    to_js(&verdict)
}

/// The Argon2id parameters of a KDF strength: `[mCostKib, tCost, pCost]`.
#[wasm_bindgen(js_name = kdfStrengthParams)]
pub fn kdf_strength_params(strength: &str) -> Result<Vec<u32>, BridgeError> {
    let params = KdfStrength::parse(strength)?.params();
    Ok(vec![params.m_cost_kib, params.t_cost, params.p_cost])
}

/// The default settings: `{rotateDays, criticalDays, unusedDays, show:
/// {"root-warning", "create-key-interstitial", "export-notice",
/// "unrecognized-page", "key-badges"}, kdfStrength, leakGuard,
/// revealSeconds, clipboardClear, clipboardSeconds, exportMode, recipients:
/// [{name, recipient}]}`.
#[wasm_bindgen(js_name = defaultSettings)]
pub fn default_settings() -> Result<JsValue, BridgeError> {
    to_js(&Settings::default())
}

/// The settings as RootGuard uses them, from what storage holds (`undefined`
/// or `null` when nothing is stored) with the organisation's policy over
/// them (`managed`: what `storage.managed` holds; `undefined`, `null` or `{}`
/// without a policy): the shape of `defaultSettings`, every missing or
/// invalid field at its default; what was ignored goes to the console as a
/// warning.
#[wasm_bindgen(js_name = readSettings)]
pub fn read_settings(stored: JsValue, managed: JsValue) -> Result<JsValue, BridgeError> {
    let (enforced, ignored) =
        Settings::read_with_managed(&stored::read_stored(&stored), &stored::read_stored(&managed));
    warn_all(&ignored);
    warn_all(&enforced.diagnostics);
    to_js(&enforced.settings)
}

/// What the organisation's policy (`managed`, as for `readSettings`) makes
/// of the stored settings: `{settings, locked: ["rotateDays", "show.key-badges",
/// …], minimumKdfStrength: name or null, diagnostics: [what of the policy was
/// ignored]}`.
#[wasm_bindgen(js_name = enforcedSettings)]
pub fn enforced_settings(stored: JsValue, managed: JsValue) -> Result<JsValue, BridgeError> {
    let (enforced, ignored) =
        Settings::read_with_managed(&stored::read_stored(&stored), &stored::read_stored(&managed));
    warn_all(&ignored);
    to_js(&enforced)
}

/// The options page's check before saving, under the organisation's policy
/// (`managed`, as for `readSettings`; `stored`: what storage holds, whose
/// values the locked fields keep): the checked settings in their canonical
/// form (save those), or throws an `Error` named after what is wrong
/// (`ThresholdOutOfRange`, `NoRecipients`, `SetByOrganisation`,
/// `KdfBelowMinimum`, …).
#[wasm_bindgen(js_name = checkSettings)]
pub fn check_settings(
    candidate: JsValue,
    managed: JsValue,
    stored: JsValue,
) -> Result<JsValue, BridgeError> {
    let (managed, stored) = (stored::read_stored(&managed), stored::read_stored(&stored));
    to_js(&Settings::check_with_managed(&stored::read_stored(&candidate), &managed, &stored)?)
}

/// The names of the KDF strengths, the cheapest first.
#[wasm_bindgen(js_name = kdfStrengths)]
pub fn kdf_strengths() -> Vec<String> {
    KdfStrength::ALL.iter().map(|s| s.name().to_owned()).collect()
}

/// The translations a console page can be given (`_locales/<locale>/`), one
/// per console language, English first.
#[wasm_bindgen(js_name = consoleLocales)]
pub fn console_locales() -> Vec<String> {
    crate::language::ConsoleLanguage::ALL.iter().map(|l| l.locale().to_owned()).collect()
}

/// Whether a download the page started is a credentials file
/// (`{byName, byContent, tooLarge, credentials}`). `bytes` may be only the
/// first `MAX_CREDENTIALS_FILE_BYTES + 1`.
#[wasm_bindgen(js_name = classifyCapturedDownload)]
pub fn classify_captured_download(file_name: &str, bytes: &[u8]) -> Result<JsValue, BridgeError> {
    to_js(&DownloadClass::of(file_name, bytes))
}

/// Whether a download the browser's download manager reports is a
/// credentials file, by name and by its total size when known (a negative
/// or non-finite size is unknown): the same shape as
/// `classifyCapturedDownload`.
#[wasm_bindgen(js_name = classifyReportedDownload)]
pub fn classify_reported_download(
    file_name: &str,
    total_bytes: f64,
) -> Result<JsValue, BridgeError> {
    let size = (total_bytes.is_finite() && total_bytes >= 0.0).then_some(total_bytes as u64);
    to_js(&DownloadClass::of_reported(file_name, size))
}

/// A drift report for an observed page (`observation` as for `assessPage`,
/// `page`: the page's element tree, `{tag, attrs: [[name, value]], text,
/// children}`): safe to paste in public (docs/DRIFT-REPORT.md).
#[wasm_bindgen(js_name = pageReport)]
pub fn page_report(observation: JsValue, page: JsValue) -> Result<JsValue, BridgeError> {
    let observation = read_observation(&observation)?;
    let page = observation::read_page_tree(&page).map_err(|e| {
        BridgeError::new(
            names::UNREADABLE_PAGE_TREE,
            format!("RootGuard received an unreadable page tree: {e}"),
        )
    })?;
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
pub fn data_url_bytes(url: &str) -> Result<Vec<u8>, BridgeError> {
    Ok(crate::download::data_url_bytes(url)?)
}

/// The name a captured download goes by (`credentials.csv` when unnamed).
#[wasm_bindgen(js_name = capturedFileName)]
pub fn captured_file_name(suggested: &str) -> String {
    crate::file_names::captured_file_name(suggested)
}

/// The name an encrypted copy is saved under.
#[wasm_bindgen(js_name = encryptedFileName)]
pub fn encrypted_file_name(original: &str) -> String {
    crate::file_names::encrypted_file_name(original)
}

/// `{score, label, bits, acceptable}` for a passphrase.
#[wasm_bindgen(js_name = ratePassphrase)]
pub fn rate_passphrase(passphrase: &str) -> Result<JsValue, BridgeError> {
    to_js(&crate::passphrase::rate(passphrase))
}

/// The shortest passphrase RootGuard accepts.
#[wasm_bindgen(js_name = passphraseMinimumLength)]
pub fn passphrase_minimum_length() -> usize {
    crate::passphrase::MINIMUM_LENGTH
}

/// The access keys in text pasted or typed on another site (the leak
/// guard): `[{accessKeyId, secretAt: {start, end}}]`, byte offsets into the
/// text's UTF-8. Never the secret itself.
#[wasm_bindgen(js_name = findAccessKeys)]
pub fn find_access_keys(text: &str) -> Result<JsValue, BridgeError> {
    to_js(&crate::leak::find_access_keys(text))
}

/// What the content scripts apply by themselves, synchronously:
/// `{keyIdPattern}`, an access key ID's form as a regular expression's
/// source for `new RegExp` (not anchored).
#[wasm_bindgen(js_name = contentRules)]
pub fn content_rules() -> Result<JsValue, BridgeError> {
    to_js(&crate::CONTENT_RULES)
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
) -> Result<Vec<u8>, BridgeError> {
    Ok(crate::hygiene::page_credentials_csv(access_key_id, secret_access_key)?.to_vec())
}

/// The name the console would give the key's file on the page observed
/// (`{url, sessionData, …}`, without key rows): the wizard's IAM user, else
/// who is signed in, as the core recognises them from the page itself.
#[wasm_bindgen(js_name = pageCredentialsFileName)]
pub fn page_credentials_file_name(observation: JsValue) -> Result<String, BridgeError> {
    let recognition = read_observation(&observation)?.recognise();
    Ok(crate::file_names::page_credentials_file_name(
        &recognition.page,
        &recognition.session.principal,
    ))
}

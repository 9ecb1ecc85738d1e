//! The secret on the console's Retrieve access key step, once it is out of
//! the console's hands: shown on screen, or copied to the clipboard.
//!
//! The content scripts see the page and the copies; they ask the core what
//! they mean here, so that "this is a secret" is one rule for the leak guard,
//! the download capture and this module ([`crate::csv`], [`crate::leak`]).
//! Nothing here keeps or prints a secret: the CSV built from the page is
//! `Zeroizing`, and a copied text is only classified.

use serde::Serialize;
use thiserror::Error;
use zeroize::Zeroizing;

use crate::csv::{is_access_key_id, is_secret_access_key};
use crate::leak::{find_access_keys, looks_random};

/// What a text copied from a console page holds, as far as RootGuard cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CopiedText {
    /// Nothing secret (an access key ID alone names a key; it is no secret).
    Nothing,
    /// A secret access key on its own (the console's copy button, or a
    /// selection of the shown secret).
    Secret,
    /// An access key ID with its secret (a whole credentials text).
    Credentials,
}

impl CopiedText {
    /// The name JavaScript receives.
    pub fn name(self) -> &'static str {
        match self {
            CopiedText::Nothing => "nothing",
            CopiedText::Secret => "secret",
            CopiedText::Credentials => "credentials",
        }
    }
}

/// Classify a copied text. A secret is a standalone token of the secret's
/// form (40 characters of base64's alphabet, not glued to more of it or to
/// `=` padding) that also looks random (mixes upper case, lower case and
/// digits), as [`crate::leak`] asks of a secret: that keeps a copied SHA-1 or
/// a 40-letter word from counting. A selection around the secret ("Secret
/// access key wJal… Hide") still holds the secret, so it counts too.
pub fn classify_copied(text: &str) -> CopiedText {
    if !find_access_keys(text).is_empty() {
        return CopiedText::Credentials;
    }
    let is_secret_char = |c: char| c.is_ascii_alphanumeric() || c == '/' || c == '+';
    let has_secret = text
        .split(|c: char| !is_secret_char(c) && c != '=')
        .any(|token| is_secret_access_key(token) && looks_random(token));
    if has_secret {
        CopiedText::Secret
    } else {
        CopiedText::Nothing
    }
}

/// Why the key read from the page cannot be saved.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PageKeyError {
    /// The access key ID on the page is not of the `AKIA…`/`ASIA…` form.
    #[error("the access key ID RootGuard read from the page does not look like one (AKIA… or ASIA…, 20 characters): click Download .csv file instead, and tell RootGuard's authors the console changed")]
    NotAnAccessKeyId,
    /// What the page shows as the secret is not a 40-character secret
    /// (most likely it is still hidden).
    #[error("the secret access key RootGuard read from the page is not a 40-character secret: click Show first, or click Download .csv file instead")]
    NotASecret,
}

impl PageKeyError {
    /// A stable name for the error, e.g. for a JavaScript `Error.name`.
    pub fn name(&self) -> &'static str {
        match self {
            PageKeyError::NotAnAccessKeyId => "NotAnAccessKeyId",
            PageKeyError::NotASecret => "NotASecret",
        }
    }
}

/// The credentials file for a key read from the page, exactly as the
/// console's Download .csv file builds `rootkey.csv` and
/// `<user>_accessKeys.csv` (`Access key ID,Secret access key`, CRLF), so
/// that the encrypted copy opens to the same bytes either way.
pub fn page_credentials_csv(
    access_key_id: &str,
    secret_access_key: &str,
) -> Result<Zeroizing<Vec<u8>>, PageKeyError> {
    let (id, secret) = (access_key_id.trim(), secret_access_key.trim());
    if !is_access_key_id(id) {
        return Err(PageKeyError::NotAnAccessKeyId);
    }
    if !is_secret_access_key(secret) {
        return Err(PageKeyError::NotASecret);
    }
    let mut csv = Zeroizing::new(Vec::with_capacity(96));
    csv.extend_from_slice(b"Access key ID,Secret access key\r\n");
    csv.extend_from_slice(id.as_bytes());
    csv.push(b',');
    csv.extend_from_slice(secret.as_bytes());
    csv.extend_from_slice(b"\r\n");
    Ok(csv)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::csv::CredentialCsv;

    const ID: &str = "AKIAIOSFODNN7EXAMPLE";
    const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    #[test]
    fn a_copied_secret_or_credentials_text_is_told_apart_from_an_id() {
        assert_eq!(classify_copied(SECRET), CopiedText::Secret);
        assert_eq!(classify_copied(&format!("  {SECRET}\n")), CopiedText::Secret);
        assert_eq!(
            classify_copied(&format!("Access key ID,Secret access key\r\n{ID},{SECRET}\r\n")),
            CopiedText::Credentials
        );
        assert_eq!(classify_copied(&format!("{ID}\n{SECRET}")), CopiedText::Credentials);
        assert_eq!(classify_copied(ID), CopiedText::Nothing, "a key ID is not a secret");
        assert_eq!(classify_copied(""), CopiedText::Nothing);
        assert_eq!(
            classify_copied("da39a3ee5e6b4b0d3255bfef95601890afd80709"),
            CopiedText::Nothing,
            "a SHA-1 is not a secret"
        );
        assert_eq!(
            classify_copied("wJalrXUtnFEMI/KxMDENG/bPxRfiCYEXAMPLEKEY"),
            CopiedText::Secret,
            "a secret with no digit (about one key in 900)"
        );
        assert_eq!(
            classify_copied(&format!("Secret access key\n{SECRET} Hide")),
            CopiedText::Secret
        );
        assert_eq!(
            classify_copied(&format!("x{SECRET}")),
            CopiedText::Nothing,
            "part of a longer token"
        );
        assert_eq!(
            classify_copied(&format!("{SECRET}==")),
            CopiedText::Nothing,
            "base64 with padding"
        );
    }

    #[test]
    fn the_page_key_becomes_the_consoles_own_csv() {
        let csv = page_credentials_csv(&format!(" {ID} "), SECRET).unwrap_or_default();
        assert_eq!(
            csv.as_slice(),
            format!("Access key ID,Secret access key\r\n{ID},{SECRET}\r\n").as_bytes()
        );
        let parsed = CredentialCsv::parse(&csv).map(|c| c.keys);
        assert_eq!(parsed.map(|k| k[0].access_key_id.clone()), Ok(ID.to_owned()));
    }

    #[test]
    fn a_hidden_or_malformed_key_is_refused_with_what_to_do() {
        assert_eq!(page_credentials_csv(ID, "***************"), Err(PageKeyError::NotASecret));
        assert_eq!(page_credentials_csv("AKIA123", SECRET), Err(PageKeyError::NotAnAccessKeyId));
        let message = PageKeyError::NotASecret.to_string();
        assert!(message.contains("click Show first"), "{message}");
    }

    #[test]
    fn error_names_are_distinct() {
        assert_ne!(PageKeyError::NotAnAccessKeyId.name(), PageKeyError::NotASecret.name());
    }
}

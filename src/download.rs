//! Deciding whether a download the page started is a credentials file that
//! must never reach disk as plaintext.
//!
//! A credentials file the console hands out is a few hundred bytes (one key,
//! or a handful of users' keys in `new_user_credentials.csv`). Anything
//! larger than [`MAX_CREDENTIALS_FILE_BYTES`] is therefore not one, whatever
//! its name: the page-realm script lets such a download go ahead untouched
//! without reading it (the number reaches it through the generated
//! `extension/main-world/capture-policy.js`, checked by
//! `tests/capture_policy.rs`), and the safety net leaves it alone.

use serde::Serialize;
use thiserror::Error;

use crate::csv::CredentialCsv;
use crate::file_names::is_credentials_file_name;

/// The largest file RootGuard treats as possibly holding credentials: 64 KiB,
/// about a hundred times the console's largest credentials file.
pub const MAX_CREDENTIALS_FILE_BYTES: usize = 64 * 1024;

/// Why a download was judged to hold credentials, or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DownloadClass {
    /// The file's name is one the console uses for credentials
    /// ([`is_credentials_file_name`]).
    pub by_name: bool,
    /// The file's content holds an access key ID and secret.
    pub by_content: bool,
    /// The file is larger than any credentials file: neither test counts.
    pub too_large: bool,
    /// The verdict: the download must not be saved as is.
    pub credentials: bool,
}

impl DownloadClass {
    /// Classify a download by its suggested file name and its bytes (a page
    /// may hand over only the first `MAX_CREDENTIALS_FILE_BYTES + 1`: that is
    /// enough to know it is too large).
    pub fn of(file_name: &str, bytes: &[u8]) -> DownloadClass {
        let too_large = bytes.len() > MAX_CREDENTIALS_FILE_BYTES;
        DownloadClass::new(
            is_credentials_file_name(file_name),
            !too_large && CredentialCsv::parse(bytes).is_ok(),
            too_large,
        )
    }

    /// Classify a download the browser's download manager reports (the
    /// safety net): by name, and by size when the browser knows it.
    pub fn of_reported(file_name: &str, total_bytes: Option<u64>) -> DownloadClass {
        let too_large = total_bytes.is_some_and(|n| n > MAX_CREDENTIALS_FILE_BYTES as u64);
        DownloadClass::new(is_credentials_file_name(file_name), false, too_large)
    }

    fn new(by_name: bool, by_content: bool, too_large: bool) -> DownloadClass {
        DownloadClass {
            by_name,
            by_content,
            too_large,
            credentials: !too_large && (by_name || by_content),
        }
    }

    /// The download must not be saved as is.
    pub fn is_credentials(&self) -> bool {
        self.credentials
    }
}

/// Why a `data:` URL could not be read.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum DataUrlError {
    /// Not a `data:` URL, or no comma after its media type.
    #[error("not a data: URL")]
    NotDataUrl,
    /// Marked `;base64` but its body is not base64.
    #[error("the data: URL says base64, but its body is not base64")]
    InvalidBase64,
}

impl DataUrlError {
    /// The error's name, for a JavaScript `Error.name`.
    pub fn name(&self) -> &'static str {
        match self {
            DataUrlError::NotDataUrl => "NotDataUrl",
            DataUrlError::InvalidBase64 => "InvalidBase64",
        }
    }
}

/// The bytes a `data:` URL stands for, as browsers read it (the WHATWG Fetch
/// standard's data: URL processor): any case of `data:` and of `;base64`,
/// media type parameters in any order, percent-encoding, and whitespace
/// in base64 all give the same bytes.
pub fn data_url_bytes(url: &str) -> Result<Vec<u8>, DataUrlError> {
    let parsed = data_url::DataUrl::process(url).map_err(|_| DataUrlError::NotDataUrl)?;
    let (bytes, _fragment) = parsed.decode_to_vec().map_err(|_| DataUrlError::InvalidBase64)?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn too_large_is_never_credentials() {
        let csv = b"Access key ID,Secret access key\r\nAKIAIOSFODNN7EXAMPLE,wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\r\n";
        let mut padded = csv.to_vec();
        padded.resize(MAX_CREDENTIALS_FILE_BYTES, b' ');
        assert!(
            DownloadClass::of("rootkey.csv", &padded).is_credentials(),
            "at the limit it counts"
        );
        padded.push(b' ');
        let class = DownloadClass::of("rootkey.csv", &padded);
        assert!(class.too_large && class.by_name && !class.is_credentials(), "{class:?}");
        assert!(!DownloadClass::of_reported("rootkey.csv", Some(120 << 20)).is_credentials());
        assert!(
            DownloadClass::of_reported("rootkey.csv", None).is_credentials(),
            "size unknown: the name decides"
        );
        assert!(DownloadClass::of_reported("rootkey.csv", Some(120)).is_credentials());
        assert!(!DownloadClass::of_reported("report.csv", Some(120)).is_credentials());
    }

    #[test]
    fn data_urls_in_every_spelling() {
        let csv = "Access key ID,Secret access key\r\nAKIAIOSFODNN7EXAMPLE,wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\r\n";
        let base64 = "QWNjZXNzIGtleSBJRCxTZWNyZXQgYWNjZXNzIGtleQ0KQUtJQUlPU0ZPRE5ON0VYQU1QTEUsd0phbHJYVXRuRkVNSS9LN01ERU5HL2JQeFJmaUNZRVhBTVBMRUtFWQ0K";
        let percent = "Access%20key%20ID%2CSecret%20access%20key%0D%0AAKIAIOSFODNN7EXAMPLE%2CwJalrXUtnFEMI%2FK7MDENG%2FbPxRfiCYEXAMPLEKEY%0D%0A";
        let spaced: String = base64.chars().flat_map(|c| [c, ' ']).collect();
        for url in [
            format!("data:text/csv;base64,{base64}"),
            format!("DATA:TEXT/CSV;BASE64,{base64}"),
            format!("data:text/csv;charset=utf-8;base64,{base64}"),
            format!("data:;base64,{base64}"),
            format!("data:text/csv;base64,{spaced}"),
            format!("data:text/csv,{percent}"),
            format!("data:text/csv;charset=UTF-8;header=present,{percent}"),
            format!("data:,{percent}"),
            format!("data:application/octet-stream;base64,{base64}#fragment"),
        ] {
            let bytes = data_url_bytes(&url).unwrap_or_else(|e| panic!("{url}: {e}"));
            assert_eq!(bytes, csv.as_bytes(), "{url}");
            assert!(DownloadClass::of("", &bytes).is_credentials(), "{url}");
        }
        assert_eq!(data_url_bytes("blob:https://x/y"), Err(DataUrlError::NotDataUrl));
        assert_eq!(data_url_bytes("data:text/csv"), Err(DataUrlError::NotDataUrl));
        assert_eq!(data_url_bytes("data:;base64,@@@"), Err(DataUrlError::InvalidBase64));
    }

    #[test]
    fn content_alone_is_enough() {
        let csv = b"Access key ID,Secret access key\r\nAKIAIOSFODNN7EXAMPLE,wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\r\n";
        let class = DownloadClass::of("download.csv", csv);
        assert!(class.is_credentials());
        assert!(!class.by_name && class.by_content);
        assert!(!DownloadClass::of(
            "list.csv",
            b"Access key ID,Status\nAKIAIOSFODNN7EXAMPLE,Active\n"
        )
        .is_credentials());
    }
}

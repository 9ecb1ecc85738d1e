//! Deciding whether a download the page started is a credentials file that
//! must never reach disk as plaintext.

use serde::Serialize;

use crate::csv::CredentialCsv;

/// Why a download was judged to hold credentials, or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DownloadClass {
    /// The file's name is one the console uses for credentials.
    pub by_name: bool,
    /// The file's content holds an access key ID and secret.
    pub by_content: bool,
}

impl DownloadClass {
    /// Classify a download by its suggested file name and its bytes.
    pub fn of(file_name: &str, bytes: &[u8]) -> DownloadClass {
        DownloadClass {
            by_name: is_credentials_file_name(file_name),
            by_content: CredentialCsv::parse(bytes).is_ok(),
        }
    }

    /// Either test says credentials: the download must not be saved as is.
    pub fn is_credentials(&self) -> bool {
        self.by_name || self.by_content
    }
}

/// `rootkey.csv`, `<user>_accessKeys.csv`, `*credentials*.csv` (any case, and
/// with the ` (1)` browsers add to repeated downloads).
pub fn is_credentials_file_name(file_name: &str) -> bool {
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or_default().to_ascii_lowercase();
    let Some(stem) = base.strip_suffix(".csv") else {
        return false;
    };
    let stem = strip_copy_counter(stem);
    stem == "rootkey" || stem.ends_with("_accesskeys") || stem.contains("credentials")
}

/// `rootkey (1)` → `rootkey`.
fn strip_copy_counter(stem: &str) -> &str {
    match stem.rsplit_once(" (") {
        Some((head, tail))
            if tail.strip_suffix(')').is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit())) =>
        {
            head
        }
        _ => stem,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credential_file_names() {
        for name in [
            "rootkey.csv",
            "ROOTKEY.CSV",
            "alice_accessKeys.csv",
            "new_user_credentials.csv",
            "rootkey (1).csv",
            "C:\\Users\\x\\rootkey.csv",
        ] {
            assert!(is_credentials_file_name(name), "{name}");
        }
        for name in [
            "rootkey.csv.rgenc",
            "access-keys-list.csv",
            "report.csv",
            "rootkey.txt",
            "status_reports.csv",
        ] {
            assert!(!is_credentials_file_name(name), "{name}");
        }
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

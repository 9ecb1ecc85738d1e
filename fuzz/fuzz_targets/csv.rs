//! The credentials-file recogniser: `CredentialCsv::parse` on arbitrary
//! bytes, the download classifier built on it, the file-name rules the
//! export applies to whatever name a page suggests, and the `data:` URL
//! reader a page's download may go through.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rootguard::csv::{is_access_key_id, is_secret_access_key, CredentialCsv};
use rootguard::download::{data_url_bytes, DownloadClass, MAX_CREDENTIALS_FILE_BYTES};
use rootguard::file_names::{captured_file_name, encrypted_file_name, is_credentials_file_name};

fuzz_target!(|data: &[u8]| {
    if let Ok(csv) = CredentialCsv::parse(data) {
        // A parse that succeeds holds only well-formed keys...
        assert!(!csv.keys.is_empty());
        for key in &csv.keys {
            assert!(is_access_key_id(&key.access_key_id), "{:?}", key.access_key_id);
            assert!(is_secret_access_key(&key.secret_access_key));
        }
        // ...never prints a secret...
        let printed = format!("{csv:?}");
        assert!(csv.keys.iter().all(|k| !printed.contains(k.secret_access_key.as_str())));
        // ...and makes the download a credentials download whatever its name,
        // unless it is too large to be one.
        let class = DownloadClass::of("download.txt", data);
        assert_eq!(class.is_credentials(), data.len() <= MAX_CREDENTIALS_FILE_BYTES);
    }

    // Any bytes, percent-encoded into a data: URL, read back exactly.
    let encoded: String = data.iter().map(|b| format!("%{b:02X}")).collect();
    assert_eq!(data_url_bytes(&format!("data:text/csv,{encoded}")).as_deref(), Ok(data));

    // The same bytes as a file name a page suggests.
    let name = String::from_utf8_lossy(data);
    let by_name = is_credentials_file_name(&name);
    assert!(!by_name || name.to_ascii_lowercase().ends_with(".csv"));
    let captured = captured_file_name(&name);
    assert!(!captured.is_empty() && !captured.contains(['/', '\\']), "{captured:?}");
    let encrypted = encrypted_file_name(&name);
    assert!(encrypted.ends_with(".rootguard"), "{encrypted:?}");
    assert!(!encrypted.contains(['/', '\\']) && !encrypted.chars().any(char::is_control));
    assert!(!encrypted.starts_with('.'), "{encrypted:?}");
    // The same bytes as a URL: read or refused, never a panic.
    let _ = data_url_bytes(&name);
});

//! Credential files the console hands out, recognised by content.
//!
//! The formats (see `shared/console-facts.md`): `Access key ID,Secret access
//! key` (rootkey.csv and `<user>_accessKeys.csv`), the old
//! `AWSAccessKeyId=…`/`AWSSecretKey=…` rootkey.csv, `new_user_credentials.csv`
//! and the older `User Name,Access Key Id,Secret Access Key`. Any of them may
//! carry a UTF-8 BOM and CRLF line ends.

use std::fmt;

use serde::Serialize;
use thiserror::Error;
use zeroize::Zeroizing;

/// Which layout a credentials file uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CsvFormat {
    /// A header row naming an access key ID column and a secret column.
    Table,
    /// `AWSAccessKeyId=…` and `AWSSecretKey=…` lines (old rootkey.csv).
    KeyValue,
}

/// One access key and its secret. The secret is wiped from memory on drop
/// and never printed by `Debug`.
#[derive(Clone, PartialEq, Eq)]
pub struct AccessKeyPair {
    /// `AKIA…` (long-term) or `ASIA…` (temporary) key ID.
    pub access_key_id: String,
    /// The 40-character secret access key.
    pub secret_access_key: Zeroizing<String>,
}

impl fmt::Debug for AccessKeyPair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccessKeyPair")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"<redacted>")
            .finish()
    }
}

/// A parsed credentials file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialCsv {
    /// The file's layout.
    pub format: CsvFormat,
    /// Every key pair found, in file order.
    pub keys: Vec<AccessKeyPair>,
}

/// Why a file is not a credentials file RootGuard understands.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum CsvError {
    /// Not UTF-8 text.
    #[error("the file is not UTF-8 text")]
    NotText,
    /// No header or key/value line names an access key ID and a secret.
    #[error("no access key ID and secret access key columns were found")]
    NoCredentialColumns,
    /// The columns exist but no row holds a well-formed key ID and secret.
    #[error("no row holds a well-formed access key ID (AKIA…/ASIA…, 20 characters) and 40-character secret")]
    NoKeys,
}

impl CsvError {
    /// A stable name for the error, e.g. for a JavaScript `Error.name`.
    pub fn name(&self) -> &'static str {
        match self {
            CsvError::NotText => "NotText",
            CsvError::NoCredentialColumns => "NoCredentialColumns",
            CsvError::NoKeys => "NoKeys",
        }
    }
}

impl CredentialCsv {
    /// Parse a credentials file.
    pub fn parse(bytes: &[u8]) -> Result<CredentialCsv, CsvError> {
        let text = std::str::from_utf8(bytes).map_err(|_| CsvError::NotText)?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let lines: Vec<&str> = text
            .lines()
            .map(|l| l.trim_end_matches('\r'))
            .filter(|l| !l.trim().is_empty())
            .collect();
        if let Some(parsed) = Self::parse_key_value(&lines) {
            return parsed;
        }
        Self::parse_table(&lines)
    }

    fn parse_key_value(lines: &[&str]) -> Option<Result<CredentialCsv, CsvError>> {
        let value = |name: &str| {
            lines.iter().find_map(|line| {
                let (key, value) = line.split_once('=')?;
                key.trim().eq_ignore_ascii_case(name).then(|| value.trim())
            })
        };
        let id = value("AWSAccessKeyId")?;
        let secret = value("AWSSecretKey")?;
        Some(
            key_pair(id, secret)
                .map(|pair| CredentialCsv { format: CsvFormat::KeyValue, keys: vec![pair] })
                .ok_or(CsvError::NoKeys),
        )
    }

    fn parse_table(lines: &[&str]) -> Result<CredentialCsv, CsvError> {
        let (header, rows) = lines.split_first().ok_or(CsvError::NoCredentialColumns)?;
        let header = split_fields(header);
        let column = |wanted: &str| header.iter().position(|h| normalise_header(h) == wanted);
        let (Some(id_col), Some(secret_col)) = (column("accesskeyid"), column("secretaccesskey"))
        else {
            return Err(CsvError::NoCredentialColumns);
        };
        let keys: Vec<AccessKeyPair> = rows
            .iter()
            .filter_map(|row| {
                let fields = split_fields(row);
                key_pair(fields.get(id_col)?, fields.get(secret_col)?)
            })
            .collect();
        if keys.is_empty() {
            return Err(CsvError::NoKeys);
        }
        Ok(CredentialCsv { format: CsvFormat::Table, keys })
    }
}

/// `Access key ID`, `Access Key Id`, `access_key_id` → `accesskeyid`.
fn normalise_header(header: &str) -> String {
    header.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect()
}

fn key_pair(id: &str, secret: &str) -> Option<AccessKeyPair> {
    let (id, secret) = (id.trim(), secret.trim());
    (is_access_key_id(id) && is_secret_access_key(secret)).then(|| AccessKeyPair {
        access_key_id: id.to_owned(),
        secret_access_key: Zeroizing::new(secret.to_owned()),
    })
}

/// The form of access key IDs in every partition ([`is_access_key_id`]) as
/// the source of a JavaScript regular expression (`new RegExp(…)`), not
/// anchored: the content scripts find key IDs on a page by it, and cannot
/// ask the core synchronously. Keep it in step with [`is_access_key_id`]:
/// the tests check the two against each other, natively and in browsers
/// (`tests/wasm_bridge.rs`).
pub const ACCESS_KEY_ID_PATTERN: &str = "(?:AKIA|ASIA)[A-Z2-7]{16}";

/// `(AKIA|ASIA)[A-Z2-7]{16}` ([`ACCESS_KEY_ID_PATTERN`]): the form of access
/// key IDs in every partition.
pub fn is_access_key_id(id: &str) -> bool {
    id.len() == 20
        && (id.starts_with("AKIA") || id.starts_with("ASIA"))
        && id.bytes().skip(4).all(|b| b.is_ascii_uppercase() || (b'2'..=b'7').contains(&b))
}

/// The form of secret access keys ([`is_secret_access_key`]) as the source
/// of a JavaScript regular expression, not anchored: the content script
/// watching a create-access-key wizard finds a shown secret by it (the core
/// confirms each one). Kept in step with [`is_secret_access_key`] by a test.
pub const SECRET_ACCESS_KEY_PATTERN: &str = "[A-Za-z0-9/+]{40}";

/// 40 characters of base64's alphabet ([`SECRET_ACCESS_KEY_PATTERN`]).
pub fn is_secret_access_key(secret: &str) -> bool {
    secret.len() == 40
        && secret.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'/' || b == b'+')
}

/// Split one CSV line: commas separate, double quotes group, `""` escapes.
/// Fields hold secrets: each is wiped on drop, and sized for the whole line
/// up front so that growing it never leaves a copy in freed memory.
fn split_fields(line: &str) -> Vec<Zeroizing<String>> {
    let mut fields = Vec::new();
    let new_field = || Zeroizing::new(String::with_capacity(line.len()));
    let mut field = new_field();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(std::mem::replace(&mut field, new_field())),
            _ => field.push(c),
        }
    }
    fields.push(field);
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "AKIAIOSFODNN7EXAMPLE";
    const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    fn parsed(text: &str) -> Result<CredentialCsv, CsvError> {
        CredentialCsv::parse(text.as_bytes())
    }

    #[test]
    fn every_console_format_with_and_without_bom_and_crlf() {
        let formats = [
            (format!("Access key ID,Secret access key\n{ID},{SECRET}\n"), CsvFormat::Table),
            (format!("AWSAccessKeyId={ID}\nAWSSecretKey={SECRET}\n"), CsvFormat::KeyValue),
            (
                format!("User name,Password,Access key ID,Secret access key,Console login link\nalice,pw,{ID},{SECRET},https://123456789012.signin.aws.amazon.com/console\n"),
                CsvFormat::Table,
            ),
            (format!("User Name,Access Key Id,Secret Access Key\n\"alice\",{ID},{SECRET}\n"), CsvFormat::Table),
        ];
        for (text, format) in formats {
            for variant in [
                text.clone(),
                text.replace('\n', "\r\n"),
                format!("\u{feff}{}", text.replace('\n', "\r\n")),
            ] {
                let csv = parsed(&variant).unwrap_or_else(|e| panic!("{variant:?}: {e}"));
                assert_eq!(csv.format, format);
                assert_eq!(csv.keys.len(), 1);
                assert_eq!(csv.keys[0].access_key_id, ID);
                assert_eq!(csv.keys[0].secret_access_key.as_str(), SECRET);
            }
        }
    }

    #[test]
    fn files_that_are_not_credentials_are_refused_with_a_reason() {
        assert_eq!(
            parsed("Access key ID,Status\nAKIAIOSFODNN7EXAMPLE,Active\n"),
            Err(CsvError::NoCredentialColumns)
        );
        assert_eq!(parsed(""), Err(CsvError::NoCredentialColumns));
        assert_eq!(
            parsed("Access key ID,Secret access key\nAKIA123,short\n"),
            Err(CsvError::NoKeys)
        );
        assert_eq!(CredentialCsv::parse(&[0xff, 0xfe, 0x00]), Err(CsvError::NotText));
        assert_eq!(parsed("AWSAccessKeyId=nope\nAWSSecretKey=nope\n"), Err(CsvError::NoKeys));
    }

    #[test]
    fn debug_never_prints_the_secret() {
        let csv = parsed(&format!("Access key ID,Secret access key\n{ID},{SECRET}\n"))
            .unwrap_or_else(|e| panic!("{e}"));
        let printed = format!("{csv:?}");
        assert!(printed.contains(ID));
        assert!(!printed.contains(SECRET));
    }

    #[test]
    fn key_id_shape() {
        assert!(is_access_key_id("ASIAY34FZKBOKMUTVV7A"));
        assert!(!is_access_key_id("AKIAIOSFODNN7EXAMPL1")); // 1 is not base32
        assert!(!is_access_key_id("AKIDIOSFODNN7EXAMPLE"));
    }

    /// Whether `text` matches the whole of [`ACCESS_KEY_ID_PATTERN`], read
    /// as the regular expression it is: `(?:A|B)` alternatives, one
    /// `[…]` class of ranges and single characters, a `{n}` count.
    /// The bytes a regular expression's `[…]` class (ranges and single characters) holds.
    fn class_members(class: &str) -> Vec<u8> {
        let class = class.as_bytes();
        let mut members = Vec::new();
        let mut i = 0;
        while i < class.len() {
            if class.get(i + 1) == Some(&b'-') {
                members.extend(class[i]..=class[i + 2]);
                i += 3;
            } else {
                members.push(class[i]);
                i += 1;
            }
        }
        members
    }

    fn matches_pattern(text: &str) -> bool {
        let rest = ACCESS_KEY_ID_PATTERN.strip_prefix("(?:").unwrap();
        let (alternatives, rest) = rest.split_once(')').unwrap();
        let (class, count) = rest.strip_prefix('[').unwrap().split_once(']').unwrap();
        let count: usize =
            count.strip_prefix('{').unwrap().strip_suffix('}').unwrap().parse().unwrap();
        let members = class_members(class);
        alternatives.split('|').any(|prefix| {
            text.strip_prefix(prefix).is_some_and(|tail| {
                tail.len() == count && tail.bytes().all(|b| members.contains(&b))
            })
        })
    }

    /// The pattern JavaScript receives and the core's matcher agree: on
    /// real IDs, and on every one-character change of one.
    #[test]
    fn the_key_id_pattern_agrees_with_the_matcher() {
        let samples = [
            ID,
            "ASIAY34FZKBOKMUTVV7A",
            "AKIAJ7QZ2EXAMPLEKEY2",
            "AKIA",
            "",
            "akiaiosfodnn7example",
        ];
        for sample in samples {
            assert_eq!(matches_pattern(sample), is_access_key_id(sample), "{sample}");
        }
        for at in 0..ID.len() {
            for c in (0u8..=127).map(char::from) {
                let mut changed = ID.to_owned();
                changed.replace_range(at..at + 1, c.encode_utf8(&mut [0; 4]));
                assert_eq!(matches_pattern(&changed), is_access_key_id(&changed), "{changed:?}");
            }
        }
        for id in [format!("{ID}A"), ID[..19].to_owned(), format!("ASIA{}", &ID[4..])] {
            assert_eq!(matches_pattern(&id), is_access_key_id(&id), "{id}");
        }
    }

    /// The secret's pattern JavaScript receives and the core's test agree:
    /// every byte in and out of the class, and lengths either side of 40.
    #[test]
    fn the_secret_pattern_agrees_with_the_matcher() {
        let (class, count) = SECRET_ACCESS_KEY_PATTERN[1..].split_once(']').unwrap();
        assert_eq!(count, "{40}");
        let members = class_members(class);
        let in_class = |b: u8| members.contains(&b);
        for b in 0u8..=127 {
            let text = String::from_utf8(vec![b; 40]).unwrap();
            assert_eq!(in_class(b), is_secret_access_key(&text), "{b}");
        }
        let secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        assert!(is_secret_access_key(secret));
        assert!(!is_secret_access_key(&secret[..39]));
        assert!(!is_secret_access_key(&format!("{secret}A")));
    }

    #[test]
    fn error_names_are_distinct() {
        let names =
            [CsvError::NotText, CsvError::NoCredentialColumns, CsvError::NoKeys].map(|e| e.name());
        assert_eq!(names, ["NotText", "NoCredentialColumns", "NoKeys"]);
    }
}

//! Encrypted export of a credentials file the console tried to download:
//! the rules around the envelope (which passphrases, how much of the file
//! name it keeps). The names themselves are [`crate::file_names`]'.

use serde::Serialize;
use thiserror::Error;

use crate::csv::{CredentialCsv, CsvError};

use crate::envelope::{self, EnvelopeError, KdfParams, Protection};
use crate::identity::{self, IdentityError};
use crate::passphrase;
use crate::recipient::{Recipient, RecipientError};

/// Why an export could not be sealed.
#[derive(Debug, Error)]
pub enum ExportError {
    /// The passphrase is below RootGuard's bar.
    #[error("the passphrase is too weak: use at least {min} characters and avoid repeats and runs", min = passphrase::MINIMUM_LENGTH)]
    WeakPassphrase,
    /// Sealing or opening failed (see the envelope's message).
    #[error(transparent)]
    Envelope(#[from] EnvelopeError),
    /// A recipient string (1-based position in the list) does not parse.
    #[error("recipient {index}: {error}")]
    Recipient {
        /// Its position in the list, from 1.
        index: usize,
        /// What is wrong with it.
        error: RecipientError,
    },
    /// The identity file could not be opened or read.
    #[error(transparent)]
    Identity(#[from] IdentityError),
    /// The file opened, but what it holds is not a credentials file.
    #[error("the file decrypted, but it does not hold AWS access keys: {0}")]
    NotCredentials(#[from] CsvError),
}

impl ExportError {
    /// A stable name for the error, e.g. for a JavaScript `Error.name`. An
    /// envelope's, identity's or recipient's error keeps its own name (as
    /// its message is kept).
    pub fn name(&self) -> &'static str {
        match self {
            ExportError::WeakPassphrase => "WeakPassphrase",
            ExportError::Envelope(e) => e.name(),
            ExportError::Recipient { error, .. } => error.name(),
            ExportError::Identity(e) => e.name(),
            ExportError::NotCredentials(_) => "NotCredentials",
        }
    }
}

/// One key of an opened export, for display in RootGuard's decrypt page.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RevealedKey {
    /// `AKIA…`.
    pub access_key_id: String,
    /// The secret, handed to the page that shows it (masked until asked).
    pub secret_access_key: String,
}

/// An opened export.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OpenedExport {
    /// The name the console gave the file.
    pub file_name: String,
    /// The keys it holds.
    pub keys: Vec<RevealedKey>,
}

/// Open an export (binary or armored) and read the keys it holds.
pub fn open_export(file: &[u8], passphrase: &str) -> Result<OpenedExport, ExportError> {
    let opened = envelope::open(file, passphrase.as_bytes())?;
    keys_of(opened.file_name, &opened.plaintext)
}

/// Open an export encrypted to recipients (format version 2 or 3) with an
/// identity file and that file's passphrase. The export is checked first, so
/// a damaged file or a passphrase file is reported before the identity's
/// Argon2id runs.
pub fn open_export_with_identity(
    file: &[u8],
    identity_file: &[u8],
    identity_passphrase: &str,
) -> Result<OpenedExport, ExportError> {
    if let Protection::Passphrase { .. } = envelope::peek(file)?.protection {
        return Err(EnvelopeError::NeedsPassphrase.into());
    }
    let identity = identity::open_identity_file(identity_file, identity_passphrase.as_bytes())?;
    let opened = envelope::recipients::open_with_identity(file, &identity)?;
    keys_of(opened.file_name, &opened.plaintext)
}

/// What opens a RootGuard file: `"passphrase"` (version 1 or 3) or
/// `"recipients"` (version 2 or 3). Checks the file's structure on the way, so a
/// damaged or foreign file is an error here, before anything is asked.
pub fn envelope_kind(file: &[u8]) -> Result<&'static str, ExportError> {
    Ok(match envelope::peek(file)?.protection {
        Protection::Passphrase { .. } => "passphrase",
        Protection::Recipients { .. } => "recipients",
    })
}

/// Parses a list of recipient strings, naming the position of a bad one.
pub fn parse_recipients<S: AsRef<str>>(texts: &[S]) -> Result<Vec<Recipient>, ExportError> {
    texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            Recipient::parse(t.as_ref())
                .map_err(|error| ExportError::Recipient { index: i + 1, error })
        })
        .collect()
}

/// Seal a captured credentials file to recipients (format version 3): no
/// passphrase; any one of their identities opens it.
pub fn seal_export_to_recipients(
    plaintext: &[u8],
    file_name: &str,
    recipients: &[Recipient],
    armored: bool,
) -> Result<Vec<u8>, ExportError> {
    let name = kept_file_name(file_name);
    let sealed = envelope::recipients::seal_to_recipients(plaintext, name, recipients)?;
    Ok(if armored { envelope::armor(&sealed).into_bytes() } else { sealed })
}

/// The keys a decrypted export holds.
fn keys_of(file_name: String, plaintext: &[u8]) -> Result<OpenedExport, ExportError> {
    let csv = CredentialCsv::parse(plaintext)?;
    let keys = csv
        .keys
        .iter()
        .map(|k| RevealedKey {
            access_key_id: k.access_key_id.clone(),
            secret_access_key: k.secret_access_key.as_str().to_owned(),
        })
        .collect();
    Ok(OpenedExport { file_name, keys })
}

/// Seal a captured credentials file under a passphrase, at the default
/// Argon2id strength; `armored` gives text that survives being pasted into a
/// password manager's notes.
pub fn seal_export(
    plaintext: &[u8],
    file_name: &str,
    passphrase: &str,
    armored: bool,
) -> Result<Vec<u8>, ExportError> {
    seal_export_with(plaintext, file_name, passphrase, armored, KdfParams::DEFAULT)
}

/// [`seal_export`] at the Argon2id cost the owner chose on the options page.
pub fn seal_export_with(
    plaintext: &[u8],
    file_name: &str,
    passphrase: &str,
    armored: bool,
    params: KdfParams,
) -> Result<Vec<u8>, ExportError> {
    if !passphrase::rate(passphrase).acceptable {
        return Err(ExportError::WeakPassphrase);
    }
    let name = kept_file_name(file_name);
    let sealed = envelope::seal(plaintext, name, passphrase.as_bytes(), params)?;
    Ok(if armored { envelope::armor(&sealed).into_bytes() } else { sealed })
}

/// The envelope keeps at most 255 bytes of the original name: a page can
/// suggest any name, and a long one must not make the export fail.
fn kept_file_name(name: &str) -> &str {
    let mut end = name.len().min(envelope::MAX_FILE_NAME_LEN);
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    &name[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_page_file_names_are_shortened_on_a_character_boundary() {
        let long = "é".repeat(200);
        let kept = kept_file_name(&long);
        assert!(kept.len() <= envelope::MAX_FILE_NAME_LEN);
        assert_eq!(kept.chars().count(), envelope::MAX_FILE_NAME_LEN / 2);
        assert_eq!(kept_file_name("rootkey.csv"), "rootkey.csv");
    }

    #[test]
    fn open_export_reads_the_keys_back_and_refuses_other_content() {
        let csv = b"Access key ID,Secret access key\r\nAKIAIOSFODNN7EXAMPLE,wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\r\n";
        let pass = "correct horse battery staple";
        let sealed = envelope::seal(csv, "rootkey.csv", pass.as_bytes(), KdfParams::FLOOR).unwrap();
        let opened = open_export(&sealed, pass).unwrap();
        assert_eq!(opened.file_name, "rootkey.csv");
        assert_eq!(opened.keys[0].access_key_id, "AKIAIOSFODNN7EXAMPLE");
        assert_eq!(opened.keys[0].secret_access_key, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        let armored = envelope::armor(&sealed);
        assert!(open_export(armored.as_bytes(), pass).is_ok());
        assert!(matches!(
            open_export(&sealed, "wrong passphrase!!"),
            Err(ExportError::Envelope(_))
        ));
        let other = envelope::seal(b"hello", "x.txt", pass.as_bytes(), KdfParams::FLOOR).unwrap();
        assert!(matches!(open_export(&other, pass), Err(ExportError::NotCredentials(_))));
    }

    #[test]
    fn exports_to_recipients_open_with_an_identity_file_only() {
        use crate::recipient::Identity;
        let csv = b"Access key ID,Secret access key\r\nAKIAIOSFODNN7EXAMPLE,wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\r\n";
        let alice = Identity::from_bytes([1; 32]);
        let bob = Identity::from_bytes([2; 32]);
        let texts = [alice.recipient().to_string(), bob.recipient().to_string()];
        let recipients = parse_recipients(&texts).unwrap();
        let sealed = seal_export_to_recipients(csv, "rootkey.csv", &recipients, true).unwrap();
        assert!(sealed.starts_with(envelope::ARMOR_BEGIN.as_bytes()));
        assert_eq!(envelope_kind(&sealed).unwrap(), "recipients");
        let pass = "identity passphrase";
        let id_file =
            identity::seal_identity_file(&bob, "now", pass.as_bytes(), KdfParams::FLOOR).unwrap();
        let opened = open_export_with_identity(&sealed, &id_file, pass).unwrap();
        assert_eq!(opened.file_name, "rootkey.csv");
        assert_eq!(opened.keys[0].access_key_id, "AKIAIOSFODNN7EXAMPLE");
        let err = open_export(&sealed, pass).err().unwrap();
        assert!(err.to_string().contains("encrypted to recipients"), "{err}");
        assert!(err.to_string().contains("-i IDENTITY"), "{err}");
        // A passphrase file is refused before the identity's Argon2id runs.
        let v1 = envelope::seal(csv, "rootkey.csv", b"p", KdfParams::FLOOR).unwrap();
        assert_eq!(envelope_kind(&v1).unwrap(), "passphrase");
        assert!(matches!(
            open_export_with_identity(&v1, b"not even an identity file", pass),
            Err(ExportError::Envelope(EnvelopeError::NeedsPassphrase))
        ));
        let err = parse_recipients(&[texts[0].as_str(), "age1xyz"]).err().unwrap();
        assert!(err.to_string().starts_with("recipient 2: "), "{err}");
        assert!(envelope_kind(b"hello").is_err());
    }

    #[test]
    fn weak_passphrases_are_refused_before_any_work() {
        assert!(matches!(
            seal_export(b"x", "rootkey.csv", "short", false),
            Err(ExportError::WeakPassphrase)
        ));
    }

    #[test]
    fn error_names_are_their_own_or_the_wrapped_errors() {
        assert_eq!(ExportError::WeakPassphrase.name(), "WeakPassphrase");
        assert_eq!(ExportError::NotCredentials(CsvError::NoKeys).name(), "NotCredentials");
        assert_eq!(ExportError::Envelope(EnvelopeError::Tampered).name(), "Tampered");
        let recipient = ExportError::Recipient { index: 2, error: RecipientError::BadChecksum };
        assert_eq!(recipient.name(), "BadChecksum");
    }
}

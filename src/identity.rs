//! The identity file `rootguard keygen` writes: an X25519 identity, itself
//! encrypted with a passphrase (a version 1 envelope at the default Argon2id
//! strength), so a copied file alone opens nothing.
//!
//! Its payload is short text (docs/FORMAT.md, "Identity files"):
//!
//! ```text
//! # created: 2026-11-28T10:30:00Z
//! # public key: rgpub1…
//! RGSECRET1…
//! ```
//!
//! Blank lines and comment lines (`#`) are for people; exactly one
//! `RGSECRET1…` line is the identity, and any other line is refused (a
//! damaged or hand-edited file should say so, not be half-read). A
//! `# public key:` comment, as keygen writes it, must name the identity's
//! own canonical recipient.

use zeroize::Zeroizing;

use crate::envelope::{self, EnvelopeError, KdfParams};
use crate::recipient::{Identity, Recipient, RecipientError, IDENTITY_PREFIX};

/// The file name `rootguard keygen` writes by default.
pub const IDENTITY_FILE_NAME: &str = "rootguard-identity.rootguard";

/// The name stored inside the envelope (the payload's file name).
pub const PAYLOAD_NAME: &str = "rootguard-identity.txt";

/// Why an identity file could not be read.
#[derive(Clone, PartialEq, Eq, Debug, thiserror::Error)]
pub enum IdentityError {
    /// The identity file itself could not be opened (wrong passphrase,
    /// damaged, not a RootGuard file).
    #[error("cannot open the identity file: {0}")]
    Envelope(EnvelopeError),
    /// A file encrypted to recipients given where the identity belongs.
    #[error(
        "the identity given is a file encrypted to recipients, not an identity file: pass \
         the file rootguard keygen wrote (rootguard-identity.rootguard)"
    )]
    IsRecipientsFile,
    /// It opened, but holds no identity line.
    #[error(
        "the file opened, but it holds no RGSECRET1… line: it is not an identity file (a \
         passphrase-encrypted credentials file?). Pass the file rootguard keygen wrote"
    )]
    NoIdentity,
    /// More than one identity line.
    #[error("the identity file holds {0} RGSECRET1… lines; RootGuard identity files hold one")]
    Several(usize),
    /// A line that is neither blank, a comment, nor the identity.
    #[error(
        "line {0} of the identity file is neither blank, a # comment, nor the RGSECRET1… \
         line: the file was damaged or edited. Use the file rootguard keygen wrote"
    )]
    UnexpectedLine(usize),
    /// The `# public key:` comment names another key than the identity's
    /// (or a key that does not parse, e.g. a non-canonical one).
    #[error(
        "the identity file says its public key is {claimed}, but its identity's is \
         {actual}: the file was edited. Check which key people encrypt to"
    )]
    PublicKeyMismatch {
        /// What the comment says (as written).
        claimed: String,
        /// The identity's recipient.
        actual: String,
    },
    /// The identity line does not parse.
    #[error(transparent)]
    Bad(#[from] RecipientError),
}

impl From<EnvelopeError> for IdentityError {
    fn from(e: EnvelopeError) -> IdentityError {
        match e {
            EnvelopeError::NeedsIdentity => IdentityError::IsRecipientsFile,
            other => IdentityError::Envelope(other),
        }
    }
}

impl IdentityError {
    /// A stable name for the error, e.g. for a JavaScript `Error.name`.
    pub fn name(&self) -> &'static str {
        match self {
            IdentityError::Envelope(e) => e.name(),
            IdentityError::IsRecipientsFile => "IsRecipientsFile",
            IdentityError::NoIdentity => "NoIdentity",
            IdentityError::Several(_) => "SeveralIdentities",
            IdentityError::UnexpectedLine(_) => "UnexpectedIdentityLine",
            IdentityError::PublicKeyMismatch { .. } => "IdentityPublicKeyMismatch",
            IdentityError::Bad(e) => e.name(),
        }
    }
}

/// The payload text of an identity file. `created` is a timestamp for
/// people (e.g. `2026-11-28T10:30:00Z`); nothing reads it back.
pub fn identity_file_text(identity: &Identity, created: &str) -> Zeroizing<String> {
    let secret = identity.to_secret_string();
    let mut text = Zeroizing::new(String::with_capacity(160 + created.len()));
    text.push_str("# created: ");
    text.push_str(created);
    text.push_str("\n# public key: ");
    text.push_str(&identity.recipient().to_string());
    text.push('\n');
    text.push_str(&secret);
    text.push('\n');
    text
}

/// The identity file: [`identity_file_text`] sealed under `passphrase`
/// (binary envelope, version 1).
pub fn seal_identity_file(
    identity: &Identity,
    created: &str,
    passphrase: &[u8],
    params: KdfParams,
) -> Result<Vec<u8>, EnvelopeError> {
    let text = identity_file_text(identity, created);
    envelope::seal(text.as_bytes(), PAYLOAD_NAME, passphrase, params)
}

/// [`seal_identity_file`] with a chosen salt and nonce, for test vectors
/// only (see [`envelope::seal_with`]).
#[doc(hidden)]
pub fn seal_identity_file_with(
    identity: &Identity,
    created: &str,
    passphrase: &[u8],
    params: KdfParams,
    salt: [u8; 16],
    nonce: [u8; 12],
) -> Result<Vec<u8>, EnvelopeError> {
    let text = identity_file_text(identity, created);
    envelope::seal_with(text.as_bytes(), PAYLOAD_NAME, passphrase, params, salt, nonce)
}

/// Opens an identity file (binary or armored) with its passphrase.
pub fn open_identity_file(file: &[u8], passphrase: &[u8]) -> Result<Identity, IdentityError> {
    let opened = envelope::open(file, passphrase)?;
    parse_identity_text(&opened.plaintext)
}

/// The comment keygen writes before the recipient.
const PUBLIC_KEY_COMMENT: &str = "# public key:";

/// The one identity in an identity file's text (docs/FORMAT.md, "Identity
/// files"): blank and `#` lines skipped, any other line but one
/// `RGSECRET1…` refused, and a `# public key:` comment checked against it.
pub fn parse_identity_text(text: &[u8]) -> Result<Identity, IdentityError> {
    let text = std::str::from_utf8(text).map_err(|_| IdentityError::NoIdentity)?;
    let mut identities = Vec::new();
    let mut claimed = None;
    let mut unexpected = None;
    for (index, line) in
        text.lines().map(|l| l.trim_matches(|c: char| c.is_ascii_whitespace())).enumerate()
    {
        if line.is_empty() {
            continue;
        }
        if let Some(key) = line.strip_prefix(PUBLIC_KEY_COMMENT) {
            claimed = Some(key.trim());
        } else if line.starts_with('#') {
            continue;
        } else if line.len() > IDENTITY_PREFIX.len()
            && line
                .get(..IDENTITY_PREFIX.len() + 1)
                .is_some_and(|p| p.eq_ignore_ascii_case(&format!("{IDENTITY_PREFIX}1")))
        {
            identities.push(line);
        } else {
            unexpected = unexpected.or(Some(index + 1));
        }
    }
    // No identity at all says so first: the file is not an identity file
    // (e.g. a passphrase-encrypted CSV), whatever its lines are.
    let identity = match identities.as_slice() {
        [] => return Err(IdentityError::NoIdentity),
        [one] => Identity::parse(one)?,
        several => return Err(IdentityError::Several(several.len())),
    };
    if let Some(line) = unexpected {
        return Err(IdentityError::UnexpectedLine(line));
    }
    if let Some(claimed) = claimed {
        let actual = identity.recipient();
        if Recipient::parse(claimed).ok() != Some(actual) {
            return Err(IdentityError::PublicKeyMismatch {
                claimed: claimed.to_owned(),
                actual: actual.to_string(),
            });
        }
    }
    Ok(identity)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_files_round_trip_and_name_their_problems() {
        let id = Identity::from_bytes([9; 32]);
        let text = identity_file_text(&id, "2026-11-28T10:30:00Z");
        assert!(text.starts_with("# created: 2026-11-28T10:30:00Z\n# public key: rgpub1"));
        assert!(text.lines().nth(2).unwrap().starts_with("RGSECRET1"));
        let file = seal_identity_file(&id, "now", b"identity pass", KdfParams::FLOOR).unwrap();
        let opened = open_identity_file(&file, b"identity pass").unwrap();
        assert_eq!(opened.recipient(), id.recipient());
        assert_eq!(
            open_identity_file(&file, b"wrong").unwrap_err(),
            IdentityError::Envelope(EnvelopeError::WrongPassphraseOrTampered)
        );
        let csv =
            envelope::seal(b"Access key ID,Secret access key\n", "k.csv", b"p", KdfParams::FLOOR)
                .unwrap();
        assert_eq!(open_identity_file(&csv, b"p").unwrap_err(), IdentityError::NoIdentity);
        let two = format!("{}{}", text.as_str(), id.to_secret_string().as_str());
        assert_eq!(parse_identity_text(two.as_bytes()).unwrap_err(), IdentityError::Several(2));
        let v2 = envelope::recipients::seal_to_recipients(b"x", "", &[id.recipient()]).unwrap();
        assert_eq!(open_identity_file(&v2, b"p").unwrap_err(), IdentityError::IsRecipientsFile);
    }

    #[test]
    fn junk_lines_and_wrong_public_keys_are_refused() {
        let id = Identity::from_bytes([9; 32]);
        let text = identity_file_text(&id, "now");
        let err = |t: &str| parse_identity_text(t.as_bytes()).unwrap_err();
        // Blank lines, CRLF and extra comments are fine; the secret in lower case too.
        let relaxed = format!("\r\n# hello\r\n{}\r\n\r\n", text.replace('\n', "\r\n"));
        assert_eq!(parse_identity_text(relaxed.as_bytes()).unwrap().recipient(), id.recipient());
        let lower = text.lines().map(str::to_lowercase).collect::<Vec<_>>().join("\n");
        assert!(parse_identity_text(lower.as_bytes()).is_ok());
        let junk = format!("{}AKIAIOSFODNN7EXAMPLE\n", text.as_str());
        assert_eq!(err(&junk), IdentityError::UnexpectedLine(4));
        assert_eq!(err(&junk).name(), "UnexpectedIdentityLine");
        // The comment names another key, or alice's key with bit 255 set.
        let other = Identity::from_bytes([8; 32]).recipient().to_string();
        let swapped = text.replace(&id.recipient().to_string(), &other);
        assert!(matches!(err(&swapped), IdentityError::PublicKeyMismatch { .. }));
        let mut high = *id.recipient().as_bytes();
        high[31] |= 0x80;
        let high =
            bech32::encode_lower::<bech32::Bech32>(bech32::Hrp::parse("rgpub").unwrap(), &high)
                .unwrap();
        let edited = text.replace(&id.recipient().to_string(), &high);
        assert_eq!(err(&edited).name(), "IdentityPublicKeyMismatch");
        // Without the comment, the identity alone is enough.
        let bare = id.to_secret_string();
        assert!(parse_identity_text(bare.as_bytes()).is_ok());
    }
}

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
//! Comment lines (`#`) and blank lines are for people and are ignored when
//! reading; exactly one `RGSECRET1…` line is the identity.

use zeroize::Zeroizing;

use crate::envelope::{self, EnvelopeError, KdfParams};
use crate::recipient::{Identity, RecipientError, IDENTITY_PREFIX};

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

/// The one identity in an identity file's text.
pub fn parse_identity_text(text: &[u8]) -> Result<Identity, IdentityError> {
    let text = std::str::from_utf8(text).map_err(|_| IdentityError::NoIdentity)?;
    let mut lines = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter(|l| l.to_ascii_lowercase().starts_with(IDENTITY_PREFIX));
    let first = lines.next().ok_or(IdentityError::NoIdentity)?;
    let more = lines.count();
    if more > 0 {
        return Err(IdentityError::Several(more + 1));
    }
    Ok(Identity::parse(first)?)
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
}

//! How a command fails: the message for standard error and the exit code
//! (the table is in `rootguard --help`, "Exit status").

use std::path::Path;

use rootguard::envelope::EnvelopeError;
use rootguard::identity::IdentityError;

/// Wrong passphrase, modified file, or not encrypted to the identity given.
pub const EXIT_AUTH: u8 = 1;
/// Usage or I/O error.
pub const EXIT_USAGE: u8 = 2;
/// Truncated, or not a RootGuard file.
pub const EXIT_NOT_ENVELOPE: u8 = 3;
/// Unsupported format version.
pub const EXIT_VERSION: u8 = 4;
/// Key derivation parameters outside RootGuard's limits.
pub const EXIT_PARAMS: u8 = 5;
/// Decrypted, but not exactly one access key (or not the one `--key-id` names).
pub const EXIT_KEY: u8 = 6;

/// A failure: message for stderr (without the `rootguard: ` prefix) and exit
/// code. An empty message prints nothing.
pub struct Failure {
    pub message: String,
    pub code: u8,
}

impl Failure {
    pub fn usage(message: impl Into<String>) -> Failure {
        Failure { message: message.into(), code: EXIT_USAGE }
    }

    pub fn io(what: &str, path: &Path, e: &std::io::Error) -> Failure {
        Failure::usage(format!("cannot {what} {}: {e}", path.display()))
    }
}

impl From<EnvelopeError> for Failure {
    fn from(e: EnvelopeError) -> Failure {
        let code = match e {
            EnvelopeError::WrongPassphraseOrTampered => EXIT_AUTH,
            EnvelopeError::NotAnEnvelope
            | EnvelopeError::Truncated
            | EnvelopeError::TrailingData(_)
            | EnvelopeError::BadArmor(_)
            | EnvelopeError::MalformedPayload(_) => EXIT_NOT_ENVELOPE,
            EnvelopeError::NotEncryptedToIdentity(..) | EnvelopeError::Tampered => EXIT_AUTH,
            EnvelopeError::BadRecipientCount(_) | EnvelopeError::InvalidStanza(_) => {
                EXIT_NOT_ENVELOPE
            }
            EnvelopeError::UnsupportedVersion(_) | EnvelopeError::UnsupportedKdf(_) => EXIT_VERSION,
            EnvelopeError::BadParams { .. } => EXIT_PARAMS,
            EnvelopeError::NeedsIdentity
            | EnvelopeError::NeedsPassphrase
            | EnvelopeError::NoRecipients
            | EnvelopeError::TooManyRecipients(_)
            | EnvelopeError::DuplicateRecipient(_)
            | EnvelopeError::FileNameTooLong
            | EnvelopeError::TooLarge
            | EnvelopeError::EmptyPassphrase
            | EnvelopeError::Kdf(_)
            | EnvelopeError::Random(_) => EXIT_USAGE,
        };
        Failure { message: e.to_string(), code }
    }
}

/// A problem with the identity file at `path`: its envelope's exit code
/// (a wrong passphrase is 1), anything else a usage error.
pub fn identity_failure(path: &str, e: IdentityError) -> Failure {
    let code = match &e {
        IdentityError::Envelope(inner) => Failure::from(inner.clone()).code,
        _ => EXIT_USAGE,
    };
    Failure { message: format!("identity {path}: {e}"), code }
}

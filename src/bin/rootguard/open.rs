//! Opening FILE for `decrypt`, `credential-process` and `exec`: with its
//! passphrase or an identity file, everything that needs no passphrase
//! checked before asking for one, then the one access key it should hold.

use rootguard::csv::{is_access_key_id, AccessKeyPair, CredentialCsv};
use rootguard::envelope::{self, EnvelopeError, KdfParams, Protection};
use rootguard::identity;
use rootguard::recipient::Identity;
use zeroize::Zeroizing;

use crate::failure::{identity_failure, Failure, EXIT_KEY, EXIT_PARAMS};
use crate::files::{self, describe, read_target, Target, FILE_HINT, IDENTITY_HINT, MAX_FILE_LEN};
use crate::prompt::{passphrase, PassphraseFile, Prompt};

/// What opens FILE: its passphrase, or an identity file and that file's
/// passphrase.
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Unlock {
    /// Open a file encrypted to recipients with this
    /// identity file; the passphrase asked (or read with
    /// --passphrase-file) is the identity file's.
    #[arg(short, long, value_name = "IDENTITY", value_parser = files::target(), allow_hyphen_values = true, verbatim_doc_comment)]
    pub identity: Option<Target>,
    #[command(flatten)]
    pub passphrase_file: PassphraseFile,
    /// Refuse (exit 5) a file or identity file whose key
    /// derivation asks for more memory than SIZE (e.g.
    /// 256M, 1G; a plain number is MiB), before spending
    /// it. Without it, up to RootGuard's cap (1 GiB).
    #[arg(long = "max-memory", value_name = "SIZE", value_parser = parse_memory, verbatim_doc_comment)]
    pub max_memory_kib: Option<u32>,
}

/// `--max-memory`'s SIZE in KiB: a number with an optional K, M or G (MiB
/// without one).
fn parse_memory(text: &str) -> Result<u32, String> {
    let t = text.trim();
    let (digits, shift) = match t.as_bytes().last().map(u8::to_ascii_uppercase) {
        Some(b'K') => (&t[..t.len() - 1], 0),
        Some(b'M') => (&t[..t.len() - 1], 10),
        Some(b'G') => (&t[..t.len() - 1], 20),
        _ => (t, 10),
    };
    digits
        .parse::<u32>()
        .ok()
        .and_then(|n| n.checked_mul(1 << shift))
        .filter(|&kib| kib > 0)
        .ok_or_else(|| format!("{text:?} is not a size such as 256M or 1G"))
}

impl Unlock {
    /// [`check_cost`] with this command line's `--max-memory`.
    pub fn check_cost(&self, what: &str, params: KdfParams) -> Result<(), Failure> {
        check_cost(self.max_memory_kib, what, params)
    }

    /// Standard input (`-`) can be only one of FILE, the passphrase file and
    /// the identity file.
    pub fn one_from_stdin_with(&self, file: &Target) -> Result<(), Failure> {
        files::one_from_stdin(&[
            Some(file),
            self.passphrase_file.path.as_ref(),
            self.identity.as_ref(),
        ])
    }
}

/// Before Argon2id runs on `params` (of FILE or of the identity file,
/// `what`): refuses them above `--max-memory` (`limit`, in KiB), and says
/// when they are far above the defaults, since opening will take a while.
pub fn check_cost(limit: Option<u32>, what: &str, params: KdfParams) -> Result<(), Failure> {
    if let Some(limit) = limit {
        if params.m_cost_kib > limit {
            let memory = KdfParams { t_cost: 1, ..params }.cost();
            return Err(Failure {
                message: format!(
                    "{what} asks for {} of memory ({params}), above --max-memory: refused \
                     before spending it",
                    memory.trim_end_matches(" and 1 pass")
                ),
                code: EXIT_PARAMS,
            });
        }
    }
    if params.far_above_default() {
        eprintln!(
            "rootguard: note: {what} asks for {}; opening it will take a while (RootGuard \
             writes {}). --max-memory SIZE refuses such files",
            params.cost(),
            KdfParams::DEFAULT.cost()
        );
    }
    Ok(())
}

/// `-k, --key-id`: which key, when FILE holds several.
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct KeyId {
    /// Use the key ID (AKIA…) when FILE holds several keys
    /// (an IAM user CSV can): credential-process, exec and
    /// aws-import need exactly one.
    #[arg(
        short,
        long = "key-id",
        value_name = "ID",
        allow_hyphen_values = true,
        verbatim_doc_comment
    )]
    pub key_id: Option<String>,
}

impl KeyId {
    /// The key ID given, if it is one: refused before anything is read.
    pub fn checked(&self) -> Result<Option<&str>, Failure> {
        match self.key_id.as_deref() {
            Some(id) if !is_access_key_id(id) => Err(Failure::usage(format!(
                "--key-id {id:?} is not an access key ID (AKIA… or ASIA…, 20 characters)"
            ))),
            id => Ok(id),
        }
    }
}

/// FILE's one access key (or the one `key_id` names), after asking for the
/// passphrase.
pub fn open_key(
    command: &str,
    file: &Target,
    unlock: &Unlock,
    key_id: Option<&str>,
) -> Result<AccessKeyPair, Failure> {
    let bytes = read_target(file, MAX_FILE_LEN, FILE_HINT)?;
    // Everything that needs no passphrase is checked before prompting.
    let protection = check_before_prompting(unlock, &bytes)?;
    let plaintext = open_checked(command, unlock, &bytes, protection)?;
    pick_key(file, key_id, &plaintext)
}

/// Checks FILE's structure and that what the user gave (`-i` or not) is
/// what opens it, before any prompt or Argon2id.
pub fn check_before_prompting(unlock: &Unlock, file: &[u8]) -> Result<Protection, Failure> {
    let protection = envelope::peek(file)?.protection;
    if let Protection::Passphrase { params } = protection {
        unlock.check_cost("this file", params)?;
    }
    match (&unlock.identity, protection) {
        (None, Protection::Recipients { .. }) => Err(EnvelopeError::NeedsIdentity.into()),
        (Some(_), Protection::Passphrase { .. }) => Err(EnvelopeError::NeedsPassphrase.into()),
        _ => Ok(protection),
    }
}

/// FILE's plaintext: with the passphrase (version 1) or with the identity
/// given by `-i` (version 2; the passphrase is the identity file's).
pub fn open_checked(
    command: &str,
    unlock: &Unlock,
    file: &[u8],
    protection: Protection,
) -> Result<Zeroizing<Vec<u8>>, Failure> {
    let source = unlock.passphrase_file.path.as_ref();
    match (&unlock.identity, protection) {
        (Some(target), Protection::Recipients { .. }) => {
            let identity = read_identity(command, target, source, unlock.max_memory_kib)?;
            let plaintext = envelope::recipients::open_with_identity(file, &identity)?.plaintext;
            crate::harden::lock_slice(&plaintext, "the decrypted file");
            Ok(plaintext)
        }
        (None, Protection::Passphrase { .. }) => {
            let passphrase = passphrase(source, command, false, Prompt::File)?;
            let plaintext = envelope::open(file, &passphrase)?.plaintext;
            crate::harden::lock_slice(&plaintext, "the decrypted file");
            Ok(plaintext)
        }
        (None, Protection::Recipients { .. }) => Err(EnvelopeError::NeedsIdentity.into()),
        (Some(_), Protection::Passphrase { .. }) => Err(EnvelopeError::NeedsPassphrase.into()),
    }
}

/// Reads the identity file at `target`, checks it is a RootGuard file, then
/// asks for its passphrase (or reads it from `source`) and opens it.
pub fn read_identity(
    command: &str,
    target: &Target,
    source: Option<&Target>,
    max_memory_kib: Option<u32>,
) -> Result<Identity, Failure> {
    let path = describe(target);
    let bytes = read_target(target, MAX_FILE_LEN, IDENTITY_HINT)?;
    let info = envelope::peek(&bytes).map_err(|e| identity_failure(&path, e.into()))?;
    if let Protection::Passphrase { params } = info.protection {
        check_cost(max_memory_kib, &format!("the identity file {path}"), params)?;
    }
    let passphrase = passphrase(source, command, false, Prompt::Identity)?;
    identity::open_identity_file(&bytes, &passphrase).map_err(|e| identity_failure(&path, e))
}

/// The key to use among those `plaintext` holds: the only one, or the one
/// `key_id` names. Errors list key IDs, never secrets.
pub fn pick_key(
    file: &Target,
    key_id: Option<&str>,
    plaintext: &[u8],
) -> Result<AccessKeyPair, Failure> {
    let csv = CredentialCsv::parse(plaintext).map_err(|e| Failure {
        message: format!("{} decrypted, but it does not hold AWS access keys: {e}", describe(file)),
        code: EXIT_KEY,
    })?;
    // The same row twice is one key, not a choice.
    let mut keys: Vec<AccessKeyPair> = Vec::with_capacity(csv.keys.len());
    for key in csv.keys {
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
    let ids = || keys.iter().map(|k| k.access_key_id.as_str()).collect::<Vec<_>>().join(", ");
    let matching: Vec<usize> = (0..keys.len())
        .filter(|&i| key_id.map_or(true, |id| keys[i].access_key_id == id))
        .collect();
    let failure = |message| Failure { message, code: EXIT_KEY };
    match (matching.as_slice(), key_id) {
        ([one], _) => Ok(keys.swap_remove(*one)),
        ([], Some(id)) => {
            Err(failure(format!("{} holds no access key {id}; it holds {}", describe(file), ids())))
        }
        (_, Some(id)) => Err(failure(format!(
            "{} holds access key {id} more than once, with different secrets; fix the file",
            describe(file)
        ))),
        (_, None) => Err(failure(format!(
            "{} holds {} access keys ({}); pick one with --key-id",
            describe(file),
            keys.len(),
            ids()
        ))),
    }
}

/// Joins `parts` into one buffer allocated once and wiped on drop: the key's
/// renderings (credential-process JSON, aws-import CSV) leave no copy behind.
pub fn concat(parts: &[&str]) -> Zeroizing<String> {
    let mut out = Zeroizing::new(String::with_capacity(parts.iter().map(|p| p.len()).sum()));
    for part in parts {
        out.push_str(part);
    }
    out
}

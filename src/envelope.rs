//! The encrypted envelope: how RootGuard stores a credentials file so that
//! only the passphrase opens it. `docs/FORMAT.md` is the specification; this
//! module implements it and nothing else.
//!
//! Argon2id turns the passphrase and a random salt into a 256-bit key;
//! AES-256-GCM encrypts a small payload (the original file name and the
//! file's bytes) under that key with a random nonce. The whole header, KDF
//! parameters included, is the AEAD's associated data, so changing any byte
//! of the file makes it fail to open. Files come as binary or as ASCII armor
//! (see [`armor`]); [`open`] reads both.
//!
//! Secrets (the derived key, Argon2's working memory, the decrypted payload)
//! live in [`Zeroizing`] buffers and are wiped when dropped; none of the
//! types here print a secret through `Debug`.
//!
//! Nothing here panics on any input: every length is checked before it is
//! used, and parameters are checked against [`KdfParams::FLOOR`] and
//! [`KdfParams::CAP`] before Argon2 runs, so a hostile file can neither skip
//! the work factor nor make the reader allocate gigabytes.

use std::borrow::Cow;
use std::fmt;

use aes_gcm::aead::generic_array::GenericArray;
use aes_gcm::aead::{AeadInPlace, KeyInit};
use aes_gcm::Aes256Gcm;
use argon2::{Algorithm, Argon2, Block, Version};
use serde::Serialize;
use zeroize::Zeroizing;

mod armor;
pub mod recipients;
#[cfg(test)]
mod tests;
pub mod v3;

pub use armor::{armor, ARMOR_BEGIN, ARMOR_END};

/// Appended to the original file name: `rootkey.csv` → `rootkey.csv.rootguard`.
/// An encrypted file never ends in `.csv`.
pub const FILE_SUFFIX: &str = ".rootguard";

/// The first bytes of every binary envelope: `RGENC` and a zero byte.
pub const MAGIC: [u8; 6] = *b"RGENC\0";

/// Format version 1: a passphrase (Argon2id), this module.
pub const VERSION: u8 = 1;

/// Format version 2: public-key recipients ([`recipients`]).
pub const VERSION_RECIPIENTS: u8 = 2;

/// Format version 3, written by default for both kinds: version 1's or
/// version 2's layout with a kind byte and a header MAC that commits the
/// file to one key ([`v3`]).
pub const VERSION_3: u8 = 3;

/// Version 3's kind byte (byte 7): a passphrase through Argon2id v0x13, the
/// same value as version 1's [`KDF_ARGON2ID_V13`].
pub const KIND_PASSPHRASE: u8 = 1;

/// Version 3's kind byte (byte 7): X25519 recipients.
pub const KIND_RECIPIENTS: u8 = 2;

/// KDF identifier 1: Argon2id, version 0x13 (RFC 9106).
pub const KDF_ARGON2ID_V13: u8 = 1;

/// Length of the version 1 binary header, which is also the AEAD associated
/// data.
pub const HEADER_LEN: usize = 52;

/// Length of a version 3 passphrase header: version 1's fields, then the
/// header MAC.
pub const HEADER_LEN_V3: usize = HEADER_LEN + v3::MAC_LEN;

/// The longest original file name a payload carries, in UTF-8 bytes.
pub const MAX_FILE_NAME_LEN: usize = 255;

const SALT_LEN: usize = 16;
const NONCE_LEN: usize = 12;
const TAG_LEN: usize = 16;
const KEY_LEN: usize = 32;
/// The payload's name-length field.
const NAME_LEN_LEN: usize = 2;

// Header field offsets (docs/FORMAT.md, "Layout").
const OFF_VERSION: usize = 6;
const OFF_KDF: usize = 7;
const OFF_M: usize = 8;
const OFF_T: usize = 12;
const OFF_P: usize = 16;
const OFF_SALT: usize = 20;
const OFF_NONCE: usize = 36;
const OFF_PAYLOAD_LEN: usize = 48;

/// Argon2id cost parameters, stored in every file's header.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KdfParams {
    /// Memory in KiB (Argon2's `m`).
    pub m_cost_kib: u32,
    /// Passes over the memory (Argon2's `t`).
    pub t_cost: u32,
    /// Lanes (Argon2's `p`). RootGuard computes lanes one after another, so
    /// more lanes cost time, not speed.
    pub p_cost: u32,
}

impl KdfParams {
    /// What RootGuard writes: 64 MiB, 3 passes, 1 lane. The memory and passes
    /// of RFC 9106's second recommended option (which has 4 lanes: with the
    /// memory fixed, lanes add no work, and neither Wasm nor the CLI runs
    /// them in parallel), above OWASP's minimums.
    pub const DEFAULT: KdfParams = KdfParams { m_cost_kib: 65536, t_cost: 3, p_cost: 1 };

    /// The weakest parameters RootGuard writes or reads: OWASP's minimum
    /// (19 MiB, 2 passes, 1 lane). Every component must be at least this.
    pub const FLOOR: KdfParams = KdfParams { m_cost_kib: 19456, t_cost: 2, p_cost: 1 };

    /// The strongest parameters RootGuard reads: 1 GiB, 10 passes, 4 lanes
    /// (every component at most this). 16 times the default memory, still
    /// allocatable by a 32-bit Wasm module, and bounded in time (at most
    /// 10 GiB of memory passes) so a hostile file cannot stall the reader
    /// for long.
    pub const CAP: KdfParams = KdfParams { m_cost_kib: 1 << 20, t_cost: 10, p_cost: 4 };

    /// Whether these parameters are within [`FLOOR`](Self::FLOOR) and
    /// [`CAP`](Self::CAP), component by component.
    pub fn check(self) -> Result<(), EnvelopeError> {
        let (floor, cap) = (Self::FLOOR, Self::CAP);
        let problem = if self.m_cost_kib < floor.m_cost_kib
            || self.t_cost < floor.t_cost
            || self.p_cost < floor.p_cost
        {
            ParamsProblem::BelowFloor
        } else if self.m_cost_kib > cap.m_cost_kib
            || self.t_cost > cap.t_cost
            || self.p_cost > cap.p_cost
        {
            ParamsProblem::AboveCap
        } else {
            return Ok(());
        };
        Err(EnvelopeError::BadParams { params: self, problem })
    }
}

impl KdfParams {
    /// Whether a reader should be told before spending these parameters:
    /// more than 4 times the default memory, or more than 4 times its work
    /// (memory × passes; lanes add none). The cap is 16 and 53 times.
    pub fn far_above_default(self) -> bool {
        let d = Self::DEFAULT;
        let work = |p: KdfParams| u64::from(p.m_cost_kib) * u64::from(p.t_cost);
        u64::from(self.m_cost_kib) > 4 * u64::from(d.m_cost_kib) || work(self) > 4 * work(d)
    }

    /// What these parameters ask of a reader, for people: `1 GiB and 10
    /// passes`.
    pub fn cost(self) -> String {
        let m = self.m_cost_kib;
        let memory = if m >= 1 << 20 && m % (1 << 20) == 0 {
            format!("{} GiB", m >> 20)
        } else if m >= 1 << 10 {
            format!("{} MiB", m >> 10)
        } else {
            format!("{m} KiB")
        };
        let passes = if self.t_cost == 1 { "pass" } else { "passes" };
        format!("{memory} and {} {passes}", self.t_cost)
    }
}

impl fmt::Display for KdfParams {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "m = {} KiB, t = {}, p = {}", self.m_cost_kib, self.t_cost, self.p_cost)
    }
}

/// Why [`KdfParams`] were refused.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ParamsProblem {
    /// Some component is below [`KdfParams::FLOOR`].
    BelowFloor,
    /// Some component is above [`KdfParams::CAP`].
    AboveCap,
}

impl fmt::Display for ParamsProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (floor, cap) = (KdfParams::FLOOR, KdfParams::CAP);
        match self {
            ParamsProblem::BelowFloor => write!(
                f,
                "below RootGuard's minimum ({floor}); a file this weak was not written by \
                 RootGuard and could be brute-forced"
            ),
            ParamsProblem::AboveCap => write!(
                f,
                "above RootGuard's limit ({cap}); opening it could exhaust this device's \
                 memory or time"
            ),
        }
    }
}

/// Why a file could not be sealed or opened. Each message says what the user
/// can do; none contains a secret.
#[derive(Clone, PartialEq, Eq, Debug, thiserror::Error)]
pub enum EnvelopeError {
    /// Neither the binary signature nor an armored BEGIN line.
    #[error(
        "not a RootGuard encrypted file: it starts with neither RootGuard's signature nor \
         the line {ARMOR_BEGIN}"
    )]
    NotAnEnvelope,
    /// A format version this build cannot read.
    #[error(
        "this RootGuard file uses format version {0}; this RootGuard reads versions \
         {VERSION} to {VERSION_3}. Update RootGuard to open it"
    )]
    UnsupportedVersion(u8),
    /// A recipients file (version 2) given a passphrase instead of an identity.
    #[error(
        "this file is encrypted to recipients, not with a passphrase: open it with an \
         identity (rootguard decrypt -i IDENTITY FILE)"
    )]
    NeedsIdentity,
    /// A passphrase file (version 1) given an identity instead of a passphrase.
    #[error(
        "this file is encrypted with a passphrase, not to recipients: open it without an \
         identity (rootguard decrypt FILE) and type its passphrase"
    )]
    NeedsPassphrase,
    /// A recipients file whose recipient count is 0 or above the limit.
    #[error(
        "the RootGuard file declares {0} recipients; RootGuard files have 1 to \
         {max}. It was modified or not written by RootGuard",
        max = recipients::MAX_RECIPIENTS
    )]
    BadRecipientCount(u8),
    /// No recipient entry opens with the identity given.
    #[error(
        "this file is not encrypted to this identity (none of its {0} recipients is \
         {1}), or the entry for it was damaged. Use the identity of one of the people it \
         was encrypted to"
    )]
    NotEncryptedToIdentity(u8, String),
    /// A recipient entry with a degenerate ephemeral key (all-zero X25519
    /// secret): not written by RootGuard.
    #[error(
        "recipient entry {0} of the RootGuard file holds an invalid key: the file was \
         modified or not written by RootGuard"
    )]
    InvalidStanza(usize),
    /// The identity opened its entry, but the rest of the file fails the tag.
    #[error(
        "the file was modified or damaged: its key opened with this identity, but its \
         content or header fails the integrity check. Find an intact copy"
    )]
    Tampered,
    /// Sealing to an empty list of recipients.
    #[error("no recipients: add at least one rgpub1… recipient")]
    NoRecipients,
    /// Sealing to more recipients than the format holds.
    #[error(
        "{0} recipients is too many: a RootGuard file is encrypted to at most {max}",
        max = recipients::MAX_RECIPIENTS
    )]
    TooManyRecipients(usize),
    /// The same recipient twice in the list.
    #[error("the recipient {0} is listed twice; remove the duplicate")]
    DuplicateRecipient(String),
    /// A key-derivation function this build does not know.
    #[error(
        "this RootGuard file uses key derivation function {0}, which this RootGuard does \
         not know. Update RootGuard to open it"
    )]
    UnsupportedKdf(u8),
    /// The file ends before its header or its declared payload does.
    #[error(
        "the RootGuard file is truncated: it ends before its declared length (an \
         incomplete download or copy?). Find a complete copy"
    )]
    Truncated,
    /// Bytes follow the declared end of the file.
    #[error(
        "the RootGuard file has {0} unexpected bytes after its end: it was modified or \
         joined with other data"
    )]
    TrailingData(usize),
    /// KDF parameters outside [`KdfParams::FLOOR`]..=[`KdfParams::CAP`].
    #[error("key derivation parameters {params} are {problem}")]
    BadParams {
        /// The parameters found.
        params: KdfParams,
        /// Which limit they break.
        problem: ParamsProblem,
    },
    /// The AES-GCM tag did not verify.
    #[error(
        "wrong passphrase, or the file was modified or damaged: the two cannot be told \
         apart. Check the passphrase (and keyboard layout) and try again"
    )]
    WrongPassphraseOrTampered,
    /// Armored text that cannot be decoded.
    #[error("the armored RootGuard text is damaged: {0}")]
    BadArmor(String),
    /// The file name is longer than [`MAX_FILE_NAME_LEN`] bytes.
    #[error("the file name is longer than {MAX_FILE_NAME_LEN} bytes; rename the file first")]
    FileNameTooLong,
    /// The content is larger than the format can hold (4 GiB).
    #[error("the file is too large: a RootGuard file holds at most 4 GiB")]
    TooLarge,
    /// Sealing with an empty passphrase.
    #[error("the passphrase is empty")]
    EmptyPassphrase,
    /// The tag verified but the decrypted payload breaks the format: written
    /// by a faulty program, since nobody without the key could forge it.
    #[error("the file decrypted, but its content is malformed ({0}); it was written by a faulty program")]
    MalformedPayload(&'static str),
    /// Argon2 failed, e.g. its memory could not be allocated.
    #[error("key derivation failed: {0}")]
    Kdf(String),
    /// The operating system's random number generator failed.
    #[error("the system's random number generator failed: {0}")]
    Random(String),
}

impl EnvelopeError {
    /// A stable name for the error, e.g. for a JavaScript `Error.name`.
    pub fn name(&self) -> &'static str {
        match self {
            EnvelopeError::NotAnEnvelope => "NotAnEnvelope",
            EnvelopeError::UnsupportedVersion(_) => "UnsupportedVersion",
            EnvelopeError::NeedsIdentity => "NeedsIdentity",
            EnvelopeError::NeedsPassphrase => "NeedsPassphrase",
            EnvelopeError::BadRecipientCount(_) => "BadRecipientCount",
            EnvelopeError::NotEncryptedToIdentity(..) => "NotEncryptedToIdentity",
            EnvelopeError::InvalidStanza(_) => "InvalidStanza",
            EnvelopeError::Tampered => "Tampered",
            EnvelopeError::NoRecipients => "NoRecipients",
            EnvelopeError::TooManyRecipients(_) => "TooManyRecipients",
            EnvelopeError::DuplicateRecipient(_) => "DuplicateRecipient",
            EnvelopeError::UnsupportedKdf(_) => "UnsupportedKdf",
            EnvelopeError::Truncated => "Truncated",
            EnvelopeError::TrailingData(_) => "TrailingData",
            EnvelopeError::BadParams { .. } => "BadParams",
            EnvelopeError::WrongPassphraseOrTampered => "WrongPassphraseOrTampered",
            EnvelopeError::BadArmor(_) => "BadArmor",
            EnvelopeError::FileNameTooLong => "FileNameTooLong",
            EnvelopeError::TooLarge => "TooLarge",
            EnvelopeError::EmptyPassphrase => "EmptyPassphrase",
            EnvelopeError::MalformedPayload(_) => "MalformedPayload",
            EnvelopeError::Kdf(_) => "Kdf",
            EnvelopeError::Random(_) => "Random",
        }
    }
}

/// A successfully opened file.
pub struct Opened {
    /// The original file name, as stored by the writer. Display it; never use
    /// it as a path without reducing it to a plain file name first.
    pub file_name: String,
    /// The original file's bytes, wiped on drop.
    pub plaintext: Zeroizing<Vec<u8>>,
    /// The parameters the file was sealed with.
    pub params: KdfParams,
    /// The format version it was written in ([`VERSION`] or [`VERSION_3`]).
    pub version: u8,
}

impl fmt::Debug for Opened {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Opened")
            .field("file_name", &self.file_name)
            .field("plaintext", &format_args!("<{} bytes, redacted>", self.plaintext.len()))
            .field("params", &self.params)
            .field("version", &self.version)
            .finish()
    }
}

/// How a file's key is protected: what opens it.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum Protection {
    /// Version 1: a passphrase through Argon2id with these parameters,
    /// already checked against the limits.
    Passphrase {
        /// The key-derivation parameters.
        params: KdfParams,
    },
    /// Version 2: public-key recipients; any one of their identities opens it.
    Recipients {
        /// How many recipients (1 to [`recipients::MAX_RECIPIENTS`]).
        count: u8,
    },
}

/// What a file's header says, readable without the passphrase or identity.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EnvelopeInfo {
    /// The format version ([`VERSION`], [`VERSION_RECIPIENTS`] or
    /// [`VERSION_3`]).
    pub version: u8,
    /// What opens it.
    pub protection: Protection,
    /// Whether the input was ASCII armor.
    pub armored: bool,
    /// Length of the encrypted payload (file name and content) in bytes.
    pub payload_len: u32,
}

/// Encrypts `plaintext` under `passphrase`, keeping `file_name` inside, with a
/// fresh random salt and nonce. Returns the binary envelope; [`armor`] it for
/// text.
pub fn seal(
    plaintext: &[u8],
    file_name: &str,
    passphrase: &[u8],
    params: KdfParams,
) -> Result<Vec<u8>, EnvelopeError> {
    let mut salt = [0u8; SALT_LEN];
    let mut nonce = [0u8; NONCE_LEN];
    getrandom::getrandom(&mut salt).map_err(|e| EnvelopeError::Random(e.to_string()))?;
    getrandom::getrandom(&mut nonce).map_err(|e| EnvelopeError::Random(e.to_string()))?;
    seal_with(plaintext, file_name, passphrase, params, salt, nonce)
}

/// [`seal`] with a caller-chosen salt and nonce: deterministic, for test
/// vectors only. The same passphrase, salt and nonce twice means the same
/// key and nonce twice, which breaks AES-GCM: real files go through [`seal`],
/// and this must not be exposed to JavaScript. Writes version 3.
pub fn seal_with(
    plaintext: &[u8],
    file_name: &str,
    passphrase: &[u8],
    params: KdfParams,
    salt: [u8; 16],
    nonce: [u8; 12],
) -> Result<Vec<u8>, EnvelopeError> {
    seal_version(VERSION_3, plaintext, file_name, passphrase, params, salt, nonce)
}

/// [`seal_with`] in format version 1, which RootGuard no longer writes: for
/// the test vectors that prove old files still open, and nothing else.
#[doc(hidden)]
pub fn seal_v1_with(
    plaintext: &[u8],
    file_name: &str,
    passphrase: &[u8],
    params: KdfParams,
    salt: [u8; 16],
    nonce: [u8; 12],
) -> Result<Vec<u8>, EnvelopeError> {
    seal_version(VERSION, plaintext, file_name, passphrase, params, salt, nonce)
}

fn seal_version(
    version: u8,
    plaintext: &[u8],
    file_name: &str,
    passphrase: &[u8],
    params: KdfParams,
    salt: [u8; SALT_LEN],
    nonce: [u8; NONCE_LEN],
) -> Result<Vec<u8>, EnvelopeError> {
    params.check()?;
    if passphrase.is_empty() {
        return Err(EnvelopeError::EmptyPassphrase);
    }
    let name = file_name.as_bytes();
    let name_len = name_len(file_name)?;
    let payload_len = payload_len(name_len, plaintext)?;
    let header = Header { version, params, salt, nonce, payload_len }.encode();
    let key = derive_key(passphrase, &salt, params)?;
    if version != VERSION_3 {
        return seal_payload(&header, &key, nonce, name_len, name, plaintext);
    }
    let keys = v3::Keys::derive(&key)?;
    let mac = keys.mac(&header)?;
    let header = [&header[..], &mac].concat();
    seal_payload(&header, &keys.payload, nonce, name_len, name, plaintext)
}

/// The file name's length field, refusing names over [`MAX_FILE_NAME_LEN`].
fn name_len(file_name: &str) -> Result<u16, EnvelopeError> {
    u16::try_from(file_name.len())
        .ok()
        .filter(|&n| usize::from(n) <= MAX_FILE_NAME_LEN)
        .ok_or(EnvelopeError::FileNameTooLong)
}

/// The payload's length (name length field, name, content) as stored.
fn payload_len(name_len: u16, plaintext: &[u8]) -> Result<u32, EnvelopeError> {
    let len = NAME_LEN_LEN
        .checked_add(usize::from(name_len))
        .and_then(|n| n.checked_add(plaintext.len()))
        .ok_or(EnvelopeError::TooLarge)?;
    u32::try_from(len).map_err(|_| EnvelopeError::TooLarge)
}

/// `header || AES-256-GCM(key, nonce, payload, aad = header) || tag`, the
/// body of every version.
fn seal_payload(
    header: &[u8],
    key: &[u8; KEY_LEN],
    nonce: [u8; NONCE_LEN],
    name_len: u16,
    name: &[u8],
    plaintext: &[u8],
) -> Result<Vec<u8>, EnvelopeError> {
    let total = header
        .len()
        .checked_add(NAME_LEN_LEN + name.len())
        .and_then(|n| n.checked_add(plaintext.len()))
        .and_then(|n| n.checked_add(TAG_LEN))
        .ok_or(EnvelopeError::TooLarge)?;
    let cipher = cipher(key)?;

    // The plaintext is copied only into `out`, reserved at its final size so
    // it never reallocates (which would leave an unwiped copy behind), and is
    // encrypted in place. Until then `out` is wiped if anything fails.
    let mut out = Zeroizing::new(Vec::new());
    out.try_reserve_exact(total).map_err(|_| EnvelopeError::TooLarge)?;
    out.extend_from_slice(header);
    out.extend_from_slice(&name_len.to_le_bytes());
    out.extend_from_slice(name);
    out.extend_from_slice(plaintext);
    let (aad, body) = out.split_at_mut_checked(header.len()).ok_or(EnvelopeError::TooLarge)?;
    let tag = cipher
        .encrypt_in_place_detached(&GenericArray::from(nonce), aad, body)
        .map_err(|_| EnvelopeError::TooLarge)?;
    out.extend_from_slice(&tag);
    Ok(std::mem::take(&mut *out))
}

/// Decrypts a RootGuard file, binary or armored, with `passphrase`.
///
/// Checks everything that can be checked without the passphrase first
/// (signature, version, lengths, parameter limits) and only then runs
/// Argon2.
pub fn open(file: &[u8], passphrase: &[u8]) -> Result<Opened, EnvelopeError> {
    let binary = to_binary(file)?;
    let parsed = Parsed::parse(&binary)?;
    let key = derive_key(passphrase, &parsed.header.salt, parsed.header.params)?;
    open_parsed(&parsed, &key)
}

/// [`open`] with a key that was already derived, for tests and fuzzing only:
/// the exhaustive tamper tests (`tests/tamper.rs`) and the fuzz targets
/// (`fuzz/`) try thousands of damaged files, and Argon2 at the floor costs
/// tens of milliseconds each. Every check [`open`] makes runs here too,
/// except that the key comes from the caller, e.g. from
/// [`derive_key_for_measurement`] with the file's own salt and parameters.
///
/// Decrypting with a known key gives nothing that [`open`] with the
/// passphrase would not; still, keep it out of the JavaScript bridge so the
/// extension has exactly one way in.
#[doc(hidden)]
pub fn open_with_derived_key(file: &[u8], key: &[u8; KEY_LEN]) -> Result<Opened, EnvelopeError> {
    let binary = to_binary(file)?;
    let parsed = Parsed::parse(&binary)?;
    open_parsed(&parsed, key)
}

/// Seals an arbitrary payload (name length and name included, well-formed or
/// not) under a given key, salt and nonce with the floor parameters, in
/// `version` 1 or 3, so the fuzzer reaches the payload checks after the tag
/// (and, in version 3, the header MAC). Only in fuzzing builds (`--cfg
/// fuzzing`, set by cargo-fuzz): a chosen nonce under a chosen key breaks
/// AES-GCM, so this never exists in the extension or the CLI.
#[cfg(fuzzing)]
#[doc(hidden)]
pub fn seal_payload_for_fuzzing(
    version: u8,
    payload: &[u8],
    key: &[u8; KEY_LEN],
    salt: [u8; SALT_LEN],
    nonce: [u8; NONCE_LEN],
) -> Result<Vec<u8>, EnvelopeError> {
    let payload_len = u32::try_from(payload.len()).map_err(|_| EnvelopeError::TooLarge)?;
    let header = Header { version, params: KdfParams::FLOOR, salt, nonce, payload_len }.encode();
    let (header, key) = if version == VERSION_3 {
        let keys = v3::Keys::derive(key)?;
        ([&header[..], &keys.mac(&header)?].concat(), keys.payload)
    } else {
        (header.to_vec(), Zeroizing::new(*key))
    };
    let mut body = payload.to_vec();
    let tag = cipher(&key)?
        .encrypt_in_place_detached(&GenericArray::from(nonce), &header, &mut body)
        .map_err(|_| EnvelopeError::TooLarge)?;
    Ok([&header[..], &body, &tag].concat())
}

/// Reads and checks a file's header without the passphrase (and without
/// running Argon2): the same checks [`open`] makes before key derivation.
pub fn peek(file: &[u8]) -> Result<EnvelopeInfo, EnvelopeError> {
    let binary = to_binary(file)?;
    let armored = matches!(binary, Cow::Owned(_));
    let (version, kind) = kind_of(&binary)?;
    if kind == Kind::Recipients {
        let parsed = recipients::Parsed::parse(&binary)?;
        return Ok(EnvelopeInfo {
            version,
            protection: Protection::Recipients { count: parsed.count() },
            armored,
            payload_len: parsed.payload_len(),
        });
    }
    let parsed = Parsed::parse(&binary)?;
    Ok(EnvelopeInfo {
        version,
        protection: Protection::Passphrase { params: parsed.header.params },
        armored,
        payload_len: parsed.header.payload_len,
    })
}

/// The version byte of a binary envelope (after the magic).
fn version_of(binary: &[u8]) -> Result<u8, EnvelopeError> {
    if !binary.starts_with(&MAGIC) {
        return Err(EnvelopeError::NotAnEnvelope);
    }
    binary.get(OFF_VERSION).copied().ok_or(EnvelopeError::Truncated)
}

/// What opens a file: version 1 and 3 kind 1 a passphrase, version 2 and 3
/// kind 2 recipients.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Kind {
    Passphrase,
    Recipients,
}

/// The version byte and what it (and, in version 3, the kind byte) says
/// opens the file. Unknown versions and kinds are refused here, before any
/// field whose layout they govern is read.
pub(crate) fn kind_of(binary: &[u8]) -> Result<(u8, Kind), EnvelopeError> {
    match version_of(binary)? {
        VERSION => Ok((VERSION, Kind::Passphrase)),
        VERSION_RECIPIENTS => Ok((VERSION_RECIPIENTS, Kind::Recipients)),
        VERSION_3 => match binary.get(OFF_KDF).copied() {
            Some(KIND_PASSPHRASE) => Ok((VERSION_3, Kind::Passphrase)),
            Some(KIND_RECIPIENTS) => Ok((VERSION_3, Kind::Recipients)),
            Some(other) => Err(EnvelopeError::UnsupportedKdf(other)),
            None => Err(EnvelopeError::Truncated),
        },
        other => Err(EnvelopeError::UnsupportedVersion(other)),
    }
}

/// Whether `bytes` look like a RootGuard file: the binary signature at the
/// start, or an armored BEGIN line anywhere. Says nothing about integrity.
pub fn is_envelope(bytes: &[u8]) -> bool {
    bytes.starts_with(&MAGIC) || armor::find(bytes, ARMOR_BEGIN.as_bytes()).is_some()
}

/// Binary input as is; armored input decoded.
pub(crate) fn to_binary(file: &[u8]) -> Result<Cow<'_, [u8]>, EnvelopeError> {
    if file.starts_with(&MAGIC) {
        return Ok(Cow::Borrowed(file));
    }
    if !file.is_empty() && MAGIC.starts_with(file) {
        return Err(EnvelopeError::Truncated);
    }
    match armor::dearmor(file)? {
        // Decoded armor is read exactly as binary input: a prefix of the
        // magic is a truncation, anything else without it is not a file.
        Some(binary) if !binary.is_empty() && MAGIC.starts_with(&binary) => {
            Err(EnvelopeError::Truncated)
        }
        Some(binary) => Ok(Cow::Owned(binary)),
        None => Err(EnvelopeError::NotAnEnvelope),
    }
}

/// The header's fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Header {
    /// [`VERSION`] or [`VERSION_3`] (whose kind byte has the KDF's value).
    version: u8,
    params: KdfParams,
    salt: [u8; SALT_LEN],
    nonce: [u8; NONCE_LEN],
    payload_len: u32,
}

impl Header {
    fn encode(&self) -> [u8; HEADER_LEN] {
        let mut h = [0u8; HEADER_LEN];
        let fields: [(usize, &[u8]); 9] = [
            (0, &MAGIC),
            (OFF_VERSION, &[self.version]),
            (OFF_KDF, &[KDF_ARGON2ID_V13]),
            (OFF_M, &self.params.m_cost_kib.to_le_bytes()),
            (OFF_T, &self.params.t_cost.to_le_bytes()),
            (OFF_P, &self.params.p_cost.to_le_bytes()),
            (OFF_SALT, &self.salt),
            (OFF_NONCE, &self.nonce),
            (OFF_PAYLOAD_LEN, &self.payload_len.to_le_bytes()),
        ];
        for (offset, bytes) in fields {
            if let Some(dst) = h.get_mut(offset..offset + bytes.len()) {
                dst.copy_from_slice(bytes);
            }
        }
        h
    }
}

/// A binary envelope split into its parts, all checks that need no key done.
struct Parsed<'a> {
    header: Header,
    /// The whole header: the payload's associated data.
    aad: &'a [u8],
    /// Version 3: the header MAC (the last 32 bytes of `aad`).
    mac: Option<[u8; v3::MAC_LEN]>,
    ciphertext: &'a [u8],
    tag: &'a [u8],
}

impl<'a> Parsed<'a> {
    fn parse(binary: &'a [u8]) -> Result<Parsed<'a>, EnvelopeError> {
        // The version comes before everything else whose layout it governs.
        let (version, kind) = kind_of(binary)?;
        if kind == Kind::Recipients {
            // A damaged file says so first; a sound one says what opens it.
            recipients::Parsed::parse(binary)?;
            return Err(EnvelopeError::NeedsIdentity);
        }
        let header_len = if version == VERSION_3 { HEADER_LEN_V3 } else { HEADER_LEN };
        let aad = binary.get(..header_len).ok_or(EnvelopeError::Truncated)?;
        let kdf = *aad.get(OFF_KDF).ok_or(EnvelopeError::Truncated)?;
        if kdf != KDF_ARGON2ID_V13 {
            return Err(EnvelopeError::UnsupportedKdf(kdf));
        }
        let params = KdfParams {
            m_cost_kib: u32_at(aad, OFF_M)?,
            t_cost: u32_at(aad, OFF_T)?,
            p_cost: u32_at(aad, OFF_P)?,
        };
        params.check()?;
        let payload_len = u32_at(aad, OFF_PAYLOAD_LEN)?;
        let header = Header {
            version,
            params,
            salt: array_at(aad, OFF_SALT)?,
            nonce: array_at(aad, OFF_NONCE)?,
            payload_len,
        };
        let mac = if version == VERSION_3 { Some(array_at(aad, HEADER_LEN)?) } else { None };

        let (ciphertext, tag) = body(binary, header_len, payload_len)?;
        Ok(Parsed { header, aad, mac, ciphertext, tag })
    }
}

/// The ciphertext and tag after a header of `header_len` bytes that
/// declares `payload_len`: the length checks every version makes.
fn body(
    binary: &[u8],
    header_len: usize,
    payload_len: u32,
) -> Result<(&[u8], &[u8]), EnvelopeError> {
    let rest = binary.get(header_len..).ok_or(EnvelopeError::Truncated)?;
    let payload_len = usize::try_from(payload_len).map_err(|_| EnvelopeError::Truncated)?;
    let body_len = payload_len.checked_add(TAG_LEN).ok_or(EnvelopeError::Truncated)?;
    if rest.len() < body_len {
        return Err(EnvelopeError::Truncated);
    }
    if rest.len() > body_len {
        return Err(EnvelopeError::TrailingData(rest.len() - body_len));
    }
    if payload_len < NAME_LEN_LEN {
        // Too short to hold even the name length: nothing can be missing
        // but payload bytes, so it is a truncation that kept the header
        // consistent.
        return Err(EnvelopeError::Truncated);
    }
    rest.split_at_checked(payload_len).ok_or(EnvelopeError::Truncated)
}

fn u32_at(bytes: &[u8], offset: usize) -> Result<u32, EnvelopeError> {
    array_at(bytes, offset).map(u32::from_le_bytes)
}

fn array_at<const N: usize>(bytes: &[u8], offset: usize) -> Result<[u8; N], EnvelopeError> {
    bytes
        .get(offset..offset.saturating_add(N))
        .and_then(|s| <[u8; N]>::try_from(s).ok())
        .ok_or(EnvelopeError::Truncated)
}

/// Verifies and decrypts with an already derived key, then splits the
/// payload. Separate from [`open`] so tests can try many corrupted files
/// against one key derivation.
fn open_parsed(parsed: &Parsed<'_>, key: &[u8; KEY_LEN]) -> Result<Opened, EnvelopeError> {
    let (nonce, aad) = (parsed.header.nonce, parsed.aad);
    let payload = match &parsed.mac {
        None => decrypt_payload(key, nonce, aad, parsed.ciphertext, parsed.tag),
        Some(mac) => {
            // Version 3: the header MAC first, so that a file opens under
            // one key only; then the payload under the key derived for it.
            let keys = v3::Keys::derive(key)?;
            let signed = aad.get(..HEADER_LEN).ok_or(EnvelopeError::Truncated)?;
            if !keys.verify(signed, mac) {
                return Err(EnvelopeError::WrongPassphraseOrTampered);
            }
            decrypt_payload(&keys.payload, nonce, aad, parsed.ciphertext, parsed.tag)
        }
    }
    .map_err(|()| EnvelopeError::WrongPassphraseOrTampered)?;
    let (file_name, plaintext) = split_payload(payload)?;
    Ok(Opened {
        file_name,
        plaintext,
        params: parsed.header.params,
        version: parsed.header.version,
    })
}

/// Verifies the tag and decrypts into a buffer wiped on drop; `Err(())` is
/// a tag mismatch, which each version reports in its own words. Nothing is
/// released unless the tag verifies.
fn decrypt_payload(
    key: &[u8; KEY_LEN],
    nonce: [u8; NONCE_LEN],
    aad: &[u8],
    ciphertext: &[u8],
    tag: &[u8],
) -> Result<Zeroizing<Vec<u8>>, ()> {
    let cipher = cipher(key).map_err(|_| ())?;
    let tag = <[u8; TAG_LEN]>::try_from(tag).map_err(|_| ())?;
    let mut payload = Zeroizing::new(Vec::new());
    payload.try_reserve_exact(ciphertext.len()).map_err(|_| ())?;
    payload.extend_from_slice(ciphertext);
    cipher
        .decrypt_in_place_detached(
            &GenericArray::from(nonce),
            aad,
            &mut payload,
            &GenericArray::from(tag),
        )
        .map_err(|_| ())?;
    Ok(payload)
}

/// A decrypted payload split into the file name and the content, which is
/// shifted to the front in place (no second copy of the plaintext).
fn split_payload(
    mut payload: Zeroizing<Vec<u8>>,
) -> Result<(String, Zeroizing<Vec<u8>>), EnvelopeError> {
    let name_len: [u8; NAME_LEN_LEN] =
        array_at(&payload, 0).map_err(|_| EnvelopeError::MalformedPayload("no name length"))?;
    let name_len = usize::from(u16::from_le_bytes(name_len));
    if name_len > MAX_FILE_NAME_LEN {
        return Err(EnvelopeError::MalformedPayload("file name longer than 255 bytes"));
    }
    let name_end = NAME_LEN_LEN + name_len;
    let name = payload
        .get(NAME_LEN_LEN..name_end)
        .ok_or(EnvelopeError::MalformedPayload("file name runs past the end"))?;
    let file_name = std::str::from_utf8(name)
        .map_err(|_| EnvelopeError::MalformedPayload("file name is not UTF-8"))?
        .to_owned();
    payload.drain(..name_end);
    Ok((file_name, payload))
}

fn cipher(key: &[u8; KEY_LEN]) -> Result<Aes256Gcm, EnvelopeError> {
    Aes256Gcm::new_from_slice(key).map_err(|_| EnvelopeError::Kdf("bad key length".into()))
}

#[cfg(test)]
thread_local! {
    /// How many times this thread ran Argon2: lets tests prove a refusal
    /// happened before key derivation.
    static KDF_RUNS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Argon2id(passphrase, salt, m, t, p) → 32-byte key. Refuses parameters
/// outside the limits (callers check too; this is the last line). Allocates
/// Argon2's memory fallibly, so a device short of memory gets an error, not
/// an abort.
/// Runs the envelope's KDF exactly as [`seal`] and [`open`] do and returns
/// the derived key. For measuring what a parameter choice costs on this
/// machine (benchmarks, the options page) and for comparing the output with
/// another Argon2id implementation; a file's key never leaves this module.
pub fn derive_key_for_measurement(
    passphrase: &[u8],
    salt: &[u8; SALT_LEN],
    params: KdfParams,
) -> Result<Zeroizing<[u8; KEY_LEN]>, EnvelopeError> {
    derive_key(passphrase, salt, params)
}

fn derive_key(
    passphrase: &[u8],
    salt: &[u8; SALT_LEN],
    params: KdfParams,
) -> Result<Zeroizing<[u8; KEY_LEN]>, EnvelopeError> {
    params.check()?;
    #[cfg(test)]
    KDF_RUNS.with(|runs| runs.set(runs.get() + 1));
    let argon_params =
        argon2::Params::new(params.m_cost_kib, params.t_cost, params.p_cost, Some(KEY_LEN))
            .map_err(|e| EnvelopeError::Kdf(e.to_string()))?;
    let blocks = argon_params.block_count();
    let mut memory: Zeroizing<Vec<Block>> = Zeroizing::new(Vec::new());
    memory.try_reserve_exact(blocks).map_err(|_| {
        EnvelopeError::Kdf(format!(
            "cannot allocate the {} MiB of memory it needs",
            params.m_cost_kib / 1024
        ))
    })?;
    memory.resize(blocks, Block::new());
    let mut key = Zeroizing::new([0u8; KEY_LEN]);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, argon_params)
        .hash_password_into_with_memory(passphrase, salt, &mut *key, &mut **memory)
        .map_err(|e| EnvelopeError::Kdf(e.to_string()))?;
    Ok(key)
}

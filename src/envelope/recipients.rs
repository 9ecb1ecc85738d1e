//! Format version 2: a file encrypted to public-key recipients instead of a
//! passphrase (docs/FORMAT.md, "Version 2"). No prompt when sealing; any one
//! of the recipients' identities opens it.
//!
//! A random 32-byte file key encrypts the payload (AES-256-GCM, the whole
//! header as associated data, as in version 1). For each recipient a fresh
//! ephemeral X25519 key agrees a secret with the recipient's public key;
//! HKDF-SHA256 turns it into a single-use wrap key, which encrypts the file
//! key (AES-256-GCM, all-zero nonce: the wrap key is never used twice, so
//! the nonce never repeats under one key). The header stores each ephemeral
//! public key with its wrapped file key.
//!
//! Everything that needs no identity (signature, version, count, lengths) is
//! checked first. Opening costs one X25519 and one HKDF per entry, no
//! Argon2, so it is cheap to try on hostile input: the fuzz targets do.

use aes_gcm::aead::generic_array::GenericArray;
use aes_gcm::aead::{AeadInPlace, KeyInit};
use aes_gcm::Aes256Gcm;
use hkdf::Hkdf;
use sha2::Sha256;
use x25519_dalek::{PublicKey, StaticSecret};
use zeroize::Zeroizing;

use super::v3::{self, MAC_LEN};
use super::{
    array_at, body, decrypt_payload, kind_of, name_len, payload_len, seal_payload, split_payload,
    to_binary, u32_at, EnvelopeError, Kind, KEY_LEN, KIND_RECIPIENTS, MAGIC, NONCE_LEN, TAG_LEN,
    VERSION_3, VERSION_RECIPIENTS,
};
use crate::recipient::{is_canonical, Identity, Recipient};

/// The most recipients one file is encrypted to. Bounds the header (and the
/// work of trying every entry) for a hostile file; a team that needs more
/// shares an identity per group.
pub const MAX_RECIPIENTS: usize = 16;

/// Bytes before the first recipient entry in version 2: magic, version,
/// count, nonce, payload length.
pub const FIXED_HEADER_LEN: usize = 24;

/// Bytes before the first recipient entry in version 3: magic, version,
/// kind, count, nonce, payload length.
pub const FIXED_HEADER_LEN_V3: usize = 25;

/// Bytes of one recipient entry: ephemeral public key and wrapped file key.
pub const STANZA_LEN: usize = EPHEMERAL_LEN + WRAPPED_LEN;

/// HKDF's `info` in version 2: binds the wrap key to this use, so the same
/// X25519 secret used elsewhere could never give this key.
pub const WRAP_INFO: &[u8] = b"rootguard v2 x25519 file key";

/// HKDF's `info` in version 3.
pub const WRAP_INFO_V3: &[u8] = b"rootguard v3 x25519 file key";

const EPHEMERAL_LEN: usize = 32;
const WRAPPED_LEN: usize = KEY_LEN + TAG_LEN;

/// Where a version's fields are (docs/FORMAT.md, "Version 2", "Version 3").
struct Layout {
    version: u8,
    count: usize,
    nonce: usize,
    payload_len: usize,
    /// The first entry's offset.
    fixed: usize,
    info: &'static [u8],
}

const V2: Layout = Layout {
    version: VERSION_RECIPIENTS,
    count: 7,
    nonce: 8,
    payload_len: 20,
    fixed: FIXED_HEADER_LEN,
    info: WRAP_INFO,
};

const V3: Layout = Layout {
    version: VERSION_3,
    count: 8,
    nonce: 9,
    payload_len: 21,
    fixed: FIXED_HEADER_LEN_V3,
    info: WRAP_INFO_V3,
};

/// A file opened with an identity.
pub struct OpenedToIdentity {
    /// The format version it was written in ([`VERSION_RECIPIENTS`] or
    /// [`VERSION_3`]).
    pub version: u8,
    /// The original file name (display it; never use it as a path unreduced).
    pub file_name: String,
    /// The original file's bytes, wiped on drop.
    pub plaintext: Zeroizing<Vec<u8>>,
    /// How many recipients the file is encrypted to.
    pub recipients: u8,
}

impl std::fmt::Debug for OpenedToIdentity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OpenedToIdentity")
            .field("file_name", &self.file_name)
            .field("plaintext", &format_args!("<{} bytes, redacted>", self.plaintext.len()))
            .field("recipients", &self.recipients)
            .finish()
    }
}

/// Encrypts `plaintext` (with `file_name` inside) to every recipient, with a
/// fresh random file key, nonce and ephemeral keys. Returns the binary
/// envelope; [`super::armor`] it for text.
pub fn seal_to_recipients(
    plaintext: &[u8],
    file_name: &str,
    recipients: &[Recipient],
) -> Result<Vec<u8>, EnvelopeError> {
    check_recipients(recipients)?;
    let random = |buf: &mut [u8]| {
        getrandom::getrandom(buf).map_err(|e| EnvelopeError::Random(e.to_string()))
    };
    let mut file_key = Zeroizing::new([0u8; KEY_LEN]);
    random(&mut *file_key)?;
    let mut nonce = [0u8; NONCE_LEN];
    random(&mut nonce)?;
    let mut ephemeral = Zeroizing::new(vec![[0u8; 32]; recipients.len()]);
    for secret in ephemeral.iter_mut() {
        random(secret)?;
    }
    seal_to_recipients_with(plaintext, file_name, recipients, &file_key, nonce, &ephemeral)
}

/// [`seal_to_recipients`] with a caller-chosen file key, nonce and ephemeral
/// secrets (one per recipient): deterministic, for test vectors only. A
/// reused file key and nonce, or a reused ephemeral secret, breaks the
/// format's security: real files go through [`seal_to_recipients`], and
/// this must not be exposed to JavaScript. Writes version 3.
#[doc(hidden)]
pub fn seal_to_recipients_with(
    plaintext: &[u8],
    file_name: &str,
    recipients: &[Recipient],
    file_key: &[u8; KEY_LEN],
    nonce: [u8; NONCE_LEN],
    ephemeral: &[[u8; 32]],
) -> Result<Vec<u8>, EnvelopeError> {
    check_recipients(recipients)?;
    let keys: Vec<[u8; 32]> = recipients.iter().map(|r| *r.as_bytes()).collect();
    seal_entries(&V3, plaintext, file_name, &keys, file_key, nonce, ephemeral)
}

/// A version 2 file to raw 32-byte public keys, canonical or not, as
/// RootGuard wrote them before version 3: for the test vectors that prove
/// old files still open (and that a key with bit 255 set is rescued), and
/// nothing else. Deterministic, like [`seal_to_recipients_with`].
#[doc(hidden)]
pub fn seal_v2_to_keys_with(
    plaintext: &[u8],
    file_name: &str,
    keys: &[[u8; 32]],
    file_key: &[u8; KEY_LEN],
    nonce: [u8; NONCE_LEN],
    ephemeral: &[[u8; 32]],
) -> Result<Vec<u8>, EnvelopeError> {
    if keys.is_empty() {
        return Err(EnvelopeError::NoRecipients);
    }
    if keys.len() > MAX_RECIPIENTS {
        return Err(EnvelopeError::TooManyRecipients(keys.len()));
    }
    seal_entries(&V2, plaintext, file_name, keys, file_key, nonce, ephemeral)
}

fn seal_entries(
    layout: &Layout,
    plaintext: &[u8],
    file_name: &str,
    recipients: &[[u8; 32]],
    file_key: &[u8; KEY_LEN],
    nonce: [u8; NONCE_LEN],
    ephemeral: &[[u8; 32]],
) -> Result<Vec<u8>, EnvelopeError> {
    if ephemeral.len() != recipients.len() {
        return Err(EnvelopeError::Random("one ephemeral secret per recipient is needed".into()));
    }
    let count = u8::try_from(recipients.len())
        .map_err(|_| EnvelopeError::TooManyRecipients(recipients.len()))?;
    let name = file_name.as_bytes();
    let name_len = name_len(file_name)?;
    let payload_len = payload_len(name_len, plaintext)?;

    let mut header = Vec::with_capacity(layout.fixed + STANZA_LEN * recipients.len() + MAC_LEN);
    header.extend_from_slice(&MAGIC);
    header.push(layout.version);
    if layout.version == VERSION_3 {
        header.push(KIND_RECIPIENTS);
    }
    header.push(count);
    header.extend_from_slice(&nonce);
    header.extend_from_slice(&payload_len.to_le_bytes());
    for (index, (recipient, secret)) in recipients.iter().zip(ephemeral).enumerate() {
        let secret = StaticSecret::from(*secret);
        let ephemeral_public = PublicKey::from(&secret);
        let shared = secret.diffie_hellman(&PublicKey::from(*recipient));
        // Recipient::parse refuses low-order keys; this is the last line.
        if !shared.was_contributory() {
            return Err(EnvelopeError::InvalidStanza(index + 1));
        }
        let wrap_key =
            wrap_key(shared.as_bytes(), ephemeral_public.as_bytes(), recipient, layout.info)?;
        let mut wrapped = Zeroizing::new(file_key.to_vec());
        let tag = wrap_cipher(&wrap_key)?
            .encrypt_in_place_detached(&GenericArray::from([0u8; NONCE_LEN]), &[], &mut wrapped)
            .map_err(|_| EnvelopeError::TooLarge)?;
        header.extend_from_slice(ephemeral_public.as_bytes());
        header.extend_from_slice(&wrapped);
        header.extend_from_slice(&tag);
    }
    if layout.version != VERSION_3 {
        return seal_payload(&header, file_key, nonce, name_len, name, plaintext);
    }
    let keys = v3::Keys::derive(file_key)?;
    let mac = keys.mac(&header)?;
    header.extend_from_slice(&mac);
    seal_payload(&header, &keys.payload, nonce, name_len, name, plaintext)
}

/// Opens a version 2 file (binary or armored) with `identity`.
pub fn open_with_identity(
    file: &[u8],
    identity: &Identity,
) -> Result<OpenedToIdentity, EnvelopeError> {
    let binary = to_binary(file)?;
    if kind_of(&binary)?.1 == Kind::Passphrase {
        // A damaged file says so first; a sound one says what opens it.
        super::Parsed::parse(&binary)?;
        return Err(EnvelopeError::NeedsPassphrase);
    }
    let parsed = Parsed::parse(&binary)?;
    let file_key = parsed.unwrap_file_key(identity)?;
    let (nonce, aad) = (parsed.nonce, parsed.header);
    let payload = match &parsed.mac {
        None => decrypt_payload(&file_key, nonce, aad, parsed.ciphertext, parsed.tag),
        Some(mac) => {
            // Version 3: the entry gave a file key; the header MAC says
            // whether it is the one this file was written with, before
            // anything is decrypted.
            let keys = v3::Keys::derive(&file_key)?;
            let signed = aad.get(..aad.len().saturating_sub(MAC_LEN)).unwrap_or_default();
            if !keys.verify(signed, mac) {
                return Err(EnvelopeError::Tampered);
            }
            decrypt_payload(&keys.payload, nonce, aad, parsed.ciphertext, parsed.tag)
        }
    }
    .map_err(|()| EnvelopeError::Tampered)?;
    let (file_name, plaintext) = split_payload(payload)?;
    Ok(OpenedToIdentity {
        version: parsed.layout.version,
        file_name,
        plaintext,
        recipients: parsed.count,
    })
}

/// Empty, too long, or with a recipient twice: refused before any work.
fn check_recipients(recipients: &[Recipient]) -> Result<(), EnvelopeError> {
    if recipients.is_empty() {
        return Err(EnvelopeError::NoRecipients);
    }
    if recipients.len() > MAX_RECIPIENTS {
        return Err(EnvelopeError::TooManyRecipients(recipients.len()));
    }
    for (i, r) in recipients.iter().enumerate() {
        if recipients.get(..i).unwrap_or_default().contains(r) {
            return Err(EnvelopeError::DuplicateRecipient(r.to_string()));
        }
    }
    Ok(())
}

/// HKDF-SHA256(ikm = shared secret, salt = ephemeral public key ||
/// recipient public key, info = [`WRAP_INFO`] or [`WRAP_INFO_V3`]) → 32
/// bytes. The salt binds the wrap key to this exact pair of keys.
fn wrap_key(
    shared: &[u8; 32],
    ephemeral_public: &[u8; 32],
    recipient: &[u8; 32],
    info: &[u8],
) -> Result<Zeroizing<[u8; KEY_LEN]>, EnvelopeError> {
    let mut salt = [0u8; 64];
    salt[..32].copy_from_slice(ephemeral_public);
    salt[32..].copy_from_slice(recipient);
    let mut key = Zeroizing::new([0u8; KEY_LEN]);
    Hkdf::<Sha256>::new(Some(&salt), shared)
        .expand(info, &mut *key)
        .map_err(|_| EnvelopeError::Kdf("HKDF output length".into()))?;
    Ok(key)
}

fn wrap_cipher(key: &[u8; KEY_LEN]) -> Result<Aes256Gcm, EnvelopeError> {
    Aes256Gcm::new_from_slice(key).map_err(|_| EnvelopeError::Kdf("bad key length".into()))
}

/// A binary version 2 envelope split into its parts, all checks that need
/// no identity done.
pub(super) struct Parsed<'a> {
    layout: &'static Layout,
    count: u8,
    nonce: [u8; NONCE_LEN],
    payload_len: u32,
    /// The whole header, recipient entries (and in version 3 the MAC)
    /// included: the associated data.
    header: &'a [u8],
    stanzas: &'a [u8],
    /// Version 3: the header MAC.
    mac: Option<[u8; MAC_LEN]>,
    ciphertext: &'a [u8],
    tag: &'a [u8],
}

impl<'a> Parsed<'a> {
    pub(super) fn parse(binary: &'a [u8]) -> Result<Parsed<'a>, EnvelopeError> {
        let layout = match kind_of(binary)? {
            (VERSION_3, Kind::Recipients) => &V3,
            (VERSION_RECIPIENTS, Kind::Recipients) => &V2,
            _ => return Err(EnvelopeError::NotAnEnvelope),
        };
        let fixed = binary.get(..layout.fixed).ok_or(EnvelopeError::Truncated)?;
        let count = *fixed.get(layout.count).ok_or(EnvelopeError::Truncated)?;
        if count == 0 || usize::from(count) > MAX_RECIPIENTS {
            return Err(EnvelopeError::BadRecipientCount(count));
        }
        let nonce = array_at(fixed, layout.nonce)?;
        let payload_len = u32_at(fixed, layout.payload_len)?;
        let entries_end = layout.fixed + STANZA_LEN * usize::from(count);
        let mac_len = if layout.version == VERSION_3 { MAC_LEN } else { 0 };
        let header_len = entries_end + mac_len;
        let header = binary.get(..header_len).ok_or(EnvelopeError::Truncated)?;
        let stanzas = header.get(layout.fixed..entries_end).ok_or(EnvelopeError::Truncated)?;
        let mac = if mac_len > 0 { Some(array_at(header, entries_end)?) } else { None };
        if layout.version == VERSION_3 {
            // Version 3 binds only canonical keys: RootGuard writes no other
            // ephemeral key (X25519 outputs are canonical).
            for (index, stanza) in stanzas.chunks_exact(STANZA_LEN).enumerate() {
                if !is_canonical(&array_at(stanza, 0)?) {
                    return Err(EnvelopeError::InvalidStanza(index + 1));
                }
            }
        }

        let (ciphertext, tag) = body(binary, header_len, payload_len)?;
        Ok(Parsed { layout, count, nonce, payload_len, header, stanzas, mac, ciphertext, tag })
    }

    pub(super) fn count(&self) -> u8 {
        self.count
    }

    pub(super) fn payload_len(&self) -> u32 {
        self.payload_len
    }

    /// Tries the entries in order; the first that opens gives the file key.
    /// An entry whose ephemeral key is degenerate (all-zero shared secret)
    /// fails the file: RootGuard never writes one.
    fn unwrap_file_key(
        &self,
        identity: &Identity,
    ) -> Result<Zeroizing<[u8; KEY_LEN]>, EnvelopeError> {
        let ours = identity.recipient();
        for (index, stanza) in self.stanzas.chunks_exact(STANZA_LEN).enumerate() {
            let ephemeral: [u8; EPHEMERAL_LEN] = array_at(stanza, 0)?;
            let wrapped = stanza.get(EPHEMERAL_LEN..).ok_or(EnvelopeError::Truncated)?;
            let shared = identity.secret().diffie_hellman(&PublicKey::from(ephemeral));
            if !shared.was_contributory() {
                return Err(EnvelopeError::InvalidStanza(index + 1));
            }
            let (sealed_key, tag) =
                wrapped.split_at_checked(KEY_LEN).ok_or(EnvelopeError::Truncated)?;
            let Ok(tag) = <[u8; TAG_LEN]>::try_from(tag) else {
                return Err(EnvelopeError::Truncated);
            };
            // Version 2 writers took the recipient's bytes as given, so a
            // recipient pasted with bit 255 set sealed to E || (P | 2^255):
            // trying that too rescues such files for their owner. It needs
            // the same X25519 secret, so it opens nothing else.
            let mut salts = vec![*ours.as_bytes()];
            if self.layout.version == VERSION_RECIPIENTS {
                let mut high = *ours.as_bytes();
                high[31] |= 0x80;
                salts.push(high);
            }
            for recipient in &salts {
                let wrap_key =
                    wrap_key(shared.as_bytes(), &ephemeral, recipient, self.layout.info)?;
                let mut file_key = Zeroizing::new([0u8; KEY_LEN]);
                file_key.copy_from_slice(sealed_key);
                let opened = wrap_cipher(&wrap_key)?.decrypt_in_place_detached(
                    &GenericArray::from([0u8; NONCE_LEN]),
                    &[],
                    &mut *file_key,
                    &GenericArray::from(tag),
                );
                if opened.is_ok() {
                    return Ok(file_key);
                }
            }
        }
        Err(EnvelopeError::NotEncryptedToIdentity(self.count, ours.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::envelope::{self, armor, peek, Protection};

    fn id(n: u8) -> Identity {
        Identity::from_bytes([n; 32])
    }

    #[test]
    fn every_recipient_opens_and_others_do_not() {
        let (a, b, c) = (id(1), id(2), id(3));
        let file =
            seal_to_recipients(b"secret csv", "rootkey.csv", &[a.recipient(), b.recipient()])
                .unwrap();
        assert_eq!(
            file.len(),
            FIXED_HEADER_LEN_V3 + 2 * STANZA_LEN + MAC_LEN + 2 + 11 + 10 + TAG_LEN
        );
        assert_eq!(&file[6..9], &[3, 2, 2], "version 3, recipients, two of them");
        for who in [&a, &b] {
            let opened = open_with_identity(&file, who).unwrap();
            assert_eq!(opened.version, 3);
            assert_eq!(&opened.plaintext[..], b"secret csv");
            assert_eq!(opened.file_name, "rootkey.csv");
            assert_eq!(opened.recipients, 2);
        }
        let err = open_with_identity(&file, &c).unwrap_err();
        assert_eq!(err.name(), "NotEncryptedToIdentity");
        assert!(err.to_string().contains(&c.recipient().to_string()), "{err}");
        // Armored too; and the passphrase path says to use an identity.
        assert!(open_with_identity(armor(&file).as_bytes(), &a).is_ok());
        assert_eq!(envelope::open(&file, b"pass").unwrap_err(), EnvelopeError::NeedsIdentity);
        assert_eq!(peek(&file).unwrap().protection, Protection::Recipients { count: 2 });
    }

    #[test]
    fn a_passphrase_file_asks_for_its_passphrase() {
        let v1 = envelope::seal(b"x", "x", b"pass", envelope::KdfParams::FLOOR).unwrap();
        assert_eq!(open_with_identity(&v1, &id(1)).unwrap_err(), EnvelopeError::NeedsPassphrase);
    }

    #[test]
    fn recipient_lists_are_checked_before_any_work() {
        assert_eq!(seal_to_recipients(b"x", "", &[]).unwrap_err(), EnvelopeError::NoRecipients);
        let many: Vec<Recipient> = (1..=17).map(|n| id(n).recipient()).collect();
        assert_eq!(
            seal_to_recipients(b"x", "", &many).unwrap_err(),
            EnvelopeError::TooManyRecipients(17)
        );
        assert!(seal_to_recipients(b"x", "", &many[..16]).is_ok());
        let twice = [id(1).recipient(), id(2).recipient(), id(1).recipient()];
        assert!(matches!(
            seal_to_recipients(b"x", "", &twice).unwrap_err(),
            EnvelopeError::DuplicateRecipient(r) if r == id(1).recipient().to_string()
        ));
    }

    #[test]
    fn every_byte_of_the_header_and_body_is_protected() {
        let (a, b) = (id(1), id(2));
        let file = seal_to_recipients(b"0123456789", "n", &[a.recipient(), b.recipient()]).unwrap();
        for i in 0..file.len() {
            let mut bad = file.clone();
            bad[i] ^= 0x01;
            let err = open_with_identity(&bad, &a).unwrap_err();
            let expected: &[&str] = match i {
                0..=5 => &["NotAnEnvelope"],
                // Version 2 (a different layout) or an unknown version.
                6 => &["UnsupportedVersion", "BadRecipientCount", "Truncated"],
                7 => &["UnsupportedKdf"],
                8 => &["BadRecipientCount", "Truncated"],
                // a's own entry: it no longer opens (or its key became
                // degenerate or non-canonical).
                25..=104 => &["NotEncryptedToIdentity", "InvalidStanza"],
                21..=24 => &["Truncated", "TrailingData"],
                // b's entry (bit 255 of its key makes it non-canonical),
                // the MAC, the nonce, the body: the header MAC or the tag.
                _ => &["Tampered", "InvalidStanza"],
            };
            assert!(expected.contains(&err.name()), "byte {i}: {err}");
        }
    }

    #[test]
    fn degenerate_ephemeral_keys_are_refused() {
        let file = seal_to_recipients(b"x", "", &[id(1).recipient()]).unwrap();
        let mut bad = file.clone();
        bad[FIXED_HEADER_LEN_V3..FIXED_HEADER_LEN_V3 + 32].fill(0);
        assert_eq!(open_with_identity(&bad, &id(1)).unwrap_err(), EnvelopeError::InvalidStanza(1));
        // Version 3 refuses a non-canonical ephemeral key before any work.
        let mut high = file.clone();
        high[FIXED_HEADER_LEN_V3 + 31] |= 0x80;
        assert_eq!(peek(&high).unwrap_err(), EnvelopeError::InvalidStanza(1));
    }

    #[test]
    fn version_2_files_still_open_and_bit_255_recipients_are_rescued() {
        let alice = id(1);
        let key = *alice.recipient().as_bytes();
        let mut high = key;
        high[31] |= 0x80;
        // Refused when writing now…
        assert_eq!(
            Recipient::from_bytes(high).unwrap_err(),
            crate::recipient::RecipientError::NonCanonical
        );
        for to in [key, high] {
            // …but version 2 wrote it, binding the bytes as given.
            let v2 = seal_v2_to_keys_with(b"csv", "k.csv", &[to], &[7; 32], [8; 12], &[[9; 32]])
                .unwrap();
            assert_eq!(v2[6], 2);
            assert_eq!(v2.len(), FIXED_HEADER_LEN + STANZA_LEN + 2 + 5 + 3 + TAG_LEN);
            let opened = open_with_identity(&v2, &alice).unwrap();
            assert_eq!((&opened.plaintext[..], opened.version), (&b"csv"[..], 2));
            assert_eq!(
                open_with_identity(&v2, &id(2)).unwrap_err().name(),
                "NotEncryptedToIdentity"
            );
        }
    }

    #[test]
    fn lengths_are_checked_without_panicking() {
        let file = seal_to_recipients(b"abc", "n", &[id(1).recipient()]).unwrap();
        for len in 0..file.len() {
            let err = open_with_identity(&file[..len], &id(1)).unwrap_err();
            assert!(["Truncated", "NotAnEnvelope"].contains(&err.name()), "{len}: {err}");
            assert!(peek(&file[..len]).is_err());
        }
        let mut longer = file.clone();
        longer.push(0);
        assert_eq!(
            open_with_identity(&longer, &id(1)).unwrap_err(),
            EnvelopeError::TrailingData(1)
        );
        let mut none = file.clone();
        none[8] = 0;
        assert_eq!(peek(&none).unwrap_err(), EnvelopeError::BadRecipientCount(0));
        let mut v4 = file;
        v4[6] = 4;
        assert_eq!(
            open_with_identity(&v4, &id(1)).unwrap_err(),
            EnvelopeError::UnsupportedVersion(4)
        );
        assert_eq!(peek(&v4).unwrap_err(), EnvelopeError::UnsupportedVersion(4));
    }
}

//! Format version 3's key commitment (docs/FORMAT.md, "Version 3").
//!
//! AES-GCM's tag does not commit to the key: someone who chooses two keys
//! can build one ciphertext that verifies under both ("invisible
//! salamanders"), and in a file to several recipients each entry can wrap a
//! different file key. Version 3 closes this as age does: the file key (the
//! Argon2id output, or the key the recipient entries wrap) is never used
//! directly; HKDF-SHA256 derives from it a header MAC key and the payload
//! key, and HMAC-SHA256 under the MAC key over the whole header (every
//! recipient entry included) is stored at the end of the header and checked
//! before anything is decrypted. HMAC-SHA256 commits to its key, so one file
//! names one file key, hence one payload key and one plaintext.

use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use zeroize::Zeroizing;

use super::{EnvelopeError, KEY_LEN};

/// Bytes of the header MAC (HMAC-SHA256), the last field of a version 3
/// header.
pub const MAC_LEN: usize = 32;

/// HKDF's `info` for the header MAC key.
pub const MAC_INFO: &[u8] = b"rootguard v3 header mac";

/// HKDF's `info` for the payload's AES-256-GCM key.
pub const PAYLOAD_INFO: &[u8] = b"rootguard v3 payload key";

/// The two keys a version 3 file key gives; wiped on drop.
pub(super) struct Keys {
    /// The payload's AES-256-GCM key.
    pub(super) payload: Zeroizing<[u8; KEY_LEN]>,
    mac: Zeroizing<[u8; KEY_LEN]>,
}

impl Keys {
    /// HKDF-SHA256(ikm = file key, salt = empty, info) for each key.
    pub(super) fn derive(file_key: &[u8; KEY_LEN]) -> Result<Keys, EnvelopeError> {
        let hkdf = Hkdf::<Sha256>::new(None, file_key);
        let mut payload = Zeroizing::new([0u8; KEY_LEN]);
        let mut mac = Zeroizing::new([0u8; KEY_LEN]);
        hkdf.expand(PAYLOAD_INFO, &mut *payload)
            .and_then(|()| hkdf.expand(MAC_INFO, &mut *mac))
            .map_err(|_| EnvelopeError::Kdf("HKDF output length".into()))?;
        Ok(Keys { payload, mac })
    }

    fn hmac(&self) -> Result<Hmac<Sha256>, EnvelopeError> {
        <Hmac<Sha256> as Mac>::new_from_slice(&*self.mac)
            .map_err(|_| EnvelopeError::Kdf("HMAC key length".into()))
    }

    /// HMAC-SHA256 of `header` (every header byte before the MAC).
    pub(super) fn mac(&self, header: &[u8]) -> Result<[u8; MAC_LEN], EnvelopeError> {
        let mut mac = self.hmac()?;
        mac.update(header);
        Ok(mac.finalize().into_bytes().into())
    }

    /// Whether `tag` is the MAC of `header`, compared in constant time.
    pub(super) fn verify(&self, header: &[u8], tag: &[u8; MAC_LEN]) -> bool {
        let Ok(mut mac) = self.hmac() else {
            return false;
        };
        mac.update(header);
        mac.verify_slice(tag).is_ok()
    }
}

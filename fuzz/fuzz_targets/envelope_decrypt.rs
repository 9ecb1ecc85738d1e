//! The envelope reader after key derivation: tag verification and payload
//! splitting, binary and armored, with a fixed pre-derived key so every run
//! costs microseconds instead of an Argon2id derivation.
//!
//! The first input byte chooses the mode:
//! - even: the rest is a file (binary or armored), opened with the key of
//!   `tests/vectors/v1-rootkey.rootguard` (and of `v3-rootkey.rootguard`,
//!   sealed with the same passphrase, salt and parameters); the seeds are those vectors, so the
//!   fuzzer starts from a file that opens and mutates it.
//! - odd: the rest is a payload (name length, name, content; well-formed or
//!   not), sealed under the fixed key by the fuzzing-only
//!   `seal_payload_for_fuzzing`, armored when bit 1 is set, in version 3
//!   (header MAC) when bit 2 is set, version 1 otherwise, then opened: the
//!   result must match an independent reading of the payload rules in
//!   docs/FORMAT.md, so the checks behind the tag are reached at all.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rootguard::envelope::{self, EnvelopeError, KdfParams};

/// The key of `tests/vectors/v1-rootkey.rootguard` (docs/FORMAT.md).
const VECTOR_KEY: [u8; 32] = [
    0x81, 0x82, 0x59, 0xb6, 0x31, 0x00, 0x26, 0xa8, 0xe0, 0xdb, 0xac, 0x5d, 0x2e, 0x69, 0x27, 0xab,
    0xcf, 0xdb, 0x07, 0xb3, 0x22, 0x58, 0xfa, 0xc4, 0xf6, 0x1b, 0x18, 0xb8, 0x0f, 0x92, 0x90, 0x85,
];
const SALT: [u8; 16] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15];
const NONCE: [u8; 12] = [0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xab];

/// What docs/FORMAT.md says a decrypted payload holds: `(name, content)`, or
/// `None` when the reader must report `MalformedPayload`.
fn expected(payload: &[u8]) -> Option<(String, &[u8])> {
    let (len, rest) = payload.split_first_chunk::<2>()?;
    let len = usize::from(u16::from_le_bytes(*len));
    if len > 255 || len > rest.len() {
        return None;
    }
    let (name, content) = rest.split_at(len);
    Some((String::from_utf8(name.to_vec()).ok()?, content))
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    if mode % 2 == 0 {
        match envelope::open_with_derived_key(rest, &VECTOR_KEY) {
            Ok(opened) => {
                assert_eq!(opened.params, KdfParams::FLOOR, "the key is the floor vector's");
                assert!(opened.file_name.len() <= envelope::MAX_FILE_NAME_LEN);
            }
            Err(err) => {
                let _ = err.to_string();
            }
        }
        return;
    }
    // Bit 2 of the mode picks version 3 (header MAC, derived payload key).
    let version = if mode & 4 != 0 { envelope::VERSION_3 } else { envelope::VERSION };
    let Ok(sealed) = envelope::seal_payload_for_fuzzing(version, rest, &VECTOR_KEY, SALT, NONCE)
    else {
        return;
    };
    let file = if mode & 2 != 0 { envelope::armor(&sealed).into_bytes() } else { sealed };
    let got = envelope::open_with_derived_key(&file, &VECTOR_KEY);
    match (expected(rest), got) {
        (Some((name, content)), Ok(opened)) => {
            assert_eq!(opened.file_name, name);
            assert_eq!(opened.plaintext.as_slice(), content);
        }
        (None, Err(EnvelopeError::MalformedPayload(_))) => {}
        // A payload shorter than its length field never reaches decryption.
        (None, Err(EnvelopeError::Truncated)) if rest.len() < 2 => {}
        (want, got) => panic!("payload {rest:?}: expected {want:?}, got {got:?}"),
    }
});

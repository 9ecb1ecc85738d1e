//! Everything the envelope reader does before key derivation, on arbitrary
//! input: binary or armored detection, armor decoding, header and length
//! checks (`is_envelope`, `peek`, and `open` up to where Argon2 would run).
//!
//! `open` runs Argon2id at ≥ 19 MiB for any input whose header passes, far
//! too slow to fuzz; so `open` is called only where `peek` failed, and must
//! then fail with the same error (before Argon2, or the run would be slow
//! and the fuzzer would report it as a timeout). Inputs whose header passes
//! go on to the post-KDF path with a fixed key (`envelope_decrypt` fuzzes
//! that path on its own). A sound version 2 (recipients) file makes `open`
//! refuse with `NeedsIdentity` after the same checks; `envelope_recipients`
//! fuzzes opening those.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rootguard::envelope::{self, EnvelopeError, KdfParams, Protection, MAGIC};

/// The key of `tests/vectors/v1-rootkey.rootguard` (docs/FORMAT.md).
const VECTOR_KEY: [u8; 32] = [
    0x81, 0x82, 0x59, 0xb6, 0x31, 0x00, 0x26, 0xa8, 0xe0, 0xdb, 0xac, 0x5d, 0x2e, 0x69, 0x27, 0xab,
    0xcf, 0xdb, 0x07, 0xb3, 0x22, 0x58, 0xfa, 0xc4, 0xf6, 0x1b, 0x18, 0xb8, 0x0f, 0x92, 0x90, 0x85,
];

fuzz_target!(|data: &[u8]| {
    let looks = envelope::is_envelope(data);
    match envelope::peek(data) {
        Err(err) => {
            // Every refusal that needs no passphrase is `open`'s too, made
            // before key derivation.
            let opened = envelope::open(data, b"correct horse battery staple");
            assert_eq!(opened.err(), Some(err.clone()));
            assert!(
                looks || err == EnvelopeError::NotAnEnvelope || err == EnvelopeError::Truncated,
                "{err:?} for an input is_envelope rejects"
            );
            let _ = err.to_string();
        }
        Ok(info) => {
            assert!(looks);
            match info.protection {
                Protection::Passphrase { params } => {
                    assert!([envelope::VERSION, envelope::VERSION_3].contains(&info.version));
                    assert!(params.check().is_ok(), "peek let {params} through");
                    assert!(params.m_cost_kib >= KdfParams::FLOOR.m_cost_kib);
                    if let Ok(opened) = envelope::open_with_derived_key(data, &VECTOR_KEY) {
                        assert!(opened.plaintext.len() + 2 <= info.payload_len as usize);
                    }
                }
                Protection::Recipients { count } => {
                    assert!([envelope::VERSION_RECIPIENTS, envelope::VERSION_3].contains(&info.version));
                    assert!((1..=16).contains(&count), "peek let {count} recipients through");
                    let opened = envelope::open(data, b"correct horse battery staple");
                    assert_eq!(opened.err(), Some(EnvelopeError::NeedsIdentity));
                }
            }
        }
    }
    // Armoring binary input and reading it back gives the same answer.
    if data.starts_with(&MAGIC) {
        let text = envelope::armor(data);
        let binary = envelope::peek(data).map(|i| (i.version, i.protection, i.payload_len));
        let armored = envelope::peek(text.as_bytes()).map(|i| {
            assert!(i.armored);
            (i.version, i.protection, i.payload_len)
        });
        assert_eq!(binary, armored);
    }
});


//! The version 2 (recipients) reader on arbitrary input, binary or armored:
//! opening with an identity costs one X25519 and one HKDF per entry and no
//! Argon2, so the whole path, header checks, entry unwrapping and payload,
//! is fuzzed as it runs.
//!
//! The identity is alice's from `tests/vectors/` (secret bytes 0x40..=0x5f);
//! the seeds are the version 2 vectors, so the fuzzer starts from files that
//! open (to alice, to alice and bob) and mutates them.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rootguard::envelope::recipients::open_with_identity;
use rootguard::envelope::{self, EnvelopeError, Protection};
use rootguard::recipient::Identity;

fuzz_target!(|data: &[u8]| {
    let alice = Identity::from_bytes(std::array::from_fn(|i| 0x40 + i as u8));
    let peeked = envelope::peek(data);
    match open_with_identity(data, &alice) {
        Ok(opened) => {
            // Opens only what peek accepts as a recipients file.
            let info = peeked.expect("opened a file peek refuses");
            assert_eq!(info.protection, Protection::Recipients { count: opened.recipients });
            assert!(opened.file_name.len() <= envelope::MAX_FILE_NAME_LEN);
            assert!(opened.plaintext.len() + 2 <= info.payload_len as usize);
        }
        Err(err) => {
            let _ = err.to_string();
            match peeked {
                // Everything peek refuses, the reader refuses the same way.
                Err(peek_err) => assert_eq!(err, peek_err),
                Ok(info) => match info.protection {
                    Protection::Passphrase { .. } => {
                        assert_eq!(err, EnvelopeError::NeedsPassphrase)
                    }
                    // A sound header: only the key material or the tag can fail.
                    Protection::Recipients { .. } => assert!(
                        matches!(
                            err,
                            EnvelopeError::NotEncryptedToIdentity(..)
                                | EnvelopeError::InvalidStanza(_)
                                | EnvelopeError::Tampered
                                | EnvelopeError::MalformedPayload(_)
                        ),
                        "{err:?}"
                    ),
                },
            }
        }
    }
});

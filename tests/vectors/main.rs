//! The checked-in test vectors of the envelope format (docs/FORMAT.md,
//! "Test vectors"): this test rebuilds every vector from its inputs with the
//! public API and requires the files and `vectors.json` in this directory to
//! match byte for byte, then opens each one and checks the outcome.
//!
//! After a deliberate format change, regenerate them with
//! `ROOTGUARD_REGENERATE_VECTORS=1 cargo test --test vectors` and say why in
//! the commit; the independent decryptor (tests/independent/) must then agree.
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::path::{Path, PathBuf};

use rootguard::envelope::recipients::{
    open_with_identity, seal_to_recipients_with, seal_v2_to_keys_with, FIXED_HEADER_LEN,
    FIXED_HEADER_LEN_V3, STANZA_LEN,
};
use rootguard::envelope::{self, KdfParams, HEADER_LEN};
use rootguard::identity::{open_identity_file, parse_identity_text};
use rootguard::recipient::{Identity, Recipient};
use serde_json::{json, Value};

mod salamander;

const PASSPHRASE: &str = "correct horse battery staple";
/// The AWS documentation's example key pair, in the console's current format.
const ROOTKEY_CSV: &[u8] = b"Access key ID,Secret access key\r\n\
AKIAIOSFODNN7EXAMPLE,wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\r\n";

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors")
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn params_json(p: KdfParams) -> Value {
    json!({ "m_cost_kib": p.m_cost_kib, "t_cost": p.t_cost, "p_cost": p.p_cost })
}

/// One vector: the file's bytes and its entry in vectors.json.
struct Vector {
    file: &'static str,
    bytes: Vec<u8>,
    entry: Value,
}

/// Inputs of a vector sealed directly with `seal_with` (version 3) or
/// `seal_v1_with`.
struct Sealed {
    version: u8,
    plaintext: Vec<u8>,
    file_name: &'static str,
    passphrase: &'static str,
    params: KdfParams,
    salt: [u8; 16],
    nonce: [u8; 12],
}

impl Sealed {
    fn seal(&self) -> Vec<u8> {
        let seal = if self.version == 1 { envelope::seal_v1_with } else { envelope::seal_with };
        seal(
            &self.plaintext,
            self.file_name,
            self.passphrase.as_bytes(),
            self.params,
            self.salt,
            self.nonce,
        )
        .unwrap()
    }

    fn entry(&self, file: &str, armored: bool, how: &str) -> Value {
        json!({
            "file": file,
            "expect": "ok",
            "passphrase": self.passphrase,
            "file_name": self.file_name,
            "plaintext_hex": hex(&self.plaintext),
            "params": params_json(self.params),
            "salt_hex": hex(&self.salt),
            "nonce_hex": hex(&self.nonce),
            "armored": armored,
            "how": how,
        })
    }
}

fn failing(file: &str, passphrase: &str, error: &str, how: &str) -> Value {
    json!({ "file": file, "expect": "error", "passphrase": passphrase, "error": error, "how": how })
}

/// The identity whose file opens a version 2 vector.
struct Person {
    name: &'static str,
    secret: [u8; 32],
    passphrase: &'static str,
    salt: [u8; 16],
    nonce: [u8; 12],
}

/// When the identity files say they were created (a comment only).
const CREATED: &str = "2026-01-01T00:00:00Z";

impl Person {
    fn identity(&self) -> Identity {
        Identity::from_bytes(self.secret)
    }

    fn recipient(&self) -> Recipient {
        self.identity().recipient()
    }

    fn file(&self) -> String {
        format!("v2-identity-{}.rootguard", self.name)
    }

    /// The identity file, a version 1 vector in its own right.
    fn vector(&self) -> Vector {
        let params = KdfParams::FLOOR;
        let identity = self.identity();
        let text = rootguard::identity::identity_file_text(&identity, CREATED);
        // Written in version 1, as keygen wrote identity files then.
        let bytes = envelope::seal_v1_with(
            text.as_bytes(),
            rootguard::identity::PAYLOAD_NAME,
            self.passphrase.as_bytes(),
            params,
            self.salt,
            self.nonce,
        )
        .unwrap();
        let file = self.file();
        Vector {
            entry: json!({
                "file": file,
                "expect": "ok",
                "passphrase": self.passphrase,
                "file_name": rootguard::identity::PAYLOAD_NAME,
                "plaintext_hex": hex(text.as_bytes()),
                "params": params_json(params),
                "salt_hex": hex(&self.salt),
                "nonce_hex": hex(&self.nonce),
                "armored": false,
                "identity_secret_hex": hex(&self.secret),
                "identity_recipient": self.recipient().to_string(),
                "how": "an identity file in version 1: rootguard keygen's text, sealed with seal_v1_with",
            }),
            file: Box::leak(file.into_boxed_str()),
            bytes,
        }
    }
}

/// Inputs of a version 2 vector.
struct ToRecipients {
    plaintext: Vec<u8>,
    file_name: &'static str,
    to: Vec<&'static Person>,
    file_key: [u8; 32],
    nonce: [u8; 12],
    ephemeral: Vec<[u8; 32]>,
}

impl ToRecipients {
    /// Version 2, as RootGuard wrote it before version 3.
    fn seal(&self) -> Vec<u8> {
        let keys: Vec<[u8; 32]> = self.to.iter().map(|p| *p.recipient().as_bytes()).collect();
        seal_v2_to_keys_with(
            &self.plaintext,
            self.file_name,
            &keys,
            &self.file_key,
            self.nonce,
            &self.ephemeral,
        )
        .unwrap()
    }

    /// Version 3.
    fn seal_v3(&self) -> Vec<u8> {
        let recipients: Vec<Recipient> = self.to.iter().map(|p| p.recipient()).collect();
        seal_to_recipients_with(
            &self.plaintext,
            self.file_name,
            &recipients,
            &self.file_key,
            self.nonce,
            &self.ephemeral,
        )
        .unwrap()
    }

    fn entry(&self, file: &str, opener: &Person, armored: bool, how: &str) -> Value {
        json!({
            "file": file,
            "expect": "ok",
            "identity_file": opener.file(),
            "identity_passphrase": opener.passphrase,
            "file_name": self.file_name,
            "plaintext_hex": hex(&self.plaintext),
            "recipients": self.to.iter().map(|p| p.recipient().to_string()).collect::<Vec<_>>(),
            "file_key_hex": hex(&self.file_key),
            "nonce_hex": hex(&self.nonce),
            "ephemeral_secrets_hex": self.ephemeral.iter().map(|e| hex(e)).collect::<Vec<_>>(),
            "armored": armored,
            "how": how,
        })
    }
}

fn failing_identity(file: &str, opener: &Person, error: &str, how: &str) -> Value {
    json!({
        "file": file,
        "expect": "error",
        "identity_file": opener.file(),
        "identity_passphrase": opener.passphrase,
        "error": error,
        "how": how,
    })
}

static ALICE: Person = Person {
    name: "alice",
    secret: [
        0x40, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4a, 0x4b, 0x4c, 0x4d, 0x4e,
        0x4f, 0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0x5b, 0x5c, 0x5d,
        0x5e, 0x5f,
    ],
    passphrase: "alice's identity passphrase",
    salt: *b"alice salt 16 B!",
    nonce: *b"alice nonce!",
};

static BOB: Person = Person {
    name: "bob",
    secret: [0xb0; 32],
    passphrase: "Bobs Schlüssel-Passphrase 🔑",
    salt: *b"bob's salt 16 B!",
    nonce: *b"bob's nonce!",
};

/// The version 2 vectors: two identity files, a file to one recipient and
/// one to two, and the ways such files fail.
fn recipient_vectors() -> Vec<Vector> {
    let to_alice = ToRecipients {
        plaintext: ROOTKEY_CSV.to_vec(),
        file_name: "rootkey.csv",
        to: vec![&ALICE],
        file_key: std::array::from_fn(|i| i as u8),
        nonce: std::array::from_fn(|i| 0xb0 + i as u8),
        ephemeral: vec![std::array::from_fn(|i| 0xe0 + i as u8)],
    };
    let to_both = to_both_inputs();
    let alice_bin = to_alice.seal();
    let both_bin = to_both.seal();
    let patched = |from: &[u8], f: &dyn Fn(&mut Vec<u8>)| {
        let mut bytes = from.to_vec();
        f(&mut bytes);
        bytes
    };
    let one = "v2-rootkey-alice.rootguard";
    let two = "v2-rootkey-alice-bob.rootguard";
    // Offsets in the two files (docs/FORMAT.md, "Version 2").
    let alice_wrapped = FIXED_HEADER_LEN + 32;
    let bob_stanza = FIXED_HEADER_LEN + STANZA_LEN;
    let payload = FIXED_HEADER_LEN + STANZA_LEN;
    vec![
        ALICE.vector(),
        BOB.vector(),
        Vector {
            file: one,
            entry: to_alice.entry(one, &ALICE, false, "seal_to_recipients_with, to alice"),
            bytes: alice_bin.clone(),
        },
        Vector {
            file: two,
            entry: to_both.entry(
                two,
                &ALICE,
                false,
                "seal_to_recipients_with, to alice and bob; opened by alice",
            ),
            bytes: both_bin.clone(),
        },
        Vector {
            file: two,
            entry: to_both.entry(
                two,
                &BOB,
                false,
                "the same file opened by bob (the second entry)",
            ),
            bytes: both_bin.clone(),
        },
        Vector {
            file: "v2-rootkey-alice-bob.armored.rootguard",
            entry: to_both.entry(
                "v2-rootkey-alice-bob.armored.rootguard",
                &BOB,
                true,
                &format!("armor({two})"),
            ),
            bytes: envelope::armor(&both_bin).into_bytes(),
        },
        Vector {
            file: one,
            entry: failing_identity(
                one,
                &BOB,
                "NotEncryptedToIdentity",
                "a file to alice opened by bob",
            ),
            bytes: alice_bin.clone(),
        },
        Vector {
            file: one,
            entry: failing(
                one,
                ALICE.passphrase,
                "NeedsIdentity",
                "a recipients file given a passphrase",
            ),
            bytes: alice_bin.clone(),
        },
        Vector {
            file: "bad-v2-tampered-stanza.rootguard",
            entry: failing_identity(
                "bad-v2-tampered-stanza.rootguard",
                &ALICE,
                "NotEncryptedToIdentity",
                &format!(
                    "{one} with bit 0 of byte {} (in alice's wrapped file key) flipped",
                    alice_wrapped + 5
                ),
            ),
            bytes: patched(&alice_bin, &|b| b[alice_wrapped + 5] ^= 0x01),
        },
        Vector {
            file: "bad-v2-tampered-other-stanza.rootguard",
            entry: failing_identity(
                "bad-v2-tampered-other-stanza.rootguard",
                &ALICE,
                "Tampered",
                &format!(
                    "{two} with bit 0 of byte {} (bob's wrapped file key) flipped, opened by \
                     alice: her entry opens, the header (associated data) no longer matches",
                    bob_stanza + 40
                ),
            ),
            bytes: patched(&both_bin, &|b| b[bob_stanza + 40] ^= 0x01),
        },
        Vector {
            file: "bad-v2-tampered-ciphertext.rootguard",
            entry: failing_identity(
                "bad-v2-tampered-ciphertext.rootguard",
                &ALICE,
                "Tampered",
                &format!("{one} with bit 0 of byte {} (a ciphertext byte) flipped", payload + 10),
            ),
            bytes: patched(&alice_bin, &|b| b[payload + 10] ^= 0x01),
        },
        Vector {
            file: "bad-v2-truncated.rootguard",
            entry: failing_identity(
                "bad-v2-truncated.rootguard",
                &ALICE,
                "Truncated",
                &format!("{one} without its last byte"),
            ),
            bytes: patched(&alice_bin, &|b| {
                b.pop();
            }),
        },
        Vector {
            file: "bad-v2-too-many-recipients.rootguard",
            entry: failing_identity(
                "bad-v2-too-many-recipients.rootguard",
                &ALICE,
                "BadRecipientCount",
                &format!("{one} with the recipient count (byte 7) set to 17"),
            ),
            bytes: patched(&alice_bin, &|b| b[7] = 17),
        },
        Vector {
            file: "bad-v2-low-order-key.rootguard",
            entry: failing_identity(
                "bad-v2-low-order-key.rootguard",
                &ALICE,
                "InvalidStanza",
                &format!(
                    "{one} with the ephemeral key (bytes {FIXED_HEADER_LEN} to {}) set to 0, a \
                     low-order point: the X25519 secret is all zero",
                    FIXED_HEADER_LEN + 31
                ),
            ),
            bytes: patched(&alice_bin, &|b| b[FIXED_HEADER_LEN..FIXED_HEADER_LEN + 32].fill(0)),
        },
        Vector {
            file: "bad-v2-version-4.rootguard",
            entry: failing_identity(
                "bad-v2-version-4.rootguard",
                &ALICE,
                "UnsupportedVersion",
                &format!("{one} with the version byte (byte 6) set to 4"),
            ),
            bytes: patched(&alice_bin, &|b| b[6] = 4),
        },
    ]
}

/// Version 3 to recipients, the bit-255 rescue of version 2, and the
/// salamander pair.
fn recipient_vectors_v3() -> Vec<Vector> {
    let to_alice = ToRecipients {
        plaintext: ROOTKEY_CSV.to_vec(),
        file_name: "rootkey.csv",
        to: vec![&ALICE],
        file_key: std::array::from_fn(|i| i as u8),
        nonce: std::array::from_fn(|i| 0xb0 + i as u8),
        ephemeral: vec![std::array::from_fn(|i| 0xe0 + i as u8)],
    };
    let to_both = ToRecipients { to: vec![&ALICE, &BOB], ..to_both_inputs() };
    let alice_bin = to_alice.seal_v3();
    let both_bin = to_both.seal_v3();
    let patched = |from: &[u8], f: &dyn Fn(&mut Vec<u8>)| {
        let mut bytes = from.to_vec();
        f(&mut bytes);
        bytes
    };
    let one = "v3-rootkey-alice.rootguard";
    let two = "v3-rootkey-alice-bob.rootguard";
    let mac_at = FIXED_HEADER_LEN_V3 + STANZA_LEN;
    let bob_stanza = FIXED_HEADER_LEN_V3 + STANZA_LEN;

    // A version 2 file sealed to alice's key with bit 255 set: X25519 ignores
    // the bit, the HKDF salt does not.
    let mut high = *ALICE.recipient().as_bytes();
    high[31] |= 0x80;
    let high_text =
        bech32::encode_lower::<bech32::Bech32>(bech32::Hrp::parse("rgpub").unwrap(), &high)
            .unwrap();
    assert_eq!(Recipient::parse(&high_text).unwrap_err().name(), "NonCanonicalKey");
    let bit255 = seal_v2_to_keys_with(
        ROOTKEY_CSV,
        "rootkey.csv",
        &[high],
        &to_alice.file_key,
        to_alice.nonce,
        &to_alice.ephemeral,
    )
    .unwrap();
    let mut bit255_entry = to_alice.entry(
        "v2-rootkey-alice-bit255.rootguard",
        &ALICE,
        false,
        "seal_v2_to_keys_with to alice's key with bit 255 set (the recipient string in \
         `noncanonical_recipient`, which every reader of recipient strings must now refuse \
         with NonCanonicalKey): readers try E || (P | 2^255) for version 2 and rescue it",
    );
    bit255_entry["noncanonical_recipient"] = json!(high_text);

    let messages: [&[u8]; 2] = [
        b"Access key ID,Secret access key\r\nAKIAIOSFODNN7EXAMPLE,alice-reads-this\r\n",
        b"\r\nAccess key ID,Secret access key\r\nAKIAI44QH8DHBEXAMPLE,bob-reads-this\r\n",
    ];
    let recipients = [*ALICE.recipient().as_bytes(), *BOB.recipient().as_bytes()];
    let salamander = |version: u8| {
        salamander::build(version, recipients, [[0x0a; 32], [0x0b; 32]], [0x5c; 12], messages)
    };
    let (s2, s3) = (salamander(2), salamander(3));
    let salamander_entry = |file: &str, who: &Person, s: &salamander::Salamander, version: u8| {
        let plaintext = &s.plaintexts[usize::from(who.name == "bob")];
        json!({
            "file": file,
            "expect": "ok",
            "identity_file": who.file(),
            "identity_passphrase": who.passphrase,
            "file_name": "",
            "plaintext_hex": hex(plaintext),
            "recipients": [ALICE.recipient().to_string(), BOB.recipient().to_string()],
            "nonce_hex": hex(&[0x5c; 12]),
            "ephemeral_secrets_hex": [hex(&[0x0a; 32]), hex(&[0x0b; 32])],
            "file_keys_hex": [hex(&s.file_keys[0]), hex(&s.file_keys[1])],
            "armored": false,
            "how": format!(
                "an invisible salamander in version {version}: alice's and bob's entries wrap \
                 different file keys and the ciphertext's tag verifies under both payload keys \
                 (tests/vectors/salamander.rs); opened by {}",
                who.name
            ),
        })
    };
    vec![
        Vector {
            file: one,
            entry: to_alice.entry(
                one,
                &ALICE,
                false,
                "seal_to_recipients_with (version 3), to alice",
            ),
            bytes: alice_bin.clone(),
        },
        Vector {
            file: two,
            entry: to_both.entry(
                two,
                &BOB,
                false,
                "seal_to_recipients_with (version 3), to alice and bob; opened by bob",
            ),
            bytes: both_bin.clone(),
        },
        Vector {
            file: "v3-rootkey-alice-bob.armored.rootguard",
            entry: to_both.entry(
                "v3-rootkey-alice-bob.armored.rootguard",
                &ALICE,
                true,
                &format!("armor({two}), opened by alice"),
            ),
            bytes: envelope::armor(&both_bin).into_bytes(),
        },
        Vector {
            file: "bad-v3-recipients-tampered-mac.rootguard",
            entry: failing_identity(
                "bad-v3-recipients-tampered-mac.rootguard",
                &ALICE,
                "Tampered",
                &format!("{one} with bit 0 of byte {} (in the header MAC) flipped", mac_at + 7),
            ),
            bytes: patched(&alice_bin, &|b| b[mac_at + 7] ^= 0x01),
        },
        Vector {
            file: "bad-v3-tampered-other-stanza.rootguard",
            entry: failing_identity(
                "bad-v3-tampered-other-stanza.rootguard",
                &ALICE,
                "Tampered",
                &format!(
                    "{two} with bit 0 of byte {} (bob's wrapped file key) flipped, opened by \
                     alice: her entry opens, the header MAC fails",
                    bob_stanza + 40
                ),
            ),
            bytes: patched(&both_bin, &|b| b[bob_stanza + 40] ^= 0x01),
        },
        Vector {
            file: "bad-v3-noncanonical-ephemeral.rootguard",
            entry: failing_identity(
                "bad-v3-noncanonical-ephemeral.rootguard",
                &ALICE,
                "InvalidStanza",
                &format!(
                    "{one} with bit 7 of byte {} (bit 255 of the ephemeral key) set: version 3 \
                     refuses non-canonical keys",
                    FIXED_HEADER_LEN_V3 + 31
                ),
            ),
            bytes: patched(&alice_bin, &|b| b[FIXED_HEADER_LEN_V3 + 31] |= 0x80),
        },
        Vector {
            file: "bad-v3-kind.rootguard",
            entry: failing_identity(
                "bad-v3-kind.rootguard",
                &ALICE,
                "UnsupportedKdf",
                &format!("{one} with the kind byte (byte 7) set to 9"),
            ),
            bytes: patched(&alice_bin, &|b| b[7] = 9),
        },
        Vector { file: "v2-rootkey-alice-bit255.rootguard", entry: bit255_entry, bytes: bit255 },
        Vector {
            file: "salamander-v2.rootguard",
            entry: salamander_entry("salamander-v2.rootguard", &ALICE, &s2, 2),
            bytes: s2.bytes.clone(),
        },
        Vector {
            file: "salamander-v2.rootguard",
            entry: salamander_entry("salamander-v2.rootguard", &BOB, &s2, 2),
            bytes: s2.bytes.clone(),
        },
        Vector {
            file: "salamander-v3.rootguard",
            entry: salamander_entry("salamander-v3.rootguard", &ALICE, &s3, 3),
            bytes: s3.bytes.clone(),
        },
        Vector {
            file: "salamander-v3.rootguard",
            entry: failing_identity(
                "salamander-v3.rootguard",
                &BOB,
                "Tampered",
                "the version 3 salamander opened by bob: his entry gives another file key, \
                 and the header MAC (made with alice's) fails before the payload is decrypted, \
                 although the payload's tag would verify",
            ),
            bytes: s3.bytes.clone(),
        },
    ]
}

/// The two-recipient inputs shared by versions 2 and 3.
fn to_both_inputs() -> ToRecipients {
    ToRecipients {
        plaintext: ROOTKEY_CSV.to_vec(),
        file_name: "rootkey.csv",
        to: vec![&ALICE, &BOB],
        file_key: [0x5a; 32],
        nonce: [0x0c; 12],
        ephemeral: vec![[0x01; 32], [0x02; 32]],
    }
}

/// Mangles armor the way text fields do: CRLF, re-wrapped at 76 columns,
/// indented, surrounded by a note.
fn mangle(armored: &str) -> String {
    let body: String = armored.lines().filter(|l| !l.starts_with("-----")).collect();
    let lines: Vec<String> = body
        .as_bytes()
        .chunks(76)
        .map(|c| format!("  {}", std::str::from_utf8(c).unwrap()))
        .collect();
    format!(
        "AWS root key backup (made by RootGuard)\r\n\r\n  {}\r\n{}\r\n  {}\r\n\r\nstored 2024-05-01\r\n",
        envelope::ARMOR_BEGIN,
        lines.join("\r\n"),
        envelope::ARMOR_END
    )
}

fn vectors() -> Vec<Vector> {
    let rootkey = Sealed {
        version: 1,
        plaintext: ROOTKEY_CSV.to_vec(),
        file_name: "rootkey.csv",
        passphrase: PASSPHRASE,
        params: KdfParams::FLOOR,
        salt: std::array::from_fn(|i| i as u8),
        nonce: std::array::from_fn(|i| 0xa0 + i as u8),
    };
    let unicode = Sealed {
        version: 1,
        plaintext: b"\x00\x01binary \xff\xfe and text\n".to_vec(),
        file_name: "clé d’accès 🔑.csv",
        passphrase: "Grüße, 🔑 Schlüssel — ein langer Satz",
        params: KdfParams { m_cost_kib: 19456, t_cost: 3, p_cost: 2 },
        salt: *b"RootGuard salt!!",
        nonce: *b"unique nonce",
    };
    let empty = Sealed {
        version: 1,
        plaintext: Vec::new(),
        file_name: "",
        passphrase: "x",
        params: KdfParams { m_cost_kib: 20480, t_cost: 2, p_cost: 1 },
        salt: [0xff; 16],
        nonce: [0; 12],
    };

    let rootkey_bin = rootkey.seal();
    let rootkey_armor = envelope::armor(&rootkey_bin);
    let unicode_bin = unicode.seal();
    let empty_mangled = mangle(&envelope::armor(&empty.seal()));

    let patched = |f: &dyn Fn(&mut Vec<u8>)| {
        let mut bytes = rootkey_bin.clone();
        f(&mut bytes);
        bytes
    };
    let from = "v1-rootkey.rootguard";
    let mut all = vec![
        Vector {
            file: "v1-rootkey.rootguard",
            entry: rootkey.entry("v1-rootkey.rootguard", false, "seal_with"),
            bytes: rootkey_bin.clone(),
        },
        Vector {
            file: "v1-rootkey.armored.rootguard",
            entry: rootkey.entry("v1-rootkey.armored.rootguard", true, &format!("armor({from})")),
            bytes: rootkey_armor.into_bytes(),
        },
        Vector {
            file: "v1-unicode-p2.rootguard",
            entry: unicode.entry("v1-unicode-p2.rootguard", false, "seal_with"),
            bytes: unicode_bin,
        },
        Vector {
            file: "v1-empty.mangled-armor.txt",
            entry: empty.entry(
                "v1-empty.mangled-armor.txt",
                true,
                "armor(seal_with), then CRLF, re-wrapped at 76, indented, inside a note",
            ),
            bytes: empty_mangled.into_bytes(),
        },
        Vector {
            file: "v1-rootkey.rootguard",
            entry: failing(
                from,
                "correct horse battery stapler",
                "WrongPassphraseOrTampered",
                "the right file, a wrong passphrase",
            ),
            bytes: rootkey_bin.clone(),
        },
        Vector {
            file: "bad-tampered-ciphertext.rootguard",
            entry: failing(
                "bad-tampered-ciphertext.rootguard",
                PASSPHRASE,
                "WrongPassphraseOrTampered",
                &format!(
                    "{from} with bit 0 of byte {} (a ciphertext byte) flipped",
                    HEADER_LEN + 10
                ),
            ),
            bytes: patched(&|b| b[HEADER_LEN + 10] ^= 0x01),
        },
        Vector {
            file: "bad-tampered-header.rootguard",
            entry: failing(
                "bad-tampered-header.rootguard",
                PASSPHRASE,
                "WrongPassphraseOrTampered",
                &format!(
                    "{from} with t_cost changed from 2 to 3 (byte 12): within limits, so only \
                     the header being associated data catches it"
                ),
            ),
            bytes: patched(&|b| b[12] = 3),
        },
        Vector {
            file: "bad-version.rootguard",
            entry: failing(
                "bad-version.rootguard",
                PASSPHRASE,
                "UnsupportedVersion",
                &format!(
                    "{from} with the version byte (byte 6) set to 4, a version that does not exist"
                ),
            ),
            bytes: patched(&|b| b[6] = 4),
        },
        Vector {
            file: "bad-truncated.rootguard",
            entry: failing(
                "bad-truncated.rootguard",
                PASSPHRASE,
                "Truncated",
                &format!("{from} without its last byte"),
            ),
            bytes: patched(&|b| {
                b.pop();
            }),
        },
        Vector {
            file: "bad-below-floor.rootguard",
            entry: failing(
                "bad-below-floor.rootguard",
                PASSPHRASE,
                "BadParams",
                &format!("{from} with m_cost_kib set to 8192, below the floor"),
            ),
            bytes: patched(&|b| b[8..12].copy_from_slice(&8192u32.to_le_bytes())),
        },
        Vector {
            file: "bad-above-cap.rootguard",
            entry: failing(
                "bad-above-cap.rootguard",
                PASSPHRASE,
                "BadParams",
                &format!("{from} with m_cost_kib set to 4194304 (4 GiB), above the cap"),
            ),
            bytes: patched(&|b| b[8..12].copy_from_slice(&4_194_304u32.to_le_bytes())),
        },
    ];
    all.extend(recipient_vectors());
    all.extend(passphrase_vectors_v3(&rootkey, &rootkey_bin));
    all.extend(recipient_vectors_v3());
    all
}

/// Version 3 with a passphrase, and the edge cases of reading.
fn passphrase_vectors_v3(v1: &Sealed, v1_bin: &[u8]) -> Vec<Vector> {
    let rootkey = Sealed { version: 3, plaintext: v1.plaintext.clone(), ..*v1 };
    let bin = rootkey.seal();
    let from = "v3-rootkey.rootguard";
    let patched = |f: &dyn Fn(&mut Vec<u8>)| {
        let mut bytes = bin.clone();
        f(&mut bytes);
        bytes
    };
    let armored = |binary: &[u8]| envelope::armor(binary);
    // Armor of a 4-byte file needs "==": one is not enough.
    let one_pad = armored(&bin[..bin.len() - 1]).replacen("==\n", "=\n", 1);
    assert!(armored(&bin[..bin.len() - 1]).contains("==\n"));
    let mut len1 = v1_bin[..HEADER_LEN].to_vec();
    len1[48..52].copy_from_slice(&1u32.to_le_bytes());
    len1.extend_from_slice(&[0u8; 1 + 16 + 3]);
    vec![
        Vector {
            file: from,
            entry: rootkey.entry(from, false, "seal_with (version 3)"),
            bytes: bin.clone(),
        },
        Vector {
            file: "v3-rootkey.armored.rootguard",
            entry: rootkey.entry("v3-rootkey.armored.rootguard", true, &format!("armor({from})")),
            bytes: armored(&bin).into_bytes(),
        },
        Vector {
            file: from,
            entry: failing(from, "correct horse battery stapler", "WrongPassphraseOrTampered", "the right file, a wrong passphrase: the header MAC fails"),
            bytes: bin.clone(),
        },
        Vector {
            file: "bad-v3-tampered-mac.rootguard",
            entry: failing(
                "bad-v3-tampered-mac.rootguard",
                PASSPHRASE,
                "WrongPassphraseOrTampered",
                &format!("{from} with bit 0 of byte 60 (in the header MAC) flipped"),
            ),
            bytes: patched(&|b| b[60] ^= 0x01),
        },
        Vector {
            file: "bad-v3-tampered-header.rootguard",
            entry: failing(
                "bad-v3-tampered-header.rootguard",
                PASSPHRASE,
                "WrongPassphraseOrTampered",
                &format!("{from} with t_cost changed from 2 to 3 (byte 12): the header MAC fails"),
            ),
            bytes: patched(&|b| b[12] = 3),
        },
        Vector {
            file: "bad-v3-truncated-mac.rootguard",
            entry: failing(
                "bad-v3-truncated-mac.rootguard",
                PASSPHRASE,
                "Truncated",
                &format!("the first 70 bytes of {from}: it ends inside the header MAC"),
            ),
            bytes: bin[..70].to_vec(),
        },
        Vector {
            file: "bad-payload-len-1-trailing.rootguard",
            entry: failing(
                "bad-payload-len-1-trailing.rootguard",
                PASSPHRASE,
                "TrailingData",
                "the version 1 header of v1-rootkey.rootguard with payload_len 1, then 20 bytes \
                 (1 + 16 + 3): more than declared is TrailingData, checked before the payload's \
                 minimum length",
            ),
            bytes: len1,
        },
        Vector {
            file: "bad-armor-one-pad.txt",
            entry: failing(
                "bad-armor-one-pad.txt",
                PASSPHRASE,
                "BadArmor",
                &format!("armor of {from} without its last byte, whose padding needs \"==\", with one \"=\""),
            ),
            bytes: one_pad.into_bytes(),
        },
        Vector {
            file: "bad-armor-short.txt",
            entry: failing(
                "bad-armor-short.txt",
                PASSPHRASE,
                "Truncated",
                "armor of the 4 bytes RGEN: decoded armor is read as binary input, and a \
                 prefix of the magic is Truncated",
            ),
            bytes: armored(b"RGEN").into_bytes(),
        },
    ]
}

fn manifest(vectors: &[Vector]) -> String {
    let doc = json!({
        "format": "RootGuard encrypted file, versions 1 (passphrase), 2 (recipients) and 3 (either, key-committing): docs/FORMAT.md",
        "generated_by": "tests/vectors/main.rs (ROOTGUARD_REGENERATE_VECTORS=1 cargo test --test vectors)",
        "passphrase_encoding": "UTF-8 bytes of the string, nothing added or removed",
        "expect": "ok: opens to plaintext_hex and file_name; error: must fail, `error` names the EnvelopeError variant (docs/FORMAT.md, Errors)",
        "opened_with": "`passphrase`, or (version 2) the identity in `identity_file` opened with `identity_passphrase`",
        "vectors": vectors.iter().map(|v| v.entry.clone()).collect::<Vec<_>>(),
    });
    serde_json::to_string_pretty(&doc).unwrap() + "\n"
}

#[test]
fn vectors_are_reproduced_byte_for_byte() {
    let vectors = vectors();
    let json = manifest(&vectors);
    if std::env::var_os("ROOTGUARD_REGENERATE_VECTORS").is_some() {
        for v in &vectors {
            std::fs::write(dir().join(v.file), &v.bytes).unwrap();
        }
        std::fs::write(dir().join("vectors.json"), &json).unwrap();
    }
    for v in &vectors {
        let on_disk = std::fs::read(dir().join(v.file))
            .unwrap_or_else(|e| panic!("{}: {e} (regenerate, see this file's docs)", v.file));
        assert!(on_disk == v.bytes, "{} differs from what the code produces now", v.file);
    }
    let on_disk = std::fs::read_to_string(dir().join("vectors.json")).unwrap();
    assert_eq!(on_disk, json, "vectors.json differs from what the code produces now");
    // After (re)generation, in the same test so it never races the writes.
    vectors_open_as_listed();
}

/// Reads vectors.json as an outsider would and checks every outcome.
fn vectors_open_as_listed() {
    let doc: Value =
        serde_json::from_str(&std::fs::read_to_string(dir().join("vectors.json")).unwrap())
            .unwrap();
    let list = doc["vectors"].as_array().unwrap();
    assert!(list.len() >= 10);
    for v in list {
        let file = v["file"].as_str().unwrap();
        let bytes = std::fs::read(dir().join(file)).unwrap();
        assert!(envelope::is_envelope(&bytes), "{file}");
        if let Some(identity_file) = v["identity_file"].as_str() {
            let id_bytes = std::fs::read(dir().join(identity_file)).unwrap();
            let pass = v["identity_passphrase"].as_str().unwrap().as_bytes();
            let identity = open_identity_file(&id_bytes, pass).unwrap();
            let result = open_with_identity(&bytes, &identity);
            match v["expect"].as_str().unwrap() {
                "ok" => {
                    let opened = result.unwrap_or_else(|e| panic!("{file}: {e}"));
                    assert_eq!(hex(&opened.plaintext), v["plaintext_hex"].as_str().unwrap());
                    assert_eq!(opened.file_name, v["file_name"].as_str().unwrap(), "{file}");
                    let count = v["recipients"].as_array().unwrap().len();
                    assert_eq!(usize::from(opened.recipients), count, "{file}");
                }
                _ => {
                    let err = result.err().unwrap_or_else(|| panic!("{file} opened"));
                    assert_eq!(err.name(), v["error"].as_str().unwrap(), "{file}: {err}");
                }
            }
            continue;
        }
        let passphrase = v["passphrase"].as_str().unwrap().as_bytes();
        let result = envelope::open(&bytes, passphrase);
        match v["expect"].as_str().unwrap() {
            "ok" => {
                let opened = result.unwrap_or_else(|e| panic!("{file}: {e}"));
                assert_eq!(hex(&opened.plaintext), v["plaintext_hex"].as_str().unwrap(), "{file}");
                assert_eq!(opened.file_name, v["file_name"].as_str().unwrap(), "{file}");
                assert_eq!(params_json(opened.params), v["params"], "{file}");
                if let Some(recipient) = v["identity_recipient"].as_str() {
                    let identity = parse_identity_text(&opened.plaintext).unwrap();
                    assert_eq!(identity.recipient().to_string(), recipient, "{file}");
                }
            }
            "error" => {
                let err = result.err().unwrap_or_else(|| panic!("{file} opened"));
                assert_eq!(err.name(), v["error"].as_str().unwrap(), "{file}: {err}");
            }
            other => panic!("{file}: unknown expectation {other}"),
        }
    }
}

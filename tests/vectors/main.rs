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

use rootguard::envelope::{self, KdfParams, HEADER_LEN};
use serde_json::{json, Value};

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

/// Inputs of a vector sealed directly with `seal_with`.
struct Sealed {
    plaintext: Vec<u8>,
    file_name: &'static str,
    passphrase: &'static str,
    params: KdfParams,
    salt: [u8; 16],
    nonce: [u8; 12],
}

impl Sealed {
    fn seal(&self) -> Vec<u8> {
        envelope::seal_with(
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
        plaintext: ROOTKEY_CSV.to_vec(),
        file_name: "rootkey.csv",
        passphrase: PASSPHRASE,
        params: KdfParams::FLOOR,
        salt: std::array::from_fn(|i| i as u8),
        nonce: std::array::from_fn(|i| 0xa0 + i as u8),
    };
    let unicode = Sealed {
        plaintext: b"\x00\x01binary \xff\xfe and text\n".to_vec(),
        file_name: "clé d’accès 🔑.csv",
        passphrase: "Grüße, 🔑 Schlüssel — ein langer Satz",
        params: KdfParams { m_cost_kib: 19456, t_cost: 3, p_cost: 2 },
        salt: *b"RootGuard salt!!",
        nonce: *b"unique nonce",
    };
    let empty = Sealed {
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
    vec![
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
                &format!("{from} with the version byte (byte 6) set to 2"),
            ),
            bytes: patched(&|b| b[6] = 2),
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
    ]
}

fn manifest(vectors: &[Vector]) -> String {
    let doc = json!({
        "format": "RootGuard encrypted file, version 1: docs/FORMAT.md",
        "generated_by": "tests/vectors/main.rs (ROOTGUARD_REGENERATE_VECTORS=1 cargo test --test vectors)",
        "passphrase_encoding": "UTF-8 bytes of the string, nothing added or removed",
        "expect": "ok: opens to plaintext_hex and file_name; error: must fail, `error` names the EnvelopeError variant (docs/FORMAT.md, Errors)",
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
        let passphrase = v["passphrase"].as_str().unwrap().as_bytes();
        assert!(envelope::is_envelope(&bytes), "{file}");
        let result = envelope::open(&bytes, passphrase);
        match v["expect"].as_str().unwrap() {
            "ok" => {
                let opened = result.unwrap_or_else(|e| panic!("{file}: {e}"));
                assert_eq!(hex(&opened.plaintext), v["plaintext_hex"].as_str().unwrap(), "{file}");
                assert_eq!(opened.file_name, v["file_name"].as_str().unwrap(), "{file}");
                assert_eq!(params_json(opened.params), v["params"], "{file}");
            }
            "error" => {
                let err = result.err().unwrap_or_else(|| panic!("{file} opened"));
                assert_eq!(err.name(), v["error"].as_str().unwrap(), "{file}: {err}");
            }
            other => panic!("{file}: unknown expectation {other}"),
        }
    }
}

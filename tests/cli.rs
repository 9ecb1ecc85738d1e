//! The `rootguard` binary, run as a user would: encrypt and decrypt round
//! trips, exit codes, the checked-in vectors, refusal to overwrite.
#![cfg(not(target_arch = "wasm32"))]
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const CSV: &[u8] = b"Access key ID,Secret access key\r\n\
AKIAIOSFODNN7EXAMPLE,wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\r\n";

/// A fresh directory under target/tmp, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("cli-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn rootguard(args: &[&dyn AsRef<std::ffi::OsStr>]) -> Output {
    rootguard_stdin(args, b"")
}

fn rootguard_stdin(args: &[&dyn AsRef<std::ffi::OsStr>], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rootguard"))
        .args(args.iter().map(|a| a.as_ref()))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn code(out: &Output) -> i32 {
    out.status.code().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn encrypt_then_decrypt_round_trips() {
    let dir = TempDir::new("round-trip");
    let csv = dir.file("rootkey.csv", CSV);
    let pw = dir.file("pw", b"a long passphrase\n");

    let out = rootguard(&[&"encrypt", &"--passphrase-file", &pw, &csv]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    let sealed = dir.0.join("rootkey.csv.rootguard");
    let bytes = std::fs::read(&sealed).unwrap();
    assert!(bytes.starts_with(b"RGENC\0\x01"));
    assert!(!bytes.windows(4).any(|w| w == b"AKIA"), "plaintext in the encrypted file");

    // To standard output, passphrase from a file...
    let out = rootguard(&[&"decrypt", &"--passphrase-file", &pw, &sealed]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(out.stdout, CSV);

    // ...and to a file, passphrase from standard input (one newline removed).
    let restored = dir.0.join("restored.csv");
    let out = rootguard_stdin(
        &[&"decrypt", &"-p", &"-", &"-o", &restored, &sealed],
        b"a long passphrase\n",
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    assert_eq!(std::fs::read(&restored).unwrap(), CSV);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&restored).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "decrypted file mode {mode:o}");
    }
}

#[test]
fn armored_output_round_trips() {
    let dir = TempDir::new("armor");
    let csv = dir.file("rootkey.csv", CSV);
    let pw = dir.file("pw", b"another passphrase");
    let out = rootguard(&[&"encrypt", &"--armor", &"-o", &"-", &"-p", &pw, &csv]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("-----BEGIN ROOTGUARD ENCRYPTED FILE-----\n"), "{text}");
    // Pasted through a Windows note: CRLF.
    let pasted = dir.file("pasted.txt", text.replace('\n', "\r\n").as_bytes());
    let out = rootguard(&[&"decrypt", &"-p", &pw, &pasted]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(out.stdout, CSV);
}

#[test]
fn existing_outputs_are_not_overwritten_without_force() {
    let dir = TempDir::new("force");
    let csv = dir.file("rootkey.csv", CSV);
    let pw = dir.file("pw", b"passphrase one");
    let existing = dir.file("rootkey.csv.rootguard", b"keep me");
    let out = rootguard(&[&"encrypt", &"-p", &pw, &csv]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).starts_with("rootguard: "), "{}", stderr(&out));
    assert!(stderr(&out).contains("--force"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&existing).unwrap(), b"keep me");

    let out = rootguard(&[&"encrypt", &"--force", &"-p", &pw, &csv]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let decrypted_target = dir.file("out.csv", b"old");
    let out = rootguard(&[&"decrypt", &"-p", &pw, &"-o", &decrypted_target, &existing]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert_eq!(std::fs::read(&decrypted_target).unwrap(), b"old");
}

#[test]
fn wrong_passphrase_exits_1() {
    let dir = TempDir::new("wrong");
    let pw = dir.file("pw", b"correct horse battery stapler\n");
    let out = rootguard(&[&"decrypt", &"-p", &pw, &vector("v1-rootkey.rootguard")]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    assert!(stderr(&out).contains("wrong passphrase"), "{}", stderr(&out));
}

#[test]
fn truncated_and_foreign_files_exit_3() {
    let dir = TempDir::new("truncated");
    let pw = dir.file("pw", b"correct horse battery staple\n");
    let whole = std::fs::read(vector("v1-rootkey.rootguard")).unwrap();
    for len in [3, 30, 60, whole.len() - 1] {
        let cut = dir.file("cut.rootguard", &whole[..len]);
        let out = rootguard(&[&"decrypt", &"-p", &pw, &cut]);
        assert_eq!(code(&out), 3, "cut to {len}: {}", stderr(&out));
        assert!(stderr(&out).contains("truncated"), "{}", stderr(&out));
    }
    let csv = dir.file("rootkey.csv", CSV);
    let out = rootguard(&[&"decrypt", &"-p", &pw, &csv]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    assert!(stderr(&out).contains("not a RootGuard encrypted file"), "{}", stderr(&out));
}

#[test]
fn empty_passphrase_is_refused() {
    let dir = TempDir::new("empty-pass");
    let csv = dir.file("rootkey.csv", CSV);
    let pw = dir.file("pw", b"\n");
    let out = rootguard(&[&"encrypt", &"-p", &pw, &csv]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("empty"), "{}", stderr(&out));
    assert!(!dir.0.join("rootkey.csv.rootguard").exists());
}

#[test]
fn usage_errors_exit_2_and_help_reads_like_age() {
    let help = rootguard(&[&"--help"]);
    assert_eq!(code(&help), 0);
    let text = String::from_utf8(help.stdout).unwrap();
    for part in ["Usage:", "Examples:", "Exit status:", "--passphrase-file", "--armor"] {
        assert!(text.contains(part), "help lacks {part}");
    }
    assert_eq!(code(&rootguard(&[&"decrypt", &"--help"])), 0);
    for args in [
        &[&"frobnicate" as &dyn AsRef<std::ffi::OsStr>][..],
        &[&"encrypt"],
        &[&"decrypt", &"--bogus", &"x"],
        &[&"decrypt", &"a", &"b"],
        &[&"decrypt", &"-p", &"-", &"-"],
        &[&"decrypt", &"-p"],
    ] {
        let out = rootguard(args);
        assert_eq!(code(&out), 2, "{}", stderr(&out));
        assert!(stderr(&out).starts_with("rootguard: "), "{}", stderr(&out));
    }
}

fn vector(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors").join(name)
}

/// Every checked-in vector through the CLI, with the exit code the error
/// name maps to (docs/FORMAT.md, "Errors").
#[test]
fn checked_in_vectors_decrypt_with_the_documented_exit_codes() {
    let dir = TempDir::new("vectors");
    let json = std::fs::read_to_string(vector("vectors.json")).unwrap();
    let doc: Value = serde_json::from_str(&json).unwrap();
    for v in doc["vectors"].as_array().unwrap() {
        let file = vector(v["file"].as_str().unwrap());
        let pw = dir.file("pw", v["passphrase"].as_str().unwrap().as_bytes());
        let out = rootguard(&[&"decrypt", &"--passphrase-file", &pw, &file]);
        let what = format!("{}: {}", file.display(), stderr(&out));
        match v["expect"].as_str().unwrap() {
            "ok" => {
                assert_eq!(code(&out), 0, "{what}");
                let hex: String = out.stdout.iter().map(|b| format!("{b:02x}")).collect();
                assert_eq!(hex, v["plaintext_hex"].as_str().unwrap(), "{what}");
            }
            _ => {
                let expected = match v["error"].as_str().unwrap() {
                    "WrongPassphraseOrTampered" => 1,
                    "NotAnEnvelope" | "Truncated" | "TrailingData" | "BadArmor" => 3,
                    "UnsupportedVersion" | "UnsupportedKdf" => 4,
                    "BadParams" => 5,
                    other => panic!("no exit code for {other}"),
                };
                assert_eq!(code(&out), expected, "{what}");
                assert!(out.stdout.is_empty(), "{what}");
            }
        }
    }
}

#[test]
fn inspect_describes_encrypted_files_without_a_passphrase() {
    let out = rootguard(&[&"inspect", &vector("v1-rootkey.armored.rootguard")]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("RootGuard encrypted file") && text.contains("armored"), "{text}");
    assert!(text.contains("m = 19456 KiB"), "{text}");
    let out = rootguard(&[&"inspect", &vector("bad-version.rootguard")]);
    assert_eq!(code(&out), 4, "{}", stderr(&out));
}

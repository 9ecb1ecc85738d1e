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

mod support;
use support::TempDir;

/// A refusal: this exit code, nothing on stdout, and stderr saying `says`.
fn assert_refused(out: &Output, exit_code: i32, says: &str) {
    assert_eq!(code(out), exit_code, "{}", stderr(out));
    assert!(out.stdout.is_empty());
    assert!(stderr(out).contains(says), "{}", stderr(out));
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
    let dir = TempDir::new("cli-round-trip");
    let csv = dir.file("rootkey.csv", CSV);
    let pw = dir.file("pw", b"a long passphrase\n");

    let out = rootguard(&[&"encrypt", &"--passphrase-file", &pw, &csv]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    let sealed = dir.0.join("rootkey.csv.rootguard");
    let bytes = std::fs::read(&sealed).unwrap();
    assert!(bytes.starts_with(b"RGENC\0\x03\x01"));
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
    let dir = TempDir::new("cli-armor");
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
    let dir = TempDir::new("cli-force");
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
    let dir = TempDir::new("cli-wrong");
    let pw = dir.file("pw", b"correct horse battery stapler\n");
    let out = rootguard(&[&"decrypt", &"-p", &pw, &vector("v1-rootkey.rootguard")]);
    assert_refused(&out, 1, "wrong passphrase");
}

#[test]
fn truncated_and_foreign_files_exit_3() {
    let dir = TempDir::new("cli-truncated");
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
    let dir = TempDir::new("cli-empty-pass");
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
    for part in [
        "Usage:",
        "Examples:",
        "Exit status:",
        "--passphrase-file",
        "--armor",
        "credential-process",
        "credential_process = ",
        "exec [-i IDENTITY] [--key-id ID]",
        "AWS_SESSION_TOKEN",
        "--format aws-import",
        "--key-id",
        "keygen [-o IDENTITY]",
        "recipient [--passphrase-file PATH] IDENTITY",
    ] {
        assert!(text.contains(part), "help lacks {part}");
    }
    // Each command's options are in its own help, as clap writes them.
    for (command, options) in [
        (
            "encrypt",
            &["-r, --recipient <RECIPIENT>", "-a, --armor", "-p, --passphrase-file <PATH>"][..],
        ),
        ("decrypt", &["-i, --identity <IDENTITY>", "aws-import", "--user-name <NAME>"]),
        ("credential-process", &["-i, --identity <IDENTITY>", "-k, --key-id <ID>"]),
        ("exec", &["-i, --identity <IDENTITY>", "AWS_SESSION_TOKEN", "-- <COMMAND>"]),
        ("keygen", &["-o, --output <IDENTITY>"]),
        ("recipient", &["<IDENTITY>", "--passphrase-file <PATH>"]),
        ("inspect", &["<FILE>"]),
    ] {
        let help = rootguard(&[&command, &"--help"]);
        assert_eq!(code(&help), 0, "{}", stderr(&help));
        let text = String::from_utf8(help.stdout).unwrap();
        for option in options {
            assert!(text.contains(option), "{command} --help lacks {option}");
        }
    }
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
    let dir = TempDir::new("cli-vectors");
    let json = std::fs::read_to_string(vector("vectors.json")).unwrap();
    let doc: Value = serde_json::from_str(&json).unwrap();
    for v in doc["vectors"].as_array().unwrap() {
        let file = vector(v["file"].as_str().unwrap());
        // Recipients files (version 2) open with an identity file and its
        // passphrase; passphrase files with the passphrase.
        let out = match v["identity_file"].as_str() {
            Some(identity) => {
                let pw = dir.file("pw", v["identity_passphrase"].as_str().unwrap().as_bytes());
                let identity = vector(identity);
                rootguard(&[&"decrypt", &"-i", &identity, &"--passphrase-file", &pw, &file])
            }
            None => {
                let pw = dir.file("pw", v["passphrase"].as_str().unwrap().as_bytes());
                rootguard(&[&"decrypt", &"--passphrase-file", &pw, &file])
            }
        };
        let what = format!("{}: {}", file.display(), stderr(&out));
        match v["expect"].as_str().unwrap() {
            "ok" => {
                assert_eq!(code(&out), 0, "{what}");
                let hex: String = out.stdout.iter().map(|b| format!("{b:02x}")).collect();
                assert_eq!(hex, v["plaintext_hex"].as_str().unwrap(), "{what}");
            }
            _ => {
                let expected = match v["error"].as_str().unwrap() {
                    "WrongPassphraseOrTampered" | "NotEncryptedToIdentity" | "Tampered" => 1,
                    "NotAnEnvelope" | "Truncated" | "TrailingData" | "BadArmor" => 3,
                    "BadRecipientCount" | "InvalidStanza" => 3,
                    "NeedsIdentity" => 2,
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

// --- The CLI as a credential source: credential-process, exec, aws-import ---

const ID: &str = "AKIAIOSFODNN7EXAMPLE";
const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const ID2: &str = "AKIAI44QH2DHBEXAMPLE";
const SECRET2: &str = "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY";
const PASS: &str = "credential source passphrase";

/// `csv` sealed under [`PASS`] at the floor parameters (fast), and a
/// passphrase file.
fn sealed(dir: &TempDir, csv: &str) -> (PathBuf, PathBuf) {
    use rootguard::envelope::{seal, KdfParams};
    let bytes = seal(csv.as_bytes(), "rootkey.csv", PASS.as_bytes(), KdfParams::FLOOR).unwrap();
    (dir.file("rootkey.csv.rootguard", &bytes), dir.file("pw", format!("{PASS}\n").as_bytes()))
}

fn two_keys() -> String {
    format!(
        "User name,Password,Access key ID,Secret access key,Console login link\n\
         alice,pw,{ID},{SECRET},https://123456789012.signin.aws.amazon.com/console\n\
         alice,pw,{ID2},{SECRET2},https://123456789012.signin.aws.amazon.com/console\n"
    )
}

fn one_key() -> String {
    format!("Access key ID,Secret access key\r\n{ID},{SECRET}\r\n")
}

#[test]
fn credential_process_prints_only_the_json_the_aws_cli_reads() {
    let dir = TempDir::new("cli-cp-json");
    for csv in [one_key(), format!("AWSAccessKeyId={ID}\nAWSSecretKey={SECRET}\n")] {
        let (file, pw) = sealed(&dir, &csv);
        let out = rootguard(&[&"credential-process", &"--passphrase-file", &pw, &file]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        assert!(out.stderr.is_empty(), "{}", stderr(&out));
        let text = String::from_utf8(out.stdout).unwrap();
        // One line, one newline, nothing else: the SDKs parse all of stdout.
        assert!(text.ends_with("}\n") && text.matches('\n').count() == 1, "{text:?}");
        let json: Value = serde_json::from_str(&text).unwrap();
        let object = json.as_object().unwrap();
        assert_eq!(object.len(), 3, "{text}");
        assert_eq!(json["Version"], 1);
        assert_eq!(json["AccessKeyId"], ID);
        assert_eq!(json["SecretAccessKey"], SECRET);
        assert!(json.get("Expiration").is_none(), "long-term keys have no expiration");
    }
}

#[test]
fn credential_process_errors_go_to_stderr_with_their_exit_codes() {
    let dir = TempDir::new("cli-cp-errors");
    let (file, _) = sealed(&dir, &one_key());
    let wrong = dir.file("wrong", b"not the passphrase\n");
    let out = rootguard(&[&"credential-process", &"-p", &wrong, &file]);
    assert_refused(&out, 1, "wrong passphrase");

    // A file that decrypts to something else than keys: exit 6.
    use rootguard::envelope::{seal, KdfParams};
    let other = seal(b"hello", "notes.txt", PASS.as_bytes(), KdfParams::FLOOR).unwrap();
    let other = dir.file("notes.rootguard", &other);
    let pw = dir.file("pw2", PASS.as_bytes());
    let out = rootguard(&[&"credential-process", &"-p", &pw, &other]);
    assert_refused(&out, 6, "does not hold AWS access keys");

    // A plaintext CSV is not accepted as FILE: exit 3, before any prompt.
    let plain = dir.file("rootkey.csv", one_key().as_bytes());
    let out = rootguard(&[&"credential-process", &"-p", &pw, &plain]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    assert!(out.stdout.is_empty());
}

/// The AWS CLI runs credential_process with pipes for stdin, stdout and
/// stderr. From a terminal the prompt still reaches /dev/tty; without a
/// controlling terminal (setsid) there is none, and the error says what to do.
#[cfg(unix)]
#[test]
fn credential_process_without_a_terminal_asks_for_a_passphrase_file() {
    let Some(setsid) =
        ["/usr/bin/setsid", "/bin/setsid"].into_iter().find(|p| Path::new(p).exists())
    else {
        eprintln!("setsid(1) not found: skipped");
        return;
    };
    let dir = TempDir::new("cli-cp-notty");
    let (file, _) = sealed(&dir, &one_key());
    let out = Command::new(setsid)
        .arg("--wait")
        .arg(env!("CARGO_BIN_EXE_rootguard"))
        .arg("credential-process")
        .arg(&file)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_refused(&out, 2, "--passphrase-file");
}

#[test]
fn several_keys_need_key_id_and_errors_list_ids_never_secrets() {
    let dir = TempDir::new("cli-key-id");
    let (file, pw) = sealed(&dir, &two_keys());
    for command in ["credential-process", "exec"] {
        let mut args: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![&command, &"-p", &pw, &file];
        if command == "exec" {
            args.extend([&"--" as &dyn AsRef<std::ffi::OsStr>, &"true"]);
        }
        let out = rootguard(&args);
        assert_eq!(code(&out), 6, "{command}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains(ID) && err.contains(ID2) && err.contains("--key-id"), "{err}");
        assert!(!err.contains(SECRET) && !err.contains(SECRET2), "secret in {err}");
        assert!(out.stdout.is_empty());
    }

    let out = rootguard(&[&"credential-process", &"-p", &pw, &"--key-id", &ID2, &file]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (json["AccessKeyId"].as_str(), json["SecretAccessKey"].as_str()),
        (Some(ID2), Some(SECRET2))
    );

    // A key ID the file does not hold: the ones it does hold, no secrets.
    let out =
        rootguard(&[&"credential-process", &"-p", &pw, &"--key-id=AKIAZZZZZZZZZZZZZZZZ", &file]);
    assert_eq!(code(&out), 6, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("AKIAZZZZZZZZZZZZZZZZ") && err.contains(ID) && err.contains(ID2), "{err}");
    assert!(!err.contains(SECRET) && !err.contains(SECRET2), "{err}");

    // Not a key ID at all: a usage error before any passphrase is read.
    let out = rootguard(&[&"credential-process", &"-p", &pw, &"--key-id", &"alice", &file]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));

    // The same row twice is one key.
    let doubled = format!("{}{ID},{SECRET}\r\n", one_key());
    let (file, pw) = sealed(&dir, &doubled);
    let out = rootguard(&[&"credential-process", &"-p", &pw, &file]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
}

#[test]
fn exec_runs_the_command_with_the_key_and_without_conflicting_variables() {
    let dir = TempDir::new("cli-exec-env");
    let (file, pw) = sealed(&dir, &one_key());
    let out = Command::new(env!("CARGO_BIN_EXE_rootguard"))
        .args(["exec", "-p"])
        .arg(&pw)
        .arg(&file)
        .args(["--", "env"])
        .env("AWS_ACCESS_KEY_ID", "AKIAOLDOLDOLDOLDOLDO")
        .env("AWS_SESSION_TOKEN", "stale-token")
        .env("AWS_SECURITY_TOKEN", "stale-token")
        .env("AWS_PROFILE", "other")
        .env("AWS_DEFAULT_PROFILE", "other")
        .env("AWS_CREDENTIAL_EXPIRATION", "2000-01-01T00:00:00Z")
        .env("ROOTGUARD_TEST_KEPT", "kept")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let env = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = env.lines().collect();
    assert!(lines.contains(&format!("AWS_ACCESS_KEY_ID={ID}").as_str()), "{env}");
    assert!(lines.contains(&format!("AWS_SECRET_ACCESS_KEY={SECRET}").as_str()), "{env}");
    assert!(lines.contains(&"ROOTGUARD_TEST_KEPT=kept"), "{env}");
    for removed in [
        "AWS_SESSION_TOKEN=",
        "AWS_SECURITY_TOKEN=",
        "AWS_PROFILE=",
        "AWS_DEFAULT_PROFILE=",
        "AWS_CREDENTIAL_EXPIRATION=",
    ] {
        assert!(!lines.iter().any(|l| l.starts_with(removed)), "{removed} kept: {env}");
    }
}

#[test]
fn exec_passes_the_command_status_through_and_needs_a_command() {
    let dir = TempDir::new("cli-exec-status");
    let (file, pw) = sealed(&dir, &one_key());
    // No shell between rootguard and the command: `$0` stays literal text.
    let out = rootguard(&[&"exec", &"-p", &pw, &file, &"--", &"echo", &"$0", &"a b"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(out.stdout, b"$0 a b\n");

    let out = rootguard(&[&"exec", &"-p", &pw, &file, &"--", &"sh", &"-c", &"exit 7"]);
    assert_eq!(out.status.code(), Some(7), "{}", stderr(&out));

    // Options after -- are the command's, not rootguard's.
    let out = rootguard(&[
        &"exec",
        &"-p",
        &pw,
        &file,
        &"--",
        &"sh",
        &"-c",
        &"echo \"$1\"",
        &"sh",
        &"--help",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(out.stdout, b"--help\n");

    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        let out = rootguard(&[&"exec", &"-p", &pw, &file, &"--", &"sh", &"-c", &"kill -TERM $$"]);
        assert_eq!(out.status.signal(), Some(15), "{:?}", out.status);
        // ...which a shell reports as 128 + 15.
        let script = format!(
            "'{}' exec -p '{}' '{}' -- sh -c 'kill -TERM $$'; echo $?",
            env!("CARGO_BIN_EXE_rootguard"),
            pw.display(),
            file.display()
        );
        let out = Command::new("sh").args(["-c", &script]).output().unwrap();
        assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "143", "{}", stderr(&out));
    }

    let out = rootguard(&[&"exec", &"-p", &pw, &file, &"--", &"rootguard-no-such-command"]);
    assert_eq!(code(&out), 127, "{}", stderr(&out));
    assert!(stderr(&out).contains("cannot run rootguard-no-such-command"), "{}", stderr(&out));

    for args in [
        &[&"exec" as &dyn AsRef<std::ffi::OsStr>, &"-p", &pw, &file][..],
        &[&"exec", &"-p", &pw, &file, &"--"],
        &[&"exec", &"-p", &pw, &file, &"env"],
    ] {
        let out = rootguard(args);
        assert_eq!(code(&out), 2, "{}", stderr(&out));
        assert!(stderr(&out).contains("rootguard exec FILE -- "), "{}", stderr(&out));
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn decrypt_aws_import_prints_the_csv_aws_configure_import_reads() {
    let dir = TempDir::new("cli-aws-import");
    let (file, pw) = sealed(&dir, &one_key());
    let out = rootguard(&[
        &"decrypt",
        &"--format",
        &"aws-import",
        &"--user-name",
        &"admin",
        &"-p",
        &pw,
        &file,
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        format!("User Name,Access key ID,Secret access key\nadmin,{ID},{SECRET}\n")
    );

    // To a file: private, like every decrypted file.
    let target = dir.0.join("import.csv");
    let out = rootguard(&[
        &"decrypt",
        &"--format=aws-import",
        &"--user-name=admin",
        &"-p",
        &pw,
        &"-o",
        &target,
        &file,
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&target).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "mode {mode:o}");
    }

    // Several keys: --key-id picks the row.
    let dir2 = TempDir::new("cli-aws-import-two");
    let (file2, _) = sealed(&dir2, &two_keys());
    let out = rootguard(&[
        &"decrypt",
        &"--format",
        &"aws-import",
        &"--user-name",
        &"alice",
        &"-p",
        &pw,
        &file2,
    ]);
    assert_eq!(code(&out), 6, "{}", stderr(&out));
    let out = rootguard(&[
        &"decrypt",
        &"--format",
        &"aws-import",
        &"--user-name",
        &"alice",
        &"-k",
        &ID2,
        &"-p",
        &pw,
        &file2,
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .ends_with(&format!("\nalice,{ID2},{SECRET2}\n")));

    // Refused before any passphrase is asked for.
    for args in [
        &[&"decrypt" as &dyn AsRef<std::ffi::OsStr>, &"--format", &"aws-import", &file][..],
        &[&"decrypt", &"--format", &"csv", &file],
        &[&"decrypt", &"--user-name", &"admin", &file],
        &[&"decrypt", &"--key-id", &ID, &file],
        &[&"decrypt", &"--format", &"aws-import", &"--user-name", &"a,b", &file],
        &[&"decrypt", &"--format", &"aws-import", &"--user-name", &"\"admin\"", &file],
        &[&"decrypt", &"--format", &"aws-import", &"--user-name", &" admin", &file],
        &[&"decrypt", &"--format", &"aws-import", &"--user-name", &"a]b", &file],
        &[&"decrypt", &"--format", &"aws-import", &"--user-name", &"a\nb", &file],
        &[&"decrypt", &"--format", &"aws-import", &"--user-name", &"", &file],
    ] {
        let out = rootguard(args);
        assert_eq!(code(&out), 2, "{}", stderr(&out));
        assert!(out.stdout.is_empty());
    }
}

/// `rootguard keygen -p PW -o PATH`: the recipient it printed.
fn keygen(dir: &TempDir, name: &str, pw: &Path) -> (PathBuf, String) {
    let path = dir.0.join(name);
    let out = rootguard(&[&"keygen", &"--passphrase-file", &pw, &"-o", &path]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let recipient = String::from_utf8(out.stdout).unwrap();
    assert!(recipient.starts_with("rgpub1") && recipient.ends_with('\n'), "{recipient:?}");
    assert_eq!(recipient.lines().count(), 1, "{recipient:?}");
    (path, recipient.trim_end().to_owned())
}

#[test]
fn keygen_writes_a_private_identity_once_and_prints_its_recipient() {
    let dir = TempDir::new("cli-keygen");
    let pw = dir.file("pw", format!("{PASS}\n").as_bytes());
    let (identity, recipient) = keygen(&dir, "me.rootguard", &pw);
    let bytes = std::fs::read(&identity).unwrap();
    // A passphrase envelope (version 1): the secret is not in it as text.
    assert!(bytes.starts_with(b"RGENC\0\x03\x01"));
    assert!(!bytes.windows(9).any(|w| w.eq_ignore_ascii_case(b"RGSECRET1")));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&identity).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{mode:o}");
    }
    let out = rootguard(&[&"recipient", &"-p", &pw, &identity]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), format!("{recipient}\n"));

    // Never overwritten, even with --force (keygen has none).
    let again = rootguard(&[&"keygen", &"-p", &pw, &"-o", &identity]);
    assert_eq!(code(&again), 2);
    assert!(stderr(&again).contains("already exists"), "{}", stderr(&again));
    assert_eq!(std::fs::read(&identity).unwrap(), bytes);
    assert_eq!(code(&rootguard(&[&"keygen", &"-p", &pw, &"-f", &"-o", &identity])), 2);

    // Without -o: ./rootguard-identity.rootguard.
    let out = Command::new(env!("CARGO_BIN_EXE_rootguard"))
        .args(["keygen", "--passphrase-file"])
        .arg(&pw)
        .current_dir(&dir.0)
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(dir.0.join("rootguard-identity.rootguard").is_file());
    assert!(stderr(&out).contains("rootguard-identity.rootguard"), "{}", stderr(&out));

    // A weak passphrase, a FILE argument, a wrong passphrase for `recipient`.
    let weak = dir.file("weak", b"short\n");
    let out = rootguard(&[&"keygen", &"-p", &weak, &"-o", &dir.0.join("weak.id")]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("too weak"), "{}", stderr(&out));
    assert!(!dir.0.join("weak.id").exists());
    assert_eq!(code(&rootguard(&[&"keygen", &"-p", &pw, &"extra-file"])), 2);
    let out = rootguard(&[&"recipient", &"-p", &weak, &identity]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(stderr(&out).contains("identity"), "{}", stderr(&out));
}

#[test]
fn files_encrypted_to_recipients_open_with_any_of_their_identities_only() {
    let dir = TempDir::new("cli-recipients");
    let pw = dir.file("pw", format!("{PASS}\n").as_bytes());
    let (alice, alice_r) = keygen(&dir, "alice.id", &pw);
    let (bob, bob_r) = keygen(&dir, "bob.id", &pw);
    let (carol, _) = keygen(&dir, "carol.id", &pw);
    let csv = dir.file("rootkey.csv", one_key().as_bytes());
    let sealed = dir.0.join("rootkey.csv.rootguard");

    // No passphrase is read: stdin is empty and no terminal is needed.
    let out = rootguard(&[&"encrypt", &"-r", &alice_r, &"--recipient", &bob_r, &"--armor", &csv]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = std::fs::read_to_string(&sealed).unwrap();
    assert!(text.starts_with("-----BEGIN ROOTGUARD ENCRYPTED FILE-----"));
    let out = rootguard(&[&"inspect", &sealed]);
    let said = String::from_utf8(out.stdout).unwrap();
    assert!(said.contains("format 3, armored, encrypted to 2 recipients"), "{said}");
    assert!(said.contains("decrypt -i IDENTITY"), "{said}");

    for identity in [&alice, &bob] {
        let out = rootguard(&[&"decrypt", &"-i", identity, &"-p", &pw, &sealed]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        assert_eq!(out.stdout, one_key().as_bytes());
    }
    let out = rootguard(&[&"decrypt", &"-i", &carol, &"-p", &pw, &sealed]);
    assert_eq!(code(&out), 1);
    assert!(out.stdout.is_empty());
    assert!(stderr(&out).contains("not encrypted to this identity"), "{}", stderr(&out));

    // Without -i: told to use one, before any prompt (no terminal here).
    let out = rootguard(&[&"decrypt", &sealed]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("decrypt -i IDENTITY"), "{}", stderr(&out));
    // -i on a passphrase file: told to drop it.
    let v1 = sealed_v1(&dir);
    let out = rootguard(&[&"decrypt", &"-i", &alice, &"-p", &pw, &v1]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("encrypted with a passphrase"), "{}", stderr(&out));
    // The identity's passphrase wrong: exit 1, named as the identity's.
    let wrong = dir.file("wrong", b"not the passphrase at all\n");
    let out = rootguard(&[&"decrypt", &"-i", &alice, &"-p", &wrong, &sealed]);
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("cannot open the identity file"), "{}", stderr(&out));
    // The identity from standard input.
    let out = rootguard_stdin(
        &[&"decrypt", &"-i", &"-", &"-p", &pw, &sealed],
        &std::fs::read(&bob).unwrap(),
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
}

#[test]
fn bad_recipient_lists_are_refused_with_what_is_wrong() {
    let dir = TempDir::new("cli-bad-recipients");
    let pw = dir.file("pw", format!("{PASS}\n").as_bytes());
    let (_, r) = keygen(&dir, "a.id", &pw);
    let csv = dir.file("rootkey.csv", one_key().as_bytes());
    let many: Vec<String> = (0..17)
        .map(|n| rootguard::recipient::Identity::from_bytes([n + 1; 32]).recipient().to_string())
        .collect();
    let mut seventeen: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![&"encrypt", &"-o", &"-", &"-a"];
    for r in &many {
        seventeen.extend([&"-r" as &dyn AsRef<std::ffi::OsStr>, r]);
    }
    seventeen.push(&csv);
    let typo = format!("{}{}{}", &r[..20], if &r[20..21] == "q" { "p" } else { "q" }, &r[21..]);
    let cut = r[..40].to_owned();
    let cases: [(Vec<&dyn AsRef<std::ffi::OsStr>>, &str); 5] = [
        (vec![&"encrypt", &"-r", &typo, &csv], "checksum"),
        (vec![&"encrypt", &"-r", &cut, &csv], "cut off"),
        (vec![&"encrypt", &"-r", &r, &"-r", &r, &csv], "listed twice"),
        (vec![&"encrypt", &"-r", &r, &"-p", &pw, &csv], "needs no passphrase"),
        (seventeen, "at most 16"),
    ];
    for (args, says) in cases {
        let out = rootguard(&args);
        assert_eq!(code(&out), 2, "{says}: {}", stderr(&out));
        assert!(stderr(&out).contains(says), "{says}: {}", stderr(&out));
        assert!(!dir.0.join("rootkey.csv.rootguard").exists());
    }
}

#[test]
fn credential_process_and_exec_take_an_identity() {
    let dir = TempDir::new("cli-cp-identity");
    let pw = dir.file("pw", format!("{PASS}\n").as_bytes());
    let (identity, r) = keygen(&dir, "me.id", &pw);
    let csv = dir.file("rootkey.csv", one_key().as_bytes());
    assert_eq!(code(&rootguard(&[&"encrypt", &"-r", &r, &csv])), 0);
    let sealed = dir.0.join("rootkey.csv.rootguard");

    let out = rootguard(&[&"credential-process", &"-i", &identity, &"-p", &pw, &sealed]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["AccessKeyId"], ID);
    assert_eq!(json["SecretAccessKey"], SECRET);

    let out = rootguard(&[&"exec", &"--identity", &identity, &"-p", &pw, &sealed, &"--", &"env"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let env = String::from_utf8(out.stdout).unwrap();
    assert!(env.lines().any(|l| l == format!("AWS_SECRET_ACCESS_KEY={SECRET}")), "{env}");

    let out = rootguard(&[&"credential-process", &"-p", &pw, &sealed]);
    assert_eq!(code(&out), 2);
    assert!(out.stdout.is_empty());
    assert!(stderr(&out).contains("-i IDENTITY"), "{}", stderr(&out));
}

/// A passphrase file (version 1) beside the others, named v1.rootguard.
fn sealed_v1(dir: &TempDir) -> PathBuf {
    use rootguard::envelope::{seal, KdfParams};
    let bytes =
        seal(one_key().as_bytes(), "rootkey.csv", PASS.as_bytes(), KdfParams::FLOOR).unwrap();
    dir.file("v1.rootguard", &bytes)
}

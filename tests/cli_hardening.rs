//! The CLI's guarantees from issue 16, through the built binary: a
//! non-canonical recipient is refused, output that cannot be written is a
//! failure (closed, full, broken pipe), hostile KDF parameters are
//! announced and can be refused with `--max-memory`, and the buffer holding
//! the passphrase is locked into RAM while the real process runs.
#![cfg(unix)]
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_rootguard");
const CSV: &[u8] = b"Access key ID,Secret access key\r\n\
AKIAIOSFODNN7EXAMPLE,wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\r\n";

mod support;
use support::TempDir;

/// Runs `rootguard ARGS REDIRECT` through sh, e.g. with `>&-`.
fn sh(args: &[&Path], redirect: &str) -> Output {
    let mut script = String::from("exec \"$0\"");
    for i in 1..=args.len() {
        script.push_str(&format!(" \"${i}\""));
    }
    script.push(' ');
    script.push_str(redirect);
    Command::new("sh").arg("-c").arg(script).arg(BIN).args(args).output().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A passphrase file and a v3 file sealed with it.
fn sealed(dir: &TempDir) -> (PathBuf, PathBuf) {
    let pw = dir.file("pw", b"a passphrase for the hardening tests\n");
    let csv = dir.file("rootkey.csv", CSV);
    let out = Command::new(BIN)
        .args([Path::new("encrypt"), Path::new("-p"), &pw, &csv])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    (pw, dir.0.join("rootkey.csv.rootguard"))
}

#[test]
fn a_recipient_with_bit_255_set_is_refused() {
    // alice's key from the vectors with the top bit of byte 31 set.
    let doc: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/vectors.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let high = doc["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|v| v["noncanonical_recipient"].as_str())
        .unwrap()
        .to_owned();
    let dir = TempDir::new("rootguard-hardening-bit255");
    let csv = dir.file("rootkey.csv", CSV);
    let out = Command::new(BIN).args(["encrypt", "-r", &high]).arg(&csv).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("not a canonical X25519 public key"), "{}", stderr(&out));
    assert!(!dir.0.join("rootkey.csv.rootguard").exists());
}

#[test]
fn output_that_cannot_be_written_is_a_failure() {
    let dir = TempDir::new("rootguard-hardening-stdout");
    let (pw, file) = sealed(&dir);
    let args: [&Path; 4] = [Path::new("decrypt"), Path::new("-p"), &pw, &file];
    let ok = sh(&args, "");
    assert_eq!(ok.status.code(), Some(0), "{}", stderr(&ok));
    assert_eq!(ok.stdout, CSV);
    // Closed: the runtime put /dev/null there; rootguard notices.
    let closed = sh(&args, ">&-");
    assert_eq!(closed.status.code(), Some(2), "{}", stderr(&closed));
    assert!(stderr(&closed).contains("standard output is closed"), "{}", stderr(&closed));
    // Full.
    let full = sh(&args, ">/dev/full");
    assert_eq!(full.status.code(), Some(2), "{}", stderr(&full));
    assert!(stderr(&full).contains("cannot write to standard output"), "{}", stderr(&full));
    // /dev/null on purpose is not an error.
    assert_eq!(sh(&args, ">/dev/null").status.code(), Some(0));
    // Broken pipe: the reader is gone before rootguard writes.
    let mut child =
        Command::new(BIN).args(args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    // inspect and the version line go through the same check.
    let inspect = sh(&[Path::new("inspect"), &file], ">&-");
    assert_eq!(inspect.status.code(), Some(2), "{}", stderr(&inspect));
    assert_eq!(sh(&[Path::new("--version")], ">&-").status.code(), Some(2));
}

#[test]
fn heavy_parameters_are_announced_and_can_be_refused() {
    let dir = TempDir::new("rootguard-hardening-heavy");
    let (pw, file) = sealed(&dir);
    let mut bytes = std::fs::read(&file).unwrap();
    bytes[8..12].copy_from_slice(&(1u32 << 20).to_le_bytes());
    bytes[12..16].copy_from_slice(&10u32.to_le_bytes());
    let hostile = dir.file("hostile.rootguard", &bytes);
    let out = Command::new(BIN).arg("inspect").arg(&hostile).output().unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("this file asks for 1 GiB and 10 passes; opening it will take a while"));
    let plain = Command::new(BIN).arg("inspect").arg(&file).output().unwrap();
    assert!(!String::from_utf8_lossy(&plain.stdout).contains("note"));
    let start = Instant::now();
    let out = Command::new(BIN)
        .args([Path::new("decrypt"), Path::new("--max-memory"), Path::new("256M"), Path::new("-p")])
        .args([&pw, &hostile])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    assert!(stderr(&out).contains("above --max-memory"), "{}", stderr(&out));
    assert!(start.elapsed() < Duration::from_secs(5), "Argon2 ran: {:?}", start.elapsed());
    assert!(out.stdout.is_empty());
    // Within the limit it opens as before.
    let out = Command::new(BIN)
        .args([Path::new("decrypt"), Path::new("--max-memory"), Path::new("1G"), Path::new("-p")])
        .args([&pw, &file])
        .output()
        .unwrap();
    assert_eq!((out.status.code(), out.stdout.as_slice()), (Some(0), CSV), "{}", stderr(&out));
}

/// VmLck of a process, in kB.
fn locked_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmLck:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

#[cfg(target_os = "linux")]
#[test]
fn the_running_cli_locks_the_passphrase_buffer() {
    let dir = TempDir::new("rootguard-hardening-vmlck");
    let (pw, file) = sealed(&dir);
    let fifo = dir.0.join("pw.fifo");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let child = Command::new(BIN)
        .args([Path::new("decrypt"), Path::new("-p"), &fifo, &file])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Opening the FIFO for writing lets rootguard's open return; it then
    // locks its passphrase buffer and waits in read for the passphrase.
    let mut writer = std::fs::OpenOptions::new().write(true).open(&fifo).unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut locked = 0;
    while Instant::now() < deadline {
        locked = locked_kib(child.id());
        if locked > 0 {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    use std::io::Write;
    writer.write_all(&std::fs::read(&pw).unwrap()).unwrap();
    drop(writer);
    let out = child.wait_with_output().unwrap();
    assert_eq!((out.status.code(), out.stdout.as_slice()), (Some(0), CSV), "{}", stderr(&out));
    assert!(
        locked > 0,
        "VmLck stayed 0 kB in /proc/PID/status while rootguard held the passphrase"
    );
}

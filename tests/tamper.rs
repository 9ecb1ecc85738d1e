//! Tamper and abuse tests, through the public API and the built CLI, as an
//! attacker with the file (but not the passphrase) would try them:
//! exhaustive single-bit flips over a whole small file, binary and armored;
//! every truncation; headers swapped between two files under one
//! passphrase; KDF parameters at and one step beyond the floor and the cap;
//! a 1 GiB input to `rootguard decrypt`.
//!
//! Every damaged file must fail with the error docs/FORMAT.md names for it,
//! never panic and never return plaintext. Argon2id at the floor costs tens
//! of milliseconds, so the test derives the sample's key once and opens the
//! flips that leave the KDF's inputs (passphrase, salt, parameters) unchanged
//! with it (`open_with_derived_key`: everything `open` does after Argon2);
//! flips of the salt and in-range parameter flips change the key, so they go
//! through the real `open`. Refusals that need no passphrase must come
//! before Argon2 runs: an integration test cannot count derivations (the unit
//! tests in src/envelope/tests.rs do), so it shows it by time, all of them
//! together taking less than one derivation.
#![cfg(not(target_arch = "wasm32"))]
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use rootguard::envelope::{
    armor, derive_key_for_measurement, open, open_with_derived_key, peek, seal_with, EnvelopeError,
    KdfParams, ParamsProblem, Protection, ARMOR_BEGIN, ARMOR_END, HEADER_LEN, HEADER_LEN_V3,
};
use zeroize::Zeroizing;

const PASS: &[u8] = b"correct horse battery staple";
const CSV: &[u8] = b"Access key ID,Secret access key\r\n\
AKIAIOSFODNN7EXAMPLE,wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\r\n";
const SALT: [u8; 16] = *b"tamper-test-salt";
const NONCE: [u8; 12] = *b"tamper-nonce";

// Header layout, from docs/FORMAT.md ("Layout").
const OFF_VERSION: usize = 6;
const OFF_KDF: usize = 7;
const OFF_M: usize = 8;
const OFF_T: usize = 12;
const OFF_P: usize = 16;
const OFF_SALT: usize = 20;
const OFF_NONCE: usize = 36;
const OFF_LEN: usize = 48;
const TAG_LEN: usize = 16;

/// A small sealed file at the floor parameters, its key, and how long one
/// derivation took (the yardstick for "refused before Argon2").
struct Sample {
    file: Vec<u8>,
    key: Zeroizing<[u8; 32]>,
    kdf_time: Duration,
}

fn sample() -> &'static Sample {
    static SAMPLE: OnceLock<Sample> = OnceLock::new();
    SAMPLE.get_or_init(|| {
        let file = seal_with(CSV, "rootkey.csv", PASS, KdfParams::FLOOR, SALT, NONCE).unwrap();
        let start = Instant::now();
        let key = derive_key_for_measurement(PASS, &SALT, KdfParams::FLOOR).unwrap();
        let kdf_time = start.elapsed();
        Sample { file, key, kdf_time }
    })
}

fn flip(file: &[u8], bit: usize) -> Vec<u8> {
    let mut out = file.to_vec();
    out[bit / 8] ^= 1 << (bit % 8);
    out
}

fn u32_at(file: &[u8], offset: usize) -> u32 {
    u32::from_le_bytes(file[offset..offset + 4].try_into().unwrap())
}

fn params_of(file: &[u8]) -> KdfParams {
    KdfParams {
        m_cost_kib: u32_at(file, OFF_M),
        t_cost: u32_at(file, OFF_T),
        p_cost: u32_at(file, OFF_P),
    }
}

fn with_params(file: &[u8], params: KdfParams) -> Vec<u8> {
    let mut out = file.to_vec();
    out[OFF_M..OFF_M + 4].copy_from_slice(&params.m_cost_kib.to_le_bytes());
    out[OFF_T..OFF_T + 4].copy_from_slice(&params.t_cost.to_le_bytes());
    out[OFF_P..OFF_P + 4].copy_from_slice(&params.p_cost.to_le_bytes());
    out
}

/// Runs `open` on inputs that must be refused before key derivation, and
/// checks the refusals took less time, all together, than one derivation.
/// Each input is opened three times and counts with its fastest run: on a
/// loaded machine one run may be preempted for longer than a derivation,
/// but a derivation would slow down every run.
struct Fast {
    spent: Duration,
    count: usize,
}

impl Fast {
    fn new() -> Fast {
        Fast { spent: Duration::ZERO, count: 0 }
    }

    fn open(&mut self, file: &[u8]) -> EnvelopeError {
        let mut fastest = Duration::MAX;
        let mut errors = Vec::new();
        for _ in 0..3 {
            let start = Instant::now();
            let result = open(file, PASS);
            fastest = fastest.min(start.elapsed());
            match result {
                Ok(_) => panic!("a damaged file opened"),
                Err(e) => errors.push(e),
            }
        }
        self.spent += fastest;
        self.count += 1;
        assert!(errors.windows(2).all(|w| w[0] == w[1]), "{errors:?}");
        errors.swap_remove(0)
    }

    fn assert_before_kdf(&self) {
        let kdf = sample().kdf_time;
        assert!(
            self.spent < kdf,
            "{} refusals took {:?}, more than one Argon2 run ({kdf:?}): Argon2 ran",
            self.count,
            self.spent
        );
    }
}

/// The error a flip of `bit` must produce, when it needs no passphrase.
fn expected_fast_error(file: &[u8], flipped: &[u8], bit: usize) -> Option<EnvelopeError> {
    let byte = bit / 8;
    Some(match byte {
        0..OFF_VERSION => EnvelopeError::NotAnEnvelope,
        // Version 3 read as version 1: its header MAC is 32 bytes too many.
        OFF_VERSION if flipped[OFF_VERSION] == 1 => EnvelopeError::TrailingData(32),
        // Read as version 2 (a recipients file): see the caller.
        OFF_VERSION if flipped[OFF_VERSION] == 2 => return None,
        OFF_VERSION => EnvelopeError::UnsupportedVersion(flipped[OFF_VERSION]),
        OFF_KDF => EnvelopeError::UnsupportedKdf(flipped[OFF_KDF]),
        OFF_M..OFF_SALT => {
            let params = params_of(flipped);
            let floor = KdfParams::FLOOR;
            let problem = if params.m_cost_kib < floor.m_cost_kib
                || params.t_cost < floor.t_cost
                || params.p_cost < floor.p_cost
            {
                ParamsProblem::BelowFloor
            } else if params.check().is_err() {
                ParamsProblem::AboveCap
            } else {
                return None; // in range: the key changes, Argon2 must run
            };
            EnvelopeError::BadParams { params, problem }
        }
        OFF_LEN..HEADER_LEN => {
            let declared = u32_at(flipped, OFF_LEN) as usize;
            let body = file.len() - HEADER_LEN_V3;
            if declared + TAG_LEN > body {
                EnvelopeError::Truncated
            } else {
                EnvelopeError::TrailingData(body - declared - TAG_LEN)
            }
        }
        _ => return None,
    })
}

/// Every single-bit flip of the binary file, each with the error its field
/// calls for: a bad signature, version, KDF id, out-of-range parameter or
/// length before Argon2; salt and in-range parameter flips through the real
/// `open` (a new key, and the header is the AEAD's associated data); nonce,
/// ciphertext and tag flips against the derived key.
#[test]
fn every_single_bit_flip_fails_with_the_right_error() {
    let Sample { file, key, .. } = sample();
    assert_eq!(open_with_derived_key(file, key).unwrap().plaintext.as_slice(), CSV);
    let mut fast = Fast::new();
    let mut with_kdf = Vec::new();
    let mut with_key = 0;
    for bit in 0..file.len() * 8 {
        let flipped = flip(file, bit);
        let byte = bit / 8;
        if let Some(expected) = expected_fast_error(file, &flipped, bit) {
            assert_eq!(fast.open(&flipped), expected, "bit {bit} (byte {byte})");
            assert_eq!(peek(&flipped).unwrap_err(), expected, "bit {bit}: peek");
        } else if byte == OFF_VERSION {
            // A version 2 header over version 3 bytes: its lengths do not fit.
            let err = fast.open(&flipped);
            assert!(
                ["Truncated", "TrailingData", "BadRecipientCount"].contains(&err.name()),
                "{err}"
            );
        } else if (OFF_M..OFF_NONCE).contains(&byte) {
            with_kdf.push(bit);
        } else {
            let err = open_with_derived_key(&flipped, key).map(|_| ()).unwrap_err();
            assert_eq!(err, EnvelopeError::WrongPassphraseOrTampered, "bit {bit} (byte {byte})");
            with_key += 1;
        }
    }
    fast.assert_before_kdf();
    // The salt's 128 bits, and the parameter flips that stay in range: m
    // bits 0-9, 12, 13, 15-19 (19456 = 0x4c00; bit 20 and up pass the cap),
    // t bits 0, 2, 3 (t = 3, 6, 10), p bit 1 (p = 3).
    assert_eq!(with_kdf.len(), 128 + 17 + 3 + 1, "{with_kdf:?}");
    assert_eq!(fast.count + with_kdf.len() + with_key, file.len() * 8);
    // About 150 Argon2 runs (the largest m = 531 MiB): two threads, as
    // `cargo test` runs the other tests beside this one only at first.
    std::thread::scope(|scope| {
        for half in [0, 1] {
            let bits: Vec<usize> = with_kdf.iter().copied().skip(half).step_by(2).collect();
            scope.spawn(move || {
                for bit in bits {
                    let err = open(&flip(file, bit), PASS).map(|_| ()).unwrap_err();
                    assert_eq!(err, EnvelopeError::WrongPassphraseOrTampered, "bit {bit}");
                }
            });
        }
    });
    // The derived-key shortcut agrees with the real `open` on a sample.
    let last = file.len() * 8 - 1;
    for bit in [OFF_NONCE * 8, HEADER_LEN_V3 * 8, last - TAG_LEN * 8, last] {
        let err = open(&flip(file, bit), PASS).map(|_| ()).unwrap_err();
        assert_eq!(err, EnvelopeError::WrongPassphraseOrTampered, "bit {bit}");
    }
}

/// Every single-bit flip of the armored text: each either breaks the armor
/// or decodes to a damaged binary file, and fails exactly as that file's
/// header says (the header's own error, or the tag).
#[test]
fn every_single_bit_flip_of_the_armored_file_fails() {
    let Sample { file, key, .. } = sample();
    let text = armor(file).into_bytes();
    let mut kinds = std::collections::BTreeMap::<&str, usize>::new();
    for bit in 0..text.len() * 8 {
        let flipped = flip(&text, bit);
        let err = match (peek(&flipped), open_with_derived_key(&flipped, key)) {
            (_, Ok(opened)) => {
                // Only what the armor rules ignore may change: the newline
                // after the END line, or a line end flipped into other
                // whitespace (\n ^ 1 is a vertical tab). The file is the
                // same file, and opens to the same plaintext.
                let (was, now) = (text[bit / 8], flipped[bit / 8]);
                let ignored = bit / 8 == text.len() - 1
                    || (was == b'\n' && matches!(now, b' ' | b'\t' | b'\r' | 0x0b | 0x0c));
                assert!(ignored, "armored bit {bit} ({was:#04x} -> {now:#04x}) opened");
                assert_eq!(opened.plaintext.as_slice(), CSV);
                *kinds.entry("ignored").or_default() += 1;
                continue;
            }
            (Err(header), Err(err)) => {
                assert_eq!(err, header, "armored bit {bit}");
                err
            }
            (Ok(_), Err(err)) => {
                assert_eq!(err, EnvelopeError::WrongPassphraseOrTampered, "armored bit {bit}");
                err
            }
        };
        *kinds.entry(err.name()).or_default() += 1;
    }
    // Flips in the markers, outside the alphabet, and inside the base64 all
    // happen: the armor reader was exercised in each way.
    for kind in ["BadArmor", "NotAnEnvelope", "WrongPassphraseOrTampered", "BadParams"] {
        assert!(kinds.contains_key(kind), "no flip gave {kind}: {kinds:?}");
    }
}

/// Every prefix of the binary file is refused as truncated (the empty one
/// as not an envelope) before Argon2, bare and armored; every prefix of the
/// armored text is refused as not armor or as damaged armor.
#[test]
fn every_truncation_is_refused_before_key_derivation() {
    let file = &sample().file;
    let mut fast = Fast::new();
    for len in 0..file.len() {
        let expected =
            if len == 0 { EnvelopeError::NotAnEnvelope } else { EnvelopeError::Truncated };
        assert_eq!(fast.open(&file[..len]), expected, "binary cut to {len}");
        if len > 0 {
            // Decoded armor is read as binary input (FORMAT.md, armor step 5).
            let rearmored = armor(&file[..len]);
            assert_eq!(fast.open(rearmored.as_bytes()), expected, "re-armored cut to {len}");
        }
    }
    let text = armor(file);
    let end = text.find(ARMOR_END).unwrap() + ARMOR_END.len();
    for len in 0..end {
        let err = fast.open(&text.as_bytes()[..len]);
        if len < ARMOR_BEGIN.len() {
            assert_eq!(err, EnvelopeError::NotAnEnvelope, "armored cut to {len}");
        } else {
            assert!(matches!(err, EnvelopeError::BadArmor(_)), "armored cut to {len}: {err}");
            assert!(err.to_string().contains("cut off"), "armored cut to {len}: {err}");
        }
    }
    fast.assert_before_kdf();
    // The final newline is all that may go.
    assert_eq!(open(&text.as_bytes()[..end], PASS).unwrap().plaintext.as_slice(), CSV);
}

/// Two files under one passphrase: a header (or just its salt or nonce)
/// moved from one to the other never opens, binary or armored, including
/// when both share a salt and so a key (only the nonce and the associated
/// data differ). Headers of files of other lengths fail on the length.
#[test]
fn swapped_headers_between_two_files_fail() {
    let other_csv = String::from_utf8(CSV.to_vec()).unwrap().replace("EXAMPLE,", "EXAMPLF,");
    let a = &sample().file;
    let b = seal_with(
        other_csv.as_bytes(),
        "rootkey.csv",
        PASS,
        KdfParams::FLOOR,
        *b"another salt 16b",
        *b"other nonce!",
    )
    .unwrap();
    let same_key = seal_with(
        other_csv.as_bytes(),
        "rootkey.csv",
        PASS,
        KdfParams::FLOOR,
        SALT,
        *b"third nonce!",
    )
    .unwrap();
    assert_eq!(a.len(), b.len());
    assert_eq!(open(&b, PASS).unwrap().plaintext.as_slice(), other_csv.as_bytes());
    let key_a = &sample().key;
    assert_eq!(open_with_derived_key(&same_key, key_a).unwrap().file_name, "rootkey.csv");

    let splice = |head: &[u8], body: &[u8], range: std::ops::Range<usize>| -> Vec<u8> {
        let mut out = body.to_vec();
        out[range.clone()].copy_from_slice(&head[range]);
        out
    };
    for (x, y) in [(a.as_slice(), b.as_slice()), (b.as_slice(), a.as_slice())] {
        let swapped = splice(x, y, 0..HEADER_LEN_V3);
        for input in [swapped.clone(), armor(&swapped).into_bytes()] {
            assert_eq!(open(&input, PASS).unwrap_err(), EnvelopeError::WrongPassphraseOrTampered);
        }
        let salt_only = splice(x, y, OFF_SALT..OFF_SALT + 16);
        assert_eq!(open(&salt_only, PASS).unwrap_err(), EnvelopeError::WrongPassphraseOrTampered);
    }
    // One key, two nonces: the header, or the nonce alone, moved across.
    for range in [0..HEADER_LEN_V3, OFF_NONCE..OFF_NONCE + 12] {
        for (x, y) in [(a.as_slice(), same_key.as_slice()), (same_key.as_slice(), a.as_slice())] {
            let swapped = splice(x, y, range.clone());
            let err = open_with_derived_key(&swapped, key_a).map(|_| ()).unwrap_err();
            assert_eq!(err, EnvelopeError::WrongPassphraseOrTampered, "{range:?}");
        }
    }
    assert_eq!(
        open(&splice(&same_key, a, 0..HEADER_LEN_V3), PASS).unwrap_err(),
        EnvelopeError::WrongPassphraseOrTampered
    );
    // A header from a file of another length.
    let longer =
        seal_with(b"x", "a-much-longer-name.csv", PASS, KdfParams::FLOOR, SALT, NONCE).unwrap();
    let mut fast = Fast::new();
    let head_of_short = [&longer[..HEADER_LEN_V3], &a[HEADER_LEN_V3..]].concat();
    let declared = u32_at(&longer, OFF_LEN) as usize;
    let expected = if declared + TAG_LEN > a.len() - HEADER_LEN_V3 {
        EnvelopeError::Truncated
    } else {
        EnvelopeError::TrailingData(a.len() - HEADER_LEN_V3 - declared - TAG_LEN)
    };
    assert_eq!(fast.open(&head_of_short), expected);
    let head_of_long = [&a[..HEADER_LEN_V3], &longer[HEADER_LEN_V3..]].concat();
    assert!(matches!(
        fast.open(&head_of_long),
        EnvelopeError::Truncated | EnvelopeError::TrailingData(_)
    ));
    fast.assert_before_kdf();
}

/// The floor and each component of the cap are accepted (sealed and opened
/// for real); one below the floor or one above the cap, in any component,
/// is refused with a message naming the limit, by `seal`, `peek`, `open`
/// and the KDF itself, before any derivation.
#[test]
fn kdf_parameters_at_and_beyond_the_floor_and_cap() {
    let (floor, cap) = (KdfParams::FLOOR, KdfParams::CAP);
    assert_eq!(floor, KdfParams { m_cost_kib: 19 * 1024, t_cost: 2, p_cost: 1 });
    assert_eq!(cap, KdfParams { m_cost_kib: 1 << 20, t_cost: 10, p_cost: 4 });
    assert!(floor.check().is_ok() && cap.check().is_ok());

    // At the floor: the sample, sealed and opened. At the cap, one component
    // at a time (all of it at once is 1 GiB × 10 passes, about half a
    // minute, for nothing the runs below do not show); the whole cap passes
    // every check made before Argon2.
    assert_eq!(open(&sample().file, PASS).unwrap().params, floor);
    assert_eq!(
        peek(&with_params(&sample().file, cap)).unwrap().protection,
        Protection::Passphrase { params: cap }
    );
    for params in
        [KdfParams { t_cost: cap.t_cost, ..floor }, KdfParams { p_cost: cap.p_cost, ..floor }]
    {
        let file = seal_with(b"at the cap", "cap.csv", PASS, params, SALT, NONCE).unwrap();
        let opened = open(&file, PASS).unwrap();
        assert_eq!((opened.params, opened.plaintext.as_slice()), (params, &b"at the cap"[..]));
    }
    // 1 GiB of memory: one derivation, not a seal and an open (two). The
    // sample with m raised to the cap is accepted, derives its key at 1 GiB,
    // and fails only on the tag (the parameters are associated data).
    let m_cap = with_params(&sample().file, KdfParams { m_cost_kib: cap.m_cost_kib, ..floor });
    assert_eq!(open(&m_cap, PASS).unwrap_err(), EnvelopeError::WrongPassphraseOrTampered);

    let below = [
        KdfParams { m_cost_kib: floor.m_cost_kib - 1, ..floor },
        KdfParams { t_cost: floor.t_cost - 1, ..floor },
        KdfParams { p_cost: floor.p_cost - 1, ..floor },
        KdfParams { m_cost_kib: 0, t_cost: 0, p_cost: 0 },
    ];
    let above = [
        KdfParams { m_cost_kib: cap.m_cost_kib + 1, ..floor },
        KdfParams { t_cost: cap.t_cost + 1, ..floor },
        KdfParams { p_cost: cap.p_cost + 1, ..floor },
        KdfParams { m_cost_kib: u32::MAX, t_cost: u32::MAX, p_cost: u32::MAX },
    ];
    let cases = below
        .iter()
        .map(|p| (*p, ParamsProblem::BelowFloor, "below RootGuard's minimum"))
        .chain(above.iter().map(|p| (*p, ParamsProblem::AboveCap, "above RootGuard's limit")));
    let mut fast = Fast::new();
    let mut spent_elsewhere = Duration::ZERO;
    for (params, problem, says) in cases {
        let expected = EnvelopeError::BadParams { params, problem };
        let message = expected.to_string();
        assert!(message.contains(says) && message.contains(&params.to_string()), "{message}");
        let file = with_params(&sample().file, params);
        assert_eq!(fast.open(&file), expected);
        assert_eq!(fast.open(armor(&file).as_bytes()), expected);
        let fastest = (0..3)
            .map(|_| {
                let start = Instant::now();
                assert_eq!(peek(&file).unwrap_err(), expected);
                assert_eq!(
                    seal_with(CSV, "x.csv", PASS, params, SALT, NONCE).unwrap_err(),
                    expected
                );
                assert_eq!(derive_key_for_measurement(PASS, &SALT, params).unwrap_err(), expected);
                start.elapsed()
            })
            .min()
            .unwrap();
        spent_elsewhere += fastest;
    }
    fast.spent += spent_elsewhere;
    fast.assert_before_kdf();
}

/// A fresh directory under target/tmp, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("tamper-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A sparse file of 1 GiB starting with `head`.
fn sparse_gib(path: &Path, head: &[u8]) {
    std::fs::write(path, head).unwrap();
    std::fs::OpenOptions::new().write(true).open(path).unwrap().set_len(1 << 30).unwrap();
}

/// Runs the built `rootguard` with `args`, standard input from `stdin`, and
/// returns its exit code, its stderr and its peak resident memory in KiB, as
/// GNU time reports it (`/usr/bin/time`, Debian package `time`).
fn rootguard_peak_rss(args: &[&dyn AsRef<std::ffi::OsStr>], stdin: Stdio) -> (i32, String, u64) {
    let out = Command::new("/usr/bin/time")
        .args(["-f", "peak-rss-kib=%M"])
        .arg(env!("CARGO_BIN_EXE_rootguard"))
        .args(args.iter().map(|a| a.as_ref()))
        .stdin(stdin)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .expect("/usr/bin/time (Debian package `time`, installed by build.sh)");
    assert!(out.stdout.is_empty(), "no plaintext on standard output");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let (message, rss) = stderr.trim_end().rsplit_once('\n').unwrap_or(("", stderr.trim_end()));
    let rss = rss.strip_prefix("peak-rss-kib=").and_then(|n| n.parse().ok());
    let rss = rss.unwrap_or_else(|| panic!("no peak RSS in {stderr:?}"));
    // GNU time reports a child's failure as "Command exited with non-zero
    // status N" before its own line.
    let code = message
        .lines()
        .find_map(|l| l.strip_prefix("Command exited with non-zero status "))
        .map_or(0, |n| n.trim().parse().unwrap());
    let message: Vec<&str> = message.lines().filter(|l| !l.starts_with("Command exited")).collect();
    let message = message.join("\n");
    (code, message, rss)
}

/// Peak memory allowed for refusing a 1 GiB input: the 16 MiB read limit,
/// the process itself, and room to spare; far below the gigabyte.
const RSS_BOUND_KIB: u64 = 64 * 1024;

/// A 1 GiB file, binary-looking (zeros) or armored-looking (a BEGIN line,
/// then nothing), by path and on standard input: `rootguard decrypt` refuses
/// it with a message that says what to check, in bounded memory, and never
/// asks for a passphrase.
#[test]
fn a_one_gib_input_is_refused_in_bounded_memory() {
    let dir = TempDir::new("gib");
    let pw = dir.0.join("pw");
    std::fs::write(&pw, PASS).unwrap();
    let zeros = dir.0.join("zeros.rootguard");
    sparse_gib(&zeros, b"");
    let armored = dir.0.join("armored.rootguard");
    sparse_gib(&armored, format!("{ARMOR_BEGIN}\n").as_bytes());

    let mut report = Vec::new();
    for (name, path) in [("zeros", &zeros), ("armored", &armored)] {
        let by_path = rootguard_peak_rss(&[&"decrypt", &"-p", &pw, path], Stdio::null());
        let stdin = Stdio::from(std::fs::File::open(path).unwrap());
        let by_stdin = rootguard_peak_rss(&[&"decrypt", &"-p", &pw, &"-"], stdin);
        for (how, (code, message, rss)) in [("path", by_path), ("stdin", by_stdin)] {
            let what = format!("{name} by {how}: {message}");
            assert_eq!(code, 2, "{what}");
            assert!(message.starts_with("rootguard: "), "{what}");
            assert!(message.contains("larger than 16 MiB"), "{what}");
            assert!(message.contains("check that this is the right file"), "{what}");
            assert!(rss < RSS_BOUND_KIB, "{what}: peak RSS {rss} KiB");
            report.push(format!("{name} by {how}: {rss} KiB"));
        }
    }
    // `cargo test -- --nocapture` shows the figures.
    println!("peak RSS refusing 1 GiB inputs: {}", report.join(", "));
}

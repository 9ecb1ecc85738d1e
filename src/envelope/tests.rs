//! The envelope's native tests. Argon2 at the floor parameters takes tens of
//! milliseconds even optimised, so exhaustive corruption tests derive the key
//! once and reuse it ([`open_parsed`]); the public [`open`] is exercised on
//! every corruption that must fail before key derivation (proved with
//! [`KDF_RUNS`]) and on samples of the rest.

use std::sync::OnceLock;

use super::*;

const PASS: &[u8] = b"correct horse battery staple";
const CSV: &[u8] = b"Access key ID,Secret access key\r\n\
AKIAIOSFODNN7EXAMPLE,wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\r\n";
const SALT: [u8; 16] = *b"0123456789abcdef";
const NONCE: [u8; 12] = *b"nonce-nonce!";

fn kdf_runs() -> usize {
    KDF_RUNS.with(std::cell::Cell::get)
}

/// One sealed sample file and its key, shared by the tests (derived once).
struct Sample {
    file: Vec<u8>,
    key: Zeroizing<[u8; KEY_LEN]>,
}

fn sample() -> &'static Sample {
    static SAMPLE: OnceLock<Sample> = OnceLock::new();
    SAMPLE.get_or_init(|| {
        let file = seal_with(CSV, "rootkey.csv", PASS, KdfParams::FLOOR, SALT, NONCE).unwrap();
        let key = derive_key(PASS, &SALT, KdfParams::FLOOR).unwrap();
        Sample { file, key }
    })
}

/// `open` with a caller-supplied key: everything `open` does after Argon2.
fn open_with_key(file: &[u8], key: &[u8; KEY_LEN]) -> Result<Opened, EnvelopeError> {
    open_with_derived_key(file, key)
}

fn flip(file: &[u8], bit: usize) -> Vec<u8> {
    let mut out = file.to_vec();
    out[bit / 8] ^= 1 << (bit % 8);
    out
}

/// A header with the given fields; the body is whatever follows.
fn with_params(file: &[u8], params: KdfParams) -> Vec<u8> {
    let mut out = file.to_vec();
    out[OFF_M..OFF_M + 4].copy_from_slice(&params.m_cost_kib.to_le_bytes());
    out[OFF_T..OFF_T + 4].copy_from_slice(&params.t_cost.to_le_bytes());
    out[OFF_P..OFF_P + 4].copy_from_slice(&params.p_cost.to_le_bytes());
    out
}

#[test]
fn header_layout_is_as_documented() {
    let file = &sample().file;
    assert_eq!(&file[0..6], b"RGENC\0");
    assert_eq!(file[6], 3, "version");
    assert_eq!(file[7], 1, "kind: a passphrase, Argon2id v0x13");
    assert_eq!(&file[8..12], &19456u32.to_le_bytes());
    assert_eq!(&file[12..16], &2u32.to_le_bytes());
    assert_eq!(&file[16..20], &1u32.to_le_bytes());
    assert_eq!(&file[20..36], &SALT);
    assert_eq!(&file[36..48], &NONCE);
    let payload_len = 2 + "rootkey.csv".len() + CSV.len();
    assert_eq!(&file[48..52], &(payload_len as u32).to_le_bytes());
    // The header MAC: HMAC-SHA256 of bytes 0..52 under HKDF(key, "… header mac").
    let keys = v3::Keys::derive(&sample().key).unwrap();
    assert_eq!(&file[52..84], &keys.mac(&file[..52]).unwrap());
    assert_eq!(file.len(), HEADER_LEN_V3 + payload_len + TAG_LEN);
}

#[test]
fn heavy_parameters_are_recognised_and_described() {
    assert!(!KdfParams::DEFAULT.far_above_default());
    assert!(!KdfParams::FLOOR.far_above_default());
    assert!(KdfParams::CAP.far_above_default());
    assert_eq!(KdfParams::CAP.cost(), "1 GiB and 10 passes");
    assert_eq!(KdfParams::DEFAULT.cost(), "64 MiB and 3 passes");
    // 256 MiB and 3 passes is 4 times the default: not yet "far above".
    let four = KdfParams { m_cost_kib: 256 << 10, t_cost: 3, p_cost: 1 };
    assert!(!four.far_above_default());
    assert!(KdfParams { t_cost: 4, ..four }.far_above_default());
    assert!(!KdfParams { m_cost_kib: 65536, t_cost: 10, p_cost: 1 }.far_above_default());
    assert!(KdfParams { m_cost_kib: 65536, t_cost: 13, p_cost: 1 }.far_above_default());
}

#[test]
fn version_1_files_still_open() {
    let v1 = seal_v1_with(CSV, "rootkey.csv", PASS, KdfParams::FLOOR, SALT, NONCE).unwrap();
    assert_eq!(v1[6], 1);
    assert_eq!(v1.len(), HEADER_LEN + 2 + 11 + CSV.len() + TAG_LEN);
    let opened = open_with_key(&v1, &sample().key).unwrap();
    assert_eq!((opened.plaintext.as_slice(), opened.version), (CSV, 1));
    assert_eq!(peek(&v1).unwrap().version, 1);
}

#[test]
fn the_header_mac_is_checked_before_the_payload() {
    let file = &sample().file;
    let key = &sample().key;
    assert_eq!(open_with_key(file, key).unwrap().version, 3);
    for byte in 52..84 {
        let bad = flip(file, byte * 8 + 3);
        assert_eq!(open_with_key(&bad, key).unwrap_err(), EnvelopeError::WrongPassphraseOrTampered);
    }
    // The payload is not under the Argon2id output itself but under the
    // key derived for it: decrypting with the raw key fails.
    let parsed = Parsed::parse(file).unwrap();
    assert!(decrypt_payload(key, NONCE, parsed.aad, parsed.ciphertext, parsed.tag).is_err());
    let keys = v3::Keys::derive(key).unwrap();
    assert!(
        decrypt_payload(&keys.payload, NONCE, parsed.aad, parsed.ciphertext, parsed.tag).is_ok()
    );
}

#[test]
fn round_trip_binary() {
    let file = seal(CSV, "rootkey.csv", PASS, KdfParams::FLOOR).unwrap();
    assert!(is_envelope(&file));
    let opened = open(&file, PASS).unwrap();
    assert_eq!(opened.plaintext.as_slice(), CSV);
    assert_eq!(opened.file_name, "rootkey.csv");
    assert_eq!(opened.params, KdfParams::FLOOR);
}

#[test]
fn round_trip_armored() {
    let text = armor(&sample().file);
    assert!(text.starts_with("-----BEGIN ROOTGUARD ENCRYPTED FILE-----\n"));
    assert!(text.ends_with("\n-----END ROOTGUARD ENCRYPTED FILE-----\n"));
    assert!(text.lines().all(|l| l.len() <= 64 || l.starts_with("-----")));
    assert!(is_envelope(text.as_bytes()));
    let opened = open(text.as_bytes(), PASS).unwrap();
    assert_eq!(opened.plaintext.as_slice(), CSV);
    assert_eq!(opened.file_name, "rootkey.csv");
}

#[test]
fn seal_is_randomised() {
    let a = seal(b"x", "a", PASS, KdfParams::FLOOR).unwrap();
    let b = seal(b"x", "a", PASS, KdfParams::FLOOR).unwrap();
    assert_ne!(a[OFF_SALT..OFF_SALT + 16], b[OFF_SALT..OFF_SALT + 16]);
    assert_ne!(a[OFF_NONCE..OFF_NONCE + 12], b[OFF_NONCE..OFF_NONCE + 12]);
}

#[test]
fn default_params_are_what_the_file_records() {
    assert_eq!(KdfParams::DEFAULT, KdfParams { m_cost_kib: 65536, t_cost: 3, p_cost: 1 });
    assert!(KdfParams::DEFAULT.check().is_ok());
}

#[test]
fn wrong_passphrase_is_rejected() {
    let err = open(&sample().file, b"correct horse battery stapler").unwrap_err();
    assert_eq!(err, EnvelopeError::WrongPassphraseOrTampered);
    assert!(err.to_string().contains("cannot be told apart"), "{err}");
    // An empty passphrase simply does not match; it is not refused on open.
    assert_eq!(open(&sample().file, b"").unwrap_err(), EnvelopeError::WrongPassphraseOrTampered);
}

#[test]
fn different_salt_gives_a_different_key() {
    let mut other = SALT;
    other[0] ^= 1;
    let a = derive_key(PASS, &SALT, KdfParams::FLOOR).unwrap();
    let b = derive_key(PASS, &other, KdfParams::FLOOR).unwrap();
    assert_ne!(*a, *b);
    assert_eq!(*a, *sample().key);
}

/// Every single-bit flip anywhere in the file fails, checked against the
/// original key: for a header flip this proves the header is bound as
/// associated data (with the right key, only the AAD can make it fail).
#[test]
fn every_single_bit_flip_is_rejected() {
    let Sample { file, key } = sample();
    assert!(open_with_key(file, key).is_ok());
    for bit in 0..file.len() * 8 {
        let flipped = flip(file, bit);
        match open_with_key(&flipped, key) {
            Ok(_) => panic!("bit {bit} (byte {}) flipped and the file still opened", bit / 8),
            Err(e) if bit >= HEADER_LEN * 8 => {
                assert_eq!(e, EnvelopeError::WrongPassphraseOrTampered, "bit {bit}")
            }
            Err(_) => {}
        }
    }
}

/// Through the public `open`: header flips that make the header invalid fail
/// before Argon2 runs; a sample of the others (salt, nonce, in-range
/// parameters, ciphertext, tag) run Argon2 and fail on the tag.
#[test]
fn header_bit_flips_through_open() {
    let file = &sample().file;
    let mut fast = 0;
    let mut derived = Vec::new();
    for bit in 0..HEADER_LEN * 8 {
        let flipped = flip(file, bit);
        let before = kdf_runs();
        if Parsed::parse(&flipped).is_err() {
            let err = open(&flipped, PASS).unwrap_err();
            assert_eq!(kdf_runs(), before, "bit {bit}: {err} after running Argon2");
            assert_ne!(err, EnvelopeError::WrongPassphraseOrTampered, "bit {bit}");
            fast += 1;
        } else {
            derived.push(bit);
        }
    }
    // Magic, version, KDF id and length flips and most parameter flips are
    // caught early; the rest are the salt, nonce and in-range parameters.
    assert!(fast > 150, "only {fast} flips failed before key derivation");
    let first_salt_bit = OFF_SALT * 8;
    let first_nonce_bit = OFF_NONCE * 8;
    for bit in [OFF_M * 8, OFF_T * 8, OFF_P * 8 + 1, first_salt_bit, first_nonce_bit + 95] {
        assert!(derived.contains(&bit), "bit {bit} should reach key derivation");
    }
    let last = file.len() * 8 - 1;
    let samples = [
        OFF_M * 8,          // m 19456 -> 19457
        OFF_T * 8,          // t 2 -> 3
        OFF_P * 8 + 1,      // p 1 -> 3
        first_salt_bit + 7, // salt
        first_nonce_bit,    // nonce
        HEADER_LEN * 8,     // first ciphertext bit
        last - TAG_LEN * 8, // last ciphertext bit
        last,               // last tag bit
    ];
    for bit in samples {
        let before = kdf_runs();
        let err = open(&flip(file, bit), PASS).unwrap_err();
        assert_eq!(err, EnvelopeError::WrongPassphraseOrTampered, "bit {bit}");
        assert_eq!(kdf_runs(), before + 1, "bit {bit}");
    }
}

#[test]
fn parameter_flips_above_the_cap_fail_fast() {
    let file = &sample().file;
    // m bit 20: 19456 + 1 GiB > cap; t bit 4: 18 > 10; p bit 2: 5 > 4.
    for bit in [OFF_M * 8 + 20, OFF_M * 8 + 31, OFF_T * 8 + 4, OFF_P * 8 + 2] {
        let before = kdf_runs();
        let err = open(&flip(file, bit), PASS).unwrap_err();
        assert!(
            matches!(err, EnvelopeError::BadParams { problem: ParamsProblem::AboveCap, .. }),
            "bit {bit}: {err}"
        );
        assert_eq!(kdf_runs(), before);
    }
    // m bit 10: 18432 KiB < floor; t bit 1: 0; p bit 0: 0.
    for bit in [OFF_M * 8 + 10, OFF_T * 8 + 1, OFF_P * 8] {
        let err = open(&flip(file, bit), PASS).unwrap_err();
        assert!(
            matches!(err, EnvelopeError::BadParams { problem: ParamsProblem::BelowFloor, .. }),
            "bit {bit}: {err}"
        );
    }
}

#[test]
fn every_truncation_is_rejected_before_key_derivation() {
    let file = &sample().file;
    for len in 0..file.len() {
        let before = kdf_runs();
        let err = open(&file[..len], PASS).unwrap_err();
        assert_eq!(kdf_runs(), before, "length {len}");
        let expected =
            if len == 0 { EnvelopeError::NotAnEnvelope } else { EnvelopeError::Truncated };
        assert_eq!(err, expected, "length {len}");
    }
}

#[test]
fn every_armored_truncation_is_rejected() {
    let text = armor(&sample().file);
    let end = text.find(ARMOR_END).unwrap() + ARMOR_END.len();
    for len in 0..end {
        let before = kdf_runs();
        let result = open(&text.as_bytes()[..len], PASS);
        assert!(result.is_err(), "armored text cut to {len} bytes opened");
        assert_eq!(kdf_runs(), before, "length {len}");
    }
    // The final newline is not needed.
    assert!(open(&text.as_bytes()[..end], PASS).is_ok());
}

#[test]
fn appended_bytes_are_rejected() {
    let mut file = sample().file.clone();
    file.extend_from_slice(b"\n\n");
    assert_eq!(open(&file, PASS).unwrap_err(), EnvelopeError::TrailingData(2));
}

#[test]
fn unknown_versions_are_rejected_as_unsupported() {
    for version in (0..=255u8).filter(|&v| ![VERSION, VERSION_RECIPIENTS, VERSION_3].contains(&v)) {
        let mut file = sample().file.clone();
        file[OFF_VERSION] = version;
        assert_eq!(open(&file, PASS).unwrap_err(), EnvelopeError::UnsupportedVersion(version));
        // A later version may have a different header: magic and version alone
        // are enough to say so.
        let short = [&MAGIC[..], &[version]].concat();
        assert_eq!(open(&short, PASS).unwrap_err(), EnvelopeError::UnsupportedVersion(version));
    }
    let err = EnvelopeError::UnsupportedVersion(4);
    assert!(err.to_string().contains("Update RootGuard"), "{err}");
    // Version 2 is known: a passphrase cannot open it, and the error says
    // what can, before any key derivation.
    let before = kdf_runs();
    let recipient = crate::recipient::Identity::from_bytes([1; 32]).recipient();
    let v2 = recipients::seal_to_recipients(b"x", "x", &[recipient]).unwrap();
    assert_eq!(open(&v2, PASS).unwrap_err(), EnvelopeError::NeedsIdentity);
    // A damaged one says it is damaged.
    assert_eq!(open(&v2[..v2.len() - 1], PASS).unwrap_err(), EnvelopeError::Truncated);
    assert_eq!(kdf_runs(), before);
}

#[test]
fn unknown_kdf_is_rejected() {
    // Version 3: kind 2 is recipients, any other but 1 is unknown, and a
    // kind byte is enough to say so.
    for kind in (0..=255u8).filter(|&k| k != KIND_PASSPHRASE && k != KIND_RECIPIENTS) {
        let mut file = sample().file.clone();
        file[OFF_KDF] = kind;
        assert_eq!(open(&file, PASS).unwrap_err(), EnvelopeError::UnsupportedKdf(kind));
        let short = [&MAGIC[..], &[VERSION_3, kind]].concat();
        assert_eq!(peek(&short).unwrap_err(), EnvelopeError::UnsupportedKdf(kind));
    }
    assert_eq!(peek(&[&MAGIC[..], &[VERSION_3]].concat()).unwrap_err(), EnvelopeError::Truncated);
    // Version 1: byte 7 is the KDF.
    let mut v1 = seal_v1_with(CSV, "", PASS, KdfParams::FLOOR, SALT, NONCE).unwrap();
    v1[OFF_KDF] = 2;
    assert_eq!(open(&v1, PASS).unwrap_err(), EnvelopeError::UnsupportedKdf(2));
}

#[test]
fn params_floor_and_cap_are_enforced_on_seal_and_open() {
    let (floor, cap) = (KdfParams::FLOOR, KdfParams::CAP);
    assert!(floor.check().is_ok());
    assert!(cap.check().is_ok());
    let below = [
        KdfParams { m_cost_kib: floor.m_cost_kib - 1, ..floor },
        KdfParams { t_cost: floor.t_cost - 1, ..floor },
        KdfParams { p_cost: 0, ..floor },
        KdfParams { m_cost_kib: 8, t_cost: 1, p_cost: 1 },
    ];
    let above = [
        KdfParams { m_cost_kib: cap.m_cost_kib + 1, ..floor },
        KdfParams { t_cost: cap.t_cost + 1, ..floor },
        KdfParams { p_cost: cap.p_cost + 1, ..floor },
        KdfParams { m_cost_kib: u32::MAX, t_cost: u32::MAX, p_cost: u32::MAX },
    ];
    let before = kdf_runs();
    for (params, problem) in below
        .iter()
        .map(|p| (p, ParamsProblem::BelowFloor))
        .chain(above.iter().map(|p| (p, ParamsProblem::AboveCap)))
    {
        let expected = EnvelopeError::BadParams { params: *params, problem };
        assert_eq!(seal_with(b"x", "a", PASS, *params, SALT, NONCE).unwrap_err(), expected);
        assert_eq!(seal(b"x", "a", PASS, *params).unwrap_err(), expected);
        let file = with_params(&sample().file, *params);
        assert_eq!(open(&file, PASS).unwrap_err(), expected);
        assert_eq!(peek(&file).unwrap_err(), expected);
        assert_eq!(derive_key(PASS, &SALT, *params).unwrap_err(), expected);
    }
    assert_eq!(kdf_runs(), before, "Argon2 ran for refused parameters");
    let msg = EnvelopeError::BadParams { params: above[0], problem: ParamsProblem::AboveCap };
    assert!(msg.to_string().contains("1048577 KiB"), "{msg}");
}

#[test]
fn non_default_params_within_limits_round_trip() {
    let params = KdfParams { m_cost_kib: 19456, t_cost: 2, p_cost: 2 };
    let file = seal(b"two lanes", "p2.csv", PASS, params).unwrap();
    let opened = open(&file, PASS).unwrap();
    assert_eq!(opened.params, params);
    assert_eq!(opened.plaintext.as_slice(), b"two lanes");
}

#[test]
fn armor_survives_what_text_fields_do_to_it() {
    let text = armor(&sample().file);
    let body: String = text.lines().filter(|l| !l.starts_with("-----")).collect();
    let rewrap = |width: usize, eol: &str| -> String {
        let lines: Vec<&str> =
            body.as_bytes().chunks(width).map(|c| std::str::from_utf8(c).unwrap()).collect();
        format!("{ARMOR_BEGIN}{eol}{}{eol}{ARMOR_END}{eol}", lines.join(eol))
    };
    let variants = [
        text.replace('\n', "\r\n"),
        text.replace('\n', "\r"),
        format!("  \n\t{}\n\n  ", text.trim_end().replace('\n', "\n    ")),
        rewrap(76, "\n"),
        rewrap(16, "\r\n"),
        rewrap(body.len(), " "),
        format!("AWS root key backup, 2024\n\n{text}\nstored by RootGuard\n"),
        format!("\u{feff}{text}"),
        text.replace('=', ""),
    ];
    for (i, variant) in variants.iter().enumerate() {
        assert!(is_envelope(variant.as_bytes()), "variant {i}");
        let opened = open_with_key(variant.as_bytes(), &sample().key)
            .unwrap_or_else(|e| panic!("variant {i}: {e}\n{variant}"));
        assert_eq!(opened.plaintext.as_slice(), CSV, "variant {i}");
    }
    assert!(peek(variants[0].as_bytes()).unwrap().armored);
    assert!(!peek(&sample().file).unwrap().armored);
    // The public path once, on the most mangled form.
    assert_eq!(open(variants[5].as_bytes(), PASS).unwrap().plaintext.as_slice(), CSV);
}

#[test]
fn armor_padding_is_exactly_as_specified() {
    let wrap = |body: &str| format!("{ARMOR_BEGIN}\n{body}\n{ARMOR_END}\n");
    let decode = |body: &str| armor::dearmor(wrap(body).as_bytes());
    assert_eq!(armor(&[1, 2, 3, 4]), wrap("AQIDBA=="));
    assert_eq!(decode("AQIDBA==").unwrap().unwrap(), [1, 2, 3, 4]);
    assert_eq!(decode("AQIDBA").unwrap().unwrap(), [1, 2, 3, 4]);
    assert_eq!(decode("AQIDBA\n=\n=").unwrap().unwrap(), [1, 2, 3, 4]);
    assert_eq!(decode("AQIDBAU=").unwrap().unwrap(), [1, 2, 3, 4, 5]);
    for bad in
        ["AQIDBA=", "AQIDBA===", "AQIDBAU==", "AQID=BA==", "AQIDBA=A", "AQIDBB==", "A", "===="]
    {
        assert!(matches!(decode(bad), Err(EnvelopeError::BadArmor(_))), "{bad}");
    }
}

#[test]
fn decoded_armor_is_read_as_binary_input() {
    // A prefix of the magic is a truncation, in either form.
    for short in [&b"R"[..], b"RGEN", b"RGENC\0"] {
        assert_eq!(open(short, PASS).unwrap_err(), EnvelopeError::Truncated);
        assert_eq!(open(armor(short).as_bytes(), PASS).unwrap_err(), EnvelopeError::Truncated);
    }
    assert_eq!(open(armor(b"RGX").as_bytes(), PASS).unwrap_err(), EnvelopeError::NotAnEnvelope);
}

#[test]
fn a_payload_length_below_2_with_trailing_data_is_trailing_data() {
    // The length checks run in the order the specification gives: fewer
    // bytes than declared, more, then a payload too short for its name.
    let mut file = sample().file[..HEADER_LEN_V3].to_vec();
    file[48..52].copy_from_slice(&1u32.to_le_bytes());
    file.extend_from_slice(&[0; 1 + TAG_LEN]);
    assert_eq!(open(&file, PASS).unwrap_err(), EnvelopeError::Truncated);
    file.push(0);
    assert_eq!(open(&file, PASS).unwrap_err(), EnvelopeError::TrailingData(1));
    file.truncate(HEADER_LEN_V3 + 5);
    assert_eq!(open(&file, PASS).unwrap_err(), EnvelopeError::Truncated);
}

#[test]
fn damaged_armor_is_reported() {
    let text = armor(&sample().file);
    let no_end = text.replace(ARMOR_END, "");
    let quoted = text.replace('\n', "\n> ");
    let mut bad_char = text.clone().into_bytes();
    let pos = ARMOR_BEGIN.len() + 10;
    bad_char[pos] = b'*';
    let empty = format!("{ARMOR_BEGIN}\n{ARMOR_END}\n");
    let cut_line = {
        let mut lines: Vec<&str> = text.lines().collect();
        lines.remove(2);
        lines.join("\n")
    };
    for (name, input) in [
        ("no END", no_end.into_bytes()),
        ("quoted", quoted.into_bytes()),
        ("bad char", bad_char),
        ("empty", empty.into_bytes()),
    ] {
        let err = open(&input, PASS).unwrap_err();
        assert!(matches!(err, EnvelopeError::BadArmor(_)), "{name}: {err}");
    }
    // A missing line either breaks the base64 or shortens the envelope.
    let err = open_with_key(cut_line.as_bytes(), &sample().key).unwrap_err();
    assert!(
        matches!(err, EnvelopeError::BadArmor(_) | EnvelopeError::Truncated),
        "missing line: {err}"
    );
    // Armor around something that is not an envelope.
    let foreign = format!("{ARMOR_BEGIN}\naGVsbG8gd29ybGQ=\n{ARMOR_END}\n");
    assert_eq!(open(foreign.as_bytes(), PASS).unwrap_err(), EnvelopeError::NotAnEnvelope);
}

#[test]
fn not_an_envelope() {
    for input in [&b""[..], b"Access key ID,Secret access key\n", b"PK\x03\x04", b"RGENX\0\x01"] {
        assert!(!is_envelope(input));
        assert_eq!(open(input, PASS).unwrap_err(), EnvelopeError::NotAnEnvelope);
    }
}

#[test]
fn file_names_are_preserved() {
    let long = "n".repeat(MAX_FILE_NAME_LEN - 4) + ".csv";
    for name in ["rootkey.csv", "", "clé d’accès 🔑.csv", long.as_str()] {
        let file = seal_with(b"data", name, PASS, KdfParams::FLOOR, SALT, NONCE).unwrap();
        let opened = open_with_key(&file, &sample().key).unwrap();
        assert_eq!(opened.file_name, name);
        assert_eq!(opened.plaintext.as_slice(), b"data");
    }
    let before = kdf_runs();
    let too_long = "n".repeat(MAX_FILE_NAME_LEN + 1);
    let err = seal_with(b"data", &too_long, PASS, KdfParams::FLOOR, SALT, NONCE).unwrap_err();
    assert_eq!(err, EnvelopeError::FileNameTooLong);
    assert_eq!(kdf_runs(), before);
}

#[test]
fn empty_content_round_trips() {
    let file = seal_with(b"", "empty.csv", PASS, KdfParams::FLOOR, SALT, NONCE).unwrap();
    let opened = open_with_key(&file, &sample().key).unwrap();
    assert!(opened.plaintext.is_empty());
    assert_eq!(opened.file_name, "empty.csv");
}

#[test]
fn empty_passphrase_is_refused_on_seal() {
    let before = kdf_runs();
    let err = seal(b"x", "a", b"", KdfParams::FLOOR).unwrap_err();
    assert_eq!(err, EnvelopeError::EmptyPassphrase);
    assert_eq!(kdf_runs(), before);
}

/// Seals an arbitrary payload the way `seal_with` would, for payloads that
/// `seal_with` never writes.
fn seal_raw_payload(payload: &[u8]) -> Vec<u8> {
    let header = Header {
        version: VERSION,
        params: KdfParams::FLOOR,
        salt: SALT,
        nonce: NONCE,
        payload_len: payload.len() as u32,
    }
    .encode();
    let cipher = cipher(&sample().key).unwrap();
    let mut body = payload.to_vec();
    let tag = cipher.encrypt_in_place_detached(&GenericArray::from(NONCE), &header, &mut body);
    [&header[..], &body, &tag.unwrap()].concat()
}

#[test]
fn malformed_payloads_are_reported_after_decryption() {
    let key = &sample().key;
    let mut ok = vec![3, 0];
    ok.extend_from_slice(b"a.bcontent");
    assert_eq!(open_with_key(&seal_raw_payload(&ok), key).unwrap().file_name, "a.b");
    let mut too_long = vec![0, 1];
    too_long.extend_from_slice(&[b'a'; 300]);
    let cases: [(&str, Vec<u8>); 3] = [
        ("name over 255", too_long),
        ("name past end", vec![9, 0, b'a']),
        ("name not UTF-8", vec![2, 0, 0xff, 0xfe, b'x']),
    ];
    for (name, payload) in cases {
        let err = open_with_key(&seal_raw_payload(&payload), key).unwrap_err();
        assert!(matches!(err, EnvelopeError::MalformedPayload(_)), "{name}: {err}");
    }
    // A payload shorter than the name length field is caught as truncation
    // before decryption.
    assert_eq!(open_with_key(&seal_raw_payload(&[7]), key).unwrap_err(), EnvelopeError::Truncated);
}

#[test]
fn peek_reads_the_header_without_the_passphrase() {
    let before = kdf_runs();
    let info = peek(&sample().file).unwrap();
    assert_eq!(kdf_runs(), before);
    assert_eq!(info.version, 3);
    assert_eq!(info.protection, Protection::Passphrase { params: KdfParams::FLOOR });
    assert_eq!(info.payload_len as usize, 2 + "rootkey.csv".len() + CSV.len());
}

#[test]
fn debug_output_never_shows_secrets() {
    let opened = open_with_key(&sample().file, &sample().key).unwrap();
    let debug = format!("{opened:?}");
    assert!(!debug.contains("AKIA") && !debug.contains("wJalr"), "{debug}");
    assert!(debug.contains("redacted") && debug.contains("rootkey.csv"), "{debug}");
    let err = open(&sample().file, b"hunter2-secret").unwrap_err();
    for shown in [format!("{err:?}"), err.to_string()] {
        assert!(!shown.contains("hunter2"), "{shown}");
    }
    let info = format!("{:?}", peek(&sample().file).unwrap());
    assert!(!info.contains("wJalr"), "{info}");
}

#[test]
fn error_names_are_stable() {
    assert_eq!(EnvelopeError::WrongPassphraseOrTampered.name(), "WrongPassphraseOrTampered");
    assert_eq!(EnvelopeError::UnsupportedVersion(9).name(), "UnsupportedVersion");
    assert_eq!(EnvelopeError::BadArmor(String::new()).name(), "BadArmor");
}

#[test]
fn file_suffix_never_ends_in_csv() {
    let name = format!("rootkey.csv{FILE_SUFFIX}");
    assert_eq!(name, "rootkey.csv.rootguard");
    assert!(!name.ends_with(".csv"));
}

/// Known answer from the reference Argon2 implementation (argon2-cffi's
/// `hash_secret_raw`, type ID, version 19), as in docs/FORMAT.md's worked
/// example.
#[test]
fn argon2id_matches_the_reference_implementation() {
    let salt: [u8; 16] = std::array::from_fn(|i| i as u8);
    let key = derive_key(b"correct horse battery staple", &salt, KdfParams::FLOOR).unwrap();
    let hex: String = key.iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(hex, "818259b6310026a8e0dbac5d2e6927abcfdb07b32258fac4f61b18b80f929085");
}

/// Garbage of every shape never panics: random bytes, random bytes behind
/// the magic and version, random header fields in a real file, random text
/// in armor. (Inputs whose header passes go to the shared key, not Argon2.)
#[test]
fn garbage_never_panics() {
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let key = &sample().key;
    for round in 0..3000 {
        let len = (next() % 200) as usize;
        let mut bytes: Vec<u8> = (0..len).map(|_| next() as u8).collect();
        match round % 4 {
            1 => bytes = [&MAGIC[..], &[VERSION], &bytes].concat(),
            2 => {
                bytes = sample().file.clone();
                let at = (next() as usize) % HEADER_LEN;
                let span = (at + 1 + (next() as usize) % 8).min(HEADER_LEN);
                bytes[at..span].iter_mut().for_each(|b| *b = next() as u8);
            }
            3 => {
                let body: String = bytes.iter().map(|&b| char::from(b'!' + b % 94)).collect();
                bytes = format!("{ARMOR_BEGIN}\n{body}\n{ARMOR_END}").into_bytes();
            }
            _ => {}
        }
        let _ = is_envelope(&bytes);
        if peek(&bytes).is_ok() {
            let _ = open_with_key(&bytes, key);
        } else {
            let before = kdf_runs();
            assert!(open(&bytes, PASS).is_err());
            assert_eq!(kdf_runs(), before);
        }
    }
}

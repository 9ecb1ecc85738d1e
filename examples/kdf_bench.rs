//! Times the envelope's Argon2id natively, as the `rootguard` CLI runs it:
//! the native reference for `./build.sh bench` (bench/kdf.mjs).
//!
//! Usage: `kdf_bench PASSPHRASE SALT_HEX M_COST_KIB T_COST P_COST RUNS`
//! Prints one JSON object: the derived key (hex, to check that the browsers
//! did the same work) and the wall time of each run in milliseconds.

use std::process::ExitCode;
use std::time::Instant;

use rootguard::envelope::{derive_key_for_measurement, KdfParams};

fn parse_salt(hex: &str) -> Option<[u8; 16]> {
    let mut salt = [0u8; 16];
    if hex.len() != 32 {
        return None;
    }
    for (i, byte) in salt.iter_mut().enumerate() {
        *byte = u8::from_str_radix(hex.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(salt)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [passphrase, salt, m, t, p, runs] = args.as_slice() else {
        eprintln!("usage: kdf_bench PASSPHRASE SALT_HEX M_COST_KIB T_COST P_COST RUNS");
        return ExitCode::from(2);
    };
    let (Some(salt), Ok(m_cost_kib), Ok(t_cost), Ok(p_cost), Ok(runs)) =
        (parse_salt(salt), m.parse(), t.parse(), p.parse(), runs.parse::<usize>())
    else {
        eprintln!("kdf_bench: SALT_HEX must be 32 hex digits and the rest numbers");
        return ExitCode::from(2);
    };
    let params = KdfParams { m_cost_kib, t_cost, p_cost };
    let mut key_hex = String::new();
    let mut millis = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = Instant::now();
        let key = match derive_key_for_measurement(passphrase.as_bytes(), &salt, params) {
            Ok(key) => key,
            Err(e) => {
                eprintln!("kdf_bench: {e}");
                return ExitCode::FAILURE;
            }
        };
        millis.push(start.elapsed().as_secs_f64() * 1000.0);
        key_hex = key.iter().map(|b| format!("{b:02x}")).collect();
    }
    let millis: Vec<String> = millis.iter().map(|ms| format!("{ms:.3}")).collect();
    println!("{{\"keyHex\":\"{key_hex}\",\"millis\":[{}]}}", millis.join(","));
    ExitCode::SUCCESS
}

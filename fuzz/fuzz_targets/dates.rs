//! The date-cell parser: `parse_cell_date` on arbitrary text, with the page
//! language taken from the input's first line and "now" at the fixtures'
//! instant and at both extremes of an `i64` (the content script's clock is
//! the browser's, converted from a float).
//!
//! Input: `LANG\nTEXT` (no newline: the whole input is the text, no
//! language). Bytes that are not UTF-8 are replaced, as a DOM's text would
//! never contain them.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rootguard::dates::{parse_cell_date, CellDate};

/// 2030-01-01T00:00:00Z, as in the unit tests.
const NOW: i64 = 1_893_456_000;

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let (lang, text) = input.split_once('\n').unwrap_or(("", &input));
    let at_now = parse_cell_date(text, lang, NOW);
    // The parser costs tens of microseconds: two extremes, not more.
    for now in [i64::MIN, i64::MAX] {
        let got = parse_cell_date(text, lang, now);
        // "Now" only moves relative dates: a never-word is never at any
        // instant.
        if at_now == CellDate::Never {
            assert_eq!(got, CellDate::Never, "{text:?} at {now}");
        }
    }
    // What the badge and the bridge do with it.
    let _ = serde_json::to_string(&at_now);
});

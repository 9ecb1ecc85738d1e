//! Every text Node's ICU renders for the console's languages
//! (`tests/fixtures/dates/`), the console's own forms, never-words, junk,
//! and random strings.

use serde_json::Value;

use super::lexer::{phrase_tokens, Kind, Tokens};
use super::words;
use super::{parse_cell_date, parse_duration, CellDate};

/// "Now" for the fixtures: 2030-01-01T00:00:00Z, after every instant in
/// them.
const NOW: i64 = 1_893_456_000;

const ABSOLUTE: &str = include_str!("../../tests/fixtures/dates/intl-absolute.json");
const RELATIVE: &str = include_str!("../../tests/fixtures/dates/intl-relative.json");

/// Fixture texts RootGuard cannot read unambiguously, with why; each must
/// parse to [`CellDate::Unknown`], never to a wrong date. Empty: every
/// locale × format combination the generator produces is read exactly.
const ALLOWED_UNKNOWN: &[(&str, &str, &str)] = &[];

fn rows(json: &str) -> Vec<Value> {
    let file: Value = serde_json::from_str(json).expect("fixture is JSON");
    file["rows"].as_array().expect("fixture has rows").clone()
}

fn str_of<'a>(row: &'a Value, key: &str) -> &'a str {
    row[key].as_str().unwrap_or_else(|| panic!("row without {key}: {row}"))
}

fn i64_of(row: &Value, key: &str) -> i64 {
    row[key].as_i64().unwrap_or_else(|| panic!("row without {key}: {row}"))
}

fn at(unix: i64) -> CellDate {
    CellDate::At { unix }
}

/// Exactly: the fixture's `unix` is already truncated to what the text shows
/// (seconds, minutes, or the date's midnight UTC), so "to the second / to
/// the minute / to the day" is equality.
#[test]
fn every_intl_absolute_text_reads_back_exactly() {
    let rows = rows(ABSOLUTE);
    assert!(rows.len() > 3_000, "fixture too small: {}", rows.len());
    for &(locale, text, why) in ALLOWED_UNKNOWN {
        let listed =
            rows.iter().any(|r| str_of(r, "locale") == locale && str_of(r, "text") == text);
        assert!(listed && !why.is_empty(), "stale allow-list entry {locale} {text:?}");
    }
    let mut failures = Vec::new();
    for row in &rows {
        let (locale, text) = (str_of(row, "locale"), str_of(row, "text"));
        let allowed = ALLOWED_UNKNOWN.iter().any(|&(l, t, _)| l == locale && t == text);
        let expected = if allowed { CellDate::Unknown } else { at(i64_of(row, "unix")) };
        let got = parse_cell_date(text, locale, NOW);
        if got != expected {
            failures.push(format!(
                "{locale} {:?} {}: got {got:?}, want {expected:?}",
                text, row["options"]
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} failed:\n{}",
        failures.len(),
        rows.len(),
        failures.join("\n")
    );
}

/// Without a language hint, a text reads the same or, when only the hint
/// could break a tie (`04/03/2025`), as Unknown: never as another date.
#[test]
fn without_a_language_absolute_texts_read_the_same_or_unknown() {
    let mut unknown = 0;
    let mut wrong = Vec::new();
    for row in &rows(ABSOLUTE) {
        let text = str_of(row, "text");
        match parse_cell_date(text, "", NOW) {
            CellDate::Unknown => unknown += 1,
            got if got == at(i64_of(row, "unix")) => {}
            got => wrong.push(format!("{} {text:?}: got {got:?}", str_of(row, "locale"))),
        }
    }
    assert!(wrong.is_empty(), "misread without a hint:\n{}", wrong.join("\n"));
    // Only numeric dates whose day and month are both 12 or less need the
    // hint (en `3/4/25`, en-GB `04/03/2025`…).
    println!("{unknown} of the fixture's texts are Unknown without a hint");
    assert!(unknown < 400, "{unknown} unknown without a hint");
}

#[test]
fn every_intl_relative_text_reads_back_within_one_unit() {
    let rows = rows(RELATIVE);
    assert!(rows.len() > 1_000, "fixture too small: {}", rows.len());
    let mut failures = Vec::new();
    for row in &rows {
        let (locale, text, unit) =
            (str_of(row, "locale"), str_of(row, "text"), str_of(row, "unit"));
        let unit_seconds = match unit {
            "second" => 1,
            "minute" => 60,
            "hour" => 3_600,
            "day" => 86_400,
            "week" => 604_800,
            "month" => 2_592_000,
            "quarter" => 7_776_000,
            "year" => 31_536_000,
            other => panic!("unit {other}"),
        };
        let expected = NOW - i64_of(row, "expected_seconds_ago");
        for lang in [locale, ""] {
            let ok = match parse_cell_date(text, lang, NOW) {
                CellDate::At { unix } => (unix - expected).abs() <= unit_seconds,
                _ => false,
            };
            if !ok {
                let got = parse_cell_date(text, lang, NOW);
                failures.push(format!(
                    "{locale} (hint {lang:?}) {text:?} {}: got {got:?}, want {expected}",
                    row["options"]
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{} failed:\n{}", failures.len(), failures.join("\n"));
}

/// 2025-03-04T10:22:33Z and parts of it.
const T: i64 = 1_741_083_753;
const T_MINUTE: i64 = T - 33;
const T_DAY: i64 = 1_741_046_400;

#[test]
fn console_and_iso_forms() {
    let cases: &[(&str, &str, CellDate)] = &[
        ("March 4, 2025, 10:22:33 (UTC-08:00)", "en", at(T + 8 * 3600)),
        ("March 4, 2025, 10:22:33 (UTC+00:00)", "en", at(T)),
        ("Mar 4, 2025, 10:22 (UTC+01:00)", "en-US", at(T_MINUTE - 3600)),
        ("2025-03-04T10:22:33Z", "", at(T)),
        ("2025-03-04T10:22:33.123Z", "", at(T)),
        ("2025-03-04T10:22:33+01:00", "", at(T - 3600)),
        ("2025-03-04T10:22:33-0800", "", at(T + 8 * 3600)),
        ("2025-03-04 10:22:33 UTC", "", at(T)),
        ("2025-03-04 10:22 UTC+1", "de", at(T_MINUTE - 3600)),
        ("2025-03-04 10:22:33 GMT+5:30", "", at(T - 5 * 3600 - 1800)),
        ("2025-03-04", "", at(T_DAY)),
        ("2025/03/04 10:22", "", at(T_MINUTE)),
        ("Tue Mar 04 2025 10:22:33 GMT+0100 (Central European Standard Time)", "", at(T - 3600)),
        ("Tue, 04 Mar 2025 10:22:33 GMT", "", at(T)),
        ("Mar 4, 2025 2:22:33 AM PST", "en", at(T)),
        ("March 4th, 2025", "en", at(T_DAY)),
        ("4 mars 2025 (us-east-1)", "fr", at(T_DAY)),
        ("Created: 2025-03-04 10:22 UTC · IAM", "en", at(T_MINUTE)),
        ("2025年3月4日 下午10:22", "zh-CN", at(T_MINUTE + 12 * 3600)),
        ("2025년 3월 4일 오전 10시 22분 33초", "ko", at(T)),
        ("2025년 3월 4일 오후 10:22", "ko", at(T_MINUTE + 12 * 3600)),
        ("2025/03/04 午後0:05", "ja", at(T_DAY + 12 * 3600 + 300)),
        ("MARCH 4, 2025", "", at(T_DAY)),
        ("4 ŞUBAT 2025", "tr", at(T_DAY - 28 * 86_400)),
        ("4. maerz 2025", "de", at(T_DAY)),
        // Numeric dates: the hint decides, otherwise only unambiguous ones.
        ("03/04/2025", "en-US", at(T_DAY)),
        ("03/04/2025", "en", at(T_DAY)),
        ("04/03/2025", "en-GB", at(T_DAY)),
        ("04/03/2025", "pt-BR", at(T_DAY)),
        ("03/04/2025", "", CellDate::Unknown),
        ("13/03/2025", "", at(T_DAY + 9 * 86_400)),
        ("3/13/2025", "", at(T_DAY + 9 * 86_400)),
        ("13/03/2025", "en-US", at(T_DAY + 9 * 86_400)),
        ("04.03.25", "", at(T_DAY)),
        ("25. 3. 4.", "", at(T_DAY)),
        ("25/3/4", "zh-CN", at(T_DAY)),
        // A one-digit last number is no year: only year-first reads it.
        ("25/3/4", "", at(T_DAY)),
        ("25/03/04", "", CellDate::Unknown),
        ("25/03/04", "ja", at(T_DAY)),
        ("Jan 1, 2025, 24:05", "en", at(1_735_689_900)),
        ("3/4/25", "en_US", at(T_DAY)),
        ("3/4/25", "", CellDate::Unknown),
        // Times that cannot be placed.
        ("2025-03-04 25:99", "", CellDate::Unknown),
        ("2025-03-04 10:22 XYZT", "", CellDate::Unknown),
        ("Feb 30, 2025", "en", CellDate::Unknown),
        ("2025-02-29", "", CellDate::Unknown),
        ("2024-02-29", "", at(1_709_164_800)),
    ];
    for &(text, lang, expected) in cases {
        assert_eq!(parse_cell_date(text, lang, NOW), expected, "{text:?} ({lang:?})");
    }
}

#[test]
fn relative_forms() {
    const D: i64 = 86_400;
    let cases: &[(&str, &str, i64)] = &[
        ("3 days ago", "en", 3 * D),
        ("2 days ago (us-east-1)", "en", 2 * D),
        ("an hour ago", "en", 3_600),
        ("a month ago", "en", 30 * D),
        ("2 years ago", "", 730 * D),
        ("1 year, 2 months ago", "en", 425 * D),
        ("1 year and 2 months ago", "en", 425 * D),
        ("Last used 5 hours ago", "en", 5 * 3_600),
        ("Today", "en", 0),
        ("yesterday", "", D),
        ("last month", "", 30 * D),
        ("vor 3 Tagen", "de", 3 * D),
        ("vor einer Stunde", "de", 3_600),
        ("gestern", "de", D),
        ("hace 3 días", "es", 3 * D),
        ("hace 3 m", "es", 90 * D),
        ("hace un mes", "es", 30 * D),
        ("ayer", "es", D),
        ("il y a 3 jours", "fr", 3 * D),
        ("-3 j", "fr", 3 * D),
        ("hier", "fr", D),
        ("avant-hier", "fr", 2 * D),
        ("3 giorni fa", "it", 3 * D),
        ("un'ora fa", "it", 3_600),
        ("ieri", "it", D),
        ("3 日前", "ja", 3 * D),
        ("3か月前", "ja", 90 * D),
        ("昨日", "ja", D),
        ("一昨日", "ja", 2 * D),
        ("3일 전", "ko", 3 * D),
        ("3일전", "ko", 3 * D),
        ("한 달 전", "ko", 30 * D),
        ("어제", "ko", D),
        ("há 3 dias", "pt-BR", 3 * D),
        ("3 dias atrás", "pt-BR", 3 * D),
        ("ontem", "pt-BR", D),
        ("3天前", "zh-CN", 3 * D),
        ("3 天前", "zh-TW", 3 * D),
        ("昨天", "zh-CN", D),
        ("3 hari yang lalu", "id", 3 * D),
        ("3 h lalu", "id", 3 * D),
        ("3h ago", "en", 3 * 3_600),
        ("kemarin", "id", D),
        ("3 gün önce", "tr", 3 * D),
        ("dün", "tr", D),
        ("DÜN", "tr", D),
    ];
    for &(text, lang, ago) in cases {
        assert_eq!(parse_cell_date(text, lang, NOW), at(NOW - ago), "{text:?} ({lang:?})");
    }
    // Future texts are not a key's age.
    for (text, lang) in [
        ("in 3 days", "en"),
        ("3 days", "en"),
        ("2 days from now", "en"),
        ("an hour from now", "en"),
        ("in 3 Tagen", "de"),
        ("dans 3 jours", "fr"),
        ("3 日後", "ja"),
        ("3일 후", "ko"),
        ("3天后", "zh-CN"),
    ] {
        assert_eq!(parse_cell_date(text, lang, NOW), CellDate::Unknown, "{text:?}");
    }
}

#[test]
fn never_words() {
    let never = [
        "Never",
        "never",
        "N/A",
        "n/a",
        "None",
        "-",
        "—",
        "--",
        " – ",
        "Nie",
        "Niemals",
        "Nunca",
        "Jamais",
        "Mai",
        "なし",
        "未使用",
        "없음",
        "사용 안 함",
        "从未",
        "從未",
        "無",
        "无",
        "Tidak pernah",
        "Hiçbir zaman",
        "Hiç",
        "Nenhum",
        "Never (us-east-1)",
        "- (us-east-1)",
        "从未使用",
        "Never used",
    ];
    for text in never {
        assert_eq!(parse_cell_date(text, "", NOW), CellDate::Never, "{text:?}");
    }
    // A never-word with a date-like number, or inside another word, is not.
    for text in ["4 mai", "无效", "Nie 2 Tage", "us-east-1"] {
        assert_eq!(parse_cell_date(text, "", NOW), CellDate::Unknown, "{text:?}");
    }
    // "Mai" is Italian "never", but May in French, German, Portuguese.
    assert_eq!(parse_cell_date("Mai", "it", NOW), CellDate::Never);
    assert_eq!(parse_cell_date("Mai", "it-IT", NOW), CellDate::Never);
    for lang in ["fr", "de", "pt-BR"] {
        assert_eq!(parse_cell_date("Mai", lang, NOW), CellDate::Unknown, "{lang}");
    }
}

#[test]
fn junk_is_unknown() {
    for text in [
        "",
        " ",
        "Active",
        "Inactive",
        "AKIAIOSFODNN7EXAMPLE",
        "us-east-1",
        "12345",
        "2025",
        "10:22",
        "Mar 2025",
        "March 4",
        "1.2.3.4",
        "v1.2.3",
        "3/4",
        "99/99/9999",
        "0000-00-00",
        "Access key 1",
        "in 3 days",
    ] {
        assert_eq!(parse_cell_date(text, "en-US", NOW), CellDate::Unknown, "{text:?}");
    }
}

#[test]
fn overlong_text_is_unknown() {
    let long = format!("{} 2025-03-04", "x".repeat(300));
    assert_eq!(parse_cell_date(&long, "", NOW), CellDate::Unknown);
}

#[test]
fn serialises_for_javascript() {
    let json = |d: CellDate| serde_json::to_string(&d).expect("serialises");
    assert_eq!(json(at(5)), r#"{"kind":"at","unix":5}"#);
    assert_eq!(json(CellDate::Never), r#"{"kind":"never"}"#);
    assert_eq!(json(CellDate::Unknown), r#"{"kind":"unknown"}"#);
}

/// Random strings from an alphabet rich in the parser's trigger characters:
/// nothing panics, overflows or loops.
#[test]
fn random_strings_never_panic() {
    const PIECES: &[&str] = &[
        "0",
        "1",
        "9",
        "12",
        "31",
        "2025",
        "99999999999",
        "-",
        "+",
        "/",
        ".",
        ":",
        ",",
        " ",
        "\u{202F}",
        "(",
        ")",
        "[",
        "T",
        "Z",
        "AM",
        "pm",
        "a.",
        "m.",
        "UTC",
        "GMT",
        "PST",
        "mar",
        "März",
        "de",
        "ago",
        "vor",
        "il y a",
        "hace",
        "fa",
        "年",
        "月",
        "日",
        "前",
        "天",
        "전",
        "일",
        "시",
        "분",
        "午前",
        "上午",
        "中午",
        "ÖÖ",
        "İ",
        "ı",
        "—",
        "never",
        "なし",
        "无",
        "\u{0307}",
        "\u{FEFF}",
        "１",
        "ヶ",
        "e\u{301}",
        "ß",
        "🙂",
    ];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let langs = ["", "en", "en-US", "de", "ko", "zh-TW", "xx-YY", "😀"];
    for _ in 0..20_000 {
        let len = next() % 14;
        let text: String =
            (0..len).map(|_| PIECES[(next() % PIECES.len() as u64) as usize]).collect();
        let lang = langs[(next() % langs.len() as u64) as usize];
        let now = [0, NOW, i64::MIN, i64::MAX][(next() % 4) as usize];
        let _ = parse_cell_date(&text, lang, now);
    }
}

#[test]
fn huge_relative_numbers_do_not_overflow() {
    assert_eq!(parse_cell_date("999999999 years ago", "en", i64::MIN), CellDate::Unknown);
    assert!(matches!(parse_cell_date("999999999 years ago", "en", NOW), CellDate::At { .. }));
}

/// Every vocabulary entry.
fn entries() -> Vec<words::Words> {
    let mut entries = words::MONTHS.to_vec();
    entries.extend([words::DATE_FILLERS, words::ORDINAL_SUFFIXES, words::UTC_NAMES]);
    entries.extend(words::DAY_PERIODS.iter().map(|(_, w)| *w));
    entries.extend([words::YEAR_MARKS, words::MONTH_MARKS, words::DAY_MARKS]);
    entries.extend([words::HOUR_MARKS, words::MINUTE_MARKS, words::SECOND_MARKS]);
    entries.extend(words::NEVER);
    for language in words::RELATIVE {
        entries.extend([language.before, language.after, language.within, language.joiners]);
        entries.extend(language.quantities.iter().map(|(_, w)| *w));
        entries.extend(language.units.iter().map(|(_, w)| *w));
        entries.extend(language.phrases.iter().map(|(_, _, w)| *w));
    }
    entries
}

/// Every word of the vocabulary.
fn vocabulary() -> Vec<&'static str> {
    let mut all: Vec<&'static str> = entries().iter().flat_map(|e| e.each()).collect();
    all.extend(words::ZONE_ABBREVIATIONS.iter().map(|(w, _)| *w));
    all
}

/// Each entry's compile-time summary covers every alternative.
#[test]
fn word_summaries_cover_their_alternatives() {
    for entry in entries() {
        for word in entry.each() {
            let bit = words::lead_bit(words::lead(word.as_bytes()));
            assert_ne!(entry.leads & bit, 0, "{word:?}");
        }
    }
}

/// The vocabulary is written the way the lexer normalises text, or it would
/// never match.
#[test]
fn vocabulary_is_normalised() {
    for word in vocabulary() {
        let lexed = Tokens::new(word);
        let lexed: Vec<(Kind, &str)> = (0..lexed.len())
            .filter(|&i| !lexed.is_punct(i, '.'))
            .map(|i| (lexed.kind(i).expect("token"), lexed.text(i)))
            .collect();
        let phrase: Vec<(Kind, &str)> = phrase_tokens(word).collect();
        assert_eq!(lexed, phrase, "{word:?} is not in normalised form");
        assert!(!phrase.is_empty(), "empty alternative in the vocabulary");
        // Tokens::match_phrase compares first characters before anything else.
        assert!(!word.starts_with(['.', ' ']), "{word:?} starts with a skipped character");
    }
}

#[test]
fn no_month_name_means_two_months() {
    let mut seen = std::collections::HashMap::new();
    for (month, names) in words::MONTHS.iter().enumerate() {
        for name in names.each() {
            assert!(seen.insert(name, month).is_none(), "{name:?} listed twice");
        }
    }
}

#[test]
fn no_unit_word_means_two_units() {
    for language in words::RELATIVE {
        let mut seen = std::collections::HashMap::new();
        for &(unit, names) in language.units {
            for name in names.each() {
                assert!(seen.insert(name, unit).is_none(), "{:?}: {name:?} twice", language.langs);
            }
        }
    }
}

/// The users list's "Active key age": a length of time with no marker, in
/// the console's languages; anything else is none.
#[test]
fn durations_in_the_consoles_languages() {
    const DAY: i64 = 86_400;
    for (text, lang) in [
        ("400 days", "en"),
        ("400 Tage", "de"),
        ("400 días", "es"),
        ("400 jours", "fr"),
        ("400 giorni", "it"),
        ("400日", "ja"),
        ("400일", "ko"),
        ("400 dias", "pt-BR"),
        ("400天", "zh-CN"),
        ("400 hari", "id"),
        ("400 gün", "tr"),
    ] {
        assert_eq!(parse_duration(text, lang), Some(400 * DAY), "{text}");
    }
    assert_eq!(parse_duration("1 year, 2 months", "en"), Some(365 * DAY + 60 * DAY));
    assert_eq!(parse_duration("2 days", ""), Some(2 * DAY));
    for other in [
        "-",
        "None",
        "",
        "2 days ago",
        "March 4, 2025",
        "AKIAIOSFODNN7EXAMPLE",
        "Active - 400 days old",
    ] {
        assert_eq!(parse_duration(other, "en"), None, "{other}");
    }
}

//! Does a piece of text carry an AWS access key? The leak guard (an opt-in
//! content script on other sites) asks this of text pasted or typed into a
//! field; the answer names the access key ID and where the secret sits, never
//! the secret itself.
//!
//! A finding needs both halves, as in a credentials file: an access key ID
//! (the same test as [`crate::csv::is_access_key_id`]) and, within
//! [`NEARBY`] bytes of it, a standalone run of exactly 40 base64 characters
//! that mixes upper case, lower case and digits, as a random secret does.
//! Requiring the mix rules out hex digests (git hashes, SHA-1), and
//! requiring the run to stand alone rules out windows inside longer base64
//! blobs and JWT segments.
//!
//! A random 40-character base64 token is, by its form, a secret; what makes
//! it *this key's* secret is how it sits next to the ID. So the two count as
//! a pair when they share a line (a CSV row, a JSON object, a sentence), or,
//! on nearby lines, when the secret's line names a secret (`aws_secret_access_key
//! =`, `SecretAccessKey:`) or both lines hold nothing but their token (an ID
//! and a secret pasted one under the other). A log line that names a key ID
//! next to an unrelated random token on the next line is not a pair.
//! `tests/fixtures/leak/` holds the ordinary-text corpus the false-positive
//! rate is measured on.

use std::ops::Range;

use serde::Serialize;

use crate::csv::{is_access_key_id, is_secret_access_key};

/// How far from the access key ID (in bytes, either side) a secret counts
/// as "nearby": enough for a credentials file's line, an `export` pair, or
/// a JSON object, not so far that two unrelated tokens on a page pair up.
pub const NEARBY: usize = 200;

/// An access key found in text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LeakFinding {
    /// The access key ID (not a secret: it names the key).
    pub access_key_id: String,
    /// Byte range of the secret in the text, so a caller can mask it.
    pub secret_at: Range<usize>,
}

/// Characters a secret access key is made of.
fn is_secret_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'/' || b == b'+'
}

/// Runs of `is_word` bytes that stand alone (bounded by other bytes).
fn runs(text: &[u8], is_word: impl Fn(u8) -> bool) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut start = None;
    for (i, &b) in text.iter().enumerate() {
        match (is_word(b), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                found.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        found.push(s..text.len());
    }
    found
}

/// A random 40-character secret mixes upper and lower case. A digit is not
/// asked for: 40 characters drawn from base64's 64 hold none about once in
/// 900 keys ((54/64)^40), which would leave that key unrecognised; they lack
/// either case about once in a billion ((38/64)^40). Hex digests (one case)
/// are still told apart.
pub(crate) fn looks_random(secret: &str) -> bool {
    let has = |f: fn(&u8) -> bool| secret.as_bytes().iter().any(f);
    has(u8::is_ascii_uppercase) && has(u8::is_ascii_lowercase)
}

/// The line around `at`: from after the previous newline to before the next.
fn line_of(text: &str, at: &Range<usize>) -> Range<usize> {
    let start = text[..at.start].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at.end..].find('\n').map_or(text.len(), |i| at.end + i);
    start..end
}

/// A line that is nothing but `token` (and quotes, commas, spaces).
fn bare(line: &str, token: &str) -> bool {
    line.trim_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | ',' | ';' | ':'))
        == token
}

/// Whether the ID and the secret sit together as one key's two halves.
fn paired(text: &str, id: &Range<usize>, secret: &Range<usize>) -> bool {
    let (id_line, secret_line) = (line_of(text, id), line_of(text, secret));
    if id_line == secret_line {
        return true;
    }
    let secret_text = text.get(secret_line).unwrap_or("");
    let id_text = text.get(id_line).unwrap_or("");
    secret_text.to_ascii_lowercase().contains("secret")
        || (bare(id_text, text.get(id.clone()).unwrap_or(""))
            && bare(secret_text, text.get(secret.clone()).unwrap_or("")))
}

/// Every access key (ID with its secret nearby) in `text`, in order.
pub fn find_access_keys(text: &str) -> Vec<LeakFinding> {
    let bytes = text.as_bytes();
    // A '=' ends base64 padding; a secret never has one, so '=' bounds runs
    // like any other separator except when it would glue a blob together.
    let secrets: Vec<Range<usize>> = runs(bytes, is_secret_char)
        .into_iter()
        .filter(|r| {
            let followed_by_padding = bytes.get(r.end) == Some(&b'=');
            let candidate = text.get(r.clone()).unwrap_or("");
            !followed_by_padding && is_secret_access_key(candidate) && looks_random(candidate)
        })
        .collect();
    if secrets.is_empty() {
        return Vec::new();
    }
    let mut findings = Vec::new();
    for id in runs(bytes, |b| b.is_ascii_alphanumeric()) {
        let Some(access_key_id) = text.get(id.clone()).filter(|t| is_access_key_id(t)) else {
            continue;
        };
        let near = |s: &Range<usize>| {
            let gap =
                if s.start >= id.end { s.start - id.end } else { id.start.saturating_sub(s.end) };
            gap <= NEARBY
        };
        let pair = secrets.iter().filter(|s| near(s) && paired(text, &id, s));
        if let Some(secret) = pair.min_by_key(|s| s.start.abs_diff(id.start)) {
            findings.push(LeakFinding {
                access_key_id: access_key_id.to_owned(),
                secret_at: secret.clone(),
            });
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "AKIAIOSFODNN7EXAMPLE";
    const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    #[test]
    fn finds_keys_in_the_forms_people_paste() {
        let forms = [
            format!("Access key ID,Secret access key\r\n{ID},{SECRET}\r\n"),
            format!("export AWS_ACCESS_KEY_ID={ID}\nexport AWS_SECRET_ACCESS_KEY={SECRET}\n"),
            format!("[default]\naws_access_key_id = {ID}\naws_secret_access_key = {SECRET}\n"),
            format!(r#"{{"AccessKeyId": "{ID}", "SecretAccessKey": "{SECRET}"}}"#),
            format!("here is the root key {ID} / {SECRET} please keep it safe"),
            format!("{SECRET} {ID}"),
            format!("{ID}\n{SECRET}\n"),
            format!("AccessKeyId: {ID}\nSecretAccessKey: {SECRET}\n"),
        ];
        for text in forms {
            let found = find_access_keys(&text);
            assert_eq!(found.len(), 1, "{text}");
            assert_eq!(found[0].access_key_id, ID);
            assert_eq!(&text[found[0].secret_at.clone()], SECRET);
        }
    }

    #[test]
    fn one_half_alone_is_not_a_finding() {
        assert!(find_access_keys(ID).is_empty());
        assert!(find_access_keys(SECRET).is_empty());
        let log_then_token = format!(
            "{{\"accessKeyId\": \"{ID}\", \"eventName\": \"GetCallerIdentity\"}}\n{SECRET}\n"
        );
        assert!(
            find_access_keys(&log_then_token).is_empty(),
            "a log line's ID and an unrelated token below it"
        );
        let far = format!("{ID}{}{SECRET}", " ".repeat(NEARBY + 1));
        assert!(find_access_keys(&far).is_empty());
    }

    #[test]
    fn a_secret_without_a_digit_is_still_a_secret() {
        // About one real key in 900 has none (looks_random).
        let lettered = "wJalrXUtnFEMI/KxMDENG/bPxRfiCYEXAMPLEKEY";
        let found = find_access_keys(&format!("{ID},{lettered}"));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].access_key_id, ID);
    }

    #[test]
    fn hex_digests_blobs_and_jwts_are_not_secrets() {
        let sha1 = "da39a3ee5e6b4b0d3255bfef95601890afd80709";
        let blob =
            "QUtJQUlPU0ZPRE5ON0VYQU1QTEV3SmFsclhVdG5GRU1JL0s3TURFTkcvYlB4UmZpQ1lFWEFNUExFS0VZ";
        let padded = "dGhpcyBpcyB0aGlydHkgYnl0ZXMgb2YgdGV4dCEh==";
        for text in [sha1, blob, padded] {
            assert!(find_access_keys(&format!("{ID} {text}")).is_empty(), "{text}");
        }
    }

    #[test]
    fn the_finding_never_carries_the_secret() {
        let text = format!("{ID} {SECRET}");
        let shown = serde_json::to_string(&find_access_keys(&text)).unwrap_or_default();
        assert!(!shown.contains(SECRET));
        assert!(shown.contains(ID));
    }

    #[test]
    fn any_text_is_safe_to_scan() {
        for text in [
            "",
            "é",
            "AKIA",
            "\u{0}AKIAIOSFODNN7EXAMPLE\u{0}",
            "🙂 wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY 🙂",
        ] {
            let _ = find_access_keys(text);
        }
    }
}

#[cfg(test)]
mod corpus {
    use super::*;

    /// The documented false-positive rate (docs/LEAK-GUARD.md): no
    /// finding in the 4,494 lines (500 KB) of `tests/fixtures/leak/ordinary.txt`.
    const FINDINGS_IN_ORDINARY_TEXT: usize = 0;

    #[test]
    fn ordinary_text_stays_quiet() {
        let corpus = include_str!("../tests/fixtures/leak/ordinary.txt");
        let lines = corpus.lines().count();
        let findings = find_access_keys(corpus);
        eprintln!("{} findings in {lines} lines of ordinary text", findings.len());
        assert!(lines >= 4000, "the corpus is the committed one");
        assert_eq!(findings.len(), FINDINGS_IN_ORDINARY_TEXT, "{findings:?}");
    }
}

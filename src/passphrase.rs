//! A rough strength estimate for export passphrases.
//!
//! The estimate counts the character classes used and discounts repeats and
//! runs (`aaaa`, `1234`, `abcd`); it cannot know that a passphrase is a pet's
//! name, so the bar is set high: at least [`MINIMUM_LENGTH`] characters and
//! about 60 bits by this count. Argon2id then makes every guess expensive.

use serde::Serialize;

/// Fewer characters than this are never accepted.
pub const MINIMUM_LENGTH: usize = 12;
/// Estimated bits needed to accept a passphrase.
pub const MINIMUM_BITS: f64 = 60.0;

/// How strong a passphrase looks.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PassphraseRating {
    /// 0 (very weak) to 4 (very strong).
    pub score: u8,
    /// `very-weak`, `weak`, `fair`, `strong`, `very-strong` (a message key suffix).
    pub label: &'static str,
    /// The estimate, in bits.
    pub bits: f64,
    /// Whether RootGuard accepts it for an export.
    pub acceptable: bool,
}

/// Rate a passphrase. Never prints or keeps it.
pub fn rate(passphrase: &str) -> PassphraseRating {
    let chars: Vec<char> = passphrase.chars().collect();
    let pool: f64 = [
        (chars.iter().any(char::is_ascii_lowercase), 26.0),
        (chars.iter().any(char::is_ascii_uppercase), 26.0),
        (chars.iter().any(char::is_ascii_digit), 10.0),
        (chars.iter().any(|c| c.is_ascii_punctuation() || *c == ' '), 33.0),
        (chars.iter().any(|c| !c.is_ascii()), 100.0),
    ]
    .iter()
    .filter(|(used, _)| *used)
    .map(|(_, size)| size)
    .sum();
    // A character that repeats or continues a run of its predecessor adds
    // little: count it as a quarter.
    let effective: f64 = chars
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let predictable = i > 0 && {
                let step = *c as i64 - chars[i - 1] as i64;
                step.abs() <= 1
            };
            if predictable {
                0.25
            } else {
                1.0
            }
        })
        .sum();
    let bits = if pool > 0.0 { effective * pool.log2() } else { 0.0 };
    let acceptable = chars.len() >= MINIMUM_LENGTH && bits >= MINIMUM_BITS;
    let score = match bits {
        b if b < 28.0 => 0,
        b if b < 45.0 => 1,
        b if b < MINIMUM_BITS => 2,
        b if b < 90.0 => 3,
        _ => 4,
    };
    let score = if acceptable { score.max(3) } else { score.min(2) };
    let label = ["very-weak", "weak", "fair", "strong", "very-strong"][usize::from(score)];
    PassphraseRating { score, label, bits, acceptable }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_or_repetitive_passphrases_are_refused() {
        for weak in [
            "",
            "password",
            "Password1!",
            "aaaaaaaaaaaaaaaaaaaa",
            "abcdefghijklmnop",
            "123456789012345",
        ] {
            let rating = rate(weak);
            assert!(!rating.acceptable, "{weak}: {rating:?}");
            assert!(rating.score <= 2);
        }
    }

    #[test]
    fn long_mixed_passphrases_are_accepted() {
        for strong in
            ["correct horse battery staple", "Tr0ub4dor&3-x9Lq", "blue-Otter-17-quietly-sings"]
        {
            let rating = rate(strong);
            assert!(rating.acceptable, "{strong}: {rating:?}");
            assert!(rating.score >= 3);
        }
    }

    #[test]
    fn labels_follow_scores() {
        assert_eq!(rate("").label, "very-weak");
        assert_eq!(rate("correct horse battery staple").label, "very-strong");
    }
}

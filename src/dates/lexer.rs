//! A cell's text as tokens: numbers, words, single CJK characters and
//! punctuation, in a normalised form that the vocabulary in
//! [`super::words`] is written in.
//!
//! Normalising is what lets one table serve every spelling the console (or a
//! user's browser) may produce: lower case, no diacritics (`März` → `marz`,
//! `Şub` → `sub`, `août` → `aout`; Turkish dotted and dotless i both become
//! `i`), every kind of space (ICU puts U+202F between `10:22` and `AM`) a
//! plain separator, typographic apostrophes and minus signs the ASCII ones.
//! Han, kana and Hangul characters are one token each because those scripts
//! do not separate words with spaces: `3天前`, `3日前` and `3일 전` then
//! tokenise the same way whether or not a space sits between the parts.

use super::words::{lead, lead_bit, Words};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// A run of ASCII (or full-width) digits.
    Num,
    /// A run of letters of an alphabetic script (Latin, Greek, Cyrillic…).
    Word,
    /// One Han, kana or Hangul character.
    Cjk,
    /// One character of anything else: `/`, `:`, `.`, `-`, `(`, `—`…
    Punct,
}

/// One token; its text is a range of [`Tokens::norm`].
#[derive(Debug, Clone, Copy)]
pub(super) struct Tok {
    pub kind: Kind,
    start: usize,
    end: usize,
    /// No whitespace separates this token from the previous one.
    pub glued: bool,
    /// A word written in ASCII capitals in the original text (time zone
    /// abbreviations are told from ordinary words this way: `EST`, not `est`).
    pub upper: bool,
    /// A number's value (saturating: a number too long to be a date part
    /// still never overflows).
    pub value: u32,
    /// A number's count of digits (saturating at 255).
    pub digits: u8,
    /// The start of the token's first character (see [`lead`]), to reject
    /// most phrase matches without looking further.
    lead: [u8; 2],
}

/// The tokens of one cell's text.
pub(super) struct Tokens {
    norm: String,
    toks: Vec<Tok>,
    /// The tokens' first characters (a Bloom filter, see [`Words`]), so a
    /// vocabulary entry that starts nowhere in the text is skipped without
    /// visiting any token.
    leads: u32,
}

impl Tokens {
    /// Tokenise `text`.
    pub fn new(text: &str) -> Tokens {
        let mut lexer = Lexer {
            out: Tokens { norm: String::with_capacity(text.len() + 8), toks: Vec::new(), leads: 0 },
            spaced: true,
        };
        for original in text.chars() {
            if let Some(folded) = fold(original) {
                lexer.push(folded, original.is_ascii_uppercase());
            }
        }
        lexer.out
    }

    /// How many tokens there are.
    pub fn len(&self) -> usize {
        self.toks.len()
    }

    /// Token `i`, if there is one.
    pub fn get(&self, i: usize) -> Option<&Tok> {
        self.toks.get(i)
    }

    /// The normalised text of token `i` (empty past the end).
    pub fn text(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| &self.norm[t.start..t.end])
    }

    /// Whether token `i` is the punctuation character `c`.
    pub fn is_punct(&self, i: usize, c: char) -> bool {
        self.kind(i) == Some(Kind::Punct) && self.text(i).starts_with(c)
    }

    /// Token `i`'s kind.
    pub fn kind(&self, i: usize) -> Option<Kind> {
        self.toks.get(i).map(|t| t.kind)
    }

    /// Token `i` as a number with a digit count in `digits`.
    pub fn num(&self, i: usize, digits: std::ops::RangeInclusive<u8>) -> Option<u32> {
        match self.toks.get(i) {
            Some(t) if t.kind == Kind::Num && digits.contains(&t.digits) => Some(t.value),
            _ => None,
        }
    }

    /// Whether token `i` follows token `i - 1` without whitespace.
    pub fn glued(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.glued)
    }

    /// Match `phrase` (written in normalised form, see [`phrase_tokens`])
    /// starting at token `i`; the index after the match. Full stops are
    /// optional on both sides, so `sem. ant.` matches `sem ant`, and `a.m.`
    /// matches `a. m.`; whitespace never matters.
    pub fn match_phrase(&self, mut i: usize, phrase: &str) -> Option<usize> {
        // Reject on the first character before lexing the phrase: most calls
        // fail here, and this runs for every vocabulary entry at every token.
        let lead = |j: usize| self.toks.get(j).map(|t| t.lead);
        let mut j = i;
        while lead(j) == Some([b'.', 0]) {
            j += 1;
        }
        if Some(self::lead(phrase.as_bytes())) != lead(j) {
            return None;
        }
        let mut any = false;
        for (kind, text) in phrase_tokens(phrase) {
            while self.is_punct(i, '.') {
                i += 1;
            }
            if self.kind(i) != Some(kind) || self.text(i) != text {
                return None;
            }
            i += 1;
            any = true;
        }
        any.then_some(i)
    }

    /// The end of the longest of `words` matching at token `i`.
    pub fn match_any(&self, i: usize, words: Words) -> Option<usize> {
        self.candidates(i, words).filter_map(|p| self.match_phrase(i, p)).max()
    }

    /// The alternatives that start with the first character at token `i`
    /// (full stops skipped): a cheap filter before matching in full.
    fn candidates(&self, i: usize, words: Words) -> impl Iterator<Item = &'static str> {
        let mut j = i;
        while self.is_punct(j, '.') {
            j += 1;
        }
        let first = self.toks.get(j).map_or([0, 0], |t| t.lead);
        let words = if words.leads & lead_bit(first) != 0 { words } else { Words::NONE };
        words.each().filter(move |p| lead(p.as_bytes()) == first)
    }

    /// Whether token `i` is a word among `words`.
    pub fn is_word_among(&self, i: usize, words: Words) -> bool {
        let Some(t) = self.toks.get(i).filter(|t| t.kind == Kind::Word) else { return false };
        words.leads & lead_bit(t.lead) != 0 && words.each().any(|w| w == self.text(i))
    }

    /// Whether some token starts like one of `words` (false positives are
    /// possible, false negatives are not).
    pub fn may_contain(&self, words: Words) -> bool {
        self.leads & words.leads != 0
    }

    /// Whether some token starts with `phrase`'s first character (false
    /// positives are possible, false negatives are not).
    pub fn mentions(&self, phrase: &str) -> bool {
        self.leads & lead_bit(lead(phrase.as_bytes())) != 0
    }

    /// [`Tokens::match_phrase`] for a standalone word: a phrase that is a
    /// single CJK character (`无`, `今`) must not be part of a longer run of
    /// CJK characters (`无效`, `今日`).
    pub fn match_word(&self, i: usize, phrase: &str) -> Option<usize> {
        let end = self.match_phrase(i, phrase)?;
        let mut tokens = phrase_tokens(phrase);
        let single_cjk = matches!(tokens.next(), Some((Kind::Cjk, _))) && tokens.next().is_none();
        if single_cjk {
            let start = end - 1;
            let cjk_before =
                start > 0 && self.glued(start) && self.kind(start - 1) == Some(Kind::Cjk);
            let cjk_after = self.glued(end) && self.kind(end) == Some(Kind::Cjk);
            if cjk_before || cjk_after {
                return None;
            }
        }
        Some(end)
    }
}

struct Lexer {
    out: Tokens,
    /// Whitespace (or the start of the text) came before the next token.
    spaced: bool,
}

impl Lexer {
    fn push(&mut self, c: char, upper: bool) {
        if c.is_whitespace() {
            self.spaced = true;
            return;
        }
        let kind = if c.is_ascii_digit() {
            Kind::Num
        } else if is_cjk(c) {
            Kind::Cjk
        } else if is_letter(c) {
            Kind::Word
        } else {
            Kind::Punct
        };
        let start = self.out.norm.len();
        self.out.norm.push(c);
        let end = self.out.norm.len();
        let extends = !self.spaced
            && matches!(kind, Kind::Num | Kind::Word)
            && self.out.toks.last().is_some_and(|t| t.kind == kind);
        if let (true, Some(last)) = (extends, self.out.toks.last_mut()) {
            last.end = end;
            last.upper &= upper;
            if kind == Kind::Num {
                let digit = u32::from(c as u8 - b'0');
                last.value = last.value.saturating_mul(10).saturating_add(digit);
                last.digits = last.digits.saturating_add(1);
            }
        } else {
            let lead = lead(&self.out.norm.as_bytes()[start..end]);
            self.out.leads |= lead_bit(lead);
            let (value, digits) =
                if kind == Kind::Num { (u32::from(c as u8 - b'0'), 1) } else { (0, 0) };
            self.out.toks.push(Tok {
                kind,
                start,
                end,
                glued: !self.spaced,
                upper: upper && kind == Kind::Word,
                value,
                digits,
                lead,
            });
        }
        self.spaced = false;
    }
}

/// The tokens of a vocabulary phrase, already in normalised form: runs of
/// letters, single CJK characters and single punctuation characters; spaces
/// and full stops are skipped (see [`Tokens::match_phrase`]).
pub(super) fn phrase_tokens(phrase: &str) -> impl Iterator<Item = (Kind, &str)> {
    let mut rest = phrase;
    std::iter::from_fn(move || loop {
        let c = rest.chars().next()?;
        let len = c.len_utf8();
        if c.is_whitespace() || c == '.' {
            rest = &rest[len..];
            continue;
        }
        let (kind, end) = if is_cjk(c) {
            (Kind::Cjk, len)
        } else if is_letter(c) || c.is_ascii_digit() {
            let kind = if c.is_ascii_digit() { Kind::Num } else { Kind::Word };
            let same = |d: char| {
                if kind == Kind::Num {
                    d.is_ascii_digit()
                } else {
                    is_letter(d)
                }
            };
            (kind, rest.find(|d: char| !same(d)).unwrap_or(rest.len()))
        } else {
            (Kind::Punct, len)
        };
        let (token, tail) = rest.split_at(end);
        rest = tail;
        return Some((kind, token));
    })
}

/// Han ideographs, kana and Hangul: scripts written without spaces between
/// words, so each character is its own token.
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{1100}'..='\u{11FF}'   // Hangul Jamo
        | '\u{3005}'              // 々
        | '\u{3040}'..='\u{30FF}' // Hiragana, Katakana (か, ヶ)
        | '\u{3130}'..='\u{318F}' // Hangul compatibility Jamo
        | '\u{31F0}'..='\u{31FF}' // Katakana phonetic extensions
        | '\u{3400}'..='\u{4DBF}' // CJK extension A
        | '\u{4E00}'..='\u{9FFF}' // CJK unified ideographs
        | '\u{AC00}'..='\u{D7AF}' // Hangul syllables
        | '\u{F900}'..='\u{FAFF}' // CJK compatibility ideographs
    )
}

/// Letters of alphabetic scripts: Latin (with its accented forms), Greek,
/// Cyrillic. Other scripts' characters become punctuation tokens: no
/// console language needs them, and `char::is_alphabetic`'s tables would
/// grow the Wasm.
fn is_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || matches!(c, '\u{C0}'..='\u{24F}' | '\u{370}'..='\u{52F}' | '\u{1E00}'..='\u{1EFF}')
            && c != '\u{D7}'
            && c != '\u{F7}'
}

/// One character in normalised form: lower case, without diacritics;
/// `None` drops it. Case is folded here for the Latin letters of the
/// console's languages instead of by `char::to_lowercase`, whose Unicode
/// tables would add kilobytes to the Wasm for nothing the vocabulary needs.
fn fold(c: char) -> Option<char> {
    if c.is_ascii() {
        return Some(c.to_ascii_lowercase());
    }
    Some(match c {
        // Combining marks (a decomposed `é`) and invisible format characters
        // (bidi marks ICU may insert).
        '\u{0300}'..='\u{036F}'
        | '\u{200B}'..='\u{200F}'
        | '\u{2060}'..='\u{206F}'
        | '\u{FEFF}' => return None,
        // Latin-1 and Latin Extended-A, capital and small, by base letter
        // (Turkish `İ` and `ı` are both `i`).
        'À'..='Å' | 'à'..='å' | '\u{100}'..='\u{105}' => 'a',
        'Ç' | 'ç' | '\u{106}'..='\u{10D}' => 'c',
        '\u{10E}'..='\u{111}' => 'd',
        'È'..='Ë' | 'è'..='ë' | '\u{112}'..='\u{11B}' => 'e',
        '\u{11C}'..='\u{123}' => 'g',
        '\u{124}'..='\u{127}' => 'h',
        'Ì'..='Ï' | 'ì'..='ï' | '\u{128}'..='\u{131}' => 'i',
        '\u{134}'..='\u{135}' => 'j',
        '\u{136}'..='\u{138}' => 'k',
        '\u{139}'..='\u{142}' => 'l',
        'Ñ' | 'ñ' | '\u{143}'..='\u{14B}' => 'n',
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' | '\u{14C}'..='\u{151}' => 'o',
        '\u{154}'..='\u{159}' => 'r',
        '\u{15A}'..='\u{161}' => 's',
        '\u{162}'..='\u{167}' => 't',
        'Ù'..='Ü' | 'ù'..='ü' | '\u{168}'..='\u{173}' => 'u',
        '\u{174}'..='\u{175}' => 'w',
        'Ý' | 'ý' | 'ÿ' | '\u{176}'..='\u{178}' => 'y',
        '\u{179}'..='\u{17E}' => 'z',
        'Æ' => 'æ',
        'Œ' => 'œ',
        // Typographic apostrophes (`aujourd’hui`, `l’altro ieri`).
        '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{FF07}' => '\'',
        // Hyphens, the minus sign (`UTC−8`) and the en dash. The em dash
        // stays itself: alone in a cell it means "never".
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2212}' | '\u{FF0D}' => '-',
        // Full-width forms a CJK page may use.
        '\u{FF10}'..='\u{FF19}' => char::from_u32(c as u32 - 0xFF10 + '0' as u32)?,
        '\u{FF1A}' => ':',
        '\u{FF0F}' => '/',
        '\u{FF0E}' | '\u{3002}' => '.',
        '\u{FF0C}' | '\u{3001}' => ',',
        '\u{FF08}' => '(',
        '\u{FF09}' => ')',
        '\u{FF0B}' => '+',
        _ => c,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn describe(text: &str) -> Vec<String> {
        let t = Tokens::new(text);
        (0..t.len())
            .map(|i| {
                let glue = if t.glued(i) { "+" } else { "" };
                format!("{glue}{}", t.text(i))
            })
            .collect()
    }

    #[test]
    fn normalises_case_diacritics_and_spaces() {
        assert_eq!(describe("4. März 2025"), ["4", "+.", "marz", "2025"]);
        assert_eq!(describe("10:22\u{202F}AM"), ["10", "+:", "+22", "am"]);
        assert_eq!(describe("ŞUBAT Ağu İSTANBUL ıI"), ["subat", "agu", "istanbul", "ii"]);
        assert_eq!(describe("ÉÈÊËÀÂÄÇÑÕØÜŁŽŚĆŃ"), ["eeeeaaacnooulzscn"]);
        assert_eq!(describe("Mar\u{0301}z"), ["marz"]);
        assert_eq!(describe("aujourd’hui"), ["aujourd", "+'", "+hui"]);
        assert_eq!(describe("UTC−8"), ["utc", "+-", "+8"]);
        assert_eq!(describe("３天前"), ["3", "+天", "+前"]);
        assert_eq!(describe("3일 전"), ["3", "+일", "전"]);
    }

    #[test]
    fn remembers_upper_case_words() {
        let t = Tokens::new("2:22 PST pst Pst");
        let upper: Vec<bool> = (0..t.len()).map(|i| t.get(i).is_some_and(|t| t.upper)).collect();
        assert_eq!(upper, [false, false, false, true, false, false]);
    }

    #[test]
    fn numbers_saturate() {
        let t = Tokens::new("123456789012345678901234567890");
        assert_eq!(t.len(), 1);
        assert_eq!(t.num(0, 0..=255), Some(u32::MAX));
    }

    #[test]
    fn phrases_ignore_spaces_and_full_stops() {
        let t = Tokens::new("10:22 a. m.");
        assert_eq!(t.match_phrase(3, "a.m."), Some(6));
        assert_eq!(t.match_phrase(3, "am"), None);
        let t = Tokens::new("지난 주");
        assert_eq!(t.match_phrase(0, "지난주"), Some(3));
    }

    #[test]
    fn single_cjk_words_stand_alone() {
        assert!(Tokens::new("无").match_word(0, "无").is_some());
        assert!(Tokens::new("无效").match_word(0, "无").is_none());
        assert!(Tokens::new("今日").match_word(0, "今").is_none());
    }
}

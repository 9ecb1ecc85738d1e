//! Relative dates: `3 days ago`, `vor 3 Tagen`, `hace 3 m` (months),
//! `il y a 3 jours`, `-3 j`, `3 giorni fa`, `3日前`, `3天前`, `3일 전`,
//! `há 3 dias`, `3 hari yang lalu`, `3 gün önce`, `1 year, 2 months ago`,
//! and whole expressions: `yesterday`, `gestern`, `昨天`, `last month`.
//!
//! Each language is read with its own words (see
//! [`super::words::RELATIVE`]): the marker (`ago`, `vor`, `前`…) says which
//! language, and that language's unit words are the only ones that count,
//! because the short forms mean different things in different languages.

use super::lexer::{Kind, Tokens};
use super::words::{RelativeLanguage, Unit, RELATIVE};
use super::Hint;

/// How many seconds ago the text says, if it holds a relative date.
pub(super) fn parse(t: &Tokens, hint: &Hint) -> Option<i64> {
    // The page's language first: `hier` is yesterday in French, not in a
    // German sentence.
    let preferred = RELATIVE.iter().filter(|l| l.langs.contains(&hint.primary.as_str()));
    let others = RELATIVE.iter().filter(|l| !l.langs.contains(&hint.primary.as_str()));
    let languages = || preferred.clone().chain(others.clone());
    // Numbers before words: in `1 ora fa` (an hour ago) `ora` is not `ora`
    // (now).
    for language in languages() {
        // Cheap test first: no `ago`, `vor`, `前`… means no count to read.
        let markers = || language.before.iter().chain(language.after).chain(language.within);
        if !markers().any(|m| (0..t.len()).any(|i| t.match_phrase(i, m).is_some())) {
            continue;
        }
        if let Some(ago) = (0..t.len()).find_map(|i| counted_at(t, i, language)) {
            return Some(ago);
        }
    }
    // A counted number with no past marker is the future (`in 2 days`,
    // `2 days from now`) or no date at all: its `now` is not the present.
    // (Digits only: `這一季`, "this quarter", counts 一 but is no count.)
    let counts = |language| {
        (0..t.len()).any(|i| {
            t.kind(i) == Some(Kind::Num) && starts_word(t, i) && parts(t, i, language).is_some()
        })
    };
    if RELATIVE.iter().any(counts) {
        return None;
    }
    for language in languages() {
        if let Some(ago) = (0..t.len()).find_map(|i| phrase_at(t, i, language)) {
            return Some(ago);
        }
    }
    None
}

/// `vor 3 Tagen` (marker first) or `3 days ago` (marker last) at token `i`.
fn counted_at(t: &Tokens, i: usize, language: &RelativeLanguage) -> Option<i64> {
    if starts_word(t, i) {
        for marker in language.before {
            if let Some((ago, _)) = t.match_phrase(i, marker).and_then(|j| parts(t, j, language)) {
                return Some(ago);
            }
        }
    }
    if !starts_word(t, i) {
        return None;
    }
    let (ago, j) = parts(t, i, language)?;
    if language.after.iter().any(|marker| t.match_phrase(j, marker).is_some()) {
        return Some(ago);
    }
    // `1 分以内`: within the last minute, i.e. now.
    language.within.iter().any(|marker| t.match_phrase(j, marker).is_some()).then_some(0)
}

/// Token `i` does not continue the word or number before it (the `-` of
/// `us-east-1` is no French `-1`).
fn starts_word(t: &Tokens, i: usize) -> bool {
    !(i > 0 && t.glued(i) && matches!(t.kind(i - 1), Some(Kind::Word | Kind::Num)))
}

/// One or more `quantity unit` parts (`1 year, 2 months`): the total in
/// seconds and the index after the last part.
fn parts(t: &Tokens, mut j: usize, language: &RelativeLanguage) -> Option<(i64, usize)> {
    let mut total: i64 = 0;
    loop {
        let (n, unit, end) = part(t, j, language)?;
        total = total.checked_add(i64::from(n).checked_mul(unit.seconds())?)?;
        j = end;
        let next = language.joiners.iter().find_map(|w| t.match_phrase(j, w)).unwrap_or(j);
        if part(t, next, language).is_none() {
            return Some((total, j));
        }
        j = next;
    }
}

fn part(t: &Tokens, j: usize, language: &RelativeLanguage) -> Option<(u32, Unit, usize)> {
    let (n, j) = match t.num(j, 1..=9) {
        Some(n) => (n, j + 1),
        None => language
            .quantities
            .iter()
            .filter(|(word, _)| t.could_start(j, word))
            .filter_map(|&(word, n)| Some((n, t.match_phrase(j, word)?)))
            .max_by_key(|&(_, end)| end)?,
    };
    let (unit, end) = language
        .units
        .iter()
        .filter(|(word, _)| t.could_start(j, word))
        .filter_map(|&(word, unit)| Some((unit, t.match_phrase(j, word)?)))
        .max_by_key(|&(_, end)| end)?;
    Some((n, unit, end))
}

/// The longest whole expression (`avant-hier` rather than `hier`) at `i`.
fn phrase_at(t: &Tokens, i: usize, language: &RelativeLanguage) -> Option<i64> {
    if !starts_word(t, i) {
        return None;
    }
    let (n, unit, _) = language
        .phrases
        .iter()
        .filter(|(words, _, _)| t.could_start(i, words))
        .filter_map(|&(words, n, unit)| Some((n, unit, t.match_word(i, words)?)))
        .max_by_key(|&(_, _, end)| end)?;
    Some(i64::from(n) * unit.seconds())
}

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
use super::words::{RelativeLanguage, Unit, Words, RELATIVE};
use super::Hint;

/// How many seconds ago the text says, if it holds a relative date.
pub(super) fn parse(t: &Tokens, hint: &Hint) -> Option<i64> {
    // The page's language first, so that its reading wins where languages
    // share a word.
    let preferred = RELATIVE.iter().filter(|l| l.langs.contains(&hint.primary.as_str()));
    let others = RELATIVE.iter().filter(|l| !l.langs.contains(&hint.primary.as_str()));
    let languages = || preferred.clone().chain(others.clone());
    // Counts before whole expressions: in `1 ora fa` (an hour ago) `ora` is
    // the unit, not Italian "now".
    for language in languages() {
        // Cheap test first: no `ago`, `vor`, `前`… means no count to read.
        let has = |markers: Words| {
            t.may_contain(markers) && (0..t.len()).any(|i| t.match_any(i, markers).is_some())
        };
        if !(has(language.before) || has(language.after) || has(language.within)) {
            continue;
        }
        if let Some(ago) = (0..t.len()).find_map(|i| counted_at(t, i, language)) {
            return Some(ago);
        }
    }
    // A count with no past marker is the future (`in 2 days`, `an hour from
    // now`) or no date at all: its `now` is not the present. (Counts in
    // digits or words; not CJK ones: `這一季`, "this quarter", holds 一 季.)
    let counts = |language| {
        (0..t.len()).any(|i| {
            matches!(t.kind(i), Some(Kind::Num | Kind::Word))
                && starts_word(t, i)
                && parts(t, i, language).is_some()
        })
    };
    if RELATIVE.iter().any(counts) {
        return None;
    }
    languages().find_map(|language| phrase_in(t, language))
}

/// A length of time with no marker at all (`400 days`, `400 Tage`, `400日`,
/// `1 year, 2 months`), in seconds: the whole text must be one, in one
/// language (the page's first).
pub(super) fn duration(t: &Tokens, hint: &Hint) -> Option<i64> {
    let preferred = RELATIVE.iter().filter(|l| l.langs.contains(&hint.primary.as_str()));
    let others = RELATIVE.iter().filter(|l| !l.langs.contains(&hint.primary.as_str()));
    preferred.chain(others).find_map(|language| {
        let (seconds, end) = parts(t, 0, language)?;
        (end == t.len()).then_some(seconds)
    })
}

/// `vor 3 Tagen` (marker first) or `3 days ago` (marker last) at token `i`.
fn counted_at(t: &Tokens, i: usize, language: &RelativeLanguage) -> Option<i64> {
    if !starts_word(t, i) {
        return None;
    }
    if let Some((ago, _)) = t.match_any(i, language.before).and_then(|j| parts(t, j, language)) {
        return Some(ago);
    }
    let (ago, j) = parts(t, i, language)?;
    if t.match_any(j, language.after).is_some() {
        return Some(ago);
    }
    // `1 分以内`: within the last minute, i.e. now.
    t.match_any(j, language.within).map(|_| 0)
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
        let next = t.match_any(j, language.joiners).unwrap_or(j);
        if part(t, next, language).is_none() {
            return Some((total, j));
        }
        j = next;
    }
}

/// `3 days`, `an hour`: the quantity, the unit, and the index after them.
fn part(t: &Tokens, j: usize, language: &RelativeLanguage) -> Option<(u32, Unit, usize)> {
    let (n, j) = match t.num(j, 1..=9) {
        Some(n) => (n, j + 1),
        None => longest(language.quantities.iter().map(|&(n, words)| (n, t.match_any(j, words))))?,
    };
    let (unit, end) =
        longest(language.units.iter().map(|&(unit, words)| (unit, t.match_any(j, words))))?;
    Some((n, unit, end))
}

/// The first whole expression in the text, the longest where several start
/// at the same token (`avant-hier` rather than `hier`).
fn phrase_in(t: &Tokens, language: &RelativeLanguage) -> Option<i64> {
    let mut best: Option<(usize, usize, i64)> = None;
    for &(n, unit, words) in language.phrases {
        if !t.may_contain(words) {
            continue;
        }
        for word in words.each().filter(|w| t.mentions(w)) {
            let found = (0..t.len())
                .filter(|&i| starts_word(t, i))
                .find_map(|i| Some((i, t.match_word(i, word)?)));
            if let Some((start, end)) = found {
                if best.map_or(true, |(s, e, _)| start < s || (start == s && end > e)) {
                    best = Some((start, end, i64::from(n) * unit.seconds()));
                }
            }
        }
    }
    best.map(|(_, _, ago)| ago)
}

/// The value whose match ends furthest.
fn longest<T>(matches: impl Iterator<Item = (T, Option<usize>)>) -> Option<(T, usize)> {
    matches.filter_map(|(value, end)| Some((value, end?))).max_by_key(|&(_, end)| end)
}

//! Absolute dates: `2025-03-04T10:22:33Z`, `Mar 4, 2025, 10:22 AM`,
//! `4. März 2025 um 10:22:33 UTC`, `2025年3月4日 上午10:22`, `25. 3. 4.`…
//!
//! First the date (year, month, day), by four readings tried in order of how
//! little they can be misread: year-first numbers (`2025-03-04`,
//! `2025/3/4`, `2025. 3. 4.`), CJK markers (`2025年3月4日`), a month name
//! with its day and a four-digit year, then other numeric dates
//! (`03/04/2025`, `04.03.25`, `25/3/4`), where the page language breaks the
//! tie between day-first and month-first. Then, among the other tokens, a
//! time of day with its 12-hour marker and time zone.

use super::lexer::{Kind, Tokens};
use super::words::{self, DayPeriod};
use super::Hint;

/// What the text says, if it holds an absolute date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Absolute {
    /// Seconds since the epoch.
    At(i64),
    /// A date is there but cannot be read without guessing (`03/04/2025`
    /// with no language, a time zone RootGuard does not know, `25:99`).
    Unreadable,
    /// No absolute date in the text.
    None,
}

/// Which numeric date order the page's language writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Order {
    /// `3/4/25` is March 4 (en-US).
    MonthFirst,
    /// `4/3/25` is March 4 (most of the world).
    DayFirst,
    /// `25/3/4` is March 4 (ja, ko, zh).
    YearFirst,
    /// No language given: only an order-independent reading counts.
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Ymd {
    year: i64,
    month: u32,
    day: u32,
}

/// A date found at tokens `start..end`.
#[derive(Debug, Clone, Copy)]
struct DateAt {
    ymd: Ymd,
    start: usize,
    end: usize,
}

enum Found<T> {
    Yes(T),
    Ambiguous,
    No,
}

/// Read an absolute date, and its time if any.
pub(super) fn parse(t: &Tokens, hint: &Hint) -> Absolute {
    let date = match find_date(t, hint) {
        Found::Yes(date) => date,
        Found::Ambiguous => return Absolute::Unreadable,
        Found::No => return Absolute::None,
    };
    let days = days_from_civil(date.ymd);
    // No time of day: midnight UTC of that date. A badge counts days, and
    // the cell does not say which zone the date is in.
    let seconds = match find_time(t, &date, hint) {
        Found::Yes(time) => time,
        Found::Ambiguous => return Absolute::Unreadable,
        Found::No => 0,
    };
    Absolute::At(days * 86_400 + seconds)
}

fn find_date(t: &Tokens, hint: &Hint) -> Found<DateAt> {
    if let Some(date) = (0..t.len()).find_map(|i| year_first(t, i)) {
        return Found::Yes(date);
    }
    if let Some(date) = (0..t.len()).find_map(|i| cjk_marked(t, i)) {
        return Found::Yes(date);
    }
    if let Some(date) = (0..t.len()).find_map(|i| month_named(t, i)) {
        return Found::Yes(date);
    }
    for i in 0..t.len() {
        match numeric(t, i, hint.order) {
            Found::No => continue,
            found => return found,
        }
    }
    Found::No
}

/// `a sep b sep c` with one separator (`-`, `/`, `.`), numbers with the
/// given digit counts, not part of a longer chain (`1.2.3.4`, `v1.2.3`).
fn triple(
    t: &Tokens,
    i: usize,
    a_digits: std::ops::RangeInclusive<u8>,
) -> Option<(u32, u32, u32, char, bool)> {
    let a = t.num(i, a_digits)?;
    let sep = ['-', '/', '.'].into_iter().find(|&c| t.is_punct(i + 1, c))?;
    let b = t.num(i + 2, 1..=2)?;
    if !t.is_punct(i + 3, sep) {
        return None;
    }
    let c = t.num(i + 4, 1..=4)?;
    let chained_before =
        i >= 1 && t.glued(i) && (t.is_punct(i - 1, sep) || t.kind(i - 1) == Some(Kind::Word));
    let chained_after = t.is_punct(i + 5, sep) && t.num(i + 6, 0..=255).is_some() && t.glued(i + 6);
    if chained_before || chained_after {
        return None;
    }
    // Korean writes `25. 3. 4.`: spaces after the full stops.
    let spaced = !t.glued(i + 2) && !t.glued(i + 4);
    Some((a, b, c, sep, spaced))
}

/// `2025-03-04`, `2025/3/4`, `2025. 3. 4.`: a four-digit year first is only
/// ever followed by the month.
fn year_first(t: &Tokens, i: usize) -> Option<DateAt> {
    let (y, m, d, _, _) = triple(t, i, 4..=4)?;
    t.num(i + 4, 1..=2)?; // a day, not a second year
    let ymd = ymd(four_digit_year(y)?, m, d)?;
    Some(DateAt { ymd, start: i, end: i + 5 })
}

/// `2025年3月4日`, `2025년 3월 4일` (a two-digit year is 20yy).
fn cjk_marked(t: &Tokens, i: usize) -> Option<DateAt> {
    let y = t.num(i, 2..=4)?;
    let j = t.match_any(i + 1, words::YEAR_MARKS)?;
    let m = t.num(j, 1..=2)?;
    let j = t.match_any(j + 1, words::MONTH_MARKS)?;
    let d = t.num(j, 1..=2)?;
    let end = t.match_any(j + 1, words::DAY_MARKS)?;
    let year = match t.get(i).map(|t| t.digits) {
        Some(4) => four_digit_year(y)?,
        Some(2) => 2000 + i64::from(y),
        _ => return None,
    };
    Some(DateAt { ymd: ymd(year, m, d)?, start: i, end })
}

/// A month name with a day next to it and a four-digit year: `Mar 4, 2025`,
/// `4. März 2025`, `4 de marzo de 2025`, `Tuesday, 4 March 2025`,
/// `2025 March 4`.
fn month_named(t: &Tokens, k: usize) -> Option<DateAt> {
    if t.kind(k) != Some(Kind::Word) {
        return None;
    }
    let skip_back = |mut j: usize| {
        while j > 0 && (t.is_punct(j - 1, '.') || is_filler(t, j - 1)) {
            j -= 1;
        }
        j
    };
    let skip_forward = |mut j: usize| {
        while t.is_punct(j, '.') || t.is_punct(j, ',') || is_filler(t, j) {
            j += 1;
        }
        j
    };
    // The day: the number right before the name (`4 Mar`, `4. März`,
    // `4 de marzo`) or right after it (`Mar 4`, `March 4th`).
    let before = skip_back(k).checked_sub(1).filter(|&j| is_day(t, j));
    let mut after = k + 1;
    while t.is_punct(after, '.') {
        after += 1;
    }
    let after = Some(after).filter(|&j| is_day(t, j));
    let (day_at, start) = match (before, after) {
        (Some(j), None) => (j, j),
        (None, Some(j)) => (j, k),
        _ => return None,
    };
    // Looked up only now: most words have no day next to them.
    let month = words::month_number(t.text(k))?;
    let day = t.num(day_at, 1..=2)?;
    // The year: four digits after the month and day, or before both.
    let mut last = k.max(day_at) + 1;
    if t.glued(last) && t.is_word_among(last, words::ORDINAL_SUFFIXES) {
        last += 1;
    }
    let year_after = skip_forward(last);
    let (year_at, start, end) = if t.num(year_after, 4..=4).is_some() {
        (year_after, start, year_after + 1)
    } else {
        let mut j = start;
        while j > 0 && (t.is_punct(j - 1, '.') || t.is_punct(j - 1, ',')) {
            j -= 1;
        }
        let j = j.checked_sub(1)?;
        (j, j, last)
    };
    let year = four_digit_year(t.num(year_at, 4..=4)?)?;
    Some(DateAt { ymd: ymd(year, month, day)?, start, end })
}

fn is_filler(t: &Tokens, j: usize) -> bool {
    t.is_word_among(j, words::DATE_FILLERS)
}

/// A day of the month at `j`, not a part of a time (`10:22`) or of a dotted
/// number (`10.22`).
fn is_day(t: &Tokens, j: usize) -> bool {
    let Some(day) = t.num(j, 1..=2) else { return false };
    let part_of_time = |k: usize, c: char| t.is_punct(k, c) && t.num(k + 1, 2..=2).is_some();
    let after_time = j >= 2
        && (t.is_punct(j - 1, ':') || (t.is_punct(j - 1, '.') && t.kind(j - 2) == Some(Kind::Num)));
    (1..=31).contains(&day) && !part_of_time(j + 1, ':') && !part_of_time(j + 1, '.') && !after_time
}

/// Day-first, month-first or two-digit-year-first numbers: `04/03/2025`,
/// `3/4/25`, `04.03.25`, `25/3/4`, `25. 3. 4.`. The page's language picks
/// among the readings that are valid dates; without a language only a date
/// that no other order could produce is accepted.
fn numeric(t: &Tokens, i: usize, order: Order) -> Found<DateAt> {
    let Some((a, b, c, sep, spaced)) = triple(t, i, 1..=2) else { return Found::No };
    let Some(c_digits) = t.get(i + 4).map(|t| t.digits) else { return Found::No };
    let year_of_c = match c_digits {
        4 => four_digit_year(c),
        2 => Some(2000 + i64::from(c)),
        _ => None,
    };
    let a_digits = t.get(i).map_or(0, |t| t.digits);
    let dmy = year_of_c.and_then(|y| ymd(y, b, a));
    let mdy = year_of_c.and_then(|y| ymd(y, a, b));
    let yy_md = if a_digits == 2 && c_digits <= 2 { ymd(2000 + i64::from(a), b, c) } else { None };
    use Order::*;
    let readings = [dmy, mdy, yy_md];
    const DMY: usize = 0;
    const MDY: usize = 1;
    const YMD: usize = 2;
    // Readings in order of preference; `unique`: accept only if exactly one
    // distinct reading is a valid date.
    let (preferred, unique): (&[usize], bool) = match (sep, c_digits == 4, order) {
        // Nobody writes month.day.year.
        ('.', true, _) => (&[DMY], false),
        ('.', false, YearFirst) => (&[YMD], false),
        ('.', false, DayFirst | MonthFirst) => (&[DMY], false),
        ('.', false, Unknown) if spaced => (&[YMD], false),
        ('.', false, Unknown) => (&[DMY], false),
        (_, true, MonthFirst) => (&[MDY, DMY], false),
        (_, true, DayFirst) => (&[DMY, MDY], false),
        (_, true, YearFirst | Unknown) => (&[DMY, MDY], true),
        (_, false, MonthFirst) => (&[MDY, DMY], false),
        (_, false, DayFirst) => (&[DMY, MDY], false),
        (_, false, YearFirst) => (&[YMD], false),
        (_, false, Unknown) => (&[DMY, MDY, YMD], true),
    };
    let mut valid = preferred.iter().filter_map(|&k| readings[k]);
    let Some(first) = valid.next() else { return Found::No };
    if unique && valid.any(|other| other != first) {
        return Found::Ambiguous;
    }
    Found::Yes(DateAt { ymd: first, start: i, end: i + 5 })
}

fn four_digit_year(y: u32) -> Option<i64> {
    // Before the epoch is no access key's date.
    (1970..=9999).contains(&y).then_some(i64::from(y))
}

fn ymd(year: i64, month: u32, day: u32) -> Option<Ymd> {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days).contains(&day).then_some(Ymd { year, month, day })
}

/// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
fn days_from_civil(date: Ymd) -> i64 {
    let y = if date.month <= 2 { date.year - 1 } else { date.year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(date.month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(date.day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// A time of day at tokens `start..end`.
#[derive(Debug, Clone, Copy)]
struct TimeAt {
    hour: u32,
    minute: u32,
    second: u32,
    start: usize,
    end: usize,
}

/// The time of day outside the date's tokens, as seconds after midnight
/// UTC (may be negative or past a day once a zone offset is applied).
fn find_time(t: &Tokens, date: &DateAt, hint: &Hint) -> Found<i64> {
    let outside = |i: &usize| *i < date.start || *i >= date.end;
    // Colons and CJK markers first: a dotted `10.22` is a time only in
    // languages that write it so (Indonesian), and only when nothing else is.
    let time = (0..t.len())
        .filter(outside)
        .find_map(|i| colon_time(t, i).or_else(|| cjk_time(t, i)))
        .or_else(|| (0..t.len()).filter(outside).find_map(|i| dotted_time(t, i)));
    let Some(mut time) = time else { return Found::No };

    let mut first = time.start;
    let mut last = time.end;
    if let Some((period, start, end)) = day_period(t, &time) {
        let h = time.hour;
        if h > 12 {
            return Found::Ambiguous;
        }
        time.hour = match period {
            DayPeriod::Am | DayPeriod::Midnight => h % 12,
            DayPeriod::Pm => h % 12 + 12,
            DayPeriod::Noon if h >= 11 => h,
            DayPeriod::Noon => h + 12,
        };
        first = first.min(start);
        last = last.max(end);
    }
    // ICU's 24-hour "k" clock (en with `hour12: false`) writes 00:05 as
    // `24:05` on the same date. (ISO 8601's end-of-day `24:00` would be the
    // next day, but nothing the console runs writes it.)
    if time.hour == 24 {
        time.hour = 0;
    }
    if time.hour > 23 || time.minute > 59 || time.second > 60 {
        return Found::Ambiguous;
    }
    // A zone right after the time (`10:22 UTC`, `10:22:33+01:00`,
    // `10:22 AM (UTC-08:00)`) or right before it (zh-CN `UTC 10:22:33`).
    let zone = match zone_at(t, last, last == time.end, hint) {
        Found::No => {
            let from = if date.end <= first { date.end } else { first.saturating_sub(4) };
            (from..first)
                .find_map(|i| match zone_at(t, i, false, hint) {
                    Found::Yes((offset, end)) if end == first => Some(Found::Yes((offset, end))),
                    _ => None,
                })
                .unwrap_or(Found::No)
        }
        found => found,
    };
    let offset_minutes = match zone {
        Found::Yes((offset, _)) => offset,
        Found::Ambiguous => return Found::Ambiguous,
        // No zone: UTC. The console cell does not say; a badge counts days.
        Found::No => 0,
    };
    let local = i64::from(time.hour) * 3_600 + i64::from(time.minute) * 60 + i64::from(time.second);
    Found::Yes(local - i64::from(offset_minutes) * 60)
}

/// `10:22`, `10:22:33`, `10:22:33.123`.
fn colon_time(t: &Tokens, i: usize) -> Option<TimeAt> {
    let hour = t.num(i, 1..=2)?;
    // Not the minutes of `10:22:33`, nor the offset of `GMT+5:30`.
    let follows = |c: char| i >= 1 && t.is_punct(i - 1, c) && t.glued(i);
    if follows(':') || follows('+') || follows('-') {
        return None;
    }
    if !t.is_punct(i + 1, ':') {
        return None;
    }
    let minute = t.num(i + 2, 2..=2)?;
    let (second, mut end) = match (t.is_punct(i + 3, ':'), t.num(i + 4, 2..=2)) {
        (true, Some(s)) => (s, i + 5),
        _ => (0, i + 3),
    };
    if end == i + 5
        && (t.is_punct(end, '.') || t.is_punct(end, ','))
        && t.num(end + 1, 1..=9).is_some()
    {
        end += 2; // fractions of a second
    }
    Some(TimeAt { hour, minute, second, start: i, end })
}

/// `10時22分33秒`, `10시 22분 33초`, `10点22分`.
fn cjk_time(t: &Tokens, i: usize) -> Option<TimeAt> {
    let hour = t.num(i, 1..=2)?;
    let j = t.match_any(i + 1, words::HOUR_MARKS)?;
    let minute = t.num(j, 1..=2)?;
    let j = t.match_any(j + 1, words::MINUTE_MARKS)?;
    let (second, end) =
        match t.num(j, 1..=2).and_then(|s| Some((s, t.match_any(j + 1, words::SECOND_MARKS)?))) {
            Some((s, end)) => (s, end),
            None => (0, j),
        };
    Some(TimeAt { hour, minute, second, start: i, end })
}

/// `10.22`, `10.22.33` (Indonesian).
fn dotted_time(t: &Tokens, i: usize) -> Option<TimeAt> {
    let hour = t.num(i, 1..=2)?;
    if i >= 1 && t.is_punct(i - 1, '.') && t.glued(i) {
        return None;
    }
    if !t.is_punct(i + 1, '.') || !t.glued(i + 1) || !t.glued(i + 2) {
        return None;
    }
    let minute = t.num(i + 2, 2..=2)?;
    let (second, end) = match (t.is_punct(i + 3, '.') && t.glued(i + 3), t.num(i + 4, 2..=2)) {
        (true, Some(s)) => (s, i + 5),
        _ => (0, i + 3),
    };
    if t.is_punct(end, '.') && t.num(end + 1, 0..=255).is_some() && t.glued(end + 1) {
        return None; // a longer dotted number
    }
    Some(TimeAt { hour, minute, second, start: i, end })
}

/// A 12-hour marker right after the time (`10:22 AM`, `10:22 p. m.`) or
/// right before it (`午後0:05`, `AM 10시`, `ÖS 10:22`): the period and the
/// marker's token range.
fn day_period(t: &Tokens, time: &TimeAt) -> Option<(DayPeriod, usize, usize)> {
    let after = words::DAY_PERIODS
        .iter()
        .find_map(|&(period, words)| Some((period, time.end, t.match_any(time.end, words)?)));
    after.or_else(|| {
        (time.start.saturating_sub(6)..time.start).find_map(|s| {
            words::DAY_PERIODS.iter().find_map(|&(period, words)| {
                (t.match_any(s, words)? == time.start).then_some((period, s, time.start))
            })
        })
    })
}

/// A time zone starting at token `i`: its offset in minutes east of UTC and
/// the index after it. `bare`: a sign and offset without a name counts
/// (`10:22:33+01:00`, right after the time). An upper-case abbreviation
/// RootGuard does not know is [`Found::Ambiguous`]: the time would be off
/// by an unknown number of hours.
fn zone_at(t: &Tokens, i: usize, bare: bool, hint: &Hint) -> Found<(i32, usize)> {
    let mut j = i;
    while t.is_punct(j, '(') || t.is_punct(j, '[') || t.is_punct(j, '.') {
        j += 1;
    }
    let word = t.text(j);
    let upper = t.get(j).is_some_and(|tok| tok.upper);
    let (offset, end) = if t.is_word_among(j, words::UTC_NAMES) {
        match signed_offset(t, j + 1) {
            Some((offset, end)) => (offset, end),
            None => (0, j + 1),
        }
    } else if t.kind(j) == Some(Kind::Word) && word == "z" && j == i && t.glued(j) {
        (0, j + 1)
    } else if t.kind(j) == Some(Kind::Word) && upper {
        match words::ZONE_ABBREVIATIONS.iter().find(|(name, _)| *name == word) {
            Some(&("cst", _)) if hint.primary == "zh" => (8 * 60, j + 1),
            Some(&(_, offset)) => (i32::from(offset), j + 1),
            None if (3..=5).contains(&word.len()) && word.is_ascii() => return Found::Ambiguous,
            None => return Found::No,
        }
    } else if bare && j == i {
        match signed_offset(t, j) {
            Some(found) => found,
            None => return Found::No,
        }
    } else {
        return Found::No;
    };
    let mut end = end;
    while t.is_punct(end, ')') || t.is_punct(end, ']') {
        end += 1;
    }
    Found::Yes((offset, end))
}

/// `+1`, `-8`, `+05:30`, `-0800`: minutes east of UTC and the index after.
fn signed_offset(t: &Tokens, i: usize) -> Option<(i32, usize)> {
    let sign = if t.is_punct(i, '+') {
        1
    } else if t.is_punct(i, '-') {
        -1
    } else {
        return None;
    };
    let digits = t.get(i + 1).filter(|tok| tok.kind == Kind::Num && tok.glued)?.digits;
    let value = i32::try_from(t.num(i + 1, 1..=4)?).ok()?;
    let (hours, minutes, end) = match digits {
        // Indonesian writes `GMT+5.30`.
        1 | 2 => match (t.is_punct(i + 2, ':') || t.is_punct(i + 2, '.'), t.num(i + 3, 2..=2)) {
            (true, Some(m)) => (value, i32::try_from(m).ok()?, i + 4),
            _ => (value, 0, i + 2),
        },
        4 => (value / 100, value % 100, i + 2),
        _ => return None,
    };
    (hours <= 14 && minutes <= 59).then_some((sign * (hours * 60 + minutes), end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_days() {
        let d = |year, month, day| days_from_civil(Ymd { year, month, day });
        assert_eq!(d(1970, 1, 1), 0);
        assert_eq!(d(2000, 3, 1), 11_017);
        assert_eq!(d(2025, 3, 4), 20_151);
        assert_eq!(d(2024, 12, 31), 20_088);
    }

    #[test]
    fn month_lengths() {
        assert!(ymd(2024, 2, 29).is_some());
        assert!(ymd(2025, 2, 29).is_none());
        assert!(ymd(2100, 2, 29).is_none());
        assert!(ymd(2000, 2, 29).is_some());
        assert!(ymd(2025, 4, 31).is_none());
        assert!(ymd(2025, 13, 1).is_none());
        assert!(ymd(2025, 1, 0).is_none());
    }
}

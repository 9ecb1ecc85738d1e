//! Every word RootGuard reads in a date cell, in every console language.
//!
//! Entries are written in the lexer's normalised form (lower case, no
//! diacritics: `marz` for `März`, `agu` for `Ağu`, `aout` for `août`, see
//! [`super::lexer`]); a test checks that. Full stops never matter (`févr.`
//! and `fevr` are one entry). The lists are what ICU renders through
//! `Intl.DateTimeFormat`/`Intl.RelativeTimeFormat` (the fixtures in
//! `tests/fixtures/dates/` pin them), plus common hand-written variants.

/// Month names and abbreviations, January first. A name means the same
/// month in every language that uses it (`mar`, `mai`, `ago`, `set`…); a test
/// checks that no name sits in two months.
#[rustfmt::skip]
pub(super) const MONTHS: [&[&str]; 12] = [
    // en, de, es, fr, it, pt, id, tr
    &["january", "jan", "januar", "enero", "ene", "janvier", "janv", "gennaio", "gen", "janeiro",
      "januari", "ocak", "oca"],
    &["february", "feb", "februar", "febrero", "fevrier", "fevr", "fev", "febbraio", "fevereiro",
      "februari", "subat", "sub"],
    &["march", "mar", "marz", "maerz", "mrz", "marzo", "mars", "marco", "maret", "mart"],
    &["april", "apr", "abril", "abr", "avril", "avr", "aprile", "nisan", "nis"],
    &["may", "mai", "mayo", "maggio", "mag", "maio", "mei", "mayis"],
    &["june", "jun", "juni", "junio", "juin", "giugno", "giu", "junho", "haziran", "haz"],
    &["july", "jul", "juli", "julio", "juillet", "juil", "luglio", "lug", "julho", "temmuz", "tem"],
    &["august", "aug", "agosto", "ago", "aout", "agustus", "agu", "agt", "agustos"],
    &["september", "sep", "sept", "septiembre", "septembre", "settembre", "set", "setembro",
      "eylul", "eyl"],
    &["october", "oct", "oktober", "okt", "octubre", "octobre", "ottobre", "ott", "outubro", "out",
      "ekim", "eki"],
    &["november", "nov", "noviembre", "novembre", "novembro", "kasim", "kas"],
    &["december", "dec", "dezember", "dez", "diciembre", "dic", "decembre", "dicembre", "dezembro",
      "desember", "des", "aralik", "ara"],
];

/// The month (1–12) a name stands for.
pub(super) fn month_number(name: &str) -> Option<u32> {
    let index = MONTHS.iter().position(|names| names.contains(&name))?;
    u32::try_from(index + 1).ok()
}

/// Words between a day, a month name and a year that carry no value:
/// `4 de marzo de 2025`, `4 de mar. de 2025`.
pub(super) const DATE_FILLERS: &[&str] = &["de", "del", "of"];

/// Ordinal suffixes glued to a day: `March 4th`, `1er mars`.
pub(super) const ORDINAL_SUFFIXES: &[&str] = &["st", "nd", "rd", "th", "er", "re", "e", "o", "a"];

/// Which half of a 12-hour clock, or a named part of the day (zh-TW writes
/// `凌晨2:22`, `中午12:05`, `晚上7:05`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DayPeriod {
    /// Before noon: 12 means 0.
    Am,
    /// After noon: add 12 (12 stays 12).
    Pm,
    /// Around noon (中午): 11 and 12 are themselves, 1 and 2 are 13 and 14.
    Noon,
    /// Around midnight (午夜, 半夜): 12 means 0.
    Midnight,
}

/// Markers of a 12-hour clock, before or after the time.
pub(super) const DAY_PERIODS: &[(&str, DayPeriod)] = &[
    ("am", DayPeriod::Am),
    ("a.m.", DayPeriod::Am),
    ("vorm", DayPeriod::Am),
    ("午前", DayPeriod::Am),
    ("上午", DayPeriod::Am),
    ("凌晨", DayPeriod::Am),
    ("清晨", DayPeriod::Am),
    ("早上", DayPeriod::Am),
    ("早晨", DayPeriod::Am),
    ("오전", DayPeriod::Am),
    ("oo", DayPeriod::Am), // ÖÖ (öğleden önce)
    ("pm", DayPeriod::Pm),
    ("p.m.", DayPeriod::Pm),
    ("nachm", DayPeriod::Pm),
    ("午後", DayPeriod::Pm),
    ("下午", DayPeriod::Pm),
    ("晚上", DayPeriod::Pm),
    ("傍晚", DayPeriod::Pm),
    ("夜晚", DayPeriod::Pm),
    ("오후", DayPeriod::Pm),
    ("os", DayPeriod::Pm), // ÖS (öğleden sonra)
    ("中午", DayPeriod::Noon),
    ("正午", DayPeriod::Noon),
    ("午夜", DayPeriod::Midnight),
    ("半夜", DayPeriod::Midnight),
];

/// Names of UTC itself (an offset may follow: `GMT+1`, `UTC-08:00`).
pub(super) const UTC_NAMES: &[&str] = &["utc", "gmt", "ut"];

/// Time zone abbreviations ICU and the usual web pages print, with their
/// offsets in minutes. Only read when written in capitals. `CST` is US
/// Central here and China Standard Time on a Chinese page (see
/// `absolute::zone_at`); `IST` is India's (by far the most common reading
/// for an AWS console user); `BST` British Summer Time.
pub(super) const ZONE_ABBREVIATIONS: &[(&str, i32)] = &[
    ("pst", -8 * 60),
    ("pdt", -7 * 60),
    ("mst", -7 * 60),
    ("mdt", -6 * 60),
    ("cst", -6 * 60),
    ("cdt", -5 * 60),
    ("est", -5 * 60),
    ("edt", -4 * 60),
    ("akst", -9 * 60),
    ("akdt", -8 * 60),
    ("hst", -10 * 60),
    ("brt", -3 * 60),
    ("wet", 0),
    ("west", 60),
    ("bst", 60),
    ("cet", 60),
    ("cest", 2 * 60),
    ("mez", 60),
    ("mesz", 2 * 60),
    ("eet", 2 * 60),
    ("eest", 3 * 60),
    ("msk", 3 * 60),
    ("trt", 3 * 60),
    ("ist", 5 * 60 + 30),
    ("wib", 7 * 60),
    ("wita", 8 * 60),
    ("wit", 9 * 60),
    ("hkt", 8 * 60),
    ("sgt", 8 * 60),
    ("awst", 8 * 60),
    ("jst", 9 * 60),
    ("kst", 9 * 60),
    ("acst", 9 * 60 + 30),
    ("acdt", 10 * 60 + 30),
    ("aest", 10 * 60),
    ("aedt", 11 * 60),
    ("nzst", 12 * 60),
    ("nzdt", 13 * 60),
];

/// CJK markers after the numbers of a date (`2025年3月4日`, `2025년 3월 4일`)
/// and of a time (`10時22分33秒`, `10시 22분 33초`).
pub(super) const YEAR_MARKS: &[&str] = &["年", "년"];
pub(super) const MONTH_MARKS: &[&str] = &["月", "월"];
pub(super) const DAY_MARKS: &[&str] = &["日", "일"];
pub(super) const HOUR_MARKS: &[&str] = &["時", "时", "點", "点", "시"];
pub(super) const MINUTE_MARKS: &[&str] = &["分", "분"];
pub(super) const SECOND_MARKS: &[&str] = &["秒", "초"];

/// "Never used" and "nothing here", in every console language. A cell saying
/// one of these (and holding no number) is [`super::CellDate::Never`].
/// Single CJK characters (`无`, `無`) count only on their own, not inside
/// a longer word (`无效`); `mai`, also a month name, only on an Italian page
/// or one with no language (see `says_never`).
#[rustfmt::skip]
pub(super) const NEVER: &[&str] = &[
    // en
    "never", "none", "n/a", "n.a.", "not used", "no activity",
    // de ("k. A.": keine Angabe)
    "nie", "niemals", "keine", "kein", "nicht verwendet", "k.a.",
    // es
    "nunca", "ninguno", "ninguna", "n/d",
    // fr
    "jamais", "aucun", "aucune",
    // it
    "mai", "nessuno", "nessuna",
    // ja
    "なし", "無し", "未使用", "使用されていません",
    // ko
    "없음", "사용 안 함", "사용한 적 없음",
    // pt
    "nenhum", "nenhuma",
    // zh-CN, zh-TW
    "从未", "从不", "无", "從未", "從不", "無",
    // id
    "tidak pernah", "belum pernah", "tidak ada",
    // tr
    "hicbir zaman", "hicbiri", "hic", "yok", "kullanilmadi",
];

/// Dashes that, standing alone, mean "never" (`-`, `—`, `--`, `―`).
pub(super) const NEVER_DASHES: &[char] = &['-', '—', '―'];

/// A unit of relative time. A month is 30 days, a quarter 90 and a year
/// 365: a badge counts days, and "2 months ago" is no more precise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Unit {
    /// 1 s.
    Second,
    /// 60 s.
    Minute,
    /// 3600 s.
    Hour,
    /// 86 400 s.
    Day,
    /// 7 days.
    Week,
    /// 30 days.
    Month,
    /// 90 days.
    Quarter,
    /// 365 days.
    Year,
}

impl Unit {
    /// The unit's length in seconds.
    pub fn seconds(self) -> i64 {
        match self {
            Unit::Second => 1,
            Unit::Minute => 60,
            Unit::Hour => 3_600,
            Unit::Day => 86_400,
            Unit::Week => 7 * 86_400,
            Unit::Month => 30 * 86_400,
            Unit::Quarter => 90 * 86_400,
            Unit::Year => 365 * 86_400,
        }
    }
}

use Unit::{Day, Hour, Minute, Month, Quarter, Second, Week, Year};

/// How one language says "n units ago". Units are per language because the
/// short forms collide across languages: `3m ago` is minutes, `hace 3 m`
/// months; `3h ago` hours, `3 h lalu` days.
pub(super) struct RelativeLanguage {
    /// Primary language subtags that put this table first (`<html lang>`).
    pub langs: &'static [&'static str],
    /// Words before the quantity: `vor`, `hace`, `il y a`, `há`, French
    /// narrow `-3 j`.
    pub before: &'static [&'static str],
    /// Words after the unit: `ago`, `fa`, `前`, `전`, `lalu`, `önce`.
    pub after: &'static [&'static str],
    /// Words after the unit meaning "within n units" (ICU's Japanese
    /// "this minute" is `1 分以内`): read as now.
    pub within: &'static [&'static str],
    /// Words standing for a number: `an hour ago`, `vor einem Tag`.
    pub quantities: &'static [(&'static str, u32)],
    /// Unit words, every form (long, short, narrow, singular, plural).
    pub units: &'static [(&'static str, Unit)],
    /// Words joining the parts of `1 year and 2 months ago`.
    pub joiners: &'static [&'static str],
    /// Whole expressions: `yesterday` (1 day), `this week` (0 weeks),
    /// `last month` (1 month).
    pub phrases: &'static [(&'static str, u32, Unit)],
}

/// Every console language's relative-time vocabulary. Japanese and Chinese
/// share one table (same marker `前`, no conflicting units).
#[rustfmt::skip]
pub(super) const RELATIVE: &[RelativeLanguage] = &[
    RelativeLanguage {
        langs: &["en"],
        before: &[],
        after: &["ago"],
        within: &[],
        quantities: &[("a", 1), ("an", 1), ("one", 1)],
        units: &[
            ("second", Second), ("seconds", Second), ("sec", Second), ("secs", Second), ("s", Second),
            ("minute", Minute), ("minutes", Minute), ("min", Minute), ("mins", Minute), ("m", Minute),
            ("hour", Hour), ("hours", Hour), ("hr", Hour), ("hrs", Hour), ("h", Hour),
            ("day", Day), ("days", Day), ("d", Day),
            ("week", Week), ("weeks", Week), ("wk", Week), ("wks", Week), ("w", Week),
            ("month", Month), ("months", Month), ("mo", Month), ("mos", Month), ("mth", Month),
            ("mths", Month),
            ("quarter", Quarter), ("quarters", Quarter), ("qtr", Quarter), ("qtrs", Quarter),
            ("q", Quarter),
            ("year", Year), ("years", Year), ("yr", Year), ("yrs", Year), ("y", Year),
        ],
        joiners: &[",", "and"],
        phrases: &[
            ("now", 0, Second), ("just now", 0, Second), ("a few seconds ago", 0, Second),
            ("moments ago", 0, Second),
            ("this minute", 0, Minute), ("this hour", 0, Hour), ("today", 0, Day),
            ("this week", 0, Week), ("this wk", 0, Week), ("this month", 0, Month),
            ("this mo", 0, Month), ("this quarter", 0, Quarter), ("this qtr", 0, Quarter),
            ("this year", 0, Year), ("this yr", 0, Year),
            ("yesterday", 1, Day), ("day before yesterday", 2, Day),
            ("last week", 1, Week), ("last wk", 1, Week), ("last month", 1, Month),
            ("last mo", 1, Month), ("last quarter", 1, Quarter), ("last qtr", 1, Quarter),
            ("last year", 1, Year), ("last yr", 1, Year),
        ],
    },
    RelativeLanguage {
        langs: &["de"],
        before: &["vor"],
        after: &[],
        within: &[],
        quantities: &[("einer", 1), ("einem", 1), ("einen", 1), ("ein", 1), ("eine", 1)],
        units: &[
            ("sekunde", Second), ("sekunden", Second), ("sek", Second), ("s", Second),
            ("minute", Minute), ("minuten", Minute), ("min", Minute), ("m", Minute),
            ("stunde", Hour), ("stunden", Hour), ("std", Hour), ("h", Hour),
            ("tag", Day), ("tagen", Day), ("tage", Day),
            ("woche", Week), ("wochen", Week), ("wo", Week),
            ("monat", Month), ("monaten", Month), ("monate", Month), ("mon", Month),
            ("quartal", Quarter), ("quartalen", Quarter), ("quart", Quarter), ("q", Quarter),
            ("jahr", Year), ("jahren", Year), ("jahre", Year),
        ],
        joiners: &[",", "und"],
        phrases: &[
            ("jetzt", 0, Second), ("gerade eben", 0, Second),
            ("in dieser minute", 0, Minute), ("in dieser stunde", 0, Hour), ("heute", 0, Day),
            ("diese woche", 0, Week), ("diesen monat", 0, Month), ("dieses quartal", 0, Quarter),
            ("dieses jahr", 0, Year),
            ("gestern", 1, Day), ("vorgestern", 2, Day),
            ("letzte woche", 1, Week), ("letzten monat", 1, Month), ("letzter monat", 1, Month),
            ("letztes quartal", 1, Quarter), ("letztes jahr", 1, Year),
        ],
    },
    RelativeLanguage {
        langs: &["es"],
        before: &["hace"],
        after: &[],
        within: &[],
        quantities: &[("un", 1), ("una", 1), ("uno", 1)],
        units: &[
            ("segundo", Second), ("segundos", Second), ("seg", Second), ("s", Second),
            ("minuto", Minute), ("minutos", Minute), ("min", Minute), ("mins", Minute),
            ("hora", Hour), ("horas", Hour), ("h", Hour),
            ("dia", Day), ("dias", Day), ("d", Day),
            ("semana", Week), ("semanas", Week), ("sem", Week),
            ("mes", Month), ("meses", Month), ("m", Month),
            ("trimestre", Quarter), ("trimestres", Quarter), ("trim", Quarter),
            ("ano", Year), ("anos", Year), ("a", Year),
        ],
        joiners: &[",", "y"],
        phrases: &[
            ("ahora", 0, Second), ("este minuto", 0, Minute), ("esta hora", 0, Hour),
            ("hoy", 0, Day), ("esta semana", 0, Week), ("esta sem", 0, Week),
            ("este mes", 0, Month), ("este trimestre", 0, Quarter), ("este ano", 0, Year),
            ("ayer", 1, Day), ("anteayer", 2, Day), ("antier", 2, Day),
            ("semana pasada", 1, Week), ("sem. ant.", 1, Week), ("mes pasado", 1, Month),
            ("trimestre pasado", 1, Quarter), ("ano pasado", 1, Year),
        ],
    },
    RelativeLanguage {
        langs: &["fr"],
        // `-3 j` is ICU's narrow French.
        before: &["il y a", "-"],
        after: &[],
        within: &[],
        quantities: &[("un", 1), ("une", 1)],
        units: &[
            ("seconde", Second), ("secondes", Second), ("sec", Second), ("s", Second),
            ("minute", Minute), ("minutes", Minute), ("min", Minute), ("mn", Minute),
            ("heure", Hour), ("heures", Hour), ("h", Hour),
            ("jour", Day), ("jours", Day), ("j", Day),
            ("semaine", Week), ("semaines", Week), ("sem", Week),
            ("mois", Month), ("m", Month),
            ("trimestre", Quarter), ("trimestres", Quarter), ("trim", Quarter),
            ("an", Year), ("ans", Year), ("annee", Year), ("annees", Year), ("a", Year),
        ],
        joiners: &[",", "et"],
        phrases: &[
            ("maintenant", 0, Second), ("a l'instant", 0, Second),
            ("cette minute", 0, Minute), ("cette heure", 0, Hour), ("aujourd'hui", 0, Day),
            ("cette semaine", 0, Week), ("ce mois", 0, Month), ("ce trimestre", 0, Quarter),
            ("cette annee", 0, Year),
            ("hier", 1, Day), ("avant-hier", 2, Day),
            ("semaine derniere", 1, Week), ("mois dernier", 1, Month),
            ("trimestre dernier", 1, Quarter), ("annee derniere", 1, Year), ("an dernier", 1, Year),
        ],
    },
    RelativeLanguage {
        langs: &["it"],
        before: &[],
        after: &["fa"],
        within: &[],
        quantities: &[("un'", 1), ("un", 1), ("una", 1), ("uno", 1)],
        units: &[
            ("secondo", Second), ("secondi", Second), ("sec", Second), ("s", Second),
            ("minuto", Minute), ("minuti", Minute), ("min", Minute),
            ("ora", Hour), ("ore", Hour), ("h", Hour),
            ("giorno", Day), ("giorni", Day), ("gg", Day), ("g", Day),
            ("settimana", Week), ("settimane", Week), ("sett", Week),
            ("mese", Month), ("mesi", Month),
            ("trimestre", Quarter), ("trimestri", Quarter), ("trim", Quarter),
            ("anno", Year), ("anni", Year),
        ],
        joiners: &[",", "e"],
        phrases: &[
            ("ora", 0, Second), ("adesso", 0, Second), ("poco fa", 0, Second),
            ("questo minuto", 0, Minute), ("quest'ora", 0, Hour), ("oggi", 0, Day),
            ("questa settimana", 0, Week), ("questa sett", 0, Week), ("questo mese", 0, Month),
            ("questo trimestre", 0, Quarter), ("questo trim", 0, Quarter),
            ("quest'anno", 0, Year),
            ("ieri", 1, Day), ("l'altro ieri", 2, Day), ("altro ieri", 2, Day),
            ("ieri l'altro", 2, Day),
            ("settimana scorsa", 1, Week), ("sett scorsa", 1, Week), ("mese scorso", 1, Month),
            ("trimestre scorso", 1, Quarter), ("trim scorso", 1, Quarter),
            ("anno scorso", 1, Year),
        ],
    },
    RelativeLanguage {
        langs: &["pt"],
        before: &["ha"],
        after: &["atras"],
        within: &[],
        quantities: &[("um", 1), ("uma", 1)],
        units: &[
            ("segundo", Second), ("segundos", Second), ("seg", Second), ("s", Second),
            ("minuto", Minute), ("minutos", Minute), ("min", Minute),
            ("hora", Hour), ("horas", Hour), ("h", Hour),
            ("dia", Day), ("dias", Day), ("d", Day),
            ("semana", Week), ("semanas", Week), ("sem", Week),
            ("mes", Month), ("meses", Month),
            ("trimestre", Quarter), ("trimestres", Quarter), ("trim", Quarter),
            ("ano", Year), ("anos", Year),
        ],
        joiners: &[",", "e"],
        phrases: &[
            ("agora", 0, Second), ("este minuto", 0, Minute), ("esta hora", 0, Hour),
            ("hoje", 0, Day), ("esta semana", 0, Week), ("este mes", 0, Month),
            ("este trimestre", 0, Quarter), ("este ano", 0, Year),
            ("ontem", 1, Day), ("anteontem", 2, Day),
            ("semana passada", 1, Week), ("mes passado", 1, Month),
            ("ultimo trimestre", 1, Quarter), ("trimestre passado", 1, Quarter),
            ("ano passado", 1, Year),
        ],
    },
    RelativeLanguage {
        langs: &["id", "in", "ms"],
        before: &[],
        after: &["yang lalu", "lalu"],
        within: &[],
        quantities: &[("satu", 1)],
        units: &[
            ("detik", Second), ("dtk", Second),
            ("menit", Minute), ("mnt", Minute),
            ("jam", Hour),
            ("hari", Day), ("h", Day),
            ("minggu", Week), ("mgg", Week),
            ("bulan", Month), ("bln", Month),
            ("kuartal", Quarter), ("krtl", Quarter),
            ("tahun", Year), ("thn", Year),
        ],
        joiners: &[",", "dan"],
        phrases: &[
            ("sekarang", 0, Second), ("baru saja", 0, Second),
            ("menit ini", 0, Minute), ("mnt ini", 0, Minute), ("jam ini", 0, Hour),
            ("hari ini", 0, Day), ("minggu ini", 0, Week), ("mgg ini", 0, Week),
            ("bulan ini", 0, Month), ("bln ini", 0, Month), ("kuartal ini", 0, Quarter),
            ("krtl ini", 0, Quarter), ("tahun ini", 0, Year), ("thn ini", 0, Year),
            ("kemarin dulu", 2, Day), ("selumbari", 2, Day), ("kemarin", 1, Day),
            ("minggu lalu", 1, Week), ("mgg lalu", 1, Week), ("bulan lalu", 1, Month),
            ("bln lalu", 1, Month), ("kuartal lalu", 1, Quarter), ("krtl lalu", 1, Quarter),
            ("tahun lalu", 1, Year), ("thn lalu", 1, Year),
        ],
    },
    RelativeLanguage {
        langs: &["tr"],
        before: &[],
        after: &["once"],
        within: &[],
        quantities: &[("bir", 1)],
        units: &[
            ("saniye", Second), ("sn", Second),
            ("dakika", Minute), ("dk", Minute),
            ("saat", Hour), ("sa", Hour),
            ("gun", Day),
            ("hafta", Week), ("hf", Week),
            ("ay", Month),
            ("ceyrek", Quarter), ("cyr", Quarter),
            ("yil", Year),
        ],
        joiners: &[",", "ve"],
        phrases: &[
            ("simdi", 0, Second), ("az once", 0, Second),
            ("bu dakika", 0, Minute), ("bu saat", 0, Hour), ("bugun", 0, Day),
            ("bu hafta", 0, Week), ("bu hf", 0, Week), ("bu ay", 0, Month),
            ("bu ceyrek", 0, Quarter), ("bu cyr", 0, Quarter), ("bu yil", 0, Year),
            ("dun", 1, Day), ("evvelsi gun", 2, Day), ("onceki gun", 2, Day),
            ("gecen hafta", 1, Week), ("gecen hf", 1, Week), ("gecen ay", 1, Month),
            ("gecen ceyrek", 1, Quarter), ("gecen cyr", 1, Quarter), ("gecen yil", 1, Year),
        ],
    },
    RelativeLanguage {
        langs: &["ja", "zh"],
        before: &[],
        after: &["以前", "之前", "前"],
        within: &["以内"],
        quantities: &[("一", 1), ("两", 2), ("兩", 2)],
        units: &[
            ("秒", Second), ("秒钟", Second), ("秒鐘", Second),
            ("分", Minute), ("分钟", Minute), ("分鐘", Minute),
            ("時間", Hour), ("小时", Hour), ("小時", Hour), ("个小时", Hour), ("個小時", Hour),
            ("个钟头", Hour), ("個鐘頭", Hour),
            ("日", Day), ("天", Day),
            ("週間", Week), ("週", Week), ("周", Week), ("星期", Week), ("个星期", Week),
            ("個星期", Week),
            ("か月", Month), ("ヶ月", Month), ("カ月", Month), ("ケ月", Month), ("ヵ月", Month),
            ("个月", Month), ("個月", Month),
            ("四半期", Quarter), ("季度", Quarter), ("个季度", Quarter), ("個季度", Quarter),
            ("季", Quarter),
            ("年", Year),
        ],
        joiners: &[","],
        phrases: &[
            // ja
            ("今", 0, Second), ("たった今", 0, Second), ("今日", 0, Day), ("今週", 0, Week),
            ("今月", 0, Month), ("今四半期", 0, Quarter), ("今年", 0, Year),
            ("昨日", 1, Day), ("一昨日", 2, Day), ("おととい", 2, Day),
            ("先週", 1, Week), ("先月", 1, Month), ("前四半期", 1, Quarter), ("昨年", 1, Year),
            ("去年", 1, Year),
            // zh-CN
            ("现在", 0, Second), ("刚刚", 0, Second), ("此刻", 0, Minute), ("这一时间", 0, Hour),
            ("此时", 0, Hour), ("今天", 0, Day), ("本周", 0, Week), ("本月", 0, Month),
            ("本季度", 0, Quarter),
            ("昨天", 1, Day), ("前天", 2, Day),
            ("上周", 1, Week), ("上个月", 1, Month), ("上季度", 1, Quarter),
            // zh-TW
            ("現在", 0, Second), ("剛剛", 0, Second), ("這一分鐘", 0, Minute),
            ("這一小時", 0, Hour), ("本週", 0, Week), ("這一季", 0, Quarter),
            ("上週", 1, Week), ("上個月", 1, Month), ("上一季", 1, Quarter),
        ],
    },
    RelativeLanguage {
        langs: &["ko"],
        before: &[],
        after: &["전"],
        within: &["이내"],
        quantities: &[("한", 1), ("두", 2), ("세", 3)],
        units: &[
            ("초", Second),
            ("분", Minute),
            ("시간", Hour),
            ("일", Day),
            ("주", Week),
            ("개월", Month), ("달", Month),
            ("분기", Quarter),
            ("년", Year),
        ],
        joiners: &[","],
        phrases: &[
            ("지금", 0, Second), ("방금", 0, Second),
            ("현재 분", 0, Minute), ("현재 시간", 0, Hour), ("오늘", 0, Day),
            ("이번 주", 0, Week), ("이번 달", 0, Month), ("이번 분기", 0, Quarter),
            ("올해", 0, Year),
            ("어제", 1, Day), ("그저께", 2, Day), ("그제", 2, Day),
            ("지난주", 1, Week), ("지난달", 1, Month), ("지난 분기", 1, Quarter),
            ("작년", 1, Year),
        ],
    },
];

//! Every word RootGuard reads in a date cell, in every console language.
//!
//! Entries are written in the lexer's normalised form (lower case, no
//! diacritics: `marz` for `März`, `agu` for `Ağu`, `aout` for `août`, see
//! [`super::lexer`]); a test checks that. Full stops never matter (`févr.`
//! and `fevr` are one entry). Alternatives are separated by `|`: one string
//! per meaning keeps the tables readable and the Wasm small (a slice of
//! strings costs eight bytes per entry before the text). The lists are what
//! ICU renders through `Intl.DateTimeFormat` and `Intl.RelativeTimeFormat`
//! (the fixtures in `tests/fixtures/dates/` pin them), plus common
//! hand-written variants.

/// `|`-separated alternatives (`"a|an|one"`) and a summary of their first
/// characters, computed at compile time: a cell with no token starting like
/// any of them is not searched for them, which keeps a cell's parse in the
/// microseconds although the vocabulary has hundreds of entries.
#[derive(Debug, Clone, Copy)]
pub(super) struct Words {
    /// The alternatives, `|`-separated.
    pub text: &'static str,
    /// A Bloom filter of the alternatives' first characters (see [`lead`]).
    pub leads: u32,
}

/// [`Words`] from `|`-separated alternatives.
pub(super) const fn w(text: &'static str) -> Words {
    let bytes = text.as_bytes();
    let mut leads = 0;
    let mut start = 0;
    let mut k = 0;
    while k <= bytes.len() {
        if k == bytes.len() || bytes[k] == b'|' {
            if k > start {
                let second = if bytes[start] >= 0x80 { bytes[start + 1] } else { 0 };
                leads |= lead_bit([bytes[start], second]);
            }
            start = k + 1;
        }
        k += 1;
    }
    Words { text, leads }
}

impl Words {
    /// No alternatives.
    pub const NONE: Words = w("");

    /// The alternatives one by one. (A byte loop: `str::split`'s searcher
    /// costs more than the matching in a size-optimised build.)
    pub fn each(self) -> impl Iterator<Item = &'static str> {
        let mut rest = Some(self.text).filter(|t| !t.is_empty());
        std::iter::from_fn(move || {
            let text = rest?;
            match text.bytes().position(|b| b == b'|') {
                Some(bar) => {
                    rest = text.get(bar + 1..);
                    text.get(..bar)
                }
                None => {
                    rest = None;
                    Some(text)
                }
            }
        })
    }
}

/// The first byte of a text, and the second if it belongs to the same
/// character: equal for texts that start with the same character, and
/// different for almost all others (CJK characters share first bytes). Byte
/// comparisons, because the release build optimises for size and does not
/// inline character decoding.
pub(super) fn lead(text: &[u8]) -> [u8; 2] {
    match text {
        [first, second, ..] if *first >= 0x80 => [*first, *second],
        [first, ..] => [*first, 0],
        [] => [0, 0],
    }
}

/// A [`lead`]'s bit in a 32-bit Bloom filter.
pub(super) const fn lead_bit(lead: [u8; 2]) -> u32 {
    1 << ((lead[0] as u32 * 31 + lead[1] as u32) % 32)
}

/// Month names and abbreviations, January first, in en, de, es, fr, it, pt,
/// id, tr. A name means the same month in every language that uses it
/// (`mar`, `mai`, `ago`, `set`…); a test checks that no name sits in two
/// months.
#[rustfmt::skip]
pub(super) const MONTHS: [Words; 12] = [
    w("january|jan|januar|enero|ene|janvier|janv|gennaio|gen|janeiro|januari|ocak|oca"),
    w("february|feb|februar|febrero|fevrier|fevr|fev|febbraio|fevereiro|februari|subat|sub"),
    w("march|mar|marz|maerz|mrz|marzo|mars|marco|maret|mart"),
    w("april|apr|abril|abr|avril|avr|aprile|nisan|nis"),
    w("may|mai|mayo|maggio|mag|maio|mei|mayis"),
    w("june|jun|juni|junio|juin|giugno|giu|junho|haziran|haz"),
    w("july|jul|juli|julio|juillet|juil|luglio|lug|julho|temmuz|tem"),
    w("august|aug|agosto|ago|aout|agustus|agu|agt|agustos"),
    w("september|sep|sept|septiembre|septembre|settembre|set|setembro|eylul|eyl"),
    w("october|oct|oktober|okt|octubre|octobre|ottobre|ott|outubro|out|ekim|eki"),
    w("november|nov|noviembre|novembre|novembro|kasim|kas"),
    w("december|dec|dezember|dez|diciembre|dic|decembre|dicembre|dezembro|desember|des|aralik|ara"),
];

/// The month (1–12) a name stands for.
pub(super) fn month_number(name: &str) -> Option<u32> {
    let bit = lead_bit(lead(name.as_bytes()));
    let index = MONTHS
        .iter()
        .position(|names| names.leads & bit != 0 && names.each().any(|n| n == name))?;
    u32::try_from(index + 1).ok()
}

/// Words between a day, a month name and a year that carry no value:
/// `4 de marzo de 2025`, `4 de mar. de 2025`.
pub(super) const DATE_FILLERS: Words = w("de|del|of");

/// Ordinal suffixes glued to a day: `March 4th`, `1er mars`.
pub(super) const ORDINAL_SUFFIXES: Words = w("st|nd|rd|th|er|re|e|o|a");

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

/// Markers of a 12-hour clock, before or after the time. Turkish `ÖÖ`/`ÖS`
/// (öğleden önce/sonra) normalise to `oo`/`os`.
pub(super) const DAY_PERIODS: [(DayPeriod, Words); 4] = [
    (DayPeriod::Am, w("am|a.m.|vorm|午前|上午|凌晨|清晨|早上|早晨|오전|oo")),
    (DayPeriod::Pm, w("pm|p.m.|nachm|午後|下午|晚上|傍晚|夜晚|오후|os")),
    (DayPeriod::Noon, w("中午|正午")),
    (DayPeriod::Midnight, w("午夜|半夜")),
];

/// Names of UTC itself (an offset may follow: `GMT+1`, `UTC-08:00`).
pub(super) const UTC_NAMES: Words = w("utc|gmt|ut");

/// Time zone abbreviations ICU and the usual web pages print, with their
/// offsets in minutes east of UTC. Only read when written in capitals.
/// `CST` is US Central here and China Standard Time on a Chinese page (see
/// `absolute::zone_at`); `IST` is India's (by far the most common reading
/// for an AWS console user); `BST` British Summer Time.
#[rustfmt::skip]
pub(super) const ZONE_ABBREVIATIONS: &[(&str, i16)] = &[
    ("pst", -480), ("pdt", -420), ("mst", -420), ("mdt", -360), ("cst", -360), ("cdt", -300),
    ("est", -300), ("edt", -240), ("akst", -540), ("akdt", -480), ("hst", -600), ("brt", -180),
    ("wet", 0), ("west", 60), ("bst", 60), ("cet", 60), ("cest", 120), ("mez", 60), ("mesz", 120),
    ("eet", 120), ("eest", 180), ("msk", 180), ("trt", 180), ("ist", 330), ("wib", 420),
    ("wita", 480), ("wit", 540), ("hkt", 480), ("sgt", 480), ("awst", 480), ("jst", 540),
    ("kst", 540), ("acst", 570), ("acdt", 630), ("aest", 600), ("aedt", 660), ("nzst", 720),
    ("nzdt", 780),
];

/// CJK markers after the numbers of a date (`2025年3月4日`, `2025년 3월 4일`)
/// and of a time (`10時22分33秒`, `10시 22분 33초`).
pub(super) const YEAR_MARKS: Words = w("年|년");
/// See [`YEAR_MARKS`].
pub(super) const MONTH_MARKS: Words = w("月|월");
/// See [`YEAR_MARKS`].
pub(super) const DAY_MARKS: Words = w("日|일");
/// See [`YEAR_MARKS`].
pub(super) const HOUR_MARKS: Words = w("時|时|點|点|시");
/// See [`YEAR_MARKS`].
pub(super) const MINUTE_MARKS: Words = w("分|분");
/// See [`YEAR_MARKS`].
pub(super) const SECOND_MARKS: Words = w("秒|초");

/// "Never used" and "nothing here", in every console language. A cell saying
/// one of these (and holding no number) is [`super::CellDate::Never`].
/// Single CJK characters (`无`, `無`) count only on their own, not inside
/// a longer word (`无效`); `mai`, also a month name, only on an Italian page
/// or one with no language (see `says_never`).
#[rustfmt::skip]
pub(super) const NEVER: &[Words] = &[
    w("never|none|n/a|n.a.|not used|no activity"),          // en
    w("nie|niemals|keine|kein|nicht verwendet|k.a."),       // de (k. A.: keine Angabe)
    w("nunca|ninguno|ninguna|n/d"),                         // es
    w("jamais|aucun|aucune"),                               // fr
    w("mai|nessuno|nessuna"),                               // it
    w("なし|無し|未使用|使用されていません"),               // ja
    w("없음|사용 안 함|사용한 적 없음"),                    // ko
    w("nenhum|nenhuma"),                                    // pt
    w("从未|从不|无|從未|從不|無"),                         // zh-CN, zh-TW
    w("tidak pernah|belum pernah|tidak ada"),               // id
    w("hicbir zaman|hicbiri|hic|yok|kullanilmadi"),         // tr
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
/// months; `3h ago` hours, `3 h lalu` days. An empty [`Words`] has no
/// alternatives.
pub(super) struct RelativeLanguage {
    /// Primary language subtags that put this table first (`<html lang>`).
    pub langs: &'static [&'static str],
    /// Words before the quantity: `vor`, `hace`, `il y a`, `há`, French
    /// narrow `-3 j`.
    pub before: Words,
    /// Words after the unit: `ago`, `fa`, `前`, `전`, `lalu`, `önce`.
    pub after: Words,
    /// Words after the unit meaning "within n units" (ICU's Japanese
    /// "this minute" is `1 分以内`): read as now.
    pub within: Words,
    /// Words standing for a number: `an hour ago`, `vor einem Tag`.
    pub quantities: &'static [(u32, Words)],
    /// Unit words, every form (long, short, narrow, singular, plural).
    pub units: &'static [(Unit, Words)],
    /// Words joining the parts of `1 year and 2 months ago`.
    pub joiners: Words,
    /// Whole expressions: `yesterday` (1 day), `this week` (0 weeks),
    /// `last month` (1 month).
    pub phrases: &'static [(u32, Unit, Words)],
}

/// Every console language's relative-time vocabulary. Japanese and Chinese
/// share one table (same marker `前`, no conflicting units).
#[rustfmt::skip]
pub(super) const RELATIVE: &[RelativeLanguage] = &[
    RelativeLanguage {
        langs: &["en"],
        before: w(""),
        after: w("ago"),
        within: w(""),
        quantities: &[(1, w("a|an|one"))],
        units: &[
            (Second, w("second|seconds|sec|secs|s")),
            (Minute, w("minute|minutes|min|mins|m")),
            (Hour, w("hour|hours|hr|hrs|h")),
            (Day, w("day|days|d")),
            (Week, w("week|weeks|wk|wks|w")),
            (Month, w("month|months|mo|mos|mth|mths")),
            (Quarter, w("quarter|quarters|qtr|qtrs|q")),
            (Year, w("year|years|yr|yrs|y")),
        ],
        joiners: w(",|and"),
        phrases: &[
            (0, Second, w("now|just now|a few seconds ago|moments ago")),
            (0, Minute, w("this minute")),
            (0, Hour, w("this hour")),
            (0, Day, w("today")),
            (0, Week, w("this week|this wk")),
            (0, Month, w("this month|this mo")),
            (0, Quarter, w("this quarter|this qtr")),
            (0, Year, w("this year|this yr")),
            (1, Day, w("yesterday")),
            (2, Day, w("day before yesterday")),
            (1, Week, w("last week|last wk")),
            (1, Month, w("last month|last mo")),
            (1, Quarter, w("last quarter|last qtr")),
            (1, Year, w("last year|last yr")),
        ],
    },
    RelativeLanguage {
        langs: &["de"],
        before: w("vor"),
        after: w(""),
        within: w(""),
        quantities: &[(1, w("einer|einem|einen|ein|eine"))],
        units: &[
            (Second, w("sekunde|sekunden|sek|s")),
            (Minute, w("minute|minuten|min|m")),
            (Hour, w("stunde|stunden|std|h")),
            (Day, w("tag|tagen|tage")),
            (Week, w("woche|wochen|wo")),
            (Month, w("monat|monaten|monate|mon")),
            (Quarter, w("quartal|quartalen|quart|q")),
            (Year, w("jahr|jahren|jahre")),
        ],
        joiners: w(",|und"),
        phrases: &[
            (0, Second, w("jetzt|gerade eben")),
            (0, Minute, w("in dieser minute")),
            (0, Hour, w("in dieser stunde")),
            (0, Day, w("heute")),
            (0, Week, w("diese woche")),
            (0, Month, w("diesen monat")),
            (0, Quarter, w("dieses quartal")),
            (0, Year, w("dieses jahr")),
            (1, Day, w("gestern")),
            (2, Day, w("vorgestern")),
            (1, Week, w("letzte woche")),
            (1, Month, w("letzten monat|letzter monat")),
            (1, Quarter, w("letztes quartal")),
            (1, Year, w("letztes jahr")),
        ],
    },
    RelativeLanguage {
        langs: &["es"],
        before: w("hace"),
        after: w(""),
        within: w(""),
        quantities: &[(1, w("un|una|uno"))],
        units: &[
            (Second, w("segundo|segundos|seg|s")),
            (Minute, w("minuto|minutos|min|mins")),
            (Hour, w("hora|horas|h")),
            (Day, w("dia|dias|d")),
            (Week, w("semana|semanas|sem")),
            (Month, w("mes|meses|m")),
            (Quarter, w("trimestre|trimestres|trim")),
            (Year, w("ano|anos|a")),
        ],
        joiners: w(",|y"),
        phrases: &[
            (0, Second, w("ahora")),
            (0, Minute, w("este minuto")),
            (0, Hour, w("esta hora")),
            (0, Day, w("hoy")),
            (0, Week, w("esta semana|esta sem")),
            (0, Month, w("este mes")),
            (0, Quarter, w("este trimestre")),
            (0, Year, w("este ano")),
            (1, Day, w("ayer")),
            (2, Day, w("anteayer|antier")),
            (1, Week, w("semana pasada|sem. ant.")),
            (1, Month, w("mes pasado")),
            (1, Quarter, w("trimestre pasado")),
            (1, Year, w("ano pasado")),
        ],
    },
    RelativeLanguage {
        langs: &["fr"],
        // `-3 j` is ICU's narrow French.
        before: w("il y a|-"),
        after: w(""),
        within: w(""),
        quantities: &[(1, w("un|une"))],
        units: &[
            (Second, w("seconde|secondes|sec|s")),
            (Minute, w("minute|minutes|min|mn")),
            (Hour, w("heure|heures|h")),
            (Day, w("jour|jours|j")),
            (Week, w("semaine|semaines|sem")),
            (Month, w("mois|m")),
            (Quarter, w("trimestre|trimestres|trim")),
            (Year, w("an|ans|annee|annees|a")),
        ],
        joiners: w(",|et"),
        phrases: &[
            (0, Second, w("maintenant|a l'instant")),
            (0, Minute, w("cette minute")),
            (0, Hour, w("cette heure")),
            (0, Day, w("aujourd'hui")),
            (0, Week, w("cette semaine")),
            (0, Month, w("ce mois")),
            (0, Quarter, w("ce trimestre")),
            (0, Year, w("cette annee")),
            (1, Day, w("hier")),
            (2, Day, w("avant-hier")),
            (1, Week, w("semaine derniere")),
            (1, Month, w("mois dernier")),
            (1, Quarter, w("trimestre dernier")),
            (1, Year, w("annee derniere|an dernier")),
        ],
    },
    RelativeLanguage {
        langs: &["it"],
        before: w(""),
        after: w("fa"),
        within: w(""),
        quantities: &[(1, w("un'|un|una|uno"))],
        units: &[
            (Second, w("secondo|secondi|sec|s")),
            (Minute, w("minuto|minuti|min")),
            (Hour, w("ora|ore|h")),
            (Day, w("giorno|giorni|gg|g")),
            (Week, w("settimana|settimane|sett")),
            (Month, w("mese|mesi")),
            (Quarter, w("trimestre|trimestri|trim")),
            (Year, w("anno|anni")),
        ],
        joiners: w(",|e"),
        phrases: &[
            (0, Second, w("ora|adesso|poco fa")),
            (0, Minute, w("questo minuto")),
            (0, Hour, w("quest'ora")),
            (0, Day, w("oggi")),
            (0, Week, w("questa settimana|questa sett")),
            (0, Month, w("questo mese")),
            (0, Quarter, w("questo trimestre|questo trim")),
            (0, Year, w("quest'anno")),
            (1, Day, w("ieri")),
            (2, Day, w("l'altro ieri|altro ieri|ieri l'altro")),
            (1, Week, w("settimana scorsa|sett scorsa")),
            (1, Month, w("mese scorso")),
            (1, Quarter, w("trimestre scorso|trim scorso")),
            (1, Year, w("anno scorso")),
        ],
    },
    RelativeLanguage {
        langs: &["pt"],
        before: w("ha"),
        after: w("atras"),
        within: w(""),
        quantities: &[(1, w("um|uma"))],
        units: &[
            (Second, w("segundo|segundos|seg|s")),
            (Minute, w("minuto|minutos|min")),
            (Hour, w("hora|horas|h")),
            (Day, w("dia|dias|d")),
            (Week, w("semana|semanas|sem")),
            (Month, w("mes|meses")),
            (Quarter, w("trimestre|trimestres|trim")),
            (Year, w("ano|anos")),
        ],
        joiners: w(",|e"),
        phrases: &[
            (0, Second, w("agora")),
            (0, Minute, w("este minuto")),
            (0, Hour, w("esta hora")),
            (0, Day, w("hoje")),
            (0, Week, w("esta semana")),
            (0, Month, w("este mes")),
            (0, Quarter, w("este trimestre")),
            (0, Year, w("este ano")),
            (1, Day, w("ontem")),
            (2, Day, w("anteontem")),
            (1, Week, w("semana passada")),
            (1, Month, w("mes passado")),
            (1, Quarter, w("ultimo trimestre|trimestre passado")),
            (1, Year, w("ano passado")),
        ],
    },
    RelativeLanguage {
        langs: &["id", "in", "ms"],
        before: w(""),
        after: w("yang lalu|lalu"),
        within: w(""),
        quantities: &[(1, w("satu"))],
        units: &[
            (Second, w("detik|dtk")),
            (Minute, w("menit|mnt")),
            (Hour, w("jam")),
            (Day, w("hari|h")),
            (Week, w("minggu|mgg")),
            (Month, w("bulan|bln")),
            (Quarter, w("kuartal|krtl")),
            (Year, w("tahun|thn")),
        ],
        joiners: w(",|dan"),
        phrases: &[
            (0, Second, w("sekarang|baru saja")),
            (0, Minute, w("menit ini|mnt ini")),
            (0, Hour, w("jam ini")),
            (0, Day, w("hari ini")),
            (0, Week, w("minggu ini|mgg ini")),
            (0, Month, w("bulan ini|bln ini")),
            (0, Quarter, w("kuartal ini|krtl ini")),
            (0, Year, w("tahun ini|thn ini")),
            (1, Day, w("kemarin")),
            (2, Day, w("kemarin dulu|selumbari")),
            (1, Week, w("minggu lalu|mgg lalu")),
            (1, Month, w("bulan lalu|bln lalu")),
            (1, Quarter, w("kuartal lalu|krtl lalu")),
            (1, Year, w("tahun lalu|thn lalu")),
        ],
    },
    RelativeLanguage {
        langs: &["tr"],
        before: w(""),
        after: w("once"),
        within: w(""),
        quantities: &[(1, w("bir"))],
        units: &[
            (Second, w("saniye|sn")),
            (Minute, w("dakika|dk")),
            (Hour, w("saat|sa")),
            (Day, w("gun")),
            (Week, w("hafta|hf")),
            (Month, w("ay")),
            (Quarter, w("ceyrek|cyr")),
            (Year, w("yil")),
        ],
        joiners: w(",|ve"),
        phrases: &[
            (0, Second, w("simdi|az once")),
            (0, Minute, w("bu dakika")),
            (0, Hour, w("bu saat")),
            (0, Day, w("bugun")),
            (0, Week, w("bu hafta|bu hf")),
            (0, Month, w("bu ay")),
            (0, Quarter, w("bu ceyrek|bu cyr")),
            (0, Year, w("bu yil")),
            (1, Day, w("dun")),
            (2, Day, w("evvelsi gun|onceki gun")),
            (1, Week, w("gecen hafta|gecen hf")),
            (1, Month, w("gecen ay")),
            (1, Quarter, w("gecen ceyrek|gecen cyr")),
            (1, Year, w("gecen yil")),
        ],
    },
    RelativeLanguage {
        langs: &["ja", "zh"],
        before: w(""),
        after: w("以前|之前|前"),
        within: w("以内"),
        quantities: &[(1, w("一")), (2, w("两|兩"))],
        units: &[
            (Second, w("秒|秒钟|秒鐘")),
            (Minute, w("分|分钟|分鐘")),
            (Hour, w("時間|小时|小時|个小时|個小時|个钟头|個鐘頭")),
            (Day, w("日|天")),
            (Week, w("週間|週|周|星期|个星期|個星期")),
            (Month, w("か月|ヶ月|カ月|ケ月|ヵ月|个月|個月")),
            (Quarter, w("四半期|季度|个季度|個季度|季")),
            (Year, w("年")),
        ],
        joiners: w(","),
        phrases: &[
            // ja, zh-CN, zh-TW
            (0, Second, w("今|たった今|现在|刚刚|現在|剛剛")),
            (0, Minute, w("此刻|這一分鐘")),
            (0, Hour, w("这一时间|此时|這一小時")),
            (0, Day, w("今日|今天")),
            (0, Week, w("今週|本周|本週")),
            (0, Month, w("今月|本月")),
            (0, Quarter, w("今四半期|本季度|這一季")),
            (0, Year, w("今年")),
            (1, Day, w("昨日|昨天")),
            (2, Day, w("一昨日|おととい|前天")),
            (1, Week, w("先週|上周|上週")),
            (1, Month, w("先月|上个月|上個月")),
            (1, Quarter, w("前四半期|上季度|上一季")),
            (1, Year, w("昨年|去年")),
        ],
    },
    RelativeLanguage {
        langs: &["ko"],
        before: w(""),
        after: w("전"),
        within: w("이내"),
        quantities: &[(1, w("한")), (2, w("두")), (3, w("세"))],
        units: &[
            (Second, w("초")),
            (Minute, w("분")),
            (Hour, w("시간")),
            (Day, w("일")),
            (Week, w("주")),
            (Month, w("개월|달")),
            (Quarter, w("분기")),
            (Year, w("년")),
        ],
        joiners: w(","),
        phrases: &[
            (0, Second, w("지금|방금")),
            (0, Minute, w("현재 분")),
            (0, Hour, w("현재 시간")),
            (0, Day, w("오늘")),
            (0, Week, w("이번 주")),
            (0, Month, w("이번 달")),
            (0, Quarter, w("이번 분기")),
            (0, Year, w("올해")),
            (1, Day, w("어제")),
            (2, Day, w("그저께|그제")),
            (1, Week, w("지난주")),
            (1, Month, w("지난달")),
            (1, Quarter, w("지난 분기")),
            (1, Year, w("작년")),
        ],
    },
];

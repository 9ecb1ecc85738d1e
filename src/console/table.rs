//! Finding the access keys in what a page shows, by meaning.
//!
//! The content script hands over every table row that contains an access key
//! ID, with its table's header texts. Rows are anchored on the key-ID pattern
//! (it does not change with language or release); columns are mapped from
//! their headers in every console language; nothing depends on class names
//! or column order.

use serde::{Deserialize, Serialize};

use crate::csv::is_access_key_id;
use crate::dates::{parse_cell_date, CellDate};
use crate::policy::KeyStatus;

/// A table as the content script saw it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ObservedTable {
    /// Header cell texts, in column order (may be empty).
    pub headers: Vec<String>,
    /// The rows that contain an access key ID: their cell texts.
    pub rows: Vec<Vec<String>>,
}

/// One access key as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AccessKeyRow {
    /// `AKIA…`/`ASIA…`.
    pub key_id: String,
    /// The Status cell, read.
    pub status: KeyStatus,
    /// The Created cell, parsed.
    pub created: CellDate,
    /// The Last used cell, parsed.
    pub last_used: CellDate,
}

/// Which column a header names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Created,
    LastUsed,
    Status,
}

// Header words in the console's languages (lower case). A "last used" header
// that also names a region or a service is another column.
const CREATED: &[&str] = &[
    "created",
    "creation",
    "erstellt",
    "erstellung",
    "creado",
    "creación",
    "créé",
    "création",
    "creato",
    "creazione",
    "作成",
    "생성",
    "criado",
    "criação",
    "创建",
    "建立",
    "dibuat",
    "oluşturul",
    "oluşturma",
];
pub(super) const LAST_USED: &[&str] = &[
    "last used",
    "last use",
    "zuletzt verwendet",
    "letzte verwendung",
    "último uso",
    "ultimo uso",
    "dernière utilisation",
    "ultimo utilizzo",
    "最終使用",
    "最後に使用",
    "마지막 사용",
    "마지막으로 사용",
    "上次使用",
    "最后使用",
    "最後使用",
    "terakhir digunakan",
    "son kullanım",
    "son kullanılma",
];
pub(super) const REGION_OR_SERVICE: &[&str] = &[
    "region",
    "région",
    "regione",
    "región",
    "região",
    "リージョン",
    "区域",
    "區域",
    "리전",
    "wilayah",
    "bölge",
    "service",
    "servicio",
    "servizio",
    "serviço",
    "サービス",
    "服务",
    "服務",
    "서비스",
    "layanan",
    "hizmet",
];
const STATUS: &[&str] =
    &["status", "estado", "statut", "état", "stato", "ステータス", "상태", "状态", "狀態", "durum"];
const INACTIVE: &[&str] = &[
    "inactive",
    "inaktiv",
    "inactivo",
    "inactif",
    "inactiva",
    "inattivo",
    "inativo",
    "非アクティブ",
    "비활성",
    "非活动",
    "非活跃",
    "非作用中",
    "停用",
    "无效",
    "tidak aktif",
    "nonaktif",
    "pasif",
    "devre dışı",
];
const ACTIVE: &[&str] = &[
    "active",
    "aktiv",
    "activo",
    "actif",
    "activa",
    "attivo",
    "ativo",
    "アクティブ",
    "활성",
    "活动",
    "活跃",
    "作用中",
    "有效",
    "aktif",
];
const ACCESS_KEYS_HEADINGS: &[&str] = &[
    "access keys",
    "access key",
    "zugriffsschlüssel",
    "claves de acceso",
    "clés d'accès",
    "chiavi di accesso",
    "アクセスキー",
    "액세스 키",
    "chaves de acesso",
    "访问密钥",
    "存取金鑰",
    "kunci akses",
    "erişim anahtar",
];

fn column_of(header: &str) -> Option<Column> {
    let h = lower_case(header.trim());
    let has = |words: &[&str]| words.iter().any(|w| h.contains(w));
    if has(LAST_USED) {
        return (!has(REGION_OR_SERVICE)).then_some(Column::LastUsed);
    }
    if has(CREATED) {
        return Some(Column::Created);
    }
    has(STATUS).then_some(Column::Status)
}

pub(super) fn status_of(cell: &str) -> KeyStatus {
    let c = lower_case(cell.trim());
    if INACTIVE.iter().any(|w| c.contains(w)) {
        KeyStatus::Inactive
    } else if ACTIVE.iter().any(|w| c.contains(w)) {
        KeyStatus::Active
    } else {
        KeyStatus::Unknown
    }
}

/// The first access key ID in a text.
pub fn find_key_id(text: &str) -> Option<&str> {
    text.char_indices()
        .filter(|(_, c)| *c == 'A')
        .filter_map(|(i, _)| text.get(i..i + 20))
        .find(|candidate| is_access_key_id(candidate))
}

/// Whether any heading names the Access keys section (so a page with no key
/// rows is understood: it has no keys, rather than unrecognised markup).
pub fn names_access_keys_section(headings: &[String]) -> bool {
    headings.iter().any(|h| {
        let h = lower_case(h.trim());
        ACCESS_KEYS_HEADINGS.iter().any(|w| h.starts_with(w))
    })
}

impl ObservedTable {
    /// Read the table's access keys. `lang` is the page language (a hint for
    /// dates such as 03/04/2025), `now` the current Unix time.
    pub fn access_keys(&self, lang: &str, now: i64) -> Vec<AccessKeyRow> {
        let columns: Vec<Option<Column>> = self.headers.iter().map(|h| column_of(h)).collect();
        let column = |wanted: Column| columns.iter().position(|c| *c == Some(wanted));
        fn cell(row: &[String], index: Option<usize>) -> Option<&str> {
            index.and_then(|i| row.get(i)).map(String::as_str)
        }
        self.rows
            .iter()
            .filter_map(|row| {
                let key_id = row.iter().find_map(|c| find_key_id(c))?.to_owned();
                let date = |wanted| {
                    cell(row, column(wanted))
                        .map_or(CellDate::Unknown, |text| parse_cell_date(text, lang, now))
                };
                Some(AccessKeyRow {
                    key_id,
                    status: cell(row, column(Column::Status)).map_or(KeyStatus::Unknown, status_of),
                    created: date(Column::Created),
                    last_used: date(Column::LastUsed),
                })
            })
            .collect()
    }
}

/// An access key shown outside a table: a card (one per key, as an IAM
/// user's own page may list them) or a summary line ("Access key 1" on an IAM
/// user's details page). The content script sends the texts of the smallest
/// list item or label/value pair around one key ID, in document order.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ObservedItem {
    /// The texts around the key ID, in document order (labels and values).
    pub texts: Vec<String>,
}

impl ObservedItem {
    /// Read the key. A text that names a column (`Created on`, `Status`, in
    /// any console language) labels the text after it, as in a card. Without
    /// such labels, the summary's sentences are read (console-facts.md,
    /// "Newer evidence"): `AKIA… - Active. Used 263 days ago. 400 days old.`
    /// or `Never used. 321 days old.`
    pub fn access_key(&self, lang: &str, now: i64) -> Option<AccessKeyRow> {
        let key_id = self.texts.iter().find_map(|t| find_key_id(t))?.to_owned();
        let labelled = |wanted: Column| {
            self.texts
                .windows(2)
                .find(|pair| column_of(&pair[0]) == Some(wanted) && find_key_id(&pair[0]).is_none())
                .map(|pair| pair[1].as_str())
        };
        let created = labelled(Column::Created);
        let last_used = labelled(Column::LastUsed);
        if created.is_some() || last_used.is_some() {
            return Some(AccessKeyRow {
                key_id,
                status: labelled(Column::Status).map_or_else(|| self.status_anywhere(), status_of),
                created: created.map_or(CellDate::Unknown, |t| parse_cell_date(t, lang, now)),
                last_used: last_used.map_or(CellDate::Unknown, |t| parse_cell_date(t, lang, now)),
            });
        }
        let (mut created, mut last_used) = (CellDate::Unknown, CellDate::Unknown);
        for text in &self.texts {
            for sentence in text.split(". ").map(|s| s.trim().trim_end_matches('.')) {
                let lowered = lower_case(sentence);
                if let Some(age) = lowered.strip_suffix(" old") {
                    // "400 days old" is the key's age: read as "400 days ago".
                    created = parse_cell_date(&format!("{age} ago"), lang, now);
                } else if lowered.contains("used") {
                    last_used = parse_cell_date(sentence, lang, now);
                }
            }
        }
        Some(AccessKeyRow { key_id, status: self.status_anywhere(), created, last_used })
    }

    fn status_anywhere(&self) -> KeyStatus {
        self.texts
            .iter()
            .map(|t| status_of(t))
            .find(|s| *s != KeyStatus::Unknown)
            .unwrap_or(KeyStatus::Unknown)
    }
}

/// `str::to_lowercase` as far as the words above can tell: ASCII, Latin-1
/// and Latin Extended-A capitals, `İ` and the Kelvin and Ångström signs are
/// lowered exactly as Unicode does; other characters are kept, as their lower
/// case could not complete any of the words either (a test checks this over
/// every character). Unicode's full case tables would cost about 17 KB of
/// the Wasm.
pub(super) fn lower_case(text: &str) -> String {
    let mut lowered = String::with_capacity(text.len());
    for c in text.chars() {
        let code = u32::from(c);
        let lower = match code {
            0x41..=0x5a | 0xc0..=0xd6 | 0xd8..=0xde => code + 0x20,
            0x130 => {
                lowered.push_str("i\u{307}");
                continue;
            }
            0x100..=0x137 | 0x14a..=0x177 if code % 2 == 0 => code + 1,
            0x139..=0x148 | 0x179..=0x17e if code % 2 == 1 => code + 1,
            0x178 => 0xff,
            0x212a => u32::from('k'),
            0x212b => 0xe5,
            _ => code,
        };
        lowered.push(char::from_u32(lower).unwrap_or(c));
    }
    lowered
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn headers_map_in_every_language_the_replica_and_console_use() {
        let sets = [
            [
                "Access key ID",
                "Description",
                "Created",
                "Last used",
                "Last used region",
                "Last used service",
                "Status",
            ],
            [
                "Zugriffsschlüssel-ID",
                "Beschreibung",
                "Erstellt",
                "Zuletzt verwendet",
                "Zuletzt verwendete Region",
                "Zuletzt verwendeter Service",
                "Status",
            ],
            [
                "アクセスキー ID",
                "説明",
                "作成日",
                "最終使用日時",
                "最後に使用したリージョン",
                "最後に使用したサービス",
                "ステータス",
            ],
            [
                "ID de clé d'accès",
                "Description",
                "Créée",
                "Dernière utilisation",
                "Dernière région utilisée",
                "Dernier service utilisé",
                "Statut",
            ],
            [
                "访问密钥 ID",
                "描述",
                "已创建",
                "上次使用时间",
                "上次使用的区域",
                "上次使用的服务",
                "状态",
            ],
        ];
        for headers in sets {
            let mapped: Vec<Option<Column>> = headers.iter().map(|h| column_of(h)).collect();
            assert_eq!(
                mapped,
                vec![
                    None,
                    None,
                    Some(Column::Created),
                    Some(Column::LastUsed),
                    None,
                    None,
                    Some(Column::Status)
                ],
                "{headers:?}"
            );
        }
    }

    #[test]
    fn statuses_in_many_languages_with_inactive_checked_first() {
        for (text, status) in [
            ("Active", KeyStatus::Active),
            ("Inactive", KeyStatus::Inactive),
            ("Inaktiv", KeyStatus::Inactive),
            ("非アクティブ", KeyStatus::Inactive),
            ("アクティブ", KeyStatus::Active),
            ("非活动", KeyStatus::Inactive),
            ("活动", KeyStatus::Active),
            ("Inactif", KeyStatus::Inactive),
            ("Actif", KeyStatus::Active),
            ("", KeyStatus::Unknown),
        ] {
            assert_eq!(status_of(text), status, "{text}");
        }
    }

    #[test]
    fn rows_are_read_whatever_the_column_order() {
        let table = ObservedTable {
            headers: strings(&["Status", "Last used", "Access key ID", "Created"]),
            rows: vec![strings(&[
                "Inactive",
                "Never",
                "AKIAIOSFODNN7EXAMPLE",
                "2025-01-02T00:00:00Z",
            ])],
        };
        let keys = table.access_keys("en", 1_764_000_000);
        assert_eq!(keys.len(), 1);
        assert_eq!(keys[0].key_id, "AKIAIOSFODNN7EXAMPLE");
        assert_eq!(keys[0].status, KeyStatus::Inactive);
        assert_eq!(keys[0].last_used, CellDate::Never);
        assert!(matches!(keys[0].created, CellDate::At { .. }));
    }

    #[test]
    fn no_headers_means_unknown_dates_not_guesses() {
        let table = ObservedTable {
            headers: vec![],
            rows: vec![strings(&["x AKIAIOSFODNN7EXAMPLE y", "2025-01-02"])],
        };
        let keys = table.access_keys("en", 1_764_000_000);
        assert_eq!(keys[0].created, CellDate::Unknown);
        assert_eq!(keys[0].status, KeyStatus::Unknown);
    }

    #[test]
    fn key_ids_are_found_inside_text() {
        assert_eq!(find_key_id("Copy AKIAIOSFODNN7EXAMPLE ✓"), Some("AKIAIOSFODNN7EXAMPLE"));
        assert_eq!(find_key_id("AKIA short"), None);
        assert_eq!(find_key_id("日本 AKIAIOSFODNN7EXAMPLE"), Some("AKIAIOSFODNN7EXAMPLE"));
    }

    #[test]
    fn access_keys_headings() {
        assert!(names_access_keys_section(&strings(&[
            "Multi-factor authentication (MFA)",
            "Access keys (2)"
        ])));
        assert!(names_access_keys_section(&strings(&["アクセスキー (0)"])));
        assert!(!names_access_keys_section(&strings(&["CloudFront key pairs"])));
    }

    #[test]
    fn lower_case_matches_unicode_wherever_a_word_could_tell() {
        let lists =
            [CREATED, LAST_USED, REGION_OR_SERVICE, STATUS, ACTIVE, INACTIVE, ACCESS_KEYS_HEADINGS];
        let in_words = |c: char| lists.iter().flat_map(|l| l.iter()).any(|w| w.contains(c));
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let ours = lower_case(c.encode_utf8(&mut [0; 4]));
            let unicode = c.to_lowercase().collect::<String>();
            assert!(
                ours == unicode || !ours.chars().chain(unicode.chars()).any(in_words),
                "{c:?}: {ours:?} vs {unicode:?}"
            );
        }
        assert_eq!(lower_case("ZUGRIFFSSCHLÜSSEL Ünd İ"), "zugriffsschlüssel ünd i\u{307}");
    }

    const NOW: i64 = 1_764_892_800; // 2025-12-05T00:00:00Z
    const DAY: i64 = 86_400;

    fn item(texts: &[&str]) -> AccessKeyRow {
        ObservedItem { texts: strings(texts) }.access_key("en", NOW).expect("a key")
    }

    #[test]
    fn summary_lines_of_an_iam_user_are_read_by_their_sentences() {
        // The evidence's forms (console-facts.md, "Newer evidence").
        let used = item(&[
            "Access key 1",
            "AKIAIOSFODNN7EXAMPLE - Active. Used 263 days ago. 400 days old.",
        ]);
        assert_eq!(used.key_id, "AKIAIOSFODNN7EXAMPLE");
        assert_eq!(used.status, KeyStatus::Active);
        assert_eq!(used.created, CellDate::At { unix: NOW - 400 * DAY });
        assert_eq!(used.last_used, CellDate::At { unix: NOW - 263 * DAY });
        let never =
            item(&["Access key 2", "AKIAJ7QZ2EXAMPLEKEY2 - Inactive. Never used. 321 days old."]);
        assert_eq!(never.status, KeyStatus::Inactive);
        assert_eq!(never.created, CellDate::At { unix: NOW - 321 * DAY });
        assert_eq!(never.last_used, CellDate::Never);
    }

    #[test]
    fn cards_are_read_by_their_labels_in_any_order() {
        let card = item(&[
            "AKIAIOSFODNN7EXAMPLE",
            "Status",
            "Inactive",
            "Access key last used",
            "None",
            "Region last used",
            "N/A",
            "Created on",
            "30 days ago",
        ]);
        assert_eq!(card.status, KeyStatus::Inactive);
        assert_eq!(card.created, CellDate::At { unix: NOW - 30 * DAY });
        assert_eq!(card.last_used, CellDate::Never);
    }

    #[test]
    fn an_item_without_a_key_id_or_dates_says_so() {
        assert!(ObservedItem { texts: strings(&["Access key 1", "Create access key"]) }
            .access_key("en", NOW)
            .is_none());
        let bare = item(&["AKIAIOSFODNN7EXAMPLE"]);
        assert_eq!((bare.created, bare.last_used), (CellDate::Unknown, CellDate::Unknown));
    }
}

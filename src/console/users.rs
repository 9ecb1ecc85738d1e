//! The IAM users list (`#/users`): each user's active access key, read from
//! the console's table by meaning.
//!
//! The console's Users table offers these columns, and each user chooses
//! which to show and in which order (its preferences): User name, Path,
//! Groups, Last activity, MFA, Password age, Console last sign-in, Access
//! key ID, Active key age, Access key last used, ARN, Creation time,
//! Console access, Signing certificates. RootGuard reads four, found by
//! their headers in every console language, never by position:
//! - **User name**: which row is whose (without it, no row can be named,
//!   and nothing is read);
//! - **Active key age** (`400 days`): the age the policy judges;
//! - **Access key last used** (`2 days ago`, `None`): the use it judges;
//! - **Access key ID** (`Active - AKIA…`): that the user has a key at all.
//!
//! A user counts as having an active key when any of the three says so. A
//! hidden column is unknown, not "fine": without Active key age the badge
//! says the age is unknown; with none of the three, the user gets no badge.

use crate::badge::{badge_for, KeyBadge};
use crate::dates::{parse_cell_date, parse_duration, CellDate};
use crate::policy::{KeyOwner, KeyStatus, Thresholds};

use super::table::{
    find_key_id, lower_case, status_of, AccessKeyRow, ObservedTable, LAST_USED, REGION_OR_SERVICE,
};

// Header words in the console's languages (lower case). The Users table's
// "User name" and "Active key age"; "Access key last used" is the key
// table's "last used" (minus region and service), "Access key ID" any
// header that names an access key ID.
const USER_NAME: &[&str] = &[
    "user name",
    "username",
    "benutzername",
    "nombre de usuario",
    "nom d'utilisateur",
    "nom d’utilisateur",
    "nome utente",
    "ユーザー名",
    "사용자 이름",
    "nome do usuário",
    "nome de usuário",
    "用户名",
    "使用者名稱",
    "nama pengguna",
    "kullanıcı adı",
];
const KEY_AGE: &[&str] = &[
    "key age",
    "schlüsselalter",
    "alter des schlüssels",
    "alter des aktiven schlüssels",
    "antigüedad de la clave",
    "âge de la clé",
    "età della chiave",
    "キーの経過",
    "キーの有効期間",
    "키 사용 기간",
    "키 기간",
    "idade da chave",
    "密钥使用时间",
    "密钥期限",
    "密钥年龄",
    "金鑰使用時間",
    "金鑰期限",
    "usia kunci",
    "anahtar yaşı",
];
const KEY_ID: &[&str] = &[
    "access key id",
    "zugriffsschlüssel-id",
    "id de clave de acceso",
    "id de la clé d'accès",
    "id de la clé d’accès",
    "id chiave di accesso",
    "アクセスキー id",
    "액세스 키 id",
    "id da chave de acesso",
    "访问密钥 id",
    "存取金鑰 id",
    "id kunci akses",
    "erişim anahtarı kimliği",
];

/// One user's active access key as the users list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserKeyLine {
    /// The IAM user (the User name cell).
    pub user_name: String,
    /// The key, as the access-key table would show it: its ID when the
    /// Access key ID column is shown (else empty), Active, created "age"
    /// ago, and its last use.
    pub key: AccessKeyRow,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum UsersColumn {
    UserName,
    KeyAge,
    LastUsed,
    KeyId,
}

fn column_of(header: &str) -> Option<UsersColumn> {
    let h = lower_case(header.trim());
    let has = |words: &[&str]| words.iter().any(|w| h.contains(w));
    if has(KEY_AGE) {
        Some(UsersColumn::KeyAge)
    } else if has(LAST_USED) && !has(REGION_OR_SERVICE) {
        Some(UsersColumn::LastUsed)
    } else if has(KEY_ID) {
        Some(UsersColumn::KeyId)
    } else if has(USER_NAME) {
        Some(UsersColumn::UserName)
    } else {
        None
    }
}

impl ObservedTable {
    /// The users list's rows, if this table is the users list (a User name
    /// column and at least one of Active key age, Access key last used and
    /// Access key ID) and lists any user: how many users it lists, and those
    /// with an active key. A row of fewer than two cells (a loading or empty
    /// state spanning the table) lists nobody.
    pub fn users_with_keys(&self, lang: &str, now: i64) -> Option<(usize, Vec<UserKeyLine>)> {
        let columns: Vec<Option<UsersColumn>> = self.headers.iter().map(|h| column_of(h)).collect();
        let column = |wanted| columns.iter().position(|c| *c == Some(wanted));
        let name = column(UsersColumn::UserName)?;
        let (age, used, id) = (
            column(UsersColumn::KeyAge),
            column(UsersColumn::LastUsed),
            column(UsersColumn::KeyId),
        );
        if age.is_none() && used.is_none() && id.is_none() {
            return None;
        }
        let cell = |row: &[String], index: Option<usize>| {
            index.and_then(|i| row.get(i)).map(|c| c.trim().to_owned())
        };
        let listed: Vec<&Vec<String>> = self.rows.iter().filter(|row| row.len() >= 2).collect();
        if listed.is_empty() {
            return None;
        }
        let lines = listed
            .iter()
            .filter_map(|row| {
                let user_name = cell(row, Some(name)).filter(|n| !n.is_empty())?;
                let age_seconds = cell(row, age).and_then(|text| parse_duration(&text, lang));
                let last_used = cell(row, used)
                    .map_or(CellDate::Unknown, |text| parse_cell_date(&text, lang, now));
                let id_cell = cell(row, id).unwrap_or_default();
                let key_id = find_key_id(&id_cell).map(str::to_owned);
                let active_id = key_id.is_some() && status_of(&id_cell) != KeyStatus::Inactive;
                let has_key =
                    age_seconds.is_some() || matches!(last_used, CellDate::At { .. }) || active_id;
                if !has_key {
                    return None;
                }
                let created = age_seconds
                    .and_then(|s| now.checked_sub(s))
                    .map_or(CellDate::Unknown, |unix| CellDate::At { unix });
                // "None" under Access key last used, for a user with a key: never used.
                let key = AccessKeyRow {
                    key_id: key_id.unwrap_or_default(),
                    status: KeyStatus::Active,
                    created,
                    last_used,
                };
                Some(UserKeyLine { user_name, key })
            })
            .collect();
        Some((listed.len(), lines))
    }
}

/// One user's badge: the key's badge, named by its user.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UserKeyBadge {
    /// The user (`data-user-name`).
    pub user_name: String,
    /// The badge of the user's active key (severity, age, reasons, actions).
    #[serde(flatten)]
    pub badge: KeyBadge,
}

/// How many users with an active key are past rotation, unused, or both.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct UsersSummary {
    /// Users with an active key shown.
    pub with_keys: usize,
    /// Past the rotation age only.
    pub past_rotation: usize,
    /// Unused only.
    pub unused: usize,
    /// Both past rotation and unused.
    pub both: usize,
}

/// The badges of every users table on the page, and their summary.
pub fn user_badges(
    tables: &[ObservedTable],
    lang: &str,
    now: i64,
    limits: &Thresholds,
) -> Option<(Vec<UserKeyBadge>, UsersSummary)> {
    use crate::policy::Finding;
    let mut found = false;
    let mut badges: Vec<UserKeyBadge> = Vec::new();
    let mut summary = UsersSummary::default();
    for (_, lines) in tables.iter().filter_map(|t| t.users_with_keys(lang, now)) {
        found = true;
        for line in lines {
            if badges.iter().any(|b| b.user_name == line.user_name) {
                continue;
            }
            let badge = badge_for(&line.key, KeyOwner::IamUser, now, limits);
            let old = badge.findings.iter().any(|f| matches!(f, Finding::Old | Finding::VeryOld));
            let unused = badge.findings.contains(&Finding::Unused);
            summary.with_keys += 1;
            match (old, unused) {
                (true, true) => summary.both += 1,
                (true, false) => summary.past_rotation += 1,
                (false, true) => summary.unused += 1,
                (false, false) => {}
            }
            badges.push(UserKeyBadge { user_name: line.user_name, badge });
        }
    }
    found.then_some((badges, summary))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 86_400;
    const NOW: i64 = 1_764_892_800; // 2025-12-05

    fn table(headers: &[&str], rows: &[&[&str]]) -> ObservedTable {
        ObservedTable {
            headers: headers.iter().map(|h| (*h).to_owned()).collect(),
            rows: rows.iter().map(|r| r.iter().map(|c| (*c).to_owned()).collect()).collect(),
        }
    }

    const CONSOLE: [&str; 10] = [
        "User name",
        "Path",
        "Groups",
        "Last activity",
        "MFA",
        "Password age",
        "Console last sign-in",
        "Access key ID",
        "Active key age",
        "Access key last used",
    ];

    #[test]
    fn the_consoles_columns_give_each_users_key_age_and_use() {
        let t = table(
            &CONSOLE,
            &[
                &[
                    "alice",
                    "/",
                    "admins",
                    "2 days ago",
                    "Virtual",
                    "30 days",
                    "2 days ago",
                    "Active - AKIAIOSFODNN7EXAMPLE",
                    "400 days",
                    "2 days ago",
                ],
                &["bob", "/", "-", "None", "-", "None", "Never", "-", "-", "-"],
                &[
                    "carol",
                    "/",
                    "-",
                    "None",
                    "-",
                    "None",
                    "Never",
                    "Active - AKIAJ7QZ2EXAMPLEKEY2",
                    "100 days",
                    "None",
                ],
            ],
        );
        let lines = t.users_with_keys("en", NOW).unwrap_or_default().1;
        let by_name: Vec<(&str, &str, CellDate, CellDate)> = lines
            .iter()
            .map(|l| (l.user_name.as_str(), l.key.key_id.as_str(), l.key.created, l.key.last_used))
            .collect();
        assert_eq!(
            by_name,
            [
                (
                    "alice",
                    "AKIAIOSFODNN7EXAMPLE",
                    CellDate::At { unix: NOW - 400 * DAY },
                    CellDate::At { unix: NOW - 2 * DAY }
                ),
                (
                    "carol",
                    "AKIAJ7QZ2EXAMPLEKEY2",
                    CellDate::At { unix: NOW - 100 * DAY },
                    CellDate::Never
                ),
            ],
            "bob has no key"
        );
    }

    #[test]
    fn columns_in_any_order_and_a_hidden_one_is_unknown_not_fine() {
        let t = table(
            &["Access key last used", "User name", "Groups"],
            &[&["2 days ago", "alice", "-"]],
        );
        let lines = t.users_with_keys("en", NOW).unwrap_or_default().1;
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].key.created, CellDate::Unknown, "no Active key age column");
        let badge = badge_for(&lines[0].key, KeyOwner::IamUser, NOW, &Thresholds::default());
        assert_eq!(badge.age_days, None);
    }

    #[test]
    fn no_user_name_column_or_no_key_column_is_not_the_users_list() {
        assert!(table(&["Active key age", "Groups"], &[&["400 days", "-"]])
            .users_with_keys("en", NOW)
            .is_none());
        assert!(table(&["User name", "Groups"], &[&["alice", "-"]])
            .users_with_keys("en", NOW)
            .is_none());
    }

    #[test]
    fn a_loading_or_empty_table_lists_nobody() {
        let loading = table(&["User name", "Active key age"], &[&["Loading resources"]]);
        assert!(loading.users_with_keys("en", NOW).is_none());
        let keyless = table(&["User name", "Active key age"], &[&["dave", "-"]]);
        assert_eq!(keyless.users_with_keys("en", NOW), Some((1, vec![])));
    }

    #[test]
    fn german_headers_and_values() {
        let t = table(
            &[
                "Benutzername",
                "Zugriffsschlüssel-ID",
                "Alter des Schlüssels",
                "Zugriffsschlüssel zuletzt verwendet",
            ],
            &[&["alice", "Aktiv - AKIAIOSFODNN7EXAMPLE", "400 Tage", "vor 2 Tagen"]],
        );
        let lines = t.users_with_keys("de", NOW).unwrap_or_default().1;
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].key.created, CellDate::At { unix: NOW - 400 * DAY });
        assert_eq!(lines[0].key.last_used, CellDate::At { unix: NOW - 2 * DAY });
    }

    #[test]
    fn the_summary_counts_past_rotation_unused_and_both() {
        let t = table(
            &["User name", "Active key age", "Access key last used"],
            &[
                &["old", "400 days", "2 days ago"],
                &["idle", "60 days", "None"],
                &["both", "400 days", "None"],
                &["fine", "10 days", "1 day ago"],
                &["none", "-", "-"],
            ],
        );
        let (badges, summary) =
            user_badges(&[t], "en", NOW, &Thresholds::default()).unwrap_or_default();
        assert_eq!(
            badges.iter().map(|b| b.user_name.as_str()).collect::<Vec<_>>(),
            ["old", "idle", "both", "fine"]
        );
        assert_eq!(summary, UsersSummary { with_keys: 4, past_rotation: 1, unused: 1, both: 1 });
        assert!(user_badges(&[], "en", NOW, &Thresholds::default()).is_none());
    }
}

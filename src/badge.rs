//! The badge RootGuard puts next to each access key: age, last use, and the
//! policy's judgement, as message keys the renderer translates.

use serde::Serialize;

use crate::console::table::AccessKeyRow;
use crate::policy::Severity;
use crate::policy::{judge, Finding, KeyFacts, KeyOwner, KeyStatus, Thresholds};

/// A translatable text: a `_locales` message key and its substitutions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Message {
    /// The message key.
    pub key: &'static str,
    /// `$1`, `$2`, … in order.
    pub args: Vec<String>,
}

impl Message {
    fn new(key: &'static str, args: &[i64]) -> Message {
        Message { key, args: args.iter().map(i64::to_string).collect() }
    }
}

/// What to do about a finding, and AWS's page that says how.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct KeyAction {
    /// The message key of the link's text.
    pub key: &'static str,
    /// AWS's documentation for that action.
    pub href: &'static str,
}

/// Deleting the root user's access keys.
const DELETE_ROOT_KEY: KeyAction = KeyAction {
    key: "actionDeleteRootKey",
    href: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user_manage_delete-key.html",
};
/// Rotating an IAM user's access key (create, switch, deactivate, delete).
const ROTATE: KeyAction = KeyAction {
    key: "actionRotate",
    href: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id-credentials-access-keys-update.html",
};
/// Deactivating, then deleting, an access key nothing uses.
const DEACTIVATE_OR_DELETE: KeyAction = KeyAction {
    key: "actionDeactivateOrDelete",
    href: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html",
};

impl Finding {
    /// What to do about this finding, if anything can be done.
    fn action(self) -> Option<KeyAction> {
        match self {
            Finding::RootKey => Some(DELETE_ROOT_KEY),
            Finding::VeryOld | Finding::Old => Some(ROTATE),
            Finding::Unused | Finding::Inactive => Some(DEACTIVATE_OR_DELETE),
            Finding::AgeUnknown => None,
        }
    }
}

/// What to draw next to one key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KeyBadge {
    /// The key it belongs to (`data-key-id`).
    pub key_id: String,
    /// `data-severity`.
    pub severity: Severity,
    /// Whole days since creation (`data-age-days`), absent when unknown.
    pub age_days: Option<i64>,
    /// The short text on the badge: age, then last use.
    pub summary: Vec<Message>,
    /// Why, and what to do, one line per finding (the expanded text).
    pub reasons: Vec<Message>,
    /// What to do, each once, with AWS's page for it (the expanded text's links).
    pub actions: Vec<KeyAction>,
    /// The rules broken, for tests and tooling.
    pub findings: Vec<Finding>,
}

/// Build the badge for one key row.
pub fn badge_for(row: &AccessKeyRow, owner: KeyOwner, now: i64, limits: &Thresholds) -> KeyBadge {
    let facts =
        KeyFacts { owner, status: row.status, created: row.created, last_used: row.last_used };
    let judgement = judge(&facts, now, limits);
    // A message per form (`_locales` has no plurals): today, one day, more.
    // In each of RootGuard's languages these are all the forms a count of
    // days needs (French counts 0 as singular: 0 is "today" here).
    let age = match judgement.age_days {
        Some(0) => Message::new("badgeAgeToday", &[]),
        Some(1) => Message::new("badgeAgeOneDay", &[]),
        Some(days) => Message::new("badgeAge", &[days]),
        None => Message::new("badgeAgeUnknown", &[]),
    };
    let used = match (judgement.last_used_days, judgement.never_used) {
        (Some(0), _) => Message::new("badgeLastUsedToday", &[]),
        (Some(1), _) => Message::new("badgeLastUsedOneDay", &[]),
        (Some(days), _) => Message::new("badgeLastUsed", &[days]),
        (None, true) => Message::new("badgeNeverUsed", &[]),
        (None, false) => Message::new("badgeLastUseUnknown", &[]),
    };
    let idle_days =
        if judgement.never_used { judgement.age_days } else { judgement.last_used_days };
    let reasons = judgement
        .findings
        .iter()
        .map(|finding| match finding {
            Finding::RootKey if row.status == KeyStatus::Inactive => {
                Message::new("reasonRootKeyInactive", &[])
            }
            Finding::RootKey => Message::new("reasonRootKey", &[]),
            Finding::VeryOld => Message::new(
                "reasonVeryOld",
                &[judgement.age_days.unwrap_or_default(), limits.critical_days],
            ),
            Finding::Old => Message::new(
                "reasonOld",
                &[judgement.age_days.unwrap_or_default(), limits.rotate_days],
            ),
            Finding::Unused => {
                Message::new("reasonUnused", &[idle_days.unwrap_or_default(), limits.unused_days])
            }
            Finding::Inactive => Message::new("reasonInactive", &[]),
            Finding::AgeUnknown => Message::new("reasonAgeUnknown", &[]),
        })
        .collect::<Vec<_>>();
    let reasons = if reasons.is_empty() {
        vec![Message::new("reasonOk", &[limits.rotate_days])]
    } else {
        reasons
    };
    let mut actions: Vec<KeyAction> = Vec::new();
    for action in judgement.findings.iter().filter_map(|f| f.action()) {
        if !actions.contains(&action) {
            actions.push(action);
        }
    }
    KeyBadge {
        actions,
        key_id: row.key_id.clone(),
        severity: judgement.severity,
        age_days: judgement.age_days,
        summary: vec![age, used],
        reasons,
        findings: judgement.findings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::CellDate;

    const NOW: i64 = 1_764_000_000;

    #[test]
    fn an_old_unused_iam_key() {
        let row = AccessKeyRow {
            key_id: "AKIAIOSFODNN7EXAMPLE".into(),
            status: KeyStatus::Active,
            created: CellDate::At { unix: NOW - 200 * 86_400 },
            last_used: CellDate::At { unix: NOW - 50 * 86_400 },
        };
        let badge = badge_for(&row, KeyOwner::IamUser, NOW, &Thresholds::default());
        assert_eq!(badge.severity, Severity::Warning);
        assert_eq!(badge.age_days, Some(200));
        assert_eq!(badge.summary[0], Message { key: "badgeAge", args: vec!["200".into()] });
        assert_eq!(badge.summary[1], Message { key: "badgeLastUsed", args: vec!["50".into()] });
        assert_eq!(badge.reasons.len(), 2);
        assert_eq!(badge.reasons[0].key, "reasonOld");
        assert_eq!(
            badge.reasons[1],
            Message { key: "reasonUnused", args: vec!["50".into(), "45".into()] }
        );
    }

    #[test]
    fn a_count_of_one_day_or_none_has_its_own_words() {
        let badge_at = |created_days: i64, used_days: i64| {
            let row = AccessKeyRow {
                key_id: "AKIAIOSFODNN7EXAMPLE".into(),
                status: KeyStatus::Active,
                created: CellDate::At { unix: NOW - created_days * 86_400 },
                last_used: CellDate::At { unix: NOW - used_days * 86_400 },
            };
            let badge = badge_for(&row, KeyOwner::IamUser, NOW, &Thresholds::default());
            badge.summary.into_iter().map(|m| (m.key, m.args)).collect::<Vec<_>>()
        };
        assert_eq!(
            badge_at(0, 0),
            vec![("badgeAgeToday", vec![]), ("badgeLastUsedToday", vec![])],
            "created and used today, not \"0 days\""
        );
        assert_eq!(
            badge_at(1, 1),
            vec![("badgeAgeOneDay", vec![]), ("badgeLastUsedOneDay", vec![])],
            "not \"1 days\""
        );
        assert_eq!(
            badge_at(2, 2),
            vec![("badgeAge", vec!["2".to_string()]), ("badgeLastUsed", vec!["2".to_string()])]
        );
    }

    #[test]
    fn unknown_dates_say_so() {
        let row = AccessKeyRow {
            key_id: "AKIAIOSFODNN7EXAMPLE".into(),
            status: KeyStatus::Inactive,
            created: CellDate::Unknown,
            last_used: CellDate::Never,
        };
        let badge = badge_for(&row, KeyOwner::Root, NOW, &Thresholds::default());
        assert_eq!(badge.severity, Severity::Critical);
        assert_eq!(badge.age_days, None);
        assert_eq!(badge.summary[0].key, "badgeAgeUnknown");
        assert_eq!(badge.summary[1].key, "badgeNeverUsed");
        assert_eq!(badge.reasons[0].key, "reasonRootKeyInactive");
        assert_eq!(
            badge.actions,
            vec![DELETE_ROOT_KEY],
            "the unknown age has no action of its own"
        );
    }

    #[test]
    fn each_action_once_with_awss_page() {
        let row = AccessKeyRow {
            key_id: "AKIAIOSFODNN7EXAMPLE".into(),
            status: KeyStatus::Active,
            created: CellDate::At { unix: NOW - 400 * 86_400 },
            last_used: CellDate::Never,
        };
        let badge = badge_for(&row, KeyOwner::IamUser, NOW, &Thresholds::default());
        assert_eq!(badge.actions, vec![ROTATE, DEACTIVATE_OR_DELETE]);
        for action in [DELETE_ROOT_KEY, ROTATE, DEACTIVATE_OR_DELETE] {
            assert!(action.href.starts_with("https://docs.aws.amazon.com/IAM/"), "{}", action.href);
        }
    }
}

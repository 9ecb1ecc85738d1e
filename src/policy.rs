//! The key-age policy: what RootGuard says about each access key.
//!
//! | key | condition | severity | source |
//! |---|---|---|---|
//! | root, any status | exists | critical | Security Hub IAM.4, CIS "no root access key" (inactive keys fail too and count toward the limit of two) |
//! | IAM user, active | older than 365 days | critical | IAM.3 / CIS rotate ≤ 90 days, long overdue |
//! | IAM user, active | older than 90 days | warning | IAM.3, CIS rotate ≤ 90 days |
//! | any, active | unused ≥ 45 days (last use, or creation if never used) | warning | CIS credentials unused ≥ 45 days (IAM.22) |
//! | IAM user, inactive | — | notice | delete it if not needed; it still counts toward the limit of two |
//! | IAM user | age unknown | notice | RootGuard could not read the dates |
//! | otherwise | | ok | |

use serde::Serialize;

use crate::dates::CellDate;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// Nothing to do.
    Ok,
    /// Worth knowing.
    Notice,
    /// Should be acted on.
    Warning,
    /// Act now: an audit fails or the account is at risk.
    Critical,
}

const DAY: i64 = 86_400;

/// The limits the policy applies (configurable later from the options page).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Thresholds {
    /// Rotate active keys older than this (days).
    pub rotate_days: i64,
    /// Active keys older than this are critical (days).
    pub critical_days: i64,
    /// Active keys unused for this long should be deactivated (days).
    pub unused_days: i64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds { rotate_days: 90, critical_days: 365, unused_days: 45 }
    }
}

/// Whose key it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum KeyOwner {
    /// The account's root user.
    Root,
    /// An IAM user.
    IamUser,
}

/// A key's status as the console shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum KeyStatus {
    /// Usable.
    Active,
    /// Deactivated (still counts toward the limit of two).
    Inactive,
    /// Not shown or not understood: treated as active, the safer reading.
    Unknown,
}

/// What the page says about one key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyFacts {
    /// Root's or an IAM user's.
    pub owner: KeyOwner,
    /// Active, inactive, or unknown.
    pub status: KeyStatus,
    /// The Created cell.
    pub created: CellDate,
    /// The Last used cell.
    pub last_used: CellDate,
}

/// One rule a key breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Finding {
    /// A root access key exists.
    RootKey,
    /// Older than the critical limit.
    VeryOld,
    /// Older than the rotation limit.
    Old,
    /// Unused for at least the unused limit.
    Unused,
    /// Inactive (delete it if not needed).
    Inactive,
    /// The dates could not be read.
    AgeUnknown,
}

impl Finding {
    fn severity(self) -> Severity {
        match self {
            Finding::RootKey | Finding::VeryOld => Severity::Critical,
            Finding::Old | Finding::Unused => Severity::Warning,
            Finding::Inactive | Finding::AgeUnknown => Severity::Notice,
        }
    }
}

/// The policy's judgement of one key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KeyJudgement {
    /// The most serious finding's severity (`ok` when none).
    pub severity: Severity,
    /// Every rule the key breaks, most serious first.
    pub findings: Vec<Finding>,
    /// Whole days since creation, when known.
    pub age_days: Option<i64>,
    /// Whole days since last use; `None` when never used or unknown.
    pub last_used_days: Option<i64>,
    /// The key was never used.
    pub never_used: bool,
}

/// Judge one key at `now` (Unix seconds).
pub fn judge(facts: &KeyFacts, now: i64, limits: &Thresholds) -> KeyJudgement {
    // Saturating: `now` is the browser's clock converted from a float, and a
    // clock at an extreme must not overflow (fuzz/ found `now` = i64::MIN).
    let days_since = |at: i64| now.saturating_sub(at).max(0) / DAY;
    let age_days = match facts.created {
        CellDate::At { unix } => Some(days_since(unix)),
        _ => None,
    };
    let (last_used_days, never_used) = match facts.last_used {
        CellDate::At { unix } => (Some(days_since(unix)), false),
        CellDate::Never => (None, true),
        CellDate::Unknown => (None, false),
    };
    let active = facts.status != KeyStatus::Inactive;
    let mut findings = Vec::new();
    if facts.owner == KeyOwner::Root {
        findings.push(Finding::RootKey);
    }
    if active && facts.owner == KeyOwner::IamUser {
        match age_days {
            Some(age) if age > limits.critical_days => findings.push(Finding::VeryOld),
            Some(age) if age > limits.rotate_days => findings.push(Finding::Old),
            _ => {}
        }
    }
    if active {
        let idle = if never_used { age_days } else { last_used_days };
        if idle.is_some_and(|days| days >= limits.unused_days) {
            findings.push(Finding::Unused);
        }
    }
    if !active && facts.owner == KeyOwner::IamUser {
        findings.push(Finding::Inactive);
    }
    if age_days.is_none() && facts.owner == KeyOwner::IamUser {
        findings.push(Finding::AgeUnknown);
    }
    findings.sort_by_key(|f| std::cmp::Reverse(f.severity()));
    let severity = findings.first().map_or(Severity::Ok, |f| f.severity());
    KeyJudgement { severity, findings, age_days, last_used_days, never_used }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_764_000_000; // a fixed "now"

    fn days_ago(days: i64) -> CellDate {
        CellDate::At { unix: NOW - days * DAY - 60 }
    }

    fn judge_key(
        owner: KeyOwner,
        status: KeyStatus,
        created: CellDate,
        last_used: CellDate,
    ) -> KeyJudgement {
        judge(&KeyFacts { owner, status, created, last_used }, NOW, &Thresholds::default())
    }

    use KeyOwner::{IamUser, Root};
    use KeyStatus::{Active, Inactive};

    #[test]
    fn the_policy_table() {
        let cases = [
            // (owner, status, created, last used, severity, first finding)
            (Root, Active, days_ago(3), days_ago(1), Severity::Critical, Some(Finding::RootKey)),
            (
                Root,
                Inactive,
                days_ago(400),
                CellDate::Never,
                Severity::Critical,
                Some(Finding::RootKey),
            ),
            (
                Root,
                Active,
                CellDate::Unknown,
                CellDate::Unknown,
                Severity::Critical,
                Some(Finding::RootKey),
            ),
            (
                IamUser,
                Active,
                days_ago(400),
                days_ago(1),
                Severity::Critical,
                Some(Finding::VeryOld),
            ),
            (
                IamUser,
                Active,
                days_ago(366),
                days_ago(1),
                Severity::Critical,
                Some(Finding::VeryOld),
            ),
            (IamUser, Active, days_ago(365), days_ago(1), Severity::Warning, Some(Finding::Old)),
            (IamUser, Active, days_ago(91), days_ago(1), Severity::Warning, Some(Finding::Old)),
            (IamUser, Active, days_ago(90), days_ago(1), Severity::Ok, None),
            (IamUser, Active, days_ago(60), days_ago(45), Severity::Warning, Some(Finding::Unused)),
            (IamUser, Active, days_ago(60), days_ago(44), Severity::Ok, None),
            (
                IamUser,
                Active,
                days_ago(45),
                CellDate::Never,
                Severity::Warning,
                Some(Finding::Unused),
            ),
            (IamUser, Active, days_ago(44), CellDate::Never, Severity::Ok, None),
            (
                IamUser,
                Inactive,
                days_ago(400),
                days_ago(200),
                Severity::Notice,
                Some(Finding::Inactive),
            ),
            (
                IamUser,
                Active,
                CellDate::Unknown,
                days_ago(1),
                Severity::Notice,
                Some(Finding::AgeUnknown),
            ),
            (IamUser, Active, days_ago(10), days_ago(2), Severity::Ok, None),
        ];
        for (i, (owner, status, created, last_used, severity, first)) in
            cases.into_iter().enumerate()
        {
            let j = judge_key(owner, status, created, last_used);
            assert_eq!(j.severity, severity, "case {i}: {j:?}");
            assert_eq!(j.findings.first().copied(), first, "case {i}: {j:?}");
        }
    }

    #[test]
    fn old_and_unused_report_both_findings() {
        let j = judge_key(IamUser, Active, days_ago(200), days_ago(100));
        assert_eq!(j.findings, vec![Finding::Old, Finding::Unused]);
        assert_eq!(j.age_days, Some(200));
        assert_eq!(j.last_used_days, Some(100));
    }

    #[test]
    fn unknown_status_is_read_as_active() {
        let j = judge_key(IamUser, KeyStatus::Unknown, days_ago(100), days_ago(1));
        assert_eq!(j.findings, vec![Finding::Old]);
    }

    #[test]
    fn future_dates_count_as_zero_days() {
        let j = judge_key(IamUser, Active, CellDate::At { unix: NOW + 5 * DAY }, CellDate::Never);
        assert_eq!(j.age_days, Some(0));
    }

    /// Regression (fuzz target `page`): a clock at `i64::MIN` (the content
    /// script's `nowMs` of -1.8e308) overflowed `now - created`; a date
    /// before 1970 (a zone east of UTC on 1970-01-01) did at `i64::MAX`.
    #[test]
    fn clocks_at_the_extremes_do_not_overflow() {
        let facts =
            |created, last_used| KeyFacts { owner: IamUser, status: Active, created, last_used };
        let limits = Thresholds::default();
        let dates = [CellDate::At { unix: 1_741_046_400 }, CellDate::At { unix: -50_400 }];
        for (now, created) in [(i64::MIN, dates[0]), (i64::MAX, dates[1]), (i64::MIN, dates[1])] {
            let j = judge(&facts(created, created), now, &limits);
            let expected = if now == i64::MIN { 0 } else { i64::MAX / DAY };
            assert_eq!((j.age_days, j.last_used_days), (Some(expected), Some(expected)), "{now}");
        }
    }
}

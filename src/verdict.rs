//! What RootGuard shows on a page: the core's decision, rendered by the
//! content script. Texts are message keys into the extension's `_locales`,
//! so the decision stays language-neutral and the renderer translates.

use serde::Serialize;

use crate::badge::{badge_for, KeyBadge};
use crate::console::mfa::{mfa_devices, MfaDevices};
use crate::console::table::names_access_keys_section;
use crate::console::users::{user_badges, UserKeyBadge};
use crate::console::{ConsolePage, PageObservation, Principal, Recognition};
use crate::language::ConsoleLanguage;
use crate::policy::KeyOwner;
pub use crate::policy::Severity;
use crate::settings::{Settings, Shown, StoredValue};

/// Which warning a notice is; also its `data-rootguard` test hook.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NoticeKind {
    /// The root user is on its Security credentials page.
    RootWarning,
    /// Root entered the create-access-key wizard: a modal that restates the
    /// alternatives before the console's flow goes on.
    CreateKeyInterstitial,
    /// In the wizard: the secret is shown once, and a download is encrypted.
    ExportNotice,
    /// A credentials route whose page RootGuard could not understand.
    UnrecognizedPage,
    /// Root's Security credentials page lists no MFA device (Security Hub
    /// IAM.9, CIS "MFA is enabled for the root user").
    MfaWarning,
    /// Root is signed in on a console page other than its credentials page
    /// and the key wizard: a slim reminder of the safer way to work.
    RootSession,
    /// Above the IAM users list: how many users have keys past rotation,
    /// unused, or both (shown with the badges).
    UsersSummary,
}

impl NoticeKind {
    /// Whether the owner shows this kind of notice (the options page's
    /// "show" settings, keyed by the kind's name).
    pub fn is_shown(self, show: &Shown) -> bool {
        match self {
            NoticeKind::RootWarning => show.root_warning,
            NoticeKind::CreateKeyInterstitial => show.create_key_interstitial,
            NoticeKind::ExportNotice => show.export_notice,
            NoticeKind::UnrecognizedPage => show.unrecognized_page,
            NoticeKind::MfaWarning => show.mfa_warning,
            NoticeKind::RootSession => show.root_session,
            NoticeKind::UsersSummary => show.key_badges,
        }
    }
}

/// How long a dismissal lasts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Dismissal {
    /// Cannot be dismissed.
    Never,
    /// Until the browser session ends.
    Session,
    /// Until the user leaves this route (the interstitial: once per wizard visit).
    Visit,
}

/// A safer alternative AWS itself recommends over root access keys.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Alternative {
    /// Message key of the alternative's one-line description.
    pub message: &'static str,
    /// AWS documentation page about it.
    pub href: &'static str,
}

/// One warning to render.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Notice {
    /// What the notice is about.
    pub kind: NoticeKind,
    /// How serious it is.
    pub severity: Severity,
    /// Message key of the title.
    pub title: &'static str,
    /// Message key of the body.
    pub body: &'static str,
    /// Substitutions for the messages (`$1`, `$2`, …).
    pub args: Vec<String>,
    /// What to do instead.
    pub alternatives: Vec<Alternative>,
    /// Whether, and for how long, the user may dismiss it.
    pub dismissal: Dismissal,
    /// Shown as a modal over the page (with proceed and cancel).
    pub modal: bool,
    /// Whether the owner shows this kind of notice: one the owner turned
    /// off stays in the verdict (the popup lists it) but is not rendered
    /// on the page.
    pub shown: bool,
}

/// The core's decision for one page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PageVerdict {
    /// The core build that decided (see [`crate::core_signature`]).
    pub decided_by: String,
    /// What the page was recognised as.
    pub recognition: Recognition,
    /// What to show, most serious first.
    pub notices: Vec<Notice>,
    /// One badge per access key the page shows.
    pub badges: Vec<KeyBadge>,
    /// On the IAM users list: one badge per user with an active key.
    pub user_badges: Vec<UserKeyBadge>,
    /// Whether the owner shows the badges on the page (they stay in the
    /// verdict for the popup either way).
    pub show_badges: bool,
    /// Whether the content script should keep reading this page's keys as
    /// it changes (a page that shows access keys), or only its route.
    pub watch: bool,
    /// Whether the content script should read every row of the page's
    /// tables (the users list), not only rows that show a key ID.
    pub read_every_row: bool,
    /// Whether the content script should watch this page for a secret
    /// access key becoming visible (a create-access-key wizard).
    pub watch_secret: bool,
    /// Whether this verdict can change with the URL's fragment alone. When
    /// not (any console page outside IAM), the content script may show it
    /// again for another fragment of the same URL without asking: an SPA
    /// move there changes nothing RootGuard decides.
    pub route_in_fragment: bool,
    /// The translation RootGuard writes on this page in (`_locales/<locale>/`):
    /// the page's own language ([`PageObservation::language_tag`]).
    pub locale: ConsoleLanguage,
    /// Messages for the browser console when something could not be
    /// understood: RootGuard says so rather than going silent.
    pub diagnostics: Vec<String>,
}

/// AWS's recommended alternatives to root access keys, in the order the
/// console's own wizard lists them.
const ROOT_KEY_ALTERNATIVES: [Alternative; 4] = [
    Alternative {
        message: "alternativeIdentityCenter",
        href: "https://docs.aws.amazon.com/singlesignon/latest/userguide/what-is.html",
    },
    Alternative {
        message: "alternativeRoles",
        href: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles.html",
    },
    Alternative {
        message: "alternativeCloudShell",
        href: "https://docs.aws.amazon.com/cloudshell/latest/userguide/welcome.html",
    },
    Alternative {
        message: "alternativeIamUser",
        href: "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html",
    },
];

/// Decide what to show for an observed page, under the default settings.
pub fn assess(observation: &PageObservation) -> PageVerdict {
    assess_with(observation, &Settings::default())
}

/// [`assess`] under the owner's settings as storage holds them (`null`
/// when none are stored): they are read by [`Settings::read`], and what it
/// ignored joins the verdict's diagnostics.
pub fn assess_stored(observation: &PageObservation, stored: &StoredValue) -> PageVerdict {
    let (settings, ignored) = Settings::read(stored);
    let mut verdict = assess_with(observation, &settings);
    verdict.diagnostics.extend(ignored);
    verdict
}

/// [`assess`] under the owner's settings: their thresholds judge the keys,
/// and their "show" choices mark which notices and badges are rendered.
pub fn assess_with(observation: &PageObservation, settings: &Settings) -> PageVerdict {
    let limits = &settings.thresholds();
    let recognition = observation.recognise();
    let mut notices = Vec::new();
    let mut diagnostics = Vec::new();
    let mut badges = Vec::new();
    let mut users = Vec::new();
    if recognition.host.is_some() {
        let principal = &recognition.session.principal;
        let root = *principal == Principal::Root;
        let account =
            format_account_id(recognition.session.account_id.as_deref().unwrap_or_default());
        let notice = |kind: NoticeKind,
                      severity,
                      title,
                      body,
                      alternatives: &[Alternative],
                      dismissal,
                      modal| Notice {
            kind,
            severity,
            title,
            body,
            args: vec![account.clone()],
            alternatives: alternatives.to_vec(),
            dismissal,
            modal,
            shown: kind.is_shown(&settings.show),
        };
        let on_key_page = recognition.page.shows_access_keys();
        if recognition.page == ConsolePage::SecurityCredentials && root {
            notices.push(notice(
                NoticeKind::RootWarning,
                Severity::Critical,
                "rootWarningTitle",
                "rootWarningCredentialsBody",
                &ROOT_KEY_ALTERNATIVES,
                Dismissal::Session,
                false,
            ));
        }
        if recognition.page == ConsolePage::SecurityCredentials
            && root
            && mfa_devices(&observation.sections, observation.settled) == MfaDevices::Listed(0)
        {
            notices.push(notice(
                NoticeKind::MfaWarning,
                Severity::Critical,
                "mfaWarningTitle",
                "mfaWarningBody",
                &ROOT_MFA_ACTION,
                Dismissal::Session,
                false,
            ));
        }
        // Everywhere else in the console, a root session gets a reminder
        // (the credentials page has the root warning, the wizard its
        // interstitial). A route and a session check: nothing is read.
        if root
            && !matches!(
                recognition.page,
                ConsolePage::SecurityCredentials | ConsolePage::AccessKeyWizard
            )
        {
            notices.push(notice(
                NoticeKind::RootSession,
                Severity::Warning,
                "rootSessionTitle",
                "rootSessionBody",
                &ROOT_SESSION_ALTERNATIVES,
                Dismissal::Session,
                false,
            ));
        }
        if recognition.page == ConsolePage::UsersList {
            let now = (observation.now_ms / 1000.0) as i64;
            if let Some((badges, summary)) =
                user_badges(&observation.tables, observation.language_tag(), now, limits)
            {
                let flagged = summary.past_rotation + summary.unused + summary.both;
                notices.push(Notice {
                    kind: NoticeKind::UsersSummary,
                    severity: if flagged > 0 { Severity::Warning } else { Severity::Ok },
                    title: if summary.with_keys == 1 {
                        "usersSummaryTitleOne"
                    } else {
                        "usersSummaryTitle"
                    },
                    body: if flagged > 0 { "usersSummaryBody" } else { "usersSummaryFine" },
                    args: [summary.with_keys, summary.past_rotation, summary.unused, summary.both]
                        .iter()
                        .map(ToString::to_string)
                        .collect(),
                    alternatives: Vec::new(),
                    dismissal: Dismissal::Visit,
                    modal: false,
                    shown: NoticeKind::UsersSummary.is_shown(&settings.show),
                });
                users = badges;
            }
        }
        if recognition.page == ConsolePage::AccessKeyWizard {
            if root {
                notices.push(notice(
                    NoticeKind::CreateKeyInterstitial,
                    Severity::Critical,
                    "interstitialTitle",
                    "interstitialBody",
                    &ROOT_KEY_ALTERNATIVES,
                    Dismissal::Visit,
                    true,
                ));
            }
            notices.push(notice(
                NoticeKind::ExportNotice,
                Severity::Notice,
                "exportNoticeTitle",
                "exportNoticeBody",
                &[],
                Dismissal::Session,
                false,
            ));
        }
        if on_key_page {
            // Keys on the root user's own page are root keys; an IAM user's
            // tab, or an IAM user's own page, shows IAM user keys.
            let owner = match (&recognition.page, principal) {
                (ConsolePage::SecurityCredentials, Principal::Root) => KeyOwner::Root,
                _ => KeyOwner::IamUser,
            };
            if recognition.page == ConsolePage::SecurityCredentials
                && *principal == Principal::Unknown
            {
                diagnostics.push(
                    "RootGuard: could not tell who is signed in; judging the keys as an IAM user's.".to_owned(),
                );
            }
            let now = (observation.now_ms / 1000.0) as i64;
            let in_tables = observation
                .tables
                .iter()
                .flat_map(|t| t.access_keys(observation.language_tag(), now));
            let in_items = observation
                .items
                .iter()
                .filter_map(|i| i.access_key(observation.language_tag(), now));
            for row in in_tables.chain(in_items) {
                if !badges.iter().any(|b: &KeyBadge| b.key_id == row.key_id) {
                    badges.push(badge_for(&row, owner, now, limits));
                }
            }
            // A user's other tabs need not show keys (a user may have none):
            // only a page that is about keys can be "not understood".
            let about_keys = !matches!(recognition.page, ConsolePage::IamUserDetails { .. });
            let understood = !badges.is_empty() || names_access_keys_section(&observation.headings);
            if observation.settled && about_keys && !understood {
                notices.push(notice(
                    NoticeKind::UnrecognizedPage,
                    Severity::Warning,
                    "unrecognizedTitle",
                    "unrecognizedBody",
                    &[],
                    Dismissal::Session,
                    false,
                ));
                diagnostics.push(format!(
                    "RootGuard: this looks like a credentials page ({:?}), but no access-key table or Access keys heading was found after the page settled; the console's markup may have changed.",
                    recognition.page
                ));
            }
        }
        // Only a page whose verdict can depend on who is signed in says so
        // (the user's wizard is named after its route, not the principal).
        let other = matches!(
            recognition.page,
            ConsolePage::Other | ConsolePage::IamUserAccessKeyWizard { .. }
        );
        if let (false, Some(problem)) = (other, &recognition.session_problem) {
            diagnostics.push(format!("RootGuard: {problem}; fell back to the navigation bar."));
        }
    }
    let watch = recognition.page.shows_access_keys() || recognition.page.reads_every_row();
    let read_every_row = recognition.page.reads_every_row();
    let watch_secret = recognition.page.shows_new_secret();
    let locale = ConsoleLanguage::from_tag(observation.language_tag());
    PageVerdict {
        decided_by: crate::core_signature(),
        recognition,
        notices,
        badges,
        user_badges: users,
        read_every_row,
        show_badges: settings.show.key_badges,
        diagnostics,
        watch,
        watch_secret,
        route_in_fragment: observation.route_in_fragment(),
        locale,
    }
}

/// What to do about a root user without MFA: AWS's page on assigning an
/// MFA device to the root user.
const ROOT_MFA_ACTION: [Alternative; 1] = [Alternative {
    message: "mfaAssignAction",
    href: "https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-mfa-for-root.html",
}];

/// The safer way to work than signed in as root: a user of IAM Identity
/// Center, or an IAM role (the first of [`ROOT_KEY_ALTERNATIVES`]), and
/// AWS's list of the tasks that do need root.
const ROOT_SESSION_ALTERNATIVES: [Alternative; 3] = [
    Alternative { ..ROOT_KEY_ALTERNATIVES[0] },
    Alternative { ..ROOT_KEY_ALTERNATIVES[1] },
    Alternative {
        message: "rootSessionTasks",
        href: "https://docs.aws.amazon.com/IAM/latest/UserGuide/root-user-tasks.html",
    },
];

/// `123456789012` → `1234-5678-9012`, the way the console shows it.
fn format_account_id(id: &str) -> String {
    if id.len() == 12 && id.bytes().all(|b| b.is_ascii_digit()) {
        format!("{}-{}-{}", &id[0..4], &id[4..8], &id[8..12])
    } else {
        id.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::console::mfa::ObservedSection;

    fn observation(url: &str, arn: &str) -> PageObservation {
        PageObservation {
            url: url.into(),
            session_data: Some(format!(r#"{{"accountId":"123456789012","sessionARN":"{arn}"}}"#)),
            ..Default::default()
        }
    }

    const CREDENTIALS: &str =
        "https://us-east-1.console.aws.amazon.com/iam/home#/security_credentials";
    const ROOT: &str = "arn:aws:iam::123456789012:root";

    #[test]
    fn root_on_security_credentials_gets_a_critical_root_warning() {
        let verdict = assess(&observation(CREDENTIALS, ROOT));
        assert_eq!(verdict.notices.len(), 1);
        let notice = &verdict.notices[0];
        assert_eq!(notice.kind, NoticeKind::RootWarning);
        assert_eq!(notice.severity, Severity::Critical);
        assert_eq!(notice.body, "rootWarningCredentialsBody");
        assert_eq!(notice.args, vec!["1234-5678-9012".to_owned()]);
        assert_eq!(notice.dismissal, Dismissal::Session);
        assert_eq!(notice.alternatives.len(), 4);
        assert!(verdict.decided_by.starts_with("rootguard-core "));
    }

    #[test]
    fn root_in_the_wizard_gets_the_interstitial_and_the_export_notice() {
        let url = "https://console.aws.amazon.com/iam/home#/security_credentials/access-key-wizard";
        let verdict = assess(&observation(url, ROOT));
        let kinds: Vec<NoticeKind> = verdict.notices.iter().map(|n| n.kind).collect();
        assert_eq!(kinds, vec![NoticeKind::CreateKeyInterstitial, NoticeKind::ExportNotice]);
        assert!(verdict.notices[0].modal);
        assert_eq!(verdict.notices[0].dismissal, Dismissal::Visit);
        let user = assess(&observation(url, "arn:aws:iam::123456789012:user/alice"));
        let kinds: Vec<NoticeKind> = user.notices.iter().map(|n| n.kind).collect();
        assert_eq!(kinds, vec![NoticeKind::ExportNotice]);
    }

    fn with_table(mut o: PageObservation, rows: &[[&str; 3]], settled: bool) -> PageObservation {
        o.tables = vec![crate::console::table::ObservedTable {
            headers: ["Access key ID", "Created", "Status"]
                .iter()
                .map(|s| (*s).to_owned())
                .collect(),
            rows: rows.iter().map(|r| r.iter().map(|s| (*s).to_owned()).collect()).collect(),
        }];
        o.settled = settled;
        o.now_ms = 1_764_000_000_000.0;
        o
    }

    #[test]
    fn root_keys_are_critical_badges_and_iam_keys_follow_the_iam_policy() {
        let rows = [["AKIAIOSFODNN7EXAMPLE", "2025-11-20T00:00:00Z", "Active"]];
        let root = assess(&with_table(observation(CREDENTIALS, ROOT), &rows, true));
        assert_eq!(root.badges.len(), 1);
        assert_eq!(root.badges[0].severity, Severity::Critical);
        let user_tab = "https://us-east-1.console.aws.amazon.com/iam/home#/users/details/alice?section=security_credentials";
        let user = assess(&with_table(observation(user_tab, ROOT), &rows, true));
        assert_eq!(user.badges[0].severity, Severity::Ok);
        assert_eq!(kinds(&user), [NoticeKind::RootSession], "no root warning on an IAM user's tab");
    }

    #[test]
    fn the_verdict_says_where_to_watch_for_a_shown_secret() {
        let base = "https://us-east-1.console.aws.amazon.com/iam/home";
        for (fragment, watch_secret) in [
            ("#/security_credentials/access-key-wizard", true),
            ("#/users/details/bob/create-access-key", true),
            ("#/security_credentials", false),
            ("#/users/details/bob?section=security_credentials", false),
            ("#/home", false),
        ] {
            let verdict = assess(&observation(&format!("{base}{fragment}"), ROOT));
            assert_eq!(verdict.watch_secret, watch_secret, "{fragment}");
        }
    }

    #[test]
    fn outside_iam_the_fragment_changes_nothing_in_the_verdict() {
        for base in [
            "https://us-east-1.console.aws.amazon.com/ec2/home?region=us-east-1",
            "https://console.aws.amazon.com/s3/buckets",
            "https://us-east-1.console.aws.amazon.com/iamidentitycenter/home",
            "https://example.com/iam/home",
        ] {
            let verdicts: Vec<PageVerdict> = [
                "",
                "#Instances:page=3",
                "#/security_credentials",
                "#/users",
                "#/users/details/bob",
            ]
            .iter()
            .map(|fragment| assess(&observation(&format!("{base}{fragment}"), ROOT)))
            .collect();
            assert!(!verdicts[0].route_in_fragment, "{base}");
            assert!(verdicts.iter().all(|v| *v == verdicts[0]), "{base}");
        }
        let iam = "https://us-east-1.console.aws.amazon.com/iam/home#/home";
        assert!(assess(&observation(iam, ROOT)).route_in_fragment);
        let iamv2 = "https://us-east-1.console.aws.amazon.com/iamv2/home#/users";
        assert!(assess(&observation(iamv2, ROOT)).route_in_fragment);
    }

    #[test]
    fn the_verdict_says_which_pages_to_keep_reading() {
        let base = "https://us-east-1.console.aws.amazon.com/iam/home";
        for (fragment, watch) in [
            ("#/security_credentials", true),
            ("#/users/details/bob?section=security_credentials", true),
            ("#/users/details/bob?section=permissions", true),
            ("#/security_credentials/access-key-wizard", false),
            ("#/users", true),
            ("#/home", false),
        ] {
            assert_eq!(
                assess(&observation(&format!("{base}{fragment}"), ROOT)).watch,
                watch,
                "{fragment}"
            );
        }
    }

    #[test]
    fn an_iam_users_summary_on_any_tab_gets_badges_and_no_tab_is_unrecognized() {
        const PERMISSIONS: &str =
            "https://us-east-1.console.aws.amazon.com/iam/home#/users/details/bob?section=permissions";
        let mut o = observation(PERMISSIONS, ROOT);
        o.settled = true;
        o.now_ms = 1_764_892_800_000.0;
        let nothing = assess(&o);
        assert_eq!(kinds(&nothing), [NoticeKind::RootSession], "{:?}", nothing.notices);
        o.items = vec![crate::console::table::ObservedItem {
            texts: vec![
                "Access key 1".into(),
                "AKIAIOSFODNN7EXAMPLE - Active. Used 263 days ago. 400 days old.".into(),
            ],
        }];
        let verdict = assess(&o);
        assert_eq!(verdict.badges.len(), 1);
        assert_eq!(verdict.badges[0].age_days, Some(400));
        assert_eq!(kinds(&verdict), [NoticeKind::RootSession], "no root warning on a user's page");
    }

    #[test]
    fn a_settled_credentials_page_without_keys_or_heading_is_unrecognized() {
        let verdict = assess(&with_table(observation(CREDENTIALS, ROOT), &[], true));
        assert!(verdict.notices.iter().any(|n| n.kind == NoticeKind::UnrecognizedPage));
        assert!(verdict.diagnostics.iter().any(|d| d.contains("no access-key table")));
        let mut with_heading = with_table(observation(CREDENTIALS, ROOT), &[], true);
        with_heading.headings = vec!["Access keys (0)".into()];
        assert!(!assess(&with_heading)
            .notices
            .iter()
            .any(|n| n.kind == NoticeKind::UnrecognizedPage));
        let unsettled = assess(&with_table(observation(CREDENTIALS, ROOT), &[], false));
        assert!(!unsettled.notices.iter().any(|n| n.kind == NoticeKind::UnrecognizedPage));
    }

    fn kinds(verdict: &PageVerdict) -> Vec<NoticeKind> {
        verdict.notices.iter().map(|n| n.kind).collect()
    }

    #[test]
    fn iam_users_and_other_pages_get_no_root_warning() {
        let user = "arn:aws:iam::123456789012:user/alice";
        assert!(assess(&observation(CREDENTIALS, user)).notices.is_empty());
        let home = "https://us-east-1.console.aws.amazon.com/iam/home#/home";
        assert_eq!(kinds(&assess(&observation(home, ROOT))), [NoticeKind::RootSession]);
        let elsewhere = "https://www.example.com/iam/home#/security_credentials";
        let verdict = assess(&observation(elsewhere, ROOT));
        assert!(verdict.notices.is_empty());
        assert!(verdict.diagnostics.is_empty());
    }

    #[test]
    fn unreadable_session_data_is_reported_as_a_diagnostic() {
        let verdict = assess(&PageObservation {
            url: CREDENTIALS.into(),
            session_data: Some("{broken".into()),
            ..Default::default()
        });
        assert!(
            verdict.diagnostics.iter().any(|d| d.contains("not valid JSON")),
            "{:?}",
            verdict.diagnostics
        );
        assert!(verdict.diagnostics.iter().any(|d| d.contains("could not tell who is signed in")));
    }

    #[test]
    fn the_owners_show_choices_mark_notices_and_badges_without_dropping_them() {
        let wizard =
            "https://console.aws.amazon.com/iam/home#/security_credentials/access-key-wizard";
        let everything = assess(&observation(wizard, ROOT));
        assert!(everything.notices.iter().all(|n| n.shown) && everything.show_badges);
        let stored = StoredValue::Object(vec![(
            "show".into(),
            StoredValue::Object(vec![
                ("create-key-interstitial".into(), StoredValue::Bool(false)),
                ("key-badges".into(), StoredValue::Bool(false)),
            ]),
        )]);
        let verdict = assess_stored(&observation(wizard, ROOT), &stored);
        let shown: Vec<(NoticeKind, bool)> =
            verdict.notices.iter().map(|n| (n.kind, n.shown)).collect();
        assert_eq!(
            shown,
            [(NoticeKind::CreateKeyInterstitial, false), (NoticeKind::ExportNotice, true)]
        );
        assert!(!verdict.show_badges);
        assert!(verdict.diagnostics.is_empty(), "{:?}", verdict.diagnostics);
    }

    /// A notice kind's name is its key among the "show" settings.
    #[test]
    fn each_notice_kind_is_a_show_setting() {
        let kinds = [
            NoticeKind::RootWarning,
            NoticeKind::CreateKeyInterstitial,
            NoticeKind::ExportNotice,
            NoticeKind::UnrecognizedPage,
        ];
        for kind in kinds {
            let name = serde_json::to_value(kind).unwrap();
            let name = name.as_str().unwrap_or_default();
            let stored = StoredValue::Object(vec![(
                "show".into(),
                StoredValue::Object(vec![(name.into(), StoredValue::Bool(false))]),
            )]);
            let (settings, diagnostics) = Settings::read(&stored);
            assert!(diagnostics.is_empty(), "{diagnostics:?}");
            for other in kinds {
                assert_eq!(other.is_shown(&settings.show), other != kind, "{name}");
            }
        }
    }

    #[test]
    fn stored_thresholds_judge_keys_and_bad_ones_fall_back_with_a_diagnostic() {
        let rows = [["AKIAIOSFODNN7EXAMPLE", "2025-11-01T00:00:00Z", "Active"]];
        let tab = "https://us-east-1.console.aws.amazon.com/iam/home#/users/details/alice?section=security_credentials";
        let page = with_table(observation(tab, ROOT), &rows, true);
        let days = |rotate: f64| {
            StoredValue::Object(vec![
                ("rotateDays".into(), StoredValue::Number(rotate)),
                ("criticalDays".into(), StoredValue::Number(365.0)),
            ])
        };
        let strict = assess_stored(&page, &days(7.0));
        assert_eq!(strict.badges[0].severity, Severity::Warning);
        assert!(strict.diagnostics.is_empty(), "{:?}", strict.diagnostics);
        let refused = assess_stored(&page, &days(0.0));
        assert_eq!(refused.badges[0].severity, Severity::Ok);
        assert!(
            refused
                .diagnostics
                .iter()
                .any(|d| d.starts_with("RootGuard: stored thresholds ignored")),
            "{:?}",
            refused.diagnostics
        );
        assert_eq!(assess_stored(&page, &StoredValue::Null), assess(&page));
    }

    /// The IAM user's create-access-key wizard has its own page kind, but
    /// its verdict is what it was when it was "other".
    #[test]
    fn an_iam_users_wizard_gets_the_verdict_of_any_other_page() {
        let url = "https://us-east-1.console.aws.amazon.com/iam/home#/users/details/bob/create-access-key";
        let mut o = observation(url, ROOT);
        o.session_data = Some("{broken".into());
        o.settled = true;
        let verdict = assess(&o);
        assert!(verdict.notices.is_empty() && verdict.badges.is_empty() && !verdict.watch);
        assert!(verdict.diagnostics.is_empty(), "{:?}", verdict.diagnostics);
        let json = serde_json::to_value(&verdict.recognition.page).unwrap();
        assert_eq!(json, serde_json::json!({"kind": "other"}));
    }

    /// Regression (fuzz target `page`, crash input: this German page with
    /// `nowMs` = -1.8e308): the clock became `i64::MIN` and judging the key's
    /// age overflowed. Any clock now gives a verdict.
    #[test]
    fn a_clock_at_any_extreme_still_gives_a_verdict() {
        let rows = [["AKIAIOSFODNN7EXAMPLE", "4. März 2025", "Aktiv"]];
        for now_ms in [f64::MIN, f64::MAX, f64::NAN, f64::NEG_INFINITY, -1.0] {
            let mut o = with_table(observation(CREDENTIALS, ROOT), &rows, true);
            o.lang = "de".into();
            o.now_ms = now_ms;
            let verdict = assess(&o);
            assert_eq!(verdict.badges.len(), 1, "{now_ms}");
            assert_eq!(verdict.badges[0].severity, Severity::Critical, "{now_ms}");
        }
    }

    /// RootGuard writes in the page's language: `<html lang>`, else the
    /// console's own language setting (its cookie), else the browser's.
    #[test]
    fn the_page_language_comes_from_html_lang_then_the_consoles_setting_then_the_browser() {
        let locale = |lang: &str, console_locale: Option<&str>, browser: &str| {
            let mut o = observation(CREDENTIALS, ROOT);
            o.lang = lang.into();
            o.console_locale = console_locale.map(Into::into);
            o.browser_language = browser.into();
            assess(&o).locale
        };
        assert_eq!(locale("de", Some("ja"), "fr-FR"), ConsoleLanguage::German);
        assert_eq!(locale("", Some("zh_TW"), "fr-FR"), ConsoleLanguage::ChineseTraditional);
        assert_eq!(locale(" ", Some("ko"), "fr-FR"), ConsoleLanguage::Korean);
        assert_eq!(locale("", Some(""), "fr-FR"), ConsoleLanguage::French);
        assert_eq!(locale("", None, "pt-BR"), ConsoleLanguage::Portuguese);
        assert_eq!(locale("", None, ""), ConsoleLanguage::English);
    }

    /// Dates are read in the same language: 03/04/2025 is the 3rd of April
    /// on a page whose only hint is the console's setting "fr", the 4th of
    /// March when the only hint is an American browser.
    #[test]
    fn dates_are_read_in_the_language_the_console_setting_names() {
        let rows = [["AKIAIOSFODNN7EXAMPLE", "03/04/2025", "Active"]];
        let age = |console_locale: Option<&str>, browser: &str| {
            let mut o = with_table(observation(CREDENTIALS, ROOT), &rows, true);
            o.console_locale = console_locale.map(Into::into);
            o.browser_language = browser.into();
            o.now_ms = 1_760_000_000_000.0; // 2025-10-09
            assess(&o).badges[0].age_days
        };
        assert_eq!((age(None, "en-US"), age(Some("fr"), "en-US")), (Some(219), Some(189)));
    }

    fn with_sections(
        mut o: PageObservation,
        sections: &[(&str, usize)],
        settled: bool,
    ) -> PageObservation {
        o.sections = sections
            .iter()
            .map(|(heading, rows)| ObservedSection { heading: (*heading).into(), rows: *rows })
            .collect();
        o.settled = settled;
        o
    }

    #[test]
    fn root_without_an_mfa_device_is_warned_with_what_to_do() {
        let none = [("Account details", 0), ("Multi-factor authentication (MFA) (0)", 0)];
        let verdict = assess(&with_sections(observation(CREDENTIALS, ROOT), &none, false));
        let warning = verdict.notices.iter().find(|n| n.kind == NoticeKind::MfaWarning);
        let warning = warning.map(|n| (n.severity, n.title, n.alternatives[0].href));
        assert_eq!(
            warning,
            Some((
                Severity::Critical,
                "mfaWarningTitle",
                "https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-mfa-for-root.html"
            ))
        );
        let german = [("Multi-Faktor-Authentifizierung (MFA) (0)", 0)];
        assert!(kinds(&assess(&with_sections(observation(CREDENTIALS, ROOT), &german, false)))
            .contains(&NoticeKind::MfaWarning));
    }

    #[test]
    fn no_mfa_warning_with_a_device_for_an_iam_user_or_before_the_list_is_known() {
        let has_mfa = |o: PageObservation| kinds(&assess(&o)).contains(&NoticeKind::MfaWarning);
        let one = [("Multi-factor authentication (MFA) (1)", 1)];
        assert!(!has_mfa(with_sections(observation(CREDENTIALS, ROOT), &one, true)));
        let none = [("Multi-factor authentication (MFA) (0)", 0)];
        let user = "arn:aws:iam::123456789012:user/alice";
        assert!(!has_mfa(with_sections(observation(CREDENTIALS, user), &none, true)));
        let loading = [("Multi-factor authentication (MFA)", 0)];
        assert!(!has_mfa(with_sections(observation(CREDENTIALS, ROOT), &loading, false)));
        assert!(has_mfa(with_sections(observation(CREDENTIALS, ROOT), &loading, true)));
        assert!(!has_mfa(with_sections(observation(CREDENTIALS, ROOT), &[], true)));
    }

    #[test]
    fn root_gets_a_reminder_on_every_other_console_page_and_nobody_else_does() {
        for url in [
            "https://console.aws.amazon.com/console/home",
            "https://us-east-1.console.aws.amazon.com/ec2/home?region=us-east-1#Instances:",
            "https://s3.console.aws.amazon.com/s3/buckets?region=eu-north-1",
            "https://us-east-1.console.aws.amazon.com/billing/home#/",
            "https://us-east-1.console.aws.amazon.com/iam/home#/users",
            "https://cn-north-1.console.amazonaws.cn/ec2/home",
        ] {
            let verdict = assess(&observation(url, ROOT));
            assert_eq!(kinds(&verdict), [NoticeKind::RootSession], "{url}");
            let reminder = &verdict.notices[0];
            assert_eq!(
                (reminder.dismissal, reminder.args.as_slice()),
                (Dismissal::Session, &["1234-5678-9012".to_owned()][..])
            );
            for who in [
                "arn:aws:iam::123456789012:user/alice",
                "arn:aws:sts::123456789012:assumed-role/Admin/alice",
            ] {
                assert!(assess(&observation(url, who)).notices.is_empty(), "{url} {who}");
            }
        }
        for url in [CREDENTIALS, "https://us-east-1.console.aws.amazon.com/iam/home#/security_credentials/access-key-wizard"] {
            assert!(!kinds(&assess(&observation(url, ROOT))).contains(&NoticeKind::RootSession), "{url}");
        }
        assert!(assess(&observation("https://www.example.com/ec2/home", ROOT)).notices.is_empty());
    }

    #[test]
    fn the_users_list_gets_a_badge_per_user_with_a_key_and_a_summary() {
        let users = "https://us-east-1.console.aws.amazon.com/iam/home#/users";
        let mut o = observation(users, "arn:aws:iam::123456789012:user/admin");
        o.now_ms = 1_764_892_800_000.0;
        o.tables = vec![crate::console::table::ObservedTable {
            headers: ["User name", "Active key age", "Access key last used"]
                .map(String::from)
                .to_vec(),
            rows: vec![
                ["alice", "400 days", "2 days ago"].map(String::from).to_vec(),
                ["bob", "-", "-"].map(String::from).to_vec(),
                ["carol", "10 days", "1 day ago"].map(String::from).to_vec(),
            ],
        }];
        let verdict = assess(&o);
        assert!(verdict.watch && verdict.read_every_row);
        let badges: Vec<(&str, Severity, Option<i64>)> = verdict
            .user_badges
            .iter()
            .map(|b| (b.user_name.as_str(), b.badge.severity, b.badge.age_days))
            .collect();
        assert_eq!(
            badges,
            [("alice", Severity::Critical, Some(400)), ("carol", Severity::Ok, Some(10))]
        );
        let summary = &verdict.notices[0];
        assert_eq!(
            (summary.kind, summary.severity, summary.args.as_slice()),
            (
                NoticeKind::UsersSummary,
                Severity::Warning,
                &["2", "1", "0", "0"].map(String::from)[..]
            )
        );
        assert_eq!(summary.title, "usersSummaryTitle");
        // One user with a key: the title's own words for one.
        o.tables[0].rows.truncate(2);
        assert_eq!(assess(&o).notices[0].title, "usersSummaryTitleOne");
        // A page without the users table (still loading): no badges, no summary.
        o.tables.clear();
        assert!(assess(&o).notices.is_empty());
    }
}

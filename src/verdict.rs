//! What RootGuard shows on a page: the core's decision, rendered by the
//! content script. Texts are message keys into the extension's `_locales`,
//! so the decision stays language-neutral and the renderer translates.

use serde::Serialize;

use crate::console::{ConsolePage, PageObservation, Principal, Recognition};

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

/// Which warning a notice is; also its `data-rootguard` test hook.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NoticeKind {
    /// The root user is on its Security credentials page or creating a key.
    RootWarning,
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
    /// Whether the user may dismiss it for this page view.
    pub dismissible: bool,
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
    /// Messages for the browser console when something could not be
    /// understood: RootGuard says so rather than going silent.
    pub diagnostics: Vec<String>,
}

/// AWS's recommended alternatives to root access keys, in the order the
/// console's own wizard lists them.
const ROOT_KEY_ALTERNATIVES: [Alternative; 3] = [
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
];

/// Decide what to show for an observed page.
pub fn assess(observation: &PageObservation) -> PageVerdict {
    let recognition = observation.recognise();
    let mut notices = Vec::new();
    let mut diagnostics = Vec::new();
    if recognition.host.is_some() {
        let root = recognition.session.principal == Principal::Root;
        let account = recognition.session.account_id.clone().unwrap_or_default();
        let root_warning = |title, body| Notice {
            kind: NoticeKind::RootWarning,
            severity: Severity::Critical,
            title,
            body,
            args: vec![format_account_id(&account)],
            alternatives: ROOT_KEY_ALTERNATIVES.to_vec(),
            dismissible: true,
        };
        match (&recognition.page, root) {
            (ConsolePage::SecurityCredentials, true) => {
                notices.push(root_warning("rootWarningTitle", "rootWarningCredentialsBody"));
            }
            (ConsolePage::AccessKeyWizard, true) => {
                notices.push(root_warning("rootWarningTitle", "rootWarningWizardBody"));
            }
            _ => {}
        }
        let on_credentials_page = recognition.page != ConsolePage::Other;
        if let (true, Some(problem)) = (on_credentials_page, &recognition.session_problem) {
            diagnostics.push(format!("RootGuard: {problem}; fell back to the navigation bar."));
        }
    }
    PageVerdict { decided_by: crate::core_signature(), recognition, notices, diagnostics }
}

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
        assert!(notice.dismissible);
        assert_eq!(notice.alternatives.len(), 3);
        assert!(verdict.decided_by.starts_with("rootguard-core "));
    }

    #[test]
    fn root_in_the_wizard_gets_the_wizard_text() {
        let url = "https://console.aws.amazon.com/iam/home#/security_credentials/access-key-wizard";
        let verdict = assess(&observation(url, ROOT));
        assert_eq!(verdict.notices[0].body, "rootWarningWizardBody");
    }

    #[test]
    fn iam_users_and_other_pages_get_no_root_warning() {
        let user = "arn:aws:iam::123456789012:user/alice";
        assert!(assess(&observation(CREDENTIALS, user)).notices.is_empty());
        let home = "https://us-east-1.console.aws.amazon.com/iam/home#/home";
        assert!(assess(&observation(home, ROOT)).notices.is_empty());
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
        assert_eq!(verdict.diagnostics.len(), 1);
        assert!(verdict.diagnostics[0].contains("not valid JSON"));
    }
}

//! What a content script observed on a page, and what the core recognised.

use serde::{Deserialize, Serialize};

use super::mfa::ObservedSection;
use super::route::route_in_fragment;
use super::table::{ObservedItem, ObservedTable};
use super::{ConsoleHost, ConsolePage, Session};

/// Plain data a content script collects from a console page. It holds no
/// secrets: the URL, the session meta tag, the navigation bar's text, and on
/// credentials pages the rows that show access key IDs (IDs, dates and
/// statuses; secrets are never in that table).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PageObservation {
    /// `location.href`.
    pub url: String,
    /// The `content` of `<meta name="awsc-session-data">`, when present.
    pub session_data: Option<String>,
    /// The navigation bar's account menu text (fallback for the session).
    pub navigation_text: Option<String>,
    /// Whether the navigation bar shows a user line (a copy-user-name button).
    pub navigation_has_user_line: bool,
    /// `<html lang>`, empty when the page has none: the language the page is
    /// written in (see [`PageObservation::language_tag`]).
    pub lang: String,
    /// The console's own language setting, where the page exposes it: its
    /// `noflush_locale` cookie ("de", "zh-CN", "zh_CN"), when readable.
    pub console_locale: Option<String>,
    /// The browser's language (`navigator.language`).
    pub browser_language: String,
    /// Tables with access key rows (only collected on credentials routes).
    pub tables: Vec<ObservedTable>,
    /// Keys shown outside a table (cards, summary lines), same routes.
    pub items: Vec<ObservedItem>,
    /// Heading texts of the page (h1–h3), to tell "no keys" from "not understood".
    pub headings: Vec<String>,
    /// The page's sections (h2 headings) and their tables' data rows, on
    /// credentials routes: the MFA section is read from them.
    pub sections: Vec<ObservedSection>,
    /// The page has stopped changing since the route changed.
    pub settled: bool,
    /// The browser's clock, in milliseconds since the Unix epoch.
    pub now_ms: f64,
}

/// The page as the core understands it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Recognition {
    /// The console host, or `None` when the page is not on a console.
    pub host: Option<ConsoleHost>,
    /// Which page the route shows.
    pub page: ConsolePage,
    /// Who is signed in.
    pub session: Session,
    /// Why the session could not be read from the session data, if it
    /// could not (shown as a diagnostic, never silently ignored).
    pub session_problem: Option<String>,
}

impl PageObservation {
    /// The language the page is in, as a BCP 47 tag, for reading its dates
    /// and for writing RootGuard's texts on it: `<html lang>` first (the
    /// language the page was rendered in), else the console's own language
    /// setting, else the browser's language. Empty when none is known.
    pub fn language_tag(&self) -> &str {
        [
            Some(self.lang.as_str()),
            self.console_locale.as_deref(),
            Some(self.browser_language.as_str()),
        ]
        .into_iter()
        .flatten()
        .map(str::trim)
        .find(|tag| !tag.is_empty())
        .unwrap_or_default()
    }

    /// Recognise host, page and session.
    pub fn recognise(&self) -> Recognition {
        let parts = UrlParts::split(&self.url);
        let host = ConsoleHost::parse(parts.host);
        if host.is_none() {
            return Recognition {
                host,
                page: ConsolePage::Other,
                session: Session::unknown(),
                session_problem: None,
            };
        }
        let page = ConsolePage::from_location(parts.path, parts.fragment);
        let from_navigation = || {
            Session::from_navigation(
                self.navigation_text.as_deref().unwrap_or_default(),
                self.navigation_has_user_line,
            )
        };
        let (session, session_problem) = match self.session_data.as_deref() {
            Some(json) => match Session::from_session_data(json) {
                Ok(session) => (session, None),
                Err(problem) => (from_navigation(), Some(problem.to_string())),
            },
            None => (
                from_navigation(),
                Some("the console's session data (awsc-session-data) is missing".to_owned()),
            ),
        };
        Recognition { host, page, session, session_problem }
    }

    /// Whether another fragment of this URL could be another page to
    /// RootGuard. When it cannot (a console service other than IAM, or not
    /// a console at all), the verdict is the same for every fragment: the
    /// fragment feeds nothing but [`ConsolePage::from_location`].
    pub fn route_in_fragment(&self) -> bool {
        let parts = UrlParts::split(&self.url);
        ConsoleHost::parse(parts.host).is_some() && route_in_fragment(parts.path)
    }
}

/// The pieces of an absolute `https://host[:port]/path?query#fragment` URL.
struct UrlParts<'a> {
    host: &'a str,
    path: &'a str,
    fragment: &'a str,
}

impl<'a> UrlParts<'a> {
    fn split(url: &'a str) -> UrlParts<'a> {
        let (before_fragment, fragment) = url.split_once('#').unwrap_or((url, ""));
        let rest = before_fragment.strip_prefix("https://").unwrap_or_default();
        let (authority, path_and_query) = match rest.find('/') {
            Some(i) => rest.split_at(i),
            None => (rest, "/"),
        };
        let host_port = authority.rsplit('@').next().unwrap_or_default();
        let host = host_port.split(':').next().unwrap_or_default();
        let path = path_and_query.split('?').next().unwrap_or_default();
        UrlParts { host, path, fragment }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::console::{Partition, Principal};

    fn observe(url: &str, session_data: Option<&str>) -> Recognition {
        PageObservation {
            url: url.into(),
            session_data: session_data.map(str::to_owned),
            ..Default::default()
        }
        .recognise()
    }

    const ROOT: &str =
        r#"{"accountId":"123456789012","sessionARN":"arn:aws:iam::123456789012:root"}"#;

    #[test]
    fn root_credentials_page_on_the_two_documented_urls() {
        for url in [
            "https://us-east-1.console.aws.amazon.com/iam/home#/security_credentials",
            "https://console.aws.amazon.com/iam/home?region=us-east-1#/security_credentials",
            "https://us-east-1.console.aws.amazon.com:443/iam/home?#/security_credentials",
        ] {
            let r = observe(url, Some(ROOT));
            assert_eq!(r.host.map(|h| h.partition), Some(Partition::Commercial), "{url}");
            assert_eq!(r.page, ConsolePage::SecurityCredentials, "{url}");
            assert_eq!(r.session.principal, Principal::Root);
            assert_eq!(r.session_problem, None);
        }
    }

    #[test]
    fn non_console_hosts_are_not_recognised_even_on_the_same_route() {
        let r = observe("https://www.example.com/iam/home#/security_credentials", Some(ROOT));
        assert_eq!(r.host, None);
        assert_eq!(r.page, ConsolePage::Other);
        assert_eq!(r.session.principal, Principal::Unknown);
        let r = observe("http://console.aws.amazon.com/iam/home#/security_credentials", Some(ROOT));
        assert_eq!(r.host, None, "plain http is never the console");
    }

    #[test]
    fn missing_session_data_falls_back_to_the_navigation_bar_and_says_so() {
        let r = PageObservation {
            url: "https://console.aws.amazon.com/iam/home#/security_credentials".into(),
            session_data: None,
            navigation_text: Some("Account ID: 1234-5678-9012".into()),
            navigation_has_user_line: false,
            ..Default::default()
        }
        .recognise();
        assert_eq!(r.session.principal, Principal::Root);
        assert!(r.session_problem.is_some());
    }
}

//! Page recognition and the verdict, on arbitrary observations.
//!
//! There is no HTML parser in the core: the content script reduces a page to
//! a `PageObservation` (URL, session meta tag, navigation bar text, the
//! tables that show access key IDs, headings, language, clock), and
//! `verdict::assess` decides from that. This target feeds `assess` every
//! such observation, built two ways:
//! - input starting with `{`: parsed as the observation's JSON (the shape
//!   the content script sends; the seeds are real observations), so the
//!   fuzzer mutates realistic pages;
//! - anything else: the fields drawn from the bytes with `arbitrary`, the URL
//!   either raw or assembled from a console host, a port, a path and a
//!   fragment, so host, route and session parsing are reached often.
//!
//! Each observation is assessed at its own clock and at the extremes of the
//! float clock. Host, route and session parsers are also called directly on
//! the raw strings.
#![no_main]

use arbitrary::{Arbitrary, Unstructured};
use libfuzzer_sys::fuzz_target;
use rootguard::console::mfa::ObservedSection;
use rootguard::console::table::{ObservedItem, ObservedTable};
use rootguard::console::{ConsoleHost, ConsolePage, PageObservation, Session};
use rootguard::csv::is_access_key_id;
use rootguard::verdict::assess;

const HOSTS: &[&str] = &[
    "console.aws.amazon.com",
    "us-east-1.console.aws.amazon.com",
    "123456789012-abcd1234.us-west-2.console.aws.amazon.com",
    "console.amazonaws.cn",
    "cn-north-1.console.amazonaws.cn",
    "console.amazonaws-us-gov.com",
    "us-gov-west-1.console.amazonaws-us-gov.com",
    "example.com",
];

#[derive(Arbitrary, Debug)]
enum Url {
    Raw(String),
    Parts { host: u8, prefix: Option<String>, port: Option<u16>, path: String, fragment: String },
}

impl Url {
    fn render(&self) -> String {
        match self {
            Url::Raw(url) => url.clone(),
            Url::Parts { host, prefix, port, path, fragment } => {
                let host = HOSTS[usize::from(*host) % HOSTS.len()];
                let prefix = prefix.as_deref().map(|p| format!("{p}.")).unwrap_or_default();
                let port = port.map(|p| format!(":{p}")).unwrap_or_default();
                format!("https://{prefix}{host}{port}/{path}#{fragment}")
            }
        }
    }
}

#[derive(Arbitrary, Debug)]
struct Observation {
    url: Url,
    session_data: Option<String>,
    navigation_text: Option<String>,
    navigation_has_user_line: bool,
    lang: String,
    console_locale: Option<String>,
    browser_language: String,
    tables: Vec<(Vec<String>, Vec<Vec<String>>)>,
    items: Vec<Vec<String>>,
    headings: Vec<String>,
    sections: Vec<(String, usize)>,
    settled: bool,
    now_ms: f64,
}

impl Observation {
    fn build(self) -> PageObservation {
        PageObservation {
            url: self.url.render(),
            session_data: self.session_data,
            navigation_text: self.navigation_text,
            navigation_has_user_line: self.navigation_has_user_line,
            lang: self.lang,
            console_locale: self.console_locale,
            browser_language: self.browser_language,
            tables: self
                .tables
                .into_iter()
                .map(|(headers, rows)| ObservedTable { headers, rows })
                .collect(),
            items: self.items.into_iter().map(|texts| ObservedItem { texts }).collect(),
            headings: self.headings,
            sections: self
                .sections
                .into_iter()
                .map(|(heading, rows)| ObservedSection { heading, rows })
                .collect(),
            settled: self.settled,
            now_ms: self.now_ms,
        }
    }
}

/// `assess` at the observed clock and at the extremes a float clock
/// converts to (the content script sends `Date.now()`; nothing stops a
/// broken or hostile clock from being anything).
fn check(observation: &PageObservation) {
    let mut at_extreme = observation.clone();
    for now_ms in [f64::MAX, f64::MIN, f64::NAN] {
        at_extreme.now_ms = now_ms;
        check_verdict(&at_extreme);
    }
    check_verdict(observation);
}

fn check_verdict(observation: &PageObservation) {
    let verdict = assess(observation);
    // The bridge hands the verdict to JavaScript as JSON-compatible data.
    serde_json::to_string(&verdict).expect("a verdict always serialises");
    if verdict.recognition.host.is_none() {
        // Off the console RootGuard does nothing.
        assert!(verdict.notices.is_empty() && verdict.badges.is_empty(), "{verdict:?}");
        assert_eq!(verdict.recognition.page, ConsolePage::Other);
    }
    for badge in &verdict.badges {
        assert!(is_access_key_id(&badge.key_id), "{badge:?}");
    }
    let ids: Vec<&str> = verdict.badges.iter().map(|b| b.key_id.as_str()).collect();
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(ids.len(), unique.len(), "one badge per key");
    // The users list: one badge per user, none off the console.
    assert!(verdict.recognition.host.is_some() || verdict.user_badges.is_empty());
    let mut users: Vec<&str> = verdict.user_badges.iter().map(|b| b.user_name.as_str()).collect();
    let listed = users.len();
    users.sort_unstable();
    users.dedup();
    assert_eq!(listed, users.len(), "one badge per user");

    // The parsers underneath, on the raw strings.
    let url = observation.url.as_str();
    let _ = ConsoleHost::parse(url);
    let (path, fragment) = url.split_once('#').unwrap_or((url, ""));
    let _ = ConsolePage::from_location(path, fragment);
    let _ = ConsolePage::from_location(url, url);
    if let Some(json) = &observation.session_data {
        let _ = Session::from_session_data(json);
    }
    if let Some(text) = &observation.navigation_text {
        let _ = Session::from_navigation(text, observation.navigation_has_user_line);
    }
}

fuzz_target!(|data: &[u8]| {
    if data.first() == Some(&b'{') {
        if let Ok(observation) = serde_json::from_slice::<PageObservation>(data) {
            check(&observation);
        }
        return;
    }
    if let Ok(observation) = Observation::arbitrary_take_rest(Unstructured::new(data)) {
        check(&observation.build());
    }
});

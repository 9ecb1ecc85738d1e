//! Drift reports: when RootGuard does not understand a console page, the
//! user can copy a report of the page's structure and paste it into a public
//! bug tracker. The report keeps what says how the page is built (tag names,
//! roles, ARIA state, `data-testid`, design-system class names without their
//! hashes, table headers, the route's shape) and replaces every other text by
//! its shape, so it never carries a secret, an account ID, an email, a user
//! name or a URL query value. `docs/DRIFT-REPORT.md` is the format.
//!
//! The content script hands over the page as a tree of [`PageNode`]s; this
//! module alone decides what of it may leave the browser.

use serde::Serialize;

use crate::console::{PageObservation, Principal, Session};

/// The report format's version (`docs/DRIFT-REPORT.md`).
pub const REPORT_VERSION: u32 = 1;
/// At most this many nodes are reported; the rest is cut (`truncated`).
pub const MAX_NODES: usize = 4000;
/// Nodes deeper than this are cut (`truncated`).
pub const MAX_DEPTH: usize = 48;
/// A shaped text keeps at most this many characters, then `…`.
const MAX_TEXT: usize = 80;

/// One element of the page as the content script saw it: its tag, its
/// attributes, the text directly inside it, and its child elements.
#[derive(Debug, Clone, Default)]
pub struct PageNode {
    /// The element's tag name.
    pub tag: String,
    /// Its attributes, name and value, in document order.
    pub attrs: Vec<(String, String)>,
    /// The text of its own text nodes (not its children's).
    pub text: String,
    /// Its child elements.
    pub children: Vec<PageNode>,
}

/// A page report, safe to paste in public.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DriftReport {
    /// [`REPORT_VERSION`].
    pub version: u32,
    /// The page's address with every identifying part shaped and no query values.
    pub route: String,
    /// The page's root element.
    pub page: ReportNode,
    /// How many nodes the report holds.
    pub nodes: usize,
    /// Whether nodes were cut ([`MAX_NODES`], [`MAX_DEPTH`]).
    pub truncated: bool,
}

/// One element in a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportNode {
    /// The tag name (`unknown` for anything that is not an element name).
    pub tag: String,
    /// The attributes the report keeps, each as kept (see `attribute`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub attrs: Vec<(String, String)>,
    /// Its text: as written in a table header, else its shape.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub text: String,
    /// Its child elements.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<ReportNode>,
}

/// Build the report for the page at `url`. `identities` are strings the
/// session published that must not appear even where words are kept (the
/// account ID, the account alias, the user or role name): each is replaced
/// by its shape wherever it occurs.
pub fn build(url: &str, root: &PageNode, identities: &[&str]) -> DriftReport {
    let scrubber = Scrubber::new(identities);
    let mut budget = Budget { left: MAX_NODES, truncated: false };
    let page = report_node(root, 0, &scrubber, &mut budget);
    DriftReport {
        version: REPORT_VERSION,
        route: route(url, &scrubber),
        page,
        nodes: MAX_NODES - budget.left,
        truncated: budget.truncated,
    }
}

/// The report for an observed page: its URL, and the identities its session
/// publishes ([`identities`]).
pub fn report_for(observation: &PageObservation, root: &PageNode) -> DriftReport {
    let identities = identities(observation);
    let borrowed: Vec<&str> = identities.iter().map(String::as_str).collect();
    build(&observation.url, root, &borrowed)
}

/// What a page's session tells about who is signed in, which no report may
/// carry even where words are kept: the account ID (also as the console
/// writes it, `1234-5678-9012`), the IAM user's name, and every word of the
/// navigation bar's account menu (alias, user, email).
pub fn identities(observation: &PageObservation) -> Vec<String> {
    let mut found = Vec::new();
    if let Some(session) =
        observation.session_data.as_deref().and_then(|json| Session::from_session_data(json).ok())
    {
        if let Some(account) = session.account_id {
            if account.len() == 12 {
                found.push(format!("{}-{}-{}", &account[..4], &account[4..8], &account[8..]));
            }
            found.push(account);
        }
        if let Principal::IamUser { name: Some(name) } = session.principal {
            found.push(name);
        }
    }
    if let Some(menu) = &observation.navigation_text {
        // Every other word of the account menu may name someone (an alias,
        // a role session), except the menu's own labels: scrubbing those
        // would also scrub `account-detail-menu`, the very markup a report
        // must show (and a replay needs to tell who is signed in).
        let separators = |c: char| c.is_whitespace() || "@|/:(),".contains(c);
        found.extend(
            menu.split(separators)
                .filter(|word| word.chars().count() >= 3 && !is_menu_label(word))
                .map(str::to_owned),
        );
    }
    found
}

/// The account menu's label words ("Account ID:", "IAM user:", "Federated
/// user:") in the console's languages. A name that is one of these words
/// is a label's word already, so keeping it tells nothing.
fn is_menu_label(word: &str) -> bool {
    const LABELS: &[&str] = &[
        "account",
        "iam",
        "user",
        "federated",
        "konto-id",
        "konto",
        "iam-benutzer",
        "benutzer",
        "verbundbenutzer",
        "compte",
        "utilisateur",
        "fédéré",
        "cuenta",
        "usuario",
        "federado",
        "アカウント",
        "ユーザー",
        "フェデレーティッドユーザー",
        "账户",
        "用户",
        "联合用户",
        "계정",
        "사용자",
        "페더레이션",
        "페더레이션된",
    ];
    LABELS.iter().any(|label| word.eq_ignore_ascii_case(label))
}

struct Budget {
    left: usize,
    truncated: bool,
}

fn report_node(
    node: &PageNode,
    depth: usize,
    scrubber: &Scrubber,
    budget: &mut Budget,
) -> ReportNode {
    budget.left -= 1;
    let tag = tag_name(&scrubber.scrub(&node.tag));
    let is_header = tag == "th"
        || node
            .attrs
            .iter()
            .any(|(name, value)| name.eq_ignore_ascii_case("role") && value == "columnheader");
    let text = if is_header { scrubber.scrub(&node.text) } else { shape(&node.text) };
    let attrs =
        node.attrs.iter().filter_map(|(name, value)| attribute(name, value, scrubber)).collect();
    let mut children = Vec::new();
    for child in &node.children {
        if budget.left == 0 || depth + 1 >= MAX_DEPTH {
            budget.truncated = true;
            break;
        }
        children.push(report_node(child, depth + 1, scrubber, budget));
    }
    ReportNode { tag, attrs, text: cap(&text), children }
}

/// A tag name as reported: HTML and custom-element names only.
fn tag_name(tag: &str) -> String {
    let tag = tag.to_ascii_lowercase();
    let custom = tag.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !tag.is_empty() && custom && tag.as_bytes()[0].is_ascii_lowercase() {
        tag
    } else {
        "unknown".to_owned()
    }
}

/// Attributes whose value is free text: only its shape is reported.
const TEXT_ATTRIBUTES: [&str; 8] = [
    "aria-label",
    "aria-description",
    "aria-valuetext",
    "aria-placeholder",
    "aria-roledescription",
    "title",
    "placeholder",
    "alt",
];
/// Attributes whose presence matters, never their value.
const PRESENCE_ATTRIBUTES: [&str; 8] =
    ["href", "download", "src", "value", "disabled", "checked", "hidden", "readonly"];
/// Attributes whose value names structure: kept, scrubbed.
const TOKEN_ATTRIBUTES: [&str; 5] = ["role", "data-testid", "id", "name", "type"];

fn attribute(name: &str, value: &str, scrubber: &Scrubber) -> Option<(String, String)> {
    let name = name.to_ascii_lowercase();
    let kept = if name == "class" {
        classes(value, scrubber)
    } else if TEXT_ATTRIBUTES.contains(&name.as_str()) {
        cap(&shape(value))
    } else if PRESENCE_ATTRIBUTES.contains(&name.as_str()) {
        String::new()
    } else if TOKEN_ATTRIBUTES.contains(&name.as_str()) || name.starts_with("aria-") {
        cap(&scrubber.scrub(value))
    } else {
        return None;
    };
    Some((name, kept))
}

/// Class names without the hashes a CSS-in-JS build appends
/// (`awsui_table_wih1l_1oas0_5` → `awsui_table`), scrubbed, deduplicated.
fn classes(value: &str, scrubber: &Scrubber) -> String {
    let mut kept: Vec<String> = Vec::new();
    for class in value.split_ascii_whitespace() {
        let mut parts: Vec<&str> = class.split('_').collect();
        while parts.len() > 1
            && parts.last().is_some_and(|p| p.is_empty() || p.bytes().any(|b| b.is_ascii_digit()))
        {
            parts.pop();
        }
        let stripped = scrubber.scrub(&parts.join("_"));
        if !kept.contains(&stripped) {
            kept.push(stripped);
        }
    }
    kept.join(" ")
}

/// Words a console route is made of; any other path or fragment segment
/// (a user name, a role name, a bucket) is reported by its shape.
const ROUTE_WORDS: [&str; 24] = [
    "iam",
    "iamv2",
    "home",
    "console",
    "security_credentials",
    "access-key-wizard",
    "create-access-key",
    "users",
    "roles",
    "groups",
    "policies",
    "details",
    "create",
    "s3",
    "ec2",
    "billing",
    "organizations",
    "identity_providers",
    "account_settings",
    "v2",
    "buckets",
    "instances",
    "dashboard",
    "downloads-lab",
];

/// The page's address: the host shaped where it names an account, every
/// path and fragment segment that is not a console route word shaped, and
/// query parameters by name only.
fn route(url: &str, scrubber: &Scrubber) -> String {
    let (before_fragment, fragment) = url.split_once('#').unwrap_or((url, ""));
    let (scheme, rest) = before_fragment.split_once("://").unwrap_or(("", before_fragment));
    let (host, path_and_query) = rest.split_once('/').map_or((rest, ""), |(h, p)| (h, p));
    let mut out = String::new();
    if !scheme.is_empty() {
        out.push_str(&scheme.to_ascii_lowercase());
        out.push_str("://");
    }
    let host = host.rsplit('@').next().unwrap_or_default(); // never a user-info part
    out.push_str(&scrubber.scrub(&host.to_ascii_lowercase()));
    out.push('/');
    out.push_str(&path_with_query(path_and_query));
    if url.contains('#') {
        out.push('#');
        out.push_str(&path_with_query(fragment));
    }
    out
}

fn path_with_query(text: &str) -> String {
    let (path, query) = text.split_once('?').map_or((text, None), |(p, q)| (p, Some(q)));
    let segments: Vec<String> = path
        .split('/')
        .map(|segment| {
            if ROUTE_WORDS.contains(&segment) || segment.is_empty() {
                segment.to_owned()
            } else {
                shape(segment)
            }
        })
        .collect();
    let mut out = segments.join("/");
    if let Some(query) = query {
        let names: Vec<String> = query
            .split('&')
            .filter(|pair| !pair.is_empty())
            .map(|pair| {
                let name = pair.split_once('=').map_or(pair, |(n, _)| n);
                let name =
                    if name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-') {
                        name.to_owned()
                    } else {
                        shape(name)
                    };
                format!("{name}=")
            })
            .collect();
        out.push('?');
        out.push_str(&names.join("&"));
    }
    out
}

/// Text replaced by its shape: ASCII letters → `a`/`A` by case, ASCII
/// digits → `9`, any other non-ASCII character → `a`, runs of white space →
/// one space; ASCII punctuation kept. Access key IDs become
/// `AKIA****************`: that a key ID is there is what a report is for.
/// (ASCII-only classes keep Unicode's tables out of the Wasm core.)
pub fn shape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    let mut word = String::new();
    for c in text.trim().chars().chain(std::iter::once('\u{0}')) {
        if c.is_ascii_alphanumeric() {
            word.push(c);
            space = false;
            continue;
        }
        if !word.is_empty() {
            out.push_str(
                &masked_key_id(&word).unwrap_or_else(|| word.chars().map(shape_char).collect()),
            );
            word.clear();
        }
        if c == '\u{0}' {
            break;
        }
        if c.is_whitespace() {
            if !space {
                out.push(' ');
            }
            space = true;
            continue;
        }
        space = false;
        out.push(shape_char(c));
    }
    out
}

fn shape_char(c: char) -> char {
    if c.is_ascii_digit() {
        '9'
    } else if c.is_ascii_uppercase() {
        'A'
    } else if c.is_ascii_lowercase() || !c.is_ascii() {
        'a'
    } else {
        c
    }
}

/// `AKIA****************` for an access key ID (`AKIA`/`ASIA` and 16 more uppercase letters or digits).
fn masked_key_id(word: &str) -> Option<String> {
    let bytes = word.as_bytes();
    let key_id = bytes.len() == 20
        && (word.starts_with("AKIA") || word.starts_with("ASIA"))
        && bytes.iter().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    key_id.then(|| format!("{}****************", &word[..4]))
}

fn cap(text: &str) -> String {
    if text.chars().count() <= MAX_TEXT {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(MAX_TEXT).collect();
    out.push('…');
    out
}

/// Where words are kept (table headers, token attributes, class names, the
/// host), what could still identify someone is shaped: the session's
/// identities, access key IDs (masked as `AKIA****************`), anything
/// with an `@`, long digit runs, and long runs of base64 letters (a secret).
struct Scrubber {
    identities: Vec<String>,
}

impl Scrubber {
    fn new(identities: &[&str]) -> Scrubber {
        let mut identities: Vec<String> = identities
            .iter()
            .map(|i| i.trim().to_ascii_lowercase())
            .filter(|i| i.chars().count() >= 3)
            .collect();
        // Longest first, so that one identity inside another is replaced whole.
        identities.sort_unstable_by_key(|i| std::cmp::Reverse(i.len()));
        Scrubber { identities }
    }

    fn scrub(&self, text: &str) -> String {
        let mut text = text.to_owned();
        for identity in &self.identities {
            text = replace_ignoring_case(&text, identity);
        }
        text.split(' ').map(scrub_token).collect::<Vec<_>>().join(" ")
    }
}

/// `text` with every occurrence of `identity` (ASCII-lowercased) replaced by
/// its shape, ignoring ASCII case (other letters must match as written).
fn replace_ignoring_case(text: &str, identity: &str) -> String {
    let lower = text.to_ascii_lowercase();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    while let Some(found) = lower[at..].find(identity) {
        let start = at + found;
        let end = start + identity.len();
        out.push_str(&text[at..start]);
        out.push_str(&shape(&text[start..end]));
        at = end;
    }
    out.push_str(&text[at..]);
    out
}

fn scrub_token(token: &str) -> String {
    if token.contains('@') {
        return shape(token);
    }
    let mut out = String::with_capacity(token.len());
    let mut word = String::new();
    for c in token.chars().chain(std::iter::once('\u{0}')) {
        if c.is_ascii_alphanumeric() || c == '+' || c == '/' || c == '=' {
            word.push(c);
            continue;
        }
        out.push_str(&scrub_word(&word));
        word.clear();
        if c != '\u{0}' {
            out.push(c);
        }
    }
    out
}

fn scrub_word(word: &str) -> String {
    if let Some(masked) = masked_key_id(word) {
        return masked;
    }
    let bytes = word.as_bytes();
    let digits = bytes.iter().filter(|b| b.is_ascii_digit()).count();
    if bytes.len() >= 20 || digits >= 6 {
        return shape(word);
    }
    word.to_owned()
}

#[cfg(test)]
mod tests;

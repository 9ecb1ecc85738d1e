use super::*;

fn node(tag: &str, attrs: &[(&str, &str)], text: &str, children: Vec<PageNode>) -> PageNode {
    PageNode {
        tag: tag.to_owned(),
        attrs: attrs.iter().map(|(n, v)| ((*n).to_owned(), (*v).to_owned())).collect(),
        text: text.to_owned(),
        children,
    }
}

const CONSOLE: &str = "https://us-east-1.console.aws.amazon.com/iam/home#/security_credentials";

#[test]
fn keeps_structure_and_headers_and_shapes_the_rest() {
    let page = node(
        "table",
        &[("class", "awsui_table_wih1l_1oas0_5 awsui_table_wih1l_1oas0_5"), ("role", "table")],
        "",
        vec![
            node(
                "th",
                &[("class", "awsui_header-cell_1spae_1oas0_1")],
                "Access key last used",
                vec![],
            ),
            node(
                "td",
                &[("data-testid", "inner-text")],
                "AKIAIOSFODNN7EXAMPLE",
                vec![node(
                    "a",
                    &[("href", "https://example.com/?q=1"), ("aria-label", "Show alice's key")],
                    "Show",
                    vec![],
                )],
            ),
            node(
                "td",
                &[("style", "color: red"), ("onclick", "steal()")],
                "May 13, 2024, 13:01 (UTC+05:30)",
                vec![],
            ),
        ],
    );
    let report = build(CONSOLE, &page, &[]);
    assert_eq!(report.version, REPORT_VERSION);
    assert_eq!(report.nodes, 5);
    assert!(!report.truncated);
    let table = &report.page;
    assert_eq!(
        table.attrs,
        vec![
            ("class".to_owned(), "awsui_table".to_owned()),
            ("role".to_owned(), "table".to_owned())
        ]
    );
    assert_eq!(table.children[0].text, "Access key last used", "a table header is kept as written");
    assert_eq!(table.children[0].attrs[0].1, "awsui_header-cell", "class hashes are stripped");
    assert_eq!(
        table.children[1].text, "AKIA****************",
        "a key ID in text is masked: its kind is kept"
    );
    assert_eq!(table.children[1].attrs, vec![("data-testid".to_owned(), "inner-text".to_owned())]);
    let link = &table.children[1].children[0];
    assert_eq!(
        link.attrs,
        vec![
            ("href".to_owned(), String::new()),
            ("aria-label".to_owned(), "Aaaa aaaaa'a aaa".to_owned())
        ]
    );
    assert_eq!(table.children[2].attrs, vec![], "style and handlers are not reported");
    assert_eq!(table.children[2].text, "Aaa 99, 9999, 99:99 (AAA+99:99)");
}

#[test]
fn key_ids_in_kept_words_are_masked_and_identities_shaped() {
    let page = node(
        "div",
        &[
            ("data-testid", "key-AKIAIOSFODNN7EXAMPLE"),
            ("id", "user-alice-details"),
            ("aria-controls", "formField123456-7"),
        ],
        "",
        vec![node("th", &[], "Keys of Alice (123456789012)", vec![])],
    );
    let report = build(CONSOLE, &page, &["alice", "123456789012"]);
    assert_eq!(report.page.attrs[0].1, "key-AKIA****************");
    assert_eq!(report.page.attrs[1].1, "user-aaaaa-details");
    assert_eq!(
        report.page.attrs[2].1, "aaaaAaaaa999999-7",
        "a word with a long digit run is shaped whole"
    );
    assert_eq!(report.page.children[0].text, "Keys of Aaaaa (999999999999)");
}

#[test]
fn routes_keep_console_words_only() {
    let cases = [
        (CONSOLE, "https://us-east-1.console.aws.amazon.com/iam/home#/security_credentials"),
        (
            "https://us-east-1.console.aws.amazon.com/iam/home?region=us-east-1&token=abc#/users/details/alice?section=security_credentials",
            "https://us-east-1.console.aws.amazon.com/iam/home?region=&token=#/users/details/aaaaa?section=",
        ),
        (
            "https://123456789012-abcd1234.us-east-1.console.aws.amazon.com/iam/home#/roles/details/Admin",
            "https://999999999999-abcd1234.us-east-1.console.aws.amazon.com/iam/home#/roles/details/Aaaaa",
        ),
        ("https://me:pw@console.amazonaws.cn/s3/buckets/my-bucket", "https://console.amazonaws.cn/s3/buckets/aa-aaaaaa"),
    ];
    for (url, expected) in cases {
        assert_eq!(build(url, &PageNode::default(), &[]).route, expected, "{url}");
    }
}

#[test]
fn long_or_deep_pages_are_cut_and_say_so() {
    let mut deep = node("div", &[], "", vec![]);
    for _ in 0..(MAX_DEPTH + 10) {
        deep = node("div", &[], "", vec![deep]);
    }
    let report = build(CONSOLE, &deep, &[]);
    assert!(report.truncated);
    assert_eq!(report.nodes, MAX_DEPTH);
    let wide =
        node("ul", &[], "", (0..MAX_NODES + 10).map(|_| node("li", &[], "x", vec![])).collect());
    let report = build(CONSOLE, &wide, &[]);
    assert!(report.truncated);
    assert_eq!(report.nodes, MAX_NODES);
    assert!(build(CONSOLE, &node("p", &[], &"word ".repeat(100), vec![]), &[])
        .page
        .text
        .ends_with('…'));
}

/// Canaries: what a report must never carry, in any place a page can put it.
const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const KEY_ID: &str = "AKIAIOSFODNN7EXAMPLE";
const ACCOUNT: &str = "123456789012";
const EMAIL: &str = "canary.owner@example.com";
const USER: &str = "canary-user-7";
const ALIAS: &str = "canarycorp";
const QUERY_VALUE: &str = "querycanaryvalue";

/// A small deterministic generator (xorshift): the same pages on every run.
struct Random(u64);
impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[(self.next() % from.len() as u64) as usize]
    }
}

fn hostile_text(random: &mut Random) -> String {
    let canaries =
        [SECRET, KEY_ID, ACCOUNT, EMAIL, USER, ALIAS, "Access key ID", "None", "1 hour ago"];
    let glue = [" ", "-", "_", "/", ":", "(", ")", ",", "", "\u{a0}", " by "];
    let mut text = String::new();
    for _ in 0..(1 + random.next() % 4) {
        text.push_str(random.pick(&glue));
        let canary = random.pick(&canaries);
        text.push_str(&match random.next() % 3 {
            0 => canary.to_owned(),
            1 => canary.to_uppercase(),
            _ => canary.to_lowercase(),
        });
    }
    text
}

fn hostile_page(random: &mut Random, depth: usize) -> PageNode {
    let tags = ["div", "span", "th", "td", "a", "button", "awsui-x", "input", "Canary-User-7"];
    let names = [
        "class",
        "data-testid",
        "role",
        "id",
        "name",
        "type",
        "aria-label",
        "aria-controls",
        "aria-hidden",
        "title",
        "href",
        "value",
        "style",
        "data-user",
    ];
    let attrs = (0..random.next() % 5)
        .map(|_| (random.pick(&names).to_owned(), hostile_text(random)))
        .collect();
    let mut attrs: Vec<(String, String)> = attrs;
    if random.next() % 4 == 0 {
        attrs.push(("role".to_owned(), "columnheader".to_owned()));
    }
    let children = if depth < 4 {
        (0..random.next() % 4).map(|_| hostile_page(random, depth + 1)).collect()
    } else {
        Vec::new()
    };
    PageNode { tag: random.pick(&tags).to_owned(), attrs, text: hostile_text(random), children }
}

#[test]
fn no_report_carries_a_secret_account_email_user_or_query_value() {
    let mut random = Random(0x5eed_cafe_f00d_1234);
    let forbidden = [SECRET, KEY_ID, ACCOUNT, EMAIL, USER, ALIAS, QUERY_VALUE];
    for round in 0..2000 {
        let page = hostile_page(&mut random, 0);
        let url = format!(
            "https://{ACCOUNT}-abcd1234.us-east-1.console.aws.amazon.com/iam/home?who={QUERY_VALUE}#/users/details/{USER}/{EMAIL}?key={KEY_ID}&s={SECRET}"
        );
        // The session published the account, its alias and the user name.
        let report = build(&url, &page, &[ACCOUNT, ALIAS, USER]);
        let json = serde_json::to_string(&report).expect("a report serializes");
        let lower = json.to_lowercase();
        for canary in forbidden {
            assert!(!lower.contains(&canary.to_lowercase()), "round {round}: {canary} in {json}");
            let escaped = serde_json::to_string(canary).expect("a string serializes");
            assert!(
                !json.contains(escaped.trim_matches('"')),
                "round {round}: {canary} (as JSON) in {json}"
            );
        }
        // The secret without its own punctuation, split where a page might split it.
        for piece in SECRET.split(['/', '+']) {
            if piece.len() >= 12 {
                assert!(!json.contains(piece), "round {round}: part of the secret in {json}");
            }
        }
    }
}

#[test]
fn an_observed_session_names_what_to_keep_out() {
    let observation = PageObservation {
        url: "https://us-east-1.console.aws.amazon.com/iam/home#/users/details/alice".to_owned(),
        session_data: Some(
            r#"{"accountId":"123456789012","sessionARN":"arn:aws:iam::123456789012:user/alice"}"#
                .to_owned(),
        ),
        navigation_text: Some("alice @ example-corp | Account ID: 1234-5678-9012".to_owned()),
        ..PageObservation::default()
    };
    let found = identities(&observation);
    for expected in ["123456789012", "1234-5678-9012", "alice", "example-corp"] {
        assert!(found.iter().any(|f| f == expected), "{expected} in {found:?}");
    }
    let page =
        node("th", &[("data-testid", "example-corp-1234-5678-9012")], "Keys of alice", vec![]);
    let report = report_for(&observation, &page);
    assert_eq!(report.page.attrs[0].1, "aaaaaaa-aaaa-9999-9999-9999");
    assert_eq!(report.page.text, "Keys of aaaaa");
    assert_eq!(
        report.route,
        "https://us-east-1.console.aws.amazon.com/iam/home#/users/details/aaaaa"
    );
}

#[test]
fn the_account_menus_own_labels_are_not_identities() {
    // The navigation bar's words around the names (console-facts.md): the
    // labels stay, so `account-detail-menu` survives; the names do not.
    let observation = PageObservation {
        navigation_text: Some("Account ID: 1234-5678-9012 IAM user: alice".to_owned()),
        ..PageObservation::default()
    };
    let found = identities(&observation);
    assert!(found.iter().any(|f| f == "alice"), "{found:?}");
    assert!(!found.iter().any(|f| f == "Account" || f == "IAM" || f == "user"), "{found:?}");
    let page = node("div", &[("data-testid", "account-detail-menu")], "IAM user: alice", vec![]);
    let report = report_for(&observation, &page);
    assert_eq!(report.page.attrs[0].1, "account-detail-menu");
    assert!(!report.page.text.contains("alice"));
}

#[test]
fn shapes_keep_every_word_apart() {
    assert_eq!(
        shape("  AKIAIOSFODNN7EXAMPLE alice   123456789012\n\tok "),
        "AKIA**************** aaaaa 999999999999 aa"
    );
    assert_eq!(shape("Zoë, 1 hour ago"), "Aaa, 9 aaaa aaa");
}

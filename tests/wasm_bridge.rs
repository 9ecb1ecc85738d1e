//! The wasm-bindgen bridge, run in real headless browsers by
//! `wasm-bindgen-test-runner` (see build.sh): JavaScript values in, the
//! core's decisions out, errors as JavaScript `Error`s.
#![cfg(target_arch = "wasm32")]
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

use js_sys::{Array, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

use rootguard::core_signature;
use rootguard::wasm::{
    assess_page, classify_captured_download, classify_reported_download, data_url_bytes,
};

wasm_bindgen_test_configure!(run_in_browser);

fn get(value: &JsValue, path: &[&str]) -> JsValue {
    path.iter().fold(value.clone(), |v, key| Reflect::get(&v, &JsValue::from_str(key)).unwrap())
}

fn observation(url: &str, arn: &str) -> JsValue {
    let json = format!(
        r#"{{"url":"{url}","sessionData":"{{\"accountId\":\"123456789012\",\"sessionARN\":\"{arn}\"}}"}}"#
    );
    js_sys::JSON::parse(&json).unwrap()
}

#[wasm_bindgen_test]
fn root_warning_crosses_the_bridge_as_plain_js_data() {
    let verdict = assess_page(
        observation(
            "https://us-east-1.console.aws.amazon.com/iam/home#/security_credentials",
            "arn:aws:iam::123456789012:root",
        ),
        JsValue::UNDEFINED,
    )
    .unwrap();
    assert_eq!(get(&verdict, &["decidedBy"]).as_string().unwrap(), core_signature());
    assert!(core_signature().ends_with("wasm32"));
    assert_eq!(
        get(&verdict, &["recognition", "page", "kind"]).as_string().unwrap(),
        "security-credentials"
    );
    let notices = Array::from(&get(&verdict, &["notices"]));
    assert_eq!(notices.length(), 1);
    assert_eq!(get(&notices.get(0), &["kind"]).as_string().unwrap(), "root-warning");
    let args = Array::from(&get(&notices.get(0), &["args"]));
    assert_eq!(args.get(0).as_string().unwrap(), "1234-5678-9012");
}

#[wasm_bindgen_test]
fn unreadable_observation_is_a_js_error_with_a_message() {
    let error = assess_page(JsValue::from_f64(42.0), JsValue::UNDEFINED).unwrap_err();
    let error: JsValue = error.into();
    assert!(error.is_instance_of::<js_sys::Error>());
    let message = get(&error, &["message"]).as_string().unwrap();
    assert!(message.contains("unreadable page observation"), "{message}");
    assert_eq!(get(&error, &["name"]).as_string().unwrap(), "UnreadableObservation");
}

#[wasm_bindgen_test]
fn downloads_are_classified_by_name_content_and_size() {
    let csv = b"Access key ID,Secret access key\r\nAKIAIOSFODNN7EXAMPLE,wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\r\n";
    let class = classify_captured_download("download.csv", csv).unwrap();
    assert_eq!(get(&class, &["byContent"]), JsValue::TRUE);
    assert_eq!(get(&class, &["byName"]), JsValue::FALSE);
    assert_eq!(get(&class, &["credentials"]), JsValue::TRUE);
    let list =
        classify_captured_download("access-keys-list.csv", b"Access key ID,Status\n").unwrap();
    assert_eq!(get(&list, &["credentials"]), JsValue::FALSE);
    let large = classify_reported_download("rootkey.csv", 120.0 * 1024.0 * 1024.0).unwrap();
    assert_eq!(get(&large, &["tooLarge"]), JsValue::TRUE);
    assert_eq!(get(&large, &["credentials"]), JsValue::FALSE);
    let unknown = classify_reported_download("rootkey.csv", -1.0).unwrap();
    assert_eq!(get(&unknown, &["credentials"]), JsValue::TRUE);
}

#[wasm_bindgen_test]
fn data_urls_are_read_by_the_core_and_errors_keep_their_name() {
    assert_eq!(data_url_bytes("DATA:text/csv;BASE64,YSxi").unwrap(), b"a,b");
    let error: JsValue = data_url_bytes("data:;base64,@@@").unwrap_err().into();
    assert_eq!(get(&error, &["name"]).as_string().unwrap(), "InvalidBase64");
    assert!(error.is_instance_of::<js_sys::Error>());
}

#[wasm_bindgen_test]
fn export_refuses_weak_passphrases_as_a_js_error() {
    let error: JsValue =
        rootguard::wasm::seal_export(b"x", "rootkey.csv", "short", false, None).unwrap_err().into();
    let message = get(&error, &["message"]).as_string().unwrap();
    assert!(message.contains("too weak"), "{message}");
    assert_eq!(get(&error, &["name"]).as_string().unwrap(), "WeakPassphrase");
    let rating = rootguard::wasm::rate_passphrase("correct horse battery staple").unwrap();
    assert_eq!(get(&rating, &["acceptable"]), JsValue::TRUE);
    assert_eq!(rootguard::wasm::encrypted_file_name("rootkey.csv"), "rootkey.csv.rootguard");
}

#[wasm_bindgen_test]
fn options_page_checks_cross_the_bridge() {
    use rootguard::wasm::{check_settings, default_settings, kdf_strengths, read_settings};
    let defaults = default_settings().unwrap();
    assert_eq!(get(&defaults, &["rotateDays"]).as_f64().unwrap(), 90.0);
    assert_eq!(get(&defaults, &["show", "key-badges"]), JsValue::TRUE);
    assert_eq!(get(&defaults, &["kdfStrength"]).as_string().unwrap(), "standard");
    assert_eq!(get(&defaults, &["exportMode"]).as_string().unwrap(), "passphrase");
    assert_eq!(Array::from(&get(&defaults, &["recipients"])).length(), 0);
    let round_trip = check_settings(defaults.clone(), JsValue::UNDEFINED, JsValue::NULL).unwrap();
    assert_eq!(
        js_sys::JSON::stringify(&round_trip).unwrap(),
        js_sys::JSON::stringify(&defaults).unwrap()
    );

    let candidate = js_sys::JSON::parse(r#"{"rotateDays":120,"criticalDays":100}"#).unwrap();
    let error: JsValue =
        check_settings(candidate.clone(), JsValue::UNDEFINED, JsValue::NULL).unwrap_err().into();
    let message = get(&error, &["message"]).as_string().unwrap();
    assert!(message.contains("must be longer than the rotation age"), "{message}");
    assert_eq!(get(&error, &["name"]).as_string().unwrap(), "CriticalNotAfterRotation");
    let error: JsValue = check_settings(
        js_sys::JSON::parse(r#"{"exportMode":"recipients"}"#).unwrap(),
        JsValue::UNDEFINED,
        JsValue::NULL,
    )
    .unwrap_err()
    .into();
    assert_eq!(get(&error, &["name"]).as_string().unwrap(), "NoRecipients");

    // Stored values are read, not trusted: bad ones fall back, undefined is absent.
    let read = read_settings(candidate, JsValue::UNDEFINED).unwrap();
    assert_eq!(get(&read, &["rotateDays"]).as_f64().unwrap(), 90.0);
    let stored = js_sys::Object::new();
    Reflect::set(&stored, &JsValue::from_str("revealSeconds"), &JsValue::UNDEFINED).unwrap();
    Reflect::set(&stored, &JsValue::from_str("clipboardSeconds"), &JsValue::from_f64(5.0)).unwrap();
    let read = read_settings(stored.into(), JsValue::UNDEFINED).unwrap();
    assert_eq!(get(&read, &["revealSeconds"]).as_f64().unwrap(), 60.0);
    assert_eq!(get(&read, &["clipboardSeconds"]).as_f64().unwrap(), 5.0);
    let times =
        read_settings(js_sys::JSON::parse(r#"{"revealSeconds":1}"#).unwrap(), JsValue::NULL)
            .unwrap();
    assert_eq!(
        get(&times, &["revealSeconds"]).as_f64().unwrap(),
        60.0,
        "out of range: the default"
    );
    assert!(read_settings(JsValue::NULL, JsValue::UNDEFINED).is_ok());

    // An organisation's policy wins, is locked, and the check holds to it.
    let managed =
        js_sys::JSON::parse(r#"{"rotateDays":60,"minimumKdfStrength":"strong"}"#).unwrap();
    let read = read_settings(JsValue::NULL, managed.clone()).unwrap();
    assert_eq!(get(&read, &["rotateDays"]).as_f64().unwrap(), 60.0);
    assert_eq!(get(&read, &["kdfStrength"]).as_string().unwrap(), "strong");
    let enforced = rootguard::wasm::enforced_settings(JsValue::NULL, managed.clone()).unwrap();
    assert_eq!(
        Array::from(&get(&enforced, &["locked"])).to_vec(),
        [JsValue::from_str("rotateDays")]
    );
    assert_eq!(get(&enforced, &["minimumKdfStrength"]).as_string().unwrap(), "strong");
    let error: JsValue =
        check_settings(defaults.clone(), managed, JsValue::NULL).unwrap_err().into();
    assert_eq!(get(&error, &["name"]).as_string().unwrap(), "SetByOrganisation");

    assert_eq!(kdf_strengths(), ["minimum", "standard", "strong"]);
    assert_eq!(rootguard::wasm::kdf_strength_params("minimum").unwrap(), vec![19_456, 2, 1]);
    let error: JsValue = rootguard::wasm::kdf_strength_params("ludicrous").unwrap_err().into();
    assert_eq!(get(&error, &["name"]).as_string().unwrap(), "UnknownKdfStrength");
}

/// The owner's settings reach the verdict: thresholds judge the keys, and
/// notices and badges say whether they are shown.
#[wasm_bindgen_test]
fn settings_cross_into_the_verdict() {
    let wizard = observation(
        "https://console.aws.amazon.com/iam/home#/security_credentials/access-key-wizard",
        "arn:aws:iam::123456789012:root",
    );
    let settings = js_sys::JSON::parse(
        r#"{"show":{"create-key-interstitial":false,"key-badges":false},"rotateDays":0}"#,
    )
    .unwrap();
    let verdict = assess_page(wizard, settings).unwrap();
    let notices = Array::from(&get(&verdict, &["notices"]));
    assert_eq!(notices.length(), 2, "notices the owner hides stay in the verdict");
    assert_eq!(get(&notices.get(0), &["kind"]).as_string().unwrap(), "create-key-interstitial");
    assert_eq!(get(&notices.get(0), &["shown"]), JsValue::FALSE);
    assert_eq!(get(&notices.get(1), &["shown"]), JsValue::TRUE);
    assert_eq!(get(&verdict, &["showBadges"]), JsValue::FALSE);
    let diagnostics = Array::from(&get(&verdict, &["diagnostics"]));
    assert_eq!(diagnostics.length(), 1);
    let diagnostic = diagnostics.get(0).as_string().unwrap();
    assert!(diagnostic.starts_with("RootGuard: stored thresholds ignored"), "{diagnostic}");
}

#[wasm_bindgen_test]
fn leak_findings_name_the_key_and_never_carry_the_secret() {
    let secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    let text = format!("key AKIAIOSFODNN7EXAMPLE secret {secret}");
    let found = rootguard::wasm::find_access_keys(&text).unwrap();
    let found = Array::from(&found);
    assert_eq!(found.length(), 1);
    let finding = found.get(0);
    assert_eq!(get(&finding, &["accessKeyId"]).as_string().unwrap(), "AKIAIOSFODNN7EXAMPLE");
    let start = get(&finding, &["secretAt", "start"]).as_f64().unwrap() as usize;
    let end = get(&finding, &["secretAt", "end"]).as_f64().unwrap() as usize;
    assert_eq!(&text[start..end], secret);
    let json = js_sys::JSON::stringify(&finding).unwrap().as_string().unwrap();
    assert!(!json.contains(secret), "{json}");
    let quiet =
        rootguard::wasm::find_access_keys("commit da39a3ee5e6b4b0d3255bfef95601890afd80709")
            .unwrap();
    assert_eq!(Array::from(&quiet).length(), 0);
}

/// The key-ID pattern content scripts receive is the core's rule in
/// JavaScript's own regular expressions.
#[wasm_bindgen_test]
fn the_key_id_pattern_is_the_cores_rule_in_javascript() {
    use rootguard::csv::is_access_key_id;
    let rules = rootguard::wasm::content_rules().unwrap();
    let source = get(&rules, &["keyIdPattern"]).as_string().unwrap();
    let id = "AKIAIOSFODNN7EXAMPLE";
    agrees_on_every_one_character_change(&source, id, is_access_key_id);
    let unanchored = js_sys::RegExp::new(&source, "");
    assert!(unanchored.test(&format!("Access key ID {id} Active")));
    assert!(!unanchored.test("AKIA1234"));
    // The secret's form, the same way.
    use rootguard::csv::is_secret_access_key;
    let secret = get(&rules, &["secretPattern"]).as_string().unwrap();
    let key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    agrees_on_every_one_character_change(&secret, key, is_secret_access_key);
    assert!(!js_sys::RegExp::new(&format!("^(?:{secret})$"), "").test(&key[1..]));
}

/// `pattern` (a JavaScript regular expression's source), matched whole by
/// JavaScript, and the core's `matcher` agree on `sample` and on every
/// change of one of its characters to any ASCII character.
fn agrees_on_every_one_character_change(pattern: &str, sample: &str, matcher: fn(&str) -> bool) {
    let anchored = js_sys::RegExp::new(&format!("^(?:{pattern})$"), "");
    for at in 0..sample.len() {
        for c in (0u8..=127).map(char::from) {
            let mut changed = sample.to_owned();
            changed.replace_range(at..at + 1, c.encode_utf8(&mut [0; 4]));
            assert_eq!(anchored.test(&changed), matcher(&changed), "{changed:?}");
        }
    }
}

/// Every field of the observation crosses the bridge (the bridge reads them
/// by hand, see `src/wasm/observation.rs`): lists may be any iterable, an
/// optional may be `null`.
#[wasm_bindgen_test]
fn every_observation_field_is_read() {
    let observation = js_sys::JSON::parse(
        r#"{"url":"https://us-east-1.console.aws.amazon.com/iam/home#/users/details/alice?section=security_credentials",
            "sessionData":"{\"accountId\":\"123456789012\",\"sessionARN\":\"arn:aws:iam::123456789012:user/alice\"}",
            "navigationText":null,"navigationHasUserLine":true,"lang":"en",
            "tables":[{"headers":["Access key ID","Created","Last used","Status"],
                       "rows":[["AKIAIOSFODNN7EXAMPLE","2020-01-01","Never","Active"]]}],
            "items":[{"texts":["Access key 2","AKIAJ7QZ2EXAMPLEKEY2 - Active. Never used. 30 days old."]}],
            "headings":["Access keys"],"settled":true,"nowMs":1767225600000}"#,
    )
    .unwrap();
    let tables = get(&observation, &["tables"]);
    let as_set = js_sys::Set::new(&tables);
    Reflect::set(&observation, &JsValue::from_str("tables"), &as_set).unwrap();
    let verdict = assess_page(observation, JsValue::NULL).unwrap();
    assert_eq!(get(&verdict, &["recognition", "page", "userName"]).as_string().unwrap(), "alice");
    let badges = Array::from(&get(&verdict, &["badges"]));
    assert_eq!(badges.length(), 2);
    assert_eq!(get(&badges.get(0), &["keyId"]).as_string().unwrap(), "AKIAIOSFODNN7EXAMPLE");
    assert!(get(&badges.get(0), &["ageDays"]).as_f64().unwrap() > 2000.0);
    assert_eq!(get(&badges.get(1), &["keyId"]).as_string().unwrap(), "AKIAJ7QZ2EXAMPLEKEY2");
    assert_eq!(get(&badges.get(1), &["ageDays"]).as_f64().unwrap(), 30.0);
    assert_eq!(Array::from(&get(&verdict, &["diagnostics"])).length(), 0);
}

/// A mistyped field is refused with its path; a missing one takes its default.
#[wasm_bindgen_test]
fn mistyped_observation_fields_are_named_in_the_error() {
    let message = |json: &str| {
        let error: JsValue =
            assess_page(js_sys::JSON::parse(json).unwrap(), JsValue::UNDEFINED).unwrap_err().into();
        get(&error, &["message"]).as_string().unwrap()
    };
    let m = message(r#"{"tables":[{"rows":["AKIAIOSFODNN7EXAMPLE"]}]}"#);
    assert!(m.contains("observation.tables[0].rows[0] should be an array"), "{m}");
    let m = message(r#"{"settled":"yes"}"#);
    assert!(m.contains("observation.settled should be true or false"), "{m}");
    let m = message(r#"{"nowMs":"1"}"#);
    assert!(m.contains("observation.nowMs should be a number"), "{m}");
    assert!(assess_page(js_sys::JSON::parse("{}").unwrap(), JsValue::UNDEFINED).is_ok());
    let present_but_undefined = js_sys::Object::new();
    Reflect::set(&present_but_undefined, &JsValue::from_str("url"), &JsValue::UNDEFINED).unwrap();
    let error: JsValue =
        assess_page(present_but_undefined.into(), JsValue::UNDEFINED).unwrap_err().into();
    let m = get(&error, &["message"]).as_string().unwrap();
    assert!(m.contains("observation.url should be a string"), "{m}");
}

#[wasm_bindgen_test]
fn shown_secret_and_clipboard_cross_the_bridge() {
    const ID: &str = "AKIAIOSFODNN7EXAMPLE";
    const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    use rootguard::wasm::{classify_copied, page_credentials_csv, page_credentials_file_name};
    assert_eq!(classify_copied(SECRET), "secret");
    assert_eq!(classify_copied(&format!("{ID},{SECRET}")), "credentials");
    assert_eq!(classify_copied(ID), "nothing");
    let csv = page_credentials_csv(ID, SECRET).unwrap();
    assert_eq!(csv, format!("Access key ID,Secret access key\r\n{ID},{SECRET}\r\n").into_bytes());
    let error: JsValue = page_credentials_csv(ID, "***************").unwrap_err().into();
    let message = get(&error, &["message"]).as_string().unwrap();
    assert!(message.contains("click Show first"), "{message}");
    assert_eq!(get(&error, &["name"]).as_string().unwrap(), "NotASecret");
    // The file is named from the page itself: the signed-in principal, or the wizard's IAM user.
    let base = "https://us-east-1.console.aws.amazon.com/iam/home";
    let wizard = format!("{base}#/security_credentials/access-key-wizard");
    let root = "arn:aws:iam::123456789012:root";
    let alice = "arn:aws:iam::123456789012:user/alice";
    assert_eq!(page_credentials_file_name(observation(&wizard, root)).unwrap(), "rootkey.csv");
    assert_eq!(
        page_credentials_file_name(observation(&wizard, alice)).unwrap(),
        "alice_accessKeys.csv"
    );
    let bobs_wizard = format!("{base}#/users/details/bob/create-access-key");
    assert_eq!(
        page_credentials_file_name(observation(&bobs_wizard, root)).unwrap(),
        "bob_accessKeys.csv"
    );
    let error: JsValue = page_credentials_file_name(JsValue::from_f64(1.0)).unwrap_err().into();
    assert_eq!(get(&error, &["name"]).as_string().unwrap(), "UnreadableObservation");
}

fn message(error: rootguard::wasm::BridgeError) -> String {
    let error: JsValue = error.into();
    get(&error, &["message"]).as_string().unwrap()
}

/// Whether sealing to `recipient` through the bridge writes version 3.
fn sealed_is_v3(recipient: &str) -> bool {
    let sealed =
        rootguard::wasm::seal_export_to_recipients(b"x", "x", vec![recipient.to_owned()], false)
            .unwrap();
    sealed.get(6..8) == Some(&[3, 2][..])
}

/// Recipients mode end to end through the bridge: check the strings, seal
/// to two recipients, tell the kind, open with one identity file.
#[wasm_bindgen_test]
fn recipients_cross_the_bridge() {
    use rootguard::envelope::KdfParams;
    use rootguard::identity::seal_identity_file;
    use rootguard::recipient::Identity;
    use rootguard::wasm::{envelope_kind, open_export_with_identity, seal_export_to_recipients};
    // The recipients as the bridge parses them for sealing.
    let refusal = |recipient: &str| {
        seal_export_to_recipients(b"x", "x", vec![recipient.to_owned()], false).unwrap_err()
    };

    let alice = Identity::from_bytes([1; 32]);
    let bob = Identity::from_bytes([2; 32]);
    let a = alice.recipient().to_string();
    assert!(sealed_is_v3(&format!("  {}\n", a.to_uppercase())), "either case, white space around");
    let m = message(refusal(&alice.to_secret_string()));
    assert!(m.contains("secret identity"), "{m}");
    let m = message(refusal(&a[..a.len() - 1]));
    assert!(m.contains("cut off"), "{m}");
    // alice's key with bit 255 set: refused with its name (the options
    // page shows the same through checkSettings).
    let mut high = *alice.recipient().as_bytes();
    high[31] |= 0x80;
    let high = bech32::encode_lower::<bech32::Bech32>(bech32::Hrp::parse("rgpub").unwrap(), &high)
        .unwrap();
    let error: JsValue = refusal(&high).into();
    assert_eq!(get(&error, &["name"]).as_string().unwrap(), "NonCanonicalKey");
    assert!(sealed_is_v3(&a), "the bridge seals version 3");

    let csv = b"Access key ID,Secret access key\r\nAKIAIOSFODNN7EXAMPLE,wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\r\n";
    let both = vec![a.clone(), bob.recipient().to_string()];
    let sealed = seal_export_to_recipients(csv, "rootkey.csv", both, false).unwrap();
    assert_eq!(envelope_kind(&sealed).unwrap(), "recipients");
    let m = message(envelope_kind(b"Access key ID,Secret access key\n").unwrap_err());
    assert!(m.contains("not a RootGuard encrypted file"), "{m}");

    let pass = "bob's identity passphrase";
    let id_file = seal_identity_file(&bob, "test", pass.as_bytes(), KdfParams::FLOOR).unwrap();
    let opened = open_export_with_identity(&sealed, &id_file, pass).unwrap();
    assert_eq!(get(&opened, &["fileName"]).as_string().unwrap(), "rootkey.csv");
    let keys = Array::from(&get(&opened, &["keys"]));
    assert_eq!(keys.length(), 1);
    assert_eq!(get(&keys.get(0), &["accessKeyId"]).as_string().unwrap(), "AKIAIOSFODNN7EXAMPLE");
    assert_eq!(
        get(&keys.get(0), &["secretAccessKey"]).as_string().unwrap(),
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
    );
    let m = message(open_export_with_identity(&sealed, &id_file, "wrong").unwrap_err());
    assert!(m.contains("identity file") && m.contains("wrong passphrase"), "{m}");
    let error = open_export_with_identity(&sealed, &id_file, "wrong").unwrap_err();
    assert_eq!(error.name(), "WrongPassphraseOrTampered");

    // Not encrypted to this identity; a passphrase file; errors name the recipient.
    let carol = Identity::from_bytes([3; 32]);
    let carol_file = seal_identity_file(&carol, "test", pass.as_bytes(), KdfParams::FLOOR).unwrap();
    let m = message(open_export_with_identity(&sealed, &carol_file, pass).unwrap_err());
    assert!(m.contains("not encrypted to this identity"), "{m}");
    let m = message(rootguard::wasm::open_export(&sealed, pass).unwrap_err());
    assert!(m.contains("encrypted to recipients"), "{m}");
    let m = message(
        seal_export_to_recipients(csv, "rootkey.csv", vec![a.clone(), "age1abc".into()], true)
            .unwrap_err(),
    );
    assert!(m.starts_with("recipient 2: "), "{m}");
    let m = message(seal_export_to_recipients(csv, "rootkey.csv", vec![], true).unwrap_err());
    assert!(m.contains("no recipients"), "{m}");
    let m = message(seal_export_to_recipients(csv, "x", vec![a.clone(), a], true).unwrap_err());
    assert!(m.contains("listed twice"), "{m}");
}

/// A drift report through the bridge: the page tree as the content script
/// builds it, the report as plain JS data, a malformed tree named in the error.
#[wasm_bindgen_test]
fn page_reports_cross_the_bridge_without_the_page_s_content() {
    use rootguard::wasm::page_report;
    let observed = observation(
        "https://us-east-1.console.aws.amazon.com/iam/home#/users/details/alice",
        "arn:aws:iam::123456789012:user/alice",
    );
    let page = js_sys::JSON::parse(
        r#"{"tag":"table","attrs":[["data-testid","keys"],["class","awsui_table_wih1l_1oas0_5"]],"text":"","children":[
            {"tag":"th","attrs":[],"text":"Access key ID","children":[]},
            {"tag":"td","attrs":[],"text":"AKIAIOSFODNN7EXAMPLE alice 123456789012","children":[]}]}"#,
    )
    .unwrap();
    let report = page_report(observed.clone(), page).unwrap();
    let json = js_sys::JSON::stringify(&report).unwrap().as_string().unwrap();
    assert!(
        json.contains(
            r#""route":"https://us-east-1.console.aws.amazon.com/iam/home#/users/details/aaaaa""#
        ),
        "{json}"
    );
    assert!(json.contains(r#""text":"Access key ID""#), "{json}");
    assert!(json.contains(r#""text":"AKIA**************** aaaaa 999999999999""#), "{json}");
    assert!(json.contains("awsui_table\""), "{json}");
    for secret in ["AKIAIOSFODNN7EXAMPLE", "alice", "123456789012"] {
        assert!(!json.contains(secret), "{secret} in {json}");
    }
    let malformed = js_sys::JSON::parse(r#"{"tag":"div","attrs":[["only-a-name"]]}"#).unwrap();
    let refused = message(page_report(observed, malformed).unwrap_err());
    assert!(refused.contains("the page tree.attrs[0] should be a [name, value] pair"), "{refused}");
}

//! The settings' two readers: the fallback for stored values and the
//! options page's strict check.

use serde_json::json;

use super::*;
use crate::recipient::Identity;

/// A JSON value as the bridge hands it over.
pub(super) fn stored(value: serde_json::Value) -> StoredValue {
    use serde_json::Value;
    match value {
        Value::Null => StoredValue::Null,
        Value::Bool(b) => StoredValue::Bool(b),
        Value::Number(n) => StoredValue::Number(n.as_f64().unwrap_or(f64::NAN)),
        Value::String(s) => StoredValue::String(s),
        Value::Array(items) => StoredValue::Array(items.into_iter().map(stored).collect()),
        Value::Object(members) => {
            StoredValue::Object(members.into_iter().map(|(k, v)| (k, stored(v))).collect())
        }
    }
}

fn read(value: serde_json::Value) -> (Settings, Vec<String>) {
    Settings::read(&stored(value))
}

fn check(value: serde_json::Value) -> Result<Settings, SettingsError> {
    Settings::check(&stored(value))
}

pub(super) fn recipient(seed: u8) -> String {
    Identity::from_bytes([seed; 32]).recipient().to_string()
}

/// The defaults as the extension has always stored them.
fn defaults_json() -> serde_json::Value {
    json!({
        "rotateDays": 90,
        "criticalDays": 365,
        "unusedDays": 45,
        "show": {
            "root-warning": true,
            "create-key-interstitial": true,
            "export-notice": true,
            "unrecognized-page": true,
            "key-badges": true,
            "mfa-warning": true,
            "root-session": true
        },
        "kdfStrength": "standard",
        "leakGuard": false,
        "revealSeconds": 60,
        "clipboardClear": true,
        "clipboardSeconds": 30,
        "exportMode": "passphrase",
        "recipients": []
    })
}

#[test]
fn the_defaults_have_the_stored_shape_and_round_trip() {
    let defaults = Settings::default();
    assert_eq!(serde_json::to_value(&defaults).unwrap(), defaults_json());
    assert_eq!(read(defaults_json()), (defaults.clone(), vec![]));
    assert_eq!(check(defaults_json()), Ok(defaults.clone()));
    assert_eq!(defaults.thresholds(), Thresholds::default());
    assert_eq!(defaults.hygiene_times(), HygieneTimes::default());
    assert_eq!(defaults.kdf_strength.params(), KdfParams::DEFAULT);
}

#[test]
fn nothing_stored_or_not_an_object_is_the_defaults() {
    for value in [json!(null), json!({})] {
        assert_eq!(read(value), (Settings::default(), vec![]));
    }
    for value in [json!(42), json!("settings"), json!([1, 2]), json!(true)] {
        let (settings, diagnostics) = read(value.clone());
        assert_eq!(settings, Settings::default(), "{value}");
        assert_eq!(diagnostics.len(), 1, "{value}: {diagnostics:?}");
        assert!(diagnostics[0].contains("settings should be an object"), "{diagnostics:?}");
    }
    assert!(matches!(check(json!(null)), Err(SettingsError::WrongType { .. })));
    assert_eq!(check(json!({})), Ok(Settings::default()), "missing fields take their defaults");
}

#[test]
fn missing_fields_take_their_default_silently_and_unknown_ones_are_ignored() {
    let (settings, diagnostics) =
        read(json!({"rotateDays": 30, "leakGuard": true, "show": {"key-badges": false}, "x": 1}));
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(settings.rotate_days, 30);
    assert_eq!(settings.critical_days, 365);
    assert!(settings.leak_guard);
    assert!(!settings.show.key_badges);
    assert!(settings.show.root_warning, "a missing show entry is shown");
    assert_eq!(settings.export_mode, ExportMode::Passphrase);
}

/// Each invalid field: its default, and a diagnostic naming it.
#[test]
fn each_invalid_field_falls_back_with_a_diagnostic() {
    let cases: Vec<(serde_json::Value, &str)> = vec![
        (json!({"rotateDays": 0}), "The rotation age must be a whole number"),
        (json!({"criticalDays": "365"}), "The critical age must be a whole number"),
        (json!({"unusedDays": 45.5}), "The unused age must be a whole number"),
        (json!({"rotateDays": 400}), "must be longer than the rotation age"),
        (json!({"revealSeconds": 4}), "The time a shown secret stays visible"),
        (json!({"clipboardSeconds": null}), "The time a copied secret stays on the clipboard"),
        (
            json!({"show": {"export-notice": "no"}}),
            "settings.show.export-notice should be true or false",
        ),
        (json!({"show": false}), "settings.show should be an object"),
        (json!({"leakGuard": "yes"}), "settings.leakGuard should be true or false, not a string"),
        (json!({"clipboardClear": 0}), "settings.clipboardClear should be true or false"),
        (json!({"kdfStrength": "ludicrous"}), "unknown encryption strength \"ludicrous\""),
        (json!({"kdfStrength": 3}), "settings.kdfStrength should be"),
        (json!({"exportMode": "carrier-pigeon"}), "unknown export mode"),
        (json!({"recipients": "rgpub1"}), "settings.recipients should be an array"),
    ];
    for (value, expected) in cases {
        let (settings, diagnostics) = read(value.clone());
        assert_eq!(settings, Settings::default(), "{value}");
        assert_eq!(diagnostics.len(), 1, "{value}: {diagnostics:?}");
        assert!(diagnostics[0].starts_with("RootGuard: stored "), "{diagnostics:?}");
        assert!(diagnostics[0].contains(expected), "{value}: {diagnostics:?}");
        assert!(check(value.clone()).is_err(), "{value}");
    }
    let (_, diagnostics) = read(json!({"rotateDays": 0}));
    assert_eq!(
        diagnostics[0],
        "RootGuard: stored thresholds ignored (The rotation age must be a whole number of days \
         from 1 to 3650); using the defaults."
    );
}

/// The thresholds fall back together, the times together; other fields keep
/// their stored values.
#[test]
fn groups_fall_back_together_and_nothing_else_does() {
    let (settings, diagnostics) = read(json!({
        "rotateDays": 30, "criticalDays": 20, "unusedDays": 10,
        "revealSeconds": 10, "clipboardSeconds": 601,
        "kdfStrength": "strong", "clipboardClear": false,
    }));
    assert_eq!(diagnostics.len(), 2, "{diagnostics:?}");
    assert_eq!(settings.thresholds(), Thresholds::default());
    assert_eq!(settings.hygiene_times(), HygieneTimes::default());
    assert_eq!(settings.kdf_strength, KdfStrength::Strong);
    assert!(!settings.clipboard_clear);
}

#[test]
fn bad_recipients_are_dropped_and_good_ones_stored_canonical() {
    let (a, b) = (recipient(1), recipient(2));
    let (settings, diagnostics) = read(json!({
        "exportMode": "recipients",
        "recipients": [
            {"name": " Alice ", "recipient": format!("  {}\n", a.to_uppercase())},
            {"name": "", "recipient": b},
            {"name": "Bob", "recipient": "age1abc"},
            {"name": "Alice again", "recipient": a},
            {"name": "Alice", "recipient": b},
            "Carol",
            {"name": "Bob", "recipient": b},
        ],
    }));
    let names: Vec<&str> = settings.recipients.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["Alice", "Bob"]);
    assert_eq!(settings.recipients[0].recipient.to_string(), a);
    assert_eq!(settings.export_mode, ExportMode::Recipients);
    assert_eq!(diagnostics.len(), 5, "{diagnostics:?}");
    for (diagnostic, expected) in diagnostics.iter().zip([
        "recipient 2 ignored (Give recipient 2 a name",
        "recipient 3 ignored (a RootGuard recipient starts with rgpub1",
        "recipient 4 ignored (That key is already in the list, as Alice.)",
        "recipient 5 ignored (A recipient is already called Alice",
        "recipient 6 ignored (settings.recipients[5] should be an object, not a string)",
    ]) {
        assert!(diagnostic.contains(expected), "{diagnostic}");
    }
    let json = serde_json::to_value(&settings).unwrap();
    assert_eq!(json["recipients"][0], json!({"name": "Alice", "recipient": a}));
}

/// The owner's choice of mode is kept: exports are refused (fail closed), never
/// quietly sealed under a passphrase the team does not know.
#[test]
fn recipients_mode_without_recipients_stays_recipients_mode() {
    let (settings, diagnostics) =
        read(json!({"exportMode": "recipients", "recipients": [{"name": "x", "recipient": "y"}]}));
    assert_eq!(settings.export_mode, ExportMode::Recipients);
    assert!(settings.recipients.is_empty());
    assert_eq!(diagnostics.len(), 2, "{diagnostics:?}");
    assert!(diagnostics[1].contains("Recipients mode needs at least one recipient"));
    assert!(
        diagnostics[1].ends_with("exports are refused until the options page lists one."),
        "{diagnostics:?}"
    );
    assert_eq!(
        Settings::check(&stored(serde_json::to_value(&settings).unwrap())),
        Err(SettingsError::NoRecipients),
        "the options page cannot save it so"
    );
}

/// Whatever is stored, what `read` returns passes the strict check, but for
/// recipients mode left without recipients (above).
#[test]
fn what_read_returns_passes_check() {
    let many: Vec<serde_json::Value> =
        (1..=20).map(|i| json!({"name": format!("r{i}"), "recipient": recipient(i)})).collect();
    for value in [
        json!({"exportMode": "recipients", "recipients": many}),
        json!({"rotateDays": -1, "show": [], "recipients": [null, {"name": "a"}]}),
        defaults_json(),
    ] {
        let (settings, _) = read(value.clone());
        let again = stored(serde_json::to_value(&settings).unwrap());
        assert_eq!(Settings::check(&again), Ok(settings), "{value}");
    }
    let (settings, diagnostics) = read(json!({"exportMode": "recipients", "recipients": many}));
    assert_eq!(settings.recipients.len(), MAX_RECIPIENTS);
    assert_eq!(diagnostics.len(), 20 - MAX_RECIPIENTS);
}

#[test]
fn the_strict_check_names_what_is_wrong() {
    let (a, b) = (recipient(1), recipient(2));
    let with = |extra: serde_json::Value| {
        let mut value = defaults_json();
        for (k, v) in extra.as_object().unwrap() {
            value[k] = v.clone();
        }
        check(value)
    };
    assert_eq!(
        with(json!({"rotateDays": 120, "criticalDays": 100})),
        Err(SettingsError::CriticalNotAfterRotation { rotate: 120, critical: 100 })
    );
    assert!(matches!(
        with(json!({"revealSeconds": 3601})),
        Err(SettingsError::SecondsOutOfRange { max: 3600, .. })
    ));
    assert_eq!(
        with(json!({"kdfStrength": "ludicrous"})),
        Err(SettingsError::UnknownKdfStrength("ludicrous".into()))
    );
    assert_eq!(
        with(json!({"exportMode": "pigeon"})),
        Err(SettingsError::UnknownExportMode("pigeon".into()))
    );
    assert_eq!(with(json!({"exportMode": "recipients"})), Err(SettingsError::NoRecipients));
    assert_eq!(
        with(json!({"recipients": [{"name": "  ", "recipient": a}]})),
        Err(SettingsError::RecipientWithoutName { index: 1 })
    );
    assert_eq!(
        with(json!({"recipients": [{"name": "A", "recipient": a}, {"name": "B", "recipient": a}]})),
        Err(SettingsError::DuplicateRecipient { name: "A".into() })
    );
    assert_eq!(
        with(json!({"recipients": [{"name": "A", "recipient": a}, {"name": "A", "recipient": b}]})),
        Err(SettingsError::DuplicateRecipientName("A".into()))
    );
    let invalid = with(json!({"recipients": [{"name": "A", "recipient": "age1abc"}]}));
    assert!(
        matches!(
            &invalid,
            Err(SettingsError::InvalidRecipient {
                index: 1,
                error: RecipientError::WrongPrefix(_)
            })
        ),
        "{invalid:?}"
    );
    let message = invalid.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(message.starts_with("a RootGuard recipient starts with rgpub1"), "{message}");
    assert_eq!(
        with(json!({"recipients": [{"name": "A"}]})),
        Err(SettingsError::InvalidRecipient { index: 1, error: RecipientError::Empty })
    );
    let checked = with(json!({
        "exportMode": "recipients",
        "recipients": [{"name": " A ", "recipient": a.to_uppercase()}],
    }))
    .unwrap();
    assert_eq!(checked.recipients[0].name, "A");
    assert_eq!(checked.recipients[0].recipient.to_string(), a);
    assert_eq!(checked.export_mode, ExportMode::Recipients);
}

#[test]
fn the_messages_say_what_the_options_page_said() {
    assert_eq!(
        SettingsError::DuplicateRecipient { name: "Alice".into() }.to_string(),
        "That key is already in the list, as Alice."
    );
    assert_eq!(
        SettingsError::DuplicateRecipientName("Alice".into()).to_string(),
        "A recipient is already called Alice: choose another name."
    );
    assert_eq!(
        SettingsError::NoRecipients.to_string(),
        "Recipients mode needs at least one recipient: add one, or choose the passphrase."
    );
}

#[test]
fn error_names_are_distinct() {
    let all = [
        SettingsError::OutOfRange { field: "x" },
        SettingsError::CriticalNotAfterRotation { rotate: 1, critical: 1 },
        SettingsError::SecondsOutOfRange { field: "x", min: 1, max: 2 },
        SettingsError::UnknownKdfStrength(String::new()),
        SettingsError::UnknownExportMode(String::new()),
        SettingsError::RecipientWithoutName { index: 1 },
        SettingsError::DuplicateRecipient { name: String::new() },
        SettingsError::DuplicateRecipientName(String::new()),
        SettingsError::TooManyRecipients,
        SettingsError::NoRecipients,
        SettingsError::InvalidRecipient { index: 1, error: RecipientError::Empty },
        SettingsError::WrongType { field: String::new(), expected: "", found: "" },
    ];
    let mut names: Vec<&str> = all.iter().map(SettingsError::name).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), all.len());
}

#[test]
fn strength_and_mode_names_round_trip() {
    let names: Vec<&str> = KdfStrength::ALL.iter().map(|s| s.name()).collect();
    assert_eq!(names, ["minimum", "standard", "strong"]);
    for strength in KdfStrength::ALL {
        assert_eq!(KdfStrength::parse(strength.name()), Ok(strength));
        assert_eq!(serde_json::to_value(strength).unwrap(), json!(strength.name()));
    }
    for mode in ExportMode::ALL {
        assert_eq!(ExportMode::parse(mode.name()), Ok(mode));
        assert_eq!(serde_json::to_value(mode).unwrap(), json!(mode.name()));
    }
}

#[test]
fn the_defaults_pass_and_bad_values_are_named() {
    assert_eq!(check_thresholds(90.0, 365.0, 45.0), Ok(Thresholds::default()));
    assert_eq!(
        check_thresholds(0.0, 365.0, 45.0),
        Err(SettingsError::OutOfRange { field: "The rotation age" })
    );
    assert_eq!(
        check_thresholds(90.5, 365.0, 45.0),
        Err(SettingsError::OutOfRange { field: "The rotation age" })
    );
    assert_eq!(
        check_thresholds(90.0, f64::NAN, 45.0),
        Err(SettingsError::OutOfRange { field: "The critical age" })
    );
    assert_eq!(
        check_thresholds(90.0, 365.0, 3651.0),
        Err(SettingsError::OutOfRange { field: "The unused age" })
    );
    assert_eq!(
        check_thresholds(120.0, 100.0, 45.0),
        Err(SettingsError::CriticalNotAfterRotation { rotate: 120, critical: 100 })
    );
    let message =
        check_thresholds(120.0, 100.0, 45.0).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(message.contains("must be longer than the rotation age"), "{message}");
}

#[test]
fn hygiene_times_have_limits_and_say_which_is_wrong() {
    assert_eq!(check_hygiene_times(60.0, 30.0), Ok(HygieneTimes::default()));
    assert_eq!(
        check_hygiene_times(5.0, 600.0),
        Ok(HygieneTimes { reveal_seconds: 5, clipboard_seconds: 600 })
    );
    let too_short = check_hygiene_times(4.0, 30.0);
    assert!(matches!(too_short, Err(SettingsError::SecondsOutOfRange { min: 5, max: 3600, .. })));
    let message = too_short.err().map(|e| e.to_string()).unwrap_or_default();
    assert_eq!(
        message,
        "The time a shown secret stays visible must be a whole number of seconds from 5 to 3600"
    );
    assert!(check_hygiene_times(60.0, 601.0).is_err());
    assert!(check_hygiene_times(60.5, 30.0).is_err());
    assert!(check_hygiene_times(f64::NAN, 30.0).is_err());
    assert!(check_hygiene_times(60.0, f64::INFINITY).is_err());
}

#[test]
fn every_strength_is_within_the_envelope_limits() {
    for name in ["minimum", "standard", "strong"] {
        let strength = KdfStrength::parse(name);
        assert!(strength.is_ok(), "{name}");
        assert!(strength.map(|s| s.params().check().is_ok()).unwrap_or(false), "{name}");
    }
    assert!(KdfStrength::parse("ludicrous").is_err());
}

//! An organisation's settings over the owner's: what wins, what is locked,
//! what is ignored and said, and the options page's check under them.

use serde_json::json;

use super::super::tests::{recipient, stored};
use super::*;

fn enforce(owner: serde_json::Value, managed: serde_json::Value) -> Enforced {
    Settings::read_with_managed(&stored(owner), &stored(managed)).0
}

fn check(
    candidate: serde_json::Value,
    managed: serde_json::Value,
) -> Result<Settings, SettingsError> {
    Settings::check_with_managed(&stored(candidate), &stored(managed), &StoredValue::Null)
}

#[test]
fn no_policy_is_the_owners_settings_unlocked() {
    for managed in [json!(null), json!({})] {
        let enforced = enforce(json!({"rotateDays": 30}), managed);
        assert_eq!(enforced.settings.rotate_days, 30);
        assert!(enforced.locked.is_empty());
        assert_eq!(enforced.minimum_kdf_strength, None);
        assert!(enforced.diagnostics.is_empty(), "{:?}", enforced.diagnostics);
    }
}

#[test]
fn the_stored_diagnostics_stay_apart_from_the_policys() {
    let (enforced, stored_diagnostics) =
        Settings::read_with_managed(&stored(json!({"rotateDays": 0})), &stored(json!({})));
    assert_eq!(stored_diagnostics.len(), 1);
    assert!(enforced.diagnostics.is_empty());
}

#[test]
fn a_forced_recipients_list_and_mode_win_and_are_locked() {
    let owner = json!({"exportMode": "passphrase", "recipients": [{"name": "me", "recipient": recipient(1)}]});
    let managed = json!({
        "exportMode": "recipients",
        "recipients": [{"name": "Security team", "recipient": recipient(7)}],
    });
    let enforced = enforce(owner, managed);
    assert_eq!(enforced.settings.export_mode, ExportMode::Recipients);
    assert_eq!(enforced.settings.recipients.len(), 1);
    assert_eq!(enforced.settings.recipients[0].name, "Security team");
    assert_eq!(enforced.settings.recipients[0].recipient.to_string(), recipient(7));
    assert_eq!(enforced.locked, ["exportMode", "recipients"]);
    assert!(enforced.diagnostics.is_empty(), "{:?}", enforced.diagnostics);
}

#[test]
fn an_invalid_recipient_is_left_out_and_said() {
    let managed = json!({
        "exportMode": "recipients",
        "recipients": [{"name": "typo", "recipient": "rgpub1nope"}, {"name": "team", "recipient": recipient(7)}],
    });
    let enforced = enforce(json!({}), managed);
    assert_eq!(enforced.settings.recipients.len(), 1);
    assert_eq!(enforced.diagnostics.len(), 1, "{:?}", enforced.diagnostics);
    assert!(
        enforced.diagnostics[0].contains("organisation's recipient 1 ignored"),
        "{:?}",
        enforced.diagnostics
    );
}

#[test]
fn forced_recipients_mode_with_nobody_valid_refuses_exports_rather_than_ask_a_passphrase() {
    let managed =
        json!({"exportMode": "recipients", "recipients": [{"name": "x", "recipient": "bad"}]});
    let enforced = enforce(json!({}), managed);
    assert_eq!(enforced.settings.export_mode, ExportMode::Recipients);
    assert!(enforced.settings.recipients.is_empty());
    assert!(
        enforced.diagnostics.iter().any(|d| d.contains("exports are refused")),
        "{:?}",
        enforced.diagnostics
    );
}

#[test]
fn the_minimum_strength_raises_a_weaker_choice_and_keeps_a_stronger_one() {
    let raised =
        enforce(json!({"kdfStrength": "minimum"}), json!({"minimumKdfStrength": "standard"}));
    assert_eq!(raised.settings.kdf_strength, KdfStrength::Standard);
    assert_eq!(raised.minimum_kdf_strength, Some(KdfStrength::Standard));
    assert!(raised.locked.is_empty(), "a floor, not a lock");
    let kept = enforce(json!({"kdfStrength": "strong"}), json!({"minimumKdfStrength": "standard"}));
    assert_eq!(kept.settings.kdf_strength, KdfStrength::Strong);
}

#[test]
fn an_unreadable_minimum_strength_requires_the_default_and_says_so() {
    for bad in [json!("ludicrous"), json!(3), json!(null)] {
        let enforced =
            enforce(json!({"kdfStrength": "minimum"}), json!({"minimumKdfStrength": bad}));
        assert_eq!(enforced.minimum_kdf_strength, Some(KdfStrength::Standard), "{bad}");
        assert_eq!(enforced.settings.kdf_strength, KdfStrength::Standard, "{bad}");
        assert_eq!(enforced.diagnostics.len(), 1, "{bad}");
        assert!(
            enforced.diagnostics[0].contains("minimumKdfStrength ignored"),
            "{:?}",
            enforced.diagnostics
        );
        assert!(
            enforced.diagnostics[0].contains("requiring at least standard"),
            "{:?}",
            enforced.diagnostics
        );
    }
}

#[test]
fn forced_thresholds_win_one_by_one() {
    let enforced = enforce(json!({"rotateDays": 30, "unusedDays": 10}), json!({"rotateDays": 60}));
    assert_eq!((enforced.settings.rotate_days, enforced.settings.unused_days), (60, 10));
    assert_eq!(enforced.locked, ["rotateDays"]);
    assert!(enforced.diagnostics.is_empty());
}

#[test]
fn an_invalid_threshold_is_ignored_and_the_valid_ones_stand() {
    let enforced = enforce(
        json!({"rotateDays": 30}),
        json!({"rotateDays": 0, "unusedDays": "45", "criticalDays": 200}),
    );
    assert_eq!(enforced.settings.rotate_days, 30, "the owner's stands");
    assert_eq!(enforced.settings.critical_days, 200);
    assert_eq!(enforced.locked, ["criticalDays"]);
    assert_eq!(enforced.diagnostics.len(), 2, "{:?}", enforced.diagnostics);
    assert!(enforced.diagnostics[0]
        .contains("rotateDays ignored (The rotation age must be a whole number"));
}

#[test]
fn an_owners_threshold_that_contradicts_the_organisations_gives_way_to_the_default() {
    // The owner's critical age (100) is below the forced rotation age.
    let enforced =
        enforce(json!({"rotateDays": 30, "criticalDays": 100}), json!({"rotateDays": 200}));
    assert_eq!((enforced.settings.rotate_days, enforced.settings.critical_days), (200, 365));
    assert_eq!(enforced.locked, ["rotateDays"]);
    assert!(
        enforced.diagnostics[0].contains("do not fit your organisation's"),
        "{:?}",
        enforced.diagnostics
    );
}

#[test]
fn thresholds_that_contradict_each_other_are_ignored() {
    let enforced = enforce(json!({}), json!({"rotateDays": 200, "criticalDays": 100}));
    assert_eq!(enforced.settings.thresholds(), Thresholds::default());
    assert!(enforced.locked.is_empty());
    assert!(enforced.diagnostics[0].contains("thresholds ignored"), "{:?}", enforced.diagnostics);
}

#[test]
fn forced_notices_are_locked_and_an_unreadable_one_is_shown() {
    let enforced = enforce(
        json!({"show": {"key-badges": false, "root-warning": false}}),
        json!({"show": {"key-badges": true, "export-notice": false, "root-warning": "maybe"}}),
    );
    assert!(enforced.settings.show.key_badges);
    assert!(!enforced.settings.show.export_notice);
    assert!(enforced.settings.show.root_warning, "unreadable: shown");
    assert_eq!(enforced.locked, ["show.export-notice", "show.key-badges"]);
    assert!(
        enforced.diagnostics[0].contains("show.root-warning ignored"),
        "{:?}",
        enforced.diagnostics
    );
    let whole = enforce(json!({"show": {"key-badges": false}}), json!({"show": false}));
    assert_eq!(whole.settings.show, Shown::default());
    assert!(whole.diagnostics[0].contains("showing everything"));
}

#[test]
fn an_unknown_key_or_a_policy_that_is_not_an_object_is_said() {
    let typo = enforce(json!({}), json!({"minimumKdfStrenght": "strong"}));
    assert!(typo.diagnostics[0].contains("\"minimumKdfStrenght\" is not one RootGuard knows"));
    let not_object = enforce(json!({"rotateDays": 30}), json!([1]));
    assert_eq!(not_object.settings.rotate_days, 30);
    assert_eq!(not_object.diagnostics.len(), 1);
}

#[test]
fn the_check_refuses_a_changed_lock_and_a_weaker_strength() {
    let managed =
        json!({"rotateDays": 60, "minimumKdfStrength": "standard", "show": {"key-badges": true}});
    assert!(check(json!({"rotateDays": 60}), managed.clone()).is_ok());
    assert_eq!(
        check(json!({"rotateDays": 61}), managed.clone()),
        Err(SettingsError::Locked { field: "The rotation age" })
    );
    assert_eq!(
        check(json!({"rotateDays": 60, "show": {"key-badges": false}}), managed.clone()),
        Err(SettingsError::Locked { field: "Which notices are shown" })
    );
    let weaker = check(json!({"rotateDays": 60, "kdfStrength": "minimum"}), managed.clone());
    assert_eq!(weaker, Err(SettingsError::KdfBelowMinimum { minimum: "standard" }));
    assert_eq!(weaker.unwrap_err().name(), "KdfBelowMinimum");
    assert!(check(json!({"rotateDays": 60, "kdfStrength": "strong"}), managed).is_ok());
}

#[test]
fn the_check_refuses_a_changed_recipients_list_and_keeps_its_own_errors_first() {
    let team = json!([{"name": "team", "recipient": recipient(7)}]);
    let managed = json!({"exportMode": "recipients", "recipients": team});
    assert!(check(json!({"exportMode": "recipients", "recipients": team}), managed.clone()).is_ok());
    let mine = json!([{"name": "me", "recipient": recipient(1)}]);
    assert_eq!(
        check(json!({"exportMode": "recipients", "recipients": mine}), managed.clone()),
        Err(SettingsError::Locked { field: "The recipients list" })
    );
    assert_eq!(
        check(json!({"rotateDays": 0}), managed),
        Err(SettingsError::OutOfRange { field: "The rotation age" })
    );
}

#[test]
fn the_schema_and_the_docs_list_every_managed_key() {
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../../../extension/managed-schema.json")).unwrap();
    let mut listed: Vec<&str> =
        schema["properties"].as_object().unwrap().keys().map(String::as_str).collect();
    let mut keys = MANAGED_KEYS.to_vec();
    listed.sort_unstable();
    keys.sort_unstable();
    assert_eq!(listed, keys, "managed-schema.json");
    let mut shown: Vec<&str> = schema["properties"]["show"]["properties"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut notices: Vec<&str> = Shown::default().entries_mut().map(|(key, _)| key).to_vec();
    shown.sort_unstable();
    notices.sort_unstable();
    assert_eq!(shown, notices, "managed-schema.json's show");
    let docs = include_str!("../../../docs/MANAGED-SETTINGS.md");
    for key in MANAGED_KEYS.into_iter().chain(notices) {
        assert!(docs.contains(&format!("`{key}`")), "docs/MANAGED-SETTINGS.md lists {key}");
    }
}

#[test]
fn what_is_saved_keeps_the_owners_own_value_in_a_locked_field() {
    let team = json!([{"name": "team", "recipient": recipient(7)}]);
    let managed = json!({"exportMode": "recipients", "recipients": team, "rotateDays": 60});
    let owner = json!({"rotateDays": 30, "exportMode": "passphrase"});
    let shown =
        json!({"rotateDays": 60, "unusedDays": 20, "exportMode": "recipients", "recipients": team});
    let saved =
        Settings::check_with_managed(&stored(shown), &stored(managed), &stored(owner)).unwrap();
    assert_eq!(saved.rotate_days, 30, "the owner's own");
    assert_eq!(saved.export_mode, ExportMode::Passphrase, "the owner's own");
    assert!(saved.recipients.is_empty(), "the owner's own");
    assert_eq!(saved.unused_days, 20, "what the owner changed");
}

#[test]
fn where_the_owners_own_value_no_longer_fits_the_page_is_saved_as_shown() {
    // The owner's own rotation age (300) would not fit the critical age they now chose (100).
    let managed = json!({"rotateDays": 30});
    let owner = json!({"rotateDays": 300, "criticalDays": 400});
    let shown = json!({"rotateDays": 30, "criticalDays": 100});
    let saved =
        Settings::check_with_managed(&stored(shown), &stored(managed), &stored(owner)).unwrap();
    assert_eq!((saved.rotate_days, saved.critical_days), (30, 100));
    // Recipients mode, the owner's own, with the organisation's list only: as shown.
    let team = json!([{"name": "team", "recipient": recipient(7)}]);
    let managed = json!({"recipients": team});
    let shown = json!({"exportMode": "recipients", "recipients": team});
    let saved =
        Settings::check_with_managed(&stored(shown), &stored(managed), &stored(json!({}))).unwrap();
    assert_eq!(saved.recipients.len(), 1);
}

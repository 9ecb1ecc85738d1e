//! What an organisation enforces: the settings its browser policy gives
//! RootGuard (`storage.managed`: Chrome's managed policy, Firefox's
//! `policies.json` `3rdparty`; docs/MANAGED-SETTINGS.md), read over the
//! owner's own.
//!
//! A policy is read like a stored value, leniently, but field by field:
//! each managed field that is present and valid wins over the owner's and
//! is locked (the options page shows it as the organisation's and
//! [`Settings::check_with_managed`] refuses a change to it). A managed field
//! that is invalid is ignored, with a diagnostic the popup shows: the
//! owner's value stands, or the safer one where there is a safer one (a
//! notice shown; at least the default encryption strength when the minimum
//! is unreadable). The minimum encryption strength is a floor, not a lock:
//! the owner may choose a stronger one, never a weaker.

use serde::Serialize;

use super::{
    boolean, check_thresholds, named_recipient, whole_days, wrong_type, ExportMode, KdfStrength,
    Settings, SettingsError, Shown, StoredValue,
};
use crate::policy::Thresholds;

/// The keys an organisation may set; `managed-schema.json` (Chrome's copy
/// of this list, which Chrome needs to hand a policy over) and
/// docs/MANAGED-SETTINGS.md list the same.
pub const MANAGED_KEYS: [&str; 7] = [
    "exportMode",
    "recipients",
    "minimumKdfStrength",
    "rotateDays",
    "criticalDays",
    "unusedDays",
    "show",
];

/// The three limits: their key and the options page's label.
const DAYS: [(&str, &str); 3] = [
    ("rotateDays", "The rotation age"),
    ("criticalDays", "The critical age"),
    ("unusedDays", "The unused age"),
];

/// The settings RootGuard runs on under an organisation's policy, and what
/// of them the organisation set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Enforced {
    /// The owner's settings with the organisation's over them.
    pub settings: Settings,
    /// The fields the organisation set, by their settings name
    /// (`rotateDays`, `exportMode`, `recipients`, `show.key-badges`, …).
    pub locked: Vec<String>,
    /// The weakest encryption strength the organisation allows, if it
    /// set one.
    pub minimum_kdf_strength: Option<KdfStrength>,
    /// What of the policy was ignored and what stands instead: for the
    /// popup, so the owner (and whoever wrote the policy) learns of it.
    pub diagnostics: Vec<String>,
}

impl Settings {
    /// The owner's stored settings (read as [`read`](Self::read) reads them;
    /// their diagnostics are the second value) with the organisation's
    /// `managed` ones over them (`null` or `{}` when there is no policy).
    /// Never fails: what of the policy is invalid is ignored, with a
    /// diagnostic in [`Enforced::diagnostics`].
    pub fn read_with_managed(
        stored: &StoredValue,
        managed: &StoredValue,
    ) -> (Enforced, Vec<String>) {
        let (settings, stored_diagnostics) = Settings::read(stored);
        let mut enforced = Enforced {
            settings,
            locked: Vec::new(),
            minimum_kdf_strength: None,
            diagnostics: Vec::new(),
        };
        match managed {
            StoredValue::Null => {}
            StoredValue::Object(members) => {
                for (key, _) in members {
                    if !MANAGED_KEYS.contains(&key.as_str()) {
                        // A typo in a policy would otherwise enforce nothing, silently.
                        enforced.diagnostics.push(format!(
                            "RootGuard: your organisation's setting \"{key}\" is not one RootGuard knows; it is ignored."
                        ));
                    }
                }
                enforced.thresholds(managed);
                enforced.show(managed);
                enforced.minimum_kdf(managed);
                enforced.export(managed);
            }
            other => {
                let error = wrong_type("the managed settings", "an object", other);
                enforced.problem("settings", error, "using yours");
            }
        }
        (enforced, stored_diagnostics)
    }

    /// The options page's check before it saves, under the organisation's
    /// policy: [`check`](Self::check), and then a locked field must hold the
    /// organisation's value and the strength must be at least its minimum.
    ///
    /// What to save keeps the owner's own value (from `stored`) in each
    /// locked field, so the organisation's values do not become the owner's
    /// in `storage.sync`, which follows them to browsers the policy does not
    /// cover (recipients mode to the company's key at home). Where the
    /// owner's own value no longer fits the rest (a threshold, recipients
    /// mode without recipients), the page's values are saved as shown.
    pub fn check_with_managed(
        candidate: &StoredValue,
        managed: &StoredValue,
        stored: &StoredValue,
    ) -> Result<Settings, SettingsError> {
        let checked = Settings::check(candidate)?;
        let (enforced, _) = Settings::read_with_managed(candidate, managed);
        if let Some(field) = enforced.locked.iter().find(|f| !same(f, &checked, &enforced.settings))
        {
            return Err(SettingsError::Locked { field: label(field) });
        }
        if let Some(minimum) = enforced.minimum_kdf_strength {
            if checked.kdf_strength < minimum {
                return Err(SettingsError::KdfBelowMinimum { minimum: minimum.name() });
            }
        }
        let (own, _) = Settings::read(stored);
        let mut saved = checked.clone();
        for field in &enforced.locked {
            take(field, &own, &mut saved);
        }
        Ok(if consistent(&saved) { saved } else { checked })
    }
}

impl Enforced {
    fn problem(&mut self, what: &str, error: SettingsError, fallback: &str) {
        self.diagnostics
            .push(format!("RootGuard: your organisation's {what} ignored ({error}); {fallback}."));
    }

    fn lock(&mut self, field: &str) {
        self.locked.push(field.to_owned());
    }

    /// Each valid limit wins. The three must still make sense together:
    /// with the owner's others, or else with the defaults for the others
    /// (an owner's setting does not undo the organisation's); if even that
    /// fails, the organisation's limits contradict each other and are
    /// ignored.
    fn thresholds(&mut self, managed: &StoredValue) {
        let mut forced = [None; 3];
        for (slot, (key, label)) in forced.iter_mut().zip(DAYS) {
            if let Some(value) = managed.get(key) {
                match whole_days(value.number_or_nan(), label) {
                    Ok(days) => *slot = Some(days),
                    Err(error) => self.problem(key, error, "using yours"),
                }
            }
        }
        if forced.iter().all(Option::is_none) {
            return;
        }
        let over = |base: Thresholds| {
            let base = [base.rotate_days, base.critical_days, base.unused_days];
            let [rotate, critical, unused] = [0, 1, 2].map(|i| forced[i].unwrap_or(base[i]) as f64);
            check_thresholds(rotate, critical, unused)
        };
        let limits = match over(self.settings.thresholds()) {
            Ok(limits) => Ok(limits),
            Err(_) => {
                let with_defaults = over(Thresholds::default());
                if with_defaults.is_ok() {
                    self.diagnostics.push(
                        "RootGuard: your own thresholds do not fit your organisation's; the defaults stand for the others."
                            .to_owned(),
                    );
                }
                with_defaults
            }
        };
        match limits {
            Ok(limits) => {
                self.settings.rotate_days = limits.rotate_days;
                self.settings.critical_days = limits.critical_days;
                self.settings.unused_days = limits.unused_days;
                for (set, (key, _)) in forced.iter().zip(DAYS) {
                    if set.is_some() {
                        self.lock(key);
                    }
                }
            }
            Err(error) => self.problem("thresholds", error, "using yours"),
        }
    }

    /// Each notice the organisation shows or hides; where its value is
    /// unreadable, the notice is shown (a warning nobody sees protects
    /// nobody).
    fn show(&mut self, managed: &StoredValue) {
        match managed.get("show") {
            None => {}
            Some(forced @ StoredValue::Object(_)) => {
                let mut problems = Vec::new();
                let mut locked = Vec::new();
                for (key, slot) in self.settings.show.entries_mut() {
                    let Some(value) = forced.get(key) else { continue };
                    let path = format!("show.{key}");
                    match boolean(value, &path) {
                        Ok(shown) => {
                            *slot = shown;
                            locked.push(path);
                        }
                        Err(error) => {
                            *slot = true;
                            problems.push((path, error));
                        }
                    }
                }
                self.locked.extend(locked);
                for (path, error) in problems {
                    self.problem(&path, error, "showing it");
                }
            }
            Some(other) => {
                let error = wrong_type("show", "an object", other);
                self.settings.show = Shown::default();
                self.problem("show", error, "showing everything");
            }
        }
    }

    /// A floor under the owner's strength; an unreadable one is the
    /// default strength (the organisation wanted some floor, and the
    /// default is RootGuard's own).
    fn minimum_kdf(&mut self, managed: &StoredValue) {
        let Some(value) = managed.get("minimumKdfStrength") else { return };
        let found = match value {
            StoredValue::String(name) => KdfStrength::parse(name),
            other => Err(wrong_type("minimumKdfStrength", "a strength's name", other)),
        };
        let minimum = match found {
            Ok(minimum) => minimum,
            Err(error) => {
                let fallback = KdfStrength::default();
                let said = format!("requiring at least {}", fallback.name());
                self.problem("minimumKdfStrength", error, &said);
                fallback
            }
        };
        self.minimum_kdf_strength = Some(minimum);
        self.settings.kdf_strength = self.settings.kdf_strength.max(minimum);
    }

    /// The export mode and the recipients list. A list replaces the
    /// owner's, without the entries that are invalid.
    fn export(&mut self, managed: &StoredValue) {
        if let Some(value) = managed.get("exportMode") {
            let found = match value {
                StoredValue::String(name) => ExportMode::parse(name),
                other => Err(wrong_type("exportMode", "a mode's name", other)),
            };
            match found {
                Ok(mode) => {
                    self.settings.export_mode = mode;
                    self.lock("exportMode");
                }
                Err(error) => self.problem("exportMode", error, "using yours"),
            }
        }
        match managed.get("recipients") {
            None => {}
            Some(StoredValue::Array(entries)) => {
                let mut list = Vec::new();
                for (i, entry) in entries.iter().enumerate() {
                    match named_recipient(entry, i + 1, &list) {
                        Ok(recipient) => list.push(recipient),
                        Err(error) => {
                            self.problem(&format!("recipient {}", i + 1), error, "leaving it out")
                        }
                    }
                }
                self.settings.recipients = list;
                self.lock("recipients");
            }
            Some(other) => {
                let error = wrong_type("recipients", "an array", other);
                self.problem("recipients", error, "using yours");
            }
        }
        let touched = self.locked.iter().any(|f| f == "exportMode" || f == "recipients");
        if touched
            && self.settings.export_mode == ExportMode::Recipients
            && self.settings.recipients.is_empty()
        {
            // As for the owner's own settings: no quiet fallback to a passphrase.
            self.diagnostics.push(format!(
                "RootGuard: {}; exports are refused until a recipient is listed.",
                SettingsError::NoRecipients
            ));
        }
    }
}

/// Whether `a` and `b` agree on the locked `field`.
fn same(field: &str, a: &Settings, b: &Settings) -> bool {
    match field {
        "rotateDays" => a.rotate_days == b.rotate_days,
        "criticalDays" => a.critical_days == b.critical_days,
        "unusedDays" => a.unused_days == b.unused_days,
        "exportMode" => a.export_mode == b.export_mode,
        "recipients" => a.recipients == b.recipients,
        show => {
            let key = show.strip_prefix("show.").unwrap_or(show);
            a.show.get(key) == b.show.get(key)
        }
    }
}

/// The owner's value of `field`, into `to`.
fn take(field: &str, own: &Settings, to: &mut Settings) {
    match field {
        "rotateDays" => to.rotate_days = own.rotate_days,
        "criticalDays" => to.critical_days = own.critical_days,
        "unusedDays" => to.unused_days = own.unused_days,
        "exportMode" => to.export_mode = own.export_mode,
        "recipients" => to.recipients.clone_from(&own.recipients),
        show => {
            let key = show.strip_prefix("show.").unwrap_or(show);
            let shown = own.show.get(key);
            for (name, slot) in to.show.entries_mut() {
                if let (true, Some(shown)) = (name == key, shown) {
                    *slot = shown;
                }
            }
        }
    }
}

/// Whether settings made of the owner's and the page's values still pass
/// the rules that span fields.
fn consistent(settings: &Settings) -> bool {
    let limits = settings.thresholds();
    let days = |d: i64| d as f64;
    check_thresholds(days(limits.rotate_days), days(limits.critical_days), days(limits.unused_days))
        .is_ok()
        && !(settings.export_mode == ExportMode::Recipients && settings.recipients.is_empty())
}

/// A locked field as the options page labels it.
fn label(field: &str) -> &'static str {
    match field {
        "rotateDays" => "The rotation age",
        "criticalDays" => "The critical age",
        "unusedDays" => "The unused age",
        "exportMode" => "The export mode",
        "recipients" => "The recipients list",
        _ => "Which notices are shown",
    }
}

#[cfg(test)]
mod tests;

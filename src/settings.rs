//! What the options page lets the owner change: the settings' shape, their
//! defaults and their limits, in one place.
//!
//! Two readers share one set of rules. [`Settings::check`] is what the
//! options page runs before it saves: anything wrong is an error naming it.
//! [`Settings::read`] is what everything else runs on what storage hands
//! back: a stored value is not trusted, so a field that is out of range or of
//! the wrong type takes its default and says so in a diagnostic (a missing
//! field takes its default silently). What `read` returns always passes
//! `check`.
//!
//! An organisation's browser policy can enforce some of them over the
//! owner's (`settings/managed.rs`: [`Settings::read_with_managed`],
//! [`Settings::check_with_managed`]).
//!
//! JavaScript holds no copy of any of this: it asks the core for the
//! defaults (`defaultSettings`), the read settings (`readSettings`, with the
//! policy over them), what the policy set (`enforcedSettings`) and the check
//! (`checkSettings`).

use serde::{Serialize, Serializer};
use thiserror::Error;

use crate::envelope::recipients::MAX_RECIPIENTS;
use crate::envelope::KdfParams;
use crate::policy::Thresholds;
use crate::recipient::{Recipient, RecipientError};

mod managed;
mod stored;
#[cfg(test)]
mod tests;

pub use managed::{Enforced, MANAGED_KEYS};
pub use stored::StoredValue;

/// The longest limit the options page takes: ten years.
pub const MAX_DAYS: i64 = 3650;

/// Why settings were refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SettingsError {
    /// A limit is not a whole number of days in 1..=3650.
    #[error("{field} must be a whole number of days from 1 to {MAX_DAYS}")]
    OutOfRange {
        /// Which limit (as the options page labels it).
        field: &'static str,
    },
    /// The critical age must come after the rotation age.
    #[error(
        "the critical age ({critical} days) must be longer than the rotation age ({rotate} days)"
    )]
    CriticalNotAfterRotation {
        /// Rotation age, days.
        rotate: i64,
        /// Critical age, days.
        critical: i64,
    },
    /// A time on the "Shown secret and clipboard" options is out of range.
    #[error("{field} must be a whole number of seconds from {min} to {max}")]
    SecondsOutOfRange {
        /// Which time (as the options page labels it).
        field: &'static str,
        /// Shortest allowed, seconds.
        min: u32,
        /// Longest allowed, seconds.
        max: u32,
    },
    /// An unknown KDF strength name.
    #[error("unknown encryption strength \"{0}\": use minimum, standard or strong")]
    UnknownKdfStrength(String),
    /// An unknown export mode name.
    #[error("unknown export mode \"{0}\": use passphrase or recipients")]
    UnknownExportMode(String),
    /// A recipient without a name (or only white space).
    #[error("Give recipient {index} a name, so exports can say whom they were encrypted to.")]
    RecipientWithoutName {
        /// Its position in the list, from 1.
        index: usize,
    },
    /// A recipient key listed twice.
    #[error("That key is already in the list, as {name}.")]
    DuplicateRecipient {
        /// The name it is listed under first.
        name: String,
    },
    /// Two recipients with one name.
    #[error("A recipient is already called {0}: choose another name.")]
    DuplicateRecipientName(String),
    /// More recipients than a file can be encrypted to.
    #[error("A file can be encrypted to at most {MAX_RECIPIENTS} recipients: remove one first.")]
    TooManyRecipients,
    /// Recipients mode with nobody to encrypt to.
    #[error("Recipients mode needs at least one recipient: add one, or choose the passphrase.")]
    NoRecipients,
    /// A recipient key that does not parse (the message is the parser's).
    #[error("{error}")]
    InvalidRecipient {
        /// Its position in the list, from 1.
        index: usize,
        /// What is wrong with it.
        error: RecipientError,
    },
    /// A setting the organisation enforces, changed on the options page.
    #[error("{field} is set by your organisation and cannot be changed here.")]
    Locked {
        /// Which setting (as the options page labels it).
        field: &'static str,
    },
    /// A KDF strength weaker than the organisation's minimum.
    #[error(
        "Your organisation requires at least the {minimum} encryption strength: choose it or a stronger one."
    )]
    KdfBelowMinimum {
        /// The organisation's minimum, by name.
        minimum: &'static str,
    },
    /// A value of the wrong type: not something the options page sends.
    #[error("{field} should be {expected}, not {found}")]
    WrongType {
        /// Where it is (`settings.show.root-warning`).
        field: String,
        /// What it should be.
        expected: &'static str,
        /// What it is.
        found: &'static str,
    },
}

impl SettingsError {
    /// A stable name for the error, e.g. for a JavaScript `Error.name`.
    pub fn name(&self) -> &'static str {
        match self {
            SettingsError::OutOfRange { .. } => "ThresholdOutOfRange",
            SettingsError::CriticalNotAfterRotation { .. } => "CriticalNotAfterRotation",
            SettingsError::SecondsOutOfRange { .. } => "SecondsOutOfRange",
            SettingsError::UnknownKdfStrength(_) => "UnknownKdfStrength",
            SettingsError::UnknownExportMode(_) => "UnknownExportMode",
            SettingsError::RecipientWithoutName { .. } => "RecipientWithoutName",
            SettingsError::DuplicateRecipient { .. } => "DuplicateRecipient",
            SettingsError::DuplicateRecipientName(_) => "DuplicateRecipientName",
            SettingsError::TooManyRecipients => "TooManyRecipients",
            SettingsError::NoRecipients => "NoRecipients",
            SettingsError::InvalidRecipient { .. } => "InvalidRecipient",
            SettingsError::Locked { .. } => "SetByOrganisation",
            SettingsError::KdfBelowMinimum { .. } => "KdfBelowMinimum",
            SettingsError::WrongType { .. } => "WrongSettingType",
        }
    }
}

/// One limit: a whole number of days in 1..=[`MAX_DAYS`].
fn whole_days(value: f64, field: &'static str) -> Result<i64, SettingsError> {
    if value.fract() == 0.0 && (1.0..=MAX_DAYS as f64).contains(&value) {
        Ok(value as i64)
    } else {
        Err(SettingsError::OutOfRange { field })
    }
}

/// Checks thresholds typed on the options page (numbers from JavaScript).
pub fn check_thresholds(
    rotate: f64,
    critical: f64,
    unused: f64,
) -> Result<Thresholds, SettingsError> {
    let days = whole_days;
    let rotate_days = days(rotate, "The rotation age")?;
    let critical_days = days(critical, "The critical age")?;
    let unused_days = days(unused, "The unused age")?;
    if critical_days <= rotate_days {
        return Err(SettingsError::CriticalNotAfterRotation {
            rotate: rotate_days,
            critical: critical_days,
        });
    }
    Ok(Thresholds { rotate_days, critical_days, unused_days })
}

/// How long a shown secret stays visible before RootGuard hides it, seconds:
/// long enough to copy it into a password manager by hand, short enough
/// that a screen left unattended does not show it for long.
pub const REVEAL_SECONDS: RangeWithDefault = RangeWithDefault { min: 5, max: 3600, default: 60 };

/// How long a copied secret stays on the clipboard before RootGuard clears
/// it, seconds: time to paste it once, not to leave it there for the next
/// paste into a chat or a ticket.
pub const CLIPBOARD_SECONDS: RangeWithDefault = RangeWithDefault { min: 5, max: 600, default: 30 };

/// A time setting's limits and default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RangeWithDefault {
    /// Shortest allowed.
    pub min: u32,
    /// Longest allowed.
    pub max: u32,
    /// The options page's default.
    pub default: u32,
}

/// The checked "Shown secret and clipboard" times.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HygieneTimes {
    /// Seconds until a shown secret is hidden again.
    pub reveal_seconds: u32,
    /// Seconds until a copied secret is cleared from the clipboard.
    pub clipboard_seconds: u32,
}

impl Default for HygieneTimes {
    fn default() -> HygieneTimes {
        HygieneTimes {
            reveal_seconds: REVEAL_SECONDS.default,
            clipboard_seconds: CLIPBOARD_SECONDS.default,
        }
    }
}

/// Checks the "Shown secret and clipboard" times typed on the options page
/// (numbers from JavaScript).
pub fn check_hygiene_times(reveal: f64, clipboard: f64) -> Result<HygieneTimes, SettingsError> {
    let seconds = |value: f64, range: RangeWithDefault, field: &'static str| {
        let whole =
            value.fract() == 0.0 && (f64::from(range.min)..=f64::from(range.max)).contains(&value);
        if whole {
            Ok(value as u32)
        } else {
            Err(SettingsError::SecondsOutOfRange { field, min: range.min, max: range.max })
        }
    };
    Ok(HygieneTimes {
        reveal_seconds: seconds(reveal, REVEAL_SECONDS, "The time a shown secret stays visible")?,
        clipboard_seconds: seconds(
            clipboard,
            CLIPBOARD_SECONDS,
            "The time a copied secret stays on the clipboard",
        )?,
    })
}

/// How hard Argon2id works on an export's passphrase; ordered from the
/// cheapest, so an organisation's minimum is a comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum KdfStrength {
    /// OWASP's minimum (19 MiB, 2 passes): for slow machines.
    Minimum,
    /// RootGuard's default (64 MiB, 3 passes).
    #[default]
    Standard,
    /// 256 MiB, 3 passes: several times the cost for an attacker, and for you.
    Strong,
}

impl KdfStrength {
    /// Every strength, the cheapest first (as the options page lists them).
    pub const ALL: [KdfStrength; 3] =
        [KdfStrength::Minimum, KdfStrength::Standard, KdfStrength::Strong];

    /// The option's name on the options page and in storage.
    pub fn name(self) -> &'static str {
        match self {
            KdfStrength::Minimum => "minimum",
            KdfStrength::Standard => "standard",
            KdfStrength::Strong => "strong",
        }
    }

    /// The strength a [`name`](Self::name) stands for.
    pub fn parse(name: &str) -> Result<KdfStrength, SettingsError> {
        KdfStrength::ALL
            .into_iter()
            .find(|strength| strength.name() == name)
            .ok_or_else(|| SettingsError::UnknownKdfStrength(name.to_owned()))
    }

    /// The Argon2id parameters it stands for; all within the envelope's
    /// floor and cap.
    pub fn params(self) -> KdfParams {
        match self {
            KdfStrength::Minimum => KdfParams::FLOOR,
            KdfStrength::Standard => KdfParams::DEFAULT,
            KdfStrength::Strong => KdfParams { m_cost_kib: 262_144, t_cost: 3, p_cost: 1 },
        }
    }
}

/// How an export is sealed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ExportMode {
    /// Under a passphrase asked at download time.
    #[default]
    Passphrase,
    /// To the public keys listed in the settings, without a prompt.
    Recipients,
}

impl ExportMode {
    /// Every mode.
    pub const ALL: [ExportMode; 2] = [ExportMode::Passphrase, ExportMode::Recipients];

    /// The option's name on the options page and in storage.
    pub fn name(self) -> &'static str {
        match self {
            ExportMode::Passphrase => "passphrase",
            ExportMode::Recipients => "recipients",
        }
    }

    /// The mode a [`name`](Self::name) stands for.
    pub fn parse(name: &str) -> Result<ExportMode, SettingsError> {
        ExportMode::ALL
            .into_iter()
            .find(|mode| mode.name() == name)
            .ok_or_else(|| SettingsError::UnknownExportMode(name.to_owned()))
    }
}

/// Which of RootGuard's notices, and whether the key badges, the owner
/// wants shown. The keys are the notice kinds' names
/// ([`crate::verdict::NoticeKind`]) and `key-badges`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Shown {
    /// The root user's warning on its Security credentials page.
    pub root_warning: bool,
    /// The modal before root's create-access-key wizard.
    pub create_key_interstitial: bool,
    /// The notice in the wizard that a download is encrypted.
    pub export_notice: bool,
    /// The notice on a credentials page RootGuard could not read.
    pub unrecognized_page: bool,
    /// The badges next to each access key.
    pub key_badges: bool,
    /// The warning on root's Security credentials page when no MFA device is listed.
    pub mfa_warning: bool,
    /// The reminder on every other console page that root is signed in.
    pub root_session: bool,
}

impl Default for Shown {
    /// Everything shown: RootGuard says what it knows unless told not to.
    fn default() -> Shown {
        Shown {
            root_warning: true,
            create_key_interstitial: true,
            export_notice: true,
            unrecognized_page: true,
            key_badges: true,
            mfa_warning: true,
            root_session: true,
        }
    }
}

impl Shown {
    /// Each option's key in storage, with its value.
    fn entries_mut(&mut self) -> [(&'static str, &mut bool); 7] {
        [
            ("root-warning", &mut self.root_warning),
            ("create-key-interstitial", &mut self.create_key_interstitial),
            ("export-notice", &mut self.export_notice),
            ("unrecognized-page", &mut self.unrecognized_page),
            ("key-badges", &mut self.key_badges),
            ("mfa-warning", &mut self.mfa_warning),
            ("root-session", &mut self.root_session),
        ]
    }

    /// The option stored under `key`, if there is one.
    fn get(self, key: &str) -> Option<bool> {
        let mut copy = self;
        let found =
            copy.entries_mut().into_iter().find(|(name, _)| *name == key).map(|(_, shown)| *shown);
        found
    }
}

/// A public key exports are sealed to in recipients mode, with the name the
/// owner gave it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NamedRecipient {
    /// Who holds the matching identity (trimmed, never empty).
    pub name: String,
    /// The key, stored in its canonical `rgpub1…` form.
    #[serde(serialize_with = "canonical_recipient")]
    pub recipient: Recipient,
}

fn canonical_recipient<S: Serializer>(recipient: &Recipient, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(recipient)
}

/// The owner's choices, as the options page saves them in `storage.sync`
/// (under `settings`) and as JavaScript receives them: the JSON field names
/// are this struct's, in camelCase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    /// Rotate active keys older than this (days).
    pub rotate_days: i64,
    /// Active keys older than this are critical (days).
    pub critical_days: i64,
    /// Active keys unused for this long should be deactivated (days).
    pub unused_days: i64,
    /// Which notices and badges are shown.
    pub show: Shown,
    /// How hard Argon2id works on an export's passphrase.
    pub kdf_strength: KdfStrength,
    /// The leak guard on other sites: off until the owner turns it on (and
    /// the browser grants the permission).
    pub leak_guard: bool,
    /// Seconds until a shown secret is hidden again.
    pub reveal_seconds: u32,
    /// Whether a copied secret is cleared from the clipboard.
    pub clipboard_clear: bool,
    /// Seconds until a copied secret is cleared.
    pub clipboard_seconds: u32,
    /// How an export is sealed.
    pub export_mode: ExportMode,
    /// Whom an export is sealed to in recipients mode.
    pub recipients: Vec<NamedRecipient>,
}

impl Default for Settings {
    /// Each default comes from the rule that owns it: the thresholds from
    /// the policy, the times from their ranges, the strength and mode from
    /// their types.
    fn default() -> Settings {
        let limits = Thresholds::default();
        let times = HygieneTimes::default();
        Settings {
            rotate_days: limits.rotate_days,
            critical_days: limits.critical_days,
            unused_days: limits.unused_days,
            show: Shown::default(),
            kdf_strength: KdfStrength::default(),
            leak_guard: false,
            reveal_seconds: times.reveal_seconds,
            clipboard_clear: true,
            clipboard_seconds: times.clipboard_seconds,
            export_mode: ExportMode::default(),
            recipients: Vec::new(),
        }
    }
}

impl Settings {
    /// Settings as storage hands them back (`null` when nothing is stored),
    /// with the diagnostics for what was ignored. Never fails: a missing
    /// field takes its default silently, an invalid one takes its default
    /// with a diagnostic naming it (the three thresholds are checked, and
    /// fall back, together; so are the two times); an invalid recipient is
    /// dropped, and recipients mode without recipients falls back to the
    /// passphrase. Unknown fields are ignored.
    pub fn read(stored: &StoredValue) -> (Settings, Vec<String>) {
        let mut reader = Reader { strict: false, diagnostics: Vec::new() };
        // The lenient reader reports problems instead of returning them.
        let settings = read_fields(stored, &mut reader).unwrap_or_default();
        (settings, reader.diagnostics)
    }

    /// The options page's check before it saves: the same fields and
    /// defaults for missing ones as [`read`](Self::read), but anything
    /// invalid is an error. The result is canonical (recipients in their
    /// `rgpub1…` form, names trimmed): save that.
    pub fn check(candidate: &StoredValue) -> Result<Settings, SettingsError> {
        read_fields(candidate, &mut Reader { strict: true, diagnostics: Vec::new() })
    }

    /// The policy thresholds.
    pub fn thresholds(&self) -> Thresholds {
        Thresholds {
            rotate_days: self.rotate_days,
            critical_days: self.critical_days,
            unused_days: self.unused_days,
        }
    }

    /// The "Shown secret and clipboard" times.
    pub fn hygiene_times(&self) -> HygieneTimes {
        HygieneTimes {
            reveal_seconds: self.reveal_seconds,
            clipboard_seconds: self.clipboard_seconds,
        }
    }
}

/// Strict (a problem is an error) or lenient (a problem is a diagnostic,
/// and the default stands).
struct Reader {
    strict: bool,
    diagnostics: Vec<String>,
}

impl Reader {
    /// A problem with `what`: the error when strict, else a diagnostic
    /// saying what RootGuard does instead (`fallback`).
    fn problem(
        &mut self,
        error: SettingsError,
        what: &str,
        fallback: &str,
    ) -> Result<(), SettingsError> {
        if self.strict {
            return Err(error);
        }
        self.diagnostics.push(format!("RootGuard: stored {what} ignored ({error}); {fallback}."));
        Ok(())
    }

    /// `found`, or on a problem its default (lenient) or the error (strict).
    fn settle<T>(
        &mut self,
        found: Result<T, SettingsError>,
        default: T,
        what: &str,
        fallback: &str,
    ) -> Result<T, SettingsError> {
        match found {
            Ok(value) => Ok(value),
            Err(error) => self.problem(error, what, fallback).map(|()| default),
        }
    }
}

fn wrong_type(field: &str, expected: &'static str, found: &StoredValue) -> SettingsError {
    SettingsError::WrongType { field: field.to_owned(), expected, found: found.type_name() }
}

fn boolean(value: &StoredValue, field: &str) -> Result<bool, SettingsError> {
    match value {
        StoredValue::Bool(b) => Ok(*b),
        other => Err(wrong_type(field, "true or false", other)),
    }
}

fn read_fields(stored: &StoredValue, reader: &mut Reader) -> Result<Settings, SettingsError> {
    let defaults = Settings::default();
    match stored {
        StoredValue::Object(_) => {}
        StoredValue::Null if !reader.strict => return Ok(defaults),
        other => {
            let error = wrong_type("settings", "an object", other);
            reader.problem(error, "settings", "using the defaults")?;
            return Ok(defaults);
        }
    }
    let field = |name: &str| stored.get(name);

    let day = |name: &str, default: i64| field(name).map_or(default as f64, |v| v.number_or_nan());
    let limits = reader.settle(
        check_thresholds(
            day("rotateDays", defaults.rotate_days),
            day("criticalDays", defaults.critical_days),
            day("unusedDays", defaults.unused_days),
        ),
        defaults.thresholds(),
        "thresholds",
        "using the defaults",
    )?;

    let second =
        |name: &str, default: u32| field(name).map_or(f64::from(default), |v| v.number_or_nan());
    let times = reader.settle(
        check_hygiene_times(
            second("revealSeconds", defaults.reveal_seconds),
            second("clipboardSeconds", defaults.clipboard_seconds),
        ),
        defaults.hygiene_times(),
        "times",
        "using the defaults",
    )?;

    let mut show = defaults.show;
    match field("show") {
        None => {}
        Some(stored_show @ StoredValue::Object(_)) => {
            for (key, slot) in show.entries_mut() {
                if let Some(value) = stored_show.get(key) {
                    let path = format!("settings.show.{key}");
                    *slot = reader.settle(boolean(value, &path), true, &path, "showing it")?;
                }
            }
        }
        Some(other) => {
            let error = wrong_type("settings.show", "an object", other);
            reader.problem(error, "settings.show", "showing everything")?;
        }
    }

    let mut flag = |name: &str, default: bool| match field(name) {
        None => Ok(default),
        Some(value) => {
            let path = format!("settings.{name}");
            reader.settle(boolean(value, &path), default, &path, &format!("using {default}"))
        }
    };
    let leak_guard = flag("leakGuard", defaults.leak_guard)?;
    let clipboard_clear = flag("clipboardClear", defaults.clipboard_clear)?;

    let kdf_strength = match field("kdfStrength") {
        None => defaults.kdf_strength,
        Some(value) => {
            let found = match value {
                StoredValue::String(name) => KdfStrength::parse(name),
                other => Err(wrong_type("settings.kdfStrength", "a strength's name", other)),
            };
            let fallback = format!("using {}", defaults.kdf_strength.name());
            reader.settle(found, defaults.kdf_strength, "encryption strength", &fallback)?
        }
    };

    let export_mode = match field("exportMode") {
        None => defaults.export_mode,
        Some(value) => {
            let found = match value {
                StoredValue::String(name) => ExportMode::parse(name),
                other => Err(wrong_type("settings.exportMode", "a mode's name", other)),
            };
            let fallback = format!("using the {}", defaults.export_mode.name());
            reader.settle(found, defaults.export_mode, "export mode", &fallback)?
        }
    };

    let mut recipients: Vec<NamedRecipient> = Vec::new();
    match field("recipients") {
        None => {}
        Some(StoredValue::Array(entries)) => {
            for (i, entry) in entries.iter().enumerate() {
                let index = i + 1;
                match named_recipient(entry, index, &recipients) {
                    Ok(recipient) => recipients.push(recipient),
                    Err(error) => {
                        reader.problem(error, &format!("recipient {index}"), "leaving it out")?
                    }
                }
            }
        }
        Some(other) => {
            let error = wrong_type("settings.recipients", "an array", other);
            reader.problem(error, "recipients", "using none")?;
        }
    }
    // Recipients mode with no one left to seal to stays recipients mode: the
    // owner chose that exports go to the team's keys, and a passphrase only
    // the person at the keyboard knows is not a quiet substitute. Each
    // export is refused instead (the seal needs a recipient), and says why.
    if export_mode == ExportMode::Recipients && recipients.is_empty() {
        if reader.strict {
            return Err(SettingsError::NoRecipients);
        }
        reader.diagnostics.push(format!(
            "RootGuard: {}; exports are refused until the options page lists one.",
            SettingsError::NoRecipients
        ));
    }

    Ok(Settings {
        rotate_days: limits.rotate_days,
        critical_days: limits.critical_days,
        unused_days: limits.unused_days,
        show,
        kdf_strength,
        leak_guard,
        reveal_seconds: times.reveal_seconds,
        clipboard_clear,
        clipboard_seconds: times.clipboard_seconds,
        export_mode,
        recipients,
    })
}

/// One recipients entry, `{name, recipient}`, checked against those before
/// it (`listed`) as the options page checks a recipient it adds: a name,
/// a key that parses, neither already in the list, room in the list.
fn named_recipient(
    entry: &StoredValue,
    index: usize,
    listed: &[NamedRecipient],
) -> Result<NamedRecipient, SettingsError> {
    if !matches!(entry, StoredValue::Object(_)) {
        return Err(wrong_type(&format!("settings.recipients[{}]", index - 1), "an object", entry));
    }
    let name = match entry.get("name") {
        Some(StoredValue::String(name)) if !name.trim().is_empty() => name.trim().to_owned(),
        _ => return Err(SettingsError::RecipientWithoutName { index }),
    };
    let text = match entry.get("recipient") {
        Some(StoredValue::String(text)) => text.as_str(),
        _ => "",
    };
    let recipient =
        Recipient::parse(text).map_err(|error| SettingsError::InvalidRecipient { index, error })?;
    if let Some(same) = listed.iter().find(|r| r.recipient == recipient) {
        return Err(SettingsError::DuplicateRecipient { name: same.name.clone() });
    }
    if listed.iter().any(|r| r.name == name) {
        return Err(SettingsError::DuplicateRecipientName(name));
    }
    if listed.len() >= MAX_RECIPIENTS {
        return Err(SettingsError::TooManyRecipients);
    }
    Ok(NamedRecipient { name, recipient })
}

//! What the options page lets the owner change, and the limits on it. The
//! options page asks the core to check what was typed (so the page, the
//! background and the CLI agree on one rule), and the core falls back to the
//! defaults for anything out of range rather than trust stored values.

use thiserror::Error;

use crate::envelope::KdfParams;
use crate::policy::Thresholds;

/// The longest limit the options page takes: ten years.
pub const MAX_DAYS: i64 = 3650;

/// Why policy thresholds were refused.
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
}

/// Checks thresholds typed on the options page (numbers from JavaScript).
pub fn check_thresholds(
    rotate: f64,
    critical: f64,
    unused: f64,
) -> Result<Thresholds, SettingsError> {
    let days = |value: f64, field: &'static str| {
        let whole = value.fract() == 0.0 && (1.0..=MAX_DAYS as f64).contains(&value);
        if whole {
            Ok(value as i64)
        } else {
            Err(SettingsError::OutOfRange { field })
        }
    };
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

/// How hard Argon2id works on an export's passphrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KdfStrength {
    /// OWASP's minimum (19 MiB, 2 passes): for slow machines.
    Minimum,
    /// RootGuard's default (64 MiB, 3 passes).
    Standard,
    /// 256 MiB, 3 passes: several times the cost for an attacker, and for you.
    Strong,
}

impl KdfStrength {
    /// The option's name on the options page and in storage.
    pub fn parse(name: &str) -> Result<KdfStrength, SettingsError> {
        match name {
            "minimum" => Ok(KdfStrength::Minimum),
            "standard" => Ok(KdfStrength::Standard),
            "strong" => Ok(KdfStrength::Strong),
            other => Err(SettingsError::UnknownKdfStrength(other.to_owned())),
        }
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

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!(matches!(
            too_short,
            Err(SettingsError::SecondsOutOfRange { min: 5, max: 3600, .. })
        ));
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
}

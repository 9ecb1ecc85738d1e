//! The Multi-factor authentication (MFA) section of a Security credentials
//! page: how many MFA devices it lists. Security Hub IAM.9 and the CIS
//! benchmark ("MFA is enabled for the root user") fail when it lists none.
//!
//! Recognised by meaning, not markup: the section is the one whose heading
//! carries the acronym "MFA", which the console keeps in every language it
//! is offered in ("Multi-factor authentication (MFA)", "多要素認証 (MFA)",
//! "Multi-Faktor-Authentifizierung (MFA)"). Its heading's counter ("(0)",
//! Cloudscape's Header counter, full-width "（0）" too) says how many
//! devices it lists; without a counter, its table's data rows do.

use serde::Deserialize;

/// A section of a page as a content script saw it: its heading (with the
/// counter, as the page shows it) and how many data rows the table under
/// that heading shows (an empty table's "No MFA devices" row is not one).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ObservedSection {
    /// The section heading's text.
    pub heading: String,
    /// Data rows in the section's table (rows of two or more cells).
    pub rows: usize,
}

/// What the page says of the MFA devices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MfaDevices {
    /// The section lists this many devices.
    Listed(usize),
    /// The section is there but says nothing yet (no counter, no rows,
    /// and the page is still changing: the list may be loading).
    NotYetKnown,
    /// No MFA section on the page.
    NoSection,
}

/// How many MFA devices the page's MFA section lists. `settled`: the page
/// stopped changing, so a section without a counter and without rows has
/// finished loading and lists none.
pub fn mfa_devices(sections: &[ObservedSection], settled: bool) -> MfaDevices {
    let Some(section) = sections.iter().find(|s| names_mfa(&s.heading)) else {
        return MfaDevices::NoSection;
    };
    match (counter(&section.heading), section.rows) {
        (Some(count), _) => MfaDevices::Listed(count),
        (None, rows) if rows > 0 => MfaDevices::Listed(rows),
        (None, _) if settled => MfaDevices::Listed(0),
        (None, _) => MfaDevices::NotYetKnown,
    }
}

/// Whether a heading names the MFA section: "MFA" as a word of its own
/// (not inside another word, so "Assign MFA device" buttons are not
/// headings and "NMFAX" is not MFA).
fn names_mfa(heading: &str) -> bool {
    heading.match_indices("MFA").any(|(at, _)| {
        let before = heading[..at].chars().next_back();
        let after = heading[at + 3..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// The counter at the end of a heading: "(2)" or "（2）", spaces allowed.
fn counter(heading: &str) -> Option<usize> {
    let heading = heading.trim_end();
    let inner = heading
        .strip_suffix(')')
        .and_then(|h| h.rsplit_once('('))
        .or_else(|| heading.strip_suffix('）').and_then(|h| h.rsplit_once('（')))?
        .1;
    let digits = inner.trim();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(heading: &str, rows: usize) -> ObservedSection {
        ObservedSection { heading: heading.into(), rows }
    }

    #[test]
    fn the_counter_says_how_many_devices_in_every_language() {
        for heading in [
            "Multi-factor authentication (MFA) (0)",
            "Multi-Faktor-Authentifizierung (MFA) (0)",
            "多要素認証 (MFA) （0）",
            "多重身份验证 (MFA)(0)",
            "멀티 팩터 인증(MFA) (0)",
        ] {
            let sections = [section("Account details", 0), section(heading, 0)];
            assert_eq!(mfa_devices(&sections, false), MfaDevices::Listed(0), "{heading}");
        }
        let sections = [section("Multi-factor authentication (MFA) (2)", 2)];
        assert_eq!(mfa_devices(&sections, false), MfaDevices::Listed(2));
    }

    #[test]
    fn without_a_counter_the_table_rows_count_and_an_empty_table_only_once_settled() {
        let with_rows = [section("Multi-factor authentication (MFA)", 1)];
        assert_eq!(mfa_devices(&with_rows, false), MfaDevices::Listed(1));
        let empty = [section("Multi-factor authentication (MFA)", 0)];
        assert_eq!(mfa_devices(&empty, false), MfaDevices::NotYetKnown);
        assert_eq!(mfa_devices(&empty, true), MfaDevices::Listed(0));
    }

    #[test]
    fn mfa_is_a_word_of_its_own_and_the_section_must_be_there() {
        assert_eq!(mfa_devices(&[section("Access keys (2)", 2)], true), MfaDevices::NoSection);
        assert_eq!(mfa_devices(&[section("NMFAX (0)", 0)], true), MfaDevices::NoSection);
        assert_eq!(mfa_devices(&[], true), MfaDevices::NoSection);
    }

    #[test]
    fn a_counter_is_digits_in_brackets_at_the_end() {
        assert_eq!(counter("MFA (12)"), Some(12));
        assert_eq!(counter("MFA ( 3 )"), Some(3));
        assert_eq!(counter("Multi-factor authentication (MFA)"), None);
        assert_eq!(counter("MFA ()"), None);
        assert_eq!(counter("MFA (-1)"), None);
        assert_eq!(counter("MFA (99999999999999999999999)"), None);
    }
}

//! File names, in one place: the names the console gives credentials files,
//! which names RootGuard takes for a credentials file, and the names it
//! gives what it captures and saves.
//!
//! The console names a key's file `rootkey.csv` (the root user) or
//! `<user>_accessKeys.csv` (an IAM user), and a batch of new users'
//! `new_user_credentials.csv`; RootGuard calls a credentials file with no
//! name `credentials.csv`. The same constants build those names
//! ([`page_credentials_file_name`]) and recognise them
//! ([`is_credentials_file_name`]), so the two cannot drift apart.

use crate::console::{ConsolePage, Principal};
use crate::envelope::FILE_SUFFIX;

/// The root user's key file, as the console names it.
pub const ROOT_KEY_FILE: &str = "rootkey.csv";

/// What follows the user's name in an IAM user's key file
/// (`alice_accessKeys.csv`).
pub const USER_KEY_FILE_SUFFIX: &str = "_accessKeys.csv";

/// A credentials file whose name is not known.
pub const UNNAMED_CREDENTIALS_FILE: &str = "credentials.csv";

/// What every name the console gives credentials files ends in.
const CSV: &str = ".csv";

/// The word in every other credentials file's name
/// (`new_user_credentials.csv`, [`UNNAMED_CREDENTIALS_FILE`]).
const CREDENTIALS_WORD: &str = "credentials";

/// An IAM user's key file: `<user>_accessKeys.csv`, any path separator in
/// the user's name replaced (IAM names cannot hold one; a page's could).
pub fn user_key_file(user: &str) -> String {
    format!("{}{USER_KEY_FILE_SUFFIX}", user.replace(['/', '\\'], "_"))
}

/// The name the console would give this key's file: `<user>_accessKeys.csv`
/// for an IAM user (the wizard's user, else the signed-in user), and
/// `rootkey.csv` for the root user; `credentials.csv` when it is not known.
pub fn page_credentials_file_name(page: &ConsolePage, principal: &Principal) -> String {
    let user = match (page, principal) {
        (ConsolePage::IamUserAccessKeyWizard { user_name }, _) => Some(user_name.clone()),
        (_, Principal::IamUser { name }) => name.clone(),
        _ => None,
    };
    match (user, principal) {
        (Some(user), _) => user_key_file(&user),
        (None, Principal::Root) => ROOT_KEY_FILE.to_owned(),
        (None, _) => UNNAMED_CREDENTIALS_FILE.to_owned(),
    }
}

/// `rootkey.csv`, `<user>_accessKeys.csv`, `*credentials*.csv` (any case, and
/// with the ` (1)` browsers add to repeated downloads).
pub fn is_credentials_file_name(file_name: &str) -> bool {
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or_default().to_ascii_lowercase();
    let Some(stem) = base.strip_suffix(CSV) else {
        return false;
    };
    let stem = format!("{}{CSV}", strip_copy_counter(stem));
    stem == ROOT_KEY_FILE
        || stem.ends_with(&USER_KEY_FILE_SUFFIX.to_ascii_lowercase())
        || stem.contains(CREDENTIALS_WORD)
}

/// `rootkey (1)` → `rootkey`.
fn strip_copy_counter(stem: &str) -> &str {
    match stem.rsplit_once(" (") {
        Some((head, tail))
            if tail.strip_suffix(')').is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit())) =>
        {
            head
        }
        _ => stem,
    }
}

/// The name a captured download goes by: the page's suggestion, or
/// `credentials.csv` when it gave none (window.open, a navigation to a blob).
pub fn captured_file_name(suggested: &str) -> String {
    let base = suggested.rsplit(['/', '\\']).next().unwrap_or_default().trim();
    if base.is_empty() {
        UNNAMED_CREDENTIALS_FILE.to_owned()
    } else {
        base.to_owned()
    }
}

/// The name the encrypted copy is saved under: the original's base name plus
/// [`FILE_SUFFIX`] (`rootkey.csv` → `rootkey.csv.rootguard`). Never ends in
/// `.csv`, never contains a path.
pub fn encrypted_file_name(original: &str) -> String {
    let base = original.rsplit(['/', '\\']).next().unwrap_or_default();
    let base: String = base.chars().filter(|c| !c.is_control()).collect();
    let base = base.trim().trim_start_matches('.');
    let base = if base.is_empty() { UNNAMED_CREDENTIALS_FILE } else { base };
    format!("{base}{FILE_SUFFIX}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credential_file_names() {
        for name in [
            "rootkey.csv",
            "ROOTKEY.CSV",
            "alice_accessKeys.csv",
            "new_user_credentials.csv",
            "rootkey (1).csv",
            "C:\\Users\\x\\rootkey.csv",
        ] {
            assert!(is_credentials_file_name(name), "{name}");
        }
        for name in [
            "rootkey.csv.rgenc",
            "access-keys-list.csv",
            "report.csv",
            "rootkey.txt",
            "status_reports.csv",
            "myrootkey.csv",
        ] {
            assert!(!is_credentials_file_name(name), "{name}");
        }
    }

    /// Every name RootGuard gives a key's file is one it recognises, and
    /// none of the names it saves the encrypted copy under is.
    #[test]
    fn the_names_given_are_the_names_recognised() {
        let wizard = "#/security_credentials/access-key-wizard";
        for principal in [
            Principal::Root,
            Principal::IamUser { name: Some("alice".into()) },
            Principal::IamUser { name: None },
            Principal::Federated,
            Principal::Unknown,
        ] {
            for fragment in [wizard, "#/users/details/b%2Fb/create-access-key"] {
                let name = page_credentials_file_name(
                    &ConsolePage::from_location("/iam/home", fragment),
                    &principal,
                );
                assert!(is_credentials_file_name(&name), "{name}");
                assert!(is_credentials_file_name(&captured_file_name(&name)), "{name}");
                assert!(!is_credentials_file_name(&encrypted_file_name(&name)), "{name}");
            }
        }
        assert!(is_credentials_file_name(&captured_file_name("")));
    }

    #[test]
    fn file_names_follow_the_console() {
        let wizard = "#/security_credentials/access-key-wizard";
        assert_eq!(
            page_credentials_file_name(
                &ConsolePage::from_location("/iam/home", wizard),
                &Principal::Root
            ),
            "rootkey.csv"
        );
        let alice = Principal::IamUser { name: Some("alice".into()) };
        assert_eq!(
            page_credentials_file_name(&ConsolePage::from_location("/iam/home", wizard), &alice),
            "alice_accessKeys.csv"
        );
        assert_eq!(
            page_credentials_file_name(
                &ConsolePage::from_location("/iam/home", "#/users/details/b%40b/create-access-key"),
                &Principal::Root
            ),
            "b@b_accessKeys.csv"
        );
        assert_eq!(
            page_credentials_file_name(
                &ConsolePage::from_location("/iam/home", "#/users/a%2Fb/create-access-key"),
                &alice
            ),
            "a_b_accessKeys.csv"
        );
        assert_eq!(
            page_credentials_file_name(
                &ConsolePage::from_location("/iam/home", wizard),
                &Principal::Unknown
            ),
            "credentials.csv"
        );
    }

    #[test]
    fn encrypted_names_keep_the_base_name_and_never_end_in_csv() {
        assert_eq!(encrypted_file_name("rootkey.csv"), "rootkey.csv.rootguard");
        assert_eq!(encrypted_file_name("alice_accessKeys.csv"), "alice_accessKeys.csv.rootguard");
        assert_eq!(encrypted_file_name("../../etc/rootkey.csv"), "rootkey.csv.rootguard");
        assert_eq!(encrypted_file_name("C:\\x\\.hidden.csv"), "hidden.csv.rootguard");
        assert_eq!(encrypted_file_name(""), "credentials.csv.rootguard");
        assert!(!encrypted_file_name("a.csv").ends_with(".csv"));
    }

    #[test]
    fn unnamed_captures_are_called_credentials_csv() {
        assert_eq!(captured_file_name(""), "credentials.csv");
        assert_eq!(captured_file_name("  "), "credentials.csv");
        assert_eq!(captured_file_name("rootkey.csv"), "rootkey.csv");
        assert_eq!(captured_file_name("a/b/rootkey.csv"), "rootkey.csv");
    }
}

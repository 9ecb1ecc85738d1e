//! Which IAM page a console URL shows.
//!
//! The console is a single-page app: the page is chosen by the `#` fragment,
//! which match patterns cannot see, so the content script re-asks on every
//! `hashchange`/`popstate` and this module decides from path + fragment.

use serde::Serialize;

/// The console pages RootGuard cares about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum ConsolePage {
    /// `#/security_credentials`: the signed-in principal's own Security
    /// credentials (the root user's, when root is signed in).
    SecurityCredentials,
    /// `#/security_credentials/access-key-wizard`: creating an access key for
    /// the signed-in principal. Its steps share the route.
    AccessKeyWizard,
    /// `#/users/details/NAME?section=security_credentials`: an IAM user's
    /// Security credentials tab.
    IamUserCredentials {
        /// The IAM user whose keys are shown, URL-decoded.
        #[serde(rename = "userName")]
        user_name: String,
    },
    /// `#/users/details/NAME` on another tab (or none): an IAM user's
    /// details page, whose summary lists the user's keys ("Access key 1")
    /// whichever tab is open, but which need not show a key table.
    IamUserDetails {
        /// The IAM user, URL-decoded.
        #[serde(rename = "userName")]
        user_name: String,
    },
    /// `#/users/details/NAME/create-access-key` (or the old
    /// `#/users/NAME/create-access-key`): creating an access key for an IAM
    /// user. Its steps share the route; the last one shows the new secret.
    ///
    /// Serialised as `{"kind": "other"}`, as it was before RootGuard told it
    /// apart: the extension's pages name each kind (`popupPage_<kind>`), and
    /// the verdict treats it as any other page (no notice, no keys to
    /// read). Only the shown-secret rules ([`crate::hygiene`]) use it.
    #[serde(rename = "other")]
    IamUserAccessKeyWizard {
        /// The IAM user the key is for, URL-decoded.
        #[serde(skip)]
        user_name: String,
    },
    /// `#/users`: the IAM users list, whose table can show each user's
    /// active key age and its last use.
    UsersList,
    /// Any other console page: RootGuard only keeps watching the route.
    Other,
}

/// Whether a console path (`/iam/home`) is a service whose pages are chosen
/// by the fragment, as far as RootGuard tells them apart: IAM's. Elsewhere
/// every fragment is [`ConsolePage::Other`].
pub fn route_in_fragment(path: &str) -> bool {
    let service = path.trim_start_matches('/').split('/').next().unwrap_or_default();
    matches!(service, "iam" | "iamv2")
}

impl ConsolePage {
    /// Recognise a page from the URL's path (`/iam/home`) and fragment
    /// (`#/security_credentials`, with or without the `#`).
    pub fn from_location(path: &str, fragment: &str) -> ConsolePage {
        if !route_in_fragment(path) {
            return ConsolePage::Other;
        }
        let fragment = fragment.trim_start_matches('#').trim_start_matches('!');
        let (route, query) = fragment.split_once('?').unwrap_or((fragment, ""));
        let segments: Vec<&str> = route.split('/').filter(|s| !s.is_empty()).collect();
        match segments.as_slice() {
            // `security_credential` is the old, slash-less route.
            ["security_credentials" | "security_credential"] => ConsolePage::SecurityCredentials,
            ["security_credentials" | "security_credential", "access-key-wizard", ..] => {
                ConsolePage::AccessKeyWizard
            }
            // Before the tab rule: the wizard is its own page whatever the query.
            ["users", "details", name, "create-access-key", ..] => {
                ConsolePage::IamUserAccessKeyWizard { user_name: percent_decode(name) }
            }
            ["users"] => ConsolePage::UsersList,
            ["users", name, "create-access-key", ..] if *name != "details" => {
                ConsolePage::IamUserAccessKeyWizard { user_name: percent_decode(name) }
            }
            ["users", "details", name, ..] | ["users", name, ..]
                if query_section(query) == Some("security_credentials") =>
            {
                ConsolePage::IamUserCredentials { user_name: percent_decode(name) }
            }
            ["users", "details", name] => {
                ConsolePage::IamUserDetails { user_name: percent_decode(name) }
            }
            ["users", name] if *name != "details" => {
                ConsolePage::IamUserDetails { user_name: percent_decode(name) }
            }
            _ => ConsolePage::Other,
        }
    }
}

impl ConsolePage {
    /// A page that lists access keys (a table, cards or summary lines):
    /// RootGuard badges them and keeps reading them as the page changes.
    pub fn shows_access_keys(&self) -> bool {
        matches!(
            self,
            ConsolePage::SecurityCredentials
                | ConsolePage::IamUserCredentials { .. }
                | ConsolePage::IamUserDetails { .. }
        )
    }

    /// A page whose tables RootGuard reads whole, every row (the users list:
    /// a user without a shown key ID may still have a key), not only the
    /// rows that show an access key ID.
    pub fn reads_every_row(&self) -> bool {
        matches!(self, ConsolePage::UsersList)
    }

    /// A create-access-key wizard (the signed-in principal's or an IAM
    /// user's), the one place the console shows a new secret: the content
    /// script watches only there for it (src/hygiene.rs).
    pub fn shows_new_secret(&self) -> bool {
        matches!(self, ConsolePage::AccessKeyWizard | ConsolePage::IamUserAccessKeyWizard { .. })
    }
}

fn query_section(query: &str) -> Option<&str> {
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(key, _)| *key == "section")
        .map(|(_, value)| value)
}

/// Decode `%XX` escapes (IAM user names may contain `+=,.@_-`, which the
/// console may escape). Invalid escapes are kept as they are.
pub(crate) fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'%')
            .then(|| text.get(i + 1..i + 3))
            .flatten()
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escaped {
            Some(byte) => {
                out.push(byte);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_security_credentials_route_variant() {
        for (path, fragment) in [
            ("/iam/home", "#/security_credentials"),
            ("/iam/home", "/security_credentials"),
            ("/iam/home", "#security_credential"),
            ("/iam/home", "#/security_credentials?section=IAM_credentials"),
            ("/iamv2/home", "#/security_credentials"),
            ("/iam/home/", "#/security_credentials/"),
        ] {
            assert_eq!(
                ConsolePage::from_location(path, fragment),
                ConsolePage::SecurityCredentials,
                "{path}{fragment}"
            );
        }
    }

    #[test]
    fn wizard_routes() {
        for path in ["/iam/home", "/iamv2/home"] {
            assert_eq!(
                ConsolePage::from_location(path, "#/security_credentials/access-key-wizard"),
                ConsolePage::AccessKeyWizard
            );
        }
    }

    #[test]
    fn iam_user_tab_new_and_old_routes() {
        let alice = ConsolePage::IamUserCredentials { user_name: "alice".into() };
        assert_eq!(
            ConsolePage::from_location(
                "/iam/home",
                "#/users/details/alice?section=security_credentials"
            ),
            alice
        );
        assert_eq!(
            ConsolePage::from_location("/iam/home", "#/users/alice?section=security_credentials"),
            alice
        );
        assert_eq!(
            ConsolePage::from_location(
                "/iam/home",
                "#/users/details/a%40b.c?section=security_credentials"
            ),
            ConsolePage::IamUserCredentials { user_name: "a@b.c".into() }
        );
        // Another tab of the same user: its details page (the summary lists the keys).
        let details = ConsolePage::IamUserDetails { user_name: "alice".into() };
        for fragment in
            ["#/users/details/alice?section=permissions", "#/users/details/alice", "#/users/alice"]
        {
            assert_eq!(ConsolePage::from_location("/iam/home", fragment), details, "{fragment}");
        }
        for fragment in ["#/users/details/alice/create-access-key", "#/users/details"] {
            assert_ne!(ConsolePage::from_location("/iam/home", fragment), details, "{fragment}");
        }
    }

    #[test]
    fn iam_user_wizard_new_and_old_routes() {
        let bob = ConsolePage::IamUserAccessKeyWizard { user_name: "bob".into() };
        for fragment in [
            "#/users/details/bob/create-access-key",
            "#/users/bob/create-access-key",
            "#/users/bob/create-access-key?x=1",
            "#/users/details/bob/create-access-key/step2",
            "#/users/details/bob/create-access-key?section=security_credentials",
        ] {
            assert_eq!(ConsolePage::from_location("/iamv2/home", fragment), bob, "{fragment}");
        }
        assert_eq!(
            ConsolePage::from_location("/iam/home", "#/users/details/a%40b/create-access-key"),
            ConsolePage::IamUserAccessKeyWizard { user_name: "a@b".into() }
        );
        // The details page of a user called create-access-key, as before.
        assert_eq!(
            ConsolePage::from_location("/iam/home", "#/users/details/create-access-key"),
            ConsolePage::IamUserDetails { user_name: "create-access-key".into() }
        );
        assert_eq!(
            ConsolePage::from_location("/s3/home", "#/users/details/bob/create-access-key"),
            ConsolePage::Other
        );
    }

    /// JavaScript sees the user's wizard as it saw it before it had a name.
    #[test]
    fn the_iam_user_wizard_is_serialised_as_other() {
        let wizard = ConsolePage::IamUserAccessKeyWizard { user_name: "bob".into() };
        assert_eq!(
            serde_json::to_string(&wizard).ok(),
            serde_json::to_string(&ConsolePage::Other).ok()
        );
        assert!(!wizard.shows_access_keys());
    }

    #[test]
    fn the_users_list_is_read_row_by_row() {
        for fragment in ["#/users", "#/users?search=alice", "#!/users/"] {
            let page = ConsolePage::from_location("/iam/home", fragment);
            assert_eq!(page, ConsolePage::UsersList, "{fragment}");
            assert!(page.reads_every_row() && !page.shows_access_keys());
        }
    }

    #[test]
    fn other_services_and_routes_are_other() {
        for (path, fragment) in [
            ("/iam/home", "#/home"),
            ("/iam/home", ""),
            ("/s3/home", "#/users"),
            ("/s3/home", "#/security_credentials"),
            ("/", "#/security_credentials"),
            ("/iam/home", "#/roles/details/x?section=security_credentials"),
        ] {
            assert_eq!(
                ConsolePage::from_location(path, fragment),
                ConsolePage::Other,
                "{path}{fragment}"
            );
        }
    }

    #[test]
    fn percent_decode_keeps_invalid_escapes() {
        assert_eq!(percent_decode("a%zzb%4"), "a%zzb%4");
        assert_eq!(percent_decode("%E6%97%A5"), "日");
    }

    #[test]
    fn the_wizards_that_show_a_new_secret() {
        let shows_new_secret =
            |path, fragment| ConsolePage::from_location(path, fragment).shows_new_secret();
        assert!(shows_new_secret("/iam/home", "#/security_credentials/access-key-wizard"));
        assert!(shows_new_secret("/iamv2/home", "#/users/details/bob/create-access-key"));
        assert!(shows_new_secret("/iam/home", "#/users/bob/create-access-key?x=1"));
        assert!(!shows_new_secret("/iam/home", "#/security_credentials"));
        assert!(!shows_new_secret("/iam/home", "#/users/details/bob?section=security_credentials"));
        assert!(!shows_new_secret("/s3/home", "#/users/details/bob/create-access-key"));
        assert!(
            !shows_new_secret("/iam/home", "#/users/details/create-access-key"),
            "a user called create-access-key"
        );
    }
}

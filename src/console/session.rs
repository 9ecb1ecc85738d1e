//! Who is signed in to the console.
//!
//! The console publishes `<meta name="awsc-session-data" content='{…}'>` with
//! the session's ARN; a root session's ARN ends in `:root`. When that tag is
//! missing or unreadable, the navigation bar's "IAM user:" / "Federated user:"
//! labels are the fallback: root sessions show neither.

use serde::Serialize;
use thiserror::Error;

use super::session_json::read_session_json;

/// The kind of principal signed in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Principal {
    /// The account's root user.
    Root,
    /// An IAM user.
    IamUser {
        /// The IAM user's name, when known.
        name: Option<String>,
    },
    /// An assumed role or federated session (Identity Center, SAML, …).
    Federated,
    /// Not enough information to tell.
    Unknown,
}

/// What RootGuard knows about the console session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Session {
    /// The 12-digit account ID, when known.
    pub account_id: Option<String>,
    /// Who is signed in.
    pub principal: Principal,
}

/// Why the session data could not be read.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum SessionError {
    /// The meta tag's content is not the JSON object the console publishes.
    #[error("the console's session data (awsc-session-data) is not valid JSON: {0}")]
    NotJson(String),
    /// The JSON has no `sessionARN`, so the principal cannot be told.
    #[error("the console's session data has no sessionARN")]
    NoArn,
}

impl SessionError {
    /// A stable name for the error, e.g. for a JavaScript `Error.name`.
    pub fn name(&self) -> &'static str {
        match self {
            SessionError::NotJson(_) => "SessionDataNotJson",
            SessionError::NoArn => "SessionDataWithoutArn",
        }
    }
}

impl Session {
    /// Read the `awsc-session-data` meta tag's content.
    pub fn from_session_data(json: &str) -> Result<Session, SessionError> {
        let data = read_session_json(json).map_err(|e| SessionError::NotJson(e.to_string()))?;
        let arn = data.session_arn.ok_or(SessionError::NoArn)?;
        let account_id =
            data.account_id.filter(|id| is_account_id(id)).or_else(|| arn_account(&arn));
        Ok(Session { account_id, principal: principal_from_arn(&arn) })
    }

    /// Fallback when the session data is unusable: the navigation bar.
    /// IAM and federated sessions carry a user line (with a copy-user-name
    /// button, whatever the language); root's does not. An empty bar proves
    /// nothing, so only a bar that shows an account ID and no user line
    /// counts as root.
    pub fn from_navigation(text: &str, has_user_line: bool) -> Session {
        let account_id = find_account_id(text);
        let principal = if text.contains("Federated user") || text.contains("Assumed role") {
            Principal::Federated
        } else if has_user_line || text.contains("IAM user") {
            Principal::IamUser { name: None }
        } else if account_id.is_some() {
            Principal::Root
        } else {
            Principal::Unknown
        };
        Session { account_id, principal }
    }

    /// A session nothing is known about.
    pub fn unknown() -> Session {
        Session { account_id: None, principal: Principal::Unknown }
    }
}

fn principal_from_arn(arn: &str) -> Principal {
    // arn:PARTITION:iam::ACCOUNT:root | user/PATH/NAME ; arn:…:sts::ACCOUNT:assumed-role/…
    let mut parts = arn.splitn(6, ':');
    let (
        Some("arn"),
        Some(_partition),
        Some(service),
        Some(_region),
        Some(_account),
        Some(resource),
    ) = (parts.next(), parts.next(), parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Principal::Unknown;
    };
    match (service, resource) {
        ("iam", "root") => Principal::Root,
        ("iam", user) if user.starts_with("user/") => {
            Principal::IamUser { name: user.rsplit('/').next().map(str::to_owned) }
        }
        ("sts", r) if r.starts_with("assumed-role/") || r.starts_with("federated-user/") => {
            Principal::Federated
        }
        _ => Principal::Unknown,
    }
}

fn arn_account(arn: &str) -> Option<String> {
    arn.split(':').nth(4).filter(|id| is_account_id(id)).map(str::to_owned)
}

fn is_account_id(id: &str) -> bool {
    id.len() == 12 && id.bytes().all(|b| b.is_ascii_digit())
}

/// An account ID as the navigation bar shows it: `1234-5678-9012` or plain.
fn find_account_id(text: &str) -> Option<String> {
    let digits_and_dashes: Vec<char> = text.chars().collect();
    for start in 0..digits_and_dashes.len() {
        let candidate: String = digits_and_dashes[start..]
            .iter()
            .take_while(|c| c.is_ascii_digit() || **c == '-')
            .collect();
        let digits: String = candidate.chars().filter(char::is_ascii_digit).collect();
        let preceded_by_digit = start > 0 && digits_and_dashes[start - 1].is_ascii_digit();
        if !preceded_by_digit && is_account_id(&digits) {
            return Some(digits);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_session_from_meta_tag() {
        let json = r#"{"accountId":"123456789012","accountAlias":"example-corp","displayName":"example-corp","sessionARN":"arn:aws:iam::123456789012:root","prismModeEnabled":false,"infrastructureRegion":"us-east-1"}"#;
        assert_eq!(
            Session::from_session_data(json),
            Ok(Session { account_id: Some("123456789012".into()), principal: Principal::Root })
        );
    }

    #[test]
    fn iam_user_and_federated_sessions() {
        let user = Session::from_session_data(
            r#"{"sessionARN":"arn:aws:iam::123456789012:user/team/alice"}"#,
        );
        assert_eq!(
            user,
            Ok(Session {
                account_id: Some("123456789012".into()),
                principal: Principal::IamUser { name: Some("alice".into()) }
            })
        );
        let role = Session::from_session_data(
            r#"{"accountId":"123456789012","sessionARN":"arn:aws:sts::123456789012:assumed-role/Admin/bob"}"#,
        );
        assert_eq!(role.map(|s| s.principal), Ok(Principal::Federated));
        let china_root =
            Session::from_session_data(r#"{"sessionARN":"arn:aws-cn:iam::123456789012:root"}"#);
        assert_eq!(china_root.map(|s| s.principal), Ok(Principal::Root));
    }

    #[test]
    fn bad_session_data_is_an_error_not_a_guess() {
        assert!(matches!(Session::from_session_data("{not json"), Err(SessionError::NotJson(_))));
        assert_eq!(Session::from_session_data(r#"{"accountId":"1"}"#), Err(SessionError::NoArn));
        assert_eq!(
            Session::from_session_data(r#"{"sessionARN":"garbage"}"#).map(|s| s.principal),
            Ok(Principal::Unknown)
        );
    }

    #[test]
    fn navigation_bar_fallback() {
        assert_eq!(
            Session::from_navigation("Account ID: 1234-5678-9012", false).principal,
            Principal::Root
        );
        assert_eq!(
            Session::from_navigation("Account ID: 1234-5678-9012 IAM user: alice", false).principal,
            Principal::IamUser { name: None }
        );
        assert_eq!(Session::from_navigation("", false).principal, Principal::Unknown);
        assert_eq!(
            Session::from_navigation("Konto-ID: 1234-5678-9012 IAM-Benutzer: alice", true)
                .principal,
            Principal::IamUser { name: None }
        );
        assert_eq!(
            Session::from_navigation("Account ID: 1234-5678-9012", false).account_id.as_deref(),
            Some("123456789012")
        );
    }

    #[test]
    fn error_names_are_distinct() {
        assert_ne!(SessionError::NotJson(String::new()).name(), SessionError::NoArn.name());
    }
}

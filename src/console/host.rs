//! Which AWS console (partition) a host name belongs to.

use serde::Serialize;

/// An AWS partition whose console RootGuard protects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Partition {
    /// `console.aws.amazon.com` and its regional and multi-session hosts.
    Commercial,
    /// `console.amazonaws.cn` (Beijing, Ningxia).
    China,
    /// `console.amazonaws-us-gov.com`. Root cannot sign in here, but IAM
    /// users' key pages exist.
    GovCloud,
}

/// A recognised console host.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConsoleHost {
    /// The partition the host serves.
    pub partition: Partition,
    /// The region named in the host (`us-east-1.console…`), if any.
    pub region: Option<String>,
    /// A multi-session host: `<12-digit account>-<8 chars>.<region>.console…`.
    pub multi_session: bool,
}

const CONSOLE_DOMAINS: [(&str, Partition); 3] = [
    ("console.aws.amazon.com", Partition::Commercial),
    ("console.amazonaws.cn", Partition::China),
    ("console.amazonaws-us-gov.com", Partition::GovCloud),
];

impl ConsoleHost {
    /// Recognise a host name (no port, any case). `None` for every host that
    /// is not an AWS console: RootGuard must do nothing there.
    pub fn parse(host: &str) -> Option<ConsoleHost> {
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        for (domain, partition) in CONSOLE_DOMAINS {
            if host == domain {
                return Some(ConsoleHost { partition, region: None, multi_session: false });
            }
            let Some(prefix) = host.strip_suffix(domain).and_then(|p| p.strip_suffix('.')) else {
                continue;
            };
            if prefix.is_empty() || !prefix.split('.').all(is_dns_label) {
                return None;
            }
            let labels: Vec<&str> = prefix.split('.').collect();
            let (multi_session, region) = match labels.as_slice() {
                [session, region] if is_multi_session_label(session) => (true, Some(*region)),
                [region] => (false, Some(*region)),
                _ => (false, labels.last().copied()),
            };
            return Some(ConsoleHost {
                partition,
                region: region.filter(|r| looks_like_region(r)).map(str::to_owned),
                multi_session,
            });
        }
        None
    }
}

fn is_dns_label(label: &str) -> bool {
    !label.is_empty()
        && label.len() <= 63
        && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// `123456789012-abcd1234`: an account ID, a dash, an 8-character session tag.
fn is_multi_session_label(label: &str) -> bool {
    match label.split_once('-') {
        Some((account, tag)) => {
            account.len() == 12
                && account.bytes().all(|b| b.is_ascii_digit())
                && tag.len() == 8
                && tag.bytes().all(|b| b.is_ascii_alphanumeric())
        }
        None => false,
    }
}

/// `us-east-1`, `cn-north-1`, `us-gov-west-1`, `ap-southeast-3`…
fn looks_like_region(label: &str) -> bool {
    let parts: Vec<&str> = label.split('-').collect();
    parts.len() >= 3
        && parts.last().is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()))
        && parts[..parts.len() - 1].iter().all(|p| p.bytes().all(|b| b.is_ascii_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_every_console_host_form() {
        let cases = [
            ("console.aws.amazon.com", Partition::Commercial, None, false),
            ("us-east-1.console.aws.amazon.com", Partition::Commercial, Some("us-east-1"), false),
            ("EU-NORTH-1.Console.AWS.Amazon.com", Partition::Commercial, Some("eu-north-1"), false),
            (
                "123456789012-abcd1234.us-east-1.console.aws.amazon.com",
                Partition::Commercial,
                Some("us-east-1"),
                true,
            ),
            ("console.amazonaws.cn", Partition::China, None, false),
            ("cn-north-1.console.amazonaws.cn", Partition::China, Some("cn-north-1"), false),
            ("console.amazonaws-us-gov.com", Partition::GovCloud, None, false),
            (
                "us-gov-west-1.console.amazonaws-us-gov.com",
                Partition::GovCloud,
                Some("us-gov-west-1"),
                false,
            ),
        ];
        for (host, partition, region, multi) in cases {
            let parsed = ConsoleHost::parse(host);
            assert_eq!(
                parsed,
                Some(ConsoleHost {
                    partition,
                    region: region.map(str::to_owned),
                    multi_session: multi
                }),
                "{host}"
            );
        }
    }

    #[test]
    fn refuses_look_alike_hosts() {
        for host in [
            "www.example.com",
            "console.aws.amazon.com.evil.example",
            "evilconsole.aws.amazon.com",
            "aws.amazon.com",
            "signin.aws.amazon.com",
            "console.amazonaws.cn.example",
            "",
            ".console.aws.amazon.com",
            "a..console.aws.amazon.com",
        ] {
            assert_eq!(ConsoleHost::parse(host), None, "{host}");
        }
    }
}

//! Whether a message to the background comes from a console page: the rule
//! the background applies to every message that can make it hold or save a
//! file. The browser, not the sending renderer, fills in a sender's origin
//! and URLs, so a compromised renderer of another site cannot pass for a
//! console page; RootGuard's own content scripts on other sites (the leak
//! guard's) cannot either.

use super::host::ConsoleHost;

/// The host of an `https:` origin or URL (`https://host[:443][/…]`), when it
/// is a console host. Any other scheme, a user-info part, or a port other
/// than 443 is not a console page.
pub fn console_host_of(url: &str) -> Option<ConsoleHost> {
    let rest = url.strip_prefix("https://")?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.contains('@') {
        return None;
    }
    let host = match authority.rsplit_once(':') {
        Some((host, "443")) => host,
        Some(_) => return None,
        None => authority,
    };
    ConsoleHost::parse(host)
}

/// Whether a sender is a console page. `origin` is the browser's
/// `MessageSender.origin` when it gives one (Chromium does), `url` its
/// `MessageSender.url`, `tab_url` the URL of the tab's top document. When the
/// browser gives no origin, or an opaque one (`"null"`: a `data:` frame), the
/// URL decides: a frame or popup whose URL carries no origin (`about:blank`,
/// `about:srcdoc`, `data:`) counts as its tab's top document, and a `blob:`
/// URL as the origin inside it.
pub fn is_console_sender(origin: Option<&str>, url: &str, tab_url: Option<&str>) -> bool {
    if let Some(origin) = origin.filter(|o| *o != "null") {
        return console_host_of(origin).is_some();
    }
    if let Some(inner) = url.strip_prefix("blob:") {
        return console_host_of(inner).is_some();
    }
    let without_origin = ["about:blank", "about:srcdoc", "data:"];
    if without_origin.iter().any(|prefix| url.starts_with(prefix)) {
        return tab_url.is_some_and(|top| console_host_of(top).is_some());
    }
    console_host_of(url).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONSOLE: &str = "https://us-east-1.console.aws.amazon.com/iam/home#/security_credentials";

    #[test]
    fn console_pages_and_origins_are_console_senders() {
        assert!(is_console_sender(None, CONSOLE, Some(CONSOLE)));
        assert!(is_console_sender(Some("https://us-east-1.console.aws.amazon.com"), CONSOLE, None));
        assert!(is_console_sender(None, "https://console.amazonaws.cn:443/iam/home", None));
        assert!(is_console_sender(None, "https://console.amazonaws-us-gov.com/", None));
        assert!(is_console_sender(
            None,
            "blob:https://us-east-1.console.aws.amazon.com/3c5d0bd5-2f7e-4d8e-9a1e-1f0e2b3c4d5e",
            None
        ));
        // An empty frame or popup of a console page, where the browser gives no origin.
        for url in ["about:blank", "about:srcdoc", "data:text/html,<p>"] {
            assert!(is_console_sender(None, url, Some(CONSOLE)), "{url}");
        }
    }

    #[test]
    fn other_sites_are_not_console_senders_however_they_are_framed() {
        let others = [
            "https://example.com/",
            "https://console.aws.amazon.com.evil.example/",
            "http://us-east-1.console.aws.amazon.com/",
            "https://us-east-1.console.aws.amazon.com:8443/",
            "https://user@us-east-1.console.aws.amazon.com/",
            "https://evil.example/?https://us-east-1.console.aws.amazon.com/",
            "moz-extension://abc/pages/options.html",
            "blob:https://example.com/3c5d0bd5",
            "",
        ];
        for url in others {
            // Framed by, or opened from, a console tab: the frame's own origin decides.
            assert!(!is_console_sender(None, url, Some(CONSOLE)), "{url}");
        }
        // The browser's origin wins over a URL; an opaque one leaves it to the URL.
        assert!(!is_console_sender(Some("null"), "https://example.com/", Some(CONSOLE)));
        assert!(is_console_sender(Some("null"), "data:text/html,<p>", Some(CONSOLE)));
        assert!(!is_console_sender(Some("https://example.com"), CONSOLE, Some(CONSOLE)));
        // An empty frame of another site's tab.
        assert!(!is_console_sender(None, "about:blank", Some("https://example.com/")));
        assert!(!is_console_sender(None, "about:blank", None));
    }
}

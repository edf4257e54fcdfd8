//! Where a claim was read: an outlet's article.

use super::DateSpec;

#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    pub id: String,
    pub outlet: String,
    pub title: Option<String>,
    pub url: Option<String>,
    pub published: Option<DateSpec>,
    pub author: Option<String>,
    /// How the source was identified or dated, where that took judgement.
    pub note: Option<String>,
}

/// Why a source's `url` is not opened as a link.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NotAWebLink {
    #[error(
        "it holds whitespace or an invisible character (U+{0:04X}), which could hide what it opens"
    )]
    HiddenCharacter(u32),
    #[error("it is not a URL ({0})")]
    Invalid(String),
    #[error("only http and https links are opened, not \"{0}:\"")]
    Scheme(String),
    #[error("it names no host")]
    NoHost,
}

/// The web page a source's `url` names, parsed. Only `http` and `https` URLs
/// with a host are links; nothing is stripped or repaired, because a link that
/// reads differently from what it opens is worse than no link. The browser is
/// given the parsed URL's own text, never the file's.
pub fn web_link(text: &str) -> Result<url::Url, NotAWebLink> {
    if let Some(c) = text.chars().find(|&c| is_hidden(c)) {
        return Err(NotAWebLink::HiddenCharacter(u32::from(c)));
    }
    let url = url::Url::parse(text).map_err(|e| NotAWebLink::Invalid(e.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(NotAWebLink::Scheme(url.scheme().to_owned()));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(NotAWebLink::NoHost);
    }
    Ok(url)
}

/// Whitespace, controls, and the format characters that print as nothing.
fn is_hidden(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c,
            '\u{00ad}' | '\u{061c}' | '\u{180e}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206f}' | '\u{feff}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_and_https_urls_with_a_host_are_links() {
        let url = web_link("https://www.reuters.com/world/asia-pacific/x-2021-07-09/").unwrap();
        assert_eq!(
            url.as_str(),
            "https://www.reuters.com/world/asia-pacific/x-2021-07-09/"
        );
        assert!(web_link("HTTP://example.org").is_ok());
    }

    #[test]
    fn other_schemes_and_hostless_urls_are_not() {
        assert_eq!(
            web_link("file:///etc/passwd"),
            Err(NotAWebLink::Scheme("file".into()))
        );
        assert_eq!(
            web_link("javascript:alert(1)"),
            Err(NotAWebLink::Scheme("javascript".into()))
        );
        assert!(matches!(
            web_link("www.example.org"),
            Err(NotAWebLink::Invalid(_))
        ));
        assert!(web_link("https://").is_err());
    }

    #[test]
    fn a_url_that_hides_characters_is_not_a_link() {
        // The browser crate opened this one as file:///<cwd>/http:/exa%20mple.com/x.
        assert_eq!(
            web_link("http://exa mple.com/x"),
            Err(NotAWebLink::HiddenCharacter(0x20))
        );
        assert_eq!(
            web_link("\u{2028}https://example.org"),
            Err(NotAWebLink::HiddenCharacter(0x2028))
        );
        assert_eq!(
            web_link("https://exa\u{200b}mple.org"),
            Err(NotAWebLink::HiddenCharacter(0x200b))
        );
        assert_eq!(
            web_link(" https://example.org"),
            Err(NotAWebLink::HiddenCharacter(0x20))
        );
    }
}

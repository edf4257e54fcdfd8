//! Text from files, made safe to print on one terminal line.
//!
//! Ids, names and quotes come from files anyone can write. Printed raw, a
//! control character can clear the screen or retitle the terminal, a newline
//! can forge a `file:1:1: error:` line, and a bidi override can make text read
//! backwards. Each such character is shown as an escape instead (`\n`,
//! `\u{202e}`), so one problem is exactly one line and reads as written.

use std::borrow::Cow;
use std::fmt::Write;

/// `text` with control characters, bidi controls and line separators escaped.
pub fn escape_for_terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut escaped = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => escaped.push_str("\\n"),
            '\r' => escaped.push_str("\\r"),
            '\t' => escaped.push_str("\\t"),
            c if needs_escape(c) => {
                // Writing to a String cannot fail.
                let _ = write!(escaped, "\\u{{{:x}}}", u32::from(c));
            }
            c => escaped.push(c),
        }
    }
    Cow::Owned(escaped)
}

fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(c,
            // Bidi marks, embeddings, overrides and isolates.
            '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
            // Line and paragraph separators: a line break to some terminals.
            | '\u{2028}' | '\u{2029}'
        )
}

/// 301280 as "301,280".
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_grouped_in_thousands() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(301_280), "301,280");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        let text = "Spin Boldak–Chaman (سپین بولدک)";
        assert!(matches!(escape_for_terminal(text), Cow::Borrowed(t) if t == text));
    }

    #[test]
    fn escapes_newlines_terminal_controls_and_bidi_overrides() {
        assert_eq!(
            escape_for_terminal("a\nfake.json:1:1: error: x"),
            "a\\nfake.json:1:1: error: x"
        );
        assert_eq!(
            escape_for_terminal("\u{1b}[2J\u{1b}]0;t\u{7}"),
            "\\u{1b}[2J\\u{1b}]0;t\\u{7}"
        );
        assert_eq!(escape_for_terminal("abc\u{202e}fed"), "abc\\u{202e}fed");
        assert_eq!(
            escape_for_terminal("x\u{2028}y\u{85}z"),
            "x\\u{2028}y\\u{85}z"
        );
        assert_eq!(escape_for_terminal("tab\there\r"), "tab\\there\\r");
    }
}

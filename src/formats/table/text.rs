//! A table's bytes as text, the way spreadsheets save them: UTF-8 with or
//! without a byte order mark, or Windows-1252 (what Excel on Windows writes
//! as "CSV"); and the delimiter, sniffed from the header line.

use std::borrow::Cow;

/// The text of a table, and whether it had to be read as Windows-1252.
pub struct TableText<'a> {
    pub text: Cow<'a, str>,
    pub windows_1252: bool,
}

/// UTF-16 with its byte order mark (Excel's "Unicode Text"), UTF-8 when the
/// bytes are UTF-8, else Windows-1252, which maps every byte to a character:
/// a spreadsheet's text is never refused for its encoding.
pub fn decode(bytes: &[u8]) -> TableText<'_> {
    if let Some(encoding) = utf16(bytes) {
        let (text, _) = encoding.decode_with_bom_removal(bytes);
        return TableText {
            text: Cow::Owned(text.into_owned()),
            windows_1252: false,
        };
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => TableText {
            text: Cow::Borrowed(text),
            windows_1252: false,
        },
        Err(_) => TableText {
            text: encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0,
            windows_1252: true,
        },
    }
}

/// Whether the bytes hold a NUL, which no spreadsheet's text does but in
/// UTF-16: a binary file.
pub fn is_binary(bytes: &[u8]) -> bool {
    utf16(bytes).is_none() && bytes[..bytes.len().min(64 * 1024)].contains(&0)
}

/// UTF-16, little or big endian, when the bytes start with its byte order mark.
pub fn utf16(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let (encoding, _) = encoding_rs::Encoding::for_bom(bytes)?;
    (encoding != encoding_rs::UTF_8).then_some(encoding)
}

/// The delimiter the header line uses most, outside quotes: tab, semicolon
/// (Excel in locales with a decimal comma) or comma. A header of one column
/// has none of them; comma is as good as any then.
pub fn sniff_delimiter(text: &str) -> u8 {
    let header = header_line(text);
    let mut counts = [(b'\t', 0), (b';', 0), (b',', 0)];
    let mut quoted = false;
    for byte in header.bytes() {
        if byte == b'"' {
            quoted = !quoted;
        } else if !quoted {
            for (delimiter, count) in &mut counts {
                if byte == *delimiter {
                    *count += 1;
                }
            }
        }
    }
    // Ties go to the later (comma), the most common.
    counts
        .iter()
        .max_by_key(|(_, count)| *count)
        .map_or(b',', |&(delimiter, _)| delimiter)
}

/// The first line that is not blank, to the end of its record: a quoted
/// header name may hold a line break.
fn header_line(text: &str) -> &str {
    let text = text.trim_start_matches(['\r', '\n']);
    let mut quoted = false;
    for (at, byte) in text.bytes().enumerate() {
        match byte {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => return &text[..at],
            _ => {}
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_is_read_as_is_without_its_byte_order_mark() {
        let decoded = decode("\u{feff}place;date\r\nKābul;2021".as_bytes());
        assert_eq!(decoded.text, "place;date\r\nKābul;2021");
        assert!(!decoded.windows_1252);
    }

    #[test]
    fn bytes_that_are_not_utf8_are_read_as_windows_1252() {
        // "Hérat – Afghanistan" as Excel on Windows saves it.
        let decoded = decode(b"H\xe9rat \x96 Afghanistan");
        assert_eq!(decoded.text, "Hérat – Afghanistan");
        assert!(decoded.windows_1252);
    }

    #[test]
    fn the_delimiter_is_the_one_the_header_uses_most_outside_quotes() {
        assert_eq!(sniff_delimiter("date,place,type\n1;2;3;4;5"), b',');
        assert_eq!(sniff_delimiter("date;place;\"type, kind\"\n"), b';');
        assert_eq!(sniff_delimiter("\n\ndate\tplace\ttype"), b'\t');
        assert_eq!(sniff_delimiter("\"da\nte\";place;x\n,,,,,"), b';');
        assert_eq!(sniff_delimiter("date"), b',');
    }

    #[test]
    fn utf16_with_its_byte_order_mark_is_text() {
        let text = "date\tplace\r\n9 July 2021\tHérat\r\n";
        let little: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let big: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        for bytes in [little, big] {
            assert!(!is_binary(&bytes));
            assert_eq!(decode(&bytes).text, text);
        }
    }

    #[test]
    fn a_nul_byte_means_binary() {
        assert!(is_binary(b"PK\x03\x04\x00\x00"));
        assert!(!is_binary(b"date,place\n"));
    }
}

//! A table's records with the row numbers a spreadsheet shows: the header is
//! row 1, a quoted line break stays inside its row, and blank lines still count.

use csv::{Reader, ReaderBuilder, StringRecord};

/// The records of a delimited text, each with its row number.
pub struct Rows<'t> {
    reader: Reader<&'t [u8]>,
    delimiter: u8,
    record: StringRecord,
    /// The row the last record was on.
    row: usize,
    /// The line the last record ended on.
    last_line: usize,
    /// The byte where the first line of the last record starts.
    record_start: usize,
    text: &'t [u8],
    line_end: u8,
    /// How far line breaks are counted, and the line there (1-based).
    counted: usize,
    line: usize,
}

impl<'t> Rows<'t> {
    pub fn new(text: &'t str, delimiter: u8) -> Self {
        Rows::with_line_end(text, delimiter, line_end_of(text.as_bytes()))
    }

    /// Rows of a piece of a file, whose lines end as `line_end` (see [`line_end_of`]) says.
    pub fn with_line_end(text: &'t str, delimiter: u8, line_end: u8) -> Self {
        let reader = ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            // Rows of another length are reported by the reader of the table, with their row.
            .flexible(true)
            .from_reader(text.as_bytes());
        Rows {
            reader,
            delimiter,
            record: StringRecord::new(),
            row: 0,
            last_line: 0,
            record_start: 0,
            text: text.as_bytes(),
            line_end,
            counted: 0,
            line: 1,
        }
    }

    pub fn delimiter(&self) -> u8 {
        self.delimiter
    }

    /// The byte that ends lines in this text.
    pub fn line_end(&self) -> u8 {
        self.line_end
    }

    /// Where the first line of the record last returned starts: a place
    /// where the text can be cut and read again from.
    pub fn record_start(&self) -> usize {
        self.record_start
    }

    /// The next record that is not blank, and its row; `None` at the end.
    ///
    /// The csv crate skips empty lines without a record, and whether its
    /// position is before or after a record's line break depends on CR LF or
    /// LF; so line breaks are counted here, in the text, once each.
    pub fn next_row(&mut self) -> Option<(usize, &StringRecord)> {
        let mut record = std::mem::take(&mut self.record);
        let row = self.next_row_into(&mut record);
        self.record = record;
        Some((row?, &self.record))
    }

    /// [`Rows::next_row`], into a record of the caller's.
    pub fn next_row_into(&mut self, record: &mut StringRecord) -> Option<usize> {
        loop {
            match self.reader.read_record(record) {
                // Reading from a string of UTF-8 cannot fail; a failure ends the table.
                Ok(false) | Err(_) => return None,
                Ok(true) => {}
            }
            let end = usize::try_from(self.reader.position().byte()).unwrap_or(self.text.len());
            let (start_line, breaks_inside) = self.lines_of(end);
            let blank_lines_before = start_line.saturating_sub(self.last_line + 1);
            self.row += 1 + blank_lines_before;
            self.last_line = start_line + breaks_inside;
            // A row of only delimiters is a blank row in a spreadsheet.
            if record.iter().all(|field| field.trim().is_empty()) {
                continue;
            }
            return Some(self.row);
        }
    }

    /// The line the record ending at byte `end` starts on (the first byte
    /// after the lines already counted that is not a line break), and how
    /// many line breaks its quoted fields hold. One pass over its bytes.
    fn lines_of(&mut self, end: usize) -> (usize, usize) {
        let end = end.clamp(self.counted, self.text.len());
        let rest = &self.text[self.counted..end];
        let start = rest
            .iter()
            .position(|&b| b != b'\r' && b != b'\n')
            .unwrap_or(rest.len());
        self.record_start = self.counted + start;
        let start_line = self.line + line_breaks(&rest[..start], self.line_end);
        let record = &rest[start..];
        let breaks = line_breaks(record, self.line_end);
        self.line = start_line + breaks;
        self.counted = end;
        // With LF endings the reader has passed the record's own line break.
        let own_break = usize::from(record.last() == Some(&self.line_end));
        (start_line, breaks - own_break)
    }
}

fn line_breaks(bytes: &[u8], line_end: u8) -> usize {
    memchr::memchr_iter(line_end, bytes).count()
}

/// The byte that ends lines: LF (for LF and CR LF), or CR in files saved
/// with old Mac line ends, as the first line break says.
pub fn line_end_of(text: &[u8]) -> u8 {
    match memchr::memchr2(b'\r', b'\n', text) {
        Some(at) if text[at] == b'\r' && text.get(at + 1) != Some(&b'\n') => b'\r',
        _ => b'\n',
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str, delimiter: u8) -> Vec<(usize, Vec<String>)> {
        let mut rows = Rows::new(text, delimiter);
        let mut all = Vec::new();
        while let Some((row, record)) = rows.next_row() {
            all.push((row, record.iter().map(str::to_owned).collect()));
        }
        all
    }

    #[test]
    fn rows_are_numbered_as_a_spreadsheet_shows_them() {
        let text = "date;place\r\n2021-07-09;\"Spin\r\nBoldak\"\r\n\r\n;;\r\n2021-07-10;Herat\r\n";
        assert_eq!(
            rows(text, b';'),
            [
                (1, vec!["date".to_owned(), "place".to_owned()]),
                (
                    2,
                    vec!["2021-07-09".to_owned(), "Spin\r\nBoldak".to_owned()]
                ),
                (5, vec!["2021-07-10".to_owned(), "Herat".to_owned()]),
            ]
        );
    }

    #[test]
    fn old_mac_line_ends_number_rows_too() {
        let text = "date;place\r2021;Herat\r\r2021;Farah\r";
        let numbered: Vec<usize> = rows(text, b';').into_iter().map(|(row, _)| row).collect();
        assert_eq!(numbered, [1, 2, 4]);
    }

    #[test]
    fn doubled_quotes_are_one_quote() {
        let text = "quote\n\"He said \"\"we hold it\"\"\"\n";
        assert_eq!(rows(text, b',')[1].1, ["He said \"we hold it\""]);
    }
}

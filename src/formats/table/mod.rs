//! Tables of claims: spreadsheets saved as CSV or TSV, and ACLED exports
//! (recognised by their header).
//!
//! A table is one file that can carry both claims and the places they are
//! about (when it has coordinates), read into the same model as the JSON
//! files. Problems point at ROW:COL as a spreadsheet shows them (the header
//! is row 1) and name the column as the header writes it.

mod acled;
mod books;
mod columns;
mod dates;
mod pieces;
mod problems;
mod rows;
mod sheet;
mod text;

pub use pieces::{InMemory, TableSource};
pub use problems::{CellProblem, TableProblem};

use std::borrow::Cow;
use std::io::Read as _;

use super::diagnostic::{Collector, LoadFailed, Loaded, Problem};
use crate::model::{DataFile, Location};
use crate::progress::{Phase, Progress};
use pieces::{PIECE, PieceError, Pieces};
use rows::Rows;

/// Reads a claims spreadsheet (CSV, TSV, semicolons) or an ACLED export into
/// places and claims. `file` is the name diagnostics use. Bytes given owned
/// are let go before an export's halves are merged: the file is the largest
/// thing held.
pub fn parse_table<'b>(
    file: &str,
    bytes: impl Into<Cow<'b, [u8]>>,
) -> Result<Loaded<DataFile>, LoadFailed> {
    let bytes = bytes.into();
    let mut out = Collector::new(file);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        out.error(None, TableProblem::Empty.into());
        return Err(out.fail());
    }
    if text::is_binary(&bytes) {
        out.error(None, TableProblem::Binary.into());
        return Err(out.fail());
    }
    let read = read_rows(&bytes, &mut out);
    drop(bytes);
    finish(read, out)
}

/// Reads an ACLED export from `source` a piece at a time, so that the file is
/// never held whole. `None` when it is not one that can be read so (not an
/// export, not UTF-8): [`parse_table`] reads it, from its bytes.
pub fn parse_table_source(
    file: &str,
    source: &dyn TableSource,
    progress: &Progress,
) -> Result<Option<Loaded<DataFile>>, LoadFailed> {
    let mut out = Collector::new(file);
    let unreadable = |error: std::io::Error| {
        let mut out = Collector::new(file);
        out.error(None, Problem::Unreadable(error.to_string()));
        out.fail()
    };
    let mut head = Vec::new();
    let opened = source.open_at(0).map_err(unreadable)?;
    opened
        .take(HEAD)
        .read_to_end(&mut head)
        .map_err(unreadable)?;
    let Some((header, how)) = acled_header(&head) else {
        return Ok(None);
    };
    progress.begin(Phase::Parsing, source.size());
    let go_on = |read| {
        progress.advance_by(read);
        !progress.is_cancelled()
    };
    let problem = match acled::read(&header, source, how, &mut out, &go_on) {
        Ok(parts) => return finish(parts.map(Read::Acled), out).map(Some),
        Err(PieceError::NotUtf8) => return Ok(None),
        Err(PieceError::Cancelled) => Problem::Cancelled,
        Err(PieceError::Io(error)) => Problem::Unreadable(error.to_string()),
    };
    out.error(None, problem);
    Err(out.fail())
}

/// How much of a file is looked at to tell what it is.
const HEAD: u64 = 64 << 10;

/// The header of an export in UTF-8 that starts with `head`, and how its
/// pieces are read; `None` for any other table.
fn acled_header(head: &[u8]) -> Option<(csv::StringRecord, Pieces)> {
    if !looks_like_table(head) || text::utf16(head).is_some() {
        return None;
    }
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    // The head may end inside a character, but not before its first line break.
    let head = match std::str::from_utf8(head) {
        Ok(head) => head,
        Err(error) => std::str::from_utf8(&head[..error.valid_up_to()]).ok()?,
    };
    let last_break = head.rfind(['\n', '\r'])?;
    let mut rows = Rows::new(&head[..=last_break], text::sniff_delimiter(head));
    let how = Pieces {
        delimiter: rows.delimiter(),
        line_end: rows.line_end(),
        size: PIECE,
    };
    let (_, header) = rows.next_row()?;
    acled::is_acled(header).then(|| (header.clone(), how))
}

fn finish(read: Option<Read>, mut out: Collector) -> Result<Loaded<DataFile>, LoadFailed> {
    let data = match read {
        Some(Read::Sheet(data)) => Some(*data),
        Some(Read::Acled(parts)) => acled::merge(parts, &mut out),
        None => None,
    };
    match data {
        Some(data) => out.finish(data),
        None => Err(out.fail()),
    }
}

/// A table's rows read: a sheet's data, or an export's parts still to merge.
enum Read {
    Sheet(Box<DataFile>),
    Acled(Vec<acled::Part>),
}

fn read_rows(bytes: &[u8], out: &mut Collector) -> Option<Read> {
    let decoded = text::decode(bytes);
    if decoded.windows_1252 {
        out.warn(None, TableProblem::ReadAsWindows1252.into());
    }
    let mut rows = Rows::new(&decoded.text, text::sniff_delimiter(&decoded.text));
    let Some((header_row, header)) = rows.next_row() else {
        out.error(None, TableProblem::Empty.into());
        return None;
    };
    if acled::is_acled(header) {
        let header = header.clone();
        let how = Pieces {
            delimiter: rows.delimiter(),
            line_end: rows.line_end(),
            size: PIECE,
        };
        let source = InMemory(decoded.text.as_bytes());
        match acled::read(&header, &source, how, out, &|_| true) {
            Ok(parts) => parts.map(Read::Acled),
            // Text in memory is read whole, as UTF-8, and never cancelled.
            Err(error) => {
                out.error(None, Problem::Unreadable(error.to_string()));
                None
            }
        }
    } else {
        let columns = columns::Columns::from_header(header.iter());
        sheet::read(columns, header_row, &mut rows, out).map(|data| Read::Sheet(Box::new(data)))
    }
}

/// Whether text looks like a table: its first line splits into at least two
/// columns by a tab, semicolon or comma, and it is not JSON or XML.
pub fn looks_like_table(bytes: &[u8]) -> bool {
    if let Some(encoding) = text::utf16(bytes) {
        // The first lines are enough to tell.
        let head = &bytes[..bytes.len().min(64 * 1024) & !1];
        let (text, _) = encoding.decode_with_bom_removal(head);
        return looks_like_table(text.as_bytes());
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace());
    let Some(start) = start else { return false };
    if matches!(bytes[start], b'{' | b'[' | b'<') || text::is_binary(bytes) {
        return false;
    }
    let line_end = bytes[start..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |at| start + at);
    bytes[start..line_end]
        .iter()
        .any(|b| matches!(b, b'\t' | b';' | b','))
}

/// Where a cell is: its row as the spreadsheet numbers it, and its 1-based column.
fn cell_location(row: usize, column: usize) -> Option<Location> {
    Some(Location {
        line: row,
        column: column + 1,
    })
}

#[cfg(test)]
mod tests;

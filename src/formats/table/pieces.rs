//! A long table read a piece at a time, so that a large file is never held
//! whole: memory is a few pieces, not the file.
//!
//! Each piece is parsed as text of its own. Its last record may be cut short
//! by the piece's end, so it is not visited there: it is carried over to the
//! start of the next piece and parsed again. Where records start is decided by
//! the csv reader reading from a record start, which is always right: quotes
//! and line breaks inside fields need no guessing.

use std::io::{self, Read};

use csv::StringRecord;

use super::rows::Rows;

/// Where a table's bytes come from; each part of it read at once opens its own reader.
pub trait TableSource: Sync {
    /// The size in bytes.
    fn size(&self) -> u64;

    /// A reader of the bytes from `offset` to the end.
    fn open_at(&self, offset: u64) -> io::Result<Box<dyn Read + Send + '_>>;
}

/// A table already in memory.
pub struct InMemory<'t>(pub &'t [u8]);

impl TableSource for InMemory<'_> {
    fn size(&self) -> u64 {
        self.0.len() as u64
    }

    fn open_at(&self, offset: u64) -> io::Result<Box<dyn Read + Send + '_>> {
        let at = usize::try_from(offset).map_or(self.0.len(), |at| at.min(self.0.len()));
        Ok(Box::new(&self.0[at..]))
    }
}

/// How much is parsed at a time: large enough that carrying a record over costs nothing.
pub const PIECE: usize = 4 << 20;

/// How a table's pieces are read.
#[derive(Clone, Copy, Debug)]
pub struct Pieces {
    pub delimiter: u8,
    /// The byte that ends lines in the whole file, as its start says.
    pub line_end: u8,
    /// Bytes per piece.
    pub size: usize,
}

/// Why reading ended early.
#[derive(Debug, thiserror::Error)]
pub enum PieceError {
    #[error("{0}")]
    Io(#[from] io::Error),
    #[error("not UTF-8")]
    NotUtf8,
    #[error("cancelled")]
    Cancelled,
}

/// How far reading went.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reached {
    /// The end of the bytes.
    End,
    /// A record starts exactly at the stop; the rows before it are visited.
    Stop { rows_before: usize },
    /// The visitor refused a row, and has said why.
    Refused,
}

/// Visits each row that is not blank, from `offset` (where a record starts)
/// to the end, or up to `stop` if a record starts exactly there. Rows are
/// numbered from 1, the line at `offset`. `go_on` is told how many more
/// bytes were read, and stops everything by returning `false`.
pub fn visit_rows(
    reader: impl Read,
    offset: u64,
    stop: Option<u64>,
    how: Pieces,
    mut go_on: impl FnMut(u64) -> bool,
    mut visit: impl FnMut(usize, &StringRecord) -> bool,
) -> Result<Reached, PieceError> {
    let mut reader = reader;
    let mut piece = Piece {
        offset,
        rows_before: 0,
        stop,
        how,
    };
    let mut buffer: Vec<u8> = Vec::with_capacity(how.size);
    let mut want = how.size;
    let mut records = [StringRecord::new(), StringRecord::new()];
    loop {
        let before = buffer.len();
        let at_end = fill(&mut reader, &mut buffer, want)?;
        if !go_on((buffer.len() - before) as u64) {
            return Err(PieceError::Cancelled);
        }
        // Cut after a line break (a character boundary); the record it cuts is carried over.
        let end = match at_end {
            true => buffer.len(),
            false => match memchr::memrchr2(b'\n', b'\r', &buffer) {
                Some(at) => at + 1,
                None => {
                    want = grown(&buffer, how);
                    continue;
                }
            },
        };
        let text = std::str::from_utf8(&buffer[..end]).map_err(|_| PieceError::NotUtf8)?;
        match piece.visit(text, at_end, &mut records, &mut visit) {
            Ok(reached) => return Ok(reached),
            // One record longer than the piece: read more and parse it again.
            Err(0) => want = grown(&buffer, how),
            Err(carry_from) => {
                buffer.drain(..carry_from);
                want = how.size;
            }
        }
    }
}

/// Where the piece being read is, in the file and in rows.
struct Piece {
    offset: u64,
    rows_before: usize,
    stop: Option<u64>,
    how: Pieces,
}

impl Piece {
    /// Visits the rows of `text` but the last, unless `at_end`; `Err(byte)`
    /// is where the record carried over starts, and the piece is moved past
    /// what was visited.
    fn visit(
        &mut self,
        text: &str,
        at_end: bool,
        [current, ahead]: &mut [StringRecord; 2],
        visit: &mut impl FnMut(usize, &StringRecord) -> bool,
    ) -> Result<Reached, usize> {
        let mut rows = Rows::with_line_end(text, self.how.delimiter, self.how.line_end);
        let Some(mut row) = rows.next_row_into(current) else {
            return if at_end { Ok(Reached::End) } else { Err(0) };
        };
        loop {
            let start = rows.record_start();
            if self.stop == Some(self.offset + start as u64) {
                let rows_before = self.rows_before + row - 1;
                return Ok(Reached::Stop { rows_before });
            }
            let next = rows.next_row_into(ahead);
            if next.is_none() && !at_end {
                self.offset += start as u64;
                self.rows_before += row - 1;
                return Err(start);
            }
            if !visit(self.rows_before + row, current) {
                return Ok(Reached::Refused);
            }
            let Some(next) = next else {
                return Ok(Reached::End);
            };
            std::mem::swap(current, ahead);
            row = next;
        }
    }
}

/// Twice what is held: a record as long as many pieces is parsed again only
/// a few times.
fn grown(buffer: &[u8], how: Pieces) -> usize {
    buffer.len().saturating_mul(2).max(how.size)
}

/// Reads into `buffer` until it holds `want` bytes; `true` at the end of the reader.
fn fill(reader: &mut impl Read, buffer: &mut Vec<u8>, want: usize) -> io::Result<bool> {
    while buffer.len() < want {
        let missing = (want - buffer.len()) as u64;
        if reader.by_ref().take(missing).read_to_end(buffer)? == 0 {
            return Ok(true);
        }
    }
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::super::rows::line_end_of;
    use super::*;

    type Numbered = Vec<(usize, Vec<String>)>;

    fn whole(text: &str) -> Numbered {
        let mut rows = Rows::new(text, b',');
        let mut all = Vec::new();
        while let Some((row, record)) = rows.next_row() {
            all.push((row, record.iter().map(str::to_owned).collect()));
        }
        all
    }

    fn in_pieces(text: &str, size: usize, stop: Option<u64>) -> (Numbered, Reached) {
        let how = Pieces {
            delimiter: b',',
            line_end: line_end_of(text.as_bytes()),
            size,
        };
        let mut all = Vec::new();
        let visit = |row: usize, record: &StringRecord| {
            all.push((row, record.iter().map(str::to_owned).collect()));
            true
        };
        let reached = visit_rows(text.as_bytes(), 0, stop, how, |_| true, visit);
        (all, reached.expect("read from memory"))
    }

    const TEXTS: [&str; 3] = [
        "a,b\n1,\"two\nlines\"\n\n,\n3,\"say \"\"hi\"\"\"\n\n\n4,x",
        "a,b\r\n1,\"two\r\nlines\"\r\n\r\n3,4\r\n",
        "a,b\r1,2\r\r3,\"x\ry\"\r",
    ];

    #[test]
    fn every_piece_size_gives_the_rows_and_numbers_of_one_pass() {
        for text in TEXTS {
            let expected = whole(text);
            for size in 1..=text.len() + 1 {
                let (rows, reached) = in_pieces(text, size, None);
                assert_eq!(rows, expected, "{text:?} in pieces of {size}");
                assert_eq!(reached, Reached::End);
            }
        }
    }

    #[test]
    fn reading_stops_only_where_a_record_starts() {
        for text in TEXTS {
            let expected = whole(text);
            let mut stops = 0;
            for stop in 0..text.len() as u64 {
                for size in [1, 7, 4096] {
                    let (rows, reached) = in_pieces(text, size, Some(stop));
                    match reached {
                        Reached::Stop { rows_before } => {
                            // The rows before the stop, and the next row is the one there.
                            assert_eq!(rows, expected[..rows.len()], "{text:?} {stop}");
                            assert_eq!(expected[rows.len()].0, rows_before + 1);
                            stops += 1;
                        }
                        other => assert_eq!((other, &rows), (Reached::End, &expected)),
                    }
                }
            }
            // Each row's start, in each piece size.
            assert_eq!(stops, expected.len() * 3, "{text:?}");
        }
    }

    #[test]
    fn text_that_is_not_utf8_is_said_not_guessed() {
        let how = Pieces {
            delimiter: b',',
            line_end: b'\n',
            size: 4,
        };
        let bytes: &[u8] = b"a,b\n1,\xE9t\xE9\n";
        let read = visit_rows(bytes, 0, None, how, |_| true, |_, _| true);
        assert!(matches!(read, Err(PieceError::NotUtf8)));
    }
}

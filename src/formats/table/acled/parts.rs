//! An export read in parts, each a piece at a time: a large one in two parts
//! at once, split where a row starts near its middle.
//!
//! The second part starts at a line that is guessed to be a row's start. The
//! first part reads up to it and checks that the csv reader, reading from the
//! file's start, does start a row there; if not (the line was inside a quoted
//! field), the first part simply reads on to the end, alone.

use std::io::Read;

use csv::StringRecord;

use super::Part;
use super::columns::AcledColumns;
use super::half::Half;
use crate::formats::diagnostic::Collector;
use crate::formats::table::pieces::{PieceError, Pieces, Reached, TableSource, visit_rows};
use crate::formats::table::problems::TableProblem;

/// Exports larger than this are read as two parts on two threads.
const TWO_PARTS_FROM: u64 = 8 << 20;

/// How far from a guessed split a row start is looked for.
const SPLIT_WINDOW: u64 = 64 << 10;

/// Reads every row of an ACLED export under its `header`, from the start of
/// `source`. `go_on` is told how many more bytes were read, and cancels by
/// returning `false`. The parts give what one pass would; `None` when a
/// problem was said in `out`.
pub fn read(
    header: &StringRecord,
    source: &dyn TableSource,
    how: Pieces,
    out: &mut Collector,
    go_on: &(dyn Fn(u64) -> bool + Sync),
) -> Result<Option<Vec<Part>>, PieceError> {
    let near = (source.size() >= TWO_PARTS_FROM).then(|| source.size() / 2);
    read_split_near(header, source, how, out, go_on, near)
}

/// [`read`], in two parts split at the first line start after byte `near`, if
/// a row starts there; else in one pass.
pub(super) fn read_split_near(
    header: &StringRecord,
    source: &dyn TableSource,
    how: Pieces,
    out: &mut Collector,
    go_on: &(dyn Fn(u64) -> bool + Sync),
    near: Option<u64>,
) -> Result<Option<Vec<Part>>, PieceError> {
    let columns = AcledColumns::new(header);
    let file = out.file().to_owned();
    let reading = Reading {
        columns: &columns,
        how,
        file: &file,
        go_on,
    };
    let split = match near {
        Some(near) => line_start_after(source, near)?,
        None => None,
    };
    let parts = match split {
        Some(split) => reading.two_parts(source, split, out)?,
        None => reading.one_pass(source, out)?,
    };
    let Some(parts) = parts else {
        return Ok(None);
    };
    if parts.iter().all(|part| part.half.links.is_empty()) && !out.has_errors() {
        out.error(None, TableProblem::NoRows.into());
        return Ok(None);
    }
    Ok((!out.has_errors()).then_some(parts))
}

/// What every part is read with.
struct Reading<'r> {
    columns: &'r AcledColumns,
    how: Pieces,
    file: &'r str,
    go_on: &'r (dyn Fn(u64) -> bool + Sync),
}

impl Reading<'_> {
    /// The rows from `offset` (the header's line when 0) to the end, or to `stop`.
    fn part(
        &self,
        source: &dyn TableSource,
        offset: u64,
        stop: Option<u64>,
    ) -> Result<(Half<'_>, Reached), PieceError> {
        let mut half = Half::new(self.columns, self.file);
        // The first part starts at the file's start: its first row is the header, passed over.
        let mut header = offset == 0;
        let visit =
            |row, record: &StringRecord| std::mem::take(&mut header) || half.row(row, record);
        let reader = source.open_at(offset)?;
        let reached = visit_rows(reader, offset, stop, self.how, self.go_on, visit)?;
        Ok((half, reached))
    }

    fn one_pass(
        &self,
        source: &dyn TableSource,
        out: &mut Collector,
    ) -> Result<Option<Vec<Part>>, PieceError> {
        let (half, reached) = self.part(source, 0, None)?;
        Ok(whole(half, reached, out))
    }

    /// Both parts at once, or one pass when that is what came of it.
    fn two_parts(
        &self,
        source: &dyn TableSource,
        split: u64,
        out: &mut Collector,
    ) -> Result<Option<Vec<Part>>, PieceError> {
        let (first, second) = std::thread::scope(|scope| {
            let second = std::thread::Builder::new()
                .name("read ACLED second half".into())
                .spawn_scoped(scope, || self.part(source, split, None))
                .ok();
            // No thread to be had: the first part reads everything.
            let stop = second.is_some().then_some(split);
            (
                self.part(source, 0, stop),
                second.map(|thread| thread.join()),
            )
        });
        let (first, reached) = first?;
        let Reached::Stop { rows_before } = reached else {
            return Ok(whole(first, reached, out));
        };
        let (second, second_reached) = match second {
            Some(Ok(read)) => read?,
            // The thread died: read again, in one pass.
            _ => return self.one_pass(source, out),
        };
        // A problem is said by one pass, so that problems come in row order.
        if second_reached != Reached::End || first.out.has_any() || second.out.has_any() {
            return self.one_pass(source, out);
        }
        Ok(Some(vec![
            Part {
                half: first.into_parsed(),
                rows_before: 0,
            },
            Part {
                half: second.into_parsed(),
                rows_before,
            },
        ]))
    }
}

/// A part that read the whole export, its problems said.
fn whole(mut half: Half, reached: Reached, out: &mut Collector) -> Option<Vec<Part>> {
    out.extend(std::mem::replace(&mut half.out, Collector::new("")));
    (reached != Reached::Refused).then(|| {
        vec![Part {
            half: half.into_parsed(),
            rows_before: 0,
        }]
    })
}

/// The start of the first line after the line break at or after `near`, if
/// one is close: where a row probably starts.
pub(super) fn line_start_after(
    source: &dyn TableSource,
    near: u64,
) -> Result<Option<u64>, PieceError> {
    let mut window = Vec::new();
    source
        .open_at(near)?
        .take(SPLIT_WINDOW)
        .read_to_end(&mut window)?;
    let start = memchr::memchr2(b'\n', b'\r', &window).and_then(|line_break| {
        let after = &window[line_break..];
        let start = after.iter().position(|&b| b != b'\n' && b != b'\r')?;
        Some(near + (line_break + start) as u64)
    });
    Ok(start)
}

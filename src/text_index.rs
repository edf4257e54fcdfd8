//! Lines and columns of byte offsets in a text, for problems that point into a file.
//!
//! Columns count characters, so finding one means counting the characters
//! between the line's start and the offset. On a minified file that line is
//! the whole file: counting from its start for every event took quadratic
//! time. Long stretches are counted with [`CharCounts`] instead, so every
//! location costs at most a few kilobytes of counting, whatever the layout.

use std::sync::OnceLock;

use crate::model::Location;

/// Where a text's lines start. Built in one pass; a location is then a
/// binary search and at most a block of counting.
#[derive(Debug, Default)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    /// Built the first time a location lies far from its line's start: never
    /// for an indented file, once for a minified one.
    char_counts: OnceLock<CharCounts>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex {
            line_starts,
            char_counts: OnceLock::new(),
        }
    }

    /// The line and column of byte `offset` of `text`, the text this index was built from.
    pub fn location(&self, text: &str, offset: usize) -> Location {
        let offset = offset.min(text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let start = self.line_start(line);
        let bytes = text.as_bytes();
        let column = if offset - start <= CharCounts::BLOCK {
            count_chars(&bytes[start..offset])
        } else {
            let counts = self.char_counts.get_or_init(|| CharCounts::new(bytes));
            counts.before(bytes, offset) - counts.before(bytes, start)
        };
        Location {
            line,
            column: column + 1,
        }
    }

    /// The byte offset serde_json means by `line` and (byte) `column` of an
    /// error found while parsing the part of the text that starts at `base`.
    pub fn offset_of_error(&self, base: usize, line: usize, column: usize) -> usize {
        let within_line = column.saturating_sub(1);
        match line {
            0 => base,
            1 => base + within_line,
            line => {
                let base_line = self.line_starts.partition_point(|&start| start <= base);
                let start = self
                    .line_starts
                    .get(base_line + line - 2)
                    .copied()
                    .unwrap_or(base);
                start + within_line
            }
        }
    }

    /// The offset where 1-based `line` starts.
    fn line_start(&self, line: usize) -> usize {
        self.line_starts
            .get(line.wrapping_sub(1))
            .copied()
            .unwrap_or(0)
    }
}

/// The characters in a run of UTF-8 bytes: every byte that does not continue
/// a character starts one. Valid at any byte boundary, unlike `str::chars`.
pub fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
}

/// How many characters come before every [`CharCounts::BLOCK`]-th byte, so the
/// characters before any offset are one lookup and at most a block of counting.
#[derive(Debug)]
struct CharCounts {
    before_block: Vec<usize>,
}

impl CharCounts {
    const BLOCK: usize = 256;

    fn new(bytes: &[u8]) -> Self {
        let mut total = 0;
        let before_block = std::iter::once(0)
            .chain(bytes.chunks(Self::BLOCK).map(|block| {
                total += count_chars(block);
                total
            }))
            .collect();
        CharCounts { before_block }
    }

    fn before(&self, bytes: &[u8], offset: usize) -> usize {
        let block = offset / Self::BLOCK;
        let start = block * Self::BLOCK;
        self.before_block.get(block).copied().unwrap_or(0) + count_chars(&bytes[start..offset])
    }
}

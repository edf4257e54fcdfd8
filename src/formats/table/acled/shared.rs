//! What many rows of an export share, kept once: ids in the table, and the
//! note buffer.

use crate::model::{Party, Source, Span, TableBuilder};

/// The spans of ids many rows share, by index, made the first time a row needs one.
#[derive(Default)]
pub struct SharedSpans {
    places: Vec<Option<Span>>,
    parties: Vec<Option<Span>>,
    sources: Vec<Option<Span>>,
}

impl SharedSpans {
    pub fn place(&mut self, table: &mut TableBuilder, place: usize, id: &str) -> Option<Span> {
        shared(&mut self.places, table, place, || id)
    }

    pub fn party(
        &mut self,
        table: &mut TableBuilder,
        party: usize,
        parties: &[Party],
    ) -> Option<Span> {
        shared(&mut self.parties, table, party, || &parties[party].id)
    }

    pub fn source(
        &mut self,
        table: &mut TableBuilder,
        source: usize,
        sources: &[Source],
    ) -> Option<Span> {
        shared(&mut self.sources, table, source, || &sources[source].id)
    }
}

/// The span of item `index`'s id, keeping the id in the table the first time.
fn shared<'a>(
    spans: &mut Vec<Option<Span>>,
    table: &mut TableBuilder,
    index: usize,
    id: impl FnOnce() -> &'a str,
) -> Option<Span> {
    if spans.len() <= index {
        spans.resize(index + 1, None);
    }
    if let Some(span) = spans[index] {
        return Some(span);
    }
    let span = table.keep(id())?;
    spans[index] = Some(span);
    Some(span)
}

/// A note written part by part, in a buffer reused from row to row.
pub struct NoteParts<'n> {
    pub note: &'n mut String,
    pub empty: bool,
}

impl NoteParts<'_> {
    /// Adds `label` and the texts present, joined; nothing when none is.
    pub fn add(&mut self, label: &str, texts: &[Option<&str>], joiner: &str) {
        let mut present = texts.iter().flatten();
        let Some(first) = present.next() else {
            return;
        };
        self.note.push_str(if self.empty { " " } else { " · " });
        self.empty = false;
        self.note.push_str(label);
        self.note.push_str(first);
        for text in present {
            self.note.push_str(joiner);
            self.note.push_str(text);
        }
    }
}

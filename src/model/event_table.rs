//! Events stored compactly: a million claims are a million fixed-size records
//! whose text stays where the file wrote it.
//!
//! The text of an events file is kept whole, once, and each field of a record
//! is a span of it: no allocation per string, and nothing copied. Only a string
//! with escapes (`\"`, `\u2019`) has to be decoded, and is kept decoded beside
//! the file's text. Offsets are 32-bit, so a table holds at most 4 GiB of text.

use std::borrow::Cow;
use std::sync::OnceLock;

use chrono::NaiveDate;

use super::kept_text::KeptText;
use super::{DateSpec, Event, EventType, Location, Verification};
use crate::text_index::LineIndex;

/// A run of a table's text: the file's text when `at` is below its length,
/// the decoded strings after it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    at: u32,
    len: u32,
}

impl Span {
    /// No text: an optional field that is absent.
    pub const ABSENT: Span = Span {
        at: u32::MAX,
        len: u32::MAX,
    };

    pub fn is_absent(self) -> bool {
        self == Span::ABSENT
    }
}

/// One event, every text a [`Span`] of its table.
#[derive(Clone, Copy, Debug)]
pub struct EventRecord {
    pub id: Span,
    pub place: Span,
    pub claimant: Span,
    pub controller: Span,
    pub speaker: Span,
    pub quote: Span,
    pub source: Span,
    pub note: Span,
    pub date: DateSpec,
    /// The last day the claim stands.
    pub until: Option<NaiveDate>,
    /// Where the event starts in its file, as a byte offset; `u32::MAX` when unknown.
    pub offset: u32,
    pub kind: EventType,
    pub verification: Verification,
}

impl EventRecord {
    /// The record with its spans of decoded strings (those past `text_len`)
    /// moved by `shift`: its maker's strings were appended after others.
    pub fn shifted(self, text_len: usize, shift: u32) -> EventRecord {
        let text_len = u32::try_from(text_len).unwrap_or(u32::MAX);
        let shift_span = |span: Span| match span.is_absent() || span.at < text_len {
            true => span,
            false => Span {
                at: span.at + shift,
                len: span.len,
            },
        };
        EventRecord {
            id: shift_span(self.id),
            place: shift_span(self.place),
            claimant: shift_span(self.claimant),
            controller: shift_span(self.controller),
            speaker: shift_span(self.speaker),
            quote: shift_span(self.quote),
            source: shift_span(self.source),
            note: shift_span(self.note),
            ..self
        }
    }
}

/// An event, read from its table: the same fields as [`Event`], borrowed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EventRef<'a> {
    pub id: &'a str,
    pub date: DateSpec,
    pub place: &'a str,
    pub kind: EventType,
    pub claimant: &'a str,
    pub controller: Option<&'a str>,
    pub verification: Verification,
    pub until: Option<NaiveDate>,
    pub speaker: Option<&'a str>,
    pub quote: Option<&'a str>,
    pub source: Option<&'a str>,
    pub note: Option<&'a str>,
}

/// The ids an event names, and its date: an [`EventRef`] without its texts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EventNames<'a> {
    pub id: &'a str,
    pub date: DateSpec,
    pub place: &'a str,
    pub claimant: &'a str,
    pub controller: Option<&'a str>,
    pub source: Option<&'a str>,
}

impl Event {
    /// The event as a view, as a table would give it.
    pub fn borrowed(&self) -> EventRef<'_> {
        EventRef {
            id: &self.id,
            date: self.date,
            place: &self.place,
            kind: self.kind,
            claimant: &self.claimant,
            controller: self.controller.as_deref(),
            verification: self.verification,
            until: self.until,
            speaker: self.speaker.as_deref(),
            quote: self.quote.as_deref(),
            source: self.source.as_deref(),
            note: self.note.as_deref(),
        }
    }
}

impl EventRef<'_> {
    pub fn is_confirmed(&self) -> bool {
        self.verification == Verification::Confirmed
    }

    /// The event as an owned value, for tests and the rare copy.
    pub fn to_event(&self) -> Event {
        let owned = |text: Option<&str>| text.map(str::to_owned);
        Event {
            id: self.id.to_owned(),
            date: self.date,
            place: self.place.to_owned(),
            kind: self.kind,
            claimant: self.claimant.to_owned(),
            controller: owned(self.controller),
            verification: self.verification,
            until: self.until,
            speaker: owned(self.speaker),
            quote: owned(self.quote),
            source: owned(self.source),
            note: owned(self.note),
        }
    }
}

/// The events of one file, in file order.
#[derive(Debug, Default)]
pub struct EventTable {
    /// The file's text, which spans point into.
    text: Cow<'static, str>,
    /// Strings that were decoded from escapes, or copied by [`EventTable::from_events`].
    decoded: KeptText,
    records: Vec<EventRecord>,
    /// Lines of `text`, built the first time a location is asked for.
    lines: OnceLock<LineIndex>,
    /// Whether records' offsets are rows of a table rather than bytes of `text`.
    from_rows: bool,
}

impl Clone for EventTable {
    fn clone(&self) -> Self {
        EventTable {
            text: self.text.clone(),
            decoded: self.decoded.clone(),
            records: self.records.clone(),
            lines: OnceLock::new(),
            from_rows: self.from_rows,
        }
    }
}

impl PartialEq for EventTable {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl EventTable {
    /// A table of `records` read from `text`, with the strings decoded from
    /// escapes in `decoded`, as [`SpanMaker`] made them.
    pub fn from_parts(
        text: Cow<'static, str>,
        spans: SpanMaker,
        records: Vec<EventRecord>,
    ) -> Self {
        EventTable {
            text,
            decoded: spans.decoded,
            records,
            lines: OnceLock::new(),
            from_rows: false,
        }
    }

    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    pub fn get(&self, index: usize) -> EventRef<'_> {
        self.view(&self.records[index])
    }

    /// What event `index` names, without reading its texts: what linking reads.
    pub fn names(&self, index: usize) -> EventNames<'_> {
        let record = &self.records[index];
        EventNames {
            id: self.str(record.id),
            date: record.date,
            place: self.str(record.place),
            claimant: self.str(record.claimant),
            controller: self.optional(record.controller),
            source: self.optional(record.source),
        }
    }

    /// The id of event `index`, without reading its other fields.
    pub fn id(&self, index: usize) -> &str {
        self.str(self.records[index].id)
    }

    /// Every event's id, in file order.
    pub fn ids(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        self.records.iter().map(|record| self.str(record.id))
    }

    pub fn iter(&self) -> Iter<'_> {
        Iter {
            table: self,
            records: self.records.iter(),
        }
    }

    pub fn records(&self) -> &[EventRecord] {
        &self.records
    }

    /// A table of owned events, their text copied: for tests and small files.
    pub fn from_events<'a>(events: impl IntoIterator<Item = &'a Event>) -> Self {
        let mut table = TableBuilder::default();
        for event in events {
            // Events built in memory are far below 4 GiB of text.
            table.push(&event.borrowed(), u32::MAX);
        }
        EventTable {
            from_rows: false,
            ..table.finish()
        }
    }

    /// This table's events, then `more`, whose text is kept beside the
    /// file's; `None` past 4 GiB of text. For the claims map series add to a
    /// file's own: they have no place in the file, so no location.
    pub fn with_more<'a>(&self, more: impl IntoIterator<Item = &'a Event>) -> Option<EventTable> {
        let mut builder = TableBuilder {
            spans: SpanMaker {
                base: 0,
                len: self.text.len(),
                decoded: self.decoded.clone(),
            },
            records: self.records.clone(),
        };
        for event in more {
            // No row: `u32::MAX` is "no location" in a table of either kind.
            builder.push(&event.borrowed(), u32::MAX).then_some(())?;
        }
        Some(EventTable {
            text: self.text.clone(),
            decoded: builder.spans.decoded,
            records: builder.records,
            lines: OnceLock::new(),
            from_rows: self.from_rows,
        })
    }

    /// The text of a span; empty for an absent one.
    pub fn str(&self, span: Span) -> &str {
        span_text(&self.text, &self.decoded, span)
    }

    fn optional(&self, span: Span) -> Option<&str> {
        (!span.is_absent()).then(|| self.str(span))
    }

    fn view(&self, record: &EventRecord) -> EventRef<'_> {
        EventRef {
            id: self.str(record.id),
            date: record.date,
            place: self.str(record.place),
            kind: record.kind,
            claimant: self.str(record.claimant),
            controller: self.optional(record.controller),
            verification: record.verification,
            until: record.until,
            speaker: self.optional(record.speaker),
            quote: self.optional(record.quote),
            source: self.optional(record.source),
            note: self.optional(record.note),
        }
    }

    /// Where event `index` starts in its file, if it was read from one: its
    /// row (and column 1) in a table. Lines and columns count from after a
    /// byte order mark, as parsers do.
    pub fn location(&self, index: usize) -> Option<Location> {
        let offset = self.records[index].offset;
        if self.from_rows {
            let line = offset as usize;
            return (offset != u32::MAX).then_some(Location { line, column: 1 });
        }
        let body = self.text.strip_prefix('\u{feff}').unwrap_or(&self.text);
        let bom = self.text.len() - body.len();
        (offset != u32::MAX).then(|| {
            self.lines
                .get_or_init(|| LineIndex::new(body))
                .location(body, (offset as usize).saturating_sub(bom))
        })
    }
}

impl<'a> IntoIterator for &'a EventTable {
    type Item = EventRef<'a>;
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

/// The events of a table in file order.
#[derive(Clone, Debug)]
pub struct Iter<'a> {
    table: &'a EventTable,
    records: std::slice::Iter<'a, EventRecord>,
}

impl<'a> Iterator for Iter<'a> {
    type Item = EventRef<'a>;

    fn next(&mut self) -> Option<EventRef<'a>> {
        self.records.next().map(|record| self.table.view(record))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.records.size_hint()
    }
}

impl ExactSizeIterator for Iter<'_> {}

/// The text of a span over `text`, with `decoded` kept after it; empty for
/// an absent span.
fn span_text<'a>(text: &'a str, decoded: &'a KeptText, span: Span) -> &'a str {
    if span.is_absent() {
        return "";
    }
    let (at, len) = (span.at as usize, span.len as usize);
    match at.checked_sub(text.len()) {
        None => text.get(at..at + len).unwrap_or(""),
        Some(at) => decoded.get(at, len),
    }
}

/// A table built one event at a time, each string kept once: for readers
/// of tables, whose events come from rows rather than spans of a JSON text.
#[derive(Default)]
pub struct TableBuilder {
    spans: SpanMaker,
    records: Vec<EventRecord>,
}

impl TableBuilder {
    /// Adds an event read from `row`, as the spreadsheet numbers it;
    /// `false` (and nothing added) once the table's text would pass 4 GiB.
    pub fn push(&mut self, event: &EventRef, row: u32) -> bool {
        let mut keep = |text: Option<&str>| match text {
            Some(text) => self.spans.keep(text),
            None => Some(Span::ABSENT),
        };
        let spans = (|| {
            Some([
                keep(Some(event.id))?,
                keep(Some(event.place))?,
                keep(Some(event.claimant))?,
                keep(event.controller)?,
                keep(event.speaker)?,
                keep(event.quote)?,
                keep(event.source)?,
                keep(event.note)?,
            ])
        })();
        let Some(
            [
                id,
                place,
                claimant,
                controller,
                speaker,
                quote,
                source,
                note,
            ],
        ) = spans
        else {
            return false;
        };
        self.records.push(EventRecord {
            id,
            place,
            claimant,
            controller,
            speaker,
            quote,
            source,
            note,
            date: event.date,
            until: event.until,
            offset: row,
            kind: event.kind,
            verification: event.verification,
        });
        true
    }

    /// Keeps a string once, for records that share it (a place's id named by
    /// a thousand rows); `None` once the table's text would pass 4 GiB.
    pub fn keep(&mut self, text: &str) -> Option<Span> {
        self.spans.keep(text)
    }

    /// Adds a record whose spans this builder made; `offset` is its row.
    pub fn push_record(&mut self, record: EventRecord) {
        self.records.push(record);
    }

    /// The records so far, for a reader that fills in spans once it can make them.
    pub fn records_mut(&mut self) -> &mut [EventRecord] {
        &mut self.records
    }

    /// Adds another builder's events after these, their rows counted after
    /// `rows_before`; `false` (and nothing added) past 4 GiB of text.
    pub fn append(&mut self, other: TableBuilder, rows_before: u32) -> bool {
        let Some(shift) = self.spans.append(other.spans) else {
            return false;
        };
        self.records
            .extend(other.records.into_iter().map(|record| EventRecord {
                offset: record.offset.saturating_add(rows_before),
                // Every string of a builder is kept, none is a slice of a file's text.
                ..record.shifted(0, shift)
            }));
        true
    }

    /// The table, whose locations are the rows given.
    pub fn finish(self) -> EventTable {
        EventTable {
            from_rows: true,
            ..EventTable::from_parts(Cow::Borrowed(""), self.spans, self.records)
        }
    }
}

/// Makes spans while a file is parsed, before its table exists: slices of the
/// text become spans by their address, decoded strings are kept aside.
#[derive(Default, Debug)]
pub struct SpanMaker {
    base: usize,
    len: usize,
    decoded: KeptText,
}

impl SpanMaker {
    /// Spans of `text`, the text the table will be built over.
    pub fn new(text: &str) -> Self {
        SpanMaker {
            base: text.as_ptr() as usize,
            len: text.len(),
            decoded: KeptText::default(),
        }
    }

    /// The span of a slice of the text; `None` if it is not one, or lies
    /// beyond what 32 bits address.
    pub fn slice(&self, slice: &str) -> Option<Span> {
        let at = (slice.as_ptr() as usize).checked_sub(self.base)?;
        (at + slice.len() <= self.len).then_some(())?;
        Some(Span {
            at: u32::try_from(at).ok()?,
            len: u32::try_from(slice.len()).ok()?,
        })
    }

    /// The text of a span made by this maker over `text`.
    pub fn resolve<'a>(&'a self, text: &'a str, span: Span) -> &'a str {
        span_text(text, &self.decoded, span)
    }

    /// Takes the strings another maker over the same text decoded, after its
    /// own; returns how far that other maker's spans of them must move
    /// ([`EventRecord::shifted`]), or `None` past 4 GiB.
    pub fn append(&mut self, other: SpanMaker) -> Option<u32> {
        let shift = u32::try_from(self.decoded.len()).ok()?;
        u32::try_from(self.len + self.decoded.len() + other.decoded.len()).ok()?;
        self.decoded.append(other.decoded);
        Some(shift)
    }

    /// Keeps a decoded string; `None` once the text reaches 4 GiB.
    pub fn keep(&mut self, text: &str) -> Option<Span> {
        let at = self.len + self.decoded.len();
        u32::try_from(at + text.len()).ok()?;
        let span = Span {
            at: u32::try_from(at).ok()?,
            len: u32::try_from(text.len()).ok()?,
        };
        self.decoded.push_str(text);
        Some(span)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_read_back_the_files_text_and_kept_strings() {
        let text = "{\"id\": \"a-1\"}";
        let mut spans = SpanMaker::new(text);
        let id = spans.slice(&text[8..11]).unwrap();
        let kept = spans.keep("“decoded”").unwrap();
        assert_eq!(spans.slice("elsewhere"), None);
        let table = EventTable::from_parts(Cow::Borrowed(text), spans, Vec::new());
        assert_eq!(table.str(id), "a-1");
        assert_eq!(table.str(kept), "“decoded”");
        assert_eq!(table.str(Span::ABSENT), "");
    }

    #[test]
    fn owned_events_round_trip() {
        let event = Event {
            id: "e1".into(),
            date: "2021-07-14".parse().unwrap(),
            place: "spin-boldak".into(),
            kind: EventType::Captured,
            claimant: "taliban".into(),
            controller: Some("taliban".into()),
            verification: Verification::Claimed,
            until: None,
            speaker: None,
            quote: Some("We have taken it".into()),
            source: None,
            note: None,
        };
        let table = EventTable::from_events([&event]);
        assert_eq!(table.len(), 1);
        assert_eq!(table.get(0).to_event(), event);
        assert_eq!(table.location(0), None);
    }

    #[test]
    fn more_events_follow_a_files_own_and_have_no_location() {
        let text = "{\"events\": [\n{\"id\": \"a-1\"}]}";
        let spans = SpanMaker::new(text);
        let at = text.find("a-1").unwrap();
        let id = spans.slice(&text[at..at + 3]).unwrap();
        let record = EventRecord {
            id,
            place: id,
            claimant: id,
            controller: Span::ABSENT,
            speaker: Span::ABSENT,
            quote: Span::ABSENT,
            source: Span::ABSENT,
            note: Span::ABSENT,
            date: "2021-07-14".parse().unwrap(),
            until: None,
            offset: 13,
            kind: EventType::Fighting,
            verification: Verification::Claimed,
        };
        let table = EventTable::from_parts(Cow::Borrowed(text), spans, vec![record]);
        let derived = Event {
            id: "map:a:2021-07-15".into(),
            date: "2021-07-15".parse().unwrap(),
            place: "a".into(),
            kind: EventType::Holds,
            claimant: "isw".into(),
            controller: Some("taliban".into()),
            verification: Verification::Claimed,
            until: "2021-07-20".parse().ok(),
            speaker: None,
            quote: None,
            source: Some("isw@2021-07-15".into()),
            note: Some("Map series".into()),
        };
        let both = table.with_more([&derived]).unwrap();
        assert_eq!(both.len(), 2);
        assert_eq!(both.id(0), "a-1");
        assert_eq!(both.location(0).map(|l| l.line), Some(2));
        assert_eq!(both.get(1).to_event(), derived);
        assert_eq!(both.location(1), None);
    }
}

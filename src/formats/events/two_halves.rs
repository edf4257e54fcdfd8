//! A large events list read on two threads. The first thread parses the file
//! as [`one_pass`](super::one_pass) does, but from a split point on only checks
//! the syntax and counts items; the second parses items from that point to the
//! end of the list. The split is a guess, made without parsing: in valid JSON
//! a line break is never inside a string, so `,` then a line break then `{` is
//! a boundary between two objects of some list. Only the first thread can say
//! whether it is a boundary of the events list (it meets an item starting
//! exactly there) and whether both threads saw the same items; anything else,
//! and any problem in the second half, and the file is read again in one pass,
//! which says every problem in its place.

use std::borrow::Cow;

use super::{EventFields, Halves, JsonText, Parsed, Reader, Split};
use crate::IdMap;
use crate::formats::diagnostic::Collector;
use crate::formats::fields::{Fields, object_start};
use crate::model::{EventRecord, SpanMaker};
use crate::progress::Progress;

/// Below this a second thread costs more than it saves.
const LARGE: usize = 8 << 20;

/// The events of the second half, as its thread read them.
struct Half {
    records: Vec<EventRecord>,
    /// The strings it decoded, which its records' spans point into.
    spans: SpanMaker,
    /// How many items it read: the first thread must have counted as many.
    items: usize,
}

/// Reads the file on two threads; `None` when it must be read in one pass.
pub(super) fn read(reader: &mut Reader<'_>, halves: Halves) -> Option<Parsed> {
    let text = reader.json.text();
    let large = match halves {
        Halves::WhenLarge => text.len() >= LARGE,
        #[cfg(test)]
        Halves::Always => true,
    };
    let at = large.then(|| split_point(text)).flatten()?;
    reader.split = Some(Split {
        at,
        items_after: None,
    });
    let whole_text = reader.whole_text;
    let file = reader.out.file().to_owned();
    let (first, second) = std::thread::scope(|scope| {
        let second = std::thread::Builder::new()
            .name("parse events (second half)".into())
            .spawn_scoped(scope, || second_half(whole_text, &file, at));
        let first = super::one_pass::read(reader);
        let second = second.ok().and_then(|thread| thread.join().ok()).flatten();
        (first, second)
    });
    let mut parsed = first?;
    // The split was not between two events: the first thread read them all.
    let Some(items_after) = reader.split.and_then(|split| split.items_after) else {
        return Some(parsed);
    };
    let half = second?;
    if items_after != half.items {
        return None;
    }
    // An id of the second half already used in the first is an error, said
    // with its place by the one pass.
    let ids_repeated = half.records.iter().any(|record| {
        reader
            .event_ids
            .contains_key(half.spans.resolve(whole_text, record.id))
    });
    if ids_repeated {
        return None;
    }
    let shift = reader.spans.append(half.spans)?;
    parsed.records.extend(
        half.records
            .into_iter()
            .map(|record| record.shifted(whole_text.len(), shift)),
    );
    Some(parsed)
}

/// A line break after a `,` and before a `{`, at or after the middle of `text`:
/// where an object of some list starts. `None` if none is found soon.
fn split_point(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut from = text.len() / 2;
    for _ in 0..256 {
        let newline = from + text.get(from..)?.find('\n')?;
        from = newline + 1;
        let after = text[from..].len() - text[from..].trim_start().len();
        let before = text[..newline].trim_end();
        if before.ends_with(',') && bytes.get(from + after) == Some(&b'{') {
            return Some(from + after);
        }
    }
    None
}

/// Reads events from `at` to the end of their list, each item as the one pass
/// reads it. `None` at the first thing it cannot read, or any problem.
fn second_half(whole_text: &str, file: &str, at: usize) -> Option<Half> {
    let json = JsonText::new(whole_text);
    let progress = Progress::default();
    let mut reader = Reader {
        json: &json,
        bom: whole_text.len() - json.text().len(),
        out: Collector::new(file),
        side_at: Default::default(),
        spans: SpanMaker::new(whole_text),
        whole_text,
        too_much_text: false,
        progress: &progress,
        split: None,
        event_ids: IdMap::default(),
    };
    let text = json.text();
    let mut first_at: IdMap<Cow<str>, usize> = IdMap::default();
    let mut records = Vec::new();
    let mut pos = at;
    let mut items = 0;
    loop {
        let mut stream = serde_json::Deserializer::from_str(text.get(pos..)?)
            .into_iter::<Fields<EventFields, 12>>();
        let fields = stream.next()?.ok()?;
        let start = fields
            .first_key
            .and_then(|key| json.offset_of_str(key))
            .and_then(|key_at| object_start(text, key_at))?;
        let item = reader.item("event", items, start, fields.get(0));
        if let Some(record) = reader.read_unique(&item, &fields, Reader::event, &mut first_at) {
            records.push(record);
        }
        items += 1;
        pos += stream.byte_offset();
        pos += text.get(pos..)?.len() - text.get(pos..)?.trim_start().len();
        match text.as_bytes().get(pos) {
            Some(b',') => pos += 1,
            Some(b']') => break,
            _ => return None,
        }
    }
    // Any problem is said by the one pass, in its place and order.
    if reader.out.has_any() {
        return None;
    }
    Some(Half {
        records,
        spans: reader.spans,
        items,
    })
}

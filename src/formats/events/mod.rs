//! The events file: parties, sources and dated, attributed claims, as JSON.
//!
//! A file is read in one pass: serde_json checks the syntax while every item's
//! fields are borrowed raw ([`Fields`]), so each problem can point at the value
//! it is about, and text without escapes is never copied: an event's strings
//! become spans of the file's text ([`EventTable`]). Only a file whose shape is
//! wrong (a syntax error, an item that is not an object) is read again, item by
//! item, to say where and what.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::value::RawValue;

use super::diagnostic::{Collector, LoadFailed, Loaded, Problem};
use super::fields::{FieldNames, Fields, string_without_escapes};
use super::json_text::{JsonText, TopLevel, error_message, lone_surrogate};
use super::sides::check_sides;
use crate::IdMap;
use crate::model::{
    DateSpec, EventRecord, EventTable, EventType, EventsFile, Location, Party, Rgb, SeriesListing,
    Source, Span, SpanMaker, Verification, web_link,
};
use crate::progress::{Phase, Progress};

type Raw<'a> = Option<&'a RawValue>;

struct PartyFields;
impl FieldNames for PartyFields {
    const NAMES: &'static [&'static str] = &["id", "name", "color", "side"];
    const EXPECTING: &'static str = "struct PartyRecord";
}
type PartyRecord<'a> = Fields<'a, PartyFields, 4>;

struct SourceFields;
impl FieldNames for SourceFields {
    const NAMES: &'static [&'static str] = &[
        "id",
        "outlet",
        "title",
        "url",
        "published",
        "author",
        "note",
    ];
    const EXPECTING: &'static str = "struct SourceRecord";
}
type SourceRecord<'a> = Fields<'a, SourceFields, 7>;

struct EventFields;
impl FieldNames for EventFields {
    const NAMES: &'static [&'static str] = &[
        "id",
        "date",
        "place",
        "type",
        "claimant",
        "controller",
        "verification",
        "until",
        "speaker",
        "quote",
        "source",
        "note",
    ];
    const EXPECTING: &'static str = "struct EventRecord";
}
type EventFieldsRecord<'a> = Fields<'a, EventFields, 12>;

/// Parses an events file. `file` is the name diagnostics use. The table of
/// events keeps `text` and points into it.
pub fn parse_events(
    file: &str,
    text: impl Into<Cow<'static, str>>,
) -> Result<Loaded<EventsFile>, LoadFailed> {
    let path = Path::OnePassFirst(Halves::WhenLarge);
    parse_with(file, text.into(), path, &Progress::default())
}

/// [`parse_events`], saying how far into the text it is, and stopping (with
/// a [`Problem::Cancelled`] error) when `progress` is cancelled.
pub fn parse_events_reporting(
    file: &str,
    text: Cow<'static, str>,
    progress: &Progress,
) -> Result<Loaded<EventsFile>, LoadFailed> {
    progress.begin(Phase::Parsing, text.len() as u64);
    parse_with(file, text, Path::OnePassFirst(Halves::WhenLarge), progress)
}

/// How a file is read: the one pass, falling back to the careful path; or,
/// to test that both agree, only the careful path.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Path {
    OnePassFirst(Halves),
    #[cfg(test)]
    ItemByItem,
}

/// Whether a large events list is read on two threads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Halves {
    /// When the file is large enough to pay for the second thread.
    WhenLarge,
    /// Always, however small: for tests of the split.
    #[cfg(test)]
    Always,
}

fn parse_with(
    file: &str,
    text: Cow<'static, str>,
    path: Path,
    progress: &Progress,
) -> Result<Loaded<EventsFile>, LoadFailed> {
    let (parsed, mut out, side_at, spans) = {
        let json = JsonText::new(&text);
        let mut reader = Reader {
            json: &json,
            bom: text.len() - json.text().len(),
            out: Collector::new(file),
            side_at: HashMap::new(),
            spans: SpanMaker::new(&text),
            whole_text: &text,
            too_much_text: false,
            progress,
            split: None,
            event_ids: IdMap::default(),
        };
        let parsed = match path {
            Path::OnePassFirst(halves) => reader.read(halves),
            #[cfg(test)]
            Path::ItemByItem => reader.item_by_item(),
        };
        let Reader {
            out,
            side_at,
            spans,
            ..
        } = reader;
        (parsed, out, side_at, spans)
    };
    let Some(Parsed {
        mut parties,
        sources,
        records,
        maps,
    }) = parsed
    else {
        return Err(out.fail());
    };
    check_sides(&mut parties, &side_at, &mut out);
    out.finish(EventsFile {
        parties,
        sources,
        events: EventTable::from_parts(text, spans, records),
        maps,
    })
}

struct Parsed {
    parties: Vec<Party>,
    sources: Vec<Source>,
    records: Vec<EventRecord>,
    maps: Vec<SeriesListing>,
}

struct Reader<'j> {
    json: &'j JsonText<'j>,
    /// The length of a byte order mark before the JSON, which spans count and locations do not.
    bom: usize,
    out: Collector,
    /// Where each party's `side` is written, for problems found once all parties are read.
    side_at: HashMap<String, Location>,
    spans: SpanMaker,
    /// The text spans are made of: the JSON and any byte order mark before it.
    whole_text: &'j str,
    /// Said once: spans address 4 GiB of text at most.
    too_much_text: bool,
    progress: &'j Progress,
    /// Where the events list is split between two threads, if it is.
    split: Option<Split>,
    /// The events' ids and where each was first seen, for the other half's check.
    event_ids: IdMap<Cow<'j, str>, usize>,
}

/// An item boundary in the events list, where the second thread starts.
#[derive(Clone, Copy, Debug)]
struct Split {
    /// The offset of the item's `{` in the JSON text.
    at: usize,
    /// How many items from there to the end of the list, once the first thread
    /// has met the split; `None` if it never did (the offset was not in the list).
    items_after: Option<usize>,
}

/// An item of a list, and what diagnostics call it: `event iq-1`, or
/// `event #3` when it has no id.
struct Item<'j> {
    kind: &'static str,
    /// 0-based position in its list.
    index: usize,
    /// Where its `{` is, as an offset into the JSON text.
    start: usize,
    id: Option<Cow<'j, str>>,
}

impl Item<'_> {
    fn subject(&self) -> String {
        match &self.id {
            Some(id) => format!("{} {id}", self.kind),
            None => format!("{} #{}", self.kind, self.index + 1),
        }
    }
}

/// An item read from the file, and its id for the check that ids are unique.
type WithId<'j, T> = (T, Cow<'j, str>);

/// Reads one kind of item from its fields; `None` for an item with errors (already reported).
type ReadItem<'j, K, const N: usize, T> =
    fn(&mut Reader<'j>, &Item<'j>, &Fields<'j, K, N>) -> Option<WithId<'j, T>>;

impl<'j> Reader<'j> {
    fn read(&mut self, halves: Halves) -> Option<Parsed> {
        if let Some(parsed) = two_halves::read(self, halves) {
            return Some(parsed);
        }
        self.start_again();
        if let Some(parsed) = one_pass::read(self) {
            return Some(parsed);
        }
        if self.progress.is_cancelled() {
            self.out.error(None, Problem::Cancelled);
            return None;
        }
        // Start again: what the one pass found is found again, with places.
        self.start_again();
        self.item_by_item()
    }

    /// Forgets what a pass found, for another pass over the file.
    fn start_again(&mut self) {
        self.out.clear();
        self.side_at.clear();
        self.spans = SpanMaker::new(self.whole_text);
        self.too_much_text = false;
        self.split = None;
        self.event_ids = IdMap::default();
    }

    fn read_unique<K, const N: usize, T>(
        &mut self,
        item: &Item<'j>,
        fields: &Fields<'j, K, N>,
        read: ReadItem<'j, K, N, T>,
        first_at: &mut IdMap<Cow<'j, str>, usize>,
    ) -> Option<T> {
        let (value, id) = read(self, item, fields)?;
        if let Some(&first) = first_at.get(&id) {
            let first_line = self.json.location_at(first).line;
            let problem = Problem::DuplicateId {
                kind: item.kind,
                id: id.into_owned(),
                first_line,
            };
            self.out
                .error(Some(self.json.location_at(item.start)), problem);
            return None;
        }
        first_at.insert(id, item.start);
        Some(value)
    }

    fn item(&self, kind: &'static str, index: usize, start: usize, id: Raw<'j>) -> Item<'j> {
        let id = id.and_then(|raw| match string_without_escapes(raw.get()) {
            Some(id) => Some(Cow::Borrowed(id)),
            None => serde_json::from_str::<String>(raw.get())
                .ok()
                .map(Cow::Owned),
        });
        Item {
            kind,
            index,
            start,
            id,
        }
    }

    /// The careful path, for a file that is not a well-formed events file:
    /// its lists are split into items, and each item's problems are said.
    fn item_by_item(&mut self) -> Option<Parsed> {
        let top = match self.json.top_level() {
            TopLevel::Object(top) if top.contains_key("events") => top,
            TopLevel::Broken(error) => {
                let location = self.json.error_location(&error, None);
                self.out
                    .error(location, Problem::Syntax(error_message(&error)));
                return None;
            }
            _ => {
                self.out.error(None, Problem::NotEventsFile);
                return None;
            }
        };
        let parties = self.items(&top, "parties", "party", Self::party);
        let sources = self.items(&top, "sources", "source", Self::source);
        let records = self.items(&top, "events", "event", Self::event);
        let maps = self.items(&top, "maps", "map series", Self::map_series);
        Some(Parsed {
            parties,
            sources,
            records,
            maps,
        })
    }

    /// Reads every item of the list `key`, item by item.
    fn items<K: FieldNames, const N: usize, T>(
        &mut self,
        top: &BTreeMap<String, &'j RawValue>,
        key: &'static str,
        kind: &'static str,
        read: ReadItem<'j, K, N, T>,
    ) -> Vec<T> {
        let Some(&list) = top.get(key) else {
            return Vec::new();
        };
        let Ok(raws) = serde_json::from_str::<Vec<&RawValue>>(list.get()) else {
            self.out
                .error(self.json.location_of(list), Problem::NotList(key));
            return Vec::new();
        };
        let mut first_at = IdMap::default();
        let mut items = Vec::new();
        for (index, raw) in raws.into_iter().enumerate() {
            let start = self.json.offset_of(raw).unwrap_or(0);
            let id = serde_json::from_str::<IdProbe>(raw.get())
                .ok()
                .and_then(|probe| probe.id);
            let mut item = self.item(kind, index, start, None);
            item.id = id.map(Cow::Owned);
            let Some(fields) = self.fields(&item, raw) else {
                continue;
            };
            if let Some(value) = self.read_unique(&item, &fields, read, &mut first_at) {
                items.push(value);
            }
        }
        items
    }

    fn fields<K: FieldNames, const N: usize>(
        &mut self,
        item: &Item,
        raw: &'j RawValue,
    ) -> Option<Fields<'j, K, N>> {
        match serde_json::from_str(raw.get()) {
            Ok(fields) => Some(fields),
            Err(error) => {
                let subject = item.subject();
                if raw.get().starts_with('{') {
                    let problem = Problem::InvalidItem {
                        subject,
                        reason: error_message(&error),
                    };
                    self.out
                        .error(self.json.error_location(&error, Some(raw)), problem);
                } else {
                    self.out
                        .error(self.json.location_of(raw), Problem::NotObject { subject });
                }
                None
            }
        }
    }

    fn item_location(&self, item: &Item) -> Option<Location> {
        Some(self.json.location_at(item.start))
    }

    // Each reader checks every field before giving up on the item, so one
    // pass reports all of an item's problems.

    fn party(&mut self, item: &Item<'j>, record: &PartyRecord<'j>) -> Option<WithId<'j, Party>> {
        let [id, name, color, side] = record.values;
        let id_text = self.required(item, "id", id);
        let name = self.required(item, "name", name);
        let side_text = self
            .text(item, "side", side)
            .filter(|s| !s.trim().is_empty());
        let color = self.text(item, "color", color).and_then(|text| {
            let parsed = text.parse().ok();
            if parsed.is_none() {
                let location = color.and_then(|raw| self.json.location_of(raw));
                let subject = item.subject();
                self.out.warn(
                    location,
                    Problem::BadColor {
                        subject,
                        value: text.into_owned(),
                    },
                );
            }
            parsed
        });
        let (id_text, name) = (id_text?, name?);
        let id = id_text.clone().into_owned();
        if let Some(location) = side.and_then(|raw| self.json.location_of(raw)) {
            self.side_at.insert(id.clone(), location);
        }
        let party = Party {
            color: color.unwrap_or_else(|| Rgb::for_id(&id)),
            id,
            name: name.into_owned(),
            side: side_text.map(Cow::into_owned),
            implicit: false,
        };
        Some((party, id_text))
    }

    fn source(&mut self, item: &Item<'j>, record: &SourceRecord<'j>) -> Option<WithId<'j, Source>> {
        let [id, outlet, title, url, published, author, note] = record.values;
        let id = self.required(item, "id", id);
        let outlet = self.required(item, "outlet", outlet);
        let published_on = self.date(item, "published", published, false);
        let title = self.text(item, "title", title);
        let url_text = self.text(item, "url", url);
        if let Some(Err(reason)) = url_text.as_deref().map(web_link) {
            let location = url.and_then(|raw| self.json.location_of(raw));
            let subject = item.subject();
            self.out
                .warn(location, Problem::NotAWebLink { subject, reason });
        }
        let author = self.text(item, "author", author);
        let note = self.text(item, "note", note);
        let owned = |text: Option<Cow<str>>| text.map(Cow::into_owned);
        let id = id?;
        let source = Source {
            id: id.clone().into_owned(),
            outlet: outlet?.into_owned(),
            title: owned(title),
            url: owned(url_text),
            published: published_on.ok()?,
            author: owned(author),
            note: owned(note),
        };
        Some((source, id))
    }

    fn event(
        &mut self,
        item: &Item<'j>,
        record: &EventFieldsRecord<'j>,
    ) -> Option<WithId<'j, EventRecord>> {
        let [
            id,
            date,
            place,
            kind,
            claimant,
            controller,
            verification,
            until,
            speaker,
            quote,
            source,
            note,
        ] = record.values;
        let id_text = self.required(item, "id", id);
        let date = self.date(item, "date", date, true);
        let place = self.required(item, "place", place);
        let event_type = self.event_type(item, kind);
        let claimant = self.required(item, "claimant", claimant);
        let controller_text = match controller {
            Some(_) => self.required(item, "controller", controller),
            None => None,
        };
        let controller_text = self.check_controller(item, event_type, controller_text, controller);
        let verified = self.verification(item, verification);
        let until_day = self.until(item, until, date.as_ref().ok().copied().flatten());
        let speaker = self.text(item, "speaker", speaker);
        let quote = self.text(item, "quote", quote);
        let source = self.text(item, "source", source);
        let note = self.text(item, "note", note);
        if event_type == Some(EventType::Confirmed) && verified == Some(Verification::Claimed) {
            let location = kind.and_then(|raw| self.json.location_of(raw));
            let subject = item.subject();
            self.out
                .warn(location, Problem::UnverifiedConfirmation { subject });
        }
        let (id_text, date, place, event_type, claimant, controller_text, verified, until_day) = (
            id_text?,
            date.ok()??,
            place?,
            event_type?,
            claimant?,
            controller_text.ok()?,
            verified?,
            until_day.ok()?,
        );
        let record = EventRecord {
            id: self.span(&id_text)?,
            place: self.span(&place)?,
            claimant: self.span(&claimant)?,
            controller: self.optional_span(controller_text.as_ref())?,
            speaker: self.optional_span(speaker.as_ref())?,
            quote: self.optional_span(quote.as_ref())?,
            source: self.optional_span(source.as_ref())?,
            note: self.optional_span(note.as_ref())?,
            date,
            until: until_day,
            offset: u32::try_from(item.start + self.bom).unwrap_or(u32::MAX),
            kind: event_type,
            verification: verified,
        };
        Some((record, id_text))
    }

    /// The span of a field's text: where the file has it, or kept decoded.
    #[allow(
        clippy::ptr_arg,
        reason = "whether the text is borrowed is the point: borrowed text is a span of the file"
    )]
    fn span(&mut self, text: &Cow<'j, str>) -> Option<Span> {
        let span = match text {
            Cow::Borrowed(text) => self.spans.slice(text),
            Cow::Owned(text) => self.spans.keep(text),
        };
        if span.is_none() && !self.too_much_text {
            self.too_much_text = true;
            self.out.error(None, Problem::TooMuchText);
        }
        span
    }

    fn optional_span(&mut self, text: Option<&Cow<'j, str>>) -> Option<Span> {
        match text {
            Some(text) => self.span(text),
            None => Some(Span::ABSENT),
        }
    }

    /// Text, or `None` when absent or null; anything else is an error.
    fn text(&mut self, item: &Item, field: &'static str, raw: Raw<'j>) -> Option<Cow<'j, str>> {
        let raw = raw?;
        if let Some(text) = string_without_escapes(raw.get()) {
            return Some(Cow::Borrowed(text));
        }
        match serde_json::from_str::<String>(raw.get()) {
            Ok(text) => Some(Cow::Owned(text)),
            // A string that is not valid text, such as a lone surrogate `"\ud800"`.
            Err(error) if raw.get().starts_with('"') => {
                let reason = match lone_surrogate(raw.get()) {
                    Some(escape) => format!(
                        "{escape} is a lone surrogate, half of a UTF-16 pair, and no character"
                    ),
                    None => error_message(&error),
                };
                let subject = item.subject();
                let problem = Problem::BadText {
                    subject,
                    field,
                    reason,
                };
                self.out
                    .error(self.json.error_location(&error, Some(raw)), problem);
                None
            }
            Err(_) => {
                let subject = item.subject();
                self.out.error(
                    self.json.location_of(raw),
                    Problem::WrongType {
                        subject,
                        field,
                        expected: "text",
                    },
                );
                None
            }
        }
    }

    fn required(&mut self, item: &Item, field: &'static str, raw: Raw<'j>) -> Option<Cow<'j, str>> {
        if raw.is_none() {
            let location = self.item_location(item);
            self.out.error(
                location,
                Problem::MissingField {
                    subject: item.subject(),
                    field,
                },
            );
            return None;
        }
        let text = self.text(item, field, raw)?;
        if text.trim().is_empty() {
            let location = raw.and_then(|raw| self.json.location_of(raw));
            let subject = item.subject();
            let expected = "non-empty text";
            self.out.error(
                location,
                Problem::WrongType {
                    subject,
                    field,
                    expected,
                },
            );
            return None;
        }
        Some(text)
    }

    /// `Ok(None)` when absent and not required; `Err` after reporting a problem.
    /// The last day a claim stands, which is not before the day it is made.
    fn until(
        &mut self,
        item: &Item,
        raw: Raw<'j>,
        date: Option<DateSpec>,
    ) -> Result<Option<NaiveDate>, ()> {
        let Some(until) = self.date(item, "until", raw, false)? else {
            return Ok(None);
        };
        let until = until.effective_day();
        match date.map(|date| date.effective_day()) {
            Some(effective) if until < effective => {
                let location = raw.and_then(|raw| self.json.location_of(raw));
                let subject = item.subject();
                let problem = Problem::UntilBeforeDate {
                    subject,
                    until,
                    effective,
                };
                self.out.error(location, problem);
                Err(())
            }
            _ => Ok(Some(until)),
        }
    }

    fn date(
        &mut self,
        item: &Item,
        field: &'static str,
        raw: Raw<'j>,
        required: bool,
    ) -> Result<Option<DateSpec>, ()> {
        let text = if required {
            self.required(item, field, raw)
        } else {
            self.text(item, field, raw)
        };
        let Some(text) = text else {
            return if required || raw.is_some() {
                Err(())
            } else {
                Ok(None)
            };
        };
        text.parse().map(Some).map_err(|error| {
            let location = raw.and_then(|raw| self.json.location_of(raw));
            self.out.error(
                location,
                Problem::BadDate {
                    subject: item.subject(),
                    error,
                },
            );
        })
    }

    fn event_type(&mut self, item: &Item, raw: Raw<'j>) -> Option<EventType> {
        let text = self.required(item, "type", raw)?;
        text.parse().ok().or_else(|| {
            let expected = EventType::ALL.map(EventType::as_str).join(", ");
            let subject = item.subject();
            let location = raw.and_then(|raw| self.json.location_of(raw));
            self.out.error(
                location,
                Problem::UnknownEventType {
                    subject,
                    value: text.into_owned(),
                    expected,
                },
            );
            None
        })
    }

    fn verification(&mut self, item: &Item, raw: Raw<'j>) -> Option<Verification> {
        let Some(text) = self.text(item, "verification", raw) else {
            return raw.is_none().then_some(Verification::Claimed);
        };
        text.parse().ok().or_else(|| {
            let location = raw.and_then(|raw| self.json.location_of(raw));
            self.out.error(
                location,
                Problem::UnknownVerification {
                    subject: item.subject(),
                    value: text.into_owned(),
                },
            );
            None
        })
    }

    /// Control claims must say who holds the place; fighting and reports must not.
    fn check_controller(
        &mut self,
        item: &Item,
        kind: Option<EventType>,
        controller: Option<Cow<'j, str>>,
        raw: Raw<'j>,
    ) -> Result<Option<Cow<'j, str>>, ()> {
        let Some(kind) = kind else {
            return Ok(controller);
        };
        match (kind.is_control_claim(), &controller) {
            (true, None) if raw.is_none() => {
                let location = self.item_location(item);
                self.out.error(
                    location,
                    Problem::ControllerMissing {
                        subject: item.subject(),
                        kind: kind.as_str(),
                    },
                );
                Err(())
            }
            (false, Some(_)) => {
                let location = raw.and_then(|raw| self.json.location_of(raw));
                self.out.error(
                    location,
                    Problem::ControllerForbidden {
                        subject: item.subject(),
                        kind: kind.as_str(),
                    },
                );
                Err(())
            }
            // A controller that was present but not text has been reported already.
            (true, None) => Err(()),
            _ => Ok(controller),
        }
    }
}

/// Reads just the id of an item, to name it in diagnostics about its other fields.
#[derive(Deserialize)]
struct IdProbe {
    id: Option<String>,
}

#[cfg(test)]
mod tests;

mod maps;
mod one_pass;
mod two_halves;

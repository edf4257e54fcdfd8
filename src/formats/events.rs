//! The events file: parties, sources and dated, attributed claims, as JSON.

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;
use serde_json::value::RawValue;

use super::diagnostic::{Collector, LoadFailed, Loaded, Problem};
use super::json_text::{JsonText, TopLevel, error_message, lone_surrogate};
use super::sides::check_sides;
use crate::model::{
    DateSpec, Event, EventType, EventsFile, Location, Party, Rgb, Source, Verification, web_link,
};

type Raw<'a> = Option<&'a RawValue>;

/// Fields are borrowed raw so each problem can point at the value it is about;
/// unknown fields are ignored, so files from newer versions still open.
#[derive(Deserialize)]
struct PartyRecord<'a> {
    #[serde(borrow)]
    id: Raw<'a>,
    #[serde(borrow)]
    name: Raw<'a>,
    #[serde(borrow)]
    color: Raw<'a>,
    #[serde(borrow)]
    side: Raw<'a>,
}

#[derive(Deserialize)]
struct SourceRecord<'a> {
    #[serde(borrow)]
    id: Raw<'a>,
    #[serde(borrow)]
    outlet: Raw<'a>,
    #[serde(borrow)]
    title: Raw<'a>,
    #[serde(borrow)]
    url: Raw<'a>,
    #[serde(borrow)]
    published: Raw<'a>,
    #[serde(borrow)]
    author: Raw<'a>,
    #[serde(borrow)]
    note: Raw<'a>,
}

#[derive(Deserialize)]
struct EventRecord<'a> {
    #[serde(borrow)]
    id: Raw<'a>,
    #[serde(borrow)]
    date: Raw<'a>,
    #[serde(borrow)]
    place: Raw<'a>,
    #[serde(borrow, rename = "type")]
    kind: Raw<'a>,
    #[serde(borrow)]
    claimant: Raw<'a>,
    #[serde(borrow)]
    controller: Raw<'a>,
    #[serde(borrow)]
    verification: Raw<'a>,
    #[serde(borrow)]
    speaker: Raw<'a>,
    #[serde(borrow)]
    quote: Raw<'a>,
    #[serde(borrow)]
    source: Raw<'a>,
    #[serde(borrow)]
    note: Raw<'a>,
}

/// Parses an events file. `file` is the name diagnostics use.
pub fn parse_events(file: &str, text: &str) -> Result<Loaded<EventsFile>, LoadFailed> {
    let json = JsonText::new(text);
    let mut reader = Reader {
        json: &json,
        out: Collector::new(file),
        side_at: HashMap::new(),
    };
    let Some(top) = reader.top_level() else {
        return Err(reader.out.fail());
    };
    let mut parties: Vec<Party> = reader.items(&top, "parties", "party", Reader::party);
    let sources = reader.items(&top, "sources", "source", Reader::source);
    let events = reader.items(&top, "events", "event", Reader::event);
    check_sides(&mut parties, &reader.side_at, &mut reader.out);
    reader.out.finish(EventsFile {
        parties,
        sources,
        events,
    })
}

struct Reader<'j> {
    json: &'j JsonText<'j>,
    out: Collector,
    /// Where each party's `side` is written, for problems found once all parties are read.
    side_at: HashMap<String, Location>,
}

/// An item of a list, with what diagnostics call it: `event iq-1`, or `event #3` before its id is known.
struct Item<'a> {
    raw: &'a RawValue,
    subject: String,
}

impl<'j> Reader<'j> {
    fn top_level(&mut self) -> Option<BTreeMap<String, &'j RawValue>> {
        match self.json.top_level() {
            TopLevel::Object(top) if top.contains_key("events") => Some(top),
            TopLevel::Broken(error) => {
                self.out.error(
                    self.json.error_location(&error, None),
                    Problem::Syntax(error_message(&error)),
                );
                None
            }
            _ => {
                self.out.error(None, Problem::NotEventsFile);
                None
            }
        }
    }

    /// Reads every item of the list `key`; `read` returns `None` for an item with
    /// errors (already reported). Ids must be unique within the list.
    fn items<T: HasId>(
        &mut self,
        top: &BTreeMap<String, &'j RawValue>,
        key: &'static str,
        kind: &'static str,
        read: fn(&mut Self, &Item<'j>) -> Option<T>,
    ) -> Vec<T> {
        let Some(&list) = top.get(key) else {
            return Vec::new();
        };
        let Ok(raws) = serde_json::from_str::<Vec<&RawValue>>(list.get()) else {
            self.out
                .error(self.json.location_of(list), Problem::NotList(key));
            return Vec::new();
        };
        let mut first_line: HashMap<String, usize> = HashMap::new();
        let mut items = Vec::new();
        for (i, raw) in raws.into_iter().enumerate() {
            let id = serde_json::from_str::<IdProbe>(raw.get())
                .ok()
                .and_then(|p| p.id);
            let subject = match &id {
                Some(id) => format!("{kind} {id}"),
                None => format!("{kind} #{}", i + 1),
            };
            let item = Item { raw, subject };
            let Some(value) = read(self, &item) else {
                continue;
            };
            let location = self.json.location_of(raw);
            let line = location.map_or(0, |l| l.line);
            if let Some(&first) = first_line.get(value.id()) {
                let id = value.id().to_owned();
                self.out.error(
                    location,
                    Problem::DuplicateId {
                        kind,
                        id,
                        first_line: first,
                    },
                );
                continue;
            }
            first_line.insert(value.id().to_owned(), line);
            items.push(value);
        }
        items
    }

    fn record<T: Deserialize<'j>>(&mut self, item: &Item<'j>) -> Option<T> {
        match serde_json::from_str(item.raw.get()) {
            Ok(record) => Some(record),
            Err(error) => {
                let subject = item.subject.clone();
                if item.raw.get().starts_with('{') {
                    let problem = Problem::InvalidItem {
                        subject,
                        reason: error_message(&error),
                    };
                    self.out
                        .error(self.json.error_location(&error, Some(item.raw)), problem);
                } else {
                    self.out.error(
                        self.json.location_of(item.raw),
                        Problem::NotObject { subject },
                    );
                }
                None
            }
        }
    }

    // Each reader checks every field before giving up on the item, so one
    // pass reports all of an item's problems.

    fn party(&mut self, item: &Item<'j>) -> Option<Party> {
        let record: PartyRecord = self.record(item)?;
        let id = self.required(item, "id", record.id);
        let name = self.required(item, "name", record.name);
        let side = self
            .text(item, "side", record.side)
            .filter(|s| !s.trim().is_empty());
        let color = self.text(item, "color", record.color).and_then(|text| {
            let parsed = text.parse().ok();
            if parsed.is_none() {
                let location = record.color.and_then(|raw| self.json.location_of(raw));
                let subject = item.subject.clone();
                self.out.warn(
                    location,
                    Problem::BadColor {
                        subject,
                        value: text,
                    },
                );
            }
            parsed
        });
        let (id, name) = (id?, name?);
        if let Some(location) = record.side.and_then(|raw| self.json.location_of(raw)) {
            self.side_at.insert(id.clone(), location);
        }
        Some(Party {
            color: color.unwrap_or_else(|| Rgb::for_id(&id)),
            id,
            name,
            side,
            implicit: false,
        })
    }

    fn source(&mut self, item: &Item<'j>) -> Option<Source> {
        let record: SourceRecord = self.record(item)?;
        let id = self.required(item, "id", record.id);
        let outlet = self.required(item, "outlet", record.outlet);
        let published = self.date(item, "published", record.published, false);
        let title = self.text(item, "title", record.title);
        let url = self.text(item, "url", record.url);
        if let Some(Err(reason)) = url.as_deref().map(web_link) {
            let location = record.url.and_then(|raw| self.json.location_of(raw));
            let subject = item.subject.clone();
            self.out
                .warn(location, Problem::NotAWebLink { subject, reason });
        }
        let author = self.text(item, "author", record.author);
        let note = self.text(item, "note", record.note);
        Some(Source {
            id: id?,
            outlet: outlet?,
            title,
            url,
            published: published.ok()?,
            author,
            note,
        })
    }

    fn event(&mut self, item: &Item<'j>) -> Option<Event> {
        let record: EventRecord = self.record(item)?;
        let id = self.required(item, "id", record.id);
        let date = self.date(item, "date", record.date, true);
        let place = self.required(item, "place", record.place);
        let kind = self.event_type(item, record.kind);
        let claimant = self.required(item, "claimant", record.claimant);
        let controller = match record.controller {
            Some(_) => self.required(item, "controller", record.controller),
            None => None,
        };
        let controller = self.check_controller(item, kind, controller, record.controller);
        let verification = self.verification(item, record.verification);
        let speaker = self.text(item, "speaker", record.speaker);
        let quote = self.text(item, "quote", record.quote);
        let source = self.text(item, "source", record.source);
        let note = self.text(item, "note", record.note);
        if kind == Some(EventType::Confirmed) && verification == Some(Verification::Claimed) {
            let location = record.kind.and_then(|raw| self.json.location_of(raw));
            let subject = item.subject.clone();
            self.out
                .warn(location, Problem::UnverifiedConfirmation { subject });
        }
        Some(Event {
            id: id?,
            date: date.ok()??,
            place: place?,
            kind: kind?,
            claimant: claimant?,
            controller: controller.ok()?,
            verification: verification?,
            speaker,
            quote,
            source,
            note,
            location: self.json.location_of(item.raw),
        })
    }

    /// Text, or `None` when absent or null; anything else is an error.
    fn text(&mut self, item: &Item, field: &'static str, raw: Raw) -> Option<String> {
        let raw = raw?;
        match serde_json::from_str::<String>(raw.get()) {
            Ok(text) => Some(text),
            // A string that is not valid text, such as a lone surrogate `"\ud800"`.
            Err(error) if raw.get().starts_with('"') => {
                let reason = match lone_surrogate(raw.get()) {
                    Some(escape) => format!(
                        "{escape} is a lone surrogate, half of a UTF-16 pair, and no character"
                    ),
                    None => error_message(&error),
                };
                let subject = item.subject.clone();
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
                let subject = item.subject.clone();
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

    fn required(&mut self, item: &Item, field: &'static str, raw: Raw) -> Option<String> {
        if raw.is_none() {
            let location = self.json.location_of(item.raw);
            self.out.error(
                location,
                Problem::MissingField {
                    subject: item.subject.clone(),
                    field,
                },
            );
            return None;
        }
        let text = self.text(item, field, raw)?;
        if text.trim().is_empty() {
            let location = raw.and_then(|raw| self.json.location_of(raw));
            let subject = item.subject.clone();
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
    fn date(
        &mut self,
        item: &Item,
        field: &'static str,
        raw: Raw,
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
                    subject: item.subject.clone(),
                    error,
                },
            );
        })
    }

    fn event_type(&mut self, item: &Item, raw: Raw) -> Option<EventType> {
        let text = self.required(item, "type", raw)?;
        text.parse().ok().or_else(|| {
            let expected = EventType::ALL.map(EventType::as_str).join(", ");
            let subject = item.subject.clone();
            let location = raw.and_then(|raw| self.json.location_of(raw));
            self.out.error(
                location,
                Problem::UnknownEventType {
                    subject,
                    value: text,
                    expected,
                },
            );
            None
        })
    }

    fn verification(&mut self, item: &Item, raw: Raw) -> Option<Verification> {
        let Some(text) = self.text(item, "verification", raw) else {
            return raw.is_none().then_some(Verification::Claimed);
        };
        text.parse().ok().or_else(|| {
            let location = raw.and_then(|raw| self.json.location_of(raw));
            self.out.error(
                location,
                Problem::UnknownVerification {
                    subject: item.subject.clone(),
                    value: text,
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
        controller: Option<String>,
        raw: Raw,
    ) -> Result<Option<String>, ()> {
        let Some(kind) = kind else {
            return Ok(controller);
        };
        let subject = item.subject.clone();
        match (kind.is_control_claim(), &controller) {
            (true, None) if raw.is_none() => {
                let location = self.json.location_of(item.raw);
                self.out.error(
                    location,
                    Problem::ControllerMissing {
                        subject,
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
                        subject,
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

trait HasId {
    fn id(&self) -> &str;
}

impl HasId for Party {
    fn id(&self) -> &str {
        &self.id
    }
}

impl HasId for Source {
    fn id(&self) -> &str {
        &self.id
    }
}

impl HasId for Event {
    fn id(&self) -> &str {
        &self.id
    }
}

#[cfg(test)]
#[path = "events_tests.rs"]
mod tests;

//! The pre-scan: one pass of quick-xml over the text before the `kml` crate
//! reads it, rejecting everything that would make that crate hang, panic or
//! overflow its stack (see [`check`]), and finding where each placemark is.

use quick_xml::Reader;
use quick_xml::escape::resolve_xml_entity;
use quick_xml::events::{BytesRef, Event};

use super::{KmlProblem, Stop};
use crate::model::Location;

/// How deep elements may nest. The `kml` crate reads nested elements by
/// recursion, so a deeper file could overflow the stack, which aborts the
/// process. Folders cost the most: about 5 KiB a level in a release build and
/// 45 KiB in a debug build, where 40 levels fill a thread's default 2 MiB.
/// Real files nest a few levels of folders deep.
pub(super) const MAX_DEPTH: usize = 32;

/// Checks that the text is one whole `<kml>` element that the `kml` crate can
/// read, and returns where the placemarks it will find are, in order:
/// - well-formed XML, every element closed before the end: the crate's
///   readers loop forever when the text ends inside their element;
/// - exactly one root, `<kml>` (any prefix), and no second `<kml>` anywhere;
/// - every `<Point>` with non-blank `<coordinates>`: the crate panics on a
///   Point whose (last) coordinates are missing or blank;
/// - at most [`MAX_DEPTH`] levels of elements.
pub(super) fn check(text: &str) -> Result<Vec<Location>, Stop> {
    let mut reader = Reader::from_str(text);
    // The default, as the crate reads with the same quick-xml and otherwise
    // the same settings, so both see the same events: every end tag closes
    // the innermost open element, which the checks below rely on.
    reader.config_mut().check_end_names = true;
    let mut scan = Scan::default();
    loop {
        let at = offset(reader.buffer_position());
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(error) => {
                let reason = error.to_string();
                let at = offset(reader.error_position());
                return Err(stop(KmlProblem::Unreadable { reason }, text, Some(at)));
            }
        };
        if let Event::Eof = event {
            return scan.finish(text);
        }
        scan.take(event, at)
            .map_err(|(problem, at)| stop(problem, text, at))?;
    }
}

/// What the scan knows about an element that is open.
enum Open {
    /// `<kml>`, `<Document>` or `<Folder>`: the crate collects the placemarks in them.
    Container,
    /// A `<Point>` starting at this byte, and whether it has coordinates yet.
    Point {
        at: usize,
        has_coordinates: bool,
    },
    /// A `<coordinates>`, and whether it holds more than whitespace yet.
    Coordinates {
        has_text: bool,
    },
    Other,
}

/// The state of the scan between events.
#[derive(Default)]
struct Scan {
    open: Vec<Open>,
    root_seen: bool,
    /// Where each `<Placemark>` the crate collects starts: those directly in
    /// a container. (In odd files, where one of the crate's readers stops
    /// early, it may collect a few others too, and later locations shift.)
    placemarks: Vec<usize>,
}

/// A problem at a byte offset; without an offset, the problem is the whole file.
type Found = (KmlProblem, Option<usize>);

impl Scan {
    fn take(&mut self, event: Event, at: usize) -> Result<(), Found> {
        match event {
            Event::Start(start) => self.start(start.name().into_inner(), at),
            Event::Empty(start) => {
                self.start(start.name().into_inner(), at)?;
                self.end()
            }
            Event::End(_) => self.end(),
            Event::Text(text) => {
                let text = text.decode().unwrap_or_default();
                // Text is as written (entities are events of their own), so
                // this is where its first visible character is.
                let visible = at + (text.len() - text.trim_start().len());
                self.text(&text, visible)
            }
            Event::CData(data) => self.text(&data.decode().unwrap_or_default(), at),
            Event::GeneralRef(reference) => self.text(&resolved(&reference), at),
            // Comments, processing instructions, declarations and DOCTYPEs:
            // the crate skips them or reports them as errors.
            _ => Ok(()),
        }
    }

    fn start(&mut self, name: &[u8], at: usize) -> Result<(), Found> {
        let local = local_name(name);
        if !self.root_seen {
            self.root_seen = true;
            if local != b"kml" {
                let root = String::from_utf8_lossy(name).into_owned();
                return Err((KmlProblem::NotKml { root }, None));
            }
        } else if local == b"kml" {
            return Err((KmlProblem::SecondKml, Some(at)));
        } else if self.open.is_empty() {
            let what = format!("<{}>", String::from_utf8_lossy(name));
            return Err((KmlProblem::AfterKml { what }, Some(at)));
        } else if self.open.len() >= MAX_DEPTH {
            return Err((KmlProblem::TooDeep, Some(at)));
        }
        if local == b"Placemark" && matches!(self.open.last(), Some(Open::Container)) {
            self.placemarks.push(at);
        }
        self.open.push(match local {
            b"kml" | b"Document" | b"Folder" => Open::Container,
            b"Point" => Open::Point {
                at,
                has_coordinates: false,
            },
            b"coordinates" => Open::Coordinates { has_text: false },
            _ => Open::Other,
        });
        Ok(())
    }

    /// Closes the innermost element: quick-xml has checked the end tag names it.
    fn end(&mut self) -> Result<(), Found> {
        match self.open.pop() {
            Some(Open::Point {
                at,
                has_coordinates: false,
            }) => Err((KmlProblem::PointWithoutCoordinates, Some(at))),
            Some(Open::Coordinates { has_text }) => self.coordinates_closed(has_text),
            _ => Ok(()),
        }
    }

    /// Coordinates inside a Point count for the innermost one, at any depth,
    /// as the crate reads them; blank ones anywhere in a Point are an error,
    /// since the crate keeps the last coordinates of a Point it finds.
    fn coordinates_closed(&mut self, has_text: bool) -> Result<(), Found> {
        let point = self.open.iter_mut().rev().find_map(|open| match open {
            Open::Point {
                at,
                has_coordinates,
            } => Some((*at, has_coordinates)),
            _ => None,
        });
        match point {
            Some((at, _)) if !has_text => Err((KmlProblem::PointWithoutCoordinates, Some(at))),
            Some((_, has_coordinates)) => {
                *has_coordinates = true;
                Ok(())
            }
            None => Ok(()),
        }
    }

    /// Text, CDATA or an entity: blank text is layout; other text must be
    /// inside the root, and counts for the `<coordinates>` it is directly in.
    fn text(&mut self, text: &str, at: usize) -> Result<(), Found> {
        // The crate splits coordinates at Unicode whitespace, as `trim` does.
        if text.trim().is_empty() {
            return Ok(());
        }
        match self.open.last_mut() {
            Some(Open::Coordinates { has_text }) => *has_text = true,
            Some(_) => {}
            None if self.root_seen => {
                let what = "text".to_owned();
                return Err((KmlProblem::AfterKml { what }, Some(at)));
            }
            None => return Err((KmlProblem::NotXml, None)),
        }
        Ok(())
    }

    /// At the end of the text: the placemarks, if the root was there and closed.
    fn finish(self, text: &str) -> Result<Vec<Location>, Stop> {
        if !self.root_seen {
            return Err((KmlProblem::NotXml.into(), None));
        }
        if !self.open.is_empty() {
            return Err(stop(KmlProblem::CutShort, text, Some(text.len())));
        }
        let mut locator = Locator::new(text);
        Ok(self
            .placemarks
            .into_iter()
            .map(|at| locator.at(at))
            .collect())
    }
}

/// `&amp;` or `&#x41;` as the crate reads it; one it cannot read counts as
/// text here, and the crate reports it.
fn resolved(reference: &BytesRef) -> String {
    if let Ok(Some(character)) = reference.resolve_char_ref() {
        return character.to_string();
    }
    let name = reference.decode().unwrap_or_default();
    resolve_xml_entity(&name).unwrap_or("?").to_owned()
}

fn stop(problem: KmlProblem, text: &str, at: Option<usize>) -> Stop {
    (problem.into(), at.map(|at| location_at(text, at)))
}

/// A byte offset from quick-xml, which counts in `u64`.
fn offset(position: u64) -> usize {
    usize::try_from(position).unwrap_or(usize::MAX)
}

/// `kml` of `kml` or `kml:kml`.
pub(super) fn local_name(name: &[u8]) -> &[u8] {
    name.rsplit(|&b| b == b':').next().unwrap_or(name)
}

/// The location of byte `offset` (or of the character it falls in).
pub(super) fn location_at(text: &str, offset: usize) -> Location {
    Locator::new(text).at(offset)
}

/// Locations of byte offsets, counted on from the previous one when they increase.
struct Locator<'a> {
    text: &'a str,
    offset: usize,
    location: Location,
}

impl<'a> Locator<'a> {
    fn new(text: &'a str) -> Self {
        Locator {
            text,
            offset: 0,
            location: Location { line: 1, column: 1 },
        }
    }

    /// Lines count from 1, and columns in characters from 1.
    fn at(&mut self, offset: usize) -> Location {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        if offset < self.offset {
            *self = Locator::new(self.text);
        }
        let passed = self.text.get(self.offset..offset).unwrap_or_default();
        self.location = match passed.rsplit_once('\n') {
            Some((lines, last)) => Location {
                line: self.location.line + lines.matches('\n').count() + 1,
                column: last.chars().count() + 1,
            },
            None => Location {
                line: self.location.line,
                column: self.location.column + passed.chars().count(),
            },
        };
        self.offset = offset;
        self.location
    }
}

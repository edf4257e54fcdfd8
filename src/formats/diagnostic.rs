//! Problems found in files, each with the place it was found.

use std::fmt;
use std::sync::Arc;

use chrono::NaiveDate;
use thiserror::Error;

use super::area::RingFault;
use super::kml::KmlProblem;
use super::table::TableProblem;
use crate::model::{DateError, LinkWarning, Location, NotAWebLink};
use crate::printable::escape_for_terminal;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Warning,
    Error,
}

/// What is wrong. `subject` names the item: `event iq-1`, `event #3`, `feature #2 "Herat"`.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum Problem {
    #[error("cannot read the file: {0}")]
    Unreadable(String),
    #[error("not saved: {0}")]
    NotSaved(String),
    #[error(
        "not UTF-8 text: byte 0x{byte:02x} cannot start or continue a character; save the file as UTF-8"
    )]
    NotUtf8 { byte: u8 },
    #[error("not valid JSON: {0}")]
    Syntax(String),
    #[error("expected a GeoJSON FeatureCollection, found {0}")]
    NotFeatureCollection(String),
    #[error("expected an object with an \"events\" list")]
    NotEventsFile,
    #[error("\"{0}\" must be a list")]
    NotList(&'static str),
    #[error("{subject} must be a JSON object")]
    NotObject { subject: String },
    #[error("{subject}: {reason}")]
    InvalidItem { subject: String, reason: String },
    #[error("{subject}: not a valid GeoJSON Feature: {reason}")]
    BadFeature { subject: String, reason: String },
    #[error("{subject}: a Point needs a longitude and a latitude")]
    MissingCoordinates { subject: String },
    #[error("{subject}: coordinates must be finite numbers")]
    NonFiniteCoordinate { subject: String },
    #[error("{subject}: longitude {value} is outside [-180, 180]")]
    LongitudeOutOfRange { subject: String, value: f64 },
    #[error("{subject}: latitude {value} is outside [-90, 90]")]
    LatitudeOutOfRange { subject: String, value: f64 },
    #[error("{subject}: has no geometry; skipped")]
    NoGeometry { subject: String },
    #[error("{subject}: is a {kind}, neither a point nor an area (Polygon, MultiPolygon); skipped")]
    NotAPoint { subject: String, kind: &'static str },
    #[error("{subject}: {ring} {fault}")]
    BadRing {
        subject: String,
        ring: String,
        fault: RingFault,
    },
    #[error(
        "the map has no day: its file name holds no YYYYMMDD or YYYY-MM-DD, and it has no \"date\" member"
    )]
    SnapshotWithoutDay,
    #[error("map series \"{series}\": \"files\": {reason}")]
    SeriesPattern { series: String, reason: String },
    #[error(
        "map series \"{series}\": \"files\" \"{pattern}\" matches no file beside the events file"
    )]
    SeriesMatchesNothing { series: String, pattern: String },
    #[error("map series \"{series}\": two maps of {day}: {} and {}; a series has one map a day", files[0], files[1])]
    SeriesDayTwice {
        series: String,
        day: NaiveDate,
        files: [String; 2],
    },
    #[error(
        "map series \"{series}\": source \"{source_id}\" is not in the sources list; its claims cite the series by name"
    )]
    SeriesUnknownSource { series: String, source_id: String },
    #[error(
        "map series \"{series}\": the open events file already lists a series of that id; give the added one another"
    )]
    SeriesIdTaken { series: String },
    #[error(
        "this is a view file: it names data files rather than holding them; open it with File → Open…, by dropping it on the window, or with `claimmap FILE`"
    )]
    ViewGivenAsData,
    #[error("not opened as a view: {0}")]
    NotAView(String),
    #[error("the view names {0}, which is not there; the rest of the view is opened")]
    ViewNamesMissing(String),
    #[error("a view file is opened alone: the {0} other file(s) dropped with it were left closed")]
    ViewOpenedAlone(usize),
    #[error(
        "the claims of {series} map series were left out: with them the events would pass 4 GiB of text; open fewer series or split the events file"
    )]
    SeriesClaimsTooLarge { series: usize },
    #[error("a map's {kind} is not an area it shows held; ignored, with any others in this file")]
    SnapshotNotArea { kind: &'static str },
    #[error("{subject}: its outline has no inside")]
    EmptyArea { subject: String },
    #[error(
        "{subject}: its outline crosses itself; it is kept, but what is inside may not be what was meant"
    )]
    CrossesItself { subject: String },
    #[error("{subject}: has no name, so it is shown by its id")]
    NoName { subject: String },
    #[error("{subject}: derived id \"{taken}\" is already used, so it is \"{given}\"")]
    SlugTaken {
        subject: String,
        taken: String,
        given: String,
    },
    #[error("{subject}: \"{field}\" is missing")]
    MissingField {
        subject: String,
        field: &'static str,
    },
    #[error("{subject}: \"{field}\" must be {expected}")]
    WrongType {
        subject: String,
        field: &'static str,
        expected: &'static str,
    },
    #[error("{subject}: \"{field}\" is not valid text: {reason}")]
    BadText {
        subject: String,
        field: &'static str,
        reason: String,
    },
    #[error("{subject}: \"{field}\" {value:?} must be a list of text; ignored")]
    NotTextList {
        subject: String,
        field: String,
        value: String,
    },
    #[error("{kind} id \"{id}\" is used twice (first on line {first_line})")]
    DuplicateId {
        kind: &'static str,
        id: String,
        first_line: usize,
    },
    #[error("{subject}: {error}")]
    BadDate { subject: String, error: DateError },
    #[error("{subject}: unknown type \"{value}\" (expected one of {expected})")]
    UnknownEventType {
        subject: String,
        value: String,
        expected: String,
    },
    #[error("{subject}: unknown verification \"{value}\" (expected \"claimed\" or \"confirmed\")")]
    UnknownVerification { subject: String, value: String },
    #[error(
        "{subject}: a \"{kind}\" event must name a \"controller\": who the claim says holds the place"
    )]
    ControllerMissing { subject: String, kind: &'static str },
    #[error("{subject}: a \"{kind}\" event must not name a \"controller\"; it claims no control")]
    ControllerForbidden { subject: String, kind: &'static str },
    #[error(
        "{subject}: a \"confirmed\" event without \"verification\": \"confirmed\" counts as an ordinary claim"
    )]
    UnverifiedConfirmation { subject: String },
    #[error(
        "{subject}: \"until\" {until} is before the day the claim is made ({effective}); a claim cannot lapse before it stands"
    )]
    UntilBeforeDate {
        subject: String,
        until: NaiveDate,
        effective: NaiveDate,
    },
    #[error("{subject}: colour \"{value}\" is not #rrggbb; a palette colour is used")]
    BadColor { subject: String, value: String },
    #[error("{subject}: \"url\" is shown as text, not as a link: {reason}")]
    NotAWebLink {
        subject: String,
        reason: NotAWebLink,
    },
    #[error("{subject}: side \"{side}\" is not a listed party; ignored")]
    UnknownSide { subject: String, side: String },
    #[error("parties {cycle} form a cycle of side links")]
    SideCycle { cycle: String },
    #[error(transparent)]
    Link(#[from] LinkWarning),
    #[error(
        "this is neither a gazetteer (a GeoJSON FeatureCollection) nor an events file (an object with an \"events\" list); tried both"
    )]
    UnknownFileKind,
    #[error(
        "not valid JSON: {0}; tried as a gazetteer and as an events file, and nothing in it says which it is meant to be"
    )]
    NeitherKindSyntax(String),
    #[error("more than 4 GiB of text in one events file; split the file")]
    TooMuchText,
    #[error("reading was cancelled")]
    Cancelled,
    #[error("{other} is {kind} too; open one at a time")]
    SameKindTwice { kind: &'static str, other: String },
    #[error("this file holds {found}, but {expected} were expected here")]
    WrongKind {
        found: &'static str,
        expected: &'static str,
    },
    #[error(transparent)]
    Kml(#[from] KmlProblem),
    #[error(transparent)]
    Table(#[from] TableProblem),
}

impl Problem {
    /// What kind of problem this is, in words that read after "… and 3,012 more:".
    /// Problems of one kind are counted together when there are too many to list.
    pub fn kind(&self) -> &'static str {
        match self {
            Problem::Unreadable(_) => "file that cannot be read",
            Problem::NotSaved(_) => "file not saved",
            Problem::NotUtf8 { .. } => "file that is not UTF-8",
            Problem::Syntax(_) | Problem::NeitherKindSyntax(_) => "JSON syntax error",
            Problem::NotFeatureCollection(_) => "file that is not a FeatureCollection",
            Problem::NotEventsFile => "file without an events list",
            Problem::NotList(_) => "value that must be a list",
            Problem::NotObject { .. } => "item that is not an object",
            Problem::InvalidItem { .. } => "item that cannot be read",
            Problem::BadFeature { .. } => "feature that is not valid GeoJSON",
            Problem::MissingCoordinates { .. } => "point without coordinates",
            Problem::NonFiniteCoordinate { .. } => "coordinate that is not a finite number",
            Problem::LongitudeOutOfRange { .. } => "longitude out of range",
            Problem::LatitudeOutOfRange { .. } => "latitude out of range",
            Problem::NoGeometry { .. } => "feature without geometry",
            Problem::NotAPoint { .. } => "feature that is not a point or an area",
            Problem::BadRing { .. } => "ring of an outline that is not valid",
            Problem::EmptyArea { .. } => "outline with no inside",
            Problem::SnapshotWithoutDay => "map without a day",
            Problem::SeriesPattern { .. } => "map series whose files cannot be found",
            Problem::SeriesMatchesNothing { .. } => "map series with no maps",
            Problem::SeriesDayTwice { .. } => "two maps of one series on one day",
            Problem::SeriesUnknownSource { .. } => "map series citing a source not listed",
            Problem::SeriesIdTaken { .. } => "map series added under an id already listed",
            Problem::NotAView(_) => "view file that cannot be opened",
            Problem::ViewGivenAsData => "view file given as data",
            Problem::ViewNamesMissing(_) => "file a view names that is not there",
            Problem::ViewOpenedAlone(_) => "file dropped with a view",
            Problem::SeriesClaimsTooLarge { .. } => "map series left out for size",
            Problem::SnapshotNotArea { .. } => "map geometry that is not an area",
            Problem::CrossesItself { .. } => "outline that crosses itself",
            Problem::NoName { .. } => "feature without a name",
            Problem::SlugTaken { .. } => "derived id already taken",
            Problem::MissingField { .. } => "missing field",
            Problem::WrongType { .. } => "field of the wrong type",
            Problem::BadText { .. } => "text that is not valid",
            Problem::NotTextList { .. } => "field that must be a list of text",
            Problem::DuplicateId { .. } => "id used twice",
            Problem::BadDate { .. } => "date that cannot be read",
            Problem::UnknownEventType { .. } => "unknown event type",
            Problem::UnknownVerification { .. } => "unknown verification",
            Problem::ControllerMissing { .. } => "control claim without a controller",
            Problem::ControllerForbidden { .. } => "controller on an event that claims no control",
            Problem::UnverifiedConfirmation { .. } => "confirmation without verification",
            Problem::UntilBeforeDate { .. } => "claim that lapses before it stands",
            Problem::BadColor { .. } => "colour that is not #rrggbb",
            Problem::NotAWebLink { .. } => "url that is not a web link",
            Problem::UnknownSide { .. } => "side that is not a listed party",
            Problem::SideCycle { .. } => "cycle of side links",
            Problem::Link(warning) => warning.kind(),
            Problem::UnknownFileKind => "file of neither kind",
            Problem::SameKindTwice { .. } => "second file of the same kind",
            Problem::TooMuchText => "file too large",
            Problem::Cancelled => "cancelled reading",
            Problem::WrongKind { .. } => "file of the wrong kind",
            Problem::Kml(problem) => problem.kind(),
            Problem::Table(problem) => problem.kind(),
        }
    }
}

/// A problem, where it is, and whether it stops the file from loading.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Shared by every problem of one file: a large file has hundreds of thousands.
    pub file: Arc<str>,
    pub location: Option<Location>,
    pub problem: Problem,
}

/// `FILE:LINE:COL: error: message`, the shape compilers use, so editors can jump to it.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        // File names and messages quote the file's own text: escaped, each
        // diagnostic stays one line that cannot drive a terminal.
        let file = escape_for_terminal(&self.file);
        let problem = self.problem.to_string();
        let problem = escape_for_terminal(&problem);
        match self.location {
            Some(Location { line, column }) => {
                write!(f, "{file}:{line}:{column}: {severity}: {problem}")
            }
            None => write!(f, "{file}: {severity}: {problem}"),
        }
    }
}

/// Problems of one kind, for lists that would be too long to read one by one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KindGroup {
    pub severity: Severity,
    pub kind: &'static str,
    /// Indices into the grouped list, in its order.
    pub members: Vec<usize>,
}

/// Groups problems by severity and kind, errors first, then in the order each
/// kind first appears.
pub fn group_by_kind(diagnostics: &[Diagnostic]) -> Vec<KindGroup> {
    let mut groups: Vec<KindGroup> = Vec::new();
    let mut index: std::collections::HashMap<(Severity, &'static str), usize> =
        std::collections::HashMap::new();
    for (i, diagnostic) in diagnostics.iter().enumerate() {
        let key = (diagnostic.severity, diagnostic.problem.kind());
        let group = *index.entry(key).or_insert_with(|| {
            groups.push(KindGroup {
                severity: key.0,
                kind: key.1,
                members: Vec::new(),
            });
            groups.len() - 1
        });
        groups[group].members.push(i);
    }
    // Stable: kinds keep their order of first appearance within a severity.
    groups.sort_by_key(|group| std::cmp::Reverse(group.severity));
    groups
}

/// A file that loaded, with what it warned about.
#[derive(Clone, Debug)]
pub struct Loaded<T> {
    pub value: T,
    pub warnings: Vec<Diagnostic>,
}

impl<T> Loaded<T> {
    /// The same warnings with the value made into another.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Loaded<U> {
        Loaded {
            value: f(self.value),
            warnings: self.warnings,
        }
    }
}

/// A file that did not load: every problem found, errors and warnings.
#[derive(Clone, Debug, Error)]
#[error("{file} did not load: {} error(s)", self.errors().count())]
pub struct LoadFailed {
    pub file: String,
    pub diagnostics: Vec<Diagnostic>,
}

impl LoadFailed {
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
    }
}

/// Gathers a file's problems while a parser walks it.
pub(crate) struct Collector {
    file: Arc<str>,
    diagnostics: Vec<Diagnostic>,
}

impl Collector {
    pub fn new(file: &str) -> Self {
        Collector {
            file: Arc::from(file),
            diagnostics: Vec::new(),
        }
    }

    pub fn error(&mut self, location: Option<Location>, problem: Problem) {
        self.push(Severity::Error, location, problem);
    }

    pub fn warn(&mut self, location: Option<Location>, problem: Problem) {
        self.push(Severity::Warning, location, problem);
    }

    fn push(&mut self, severity: Severity, location: Option<Location>, problem: Problem) {
        let file = Arc::clone(&self.file);
        self.diagnostics.push(Diagnostic {
            severity,
            file,
            location,
            problem,
        });
    }

    /// Takes on the problems another collector found, after these.
    /// Takes diagnostics said about other files (the maps of a series).
    pub fn absorb(&mut self, diagnostics: Vec<Diagnostic>) {
        self.diagnostics.extend(diagnostics);
    }

    pub fn extend(&mut self, other: Collector) {
        self.diagnostics.extend(other.diagnostics);
    }

    /// Forgets every problem, for a parser that starts over.
    pub fn clear(&mut self) {
        self.diagnostics.clear();
    }

    /// The name problems are said with.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// Whether any problem, error or warning, was found.
    pub fn has_any(&self) -> bool {
        !self.diagnostics.is_empty()
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }

    /// The value if nothing was an error; otherwise every problem, and no value.
    pub fn finish<T>(self, value: T) -> Result<Loaded<T>, LoadFailed> {
        if self.has_errors() {
            Err(LoadFailed {
                file: self.file.to_string(),
                diagnostics: self.diagnostics,
            })
        } else {
            Ok(Loaded {
                value,
                warnings: self.diagnostics,
            })
        }
    }

    /// Ends a parse that could not get far enough to produce a value.
    pub fn fail(self) -> LoadFailed {
        LoadFailed {
            file: self.file.to_string(),
            diagnostics: self.diagnostics,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diagnostic(severity: Severity, problem: Problem) -> Diagnostic {
        Diagnostic {
            severity,
            file: "f.json".into(),
            location: None,
            problem,
        }
    }

    #[test]
    fn problems_group_by_kind_errors_first_in_order_of_appearance() {
        let no_name = || Problem::NoName {
            subject: "feature #1".into(),
        };
        let diagnostics = vec![
            diagnostic(Severity::Warning, no_name()),
            diagnostic(Severity::Warning, Problem::UnknownFileKind),
            diagnostic(Severity::Error, Problem::NotEventsFile),
            diagnostic(Severity::Warning, no_name()),
        ];
        let groups = group_by_kind(&diagnostics);
        let summary: Vec<(Severity, &str, Vec<usize>)> = groups
            .into_iter()
            .map(|g| (g.severity, g.kind, g.members))
            .collect();
        assert_eq!(
            summary,
            vec![
                (Severity::Error, "file without an events list", vec![2]),
                (Severity::Warning, "feature without a name", vec![0, 3]),
                (Severity::Warning, "file of neither kind", vec![1]),
            ]
        );
    }
}

//! KML and KMZ placemarks as a gazetteer (Google Earth, My Maps).
//!
//! The `kml` crate reads the tree. It gives no positions, and two of its
//! flaws need guarding against: it loops forever on a file that ends inside a
//! `<Placemark>` (a cut-short download), and it panics on a `<Point>` without
//! coordinates. See [`read_tree`].

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{self, BufRead, Cursor, Read};
use std::panic::{AssertUnwindSafe, catch_unwind};

use geo_types::Point;
use kml::types::{Coord, Element, Geometry, MultiGeometry, Placemark};
use kml::{Kml, KmlReader};
use serde_json::{Map, Value};
use thiserror::Error;
use zip::ZipArchive;

use super::diagnostic::{Collector, LoadFailed, Loaded, Problem};
use super::ids::DerivedIds;
use crate::model::{Gazetteer, Location, Place};

/// What can be wrong in a KML or KMZ file.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum KmlProblem {
    #[error(
        "not KML: the file does not start with an XML element; expected <kml> after an optional <?xml …?> line"
    )]
    NotXml,
    #[error("not KML: the root element is <{root}>, not <kml>")]
    NotKml { root: String },
    #[error(
        "a second <kml> element: a KML file holds exactly one (inside a description, write it as &lt;kml&gt;)"
    )]
    SecondKml,
    #[error(
        "the file ends before its closing </kml>: it looks cut short; save or download it again"
    )]
    CutShort,
    #[error("not valid KML: {reason}")]
    Unreadable { reason: String },
    #[error(
        "the KML reader failed here, most likely on a <Point> without coordinates; give every Point its \"longitude,latitude\" or remove it"
    )]
    PointWithoutCoordinates,
    #[error("not a readable KMZ (zip archive): {reason}")]
    BadKmz { reason: String },
    #[error("cannot unpack \"{entry}\" from this KMZ: {reason}")]
    BadKmzEntry { entry: String, reason: String },
    #[error(
        "\"{entry}\" in this KMZ unpacks to more than {} MiB; split its placemarks into several files",
        MAX_KML_BYTES >> 20
    )]
    KmlTooLarge { entry: String },
    #[error("no .kml file in this KMZ; it holds {contents}")]
    NoKmlInKmz { contents: String },
    #[error(
        "{subject}: is a {geometry}, not a point; skipped, as only points are read (areas are not supported yet)"
    )]
    NotAPoint { subject: String, geometry: String },
    #[error("{subject}: has no geometry; skipped, as only points are read")]
    NoGeometry { subject: String },
    #[error("no point placemarks found{}", skipped_note(*skipped))]
    NoPoints { skipped: usize },
}

impl KmlProblem {
    /// What kind of problem this is, for counting problems of one kind together.
    pub fn kind(&self) -> &'static str {
        match self {
            KmlProblem::NotXml | KmlProblem::NotKml { .. } => "file that is not KML",
            KmlProblem::SecondKml => "second <kml> element",
            KmlProblem::CutShort => "KML that is cut short",
            KmlProblem::Unreadable { .. } => "KML that cannot be read",
            KmlProblem::PointWithoutCoordinates => "point without coordinates",
            KmlProblem::BadKmz { .. } | KmlProblem::BadKmzEntry { .. } => "KMZ that cannot be read",
            KmlProblem::KmlTooLarge { .. } => "KML too large",
            KmlProblem::NoKmlInKmz { .. } => "KMZ without KML",
            KmlProblem::NotAPoint { .. } => "placemark that is not a point",
            KmlProblem::NoGeometry { .. } => "placemark without geometry",
            KmlProblem::NoPoints { .. } => "KML without point placemarks",
        }
    }
}

fn skipped_note(skipped: usize) -> String {
    match skipped {
        0 => String::new(),
        1 => " (1 placemark that is not a point was skipped: only points are read)".to_owned(),
        n => format!(" ({n} placemarks that are not points were skipped: only points are read)"),
    }
}

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const BOM: &str = "\u{feff}";
/// A KMZ is small; its KML unpacking past this is more likely a zip bomb than places.
const MAX_KML_BYTES: u64 = 1 << 30;

/// Whether these bytes are KML (XML whose root element is <kml ...>, after an optional BOM/XML declaration/comments) or KMZ (a zip archive, magic b"PK\x03\x04").
pub fn looks_like_kml(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(BOM.as_bytes()).unwrap_or(bytes);
    bytes.starts_with(ZIP_MAGIC) || root_name(bytes).is_some_and(|root| local_name(root) == b"kml")
}

/// Reads the point placemarks of a KML document, or of a KMZ (zipped KML: `doc.kml`, else the first `.kml` entry), as a gazetteer. `file` is the name diagnostics use.
pub fn parse_placemarks(file: &str, bytes: &[u8]) -> Result<Loaded<Gazetteer>, LoadFailed> {
    let mut out = Collector::new(file);
    let kml_bytes = if bytes.starts_with(ZIP_MAGIC) {
        match unpack_kmz(bytes) {
            Ok(unpacked) => Cow::Owned(unpacked),
            Err(problem) => {
                out.error(None, problem.into());
                return Err(out.fail());
            }
        }
    } else {
        Cow::Borrowed(bytes)
    };
    let read = utf8_text(&kml_bytes).and_then(|text| read_tree(text).map(|tree| (text, tree)));
    let (text, tree) = match read {
        Ok(read) => read,
        Err((problem, location)) => {
            out.error(location, problem);
            return Err(out.fail());
        }
    };
    let places = read_places(text, tree, &mut out);
    out.finish(Gazetteer { places })
}

/// The places of the point placemarks of the tree `text` was read into.
fn read_places(text: &str, tree: Kml, out: &mut Collector) -> Vec<Place> {
    let mut found = Vec::new();
    collect_placemarks(tree, &mut Vec::new(), &mut found);
    let root = root_name(text.as_bytes()).unwrap_or_default();
    let locations = placemark_locations(text, root);
    let total = found.len();
    let candidates: Vec<Candidate> = found
        .into_iter()
        .enumerate()
        .filter_map(|(i, found)| {
            let location = locations.get(i).copied();
            read_placemark(i + 1, found, location, out)
        })
        .collect();
    if candidates.is_empty() && !out.has_errors() {
        // Without errors, every placemark that is not a candidate was skipped.
        out.error(None, KmlProblem::NoPoints { skipped: total }.into());
    }
    assign_ids(candidates, out)
}

/// A problem that stops the whole file, and where it is.
type Stop = (Problem, Option<Location>);

/// The KML in a KMZ: `doc.kml`, as Google Earth names it, else the first `.kml`.
fn unpack_kmz(bytes: &[u8]) -> Result<Vec<u8>, KmlProblem> {
    let bad_kmz = |error: zip::result::ZipError| KmlProblem::BadKmz {
        reason: error.to_string(),
    };
    let mut archive = ZipArchive::new(Cursor::new(bytes)).map_err(bad_kmz)?;
    let names: Vec<(usize, String)> = (0..archive.len())
        .filter_map(|i| Some((i, archive.name_for_index(i)?.ok()?.into_owned())))
        .collect();
    let is_kml = |name: &str| name.to_ascii_lowercase().ends_with(".kml");
    let Some((index, entry)) = names
        .iter()
        .find(|(_, name)| name.eq_ignore_ascii_case("doc.kml"))
        .or_else(|| names.iter().find(|(_, name)| is_kml(name)))
        .cloned()
    else {
        let contents = listing(names.into_iter().map(|(_, name)| name).collect());
        return Err(KmlProblem::NoKmlInKmz { contents });
    };
    let bad_entry = |reason: String| KmlProblem::BadKmzEntry {
        entry: entry.clone(),
        reason,
    };
    let unpacked = archive
        .by_index(index)
        .map_err(|error| bad_entry(error.to_string()))?;
    let mut kml = Vec::new();
    unpacked
        .take(MAX_KML_BYTES + 1)
        .read_to_end(&mut kml)
        .map_err(|error| bad_entry(error.to_string()))?;
    if kml.len() as u64 > MAX_KML_BYTES {
        return Err(KmlProblem::KmlTooLarge { entry });
    }
    Ok(kml)
}

/// `"a.png", "b.txt" and 3 more`, or `nothing`: enough names to recognise an archive.
fn listing(names: Vec<String>) -> String {
    const SHOWN: usize = 5;
    if names.is_empty() {
        return "nothing".to_owned();
    }
    let shown: Vec<String> = names.iter().take(SHOWN).map(|n| format!("{n:?}")).collect();
    match names.len().checked_sub(SHOWN) {
        Some(more) if more > 0 => format!("{} and {more} more", shown.join(", ")),
        _ => shown.join(", "),
    }
}

/// The text without its byte-order mark, or where it stops being UTF-8.
fn utf8_text(bytes: &[u8]) -> Result<&str, Stop> {
    let bytes = bytes.strip_prefix(BOM.as_bytes()).unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|error| {
        let at = error.valid_up_to();
        let valid = std::str::from_utf8(bytes.get(..at).unwrap_or_default()).unwrap_or_default();
        let byte = bytes.get(at).copied().unwrap_or(0);
        (Problem::NotUtf8 { byte }, Some(location_at(valid, at)))
    })
}

/// The `kml` crate's tree of the text, after the guards its flaws need: it
/// loops forever when the text ends inside a `<Placemark>`, `<Point>` or
/// `<Data>`, and panics on a `<Point>` without coordinates.
fn read_tree(text: &str) -> Result<Kml, Stop> {
    let root = root_name(text.as_bytes()).ok_or((Problem::from(KmlProblem::NotXml), None))?;
    if local_name(root) != b"kml" {
        let root = String::from_utf8_lossy(root).into_owned();
        return Err((KmlProblem::NotKml { root }.into(), None));
    }
    ensure_complete(text, root)?;
    let mut tracked = Tracked {
        rest: text.as_bytes(),
        taken: 0,
    };
    let read = catch_unwind(AssertUnwindSafe(|| {
        KmlReader::<_, f64>::from_reader(&mut tracked).read()
    }));
    // Where the reader stopped is the byte it took last.
    let stopped_at = || Some(location_at(text, tracked.taken.saturating_sub(1)));
    match read {
        Ok(Ok(tree)) => Ok(tree),
        Ok(Err(error)) => {
            let reason = reader_message(&error);
            Err((KmlProblem::Unreadable { reason }.into(), stopped_at()))
        }
        Err(_panic) => Err((KmlProblem::PointWithoutCoordinates.into(), stopped_at())),
    }
}

/// Makes sure the XML parser's stack of open elements is empty at the end of
/// the text (or it reports an error before): then no reader loop of the `kml`
/// crate can wait for an end tag that never comes. The text must end with the
/// root's end tag, and no other element may share the root's name; the XML
/// parser checks that every end tag closes the innermost open element.
fn ensure_complete(text: &str, root: &[u8]) -> Result<(), Stop> {
    let root = String::from_utf8_lossy(root);
    if let Some(&offset) = start_tag_offsets(text, &root).get(1) {
        return Err((
            KmlProblem::SecondKml.into(),
            Some(location_at(text, offset)),
        ));
    }
    let closed = text
        .trim_end()
        .strip_suffix('>')
        .and_then(|rest| rest.trim_end().strip_suffix(&*root))
        .is_some_and(|rest| rest.ends_with("</"));
    if closed {
        Ok(())
    } else {
        let end = location_at(text, text.len());
        Err((KmlProblem::CutShort.into(), Some(end)))
    }
}

/// A reader that counts the bytes taken from it: `kml::Error` carries no
/// position, but the XML parser takes the text only as far as it has read.
struct Tracked<'a> {
    rest: &'a [u8],
    taken: usize,
}

impl Read for Tracked<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.rest.read(buf)?;
        self.taken += n;
        Ok(n)
    }
}

impl BufRead for Tracked<'_> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        Ok(self.rest)
    }

    fn consume(&mut self, amount: usize) {
        let amount = amount.min(self.rest.len());
        self.rest = self.rest.get(amount..).unwrap_or_default();
        self.taken += amount;
    }
}

/// The reader's error in words for the user, without the parser's debug output.
fn reader_message(error: &kml::Error) -> String {
    match error {
        kml::Error::MalformedXml(error) => error.to_string(),
        kml::Error::InvalidXmlEvent(event) if event.starts_with("Start(") => {
            "an element where only text may be (write HTML in a description inside <![CDATA[ … ]]>)"
                .to_owned()
        }
        kml::Error::InvalidXmlEvent(message) => message.clone(),
        kml::Error::NumParse(text) => format!("\"{text}\" is not a number"),
        kml::Error::CoordEmpty => "a coordinate needs a longitude and a latitude".to_owned(),
        other => other.to_string(),
    }
}

/// The name of the first element, after the XML declaration, comments and a DOCTYPE.
fn root_name(mut rest: &[u8]) -> Option<&[u8]> {
    loop {
        rest = rest.trim_ascii_start();
        let skip_past: &[u8] = if rest.starts_with(b"<?") {
            b"?>"
        } else if rest.starts_with(b"<!--") {
            b"-->"
        } else if rest.starts_with(b"<!") {
            b">"
        } else {
            break;
        };
        let end = rest.windows(skip_past.len()).position(|w| w == skip_past)?;
        rest = rest.get(end + skip_past.len()..)?;
    }
    let name = rest.strip_prefix(b"<")?;
    let length = name
        .iter()
        .position(|&b| b.is_ascii_whitespace() || b == b'>' || b == b'/')
        .unwrap_or(name.len());
    name.get(..length).filter(|name| !name.is_empty())
}

/// `kml` of `kml` or `kml:kml`.
fn local_name(name: &[u8]) -> &[u8] {
    name.rsplit(|&b| b == b':').next().unwrap_or(name)
}

/// Where `<name ...>` tags start, by their text: tags in comments and CDATA
/// count too, so this is exact only for ordinary files.
fn start_tag_offsets(text: &str, name: &str) -> Vec<usize> {
    let opening = format!("<{name}");
    let length = opening.len();
    text.match_indices(&opening)
        .map(|(offset, _)| offset)
        .filter(|&offset| {
            let next = text.as_bytes().get(offset + length).copied();
            next.is_some_and(|b| b.is_ascii_whitespace() || b == b'>')
        })
        .collect()
}

/// The location of every `<Placemark` tag, in one scan; the n-th is the n-th
/// placemark the reader found, unless comments hold placemarks too.
fn placemark_locations(text: &str, root: &[u8]) -> Vec<Location> {
    // A root written `kml:kml` has placemarks written `kml:Placemark`.
    let prefix_length = root.len() - local_name(root).len();
    let prefix = String::from_utf8_lossy(root.get(..prefix_length).unwrap_or_default());
    let mut locations = Vec::new();
    let mut here = Location { line: 1, column: 1 };
    let mut scanned = 0;
    for offset in start_tag_offsets(text, &format!("{prefix}Placemark")) {
        here = advance(here, text.get(scanned..offset).unwrap_or_default());
        scanned = offset;
        locations.push(here);
    }
    locations
}

/// The location of byte `offset` (or the character it falls in).
fn location_at(text: &str, offset: usize) -> Location {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = text.get(..offset).unwrap_or_default();
    advance(Location { line: 1, column: 1 }, before)
}

/// The location after `passed`, starting from `from`; columns count characters.
fn advance(from: Location, passed: &str) -> Location {
    match passed.rsplit_once('\n') {
        Some((lines, last)) => Location {
            line: from.line + lines.matches('\n').count() + 1,
            column: last.chars().count() + 1,
        },
        None => Location {
            line: from.line,
            column: from.column + passed.chars().count(),
        },
    }
}

/// A placemark and the names of the documents and folders it is in.
struct Found {
    placemark: Placemark,
    folder: String,
}

/// Every placemark in document order, at any depth of documents and folders.
fn collect_placemarks(kml: Kml, path: &mut Vec<String>, found: &mut Vec<Found>) {
    let (name, elements) = match kml {
        Kml::KmlDocument(document) => (None, document.elements),
        Kml::Document { elements, .. } => (document_name(&elements), elements),
        Kml::Folder(folder) => (folder.name, folder.elements),
        Kml::Placemark(placemark) => {
            let folder = path.join(" / ");
            found.push(Found { placemark, folder });
            return;
        }
        _ => return,
    };
    let name = name
        .map(|name| name.trim().to_owned())
        .filter(|name| !name.is_empty());
    let named = name.is_some();
    path.extend(name);
    for element in elements {
        collect_placemarks(element, path, found);
    }
    if named {
        path.pop();
    }
}

/// A `<Document>`'s `<name>`, which the `kml` crate leaves among its elements.
fn document_name(elements: &[Kml]) -> Option<String> {
    elements.iter().find_map(|element| match element {
        Kml::Element(element) if element.name == "name" => element.content.clone(),
        _ => None,
    })
}

/// A point placemark that passed its own checks and waits for its id.
struct Candidate {
    subject: String,
    location: Option<Location>,
    explicit_id: Option<String>,
    place: Place,
}

fn read_placemark(
    number: usize,
    Found { placemark, folder }: Found,
    location: Option<Location>,
    out: &mut Collector,
) -> Option<Candidate> {
    let name = non_empty(placemark.name.as_deref());
    let explicit_id = non_empty(placemark.attrs.get("id").map(String::as_str));
    let subject = match name.as_ref().or(explicit_id.as_ref()) {
        Some(called) => format!("placemark #{number} \"{called}\""),
        None => format!("placemark #{number}"),
    };
    let position = position_of(&subject, &placemark, location, out)?;
    let mut fields = extended_data(&placemark.children);
    let kind = take_field(&mut fields, "kind").unwrap_or_else(|| "placemark".to_owned());
    let countries = take_field(&mut fields, "countries").map_or_else(Vec::new, comma_list);
    let province = take_field(&mut fields, "province");
    let aliases = take_field(&mut fields, "aliases").map_or_else(Vec::new, comma_list);
    let mut properties = Map::new();
    if let Some(description) = non_empty(placemark.description.as_deref()) {
        properties.insert("description".to_owned(), Value::String(description));
    }
    for (key, value) in fields {
        properties.insert(key, Value::String(value));
    }
    if !folder.is_empty() {
        properties.insert("folder".to_owned(), Value::String(folder));
    }
    let place = Place {
        id: String::new(),
        name: name.unwrap_or_default(),
        kind,
        countries,
        province,
        aliases,
        position,
        properties,
    };
    Some(Candidate {
        subject,
        location,
        explicit_id,
        place,
    })
}

fn non_empty(text: Option<&str>) -> Option<String> {
    text.map(str::trim)
        .filter(|text| !text.is_empty())
        .map(str::to_owned)
}

/// The placemark's position, or `None` (with a diagnostic) when it is not a usable point.
fn position_of(
    subject: &str,
    placemark: &Placemark,
    location: Option<Location>,
    out: &mut Collector,
) -> Option<Point<f64>> {
    let subject = subject.to_owned();
    let Coord { x: lon, y: lat, .. } = match the_point(placemark) {
        Ok(coord) => coord,
        Err(Some(geometry)) => {
            out.warn(location, KmlProblem::NotAPoint { subject, geometry }.into());
            return None;
        }
        Err(None) => {
            out.warn(location, KmlProblem::NoGeometry { subject }.into());
            return None;
        }
    };
    let problem = if !lon.is_finite() || !lat.is_finite() {
        Problem::NonFiniteCoordinate { subject }
    } else if !(-180.0..=180.0).contains(&lon) {
        Problem::LongitudeOutOfRange {
            subject,
            value: lon,
        }
    } else if !(-90.0..=90.0).contains(&lat) {
        Problem::LatitudeOutOfRange {
            subject,
            value: lat,
        }
    } else {
        return Some(Point::new(lon, lat));
    };
    out.error(location, problem);
    None
}

/// The placemark's one point, or what it holds instead (`None`: nothing).
fn the_point(placemark: &Placemark) -> Result<Coord, Option<String>> {
    let geometry = match &placemark.geometry {
        Some(Geometry::Point(point)) => return Ok(point.coord),
        Some(Geometry::MultiGeometry(multi)) => {
            let points = points_in(multi);
            match points.as_slice() {
                [point] => return Ok(*point),
                [] => "MultiGeometry without a point".to_owned(),
                more => format!("MultiGeometry of {} points", more.len()),
            }
        }
        Some(Geometry::LineString(_)) => "LineString".to_owned(),
        Some(Geometry::LinearRing(_)) => "LinearRing".to_owned(),
        Some(Geometry::Polygon(_)) => "Polygon".to_owned(),
        Some(Geometry::Element(element)) => element.name.clone(),
        Some(_) => "geometry".to_owned(),
        // GPS tracks are Google's extension, which the reader keeps as plain elements.
        None => match placemark
            .children
            .iter()
            .find(|c| c.name.ends_with("Track"))
        {
            Some(track) => format!("gx:{}", track.name),
            None => return Err(None),
        },
    };
    Err(Some(geometry))
}

/// Every point of a MultiGeometry, including those of MultiGeometries inside it.
fn points_in(multi: &MultiGeometry) -> Vec<Coord> {
    let mut points = Vec::new();
    for geometry in &multi.geometries {
        match geometry {
            Geometry::Point(point) => points.push(point.coord),
            Geometry::MultiGeometry(inner) => points.extend(points_in(inner)),
            _ => {}
        }
    }
    points
}

/// Every `<Data name="x"><value>v</value></Data>` and
/// `<SchemaData><SimpleData name="x">v</SimpleData></SchemaData>`, in file order.
fn extended_data(children: &[Element]) -> Vec<(String, String)> {
    let mut fields = Vec::new();
    let fields_of = |element: &Element| -> Vec<(String, String)> {
        match element.name.as_str() {
            "Data" => named_value(element, child_content(element, "value"))
                .into_iter()
                .collect(),
            "SchemaData" => element
                .children
                .iter()
                .filter(|data| data.name == "SimpleData")
                .flat_map(|data| named_value(data, data.content.as_deref()))
                .collect(),
            _ => Vec::new(),
        }
    };
    for extended in children.iter().filter(|c| c.name == "ExtendedData") {
        fields.extend(extended.children.iter().flat_map(fields_of));
    }
    fields
}

/// The `name` attribute and the trimmed value, if the element has a name.
fn named_value(element: &Element, value: Option<&str>) -> Option<(String, String)> {
    let value = value.unwrap_or_default().trim().to_owned();
    element.attrs.get("name").map(|name| (name.clone(), value))
}

fn child_content<'a>(element: &'a Element, name: &str) -> Option<&'a str> {
    element
        .children
        .iter()
        .find(|child| child.name == name)
        .and_then(|child| child.content.as_deref())
}

/// Removes the field `key` (any case: My Maps columns are often capitalised);
/// an empty value counts as absent.
fn take_field(fields: &mut Vec<(String, String)>, key: &str) -> Option<String> {
    let index = fields
        .iter()
        .position(|(name, _)| name.eq_ignore_ascii_case(key))?;
    let (_, value) = fields.remove(index);
    (!value.is_empty()).then_some(value)
}

fn comma_list(text: String) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Explicit ids first, so a derived slug never takes an id a later placemark states.
fn assign_ids(candidates: Vec<Candidate>, out: &mut Collector) -> Vec<Place> {
    let mut first_line: HashMap<String, usize> = HashMap::new();
    for candidate in &candidates {
        if let Some(id) = &candidate.explicit_id {
            let line = candidate.location.map_or(0, |l| l.line);
            if let Some(&first) = first_line.get(id) {
                let id = id.clone();
                let problem = Problem::DuplicateId {
                    kind: "placemark",
                    id,
                    first_line: first,
                };
                out.error(candidate.location, problem);
            } else {
                first_line.insert(id.clone(), line);
            }
        }
    }
    let mut ids = DerivedIds::new(first_line.into_keys().collect());
    candidates
        .into_iter()
        .map(|candidate| {
            let Candidate {
                subject,
                location,
                explicit_id,
                mut place,
            } = candidate;
            place.id = match explicit_id {
                Some(id) => id,
                None => ids.derive(&subject, &place.name, location, out),
            };
            if place.name.is_empty() {
                out.warn(location, Problem::NoName { subject });
                place.name = place.id.clone();
            }
            place
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use zip::write::SimpleFileOptions;
    use zip::{CompressionMethod, ZipWriter};

    use super::*;

    /// A Google Earth export: nested folders, ExtendedData both ways, a road.
    const BORDER: &str = r##"<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2" xmlns:gx="http://www.google.com/kml/ext/2.2">
<Document>
	<name>Afghan borders</name>
	<Style id="crossing"><IconStyle><scale>1.1</scale></IconStyle></Style>
	<Folder>
		<name>Kandahar</name>
		<Folder>
			<name>Border</name>
			<Placemark id="spin-boldak">
				<name>Spin Boldak</name>
				<description><![CDATA[Main crossing to <b>Chaman</b>]]></description>
				<styleUrl>#crossing</styleUrl>
				<ExtendedData>
					<Data name="kind"><value>crossing</value></Data>
					<Data name="countries"><value>AF, PK</value></Data>
					<Data name="Province"><value>Kandahar</value></Data>
					<Data name="aliases"><value>Wesh,Chaman border</value></Data>
					<SchemaData schemaUrl="#osm">
						<SimpleData name="osm_id">123456</SimpleData>
					</SchemaData>
				</ExtendedData>
				<Point><coordinates>66.3939,30.9977,0</coordinates></Point>
			</Placemark>
			<Placemark>
				<name>Border road</name>
				<LineString><coordinates>66.39,30.99,0 66.45,30.90,0</coordinates></LineString>
			</Placemark>
		</Folder>
	</Folder>
</Document>
</kml>
"##;

    fn places(bytes: &[u8]) -> (Vec<Place>, Vec<String>) {
        match parse_placemarks("places.kml", bytes) {
            Ok(loaded) => {
                let warnings = loaded.warnings.iter().map(ToString::to_string).collect();
                (loaded.value.places, warnings)
            }
            Err(failed) => panic!("did not load: {:#?}", failed.diagnostics),
        }
    }

    fn errors(bytes: &[u8]) -> Vec<String> {
        match parse_placemarks("places.kml", bytes) {
            Ok(loaded) => panic!("loaded: {:#?}", loaded.value),
            Err(failed) => failed.diagnostics.iter().map(ToString::to_string).collect(),
        }
    }

    /// A document of these placemarks, one line each, from line 3.
    fn document(placemarks: &[&str]) -> String {
        format!(
            "<kml>\n<Document>\n{}\n</Document>\n</kml>\n",
            placemarks.join("\n")
        )
    }

    fn point(name: &str, lon_lat: &str) -> String {
        format!(
            "<Placemark><name>{name}</name><Point><coordinates>{lon_lat}</coordinates></Point></Placemark>"
        )
    }

    fn kmz(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
        for (name, bytes) in entries {
            zip.start_file(*name, options).unwrap();
            zip.write_all(bytes).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn a_point_placemark_in_nested_folders_becomes_a_place() {
        let (places, warnings) = places(BORDER.as_bytes());
        let mut properties = Map::new();
        properties.insert(
            "description".into(),
            "Main crossing to <b>Chaman</b>".into(),
        );
        properties.insert("osm_id".into(), "123456".into());
        properties.insert("folder".into(), "Afghan borders / Kandahar / Border".into());
        let spin_boldak = Place {
            id: "spin-boldak".into(),
            name: "Spin Boldak".into(),
            kind: "crossing".into(),
            countries: vec!["AF".into(), "PK".into()],
            province: Some("Kandahar".into()),
            aliases: vec!["Wesh".into(), "Chaman border".into()],
            position: Point::new(66.3939, 30.9977),
            properties,
        };
        assert_eq!(places, vec![spin_boldak]);
        assert_eq!(
            warnings,
            vec![
                "places.kml:25:4: warning: placemark #2 \"Border road\": is a LineString, not a point; \
                 skipped, as only points are read (areas are not supported yet)"
            ]
        );
    }

    #[test]
    fn ids_are_stated_or_made_from_names() {
        let text = document(&[
            &point("Herat", "62.2,34.35"),
            "<Placemark id=\"herat\"><Point><coordinates>62.19,34.34</coordinates></Point></Placemark>",
            &point("Torkham", "71.09,34.1"),
            &point("Torkham", "71.1,34.11"),
        ]);
        let (places, warnings) = places(text.as_bytes());
        let ids: Vec<(&str, &str)> = places
            .iter()
            .map(|p| (p.id.as_str(), p.name.as_str()))
            .collect();
        assert_eq!(
            ids,
            vec![
                ("herat-2", "Herat"),
                ("herat", "herat"),
                ("torkham", "Torkham"),
                ("torkham-2", "Torkham")
            ]
        );
        assert_eq!(places[0].kind, "placemark");
        assert_eq!(places[0].properties, Map::new());
        assert_eq!(
            warnings,
            vec![
                "places.kml:3:1: warning: placemark #1 \"Herat\": derived id \"herat\" is already used, so it is \"herat-2\"",
                "places.kml:4:1: warning: placemark #2 \"herat\": has no name, so it is shown by its id",
                "places.kml:6:1: warning: placemark #4 \"Torkham\": derived id \"torkham\" is already used, so it is \"torkham-2\"",
            ]
        );
    }

    #[test]
    fn an_id_stated_twice_is_an_error() {
        let text = document(&[
            "<Placemark id=\"a\"><name>A</name><Point><coordinates>1,2</coordinates></Point></Placemark>",
            "<Placemark id=\"a\"><name>B</name><Point><coordinates>3,4</coordinates></Point></Placemark>",
        ]);
        assert_eq!(
            errors(text.as_bytes()),
            vec!["places.kml:4:1: error: placemark id \"a\" is used twice (first on line 3)"]
        );
    }

    #[test]
    fn a_multigeometry_of_one_point_is_that_point_and_other_shapes_are_skipped() {
        let text = document(&[
            "<Placemark><name>Chaman</name><MultiGeometry><Point><coordinates>66.45,30.92</coordinates></Point>\
             <LineString><coordinates>66,30 67,31</coordinates></LineString></MultiGeometry></Placemark>",
            "<Placemark><name>Two</name><MultiGeometry><Point><coordinates>1,2</coordinates></Point>\
             <Point><coordinates>3,4</coordinates></Point></MultiGeometry></Placemark>",
            "<Placemark><name>Area</name><Polygon><outerBoundaryIs><LinearRing><coordinates>0,0 1,0 1,1 0,0</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>",
            "<Placemark><name>Drive</name><gx:Track><when>2021-08-15</when><gx:coord>1 2 0</gx:coord></gx:Track></Placemark>",
            "<Placemark><name>Note</name></Placemark>",
        ]);
        let (places, warnings) = places(text.as_bytes());
        assert_eq!(places.len(), 1);
        assert_eq!(places[0].position, Point::new(66.45, 30.92));
        let skipped = "skipped, as only points are read";
        let areas = "(areas are not supported yet)";
        assert_eq!(
            warnings,
            vec![
                format!(
                    "places.kml:4:1: warning: placemark #2 \"Two\": is a MultiGeometry of 2 points, not a point; {skipped} {areas}"
                ),
                format!(
                    "places.kml:5:1: warning: placemark #3 \"Area\": is a Polygon, not a point; {skipped} {areas}"
                ),
                format!(
                    "places.kml:6:1: warning: placemark #4 \"Drive\": is a gx:Track, not a point; {skipped} {areas}"
                ),
                format!(
                    "places.kml:7:1: warning: placemark #5 \"Note\": has no geometry; {skipped}"
                ),
            ]
        );
    }

    #[test]
    fn a_kmz_is_read_from_its_doc_kml() {
        let icon: &[u8] = b"\x89PNG\r\n\x1a\n not really";
        let bytes = kmz(&[("files/icon.png", icon), ("doc.kml", BORDER.as_bytes())]);
        assert!(looks_like_kml(&bytes));
        let (places, warnings) = places(&bytes);
        assert_eq!(places.len(), 1);
        assert_eq!(places[0].name, "Spin Boldak");
        // Locations are in the KML inside.
        assert!(warnings[0].starts_with("places.kml:25:4: warning:"));
    }

    #[test]
    fn a_kmz_without_doc_kml_is_read_from_its_first_kml() {
        let other = document(&[&point("Islam Qala", "61.07,34.66")]);
        let bytes = kmz(&[
            ("README.txt", b"exported"),
            ("layers/Herat.KML", other.as_bytes()),
            ("layers/second.kml", BORDER.as_bytes()),
        ]);
        let (places, _) = places(&bytes);
        let names: Vec<&str> = places.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, vec!["Islam Qala"]);
    }

    #[test]
    fn a_kmz_without_kml_says_what_it_holds() {
        let png: &[u8] = b"\x89PNG";
        let entries: Vec<(String, &[u8])> = (1..=7).map(|i| (format!("{i}.png"), png)).collect();
        let entries: Vec<(&str, &[u8])> = entries.iter().map(|(n, b)| (n.as_str(), *b)).collect();
        assert_eq!(
            errors(&kmz(&entries)),
            vec![
                "places.kml: error: no .kml file in this KMZ; it holds \
                 \"1.png\", \"2.png\", \"3.png\", \"4.png\", \"5.png\" and 2 more"
            ]
        );
    }

    #[test]
    fn a_corrupt_kmz_is_an_error() {
        let mut bytes = kmz(&[("doc.kml", BORDER.as_bytes())]);
        bytes.truncate(40);
        let corrupt = errors(&bytes);
        assert_eq!(corrupt.len(), 1);
        assert!(
            corrupt[0].starts_with("places.kml: error: not a readable KMZ (zip archive): "),
            "{corrupt:?}"
        );
        let mut bytes = kmz(&[("doc.kml", BORDER.as_bytes())]);
        // Past the local header (30 bytes and the name): the compressed KML.
        bytes[40..60].fill(0xff);
        let unpacked = errors(&bytes);
        assert_eq!(unpacked.len(), 1);
        assert!(
            unpacked[0].starts_with("places.kml: error: cannot unpack \"doc.kml\" from this KMZ: "),
            "{unpacked:?}"
        );
    }

    #[test]
    fn xml_errors_say_where_the_reader_stopped() {
        let text = document(&["<Placemark><name>Herat</name>", "</Folder>"]);
        assert_eq!(
            errors(text.as_bytes()),
            vec![
                "places.kml:4:9: error: not valid KML: ill-formed document: \
                 expected `</Placemark>`, but `</Folder>` was found"
            ]
        );
        let text = document(&["<Placemark><name>A &amp B</name></Placemark>"]);
        assert_eq!(errors(text.as_bytes()).len(), 1);
        let text =
            document(&["<Placemark><description>A <b>bold</b> move</description></Placemark>"]);
        assert_eq!(
            errors(text.as_bytes()),
            vec![
                "places.kml:3:29: error: not valid KML: an element where only text may be \
                 (write HTML in a description inside <![CDATA[ … ]]>)"
            ]
        );
        let text = document(&[&point("Herat", "62.2;34.35")]);
        assert_eq!(
            errors(text.as_bytes()),
            vec!["places.kml:3:73: error: not valid KML: \"62.2;34.35\" is not a number"]
        );
    }

    #[test]
    fn a_file_cut_short_is_an_error_not_a_hang() {
        let cut = &BORDER[..BORDER.find("<Point>").unwrap()];
        assert_eq!(
            errors(cut.as_bytes()),
            vec![
                "places.kml:23:5: error: the file ends before its closing </kml>: \
                 it looks cut short; save or download it again"
            ]
        );
        let nested = "<kml><Placemark>\n<kml></kml>";
        assert_eq!(
            errors(nested.as_bytes()),
            vec![
                "places.kml:2:1: error: a second <kml> element: a KML file holds exactly one \
                 (inside a description, write it as &lt;kml&gt;)"
            ]
        );
    }

    #[test]
    fn every_cut_short_file_is_an_error() {
        let whole = BORDER.trim_end();
        for cut in (0..whole.len()).filter(|&cut| whole.is_char_boundary(cut)) {
            let result = parse_placemarks("places.kml", &whole.as_bytes()[..cut]);
            assert!(result.is_err(), "cut at {cut} loaded");
        }
    }

    #[test]
    fn a_point_without_coordinates_is_an_error_not_a_crash() {
        let text = document(&["<Placemark><name>Nowhere</name><Point></Point></Placemark>"]);
        assert_eq!(
            errors(text.as_bytes()),
            vec![
                "places.kml:3:46: error: the KML reader failed here, most likely on a <Point> \
                 without coordinates; give every Point its \"longitude,latitude\" or remove it"
            ]
        );
    }

    #[test]
    fn coordinates_out_of_range_are_errors() {
        let text = document(&[
            &point("East", "181,30"),
            &point("North", "66,-90.5"),
            &point("Nowhere", "nan,30"),
            &point("Fine", "-180,90"),
        ]);
        assert_eq!(
            errors(text.as_bytes()),
            vec![
                "places.kml:3:1: error: placemark #1 \"East\": longitude 181 is outside [-180, 180]",
                "places.kml:4:1: error: placemark #2 \"North\": latitude -90.5 is outside [-90, 90]",
                "places.kml:5:1: error: placemark #3 \"Nowhere\": coordinates must be finite numbers",
            ]
        );
    }

    #[test]
    fn a_file_without_point_placemarks_is_an_error() {
        assert_eq!(
            errors(document(&[]).as_bytes()),
            vec!["places.kml: error: no point placemarks found"]
        );
        let road =
            "<Placemark><LineString><coordinates>1,2 3,4</coordinates></LineString></Placemark>";
        assert_eq!(
            errors(document(&[road, road]).as_bytes()),
            vec![
                "places.kml:3:1: warning: placemark #1: is a LineString, not a point; \
                 skipped, as only points are read (areas are not supported yet)",
                "places.kml:4:1: warning: placemark #2: is a LineString, not a point; \
                 skipped, as only points are read (areas are not supported yet)",
                "places.kml: error: no point placemarks found (2 placemarks that are not points \
                 were skipped: only points are read)",
            ]
        );
    }

    #[test]
    fn text_that_is_not_kml_is_an_error() {
        assert_eq!(
            errors(b"<?xml version=\"1.0\"?>\n<gpx version=\"1.1\"><wpt/></gpx>"),
            vec!["places.kml: error: not KML: the root element is <gpx>, not <kml>"]
        );
        assert_eq!(
            errors(b"{\"type\": \"FeatureCollection\"}"),
            vec![
                "places.kml: error: not KML: the file does not start with an XML element; \
                 expected <kml> after an optional <?xml …?> line"
            ]
        );
        assert_eq!(
            errors(b"<kml>\n<Document><name>Kandahar \xff</name></Document></kml>"),
            vec![
                "places.kml:2:26: error: not UTF-8 text: byte 0xff cannot start or continue \
                 a character; save the file as UTF-8"
            ]
        );
    }

    #[test]
    fn a_byte_order_mark_and_a_prefix_are_fine() {
        let text = "\u{feff}<?xml version=\"1.0\"?>\n<!-- exported -->\n<kml:kml xmlns:kml=\"http://www.opengis.net/kml/2.2\">\n\
                    <kml:Placemark><kml:name>Herat</kml:name><kml:Point><kml:coordinates>62.2,34.35</kml:coordinates></kml:Point></kml:Placemark>\n\
                    </kml:kml>\n";
        assert!(looks_like_kml(text.as_bytes()));
        let (places, warnings) = places(text.as_bytes());
        assert_eq!(places[0].id, "herat");
        assert_eq!(warnings, Vec::<String>::new());
    }

    #[test]
    fn kml_and_kmz_are_recognised_by_their_content() {
        assert!(looks_like_kml(BORDER.as_bytes()));
        assert!(looks_like_kml(b"\xef\xbb\xbf<!-- a -->\n<kml>"));
        assert!(looks_like_kml(&kmz(&[("doc.kml", BORDER.as_bytes())])));
        assert!(!looks_like_kml(
            br#"{"type": "FeatureCollection", "features": []}"#
        ));
        assert!(!looks_like_kml(
            b"id,name,lon,lat\nherat,Herat,62.2,34.35\n"
        ));
        assert!(!looks_like_kml(b"<?xml version=\"1.0\"?><gpx></gpx>"));
        assert!(!looks_like_kml(b"<kmlx>"));
        assert!(!looks_like_kml(b""));
    }
}

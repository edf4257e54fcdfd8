//! KML and KMZ placemarks as a gazetteer (Google Earth, My Maps).
//!
//! The `kml` crate reads the tree. It gives no positions, loops forever on a
//! file that ends inside some elements (a cut-short download) and panics on
//! a `<Point>` without coordinates, so a pre-scan with quick-xml (the XML
//! parser the crate reads with) first makes sure it is given none of that,
//! and finds where the placemarks are: see [`check::check`].

mod check;
mod kmz;
mod placemarks;
#[cfg(test)]
mod tests;

use std::borrow::Cow;
use std::io::{self, BufRead, Read};

use kml::types::KmlDocument;
use kml::{Kml, KmlReader};
use thiserror::Error;

use super::diagnostic::{Collector, LoadFailed, Loaded, Problem};
use crate::model::{Gazetteer, Location};
use check::{MAX_DEPTH, local_name, location_at};
use kmz::{MAX_KML_BYTES, ZIP_MAGIC, unpack_kmz};

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
    #[error("{what} after the closing </kml>: everything in a KML file belongs inside its <kml>")]
    AfterKml { what: String },
    #[error(
        "the file ends before its closing </kml>: it looks cut short; save or download it again"
    )]
    CutShort,
    #[error(
        "elements nested more than {MAX_DEPTH} deep: move the placemarks into fewer levels of folders"
    )]
    TooDeep,
    #[error("not valid KML: {reason}")]
    Unreadable { reason: String },
    #[error(
        "a <Point> without coordinates: give every Point its \"longitude,latitude\" or remove it"
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
        "this is {kind}, which claimmap does not read: save the sheet as \"CSV UTF-8\" (or CSV) and open that"
    )]
    OfficeDocument { kind: &'static str },
    #[error(
        "{subject}: is a {geometry}, neither a point nor an area; skipped, as only points and polygons are read"
    )]
    NotAPoint { subject: String, geometry: String },
    #[error("{subject}: has no geometry; skipped, as only points and polygons are read")]
    NoGeometry { subject: String },
    #[error("no placemarks with a point or a polygon found{}", skipped_note(*skipped))]
    NoPoints { skipped: usize },
}

impl KmlProblem {
    /// What kind of problem this is, for counting problems of one kind together.
    pub fn kind(&self) -> &'static str {
        match self {
            KmlProblem::NotXml | KmlProblem::NotKml { .. } => "file that is not KML",
            KmlProblem::SecondKml => "second <kml> element",
            KmlProblem::AfterKml { .. } => "content after </kml>",
            KmlProblem::CutShort => "KML that is cut short",
            KmlProblem::TooDeep => "KML nested too deep",
            KmlProblem::Unreadable { .. } => "KML that cannot be read",
            KmlProblem::PointWithoutCoordinates => "point without coordinates",
            KmlProblem::BadKmz { .. } | KmlProblem::BadKmzEntry { .. } => "KMZ that cannot be read",
            KmlProblem::KmlTooLarge { .. } => "KML too large",
            KmlProblem::NoKmlInKmz { .. } => "KMZ without KML",
            KmlProblem::OfficeDocument { .. } => "spreadsheet workbook",
            KmlProblem::NotAPoint { .. } => "placemark that is neither a point nor an area",
            KmlProblem::NoGeometry { .. } => "placemark without geometry",
            KmlProblem::NoPoints { .. } => "KML without points or areas",
        }
    }
}

fn skipped_note(skipped: usize) -> String {
    match skipped {
        0 => String::new(),
        1 => " (1 placemark of another kind was skipped: only points and polygons are read)"
            .to_owned(),
        n => format!(
            " ({n} placemarks of other kinds were skipped: only points and polygons are read)"
        ),
    }
}

const BOM: &str = "\u{feff}";

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
    let read = utf8_text(&kml_bytes).and_then(|text| {
        let placemark_locations = check::check(text)?;
        Ok((read_tree(text)?, placemark_locations))
    });
    let (tree, placemark_locations) = match read {
        Ok(read) => read,
        Err((problem, location)) => {
            out.error(location, problem);
            return Err(out.fail());
        }
    };
    let places = placemarks::read_places(tree, &placemark_locations, &mut out);
    out.finish(Gazetteer { places })
}

/// A problem that stops the whole file, and where it is.
type Stop = (Problem, Option<Location>);

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

/// The `kml` crate's tree of a text that passed [`check::check`].
fn read_tree(text: &str) -> Result<Kml, Stop> {
    let mut tracked = Tracked {
        rest: text.as_bytes(),
        taken: 0,
    };
    match KmlReader::<_, f64>::from_reader(&mut tracked).read() {
        Ok(tree) => Ok(tree),
        // Only for `<kml/>`, which holds no placemarks, as `<kml></kml>` does not.
        Err(kml::Error::NoElements) => Ok(Kml::KmlDocument(KmlDocument::default())),
        Err(error) => {
            let reason = reader_message(&error);
            // Where the reader stopped is the byte it took last.
            let stopped_at = location_at(text, tracked.taken.saturating_sub(1));
            Err((KmlProblem::Unreadable { reason }.into(), Some(stopped_at)))
        }
    }
}

/// A reader that counts the bytes taken from it: `kml::Error` carries no
/// position, but the XML parser takes the text only as far as it has read.
/// The errors left after the pre-scan are in the content: a number that is
/// not one, an element where only text may be.
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

/// The name of the first element, after the XML declaration, comments and a
/// DOCTYPE: a quick look at the start of a file, to recognise KML.
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

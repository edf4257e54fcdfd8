//! Unpacking the KML of a KMZ, a zip archive.

use std::io::{Cursor, Read};

use zip::ZipArchive;

use super::KmlProblem;

pub(super) const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
/// A KMZ is small; its KML unpacking past this is more likely a zip bomb than places.
pub(super) const MAX_KML_BYTES: u64 = 1 << 30;

/// The KML in a KMZ: `doc.kml`, as Google Earth names it, else the first `.kml`.
pub(super) fn unpack_kmz(bytes: &[u8]) -> Result<Vec<u8>, KmlProblem> {
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
        // Excel and LibreOffice save zips too: say what to do with a workbook.
        if let Some(kind) = office_document(names.iter().map(|(_, name)| name.as_str())) {
            return Err(KmlProblem::OfficeDocument { kind });
        }
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

/// "an Excel workbook (.xlsx)" or "a LibreOffice spreadsheet (.ods)" when a
/// zip's entries are those of one.
fn office_document<'a>(mut names: impl Iterator<Item = &'a str>) -> Option<&'static str> {
    names.find_map(|name| match name {
        "xl/workbook.xml" => Some("an Excel workbook (.xlsx)"),
        "content.xml" => Some("an OpenDocument file (.ods)"),
        _ => None,
    })
}

//! `claimmap convert`: whatever was read, written as claimmap's own files.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use super::WriteFailed;
use crate::data::write_json;
use crate::formats::{events_json, gazetteer_json};
use crate::model::Dataset;

/// Writes the dataset's places and claims; each event names the place it
/// linked to by that place's id, so names written in a spreadsheet become ids.
pub fn write_files(
    dataset: &Dataset,
    gazetteer: &Path,
    events: &Path,
    err: &mut dyn Write,
) -> Result<ExitCode, WriteFailed> {
    let places = gazetteer_json(dataset.places());
    let file = dataset.files().1;
    // The file's own events: its map series' claims are written as the series.
    let linked = (0..dataset.own_events()).map(|e| {
        let place = dataset
            .links(e)
            .place
            .map(|p| dataset.places()[p].id.as_str());
        (dataset.event(e), place)
    });
    let claims = events_json(&file.parties, &file.sources, &file.maps, linked);
    for (path, written) in [
        (gazetteer, write_json(gazetteer, &places)),
        (events, write_json(events, &claims)),
    ] {
        if let Err(error) = written {
            let said = writeln!(err, "claimmap: cannot write {}: {error}", path.display());
            said.map_err(WriteFailed::Err)?;
            return Ok(ExitCode::FAILURE);
        }
    }
    let said = writeln!(
        err,
        "claimmap: wrote {} places to {} and {} events to {}",
        dataset.places().len(),
        gazetteer.display(),
        dataset.own_events(),
        events.display()
    );
    said.map_err(WriteFailed::Err)?;
    Ok(ExitCode::SUCCESS)
}

//! `claimmap convert`: whatever was read, written as claimmap's own files.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde::Serialize;

use super::WriteFailed;
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

/// Writes beside the target and renames, so a failed write never leaves half a file.
fn write_json(path: &Path, value: &impl Serialize) -> io::Result<()> {
    let mut partial = PathBuf::from(path);
    partial.as_mut_os_string().push(".partial");
    let written = (|| {
        let mut out = BufWriter::new(File::create(&partial)?);
        serde_json::to_writer_pretty(&mut out, value)?;
        writeln!(out)?;
        out.into_inner()
            .map_err(io::IntoInnerError::into_error)?
            .sync_all()
    })();
    match written {
        Ok(()) => std::fs::rename(&partial, path),
        Err(error) => {
            // The partial file is of no use to anyone; failing to remove it changes nothing.
            let _ = std::fs::remove_file(&partial);
            Err(error)
        }
    }
}

//! Writing claimmap's own files: what `convert` writes, and the window's
//! File → Save events as…, which keeps map series added in the window by
//! listing them in the events file, their patterns made relative to it.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Component, Path, PathBuf};

use serde::Serialize;
use thiserror::Error;

use super::ListedSeries;
use crate::model::SeriesListing;

/// Why an events file was not saved.
#[derive(Debug, Error)]
pub enum SaveError {
    #[error(
        "map series \"{series}\": its maps ({maps}) are not inside {folder}, where the events file would be; a series' files are named from the events file's folder, so save it in a folder that holds them"
    )]
    SeriesOutside {
        series: String,
        maps: String,
        folder: String,
    },
    #[error("cannot write {path}: {source}")]
    Write {
        path: String,
        #[source]
        source: io::Error,
    },
    #[error("no events file is open")]
    NoEvents,
}

/// The series, listed for an events file in `folder`: each one's pattern
/// made relative to that folder, which must hold its maps.
pub fn listings_for(
    folder: &Path,
    series: &[ListedSeries],
) -> Result<Vec<SeriesListing>, SaveError> {
    let folder = absolute(folder);
    series
        .iter()
        .map(|listed| {
            let files = rebased(&folder, &absolute(&listed.folder), &listed.listing.files);
            let Some(files) = files else {
                let maps = absolute(&listed.folder).join(&listed.listing.files);
                return Err(SaveError::SeriesOutside {
                    series: listed.listing.series.id.clone(),
                    maps: maps.display().to_string(),
                    folder: folder.display().to_string(),
                });
            };
            Ok(SeriesListing {
                series: listed.listing.series.clone(),
                files,
            })
        })
        .collect()
}

/// `pattern` in `maps_folder`, named from `folder`: the folders between
/// escaped (a `[` in a folder's name is a name, not a class), the pattern as
/// written; `None` when `folder` does not hold them.
fn rebased(folder: &Path, maps_folder: &Path, pattern: &str) -> Option<String> {
    let plain = |rest: &Path| rest.components().all(|c| matches!(c, Component::Normal(_)));
    // Patterns are written with `/`, as in the README, on every system.
    let parts = |rest: &Path| -> Vec<String> {
        (rest.components())
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect()
    };
    if let Some(between) = maps_folder.strip_prefix(folder).ok().filter(|r| plain(r)) {
        let mut written: Vec<String> = parts(between)
            .iter()
            .map(|p| glob::Pattern::escape(p))
            .collect();
        written.push(pattern.replace('\\', "/"));
        return Some(written.join("/"));
    }
    // The folder is below the maps' folder: the pattern's own folders lead into it.
    let joined = maps_folder.join(pattern);
    let rest = joined.strip_prefix(folder).ok().filter(|r| plain(r))?;
    Some(parts(rest).join("/"))
}

/// `path` from the root, without `.` and `..`: canonical where it exists,
/// so that a folder reached through a link is named as it is.
pub(super) fn absolute(path: &Path) -> PathBuf {
    if let Ok(canonical) = std::fs::canonicalize(path) {
        return canonical;
    }
    let joined = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut clean = PathBuf::new();
    for part in joined.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                clean.pop();
            }
            other => clean.push(other),
        }
    }
    clean
}

/// [`write_json`], its failure said with the file's name.
pub fn save_json(path: &Path, value: &impl Serialize) -> Result<(), SaveError> {
    write_json(path, value).map_err(|source| SaveError::Write {
        path: path.display().to_string(),
        source,
    })
}

/// Writes beside the target and renames, so a failed write never leaves half a file.
pub fn write_json(path: &Path, value: &impl Serialize) -> io::Result<()> {
    write_atomically(path, |out| {
        serde_json::to_writer_pretty(&mut *out, value)?;
        writeln!(out)
    })
}

/// Calls `write` on a file beside `path` and renames it into place once
/// written and synced: a reader never sees half a file, and a failure (a
/// full disk, a cancelled export) leaves whatever `path` held before.
pub fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<File>) -> io::Result<()>,
) -> io::Result<()> {
    let mut partial = PathBuf::from(path);
    partial.as_mut_os_string().push(".partial");
    let written = (|| {
        let mut out = BufWriter::new(File::create(&partial)?);
        write(&mut out)?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{MapSeries, Verification};

    fn listed(folder: &Path, files: &str) -> ListedSeries {
        ListedSeries {
            folder: folder.to_path_buf(),
            listing: SeriesListing {
                series: MapSeries {
                    id: "isw".into(),
                    name: None,
                    claimant: "isw".into(),
                    controller: "russia".into(),
                    verification: Verification::Claimed,
                    source: None,
                },
                files: files.into(),
            },
        }
    }

    #[test]
    fn a_series_pattern_is_made_relative_to_where_the_events_file_goes() {
        let root = std::env::temp_dir().join(format!("claimmap-save-{}", std::process::id()));
        let maps = root.join("maps/isw");
        std::fs::create_dir_all(&maps).unwrap();
        let written = listings_for(&root, &[listed(&maps, "*.geojson")]).unwrap();
        assert_eq!(written[0].files, "maps/isw/*.geojson");
        let beside = listings_for(&maps, &[listed(&root.join("maps/./isw"), "*.json")]).unwrap();
        assert_eq!(beside[0].files, "*.json");
        let outside = listings_for(&maps, &[listed(&root, "maps/other/*.json")]);
        assert!(
            matches!(outside, Err(SaveError::SeriesOutside { .. })),
            "{outside:?}"
        );
    }
}

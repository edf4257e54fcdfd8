//! Checks that a tile source works before the map draws from it, on a thread
//! of its own: a folder has `{z}/{x}/{y}` tiles, an archive is a raster PMTiles
//! file, the OpenStreetMap server answers. Each failure is one clear message.

use std::path::{Path, PathBuf};
use std::time::Duration;

use eframe::egui;
use pmtiles::{AsyncPmTilesReader, TileCoord, TileType};

use super::folder::MAX_TILE_BYTES;
use crate::files::read_file;

/// The tile every source has: the whole world at zoom 0.
const OSM_PROBE: &str = "https://tile.openstreetmap.org/0/0/0.png";

/// What a working source told us.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SourceInfo {
    pub min_zoom: u8,
    pub max_zoom: u8,
    /// Pixels per tile side, read from a sample tile.
    pub tile_size: u32,
}

impl SourceInfo {
    /// What the OpenStreetMap server serves.
    pub const OSM: SourceInfo = SourceInfo {
        min_zoom: 0,
        max_zoom: 19,
        tile_size: 256,
    };
}

#[derive(Debug, thiserror::Error)]
pub enum TileSourceError {
    #[error("{}: no such folder", .0.display())]
    NoFolder(PathBuf),
    #[error("{}: not readable ({error})", .path.display())]
    Unreadable {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error("{}: no zoom folders (0, 1, 2, …) holding {{x}}/{{y}}.png tiles", .0.display())]
    NoZoomFolders(PathBuf),
    #[error("{}: no tile image found", .0.display())]
    NoTiles(PathBuf),
    #[error("{}: not an image claimmap can draw ({why})", .path.display())]
    NotAnImage { path: PathBuf, why: String },
    #[error("{}: not a PMTiles archive ({error})", .path.display())]
    NotPmTiles {
        path: PathBuf,
        error: pmtiles::PmtError,
    },
    #[error("{}: holds {tiles} tiles; claimmap draws PNG or JPEG raster tiles", .path.display())]
    UnsupportedTiles { path: PathBuf, tiles: &'static str },
    #[error("the tile server did not answer ({0})")]
    Unreachable(String),
    #[error("could not start a thread ({0})")]
    Runtime(std::io::Error),
}

/// A folder of `{z}/{x}/{y}.png` (or .jpg) tiles: its zoom levels and tile size.
pub fn check_folder(root: &Path, ctx: &egui::Context) -> Result<SourceInfo, TileSourceError> {
    if !root.is_dir() {
        return Err(TileSourceError::NoFolder(root.to_owned()));
    }
    let zooms: Vec<u8> = numbered_entries(root)?
        .into_iter()
        .map(|(z, _)| z)
        .collect();
    let (Some(&min_zoom), Some(&max_zoom)) = (zooms.iter().min(), zooms.iter().max()) else {
        return Err(TileSourceError::NoZoomFolders(root.to_owned()));
    };
    let sample = sample_tile(root, &zooms)?;
    // A regular file of sane size only: a named pipe here once left the check waiting forever.
    let bytes =
        read_file(&sample, MAX_TILE_BYTES).map_err(|error| TileSourceError::Unreadable {
            path: sample.clone(),
            error: std::io::Error::other(error),
        })?;
    let tile_size = tile_size_of(&bytes, ctx)
        .map_err(|why| TileSourceError::NotAnImage { path: sample, why })?;
    Ok(SourceInfo {
        min_zoom,
        max_zoom,
        tile_size,
    })
}

/// The entries of `folder` whose names are numbers (zoom levels, columns), sorted.
fn numbered_entries(folder: &Path) -> Result<Vec<(u8, PathBuf)>, TileSourceError> {
    let entries = std::fs::read_dir(folder).map_err(|error| TileSourceError::Unreadable {
        path: folder.to_owned(),
        error,
    })?;
    let mut numbered: Vec<(u8, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter(|entry| entry.path().is_dir())
        .filter_map(|entry| {
            let number = entry.file_name().to_str()?.parse().ok()?;
            Some((number, entry.path()))
        })
        .collect();
    numbered.sort();
    Ok(numbered)
}

/// The first tile image found under the lowest zoom level that has one.
fn sample_tile(root: &Path, zooms: &[u8]) -> Result<PathBuf, TileSourceError> {
    for zoom in zooms {
        let zoom_folder = root.join(zoom.to_string());
        for (_, column) in numbered_entries(&zoom_folder).unwrap_or_default() {
            let Ok(files) = std::fs::read_dir(&column) else {
                continue;
            };
            let tile = files.filter_map(Result::ok).map(|f| f.path()).find(|p| {
                super::folder::TILE_EXTENSIONS
                    .iter()
                    .any(|e| p.extension() == Some(e.as_ref()))
            });
            if let Some(tile) = tile {
                return Ok(tile);
            }
        }
    }
    Err(TileSourceError::NoTiles(root.to_owned()))
}

/// Decodes a tile as walkers will, and measures it.
fn tile_size_of(bytes: &[u8], ctx: &egui::Context) -> Result<u32, String> {
    match walkers::Tile::new(bytes, &walkers::Style, 0, 256, ctx) {
        Ok(walkers::Tile::Raster(texture)) => {
            let [width, _] = texture.size();
            u32::try_from(width).map_err(|e| e.to_string())
        }
        Err(error) => Err(error.to_string()),
    }
}

/// A PMTiles archive of PNG or JPEG tiles: its zoom levels and tile size.
pub fn check_pmtiles(path: &Path, ctx: &egui::Context) -> Result<SourceInfo, TileSourceError> {
    block_on(async {
        let not_pmtiles = |error| TileSourceError::NotPmTiles {
            path: path.to_owned(),
            error,
        };
        let unsupported = |tiles| TileSourceError::UnsupportedTiles {
            path: path.to_owned(),
            tiles,
        };
        let reader = AsyncPmTilesReader::new_with_path(path)
            .await
            .map_err(not_pmtiles)?;
        let header = reader.get_header();
        match header.tile_type {
            TileType::Png | TileType::Jpeg => {}
            TileType::Mvt | TileType::Mlt => return Err(unsupported("vector")),
            TileType::Webp => return Err(unsupported("WebP")),
            TileType::Avif => return Err(unsupported("AVIF")),
            TileType::Unknown => return Err(unsupported("unknown")),
        }
        let (min_zoom, max_zoom) = (header.min_zoom, header.max_zoom.max(header.min_zoom));
        // Sized from the tile at the archive's centre; 256 px if there is none.
        let zoom = header.center_zoom.clamp(min_zoom, max_zoom);
        let (x, y) = tile_xy(header.center_longitude, header.center_latitude, zoom);
        let sample = match TileCoord::new(zoom, x, y) {
            Ok(coord) => reader
                .get_tile_decompressed(coord)
                .await
                .map_err(not_pmtiles)?,
            Err(_) => None,
        };
        let tile_size = match sample {
            Some(bytes) => {
                tile_size_of(&bytes, ctx).map_err(|why| TileSourceError::NotAnImage {
                    path: path.to_owned(),
                    why,
                })?
            }
            None => 256,
        };
        Ok(SourceInfo {
            min_zoom,
            max_zoom,
            tile_size,
        })
    })?
}

/// Asks the OpenStreetMap server for one tile, as walkers will.
pub fn probe_osm(user_agent: &str) -> Result<SourceInfo, TileSourceError> {
    let unreachable = |e: reqwest::Error| TileSourceError::Unreachable(without_url(&e));
    block_on(async {
        let client = reqwest::Client::builder()
            .user_agent(user_agent)
            .timeout(Duration::from_secs(15))
            .build()
            .map_err(unreachable)?;
        let response = client.get(OSM_PROBE).send().await.map_err(unreachable)?;
        response.error_for_status().map_err(unreachable)?;
        Ok(SourceInfo::OSM)
    })?
}

/// reqwest's message, and the innermost cause (the one that says "dns error").
fn without_url(error: &reqwest::Error) -> String {
    let mut cause: &dyn std::error::Error = error;
    while let Some(inner) = cause.source() {
        cause = inner;
    }
    let kind = if error.is_timeout() {
        "timed out"
    } else if error.is_connect() {
        "cannot connect"
    } else if error.is_status() {
        "refused the request"
    } else {
        "request failed"
    };
    format!("{kind}: {cause}")
}

fn block_on<T>(future: impl Future<Output = T>) -> Result<T, TileSourceError> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(TileSourceError::Runtime)?;
    Ok(runtime.block_on(future))
}

/// The tile holding a place at `zoom`, clamped to the grid.
fn tile_xy(lon: f64, lat: f64, zoom: u8) -> (u32, u32) {
    let [x, y] = crate::basemap::mercator(lon, lat);
    let tiles = f64::from(1u32 << zoom.min(31));
    let cell = |v: f64| (v * tiles).floor().clamp(0.0, tiles - 1.0) as u32;
    (cell(x), cell(y))
}

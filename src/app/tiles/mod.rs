//! Raster tiles drawn over the built-in basemap's land: OpenStreetMap, a local
//! folder of tiles or a PMTiles archive, chosen in View → Basemap.
//!
//! A chosen source is checked on a thread of its own before the map draws from
//! it (the OpenStreetMap server is probed while its tiles load). A failure is
//! reported once, in words, and the built-in basemap stays on screen.

mod check;
mod folder;
mod limited;

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};

use eframe::egui;
use serde::{Deserialize, Serialize};
use walkers::sources::OpenStreetMap;
use walkers::{HeaderValue, HttpOptions, HttpTiles, PmTiles, Style, Tiles};

pub use check::{SourceInfo, TileSourceError, check_folder, check_pmtiles};
use folder::FolderTiles;
use limited::ZoomLimited;

/// The OSM tile usage policy asks for a User-Agent that names the application.
const USER_AGENT: &str = concat!(
    "claimmap/",
    env!("CARGO_PKG_VERSION"),
    " (desktop map of claimed control; https://operations.osmfoundation.org/policies/tiles/)"
);

/// Where the map's background comes from; remembered between runs.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TileSource {
    /// The vector basemap compiled into the binary; needs no network.
    #[default]
    Offline,
    OpenStreetMap,
    /// A folder of `{z}/{x}/{y}.png` tiles.
    Folder {
        path: PathBuf,
    },
    /// A raster PMTiles archive.
    PmTiles {
        path: PathBuf,
    },
}

impl TileSource {
    /// What the status line and the menu call it.
    pub fn describe(&self) -> String {
        let name = |path: &PathBuf| {
            path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            )
        };
        match self {
            TileSource::Offline => "Built-in basemap".to_owned(),
            TileSource::OpenStreetMap => "OpenStreetMap".to_owned(),
            TileSource::Folder { path } => format!("Local tiles {}", name(path)),
            TileSource::PmTiles { path } => format!("PMTiles {}", name(path)),
        }
    }
}

/// The two sources picked from the disk with a dialog.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LocalTiles {
    Folder,
    PmTiles,
}

/// What is known of the chosen source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SourceStatus {
    /// No raster tiles: the built-in basemap only.
    Offline,
    Checking,
    Working,
    /// Why not, in words; the built-in basemap is drawn in full instead.
    Failed(String),
}

/// What finds out whether a source works, run on its own thread.
type Check = dyn FnOnce(&egui::Context) -> Result<SourceInfo, TileSourceError> + Send;

/// The answer of a check, for the choice made `generation`-th.
struct Report {
    generation: u64,
    result: Result<SourceInfo, TileSourceError>,
}

enum Layer {
    Http(ZoomLimited<HttpTiles>),
    PmTiles(ZoomLimited<PmTiles>),
    Folder(ZoomLimited<FolderTiles>),
}

/// The chosen raster source, its tiles once it is known to work, and its status.
pub struct RasterTiles {
    source: TileSource,
    status: SourceStatus,
    layer: Option<Layer>,
    /// What the source said of itself, once its layer is made.
    info: Option<SourceInfo>,
    /// Bumped at each choice, so that a late answer about an earlier one is ignored.
    generation: u64,
    reports: (Sender<Report>, Receiver<Report>),
    drawn: Arc<AtomicUsize>,
    /// What to tell the user, once.
    unreported: Option<String>,
}

impl Default for RasterTiles {
    fn default() -> Self {
        Self {
            source: TileSource::Offline,
            status: SourceStatus::Offline,
            layer: None,
            info: None,
            generation: 0,
            reports: channel(),
            drawn: Arc::default(),
            unreported: None,
        }
    }
}

impl RasterTiles {
    pub fn source(&self) -> &TileSource {
        &self.source
    }

    pub fn status(&self) -> &SourceStatus {
        &self.status
    }

    /// Tile pieces drawn from the current source so far.
    pub fn drawn(&self) -> usize {
        self.drawn.load(Ordering::Relaxed)
    }

    /// Whether the built-in basemap is all there is: rivers, coasts and names too.
    pub fn is_basemap_alone(&self) -> bool {
        matches!(self.status, SourceStatus::Offline | SourceStatus::Failed(_))
    }

    /// Switches to `source`; raster sources start being checked.
    pub fn choose(&mut self, source: TileSource, ctx: &egui::Context) {
        self.generation += 1;
        self.layer = None;
        self.info = None;
        self.drawn = Arc::default();
        self.source = source.clone();
        self.status = SourceStatus::Checking;
        let ctx = ctx.clone();
        let check: Box<Check> = match source {
            TileSource::Offline => {
                self.status = SourceStatus::Offline;
                return;
            }
            TileSource::OpenStreetMap => {
                // Tiles load while the server is probed; cached ones show even offline.
                self.use_layer(SourceInfo::OSM, &ctx);
                Box::new(|_| check::probe_osm(USER_AGENT))
            }
            TileSource::Folder { path } => Box::new(move |ctx| check_folder(&path, ctx)),
            TileSource::PmTiles { path } => Box::new(move |ctx| check_pmtiles(&path, ctx)),
        };
        let (answer, generation) = (self.reports.0.clone(), self.generation);
        let spawned = std::thread::Builder::new()
            .name("claimmap-tiles-check".to_owned())
            .spawn(move || {
                let result = check(&ctx);
                if answer.send(Report { generation, result }).is_ok() {
                    ctx.request_repaint();
                }
            });
        if let Err(error) = spawned {
            self.fail(&TileSourceError::Runtime(error));
        }
    }

    /// Takes the checks' answers and the tiles' problems; returns what to tell the user, once.
    pub fn poll(&mut self, ctx: &egui::Context) -> Option<String> {
        while let Ok(report) = self.reports.1.try_recv() {
            if report.generation != self.generation {
                continue;
            }
            match report.result {
                Ok(info) => {
                    if self.layer.is_none() {
                        self.use_layer(info, ctx);
                    }
                    if self.status == SourceStatus::Checking {
                        self.status = SourceStatus::Working;
                    }
                }
                Err(error) => self.fail(&error),
            }
        }
        if let Some(Layer::Folder(tiles)) = &mut self.layer
            && let Some(problem) = tiles.inner_mut().take_problem()
        {
            self.unreported = Some(format!("Some local tiles could not be read: {problem}"));
        }
        self.unreported.take()
    }

    /// The tiles to draw, if any.
    pub fn tiles(&mut self) -> Option<&mut dyn Tiles> {
        match self.layer.as_mut()? {
            Layer::Http(tiles) => Some(tiles),
            Layer::PmTiles(tiles) => Some(tiles),
            Layer::Folder(tiles) => Some(tiles),
        }
    }

    /// Whether the OpenStreetMap attribution must be shown.
    pub fn shows_osm(&self) -> bool {
        matches!(self.layer, Some(Layer::Http(_)))
    }

    /// Starts drawing from the chosen source.
    fn use_layer(&mut self, info: SourceInfo, ctx: &egui::Context) {
        match layer_for(&self.source, info, &self.drawn, ctx) {
            Ok(layer) => {
                self.layer = layer;
                self.info = Some(info);
            }
            Err(error) => self.fail(&TileSourceError::Runtime(error)),
        }
    }

    fn fail(&mut self, why: &TileSourceError) {
        // OpenStreetMap keeps its layer: tiles cached on disk still show.
        if !matches!(self.layer, Some(Layer::Http(_))) {
            self.layer = None;
        }
        self.status = SourceStatus::Failed(why.to_string());
        self.unreported = Some(format!(
            // What happens first: a long reason may be cut off at the window's edge.
            "{} unavailable. Showing the built-in basemap: {why}",
            self.source.describe()
        ));
    }
}

impl RasterTiles {
    /// The tiles the window draws, loaded afresh for another context (an
    /// export's): a texture belongs to the context that made it. `None`
    /// when the window draws no raster tiles.
    pub fn for_export(&self, ctx: &egui::Context) -> Option<ExportTiles> {
        let (Some(_), Some(info)) = (&self.layer, self.info) else {
            return None;
        };
        let layer = layer_for(&self.source, info, &Arc::default(), ctx).ok()??;
        Some(ExportTiles {
            layer,
            missing: false,
        })
    }
}

/// An export's tiles: those of the window's source, saying whether a pass
/// asked for one not loaded yet, so the export waits for it.
pub struct ExportTiles {
    layer: Layer,
    missing: bool,
}

impl ExportTiles {
    /// Whether a tile was missing since the last call.
    pub fn take_missing(&mut self) -> bool {
        std::mem::take(&mut self.missing)
    }

    /// Whether they are OpenStreetMap's, to be credited.
    pub fn are_osm(&self) -> bool {
        matches!(self.layer, Layer::Http(_))
    }

    fn tiles(&mut self) -> &mut dyn Tiles {
        match &mut self.layer {
            Layer::Http(tiles) => tiles,
            Layer::PmTiles(tiles) => tiles,
            Layer::Folder(tiles) => tiles,
        }
    }
}

impl Tiles for ExportTiles {
    fn at(&mut self, tile_id: walkers::TileId) -> Option<walkers::TilePiece> {
        let piece = self.tiles().at(tile_id);
        self.missing |= piece.is_none();
        piece
    }

    fn attribution(&self) -> walkers::sources::Attribution {
        match &self.layer {
            Layer::Http(tiles) => tiles.attribution(),
            Layer::PmTiles(tiles) => tiles.attribution(),
            Layer::Folder(tiles) => tiles.attribution(),
        }
    }

    fn tile_size(&self) -> u32 {
        match &self.layer {
            Layer::Http(tiles) => tiles.tile_size(),
            Layer::PmTiles(tiles) => tiles.tile_size(),
            Layer::Folder(tiles) => tiles.tile_size(),
        }
    }
}

/// The tiles of a source known to work.
fn layer_for(
    source: &TileSource,
    info: SourceInfo,
    drawn: &Arc<AtomicUsize>,
    ctx: &egui::Context,
) -> std::io::Result<Option<Layer>> {
    let (min, max) = (info.min_zoom, info.max_zoom);
    let drawn = Arc::clone(drawn);
    Ok(Some(match source {
        TileSource::Offline => return Ok(None),
        TileSource::OpenStreetMap => Layer::Http(ZoomLimited::new(osm_tiles(ctx), min, max, drawn)),
        TileSource::PmTiles { path } => {
            let tiles = PmTiles::with_style_and_tile_size(path, Style, info.tile_size, ctx.clone());
            Layer::PmTiles(ZoomLimited::new(tiles, min, max, drawn))
        }
        TileSource::Folder { path } => {
            let tiles = FolderTiles::new(path.clone(), info.tile_size, ctx)?;
            Layer::Folder(ZoomLimited::new(tiles, min, max, drawn))
        }
    }))
}

fn osm_tiles(ctx: &egui::Context) -> HttpTiles {
    let cache = directories::ProjectDirs::from("org", "claimmap", "claimmap")
        .map(|dirs| dirs.cache_dir().join("tiles"));
    let options = HttpOptions {
        cache,
        user_agent: Some(HeaderValue::from_static(USER_AGENT)),
        ..HttpOptions::default()
    };
    HttpTiles::with_options(OpenStreetMap, options, ctx.clone())
}

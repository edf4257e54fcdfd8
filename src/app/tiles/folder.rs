//! Raster tiles from a folder of `{z}/{x}/{y}.png` files, as tile-cutting tools
//! write them. walkers 0.65 has no such source, so this implements its `Tiles`:
//! files are read and decoded on a thread of their own, never on the UI thread.

use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};

use eframe::egui;
use lru::LruCache;
use walkers::sources::Attribution;
use walkers::{Style, Tile, TileId, TilePiece, Tiles};

use super::limited::piece_of_parent;
use crate::files::{ReadError, read_file};

/// The file names tried for a tile, in order.
pub const TILE_EXTENSIONS: [&str; 3] = ["png", "jpg", "jpeg"];
/// No map tile is this large; a larger "tile" is not read into memory.
pub const MAX_TILE_BYTES: u64 = 64 << 20;

/// Tiles kept decoded; a 1920×1080 map shows about 50.
const CACHE_TILES: usize = 512;

/// What the reading thread sends back for one tile.
struct Arrival {
    tile_id: TileId,
    /// `None` when the folder has no such tile, which is normal at its edges.
    tile: Option<Tile>,
    /// Why a tile that exists could not be used.
    problem: Option<String>,
}

pub struct FolderTiles {
    requests: Sender<TileId>,
    arrivals: Receiver<Arrival>,
    /// `None` while the tile is being read, or when the folder lacks it.
    cache: LruCache<TileId, Option<Tile>>,
    tile_size: u32,
    /// The first unreadable tile, until the window takes it.
    problem: Option<String>,
}

impl FolderTiles {
    /// Starts the thread "claimmap-tiles-folder" that reads tiles from `root`.
    pub fn new(root: PathBuf, tile_size: u32, ctx: &egui::Context) -> std::io::Result<Self> {
        let (requests, requested) = channel();
        let (arrived, arrivals) = channel();
        let ctx = ctx.clone();
        std::thread::Builder::new()
            .name("claimmap-tiles-folder".to_owned())
            .spawn(move || read_tiles(&root, tile_size, &requested, &arrived, &ctx))?;
        Ok(Self {
            requests,
            arrivals,
            cache: LruCache::new(NonZeroUsize::new(CACHE_TILES).unwrap_or(NonZeroUsize::MIN)),
            tile_size,
            problem: None,
        })
    }

    /// The first tile that could not be read, once.
    pub fn take_problem(&mut self) -> Option<String> {
        self.problem.take()
    }

    fn receive(&mut self) {
        while let Ok(arrival) = self.arrivals.try_recv() {
            if self.problem.is_none() {
                self.problem = arrival.problem;
            }
            self.cache.put(arrival.tile_id, arrival.tile);
        }
    }

    /// The tile if it is here, else a piece of the nearest zoomed-out one that is.
    fn best_available(&mut self, tile_id: TileId) -> Option<TilePiece> {
        (0..=tile_id.zoom).rev().find_map(|zoom| {
            let (parent, uv) = piece_of_parent(tile_id, zoom);
            let tile = self.cache.get(&parent)?.as_ref()?;
            Some(TilePiece::new(tile.clone(), uv))
        })
    }
}

impl Tiles for FolderTiles {
    fn at(&mut self, tile_id: TileId) -> Option<TilePiece> {
        self.receive();
        if !self.cache.contains(&tile_id) {
            self.cache.put(tile_id, None);
            // If the reading thread is gone the tile stays missing; the basemap shows.
            let _ = self.requests.send(tile_id);
        }
        self.best_available(tile_id)
    }

    fn attribution(&self) -> Attribution {
        Attribution {
            text: "Local tiles",
            url: "",
            logo_light: None,
            logo_dark: None,
        }
    }

    fn tile_size(&self) -> u32 {
        self.tile_size
    }
}

/// Reads requested tiles, the newest first: while the user pans, the tiles
/// asked for a moment ago matter more than the ones asked for earlier.
fn read_tiles(
    root: &Path,
    tile_size: u32,
    requested: &Receiver<TileId>,
    arrived: &Sender<Arrival>,
    ctx: &egui::Context,
) {
    while let Ok(first) = requested.recv() {
        let mut batch: Vec<TileId> = std::iter::once(first).chain(requested.try_iter()).collect();
        while let Some(tile_id) = batch.pop() {
            let arrival = read_tile(root, tile_id, tile_size, ctx);
            if arrived.send(arrival).is_err() {
                return;
            }
            ctx.request_repaint();
        }
    }
}

fn read_tile(root: &Path, tile_id: TileId, tile_size: u32, ctx: &egui::Context) -> Arrival {
    let folder = root
        .join(tile_id.zoom.to_string())
        .join(tile_id.x.to_string());
    let found = TILE_EXTENSIONS.iter().find_map(|extension| {
        let path = folder.join(format!("{}.{extension}", tile_id.y));
        match read_file(&path, MAX_TILE_BYTES) {
            Err(ReadError::Io(_)) if !path.exists() => None,
            read => Some((path, read)),
        }
    });
    let (tile, problem) = match found {
        None => (None, None),
        Some((path, Err(error))) => (None, Some(format!("{}: {error}", path.display()))),
        Some((path, Ok(bytes))) => match Tile::new(&bytes, &Style, tile_id.zoom, tile_size, ctx) {
            Ok(tile) => (Some(tile), None),
            Err(error) => (None, Some(format!("{}: {error}", path.display()))),
        },
    };
    Arrival {
        tile_id,
        tile,
        problem,
    }
}

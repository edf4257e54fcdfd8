//! A tile source kept to the zoom levels it has: past its deepest level the map
//! shows that level's tiles enlarged, instead of asking for tiles that do not
//! exist; above its shallowest it asks for nothing, and the basemap shows.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use eframe::egui::{Rect, pos2};
use walkers::sources::Attribution;
use walkers::{Stats, TileId, TilePiece, Tiles};

pub struct ZoomLimited<T> {
    inner: T,
    min_zoom: u8,
    max_zoom: u8,
    /// Tile pieces handed to the map, for the status line and tests.
    drawn: Arc<AtomicUsize>,
}

impl<T: Tiles> ZoomLimited<T> {
    pub fn new(inner: T, min_zoom: u8, max_zoom: u8, drawn: Arc<AtomicUsize>) -> Self {
        Self {
            inner,
            min_zoom,
            max_zoom,
            drawn,
        }
    }

    pub fn inner_mut(&mut self) -> &mut T {
        &mut self.inner
    }
}

impl<T: Tiles> Tiles for ZoomLimited<T> {
    fn at(&mut self, tile_id: TileId) -> Option<TilePiece> {
        if tile_id.zoom < self.min_zoom {
            return None;
        }
        let piece = if tile_id.zoom > self.max_zoom {
            let (parent, part) = piece_of_parent(tile_id, self.max_zoom);
            let piece = self.inner.at(parent)?;
            TilePiece::new(piece.tile, part_of(piece.uv, part))
        } else {
            self.inner.at(tile_id)?
        };
        self.drawn.fetch_add(1, Ordering::Relaxed);
        Some(piece)
    }

    fn attribution(&self) -> Attribution {
        self.inner.attribution()
    }

    fn tile_size(&self) -> u32 {
        self.inner.tile_size()
    }

    fn stats(&self) -> Stats {
        self.inner.stats()
    }
}

/// The tile at `zoom` (at most `tile_id`'s) covering `tile_id`, and the part of it
/// that `tile_id` covers, in texture coordinates.
pub fn piece_of_parent(tile_id: TileId, zoom: u8) -> (TileId, Rect) {
    let levels = tile_id.zoom.saturating_sub(zoom);
    let ratio = 1u32.checked_shl(u32::from(levels)).unwrap_or(u32::MAX);
    let parent = TileId {
        x: tile_id.x / ratio,
        y: tile_id.y / ratio,
        zoom: tile_id.zoom - levels,
    };
    // Exact for any zoom walkers shows: at most 26 levels, so `ratio` fits an f32.
    let step = 1.0 / ratio as f32;
    let min = pos2(
        (tile_id.x % ratio) as f32 * step,
        (tile_id.y % ratio) as f32 * step,
    );
    (parent, Rect::from_min_size(min, egui_vec(step)))
}

fn egui_vec(side: f32) -> eframe::egui::Vec2 {
    eframe::egui::Vec2::splat(side)
}

/// `part` of the texture region `uv`.
fn part_of(uv: Rect, part: Rect) -> Rect {
    Rect::from_min_size(
        uv.min + part.min.to_vec2() * uv.size(),
        part.size() * uv.size(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tile_two_levels_down_is_a_sixteenth_of_its_grandparent() {
        let (parent, uv) = piece_of_parent(
            TileId {
                x: 7,
                y: 5,
                zoom: 4,
            },
            2,
        );
        assert_eq!(
            parent,
            TileId {
                x: 1,
                y: 1,
                zoom: 2
            }
        );
        assert_eq!(uv, Rect::from_min_size(pos2(0.75, 0.25), egui_vec(0.25)));
    }

    #[test]
    fn a_tile_is_its_own_parent_at_its_own_zoom() {
        let tile = TileId {
            x: 3,
            y: 9,
            zoom: 5,
        };
        assert_eq!(
            piece_of_parent(tile, 5),
            (tile, Rect::from_min_size(pos2(0.0, 0.0), egui_vec(1.0)))
        );
    }

    #[test]
    fn a_part_of_a_part_multiplies_out() {
        let half = Rect::from_min_size(pos2(0.5, 0.0), egui_vec(0.5));
        let quarter = Rect::from_min_size(pos2(0.5, 0.5), egui_vec(0.5));
        assert_eq!(
            part_of(half, quarter),
            Rect::from_min_size(pos2(0.75, 0.25), egui_vec(0.25))
        );
    }
}

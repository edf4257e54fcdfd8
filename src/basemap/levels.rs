//! The basemap made ready to draw: projected to Web Mercator once, then
//! simplified and triangulated for each zoom level by [`crate::shapes`], so a
//! frame only moves vertices.
//!
//! Levels are built on a background thread, nearest the starting zoom first; until
//! the wanted one is ready the nearest ready one is drawn.

use std::sync::{Arc, OnceLock};

use geo::MapCoords as _;
use geo_types::{Coord, LineString, MultiPolygon};

use super::{AreaKind, Basemap, BasemapError, LabelKind, LineKind};
use crate::shapes::{self, Levels, Scale, build_order, fill_of, level_for, rings_of, stroke_of};

pub use crate::shapes::{Bounds, FINEST_LEVEL, mercator, world_size};

/// A land or lake polygon, triangulated.
pub type Fill = shapes::Fill<AreaKind>;

/// A coast, border, river or shore.
pub type Stroke = shapes::Stroke<LineKind>;

/// The basemap simplified for one zoom level, in world units.
pub type Level = shapes::Level<AreaKind, LineKind>;

/// A name to write, at its place in world units.
#[derive(Clone, Debug)]
pub struct PlacedLabel {
    pub kind: LabelKind,
    pub text: String,
    pub at: [f64; 2],
    pub min_zoom: f64,
}

/// The basemap in world units, before simplification.
struct Projected {
    areas: Vec<(AreaKind, MultiPolygon<f64>)>,
    lines: Vec<(LineKind, LineString<f64>)>,
}

impl Projected {
    fn new(basemap: &Basemap) -> Projected {
        let project = |c: Coord<f64>| {
            let [x, y] = mercator(c.x, c.y);
            Coord { x, y }
        };
        Projected {
            areas: basemap
                .areas
                .iter()
                .map(|a| (a.kind, shapes::project(&a.shape)))
                .collect(),
            lines: basemap
                .lines
                .iter()
                .map(|l| (l.kind, l.path.map_coords(project)))
                .collect(),
        }
    }
}

/// Every level, each filled in once it is built, and the labels.
pub struct LevelSet {
    levels: Levels<Level>,
    labels: OnceLock<Vec<PlacedLabel>>,
    failure: OnceLock<BasemapError>,
}

impl LevelSet {
    /// Parses `geojson` and builds its levels on a thread named "claimmap-basemap",
    /// nearest `first_zoom` first, calling `on_ready` after each (and on failure).
    pub fn spawn(
        geojson: &'static [u8],
        first_zoom: f64,
        on_ready: impl Fn() + Send + 'static,
    ) -> std::io::Result<Arc<LevelSet>> {
        let set = Arc::new(LevelSet::empty());
        let filling = Arc::clone(&set);
        std::thread::Builder::new()
            .name("claimmap-basemap".to_owned())
            .spawn(move || {
                let basemap = match Basemap::from_geojson(geojson) {
                    Ok(basemap) => basemap,
                    Err(error) => {
                        let _ = filling.failure.set(error);
                        on_ready();
                        return;
                    }
                };
                let _ = filling.labels.set(placed_labels(&basemap));
                let projected = Projected::new(&basemap);
                drop(basemap);
                for level in build_order(level_for(first_zoom)) {
                    filling.levels.set(level, build_level(&projected, level));
                    on_ready();
                }
            })?;
        Ok(set)
    }

    /// Every level built at once, on this thread (for tests and benchmarks).
    pub fn build_now(basemap: &Basemap) -> LevelSet {
        let set = LevelSet::empty();
        let _ = set.labels.set(placed_labels(basemap));
        let projected = Projected::new(basemap);
        for level in 0..=FINEST_LEVEL {
            set.levels.set(level, build_level(&projected, level));
        }
        set
    }

    fn empty() -> LevelSet {
        LevelSet {
            levels: Levels::default(),
            labels: OnceLock::new(),
            failure: OnceLock::new(),
        }
    }

    /// Why there is no basemap, if the built-in file could not be read.
    pub fn failure(&self) -> Option<&BasemapError> {
        self.failure.get()
    }

    /// The level made for `zoom` if it is built, else the nearest built one.
    pub fn best(&self, zoom: f64) -> Option<&Level> {
        self.levels.best(zoom)
    }

    pub fn is_complete(&self) -> bool {
        self.levels.is_complete()
    }

    /// Whether `zoom` draws as finely as it will: its level is built, or
    /// there is nothing to wait for because the basemap failed.
    pub fn ready_at(&self, zoom: f64) -> bool {
        self.failure().is_some() || self.levels.ready_at(zoom)
    }

    pub fn labels(&self) -> &[PlacedLabel] {
        self.labels.get().map_or(&[], Vec::as_slice)
    }
}

fn placed_labels(basemap: &Basemap) -> Vec<PlacedLabel> {
    basemap
        .labels
        .iter()
        .map(|label| PlacedLabel {
            kind: label.kind,
            text: label.text.clone(),
            at: mercator(label.position.x(), label.position.y()),
            min_zoom: label.min_zoom,
        })
        .collect()
}

fn build_level(projected: &Projected, level: u8) -> Level {
    let scale = Scale::of(level);
    let mut built = Level::default();
    for (kind, shape) in &projected.areas {
        // Provinces are drawn from their own boundary lines, not their outlines.
        if *kind == AreaKind::Province {
            continue;
        }
        for polygon in shapes::simplified(shape, scale) {
            built.fills.extend(fill_of(*kind, &polygon));
            // Land outlines are drawn from the border and coast lines.
            if *kind == AreaKind::Lake {
                built
                    .strokes
                    .extend(rings_of(LineKind::Shore, &polygon, scale.pixel));
            }
        }
    }
    for (kind, path) in &projected.lines {
        use geo::Simplify as _;
        built.strokes.extend(stroke_of(
            *kind,
            &path.simplify(scale.tolerance),
            scale.pixel,
        ));
    }
    built
}

#[cfg(test)]
mod tests {
    use super::*;

    fn points_in(level: &Level) -> usize {
        level.strokes.iter().map(|s| s.points.len()).sum::<usize>()
            + level.fills.iter().map(|f| f.vertices.len()).sum::<usize>()
    }

    #[test]
    fn coarser_levels_carry_fewer_points_and_the_finest_all_of_them() {
        let basemap = Basemap::built_in().expect("parses");
        let set = LevelSet::build_now(&basemap);
        let counts: Vec<usize> = (0..=FINEST_LEVEL)
            .map(|level| points_in(set.levels.get(level).expect("built")))
            .collect();
        assert!(counts.windows(2).all(|w| w[0] <= w[1]), "{counts:?}");
        assert!(
            counts[0] * 5 < counts[usize::from(FINEST_LEVEL)],
            "{counts:?}"
        );
        let lines: usize = basemap.lines.iter().map(|l| l.path.0.len()).sum();
        assert!(counts[usize::from(FINEST_LEVEL)] >= lines);
    }

    #[test]
    fn every_triangle_is_made_of_its_own_fills_vertices() {
        let basemap = Basemap::built_in().expect("parses");
        let set = LevelSet::build_now(&basemap);
        for level in [0, 5, FINEST_LEVEL] {
            let level = set.levels.get(level).expect("built");
            assert!(level.fills.iter().any(|f| f.kind == AreaKind::Land));
            for fill in &level.fills {
                assert_eq!(fill.triangles.len() % 3, 0);
                assert!(
                    fill.triangles
                        .iter()
                        .all(|&i| (i as usize) < fill.vertices.len())
                );
            }
        }
    }

    #[test]
    fn the_background_thread_builds_every_level_and_says_so() {
        let (told, hear) = std::sync::mpsc::channel();
        let set = LevelSet::spawn(super::super::BUILT_IN, 5.0, move || {
            let _ = told.send(());
        })
        .expect("a thread");
        for _ in 0..=FINEST_LEVEL {
            hear.recv_timeout(std::time::Duration::from_secs(120))
                .expect("a level in time");
        }
        assert!(set.is_complete());
        assert!(set.failure().is_none());
        assert!(set.labels().iter().any(|l| l.text == "Daykundi"));
    }

    #[test]
    fn a_broken_basemap_is_a_failure_not_a_panic() {
        let (told, hear) = std::sync::mpsc::channel();
        let set = LevelSet::spawn(b"{not json", 5.0, move || {
            let _ = told.send(());
        })
        .expect("a thread");
        hear.recv_timeout(std::time::Duration::from_secs(10))
            .expect("told");
        assert!(matches!(
            set.failure(),
            Some(BasemapError::Json { line: 1, .. })
        ));
        assert!(set.best(5.0).is_none());
    }
}

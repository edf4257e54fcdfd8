//! The basemap made ready to draw: projected to Web Mercator once, then simplified
//! and triangulated for each zoom level, so a frame only moves vertices.
//!
//! Levels are built on a background thread, nearest the starting zoom first; until
//! the wanted one is ready the nearest ready one is drawn.

use std::f64::consts::PI;
use std::sync::{Arc, OnceLock};

use geo::{Area as _, Simplify, TriangulateEarcut};
use geo_types::{Coord, LineString, MultiPolygon, Polygon};

use super::{AreaKind, Basemap, BasemapError, LabelKind, LineKind};

/// From this level on the data is drawn as it is: its 4 decimals (about 11 m) are
/// finer than a pixel up to about zoom 13.
pub const FINEST_LEVEL: u8 = 12;

/// How far a simplified outline may stray from the original, in pixels.
const TOLERANCE_PX: f64 = 0.5;

/// Web Mercator as walkers projects: `x` and `y` run from 0 to 1 across the world,
/// `y` southwards; at zoom `z` the world is `256 · 2^z` pixels wide.
pub fn mercator(lon: f64, lat: f64) -> [f64; 2] {
    const LIMIT: f64 = 85.051_128_78;
    let lat = lat.clamp(-LIMIT, LIMIT).to_radians();
    let x = (lon + 180.0) / 360.0;
    let y = (1.0 - lat.tan().asinh() / PI) / 2.0;
    [x, y]
}

/// One world unit in pixels at `zoom`.
pub fn world_size(zoom: f64) -> f64 {
    256.0 * 2f64.powf(zoom)
}

/// A box in world units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bounds {
    pub min: [f64; 2],
    pub max: [f64; 2],
}

impl Bounds {
    fn around(points: impl IntoIterator<Item = [f64; 2]>) -> Option<Bounds> {
        let mut points = points.into_iter();
        let first = points.next()?;
        Some(points.fold(
            Bounds {
                min: first,
                max: first,
            },
            |b, [x, y]| Bounds {
                min: [b.min[0].min(x), b.min[1].min(y)],
                max: [b.max[0].max(x), b.max[1].max(y)],
            },
        ))
    }

    pub fn intersects(&self, other: &Bounds) -> bool {
        self.min[0] <= other.max[0]
            && other.min[0] <= self.max[0]
            && self.min[1] <= other.max[1]
            && other.min[1] <= self.max[1]
    }

    fn diagonal(&self) -> f64 {
        (self.max[0] - self.min[0]).hypot(self.max[1] - self.min[1])
    }
}

/// A filled polygon, triangulated.
#[derive(Clone, Debug)]
pub struct Fill {
    pub kind: AreaKind,
    pub bounds: Bounds,
    pub vertices: Vec<[f64; 2]>,
    /// Three indices into `vertices` per triangle.
    pub triangles: Vec<u32>,
}

/// An open or closed line.
#[derive(Clone, Debug)]
pub struct Stroke {
    pub kind: LineKind,
    pub bounds: Bounds,
    pub points: Vec<[f64; 2]>,
}

/// The basemap simplified for one zoom level, in world units.
#[derive(Clone, Debug, Default)]
pub struct Level {
    pub fills: Vec<Fill>,
    pub strokes: Vec<Stroke>,
}

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
        use geo::MapCoords as _;
        Projected {
            areas: basemap
                .areas
                .iter()
                .map(|a| (a.kind, a.shape.map_coords(project)))
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
    levels: Vec<OnceLock<Level>>,
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
                    // Only this thread sets levels, so each is set once.
                    let _ = filling.levels[usize::from(level)].set(build_level(&projected, level));
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
            let _ = set.levels[usize::from(level)].set(build_level(&projected, level));
        }
        set
    }

    fn empty() -> LevelSet {
        LevelSet {
            levels: (0..=FINEST_LEVEL).map(|_| OnceLock::new()).collect(),
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
        let wanted = level_for(zoom);
        build_order(wanted).find_map(|level| self.levels[usize::from(level)].get())
    }

    pub fn is_complete(&self) -> bool {
        self.levels.iter().all(|level| level.get().is_some())
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

/// The level drawn at a (fractional) map zoom.
pub fn level_for(zoom: f64) -> u8 {
    // The clamp keeps the value in 0..=FINEST_LEVEL, so the cast is exact.
    zoom.floor().clamp(0.0, f64::from(FINEST_LEVEL)) as u8
}

/// Every level, nearest to `first` first; on a tie the coarser, which is cheaper.
fn build_order(first: u8) -> impl Iterator<Item = u8> {
    let mut order: Vec<u8> = (0..=FINEST_LEVEL).collect();
    order.sort_by_key(|&level| (level.abs_diff(first), level > first));
    order.into_iter()
}

fn build_level(projected: &Projected, level: u8) -> Level {
    let pixel = 1.0 / world_size(f64::from(level));
    let tolerance = if level >= FINEST_LEVEL {
        0.0
    } else {
        TOLERANCE_PX * pixel
    };
    let mut built = Level::default();
    for (kind, shape) in &projected.areas {
        // Provinces are drawn from their own boundary lines, not their outlines.
        if *kind == AreaKind::Province {
            continue;
        }
        let simplified = shape.simplify(tolerance);
        let big_enough = |p: &&Polygon<f64>| p.unsigned_area() > pixel * pixel;
        for polygon in simplified.iter().filter(big_enough) {
            built.fills.extend(fill_of(*kind, polygon));
            // Land outlines are drawn from the border and coast lines.
            if *kind == AreaKind::Lake {
                let rings = std::iter::once(polygon.exterior()).chain(polygon.interiors());
                built
                    .strokes
                    .extend(rings.filter_map(|ring| stroke_of(LineKind::Shore, ring, pixel)));
            }
        }
    }
    for (kind, path) in &projected.lines {
        built
            .strokes
            .extend(stroke_of(*kind, &path.simplify(tolerance), pixel));
    }
    built
}

fn fill_of(kind: AreaKind, polygon: &Polygon<f64>) -> Option<Fill> {
    let triangulation = polygon.earcut_triangles_raw();
    let triangles = triangulation
        .triangle_indices
        .iter()
        .map(|&i| u32::try_from(i).ok())
        .collect::<Option<Vec<u32>>>()?;
    if triangles.is_empty() {
        return None;
    }
    Some(Fill {
        kind,
        bounds: Bounds::around(triangulation.vertices.iter().copied())?,
        vertices: triangulation.vertices,
        triangles,
    })
}

/// A line worth drawing: longer than a pixel.
fn stroke_of(kind: LineKind, path: &LineString<f64>, pixel: f64) -> Option<Stroke> {
    let points: Vec<[f64; 2]> = path.coords().map(|c| [c.x, c.y]).collect();
    let bounds = Bounds::around(points.iter().copied())?;
    (points.len() >= 2 && bounds.diagonal() >= pixel).then_some(Stroke {
        kind,
        bounds,
        points,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn points_in(level: &Level) -> usize {
        level.strokes.iter().map(|s| s.points.len()).sum::<usize>()
            + level.fills.iter().map(|f| f.vertices.len()).sum::<usize>()
    }

    #[test]
    fn mercator_puts_the_world_in_a_unit_square() {
        assert_eq!(mercator(0.0, 0.0), [0.5, 0.5]);
        assert_eq!(mercator(-180.0, 0.0)[0], 0.0);
        assert_eq!(mercator(180.0, 0.0)[0], 1.0);
        assert!(mercator(0.0, 85.0511287798)[1].abs() < 1e-9);
        assert!(mercator(0.0, 89.9)[1].abs() < 1e-9, "poles are clamped");
    }

    #[test]
    fn coarser_levels_carry_fewer_points_and_the_finest_all_of_them() {
        let basemap = Basemap::built_in().expect("parses");
        let set = LevelSet::build_now(&basemap);
        let counts: Vec<usize> = (0..=FINEST_LEVEL)
            .map(|level| points_in(set.levels[usize::from(level)].get().expect("built")))
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
            let level = set.levels[usize::from(level)].get().expect("built");
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
    fn a_missing_level_is_drawn_from_the_nearest_one_built() {
        let set = LevelSet::empty();
        assert!(set.best(6.0).is_none());
        let _ = set.levels[3].set(Level::default());
        let _ = set.levels[9].set(Level {
            strokes: vec![Stroke {
                kind: LineKind::River,
                bounds: Bounds {
                    min: [0.0, 0.0],
                    max: [1.0, 1.0],
                },
                points: vec![[0.0, 0.0], [1.0, 1.0]],
            }],
            ..Level::default()
        });
        assert_eq!(
            set.best(8.7).map(|l| l.strokes.len()),
            Some(1),
            "9 is nearer to 8"
        );
        assert_eq!(
            set.best(5.5).map(|l| l.strokes.len()),
            Some(0),
            "3 is nearer to 5"
        );
        assert_eq!(
            set.best(6.0).map(|l| l.strokes.len()),
            Some(0),
            "a tie goes coarser"
        );
    }

    #[test]
    fn levels_are_built_nearest_the_first_zoom_first() {
        let order: Vec<u8> = build_order(5).collect();
        assert_eq!(order[..5], [5, 4, 6, 3, 7]);
        let mut sorted = order.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..=FINEST_LEVEL).collect::<Vec<_>>());
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

//! Outlines made ready to draw: projected to Web Mercator once, then
//! simplified and triangulated for each zoom level, so that a frame only moves
//! vertices onto the screen. The built-in basemap, the places that are areas
//! and the maps of a series are all prepared here, each on a thread of its own.
//!
//! Nothing here knows about egui: the window colours and draws what this
//! module prepares.

pub mod areas;
pub mod hatch;
mod levels;
pub mod snapshot;

use std::f64::consts::PI;

use geo::{Area as _, MapCoords as _, Simplify, TriangulateEarcut};
use geo_types::{Coord, LineString, MultiPolygon, Polygon};

pub use levels::{FINEST_LEVEL, Levels, build_order, level_for};

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

/// A shape in longitude and latitude, in world units.
pub fn project(shape: &MultiPolygon<f64>) -> MultiPolygon<f64> {
    shape.map_coords(|c: Coord<f64>| {
        let [x, y] = mercator(c.x, c.y);
        Coord { x, y }
    })
}

/// A box in world units (or any units its user keeps to).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bounds {
    pub min: [f64; 2],
    pub max: [f64; 2],
}

impl Bounds {
    pub fn around(points: impl IntoIterator<Item = [f64; 2]>) -> Option<Bounds> {
        let mut points = points.into_iter();
        let first = points.next()?;
        Some(points.fold(
            Bounds {
                min: first,
                max: first,
            },
            |b, p| b.with(p),
        ))
    }

    /// This box grown to hold `p`.
    pub fn with(self, [x, y]: [f64; 2]) -> Bounds {
        Bounds {
            min: [self.min[0].min(x), self.min[1].min(y)],
            max: [self.max[0].max(x), self.max[1].max(y)],
        }
    }

    pub fn intersects(&self, other: &Bounds) -> bool {
        self.min[0] <= other.max[0]
            && other.min[0] <= self.max[0]
            && self.min[1] <= other.max[1]
            && other.min[1] <= self.max[1]
    }

    pub fn contains(&self, [x, y]: [f64; 2]) -> bool {
        (self.min[0]..=self.max[0]).contains(&x) && (self.min[1]..=self.max[1]).contains(&y)
    }

    pub fn width(&self) -> f64 {
        self.max[0] - self.min[0]
    }

    pub fn diagonal(&self) -> f64 {
        self.width().hypot(self.max[1] - self.min[1])
    }
}

/// A filled polygon, triangulated; `kind` says what it is (a kind of land, a place).
#[derive(Clone, Debug)]
pub struct Fill<K> {
    pub kind: K,
    pub bounds: Bounds,
    pub vertices: Vec<[f64; 2]>,
    /// Three indices into `vertices` per triangle.
    pub triangles: Vec<u32>,
}

/// An open line, or a closed ring (its last point its first).
#[derive(Clone, Debug)]
pub struct Stroke<K> {
    pub kind: K,
    pub bounds: Bounds,
    pub points: Vec<[f64; 2]>,
}

/// What is drawn at one zoom level, in world units.
#[derive(Clone, Debug)]
pub struct Level<A, L> {
    pub fills: Vec<Fill<A>>,
    pub strokes: Vec<Stroke<L>>,
}

// Derived, it would ask `A` and `L` to be `Default` too.
impl<A, L> Default for Level<A, L> {
    fn default() -> Self {
        Level {
            fills: Vec::new(),
            strokes: Vec::new(),
        }
    }
}

/// How fine one zoom level is, in world units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scale {
    /// One pixel.
    pub pixel: f64,
    /// How far a simplified outline may stray; nothing at the finest level,
    /// where data at 4 decimals (about 11 m) is finer than a pixel up to about zoom 13.
    pub tolerance: f64,
}

impl Scale {
    pub fn of(level: u8) -> Scale {
        Scale::straying(level, TOLERANCE_PX)
    }

    /// A level whose outlines may stray `tolerance_px` pixels (but none at the finest).
    pub fn straying(level: u8, tolerance_px: f64) -> Scale {
        let pixel = 1.0 / world_size(f64::from(level));
        let tolerance = if level >= FINEST_LEVEL {
            0.0
        } else {
            tolerance_px * pixel
        };
        Scale { pixel, tolerance }
    }
}

/// The polygons of `shape` (in world units) simplified for `scale`, leaving
/// out those smaller than a pixel.
pub fn simplified(shape: &MultiPolygon<f64>, scale: Scale) -> Vec<Polygon<f64>> {
    let pixel_area = scale.pixel * scale.pixel;
    shape
        .0
        .iter()
        .map(|polygon| polygon.simplify(scale.tolerance))
        .filter(|polygon| polygon.unsigned_area() > pixel_area)
        .collect()
}

/// A polygon triangulated, or `None` if nothing of it is left to fill.
pub fn fill_of<K>(kind: K, polygon: &Polygon<f64>) -> Option<Fill<K>> {
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
pub fn stroke_of<K>(kind: K, path: &LineString<f64>, pixel: f64) -> Option<Stroke<K>> {
    let points: Vec<[f64; 2]> = path.coords().map(|c| [c.x, c.y]).collect();
    let bounds = Bounds::around(points.iter().copied())?;
    (points.len() >= 2 && bounds.diagonal() >= pixel).then_some(Stroke {
        kind,
        bounds,
        points,
    })
}

/// The rings of a polygon worth drawing, its outer ring first.
pub fn rings_of<'a, K: Copy + 'a>(
    kind: K,
    polygon: &'a Polygon<f64>,
    pixel: f64,
) -> impl Iterator<Item = Stroke<K>> + 'a {
    std::iter::once(polygon.exterior())
        .chain(polygon.interiors())
        .filter_map(move |ring| stroke_of(kind, ring, pixel))
}

#[cfg(test)]
mod tests {
    use geo_types::polygon;

    use super::*;

    #[test]
    fn mercator_puts_the_world_in_a_unit_square() {
        assert_eq!(mercator(0.0, 0.0), [0.5, 0.5]);
        assert_eq!(mercator(-180.0, 0.0)[0], 0.0);
        assert_eq!(mercator(180.0, 0.0)[0], 1.0);
        assert!(mercator(0.0, 85.0511287798)[1].abs() < 1e-9);
        assert!(mercator(0.0, 89.9)[1].abs() < 1e-9, "poles are clamped");
    }

    #[test]
    fn a_polygon_smaller_than_a_pixel_is_left_out_and_a_larger_one_kept() {
        let square = |side: f64| {
            MultiPolygon(vec![polygon![
                (x: 0.0, y: 0.0), (x: side, y: 0.0), (x: side, y: side), (x: 0.0, y: side)
            ]])
        };
        let scale = Scale::of(4);
        assert!(simplified(&square(scale.pixel / 2.0), scale).is_empty());
        let kept = simplified(&square(scale.pixel * 3.0), scale);
        assert_eq!(kept.len(), 1);
        let fill = fill_of('a', &kept[0]).expect("two triangles");
        assert_eq!(fill.triangles.len(), 6);
        assert_eq!(rings_of('a', &kept[0], scale.pixel).count(), 1);
    }

    #[test]
    fn the_finest_level_keeps_every_point() {
        assert_eq!(Scale::of(FINEST_LEVEL).tolerance, 0.0);
        assert!(Scale::of(3).tolerance > Scale::of(4).tolerance);
    }
}

//! A polygon made ready for many point-in-polygon tests: its edges sorted
//! into horizontal strips, so a point is tested against the few edges of its
//! strip instead of all of them. A publisher's map has tens of thousands of
//! points along its front line and is asked about tens of thousands of towns.

use geo_types::{Coord, Point, Polygon};

/// About this many edges per strip.
const EDGES_PER_STRIP: usize = 16;

pub struct PreparedPolygon {
    south: f64,
    strip_height: f64,
    /// The edges (of every ring, holes included) that reach into each strip.
    strips: Vec<Vec<[Coord<f64>; 2]>>,
}

impl PreparedPolygon {
    pub fn new(polygon: &Polygon<f64>) -> Self {
        let rings = std::iter::once(polygon.exterior()).chain(polygon.interiors());
        let edges: Vec<[Coord<f64>; 2]> = rings
            .flat_map(|ring| ring.lines().map(|line| [line.start, line.end]))
            .filter(|[a, b]| a.y.is_finite() && b.y.is_finite())
            .collect();
        let (south, north) = edges
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(s, n), [a, b]| {
                (s.min(a.y).min(b.y), n.max(a.y).max(b.y))
            });
        let count = (edges.len() / EDGES_PER_STRIP).clamp(1, 1 << 16);
        let strip_height = if north > south {
            (north - south) / count as f64
        } else {
            1.0
        };
        let mut strips = vec![Vec::new(); count];
        let strip_of = |y: f64| (((y - south) / strip_height) as usize).min(count - 1);
        for edge in edges {
            let [a, b] = edge;
            let (first, last) = (strip_of(a.y.min(b.y)), strip_of(a.y.max(b.y)));
            for strip in &mut strips[first..=last] {
                strip.push(edge);
            }
        }
        PreparedPolygon {
            south,
            strip_height,
            strips,
        }
    }

    /// Whether `point` is inside, by counting the edges a ray to the east
    /// crosses (so a point in a hole is outside).
    pub fn contains(&self, point: Point<f64>) -> bool {
        let (x, y) = (point.x(), point.y());
        let strip = (y - self.south) / self.strip_height;
        if !(0.0..=self.strips.len() as f64).contains(&strip) {
            return false;
        }
        let strip = (strip as usize).min(self.strips.len() - 1);
        let mut inside = false;
        for [a, b] in &self.strips[strip] {
            if (a.y > y) != (b.y > y) {
                let crossing = a.x + (y - a.y) * (b.x - a.x) / (b.y - a.y);
                if x < crossing {
                    inside = !inside;
                }
            }
        }
        inside
    }
}

#[cfg(test)]
mod tests {
    use geo::Contains;
    use geo_types::{LineString, polygon};

    use super::*;

    /// On a grid of points, the same answers as geo's own test, holes and all.
    #[test]
    fn a_prepared_polygon_contains_what_the_polygon_contains() {
        let wiggly: Vec<(f64, f64)> = (0..=400)
            .map(|i| {
                let y = i as f64 / 40.0;
                (3.0 + (y * 4.0).sin(), y)
            })
            .chain([(10.0, 10.0), (10.0, 0.0), (3.0, 0.0)])
            .collect();
        let hole = LineString::from(vec![
            (6.0, 4.0),
            (8.0, 4.0),
            (8.0, 6.0),
            (6.0, 6.0),
            (6.0, 4.0),
        ]);
        let shapes = [
            Polygon::new(LineString::from(wiggly), vec![hole]),
            polygon![(x: 0.0, y: 0.0), (x: 4.0, y: 0.0), (x: 2.0, y: 3.0)],
        ];
        for shape in shapes {
            let prepared = PreparedPolygon::new(&shape);
            for i in 0..=120 {
                for j in 0..=120 {
                    let point = Point::new(
                        -1.0 + i as f64 * 0.1 + 0.0137,
                        -1.0 + j as f64 * 0.1 + 0.0071,
                    );
                    assert_eq!(
                        prepared.contains(point),
                        shape.contains(&point),
                        "{point:?}"
                    );
                }
            }
        }
    }
}

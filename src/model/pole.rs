//! The point of an area where its label goes: the point inside it farthest
//! from its edges (the "pole of inaccessibility"). A centroid can fall outside
//! a crescent or a province with a bay; this point never does.
//!
//! The search is the one Mapbox's polylabel made known: cover the area with
//! square cells, and keep splitting the cell that could hold a point farther
//! from the edges than the best found so far, until no cell can beat it by
//! more than the precision asked.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use geo::{Area, BoundingRect, Centroid, Contains, InteriorPoint};
use geo_types::{Coord, LineString, MultiPolygon, Point, Polygon};

/// How many cells are looked at, at most: enough for any province at a
/// precision of a thousandth of its size.
const MAX_CELLS: usize = 20_000;

/// Distances worked out, at most (cells × edges): a bound on the time any
/// outline takes, however many points a file gives it.
const MAX_WORK: usize = 40_000_000;

/// An outline with more edges than this is searched over every k-th point.
const SEARCHED_EDGES: usize = 2_048;

/// The pole of the largest polygon of `area`, to within a thousandth of its
/// size; `None` for an area with nothing inside it.
pub fn pole_of_inaccessibility(area: &MultiPolygon<f64>) -> Option<Point<f64>> {
    let largest = area.0.iter().max_by(|a, b| {
        let (a, b) = (a.unsigned_area(), b.unsigned_area());
        a.partial_cmp(&b).unwrap_or(Ordering::Equal)
    })?;
    // A coarse outline finds the pole in a fraction of the time; the point
    // is then checked against the outline as written.
    if let Some(coarse) = every_kth_point(largest, SEARCHED_EDGES) {
        let pole = search(&coarse);
        if let Some(pole) = pole.filter(|pole| largest.contains(pole)) {
            return Some(pole);
        }
    }
    search(largest)
}

/// The polygon through every k-th point of each ring, with at most about
/// `edges` edges; `None` when it has no more than that already.
fn every_kth_point(polygon: &Polygon<f64>, edges: usize) -> Option<Polygon<f64>> {
    let count = edge_count(polygon);
    if count <= edges {
        return None;
    }
    let k = count.div_ceil(edges);
    let thin = |ring: &LineString<f64>| {
        let mut coords: Vec<Coord<f64>> = ring.0.iter().step_by(k).copied().collect();
        coords.extend(ring.0.last().copied());
        (coords.len() >= 4).then_some(LineString(coords))
    };
    let exterior = thin(polygon.exterior())?;
    let interiors = polygon.interiors().iter().filter_map(thin).collect();
    Some(Polygon::new(exterior, interiors))
}

fn edge_count(polygon: &Polygon<f64>) -> usize {
    let rings = std::iter::once(polygon.exterior()).chain(polygon.interiors());
    rings.map(|ring| ring.0.len().saturating_sub(1)).sum()
}

fn search(polygon: &Polygon<f64>) -> Option<Point<f64>> {
    let max_cells = (MAX_WORK / edge_count(polygon).max(1)).clamp(64, MAX_CELLS);
    let bounds = polygon.bounding_rect()?;
    let (short, long) = (
        bounds.width().min(bounds.height()),
        bounds.width().max(bounds.height()),
    );
    if short <= 0.0 {
        return Some(bounds.min().into());
    }
    // Cells as wide as the area is narrow, but no more than 64 along it: a
    // long thin district would otherwise start from millions of cells.
    let size = short.max(long / 64.0);
    let precision = short / 1000.0;
    let half = size / 2.0;
    let mut cells = BinaryHeap::new();
    let mut x = bounds.min().x;
    while x < bounds.max().x {
        let mut y = bounds.min().y;
        while y < bounds.max().y {
            cells.push(Cell::new(
                Coord {
                    x: x + half,
                    y: y + half,
                },
                half,
                polygon,
            ));
            y += size;
        }
        x += size;
    }
    let centre = polygon.centroid().map_or(bounds.center(), |c| c.0);
    let mut best = Cell::new(centre, 0.0, polygon);
    let mut looked_at = cells.len();
    while let Some(cell) = cells.pop() {
        if cell.distance > best.distance {
            best = cell;
        }
        if cell.potential - best.distance <= precision || looked_at >= max_cells {
            continue;
        }
        let quarter = cell.half / 2.0;
        for (dx, dy) in [(-1.0, -1.0), (1.0, -1.0), (-1.0, 1.0), (1.0, 1.0)] {
            let centre = Coord {
                x: cell.centre.x + dx * quarter,
                y: cell.centre.y + dy * quarter,
            };
            cells.push(Cell::new(centre, quarter, polygon));
        }
        looked_at += 4;
    }
    if best.distance > 0.0 {
        return Some(best.centre.into());
    }
    // Too thin for the cells looked at: a point inside it all the same.
    polygon.interior_point()
}

/// A square of the search: its centre's distance to the edges (negative
/// outside), and the most any point in it could have.
#[derive(Clone, Copy)]
struct Cell {
    centre: Coord<f64>,
    half: f64,
    distance: f64,
    potential: f64,
}

impl Cell {
    fn new(centre: Coord<f64>, half: f64, polygon: &Polygon<f64>) -> Self {
        let distance = signed_distance(centre, polygon);
        Cell {
            centre,
            half,
            distance,
            potential: distance + half * std::f64::consts::SQRT_2,
        }
    }
}

impl PartialEq for Cell {
    fn eq(&self, other: &Self) -> bool {
        self.potential == other.potential
    }
}

impl Eq for Cell {}

impl PartialOrd for Cell {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Cell {
    /// The cell that could hold the farthest point first.
    fn cmp(&self, other: &Self) -> Ordering {
        self.potential.total_cmp(&other.potential)
    }
}

/// The distance from `point` to the nearest edge of `polygon`, holes
/// included: positive inside, negative outside.
fn signed_distance(point: Coord<f64>, polygon: &Polygon<f64>) -> f64 {
    let rings = std::iter::once(polygon.exterior()).chain(polygon.interiors());
    let nearest = rings
        .flat_map(|ring| ring.lines())
        .map(|line| distance_to_segment(point, line.start, line.end))
        .fold(f64::INFINITY, f64::min);
    if polygon.contains(&Point::from(point)) {
        nearest
    } else {
        -nearest
    }
}

fn distance_to_segment(p: Coord<f64>, a: Coord<f64>, b: Coord<f64>) -> f64 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let length_squared = dx * dx + dy * dy;
    let t = if length_squared > 0.0 {
        (((p.x - a.x) * dx + (p.y - a.y) * dy) / length_squared).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let (x, y) = (a.x + t * dx - p.x, a.y + t * dy - p.y);
    (x * x + y * y).sqrt()
}

#[cfg(test)]
mod tests {
    use geo_types::polygon;

    use super::*;

    #[test]
    fn a_squares_pole_is_its_centre() {
        let square =
            polygon![(x: 0.0, y: 0.0), (x: 10.0, y: 0.0), (x: 10.0, y: 10.0), (x: 0.0, y: 10.0)];
        let pole = pole_of_inaccessibility(&MultiPolygon(vec![square])).unwrap();
        assert!(
            (pole.x() - 5.0).abs() < 0.05 && (pole.y() - 5.0).abs() < 0.05,
            "{pole:?}"
        );
    }

    #[test]
    fn a_crescents_pole_is_inside_it_where_its_centroid_is_not() {
        // A C: its centroid falls in the open middle.
        let c = polygon![
            (x: 0.0, y: 0.0), (x: 10.0, y: 0.0), (x: 10.0, y: 2.0), (x: 2.0, y: 2.0),
            (x: 2.0, y: 8.0), (x: 10.0, y: 8.0), (x: 10.0, y: 10.0), (x: 0.0, y: 10.0)
        ];
        let centroid = c.centroid().unwrap();
        assert!(!c.contains(&centroid));
        let pole = pole_of_inaccessibility(&MultiPolygon(vec![c.clone()])).unwrap();
        assert!(c.contains(&pole), "{pole:?}");
        // At least the half-width of the C's stroke from every edge.
        assert!(signed_distance(pole.0, &c) >= 0.99, "{pole:?}");
    }

    #[test]
    fn a_hole_is_kept_away_from_and_the_largest_polygon_wins() {
        let ring = |x0: f64, y0: f64, size: f64| {
            LineString::from(vec![
                (x0, y0),
                (x0 + size, y0),
                (x0 + size, y0 + size),
                (x0, y0 + size),
                (x0, y0),
            ])
        };
        let with_hole = Polygon::new(ring(0.0, 0.0, 12.0), vec![ring(4.0, 4.0, 4.0)]);
        let small = Polygon::new(ring(100.0, 0.0, 1.0), vec![]);
        let pole = pole_of_inaccessibility(&MultiPolygon(vec![small, with_hole.clone()])).unwrap();
        assert!(with_hole.contains(&pole), "{pole:?}");
        assert!(signed_distance(pole.0, &with_hole) > 1.5, "{pole:?}");
    }

    /// A circle of 200,000 points: searched over a coarse outline, in bounded time.
    #[test]
    fn a_many_pointed_outline_is_searched_coarsely_and_the_pole_is_inside_it() {
        let n = 200_000;
        let mut ring: Vec<(f64, f64)> = (0..n)
            .map(|i| {
                let angle = i as f64 / n as f64 * std::f64::consts::TAU;
                (10.0 * angle.cos(), 10.0 * angle.sin())
            })
            .collect();
        ring.push(ring[0]);
        let circle = Polygon::new(LineString::from(ring), vec![]);
        let pole = pole_of_inaccessibility(&MultiPolygon(vec![circle.clone()])).unwrap();
        assert!(circle.contains(&pole));
        assert!(pole.x().hypot(pole.y()) < 0.1, "near the centre: {pole:?}");
    }

    #[test]
    fn a_long_thin_area_is_searched_from_few_cells_and_labelled_inside() {
        let thin = polygon![(x: 0.0, y: 0.0), (x: 100.0, y: 0.0), (x: 100.0, y: 0.001), (x: 0.0, y: 0.001)];
        let pole = pole_of_inaccessibility(&MultiPolygon(vec![thin.clone()])).unwrap();
        assert!(thin.contains(&pole), "{pole:?}");
    }
}

//! Areas in a gazetteer: GeoJSON Polygon and MultiPolygon features. Every
//! ring is checked as written (a library closes an open ring silently, and
//! a ring of three points has no inside), then the outline as a whole.

use geo::algorithm::sweep::Intersections;
use geo::line_intersection::LineIntersection;
use geo_types::{Coord, Line, LineString, MultiPolygon, Point, Polygon};
use geojson::{GeometryValue, PolygonType, Position};

use super::diagnostic::{Collector, Problem};
use super::gazetteer::checked_point;
use crate::model::{Location, pole_of_inaccessibility};

/// The most edges an outline's crossings are looked for in.
const CHECKED_EDGES: usize = 200_000;

/// What is wrong with one ring of an outline.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum RingFault {
    #[error("is not closed: its last position must repeat its first")]
    NotClosed,
    #[error("has {0} positions; a ring needs at least 4, the last repeating the first")]
    TooFewPositions(usize),
    #[error("has a position with fewer than two numbers (position {0})")]
    ShortPosition(usize),
}

/// An area read: its outline, and the point inside it where its label goes.
pub struct Area {
    pub outline: MultiPolygon<f64>,
    pub label_point: Point<f64>,
    /// The outline crosses itself: kept, but its inside may not be what was meant.
    pub crosses_itself: bool,
}

/// The area of a Polygon or MultiPolygon, or the first problem of its rings;
/// `None` for other geometries.
pub fn area_of(subject: &str, geometry: &GeometryValue) -> Option<Result<Area, Problem>> {
    let outline = outline_of(subject, geometry)?;
    Some(outline.and_then(|outline| {
        let label_point = pole_of_inaccessibility(&outline).ok_or_else(|| Problem::EmptyArea {
            subject: subject.to_owned(),
        })?;
        let crosses_itself = outline.0.iter().any(crosses_itself);
        Ok(Area {
            outline,
            label_point,
            crosses_itself,
        })
    }))
}

/// A gazetteer's area, as both gazetteer formats say it: `None` when the
/// geometry is not an area; `Some(None)` when its outline is broken (an error
/// said at `location`); else its outline and label point, with a warning if
/// the outline crosses itself.
pub fn read_area(
    subject: &str,
    geometry: &GeometryValue,
    location: Option<Location>,
    out: &mut Collector,
) -> Option<Option<(MultiPolygon<f64>, Point<f64>)>> {
    let area = match area_of(subject, geometry)? {
        Ok(area) => area,
        Err(problem) => {
            out.error(location, problem);
            return Some(None);
        }
    };
    if area.crosses_itself {
        let subject = subject.to_owned();
        out.warn(location, Problem::CrossesItself { subject });
    }
    Some(Some((area.outline, area.label_point)))
}

/// The outline of a Polygon or MultiPolygon, its rings checked, or the first
/// problem of them; `None` for other geometries. What a map of a series needs.
pub fn outline_of(
    subject: &str,
    geometry: &GeometryValue,
) -> Option<Result<MultiPolygon<f64>, Problem>> {
    let polygons: Vec<&PolygonType> = match geometry {
        GeometryValue::Polygon { coordinates } => vec![coordinates],
        GeometryValue::MultiPolygon { coordinates } => coordinates.iter().collect(),
        _ => return None,
    };
    let several = polygons.len() > 1;
    let outline = (polygons.iter().enumerate())
        .map(|(p, rings)| polygon(subject, several.then_some(p + 1), rings))
        .collect::<Result<Vec<_>, _>>()
        .map(MultiPolygon);
    Some(outline)
}

/// One polygon: its outer ring, then its holes. `number` counts polygons of a MultiPolygon.
fn polygon(
    subject: &str,
    number: Option<usize>,
    rings: &[Vec<Position>],
) -> Result<Polygon<f64>, Problem> {
    let Some((outer, holes)) = rings.split_first() else {
        return Err(Problem::EmptyArea {
            subject: subject.to_owned(),
        });
    };
    let name = |ring: usize| {
        let ring = match ring {
            0 => "the outer ring".to_owned(),
            hole => format!("hole {hole}"),
        };
        match number {
            Some(p) => format!("polygon {p}, {ring}"),
            None => ring,
        }
    };
    let outer = ring(subject, &name(0), outer)?;
    let holes = (holes.iter().enumerate())
        .map(|(h, hole)| ring(subject, &name(h + 1), hole))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Polygon::new(outer, holes))
}

fn ring(subject: &str, name: &str, positions: &[Position]) -> Result<LineString<f64>, Problem> {
    let fault = |fault| Problem::BadRing {
        subject: subject.to_owned(),
        ring: name.to_owned(),
        fault,
    };
    if positions.len() < 4 {
        return Err(fault(RingFault::TooFewPositions(positions.len())));
    }
    let coords = (positions.iter().enumerate())
        .map(|(i, position)| match position.as_slice() {
            [lon, lat, ..] => {
                checked_point(format!("{subject}, {name}"), *lon, *lat).map(Coord::from)
            }
            _ => Err(fault(RingFault::ShortPosition(i + 1))),
        })
        .collect::<Result<Vec<_>, _>>()?;
    if coords.first() != coords.last() {
        return Err(fault(RingFault::NotClosed));
    }
    Ok(LineString(coords))
}

/// Whether the rings of `polygon` cross themselves or each other, or run along
/// each other. Rings that only touch at a point are let be. A sweep over the
/// edges, so a province of ten thousand points takes milliseconds, not the
/// seconds a check of every pair would.
fn crosses_itself(polygon: &Polygon<f64>) -> bool {
    let rings = std::iter::once(polygon.exterior()).chain(polygon.interiors());
    let edges: Vec<Line<f64>> = rings.flat_map(LineString::lines).collect();
    // Edges that all overlap in longitude make the sweep check every pair:
    // past this many, the warning is not worth the wait.
    if edges.len() > CHECKED_EDGES {
        return false;
    }
    Intersections::from_iter(&edges).any(|(_, _, meeting)| match meeting {
        LineIntersection::SinglePoint { is_proper, .. } => is_proper,
        LineIntersection::Collinear { intersection } => intersection.start != intersection.end,
    })
}

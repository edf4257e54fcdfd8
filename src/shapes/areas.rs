//! The places that are areas, made ready to draw and to click.
//!
//! Their outlines are fixed for a dataset but their colours change with the
//! day, so the geometry (triangles to fill, rings to outline) is built once
//! per zoom level on a thread of its own, each piece tagged with its place,
//! and the window colours it each frame. Larger areas come first, so a
//! district is drawn over the province around it, and a click inside both
//! finds the district.

use std::sync::{Arc, OnceLock, Weak};

use geo::{Area as _, BoundingRect, Contains};
use geo_types::{MultiPolygon, Point};

use super::{Bounds, Level, Levels, Scale, build_order, fill_of, level_for, project, rings_of};
use super::{mercator, simplified};

/// How far an area's simplified outline may stray from its own, in pixels.
const AREA_TOLERANCE_PX: f64 = 1.0;
use crate::model::{Gazetteer, Place};

/// One zoom level of every area: fills and rings tagged with their place's
/// index, larger areas first, each area's pieces together.
pub type AreaLevel = Level<usize, usize>;

/// The areas of one dataset: where each is, and its geometry per level.
#[derive(Default)]
pub struct AreaSet {
    index: OnceLock<AreaIndex>,
    levels: Levels<AreaLevel>,
}

/// Where the areas are, for clicks and labels.
#[derive(Default)]
pub struct AreaIndex {
    /// Smallest first: of nested areas, the innermost is hit.
    by_size: Vec<Indexed>,
    /// Each place's box in world units, `None` for a point.
    world: Vec<Option<Bounds>>,
}

struct Indexed {
    place: usize,
    /// In longitude and latitude.
    bounds: Bounds,
}

/// An area's outline in world units, with its place.
struct Projected {
    place: usize,
    shape: MultiPolygon<f64>,
}

impl AreaSet {
    /// Builds the areas of `gazetteer` on a thread named "claimmap-areas",
    /// nearest `first_zoom` first, calling `on_ready` after each level. The
    /// thread stops early once the set is dropped (a new dataset replaced it).
    pub fn spawn(
        gazetteer: Arc<Gazetteer>,
        first_zoom: f64,
        on_ready: impl Fn() + Send + 'static,
    ) -> std::io::Result<Arc<AreaSet>> {
        let set = Arc::new(AreaSet::default());
        let filling = Arc::downgrade(&set);
        std::thread::Builder::new()
            .name("claimmap-areas".to_owned())
            .spawn(move || fill(&filling, &gazetteer.places, first_zoom, on_ready))?;
        Ok(set)
    }

    /// Every level built at once, on this thread (for tests and benchmarks).
    pub fn build_now(places: &[Place]) -> AreaSet {
        let (index, projected) = prepare(places);
        let set = AreaSet::default();
        let _ = set.index.set(index);
        for level in build_order(0) {
            set.levels.set(level, build_level(&projected, level));
        }
        set
    }

    /// Where the areas are, once the thread has looked.
    pub fn index(&self) -> Option<&AreaIndex> {
        self.index.get()
    }

    /// The level made for `zoom` if it is built, else the nearest built one.
    pub fn best(&self, zoom: f64) -> Option<&AreaLevel> {
        self.levels.best(zoom)
    }

    pub fn level(&self, level: u8) -> Option<&AreaLevel> {
        self.levels.get(level)
    }

    pub fn is_complete(&self) -> bool {
        self.index.get().is_some() && self.levels.is_complete()
    }

    /// Whether the areas draw at `zoom` as finely as they will.
    pub fn ready_at(&self, zoom: f64) -> bool {
        self.index.get().is_some() && self.levels.ready_at(zoom)
    }
}

/// The work of the areas' thread: the index first, then the levels.
fn fill(set: &Weak<AreaSet>, places: &[Place], first_zoom: f64, on_ready: impl Fn()) {
    let (index, projected) = prepare(places);
    match set.upgrade() {
        Some(set) => {
            let _ = set.index.set(index);
        }
        None => return,
    }
    for level in build_order(level_for(first_zoom)) {
        let built = build_level(&projected, level);
        // Nobody draws these areas any more: stop.
        let Some(set) = set.upgrade() else { return };
        set.levels.set(level, built);
        drop(set);
        on_ready();
    }
}

/// The index, and every area projected, largest first.
fn prepare(places: &[Place]) -> (AreaIndex, Vec<Projected>) {
    let mut world = vec![None; places.len()];
    let mut by_size = Vec::new();
    let mut projected = Vec::new();
    for (place, p) in places.iter().enumerate() {
        let Some(area) = &p.area else { continue };
        let Some(rect) = area.bounding_rect() else {
            continue;
        };
        let bounds = Bounds {
            min: [rect.min().x, rect.min().y],
            max: [rect.max().x, rect.max().y],
        };
        // North is up in world units: the box's corners swap rows.
        world[place] = Bounds::around([
            mercator(bounds.min[0], bounds.max[1]),
            mercator(bounds.max[0], bounds.min[1]),
        ]);
        let shape = project(area);
        by_size.push((shape.unsigned_area(), Indexed { place, bounds }));
        projected.push(Projected { place, shape });
    }
    by_size.sort_by(|a, b| a.0.total_cmp(&b.0));
    let size_of: Vec<(usize, f64)> = by_size.iter().map(|(s, i)| (i.place, *s)).collect();
    // Largest first for drawing: the reverse of the index's order.
    let rank: crate::IdMap<usize, usize> = size_of
        .iter()
        .rev()
        .enumerate()
        .map(|(rank, &(place, _))| (place, rank))
        .collect();
    projected.sort_by_key(|p| rank.get(&p.place).copied().unwrap_or(usize::MAX));
    let index = AreaIndex {
        by_size: by_size.into_iter().map(|(_, i)| i).collect(),
        world,
    };
    (index, projected)
}

fn build_level(projected: &[Projected], level: u8) -> AreaLevel {
    // A pixel's straying: thousands of districts' edges are stroked every
    // frame, and half a pixel's detail more than doubles their points.
    let scale = Scale::straying(level, AREA_TOLERANCE_PX);
    let mut built = AreaLevel::default();
    for area in projected {
        for polygon in simplified(&area.shape, scale) {
            built.fills.extend(fill_of(area.place, &polygon));
            built
                .strokes
                .extend(rings_of(area.place, &polygon, scale.pixel));
        }
    }
    built
}

impl AreaIndex {
    /// The area under a point (longitude, latitude), the innermost of nested ones.
    pub fn area_at(&self, places: &[Place], lon: f64, lat: f64) -> Option<usize> {
        let point = Point::new(lon, lat);
        self.by_size
            .iter()
            .filter(|area| area.bounds.contains([lon, lat]))
            .find(|area| {
                let shape = places.get(area.place).and_then(|p| p.area.as_ref());
                shape.is_some_and(|shape| shape.contains(&point))
            })
            .map(|area| area.place)
    }

    /// A place's box in world units, if it is an area.
    pub fn world_bounds(&self, place: usize) -> Option<Bounds> {
        self.world.get(place).copied().flatten()
    }

    pub fn len(&self) -> usize {
        self.by_size.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_size.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use geo_types::{Polygon, polygon};

    use super::*;

    fn area_place(id: &str, shape: MultiPolygon<f64>) -> Place {
        Place {
            id: id.into(),
            name: id.into(),
            kind: Place::AREA.into(),
            countries: vec![],
            province: None,
            aliases: vec![],
            position: Point::new(0.0, 0.0),
            area: Some(shape),
            properties: Default::default(),
        }
    }

    fn square(west: f64, south: f64, side: f64) -> Polygon<f64> {
        polygon![
            (x: west, y: south), (x: west + side, y: south),
            (x: west + side, y: south + side), (x: west, y: south + side)
        ]
    }

    fn places() -> Vec<Place> {
        let ring = |w: f64, s: f64, side: f64| square(w, s, side).exterior().clone();
        let province = Polygon::new(ring(60.0, 30.0, 4.0), vec![ring(61.0, 31.0, 0.5)]);
        let mut town = area_place("town", MultiPolygon(vec![]));
        town.area = None;
        vec![
            town,
            area_place("province", MultiPolygon(vec![province])),
            area_place("district", MultiPolygon(vec![square(62.0, 32.0, 1.0)])),
        ]
    }

    #[test]
    fn a_click_finds_the_innermost_area_and_a_hole_is_not_inside() {
        let places = places();
        let set = AreaSet::build_now(&places);
        let index = set.index().expect("built");
        assert_eq!(index.len(), 2);
        assert_eq!(index.area_at(&places, 62.5, 32.5), Some(2), "the district");
        assert_eq!(index.area_at(&places, 60.5, 33.5), Some(1), "the province");
        assert_eq!(index.area_at(&places, 61.25, 31.25), None, "its hole");
        assert_eq!(index.area_at(&places, 59.0, 33.0), None, "outside");
        assert!(index.world_bounds(0).is_none());
        let world = index.world_bounds(2).expect("an area");
        assert!(world.contains(mercator(62.5, 32.5)));
    }

    #[test]
    fn every_level_holds_each_area_larger_first_with_its_rings() {
        let places = places();
        let set = AreaSet::build_now(&places);
        assert!(set.is_complete());
        for level in [0, 6, super::super::FINEST_LEVEL] {
            let built = set.level(level).expect("built");
            let order: Vec<usize> = built.fills.iter().map(|f| f.kind).collect();
            if level >= 6 {
                assert_eq!(order, [1, 2], "level {level}: the province first");
                let rings: Vec<usize> = built.strokes.iter().map(|s| s.kind).collect();
                assert_eq!(rings, [1, 1, 2], "the province's hole is a ring");
            }
            for fill in &built.fills {
                assert!(
                    fill.triangles
                        .iter()
                        .all(|&i| (i as usize) < fill.vertices.len())
                );
            }
        }
        let coarse = set.level(0).expect("built");
        assert!(
            coarse.fills.iter().all(|f| f.kind == 1),
            "a 1° district is under a pixel at zoom 0"
        );
    }

    #[test]
    fn the_thread_builds_every_level_and_stops_when_nobody_wants_them() {
        let gazetteer = Arc::new(Gazetteer { places: places() });
        let (told, heard) = std::sync::mpsc::channel();
        let set = AreaSet::spawn(Arc::clone(&gazetteer), 6.0, move || {
            let _ = told.send(());
        })
        .expect("a thread");
        for _ in 0..=super::super::FINEST_LEVEL {
            heard
                .recv_timeout(std::time::Duration::from_secs(60))
                .expect("a level in time");
        }
        assert!(set.is_complete());

        // A set nobody holds any more: nothing is built for it.
        let calls = std::cell::Cell::new(0);
        fill(&Weak::new(), &gazetteer.places, 6.0, || {
            calls.set(calls.get() + 1)
        });
        assert_eq!(calls.get(), 0);
    }
}

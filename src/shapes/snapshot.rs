//! One map of a series made ready to draw: its polygons' rings, simplified
//! for each zoom level on a thread of its own. A map is drawn as a hatch
//! inside its rings, so no triangles are needed.

use std::sync::{Arc, OnceLock, Weak};

use geo_types::MultiPolygon;

use super::{Levels, Scale, Stroke, build_order, level_for, project, rings_of, simplified};

/// The rings of one level, each tagged with the index of its polygon, so
/// that a polygon's holes are cut from it and not from another polygon.
pub type SnapshotLevel = Vec<Stroke<u32>>;

/// A map's rings at every level.
#[derive(Default)]
pub struct SnapshotShapes {
    levels: Levels<SnapshotLevel>,
    /// Why the map could not be read, if it could not.
    failure: OnceLock<String>,
}

impl SnapshotShapes {
    /// Reads the map with `read` and builds it, on a thread named
    /// "claimmap-map", nearest `first_zoom` first, calling `on_ready` after each
    /// level (or once, when the map cannot be read: see [`Self::failure`]); it
    /// stops once the shapes are dropped.
    pub fn spawn(
        read: impl FnOnce() -> Result<MultiPolygon<f64>, String> + Send + 'static,
        first_zoom: f64,
        on_ready: impl Fn() + Send + 'static,
    ) -> std::io::Result<Arc<SnapshotShapes>> {
        let shapes = Arc::new(SnapshotShapes::default());
        let filling = Arc::downgrade(&shapes);
        std::thread::Builder::new()
            .name("claimmap-map".to_owned())
            .spawn(move || match read() {
                Ok(held) => fill(&filling, &held, first_zoom, on_ready),
                Err(reason) => {
                    if let Some(shapes) = filling.upgrade() {
                        let _ = shapes.failure.set(reason);
                        on_ready();
                    }
                }
            })?;
        Ok(shapes)
    }

    /// Why the map could not be read, once its thread has tried.
    pub fn failure(&self) -> Option<&str> {
        self.failure.get().map(String::as_str)
    }

    /// Every level at once, on this thread (for tests and benchmarks).
    pub fn build_now(held: &MultiPolygon<f64>) -> SnapshotShapes {
        let shapes = SnapshotShapes::default();
        let projected = project(held);
        for level in build_order(0) {
            shapes.levels.set(level, build_level(&projected, level));
        }
        shapes
    }

    pub fn best(&self, zoom: f64) -> Option<&SnapshotLevel> {
        self.levels.best(zoom)
    }

    pub fn is_complete(&self) -> bool {
        self.levels.is_complete()
    }

    /// Whether the map draws at `zoom` as finely as it will (or failed).
    pub fn ready_at(&self, zoom: f64) -> bool {
        self.failure().is_some() || self.levels.ready_at(zoom)
    }
}

fn fill(
    shapes: &Weak<SnapshotShapes>,
    held: &MultiPolygon<f64>,
    first_zoom: f64,
    on_ready: impl Fn(),
) {
    let projected = project(held);
    for level in build_order(level_for(first_zoom)) {
        let built = build_level(&projected, level);
        // The map is no longer shown, nor cached: stop.
        let Some(shapes) = shapes.upgrade() else {
            return;
        };
        shapes.levels.set(level, built);
        drop(shapes);
        on_ready();
    }
}

fn build_level(projected: &MultiPolygon<f64>, level: u8) -> SnapshotLevel {
    let scale = Scale::of(level);
    let polygons = simplified(projected, scale);
    let mut rings = Vec::new();
    for (index, polygon) in polygons.iter().enumerate() {
        let index = u32::try_from(index).unwrap_or(u32::MAX);
        rings.extend(rings_of(index, polygon, scale.pixel));
    }
    rings
}

#[cfg(test)]
mod tests {
    use geo_types::polygon;

    use super::*;

    #[test]
    fn each_polygon_s_rings_carry_its_index_at_every_level() {
        let held = MultiPolygon(vec![
            polygon![(x: 60.0, y: 30.0), (x: 64.0, y: 30.0), (x: 64.0, y: 34.0), (x: 60.0, y: 34.0)],
            polygon![(x: 66.0, y: 30.0), (x: 70.0, y: 30.0), (x: 68.0, y: 34.0)],
        ]);
        let shapes = SnapshotShapes::build_now(&held);
        assert!(shapes.is_complete());
        let rings = shapes.best(8.0).expect("built");
        let tags: Vec<u32> = rings.iter().map(|r| r.kind).collect();
        assert_eq!(tags, [0, 1]);
        assert!(rings.iter().all(|r| r.points.first() == r.points.last()));
    }

    #[test]
    fn the_thread_fills_every_level() {
        let held = MultiPolygon(vec![
            polygon![(x: 60.0, y: 30.0), (x: 64.0, y: 30.0), (x: 64.0, y: 34.0)],
        ]);
        let (told, heard) = std::sync::mpsc::channel();
        let map = held.clone();
        let shapes = SnapshotShapes::spawn(
            move || Ok(map),
            5.0,
            move || {
                let _ = told.send(());
            },
        )
        .expect("a thread");
        for _ in 0..=super::super::FINEST_LEVEL {
            heard
                .recv_timeout(std::time::Duration::from_secs(60))
                .expect("a level in time");
        }
        assert!(shapes.is_complete());
        let calls = std::cell::Cell::new(0);
        fill(&Weak::new(), &held, 5.0, || calls.set(calls.get() + 1));
        assert_eq!(calls.get(), 0, "nothing built for a map nobody shows");
    }

    #[test]
    fn a_map_that_cannot_be_read_says_why_and_has_no_level() {
        let (told, heard) = std::sync::mpsc::channel();
        let failing = || Err("map.geojson: cannot be read".to_owned());
        let shapes = SnapshotShapes::spawn(failing, 5.0, move || {
            let _ = told.send(());
        })
        .expect("a thread");
        heard
            .recv_timeout(std::time::Duration::from_secs(60))
            .expect("told in time");
        assert_eq!(shapes.failure(), Some("map.geojson: cannot be read"));
        assert!(shapes.best(5.0).is_none());
    }
}

//! Which maps of the loaded series to draw on the day, and their geometry.
//!
//! Each shown series draws its map in force on the day (the latest on or
//! before it). A map's geometry is built on a thread of its own the first time
//! it is shown, and a few are kept, so stepping back and forth over days
//! builds nothing again. Until a new map is ready, the series' last ready map
//! stays on screen rather than blinking out.

use std::collections::HashSet;
use std::f64::consts::FRAC_PI_4;
use std::sync::Arc;

use chrono::NaiveDate;
use eframe::egui::Color32;

use super::symbols::color;
use crate::model::{Dataset, LoadedSeries, MapFile, MapSeries, Rgb};
use crate::shapes::snapshot::SnapshotShapes;

/// Maps kept built: a few days back and forth for two or three series.
const CACHED: usize = 8;

/// Each series' hatch direction, by its index: two series drawn at once
/// cross-hatch where they agree and show one direction where they differ.
const ANGLES: [f64; 4] = [FRAC_PI_4, -FRAC_PI_4, 0.0, std::f64::consts::FRAC_PI_2];

/// One map to draw this frame.
#[derive(Clone)]
pub struct MapDrawing {
    pub shapes: Arc<SnapshotShapes>,
    pub color: Color32,
    /// The hatch's direction, in radians from the screen's x axis.
    pub angle: f64,
}

/// A legend row: a series, its colour, whether it is drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct SeriesRow {
    pub id: String,
    pub label: String,
    pub color: Color32,
    pub shown: bool,
}

/// Which map: the dataset's generation, the series, the map.
type Key = (u64, usize, usize);

struct Cached {
    key: Key,
    shapes: Arc<SnapshotShapes>,
    /// When it was last wanted, in calls to [`SeriesOverlay::maps_on`].
    used: u64,
}

/// The series a user turned off (for the session), and the maps built.
#[derive(Default)]
pub struct SeriesOverlay {
    hidden: HashSet<String>,
    cache: Vec<Cached>,
    clock: u64,
}

impl SeriesOverlay {
    /// Shows or hides a series by id; the choice outlives reloads.
    pub fn toggle(&mut self, id: &str) {
        if !self.hidden.remove(id) {
            self.hidden.insert(id.to_owned());
        }
    }

    pub fn is_shown(&self, id: &str) -> bool {
        !self.hidden.contains(id)
    }

    /// The legend's rows, one per series.
    pub fn rows(&self, dataset: &Dataset) -> Vec<SeriesRow> {
        dataset
            .map_series()
            .iter()
            .map(|loaded| SeriesRow {
                id: loaded.series.id.clone(),
                label: loaded.series.label().to_owned(),
                color: controller_color(dataset, &loaded.series),
                shown: self.is_shown(&loaded.series.id),
            })
            .collect()
    }

    /// The maps to draw on `day` at `zoom`, in the order of `series`; a map
    /// not built yet is started with `build`, which may fail (no thread).
    pub fn maps_on(
        &mut self,
        series: &[LoadedSeries],
        colors: impl Fn(&MapSeries) -> Color32,
        (generation, day, zoom): (u64, NaiveDate, f64),
        mut build: impl FnMut(&MapFile) -> Option<Arc<SnapshotShapes>>,
    ) -> Vec<MapDrawing> {
        self.clock += 1;
        let mut maps = Vec::new();
        for (index, loaded) in series.iter().enumerate() {
            if !self.is_shown(&loaded.series.id) {
                continue;
            }
            let Some(at) = loaded.map_on(day) else {
                continue;
            };
            let key = (generation, index, at);
            if !self.cache.iter().any(|c| c.key == key) {
                let Some(shapes) = build(&loaded.maps[at]) else {
                    continue;
                };
                self.cache.push(Cached {
                    key,
                    shapes,
                    used: self.clock,
                });
            }
            if let Some(shapes) = self.ready(key, zoom) {
                maps.push(MapDrawing {
                    shapes,
                    color: colors(&loaded.series),
                    angle: ANGLES[index % ANGLES.len()],
                });
            }
        }
        self.evict(generation);
        maps
    }

    /// The map of `key` if it has a level to draw, else the series' map
    /// used most recently that has one.
    fn ready(&mut self, key: Key, zoom: f64) -> Option<Arc<SnapshotShapes>> {
        let clock = self.clock;
        if let Some(wanted) = self.cache.iter_mut().find(|c| c.key == key) {
            wanted.used = clock;
            if wanted.shapes.best(zoom).is_some() {
                return Some(Arc::clone(&wanted.shapes));
            }
        }
        let (generation, series, _) = key;
        self.cache
            .iter()
            .filter(|c| c.key.0 == generation && c.key.1 == series)
            .filter(|c| c.shapes.best(zoom).is_some())
            .max_by_key(|c| c.used)
            .map(|c| Arc::clone(&c.shapes))
    }

    /// Why a map kept here could not be read, if one could not.
    pub fn failure(&self) -> Option<&str> {
        self.cache.iter().find_map(|c| c.shapes.failure())
    }

    /// Drops maps of older datasets, and the least recently used past [`CACHED`].
    fn evict(&mut self, generation: u64) {
        self.cache.retain(|c| c.key.0 == generation);
        if self.cache.len() > CACHED {
            self.cache.sort_by_key(|c| std::cmp::Reverse(c.used));
            // Dropping a map's last holder stops its thread, if it still builds.
            self.cache.truncate(CACHED);
        }
    }

    /// How many maps are kept built.
    #[cfg(test)]
    fn cached(&self) -> usize {
        self.cache.len()
    }
}

/// A series' colour: its controller's (root party's), as held places take it.
pub fn controller_color(dataset: &Dataset, series: &MapSeries) -> Color32 {
    let rgb = dataset
        .party_by_id(&series.controller)
        .map(|party| dataset.parties()[dataset.root_party(party)].color)
        .unwrap_or_else(|| Rgb::for_id(&series.controller));
    color(rgb)
}

#[cfg(test)]
mod tests {
    use geo_types::{MultiPolygon, polygon};

    use super::*;
    use crate::model::Verification;

    fn series(id: &str, days: &[&str]) -> LoadedSeries {
        LoadedSeries {
            series: MapSeries {
                id: id.into(),
                name: Some(format!("{id} maps")),
                claimant: "publisher".into(),
                controller: "red".into(),
                verification: Verification::Claimed,
                source: None,
            },
            maps: days
                .iter()
                .map(|day| MapFile {
                    day: day.parse().expect("a day"),
                    file: format!("{id}-{day}.geojson"),
                    path: format!("{id}/{id}-{day}.geojson").into(),
                })
                .collect(),
            fingerprint: 0,
        }
    }

    fn day(text: &str) -> NaiveDate {
        text.parse().expect("a day")
    }

    /// A map's shapes built here: a square whose west edge moves with the day.
    fn built_now(map: &MapFile) -> Option<Arc<SnapshotShapes>> {
        let west = 60.0 + f64::from(chrono::Datelike::day(&map.day)) / 10.0;
        let held = MultiPolygon(vec![polygon![
            (x: west, y: 30.0), (x: 66.0, y: 30.0), (x: 66.0, y: 34.0), (x: west, y: 34.0)
        ]]);
        Some(Arc::new(SnapshotShapes::build_now(&held)))
    }

    #[test]
    fn each_shown_series_draws_its_map_on_or_before_the_day_in_its_own_direction() {
        let all = [
            series("isw", &["2022-03-01", "2022-03-03"]),
            series("deepstate", &["2022-03-02"]),
        ];
        let mut overlay = SeriesOverlay::default();
        let mut built = 0;
        let mut maps = |overlay: &mut SeriesOverlay, on: &str| {
            overlay.maps_on(
                &all,
                |_| Color32::RED,
                (1, day(on), 6.0),
                |map| {
                    built += 1;
                    built_now(map)
                },
            )
        };
        assert!(maps(&mut overlay, "2022-02-28").is_empty(), "no map yet");
        let on_2nd = maps(&mut overlay, "2022-03-02");
        assert_eq!(on_2nd.len(), 2);
        assert_ne!(on_2nd[0].angle, on_2nd[1].angle);
        assert_eq!(maps(&mut overlay, "2022-03-02").len(), 2);
        maps(&mut overlay, "2022-03-04");
        assert_eq!(
            built, 3,
            "isw's two maps and deepstate's one, each built once"
        );

        overlay.toggle("isw");
        let only = overlay.maps_on(
            &all,
            |_| Color32::RED,
            (1, day("2022-03-04"), 6.0),
            built_now,
        );
        assert_eq!(only.len(), 1);
        assert!(!overlay.is_shown("isw"));
        overlay.toggle("isw");
        assert!(overlay.is_shown("isw"));
    }

    #[test]
    fn a_map_still_building_leaves_the_series_last_map_on_screen() {
        let all = [series("isw", &["2022-03-01", "2022-03-02"])];
        let mut overlay = SeriesOverlay::default();
        let first = overlay.maps_on(
            &all,
            |_| Color32::RED,
            (1, day("2022-03-01"), 6.0),
            built_now,
        );
        // A map whose levels never arrive: as if its thread were still at work.
        let pending = |_: &MapFile| Some(Arc::new(SnapshotShapes::default()));
        let second = overlay.maps_on(&all, |_| Color32::RED, (1, day("2022-03-02"), 6.0), pending);
        assert_eq!(second.len(), 1);
        assert!(Arc::ptr_eq(&first[0].shapes, &second[0].shapes));
    }

    #[test]
    fn a_few_maps_are_kept_and_a_new_dataset_drops_them() {
        let days: Vec<String> = (1..=20).map(|d| format!("2022-03-{d:02}")).collect();
        let days: Vec<&str> = days.iter().map(String::as_str).collect();
        let all = [series("isw", &days)];
        let mut overlay = SeriesOverlay::default();
        for d in &days {
            overlay.maps_on(&all, |_| Color32::RED, (1, day(d), 6.0), built_now);
        }
        assert_eq!(overlay.cached(), CACHED);
        overlay.maps_on(
            &all,
            |_| Color32::RED,
            (2, day("2022-03-05"), 6.0),
            built_now,
        );
        assert_eq!(overlay.cached(), 1);
    }
}

//! A publisher's dated control maps as claims: each map of a series says its
//! controller holds what its polygons cover, on its day. A place covered by
//! consecutive maps is one claim, standing from the first of them until the
//! day before the first later map that leaves it out.
//!
//! Which places a map covers is found through an R-tree of the places'
//! points (an area by its inner point), so a map is checked against the
//! places under it only, each against the edges near it only.

use std::path::PathBuf;

use chrono::NaiveDate;
use geo::BoundingRect;
use geo_types::{MultiPolygon, Point};
use rstar::{AABB, PointDistance, RTree, RTreeObject};

use super::prepared::PreparedPolygon;
use super::{DateSpec, Event, EventType, Place, Verification};

/// A series of maps by one publisher, and what its polygons say.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MapSeries {
    pub id: String,
    /// What the legend and the cards call it; its id when the file gives none.
    pub name: Option<String>,
    /// Who publishes the maps.
    pub claimant: String,
    /// Whom the polygons say holds what they cover.
    pub controller: String,
    pub verification: Verification,
    /// The source the derived claims cite, by id.
    pub source: Option<String>,
}

impl MapSeries {
    /// What the legend and the cards call the series.
    pub fn label(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.id)
    }
}

/// A series as an events file lists it: what its maps say, and which files
/// they are (a pattern relative to the events file's folder).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeriesListing {
    pub series: MapSeries,
    pub files: String,
}

/// A series and its map files, sorted by day, one map a day. What the maps
/// show held is not kept: it is read again from a map's file to draw it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadedSeries {
    pub series: MapSeries,
    pub maps: Vec<MapFile>,
    /// A fingerprint of the maps' names and bytes: equal for the same maps.
    pub fingerprint: u128,
}

impl LoadedSeries {
    /// The index of the map in force on `day`: the latest on or before it.
    pub fn map_on(&self, day: NaiveDate) -> Option<usize> {
        self.maps.partition_point(|m| m.day <= day).checked_sub(1)
    }
}

/// A map file of a series: its day, its name, and where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MapFile {
    pub day: NaiveDate,
    /// The file's name, without its folder.
    pub file: String,
    pub path: PathBuf,
}

/// One map of a series, read: its day, its file's name, and what it shows held.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    pub day: NaiveDate,
    pub file: String,
    pub held: MultiPolygon<f64>,
}

/// What claims and cards need of a map: its day and its file's name.
pub trait DatedMap {
    fn day(&self) -> NaiveDate;
    fn file(&self) -> &str;
}

impl DatedMap for Snapshot {
    fn day(&self) -> NaiveDate {
        self.day
    }

    fn file(&self) -> &str {
        &self.file
    }
}

impl DatedMap for MapFile {
    fn day(&self) -> NaiveDate {
        self.day
    }

    fn file(&self) -> &str {
        &self.file
    }
}

/// Consecutive maps of a series that all cover one place: the maps
/// `first..end`, the map at `end` (if any) being the first later one without it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stretch {
    pub place: u32,
    pub first: u32,
    pub end: u32,
}

impl Stretch {
    /// The maps of the stretch, of the series' `maps`.
    pub fn maps<'a, M>(&self, maps: &'a [M]) -> &'a [M] {
        &maps[self.first as usize..self.end as usize]
    }

    /// The last day the stretch's claim stands: the day before the first
    /// later map that leaves the place out; `None` if none does.
    pub fn until(&self, maps: &[impl DatedMap]) -> Option<NaiveDate> {
        maps.get(self.end as usize)
            .and_then(|next| next.day().pred_opt())
    }
}

/// The stretches of `snapshots` (sorted by day, one per day) over `places`:
/// place by place, in the places' order, each place's in order of day.
pub fn stretches(snapshots: &[Snapshot], places: &[Place]) -> Vec<Stretch> {
    let covered = coverage(snapshots, places);
    let mut stretches = Vec::new();
    // Place by place, map by map: down a column of `covered`.
    for (p, _) in places.iter().enumerate() {
        let mut s = 0;
        while s < snapshots.len() {
            if !covered[s][p] {
                s += 1;
                continue;
            }
            let first = s;
            while s < snapshots.len() && covered[s][p] {
                s += 1;
            }
            // Fewer than 2³² places and maps: indices fit.
            stretches.push(Stretch {
                place: p as u32,
                first: first as u32,
                end: s as u32,
            });
        }
    }
    stretches
}

/// The claims `series` makes about `places` through `snapshots`, which are
/// sorted by day, one per day: one claim a stretch, in the order of
/// [`stretches`], citing the series' own source.
pub fn derive_claims(series: &MapSeries, snapshots: &[Snapshot], places: &[Place]) -> Vec<Event> {
    stretches(snapshots, places)
        .iter()
        .map(|stretch| {
            let place = &places[stretch.place as usize];
            stretch_claim(series, place, stretch, snapshots, series.source.clone())
        })
        .collect()
}

/// The claim of one stretch of `maps` that all cover `place`, citing `source`.
pub fn stretch_claim(
    series: &MapSeries,
    place: &Place,
    stretch: &Stretch,
    maps: &[impl DatedMap],
    source: Option<String>,
) -> Event {
    let covering = stretch.maps(maps);
    let (first, last) = (&covering[0], &covering[covering.len() - 1]);
    let described = match covering.len() {
        1 => format!("1 map, {}", first.file()),
        n => format!("{n} maps, {} to {}", first.file(), last.file()),
    };
    Event {
        id: format!("{}:{}:{}", series.id, place.id, first.day()),
        date: DateSpec::day(first.day()),
        place: place.id.clone(),
        kind: EventType::Holds,
        claimant: series.claimant.clone(),
        controller: Some(series.controller.clone()),
        verification: series.verification,
        until: stretch.until(maps),
        speaker: None,
        quote: None,
        source,
        note: Some(format!("Map series {}: {described}.", series.id)),
    }
}

/// For each snapshot, whether it covers each place. A snapshot whose map is
/// the same as the one before covers the same places, without looking again.
fn coverage(snapshots: &[Snapshot], places: &[Place]) -> Vec<Vec<bool>> {
    let tree = RTree::bulk_load(
        (places.iter().enumerate())
            .map(|(index, place)| IndexedPoint {
                index,
                point: place.position,
            })
            .collect(),
    );
    let mut covered: Vec<Vec<bool>> = Vec::with_capacity(snapshots.len());
    for (s, snapshot) in snapshots.iter().enumerate() {
        let unchanged = s > 0 && snapshots[s - 1].held == snapshot.held;
        let row = match covered.last() {
            Some(previous) if unchanged => previous.clone(),
            _ => covers(&tree, &snapshot.held, places.len()),
        };
        covered.push(row);
    }
    covered
}

fn covers(tree: &RTree<IndexedPoint>, held: &MultiPolygon<f64>, places: usize) -> Vec<bool> {
    let mut row = vec![false; places];
    for polygon in &held.0 {
        let Some(bounds) = polygon.bounding_rect() else {
            continue;
        };
        let envelope = AABB::from_corners(bounds.min().into(), bounds.max().into());
        let prepared = PreparedPolygon::new(polygon);
        for candidate in tree.locate_in_envelope(&envelope) {
            if !row[candidate.index] && prepared.contains(candidate.point) {
                row[candidate.index] = true;
            }
        }
    }
    row
}

/// A place's point in the R-tree, with its index.
struct IndexedPoint {
    index: usize,
    point: Point<f64>,
}

impl RTreeObject for IndexedPoint {
    type Envelope = AABB<[f64; 2]>;

    fn envelope(&self) -> Self::Envelope {
        AABB::from_point([self.point.x(), self.point.y()])
    }
}

impl PointDistance for IndexedPoint {
    fn distance_2(&self, point: &[f64; 2]) -> f64 {
        let (dx, dy) = (self.point.x() - point[0], self.point.y() - point[1]);
        dx * dx + dy * dy
    }
}

#[cfg(test)]
mod tests {
    use geo_types::polygon;

    use super::*;

    fn place(id: &str, lon: f64, lat: f64) -> Place {
        Place {
            id: id.into(),
            name: id.into(),
            kind: "city".into(),
            countries: vec![],
            province: None,
            aliases: vec![],
            position: Point::new(lon, lat),
            area: None,
            properties: Default::default(),
        }
    }

    /// A square from `west` to `east` (longitude), 0 to 10 north.
    fn band(west: f64, east: f64) -> MultiPolygon<f64> {
        MultiPolygon(vec![polygon![
            (x: west, y: 0.0), (x: east, y: 0.0), (x: east, y: 10.0), (x: west, y: 10.0)
        ]])
    }

    fn map(day: &str, held: MultiPolygon<f64>) -> Snapshot {
        Snapshot {
            day: day.parse().unwrap(),
            file: format!("front-{day}.geojson"),
            held,
        }
    }

    fn series() -> MapSeries {
        MapSeries {
            id: "isw-assessed".into(),
            name: None,
            claimant: "isw".into(),
            controller: "russia".into(),
            verification: Verification::Claimed,
            source: Some("isw-maps".into()),
        }
    }

    /// A front line that moves west, then back east: towns covered, left out,
    /// covered again; a gap of days between maps; an unchanged map.
    #[test]
    fn each_stretch_of_maps_covering_a_place_is_one_claim_until_the_first_map_without_it() {
        let places = [
            place("east", 9.0, 5.0),
            place("middle", 5.0, 5.0),
            place("west", 1.0, 5.0),
        ];
        let snapshots = [
            map("2022-02-24", band(8.0, 10.0)),
            map("2022-02-25", band(4.0, 10.0)),
            map("2022-02-26", band(4.0, 10.0)),
            // Two days without a map.
            map("2022-03-01", band(0.0, 10.0)),
            map("2022-03-02", band(8.0, 10.0)),
            map("2022-03-03", band(4.0, 10.0)),
        ];
        let claims = derive_claims(&series(), &snapshots, &places);
        let summary: Vec<(String, String, Option<String>)> = claims
            .iter()
            .map(|c| {
                (
                    c.place.clone(),
                    c.date.to_string(),
                    c.until.map(|d| d.to_string()),
                )
            })
            .collect();
        let stretch = |place: &str, from: &str, until: Option<&str>| {
            (place.to_owned(), from.to_owned(), until.map(str::to_owned))
        };
        assert_eq!(
            summary,
            [
                stretch("east", "2022-02-24", None),
                stretch("middle", "2022-02-25", Some("2022-03-01")),
                stretch("middle", "2022-03-03", None),
                stretch("west", "2022-03-01", Some("2022-03-01")),
            ]
        );
        let middle = &claims[1];
        assert_eq!(middle.id, "isw-assessed:middle:2022-02-25");
        assert_eq!(
            (middle.kind, middle.controller.as_deref()),
            (EventType::Holds, Some("russia"))
        );
        assert_eq!(
            (middle.claimant.as_str(), middle.source.as_deref()),
            ("isw", Some("isw-maps"))
        );
        assert_eq!(
            middle.note.as_deref(),
            Some(
                "Map series isw-assessed: 3 maps, front-2022-02-25.geojson to front-2022-03-01.geojson."
            )
        );
    }

    #[test]
    fn an_area_is_covered_by_its_inner_point_and_no_map_means_no_claim() {
        let mut province = place("province", 0.0, 0.0);
        province.position = Point::new(6.0, 5.0);
        let claims = derive_claims(&series(), &[map("2022-03-01", band(5.0, 7.0))], &[province]);
        assert_eq!(claims.len(), 1);
        assert!(derive_claims(&series(), &[], &[place("town", 6.0, 5.0)]).is_empty());
    }
}

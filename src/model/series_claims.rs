//! The claims of every map series of an events file, ready to be linked
//! after the file's own: one claim a stretch, each citing a source of its
//! own, dated on the day of the stretch's first map, so that "as known on"
//! sees a map's claim from the day the map was published.

use chrono::NaiveDate;

use super::series::{Stretch, stretch_claim};
use super::{DateSpec, Event, LoadedSeries, Place, Source};
use crate::IdMap;

/// The derived claims, their sources, and which stretch each claim is.
#[derive(Debug, Default)]
pub struct SeriesClaims {
    pub events: Vec<Event>,
    pub sources: Vec<Source>,
    /// For each of `events`, its series (an index into the series) and stretch.
    pub stretches: Vec<(u32, Stretch)>,
}

/// The claims of each series, in the order listed, from its stretches over
/// `places` (`found`, one list a series, as [`stretches`] makes them);
/// `sources` are the events file's, which a series names.
pub fn series_claims(
    series: &[LoadedSeries],
    found: Vec<Vec<Stretch>>,
    places: &[Place],
    sources: &[Source],
) -> SeriesClaims {
    let mut claims = SeriesClaims::default();
    for (s, (loaded, found)) in series.iter().zip(found).enumerate() {
        let mut map_sources = MapSources::new(loaded, sources);
        for stretch in found {
            let first = &loaded.maps[stretch.first as usize];
            let source = map_sources.source_of(first.day, &first.file, &mut claims.sources);
            let place = &places[stretch.place as usize];
            let claim = stretch_claim(&loaded.series, place, &stretch, &loaded.maps, source);
            claims.events.push(claim);
            claims.stretches.push((s as u32, stretch));
        }
    }
    claims
}

/// One source for each map that starts a stretch: the series' source as the
/// events file describes it, published on the map's day.
struct MapSources<'a> {
    loaded: &'a LoadedSeries,
    base: Option<&'a Source>,
    made: IdMap<NaiveDate, String>,
}

impl<'a> MapSources<'a> {
    fn new(loaded: &'a LoadedSeries, sources: &'a [Source]) -> Self {
        let named = loaded.series.source.as_deref();
        let base = named.and_then(|id| sources.iter().find(|source| source.id == id));
        MapSources {
            loaded,
            base,
            made: IdMap::default(),
        }
    }

    /// The id of the source for the map of `day`, made the first time.
    fn source_of(&mut self, day: NaiveDate, file: &str, out: &mut Vec<Source>) -> Option<String> {
        if let Some(id) = self.made.get(&day) {
            return Some(id.clone());
        }
        let series = &self.loaded.series;
        // Named by the series, not its source: two series citing one source
        // on one day are two maps, each with its own title and file.
        let id = format!("{}@{day}", series.id);
        let outlet = self.base.map_or_else(|| series.label(), |b| &b.outlet);
        out.push(Source {
            id: id.clone(),
            outlet: outlet.to_owned(),
            title: Some(format!("{}: the map of {day} ({file})", series.label())),
            url: self.base.and_then(|b| b.url.clone()),
            published: Some(DateSpec::day(day)),
            author: self.base.and_then(|b| b.author.clone()),
            note: Some(format!(
                "A map of the series {}, dated by its file name or its \"date\".",
                series.id
            )),
        });
        self.made.insert(day, id.clone());
        Some(id)
    }
}

//! claimmap's own formats written out: a GeoJSON gazetteer and an events
//! file, from whatever was read, so a user can move to the full format.

use geojson::{Feature, FeatureCollection, Geometry, feature::Id};
use serde_json::{Map, Value, json};

use crate::model::{EventRef, Party, Place, SeriesListing, Source};

/// The places as a GeoJSON FeatureCollection, fields as the gazetteer reads them.
pub fn gazetteer_json(places: &[Place]) -> FeatureCollection {
    let features = places.iter().map(place_feature).collect();
    FeatureCollection {
        bbox: None,
        features,
        foreign_members: None,
    }
}

fn place_feature(place: &Place) -> Feature {
    let mut properties = Map::new();
    properties.insert("name".into(), json!(place.name));
    properties.insert("kind".into(), json!(place.kind));
    if !place.countries.is_empty() {
        properties.insert("countries".into(), json!(place.countries));
    }
    if let Some(province) = &place.province {
        properties.insert("province".into(), json!(province));
    }
    if !place.aliases.is_empty() {
        properties.insert("aliases".into(), json!(place.aliases));
    }
    for (key, value) in &place.properties {
        properties
            .entry(key.clone())
            .or_insert_with(|| value.clone());
    }
    Feature {
        bbox: None,
        geometry: Some(match &place.area {
            Some(outline) => Geometry::from(outline),
            None => Geometry::new_point([place.lon(), place.lat()]),
        }),
        id: Some(Id::String(place.id.clone())),
        properties: Some(properties),
        foreign_members: None,
    }
}

/// An events file: the parties, sources, map series and events, each event
/// naming its place by the id `place_id` gives (the one it linked to), or as
/// written. A map series is written as listed, never as the claims it makes.
pub fn events_json<'a>(
    parties: &[Party],
    sources: &[Source],
    maps: &[SeriesListing],
    events: impl Iterator<Item = (EventRef<'a>, Option<&'a str>)>,
) -> Value {
    let mut file = json!({
        "parties": parties.iter().map(party_json).collect::<Vec<_>>(),
        "sources": sources.iter().map(source_json).collect::<Vec<_>>(),
    });
    if !maps.is_empty() {
        file["maps"] = maps.iter().map(series_json).collect();
    }
    file["events"] = events
        .map(|(event, place)| event_json(&event, place))
        .collect();
    file
}

fn series_json(listing: &SeriesListing) -> Value {
    let series = &listing.series;
    let mut object = Map::new();
    object.insert("id".into(), json!(series.id));
    insert_some(&mut object, "name", series.name.as_deref());
    object.insert("claimant".into(), json!(series.claimant));
    object.insert("controller".into(), json!(series.controller));
    if series.verification == crate::model::Verification::Confirmed {
        object.insert("verification".into(), json!("confirmed"));
    }
    insert_some(&mut object, "source", series.source.as_deref());
    object.insert("files".into(), json!(listing.files));
    Value::Object(object)
}

fn party_json(party: &Party) -> Value {
    let mut object = Map::new();
    object.insert("id".into(), json!(party.id));
    object.insert("name".into(), json!(party.name));
    object.insert("color".into(), json!(party.color.to_string()));
    insert_some(&mut object, "side", party.side.as_deref());
    Value::Object(object)
}

fn source_json(source: &Source) -> Value {
    let mut object = Map::new();
    object.insert("id".into(), json!(source.id));
    object.insert("outlet".into(), json!(source.outlet));
    insert_some(&mut object, "title", source.title.as_deref());
    insert_some(&mut object, "url", source.url.as_deref());
    let published = source.published.map(|date| date.to_string());
    insert_some(&mut object, "published", published.as_deref());
    insert_some(&mut object, "author", source.author.as_deref());
    insert_some(&mut object, "note", source.note.as_deref());
    Value::Object(object)
}

fn event_json(event: &EventRef, place: Option<&str>) -> Value {
    let mut object = Map::new();
    object.insert("id".into(), json!(event.id));
    object.insert("date".into(), json!(event.date.to_string()));
    object.insert("place".into(), json!(place.unwrap_or(event.place)));
    object.insert("type".into(), json!(event.kind.as_str()));
    object.insert("claimant".into(), json!(event.claimant));
    insert_some(&mut object, "controller", event.controller);
    if event.verification == crate::model::Verification::Confirmed {
        object.insert("verification".into(), json!("confirmed"));
    }
    if let Some(until) = event.until {
        object.insert("until".into(), json!(crate::model::iso_day(until)));
    }
    insert_some(&mut object, "speaker", event.speaker);
    insert_some(&mut object, "quote", event.quote);
    insert_some(&mut object, "source", event.source);
    insert_some(&mut object, "note", event.note);
    Value::Object(object)
}

fn insert_some(object: &mut Map<String, Value>, key: &str, value: Option<&str>) {
    if let Some(value) = value {
        object.insert(key.into(), json!(value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::parse_events;

    /// What `convert` writes reads back as the same events, `until` included.
    #[test]
    fn an_events_file_written_reads_back_the_same() {
        let text = r#"{"maps": [
            {"id": "isw-assessed", "name": "ISW assessed", "claimant": "isw", "controller": "russia",
             "verification": "confirmed", "source": "isw-maps", "files": "isw/*.geojson"},
            {"id": "deepstate", "claimant": "deepstate", "controller": "russia", "files": "ds/*.json"}
        ], "events": [
            {"id": "a", "date": "2021-07", "place": "p", "type": "holds", "claimant": "isw",
             "controller": "taliban", "verification": "confirmed", "until": "2021-09",
             "speaker": "s", "quote": "“q”", "source": "x", "note": "n"},
            {"id": "b", "date": "2021-07-01/2021-07-03", "place": "p", "type": "fighting", "claimant": "isw"}
        ]}"#;
        let read = |text: String| match parse_events("events.json", text) {
            Ok(loaded) => loaded.value,
            Err(failed) => panic!("{:#?}", failed.diagnostics),
        };
        let first = read(text.to_owned());
        let written = events_json(
            &first.parties,
            &first.sources,
            &first.maps,
            first.events.iter().map(|event| (event, None)),
        );
        let again = read(written.to_string());
        assert_eq!(again.events, first.events);
        assert_eq!(again.maps, first.maps);
        assert_eq!(first.maps.len(), 2);
        assert_eq!(first.maps[0].series.label(), "ISW assessed");
        assert_eq!(
            again.events.get(0).until,
            Some("2021-09-30".parse().unwrap())
        );
    }

    /// Areas are written as their outlines and read back as the same places.
    #[test]
    fn a_gazetteer_with_an_area_written_reads_back_the_same() {
        let text = r#"{"type": "FeatureCollection", "features": [
            {"type": "Feature", "id": "badghis", "geometry": {"type": "Polygon", "coordinates": [[[63,34],[65,34],[65,36],[63,36],[63,34]]]}, "properties": {"name": "Badghis"}},
            {"type": "Feature", "id": "herat", "geometry": {"type": "Point", "coordinates": [62.2, 34.35]}, "properties": {"name": "Herat", "kind": "city"}}
        ]}"#;
        let read = |text: &str| match crate::formats::parse_gazetteer("places.geojson", text) {
            Ok(loaded) => loaded.value.places,
            Err(failed) => panic!("{:#?}", failed.diagnostics),
        };
        let first = read(text);
        let written = gazetteer_json(&first).to_string();
        assert_eq!(read(&written), first);
        assert!(first[0].area.is_some());
    }
}

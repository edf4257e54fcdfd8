use super::*;
use crate::formats::Severity;

fn parse(text: &str) -> Result<Loaded<Gazetteer>, LoadFailed> {
    parse_gazetteer("places.geojson", text)
}

fn places(text: &str) -> Vec<Place> {
    match parse(text) {
        Ok(loaded) => loaded.value.places,
        Err(failed) => panic!("did not load: {:#?}", failed.diagnostics),
    }
}

fn messages(text: &str) -> Vec<String> {
    match parse(text) {
        Ok(loaded) => loaded.warnings.iter().map(ToString::to_string).collect(),
        Err(failed) => failed.diagnostics.iter().map(ToString::to_string).collect(),
    }
}

fn collection(features: &[&str]) -> String {
    format!(
        "{{\"type\": \"FeatureCollection\", \"features\": [\n{}\n]}}",
        features.join(",\n")
    )
}

fn point(lon: f64, lat: f64, extra: &str) -> String {
    format!(
        r#"{{"type": "Feature", "geometry": {{"type": "Point", "coordinates": [{lon}, {lat}]}}{extra}}}"#
    )
}

#[test]
fn a_plain_point_becomes_a_place() {
    let text = collection(&[&point(
        61.0667,
        34.6667,
        r#", "id": "islam-qala", "properties": {"name": "Islam Qala", "kind": "crossing", "countries": ["AF", "IR"], "province": "Herat", "aliases": ["Eslam Qaleh"]}"#,
    )]);
    let place = &places(&text)[0];
    assert_eq!(place.id, "islam-qala");
    assert_eq!(place.name, "Islam Qala");
    assert_eq!(place.kind, "crossing");
    assert_eq!(place.countries, ["AF", "IR"]);
    assert_eq!(place.province.as_deref(), Some("Herat"));
    assert_eq!(place.aliases, ["Eslam Qaleh"]);
    assert_eq!((place.lon(), place.lat()), (61.0667, 34.6667));
    assert!(place.properties.is_empty());
}

#[test]
fn files_from_the_wild_load() {
    // A BOM, CRLF line ends, a legacy crs, bbox members, foreign members and a numeric id.
    let text = "\u{feff}{\r\n \"type\": \"FeatureCollection\",\r\n \"crs\": {\"type\": \"name\", \"properties\": {\"name\": \"urn:ogc:def:crs:OGC:1.3:CRS84\"}},\r\n \"bbox\": [60, 30, 70, 40],\r\n \"generator\": \"overpass\",\r\n \"features\": [\r\n  {\"type\": \"Feature\", \"id\": 42, \"bbox\": [61, 34, 61, 34], \"source\": \"osm\",\r\n   \"geometry\": {\"type\": \"Point\", \"coordinates\": [61.0, 34.0, 950.0]},\r\n   \"properties\": {\"name\": \"Somewhere\"}}\r\n ]\r\n}\r\n";
    let place = &places(text)[0];
    assert_eq!(place.id, "42");
    assert_eq!(place.name, "Somewhere");
    assert_eq!(place.kind, "place", "the default kind");
}

#[test]
fn the_id_comes_from_the_feature_then_the_properties_then_the_name() {
    let text = collection(&[
        &point(
            61.0,
            34.0,
            r#", "id": "from-feature", "properties": {"id": "ignored", "name": "A"}"#,
        ),
        &point(61.0, 34.0, r#", "properties": {"id": 7, "name": "B"}"#),
        &point(
            61.0,
            34.0,
            r#", "properties": {"name": "Spin Boldak–Chaman (Wesh)"}"#,
        ),
    ]);
    let ids: Vec<String> = places(&text).into_iter().map(|p| p.id).collect();
    assert_eq!(ids, ["from-feature", "7", "spin-boldak-chaman-wesh"]);
}

#[test]
fn a_feature_id_leaves_a_properties_id_among_the_properties() {
    let text = collection(&[&point(
        61.0,
        34.0,
        r#", "id": "a", "properties": {"id": "b", "name": "A"}"#,
    )]);
    assert_eq!(
        places(&text)[0].properties.get("id"),
        Some(&Value::from("b"))
    );
}

#[test]
fn colliding_slugs_are_numbered_with_a_warning() {
    let text = collection(&[
        &point(61.0, 34.0, r#", "properties": {"name": "Kabul"}"#),
        &point(61.0, 34.0, r#", "properties": {"name": "kabul"}"#),
        &point(61.0, 34.0, r#", "properties": {"name": "KABUL"}"#),
        &point(
            61.0,
            34.0,
            r#", "id": "kabul-2", "properties": {"name": "Stated"}"#,
        ),
    ]);
    let ids: Vec<String> = places(&text).into_iter().map(|p| p.id).collect();
    assert_eq!(
        ids,
        ["kabul", "kabul-3", "kabul-4", "kabul-2"],
        "stated ids are never taken by slugs"
    );
    assert_eq!(
        messages(&text),
        [
            "places.geojson:3:1: warning: feature #2 \"kabul\": derived id \"kabul\" is already used, so it is \"kabul-3\"",
            "places.geojson:4:1: warning: feature #3 \"KABUL\": derived id \"kabul\" is already used, so it is \"kabul-4\"",
        ]
    );
}

#[test]
fn two_features_with_the_same_stated_id_are_an_error() {
    let text = collection(&[
        &point(
            61.0,
            34.0,
            r#", "id": "herat", "properties": {"name": "Herat"}"#,
        ),
        &point(
            62.0,
            34.0,
            r#", "id": "herat", "properties": {"name": "Herat again"}"#,
        ),
    ]);
    assert_eq!(
        messages(&text),
        ["places.geojson:3:1: error: place id \"herat\" is used twice (first on line 2)"]
    );
}

#[test]
fn the_name_comes_from_name_then_title_then_upper_case_name() {
    let text = collection(&[
        &point(
            61.0,
            34.0,
            r#", "properties": {"title": "Titled", "NAME": "Shouted"}"#,
        ),
        &point(61.0, 34.0, r#", "properties": {"NAME": "Shouted"}"#),
    ]);
    let names: Vec<String> = places(&text).into_iter().map(|p| p.name).collect();
    assert_eq!(names, ["Titled", "Shouted"]);
}

#[test]
fn a_place_without_a_name_is_called_by_its_id() {
    let text = collection(&[&point(61.0, 34.0, r#", "id": "x1", "properties": null"#)]);
    assert_eq!(places(&text)[0].name, "x1");
    assert_eq!(
        messages(&text),
        ["places.geojson:2:1: warning: feature #1 \"x1\": has no name, so it is shown by its id"]
    );
}

#[test]
fn countries_province_and_aliases_have_fallback_keys() {
    let text = collection(&[&point(
        61.0,
        34.0,
        r#", "properties": {"name": "A", "ccodes": "AF, TM", "admin1": "Herat", "aliases": "Only one"}"#,
    )]);
    let place = &places(&text)[0];
    assert_eq!(place.countries, ["AF", "TM"]);
    assert_eq!(place.province.as_deref(), Some("Herat"));
    assert_eq!(place.aliases, ["Only one"]);
}

#[test]
fn other_properties_are_kept_in_file_order() {
    let text = collection(&[&point(
        61.0,
        34.0,
        r#", "properties": {"zeta": 1, "name": "A", "alpha": "two", "mid": [3], "kind": "city"}"#,
    )]);
    let place = &places(&text)[0];
    let keys: Vec<&str> = place.properties.keys().map(String::as_str).collect();
    assert_eq!(keys, ["zeta", "alpha", "mid"]);
    assert_eq!(place.kind, "city");
}

#[test]
fn a_list_of_something_else_than_text_is_a_warning() {
    let text = collection(&[&point(
        61.0,
        34.0,
        r#", "properties": {"name": "A", "countries": [4, 2]}"#,
    )]);
    assert!(places(&text)[0].countries.is_empty());
    assert_eq!(
        messages(&text),
        [
            "places.geojson:2:1: warning: feature #1 \"A\": \"countries\" \"[4,2]\" must be a list of text; ignored"
        ]
    );
}

#[test]
fn features_that_are_neither_points_nor_areas_are_skipped_with_a_warning() {
    let text = collection(&[
        r#"{"type": "Feature", "geometry": null, "properties": {"name": "Nowhere"}}"#,
        r#"{"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[0,0],[1,0]]}, "properties": {"name": "Front line"}}"#,
        &point(61.0, 34.0, r#", "properties": {"name": "Kept"}"#),
    ]);
    let names: Vec<String> = places(&text).into_iter().map(|p| p.name).collect();
    assert_eq!(names, ["Kept"]);
    assert_eq!(
        messages(&text),
        [
            "places.geojson:2:1: warning: feature #1 \"Nowhere\": has no geometry; skipped",
            "places.geojson:3:1: warning: feature #2 \"Front line\": is a LineString, neither a point nor an area (Polygon, MultiPolygon); skipped",
        ]
    );
}

/// Badghis as a square with a hole, and Balkh as two islands: areas, each
/// labelled at a point inside it.
#[test]
fn polygons_and_multipolygons_are_areas_labelled_inside_them() {
    let text = collection(&[
        r#"{"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [[[63,34],[65,34],[65,36],[63,36],[63,34]], [[63.5,34.5],[64.5,34.5],[64.5,35.5],[63.5,35.5],[63.5,34.5]]]}, "properties": {"name": "Badghis"}}"#,
        r#"{"type": "Feature", "geometry": {"type": "MultiPolygon", "coordinates": [[[[66,36],[66.2,36],[66.2,36.2],[66,36.2],[66,36]]], [[[67,36],[68,36],[68,37],[67,37],[67,36]]]]}, "properties": {"name": "Balkh", "kind": "province"}}"#,
    ]);
    let places = places(&text);
    let badghis = &places[0];
    assert_eq!(
        (badghis.kind.as_str(), badghis.id.as_str()),
        ("area", "badghis")
    );
    let outline = badghis.area.as_ref().unwrap();
    assert_eq!(outline.0[0].interiors().len(), 1);
    use geo::Contains;
    assert!(
        outline.contains(&badghis.position),
        "{:?}",
        badghis.position
    );
    let balkh = &places[1];
    assert_eq!(balkh.kind, "province", "a kind given is kept");
    // Labelled in the larger of its two polygons.
    assert!((67.0..68.0).contains(&balkh.lon()) && (36.0..37.0).contains(&balkh.lat()));
    assert_eq!(messages(&text), Vec::<String>::new());
}

#[test]
fn a_ring_that_is_open_short_or_out_of_range_is_an_error_naming_the_feature_and_ring() {
    let feature = |coordinates: &str| {
        format!(
            r#"{{"type": "Feature", "geometry": {{"type": "Polygon", "coordinates": {coordinates}}}, "properties": {{"name": "Herat"}}}}"#
        )
    };
    let cases = [
        (
            "[[[61,34],[62,34],[62,35],[61,35]]]",
            "the outer ring is not closed: its last position must repeat its first",
        ),
        (
            "[[[61,34],[62,34],[61,34]]]",
            "the outer ring has 3 positions; a ring needs at least 4, the last repeating the first",
        ),
        (
            "[[[61,34],[62,34],[62,35],[61,35],[61,34]], [[61.2,34.2],[61.4,34.2],[61.4]]]",
            "hole 1 has 3 positions; a ring needs at least 4, the last repeating the first",
        ),
    ];
    for (coordinates, said) in cases {
        let text = collection(&[&feature(coordinates)]);
        assert_eq!(
            messages(&text),
            [format!(
                "places.geojson:2:1: error: feature #1 \"Herat\": {said}"
            )],
            "{coordinates}"
        );
    }
    let text = collection(&[&feature("[[[61,34],[262,34],[62,35],[61,34]]]")]);
    assert_eq!(
        messages(&text),
        [
            "places.geojson:2:1: error: feature #1 \"Herat\", the outer ring: longitude 262 is outside [-180, 180]"
        ]
    );
}

#[test]
fn an_outline_that_crosses_itself_is_kept_with_a_warning() {
    // A bow tie.
    let text = collection(&[
        r#"{"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [[[61,34],[62,35],[62,34],[61,35],[61,34]]]}, "properties": {"name": "Bow"}}"#,
    ]);
    assert_eq!(places(&text).len(), 1);
    assert_eq!(
        messages(&text),
        [
            "places.geojson:2:1: warning: feature #1 \"Bow\": its outline crosses itself; it is kept, but what is inside may not be what was meant"
        ]
    );
}

#[test]
fn coordinates_out_of_range_are_errors_naming_the_feature() {
    let text = collection(&[
        &point(181.0, 34.0, r#", "properties": {"name": "East"}"#),
        &point(61.0, -90.5, r#", "properties": {"name": "South"}"#),
        r#"{"type": "Feature", "geometry": {"type": "Point", "coordinates": [61]}, "properties": {"name": "Half"}}"#,
        r#"{"type": "Feature", "geometry": {"type": "Point", "coordinates": [1e999, 0]}, "properties": {"name": "Far"}}"#,
    ]);
    let messages = messages(&text);
    assert_eq!(
        messages[0],
        "places.geojson:2:1: error: feature #1 \"East\": longitude 181 is outside [-180, 180]"
    );
    assert_eq!(
        messages[1],
        "places.geojson:3:1: error: feature #2 \"South\": latitude -90.5 is outside [-90, 90]"
    );
    assert!(messages[2].contains("error: feature #3: not a valid GeoJSON Feature: A position must contain two or more elements"), "{}", messages[2]);
    assert!(
        messages[3].starts_with("places.geojson:5:"),
        "{}",
        messages[3]
    );
    assert!(messages[3].contains("feature #4"), "{}", messages[3]);
    assert_eq!(messages.len(), 4);
}

#[test]
fn checks_the_geojson_crate_leaves_to_us_name_the_feature() {
    let mut out = Collector::new("f");
    let geometry = GeometryValue::new_point([f64::NAN, 0.0]);
    assert_eq!(point_of("feature #1", Some(geometry), None, &mut out), None);
    let geometry = GeometryValue::new_point(vec![61.0]);
    assert_eq!(point_of("feature #2", Some(geometry), None, &mut out), None);
    let failed = out.fail();
    assert_eq!(
        failed.diagnostics[0].to_string(),
        "f: error: feature #1: coordinates must be finite numbers"
    );
    assert_eq!(
        failed.diagnostics[1].to_string(),
        "f: error: feature #2: a Point needs a longitude and a latitude"
    );
}

#[test]
fn a_malformed_feature_is_an_error_with_its_position() {
    let text = collection(&[
        r#"{"type": "Feature", "geometry": {"type": "Point", "coordinates": "here"}}"#,
    ]);
    let messages = messages(&text);
    assert_eq!(messages.len(), 1);
    assert!(
        messages[0].starts_with("places.geojson:2:"),
        "{}",
        messages[0]
    );
    assert!(
        messages[0].contains("error: feature #1: not a valid GeoJSON Feature"),
        "{}",
        messages[0]
    );
}

#[test]
fn broken_json_is_reported_at_its_line_and_column() {
    let text =
        "{\"type\": \"FeatureCollection\",\n \"features\": [\n  {\"type\": \"Feature\",,}\n]}";
    let failed = parse(text).unwrap_err();
    assert_eq!(failed.errors().count(), 1);
    assert_eq!(failed.diagnostics[0].severity, Severity::Error);
    assert_eq!(
        failed.diagnostics[0].to_string(),
        "places.geojson:3:22: error: not valid JSON: key must be a string"
    );
}

#[test]
fn other_geojson_is_not_a_gazetteer() {
    assert_eq!(
        messages(r#"{"type": "Feature", "geometry": null, "properties": {}}"#),
        ["places.geojson: error: expected a GeoJSON FeatureCollection, found a \"Feature\""]
    );
    assert_eq!(
        messages("[1, 2]"),
        ["places.geojson: error: expected a GeoJSON FeatureCollection, found a list"]
    );
    assert_eq!(
        messages(r#"{"type": "FeatureCollection", "features": {}}"#),
        ["places.geojson:1:43: error: \"features\" must be a list"]
    );
}

#[test]
fn an_empty_collection_is_an_empty_gazetteer() {
    assert!(places(r#"{"type": "FeatureCollection", "features": []}"#).is_empty());
}

#[test]
fn a_hundred_thousand_features_of_one_name_get_ids_in_one_pass() {
    // Quadratic before: every feature retried the suffixes from -2 (20,000 took 16 s).
    let feature = point(66.0, 31.0, r#", "properties": {"name": "Checkpoint"}"#);
    let stated = point(
        66.0,
        31.0,
        r#", "id": "checkpoint-3", "properties": {"name": "Stated"}"#,
    );
    let mut features = vec![feature.as_str(); 100_000];
    features.insert(1, &stated);
    let places = match parse(&collection(&features)) {
        Ok(loaded) => {
            assert_eq!(
                loaded.warnings.len(),
                99_999,
                "each renamed feature is said"
            );
            loaded.value.places
        }
        Err(failed) => panic!("did not load: {:?}", &failed.diagnostics[..3]),
    };
    let ids: Vec<&str> = places.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(
        ids[..5],
        [
            "checkpoint",
            "checkpoint-3",
            "checkpoint-2",
            "checkpoint-4",
            "checkpoint-5"
        ]
    );
    assert_eq!(ids[100_000], "checkpoint-100001");
    let distinct: std::collections::HashSet<&str> = ids.iter().copied().collect();
    assert_eq!(distinct.len(), ids.len());
}

use geo::Contains;
use geo_types::Point;

use super::*;

fn built_in() -> Basemap {
    Basemap::built_in().expect("the built-in basemap parses")
}

fn area<'a>(basemap: &'a Basemap, kind: AreaKind, name: &str) -> &'a Area {
    basemap
        .areas(kind)
        .find(|a| a.name.as_deref() == Some(name))
        .unwrap_or_else(|| panic!("no {kind:?} named {name}"))
}

/// Which area of `kind` holds a place, by name.
fn name_of_area_at(basemap: &Basemap, kind: AreaKind, lon: f64, lat: f64) -> Option<String> {
    basemap
        .areas(kind)
        .find(|a| a.shape.contains(&Point::new(lon, lat)))
        .and_then(|a| a.name.clone())
}

#[test]
fn the_built_in_basemap_is_small_enough_to_carry() {
    assert!(BUILT_IN.len() < 1_000_000, "{} bytes", BUILT_IN.len());
}

#[test]
fn afghanistan_and_its_neighbours_are_drawn_in_fine_detail() {
    let basemap = built_in();
    let fine: Vec<&str> = basemap
        .areas(AreaKind::Land)
        .filter(|a| a.detail == Detail::Fine)
        .filter_map(|a| a.name.as_deref())
        .collect();
    assert!(fine.len() >= 13, "{fine:?}");
    for neighbour in [
        "Afghanistan",
        "Pakistan",
        "Iran",
        "Turkmenistan",
        "Uzbekistan",
        "Tajikistan",
        "China",
    ] {
        assert!(
            fine.contains(&neighbour),
            "{neighbour} missing from {fine:?}"
        );
    }
}

#[test]
fn places_far_from_the_region_still_have_land_under_them() {
    let basemap = built_in();
    for (city, lon, lat, country) in [
        ("Doha", 51.53, 25.29, "Qatar"),
        ("Moscow", 37.62, 55.75, "Russia"),
        ("Tehran", 51.39, 35.69, "Iran"),
    ] {
        assert_eq!(
            name_of_area_at(&basemap, AreaKind::Land, lon, lat).as_deref(),
            Some(country),
            "{city}"
        );
    }
}

#[test]
fn afghanistan_has_its_34_provinces_by_their_names() {
    let basemap = built_in();
    let mut names: Vec<&str> = basemap
        .areas(AreaKind::Province)
        .filter_map(|a| a.name.as_deref())
        .collect();
    names.sort_unstable();
    assert_eq!(
        names,
        [
            "Badakhshan",
            "Badghis",
            "Baghlan",
            "Balkh",
            "Bamyan",
            "Daykundi",
            "Farah",
            "Faryab",
            "Ghazni",
            "Ghor",
            "Helmand",
            "Herat",
            "Jowzjan",
            "Kabul",
            "Kandahar",
            "Kapisa",
            "Khost",
            "Kunar",
            "Kunduz",
            "Laghman",
            "Logar",
            "Maidan Wardak",
            "Nangarhar",
            "Nimroz",
            "Nuristan",
            "Paktia",
            "Paktika",
            "Panjshir",
            "Parwan",
            "Samangan",
            "Sar-e Pol",
            "Takhar",
            "Uruzgan",
            "Zabul",
        ]
    );
}

#[test]
fn each_provincial_capital_lies_in_its_own_province() {
    // The source names two polygons "Uruzgan" and two "Parwan"; the capitals tell
    // Daykundi and Panjshir apart from them.
    let basemap = built_in();
    for (capital, lon, lat, province) in [
        ("Tarinkot", 65.874, 32.626, "Uruzgan"),
        ("Nili", 66.130, 33.722, "Daykundi"),
        ("Charikar", 69.169, 35.013, "Parwan"),
        ("Bazarak", 69.515, 35.313, "Panjshir"),
        ("Kabul", 69.178, 34.528, "Kabul"),
        ("Kandahar", 65.710, 31.613, "Kandahar"),
        ("Herat", 62.204, 34.352, "Herat"),
        ("Lashkar Gah", 64.370, 31.593, "Helmand"),
    ] {
        assert_eq!(
            name_of_area_at(&basemap, AreaKind::Province, lon, lat).as_deref(),
            Some(province),
            "{capital}"
        );
    }
}

#[test]
fn each_province_name_is_written_inside_the_province() {
    let basemap = built_in();
    let provinces = basemap
        .labels
        .iter()
        .filter(|l| l.kind == LabelKind::Province);
    assert_eq!(provinces.clone().count(), 34);
    for label in provinces {
        let province = area(&basemap, AreaKind::Province, &label.text);
        assert!(province.shape.contains(&label.position), "{}", label.text);
    }
}

#[test]
fn afghanistan_has_rivers_lakes_borders_and_a_name() {
    let basemap = built_in();
    let afghanistan = area(&basemap, AreaKind::Land, "Afghanistan");
    let crosses_afghanistan =
        |line: &Line| line.path.points().any(|p| afghanistan.shape.contains(&p));
    assert!(
        basemap
            .lines(LineKind::River)
            .filter(|l| crosses_afghanistan(l))
            .count()
            >= 3
    );
    assert!(basemap.areas(AreaKind::Lake).count() >= 1);
    assert!(basemap.lines(LineKind::Border).count() >= 20);
    assert!(basemap.lines(LineKind::Coast).count() >= 20);
    assert!(basemap.lines(LineKind::Province).count() >= 30);
    let label = basemap
        .labels
        .iter()
        .find(|l| l.kind == LabelKind::Country && l.text == "Afghanistan")
        .expect("Afghanistan's name");
    assert!(afghanistan.shape.contains(&label.position));
}

#[test]
fn a_feature_of_an_unknown_layer_is_refused_by_its_number() {
    let text = br#"{"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"layer": "river"},
         "geometry": {"type": "LineString", "coordinates": [[60, 30], [61, 31]]}},
        {"type": "Feature", "properties": {"layer": "roads"},
         "geometry": {"type": "LineString", "coordinates": [[60, 30], [61, 31]]}}
    ]}"#;
    assert_eq!(
        Basemap::from_geojson(text),
        Err(BasemapError::UnknownLayer {
            index: 1,
            layer: "roads".into()
        })
    );
}

#[test]
fn a_province_without_a_label_point_is_refused() {
    let text = br#"{"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"layer": "province", "name": "Ghor"},
         "geometry": {"type": "Polygon", "coordinates": [[[60, 30], [61, 31], [61, 30], [60, 30]]]}}
    ]}"#;
    let error = Basemap::from_geojson(text).expect_err("no label");
    assert_eq!(
        error.to_string(),
        r#"basemap feature #0 (layer "province"): no usable "label""#
    );
}

#[test]
fn broken_json_is_reported_at_its_line_and_column() {
    let error = Basemap::from_geojson(b"{\"type\": \"FeatureCollection\",\n  \"features\": [,]}")
        .expect_err("broken");
    assert!(
        matches!(
            error,
            BasemapError::Json {
                line: 2,
                column: 16,
                ..
            }
        ),
        "{error:?}"
    );
}

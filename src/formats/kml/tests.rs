use std::io::{Cursor, Write};

use geo_types::Point;
use serde_json::Map;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::check::MAX_DEPTH;
use super::{looks_like_kml, parse_placemarks};
use crate::model::Place;

/// A Google Earth export: nested folders, ExtendedData both ways, a road.
const BORDER: &str = r##"<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2" xmlns:gx="http://www.google.com/kml/ext/2.2">
<Document>
	<name>Afghan borders</name>
	<Style id="crossing"><IconStyle><scale>1.1</scale></IconStyle></Style>
	<Folder>
		<name>Kandahar</name>
		<Folder>
			<name>Border</name>
			<Placemark id="spin-boldak">
				<name>Spin Boldak</name>
				<description><![CDATA[Main crossing to <b>Chaman</b>]]></description>
				<styleUrl>#crossing</styleUrl>
				<ExtendedData>
					<Data name="kind"><value>crossing</value></Data>
					<Data name="countries"><value>AF, PK</value></Data>
					<Data name="Province"><value>Kandahar</value></Data>
					<Data name="aliases"><value>Wesh,Chaman border</value></Data>
					<SchemaData schemaUrl="#osm">
						<SimpleData name="osm_id">123456</SimpleData>
					</SchemaData>
				</ExtendedData>
				<Point><coordinates>66.3939,30.9977,0</coordinates></Point>
			</Placemark>
			<Placemark>
				<name>Border road</name>
				<LineString><coordinates>66.39,30.99,0 66.45,30.90,0</coordinates></LineString>
			</Placemark>
		</Folder>
	</Folder>
</Document>
</kml>
"##;

fn places(bytes: &[u8]) -> (Vec<Place>, Vec<String>) {
    match parse_placemarks("places.kml", bytes) {
        Ok(loaded) => {
            let warnings = loaded.warnings.iter().map(ToString::to_string).collect();
            (loaded.value.places, warnings)
        }
        Err(failed) => panic!("did not load: {:#?}", failed.diagnostics),
    }
}

fn errors(bytes: &[u8]) -> Vec<String> {
    match parse_placemarks("places.kml", bytes) {
        Ok(loaded) => panic!("loaded: {:#?}", loaded.value),
        Err(failed) => failed.diagnostics.iter().map(ToString::to_string).collect(),
    }
}

/// A document of these placemarks, one line each, from line 3.
fn document(placemarks: &[&str]) -> String {
    format!(
        "<kml>\n<Document>\n{}\n</Document>\n</kml>\n",
        placemarks.join("\n")
    )
}

fn point(name: &str, lon_lat: &str) -> String {
    format!(
        "<Placemark><name>{name}</name><Point><coordinates>{lon_lat}</coordinates></Point></Placemark>"
    )
}

fn kmz(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, bytes) in entries {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn a_point_placemark_in_nested_folders_becomes_a_place() {
    let (places, warnings) = places(BORDER.as_bytes());
    let mut properties = Map::new();
    properties.insert(
        "description".into(),
        "Main crossing to <b>Chaman</b>".into(),
    );
    properties.insert("osm_id".into(), "123456".into());
    properties.insert("folder".into(), "Afghan borders / Kandahar / Border".into());
    let spin_boldak = Place {
        id: "spin-boldak".into(),
        name: "Spin Boldak".into(),
        kind: "crossing".into(),
        countries: vec!["AF".into(), "PK".into()],
        province: Some("Kandahar".into()),
        aliases: vec!["Wesh".into(), "Chaman border".into()],
        position: Point::new(66.3939, 30.9977),
        area: None,
        properties,
    };
    assert_eq!(places, vec![spin_boldak]);
    assert_eq!(
        warnings,
        vec![
            "places.kml:25:4: warning: placemark #2 \"Border road\": is a LineString, neither a point \
             nor an area; skipped, as only points and polygons are read"
        ]
    );
}

#[test]
fn ids_are_stated_or_made_from_names() {
    let text = document(&[
        &point("Herat", "62.2,34.35"),
        "<Placemark id=\"herat\"><Point><coordinates>62.19,34.34</coordinates></Point></Placemark>",
        &point("Torkham", "71.09,34.1"),
        &point("Torkham", "71.1,34.11"),
    ]);
    let (places, warnings) = places(text.as_bytes());
    let ids: Vec<(&str, &str)> = places
        .iter()
        .map(|p| (p.id.as_str(), p.name.as_str()))
        .collect();
    assert_eq!(
        ids,
        vec![
            ("herat-2", "Herat"),
            ("herat", "herat"),
            ("torkham", "Torkham"),
            ("torkham-2", "Torkham")
        ]
    );
    assert_eq!(places[0].kind, "placemark");
    assert_eq!(places[0].properties, Map::new());
    assert_eq!(
        warnings,
        vec![
            "places.kml:3:1: warning: placemark #1 \"Herat\": derived id \"herat\" is already used, so it is \"herat-2\"",
            "places.kml:4:1: warning: placemark #2 \"herat\": has no name, so it is shown by its id",
            "places.kml:6:1: warning: placemark #4 \"Torkham\": derived id \"torkham\" is already used, so it is \"torkham-2\"",
        ]
    );
}

#[test]
fn an_id_stated_twice_is_an_error() {
    let text = document(&[
        "<Placemark id=\"a\"><name>A</name><Point><coordinates>1,2</coordinates></Point></Placemark>",
        "<Placemark id=\"a\"><name>B</name><Point><coordinates>3,4</coordinates></Point></Placemark>",
    ]);
    assert_eq!(
        errors(text.as_bytes()),
        vec!["places.kml:4:1: error: placemark id \"a\" is used twice (first on line 3)"]
    );
}

#[test]
fn a_multigeometry_of_one_point_is_that_point_and_other_shapes_are_skipped() {
    let text = document(&[
        "<Placemark><name>Chaman</name><MultiGeometry><Point><coordinates>66.45,30.92</coordinates></Point>\
         <LineString><coordinates>66,30 67,31</coordinates></LineString></MultiGeometry></Placemark>",
        "<Placemark><name>Two</name><MultiGeometry><Point><coordinates>1,2</coordinates></Point>\
         <Point><coordinates>3,4</coordinates></Point></MultiGeometry></Placemark>",
        "<Placemark><name>Area</name><Polygon><outerBoundaryIs><LinearRing><coordinates>60,30 62,30 62,32 60,30</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>",
        "<Placemark><name>Drive</name><gx:Track><when>2021-08-15</when><gx:coord>1 2 0</gx:coord></gx:Track></Placemark>",
        "<Placemark><name>Note</name></Placemark>",
    ]);
    let (places, warnings) = places(text.as_bytes());
    assert_eq!(places.len(), 2);
    assert_eq!(places[0].position, Point::new(66.45, 30.92));
    // A Polygon is an area, labelled inside it.
    assert_eq!(
        (places[1].name.as_str(), places[1].kind.as_str()),
        ("Area", "area")
    );
    assert!(places[1].area.is_some());
    let skipped = "skipped, as only points and polygons are read";
    assert_eq!(
        warnings,
        vec![
            format!(
                "places.kml:4:1: warning: placemark #2 \"Two\": is a MultiGeometry of 2 points, neither a point nor an area; {skipped}"
            ),
            format!(
                "places.kml:6:1: warning: placemark #4 \"Drive\": is a gx:Track, neither a point nor an area; {skipped}"
            ),
            format!("places.kml:7:1: warning: placemark #5 \"Note\": has no geometry; {skipped}"),
        ]
    );
}

#[test]
fn a_kmz_is_read_from_its_doc_kml() {
    let icon: &[u8] = b"\x89PNG\r\n\x1a\n not really";
    let bytes = kmz(&[("files/icon.png", icon), ("doc.kml", BORDER.as_bytes())]);
    assert!(looks_like_kml(&bytes));
    let (places, warnings) = places(&bytes);
    assert_eq!(places.len(), 1);
    assert_eq!(places[0].name, "Spin Boldak");
    // Locations are in the KML inside.
    assert!(warnings[0].starts_with("places.kml:25:4: warning:"));
}

#[test]
fn a_kmz_without_doc_kml_is_read_from_its_first_kml() {
    let other = document(&[&point("Islam Qala", "61.07,34.66")]);
    let bytes = kmz(&[
        ("README.txt", b"exported"),
        ("layers/Herat.KML", other.as_bytes()),
        ("layers/second.kml", BORDER.as_bytes()),
    ]);
    let (places, _) = places(&bytes);
    let names: Vec<&str> = places.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, vec!["Islam Qala"]);
}

#[test]
fn a_kmz_without_kml_says_what_it_holds() {
    let png: &[u8] = b"\x89PNG";
    let entries: Vec<(String, &[u8])> = (1..=7).map(|i| (format!("{i}.png"), png)).collect();
    let entries: Vec<(&str, &[u8])> = entries.iter().map(|(n, b)| (n.as_str(), *b)).collect();
    assert_eq!(
        errors(&kmz(&entries)),
        vec![
            "places.kml: error: no .kml file in this KMZ; it holds \
             \"1.png\", \"2.png\", \"3.png\", \"4.png\", \"5.png\" and 2 more"
        ]
    );
}

#[test]
fn an_excel_workbook_is_told_to_be_saved_as_csv() {
    let xml: &[u8] = b"<workbook/>";
    let bytes = kmz(&[("[Content_Types].xml", xml), ("xl/workbook.xml", xml)]);
    assert_eq!(
        errors(&bytes),
        vec![
            "places.kml: error: this is an Excel workbook (.xlsx), which claimmap does not read: \
             save the sheet as \"CSV UTF-8\" (or CSV) and open that"
        ]
    );
}

#[test]
fn a_corrupt_kmz_is_an_error() {
    let mut bytes = kmz(&[("doc.kml", BORDER.as_bytes())]);
    bytes.truncate(40);
    let corrupt = errors(&bytes);
    assert_eq!(corrupt.len(), 1);
    assert!(
        corrupt[0].starts_with("places.kml: error: not a readable KMZ (zip archive): "),
        "{corrupt:?}"
    );
    let mut bytes = kmz(&[("doc.kml", BORDER.as_bytes())]);
    // Past the local header (30 bytes and the name): the compressed KML.
    bytes[40..60].fill(0xff);
    let unpacked = errors(&bytes);
    assert_eq!(unpacked.len(), 1);
    assert!(
        unpacked[0].starts_with("places.kml: error: cannot unpack \"doc.kml\" from this KMZ: "),
        "{unpacked:?}"
    );
}

#[test]
fn xml_errors_say_where_the_reader_stopped() {
    let text = document(&["<Placemark><name>Herat</name>", "</Folder>"]);
    assert_eq!(
        errors(text.as_bytes()),
        vec![
            "places.kml:4:1: error: not valid KML: ill-formed document: \
             expected `</Placemark>`, but `</Folder>` was found"
        ]
    );
    // Columns count characters, not bytes.
    let text = document(&[
        "<Placemark><name>Hérat</name></Placemark>",
        "<Placemark>«»</Folder>",
    ]);
    assert_eq!(
        errors(text.as_bytes()),
        vec![
            "places.kml:4:14: error: not valid KML: ill-formed document: \
             expected `</Placemark>`, but `</Folder>` was found"
        ]
    );
    let cut = "<kml>\n<Placemark><name>Herat</name><Point id=\"p";
    assert_eq!(
        errors(cut.as_bytes()),
        vec![
            "places.kml:2:30: error: not valid KML: syntax error: \
             attribute value not closed: `\"` not found before end of input"
        ]
    );
    let text = document(&["<Placemark><name>A &amp B</name></Placemark>"]);
    assert_eq!(errors(text.as_bytes()).len(), 1);
    let text = document(&["<Placemark><description>A <b>bold</b> move</description></Placemark>"]);
    assert_eq!(
        errors(text.as_bytes()),
        vec![
            "places.kml:3:29: error: not valid KML: an element where only text may be \
             (write HTML in a description inside <![CDATA[ … ]]>)"
        ]
    );
    let text = document(&[&point("Herat", "62.2;34.35")]);
    assert_eq!(
        errors(text.as_bytes()),
        vec!["places.kml:3:73: error: not valid KML: \"62.2;34.35\" is not a number"]
    );
}

#[test]
fn a_file_cut_short_is_an_error_not_a_hang() {
    let cut = &BORDER[..BORDER.find("<Point>").unwrap()];
    assert_eq!(
        errors(cut.as_bytes()),
        vec![
            "places.kml:23:5: error: the file ends before its closing </kml>: \
             it looks cut short; save or download it again"
        ]
    );
    let nested = "<kml><Placemark>\n<kml></kml>";
    assert_eq!(
        errors(nested.as_bytes()),
        vec![
            "places.kml:2:1: error: a second <kml> element: a KML file holds exactly one \
             (inside a description, write it as &lt;kml&gt;)"
        ]
    );
}

#[test]
fn every_cut_short_file_is_an_error() {
    let whole = BORDER.trim_end();
    for cut in (0..whole.len()).filter(|&cut| whole.is_char_boundary(cut)) {
        let result = parse_placemarks("places.kml", &whole.as_bytes()[..cut]);
        assert!(result.is_err(), "cut at {cut} loaded");
    }
}

#[test]
fn a_point_without_coordinates_is_an_error_at_the_point() {
    let expected = |column: usize| {
        vec![format!(
            "places.kml:3:{column}: error: a <Point> without coordinates: \
             give every Point its \"longitude,latitude\" or remove it"
        )]
    };
    let placemark = |point: &str| format!("<Placemark><name>Nowhere</name>{point}</Placemark>");
    for point in [
        "<Point></Point>",
        "<Point/>",
        "<Point><coordinates> \n\t</coordinates></Point>",
        "<Point><coordinates/></Point>",
        // The reader splits coordinates at Unicode whitespace, such as a no-break space.
        "<Point><coordinates>\u{a0}</coordinates></Point>",
        // The reader keeps the last coordinates of a Point.
        "<Point><coordinates>1,2</coordinates><coordinates></coordinates></Point>",
        "<kml:Point><kml:extrude>1</kml:extrude></kml:Point>",
    ] {
        let text = document(&[&placemark(point)]);
        assert_eq!(errors(text.as_bytes()), expected(32), "{point}");
    }
    let nested = "<MultiGeometry><Point><coordinates>1,2</coordinates></Point><Point></Point></MultiGeometry>";
    let text = document(&[&placemark(nested)]);
    assert_eq!(errors(text.as_bytes()), expected(92));
}

#[test]
fn coordinates_may_be_written_with_entities_and_cdata() {
    let text = document(&[
        &point("Herat", "<![CDATA[62.2,34.35]]>"),
        &point("Kabul", "&#54;9.2,34.5"),
    ]);
    let (places, _) = places(text.as_bytes());
    assert_eq!(places[0].position, Point::new(62.2, 34.35));
    assert_eq!(places[1].position, Point::new(69.2, 34.5));
}

#[test]
fn only_comments_and_layout_may_follow_the_closing_kml() {
    let text = document(&[&point("Herat", "62.2,34.35")]) + "<!-- saved by hand -->\n\n";
    assert_eq!(places(text.as_bytes()).0.len(), 1);
    let text = document(&[&point("Herat", "62.2,34.35")]) + "<kml></kml>\n";
    assert_eq!(
        errors(text.as_bytes()),
        vec![
            "places.kml:6:1: error: a second <kml> element: a KML file holds exactly one \
             (inside a description, write it as &lt;kml&gt;)"
        ]
    );
    let text = document(&[&point("Herat", "62.2,34.35")]) + "<Placemark/>";
    assert_eq!(
        errors(text.as_bytes()),
        vec![
            "places.kml:6:1: error: <Placemark> after the closing </kml>: \
             everything in a KML file belongs inside its <kml>"
        ]
    );
    let text = document(&[&point("Herat", "62.2,34.35")]) + "  exported";
    assert_eq!(
        errors(text.as_bytes()),
        vec![
            "places.kml:6:3: error: text after the closing </kml>: \
             everything in a KML file belongs inside its <kml>"
        ]
    );
}

#[test]
fn markup_in_cdata_is_text() {
    let text = document(&[
        "<Placemark><name>Herat</name><description><![CDATA[Paste <kml><Point></kml> here]]></description>\
         <Point><coordinates>62.2,34.35</coordinates></Point></Placemark>",
    ]);
    let (places, _) = places(text.as_bytes());
    assert_eq!(
        places[0].properties["description"],
        "Paste <kml><Point></kml> here"
    );
}

#[test]
fn an_empty_kml_has_no_point_placemarks() {
    assert_eq!(
        errors(b"<kml/>"),
        vec!["places.kml: error: no placemarks with a point or a polygon found"]
    );
}

#[test]
fn elements_nested_too_deep_are_an_error_not_a_stack_overflow() {
    let depth = 100_000;
    let text = format!("<kml>{}{}</kml>", "<a>".repeat(depth), "</a>".repeat(depth));
    let found = errors(text.as_bytes());
    assert_eq!(found.len(), 1);
    assert!(
        found[0].starts_with("places.kml:1:") && found[0].contains("nested more than 32 deep"),
        "{found:?}"
    );
    // The deepest nesting allowed loads, in a thread with the default stack
    // (2 MiB), both as folders and as elements the reader keeps as they are.
    let nested = |tag: &str, levels: usize, inside: &str| {
        format!(
            "{}{inside}{}",
            format!("<{tag}>").repeat(levels),
            format!("</{tag}>").repeat(levels)
        )
    };
    let folders = |levels| {
        format!(
            "<kml>{}</kml>",
            nested("Folder", levels, &point("Deep", "1,2"))
        )
    };
    let kept = |levels| {
        format!(
            "<kml><Placemark><Point><coordinates>1,2</coordinates></Point>\
             <ExtendedData>{}</ExtendedData></Placemark></kml>",
            nested("a", levels, "x")
        )
    };
    for (deepest, too_deep) in [
        (folders(MAX_DEPTH - 4), folders(MAX_DEPTH - 3)),
        (kept(MAX_DEPTH - 3), kept(MAX_DEPTH - 2)),
    ] {
        let loaded =
            std::thread::spawn(move || parse_placemarks("places.kml", deepest.as_bytes()).is_ok());
        assert!(loaded.join().unwrap());
        assert!(errors(too_deep.as_bytes())[0].contains("nested more than 32 deep"));
    }
}

#[test]
fn coordinates_out_of_range_are_errors() {
    let text = document(&[
        &point("East", "181,30"),
        &point("North", "66,-90.5"),
        &point("Nowhere", "nan,30"),
        &point("Fine", "-180,90"),
    ]);
    assert_eq!(
        errors(text.as_bytes()),
        vec![
            "places.kml:3:1: error: placemark #1 \"East\": longitude 181 is outside [-180, 180]",
            "places.kml:4:1: error: placemark #2 \"North\": latitude -90.5 is outside [-90, 90]",
            "places.kml:5:1: error: placemark #3 \"Nowhere\": coordinates must be finite numbers",
        ]
    );
}

#[test]
fn a_file_without_point_placemarks_is_an_error() {
    assert_eq!(
        errors(document(&[]).as_bytes()),
        vec!["places.kml: error: no placemarks with a point or a polygon found"]
    );
    let road = "<Placemark><LineString><coordinates>1,2 3,4</coordinates></LineString></Placemark>";
    assert_eq!(
        errors(document(&[road, road]).as_bytes()),
        vec![
            "places.kml:3:1: warning: placemark #1: is a LineString, neither a point nor an area; \
             skipped, as only points and polygons are read",
            "places.kml:4:1: warning: placemark #2: is a LineString, neither a point nor an area; \
             skipped, as only points and polygons are read",
            "places.kml: error: no placemarks with a point or a polygon found (2 placemarks of other \
             kinds were skipped: only points and polygons are read)",
        ]
    );
}

#[test]
fn text_that_is_not_kml_is_an_error() {
    assert_eq!(
        errors(b"<?xml version=\"1.0\"?>\n<gpx version=\"1.1\"><wpt/></gpx>"),
        vec!["places.kml: error: not KML: the root element is <gpx>, not <kml>"]
    );
    assert_eq!(
        errors(b"{\"type\": \"FeatureCollection\"}"),
        vec![
            "places.kml: error: not KML: the file does not start with an XML element; \
             expected <kml> after an optional <?xml …?> line"
        ]
    );
    assert_eq!(
        errors(b"<kml>\n<Document><name>Kandahar \xff</name></Document></kml>"),
        vec![
            "places.kml:2:26: error: not UTF-8 text: byte 0xff cannot start or continue \
             a character; save the file as UTF-8"
        ]
    );
}

#[test]
fn a_byte_order_mark_and_a_prefix_are_fine() {
    let text = "\u{feff}<?xml version=\"1.0\"?>\n<!-- exported -->\n<kml:kml xmlns:kml=\"http://www.opengis.net/kml/2.2\">\n\
                <kml:Placemark><kml:name>Herat</kml:name><kml:Point><kml:coordinates>62.2,34.35</kml:coordinates></kml:Point></kml:Placemark>\n\
                </kml:kml>\n";
    assert!(looks_like_kml(text.as_bytes()));
    let (places, warnings) = places(text.as_bytes());
    assert_eq!(places[0].id, "herat");
    assert_eq!(warnings, Vec::<String>::new());
}

#[test]
fn kml_and_kmz_are_recognised_by_their_content() {
    assert!(looks_like_kml(BORDER.as_bytes()));
    assert!(looks_like_kml(b"\xef\xbb\xbf<!-- a -->\n<kml>"));
    assert!(looks_like_kml(&kmz(&[("doc.kml", BORDER.as_bytes())])));
    assert!(!looks_like_kml(
        br#"{"type": "FeatureCollection", "features": []}"#
    ));
    assert!(!looks_like_kml(
        b"id,name,lon,lat\nherat,Herat,62.2,34.35\n"
    ));
    assert!(!looks_like_kml(b"<?xml version=\"1.0\"?><gpx></gpx>"));
    assert!(!looks_like_kml(b"<kmlx>"));
    assert!(!looks_like_kml(b""));
}

/// Provinces drawn in Google Earth: a Polygon with a hole, and a MultiGeometry
/// of two Polygons, are areas; a ring left open is an error naming it.
#[test]
fn polygons_are_areas_and_their_rings_are_checked() {
    let ring =
        |coords: &str| format!("<LinearRing><coordinates>{coords}</coordinates></LinearRing>");
    let with_hole = format!(
        "<Placemark><name>Badghis</name><Polygon><outerBoundaryIs>{}</outerBoundaryIs>\
         <innerBoundaryIs>{}</innerBoundaryIs></Polygon></Placemark>",
        ring("63,34 65,34 65,36 63,36 63,34"),
        ring("63.5,34.5 64.5,34.5 64.5,35.5 63.5,35.5 63.5,34.5")
    );
    let islands = format!(
        "<Placemark><name>Balkh</name><MultiGeometry><Polygon><outerBoundaryIs>{}</outerBoundaryIs></Polygon>\
         <Polygon><outerBoundaryIs>{}</outerBoundaryIs></Polygon></MultiGeometry></Placemark>",
        ring("66,36 66.2,36 66.2,36.2 66,36.2 66,36"),
        ring("67,36 68,36 68,37 67,37 67,36")
    );
    let (places, warnings) = places(document(&[&with_hole, &islands]).as_bytes());
    assert_eq!(warnings, Vec::<String>::new());
    let outlines: Vec<usize> = places
        .iter()
        .map(|p| p.area.as_ref().unwrap().0.len())
        .collect();
    assert_eq!(outlines, [1, 2]);
    assert_eq!(places[0].area.as_ref().unwrap().0[0].interiors().len(), 1);
    assert!(
        (67.0..68.0).contains(&places[1].lon()),
        "in the larger island"
    );

    let open = format!(
        "<Placemark><name>Herat</name><Polygon><outerBoundaryIs>{}</outerBoundaryIs></Polygon></Placemark>",
        ring("61,34 62,34 62,35 61,35")
    );
    assert_eq!(
        errors(document(&[&open]).as_bytes()),
        vec![
            "places.kml:3:1: error: placemark #1 \"Herat\": the outer ring is not closed: its last position must repeat its first"
        ]
    );
}

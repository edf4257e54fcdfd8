//! KML and KMZ placemarks as a gazetteer (Google Earth, My Maps).

use thiserror::Error;

/// What can be wrong in a KML or KMZ file.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum KmlProblem {}

impl KmlProblem {
    /// What kind of problem this is, for counting problems of one kind together.
    pub fn kind(&self) -> &'static str {
        match *self {}
    }
}

#[cfg(test)]
mod scratch {
    fn show(s: &str) {
        let r = kml::KmlReader::<_, f64>::from_string(s).read();
        match r {
            Ok(k) => eprintln!("OK {s:?} => {k:?}"),
            Err(e) => eprintln!("ERR {s:?} => {e} / {e:?}"),
        }
    }
    #[test]
    fn explore() {
        show("<kml><Document><Placemark><name>a</name></Placemark></Document></kml>");
        show("<kml><Document><Placemark><name>a</name></Folder></Document></kml>");
        show("<kml><Document><Folder><name>a</name></Document></kml>");
        show("<kml><Document><Placemark><name>a</name>");
        show("<kml><Document><Placemark><name>a");
        show("<kml><Document><Placemark><name>a</name><ExtendedData><Data name=\"x\"><value>1</value></Data>");
        show("<kml><Document>");
        show("<kml><Document><Placemark><name>a &foo; b</name></Placemark></Document></kml>");
        show("<kml><Document><Placemark><name>a</name><Point><coordinates>1,2</coordinates></Point><ExtendedData><Data name=\"x\"><value>1</value></Data><SchemaData schemaUrl=\"#s\"><SimpleData name=\"y\">2</SimpleData></SchemaData></ExtendedData></Placemark></Document></kml>");
        show("<kml><Document><Placemark><Point><coordinates>1,x</coordinates></Point></Placemark></Document></kml>");
        show("<kml><Document><Placemark><Point><coordinates></coordinates></Point></Placemark></Document></kml>");
        show("");
        show("<?xml version=\"1.0\"?>");
        show("<kml></kml>");
        show("<a <b");
        show("<gpx><trk/></gpx>");
        show("{\"type\":\"FeatureCollection\"}");
    }
}

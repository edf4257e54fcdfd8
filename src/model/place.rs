//! Places of the gazetteer: border crossings, cities and anything else with a point.

use geo_types::{MultiPolygon, Point};
use serde_json::{Map, Value};

#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    pub id: String,
    pub name: String,
    /// Free text; the window styles `crossing` and `city` specially.
    pub kind: String,
    /// ISO 3166 codes; a crossing names both sides.
    pub countries: Vec<String>,
    pub province: Option<String>,
    pub aliases: Vec<String>,
    /// Longitude (x) and latitude (y), WGS84. For an area, the point inside it
    /// farthest from its edges: where its label and search go.
    pub position: Point<f64>,
    /// The outline of a place that is an area (a province, a district, a
    /// publisher's polygon), in longitude and latitude; `None` for a point.
    pub area: Option<MultiPolygon<f64>>,
    /// Every property the gazetteer gave that is not one of the fields above, in file order.
    pub properties: Map<String, Value>,
}

impl Place {
    pub const CROSSING: &'static str = "crossing";
    pub const CITY: &'static str = "city";
    pub const AREA: &'static str = "area";

    pub fn lon(&self) -> f64 {
        self.position.x()
    }

    pub fn lat(&self) -> f64 {
        self.position.y()
    }

    /// Whether the name or an alias contains `needle`, ignoring case.
    pub fn matches(&self, needle: &str) -> bool {
        let needle = needle.to_lowercase();
        std::iter::once(&self.name)
            .chain(&self.aliases)
            .any(|name| name.to_lowercase().contains(&needle))
    }
}

//! Places of the gazetteer: border crossings, cities and anything else with a point.

use geo_types::Point;
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
    /// Longitude (x) and latitude (y), WGS84.
    pub position: Point<f64>,
    /// Every property the gazetteer gave that is not one of the fields above, in file order.
    pub properties: Map<String, Value>,
}

impl Place {
    pub const CROSSING: &'static str = "crossing";
    pub const CITY: &'static str = "city";

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

//! The built-in vector basemap: land, borders, coasts, Afghanistan's provinces,
//! rivers, lakes and country names, from Natural Earth (public domain).
//!
//! `assets/basemap.geojson` is made by `assets/build-basemap.sh` and compiled in.
//! It is parsed once ([`Basemap::built_in`]); [`levels`] turns it into geometry
//! simplified and triangulated for each zoom level, ready to draw. Nothing here
//! knows about egui: the app draws what this module prepares.

pub mod levels;
mod parse;

#[cfg(test)]
mod tests;

use geo_types::{LineString, MultiPolygon, Point};

pub use levels::{Fill, Level, LevelSet, Stroke, mercator};
pub use parse::BasemapError;

/// The file the binary carries, made by `assets/build-basemap.sh`.
pub const BUILT_IN: &[u8] = include_bytes!("../../assets/basemap.geojson");

/// What a polygon of the basemap is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AreaKind {
    /// A country's land, filled.
    Land,
    Lake,
    /// One of Afghanistan's provinces: named, not drawn (see [`LineKind::Province`]).
    Province,
}

/// What a line of the basemap is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LineKind {
    Coast,
    Border,
    /// A boundary between two provinces. Their outer edge is the country border,
    /// drawn from the finer country data instead.
    Province,
    River,
    /// A lake's shore (from the lakes' outlines).
    Shore,
}

/// How fine a country's outline is: the 1:10m data near Afghanistan, 1:110m elsewhere.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Detail {
    Fine,
    Coarse,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Area {
    pub kind: AreaKind,
    pub name: Option<String>,
    pub detail: Detail,
    /// Longitude and latitude.
    pub shape: MultiPolygon<f64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub kind: LineKind,
    /// Longitude and latitude.
    pub path: LineString<f64>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabelKind {
    Country,
    Province,
}

/// A name to write on the map from `min_zoom` on.
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    pub kind: LabelKind,
    pub text: String,
    /// Longitude and latitude.
    pub position: Point<f64>,
    pub min_zoom: f64,
}

/// The whole basemap, in longitude and latitude.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Basemap {
    pub areas: Vec<Area>,
    pub lines: Vec<Line>,
    pub labels: Vec<Label>,
}

impl Basemap {
    /// The basemap compiled into the binary.
    pub fn built_in() -> Result<Basemap, BasemapError> {
        Basemap::from_geojson(BUILT_IN)
    }

    /// The areas of one kind.
    pub fn areas(&self, kind: AreaKind) -> impl Iterator<Item = &Area> {
        self.areas.iter().filter(move |a| a.kind == kind)
    }

    /// The lines of one kind.
    pub fn lines(&self, kind: LineKind) -> impl Iterator<Item = &Line> {
        self.lines.iter().filter(move |l| l.kind == kind)
    }
}

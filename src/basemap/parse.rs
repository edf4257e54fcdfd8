//! Reading the basemap's GeoJSON: each feature says which layer it belongs to.

use geo_types::{Geometry, LineString, MultiPolygon, Point};
use geojson::{Feature, FeatureCollection, JsonObject};
use serde_json::Value;

use super::{Area, AreaKind, Basemap, Detail, Label, LabelKind, Line, LineKind};

/// Province names appear from this zoom on: below it they crowd the country.
const PROVINCE_LABEL_ZOOM: f64 = 6.0;

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum BasemapError {
    #[error("basemap.geojson:{line}:{column}: {message}")]
    Json {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("basemap feature #{index}: no \"layer\" property")]
    NoLayer { index: usize },
    #[error("basemap feature #{index}: unknown layer \"{layer}\"")]
    UnknownLayer { index: usize, layer: String },
    #[error("basemap feature #{index} (layer \"{layer}\"): expected {expected}")]
    WrongGeometry {
        index: usize,
        layer: String,
        expected: &'static str,
    },
    #[error("basemap feature #{index} (layer \"{layer}\"): no usable \"{property}\"")]
    MissingProperty {
        index: usize,
        layer: String,
        property: &'static str,
    },
}

impl Basemap {
    /// Reads a basemap made by `assets/build-basemap.sh`.
    pub fn from_geojson(bytes: &[u8]) -> Result<Basemap, BasemapError> {
        let collection: FeatureCollection =
            serde_json::from_slice(bytes).map_err(|error| BasemapError::Json {
                line: error.line(),
                column: error.column(),
                message: error.to_string(),
            })?;
        let mut basemap = Basemap::default();
        for (index, feature) in collection.features.into_iter().enumerate() {
            add_feature(&mut basemap, index, feature)?;
        }
        Ok(basemap)
    }
}

fn add_feature(basemap: &mut Basemap, index: usize, feature: Feature) -> Result<(), BasemapError> {
    let properties = feature.properties.unwrap_or_default();
    let layer = text(&properties, "layer")
        .ok_or(BasemapError::NoLayer { index })?
        .to_owned();
    let geometry = feature
        .geometry
        .and_then(|g| Geometry::<f64>::try_from(&g.value).ok());
    let wrong = |expected| BasemapError::WrongGeometry {
        index,
        layer: layer.clone(),
        expected,
    };
    let missing = |property| BasemapError::MissingProperty {
        index,
        layer: layer.clone(),
        property,
    };
    let name = text(&properties, "name").map(str::to_owned);
    match layer.as_str() {
        "land" | "lake" | "province" => {
            let shape = polygons(geometry).ok_or_else(|| wrong("a Polygon or MultiPolygon"))?;
            let kind = match layer.as_str() {
                "land" => AreaKind::Land,
                "lake" => AreaKind::Lake,
                _ => AreaKind::Province,
            };
            if kind == AreaKind::Province {
                basemap.labels.push(Label {
                    kind: LabelKind::Province,
                    text: name.clone().ok_or_else(|| missing("name"))?,
                    position: point(properties.get("label")).ok_or_else(|| missing("label"))?,
                    min_zoom: PROVINCE_LABEL_ZOOM,
                });
            }
            let detail = match text(&properties, "detail") {
                Some("110m") => Detail::Coarse,
                _ => Detail::Fine,
            };
            basemap.areas.push(Area {
                kind,
                name,
                detail,
                shape,
            });
        }
        "border" | "coast" | "river" | "province-line" => {
            let kind = match layer.as_str() {
                "border" => LineKind::Border,
                "coast" => LineKind::Coast,
                "province-line" => LineKind::Province,
                _ => LineKind::River,
            };
            let paths = lines(geometry).ok_or_else(|| wrong("a LineString or MultiLineString"))?;
            basemap
                .lines
                .extend(paths.into_iter().map(|path| Line { kind, path }));
        }
        "country-label" => {
            let Some(Geometry::Point(position)) = geometry else {
                return Err(wrong("a Point"));
            };
            basemap.labels.push(Label {
                kind: LabelKind::Country,
                text: name.ok_or_else(|| missing("name"))?,
                position,
                min_zoom: properties
                    .get("rank")
                    .and_then(Value::as_f64)
                    .ok_or_else(|| missing("rank"))?,
            });
        }
        _ => return Err(BasemapError::UnknownLayer { index, layer }),
    }
    Ok(())
}

fn text<'a>(properties: &'a JsonObject, key: &str) -> Option<&'a str> {
    properties.get(key).and_then(Value::as_str)
}

/// `[lon, lat]`.
fn point(value: Option<&Value>) -> Option<Point<f64>> {
    match value?.as_array()?.as_slice() {
        [lon, lat] => Some(Point::new(lon.as_f64()?, lat.as_f64()?)),
        _ => None,
    }
}

fn polygons(geometry: Option<Geometry<f64>>) -> Option<MultiPolygon<f64>> {
    match geometry? {
        Geometry::Polygon(polygon) => Some(MultiPolygon::new(vec![polygon])),
        Geometry::MultiPolygon(polygons) => Some(polygons),
        _ => None,
    }
}

fn lines(geometry: Option<Geometry<f64>>) -> Option<Vec<LineString<f64>>> {
    match geometry? {
        Geometry::LineString(line) => Some(vec![line]),
        Geometry::MultiLineString(lines) => Some(lines.0),
        _ => None,
    }
}

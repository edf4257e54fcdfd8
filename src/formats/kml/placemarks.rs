//! Walking the `kml` crate's tree into places: the point placemarks at any
//! depth of documents and folders, their ExtendedData, and their ids.

use geo_types::Point;
use geojson::{GeometryValue, Position};
use kml::Kml;
use kml::types::{Coord, Element, Geometry, MultiGeometry, Placemark};
use serde_json::{Map, Value};

use super::KmlProblem;
use crate::formats::area::read_area;
use crate::formats::diagnostic::Collector;
use crate::formats::gazetteer::checked_point;
use crate::formats::ids::{Candidate, assign_ids};
use crate::model::{Location, Place};

/// The places of the point placemarks in the tree; `locations` are where the
/// placemarks start, in the order the tree holds them.
pub(super) fn read_places(tree: Kml, locations: &[Location], out: &mut Collector) -> Vec<Place> {
    let mut found = Vec::new();
    collect_placemarks(tree, &mut Vec::new(), &mut found);
    let total = found.len();
    let candidates: Vec<Candidate> = found
        .into_iter()
        .enumerate()
        .filter_map(|(i, found)| {
            let location = locations.get(i).copied();
            read_placemark(i + 1, found, location, out)
        })
        .collect();
    if candidates.is_empty() && !out.has_errors() {
        // Without errors, every placemark that is not a candidate was skipped.
        out.error(None, KmlProblem::NoPoints { skipped: total }.into());
    }
    assign_ids(candidates, "placemark", out)
}

/// A placemark and the names of the documents and folders it is in.
struct Found {
    placemark: Placemark,
    folder: String,
}

/// Every placemark in document order, at any depth of documents and folders.
fn collect_placemarks(kml: Kml, path: &mut Vec<String>, found: &mut Vec<Found>) {
    let (name, elements) = match kml {
        Kml::KmlDocument(document) => (None, document.elements),
        Kml::Document { elements, .. } => (document_name(&elements), elements),
        Kml::Folder(folder) => (folder.name, folder.elements),
        Kml::Placemark(placemark) => {
            let folder = path.join(" / ");
            found.push(Found { placemark, folder });
            return;
        }
        _ => return,
    };
    let name = name
        .map(|name| name.trim().to_owned())
        .filter(|name| !name.is_empty());
    let named = name.is_some();
    path.extend(name);
    for element in elements {
        collect_placemarks(element, path, found);
    }
    if named {
        path.pop();
    }
}

/// A `<Document>`'s `<name>`, which the `kml` crate leaves among its elements.
fn document_name(elements: &[Kml]) -> Option<String> {
    elements.iter().find_map(|element| match element {
        Kml::Element(element) if element.name == "name" => element.content.clone(),
        _ => None,
    })
}

fn read_placemark(
    number: usize,
    Found { placemark, folder }: Found,
    location: Option<Location>,
    out: &mut Collector,
) -> Option<Candidate> {
    let name = non_empty(placemark.name.as_deref());
    let explicit_id = non_empty(placemark.attrs.get("id").map(String::as_str));
    let subject = match name.as_ref().or(explicit_id.as_ref()) {
        Some(called) => format!("placemark #{number} \"{called}\""),
        None => format!("placemark #{number}"),
    };
    let area = polygons_of(&placemark).and_then(|g| read_area(&subject, &g, location, out));
    let (position, area) = match area {
        Some(area) => {
            let (outline, label_point) = area?;
            (label_point, Some(outline))
        }
        None => (position_of(&subject, &placemark, location, out)?, None),
    };
    let mut fields = extended_data(&placemark.children);
    let kind = take_field(&mut fields, "kind");
    let kind = kind.unwrap_or_else(|| {
        if area.is_some() {
            Place::AREA
        } else {
            "placemark"
        }
        .to_owned()
    });
    let countries = take_field(&mut fields, "countries").map_or_else(Vec::new, comma_list);
    let province = take_field(&mut fields, "province");
    let aliases = take_field(&mut fields, "aliases").map_or_else(Vec::new, comma_list);
    let mut properties = Map::new();
    if let Some(description) = non_empty(placemark.description.as_deref()) {
        properties.insert("description".to_owned(), Value::String(description));
    }
    for (key, value) in fields {
        properties.insert(key, Value::String(value));
    }
    if !folder.is_empty() {
        properties.insert("folder".to_owned(), Value::String(folder));
    }
    let place = Place {
        id: String::new(),
        name: name.unwrap_or_default(),
        kind,
        countries,
        province,
        aliases,
        position,
        area,
        properties,
    };
    Some(Candidate {
        subject,
        location,
        explicit_id,
        place,
    })
}

fn non_empty(text: Option<&str>) -> Option<String> {
    text.map(str::trim)
        .filter(|text| !text.is_empty())
        .map(str::to_owned)
}

/// The placemark's Polygon, or the Polygons of its MultiGeometry, as GeoJSON
/// has them: an area from Google Earth is checked and read as a GeoJSON one is.
/// `None` when it holds anything else.
fn polygons_of(placemark: &Placemark) -> Option<GeometryValue> {
    let polygons: Vec<&kml::types::Polygon> = match &placemark.geometry {
        Some(Geometry::Polygon(polygon)) => vec![polygon],
        Some(Geometry::MultiGeometry(multi)) => {
            let polygons = multi.geometries.iter().map(|geometry| match geometry {
                Geometry::Polygon(polygon) => Some(polygon),
                _ => None,
            });
            polygons
                .collect::<Option<Vec<_>>>()
                .filter(|p| !p.is_empty())?
        }
        _ => return None,
    };
    let ring = |ring: &kml::types::LinearRing| -> Vec<Position> {
        ring.coords
            .iter()
            .map(|c| Position::from([c.x, c.y]))
            .collect()
    };
    let rings = |polygon: &&kml::types::Polygon| -> Vec<Vec<Position>> {
        std::iter::once(&polygon.outer)
            .chain(&polygon.inner)
            .map(ring)
            .collect()
    };
    Some(match polygons.as_slice() {
        [one] => GeometryValue::Polygon {
            coordinates: rings(one),
        },
        several => GeometryValue::MultiPolygon {
            coordinates: several.iter().map(rings).collect(),
        },
    })
}

/// The placemark's position, or `None` (with a diagnostic) when it is not a usable point.
fn position_of(
    subject: &str,
    placemark: &Placemark,
    location: Option<Location>,
    out: &mut Collector,
) -> Option<Point<f64>> {
    let subject = subject.to_owned();
    let Coord { x: lon, y: lat, .. } = match the_point(placemark) {
        Ok(coord) => coord,
        Err(Some(geometry)) => {
            out.warn(location, KmlProblem::NotAPoint { subject, geometry }.into());
            return None;
        }
        Err(None) => {
            out.warn(location, KmlProblem::NoGeometry { subject }.into());
            return None;
        }
    };
    checked_point(subject, lon, lat)
        .map_err(|problem| out.error(location, problem))
        .ok()
}

/// The placemark's one point, or what it holds instead (`None`: nothing).
fn the_point(placemark: &Placemark) -> Result<Coord, Option<String>> {
    let geometry = match &placemark.geometry {
        Some(Geometry::Point(point)) => return Ok(point.coord),
        Some(Geometry::MultiGeometry(multi)) => {
            let points = points_in(multi);
            match points.as_slice() {
                [point] => return Ok(*point),
                [] => "MultiGeometry without a point".to_owned(),
                more => format!("MultiGeometry of {} points", more.len()),
            }
        }
        Some(Geometry::LineString(_)) => "LineString".to_owned(),
        Some(Geometry::LinearRing(_)) => "LinearRing".to_owned(),
        Some(Geometry::Polygon(_)) => "Polygon".to_owned(),
        Some(Geometry::Element(element)) => element.name.clone(),
        Some(_) => "geometry".to_owned(),
        // GPS tracks are Google's extension, which the reader keeps as plain elements.
        None => match placemark
            .children
            .iter()
            .find(|c| c.name.ends_with("Track"))
        {
            Some(track) => format!("gx:{}", track.name),
            None => return Err(None),
        },
    };
    Err(Some(geometry))
}

/// Every point of a MultiGeometry, including those of MultiGeometries inside it.
fn points_in(multi: &MultiGeometry) -> Vec<Coord> {
    let mut points = Vec::new();
    for geometry in &multi.geometries {
        match geometry {
            Geometry::Point(point) => points.push(point.coord),
            Geometry::MultiGeometry(inner) => points.extend(points_in(inner)),
            _ => {}
        }
    }
    points
}

/// Every `<Data name="x"><value>v</value></Data>` and
/// `<SchemaData><SimpleData name="x">v</SimpleData></SchemaData>`, in file order.
fn extended_data(children: &[Element]) -> Vec<(String, String)> {
    let mut fields = Vec::new();
    let fields_of = |element: &Element| -> Vec<(String, String)> {
        match element.name.as_str() {
            "Data" => named_value(element, child_content(element, "value"))
                .into_iter()
                .collect(),
            "SchemaData" => element
                .children
                .iter()
                .filter(|data| data.name == "SimpleData")
                .flat_map(|data| named_value(data, data.content.as_deref()))
                .collect(),
            _ => Vec::new(),
        }
    };
    for extended in children.iter().filter(|c| c.name == "ExtendedData") {
        fields.extend(extended.children.iter().flat_map(fields_of));
    }
    fields
}

/// The `name` attribute and the trimmed value, if the element has a name.
fn named_value(element: &Element, value: Option<&str>) -> Option<(String, String)> {
    let value = value.unwrap_or_default().trim().to_owned();
    element.attrs.get("name").map(|name| (name.clone(), value))
}

fn child_content<'a>(element: &'a Element, name: &str) -> Option<&'a str> {
    element
        .children
        .iter()
        .find(|child| child.name == name)
        .and_then(|child| child.content.as_deref())
}

/// Removes the field `key` (any case: My Maps columns are often capitalised);
/// an empty value counts as absent.
fn take_field(fields: &mut Vec<(String, String)>, key: &str) -> Option<String> {
    let index = fields
        .iter()
        .position(|(name, _)| name.eq_ignore_ascii_case(key))?;
    let (_, value) = fields.remove(index);
    (!value.is_empty()).then_some(value)
}

fn comma_list(text: String) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(str::to_owned)
        .collect()
}

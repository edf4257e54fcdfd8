//! The map picture: the basemap, a series' maps, the areas and the markers
//! over one view. The window's map and every export (PNG, GIF, `claimmap
//! render`) are drawn by [`draw_map`], so an exported image is what the
//! window shows, never a second copy of the drawing code.

use std::collections::HashMap;
use std::sync::Arc;

use eframe::egui::{Shape, Ui};
use walkers::{Map, MapMemory, Position, Tiles};

use super::area_layer::{AreaLayer, AreasDrawn};
use super::basemap_layer::{BasemapDrawn, BasemapLayer, Palette};
use super::markers::{MapOutput, Markers, StaleRule};
use super::series_layer::{MapsDrawn, SeriesLayer};
use super::series_overlay::MapDrawing;
use super::symbols::MarkerSize;
use crate::basemap::LevelSet;
use crate::model::{Dataset, DiffKind, PlaceState};
use crate::shapes::areas::AreaSet;

/// What the map is drawn from: the data for one day and lens, and the layers
/// already built for it. Cloning shares the layers.
#[derive(Clone)]
pub struct MapPicture<'a> {
    pub dataset: Option<&'a Dataset>,
    pub states: &'a [PlaceState],
    /// Each place in Web Mercator's unit square.
    pub points: &'a [[f64; 2]],
    pub basemap: Option<Arc<LevelSet>>,
    pub palette: Palette,
    /// The built-in basemap is all there is (no raster tiles under it).
    pub basemap_alone: bool,
    /// Borders and province lines over raster tiles too.
    pub borders_over_tiles: bool,
    /// The dataset's areas, once their geometry is ready at some zoom.
    pub areas: Option<Arc<AreaSet>>,
    /// The maps of the shown series on the day.
    pub maps: Vec<MapDrawing>,
    pub style: MarkerStyle<'a>,
}

impl MapPicture<'_> {
    /// Whether every layer is built for `zoom`: an export waits until it is,
    /// where the window draws the nearest level while it builds.
    pub fn ready_at(&self, zoom: f64) -> bool {
        let basemap = self.basemap.as_ref().is_none_or(|b| b.ready_at(zoom));
        let areas = self.areas.as_ref().is_none_or(|a| a.ready_at(zoom));
        let maps = self.maps.iter().all(|m| m.shapes.ready_at(zoom));
        basemap && areas && maps
    }
}

/// How the places are marked, beyond their states.
#[derive(Clone, Copy)]
pub struct MarkerStyle<'a> {
    pub selected: Option<usize>,
    pub show_labels: bool,
    pub stale: Option<StaleRule>,
    /// While comparing two days: the kind of each changed place.
    pub changes: Option<&'a HashMap<usize, DiffKind>>,
    pub size: MarkerSize,
}

/// What each layer drew in the last frame: for the tests, and for a glance in a debugger.
#[derive(Default)]
pub struct LayersDrawn {
    pub basemap: BasemapDrawn,
    pub areas: AreasDrawn,
    pub maps: MapsDrawn,
}

/// Draws `picture` over the view in `memory` (following `home` until the
/// user pans), raster `tiles` under it if any, then `overlays` on top; says
/// what was clicked.
pub fn draw_map(
    ui: &mut Ui,
    picture: MapPicture<'_>,
    tiles: Option<&mut dyn Tiles>,
    view: (&mut MapMemory, Position),
    drawn: &mut LayersDrawn,
    overlays: impl FnOnce(&mut Ui),
) -> MapOutput {
    // Land goes under the raster tiles, which walkers draws before any plugin:
    // keep a place for it now, and fill it in once the map knows its view.
    let fill_slot = ui.painter().add(Shape::Noop);
    let (memory, home) = view;
    let zoom = memory.zoom();
    let basemap = picture.basemap.map(|levels| BasemapLayer {
        levels,
        palette: picture.palette,
        fill_slot,
        full: picture.basemap_alone,
        borders: picture.basemap_alone || picture.borders_over_tiles,
        drawn: &mut drawn.basemap,
    });
    let series = picture.dataset.map(|_| SeriesLayer {
        maps: picture.maps,
        drawn: &mut drawn.maps,
    });
    // Areas are drawn once their geometry is ready at some zoom; until
    // then the markers show them as points.
    let areas = (picture.areas).filter(|a| a.index().is_some() && a.best(zoom).is_some());
    let style = picture.style;
    let area_layer = match (picture.dataset, &areas) {
        (Some(dataset), Some(areas)) => Some(AreaLayer {
            areas: Arc::clone(areas),
            dataset,
            states: picture.states,
            selected: style.selected,
            stale: style.stale,
            drawn: &mut drawn.areas,
        }),
        _ => {
            drawn.areas = AreasDrawn::default();
            None
        }
    };
    let mut output = MapOutput::default();
    let markers = picture.dataset.map(|dataset| Markers {
        dataset,
        states: picture.states,
        points: picture.points,
        selected: style.selected,
        show_labels: style.show_labels,
        areas: areas.as_deref().and_then(|a| a.index()),
        stale: style.stale,
        changes: style.changes,
        size: style.size,
        output: &mut output,
    });
    // The wheel zooms about the pointer and a drag pans, as in every slippy map
    // (walkers' default pans with the wheel and zooms with Ctrl held).
    let mut map = Map::new(tiles, memory, home).zoom_with_ctrl(false);
    if let Some(basemap) = basemap {
        map = map.with_plugin(basemap);
    }
    if let Some(series) = series {
        map = map.with_plugin(series);
    }
    if let Some(area_layer) = area_layer {
        map = map.with_plugin(area_layer);
    }
    if let Some(markers) = markers {
        map = map.with_plugin(markers);
    }
    map.show(ui, |ui, _response, _projector, _memory| overlays(ui));
    output
}

/// Whose map data is on screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Attribution {
    OpenStreetMap,
    NaturalEarth,
    /// A user's own tiles: their attribution is theirs to know.
    None,
}

impl Attribution {
    /// The words and the link the map shows.
    pub fn text_and_url(self) -> Option<(&'static str, &'static str)> {
        match self {
            Attribution::OpenStreetMap => Some((
                "© OpenStreetMap contributors",
                "https://www.openstreetmap.org/copyright",
            )),
            Attribution::NaturalEarth => {
                Some(("Natural Earth", "https://www.naturalearthdata.com/"))
            }
            Attribution::None => None,
        }
    }
}

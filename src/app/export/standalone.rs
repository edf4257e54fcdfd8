//! `claimmap render`: the export without a window. The data, the basemap and
//! the areas are set up here as the window sets them up, then each day is
//! drawn by the same [`draw_shot`] and painted by the same [`Pipeline`].

use std::sync::Arc;
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use chrono::NaiveDate;
use eframe::egui::{Color32, Visuals};
use walkers::{Position, lon_lat};

use super::caption::Caption;
use super::files::{ExportError, check_size};
use super::headless::Headless;
use super::job::step_states;
use super::pipeline::{Output, Pipeline};
use super::shot::{Framing, Height, caption_height, draw_shot};
use crate::app::basemap_layer::Palette;
use crate::app::fit::fit_view;
use crate::app::mercator;
use crate::app::picture::{Attribution, MapPicture, MarkerStyle};
use crate::app::symbols::MarkerSize;
use crate::basemap::LevelSet;
use crate::model::{Dataset, Lens, LensStates};
use crate::shapes::areas::AreaSet;

/// How long to wait for the basemap or the areas to be built at the zoom
/// drawn before giving up on them (they are built in well under a second).
const BUILD_WAIT: Duration = Duration::from_secs(60);

/// What to render.
#[derive(Clone, Debug, PartialEq)]
pub struct RenderSpec {
    /// One day for a PNG; the frames' days for a GIF.
    pub days: Vec<NaiveDate>,
    pub lens: Lens,
    /// The picture's size in points, the caption included.
    pub size: [f32; 2],
    /// Pixels per point: 2 for a picture sharp on a laptop screen and in print.
    pub scale: f32,
    /// Centre and zoom; `None` fits every place.
    pub view: Option<(Position, f64)>,
    pub title: String,
    pub dark: bool,
    pub show_labels: bool,
    pub output: Output,
}

/// Renders `spec` of `dataset`; `progress` hears (frames written, frames).
pub fn render(
    dataset: &Dataset,
    spec: &RenderSpec,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Rendered, ExportError> {
    let [width, height] = spec.size;
    let pixels = |points: f32| (points * spec.scale).round() as u32;
    check_size(pixels(width), pixels(height))?;
    let holders = dataset.holders();
    let mut headless = Headless::new(if spec.dark {
        Visuals::dark()
    } else {
        Visuals::light()
    });
    let caption_of = |day| {
        Caption::new(
            &spec.title,
            dataset,
            day,
            &spec.lens,
            &holders,
            Attribution::NaturalEarth,
        )
    };
    let first = spec.days.first().map(|&day| caption_of(day));
    let caption_height = first.map_or(0.0, |caption| {
        caption_height(&mut headless, &caption, width, spec.scale)
    });
    let framing = framing(dataset, spec, height - caption_height);
    let (basemap, areas) = built_layers(dataset, framing.zoom);
    let points: Vec<[f64; 2]> = (dataset.places().iter())
        .map(|p| mercator::unit_square(p.lon(), p.lat()))
        .collect();
    let background = headless_background(spec.dark);
    let pipeline = Pipeline::start(spec.output.clone(), background)?;
    let total = spec.days.len();
    let mut states: Option<LensStates> = None;
    let mut captions = Vec::with_capacity(total);
    for (frame, &day) in spec.days.iter().enumerate() {
        let states = step_states(&mut states, dataset, &spec.lens, day);
        let caption = caption_of(day);
        captions.push(caption.clone());
        let picture = MapPicture {
            dataset: Some(dataset),
            states,
            points: &points,
            basemap: basemap.clone(),
            palette: Palette::for_theme(spec.dark),
            basemap_alone: true,
            borders_over_tiles: false,
            areas: areas.clone(),
            maps: Vec::new(),
            style: MarkerStyle {
                selected: None,
                show_labels: spec.show_labels,
                stale: None,
                changes: None,
                size: MarkerSize::default(),
            },
        };
        let drawn = draw_shot(
            &mut headless,
            picture,
            None,
            &caption,
            Attribution::NaturalEarth,
            &framing,
        );
        if pipeline.send(drawn).is_err() {
            break; // The painter stopped; `finish` says why.
        }
        progress(pipeline.painted().min(frame), total);
    }
    pipeline.finish()?;
    progress(total, total);
    Ok(Rendered { captions, framing })
}

/// What was rendered: each frame's caption, as drawn, and the view.
#[derive(Debug)]
pub struct Rendered {
    pub captions: Vec<Caption>,
    pub framing: Framing,
}

/// The view: the one asked for, or every place fitted in the map's part of the picture.
fn framing(dataset: &Dataset, spec: &RenderSpec, map_height: f32) -> Framing {
    let [width, height] = spec.size;
    let fitted = || {
        let positions = dataset.places().iter().map(|p| lon_lat(p.lon(), p.lat()));
        fit_view(positions, f64::from(width), f64::from(map_height), 0.0)
    };
    let (center, zoom) = spec
        .view
        .or_else(fitted)
        .unwrap_or((lon_lat(66.0, 34.0), 5.0));
    Framing {
        center,
        zoom,
        width,
        height: Height::Picture(height),
        pixels_per_point: spec.scale,
    }
}

/// The built-in basemap and the dataset's areas, built at `zoom` (waiting
/// for it, since a picture is drawn once); either is left out when it
/// cannot be built, as the window leaves it out.
fn built_layers(dataset: &Dataset, zoom: f64) -> (Option<Arc<LevelSet>>, Option<Arc<AreaSet>>) {
    let (ready, built) = channel();
    let notify = move || {
        let _ = ready.send(());
    };
    let basemap = LevelSet::spawn(crate::basemap::BUILT_IN, zoom, notify.clone()).ok();
    let has_areas = dataset.places().iter().any(|p| p.area.is_some());
    let gazetteer = Arc::clone(dataset.files().0);
    let areas = has_areas
        .then(|| AreaSet::spawn(gazetteer, zoom, notify).ok())
        .flatten();
    let ready_now = || {
        basemap.as_ref().is_none_or(|b| b.ready_at(zoom))
            && areas.as_ref().is_none_or(|a| a.ready_at(zoom))
    };
    wait_until(&built, ready_now);
    (basemap, areas)
}

fn wait_until(built: &Receiver<()>, ready: impl Fn() -> bool) {
    let started = std::time::Instant::now();
    while !ready() {
        let left = BUILD_WAIT.saturating_sub(started.elapsed());
        // Every builder gone, or too long: draw with what there is.
        if left.is_zero() || built.recv_timeout(left).is_err() {
            return;
        }
    }
}

/// What shows where nothing is drawn: the caption strip's fill.
fn headless_background(dark: bool) -> Color32 {
    match dark {
        true => Visuals::dark().panel_fill,
        false => Visuals::light().panel_fill,
    }
}

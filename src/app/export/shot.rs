//! One exported picture: the map over a view, with the caption strip under
//! it, drawn by the window's own map code in a headless pass.

use eframe::egui::{self, Rect, Ui, UiBuilder, pos2, vec2};
use walkers::{MapMemory, Position, Tiles};

use super::caption::{Caption, caption_frame, caption_ui};
use super::headless::{Canvas, Drawn, Headless};
use crate::app::picture::{Attribution, LayersDrawn, MapPicture, draw_map};

/// Where the map looks and how big the picture is, in points, and how many
/// pixels a point becomes (1, or 2 for a picture sharp in print).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Framing {
    pub center: Position,
    pub zoom: f64,
    pub width: f32,
    pub height: Height,
    pub pixels_per_point: f32,
}

/// What a height is of: the map, with the caption added under it (the
/// window's "as on screen"), or the whole picture, the caption taken from
/// the map (`claimmap render --size`, so every frame has the size asked for).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Height {
    Map(f32),
    Picture(f32),
}

/// Room for the caption while it is measured: more than it can take.
const CAPTION_ROOM: f32 = 2000.0;

/// Draws `picture` framed by `framing` with `caption` under it.
pub fn draw_shot(
    headless: &mut Headless,
    picture: MapPicture<'_>,
    mut tiles: Option<&mut dyn Tiles>,
    caption: &Caption,
    attribution: Attribution,
    framing: &Framing,
) -> Drawn {
    let caption_height = caption_height(headless, caption, framing.width, framing.pixels_per_point);
    let (map_height, height) = match framing.height {
        Height::Map(map) => (map, map + caption_height),
        Height::Picture(picture) => ((picture - caption_height).max(0.0), picture),
    };
    let canvas = Canvas {
        width: framing.width,
        height,
        pixels_per_point: framing.pixels_per_point,
    };
    let map_rect = Rect::from_min_size(pos2(0.0, 0.0), vec2(framing.width, map_height));
    let caption_rect =
        Rect::from_min_max(map_rect.left_bottom(), pos2(canvas.width, canvas.height));
    let water = picture.palette.water;
    let mut drawn = headless.draw(canvas, |ui| {
        ui.painter().rect_filled(map_rect, 0.0, water);
        // Drawn in every pass; a clone shares the picture's layers.
        {
            let picture = picture.clone();
            let mut map_ui = ui.new_child(UiBuilder::new().max_rect(map_rect));
            map_ui.set_clip_rect(map_rect);
            let mut memory = MapMemory::default();
            memory.center_at(framing.center);
            // A zoom walkers refuses leaves its default: `Framing` is checked before this.
            let _ = memory.set_zoom(framing.zoom);
            let mut layers = LayersDrawn::default();
            draw_map(
                &mut map_ui,
                picture,
                tiles.as_mut().map(|t| &mut **t as &mut dyn Tiles),
                (&mut memory, framing.center),
                &mut layers,
                |ui| attribution_ui(ui, map_rect, attribution),
            );
        }
        let mut strip = ui.new_child(UiBuilder::new().max_rect(caption_rect));
        ui.painter()
            .rect_filled(caption_rect, 0.0, strip.visuals().panel_fill);
        caption_frame().show(&mut strip, |ui| caption_ui(ui, caption));
    });
    drawn.size = canvas.pixels();
    drawn
}

/// How tall `caption` is across `width` points.
pub fn caption_height(
    headless: &mut Headless,
    caption: &Caption,
    width: f32,
    pixels_per_point: f32,
) -> f32 {
    let canvas = Canvas {
        width,
        height: CAPTION_ROOM,
        pixels_per_point,
    };
    let mut height = 0.0;
    headless.measure(canvas, |ui| {
        let response = caption_frame().show(ui, |ui| caption_ui(ui, caption));
        height = response.response.rect.height();
    });
    height.ceil()
}

/// The basemap's credit at the map's bottom right, as the window shows it.
fn attribution_ui(ui: &mut Ui, rect: Rect, attribution: Attribution) {
    let Some((text, _)) = attribution.text_and_url() else {
        return;
    };
    let mut corner = ui.new_child(
        UiBuilder::new()
            .max_rect(rect)
            .layout(egui::Layout::bottom_up(egui::Align::Max)),
    );
    egui::Frame::new()
        .fill(corner.visuals().extreme_bg_color.gamma_multiply(0.85))
        .inner_margin(vec2(4.0, 1.0))
        .show(&mut corner, |ui| {
            ui.label(egui::RichText::new(text).small())
        });
}

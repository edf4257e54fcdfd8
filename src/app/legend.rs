//! The legend over the map: parties with their colours, then what the symbols mean.

use eframe::egui::{self, Align2, Color32, Pos2, Sense, Ui, vec2};

use super::markers::{DISPUTED, paint_cluster_glyph};
use super::symbols::{self, Shape, Symbol};
use crate::model::Dataset;

/// The legend, floating with its bottom-left corner at `corner` (the map's).
/// `holders` are the parties that markers can take the colour of.
/// With `clusters`, a row says what a cluster of places shows.
pub fn legend_ui(
    ctx: &egui::Context,
    corner: Pos2,
    dataset: &Dataset,
    holders: &[usize],
    clusters: bool,
) {
    egui::Area::new(egui::Id::unique("claimmap-legend"))
        .pivot(Align2::LEFT_BOTTOM)
        .fixed_pos(corner)
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style())
                .show(ui, |ui| contents_ui(ui, dataset, holders, clusters));
        });
}

fn contents_ui(ui: &mut Ui, dataset: &Dataset, holders: &[usize], clusters: bool) {
    // Plain text over the map: no selection cursor.
    ui.style_mut().interaction.selectable_labels = false;
    ui.set_max_width(super::map_view::LEGEND_WIDTH as f32 - 20.0);
    ui.strong("Legend");
    for &party in holders {
        let p = &dataset.parties()[party];
        ui.horizontal(|ui| {
            let (rect, _) = ui.allocate_exact_size(vec2(16.0, 16.0), Sense::hover());
            symbols::swatch(ui.painter(), rect.center(), symbols::color(p.color));
            ui.label(&p.name);
        });
    }
    if !holders.is_empty() {
        ui.separator();
    }
    let (a, b) = two_colours(dataset, holders);
    let rows = [
        (symbol(Shape::Diamond, vec![a]), "Border crossing, held"),
        (symbol(Shape::Circle, vec![a]), "City, held"),
        (symbol(Shape::Square, vec![a]), "Other place, held"),
        (
            symbol(Shape::Circle, vec![a, b]),
            "Disputed: one sector per side",
        ),
        (symbol(Shape::Circle, vec![]), "Unknown: no standing claim"),
        (
            Symbol {
                confirmed: true,
                ..symbol(Shape::Circle, vec![a])
            },
            "Confirmed (thick outline)",
        ),
        (
            Symbol {
                fighting: true,
                ..symbol(Shape::Circle, vec![a])
            },
            "Fighting nearby (red halo)",
        ),
    ];
    for (symbol, text) in rows {
        ui.horizontal(|ui| {
            let (rect, _) = ui.allocate_exact_size(vec2(24.0, 22.0), Sense::hover());
            symbol.paint(ui.painter(), rect.center(), 6.0);
            ui.label(text);
        });
    }
    if clusters {
        ui.horizontal(|ui| {
            let (rect, _) = ui.allocate_exact_size(vec2(24.0, 24.0), Sense::hover());
            let parts = [(a, 3), (b, 2), (DISPUTED, 1), (symbols::UNKNOWN_GREY, 2)];
            paint_cluster_glyph(ui.painter(), rect.center(), 8, &parts, false);
            let text = "Places too close to tell apart: how many, ringed by held, disputed (violet), unknown";
            ui.add(egui::Label::new(text).wrap());
        });
    }
}

fn symbol(shape: Shape, fills: Vec<Color32>) -> Symbol {
    Symbol {
        shape,
        fills,
        confirmed: false,
        fighting: false,
        selected: false,
    }
}

/// The first two holders' colours, to draw the examples in real colours.
fn two_colours(dataset: &Dataset, holders: &[usize]) -> (Color32, Color32) {
    let mut roots = holders
        .iter()
        .map(|&p| symbols::color(dataset.parties()[p].color));
    let a = roots.next().unwrap_or(Color32::from_rgb(0xc0, 0x39, 0x2b));
    let b = roots.next().unwrap_or(Color32::from_rgb(0x2e, 0x86, 0xc1));
    (a, b)
}

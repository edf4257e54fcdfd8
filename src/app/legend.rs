//! The legend over the map: parties with their colours, then what the symbols mean.

use eframe::egui::{self, Color32, Sense, Ui, vec2};

use super::symbols::{self, Shape, Symbol};
use crate::model::Dataset;

pub fn legend_ui(ui: &mut Ui, dataset: &Dataset) {
    egui::Frame::popup(ui.style()).show(ui, |ui| {
        // Plain text over the map: no selection cursor, clicks go to the map.
        ui.style_mut().interaction.selectable_labels = false;
        ui.strong("Legend");
        // Markers take the colour of the root party a claim names, so only roots are listed.
        for (index, party) in dataset.parties().iter().enumerate() {
            if dataset.root_party(index) == index {
                ui.horizontal(|ui| {
                    let (rect, _) = ui.allocate_exact_size(vec2(16.0, 16.0), Sense::hover());
                    symbols::swatch(ui.painter(), rect.center(), symbols::color(party.color));
                    ui.label(&party.name);
                });
            }
        }
        ui.separator();
        let (a, b) = two_colours(dataset);
        let rows = [
            (symbol(Shape::Diamond, vec![a]), "Border crossing, held"),
            (symbol(Shape::Circle, vec![a]), "City, held"),
            (symbol(Shape::Square, vec![a]), "Other place, held"),
            (symbol(Shape::Circle, vec![a, b]), "Disputed: one sector per side"),
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
    });
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

/// The first two root parties' colours, to draw examples in real colours.
fn two_colours(dataset: &Dataset) -> (Color32, Color32) {
    let mut roots = (0..dataset.parties().len())
        .filter(|&p| dataset.root_party(p) == p)
        .map(|p| symbols::color(dataset.parties()[p].color));
    let a = roots.next().unwrap_or(Color32::from_rgb(0xc0, 0x39, 0x2b));
    let b = roots.next().unwrap_or(Color32::from_rgb(0x2e, 0x86, 0xc1));
    (a, b)
}

//! The legend over the map: parties with their colours, then what the
//! symbols mean, then the map series with a switch each.

use eframe::egui::{self, Align2, Color32, Pos2, Sense, Stroke, Ui, vec2};

use super::area_style::{FILL_OPACITY, STRIPE_OPACITY};
use super::believe::BelieveFilter;
use super::intent::{Intent, Toggle};
use super::markers::{DISPUTED, paint_cluster_glyph};
use super::series_overlay::SeriesRow;
use super::symbols::{self, Shape, Symbol};
use crate::model::Dataset;

/// What the legend shows.
pub struct LegendView<'a> {
    pub dataset: &'a Dataset,
    /// The parties that places can take the colour of.
    pub holders: &'a [usize],
    /// A row says what a cluster of places shows.
    pub clusters: bool,
    /// Rows say how areas are drawn.
    pub areas: bool,
    pub series: Vec<SeriesRow>,
    /// Whose claims count, and the parties that make claims.
    pub believe: &'a BelieveFilter,
    pub claimants: &'a [usize],
}

/// The legend, floating with its bottom-left corner at `corner` (the map's).
pub fn legend_ui(ctx: &egui::Context, corner: Pos2, view: &LegendView) -> Vec<Intent> {
    egui::Area::new(egui::Id::unique("claimmap-legend"))
        .pivot(Align2::LEFT_BOTTOM)
        .fixed_pos(corner)
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style())
                .show(ui, |ui| contents_ui(ui, view))
                .inner
        })
        .inner
}

/// The legend folded: one button at the map's corner that opens it again.
pub fn folded_legend_ui(ctx: &egui::Context, corner: Pos2) -> Vec<Intent> {
    egui::Area::new(egui::Id::unique("claimmap-legend-folded"))
        .pivot(Align2::LEFT_BOTTOM)
        .fixed_pos(corner)
        .show(ctx, |ui| {
            let open = ui.button("Show legend").on_hover_text("Show the legend");
            if open.clicked() {
                vec![Intent::Toggle(Toggle::Legend)]
            } else {
                Vec::new()
            }
        })
        .inner
}

fn contents_ui(ui: &mut Ui, view: &LegendView) -> Vec<Intent> {
    let (dataset, holders, clusters) = (view.dataset, view.holders, view.clusters);
    // Plain text over the map: no selection cursor.
    ui.style_mut().interaction.selectable_labels = false;
    ui.set_max_width(super::map_view::LEGEND_WIDTH as f32 - 20.0);
    let mut intents = Vec::new();
    ui.horizontal(|ui| {
        ui.strong("Legend");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let fold = ui
                .small_button("Hide")
                .on_hover_text("Fold the legend into a button");
            if fold.clicked() {
                intents.push(Intent::Toggle(Toggle::Legend));
            }
        });
    });
    if let Some(summary) = view.believe.summary(dataset) {
        // Said first and plainly: the map leaves some claims out.
        ui.label(egui::RichText::new(summary).color(ui.visuals().warn_fg_color));
        if ui.button("Believe everyone").clicked() {
            intents.push(Intent::BelieveAll);
        }
        ui.separator();
    }
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
        (
            Symbol::legend(Shape::Diamond, vec![a]),
            "Border crossing, held",
        ),
        (Symbol::legend(Shape::Circle, vec![a]), "City, held"),
        (Symbol::legend(Shape::Square, vec![a]), "Other place, held"),
        (
            Symbol::legend(Shape::Circle, vec![a, b]),
            "Disputed: one sector per side",
        ),
        (
            Symbol::legend(Shape::Circle, vec![]),
            "Unknown: no standing claim",
        ),
        (
            Symbol {
                confirmed: true,
                ..Symbol::legend(Shape::Circle, vec![a])
            },
            "Confirmed (thick outline)",
        ),
        (
            Symbol {
                fighting: true,
                ..Symbol::legend(Shape::Circle, vec![a])
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
    if view.areas {
        area_rows_ui(ui, a, b);
    }
    intents.extend(series_rows_ui(ui, &view.series));
    intents.extend(believe_ui(ui, view));
    intents
}

/// A tick per party that makes claims, under the sides they speak for:
/// unticking one leaves its claims (and its members') out of the map.
fn believe_ui(ui: &mut Ui, view: &LegendView) -> Vec<Intent> {
    let mut intents = Vec::new();
    if view.claimants.is_empty() {
        return intents;
    }
    ui.separator();
    egui::CollapsingHeader::new("Whose claims count")
        .id_salt("believe")
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .max_height(180.0)
                .show(ui, |ui| {
                    for row in view.believe.rows(view.dataset, view.claimants) {
                        let name = &view.dataset.parties()[row.party].name;
                        ui.horizontal(|ui| {
                            ui.add_space(14.0 * row.depth as f32);
                            let mut believed = row.believed;
                            if ui.checkbox(&mut believed, name).changed() {
                                intents.push(Intent::ToggleBelieve(row.party));
                            }
                        });
                    }
                });
        });
    intents
}

/// How an area looks held and disputed.
fn area_rows_ui(ui: &mut Ui, a: Color32, b: Color32) {
    ui.horizontal(|ui| {
        let (rect, _) = ui.allocate_exact_size(vec2(24.0, 16.0), Sense::hover());
        let painter = ui.painter();
        painter.rect_filled(rect, 2.0, a.gamma_multiply(FILL_OPACITY));
        painter.rect_stroke(rect, 2.0, Stroke::new(1.5, a), egui::StrokeKind::Inside);
        ui.label("Area, held: tinted");
    });
    ui.horizontal(|ui| {
        let (rect, _) = ui.allocate_exact_size(vec2(24.0, 16.0), Sense::hover());
        let painter = ui.painter().with_clip_rect(rect);
        // Diagonal stripes, as the map draws them.
        for i in -4..8 {
            let x = rect.left() + i as f32 * 5.0;
            let color = if i % 2 == 0 { a } else { b }.gamma_multiply(STRIPE_OPACITY);
            painter.line_segment(
                [
                    egui::pos2(x, rect.bottom()),
                    egui::pos2(x + rect.height(), rect.top()),
                ],
                Stroke::new(5.0, color),
            );
        }
        painter.rect_stroke(
            rect,
            2.0,
            Stroke::new(1.5, DISPUTED),
            egui::StrokeKind::Inside,
        );
        ui.label("Area, disputed: striped");
    });
}

/// A switch per map series, in its controller's colour.
fn series_rows_ui(ui: &mut Ui, rows: &[SeriesRow]) -> Vec<Intent> {
    if rows.is_empty() {
        return Vec::new();
    }
    ui.separator();
    ui.strong("Control maps");
    let mut intents = Vec::new();
    for row in rows {
        ui.horizontal(|ui| {
            let (rect, _) = ui.allocate_exact_size(vec2(16.0, 16.0), Sense::hover());
            symbols::swatch(ui.painter(), rect.center(), row.color);
            let mut shown = row.shown;
            if ui.checkbox(&mut shown, &row.label).changed() {
                intents.push(Intent::ToggleSeries(row.id.clone()));
            }
        });
    }
    intents
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

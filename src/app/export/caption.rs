//! The caption strip under an exported map: a title, the day in words, the
//! mode, whose claims count, the parties shown and who to credit. Its text is
//! made once ([`Caption::new`]) and drawn as made, so a test reads what an
//! image says from the same value the image was drawn from.

use chrono::NaiveDate;
use eframe::egui::{self, Color32, RichText, Sense, Ui, vec2};

use crate::app::picture::Attribution;
use crate::app::symbols;
use crate::model::{Dataset, Lens, Mode, believe_in_words};

/// Outlets named in the credit line before "and N more".
const OUTLETS_NAMED: usize = 6;

/// What the caption says.
#[derive(Clone, Debug, PartialEq)]
pub struct Caption {
    pub title: String,
    /// "Wednesday 14 July 2021".
    pub day: String,
    /// How the claims were read: by the day they speak of, or as known then.
    pub mode: String,
    /// Whose claims were left out, when any were.
    pub believe: Option<String>,
    /// The parties places are coloured by, with their colours.
    pub parties: Vec<(String, Color32)>,
    /// The basemap's credit and the claims' outlets.
    pub credits: String,
}

impl Caption {
    /// The caption of `dataset` on `day` through `lens`; `holders` are the
    /// parties the map colours places by.
    pub fn new(
        title: &str,
        dataset: &Dataset,
        day: NaiveDate,
        lens: &Lens,
        holders: &[usize],
        attribution: Attribution,
    ) -> Caption {
        let parties = holders
            .iter()
            .map(|&p| &dataset.parties()[p])
            .map(|p| (p.name.clone(), symbols::color(p.color)))
            .collect();
        Caption {
            title: title.trim().to_owned(),
            day: day.format("%A %-d %B %Y").to_string(),
            mode: mode_in_words(lens.mode, day),
            believe: believe_in_words(dataset, &lens.believe),
            parties,
            credits: credits(dataset, attribution),
        }
    }

    /// Every line of text the caption draws, in order: what a reader of the
    /// image can read.
    pub fn texts(&self) -> Vec<&str> {
        let mut texts = vec![self.title.as_str(), self.day.as_str(), self.mode.as_str()];
        texts.extend(self.believe.as_deref());
        texts.extend(self.parties.iter().map(|(name, _)| name.as_str()));
        texts.extend(STATE_KEY.iter().map(|(_, words)| *words));
        texts.push(&self.credits);
        texts
    }
}

fn mode_in_words(mode: Mode, day: NaiveDate) -> String {
    match mode {
        Mode::Event => "Each claim on the day it speaks of".to_owned(),
        Mode::Known => format!(
            "As known on {}: only sources published by then",
            day.format("%-d %B %Y")
        ),
    }
}

/// "Basemap: Natural Earth. Claims: Reuters, Al Jazeera, … and 3 more".
fn credits(dataset: &Dataset, attribution: Attribution) -> String {
    let mut outlets: Vec<&str> = Vec::new();
    for source in dataset.sources() {
        if !outlets.contains(&source.outlet.as_str()) {
            outlets.push(&source.outlet);
        }
    }
    let mut said = attribution
        .text_and_url()
        .map(|(text, _)| format!("Basemap: {text}. "))
        .unwrap_or_default();
    if !outlets.is_empty() {
        let more = outlets.len().saturating_sub(OUTLETS_NAMED);
        outlets.truncate(OUTLETS_NAMED);
        said.push_str(&format!("Claims: {}", outlets.join(", ")));
        if more > 0 {
            said.push_str(&format!(" and {more} more"));
        }
        said.push('.');
    }
    said.trim_end().to_owned()
}

/// The marker key, as the legend draws it.
const STATE_KEY: [(Key, &str); 5] = [
    (Key::Held, "held"),
    (Key::Disputed, "disputed"),
    (Key::Unknown, "no standing claim"),
    (Key::Confirmed, "confirmed"),
    (Key::Fighting, "fighting nearby"),
];

#[derive(Clone, Copy)]
enum Key {
    Held,
    Disputed,
    Unknown,
    Confirmed,
    Fighting,
}

/// Draws the caption across the width of `ui`.
pub fn caption_ui(ui: &mut Ui, caption: &Caption) {
    ui.style_mut().interaction.selectable_labels = false;
    if !caption.title.is_empty() {
        ui.label(RichText::new(&caption.title).heading().strong());
    }
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(&caption.day).strong().size(15.0));
        ui.label(RichText::new(&caption.mode).weak());
    });
    if let Some(believe) = &caption.believe {
        ui.label(RichText::new(believe).color(ui.visuals().warn_fg_color));
    }
    let (a, b) = match caption.parties.as_slice() {
        [] => (symbols::UNKNOWN_GREY, symbols::UNKNOWN_GREY),
        [one] => (one.1, one.1),
        [one, two, ..] => (one.1, two.1),
    };
    ui.horizontal_wrapped(|ui| {
        // Each symbol with its words, so a line never breaks between them.
        for (name, color) in &caption.parties {
            ui.horizontal(|ui| {
                let (rect, _) = ui.allocate_exact_size(vec2(14.0, 14.0), Sense::hover());
                symbols::swatch(ui.painter(), rect.center(), *color);
                ui.label(name);
            });
            ui.add_space(6.0);
        }
        ui.add_space(10.0);
        for (key, words) in STATE_KEY {
            ui.horizontal(|ui| {
                let (rect, _) = ui.allocate_exact_size(vec2(20.0, 18.0), Sense::hover());
                key_symbol(key, a, b).paint(ui.painter(), rect.center(), 6.0);
                ui.label(words);
            });
            ui.add_space(4.0);
        }
    });
    ui.label(RichText::new(&caption.credits).size(11.0).weak());
}

fn key_symbol(key: Key, a: Color32, b: Color32) -> symbols::Symbol {
    let held = symbols::Symbol::legend(symbols::Shape::Circle, vec![a]);
    match key {
        Key::Held => held,
        Key::Disputed => symbols::Symbol::legend(symbols::Shape::Circle, vec![a, b]),
        Key::Unknown => symbols::Symbol::legend(symbols::Shape::Circle, vec![]),
        Key::Confirmed => symbols::Symbol {
            confirmed: true,
            ..held
        },
        Key::Fighting => symbols::Symbol {
            fighting: true,
            ..held
        },
    }
}

/// The caption's margins; the strip under it is filled by whoever lays it out.
pub fn caption_frame() -> egui::Frame {
    egui::Frame::new().inner_margin(egui::Margin::symmetric(12, 8))
}

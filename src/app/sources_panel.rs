//! The right-hand panel: who said what about the selected place, and why its
//! marker has its colour; with nothing selected, a searchable list of places.

use std::sync::Arc;

use chrono::NaiveDate;
use eframe::egui::{self, Color32, RichText, Sense, Ui, vec2};

use super::compare::{Comparison, changes_ui};
use super::intent::{Intent, Toggle};
use super::ledger_ui::{cached_ledger, ledger_ui};
use super::place_filter::PlaceFilter;
use super::symbols::{self, Symbol};
use super::time_control::TimeCommand;
use crate::model::{Dataset, EventRef, EventType, Lens, PlaceState, day_in_words, web_link};
use crate::printable::{escape_for_terminal, thousands};

/// What the panel reads: the dataset and its state on the current day.
pub struct PanelView<'a> {
    pub dataset: &'a Dataset,
    pub states: &'a [PlaceState],
    pub day: NaiveDate,
    pub selected: Option<usize>,
    pub show_unplaced: bool,
    /// What the map looks through: the ledger follows it.
    pub lens: &'a Lens,
    /// How many datasets the window has loaded: what caches of the panel are keyed on.
    pub generation: u64,
    /// After how many days without a new claim a place is stale, if at all.
    pub stale_after: Option<u32>,
    /// What changed since (or until) the day compared with, if comparing.
    pub comparison: Option<&'a Comparison>,
}

pub fn sources_panel_ui(ui: &mut Ui, view: &PanelView, search: &mut PlaceFilter) -> Vec<Intent> {
    let mut intents = Vec::new();
    match view.selected {
        Some(place) => place_ui(ui, view, place, &mut intents),
        None => places_list_ui(ui, view, search, &mut intents),
    }
    intents
}

/// The card the panel is to scroll to, set by a click in the ledger: a
/// matter of this panel's layout, so kept in egui's memory rather than the app.
/// Asked again for a few frames: the click also moves the day, which changes
/// the cards' heights (their "later" and "decides" marks) a frame later.
#[derive(Clone, Copy, Debug, Default)]
struct ScrollToCard {
    event: usize,
    frames_left: u8,
}

fn place_ui(ui: &mut Ui, view: &PanelView, place: usize, intents: &mut Vec<Intent>) {
    if ui.button("‹ All places").clicked() {
        intents.push(Intent::Select(None));
    }
    ui.horizontal(|ui| {
        ui.heading(&view.dataset.places()[place].name);
        let copy = ui
            .small_button("Copy claims as Markdown")
            .on_hover_text("The state in words and every claim with its citation, for a draft");
        if copy.clicked() {
            let text = crate::model::claims_markdown(
                view.dataset,
                place,
                view.day,
                view.lens,
                &view.states[place],
            );
            intents.push(Intent::Copy {
                text,
                what: "the claims as Markdown",
            });
        }
    });
    // Above the scrolling cards, so it stays in view while they scroll to a claim.
    let ledger = cached_ledger(ui, (view.dataset, view.generation), place, view.lens);
    let scroll_id = egui::Id::unique("sources-panel-scroll-to-card");
    if let Some(click) = ledger_ui(ui, view.dataset, &ledger, place, view.day) {
        intents.push(Intent::Time(TimeCommand::SetDay(click.day)));
        let target = ScrollToCard {
            event: click.event,
            frames_left: 3,
        };
        ui.data_mut(|d| d.insert_temp(scroll_id, target));
    }
    ui.add_space(4.0);
    let scroll_to = ui.data(|d| d.get_temp::<ScrollToCard>(scroll_id));
    if let Some(target) = scroll_to {
        match target.frames_left.checked_sub(1) {
            Some(left) if left > 0 => {
                let next = ScrollToCard {
                    frames_left: left,
                    ..target
                };
                ui.data_mut(|d| d.insert_temp(scroll_id, next));
                ui.ctx().request_repaint();
            }
            _ => {
                ui.data_mut(|d| d.remove_temp::<ScrollToCard>(scroll_id));
            }
        }
    }
    let scroll_to = scroll_to.map(|target| target.event);
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            place_details_ui(ui, view.dataset, place);
            ui.add_space(6.0);
            state_ui(ui, view, place);
            ui.add_space(6.0);
            let events: Vec<usize> = view.dataset.events_of_place(place).collect();
            ui.heading(format!("Events ({})", events.len()));
            if events.is_empty() {
                ui.weak("No event in the events file names this place.");
            }
            let deciding = &view.states[place].claims;
            for event in events {
                let card = event_card_ui(ui, view, event, deciding.contains(&event), intents);
                if scroll_to == Some(event) {
                    card.scroll_to_me(Some(egui::Align::TOP));
                }
            }
        });
}

fn place_details_ui(ui: &mut Ui, dataset: &Dataset, place: usize) {
    let p = &dataset.places()[place];
    egui::Grid::new("place-details")
        .num_columns(2)
        .spacing(vec2(10.0, 3.0))
        .show(ui, |ui| {
            let mut row = |key: &str, value: String| {
                if !value.is_empty() {
                    ui.weak(key);
                    ui.add(egui::Label::new(value).wrap());
                    ui.end_row();
                }
            };
            row("Kind", p.kind.clone());
            row("Countries", p.countries.join(", "));
            row("Province", p.province.clone().unwrap_or_default());
            row("Also called", p.aliases.join(", "));
            row("Id", p.id.clone());
            row("Position", format!("{:.4}, {:.4}", p.lat(), p.lon()));
            for (key, value) in &p.properties {
                let value = match value {
                    serde_json::Value::String(text) => text.clone(),
                    other => other.to_string(),
                };
                row(key, value);
            }
        });
}

/// The state in words, and the claims that decided it: "why this colour".
fn state_ui(ui: &mut Ui, view: &PanelView, place: usize) {
    let state = &view.states[place];
    let dataset = view.dataset;
    ui.horizontal(|ui| {
        let (rect, _) = ui.allocate_exact_size(vec2(24.0, 24.0), Sense::hover());
        Symbol::of(dataset, &dataset.places()[place], state, false).paint(
            ui.painter(),
            rect.center(),
            8.0,
        );
        ui.vertical(|ui| {
            ui.strong(format!("On {}", day_in_words(view.day)));
            let story = cached_story(ui, view, place);
            ui.add(egui::Label::new(story.as_str()).wrap());
            if let Some(days) = symbols::staleness(state, view.day, view.stale_after) {
                ui.label(RichText::new(symbols::staleness_in_words(days)).italics());
            }
        });
    });
    if state.claims.is_empty() {
        return;
    }
    ui.label("Why this colour: the claims that stand on this day");
    for &event in &state.claims {
        let e = dataset.event(event);
        ui.horizontal_wrapped(|ui| {
            ui.label("★");
            let said = dataset.claim_in_words(event);
            ui.label(format!("{said}, {}", e.date.in_words()));
            if let Some(source) = dataset.links(event).source {
                ui.weak(format!("({})", dataset.sources()[source].outlet));
            }
        });
    }
}

/// The state of `place` in words, with when it began: looking back through
/// the place's history is done once per place, day and lens, not every frame.
fn cached_story(ui: &Ui, view: &PanelView, place: usize) -> Arc<String> {
    let key = StoryKey {
        place,
        day: view.day,
        lens: view.lens.clone(),
        generation: view.generation,
    };
    let id = egui::Id::unique("state-story-cache");
    let cached = ui.data(|d| d.get_temp::<(StoryKey, Arc<String>)>(id));
    if let Some((was, story)) = cached
        && was == key
    {
        return story;
    }
    let state = &view.states[place];
    let story = Arc::new(view.dataset.state_story(place, state, view.day, view.lens));
    ui.data_mut(|d| d.insert_temp(id, (key, Arc::clone(&story))));
    story
}

#[derive(Clone, Debug, PartialEq)]
struct StoryKey {
    place: usize,
    day: NaiveDate,
    lens: Lens,
    generation: u64,
}

/// One event: date, type, claimant chip, speaker, the quote in full, its source.
/// Returns the card's response, to scroll to it.
fn event_card_ui(
    ui: &mut Ui,
    view: &PanelView,
    event: usize,
    decides: bool,
    intents: &mut Vec<Intent>,
) -> egui::Response {
    let dataset = view.dataset;
    let e = dataset.event(event);
    let links = dataset.links(event);
    let later = links.effective_day > view.day;
    let frame = egui::Frame::group(ui.style()).inner_margin(8.0);
    let card = frame.show(ui, |ui| {
        ui.set_width(ui.available_width());
        if later {
            ui.multiply_opacity(0.45);
        }
        ui.horizontal_wrapped(|ui| {
            ui.strong(e.date.in_words());
            ui.label(e.kind.as_str());
            if e.is_confirmed() {
                ui.label(RichText::new("confirmed").strong());
            }
            if let Some(until) = e.until {
                ui.label(format!("until {}", day_in_words(until)));
                if view.day > until {
                    ui.label(RichText::new("lapsed").italics())
                        .on_hover_text("Past its last day: it no longer counts");
                }
            }
            if later {
                ui.label(RichText::new("later").italics())
                    .on_hover_text("After the day shown: it does not count yet");
            }
            if decides {
                ui.label(RichText::new("★ decides the colour").strong());
            }
        });
        claimant_ui(ui, dataset, links.claimant, links.controller, e);
        let map_claim = dataset.map_claim_in_words(event);
        if let Some([stretch, files]) = &map_claim {
            ui.add(egui::Label::new(RichText::new(stretch).strong()).wrap());
            ui.add(egui::Label::new(RichText::new(files).small().weak()).wrap());
        }
        if let Some(speaker) = e.speaker {
            ui.label(format!("Speaker: {speaker}"));
        }
        if let Some(quote) = e.quote {
            ui.add(
                egui::Label::new(RichText::new(format!("“{quote}”")).italics())
                    .selectable(true)
                    .wrap(),
            );
        }
        source_ui(ui, dataset, links.source, e, intents);
        if let Some(note) = e.note {
            // Open when there is no quote: the note is then what the card says
            // (an ACLED row's types, actors, fatalities and summary), unless
            // the card already says which maps the claim is.
            egui::CollapsingHeader::new("Note")
                .id_salt(("event-note", event))
                .default_open(e.quote.is_none() && map_claim.is_none())
                .show(ui, |ui| {
                    // Body size: a small note was too hard to read; weak, as it is an aside.
                    ui.add(egui::Label::new(RichText::new(note).weak()).wrap());
                });
        }
        ui.horizontal(|ui| {
            if ui.button("Go to this date").clicked() {
                intents.push(Intent::Time(TimeCommand::SetDay(links.effective_day)));
            }
            let copy = ui
                .button("Copy citation")
                .on_hover_text("Outlet, title, author, day, link and the quote, as one paragraph");
            if copy.clicked() {
                intents.push(Intent::Copy {
                    text: crate::model::citation(dataset, event),
                    what: "the citation",
                });
            }
        });
    });
    ui.add_space(4.0);
    card.response
}

fn claimant_ui(
    ui: &mut Ui,
    dataset: &Dataset,
    claimant: usize,
    controller: Option<usize>,
    event: EventRef,
) {
    ui.horizontal_wrapped(|ui| {
        party_chip_ui(ui, dataset, claimant);
        match controller {
            Some(controller) if event.kind.is_control_claim() => {
                ui.label("says it is held by");
                party_chip_ui(ui, dataset, controller);
            }
            // "reports fighting" says what happened; a plain report says "reports".
            _ => {
                match event.kind {
                    EventType::Report => ui.label("reports"),
                    kind => ui.label(format!("reports {kind}")),
                };
            }
        }
    });
}

/// A party's name on its own colour: one widget, which moves to the next row
/// whole rather than break the name in two. A name longer than the panel is
/// wrapped at its spaces, never inside a word; a word wider than the panel
/// is cut short with "…", and the whole name shows on hover.
fn party_chip_ui(ui: &mut Ui, dataset: &Dataset, party: usize) {
    let p = &dataset.parties()[party];
    let fill = symbols::color(p.color);
    let text = if fill.intensity() > 0.6 {
        Color32::BLACK
    } else {
        Color32::WHITE
    };
    let margin = vec2(6.0, 1.0);
    let width = (ui.max_rect().width() - 2.0 * margin.x).max(8.0);
    let font = egui::TextStyle::Body.resolve(ui.style());
    let measure = |s: &str| {
        ui.painter()
            .layout_no_wrap(s.to_owned(), font.clone(), text)
            .size()
            .x
    };
    let chip = chip_rows(&p.name, width, measure);
    // Rows are laid out as given: egui's own wrapping would break a long word.
    let galley = ui
        .painter()
        .layout_no_wrap(chip.rows.join("\n"), font, text);
    let (rect, response) = ui.allocate_exact_size(galley.size() + 2.0 * margin, Sense::hover());
    // The label is the whole name; the value says how it was laid out.
    response.widget_info(|| {
        let mut info = egui::WidgetInfo::labeled(egui::Role::Label, true, &p.name);
        info.current_text_value = Some(chip.rows.join("\n"));
        info
    });
    if ui.is_rect_visible(rect) {
        ui.painter().rect_filled(rect, 8.0, fill);
        ui.painter().galley(rect.min + margin, galley, text);
    }
    if chip.elided {
        response.on_hover_text(&p.name);
    }
}

/// A name laid out in rows no wider than `width` as `measure` measures text.
#[derive(Clone, Debug, PartialEq)]
struct ChipRows {
    rows: Vec<String>,
    /// A word was too wide for any row and was cut short.
    elided: bool,
}

/// Words packed greedily into rows of at most `width`, each row ending at a
/// space (kept, so the rows joined give the name back) or at the name's end.
/// A word wider than a row on its own is cut to fit, ending with "…".
fn chip_rows(name: &str, width: f32, measure: impl Fn(&str) -> f32) -> ChipRows {
    let mut rows: Vec<String> = Vec::new();
    let mut elided = false;
    let mut row = String::new();
    for word in name.split_inclusive(' ') {
        let candidate = format!("{row}{word}");
        if row.is_empty() || measure(candidate.trim_end()) <= width {
            row = candidate;
        } else {
            rows.push(std::mem::take(&mut row));
            row = word.to_owned();
        }
        if measure(row.trim_end()) > width {
            // Alone on its row and still too wide: cut it short.
            let mut cut: String = row.trim_end().to_owned();
            while !cut.is_empty() && measure(&format!("{cut}…")) > width {
                cut.pop();
            }
            row = format!("{cut}…");
            elided = true;
        }
    }
    if !row.is_empty() || rows.is_empty() {
        rows.push(row);
    }
    ChipRows { rows, elided }
}

fn source_ui(
    ui: &mut Ui,
    dataset: &Dataset,
    source: Option<usize>,
    event: EventRef,
    intents: &mut Vec<Intent>,
) {
    let Some(source) = source else {
        if let Some(id) = &event.source {
            ui.weak(format!("Source \"{id}\" is not in the events file"));
        }
        return;
    };
    let s = &dataset.sources()[source];
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(&s.outlet).strong());
        if let Some(title) = &s.title {
            ui.label(format!("“{title}”"));
        }
        if let Some(published) = &s.published {
            ui.weak(format!("published {}", published.in_words()));
        }
    });
    if let Some(url) = &s.url {
        match web_link(url) {
            Ok(link) => {
                if ui
                    .link(link.as_str())
                    .on_hover_text("Open in the browser")
                    .clicked()
                {
                    intents.push(Intent::OpenUrl(link.into()));
                }
            }
            // Escaped, so an invisible character shows where it hides.
            Err(reason) => {
                ui.weak(escape_for_terminal(url))
                    .on_hover_text(format!("Not opened: {reason}"));
            }
        }
    }
}

fn places_list_ui(
    ui: &mut Ui,
    view: &PanelView,
    search: &mut PlaceFilter,
    intents: &mut Vec<Intent>,
) {
    let dataset = view.dataset;
    if let Some(comparison) = view.comparison {
        let max_height = ui.available_height() * 0.4;
        intents.extend(changes_ui(ui, dataset, &comparison.diff, max_height));
        ui.separator();
    }
    ui.heading("Places");
    ui.horizontal(|ui| {
        let label = ui.label("Search places");
        let hint = "name, alias or quoted words";
        ui.add(egui::TextEdit::singleline(&mut search.text).hint_text(hint))
            .labelled_by(label.id);
    });
    let matches = search.matches(dataset);
    ui.weak(format!(
        "{} of {}",
        thousands(matches.len()),
        thousands(dataset.places().len())
    ));
    let unplaced = dataset.unplaced_events().len();
    let list_height = ui.available_height() - if unplaced > 0 { 36.0 } else { 0.0 };
    let row_height = ui.spacing().interact_size.y + 2.0;
    egui::ScrollArea::vertical()
        .max_height(list_height.max(80.0))
        .auto_shrink([false, true])
        .show_rows(ui, row_height, matches.len(), |ui, rows| {
            for &place in &matches[rows] {
                place_row_ui(ui, view, place, intents);
            }
        });
    if unplaced > 0 {
        ui.separator();
        let text = format!("Events with an unknown place ({unplaced})");
        if ui.selectable_label(view.show_unplaced, text).clicked() {
            intents.push(Intent::Toggle(Toggle::UnplacedEvents));
        }
    }
}

fn place_row_ui(ui: &mut Ui, view: &PanelView, place: usize, intents: &mut Vec<Intent>) {
    let dataset = view.dataset;
    ui.horizontal(|ui| {
        let (rect, _) = ui.allocate_exact_size(vec2(18.0, 18.0), Sense::hover());
        let symbol = Symbol::of(
            dataset,
            &dataset.places()[place],
            &view.states[place],
            false,
        );
        symbol.paint(ui.painter(), rect.center(), 6.0);
        let name = &dataset.places()[place].name;
        let response = ui
            .selectable_label(false, name)
            .on_hover_text(dataset.state_in_words(&view.states[place]));
        if response.clicked() {
            intents.push(Intent::SelectAndShow(place));
        }
    });
}

/// How many events with an unknown place are shown as cards: each card is
/// laid out every frame, and a large file can have tens of thousands.
const UNPLACED_SHOWN: usize = 300;

/// The events whose place id is in no gazetteer, in a window of their own.
pub fn unplaced_events_ui(ui: &mut Ui, view: &PanelView) -> Vec<Intent> {
    let mut intents = Vec::new();
    let unplaced = view.dataset.unplaced_events();
    egui::ScrollArea::vertical().show(ui, |ui| {
        for &event in unplaced.iter().take(UNPLACED_SHOWN) {
            let place = view.dataset.event(event).place;
            ui.label(RichText::new(format!("Place \"{place}\" (not in the gazetteer)")).weak());
            let _card = event_card_ui(ui, view, event, false, &mut intents);
        }
        if unplaced.len() > UNPLACED_SHOWN {
            ui.label(format!(
                "… and {} more; `claimmap check` lists every one",
                thousands(unplaced.len() - UNPLACED_SHOWN)
            ));
        }
    });
    intents
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Ten points a character, as a fixed-width font would measure.
    fn measure(s: &str) -> f32 {
        s.chars().count() as f32 * 10.0
    }

    #[test]
    fn a_long_name_wraps_at_spaces_only() {
        let name = "Islamic Emirate of Afghanistan";
        let chip = chip_rows(name, 120.0, measure);
        assert_eq!(chip.rows, ["Islamic ", "Emirate of ", "Afghanistan"]);
        assert!(!chip.elided);
        assert_eq!(chip.rows.concat(), name, "nothing lost");
        assert_eq!(chip_rows("Taliban", 120.0, measure).rows, ["Taliban"]);
        assert_eq!(chip_rows(name, 1000.0, measure).rows, [name]);
    }

    #[test]
    fn a_word_wider_than_the_panel_is_cut_short_never_split() {
        let chip = chip_rows("Taliban spokesman", 50.0, measure);
        assert!(chip.elided);
        assert_eq!(chip.rows, ["Tali…", "spok…"]);
        for row in &chip.rows {
            assert!(measure(row) <= 50.0, "{row}");
        }
        let empty = chip_rows("", 50.0, measure);
        assert_eq!(empty.rows, [""]);
    }
}

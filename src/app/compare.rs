//! Compare two dates: the day shown and a second one the user picks. Every
//! place whose state differs between them gets a badge on the map (the
//! others are dimmed), and the panel lists the changes by kind, each with
//! the claims that made the difference.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;
use eframe::egui::{self, Color32, RichText, Ui};

use super::intent::Intent;
use crate::model::{Dataset, DatePoint, Diff, DiffKind, Lens, PlaceDiff, PlaceState, day_in_words};

/// The second day, and the comparison made for it.
#[derive(Default)]
pub struct Compare {
    with: Option<NaiveDate>,
    text: String,
    error: Option<String>,
    /// The comparison last made, and what it was made for.
    made: Option<(Key, Comparison)>,
    /// The second day's states: worked out once while the day shown moves.
    other: Option<(DayKey, Arc<Vec<PlaceState>>)>,
}

/// What a comparison depends on: both days, the lens, the dataset.
type Key = (NaiveDate, NaiveDate, Lens, u64);

/// What one day's states depend on: the day, the lens, the dataset.
type DayKey = (NaiveDate, Lens, u64);

/// A comparison to draw: the changes, and each changed place's kind.
#[derive(Clone)]
pub struct Comparison {
    pub diff: Arc<Diff>,
    pub changed: Arc<HashMap<usize, DiffKind>>,
}

impl Compare {
    pub fn set(&mut self, with: Option<NaiveDate>) {
        self.with = with;
        match with {
            Some(day) => self.text = day.to_string(),
            None => self.text.clear(),
        }
        self.error = None;
    }

    /// The day compared with, if any.
    pub fn with(&self) -> Option<NaiveDate> {
        self.with
    }

    /// The changes between the second day and the day shown (`day`, whose
    /// states are `states`), earlier first, through `lens`; made again only
    /// when one of them, or the dataset, changed. The second day's states are
    /// kept, so moving the day shown does not work them out again.
    pub fn comparison(
        &mut self,
        dataset: &Dataset,
        (day, states): (NaiveDate, &[PlaceState]),
        lens: &Lens,
        generation: u64,
    ) -> Option<Comparison> {
        let with = self.with?;
        let (from, to) = if with <= day {
            (with, day)
        } else {
            (day, with)
        };
        let key = (from, to, lens.clone(), generation);
        if self.made.as_ref().is_none_or(|(made, _)| *made != key) {
            let other = self.states_on(dataset, with, lens, generation);
            let shown = (day, states.to_vec());
            let compared = (with, other.as_ref().clone());
            let (earlier, later) = if with <= day {
                (compared, shown)
            } else {
                (shown, compared)
            };
            let diff = Diff::of_states(earlier, later, lens);
            let changed = (diff.groups.iter())
                .flat_map(|g| g.places.iter().map(move |p| (p.place, g.kind)))
                .collect();
            let made = Comparison {
                diff: Arc::new(diff),
                changed: Arc::new(changed),
            };
            self.made = Some((key, made));
        }
        self.made.as_ref().map(|(_, made)| made.clone())
    }

    /// Every place's state on the second day, worked out once per lens and dataset.
    fn states_on(
        &mut self,
        dataset: &Dataset,
        with: NaiveDate,
        lens: &Lens,
        generation: u64,
    ) -> Arc<Vec<PlaceState>> {
        let key = (with, lens.clone(), generation);
        if let Some((made, states)) = &self.other
            && *made == key
        {
            return Arc::clone(states);
        }
        let states = Arc::new(dataset.control_state_with(with, lens));
        self.other = Some((key, Arc::clone(&states)));
        states
    }
}

/// "Compare with [YYYY-MM-DD]": Enter compares, Stop stops.
pub fn compare_field_ui(ui: &mut Ui, compare: &mut Compare) -> Vec<Intent> {
    let mut intents = Vec::new();
    let label = ui.label("Compare with");
    let response = ui
        .add(
            egui::TextEdit::singleline(&mut compare.text)
                .desired_width(90.0)
                .hint_text("YYYY-MM-DD"),
        )
        .labelled_by(label.id)
        .on_hover_text(
            "Another day as YYYY-MM-DD: the map shows what changed between it and the day shown",
        );
    if response.lost_focus() && !compare.text.trim().is_empty() {
        match compare.text.trim().parse::<DatePoint>() {
            Ok(DatePoint::Day(day)) => {
                compare.error = None;
                intents.push(Intent::CompareWith(Some(day)));
            }
            _ => {
                compare.error = Some(format!("\"{}\" is not a day as YYYY-MM-DD", compare.text));
            }
        }
    }
    if let Some(error) = &compare.error {
        ui.colored_label(ui.visuals().error_fg_color, error);
    }
    if compare.with.is_some() && ui.button("Stop comparing").clicked() {
        intents.push(Intent::CompareWith(None));
    }
    intents
}

/// The colour of a change's badge.
pub fn kind_color(kind: DiffKind) -> Color32 {
    match kind {
        DiffKind::BecameHeld | DiffKind::DisputeSettled | DiffKind::Confirmed => {
            Color32::from_rgb(0x2e, 0xcc, 0x71)
        }
        DiffKind::BecameDisputed | DiffKind::RivalsChanged => Color32::from_rgb(0x9b, 0x59, 0xb6),
        DiffKind::ChangedHands => Color32::from_rgb(0xf3, 0x9c, 0x12),
        DiffKind::LapsedToUnknown | DiffKind::NoLongerConfirmed => Color32::GRAY,
    }
}

/// One line of the changes list: a kind's heading, or one changed place.
#[derive(Clone, Copy)]
enum ChangeRow {
    Kind(usize),
    Place(usize, usize),
}

/// The list's lines in order; cheap (two indices a line), so it is made
/// each frame rather than cached.
fn change_rows(diff: &Diff) -> Vec<ChangeRow> {
    let mut rows = Vec::new();
    for (g, group) in diff.groups.iter().enumerate() {
        if group.places.is_empty() {
            continue;
        }
        rows.push(ChangeRow::Kind(g));
        rows.extend((0..group.places.len()).map(|p| ChangeRow::Place(g, p)));
    }
    rows
}

/// The changes by kind, each place with the claims that made the difference;
/// a click selects the place. Only the lines in view are laid out, so a
/// comparison that changes thousands of places scrolls as fast as one that
/// changes three.
pub fn changes_ui(ui: &mut Ui, dataset: &Dataset, diff: &Diff, max_height: f32) -> Vec<Intent> {
    let mut intents = Vec::new();
    ui.heading(format!(
        "Changes from {} to {}",
        day_in_words(diff.from),
        day_in_words(diff.to)
    ));
    let rows = change_rows(diff);
    if rows.is_empty() {
        ui.weak("No place's control changed.");
        return intents;
    }
    let row_height = ui.spacing().interact_size.y + 2.0;
    egui::ScrollArea::vertical()
        .id_salt("changes")
        .max_height(max_height)
        .auto_shrink([false, true])
        .show_rows(ui, row_height, rows.len(), |ui, range| {
            for row in &rows[range] {
                match *row {
                    ChangeRow::Kind(g) => {
                        let group = &diff.groups[g];
                        let title = format!("{} ({})", group.kind.as_str(), group.places.len());
                        ui.label(RichText::new(title).strong().color(kind_color(group.kind)));
                    }
                    ChangeRow::Place(g, p) => {
                        let change = &diff.groups[g].places[p];
                        if change_ui(ui, dataset, change) {
                            intents.push(Intent::SelectAndShow(change.place));
                        }
                    }
                }
            }
        });
    intents
}

/// One changed place on one line: its name as a link, then what changed and
/// which claims did it, cut to the width with the whole on hover. True when
/// the name is clicked.
fn change_ui(ui: &mut Ui, dataset: &Dataset, change: &PlaceDiff) -> bool {
    let name = &dataset.places()[change.place].name;
    let mut said = format!(
        "{}, then {}",
        dataset.state_in_words(&change.from),
        dataset.state_in_words(&change.to)
    );
    let ids = |events: &[usize]| -> String {
        let ids: Vec<&str> = events.iter().map(|&e| dataset.events().id(e)).collect();
        ids.join(", ")
    };
    if !change.claims_added.is_empty() {
        said.push_str(&format!("; new: {}", ids(&change.claims_added)));
    }
    if !change.claims_dropped.is_empty() {
        said.push_str(&format!("; gone: {}", ids(&change.claims_dropped)));
    }
    ui.horizontal(|ui| {
        let clicked = ui.link(name).on_hover_text(&said).clicked();
        let words = egui::Label::new(RichText::new(&said).small()).truncate();
        ui.add(words).on_hover_text(&said);
        clicked
    })
    .inner
}

//! Compare two dates: the day shown and a second one the user picks. Every
//! place whose state differs between them gets a badge on the map (the
//! others are dimmed), and the panel lists the changes by kind, each with
//! the claims that made the difference.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;
use eframe::egui::{self, Color32, RichText, Ui};

use super::intent::Intent;
use crate::model::{Dataset, DatePoint, Diff, DiffKind, Lens, PlaceState, day_in_words};

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
        if with.is_none() {
            self.text.clear();
            self.error = None;
        }
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

/// The changes by kind, each place with the claims that made the difference;
/// a click selects the place.
pub fn changes_ui(ui: &mut Ui, dataset: &Dataset, diff: &Diff) -> Vec<Intent> {
    let mut intents = Vec::new();
    ui.heading(format!(
        "Changes from {} to {}",
        day_in_words(diff.from),
        day_in_words(diff.to)
    ));
    if diff.groups.iter().all(|g| g.places.is_empty()) {
        ui.weak("No place's control changed.");
    }
    for group in diff.groups.iter().filter(|g| !g.places.is_empty()) {
        let title = format!("{} ({})", group.kind.as_str(), group.places.len());
        ui.label(RichText::new(title).strong().color(kind_color(group.kind)));
        for change in &group.places {
            let name = &dataset.places()[change.place].name;
            let words = format!(
                "{}, then {}",
                dataset.state_in_words(&change.from),
                dataset.state_in_words(&change.to)
            );
            if ui.link(name).on_hover_text(&words).clicked() {
                intents.push(Intent::SelectAndShow(change.place));
            }
            let ids = |events: &[usize]| -> String {
                let ids: Vec<&str> = events.iter().map(|&e| dataset.events().id(e)).collect();
                ids.join(", ")
            };
            let mut said = words;
            if !change.claims_added.is_empty() {
                said.push_str(&format!("; new: {}", ids(&change.claims_added)));
            }
            if !change.claims_dropped.is_empty() {
                said.push_str(&format!("; gone: {}", ids(&change.claims_dropped)));
            }
            ui.add(egui::Label::new(RichText::new(said).small()).wrap());
        }
        ui.add_space(4.0);
    }
    intents
}

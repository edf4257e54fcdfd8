//! The status line, the error panel and the list of warnings.

use std::collections::VecDeque;

use eframe::egui::{self, RichText, Ui};

use super::intent::{Intent, Toggle};
use super::window::Remembered;
use crate::data::Input;
use crate::files::human_size;
use crate::formats::{Diagnostic, KindGroup, Severity, group_by_kind};
use crate::model::Dataset;
use crate::printable::thousands;
use crate::progress::Snapshot;

/// What the last loads said, kept until the next load or a dismissal.
#[derive(Debug, Default)]
pub struct Problems {
    /// Errors of the latest request: the files that did not load.
    pub errors: Vec<Diagnostic>,
    /// Warnings of the dataset on screen.
    pub warnings: Vec<Diagnostic>,
    /// The warnings by kind, grouped once when they arrive rather than every frame.
    pub warning_groups: Vec<KindGroup>,
    /// What the window itself has to say (a dialog it could not show, a
    /// file saved), oldest first: a later notice waits its turn instead of
    /// hiding an earlier one.
    notices: VecDeque<String>,
}

impl Problems {
    /// Says `text` once the notices before it are dismissed; the same text
    /// twice in a row is said once.
    pub fn notify(&mut self, text: impl Into<String>) {
        let text = text.into();
        if self.notices.back() != Some(&text) {
            self.notices.push_back(text);
        }
    }

    /// The notice shown now: the oldest not dismissed.
    pub fn notice(&self) -> Option<&str> {
        self.notices.front().map(String::as_str)
    }

    /// How many notices wait behind the one shown.
    pub fn notices_waiting(&self) -> usize {
        self.notices.len().saturating_sub(1)
    }

    pub fn dismiss_notice(&mut self) {
        self.notices.pop_front();
    }

    /// Takes a load's diagnostics; warnings are replaced only when the dataset is.
    pub fn take(&mut self, diagnostics: Vec<Diagnostic>, dataset_replaced: bool) {
        let (errors, warnings): (Vec<_>, Vec<_>) = diagnostics
            .into_iter()
            .partition(|d| d.severity == Severity::Error);
        self.errors = errors;
        if dataset_replaced {
            self.warning_groups = group_by_kind(&warnings);
            self.warnings = warnings;
        }
    }
}

pub struct StatusView<'a> {
    pub dataset: Option<&'a Dataset>,
    pub gazetteer: Option<&'a Input>,
    pub events: Option<&'a Input>,
    /// While files load, how far they are.
    pub loading: Option<Snapshot>,
    pub problems: &'a Problems,
    /// Files a run that died had open, which this start left closed.
    pub not_reopened: Option<&'a Remembered>,
    /// While an export runs: pictures written, and how many there will be.
    pub exporting: Option<(usize, usize)>,
}

pub fn status_bar_ui(ui: &mut Ui, view: &StatusView) -> Vec<Intent> {
    let mut intents = Vec::new();
    ui.horizontal(|ui| {
        if let Some(progress) = view.loading {
            progress_ui(ui, progress);
            if ui
                .button("Cancel")
                .on_hover_text("Stop waiting for the files; the data on screen stays")
                .clicked()
            {
                intents.push(Intent::CancelLoad);
            }
            ui.separator();
        }
        if let Some((written, total)) = view.exporting {
            let text = match total {
                1 => "Exporting the map…".to_owned(),
                _ => format!("Exporting: {written} of {total} frames"),
            };
            let fraction = written as f32 / total.max(1) as f32;
            ui.add(
                egui::ProgressBar::new(fraction)
                    .desired_width(120.0)
                    .text(text),
            );
            if ui
                .button("Cancel export")
                .on_hover_text("Stop; nothing is left half-written")
                .clicked()
            {
                intents.push(Intent::CancelExport);
            }
            ui.separator();
        }
        if let Some(remembered) = view.not_reopened {
            let text = format!(
                "The last run ended abruptly with {} open, so the built-in data is shown.",
                remembered.names()
            );
            ui.label(RichText::new(text).color(ui.visuals().warn_fg_color));
            if ui
                .button("Reopen")
                .on_hover_text("Open those files again")
                .clicked()
            {
                intents.push(Intent::ReopenRemembered);
            }
            ui.separator();
        }
        file_label_ui(ui, "Gazetteer", view.gazetteer);
        file_label_ui(ui, "Events", view.events);
        if let Some(dataset) = view.dataset {
            ui.separator();
            ui.label(format!(
                "{} places · {} events · {} parties · {} sources",
                thousands(dataset.places().len()),
                thousands(dataset.events().len()),
                thousands(dataset.parties().len()),
                thousands(dataset.sources().len())
            ));
        }
        let warnings = view.problems.warnings.len();
        if warnings > 0 {
            ui.separator();
            let text = format!(
                "⚠ {} warning{}",
                thousands(warnings),
                if warnings == 1 { "" } else { "s" }
            );
            if ui.link(text).on_hover_text("Show the warnings").clicked() {
                intents.push(Intent::Toggle(Toggle::Warnings));
            }
        }
        if let Some(notice) = view.problems.notice() {
            ui.separator();
            let waiting = view.problems.notices_waiting();
            let dismiss = if waiting > 0 {
                format!("Next ({waiting} more)")
            } else {
                "OK".to_owned()
            };
            if ui
                .small_button(dismiss)
                .on_hover_text("Dismiss this notice")
                .clicked()
            {
                intents.push(Intent::DismissNotice);
            }
            // Cut to the window's width; egui shows the whole of it on hover.
            let text = RichText::new(notice).color(ui.visuals().warn_fg_color);
            ui.add(egui::Label::new(text).truncate());
        }
    });
    intents
}

/// "Reading 120 MB of 269 MB" with a bar, or a spinner when the phase cannot count.
fn progress_ui(ui: &mut Ui, progress: Snapshot) {
    let phase = progress.phase.in_words();
    match progress.fraction() {
        Some(fraction) => {
            let text = if progress.phase.counts_files() {
                format!("{phase}: {} of {}", progress.done, progress.total)
            } else {
                format!(
                    "{phase} {} of {}",
                    human_size(progress.done),
                    human_size(progress.total)
                )
            };
            ui.add(
                egui::ProgressBar::new(fraction)
                    .desired_width(260.0)
                    .text(text),
            );
        }
        None => {
            ui.add(egui::Spinner::new());
            ui.label(format!("{phase}…"));
        }
    }
    // The worker does not wake the window between phases: look again soon.
    ui.ctx()
        .request_repaint_after(std::time::Duration::from_millis(100));
}

fn file_label_ui(ui: &mut Ui, what: &str, input: Option<&Input>) {
    let Some(input) = input else { return };
    let short = match input {
        Input::BuiltIn { .. } => "built in".to_owned(),
        Input::File(path) => path
            .file_name()
            .map_or_else(|| input.name(), |n| n.to_string_lossy().into_owned()),
    };
    ui.label(format!("{what}: {short}"))
        .on_hover_text(input.name());
}

/// The errors of the last load, one per line as FILE:LINE:COL, until dismissed.
pub fn error_panel_ui(ui: &mut Ui, errors: &[Diagnostic]) -> Vec<Intent> {
    let mut intents = Vec::new();
    ui.horizontal(|ui| {
        let count = errors.len();
        ui.label(
            RichText::new(format!(
                "Could not load: {count} error{} — the data on screen is unchanged",
                if count == 1 { "" } else { "s" }
            ))
            .color(ui.visuals().error_fg_color)
            .strong(),
        );
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button("Dismiss").clicked() {
                intents.push(Intent::DismissErrors);
            }
        });
    });
    egui::ScrollArea::vertical()
        .max_height(120.0)
        .show(ui, |ui| diagnostics_ui(ui, errors));
    intents
}

pub fn diagnostics_ui(ui: &mut Ui, diagnostics: &[Diagnostic]) {
    for diagnostic in diagnostics {
        ui.add(
            egui::Label::new(RichText::new(diagnostic.to_string()).monospace())
                .selectable(true)
                .wrap(),
        );
    }
}

/// Problems grouped by kind, each kind a collapsible list with its count.
/// Only the rows in view are laid out, so half a million warnings cost what
/// a screenful does.
pub fn grouped_diagnostics_ui(ui: &mut Ui, diagnostics: &[Diagnostic], groups: &[KindGroup]) {
    let row_height = ui.text_style_height(&egui::TextStyle::Monospace) + 2.0;
    let open_alone = groups.len() == 1;
    egui::ScrollArea::vertical()
        .id_salt("problem-groups")
        .show(ui, |ui| {
            for group in groups {
                let title = format!("{} ({})", group.kind, thousands(group.members.len()));
                egui::CollapsingHeader::new(title)
                    .id_salt(("problem-kind", group.severity, group.kind))
                    .default_open(open_alone)
                    .show(ui, |ui| {
                        egui::ScrollArea::vertical()
                            .id_salt(("problem-rows", group.severity, group.kind))
                            .max_height(240.0)
                            .auto_shrink([false, true])
                            .show_rows(ui, row_height, group.members.len(), |ui, rows| {
                                for &i in &group.members[rows] {
                                    let text = diagnostics[i].to_string();
                                    ui.add(
                                        egui::Label::new(RichText::new(text).monospace())
                                            .selectable(true)
                                            .truncate(),
                                    );
                                }
                            });
                    });
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_later_notice_waits_for_the_one_shown_and_repeats_are_said_once() {
        let mut problems = Problems::default();
        problems.notify("Cannot show a file dialog");
        problems.notify("Saved 54 events");
        problems.notify("Saved 54 events");
        assert_eq!(problems.notice(), Some("Cannot show a file dialog"));
        assert_eq!(problems.notices_waiting(), 1);
        problems.dismiss_notice();
        assert_eq!(problems.notice(), Some("Saved 54 events"));
        problems.dismiss_notice();
        assert_eq!(problems.notice(), None);
    }
}

//! The bottom panel: the day in words, the date field, playback buttons, the
//! rule's mode, and the slider with a tick at every day that has events.

use chrono::{Days, NaiveDate};
use eframe::egui::{self, RichText, Stroke, Ui};

use super::intent::Intent;
use super::time_control::{SPEEDS, TimeCommand, TimeControl};
use crate::model::{DatePoint, Mode, day_with_weekday};

/// The text of the date field while the user edits it.
#[derive(Debug, Default)]
pub struct DateField {
    text: String,
    /// What was wrong with the last text the user entered.
    error: Option<String>,
}

pub fn timeline_ui(ui: &mut Ui, time: &TimeControl, field: &mut DateField) -> Vec<Intent> {
    let mut intents = Vec::new();
    let mut command = |c: TimeCommand| intents.push(Intent::Time(c));
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        buttons_ui(ui, time, &mut command);
        ui.separator();
        ui.label(
            RichText::new(day_with_weekday(time.day()))
                .strong()
                .size(16.0),
        )
        .on_hover_text("The day the map shows");
        ui.separator();
        date_field_ui(ui, time, field, &mut command);
        ui.separator();
        speed_ui(ui, time, &mut command);
        ui.separator();
        mode_ui(ui, time, &mut command);
    });
    slider_ui(ui, time, &mut command);
    ui.add_space(2.0);
    intents
}

fn buttons_ui(ui: &mut Ui, time: &TimeControl, command: &mut impl FnMut(TimeCommand)) {
    let buttons = [
        ("⏮", "First day (Home)", TimeCommand::First),
        (
            "⏪",
            "Previous day with events (Shift+Left)",
            TimeCommand::PreviousEventDay,
        ),
        ("⏴", "One day back (Left arrow)", TimeCommand::StepDays(-1)),
    ];
    for (icon, hover, c) in buttons {
        if ui.button(icon).on_hover_text(hover).clicked() {
            command(c);
        }
    }
    let (icon, hover) = if time.is_playing() {
        ("⏸", "Pause (Space)")
    } else {
        ("▶", "Play (Space)")
    };
    if ui.button(icon).on_hover_text(hover).clicked() {
        command(TimeCommand::TogglePlay);
    }
    let buttons = [
        ("⏵", "One day on (Right arrow)", TimeCommand::StepDays(1)),
        (
            "⏩",
            "Next day with events (Shift+Right)",
            TimeCommand::NextEventDay,
        ),
        ("⏭", "Last day (End)", TimeCommand::Last),
    ];
    for (icon, hover, c) in buttons {
        if ui.button(icon).on_hover_text(hover).clicked() {
            command(c);
        }
    }
}

/// An editable `YYYY-MM-DD` field: typing a date and pressing Enter (or leaving
/// the field) jumps there; anything else is refused with a reason.
fn date_field_ui(
    ui: &mut Ui,
    time: &TimeControl,
    field: &mut DateField,
    command: &mut impl FnMut(TimeCommand),
) {
    let label = ui.label("Date");
    let id = ui.make_persistent_id("date-field");
    let editing = ui.memory(|m| m.has_focus(id));
    if !editing {
        field.text = time.day().format("%Y-%m-%d").to_string();
    }
    let response = ui
        .add(
            egui::TextEdit::singleline(&mut field.text)
                .id(id)
                .desired_width(90.0)
                .hint_text("YYYY-MM-DD"),
        )
        .labelled_by(label.id)
        .on_hover_text("Type a day as YYYY-MM-DD and press Enter");
    if response.lost_focus() {
        match field.text.trim().parse::<DatePoint>() {
            Ok(DatePoint::Day(day)) => {
                field.error = out_of_range(time, day);
                command(TimeCommand::SetDay(day));
            }
            _ => field.error = Some(format!("\"{}\" is not a day as YYYY-MM-DD", field.text)),
        }
    } else if response.changed() {
        field.error = None;
    }
    if let Some(error) = &field.error {
        ui.colored_label(ui.visuals().error_fg_color, error);
    }
}

fn out_of_range(time: &TimeControl, day: NaiveDate) -> Option<String> {
    (day < time.first() || day > time.last()).then(|| {
        format!(
            "{day} is outside the events ({} to {}); showing the nearest day",
            time.first(),
            time.last()
        )
    })
}

fn speed_ui(ui: &mut Ui, time: &TimeControl, command: &mut impl FnMut(TimeCommand)) {
    ui.label("Speed");
    for days in SPEEDS {
        let text = format!("{days} d/s");
        let selected = time.days_per_second() == days;
        if ui
            .selectable_label(selected, text)
            .on_hover_text(format!("Play {days} day(s) per second"))
            .clicked()
        {
            command(TimeCommand::SetSpeed(days));
        }
    }
}

fn mode_ui(ui: &mut Ui, time: &TimeControl, command: &mut impl FnMut(TimeCommand)) {
    let modes = [
        (
            Mode::Event,
            "Event date",
            "Every event dated on or before the day",
        ),
        (
            Mode::Known,
            "As known on",
            "Only what had been published by the day: events from later reports are left out",
        ),
    ];
    for (mode, text, hover) in modes {
        if ui
            .selectable_label(time.mode() == mode, text)
            .on_hover_text(hover)
            .clicked()
        {
            command(TimeCommand::SetMode(mode));
        }
    }
}

/// The slider over the whole range, with ticks under it on days that have events.
fn slider_ui(ui: &mut Ui, time: &TimeControl, command: &mut impl FnMut(TimeCommand)) {
    let span = (time.last() - time.first()).num_days().max(0);
    let mut offset = (time.day() - time.first()).num_days();
    ui.spacing_mut().slider_width = (ui.available_width() - 40.0).max(100.0);
    let response = ui.add(
        egui::Slider::new(&mut offset, 0..=span)
            .show_value(false)
            .text("Day"),
    );
    if response.changed() {
        let day = time
            .first()
            .checked_add_days(Days::new(offset.max(0) as u64));
        if let Some(day) = day {
            command(TimeCommand::SetDay(day));
        }
    }
    paint_ticks(ui, time, response.rect, span);
}

fn paint_ticks(ui: &Ui, time: &TimeControl, slider: egui::Rect, span: i64) {
    if span == 0 {
        return;
    }
    // egui's slider keeps the handle inside its rect: the rail is inset by the handle's radius.
    let inset = slider.height() / 2.5;
    let rail = egui::Rangef::new(slider.left() + inset, slider.right() - inset);
    let y = slider.bottom();
    let painter = ui.painter();
    let color = ui.visuals().text_color();
    let mut last_x = f32::NEG_INFINITY;
    for day in time.event_days() {
        let t = (*day - time.first()).num_days() as f32 / span as f32;
        let x = egui::lerp(rail.min..=rail.max, t);
        // Many events a pixel apart would only thicken the line.
        if x - last_x >= 1.0 {
            painter.line_segment(
                [egui::pos2(x, y - 1.0), egui::pos2(x, y + 4.0)],
                Stroke::new(1.5, color.gamma_multiply(0.8)),
            );
            last_x = x;
        }
    }
}

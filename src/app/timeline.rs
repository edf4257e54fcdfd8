//! The bottom panel: the day in words, the date field, playback buttons, the
//! rule's mode, and the slider with a tick at every day that has events and,
//! behind it, a histogram of the events of each day.

use std::sync::Arc;

use chrono::{Datelike, Days, NaiveDate};
use eframe::egui::{
    self, Align2, FontId, Pos2, Rangef, Rect, RichText, Sense, Shape, Stroke, Ui, WidgetInfo,
    accesskit::Role, pos2, vec2,
};

use super::intent::Intent;
use super::symbols::{UNKNOWN_GREY, color};
use super::time_control::{SPEEDS, TimeCommand, TimeControl};
use crate::model::{
    Bar, DatePoint, Density, Mode, bin_days, day_with_weekday, days_in_words, tallest,
};

/// The histogram's height above the slider's rail, in points: enough to
/// tell a busy day from a quiet one, little enough to leave the map its room.
const HISTOGRAM_HEIGHT: f32 = 32.0;
/// Room kept above the tallest bar for its count.
const LABEL_ROOM: f32 = 11.0;
/// The least height of a bar, in points: a day with one event among days
/// of dozens must still show it has some.
const MIN_BAR_HEIGHT: f32 = 3.0;

/// What the timeline keeps between frames: the date field's text while the
/// user edits it, and the histogram's bars for the width they were binned for.
#[derive(Debug, Default)]
pub struct DateField {
    text: String,
    /// What was wrong with the last text the user entered.
    error: Option<String>,
    bars: BarCache,
    drawn: HistogramDrawn,
}

impl DateField {
    /// What the histogram drew last frame.
    pub fn histogram_drawn(&self) -> &HistogramDrawn {
        &self.drawn
    }
}

/// What the histogram drew last frame.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HistogramDrawn {
    /// How many days each bar counts: 1, or 7 and more when days are narrow.
    pub bin_days: u32,
    /// Bars drawn (bins with events).
    pub bars: usize,
    /// The tallest bar's first day and its count, which it is labelled with.
    pub tallest: Option<(NaiveDate, u32)>,
    /// The middle of the tallest bar, where hovering shows its counts.
    pub tallest_at: Option<Pos2>,
}

/// The bars of one count of the events at one bin size: binned again only
/// when either changes, never per frame.
#[derive(Debug, Default)]
struct BarCache {
    density: Option<Arc<Density>>,
    bin_days: u32,
    bars: Vec<Bar>,
    tallest: Option<usize>,
}

impl BarCache {
    fn update(&mut self, density: &Arc<Density>, bin_days: u32) {
        let same = self
            .density
            .as_ref()
            .is_some_and(|d| Arc::ptr_eq(d, density));
        if same && self.bin_days == bin_days {
            return;
        }
        self.bars = density.bars(bin_days);
        self.tallest = tallest(&self.bars);
        self.density = Some(Arc::clone(density));
        self.bin_days = bin_days;
    }

    /// The bar whose days include `day`.
    fn at(&self, day: NaiveDate) -> Option<&Bar> {
        let after = self.bars.partition_point(|bar| bar.first <= day);
        let bar = self.bars.get(after.checked_sub(1)?)?;
        (bar.last() >= day).then_some(bar)
    }
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
    slider_ui(ui, time, field, &mut command);
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

/// The slider over the whole range, the histogram of events behind it, and
/// ticks under it on days that have events.
fn slider_ui(
    ui: &mut Ui,
    time: &TimeControl,
    field: &mut DateField,
    command: &mut impl FnMut(TimeCommand),
) {
    let span = (time.last() - time.first()).num_days().max(0);
    let mut offset = (time.day() - time.first()).num_days();
    let slider_width = (ui.available_width() - 40.0).max(100.0);
    ui.spacing_mut().slider_width = slider_width;
    let (band, band_response) =
        ui.allocate_exact_size(vec2(slider_width, HISTOGRAM_HEIGHT), Sense::click());
    // The bars go under the slider, whose rail is only known once it is laid out.
    let behind = ui.painter().add(Shape::Noop);
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
    // The slider's response also spans its "Day" label: the rail is the first `slider_width`.
    let slider = Rect::from_min_size(
        response.rect.min,
        vec2(slider_width, response.rect.height()),
    );
    let scale = DayScale::of(time, rail(slider));
    paint_ticks(ui, time, &scale, slider.bottom());
    date_labels_ui(ui, &scale, slider.bottom());
    // Bars stand on the rail, not behind it: a bar of one event is only a few points tall.
    let floor = slider.center().y - ui.spacing().slider_rail_height / 2.0;
    let area = Rect::from_x_y_ranges(scale.rail, band.top()..=floor);
    field.drawn = histogram_ui(ui, time, &mut field.bars, &scale, area, behind);
    band_response.widget_info(|| {
        WidgetInfo::labeled(Role::Button, true, "Events per day: click to go to a day")
    });
    let pointer = band_response.hover_pos();
    if let Some(day) = pointer.and_then(|p| scale.day_at(p.x)) {
        let bar = field.bars.at(day);
        if band_response.clicked() {
            command(TimeCommand::SetDay(day));
        }
        band_response.on_hover_ui_at_pointer(|ui| bar_tooltip_ui(ui, day, bar));
    }
}

/// egui's slider keeps the handle inside its rect: the rail is inset by the handle's radius.
fn rail(slider: Rect) -> Rangef {
    let inset = slider.height() / 2.5;
    Rangef::new(slider.left() + inset, slider.right() - inset)
}

/// Where days fall along the slider's rail.
#[derive(Clone, Copy, Debug, PartialEq)]
struct DayScale {
    rail: Rangef,
    first: NaiveDate,
    /// Days from the rail's first to its last day.
    span: i64,
}

impl DayScale {
    fn of(time: &TimeControl, rail: Rangef) -> DayScale {
        DayScale {
            rail,
            first: time.first(),
            span: (time.last() - time.first()).num_days().max(0),
        }
    }

    /// Pixels from one day to the next.
    fn px_per_day(&self) -> f32 {
        self.rail.span() / self.span.max(1) as f32
    }

    /// Where `days` after the first day fall (fractions lie between days).
    fn x(&self, days: f64) -> f32 {
        egui::lerp(
            self.rail.min..=self.rail.max,
            (days / self.span.max(1) as f64) as f32,
        )
    }

    fn x_of(&self, day: NaiveDate) -> f32 {
        self.x((day - self.first).num_days() as f64)
    }

    /// The day nearest to `x`, on the rail.
    fn day_at(&self, x: f32) -> Option<NaiveDate> {
        if self.rail.span() <= 0.0 {
            return None;
        }
        let t = ((x - self.rail.min) / self.rail.span()).clamp(0.0, 1.0);
        let days = (t * self.span as f32).round() as u64;
        self.first.checked_add_days(Days::new(days))
    }

    /// The left and right of a bar over `days` days from `first`: each day
    /// is a cell around its point on the rail.
    fn cell(&self, first: NaiveDate, days: u32) -> Rangef {
        let start = (first - self.first).num_days() as f64 - 0.5;
        Rangef::new(self.x(start), self.x(start + f64::from(days)))
    }
}

/// The bars of the events by the party they name, under the slider (in the
/// `behind` slot), the tallest labelled with its count.
fn histogram_ui(
    ui: &Ui,
    time: &TimeControl,
    cache: &mut BarCache,
    scale: &DayScale,
    area: Rect,
    behind: egui::layers::ShapeIdx,
) -> HistogramDrawn {
    let bin = bin_days(scale.px_per_day());
    let density = time.density();
    cache.update(density, bin);
    let Some(tallest) = cache.tallest.and_then(|i| cache.bars.get(i)) else {
        return HistogramDrawn {
            bin_days: bin,
            ..HistogramDrawn::default()
        };
    };
    let per_event = (area.height() - LABEL_ROOM).max(1.0) / tallest.total.max(1) as f32;
    let mut shapes = Vec::new();
    for bar in &cache.bars {
        let cell = scale.cell(bar.first, bar.days);
        shapes.extend(bar_shapes(
            bar,
            density,
            inset(cell),
            area.bottom(),
            per_event,
        ));
    }
    let top = area.bottom() - tallest.total as f32 * per_event;
    let middle = scale.cell(tallest.first, tallest.days).center();
    let mut painter = ui.painter().clone();
    painter.set_clip_rect(area.expand(LABEL_ROOM));
    painter.set(behind, Shape::Vec(shapes));
    painter.text(
        pos2(
            middle.clamp(area.left() + 6.0, area.right() - 6.0),
            top - 1.0,
        ),
        Align2::CENTER_BOTTOM,
        tallest.total.to_string(),
        FontId::proportional(10.5),
        ui.visuals().text_color(),
    );
    HistogramDrawn {
        bin_days: bin,
        bars: cache.bars.len(),
        tallest: Some((tallest.first, tallest.total)),
        tallest_at: Some(pos2(middle, (top + area.bottom()) / 2.0)),
    }
}

/// A cell less a gap between neighbours, once cells are wide enough to spare one.
fn inset(cell: Rangef) -> Rangef {
    match cell.span() {
        w if w >= 6.0 => cell.shrink(w * 0.15),
        w if w >= 3.0 => cell.shrink(0.5),
        _ => cell,
    }
}

/// One bar's stack, bottom up in the parties' order. Heights are rounded to
/// whole pixels as they add up, so a party with too few events for a pixel
/// draws nothing rather than a sliver: a bar draws at most as many pieces
/// as it is pixels tall, whatever the number of parties.
fn bar_shapes(
    bar: &Bar,
    density: &Density,
    cell: Rangef,
    floor: f32,
    per_event: f32,
) -> Vec<Shape> {
    let mut shapes = Vec::new();
    let (mut sum, mut drawn) = (0u32, 0.0f32);
    for &(party, n) in &bar.by_party {
        sum += n;
        let height = (sum as f32 * per_event).round().max(MIN_BAR_HEIGHT);
        if height <= drawn {
            continue;
        }
        let fill = density.color_of(party).map_or(UNKNOWN_GREY, color);
        let rect = Rect::from_x_y_ranges(cell, (floor - height)..=(floor - drawn));
        shapes.push(Shape::rect_filled(rect, 0.0, fill.gamma_multiply(0.85)));
        drawn = height;
    }
    shapes
}

fn bar_tooltip_ui(ui: &mut Ui, day: NaiveDate, bar: Option<&Bar>) {
    let Some(bar) = bar else {
        ui.label(format!("{}: no events", day_with_weekday(day)));
        return;
    };
    let when = match bar.days {
        1 => day_with_weekday(bar.first),
        _ => days_in_words(bar.first, bar.last()),
    };
    let events = match bar.total {
        1 => "1 event".to_owned(),
        n => format!("{n} events"),
    };
    ui.strong(format!("{when}: {events}"));
    for (kind, n) in bar.types() {
        ui.label(format!("{kind}: {n}"));
    }
    ui.weak("Click to go to the day");
}

/// A date written under the slider's rail.
#[derive(Clone, Debug, PartialEq)]
struct DateLabel {
    /// Where its day is on the rail.
    x: f32,
    text: String,
    /// A month's first day (or the rail's first day), written larger.
    month: bool,
}

const MONTH_FONT: f32 = 11.5;
const DAY_FONT: f32 = 10.0;

/// The months along the rail (every second, third… when they are narrow),
/// and the days between them when there is room: every day, or every 2nd,
/// 5th or 10th of the month. `width_of(text, month)` measures a label; none
/// overlaps another or leaves the rail, months going first.
fn date_labels(scale: &DayScale, width_of: impl Fn(&str, bool) -> f32) -> Vec<DateLabel> {
    const GAP: f32 = 8.0;
    let Some(last) = scale
        .first
        .checked_add_days(Days::new(scale.span.max(0) as u64))
    else {
        return Vec::new();
    };
    let px = scale.px_per_day();
    let month_room = width_of("Sep 2021", true) + GAP;
    let month_step = [1u32, 2, 3, 6, 12]
        .into_iter()
        .find(|step| *step as f32 * 30.0 * px >= month_room)
        .unwrap_or(12);
    let mut candidates = Vec::new();
    let mut day = scale.first;
    let mut first_label = true;
    while day <= last {
        let month_start = day.day() == 1 || day == scale.first;
        let month_index = day.year() * 12 + day.month0() as i32;
        if month_start && month_index.rem_euclid(month_step as i32) == 0 || day == scale.first {
            let format = if first_label || day.month() == 1 {
                "%b %Y"
            } else {
                "%b"
            };
            candidates.push((0u8, day, day.format(format).to_string()));
            first_label = false;
        }
        match day.succ_opt() {
            Some(next) => day = next,
            None => break,
        }
    }
    let day_room = width_of("28", false) + GAP / 2.0;
    if let Some(step) = [1u32, 2, 5, 10]
        .into_iter()
        .find(|step| *step as f32 * px >= day_room)
    {
        let mut day = scale.first;
        while day <= last {
            if day.day() != 1 && day.day().is_multiple_of(step) {
                candidates.push((1, day, day.day().to_string()));
            }
            match day.succ_opt() {
                Some(next) => day = next,
                None => break,
            }
        }
    }
    // Months first, then days; a label is written only where it overlaps none.
    candidates.sort_by_key(|(rank, day, _)| (*rank, *day));
    let mut placed: Vec<(Rangef, DateLabel)> = Vec::new();
    for (rank, day, text) in candidates {
        let month = rank == 0;
        let x = scale.x_of(day);
        let width = width_of(&text, month);
        // A month is written from its first day on; a day centred on its own.
        let span = if month {
            Rangef::new(x, x + width)
        } else {
            Rangef::new(x - width / 2.0, x + width / 2.0)
        };
        let inside = span.min >= scale.rail.min - 1.0 && span.max <= scale.rail.max + GAP;
        let free = placed.iter().all(|(other, _)| {
            span.max + GAP / 2.0 <= other.min || span.min >= other.max + GAP / 2.0
        });
        if inside && free {
            placed.push((span, DateLabel { x, text, month }));
        }
    }
    let mut labels: Vec<DateLabel> = placed.into_iter().map(|(_, label)| label).collect();
    labels.sort_by(|a, b| a.x.total_cmp(&b.x));
    labels
}

/// The date labels in a row under the slider, months with a longer tick.
fn date_labels_ui(ui: &mut Ui, scale: &DayScale, y: f32) {
    let (row, _) = ui.allocate_exact_size(vec2(ui.available_width(), 14.0), Sense::hover());
    if scale.span == 0 {
        return;
    }
    let painter = ui.painter();
    let strong = ui.visuals().text_color();
    let weak = ui.visuals().weak_text_color();
    let font = |month: bool| FontId::proportional(if month { MONTH_FONT } else { DAY_FONT });
    let width_of = |text: &str, month: bool| {
        painter
            .layout_no_wrap(text.to_owned(), font(month), strong)
            .size()
            .x
    };
    let top = row.top().max(y + 4.0);
    for label in date_labels(scale, width_of) {
        if label.month {
            painter.line_segment(
                [pos2(label.x, y - 2.0), pos2(label.x, top + MONTH_FONT)],
                Stroke::new(1.0, weak),
            );
            painter.text(
                pos2(label.x + 2.0, top),
                Align2::LEFT_TOP,
                label.text,
                font(true),
                strong,
            );
        } else {
            painter.text(
                pos2(label.x, top),
                Align2::CENTER_TOP,
                label.text,
                font(false),
                weak,
            );
        }
    }
}

fn paint_ticks(ui: &Ui, time: &TimeControl, scale: &DayScale, y: f32) {
    if scale.span == 0 {
        return;
    }
    let painter = ui.painter();
    let color = ui.visuals().text_color();
    let mut last_x = f32::NEG_INFINITY;
    for &day in time.event_days() {
        let x = scale.x_of(day);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn july(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2021, 7, day).unwrap()
    }

    fn scale() -> DayScale {
        DayScale {
            rail: Rangef::new(100.0, 400.0),
            first: july(1),
            span: 30,
        }
    }

    /// Seven points a character, a little more for a month.
    fn width_of(text: &str, month: bool) -> f32 {
        text.chars().count() as f32 * if month { 7.0 } else { 6.0 }
    }

    #[test]
    fn months_are_labelled_and_days_too_when_there_is_room() {
        // July 2021 on 300 points: 10 points a day, room for every second day.
        let labels = date_labels(&scale(), width_of);
        let texts: Vec<&str> = labels.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts[0], "Jul 2021");
        assert!(labels[0].month && labels[0].x == 100.0);
        assert!(texts.contains(&"14"), "{texts:?}");
        assert!(!texts.contains(&"3"), "odd days have no room: {texts:?}");
        for pair in labels.windows(2) {
            assert!(pair[0].x < pair[1].x, "in order, apart: {texts:?}");
        }
    }

    #[test]
    fn a_long_range_labels_months_only_and_thins_them() {
        let scale = DayScale {
            rail: Rangef::new(0.0, 600.0),
            first: july(1),
            span: 730,
        };
        let labels = date_labels(&scale, width_of);
        assert!(labels.iter().all(|l| l.month), "no room for days");
        let texts: Vec<&str> = labels.iter().map(|l| l.text.as_str()).collect();
        assert!(texts.contains(&"Jan 2022"), "a new year says so: {texts:?}");
        assert!(labels.len() >= 6 && labels.len() <= 25, "{texts:?}");
        let one_day = DayScale { span: 0, ..scale };
        assert_eq!(date_labels(&one_day, width_of).len(), 1);
    }

    #[test]
    fn days_map_to_the_rail_and_back() {
        let scale = scale();
        assert_eq!(scale.x_of(july(1)), 100.0);
        assert_eq!(scale.x_of(july(31)), 400.0);
        assert_eq!(scale.px_per_day(), 10.0);
        for day in 1..=31 {
            assert_eq!(scale.day_at(scale.x_of(july(day))), Some(july(day)));
        }
        assert_eq!(scale.day_at(scale.x_of(july(14)) + 4.9), Some(july(14)));
        assert_eq!(
            scale.day_at(0.0),
            Some(july(1)),
            "left of the rail: its first day"
        );
    }

    #[test]
    fn a_bar_is_a_cell_around_its_days() {
        let scale = scale();
        let day = scale.cell(july(14), 1);
        assert_eq!((day.min, day.max), (225.0, 235.0));
        let week = scale.cell(july(8), 7);
        assert_eq!((week.min, week.max), (165.0, 235.0));
        assert_eq!(inset(day).span(), 7.0);
        assert_eq!(inset(Rangef::new(0.0, 2.0)).span(), 2.0);
    }

    #[test]
    fn stacks_round_to_whole_pixels_and_skip_slivers() {
        let bar = Bar {
            first: july(14),
            days: 1,
            total: 12,
            by_type: [0; 8],
            by_party: vec![(0, 5), (1, 1), (2, 6)],
        };
        let density = Density::default();
        // Half a pixel an event: party 1's one event is no pixel of its own.
        let shapes = bar_shapes(&bar, &density, Rangef::new(0.0, 4.0), 100.0, 0.5);
        let tops: Vec<f32> = shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Rect(r) => Some(r.rect.top()),
                _ => None,
            })
            .collect();
        assert_eq!(tops, [97.0, 94.0]);
        let one = Bar {
            total: 1,
            by_party: vec![(0, 1)],
            ..bar
        };
        let shapes = bar_shapes(&one, &density, Rangef::new(0.0, 4.0), 100.0, 0.5);
        assert!(
            matches!(&shapes[..], [Shape::Rect(r)] if r.rect.top() == 100.0 - MIN_BAR_HEIGHT),
            "one event still shows: {shapes:?}"
        );
    }
}

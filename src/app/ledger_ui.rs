//! The claim ledger of the selected place, drawn above its cards: a lane per
//! claimant with a bar for each claim over the days it stood, ticks for
//! fighting and reports, a band of the resulting state, and the day shown.
//!
//! The ledger itself is [`Ledger`] (pure, in the model); this draws it and
//! says which bar was clicked. It is computed once per dataset, place and
//! mode and kept in egui's memory, not each frame.

use std::sync::Arc;

use chrono::NaiveDate;
use eframe::egui::{
    self, Color32, Id, Pos2, Rect, RichText, Sense, Stroke, TextWrapMode, Ui, accesskit::Role,
    pos2, vec2,
};

use super::markers::DISPUTED;
use super::symbols::{self, FIGHTING_RED, SELECTED_RING, UNKNOWN_GREY};
use crate::model::{
    BandSpan, BarEnd, ClaimBar, Dataset, EventType, Ledger, Lens, Status, Tick, day_in_words,
    days_in_words,
};

/// Lanes drawn before the rest are summed up in a line: a place in a large
/// file can have hundreds of claimants, and the cards list them all anyway.
const MAX_LANES: usize = 16;
const LANE_HEIGHT: f32 = 15.0;
const BAR_HEIGHT: f32 = 10.0;
const BAND_HEIGHT: f32 = 10.0;
/// A one-day bar on a long range is still wide enough to hover and click.
const MIN_BAR_WIDTH: f32 = 3.0;

/// A bar the user clicked: go to its first day and show its card.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LedgerClick {
    pub event: usize,
    pub day: NaiveDate,
}

/// Where days and lanes go in the ledger's rectangle. Pure, so placing and
/// hit-testing are tested without a window.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LedgerLayout {
    /// The whole widget.
    pub rect: Rect,
    /// Left edge of the days, right of the claimants' names.
    pub plot_left: f32,
    pub start: NaiveDate,
    /// Days in the range, at least one.
    pub days: i64,
}

impl LedgerLayout {
    pub fn new(rect: Rect, start: NaiveDate, end: NaiveDate) -> Self {
        let names = (rect.width() * 0.3).clamp(60.0, 130.0);
        LedgerLayout {
            rect,
            plot_left: rect.left() + names,
            start,
            days: ((end - start).num_days() + 1).max(1),
        }
    }

    /// Total height of a ledger with `lanes` lanes, a band, and the dates under it.
    pub fn height(lanes: usize) -> f32 {
        BAND_HEIGHT + 4.0 + lanes as f32 * LANE_HEIGHT + 14.0
    }

    /// The left edge of `day`'s column.
    pub fn x(&self, day: NaiveDate) -> f32 {
        let per_day = (self.rect.right() - self.plot_left) / self.days as f32;
        self.plot_left + (day - self.start).num_days() as f32 * per_day
    }

    /// The columns from `first` to `last`, both counted, never thinner than a click.
    pub fn span(&self, first: NaiveDate, last: NaiveDate, top: f32, height: f32) -> Rect {
        let left = self.x(first);
        let right = last
            .succ_opt()
            .map_or(self.rect.right(), |after| self.x(after));
        Rect::from_min_size(
            pos2(left, top),
            vec2((right - left).max(MIN_BAR_WIDTH), height),
        )
    }

    pub fn band_top(&self) -> f32 {
        self.rect.top()
    }

    /// The top of lane `lane`.
    pub fn lane_top(&self, lane: usize) -> f32 {
        self.rect.top() + BAND_HEIGHT + 4.0 + lane as f32 * LANE_HEIGHT
    }

    /// The middle of `day`'s column, where the day-shown line goes.
    pub fn day_line(&self, day: NaiveDate) -> f32 {
        let next = day.succ_opt().map_or(self.rect.right(), |d| self.x(d));
        (self.x(day) + next) / 2.0
    }
}

/// What a claim says, for its tooltip and its accessible name:
/// "captured by Taliban, said by Afghan security officials, 8 Jul 2021; settled …".
/// `stood` is false for a claim overtaken the day it was made.
pub fn bar_in_words(dataset: &Dataset, bar: &ClaimBar, stood: bool) -> String {
    let parties = dataset.parties();
    let name = |party: Option<usize>| party.and_then(|p| parties.get(p)).map(|p| p.name.as_str());
    let event = dataset.event(bar.event);
    let holder = name(bar.controller).unwrap_or("no one named");
    let claim = match event.kind {
        EventType::Captured => format!("captured by {holder}"),
        EventType::Retaken => format!("retaken by {holder}"),
        EventType::Denied => format!("loss denied, held by {holder}"),
        EventType::Withdrew => format!("withdrawal, held by {holder}"),
        EventType::Confirmed => format!("confirmed held by {holder}"),
        EventType::Holds | EventType::Fighting | EventType::Report => format!("held by {holder}"),
    };
    let claimant = name(Some(dataset.links(bar.event).claimant)).unwrap_or("?");
    let days = if bar.first == bar.last {
        day_in_words(bar.first)
    } else {
        days_in_words(bar.first, bar.last)
    };
    let confirmed = if event.is_confirmed() {
        " (confirmed)"
    } else {
        ""
    };
    let ended = match bar.end {
        BarEnd::Replaced { by } => format!(
            "replaced by its claim of {}",
            day_in_words(dataset.links(by).effective_day)
        ),
        BarEnd::Settled { by } => format!(
            "settled by a confirmed claim of {}, {}",
            name(Some(dataset.links(by).claimant)).unwrap_or("?"),
            day_in_words(dataset.links(by).effective_day)
        ),
        BarEnd::Lapsed => "lapsed".to_owned(),
        BarEnd::Standing => "still standing".to_owned(),
    };
    let never = if stood { "" } else { "never stood: " };
    format!("{claim}, said by {claimant}{confirmed}, {days}; {never}{ended}")
}

/// What identifies the data a ledger was computed from. The files are held
/// weakly, so their memory can go, but the addresses cannot be reused by
/// another dataset while this key lives: pointer equality is identity.
/// What a ledger depends on: the dataset (by the window's count of datasets
/// loaded: a series added again under its id is another dataset), the place
/// and the lens.
#[derive(Clone, Debug, PartialEq)]
struct LedgerKey {
    generation: u64,
    place: usize,
    lens: Lens,
}

/// The ledger last computed, in egui's memory under the panel's id.
#[derive(Clone, Debug, Default)]
struct LedgerCache(Option<(LedgerKey, Arc<Ledger>)>);

/// The ledger of `place` through `lens`, computed only when the data, the
/// place or the lens changed.
pub fn cached_ledger(
    ui: &Ui,
    (dataset, generation): (&Dataset, u64),
    place: usize,
    lens: &Lens,
) -> Arc<Ledger> {
    let id = Id::unique("claim-ledger-cache");
    let key = LedgerKey {
        generation,
        place,
        lens: lens.clone(),
    };
    let cached = ui.data(|d| d.get_temp::<LedgerCache>(id)).and_then(|c| c.0);
    match cached {
        Some((was, ledger)) if was == key => ledger,
        _ => {
            let counts = |claimant: usize| lens.believe.counts(claimant);
            let ledger = Arc::new(dataset.ledger_counting(place, lens.mode, counts));
            let kept = LedgerCache(Some((key, Arc::clone(&ledger))));
            ui.data_mut(|d| d.insert_temp(id, kept));
            ledger
        }
    }
}

/// Draws the ledger of `place` as it stands on `day`; returns the bar clicked.
pub fn ledger_ui(
    ui: &mut Ui,
    dataset: &Dataset,
    ledger: &Ledger,
    place: usize,
    day: NaiveDate,
) -> Option<LedgerClick> {
    let place_name = dataset.places().get(place).map_or("", |p| p.name.as_str());
    let (start, end) = ledger.days?;
    if ledger.lanes.is_empty() {
        ui.weak("No one has made a claim about this place.");
        return None;
    }
    let shown = ledger.lanes.len().min(MAX_LANES);
    let size = vec2(ui.available_width(), LedgerLayout::height(shown));
    let (rect, response) = ui.allocate_exact_size(size, Sense::hover());
    let label = format!("Claim ledger of {place_name}");
    response.widget_info(|| egui::WidgetInfo::labeled(Role::Group, true, &label));
    if !ui.is_rect_visible(rect) {
        return None;
    }
    let layout = LedgerLayout::new(rect, start, end);
    let painter = ui.painter_at(rect);
    let plot = Rect::from_x_y_ranges(layout.plot_left..=rect.right(), rect.y_range());
    painter.rect_filled(plot, 2.0, ui.visuals().extreme_bg_color);
    band_ui(ui, dataset, &layout, &ledger.band);
    let small = egui::FontId::proportional(10.0);
    let weak = ui.visuals().weak_text_color();
    painter.text(
        pos2(rect.left(), layout.band_top() + BAND_HEIGHT / 2.0),
        egui::Align2::LEFT_CENTER,
        "State",
        small.clone(),
        weak,
    );
    let mut clicked = None;
    for (row, lane) in ledger.lanes.iter().take(MAX_LANES).enumerate() {
        let top = layout.lane_top(row);
        if row % 2 == 1 {
            let stripe = Rect::from_x_y_ranges(plot.x_range(), top..=top + LANE_HEIGHT);
            painter.rect_filled(stripe, 0.0, ui.visuals().faint_bg_color);
        }
        claimant_name_ui(ui, dataset, &layout, lane.claimant, top);
        for tick in &lane.ticks {
            tick_ui(ui, dataset, &layout, tick, top);
        }
        // Claims overtaken on one day sit side by side, so each can be hovered.
        let mut nudge = 0.0;
        let overtaken = lane.overtaken.iter().enumerate().map(|(i, bar)| {
            let same_day = i > 0 && lane.overtaken[i - 1].first == bar.first;
            nudge = if same_day { nudge + BAR_HEIGHT } else { 0.0 };
            (bar, false, nudge)
        });
        let bars = lane.bars.iter().map(|bar| (bar, true, 0.0));
        for (bar, stood, nudge) in bars.chain(overtaken) {
            if bar_ui(ui, dataset, &layout, (bar, stood, nudge), top) {
                clicked = Some(LedgerClick {
                    event: bar.event,
                    day: bar.first,
                });
            }
        }
    }
    let dates_top = layout.lane_top(shown) + 1.0;
    painter.text(
        pos2(layout.plot_left, dates_top),
        egui::Align2::LEFT_TOP,
        day_in_words(start),
        small.clone(),
        weak,
    );
    painter.text(
        pos2(rect.right(), dates_top),
        egui::Align2::RIGHT_TOP,
        day_in_words(end),
        small,
        weak,
    );
    if (start..=end).contains(&day) {
        let x = layout.day_line(day);
        let line = Stroke::new(1.5, ui.visuals().strong_text_color());
        painter.vline(x, rect.top()..=layout.lane_top(shown), line);
        painter.circle_filled(pos2(x, rect.top() + 1.0), 2.5, SELECTED_RING);
    }
    if ledger.lanes.len() > MAX_LANES {
        let more = ledger.lanes.len() - MAX_LANES;
        ui.weak(format!(
            "… and {more} more claimants: their claims are in the cards"
        ));
    }
    clicked
}

/// The state day by day: a party's colour when held, the rivals' colours
/// one above the other when disputed, faint grey when unknown.
fn band_ui(ui: &Ui, dataset: &Dataset, layout: &LedgerLayout, band: &[BandSpan]) {
    let painter = ui.painter();
    for span in band {
        let rect = layout.span(span.first, span.last, layout.band_top(), BAND_HEIGHT);
        let colours: Vec<Color32> = span
            .holders
            .iter()
            .filter_map(|&p| dataset.parties().get(p))
            .map(|p| symbols::color(p.color))
            .collect();
        match span.status {
            Status::Unknown => {
                painter.rect_filled(rect, 0.0, UNKNOWN_GREY.gamma_multiply(0.35));
            }
            Status::Held | Status::Disputed if !colours.is_empty() => {
                let height = rect.height() / colours.len() as f32;
                for (i, colour) in colours.iter().enumerate() {
                    let top = rect.top() + i as f32 * height;
                    let part = Rect::from_x_y_ranges(rect.x_range(), top..=top + height);
                    painter.rect_filled(part, 0.0, *colour);
                }
                if span.status == Status::Disputed {
                    painter.rect_stroke(rect, 0.0, (1.5, DISPUTED), egui::StrokeKind::Inside);
                }
            }
            Status::Held | Status::Disputed => {
                painter.rect_filled(rect, 0.0, DISPUTED);
            }
        }
    }
}

/// The claimant's name left of its lane, elided; hovering shows it whole.
fn claimant_name_ui(ui: &mut Ui, dataset: &Dataset, layout: &LedgerLayout, party: usize, top: f32) {
    let name = dataset
        .parties()
        .get(party)
        .map_or("?", |p| p.name.as_str());
    let width = layout.plot_left - layout.rect.left() - 4.0;
    let galley = egui::WidgetText::from(RichText::new(name).size(11.0)).into_galley(
        ui,
        Some(TextWrapMode::Truncate),
        width,
        egui::TextStyle::Small,
    );
    let rect = Rect::from_min_size(pos2(layout.rect.left(), top), vec2(width, LANE_HEIGHT));
    let response = ui.interact(
        rect,
        ui.scope_id().with(("ledger-lane", party)),
        Sense::hover(),
    );
    response
        .widget_info(|| egui::WidgetInfo::labeled(Role::Label, true, format!("Lane of {name}")));
    let at = pos2(rect.left(), rect.center().y - galley.size().y / 2.0);
    ui.painter().galley(at, galley, ui.visuals().text_color());
    response.on_hover_text(name);
}

/// A fighting (red) or report (grey) event: a thin upright mark in its claimant's lane.
fn tick_ui(ui: &Ui, dataset: &Dataset, layout: &LedgerLayout, tick: &Tick, top: f32) {
    let x = layout.day_line(tick.day);
    let colour = match tick.kind {
        EventType::Fighting => FIGHTING_RED,
        _ => ui.visuals().text_color(),
    };
    let middle = top + LANE_HEIGHT / 2.0;
    ui.painter()
        .vline(x, middle - 5.0..=middle + 5.0, Stroke::new(2.0, colour));
    let rect = Rect::from_center_size(pos2(x, middle), vec2(6.0, LANE_HEIGHT));
    let id = ui.scope_id().with(("ledger-tick", tick.event));
    let words = format!(
        "{}, {}",
        dataset.event(tick.event).kind,
        day_in_words(tick.day)
    );
    ui.interact(rect, id, Sense::hover()).on_hover_text(words);
}

/// One claim's bar, or a hollow diamond on its day (moved right by
/// `nudge`) for a claim that never stood; true when clicked.
fn bar_ui(
    ui: &Ui,
    dataset: &Dataset,
    layout: &LedgerLayout,
    (bar, stood, nudge): (&ClaimBar, bool, f32),
    top: f32,
) -> bool {
    let middle = top + LANE_HEIGHT / 2.0;
    let rect = match stood {
        true => layout.span(bar.first, bar.last, middle - BAR_HEIGHT / 2.0, BAR_HEIGHT),
        false => Rect::from_center_size(
            pos2(layout.day_line(bar.first) + nudge, middle),
            vec2(BAR_HEIGHT, BAR_HEIGHT),
        ),
    };
    let fill = bar
        .holder
        .and_then(|p| dataset.parties().get(p))
        .map_or(UNKNOWN_GREY, |p| symbols::color(p.color));
    let id = ui.scope_id().with(("ledger-bar", bar.event));
    let response = ui.interact(rect, id, Sense::click());
    let words = bar_in_words(dataset, bar, stood);
    response.widget_info(|| egui::WidgetInfo::labeled(Role::Button, true, &words));
    let painter = ui.painter();
    if stood {
        painter.rect_filled(rect, 2.0, fill);
        if bar.admission {
            stripes(
                &painter.with_clip_rect(rect.intersect(painter.clip_rect())),
                rect,
            );
        }
    } else {
        let c = rect.center();
        let r = BAR_HEIGHT / 2.0 - 1.0;
        let corners = vec![
            pos2(c.x, c.y - r),
            pos2(c.x + r, c.y),
            pos2(c.x, c.y + r),
            pos2(c.x - r, c.y),
        ];
        painter.add(egui::Shape::closed_line(corners, Stroke::new(1.5, fill)));
    }
    if response.hovered() {
        painter.rect_stroke(rect, 2.0, (1.5, SELECTED_RING), egui::StrokeKind::Outside);
    }
    let clicked = response.clicked();
    response.on_hover_ui(|ui| {
        ui.label(&words);
        if bar.admission {
            ui.label(RichText::new("An admission: a side says another side holds it").italics());
        }
        ui.weak("Click: go to its day and its card");
    });
    clicked
}

/// Pale diagonal stripes over a bar: an admission.
fn stripes(painter: &egui::Painter, rect: Rect) {
    let stroke = Stroke::new(1.5, Color32::from_white_alpha(170));
    let mut x = rect.left() - rect.height();
    while x < rect.right() {
        let from = Pos2::new(x, rect.bottom());
        painter.line_segment([from, from + vec2(rect.height(), -rect.height())], stroke);
        x += 5.0;
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests fail loudly")]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn days_share_the_plot_right_of_the_names() {
        let rect = Rect::from_min_size(pos2(0.0, 0.0), vec2(400.0, 100.0));
        let layout = LedgerLayout::new(rect, day("2021-07-01"), day("2021-07-10"));
        assert_eq!(layout.days, 10);
        assert_eq!(layout.x(day("2021-07-01")), layout.plot_left);
        // The last day ends at the right edge.
        let last = layout.span(day("2021-07-10"), day("2021-07-10"), 0.0, 10.0);
        assert!((last.right() - 400.0).abs() < 1e-3, "{last:?}");
        // Two days are twice as wide as one.
        let one = layout.span(day("2021-07-02"), day("2021-07-02"), 0.0, 10.0);
        let two = layout.span(day("2021-07-02"), day("2021-07-03"), 0.0, 10.0);
        assert!((two.width() - 2.0 * one.width()).abs() < 1e-3);
    }

    #[test]
    fn a_one_day_bar_on_a_long_range_is_still_clickable() {
        let rect = Rect::from_min_size(pos2(0.0, 0.0), vec2(300.0, 100.0));
        let layout = LedgerLayout::new(rect, day("2000-01-01"), day("2021-12-31"));
        let bar = layout.span(day("2010-05-05"), day("2010-05-05"), 0.0, 10.0);
        assert!(bar.width() >= MIN_BAR_WIDTH);
    }

    #[test]
    fn a_bar_says_who_says_who_holds_it_and_why_it_ended() {
        let dataset = crate::data::built_in_dataset();
        let place = dataset.place_by_id("islam-qala").unwrap();
        let ledger = dataset.ledger(place, crate::model::Mode::Event);
        let first = &ledger.lanes[0].bars[0];
        assert_eq!(
            bar_in_words(&dataset, first, true),
            "captured by Taliban, said by Afghan security officials (anonymous), 8 Jul 2021; \
             settled by a confirmed claim of Afghan Ministry of Interior Affairs, 9 Jul 2021"
        );
    }
}

//! Where things happen on the timeline: how many events fall on each day,
//! by the party each names and by type, counted once per dataset (and
//! claimant filter) so that drawing the timeline never reads the events.

use chrono::{Datelike, Days, NaiveDate};

use super::{Dataset, EventType, Rgb};

/// Bars narrower than this many pixels are merged into longer bins.
pub const MIN_BAR_PX: f32 = 2.0;

/// The longest bin [`bin_days`] picks, so a range of any length ends the search.
const MAX_BIN_DAYS: u32 = 1 << 20;

/// The events of each day with any, counted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Density {
    /// The dataset's day range, where bins start from.
    range: Option<(NaiveDate, NaiveDate)>,
    /// Days with at least one counted event, in order.
    days: Vec<DayCount>,
    /// Each day's `(root party, events)` in party order; `DayCount::stack` indexes here.
    stacks: Vec<(u32, u32)>,
    /// Each party's colour, so a view can draw the stacks without the dataset.
    colors: Vec<Rgb>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct DayCount {
    day: NaiveDate,
    total: u32,
    /// Indexed like [`EventType::ALL`].
    by_type: [u32; EventType::ALL.len()],
    /// `stacks[stack.0..stack.1]`.
    stack: (u32, u32),
}

/// The events of one bin of days: one day, or a week or more when days are
/// too narrow to draw one by one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bar {
    pub first: NaiveDate,
    /// How many days the bin spans, from `first`.
    pub days: u32,
    pub total: u32,
    /// Indexed like [`EventType::ALL`].
    pub by_type: [u32; EventType::ALL.len()],
    /// `(root party, events)`, in the parties' order, each party once: the
    /// bar's stack from the bottom up.
    pub by_party: Vec<(usize, u32)>,
}

impl Bar {
    /// The last day the bin spans.
    pub fn last(&self) -> NaiveDate {
        self.first
            .checked_add_days(Days::new(u64::from(self.days.saturating_sub(1))))
            .unwrap_or(self.first)
    }

    /// The types with events, with their counts, in the order of [`EventType::ALL`].
    pub fn types(&self) -> impl Iterator<Item = (EventType, u32)> + '_ {
        EventType::ALL
            .into_iter()
            .zip(self.by_type)
            .filter(|&(_, n)| n > 0)
    }
}

impl Density {
    /// Every event of the dataset, counted.
    pub fn all(dataset: &Dataset) -> Density {
        Density::of(dataset, |_| true)
    }

    /// The events whose claimant (a party index) `counts`, on their effective day.
    ///
    /// Each is stacked under one root party: a control claim under its
    /// controller's, because that is the colour the claim paints a place on
    /// the map, so the bars and the map speak the same colours; fighting and
    /// reports name no holder, so under the claimant's, whose word they are.
    pub fn of(dataset: &Dataset, counts: impl Fn(usize) -> bool) -> Density {
        let records = dataset.events().records();
        let entries = records.iter().enumerate().filter_map(|(e, record)| {
            let links = dataset.links(e);
            if !counts(links.claimant) {
                return None;
            }
            let named = match record.kind.is_control_claim() {
                true => links.controller.unwrap_or(links.claimant),
                false => links.claimant,
            };
            Some((links.effective_day, dataset.root_party(named), record.kind))
        });
        let colors = dataset.parties().iter().map(|p| p.color).collect();
        Density {
            colors,
            ..Density::from_entries(dataset.day_range(), entries)
        }
    }

    /// Counts `(day, root party, type)` entries; `range` is where bins start.
    pub fn from_entries(
        range: Option<(NaiveDate, NaiveDate)>,
        entries: impl Iterator<Item = (NaiveDate, usize, EventType)>,
    ) -> Density {
        // Parties fit u32: there are fewer than events, which a table keeps under 2³².
        let entries: Vec<Entry> = entries
            .map(|(day, party, kind)| (day, party as u32, kind))
            .collect();
        let entries = by_day_and_party(entries);
        let mut days: Vec<DayCount> = Vec::new();
        let mut stacks: Vec<(u32, u32)> = Vec::new();
        for (day, party, kind) in entries {
            let count = match days.last_mut() {
                Some(count) if count.day == day => count,
                _ => {
                    let at = stacks.len() as u32;
                    days.push(DayCount {
                        day,
                        total: 0,
                        by_type: [0; EventType::ALL.len()],
                        stack: (at, at),
                    });
                    // Just pushed: never empty here.
                    let Some(count) = days.last_mut() else {
                        continue;
                    };
                    count
                }
            };
            count.total += 1;
            count.by_type[type_index(kind)] += 1;
            match stacks.last_mut() {
                Some((p, n)) if *p == party && count.stack.1 > count.stack.0 => *n += 1,
                _ => {
                    stacks.push((party, 1));
                    count.stack.1 += 1;
                }
            }
        }
        Density {
            range,
            days,
            stacks,
            colors: Vec::new(),
        }
    }

    /// The colour of a party the bars stack, where the dataset gave one.
    pub fn color_of(&self, party: usize) -> Option<Rgb> {
        self.colors.get(party).copied()
    }

    /// The first and last day the counts are over: the dataset's day range.
    pub fn range(&self) -> Option<(NaiveDate, NaiveDate)> {
        self.range
    }

    /// How many events were counted.
    pub fn total(&self) -> u64 {
        self.days.iter().map(|d| u64::from(d.total)).sum()
    }

    /// The day with the most events and how many; of days equally busy, the first.
    pub fn busiest_day(&self) -> Option<(NaiveDate, u32)> {
        let busiest = self.days.iter().rev().max_by_key(|d| d.total)?;
        Some((busiest.day, busiest.total))
    }

    /// The bins of `bin_days` days that have events, counted: bins start on
    /// the range's first day (or the first day with events, without a range).
    pub fn bars(&self, bin_days: u32) -> Vec<Bar> {
        let bin_days = bin_days.max(1);
        let Some(start) = self.range.map(|r| r.0).or(self.days.first().map(|d| d.day)) else {
            return Vec::new();
        };
        let bin_of = |day: NaiveDate| (day - start).num_days().div_euclid(i64::from(bin_days));
        let mut bars: Vec<Bar> = Vec::new();
        let mut current: Option<i64> = None;
        for count in &self.days {
            let bin = bin_of(count.day);
            if current != Some(bin) {
                current = Some(bin);
                let offset = bin.saturating_mul(i64::from(bin_days));
                let first = start
                    .checked_add_signed(chrono::TimeDelta::days(offset))
                    .unwrap_or(count.day);
                bars.push(Bar {
                    first,
                    days: bin_days,
                    total: 0,
                    by_type: [0; EventType::ALL.len()],
                    by_party: Vec::new(),
                });
            }
            let Some(bar) = bars.last_mut() else { continue };
            bar.total += count.total;
            for (sum, n) in bar.by_type.iter_mut().zip(count.by_type) {
                *sum += n;
            }
            let (from, to) = count.stack;
            let stack = self.stacks.get(from as usize..to as usize).unwrap_or(&[]);
            bar.by_party
                .extend(stack.iter().map(|&(p, n)| (p as usize, n)));
        }
        // A bin of several days lists each party once, its days summed.
        if bin_days > 1 {
            for bar in &mut bars {
                bar.by_party.sort_by_key(|&(party, _)| party);
                bar.by_party.dedup_by(|later, kept| {
                    let same = later.0 == kept.0;
                    if same {
                        kept.1 += later.1;
                    }
                    same
                });
            }
        }
        bars
    }
}

/// An event as counted: its day, the root party it is stacked under, its type.
type Entry = (NaiveDate, u32, EventType);

/// The entries sorted by day, then party. Counted into their days first when
/// the days span no more than a few times as many days as there are
/// entries, as they do in any real dataset: a million entries then take
/// linear time plus sorts of each day's few, instead of one big sort.
fn by_day_and_party(mut entries: Vec<Entry>) -> Vec<Entry> {
    let ordinal = |day: NaiveDate| day.num_days_from_ce();
    let days = entries.iter().map(|e| ordinal(e.0));
    let (Some(min), Some(max)) = (days.clone().min(), days.max()) else {
        return entries;
    };
    let span = usize::try_from(i64::from(max) - i64::from(min) + 1).unwrap_or(usize::MAX);
    if span > entries.len().saturating_mul(4).saturating_add(1024) {
        entries.sort_unstable_by_key(|&(day, party, _)| (day, party));
        return entries;
    }
    let offset = |day: NaiveDate| (ordinal(day) - min) as usize;
    let mut starts = vec![0usize; span + 1];
    for entry in &entries {
        starts[offset(entry.0) + 1] += 1;
    }
    for d in 0..span {
        starts[d + 1] += starts[d];
    }
    let mut next = starts.clone();
    let mut sorted = entries.clone();
    for entry in entries {
        let slot = &mut next[offset(entry.0)];
        sorted[*slot] = entry;
        *slot += 1;
    }
    for d in 0..span {
        sorted[starts[d]..starts[d + 1]].sort_unstable_by_key(|&(_, party, _)| party);
    }
    sorted
}

/// How many days a bin spans when a day is `px_per_day` pixels wide: one
/// while a day is at least [`MIN_BAR_PX`] wide, else a week, doubled until
/// a bin is that wide (weeks are the unit people read event counts in).
pub fn bin_days(px_per_day: f32) -> u32 {
    if px_per_day >= MIN_BAR_PX {
        return 1;
    }
    let mut days = 7;
    while (days as f32) * px_per_day < MIN_BAR_PX && days < MAX_BIN_DAYS {
        days *= 2;
    }
    days
}

/// The bar with the most events; of bars equally tall, the first.
pub fn tallest(bars: &[Bar]) -> Option<usize> {
    let (index, _) = bars.iter().enumerate().rev().max_by_key(|(_, b)| b.total)?;
    Some(index)
}

/// The type's place in [`EventType::ALL`].
fn type_index(kind: EventType) -> usize {
    match kind {
        EventType::Captured => 0,
        EventType::Retaken => 1,
        EventType::Holds => 2,
        EventType::Denied => 3,
        EventType::Withdrew => 4,
        EventType::Confirmed => 5,
        EventType::Fighting => 6,
        EventType::Report => 7,
    }
}

#[cfg(test)]
#[path = "density_tests.rs"]
mod tests;

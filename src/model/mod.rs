//! The domain: places, parties, sources, events, dates and the control-state rule.
//! Nothing here knows about files, windows or threads.

mod began;
mod cite;
mod dataset;
mod date;
mod density;
mod describe;
mod diff;
mod event;
mod event_table;
mod fill;
mod kept_text;
mod ledger;
mod lens;
mod linker;
mod party;
mod place;
mod pole;
mod prepared;
mod rule;
mod scrub;
mod search;
mod series;
mod series_claims;
mod source;

pub use cite::{believe_in_words, citation, claims_markdown};
pub use dataset::{
    DataFile, Dataset, EventLinks, EventsFile, Gazetteer, LinkWarning, LocatedWarning, MapStretch,
};
pub use date::{DateError, DatePoint, DateSpec, iso_day};
pub use density::{Bar, Density, MIN_BAR_PX, bin_days, tallest};
pub use describe::{day_in_words, day_with_weekday, days_in_words};
pub use diff::{Diff, DiffGroup, DiffKind, PlaceDiff};
pub use event::{Event, EventType, Location, Verification};
pub use event_table::{EventRecord, EventRef, EventTable, Span, SpanMaker, TableBuilder};
pub use fill::{DISPUTED_VIOLET, UNKNOWN_GREY, state_fill};
pub use ledger::{BandSpan, BarEnd, ClaimBar, Lane, Ledger, Tick};
pub use lens::{Believe, Lens, UnknownClaimant};
pub use party::{Party, Rgb};
pub use place::Place;
pub use pole::pole_of_inaccessibility;
pub use rule::{Mode, PlaceState, Status};
pub use scrub::{Change, DayStates, LensStates};
pub use series::{
    DatedMap, LoadedSeries, MapFile, MapSeries, SeriesListing, Snapshot, Stretch, derive_claims,
    stretches,
};
pub use source::{NotAWebLink, Source, web_link};

#[cfg(test)]
mod rule_tests;
#[cfg(test)]
mod test_world;

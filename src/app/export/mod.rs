//! Taking the map into a story: a captioned PNG, an animated GIF, from the
//! window or from `claimmap render`. The picture is the window's own map
//! drawn headless ([`headless`]) and painted on the CPU ([`crate::raster`]).

pub mod caption;
pub mod files;
pub mod form;
pub mod headless;
pub mod job;
pub mod pipeline;
pub mod shot;
pub mod standalone;

use chrono::{Days, NaiveDate};

/// Frames an animation may have before the window's form, or `--yes` on
/// the command line, must confirm it with its estimated size.
pub const FRAMES_WITHOUT_ASKING: usize = 500;

/// An animation's days: `from`, then every `step` days up to `to`.
pub fn frame_days(from: NaiveDate, to: NaiveDate, step: u32) -> Vec<NaiveDate> {
    let step = Days::new(u64::from(step.max(1)));
    std::iter::successors(Some(from), |day| {
        day.checked_add_days(step).filter(|next| *next <= to)
    })
    .collect()
}

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

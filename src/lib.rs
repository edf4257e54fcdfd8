//! claimmap: explore *claimed* control over places in a conflict.
//!
//! [`model`] holds the domain and the control-state rule, [`formats`] reads the
//! files, [`data`] combines them (and carries the built-in dataset), and [`cli`]
//! is the headless command line over the same core. [`workspace`] tracks the
//! files a window has open; [`basemap`] prepares the built-in offline map and
//! [`shapes`] makes outlines ready to draw, per zoom level;
//! [`app`] is the window.

pub mod basemap;
pub mod cli;
pub mod data;
pub mod files;
pub mod formats;
pub mod model;
pub mod printable;
pub mod progress;
pub mod shapes;
pub mod text_index;
pub mod workspace;

/// A hash map for ids read from files: see the `foldhash` note in Cargo.toml.
pub type IdMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

#[cfg(feature = "window")]
pub mod app;
#[cfg(feature = "window")]
pub mod raster;

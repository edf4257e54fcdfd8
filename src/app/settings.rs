//! What survives a restart: a small explicit struct, never the dataset.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::symbols::MarkerSize;
use super::tiles::TileSource;
use crate::model::Mode;

/// The key under which eframe's storage keeps the settings, as JSON.
const KEY: &str = "claimmap.settings";
const MAX_RECENT: usize = 8;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The files open at exit; `None` is the built-in one.
    pub gazetteer: Option<PathBuf>,
    pub events: Option<PathBuf>,
    /// Newest first.
    pub recent: Vec<PathBuf>,
    pub day: Option<NaiveDate>,
    /// Longitude and latitude of the map's centre.
    pub map_center: Option<[f64; 2]>,
    pub map_zoom: Option<f64>,
    pub show_labels: bool,
    pub show_legend: bool,
    pub show_sources_panel: bool,
    pub show_timeline: bool,
    pub mode: Mode,
    pub days_per_second: u32,
    /// Where the map's background comes from.
    pub basemap: TileSource,
    pub borders_over_tiles: bool,
    /// Days after which a place whose claims nobody has repeated is drawn
    /// faded; `None` is off.
    pub stale_after: Option<u32>,
    /// The parties whose claims the map leaves out, by id.
    pub not_believed: Vec<String>,
    /// How big markers are drawn (View → Marker size).
    pub marker_size: MarkerSize,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            gazetteer: None,
            events: None,
            recent: Vec::new(),
            day: None,
            map_center: None,
            map_zoom: None,
            show_labels: true,
            show_legend: true,
            show_sources_panel: true,
            show_timeline: true,
            mode: Mode::Event,
            days_per_second: 2,
            basemap: TileSource::Offline,
            borders_over_tiles: true,
            stale_after: None,
            not_believed: Vec::new(),
            marker_size: MarkerSize::Medium,
        }
    }
}

impl Settings {
    /// The saved settings, or the defaults and why the saved ones were not used.
    pub fn load(storage: Option<&dyn eframe::Storage>) -> (Settings, Option<String>) {
        let Some(text) = storage.and_then(|s| s.get_string(KEY)) else {
            return (Settings::default(), None);
        };
        Self::from_json(&text)
    }

    pub fn from_json(text: &str) -> (Settings, Option<String>) {
        match serde_json::from_str::<Settings>(text) {
            Ok(mut settings) => {
                let dropped = settings.drop_unusable_view();
                (settings, dropped)
            }
            Err(error) => (
                Settings::default(),
                Some(format!(
                    "The saved settings could not be read ({error}); using the defaults."
                )),
            ),
        }
    }

    /// A view no map can show (a centre off the globe, an infinite zoom) is
    /// forgotten, so the map fits the data instead.
    fn drop_unusable_view(&mut self) -> Option<String> {
        let center_ok = self.map_center.is_none_or(|[lon, lat]| {
            lon.is_finite() && lat.is_finite() && lon.abs() <= 180.0 && lat.abs() <= 90.0
        });
        let zoom_ok = self
            .map_zoom
            .is_none_or(|zoom| zoom.is_finite() && (0.0..=26.0).contains(&zoom));
        if center_ok && zoom_ok {
            return None;
        }
        self.map_center = None;
        self.map_zoom = None;
        Some("The saved map view was not usable; the map fits the data instead.".to_owned())
    }

    pub fn save(&self, storage: &mut dyn eframe::Storage) {
        // Serialising plain fields cannot fail; if it ever did, the old settings stay.
        if let Ok(text) = serde_json::to_string(self) {
            storage.set_string(KEY, text);
        }
    }

    /// Puts `path` first in the recent files, once.
    pub fn remember(&mut self, path: &Path) {
        self.recent.retain(|p| p != path);
        self.recent.insert(0, path.to_owned());
        self.recent.truncate(MAX_RECENT);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_through_json() {
        let mut settings = Settings {
            day: NaiveDate::from_ymd_opt(2021, 7, 14),
            map_center: Some([66.4, 31.0]),
            map_zoom: Some(6.5),
            mode: Mode::Known,
            show_legend: false,
            stale_after: Some(30),
            marker_size: MarkerSize::Large,
            basemap: TileSource::PmTiles {
                path: PathBuf::from("/maps/afghanistan.pmtiles"),
            },
            ..Settings::default()
        };
        settings.remember(Path::new("/data/events.json"));
        let text = serde_json::to_string(&settings).expect("serialises");
        assert_eq!(Settings::from_json(&text), (settings, None));
    }

    #[test]
    fn missing_fields_take_their_defaults() {
        let (settings, warning) = Settings::from_json(r#"{"mode": "known"}"#);
        assert_eq!(warning, None);
        assert_eq!(settings.mode, Mode::Known);
        assert!(settings.show_labels);
        assert_eq!(settings.marker_size, MarkerSize::Medium);
    }

    #[test]
    fn unreadable_settings_are_replaced_by_defaults_with_a_warning() {
        let (settings, warning) = Settings::from_json(r#"{"day": "last tuesday"}"#);
        assert_eq!(settings, Settings::default());
        assert!(warning.is_some_and(|w| w.contains("could not be read")));
    }

    #[test]
    fn a_view_off_the_globe_is_forgotten_with_a_note() {
        let (settings, warning) = Settings::from_json(
            r#"{"map_center": [1e300, 34.0], "map_zoom": 6.0, "mode": "known"}"#,
        );
        assert_eq!(settings.map_center, None);
        assert_eq!(settings.map_zoom, None);
        assert_eq!(settings.mode, Mode::Known, "the rest is kept");
        assert!(warning.is_some_and(|w| w.contains("map view")));
        let (settings, _) = Settings::from_json(r#"{"map_zoom": 1e30}"#);
        assert_eq!(settings.map_zoom, None);
    }

    #[test]
    fn recent_files_are_newest_first_without_repeats() {
        let mut settings = Settings::default();
        for name in ["a", "b", "a"] {
            settings.remember(Path::new(name));
        }
        assert_eq!(settings.recent, [PathBuf::from("a"), PathBuf::from("b")]);
    }
}

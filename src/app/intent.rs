//! What the user asked for. UI functions return these; `ClaimApp::apply` is the
//! one place that acts on them.

use std::path::PathBuf;

use crate::formats::FileKind;
use crate::model::SeriesListing;

use super::export::form::{ExportKind, ExportRequest};
use super::symbols::MarkerSize;
use super::tiles::{LocalTiles, TileSource};
use super::time_control::TimeCommand;

#[derive(Clone, Debug, PartialEq)]
pub enum Intent {
    Time(TimeCommand),
    /// Select a place (by index), or clear the selection.
    Select(Option<usize>),
    /// Select a place and bring it into view.
    SelectAndShow(usize),
    FitToData,
    /// Centre on a cluster of places and zoom in two levels, so it opens up.
    OpenCluster {
        lon: f64,
        lat: f64,
    },
    /// One zoom level closer, or further.
    ZoomIn,
    ZoomOut,
    /// Show a file dialog; `None` accepts either kind of file.
    OpenDialog(Option<FileKind>),
    /// Open files of either kind: drops, recent files, the dialog's answer.
    Open(Vec<PathBuf>),
    Reload,
    /// Open the files remembered from a run that died, which this start left closed.
    ReopenRemembered,
    /// Stop waiting for the files being read; the data on screen stays.
    CancelLoad,
    /// Draw the map's background from this source, and remember it.
    SetBasemap(TileSource),
    /// Show a dialog to choose a tiles folder or a PMTiles file.
    PickTiles(LocalTiles),
    Quit,
    DismissErrors,
    /// Take the notice shown off the status line, showing the next if any.
    DismissNotice,
    Toggle(Toggle),
    /// Show or hide the maps of a series (by id), for the session.
    ToggleSeries(String),
    /// Show a dialog to choose a folder of a series' maps, then the form.
    AddSeriesDialog,
    /// Read a map series and add its claims to the open events.
    AddSeries {
        folder: PathBuf,
        listing: SeriesListing,
    },
    /// Close the Add map series form.
    CloseSeriesForm,
    /// Ask where to save the open events, with their map series.
    SaveEventsDialog,
    /// Believe a party's claims (and those of every party speaking for it)
    /// again if they are left out, or leave them out.
    ToggleBelieve(usize),
    /// Count every claimant's claims again.
    BelieveAll,
    /// Compare the day shown with another, or stop comparing.
    CompareWith(Option<chrono::NaiveDate>),
    OpenUrl(String),
    /// Draw places whose claims nobody has repeated for this many days faded
    /// (View → Stale after…), and remember it; `None` turns it off.
    SetStaleAfter(Option<u32>),
    /// Draw markers this big (View → Marker size), and remember it.
    SetMarkerSize(MarkerSize),
    /// Put text on the clipboard, and say what was copied.
    Copy {
        text: String,
        what: &'static str,
    },
    /// Ask where to save what the window shows as a view file, then save it.
    SaveViewDialog,
    /// Ask where to write the day's states as CSV or GeoJSON, then write them.
    ExportStateDialog,
    /// Open the Export image… or Export animation… form.
    ShowExportForm(ExportKind),
    /// Ask where to write a checked export, then make it.
    ExportDialog(ExportRequest),
    CloseExportForm,
    /// Stop the export under way; nothing is left half-written.
    CancelExport,
}

/// The parts of the window a user can show or hide.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Toggle {
    Labels,
    Legend,
    SourcesPanel,
    Timeline,
    /// Borders and province lines over raster tiles.
    BordersOverTiles,
    Warnings,
    UnplacedEvents,
    About,
}

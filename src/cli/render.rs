//! `claimmap render`: the map as a captioned PNG, or an animated GIF of a
//! span of days, drawn by the window's own code with no window and no GPU.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, ValueEnum};

use crate::app::{
    ExportError, ExportOutput, FRAMES_WITHOUT_ASKING, RenderSpec, estimated_gif_bytes, frame_days,
};
use crate::model::Lens;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Theme {
    Light,
    Dark,
}

/// What and where to render; the files, lens and mode come with the command.
#[derive(Debug, Args)]
pub struct RenderArgs {
    /// The day of a PNG, as YYYY-MM-DD.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = super::parse_day, conflicts_with_all = ["from", "to"])]
    pub at: Option<NaiveDate>,
    /// The first day of a GIF, as YYYY-MM-DD.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = super::parse_day, requires = "to")]
    pub from: Option<NaiveDate>,
    /// The last day of a GIF, as YYYY-MM-DD.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = super::parse_day, requires = "from")]
    pub to: Option<NaiveDate>,
    /// Days from one frame to the next.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=3650))]
    pub step: u32,
    /// Frames a second.
    #[arg(long, default_value_t = 4.0)]
    pub fps: f32,
    /// The picture's size in points, the caption included, as WIDTHxHEIGHT.
    #[arg(long, value_name = "WxH", default_value = "1600x1000", value_parser = parse_picture_size)]
    pub size: [f32; 2],
    /// Pixels per point: 2 for a picture sharp on a laptop screen and in print.
    #[arg(long, default_value_t = 1.0)]
    pub scale: f32,
    /// The map's centre, as LON,LAT (with --zoom); without it, every place is fitted.
    #[arg(long, value_name = "LON,LAT", value_parser = parse_center, requires = "zoom", allow_hyphen_values = true)]
    pub center: Option<[f64; 2]>,
    /// The map's zoom, 0–19 (with --center).
    #[arg(long, requires = "center")]
    pub zoom: Option<f64>,
    /// The caption's title.
    #[arg(long, default_value = "")]
    pub title: String,
    #[arg(long, value_enum, default_value_t = Theme::Light)]
    pub theme: Theme,
    /// No place names on the map.
    #[arg(long)]
    pub no_labels: bool,
    /// Also write each frame of a GIF as frame-0001.png… into this folder.
    #[arg(long, value_name = "DIR")]
    pub frames: Option<PathBuf>,
    /// Where to write: a .png (with --at) or a .gif (with --from and --to).
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Replace --out if it exists.
    #[arg(long)]
    pub overwrite: bool,
    /// Make an animation of more than 500 frames without asking.
    #[arg(long)]
    pub yes: bool,
}

fn parse_picture_size(text: &str) -> Result<[f32; 2], String> {
    let said = || format!("\"{text}\" is not a size as WIDTHxHEIGHT, e.g. 1600x1000");
    let (w, h) = text.split_once(['x', 'X', '×']).ok_or_else(said)?;
    let side = |s: &str| s.trim().parse::<u32>().map_err(|_| said());
    Ok([side(w)? as f32, side(h)? as f32])
}

fn parse_center(text: &str) -> Result<[f64; 2], String> {
    let said = || format!("\"{text}\" is not a centre as LON,LAT, e.g. 65.7,31.6");
    let (lon, lat) = text.split_once(',').ok_or_else(said)?;
    let number = |s: &str| s.trim().parse::<f64>().ok().filter(|n| n.is_finite());
    match (number(lon), number(lat)) {
        (Some(lon), Some(lat)) if lon.abs() <= 180.0 && lat.abs() <= 85.05 => Ok([lon, lat]),
        _ => Err(said()),
    }
}

impl RenderArgs {
    /// What to render through `lens`, or what is wrong with the arguments
    /// (a usage error).
    pub fn spec(
        &self,
        dataset_days: Option<(NaiveDate, NaiveDate)>,
        lens: Lens,
    ) -> Result<RenderSpec, String> {
        let extension = (self.out.extension())
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        let days = match (extension.as_deref(), self.at, self.from, self.to) {
            (Some("png"), Some(day), _, _) => vec![day],
            (Some("png"), None, None, None) => match dataset_days {
                Some((_, last)) => vec![last],
                None => return Err("claimmap render: no day to draw: give --at".into()),
            },
            (Some("png"), ..) => {
                return Err("claimmap render: a .png is one day: give --at, or write a .gif for --from/--to".into());
            }
            (Some("gif"), _, Some(from), Some(to)) => self.frame_days(from, to)?,
            (Some("gif"), ..) => {
                return Err("claimmap render: a .gif needs --from and --to".into());
            }
            _ => {
                return Err(format!(
                    "claimmap render: --out {}: write a .png or a .gif",
                    self.out.display()
                ));
            }
        };
        if !(self.scale > 0.0 && self.scale <= 4.0) {
            return Err(format!(
                "claimmap render: --scale {}: between 0 and 4 (1 or 2 are usual)",
                self.scale
            ));
        }
        if !(self.fps > 0.0 && self.fps <= 50.0) {
            return Err(format!(
                "claimmap render: --fps {}: between 0 and 50",
                self.fps
            ));
        }
        if let Some(zoom) = self.zoom
            && !(0.0..=19.0).contains(&zoom)
        {
            return Err(format!("claimmap render: --zoom {zoom}: between 0 and 19"));
        }
        let output = match extension.as_deref() {
            Some("gif") => ExportOutput::Gif {
                path: self.out.clone(),
                fps: self.fps,
                frames: self.frames.clone(),
            },
            _ => ExportOutput::Png(self.out.clone()),
        };
        let view = match (self.center, self.zoom) {
            (Some([lon, lat]), Some(zoom)) => Some((walkers::lon_lat(lon, lat), zoom)),
            _ => None,
        };
        Ok(RenderSpec {
            days,
            lens,
            size: self.size,
            scale: self.scale,
            view,
            title: self.title.clone(),
            dark: self.theme == Theme::Dark,
            show_labels: !self.no_labels,
            output,
        })
    }

    fn frame_days(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<NaiveDate>, String> {
        if from > to {
            return Err(format!("claimmap render: --from {from} is after --to {to}"));
        }
        let days = frame_days(from, to, self.step);
        let size = self.size.map(|side| (side * self.scale) as u32);
        if days.len() > FRAMES_WITHOUT_ASKING && !self.yes {
            let megabytes = estimated_gif_bytes(size, days.len()) / 1_000_000;
            return Err(format!(
                "claimmap render: {} frames, a GIF of about {megabytes} MB; pass --yes to make it, or a larger --step",
                days.len()
            ));
        }
        Ok(days)
    }
}

/// The error as the command line says it.
pub fn said(error: &ExportError) -> String {
    format!("claimmap render: {error}")
}

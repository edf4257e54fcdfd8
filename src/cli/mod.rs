//! The command line: with no command it opens the window; `claimmap check` and
//! `claimmap state` are the headless commands over the same core.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};
use serde::Serialize;

use crate::data::{Input, LoadReport, load_dataset, load_files};
use crate::files::parse_size;
use crate::formats::Severity;
use crate::formats::state_export;
use crate::model::{Dataset, DatePoint, Lens, Mode, PlaceState, iso_day};
use crate::printable::escape_for_terminal;

mod believe;
mod changes;
mod convert;
mod days;
mod diff;
mod problems;
#[cfg(feature = "window")]
mod render;

use believe::{BelieveArgs, BelieveReport};
use changes::{ChangesFormat, write_changes};
use days::{DaysFormat, write_days};
use diff::{DiffFormat, write_diff};
use problems::{PER_KIND, write_problems};

#[derive(Debug, Parser)]
#[command(
    name = "claimmap",
    version,
    about = "Explore claimed control over places in a conflict, each claim with its quoted source."
)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub window: WindowArgs,
}

/// `claimmap [--gazetteer G] [--events E] [--at DATE]`: the window on those files.
#[derive(Debug, Args)]
pub struct WindowArgs {
    #[command(flatten)]
    pub files: Files,
    /// The day to show first, as YYYY-MM-DD.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
    pub at: Option<NaiveDate>,
    /// Never fetch tiles from the network: the built-in basemap even if OpenStreetMap was chosen.
    #[arg(long)]
    pub offline: bool,
    /// Files to open as File → Open… does: a view file (.claimmap.json)
    /// shows what it saved; data files are recognised by their content.
    #[arg(value_name = "FILE")]
    pub open: Vec<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// For each day from A to B, every place whose state changed since the day
    /// before (old → new), with the claims behind the new state.
    Changes {
        #[command(flatten)]
        files: Files,
        #[command(flatten)]
        problems: ProblemArgs,
        /// The first day, as YYYY-MM-DD; it is compared with the day before it.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
        from: NaiveDate,
        /// The last day, as YYYY-MM-DD.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
        to: NaiveDate,
        /// As known on each day: leave out events from sources published later.
        #[arg(long)]
        known: bool,
        #[command(flatten)]
        believe: BelieveArgs,
        #[arg(long, value_enum, default_value_t = ChangesFormat::Table)]
        format: ChangesFormat,
    },
    /// Every place whose control differs between two days, grouped by what
    /// happened (became held, became disputed…), with the claims that made the difference.
    Diff {
        #[command(flatten)]
        files: Files,
        #[command(flatten)]
        problems: ProblemArgs,
        /// The first day, as YYYY-MM-DD.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
        from: NaiveDate,
        /// The day compared with it, as YYYY-MM-DD.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
        to: NaiveDate,
        /// As known on each of the two days: leave out events from sources published later.
        #[arg(long)]
        known: bool,
        #[command(flatten)]
        believe: BelieveArgs,
        #[arg(long, value_enum, default_value_t = DiffFormat::Table)]
        format: DiffFormat,
    },
    /// How many events fall on each day, by type and by the party each
    /// names: the timeline's histogram as text.
    Days {
        #[command(flatten)]
        files: Files,
        #[command(flatten)]
        problems: ProblemArgs,
        /// Only the N days with the most events, busiest first.
        #[arg(long, value_name = "N")]
        busiest: Option<usize>,
        #[command(flatten)]
        believe: BelieveArgs,
        #[arg(long, value_enum, default_value_t = DaysFormat::Table)]
        format: DaysFormat,
    },
    /// Draw the map as a captioned PNG (--at), or an animated GIF of the days
    /// from --from to --to, with the window's own drawing and no window.
    #[cfg(feature = "window")]
    Render {
        #[command(flatten)]
        files: Files,
        #[command(flatten)]
        problems: ProblemArgs,
        /// As known on each day: leave out events from sources published later.
        #[arg(long)]
        known: bool,
        #[command(flatten)]
        believe: BelieveArgs,
        #[command(flatten)]
        render: render::RenderArgs,
    },
    /// Write the places and claims read from any input as claimmap's own
    /// GeoJSON gazetteer and JSON events file.
    Convert {
        #[command(flatten)]
        files: Files,
        #[command(flatten)]
        problems: ProblemArgs,
        /// Where to write the places, as a GeoJSON FeatureCollection.
        #[arg(long, value_name = "FILE")]
        out_gazetteer: PathBuf,
        /// Where to write the parties, sources and events, as JSON.
        #[arg(long, value_name = "FILE")]
        out_events: PathBuf,
    },
    /// Load and validate the files; print each problem as FILE:LINE:COL: error|warning: message.
    Check {
        #[command(flatten)]
        files: Files,
        #[command(flatten)]
        problems: ProblemArgs,
    },
    /// Print every place's claimed control on a day.
    State {
        #[command(flatten)]
        files: Files,
        #[command(flatten)]
        problems: ProblemArgs,
        /// The day, as YYYY-MM-DD.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
        at: NaiveDate,
        /// As known on the day: leave out events from sources published later.
        #[arg(long)]
        known: bool,
        #[command(flatten)]
        believe: BelieveArgs,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
}

/// The files to use; each one left out is the built-in dataset's.
#[derive(Debug, Args)]
pub struct Files {
    /// Places: a GeoJSON FeatureCollection, or KML/KMZ placemarks.
    #[arg(long, value_name = "FILE")]
    pub gazetteer: Option<PathBuf>,
    /// Claims: a JSON events file, a claims spreadsheet (CSV/TSV) or an ACLED export.
    #[arg(long, value_name = "FILE", conflicts_with = "data")]
    pub events: Option<PathBuf>,
    /// Claims and their places in one file: a spreadsheet with coordinates or
    /// an ACLED export. With --gazetteer, rows add the places it lacks.
    #[arg(long, value_name = "FILE")]
    pub data: Option<PathBuf>,
    /// Refuse files larger than this (bytes, or with K, M, G, T), before reading them.
    #[arg(long, value_name = "SIZE", default_value = "4G", value_parser = parse_size)]
    pub max_file_size: u64,
}

/// How much of a long list of problems the headless commands print.
#[derive(Debug, Args)]
pub struct ProblemArgs {
    /// Print every problem; by default 20 of each kind, then how many more there are.
    #[arg(long)]
    pub all_problems: bool,
}

impl ProblemArgs {
    /// How many problems of each kind to print.
    fn per_kind(&self) -> Option<usize> {
        (!self.all_problems).then_some(PER_KIND)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Json,
    Table,
    // The two exports (`formats::state_export`). No doc comments here: clap
    // would then print every format on a line of its own in `state --help`.
    Csv,
    Geojson,
}

/// The same strict syntax as dates in files, but only a whole day.
fn parse_day(text: &str) -> Result<NaiveDate, String> {
    match text.parse() {
        Ok(DatePoint::Day(day)) => Ok(day),
        _ => Err(format!("\"{text}\" is not a day as YYYY-MM-DD")),
    }
}

impl Files {
    fn load(&self) -> LoadReport {
        if let Some(data) = &self.data {
            let gazetteer = self
                .gazetteer
                .as_ref()
                .map(|path| Input::File(path.clone()));
            return load_files(
                gazetteer.as_ref(),
                &Input::File(data.clone()),
                self.max_file_size,
            );
        }
        let gazetteer = Input::gazetteer_or_built_in(self.gazetteer.as_deref());
        let events = Input::events_or_built_in(self.events.as_deref());
        load_dataset(&gazetteer, &events, self.max_file_size)
    }
}

/// Runs a parsed command line, writing to the given streams.
///
/// A failed write is said on `err` once (if `err` still works) and exits 1; a
/// closed pipe (`claimmap state | head`) is what the reader wanted, not an error.
pub fn run(cli: Cli, out: &mut dyn Write, err: &mut dyn Write) -> ExitCode {
    let status = match run_command(cli, out, err) {
        Ok(status) => status,
        Err(failed) => return write_failed(failed, err),
    };
    match out.flush() {
        // The status already says what the reader of `| head` did not read.
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => status,
        Err(error) => write_failed(WriteFailed::Out(error), err),
        Ok(()) => status,
    }
}

fn write_failed(failed: WriteFailed, err: &mut dyn Write) -> ExitCode {
    match failed {
        WriteFailed::Out(error) | WriteFailed::Err(error)
            if error.kind() == io::ErrorKind::BrokenPipe =>
        {
            ExitCode::SUCCESS
        }
        WriteFailed::Out(error) => {
            let _ = writeln!(err, "claimmap: cannot write the output: {error}");
            ExitCode::FAILURE
        }
        // Nothing is left to say it with.
        WriteFailed::Err(_) => ExitCode::FAILURE,
    }
}

/// Which stream a write failed on: a failure on stdout can still be told on stderr.
enum WriteFailed {
    Out(io::Error),
    Err(io::Error),
}

impl From<io::Error> for WriteFailed {
    fn from(error: io::Error) -> Self {
        WriteFailed::Out(error)
    }
}

fn run_command(
    cli: Cli,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<ExitCode, WriteFailed> {
    match cli.command {
        None => Ok(open_window(cli.window, err)),
        Some(Command::Check { files, problems }) => check(&files, &problems, out),
        Some(Command::Convert {
            files,
            problems,
            out_gazetteer,
            out_events,
        }) => {
            let Some(dataset) = load_quietly(&files, &problems, err)? else {
                return Ok(ExitCode::FAILURE);
            };
            convert::write_files(&dataset, &out_gazetteer, &out_events, err)
        }
        Some(Command::Changes {
            files,
            problems,
            from,
            to,
            known,
            believe,
            format,
        }) => {
            if from > to {
                let said = writeln!(err, "claimmap: --from {from} is after --to {to}");
                said.map_err(WriteFailed::Err)?;
                return Ok(ExitCode::from(2));
            }
            let seen = Seen::new(files, problems, known, believe);
            seen.run(err, |dataset, lens| {
                write_changes(dataset, from, to, lens, format, out)
            })
        }
        Some(Command::Diff {
            files,
            problems,
            from,
            to,
            known,
            believe,
            format,
        }) => {
            let seen = Seen::new(files, problems, known, believe);
            seen.run(err, |dataset, lens| {
                write_diff(dataset, &dataset.diff(from, to, lens), format, out)
            })
        }
        #[cfg(feature = "window")]
        Some(Command::Render {
            files,
            problems,
            known,
            believe,
            render,
        }) => {
            let seen = Seen::new(files, problems, known, believe);
            seen.run_to_exit(err, |dataset, lens, err| {
                render_picture(dataset, lens, &render, err)
            })
        }
        Some(Command::Days {
            files,
            problems,
            busiest,
            believe,
            format,
        }) => {
            // Counted on each event's own day, whatever the mode: `known` changes nothing here.
            let seen = Seen::new(files, problems, false, believe);
            seen.run(err, |dataset, lens| {
                write_days(dataset, lens, busiest, format, out)
            })
        }
        Some(Command::State {
            files,
            problems,
            at,
            known,
            believe,
            format,
        }) => {
            let seen = Seen::new(files, problems, known, believe);
            seen.run(err, |dataset, lens| {
                write_state(dataset, at, lens, format, out)
            })
        }
    }
}

#[cfg(not(feature = "window"))]
fn open_window(args: WindowArgs, err: &mut dyn Write) -> ExitCode {
    if let Some(said) = not_a_file(&args.open) {
        let _ = writeln!(err, "{}", escape_for_terminal(&said));
        return ExitCode::from(2);
    }
    let _ = writeln!(
        err,
        "claimmap: this build has no window (built without the \"window\" feature); \
         `claimmap check` and `claimmap state` work"
    );
    ExitCode::FAILURE
}

/// A word given to the window that is no file: a command after the window's
/// options, or a command mistyped. Said as clap says usage errors (status 2)
/// rather than opening a window on a file that is not there.
fn not_a_file(open: &[PathBuf]) -> Option<String> {
    use clap::CommandFactory;
    let commands: Vec<String> = Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_owned())
        .collect();
    open.iter().find_map(|path| {
        let word = path.to_str()?;
        if commands.iter().any(|c| c == word) {
            return Some(format!(
                "claimmap: \"{word}\" is a command: give it first, without the window's options (claimmap {word} --help)"
            ));
        }
        let looks_like_a_path = word.contains(['.', '/', '\\']);
        (!looks_like_a_path && !path.exists()).then(|| {
            format!("claimmap: \"{word}\" is neither a command nor a file (claimmap --help lists the commands)")
        })
    })
}

#[cfg(feature = "window")]
fn open_window(args: WindowArgs, err: &mut dyn Write) -> ExitCode {
    use crate::app::Startup;
    if let Some(said) = not_a_file(&args.open) {
        let _ = writeln!(err, "{}", escape_for_terminal(&said));
        return ExitCode::from(2);
    }
    // A file of claims and places fills both; read once, as the window reads a file named twice.
    let files = args.files;
    let gazetteer = files.gazetteer.or_else(|| files.data.clone());
    let startup = Startup {
        gazetteer,
        events: files.events.or(files.data),
        at: args.at,
        offline: args.offline,
        max_file_size: files.max_file_size,
        open: args.open,
        ..Startup::default()
    };
    match crate::app::run(startup) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // Nothing else can be done with a failed write to stderr.
            let _ = writeln!(err, "claimmap: cannot open the window: {error}");
            let _ = writeln!(
                err,
                "(`claimmap check` and `claimmap state` work without one)"
            );
            ExitCode::FAILURE
        }
    }
}

/// Prints every problem, then a summary; fails when any problem is an error.
fn check(
    files: &Files,
    problems: &ProblemArgs,
    out: &mut dyn Write,
) -> Result<ExitCode, WriteFailed> {
    let report = files.load();
    let errors = report.count(Severity::Error);
    let result = (|| {
        write_problems(&report.diagnostics, problems.per_kind(), out)?;
        let c = report.counts;
        writeln!(
            out,
            "{} places, {} events, {} parties, {} sources: {} warnings, {errors} errors",
            c.places,
            c.events,
            c.parties,
            c.sources,
            report.count(Severity::Warning),
        )?;
        out.flush()
    })();
    leave_to_exit(report);
    // The exit status tells the errors, even if stdout closed early (`| head`).
    match result {
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => {}
        Err(error) => return Err(WriteFailed::Out(error)),
        Ok(()) => {}
    }
    Ok(if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// What a command that shows states reads: the files, and the lens to see them through.
struct Seen {
    files: Files,
    problems: ProblemArgs,
    mode: Mode,
    believe: BelieveArgs,
}

impl Seen {
    fn new(files: Files, problems: ProblemArgs, known: bool, believe: BelieveArgs) -> Self {
        let mode = if known { Mode::Known } else { Mode::Event };
        Seen {
            files,
            problems,
            mode,
            believe,
        }
    }

    /// Loads the files, resolves the lens (an unknown claimant is a usage
    /// error, status 2) and writes what `write` makes of them.
    fn run(
        self,
        err: &mut dyn Write,
        write: impl FnOnce(&Dataset, &Lens) -> io::Result<()>,
    ) -> Result<ExitCode, WriteFailed> {
        let Some(dataset) = load_quietly(&self.files, &self.problems, err)? else {
            return Ok(ExitCode::FAILURE);
        };
        let lens = match self.believe.lens(&dataset, self.mode) {
            Ok(lens) => lens,
            Err(message) => {
                believe::usage_error(&message, err).map_err(WriteFailed::Err)?;
                return Ok(ExitCode::from(2));
            }
        };
        write(&dataset, &lens)?;
        leave_to_exit(dataset);
        Ok(ExitCode::SUCCESS)
    }

    /// [`Seen::run`] for a command that decides its own exit status and
    /// speaks on stderr.
    #[cfg(feature = "window")]
    fn run_to_exit(
        self,
        err: &mut dyn Write,
        act: impl FnOnce(&Dataset, Lens, &mut dyn Write) -> Result<ExitCode, WriteFailed>,
    ) -> Result<ExitCode, WriteFailed> {
        let Some(dataset) = load_quietly(&self.files, &self.problems, err)? else {
            return Ok(ExitCode::FAILURE);
        };
        let lens = match self.believe.lens(&dataset, self.mode) {
            Ok(lens) => lens,
            Err(message) => {
                believe::usage_error(&message, err).map_err(WriteFailed::Err)?;
                return Ok(ExitCode::from(2));
            }
        };
        let code = act(&dataset, lens, err)?;
        leave_to_exit(dataset);
        Ok(code)
    }
}

/// `claimmap render`: a usage error is status 2, a failed export 1; the
/// file written is named on stderr, so stdout stays empty.
#[cfg(feature = "window")]
fn render_picture(
    dataset: &Dataset,
    lens: Lens,
    args: &render::RenderArgs,
    err: &mut dyn Write,
) -> Result<ExitCode, WriteFailed> {
    let said = |err: &mut dyn Write, text: &str| {
        writeln!(err, "{}", escape_for_terminal(text)).map_err(WriteFailed::Err)
    };
    let spec = match args.spec(dataset.day_range(), lens) {
        Ok(spec) => spec,
        Err(message) => {
            said(err, &message)?;
            return Ok(ExitCode::from(2));
        }
    };
    if let Err(error) = crate::app::check_export_target(&spec.output, args.overwrite) {
        said(err, &render::said(&error))?;
        return Ok(ExitCode::FAILURE);
    }
    match crate::app::render(dataset, &spec, &mut |_, _| {}) {
        Ok(_) => {
            said(err, &format!("wrote {}", spec.output.path().display()))?;
            Ok(ExitCode::SUCCESS)
        }
        Err(error) => {
            said(err, &render::said(&error))?;
            Ok(ExitCode::FAILURE)
        }
    }
}

fn write_state(
    dataset: &Dataset,
    day: NaiveDate,
    lens: &Lens,
    format: Format,
    out: &mut dyn Write,
) -> io::Result<()> {
    let states = || dataset.control_state_with(day, lens);
    match format {
        Format::Json => {
            let report = StateReport::with_lens(dataset, day, lens);
            serde_json::to_writer_pretty(&mut *out, &report)?;
            writeln!(out)
        }
        Format::Table => StateReport::with_lens(dataset, day, lens).write_table(out),
        Format::Csv => state_export::write_state_csv(dataset, &states(), out),
        Format::Geojson => state_export::write_state_geojson(dataset, day, lens, &states(), out),
    }
}

/// The process ends when the command does, and the system takes its memory
/// back at once: freeing a million claims one by one first would take a
/// tenth of a second longer.
fn leave_to_exit<T>(loaded: T) {
    std::mem::forget(loaded);
}

/// Loads the files for a command whose stdout is data: problems go to stderr,
/// so stdout stays a clean table or JSON. `None` when the files did not load.
fn load_quietly(
    files: &Files,
    problems: &ProblemArgs,
    err: &mut dyn Write,
) -> Result<Option<Dataset>, WriteFailed> {
    let report = files.load();
    let said = (|| {
        write_problems(&report.diagnostics, problems.per_kind(), err)?;
        if report.dataset.is_none() {
            writeln!(err, "claimmap: nothing to show: the files did not load")?;
        }
        err.flush()
    })();
    said.map_err(WriteFailed::Err)?;
    Ok(report.dataset)
}

/// The states of all places on a day, with ids instead of indices, sorted by place id.
#[derive(Debug, Serialize)]
pub struct StateReport<'a> {
    pub date: String,
    pub mode: &'static str,
    /// Whose claims count, when not everyone's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub believe: Option<BelieveReport<'a>>,
    pub places: Vec<PlaceReport<'a>>,
}

#[derive(Debug, Serialize)]
pub struct PlaceReport<'a> {
    pub id: &'a str,
    pub name: &'a str,
    #[serde(flatten)]
    pub state: StateFields<'a>,
}

/// A place's state with ids: what `state` prints for a place after its id and
/// name, and what `changes` prints before and after a change.
#[derive(Debug, PartialEq, Serialize)]
pub struct StateFields<'a> {
    pub status: &'static str,
    pub controllers: Vec<&'a str>,
    pub confirmed: bool,
    pub fighting: bool,
    pub since: Option<String>,
    pub claims: Vec<&'a str>,
}

impl<'a> StateReport<'a> {
    pub fn new(dataset: &'a Dataset, day: NaiveDate, mode: Mode) -> Self {
        StateReport::with_lens(dataset, day, &Lens::from(mode))
    }

    pub fn with_lens(dataset: &'a Dataset, day: NaiveDate, lens: &Lens) -> Self {
        let states = dataset.control_state_with(day, lens);
        let mut places: Vec<PlaceReport> = dataset
            .places()
            .iter()
            .zip(&states)
            .map(|(place, state)| PlaceReport::new(dataset, &place.id, &place.name, state))
            .collect();
        places.sort_by(|a, b| a.id.cmp(b.id));
        StateReport {
            date: iso_day(day),
            mode: lens.mode.as_str(),
            believe: BelieveReport::new(dataset, &lens.believe),
            places,
        }
    }

    fn write_table(&self, out: &mut dyn Write) -> io::Result<()> {
        match &self.believe {
            None => writeln!(out, "{} ({} mode)", self.date, self.mode)?,
            Some(believe) => {
                let heading = format!("{} ({} mode, {})", self.date, self.mode, believe.in_words());
                writeln!(out, "{}", escape_for_terminal(&heading))?;
            }
        }
        let header = ["id", "name", "status", "controllers", "since", "claims"].map(str::to_owned);
        // Names and ids come from the file: escaped, they cannot drive the terminal.
        let rows: Vec<[String; 6]> = self.places.iter().map(PlaceReport::table_row).collect();
        let widths: Vec<usize> = (0..6)
            .map(|c| {
                std::iter::once(&header)
                    .chain(&rows)
                    .map(|row| row[c].chars().count())
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        for row in std::iter::once(&header).chain(&rows) {
            let cells: Vec<String> = row
                .iter()
                .zip(&widths)
                .map(|(cell, &width)| pad(cell, width))
                .collect();
            writeln!(out, "{}", cells.join("  ").trim_end())?;
        }
        Ok(())
    }
}

impl<'a> PlaceReport<'a> {
    fn new(dataset: &'a Dataset, id: &'a str, name: &'a str, state: &PlaceState) -> Self {
        PlaceReport {
            id,
            name,
            state: StateFields::new(dataset, state),
        }
    }

    fn table_row(&self) -> [String; 6] {
        let state = &self.state;
        [
            self.id.to_owned(),
            self.name.to_owned(),
            state.status_words(),
            state.controllers.join(" vs "),
            state.since.clone().unwrap_or_default(),
            state.claims.join(" "),
        ]
        .map(|cell| escape_for_terminal(&cell).into_owned())
    }
}

impl<'a> StateFields<'a> {
    pub fn new(dataset: &'a Dataset, state: &PlaceState) -> Self {
        StateFields {
            status: state.status.as_str(),
            controllers: state
                .controllers
                .iter()
                .map(|&p| dataset.parties()[p].id.as_str())
                .collect(),
            confirmed: state.confirmed,
            fighting: state.fighting,
            since: state.since.map(iso_day),
            claims: state
                .claims
                .iter()
                .map(|&e| dataset.events().id(e))
                .collect(),
        }
    }

    /// "held, confirmed, fighting": the status and its qualifiers.
    fn status_words(&self) -> String {
        let mut status = self.status.to_owned();
        if self.confirmed {
            status.push_str(", confirmed");
        }
        if self.fighting {
            status.push_str(", fighting");
        }
        status
    }
}

fn pad(cell: &str, width: usize) -> String {
    let fill = width.saturating_sub(cell.chars().count());
    format!("{cell}{}", " ".repeat(fill))
}

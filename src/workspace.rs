//! The files a window has open, and how opening another one changes them.
//!
//! A [`Workspace`] keeps the parsed gazetteer and events file separately, so
//! that opening an events file re-links it against the gazetteer already open
//! (and the other way round). A request either succeeds as a whole or changes
//! nothing: a broken file never replaces good data. No UI here; the window runs
//! [`Workspace::apply`] on a background thread.

use std::path::PathBuf;
use std::sync::Arc;

use crate::data::view_file::{ViewFile, is_view_path, read_view};
use crate::data::{
    Input, ListedSeries, Opened, SaveError, SeriesCache, link, listed_series, listings_for,
    merge_places, open_input, open_listed_series, save_json,
};
use crate::files::DEFAULT_MAX_FILE_SIZE;
use crate::formats::events_json;
use crate::formats::{Diagnostic, FileKind, LoadFailed, Loaded, Problem, Severity};
use crate::model::{DataFile, Dataset, EventsFile, Gazetteer, SeriesListing};
use crate::progress::{Phase, Progress};

/// What the user asked to open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadRequest {
    /// Both files, read afresh: start-up and Reload. With `fall_back_to_built_in`,
    /// a file that fails is replaced by the built-in one (the errors still show),
    /// for files remembered from a previous run that may have moved since.
    Both {
        gazetteer: Input,
        events: Input,
        fall_back_to_built_in: bool,
    },
    /// Files from Open… or a drop, each recognised by its content.
    Open(Vec<PathBuf>),
    /// A file from "Open gazetteer…" or "Open events…".
    OpenAs(FileKind, PathBuf),
    /// A map series from "Add map series…": its maps are `listing.files` in
    /// `folder`, and its claims join the open events'.
    AddSeries {
        folder: PathBuf,
        listing: SeriesListing,
    },
    /// Write the open events, with the series added since, as an events file.
    SaveEvents(PathBuf),
}

/// What a request produced.
#[derive(Debug, Default)]
pub struct LoadOutcome {
    /// The newly linked dataset; `None` when the request failed and nothing changed.
    pub dataset: Option<Dataset>,
    /// Errors first-come, then warnings, each naming its file.
    pub diagnostics: Vec<Diagnostic>,
    /// The files the workspace holds after the request.
    pub gazetteer: Option<Input>,
    pub events: Option<Input>,
    /// Whether the places are not those of before, so the view should fit them again.
    pub places_changed: bool,
    /// What a save wrote, in words.
    pub saved: Option<String>,
    /// A view file opened: the window shows what it says once the data is in.
    pub view: Option<ViewFile>,
    /// The map series added in the window since the events file was opened,
    /// after the request: what a saved view lists.
    pub added: Vec<ListedSeries>,
}

impl LoadOutcome {
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
    }

    /// Whether the request stopped because it was cancelled, changing nothing.
    pub fn was_cancelled(&self) -> bool {
        self.dataset.is_none() && self.errors().any(|d| d.problem == Problem::Cancelled)
    }
}

/// The files are shared with the dataset linked from them (`Arc`), so a
/// workspace holds no second copy of a large file.
pub struct Workspace {
    gazetteer: Option<(Input, Arc<Gazetteer>)>,
    events: Option<(Input, Arc<EventsFile>)>,
    /// Map series added in the window since the events file was opened, which
    /// join the file's own.
    added: Vec<ListedSeries>,
    /// Larger files are refused before they are read.
    max_file_size: u64,
    /// Where reading and parsing say how far they are; cancelling it stops them.
    progress: Arc<Progress>,
}

impl Default for Workspace {
    fn default() -> Self {
        Workspace::with_max_file_size(DEFAULT_MAX_FILE_SIZE)
    }
}

/// The files of one request, each parsed or failed.
struct Parsed {
    gazetteer: Option<(Input, Arc<Gazetteer>)>,
    events: Option<(Input, Arc<EventsFile>)>,
    /// Places made from the rows of files of claims, and those files.
    rows_places: Vec<(Input, Gazetteer)>,
    diagnostics: Vec<Diagnostic>,
    failed: bool,
    max_file_size: u64,
    progress: Arc<Progress>,
}

impl Workspace {
    pub fn with_max_file_size(max_file_size: u64) -> Self {
        Workspace {
            gazetteer: None,
            events: None,
            added: Vec::new(),
            max_file_size,
            progress: Arc::default(),
        }
    }

    /// Reads and parses saying how far they are on `progress`, and stop when it is cancelled.
    pub fn reporting_to(self, progress: Arc<Progress>) -> Self {
        Workspace { progress, ..self }
    }

    pub fn apply(&mut self, request: LoadRequest) -> LoadOutcome {
        let mut parsed = Parsed::new(self.max_file_size, Arc::clone(&self.progress));
        match request {
            LoadRequest::Both {
                gazetteer,
                events,
                fall_back_to_built_in,
            } => {
                // A spreadsheet with coordinates is both files: read it once.
                if gazetteer != events {
                    parsed.read(gazetteer, Some(FileKind::Gazetteer));
                }
                parsed.read(events, Some(FileKind::Events));
                if fall_back_to_built_in && parsed.failed {
                    parsed.fall_back_to_built_in();
                }
            }
            LoadRequest::Open(paths) => {
                // A view file opens the files it names, and only them.
                let (views, files): (Vec<PathBuf>, Vec<PathBuf>) =
                    paths.into_iter().partition(|path| is_view_path(path));
                if let Some(view) = views.first() {
                    let outcome = self.open_view(view, views.len() + files.len() - 1);
                    self.progress.begin(Phase::Idle, 0);
                    return outcome;
                }
                for path in files {
                    parsed.read(Input::File(path), None);
                }
            }
            LoadRequest::OpenAs(kind, path) => parsed.read(Input::File(path), Some(kind)),
            LoadRequest::SaveEvents(path) => return self.save_events(&path),
            LoadRequest::AddSeries { folder, listing } => {
                let outcome = self.add_series(ListedSeries { folder, listing });
                self.progress.begin(Phase::Idle, 0);
                return outcome;
            }
        }
        parsed.place_rows();
        if parsed.failed {
            self.progress.begin(Phase::Idle, 0);
            return self.unchanged(parsed.diagnostics);
        }
        let outcome = self.commit(parsed);
        self.progress.begin(Phase::Idle, 0);
        outcome
    }

    /// Writes the open events file to `path` with its map series and those
    /// added since, each listed by a pattern relative to `path`'s folder.
    fn save_events(&self, path: &std::path::Path) -> LoadOutcome {
        let (said, problem) = match self.write_events(path) {
            Ok(said) => (Some(said), None),
            Err(error) => (None, Some(Problem::NotSaved(error.to_string()))),
        };
        let diagnostics = problem.into_iter().map(|problem| Diagnostic {
            severity: Severity::Error,
            file: path.display().to_string().as_str().into(),
            location: None,
            problem,
        });
        LoadOutcome {
            saved: said,
            ..self.unchanged(diagnostics.collect())
        }
    }

    fn write_events(&self, path: &std::path::Path) -> Result<String, SaveError> {
        let Some((input, file)) = &self.events else {
            return Err(SaveError::NoEvents);
        };
        let (mut listed, _) = listed_series(input, file);
        listed.extend(self.added.iter().cloned());
        let folder = match path.parent() {
            Some(folder) if !folder.as_os_str().is_empty() => folder,
            _ => std::path::Path::new("."),
        };
        let maps = listings_for(folder, &listed)?;
        let events = file.events.iter().map(|event| (event, None));
        save_json(
            path,
            &events_json(&file.parties, &file.sources, &maps, events),
        )?;
        Ok(format!(
            "Saved {} events and {} map series to {}",
            file.events.len(),
            maps.len(),
            path.display()
        ))
    }

    /// Adds a series to the open events, and links its claims with theirs.
    /// A series that cannot be opened changes nothing.
    fn add_series(&mut self, added: ListedSeries) -> LoadOutcome {
        let id = added.listing.series.id.clone();
        // Its claims' ids are made of its id: the file's own series keep theirs.
        let listed = self.events.as_ref().map(|(_, file)| &file.maps);
        if listed.is_some_and(|maps| maps.iter().any(|m| m.series.id == id)) {
            let taken = Diagnostic {
                severity: Severity::Error,
                file: "the added map series".into(),
                location: None,
                problem: Problem::SeriesIdTaken { series: id },
            };
            return self.unchanged(vec![taken]);
        }
        let before = self.added.clone();
        // A series added again under its id replaces the one added before.
        self.added.retain(|s| s.listing.series.id != id);
        self.added.push(added);
        let outcome = self.commit(Parsed::new(self.max_file_size, Arc::clone(&self.progress)));
        let opened = (outcome.dataset.iter())
            .flat_map(|d| d.map_series())
            .any(|s| s.series.id == id);
        if !opened {
            self.added = before;
            return LoadOutcome {
                dataset: None,
                ..outcome
            };
        }
        outcome
    }

    /// Links the new files with the ones kept, and keeps the result.
    /// Opens the files a view file names (those that are there: the others
    /// are said, and the window keeps what it had of that kind), with the
    /// series it added; the outcome carries the view for the window to show.
    fn open_view(&mut self, path: &std::path::Path, others_ignored: usize) -> LoadOutcome {
        let file: Arc<str> = Arc::from(path.display().to_string());
        let said = |severity, problem| Diagnostic {
            severity,
            file: Arc::clone(&file),
            location: None,
            problem,
        };
        let opened = match read_view(path, self.max_file_size) {
            Ok(opened) => opened,
            Err(error) => {
                let problem = Problem::NotAView(error.to_string());
                return self.unchanged(vec![said(Severity::Error, problem)]);
            }
        };
        let mut parsed = Parsed::new(self.max_file_size, Arc::clone(&self.progress));
        let present = |p: &Option<PathBuf>| p.clone().filter(|p| !opened.missing.contains(p));
        if let Some(gazetteer) = present(&opened.view.gazetteer) {
            parsed.read(Input::File(gazetteer), Some(FileKind::Gazetteer));
        } else if opened.view.gazetteer.is_none() {
            parsed.gazetteer = Some(built_in_gazetteer());
        }
        if let Some(events) = present(&opened.view.events) {
            parsed.read(Input::File(events), Some(FileKind::Events));
        } else if opened.view.events.is_none() {
            parsed.events = Some(built_in_events());
        }
        parsed.diagnostics.extend(
            (opened.missing.iter())
                .map(|missing| Problem::ViewNamesMissing(missing.display().to_string()))
                .map(|problem| said(Severity::Warning, problem)),
        );
        if others_ignored > 0 {
            let problem = Problem::ViewOpenedAlone(others_ignored);
            parsed.diagnostics.push(said(Severity::Warning, problem));
        }
        parsed.place_rows();
        if parsed.failed {
            return self.unchanged(parsed.diagnostics);
        }
        let added: Vec<ListedSeries> = (opened.view.series.iter().cloned())
            .map(ListedSeries::from)
            .filter(|series| !opened.missing.contains(&series.folder))
            .collect();
        let mut outcome = self.commit_with(parsed, Some(added));
        if outcome.dataset.is_some() {
            outcome.view = Some(opened.view);
        }
        outcome
    }

    fn commit(&mut self, parsed: Parsed) -> LoadOutcome {
        self.commit_with(parsed, None)
    }

    /// Links what `parsed` holds with what the workspace keeps; `added`,
    /// when given, replaces the series added in the window (a view's).
    fn commit_with(&mut self, parsed: Parsed, added: Option<Vec<ListedSeries>>) -> LoadOutcome {
        let mut diagnostics = parsed.diagnostics;
        // A new events file brings its own series; the ones added before go.
        let new_events = parsed.events.is_some();
        let before = added
            .as_ref()
            .map(|added| std::mem::replace(&mut self.added, added.clone()));
        // Reloading an unchanged gazetteer keeps the user's view and selection.
        let places_changed = match (&parsed.gazetteer, &self.gazetteer) {
            (Some((_, new)), Some((_, old))) => new != old,
            (new, _) => new.is_some(),
        };
        let gazetteer = parsed
            .gazetteer
            .or_else(|| self.gazetteer.take())
            .unwrap_or_else(built_in_gazetteer);
        let events = parsed
            .events
            .or_else(|| self.events.take())
            .unwrap_or_else(built_in_events);
        let (mut listed, said) = listed_series(&events.0, &events.1);
        diagnostics.extend(said);
        if !new_events || before.is_some() {
            listed.extend(self.added.iter().cloned());
        }
        let (series, said) = open_listed_series(
            &events.0.name(),
            &listed,
            &gazetteer.1.places,
            &SeriesCache::platform(),
            self.max_file_size,
            &self.progress,
        );
        diagnostics.extend(said);
        if self.progress.is_cancelled() {
            // Put back what was taken: a cancelled request changes nothing.
            self.gazetteer.get_or_insert(gazetteer);
            self.events.get_or_insert(events);
            if let Some(before) = before {
                self.added = before;
            }
            return self.unchanged(diagnostics);
        }
        if new_events && before.is_none() {
            self.added.clear();
        }
        self.progress.begin(Phase::Linking, 0);
        // Shared, not copied: the workspace keeps the files to re-link later.
        let (dataset, warnings) = link(
            Arc::clone(&gazetteer.1),
            Arc::clone(&events.1),
            series,
            &events.0.name(),
        );
        dataset.prepare_stepping();
        diagnostics.extend(warnings);
        self.gazetteer = Some(gazetteer);
        self.events = Some(events);
        LoadOutcome {
            dataset: Some(dataset),
            diagnostics,
            places_changed,
            ..self.unchanged(Vec::new())
        }
    }

    fn unchanged(&self, diagnostics: Vec<Diagnostic>) -> LoadOutcome {
        LoadOutcome {
            dataset: None,
            diagnostics,
            gazetteer: self.gazetteer.as_ref().map(|(input, _)| input.clone()),
            events: self.events.as_ref().map(|(input, _)| input.clone()),
            places_changed: false,
            saved: None,
            view: None,
            added: self.added.clone(),
        }
    }
}

impl Parsed {
    fn new(max_file_size: u64, progress: Arc<Progress>) -> Parsed {
        Parsed {
            gazetteer: None,
            events: None,
            rows_places: Vec::new(),
            diagnostics: Vec::new(),
            failed: false,
            max_file_size,
            progress,
        }
    }

    /// Reads and parses one file as `kind`, or as what its content says it
    /// is. The places of a file of claims (a spreadsheet with coordinates, an
    /// ACLED export) are kept aside until every file of the request is read.
    fn read(&mut self, input: Input, kind: Option<FileKind>) {
        let name = input.name();
        let opened = open_input(&input, self.max_file_size, kind, &self.progress);
        match (self.keep(opened), kind) {
            (Some(Opened::Gazetteer(_)), Some(FileKind::Events)) => {
                self.wrong_kind(&name, "places", "claims");
            }
            (Some(Opened::Gazetteer(places)), _) => self.put_places(input, places),
            (Some(Opened::Events(events)), _) => self.put_events(input, events),
            // "Open gazetteer…" on a file of claims: its places only.
            (Some(Opened::Data(data)), Some(FileKind::Gazetteer)) => match data.gazetteer {
                Some(places) => self.put_places(input, places),
                None => self.wrong_kind(&name, "claims without coordinates", "places"),
            },
            (Some(Opened::Data(DataFile { gazetteer, events })), _) => {
                if let Some(places) = gazetteer {
                    self.rows_places.push((input.clone(), places));
                }
                self.put_events(input, events);
            }
            (None, _) => {}
        }
        self.failed |= self
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error);
    }

    /// The places that files of claims made: added to a gazetteer of the same
    /// request where it lacks them, or the gazetteer when there is none.
    fn place_rows(&mut self) {
        for (input, places) in std::mem::take(&mut self.rows_places) {
            match &mut self.gazetteer {
                Some((_, base)) => *base = Arc::new(merge_places(base, places)),
                None => self.put_places(input, places),
            }
        }
    }

    fn wrong_kind(&mut self, file: &str, found: &'static str, expected: &'static str) {
        self.diagnostics.push(Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            location: None,
            problem: Problem::WrongKind { found, expected },
        });
        self.failed = true;
    }

    fn put_places(&mut self, input: Input, places: Gazetteer) {
        let kind = FileKind::Gazetteer;
        put(
            &mut self.gazetteer,
            input,
            Some(Arc::new(places)),
            kind,
            &mut self.diagnostics,
        );
    }

    fn put_events(&mut self, input: Input, events: EventsFile) {
        let kind = FileKind::Events;
        put(
            &mut self.events,
            input,
            Some(Arc::new(events)),
            kind,
            &mut self.diagnostics,
        );
    }

    fn keep<T>(&mut self, result: Result<Loaded<T>, LoadFailed>) -> Option<T> {
        crate::data::keep_value(result, &mut self.diagnostics)
    }

    /// Replaces whichever file failed with the built-in one, keeping the errors.
    fn fall_back_to_built_in(&mut self) {
        if self.gazetteer.is_none() {
            self.gazetteer = Some(built_in_gazetteer());
        }
        if self.events.is_none() {
            self.events = Some(built_in_events());
        }
        self.failed = false;
    }
}

/// Fills a slot, refusing a second file of the same kind in one request.
fn put<T>(
    slot: &mut Option<(Input, T)>,
    input: Input,
    value: Option<T>,
    kind: FileKind,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let Some(value) = value else { return };
    if let Some((other, _)) = slot {
        diagnostics.push(Diagnostic {
            severity: Severity::Error,
            file: input.name().into(),
            location: None,
            problem: Problem::SameKindTwice {
                kind: kind.with_article(),
                other: other.name(),
            },
        });
        return;
    }
    *slot = Some((input, value));
}

fn built_in_gazetteer() -> (Input, Arc<Gazetteer>) {
    built_in(Input::built_in_gazetteer(), crate::data::load_gazetteer)
}

fn built_in_events() -> (Input, Arc<EventsFile>) {
    built_in(Input::built_in_events(), crate::data::load_events)
}

/// A built-in file; it is tested to load, so the empty default is never seen.
fn built_in<T: Default>(
    input: Input,
    load: fn(&Input, u64) -> Result<Loaded<T>, LoadFailed>,
) -> (Input, Arc<T>) {
    let value = load(&input, DEFAULT_MAX_FILE_SIZE)
        .map(|loaded| loaded.value)
        .unwrap_or_default();
    (input, Arc::new(value))
}

#[cfg(test)]
#[path = "workspace_tests.rs"]
mod tests;

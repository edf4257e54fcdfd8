//! Knowing whether the last run ended cleanly.
//!
//! The window remembers the files it had open and opens them again at the
//! next start. If those files crash the window (too large for the machine, a
//! bug they trigger), every start would crash the same way. So a run leaves a
//! marker while it runs and removes it when it ends; finding one at start
//! means the last run died, and the remembered files are offered, not opened.

use std::path::{Path, PathBuf};

/// This run's marker; [`RunMarker::end`] removes it when the window closes.
pub struct RunMarker {
    path: PathBuf,
}

/// How the previous run ended, as far as its marker tells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PreviousRun {
    EndedCleanly,
    /// It left its marker behind: it crashed, or was killed.
    Died,
}

impl RunMarker {
    /// Leaves this run's marker in `dir`. Without a marker (a read-only
    /// folder, another claimmap running) the start simply is not guarded.
    pub fn begin(dir: &Path) -> (Option<RunMarker>, PreviousRun) {
        let path = dir.join("running");
        let previous = match std::fs::read_to_string(&path) {
            Ok(text) if is_running(text.trim()) => return (None, PreviousRun::EndedCleanly),
            Ok(_) => PreviousRun::Died,
            Err(_) => PreviousRun::EndedCleanly,
        };
        let written = std::fs::create_dir_all(dir)
            .and_then(|()| std::fs::write(&path, std::process::id().to_string()));
        (written.is_ok().then_some(RunMarker { path }), previous)
    }

    pub fn end(self) {
        // If it cannot be removed, the next start offers the files rather than opening them: safe.
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Whether the marker belongs to another claimmap that is still running.
fn is_running(pid: &str) -> bool {
    let Ok(pid) = pid.parse::<u32>() else {
        return false;
    };
    if pid == std::process::id() {
        return false;
    }
    // Only Linux says cheaply whether a process lives; elsewhere a second
    // window at once is rare, and treating its marker as a crash is safe.
    cfg!(target_os = "linux") && Path::new(&format!("/proc/{pid}")).exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        crate::files::scratch_dir(&format!("marker-{name}"))
    }

    #[test]
    fn a_run_that_ends_leaves_no_marker() {
        let dir = temp_dir("clean");
        let (marker, previous) = RunMarker::begin(&dir);
        assert_eq!(previous, PreviousRun::EndedCleanly);
        marker.unwrap().end();
        assert_eq!(RunMarker::begin(&dir).1, PreviousRun::EndedCleanly);
    }

    #[test]
    fn a_run_that_dies_is_noticed_at_the_next_start() {
        let dir = temp_dir("died");
        let (marker, _) = RunMarker::begin(&dir);
        std::mem::forget(marker); // the process "dies" without ending its run
        let (marker, previous) = RunMarker::begin(&dir);
        assert_eq!(previous, PreviousRun::Died);
        marker.unwrap().end();
        assert_eq!(RunMarker::begin(&dir).1, PreviousRun::EndedCleanly);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn another_running_window_is_not_a_crash() {
        let dir = temp_dir("other");
        // Process 1 always runs.
        std::fs::write(dir.join("running"), "1").unwrap();
        let (marker, previous) = RunMarker::begin(&dir);
        assert_eq!(previous, PreviousRun::EndedCleanly);
        assert!(marker.is_none());
    }
}

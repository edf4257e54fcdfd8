//! How far a long load has got, shared between the thread doing it and the
//! window showing it, and the window's way to ask that thread to stop.
//!
//! Atomics, not a lock: the worker updates it every few thousand items and the
//! window reads it once a frame; neither ever waits for the other.

use std::sync::atomic::{AtomicBool, AtomicU8, AtomicU64, Ordering};

/// What a load is doing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    Idle,
    Reading,
    Parsing,
    Linking,
    /// Counting map files, not bytes: fingerprinting them, then parsing them.
    ReadingMaps,
    ParsingMaps,
}

impl Phase {
    const ALL: [Phase; 6] = [
        Phase::Idle,
        Phase::Reading,
        Phase::Parsing,
        Phase::Linking,
        Phase::ReadingMaps,
        Phase::ParsingMaps,
    ];

    /// Whether `done` and `total` count files rather than bytes.
    pub fn counts_files(self) -> bool {
        matches!(self, Phase::ReadingMaps | Phase::ParsingMaps)
    }

    pub fn in_words(self) -> &'static str {
        match self {
            Phase::Idle => "Waiting",
            Phase::Reading => "Reading",
            Phase::Parsing => "Parsing",
            Phase::Linking => "Linking",
            Phase::ReadingMaps => "Reading maps",
            Phase::ParsingMaps => "Parsing maps",
        }
    }
}

#[derive(Debug, Default)]
pub struct Progress {
    phase: AtomicU8,
    done: AtomicU64,
    total: AtomicU64,
    /// Everything is cancelled: the worker is being given up.
    cancelled: AtomicBool,
    /// The number of the request being worked on, counted from 1.
    request: AtomicU64,
    /// Requests numbered up to this one are cancelled: a newer one replaces them.
    cancelled_through: AtomicU64,
}

/// What [`Progress`] said when it was last looked at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Snapshot {
    pub phase: Phase,
    /// Bytes done of `total`; 0 of 0 when the phase cannot count.
    pub done: u64,
    pub total: u64,
}

impl Snapshot {
    /// Done as a fraction of the total, if the phase counts.
    pub fn fraction(&self) -> Option<f32> {
        (self.total > 0).then(|| (self.done.min(self.total) as f64 / self.total as f64) as f32)
    }
}

impl Progress {
    /// A phase begins; `total` bytes of work, or 0 when it cannot be counted.
    pub fn begin(&self, phase: Phase, total: u64) {
        self.done.store(0, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
        self.phase.store(phase as u8, Ordering::Relaxed);
    }

    pub fn advance_to(&self, done: u64) {
        self.done.store(done, Ordering::Relaxed);
    }

    /// `more` bytes done, by one of several threads sharing the work.
    pub fn advance_by(&self, more: u64) {
        self.done.fetch_add(more, Ordering::Relaxed);
    }

    pub fn snapshot(&self) -> Snapshot {
        let phase = Phase::ALL
            .get(usize::from(self.phase.load(Ordering::Relaxed)))
            .copied()
            .unwrap_or(Phase::Idle);
        Snapshot {
            phase,
            done: self.done.load(Ordering::Relaxed),
            total: self.total.load(Ordering::Relaxed),
        }
    }

    /// Asks the work to stop at its next check, now and for good.
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    /// The worker starts request `number` (counted from 1).
    pub fn start_request(&self, number: u64) {
        self.request.store(number, Ordering::Relaxed);
    }

    /// Cancels requests numbered up to `number`, running or waiting; later
    /// ones run. Race-free: a request that already ended is not touched, and
    /// the next one is not cancelled by mistake.
    pub fn cancel_through(&self, number: u64) {
        self.cancelled_through.fetch_max(number, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        let through = self.cancelled_through.load(Ordering::Relaxed);
        self.cancelled.load(Ordering::Relaxed)
            || (through > 0 && self.request.load(Ordering::Relaxed) <= through)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phases_count_bytes_and_cancelling_is_seen() {
        let progress = Progress::default();
        assert_eq!(progress.snapshot().phase, Phase::Idle);
        progress.begin(Phase::Reading, 200);
        progress.advance_to(50);
        let snapshot = progress.snapshot();
        assert_eq!(
            (snapshot.phase, snapshot.done, snapshot.total),
            (Phase::Reading, 50, 200)
        );
        assert_eq!(snapshot.fraction(), Some(0.25));
        progress.begin(Phase::Linking, 0);
        assert_eq!(progress.snapshot().fraction(), None);
        assert!(!progress.is_cancelled());
        progress.cancel();
        assert!(progress.is_cancelled());
    }

    #[test]
    fn a_newer_request_cancels_the_ones_before_it_only() {
        let progress = Progress::default();
        progress.start_request(1);
        assert!(!progress.is_cancelled());
        progress.cancel_through(2);
        assert!(progress.is_cancelled(), "request 1, running");
        progress.start_request(2);
        assert!(
            progress.is_cancelled(),
            "request 2, waiting when it was cancelled"
        );
        progress.start_request(3);
        assert!(!progress.is_cancelled(), "the newer request runs");
        progress.cancel_through(1);
        assert!(
            !progress.is_cancelled(),
            "cancelling older ones again changes nothing"
        );
    }
}

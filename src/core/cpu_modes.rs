//! The seven ways the playground runs the CPU experiment, and what each stands for in the tutorial.

use serde::{Deserialize, Serialize};

/// An execution mode of the CPU experiment. The ids are the ones used in URLs and exports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum CpuMode {
    /// One dedicated web worker runs every task in order: the baseline.
    #[serde(rename = "serial")]
    Serial,
    /// The same loop on the page's own thread: the page freezes while it runs.
    #[serde(rename = "main-thread")]
    MainThread,
    /// Cooperative async tasks on the event loop, yielding between slices (the coroutine analogue).
    #[serde(rename = "async")]
    Async,
    /// A rayon pool on shared memory: the thread analogue, without a GIL.
    #[serde(rename = "rayon")]
    Rayon,
    /// The same pool with one global lock held by every task: an emulated GIL.
    #[serde(rename = "global-lock")]
    GlobalLock,
    /// k web workers with their own memory, fed chunks up front (the process-pool analogue).
    #[serde(rename = "workers")]
    Workers,
    /// k long-lived workers pulling chunks from one job queue (processes + queue).
    #[serde(rename = "workers-queue")]
    WorkersQueue,
}

/// A row of the tutorial's CPU table (CPython 3, 20000 tasks, 4 threads/processes).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TutorialFigure {
    /// The tutorial's name for the variant.
    pub variant: &'static str,
    /// Measured seconds.
    pub seconds: f64,
    /// Speedup over its single-threaded base.
    pub speedup: f64,
}

/// The tutorial's measured CPU table, n = 20000.
pub const TUTORIAL_N: u32 = 20_000;
const BASE: TutorialFigure = TutorialFigure { variant: "base", seconds: 131.50, speedup: 1.0 };
const THREAD: TutorialFigure = TutorialFigure { variant: "thread ×4", seconds: 124.02, speedup: 1.06 };
const PROCESS: TutorialFigure = TutorialFigure { variant: "multiprocess ×4", seconds: 71.51, speedup: 1.84 };
const QUEUE: TutorialFigure = TutorialFigure { variant: "process + queue ×4", seconds: 77.31, speedup: 1.70 };
const COROUTINE: TutorialFigure = TutorialFigure { variant: "coroutine", seconds: 124.85, speedup: 1.05 };

impl CpuMode {
    /// Every mode, in the order the panel lists and runs them (the baseline first).
    pub const ALL: [CpuMode; 7] = [
        CpuMode::Serial,
        CpuMode::MainThread,
        CpuMode::Async,
        CpuMode::Rayon,
        CpuMode::GlobalLock,
        CpuMode::Workers,
        CpuMode::WorkersQueue,
    ];

    /// The id used in URLs, exports and element ids.
    pub fn id(self) -> &'static str {
        match self {
            CpuMode::Serial => "serial",
            CpuMode::MainThread => "main-thread",
            CpuMode::Async => "async",
            CpuMode::Rayon => "rayon",
            CpuMode::GlobalLock => "global-lock",
            CpuMode::Workers => "workers",
            CpuMode::WorkersQueue => "workers-queue",
        }
    }

    /// Parses an id as written in a URL.
    pub fn from_id(id: &str) -> Option<CpuMode> {
        CpuMode::ALL.into_iter().find(|m| m.id() == id)
    }

    /// Needs `SharedArrayBuffer`, so a cross-origin isolated page.
    pub fn needs_shared_memory(self) -> bool {
        matches!(self, CpuMode::Rayon | CpuMode::GlobalLock)
    }

    /// Runs on k threads or workers (the others run on exactly one).
    pub fn uses_k(self) -> bool {
        matches!(self, CpuMode::Rayon | CpuMode::GlobalLock | CpuMode::Workers | CpuMode::WorkersQueue)
    }

    /// Sends work in chunks of tasks, so the chunk size applies.
    pub fn uses_chunk(self) -> bool {
        matches!(self, CpuMode::Workers | CpuMode::WorkersQueue)
    }

    /// The threads (or workers) this mode computes on when the learner chose `k`.
    pub fn threads(self, k: u32) -> u32 {
        if self.uses_k() {
            k
        } else {
            1
        }
    }

    /// The matching row of the tutorial's table.
    pub fn tutorial(self) -> TutorialFigure {
        match self {
            CpuMode::Serial | CpuMode::MainThread => BASE,
            CpuMode::Async => COROUTINE,
            CpuMode::Rayon | CpuMode::GlobalLock => THREAD,
            CpuMode::Workers => PROCESS,
            CpuMode::WorkersQueue => QUEUE,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Ids round-trip and match what serde writes, so URLs and exports agree.
    #[test]
    fn ids_round_trip() {
        for m in CpuMode::ALL {
            assert_eq!(CpuMode::from_id(m.id()), Some(m));
            assert_eq!(serde_json::to_string(&m).unwrap(), format!("\"{}\"", m.id()));
        }
        assert_eq!(CpuMode::from_id("threads"), None);
    }

    /// The tutorial's speedups are its own times divided into its base time.
    #[test]
    fn tutorial_speedups_are_consistent() {
        for m in CpuMode::ALL {
            let f = m.tutorial();
            assert!((BASE.seconds / f.seconds - f.speedup).abs() < 0.01, "{m:?}");
        }
    }
}

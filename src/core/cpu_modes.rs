//! The ways the playground runs the CPU experiment — in Rust and in Python — and what each stands
//! for in the tutorial.

use super::engine::Engine;
use super::ids::Colour;
use crate::id_table;

id_table! {
    /// An execution mode of the CPU experiment. The ids are the ones used in URLs and exports.
    pub enum CpuMode: CpuModeRow {
        /// One dedicated web worker runs every task in order: the baseline.
        Serial = "serial" => CpuModeRow { on_k: false, chunked: false, shared_memory: false, tutorial: BASE,
            colour: Colour { light: "#5a606b", dark: "#b6bcc7" }, engine: Engine::Rust },
        /// The same loop on the page's own thread: the page freezes while it runs.
        MainThread = "main-thread" => CpuModeRow { on_k: false, chunked: false, shared_memory: false, tutorial: BASE,
            colour: Colour { light: "#b3261e", dark: "#ff8a80" }, engine: Engine::Rust },
        /// Cooperative async tasks on the event loop, yielding between slices (the coroutine analogue).
        Async = "async" => CpuModeRow { on_k: false, chunked: false, shared_memory: false, tutorial: COROUTINE,
            colour: Colour { light: "#a86a00", dark: "#f0c060" }, engine: Engine::Rust },
        /// A rayon pool on shared memory: the thread analogue, without a GIL.
        Rayon = "rayon" => CpuModeRow { on_k: true, chunked: false, shared_memory: true, tutorial: THREAD,
            colour: Colour { light: "#0b5fb0", dark: "#6cb0ff" }, engine: Engine::Rust },
        /// The same pool with one global lock held by every task: an emulated GIL.
        GlobalLock = "global-lock" => CpuModeRow { on_k: true, chunked: false, shared_memory: true, tutorial: THREAD,
            colour: Colour { light: "#8e44ad", dark: "#d0a0f0" }, engine: Engine::Rust },
        /// k web workers with their own memory, fed chunks up front (the process-pool analogue).
        Workers = "workers" => CpuModeRow { on_k: true, chunked: true, shared_memory: false, tutorial: PROCESS,
            colour: Colour { light: "#17733a", dark: "#6fd18f" }, engine: Engine::Rust },
        /// k long-lived workers pulling chunks from one job queue (processes + queue).
        WorkersQueue = "workers-queue" => CpuModeRow { on_k: true, chunked: true, shared_memory: false, tutorial: QUEUE,
            colour: Colour { light: "#00838f", dark: "#4dd0e1" }, engine: Engine::Rust },
        /// One Pyodide interpreter in a worker runs the Python workload in order: Python's own base.
        PySerial = "py-serial" => CpuModeRow { on_k: false, chunked: false, shared_memory: false, tutorial: BASE,
            colour: Colour { light: "#7a5c00", dark: "#e8c547" }, engine: Engine::Python },
        /// k workers, each its own interpreter, every chunk submitted up front (the process pool).
        PyProcesses = "py-processes" => CpuModeRow { on_k: true, chunked: true, shared_memory: false, tutorial: PROCESS,
            colour: Colour { light: "#306998", dark: "#7fb2e5" }, engine: Engine::Python },
        /// k interpreters pulling chunks from one job queue (processes + queue).
        PyProcessesQueue = "py-processes-queue" => CpuModeRow { on_k: true, chunked: true, shared_memory: false, tutorial: QUEUE,
            colour: Colour { light: "#1d4f7a", dark: "#a9cdf0" }, engine: Engine::Python },
        /// One interpreter, every task a coroutine gathered on an asyncio event loop.
        PyAsyncio = "py-asyncio" => CpuModeRow { on_k: false, chunked: false, shared_memory: false, tutorial: COROUTINE,
            colour: Colour { light: "#9c4f00", dark: "#ffb366" }, engine: Engine::Python },
        /// `concurrent.futures.ThreadPoolExecutor` with k threads: Pyodide cannot start threads, so it fails.
        PyThreads = "py-threads" => CpuModeRow { on_k: true, chunked: false, shared_memory: false, tutorial: THREAD,
            colour: Colour { light: "#6b6b6b", dark: "#c9c9c9" }, engine: Engine::Python },
    }
}

/// What the page needs to know about a CPU mode: one row per mode, in [`CpuMode`]'s table.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CpuModeRow {
    /// Runs on the learner's k threads or workers (the others run on exactly one).
    pub on_k: bool,
    /// Sends work in chunks of tasks, so the chunk size applies.
    pub chunked: bool,
    /// Needs `SharedArrayBuffer`, so a cross-origin isolated page.
    pub shared_memory: bool,
    /// The matching row of the tutorial's table.
    pub tutorial: TutorialFigure,
    /// The series colour in charts and legends (`.series-<id>`).
    pub colour: Colour,
    /// Which language's runtime computes it.
    pub engine: Engine,
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
    /// Needs `SharedArrayBuffer`, so a cross-origin isolated page.
    pub fn needs_shared_memory(self) -> bool {
        self.row().shared_memory
    }

    /// Runs on k threads or workers (the others run on exactly one).
    pub fn uses_k(self) -> bool {
        self.row().on_k
    }

    /// Sends work in chunks of tasks, so the chunk size applies.
    pub fn uses_chunk(self) -> bool {
        self.row().chunked
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
        self.row().tutorial
    }

    /// Python interpreters it borrows from the page's pool at `k`: a process pool's k, one for
    /// the single-interpreter modes, none for Rust.
    pub fn interpreters(self, k: u32) -> u32 {
        match self.engine() {
            Engine::Rust => 0,
            Engine::Python if self.row().chunked => k,
            Engine::Python => 1,
        }
    }

    /// Which language's runtime computes it.
    pub fn engine(self) -> Engine {
        self.row().engine
    }

    /// The mode whose time this one's speedup is over: its own engine's serial baseline.
    pub fn baseline(self) -> CpuMode {
        match self.engine() {
            Engine::Rust => CpuMode::Serial,
            Engine::Python => CpuMode::PySerial,
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

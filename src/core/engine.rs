//! The language runtimes an experiment's modes run on.

use crate::id_table;

id_table! {
    /// Which runtime computes a mode: Rust compiled to WebAssembly, or CPython (Pyodide) beside it.
    pub enum Engine {
        /// Rust compiled to WebAssembly: the page's own module.
        Rust = "rust",
        /// CPython compiled to WebAssembly (Pyodide), loaded only when a Python mode runs.
        Python = "python",
    }
}

id_table! {
    /// How one Python interpreter runs a CPU job: the `style` of a job message, read by
    /// `www/py/cpu.mjs` through its `STYLE` table (checked against this one in `core::wire`).
    pub enum JobStyle {
        /// The tasks in order, one after another.
        Plain = "plain",
        /// Every task a coroutine, gathered on one asyncio event loop.
        Asyncio = "asyncio",
        /// `concurrent.futures.ThreadPoolExecutor` with k threads.
        Threads = "threads",
    }
}

/// A run's Python pool coming up before anything is timed (like creating the executor): the
/// interpreters it had to start, and how long that took. Exported with the run's browser facts.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PoolStart {
    /// Interpreters started (0 when every one was warm already).
    pub started: u32,
    /// Warm interpreters the run had once they were up.
    pub size: u32,
    /// Wall time of starting them (ms).
    pub ms: f64,
}

/// What one interpreter's start cost, as its worker measured it.
#[derive(Clone, Debug, PartialEq)]
pub struct EngineLoad {
    /// Pyodide's version.
    pub version: String,
    /// CPython's version inside it.
    pub python: String,
    /// Fetch, compile and interpreter start-up (ms).
    pub ms: f64,
    /// Bytes of engine files read (from the network or a cache).
    pub bytes: f64,
    /// Of those, bytes that came over HTTP.
    pub network_bytes: f64,
    /// The interpreter started from a memory snapshot.
    pub from_snapshot: bool,
}

/// Where the Python engine stands on this page: what the loading line shows.
#[derive(Clone, Debug, PartialEq, Default)]
pub enum EngineStatus {
    /// Nothing of it fetched yet.
    #[default]
    NotLoaded,
    /// The first interpreter is loading.
    Loading,
    /// Loaded once.
    Ready {
        /// The first (cold) start.
        first: EngineLoad,
        /// The slowest interpreter of the latest run's start, if a run came after it.
        last: Option<EngineLoad>,
        /// A memory snapshot is kept, so later interpreters start warm.
        snapshot: bool,
    },
    /// It could not load (offline without a cached copy, a browser without module workers…).
    Failed(String),
}

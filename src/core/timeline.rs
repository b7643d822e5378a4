//! What ran where and when: one span per task (or request), on a lane.

use serde::{Deserialize, Serialize};

/// Where a task ran.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "kind", content = "index")]
pub enum Lane {
    /// The page's main thread, blocking it.
    Main,
    /// The page's event loop, between other events.
    EventLoop,
    /// A thread of the shared-memory pool (0-based).
    Thread(u16),
    /// A web worker with its own memory (0-based).
    Worker(u16),
}

impl Lane {
    /// The lane's id for attributes, CSS and exports: `main`, `event-loop`, `thread-0`,
    /// `worker-3` (the one place lanes are named).
    pub fn id(self) -> String {
        match self {
            Lane::Main => "main".into(),
            Lane::EventLoop => "event-loop".into(),
            Lane::Thread(t) => format!("thread-{t}"),
            Lane::Worker(w) => format!("worker-{w}"),
        }
    }
}

/// A thread waiting for the emulated GIL (`global-lock`): it had work but not the lock. Times
/// are ms from the start of the timed run, as for [`Span`].
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Wait {
    /// The thread that waited.
    pub lane: Lane,
    /// When it asked for the lock.
    pub start: f64,
    /// When it got it.
    pub end: f64,
}

/// One task on the timeline. Times are ms from the start of the timed run.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Span {
    /// Task number `i` (or request index).
    pub task: u32,
    /// Where it ran.
    pub lane: Lane,
    /// Start, ms after the run started.
    pub start: f64,
    /// End, ms after the run started.
    pub end: f64,
}

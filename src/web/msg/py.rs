//! Page ↔ Python worker (`www/py/cpu.mjs`, whose `MSG` table mirrors these names): load an
//! interpreter, then jobs; every reply echoes the run it answers.

use super::cpu::{FromCpu, Job};
use super::{field, kind, no_transfer, num, object, text, uint, Decode, Encode, Kind};
use crate::core::engine::EngineLoad;
use crate::core::run::Batch;
use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;

/// How one interpreter runs a job.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// The tasks in order, one after another.
    Plain,
    /// Every task a coroutine, gathered on one asyncio event loop.
    Asyncio,
    /// `concurrent.futures.ThreadPoolExecutor` with k threads.
    Threads,
}

impl Style {
    /// The style's name on the wire.
    pub fn id(self) -> &'static str {
        match self {
            Style::Plain => "plain",
            Style::Asyncio => "asyncio",
            Style::Threads => "threads",
        }
    }
}

/// Page → Python worker.
pub enum ToPython {
    /// Start the interpreter (from `snapshot` if given); `make_snapshot` asks for one back.
    Load { run: u32, snapshot: Option<Uint8Array>, make_snapshot: bool },
    /// Compute `job` the way `style` says, on `k` threads where that applies.
    Job { run: u32, job: Job, style: Style, k: u32 },
}

/// An exception, in Python's own words.
#[derive(Clone, Debug, PartialEq)]
pub struct PyError {
    /// The exception's class, e.g. `RuntimeError`.
    pub kind: String,
    /// Its last line, e.g. `RuntimeError: can't start new thread`.
    pub message: String,
    /// The whole traceback.
    pub traceback: String,
}

/// Python worker → page.
pub enum FromPython {
    /// The interpreter is up.
    Loaded { run: u32, load: EngineLoad, snapshot: Option<Uint8Array> },
    /// Results of consecutive tasks of a job.
    Batch { run: u32, batch: Batch },
    /// Loading or a job failed.
    Failed { run: u32, error: PyError },
    /// The worker script itself failed (its `error` event), or sent something unknown.
    Broken(String),
}

impl Encode for ToPython {
    fn encode(&self) -> (JsValue, Array) {
        let msg = match self {
            ToPython::Load { run, snapshot, make_snapshot } => {
                let mut f = vec![("run", (*run).into()), ("makeSnapshot", (*make_snapshot).into())];
                if let Some(s) = snapshot {
                    f.push(("snapshot", s.clone().into()));
                }
                object(Kind::PyLoad, &f)
            }
            ToPython::Job { run, job, style, k } => object(
                Kind::PyJob,
                &[
                    ("run", (*run).into()),
                    ("id", job.id.into()),
                    ("start", job.start.into()),
                    ("end", job.end.into()),
                    ("stream_ms", job.stream_ms.into()),
                    ("style", style.id().into()),
                    ("k", (*k).into()),
                ],
            ),
        };
        (msg, no_transfer())
    }
}

impl Decode for FromPython {
    fn decode(v: &JsValue) -> Option<Self> {
        let run = uint(v, "run")?;
        let txt = |k| text(v, k).unwrap_or_default();
        match kind(v)? {
            Kind::PyLoaded => Some(FromPython::Loaded {
                run,
                load: EngineLoad {
                    version: txt("version"),
                    python: txt("python"),
                    ms: num(v, "ms")?,
                    bytes: num(v, "bytes")?,
                    network_bytes: num(v, "networkBytes")?,
                    from_snapshot: txt("start") == "snapshot",
                },
                snapshot: field(v, "snapshot").dyn_into::<Uint8Array>().ok(),
            }),
            Kind::Batch => match FromCpu::decode(v)? {
                FromCpu::Batch(batch) => Some(FromPython::Batch { run, batch }),
            },
            Kind::PyFailed => Some(FromPython::Failed {
                run,
                error: PyError { kind: txt("errorType"), message: txt("error"), traceback: txt("traceback") },
            }),
            _ => None,
        }
    }
}

impl FromPython {
    /// Reads whatever the worker posted: a message of this channel, or [`FromPython::Broken`].
    pub fn read(v: &JsValue) -> FromPython {
        FromPython::decode(v).unwrap_or_else(|| FromPython::Broken(format!("unexpected message {v:?}")))
    }

    /// The run a message answers (none for a broken worker).
    pub fn run(&self) -> Option<u32> {
        match self {
            FromPython::Loaded { run, .. } | FromPython::Batch { run, .. } | FromPython::Failed { run, .. } => {
                Some(*run)
            }
            FromPython::Broken(_) => None,
        }
    }
}

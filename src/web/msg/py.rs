//! Page ↔ Python worker (`www/py/cpu.mjs`, whose `MSG` table mirrors these names): load an
//! interpreter, then jobs; every reply echoes the run it answers.

use super::cpu::{FromCpu, Job};
use super::{field, kind, no_transfer, num, object, text, uint, Decode, Encode, Kind};
use crate::core::engine::EngineLoad;
use crate::core::run::Batch;
use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;

pub use crate::core::engine::JobStyle as Style;

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

impl PyError {
    /// Reads the `error` field every Python worker sends in one shape, `{ type, message,
    /// traceback }` (engine.mjs's `pythonError`); `None` when there is none.
    pub fn read(msg: &JsValue) -> Option<PyError> {
        let e = field(msg, "error");
        if e.is_null() || e.is_undefined() {
            return None;
        }
        // A bare string is still an error, not silence.
        if let Some(s) = e.as_string() {
            return Some(PyError { kind: "Error".into(), message: s.clone(), traceback: s });
        }
        let t = |k| text(&e, k).unwrap_or_default();
        Some(PyError { kind: t("type"), message: t("message"), traceback: t("traceback") })
    }
}

/// Reads the load report every Python worker sends when its interpreter is up (the fields of
/// engine.mjs's `report`); `None` when a figure is missing.
pub fn engine_load(v: &JsValue) -> Option<EngineLoad> {
    Some(EngineLoad {
        version: text(v, "version").unwrap_or_default(),
        python: text(v, "python").unwrap_or_default(),
        ms: num(v, "ms")?,
        bytes: num(v, "bytes")?,
        network_bytes: num(v, "networkBytes")?,
        from_snapshot: text(v, "start").as_deref() == Some("snapshot"),
    })
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
        match kind(v)? {
            Kind::PyLoaded => Some(FromPython::Loaded {
                run,
                load: engine_load(v)?,
                snapshot: field(v, "snapshot").dyn_into::<Uint8Array>().ok(),
            }),
            Kind::Batch => match FromCpu::decode(v)? {
                FromCpu::Batch(batch) => Some(FromPython::Batch { run, batch }),
            },
            Kind::PyFailed => Some(FromPython::Failed {
                run,
                error: PyError::read(v).unwrap_or_else(|| PyError {
                    kind: "Error".into(),
                    message: "the Python worker failed without saying why".into(),
                    traceback: String::new(),
                }),
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

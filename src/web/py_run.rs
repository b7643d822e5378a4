//! The page's side of `py/runner.mjs`: a module worker with its own Pyodide interpreter that runs
//! whole Python programs (the cell's code, the I/O experiment's Python modes). Messages are typed
//! here once — [`PyRequest`] out, [`PyReply`] in — their names in `core::wire::Kind`, which
//! runner.mjs's `MSG` mirrors.
//! Dropping a [`PyRunner`] stops the worker: that is how a runaway program is stopped. Where
//! shared memory exists (a cross-origin isolated page) it first raises `KeyboardInterrupt` in the
//! program through Pyodide's interrupt buffer and terminates the worker a moment later, once the
//! interpreter has unwound: Firefox reports a worker terminated in the middle of Pyodide's
//! stack-switching (JSPI) call of an `async` program as an uncaught exception.

use super::msg::py::engine_load;
use super::msg::{field, kind, num, object, text, Kind};
use super::py_engine;
use super::py_worker::PyError;
use super::workers::{js_error_text, start_module_worker, Hooked};
use crate::core::engine::EngineLoad;
use crate::core::pycell::{Clock, Stream};
use futures::channel::mpsc;
use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;

/// What the page asks of the worker.
pub enum PyRequest<'a> {
    /// Start the interpreter, from the engine's memory snapshot when there is one (replies
    /// [`PyReply::Loaded`] or [`PyReply::Failed`]).
    Load { run: u32, snapshot: Option<js_sys::Uint8Array>, interrupt: Option<js_sys::Int32Array> },
    /// Run a program; `args` is what it imports as the module `page`; `trace`: record its
    /// asyncio tasks (the reply's [`PyReply::Done`] then carries them); `clock`: the clock it
    /// reads; `step`: pause before the first callback of its loop (virtual clock only), replying
    /// [`PyReply::Paused`].
    Run { run: u32, code: &'a str, filename: &'a str, args: JsValue, trace: bool, clock: Clock, step: bool },
    /// Run up to `count` callbacks of a paused run's loop.
    Step { run: u32, count: u32 },
    /// Run a paused run to its end.
    Resume { run: u32 },
}

impl PyRequest<'_> {
    fn to_js(&self) -> JsValue {
        match self {
            PyRequest::Load { run, snapshot, interrupt } => object(
                Kind::PyrunLoad,
                &[
                    ("run", (*run).into()),
                    ("snapshot", snapshot.clone().map(JsValue::from).unwrap_or(JsValue::NULL)),
                    ("interrupt", interrupt.clone().map(JsValue::from).unwrap_or(JsValue::NULL)),
                ],
            ),
            PyRequest::Run { run, code, filename, args, trace, clock, step } => object(
                Kind::PyrunRun,
                &[
                    ("run", (*run).into()),
                    ("code", (*code).into()),
                    ("filename", (*filename).into()),
                    ("args", args.clone()),
                    ("trace", (*trace).into()),
                    ("clock", clock.id().into()),
                    ("step", (*step).into()),
                ],
            ),
            PyRequest::Step { run, count } => {
                object(Kind::PyrunStep, &[("run", (*run).into()), ("count", (*count).into())])
            }
            PyRequest::Resume { run } => object(Kind::PyrunResume, &[("run", (*run).into())]),
        }
    }
}

/// A plain object from `(key, value)` pairs: the arguments a program imports as `page` (not a
/// message, so it has no `type`).
pub fn plain(fields: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in fields {
        Reflect::set(&o, &JsValue::from_str(k), v).expect("setting a field on a fresh object cannot fail");
    }
    o.into()
}

/// What the worker answers; every reply names its run.
#[derive(Clone, Debug)]
pub enum PyReply {
    /// The interpreter is ready.
    Loaded { run: u32, facts: EngineLoad },
    /// Text a program wrote.
    Out { run: u32, stream: Stream, text: String },
    /// A value a program handed over with `page.emit`.
    Emit { run: u32, value: JsValue },
    /// A program ended; `error` when an exception escaped (its traceback went to stderr);
    /// `trace`: the JSON text of a traced run's events; `clock`: the clock `ms` was read on.
    Done { run: u32, ms: f64, error: Option<PyError>, trace: Option<String>, clock: Clock },
    /// A stepped run's loop paused; `state`: its JSON text (`core::pycell::stepper::Paused`).
    Paused { run: u32, state: String },
    /// A traced run's events since its last batch (JSON text), while it runs.
    Trace { run: u32, events: String },
    /// The interpreter could not start, or the worker failed.
    Failed { run: u32, error: String },
}

impl PyReply {
    fn from_js(m: &JsValue) -> PyReply {
        let run = num(m, "run").unwrap_or(0.0) as u32;
        let txt = |k| text(m, k).unwrap_or_default();
        let number = |k| num(m, k).unwrap_or(f64::NAN);
        match kind(m) {
            Some(Kind::PyrunLoaded) => match engine_load(m) {
                Some(facts) => PyReply::Loaded { run, facts },
                None => PyReply::Failed { run, error: "the Python worker's load report lacks a figure".into() },
            },
            Some(Kind::PyrunOut) => PyReply::Out {
                run,
                stream: Stream::from_id(&txt("stream")).unwrap_or(Stream::Stderr),
                text: txt("text"),
            },
            Some(Kind::PyrunEmit) => PyReply::Emit { run, value: field(m, "value") },
            Some(Kind::PyrunDone) => PyReply::Done {
                run,
                ms: number("ms"),
                error: PyError::read(m),
                trace: text(m, "trace"),
                clock: text(m, "clock").and_then(|c| Clock::from_id(&c)).unwrap_or_default(),
            },
            Some(Kind::PyrunPaused) => PyReply::Paused { run, state: txt("state") },
            Some(Kind::PyrunTrace) => PyReply::Trace { run, events: txt("events") },
            Some(Kind::PyrunFailed) => PyReply::Failed {
                run,
                error: PyError::read(m).map_or_else(|| "the Python worker failed".into(), |e| e.message),
            },
            _ => PyReply::Failed { run, error: format!("unexpected message {:?} from the Python worker", txt("type")) },
        }
    }

    /// The run the reply answers.
    pub fn run(&self) -> u32 {
        match self {
            PyReply::Loaded { run, .. }
            | PyReply::Out { run, .. }
            | PyReply::Emit { run, .. }
            | PyReply::Done { run, .. }
            | PyReply::Paused { run, .. }
            | PyReply::Trace { run, .. }
            | PyReply::Failed { run, .. } => *run,
        }
    }
}

/// One Python worker.
pub struct PyRunner {
    hooked: Hooked,
    /// Pyodide's interrupt buffer (one `i32` the interpreter polls; 2 = SIGINT), shared with the
    /// worker; `None` without shared memory.
    interrupt: Option<js_sys::Int32Array>,
}

/// `py/runner.mjs` next to the page, from any sub-path.
fn runner_url() -> String {
    let base =
        web_sys::window().and_then(|w| w.document()).and_then(|d| d.base_uri().ok().flatten()).unwrap_or_default();
    web_sys::Url::new_with_base("py/runner.mjs", &base).map(|u| u.href()).unwrap_or_else(|_| "py/runner.mjs".into())
}

impl PyRunner {
    /// Loads the engine if it is not yet (the first load leaves a memory snapshot: see
    /// [`py_engine::warm`]), then starts a worker whose interpreter starts from that snapshot
    /// (`load` names run 0). Replies arrive on the stream. `name` shows in devtools.
    ///
    /// # Errors
    /// The engine could not load, or the browser refused to create the worker (a missing file
    /// is reported later as [`PyReply::Failed`]).
    pub async fn start(name: &str) -> Result<(PyRunner, mpsc::UnboundedReceiver<PyReply>), String> {
        py_engine::warm().await?;
        let (hooked, rx) = start_module_worker(
            &runner_url(),
            name,
            PyReply::from_js,
            |error| PyReply::Failed { run: 0, error },
            "the Python worker failed to start",
        )?;
        let interrupt = super::env::isolated().then(|| js_sys::Int32Array::new(&js_sys::SharedArrayBuffer::new(4)));
        let runner = PyRunner { hooked, interrupt };
        runner.send(&PyRequest::Load {
            run: 0,
            snapshot: py_engine::snapshot(),
            interrupt: runner.interrupt.clone(),
        })?;
        Ok((runner, rx))
    }

    /// Sends a request (it waits in the worker behind the load and any earlier run).
    ///
    /// # Errors
    /// The worker cannot take messages any more.
    pub fn send(&self, request: &PyRequest<'_>) -> Result<(), String> {
        self.hooked.worker.post_message(&request.to_js()).map_err(|e| js_error_text(&e))
    }
}

/// How long an interrupted program gets to unwind before its worker is terminated anyway (a
/// program that catches `KeyboardInterrupt` and goes on is stopped then).
const UNWIND_MS: i32 = 300;

impl Drop for PyRunner {
    fn drop(&mut self) {
        // Without shared memory the program cannot be interrupted: `hooked` terminates it now.
        let Some(buffer) = &self.interrupt else { return };
        // What the interrupted program still posts goes nowhere: `hooked` unhooks the handlers.
        let _ = js_sys::Atomics::store(buffer, 0, 2); // SIGINT
        let worker = self.hooked.worker.clone();
        let terminate = Closure::once_into_js(move || worker.terminate());
        let later = web_sys::window()
            .map(|w| w.set_timeout_with_callback_and_timeout_and_arguments_0(terminate.unchecked_ref(), UNWIND_MS));
        if matches!(later, Some(Ok(_))) {
            self.hooked.terminate_on_drop = false;
        }
    }
}

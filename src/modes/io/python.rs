//! What the four Python modes share: one worker with its own Pyodide interpreter (kept warm
//! between modes, rounds and runs, and started before anything is timed), a short Python prelude with the download every `pyfetch` mode
//! uses, and the loop that turns the program's reports into the same records the Rust modes
//! make. Each mode's file holds only its own strategy, in Python.
//!
//! The program imports the module `page`: `page.requests` (a list of `{index, url, foreign}`),
//! `page.k`, `page.now()` (epoch ms, the clock the page's records use) and `page.emit(report)`,
//! with `report = {index, status, start, end, body: bytes | None, error: str | None}`.

use super::{IoPlan, IoSink};
use crate::core::engine::PoolStart;
use crate::core::io_report::RequestError;
use crate::core::pycell::Clock;
use crate::core::timeline::Lane;
use crate::modes::Stop;
use crate::web::clock::now;
use crate::web::fetch::{server_answers, Downloaded};
use crate::web::msg::{field, num, uint};
use crate::web::py_engine::next_run;
use crate::web::py_run::{plain, PyReply, PyRequest, PyRunner};
use futures::channel::mpsc::UnboundedReceiver;
use futures::StreamExt;
use js_sys::{Array, ArrayBuffer, Uint8Array};
use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};

/// The download the `pyfetch` modes share (Python, prepended to their programs).
pub const PRELUDE: &str = r#"import asyncio
import page
from pyodide.http import pyfetch

requests = page.requests.to_py()


async def download(req):
    """GET one URL with the browser's fetch; report status, timing and bytes to the page."""
    start = page.now()
    try:
        response = await pyfetch(req["url"], cache="no-store")
        body = await response.bytes()
        ok = 200 <= response.status < 300
        page.emit({"index": req["index"], "status": response.status, "start": start, "end": page.now(),
                   "body": body if ok else None, "error": None})
    except Exception as error:  # no answer at all: network down, or a CORS refusal
        page.emit({"index": req["index"], "status": 0, "start": start, "end": page.now(),
                   "body": None, "error": str(error)})

"#;

/// What the programs import, loaded while the interpreter starts.
const IMPORTS: &str = "import asyncio\nimport pyodide.http\nfrom js import XMLHttpRequest\n";

thread_local! {
    /// The warm interpreter no I/O mode is using: every Python I/O mode, round and run borrows
    /// it in turn, as the CPU modes borrow the pool's (`web::py_worker`).
    static IDLE: RefCell<Option<Borrowed>> = const { RefCell::new(None) };
}

/// Makes sure one interpreter is warm for the Python I/O modes, before anything is timed.
///
/// # Errors
/// The engine or the interpreter could not start.
pub async fn fill() -> Result<PoolStart, String> {
    if IDLE.with(|i| i.borrow().is_some()) {
        return Ok(PoolStart { started: 0, size: 1, ms: 0.0 });
    }
    let t0 = now();
    let w = PyWorker::start_fresh("python i/o").await?;
    let ms = now() - t0;
    drop(w); // a fresh, clean interpreter: it goes to the idle slot
    Ok(PoolStart { started: 1, size: 1, ms })
}

/// A worker and the stream of its replies.
type Borrowed = (PyRunner, UnboundedReceiver<PyReply>);

/// One interpreter in one worker, borrowed: given back warm when its last program ended with
/// every request reported, terminated (Cancel, a failure) otherwise.
pub struct PyWorker {
    runner: Option<Borrowed>,
    clean: bool,
}

impl Drop for PyWorker {
    fn drop(&mut self) {
        if let (true, Some(runner)) = (self.clean, self.runner.take()) {
            IDLE.with(|i| *i.borrow_mut() = Some(runner));
        }
    }
}

impl PyWorker {
    /// Borrows the warm interpreter, or starts one and waits until it is ready.
    ///
    /// # Errors
    /// The worker or the interpreter could not start (the engine's message).
    pub async fn start(name: &str) -> Result<PyWorker, String> {
        match IDLE.with(|i| i.borrow_mut().take()) {
            Some(runner) => Ok(PyWorker { runner: Some(runner), clean: false }),
            None => PyWorker::start_fresh(name).await,
        }
    }

    async fn start_fresh(name: &str) -> Result<PyWorker, String> {
        let (runner, mut replies) = PyRunner::start(name).await?;
        match replies.next().await {
            Some(PyReply::Loaded { .. }) => {}
            Some(PyReply::Failed { error, .. }) => return Err(error),
            Some(other) => return Err(format!("the Python worker said {other:?} before it was ready")),
            None => return Err("the Python worker went away while starting".into()),
        }
        // The modules the programs import are part of start-up, not of the downloads: a fresh
        // interpreter reads them from the standard library's zip the first time.
        let args = plain(&[("requests", Array::new().into()), ("k", 1.into())]);
        runner.send(&PyRequest::Run {
            run: 0,
            code: IMPORTS,
            filename: "<imports>",
            args,
            trace: false,
            clock: Clock::Real,
            step: false,
        })?;
        while let Some(reply) = replies.next().await {
            match reply {
                PyReply::Done { run: 0, error: None, .. } => {
                    return Ok(PyWorker { runner: Some((runner, replies)), clean: true })
                }
                PyReply::Done { run: 0, error: Some(e), .. } => return Err(e.message),
                PyReply::Failed { error, .. } => return Err(error),
                _ => {}
            }
        }
        Err("the Python worker went away while starting".into())
    }

    /// Runs `program` over the plan's requests; every report goes into `sink` as it arrives.
    ///
    /// # Errors
    /// [`Stop::Failed`] with Python's last line when the program raised, or when it ended
    /// without reporting every request.
    pub async fn download(&mut self, program: &str, plan: &IoPlan, sink: &mut IoSink) -> Result<(), Stop> {
        let requests = Array::new();
        for r in &plan.requests {
            requests.push(&plain(&[
                ("index", r.index.into()),
                ("url", r.url.as_str().into()),
                ("foreign", r.foreign.into()),
            ]));
        }
        let args = plain(&[("requests", requests.into()), ("k", plan.k.max(1).into())]);
        // A borrowed interpreter may still say something of an earlier program: a new run id.
        let run = next_run();
        let code = format!("{PRELUDE}{program}");
        self.clean = false;
        let (runner, replies) = self.runner.as_mut().expect("a borrowed worker keeps its runner until dropped");
        runner
            .send(&PyRequest::Run {
                run,
                code: &code,
                filename: "<io-mode>",
                args,
                trace: false,
                clock: Clock::Real,
                step: false,
            })
            .map_err(Stop::Failed)?;
        let mut reported = 0;
        let mut stderr = String::new();
        while let Some(reply) = replies.next().await {
            match reply {
                PyReply::Emit { run: r, value } if r == run => {
                    // A report without its index or times is the program's bug: it fails the count.
                    let Some((index, mut d)) = downloaded(&value) else { continue };
                    let Some(req) = plan.requests.get(index as usize) else { continue };
                    if req.foreign && d.error == Some(RequestError::Network) && server_answers(&req.url).await {
                        d.error = Some(RequestError::Cors);
                    }
                    sink.put_and_deliver(req, Lane::Worker(0), d);
                    reported += 1;
                }
                PyReply::Out { run: r, stream: crate::core::pycell::Stream::Stderr, text } if r == run => {
                    stderr.push_str(&text)
                }
                PyReply::Done { run: r, error, .. } if r == run => {
                    self.clean = error.is_none() && reported == plan.requests.len();
                    return match error {
                        Some(e) => Err(Stop::Failed(format!("Python: {}", e.message))),
                        None if reported < plan.requests.len() => Err(Stop::Failed(format!(
                            "the Python program reported {reported} of {} downloads{}",
                            plan.requests.len(),
                            if stderr.is_empty() { String::new() } else { format!(": {}", stderr.trim()) }
                        ))),
                        None => Ok(()),
                    };
                }
                PyReply::Failed { error, .. } => return Err(Stop::Failed(error)),
                _ => {}
            }
        }
        Err(Stop::Failed("the Python worker went away".into()))
    }
}

/// A report as the record the Rust modes make (the page checks the bytes afterwards).
fn downloaded(v: &JsValue) -> Option<(u32, Downloaded)> {
    let status = num(v, "status").filter(|s| s.is_finite()).map_or(0, |s| s as u16);
    let buffer = field(v, "body").dyn_into::<Uint8Array>().ok().map(|b| {
        // The worker sent a copy of its own (transferred): the view spans the whole buffer.
        let buffer: ArrayBuffer = b.buffer();
        buffer
    });
    let error = match (status, &buffer) {
        (0, _) => Some(RequestError::Network),
        (200..=299, Some(_)) => None,
        (200..=299, None) => Some(RequestError::Network),
        (s, _) => Some(RequestError::Http(s)),
    };
    let d = Downloaded { status, buffer, error, start: num(v, "start")?, end: num(v, "end")? };
    Some((uint(v, "index")?, d))
}

//! The Python engine (Pyodide) on this page, in one place: starting an interpreter in a module
//! worker, the memory snapshot later interpreters start from, and the engine's status (the
//! loading lines). Every Python worker — the CPU modes' interpreters (`py_worker`), the I/O
//! modes' and the cell's programs (`py_run`) — starts through here.
//!
//! Nothing is fetched until [`warm`] is first called — when a learner ticks a Python mode or
//! runs the cell — and the first interpreter leaves a memory snapshot behind, from which every
//! later one starts (≈ 1 s instead of ≈ 4 s: see `www/py/engine.mjs`).

use super::msg::py::{FromPython, ToPython};
use super::msg::Encode;
use super::workers::{js_error_text, start_module_worker, Hooked};
use crate::core::engine::{EngineLoad, EngineStatus};
use futures::channel::mpsc;
use futures::future::{LocalBoxFuture, Shared};
use futures::{FutureExt, StreamExt};
use js_sys::Uint8Array;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// The worker script, next to the page (so the page works from any sub-path).
const SCRIPT: &str = "py/cpu.mjs";

/// One started worker; terminated when dropped (like killing the process).
pub(crate) struct PyWorker {
    hooked: Hooked,
    pub(crate) inbox: mpsc::UnboundedReceiver<FromPython>,
}

impl PyWorker {
    fn spawn(name: &str) -> Result<PyWorker, String> {
        let failed = format!("{SCRIPT} failed to start");
        let (hooked, inbox) = start_module_worker(SCRIPT, name, FromPython::read, FromPython::Broken, &failed)?;
        Ok(PyWorker { hooked, inbox })
    }

    pub(crate) fn post(&self, msg: &ToPython) -> Result<(), String> {
        self.hooked.worker.post_message(&msg.encode().0).map_err(|e| js_error_text(&e))
    }

    /// Starts a worker and waits until its interpreter is up.
    async fn load(name: &str, run: u32, snapshot: Option<Uint8Array>, make_snapshot: bool) -> Result<Loaded, String> {
        let mut w = PyWorker::spawn(name)?;
        w.post(&ToPython::Load { run, snapshot, make_snapshot })?;
        while let Some(m) = w.inbox.next().await {
            match m {
                FromPython::Loaded { run: r, load, snapshot } if r == run => {
                    return Ok(Loaded { worker: w, load, snapshot })
                }
                FromPython::Failed { run: r, error } if r == run => return Err(error.message),
                FromPython::Broken(e) => return Err(e),
                _ => {} // another run's message
            }
        }
        Err("the Python worker went away".into())
    }
}

pub(crate) struct Loaded {
    pub(crate) worker: PyWorker,
    pub(crate) load: EngineLoad,
    pub(crate) snapshot: Option<Uint8Array>,
}

thread_local! {
    static NEXT_RUN: Cell<u32> = const { Cell::new(1) };
    static ENGINE: RefCell<Engine> = RefCell::new(Engine::default());
}

pub(crate) fn next_run() -> u32 {
    NEXT_RUN.with(|n| {
        let r = n.get();
        n.set(r.wrapping_add(1).max(1));
        r
    })
}

type Warming = Shared<LocalBoxFuture<'static, Result<(), String>>>;
type Listener = (u32, Rc<dyn Fn(EngineStatus)>);

#[derive(Default)]
struct Engine {
    status: EngineStatus,
    snapshot: Option<Uint8Array>,
    warming: Option<Warming>,
    listeners: Vec<Listener>,
    next_listener: u32,
}

fn set_status(status: EngineStatus) {
    let listeners = ENGINE.with(|e| {
        let mut e = e.borrow_mut();
        e.status = status.clone();
        e.listeners.clone()
    });
    for (_, l) in listeners {
        l(status.clone());
    }
}

/// The engine's status now.
pub fn status() -> EngineStatus {
    ENGINE.with(|e| e.borrow().status.clone())
}

/// The memory snapshot later interpreters start from, once the engine has loaded (other Python
/// workers, e.g. `py_run`'s, start from it too).
pub fn snapshot() -> Option<Uint8Array> {
    ENGINE.with(|e| e.borrow().snapshot.clone())
}

/// Calls `f` with every later status change (the panel's loading line); the id unsubscribes.
pub fn subscribe(f: Rc<dyn Fn(EngineStatus)>) -> u32 {
    ENGINE.with(|e| {
        let mut e = e.borrow_mut();
        e.next_listener += 1;
        let id = e.next_listener;
        e.listeners.push((id, f));
        id
    })
}

/// Stops the calls of [`subscribe`]'s `id`.
pub fn unsubscribe(id: u32) {
    ENGINE.with(|e| e.borrow_mut().listeners.retain(|(i, _)| *i != id));
}

/// Loads the engine once (fetching its files, which the service worker then keeps), keeping a
/// memory snapshot for later interpreters. Resolves at once when that is done already; several
/// callers share one load. A failed load is tried again by the next call.
///
/// # Errors
/// What stopped the engine from loading.
pub async fn warm() -> Result<(), String> {
    let warming = ENGINE.with(|e| {
        let mut e = e.borrow_mut();
        if matches!(e.status, EngineStatus::Ready { .. }) {
            return None;
        }
        Some(
            e.warming
                .get_or_insert_with(|| {
                    let f: LocalBoxFuture<'static, Result<(), String>> = Box::pin(first_load());
                    let shared = f.shared();
                    // Runs to the end even if the run that asked for it is cancelled meanwhile.
                    wasm_bindgen_futures::spawn_local(shared.clone().map(|_| ()));
                    shared
                })
                .clone(),
        )
    });
    match warming {
        None => Ok(()),
        Some(w) => w.await,
    }
}

async fn first_load() -> Result<(), String> {
    set_status(EngineStatus::Loading);
    let result = PyWorker::load("python (first start)", next_run(), None, true).await;
    ENGINE.with(|e| e.borrow_mut().warming = None);
    match result {
        Ok(Loaded { worker, load, snapshot }) => {
            drop(worker); // its job was to load once and leave the snapshot
            let has = snapshot.is_some();
            ENGINE.with(|e| e.borrow_mut().snapshot = snapshot);
            set_status(EngineStatus::Ready { first: load, last: None, snapshot: has });
            Ok(())
        }
        Err(e) => {
            set_status(EngineStatus::Failed(e.clone()));
            Err(e)
        }
    }
}

/// Records the slowest start of a run's interpreters as the engine's latest (the loading line
/// shows it beside the first, cold start).
pub(crate) fn note_start(slowest: EngineLoad) {
    if let EngineStatus::Ready { first, snapshot, .. } = status() {
        set_status(EngineStatus::Ready { first, last: Some(slowest), snapshot });
    }
}

impl PyWorker {
    pub(crate) async fn load_named(name: String, run: u32, snapshot: Option<Uint8Array>) -> Result<Loaded, String> {
        PyWorker::load(&name, run, snapshot, false).await
    }
}

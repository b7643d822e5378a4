//! The Python engine's CPU workers (`www/py/cpu.mjs`), seen from the page.
//!
//! One worker is one Pyodide interpreter, like one process of the tutorial's pool. This module
//! owns that channel: the messages each way are one enum each ([`ToPython`], [`FromPython`]),
//! encoded and decoded only here, with the names of `MSG` in cpu.mjs; every message carries the
//! run it belongs to, and a reply for another run is dropped. It also keeps the engine's state
//! for the page (the loading line): nothing is fetched until [`warm`] is first called — when a
//! learner ticks a Python mode — and the first interpreter leaves a memory snapshot behind, from
//! which every later one starts (≈ 1 s instead of ≈ 4 s: see `www/py/engine.mjs`).

pub use super::msg::py::{FromPython, PyError, Style, ToPython};
use super::msg::{Batch, Encode, Job};
use super::workers::{js_error_text, Hooked};
use crate::core::engine::{EngineLoad, EngineStatus};
use crate::core::run::{Cancel, Stop};
use futures::channel::mpsc;
use futures::future::{join_all, select, Either, LocalBoxFuture, Shared};
use futures::stream::{select_all, LocalBoxStream, SelectAll};
use futures::{FutureExt, StreamExt};
use js_sys::Uint8Array;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use web_sys::{Worker, WorkerOptions, WorkerType};

/// The worker script, next to the page (so the page works from any sub-path).
const SCRIPT: &str = "py/cpu.mjs";

/// One started worker; terminated when dropped (like killing the process).
struct PyWorker {
    hooked: Hooked,
    inbox: Option<mpsc::UnboundedReceiver<FromPython>>,
}

impl PyWorker {
    fn spawn(name: &str) -> Result<PyWorker, String> {
        let opts = WorkerOptions::new();
        opts.set_type(WorkerType::Module);
        opts.set_name(name);
        let worker = Worker::new_with_options(SCRIPT, &opts).map_err(|e| js_error_text(&e))?;
        let (tx, inbox) = mpsc::unbounded();
        let tx_err = tx.clone();
        let hooked = Hooked::new(
            worker,
            move |m| {
                let _ = tx.unbounded_send(FromPython::read(&m));
            },
            move |e| {
                let _ = tx_err.unbounded_send(FromPython::Broken(e));
            },
            &format!("{SCRIPT} failed to start"),
        );
        Ok(PyWorker { hooked, inbox: Some(inbox) })
    }

    fn post(&self, msg: &ToPython) -> Result<(), String> {
        self.hooked.worker.post_message(&msg.encode().0).map_err(|e| js_error_text(&e))
    }

    /// Starts a worker and waits until its interpreter is up.
    async fn load(name: &str, run: u32, snapshot: Option<Uint8Array>, make_snapshot: bool) -> Result<Loaded, String> {
        let mut w = PyWorker::spawn(name)?;
        w.post(&ToPython::Load { run, snapshot, make_snapshot })?;
        let inbox = w.inbox.as_mut().expect("a fresh worker has its inbox");
        while let Some(m) = inbox.next().await {
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

struct Loaded {
    worker: PyWorker,
    load: EngineLoad,
    snapshot: Option<Uint8Array>,
}

thread_local! {
    static NEXT_RUN: Cell<u32> = const { Cell::new(1) };
    static ENGINE: RefCell<Engine> = RefCell::new(Engine::default());
}

fn next_run() -> u32 {
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

/// `k` Python workers for one run, each with its own interpreter, and one inbox for all.
/// Dropping the group terminates them.
pub struct PyGroup {
    run: u32,
    workers: Vec<PyWorker>,
    inbox: SelectAll<LocalBoxStream<'static, (usize, FromPython)>>,
}

impl PyGroup {
    /// Loads the engine if needed (see [`warm`]), then starts `k` interpreters at once (from the
    /// snapshot when there is one) and waits until every one is up.
    ///
    /// # Errors
    /// The engine could not load, or a worker failed to start (the others are terminated).
    pub async fn start(k: u32, label: &str) -> Result<PyGroup, String> {
        warm().await?;
        let run = next_run();
        let snapshot = ENGINE.with(|e| e.borrow().snapshot.clone());
        let loads = (0..k).map(|w| PyWorker::load_named(format!("{label} {}", w + 1), run, snapshot.clone()));
        let mut workers = Vec::new();
        let mut slowest: Option<EngineLoad> = None;
        for r in join_all(loads).await {
            let Loaded { worker, load, .. } = r?;
            if slowest.as_ref().is_none_or(|s| load.ms > s.ms) {
                slowest = Some(load);
            }
            workers.push(worker);
        }
        if let (Some(last), EngineStatus::Ready { first, snapshot, .. }) = (slowest, status()) {
            set_status(EngineStatus::Ready { first, last: Some(last), snapshot });
        }
        let mut inbox = select_all(Vec::new());
        for (w, pw) in workers.iter_mut().enumerate() {
            let rx = pw.inbox.take().expect("each worker's inbox is taken once");
            inbox.push(rx.map(move |m| (w, m)).boxed_local());
        }
        Ok(PyGroup { run, workers, inbox })
    }

    /// Workers in the group.
    pub fn len(&self) -> usize {
        self.workers.len()
    }

    /// Whether the group has no workers.
    pub fn is_empty(&self) -> bool {
        self.workers.is_empty()
    }

    /// The run id on this group's messages.
    pub fn run(&self) -> u32 {
        self.run
    }

    /// Sends a job to worker `w` (it queues behind the worker's earlier jobs).
    ///
    /// # Errors
    /// The worker cannot receive messages any more.
    pub fn send(&self, w: usize, job: Job, style: Style, k: u32) -> Result<(), Stop> {
        self.workers[w].post(&ToPython::Job { run: self.run, job, style, k }).map_err(Stop::Failed)
    }

    /// The next batch from any worker, with the worker's index.
    ///
    /// # Errors
    /// [`Stop::Cancelled`] when Cancel fires first; [`Stop::Failed`] with Python's own message
    /// when a job raised, or when a worker broke.
    pub async fn next(&mut self, cancel: &Cancel) -> Result<(usize, Batch), Stop> {
        loop {
            if cancel.is_set() {
                return Err(Stop::Cancelled);
            }
            let (w, m) = match select(self.inbox.next(), Box::pin(cancel.wait())).await {
                Either::Right(_) => return Err(Stop::Cancelled),
                Either::Left((None, _)) => return Err(Stop::Failed("the Python workers went away".into())),
                Either::Left((Some(got), _)) => got,
            };
            if m.run().is_some_and(|r| r != self.run) {
                continue; // a stale reply of an earlier run
            }
            return match m {
                FromPython::Batch { batch, .. } => Ok((w, batch)),
                FromPython::Failed { error, .. } => Err(Stop::Failed(error.message)),
                FromPython::Broken(e) => Err(Stop::Failed(format!("Python worker {}: {e}", w + 1))),
                FromPython::Loaded { .. } => Err(Stop::Failed(format!("Python worker {} loaded twice", w + 1))),
            };
        }
    }
}

impl PyWorker {
    async fn load_named(name: String, run: u32, snapshot: Option<Uint8Array>) -> Result<Loaded, String> {
        PyWorker::load(&name, run, snapshot, false).await
    }
}

//! The Python engine's CPU workers (`www/py/cpu.mjs`), seen from the page: a pool of warm
//! interpreters, like Python's `ProcessPoolExecutor(k)` — started once, lent to each mode and
//! round as a group, each sent jobs and answering with batches. The messages each way are one enum each ([`ToPython`], [`FromPython`], in
//! `msg::py`, with the names of `MSG` in cpu.mjs); every message carries the run it belongs to,
//! and a reply for another run is dropped. Starting the interpreters is `py_engine`'s.

pub use super::msg::py::{FromPython, PyError, Style, ToPython};
use super::msg::{Batch, Job};
use super::py_engine::{next_run, note_start, snapshot, warm, Loaded, PyWorker};
use crate::core::engine::{EngineLoad, PoolStart};
use crate::core::run::{Cancel, Stop};
use futures::future::{join_all, select, select_all, Either};
use futures::{FutureExt, StreamExt};
use std::cell::{Cell, RefCell};

thread_local! {
    /// The warm interpreters no run is using: like the processes of a
    /// `ProcessPoolExecutor(k)` between two `submit`s, started once and reused by every Python
    /// mode, round and run.
    static IDLE: RefCell<Vec<PyWorker>> = const { RefCell::new(Vec::new()) };
    /// Interpreters this page has started for the pool (the pool's page test reads it).
    static STARTED: Cell<u32> = const { Cell::new(0) };
}

/// Interpreters started for the pool since the page loaded.
pub fn pool_started() -> u32 {
    STARTED.with(Cell::get)
}

/// Starts interpreters until `k` are warm and idle (loading the engine first if needed),
/// untimed by any mode: the executor's creation, before the first `submit`.
///
/// # Errors
/// The engine or an interpreter could not start.
pub async fn fill(k: u32) -> Result<PoolStart, String> {
    warm().await?;
    let idle = IDLE.with(|i| i.borrow().len()) as u32;
    let t0 = super::clock::now();
    let fresh = start_fresh(k.saturating_sub(idle)).await?;
    let started = fresh.len() as u32;
    IDLE.with(|i| i.borrow_mut().extend(fresh));
    Ok(PoolStart { started, size: idle + started, ms: super::clock::now() - t0 })
}

async fn start_fresh(n: u32) -> Result<Vec<PyWorker>, String> {
    let snapshot = snapshot();
    let base = STARTED.with(|s| {
        let b = s.get();
        s.set(b + n);
        b
    });
    let loads = (0..n).map(|w| PyWorker::load_named(format!("python {}", base + w + 1), next_run(), snapshot.clone()));
    let mut workers = Vec::new();
    let mut slowest: Option<EngineLoad> = None;
    for r in join_all(loads).await {
        let Loaded { worker, load, .. } = r?;
        if slowest.as_ref().is_none_or(|s| load.ms > s.ms) {
            slowest = Some(load);
        }
        workers.push(worker);
    }
    if let Some(slowest) = slowest {
        note_start(slowest);
    }
    Ok(workers)
}

/// `k` interpreters of the pool lent to one run, each its own worker and memory. Given back
/// warm when the run collected every job it sent; terminated (and so replaced by the next run)
/// when it was cancelled with jobs still running, or a worker broke — a busy or broken
/// interpreter must not slow or spoil the next mode.
pub struct PyGroup {
    run: u32,
    workers: Vec<PyWorker>,
    /// Jobs sent and not yet finished (their last batch, or their error, not yet read).
    outstanding: usize,
    broken: bool,
    /// Idle interpreters the pool keeps when this group is given back.
    size: usize,
}

impl PyGroup {
    /// Borrows `k` interpreters from the pool, starting what it lacks (from the engine's
    /// snapshot); the pool keeps `size` warm afterwards (the run's k: a k change resizes it).
    ///
    /// # Errors
    /// The engine could not load, or an interpreter failed to start.
    pub async fn start(k: u32, size: u32) -> Result<PyGroup, String> {
        warm().await?;
        let mut workers: Vec<PyWorker> = IDLE.with(|i| {
            let mut i = i.borrow_mut();
            let keep = i.len().saturating_sub(k as usize);
            i.split_off(keep)
        });
        let fresh = start_fresh(k.saturating_sub(workers.len() as u32)).await?;
        workers.extend(fresh);
        Ok(PyGroup { run: next_run(), workers, outstanding: 0, broken: false, size: size.max(k) as usize })
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
    pub fn send(&mut self, w: usize, job: Job, style: Style, k: u32) -> Result<(), Stop> {
        self.workers[w].post(&ToPython::Job { run: self.run, job, style, k }).map_err(|e| {
            self.broken = true;
            Stop::Failed(e)
        })?;
        self.outstanding += 1;
        Ok(())
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
            let any =
                select_all(self.workers.iter_mut().enumerate().map(|(w, pw)| pw.inbox.next().map(move |m| (w, m))));
            let (w, m) = match select(any, Box::pin(cancel.wait())).await {
                Either::Right(_) => return Err(Stop::Cancelled),
                Either::Left((((w, m), ..), _)) => (w, m),
            };
            let Some(m) = m else {
                self.broken = true;
                return Err(Stop::Failed("the Python workers went away".into()));
            };
            if m.run().is_some_and(|r| r != self.run) {
                continue; // a stale reply of an earlier run
            }
            return match m {
                FromPython::Batch { batch, .. } => {
                    self.outstanding -= usize::from(batch.last);
                    Ok((w, batch))
                }
                FromPython::Failed { error, .. } => {
                    self.outstanding = self.outstanding.saturating_sub(1);
                    Err(Stop::Failed(error.message))
                }
                FromPython::Broken(e) => {
                    self.broken = true;
                    Err(Stop::Failed(format!("Python worker {}: {e}", w + 1)))
                }
                FromPython::Loaded { .. } => {
                    self.broken = true;
                    Err(Stop::Failed(format!("Python worker {} loaded twice", w + 1)))
                }
            };
        }
    }
}

impl Drop for PyGroup {
    fn drop(&mut self) {
        if self.broken || self.outstanding > 0 {
            return; // `self.workers` drop here: each worker is terminated
        }
        let size = self.size;
        let workers = std::mem::take(&mut self.workers);
        IDLE.with(|i| {
            let mut i = i.borrow_mut();
            i.extend(workers);
            // Beyond the run's k, the oldest go: a smaller k shrinks the pool.
            let extra = i.len().saturating_sub(size);
            i.drain(..extra);
        });
    }
}

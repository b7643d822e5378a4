//! The Python engine's CPU workers (`www/py/cpu.mjs`), seen from the page: a group of
//! interpreters for one run, like the tutorial's pool of processes, each sent jobs and answering
//! with batches. The messages each way are one enum each ([`ToPython`], [`FromPython`], in
//! `msg::py`, with the names of `MSG` in cpu.mjs); every message carries the run it belongs to,
//! and a reply for another run is dropped. Starting the interpreters is `py_engine`'s.

pub use super::msg::py::{FromPython, PyError, Style, ToPython};
use super::msg::{Batch, Job};
use super::py_engine::{next_run, note_start, snapshot, warm, Loaded, PyWorker};
use crate::core::engine::EngineLoad;
use crate::core::run::{Cancel, Stop};
use futures::future::{join_all, select, Either};
use futures::stream::{select_all, LocalBoxStream, SelectAll};
use futures::StreamExt;

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
        let snapshot = snapshot();
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
        if let Some(slowest) = slowest {
            note_start(slowest);
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

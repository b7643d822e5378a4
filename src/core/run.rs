//! What every execution mode shares with the browser adapters below it: the Cancel signal, why a
//! run stopped, and the sink results go into. Pure Rust (the clock is passed in), so `web` and
//! `modes` both depend on it and neither on the other.

use super::timeline::{Lane, Span, Wait};
use futures::channel::oneshot;
use futures::future::{FutureExt, Shared};
use std::cell::RefCell;
use std::ops::Range;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// Why a computation stopped before the end.
#[derive(Clone, Debug, PartialEq)]
pub enum Stop {
    /// The learner pressed Cancel.
    Cancelled,
    /// Something broke; the text says what.
    Failed(String),
}

impl Stop {
    /// How a mode that stopped this way ended, and why when it failed.
    pub fn status(self) -> (super::status::Status, Option<String>) {
        use super::status::Status;
        match self {
            Stop::Cancelled => (Status::Cancelled, None),
            Stop::Failed(e) => (Status::Failed, Some(e)),
        }
    }
}

/// Results of consecutive tasks `start .. start + values.len()` of one job.
#[derive(Clone, Debug, PartialEq)]
pub struct Batch {
    /// The run the job belongs to (a reply from an earlier run is dropped).
    pub run: u32,
    /// The job's id.
    pub job: u32,
    /// First task in the batch.
    pub start: u32,
    /// `S(i)` for each task.
    pub values: Vec<f64>,
    /// Start and end of each task, epoch ms: `[s0, e0, s1, e1, …]`.
    pub spans: Vec<f64>,
    /// The job has no more batches.
    pub last: bool,
}

/// Where a mode's run is, for the progress bars.
#[derive(Clone, Debug, PartialEq)]
pub enum Phase {
    /// Starting threads or workers.
    Starting,
    /// Running the untimed warm-up.
    WarmingUp,
    /// The timed run: tasks done of total.
    Running { done: u32, total: u32 },
}

/// A Cancel button's signal: a flag the pool threads can read, and a future the page can await.
#[derive(Clone)]
pub struct Cancel {
    flag: Arc<AtomicBool>,
    fire: Rc<RefCell<Option<oneshot::Sender<()>>>>,
    fired: Shared<oneshot::Receiver<()>>,
}

impl Default for Cancel {
    fn default() -> Self {
        let (tx, rx) = oneshot::channel();
        Cancel { flag: Arc::default(), fire: Rc::new(RefCell::new(Some(tx))), fired: rx.shared() }
    }
}

impl Cancel {
    /// Asks every mode using this signal to stop.
    pub fn fire(&self) {
        self.flag.store(true, Ordering::Relaxed);
        if let Some(tx) = self.fire.borrow_mut().take() {
            let _ = tx.send(());
        }
    }

    /// Whether Cancel was pressed.
    pub fn is_set(&self) -> bool {
        self.flag.load(Ordering::Relaxed)
    }

    /// The flag, for threads that cannot await.
    pub fn flag(&self) -> Arc<AtomicBool> {
        self.flag.clone()
    }

    /// Resolves when Cancel is pressed.
    pub async fn wait(&self) {
        let _ = self.fired.clone().await;
    }
}

/// Where a mode puts its results: `S(i)` by task number, the timeline, and progress.
pub struct Sink {
    first: u32,
    clock: fn() -> f64,
    values: Vec<f64>,
    spans: Vec<Span>,
    waits: Vec<Wait>,
    done: u32,
    origin: f64,
    progress: Box<dyn Fn(u32)>,
    last_report: f64,
}

impl Sink {
    /// A sink for `tasks`, reporting progress (tasks done) at most every 100 ms. `clock` gives
    /// epoch ms (the browser's `timeOrigin + now()`, so every worker's spans share one clock).
    pub fn new(tasks: Range<u32>, clock: fn() -> f64, progress: Box<dyn Fn(u32)>) -> Sink {
        let t = clock();
        Sink {
            first: tasks.start,
            clock,
            values: vec![f64::NAN; tasks.len()],
            spans: Vec::with_capacity(tasks.len()),
            waits: Vec::new(),
            done: 0,
            origin: t,
            progress,
            last_report: t,
        }
    }

    /// Restarts the timeline clock: span times count from here.
    pub fn start_clock(&mut self) {
        self.origin = (self.clock)();
    }

    /// The results by task, the timeline and the waits for a lock, once the run is over.
    pub fn into_results(self) -> (Vec<f64>, Vec<Span>, Vec<Wait>) {
        (self.values, self.spans, self.waits)
    }

    /// Records a wait for a lock on `lane`; `start` and `end` are epoch ms.
    pub fn put_wait(&mut self, lane: Lane, start: f64, end: f64) {
        self.waits.push(Wait { lane, start: start - self.origin, end: end - self.origin });
    }

    /// Records task `i`'s result; `start` and `end` are epoch ms.
    pub fn put(&mut self, i: u32, value: f64, lane: Lane, start: f64, end: f64) {
        self.values[(i - self.first) as usize] = value;
        self.spans.push(Span { task: i, lane, start: start - self.origin, end: end - self.origin });
        self.done += 1;
    }

    /// Records every task of a worker's batch.
    pub fn put_batch(&mut self, batch: &Batch, lane: Lane) {
        for (j, v) in batch.values.iter().enumerate() {
            self.put(batch.start + j as u32, *v, lane, batch.spans[2 * j], batch.spans[2 * j + 1]);
        }
    }

    /// Overrides the count of tasks done (for pools that count on their own threads).
    pub fn set_done(&mut self, done: u32) {
        self.done = done;
    }

    /// The first task this sink collects.
    pub fn first(&self) -> u32 {
        self.first
    }

    /// Every task has its result.
    pub fn is_complete(&self) -> bool {
        self.done as usize == self.values.len()
    }

    /// Tasks done so far.
    pub fn done(&self) -> u32 {
        self.done
    }

    /// Tells the page how far we are, unless it was told less than 100 ms ago.
    pub fn report(&mut self) {
        let t = (self.clock)();
        if t - self.last_report >= 100.0 {
            self.last_report = t;
            (self.progress)(self.done);
        }
    }
}

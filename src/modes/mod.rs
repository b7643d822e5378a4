//! The CPU experiment's execution modes, one small file each, all behind [`Executor`].
//!
//! [`run_mode`] drives any of them the same way, so they are compared like for like:
//! start the threads or workers (timed as start-up), run a short warm-up on them untimed (the
//! engine compiles hot wasm functions with its optimising tier only after they have run a while),
//! then time the real run.

pub mod cpu;
pub mod jobs;
pub mod io;

use crate::core::cpu_modes::CpuMode;
use crate::core::report::{ModeOutcome, Status};
use crate::core::timeline::{Lane, Span};
use crate::core::workload::{task_count, tasks};
use crate::web::clock::{epoch_now, now};
use crate::web::msg::Batch;
use futures::channel::oneshot;
use futures::future::{FutureExt, Shared};
use std::cell::RefCell;
use std::future::Future;
use std::ops::Range;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// Tasks `1 .. WARMUP_N` run untimed on the same threads before each timed run.
pub const WARMUP_N: u32 = 1200;

/// What a run of one mode is asked to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Plan {
    /// Experiment size: tasks `1 .. n`.
    pub n: u32,
    /// Threads or workers (the single-threaded modes ignore it).
    pub k: u32,
    /// Tasks per message for the worker modes (already resolved from "auto").
    pub chunk: u32,
}

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
    pub fn status(self) -> (Status, Option<String>) {
        match self {
            Stop::Cancelled => (Status::Cancelled, None),
            Stop::Failed(e) => (Status::Failed, Some(e)),
        }
    }
}

/// Awaits a mode's start-up, unless Cancel comes first.
///
/// # Errors
/// [`Stop::Failed`] when start-up failed, [`Stop::Cancelled`] when Cancel came first.
pub async fn start_unless_cancelled<T>(
    start: impl Future<Output = Result<T, String>>,
    cancel: &Cancel,
) -> Result<T, Stop> {
    match futures::future::select(Box::pin(start), Box::pin(cancel.wait())).await {
        futures::future::Either::Left((started, _)) => started.map_err(Stop::Failed),
        futures::future::Either::Right(_) => Err(Stop::Cancelled),
    }
}

/// The shape every execution mode has.
// `async fn` in a trait: these futures run on the page's single-threaded executor and are never
// sent between threads, so the missing `Send` bound the lint warns about is intended.
#[allow(async_fn_in_trait)]
pub trait Executor: Sized {
    /// Brings the mode's threads or workers up.
    async fn start(plan: &Plan) -> Result<Self, String>;
    /// Computes every task in `tasks`, putting each result into `sink`. Returns early with
    /// [`Stop::Cancelled`] soon after `cancel` fires.
    async fn compute(&mut self, tasks: Range<u32>, sink: &mut Sink, cancel: &Cancel) -> Result<(), Stop>;
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
    values: Vec<f64>,
    spans: Vec<Span>,
    done: u32,
    origin: f64,
    progress: Box<dyn Fn(u32)>,
    last_report: f64,
}

impl Sink {
    /// A sink for `tasks`, reporting progress (tasks done) at most every 100 ms.
    pub fn new(tasks: Range<u32>, progress: Box<dyn Fn(u32)>) -> Sink {
        Sink {
            first: tasks.start,
            values: vec![f64::NAN; tasks.len()],
            spans: Vec::with_capacity(tasks.len()),
            done: 0,
            origin: epoch_now(),
            progress,
            last_report: now(),
        }
    }

    /// Restarts the timeline clock: span times count from here.
    pub fn start_clock(&mut self) {
        self.origin = epoch_now();
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
        let t = now();
        if t - self.last_report >= 100.0 {
            self.last_report = t;
            (self.progress)(self.done);
        }
    }
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

/// Runs one mode end to end (start-up, warm-up, timed run) and reports its phases.
pub async fn run_mode(mode: CpuMode, plan: Plan, cancel: &Cancel, on_phase: Rc<dyn Fn(Phase)>) -> ModeOutcome {
    use cpu::*;
    match mode {
        CpuMode::Serial => drive::<serial::Serial>(mode, plan, cancel, on_phase).await,
        CpuMode::MainThread => drive::<main_thread::MainThread>(mode, plan, cancel, on_phase).await,
        CpuMode::Async => drive::<async_tasks::AsyncTasks>(mode, plan, cancel, on_phase).await,
        CpuMode::Rayon => drive::<rayon_pool::RayonPool>(mode, plan, cancel, on_phase).await,
        CpuMode::GlobalLock => drive::<global_lock::GlobalLock>(mode, plan, cancel, on_phase).await,
        CpuMode::Workers => drive::<workers::Workers>(mode, plan, cancel, on_phase).await,
        CpuMode::WorkersQueue => drive::<workers_queue::WorkersQueue>(mode, plan, cancel, on_phase).await,
    }
}

async fn drive<E: Executor>(mode: CpuMode, plan: Plan, cancel: &Cancel, on_phase: Rc<dyn Fn(Phase)>) -> ModeOutcome {
    let mut outcome = ModeOutcome {
        mode,
        threads: mode.threads(plan.k),
        chunk: mode.uses_chunk().then_some(plan.chunk),
        status: Status::Done,
        error: None,
        wall_ms: 0.0,
        startup_ms: 0.0,
        tasks_done: 0,
        values: Vec::new(),
        spans: Vec::new(),
    };
    let stopped = |mut o: ModeOutcome, stop: Stop| {
        (o.status, o.error) = stop.status();
        o
    };

    on_phase(Phase::Starting);
    let t0 = now();
    let mut executor = match start_unless_cancelled(E::start(&plan), cancel).await {
        Ok(e) => e,
        Err(stop) => return stopped(outcome, stop),
    };
    outcome.startup_ms = now() - t0;

    on_phase(Phase::WarmingUp);
    let warm = tasks(plan.n.min(WARMUP_N));
    let mut scratch = Sink::new(warm.clone(), Box::new(|_| {}));
    if let Err(stop) = executor.compute(warm, &mut scratch, cancel).await {
        return stopped(outcome, stop);
    }

    let total = task_count(plan.n);
    on_phase(Phase::Running { done: 0, total });
    let report = on_phase.clone();
    let mut sink = Sink::new(tasks(plan.n), Box::new(move |done| report(Phase::Running { done, total })));
    sink.start_clock();
    let t1 = now();
    let result = executor.compute(tasks(plan.n), &mut sink, cancel).await;
    outcome.wall_ms = now() - t1;
    drop(executor); // workers are terminated here, before the next mode starts
    outcome.tasks_done = sink.done;
    outcome.spans = std::mem::take(&mut sink.spans);
    match result {
        Ok(()) => {
            outcome.values = sink.values;
            outcome
        }
        Err(stop) => stopped(outcome, stop),
    }
}

//! Both experiments' execution modes, one small file each: the CPU modes in [`cpu`], behind
//! [`Executor`], and the I/O modes in [`io`], behind [`io::Downloader`].
//!
//! [`run_mode`] drives any CPU mode the same way, so they are compared like for like:
//! start the threads or workers (timed as start-up), run a short warm-up on them untimed (the
//! engine compiles hot wasm functions with its optimising tier only after they have run a while),
//! then time the real run.

pub mod cpu;
pub mod io;
pub mod jobs;

use crate::core::cpu_modes::CpuMode;
use crate::core::report::{ModeOutcome, Status};
pub use crate::core::run::{Cancel, Phase, Sink, Stop};
use crate::core::workload::{task_count, tasks};
use crate::web::clock::{epoch_now, now};
use std::future::Future;
use std::ops::Range;
use std::rc::Rc;

/// Tasks `1 .. WARMUP_N` run untimed before a mode's first timed run in the page.
pub const WARMUP_N: u32 = 1200;

thread_local! {
    /// Modes that ran their warm-up in this page. The engine keeps one compiled copy of the
    /// module for every worker of the page, so the optimised code a warm-up produced serves the
    /// later rounds too (their workers are new, their code is not).
    static WARMED: std::cell::RefCell<Vec<CpuMode>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// What a run of one mode is asked to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Plan {
    /// Experiment size: tasks `1 .. n`.
    pub n: u32,
    /// Threads or workers (the single-threaded modes ignore it).
    pub k: u32,
    /// Tasks per message for the worker modes (already resolved from "auto").
    pub chunk: u32,
    /// `global-lock`'s switch interval (ms): how long a thread keeps the lock once another waits.
    pub switch_ms: u32,
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
        CpuMode::PySerial => drive::<py_serial::PySerial>(mode, plan, cancel, on_phase).await,
        CpuMode::PyProcesses => drive::<py_processes::PyProcesses>(mode, plan, cancel, on_phase).await,
        CpuMode::PyProcessesQueue => drive::<py_processes_queue::PyProcessesQueue>(mode, plan, cancel, on_phase).await,
        CpuMode::PyAsyncio => drive::<py_asyncio::PyAsyncio>(mode, plan, cancel, on_phase).await,
        CpuMode::PyThreads => drive::<py_threads::PyThreads>(mode, plan, cancel, on_phase).await,
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
        samples_ms: Vec::new(),
        startup_ms: 0.0,
        tasks_done: 0,
        values: Vec::new(),
        spans: Vec::new(),
        waits: Vec::new(),
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

    if !WARMED.with(|w| w.borrow().contains(&mode)) {
        on_phase(Phase::WarmingUp);
        let warm = tasks(plan.n.min(WARMUP_N));
        let mut scratch = Sink::new(warm.clone(), epoch_now, Box::new(|_| {}));
        if let Err(stop) = executor.compute(warm, &mut scratch, cancel).await {
            return stopped(outcome, stop);
        }
        WARMED.with(|w| w.borrow_mut().push(mode));
    }

    let total = task_count(plan.n);
    on_phase(Phase::Running { done: 0, total });
    let report = on_phase.clone();
    let mut sink = Sink::new(tasks(plan.n), epoch_now, Box::new(move |done| report(Phase::Running { done, total })));
    sink.start_clock();
    let t1 = now();
    let result = executor.compute(tasks(plan.n), &mut sink, cancel).await;
    outcome.wall_ms = now() - t1;
    drop(executor); // workers are terminated here, before the next mode starts
    outcome.tasks_done = sink.done();
    let (values, spans, waits) = sink.into_results();
    outcome.spans = spans;
    outcome.waits = waits;
    match result {
        Ok(()) => {
            outcome.values = values;
            outcome.samples_ms = vec![outcome.wall_ms];
            outcome
        }
        Err(stop) => stopped(outcome, stop),
    }
}

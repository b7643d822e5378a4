//! The two ways a pool of process-like workers is fed, shared by the Rust workers and the Python
//! interpreters: every chunk dealt up front ([`deal_up_front`], the process pool's `map` /
//! `submit`-everything), or one chunk per idle worker from a queue ([`pull_from_queue`]). Only the
//! pool differs — a group of Rust workers or of Pyodide interpreters — behind [`JobPool`].

use crate::core::chunks::{deal_round_robin, split};
use crate::core::timeline::Lane;
use crate::modes::{Cancel, Plan, Sink, Stop};
use crate::web::msg::cpu::{FromCpu, ToCpu};
use crate::web::msg::{Batch, Job};
use crate::web::py_worker::{PyGroup, Style};
use crate::web::worker_group::WorkerGroup;
use std::collections::VecDeque;
use std::ops::Range;

/// A pool of workers that take CPU jobs and answer with batches.
#[allow(async_fn_in_trait)] // single-threaded executor, as `Executor`
pub trait JobPool {
    /// Workers in the pool.
    fn workers(&self) -> usize;
    /// Opens a run (one `compute` call): its jobs carry its id, and batches of other runs are
    /// dropped when collected.
    fn begin_run(&mut self) -> u32;
    /// Queues `job` on worker `w`.
    ///
    /// # Errors
    /// The worker cannot take messages any more.
    fn submit(&mut self, w: usize, job: Job) -> Result<(), Stop>;
    /// The next batch of run `run` from any worker, with the worker's index.
    ///
    /// # Errors
    /// Cancelled, or a worker failed.
    async fn collect(&mut self, run: u32, cancel: &Cancel) -> Result<(usize, Batch), Stop>;
}

/// Splits `tasks` into chunks, posts them all at once dealt round-robin, and collects the results
/// in whatever order they complete.
///
/// # Errors
/// As the pool's.
pub async fn deal_up_front<P: JobPool>(
    pool: &mut P,
    tasks: Range<u32>,
    chunk: u32,
    sink: &mut Sink,
    cancel: &Cancel,
) -> Result<(), Stop> {
    let chunks = split(tasks, chunk);
    let run = pool.begin_run();
    let mut id = 0;
    for (w, hand) in deal_round_robin(&chunks, pool.workers() as u32).iter().enumerate() {
        for c in hand {
            pool.submit(w, Job { run, id, start: c.start, end: c.end, stream_ms: 0.0 })?;
            id += 1;
        }
    }
    let mut remaining = chunks.len();
    while remaining > 0 {
        let (w, batch) = pool.collect(run, cancel).await?;
        sink.put_batch(&batch, Lane::Worker(w as u16));
        remaining -= usize::from(batch.last);
        sink.report();
    }
    Ok(())
}

/// Keeps one chunk in flight per worker: a worker gets the next chunk of the queue only when it
/// hands back its last result, so fast workers take more and the load balances itself.
///
/// # Errors
/// As the pool's.
pub async fn pull_from_queue<P: JobPool>(
    pool: &mut P,
    tasks: Range<u32>,
    chunk: u32,
    sink: &mut Sink,
    cancel: &Cancel,
) -> Result<(), Stop> {
    let run = pool.begin_run();
    let mut jobs: VecDeque<Job> = split(tasks, chunk)
        .into_iter()
        .enumerate()
        .map(|(id, c)| Job { run, id: id as u32, start: c.start, end: c.end, stream_ms: 0.0 })
        .collect();
    let mut in_flight = 0;
    for w in 0..pool.workers() {
        if let Some(job) = jobs.pop_front() {
            pool.submit(w, job)?;
            in_flight += 1;
        }
    }
    while in_flight > 0 {
        let (w, batch) = pool.collect(run, cancel).await?;
        sink.put_batch(&batch, Lane::Worker(w as u16));
        if batch.last {
            in_flight -= 1;
            if let Some(job) = jobs.pop_front() {
                pool.submit(w, job)?;
                in_flight += 1;
            }
        }
        sink.report();
    }
    Ok(())
}

/// Sends all of `tasks` to worker 0 as one job streamed back every 100 ms, and collects it.
///
/// # Errors
/// As the pool's.
pub async fn one_streamed_job<P: JobPool>(
    pool: &mut P,
    tasks: Range<u32>,
    sink: &mut Sink,
    cancel: &Cancel,
) -> Result<(), Stop> {
    let run = pool.begin_run();
    pool.submit(0, Job { run, id: 0, start: tasks.start, end: tasks.end, stream_ms: 100.0 })?;
    loop {
        let (_, batch) = pool.collect(run, cancel).await?;
        sink.put_batch(&batch, Lane::Worker(0));
        sink.report();
        if batch.last {
            return Ok(());
        }
    }
}

impl JobPool for WorkerGroup {
    fn workers(&self) -> usize {
        self.len()
    }

    fn begin_run(&mut self) -> u32 {
        WorkerGroup::begin_run(self)
    }

    fn submit(&mut self, w: usize, job: Job) -> Result<(), Stop> {
        self.post(w, &ToCpu::Job(job))
    }

    async fn collect(&mut self, run: u32, cancel: &Cancel) -> Result<(usize, Batch), Stop> {
        let (w, FromCpu::Batch(batch)) = self.next(run, Some(cancel)).await?;
        Ok((w, batch))
    }
}

/// Python interpreters (one per worker), lent by the page's warm pool, that run every job in one
/// [`Style`].
pub struct Interpreters {
    group: PyGroup,
    style: Style,
    threads: u32,
}

impl Interpreters {
    /// Borrows `k` warm interpreters from the pool, which keeps `plan.k` (starting what it lacks,
    /// loading the engine first if this page has not yet); each job runs in `style`, on `threads`
    /// Python threads where the style uses threads.
    ///
    /// # Errors
    /// The engine or an interpreter could not start.
    pub async fn start(k: u32, plan: &Plan, style: Style, threads: u32) -> Result<Interpreters, String> {
        Ok(Interpreters { group: PyGroup::start(k, plan.k).await?, style, threads })
    }
}

impl JobPool for Interpreters {
    fn workers(&self) -> usize {
        self.group.len()
    }

    /// A group of interpreters serves one run (its id is on every message it sends and gets).
    fn begin_run(&mut self) -> u32 {
        self.group.run()
    }

    fn submit(&mut self, w: usize, job: Job) -> Result<(), Stop> {
        self.group.send(w, job, self.style, self.threads)
    }

    async fn collect(&mut self, _run: u32, cancel: &Cancel) -> Result<(usize, Batch), Stop> {
        self.group.next(cancel).await // drops other runs' replies itself
    }
}

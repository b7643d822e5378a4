//! `global-lock` — the GIL, emulated honestly: the same rayon pool as `rayon`, but k threads that
//! share one lock the way CPython's threads share the GIL. Each thread takes the next task from a
//! shared counter (as Python threads take work from one queue), and holds the lock across tasks
//! until another thread has waited one switch interval (`switch=`, like
//! `sys.setswitchinterval`); then it hands the lock to the first in line and waits its own turn.
//! Only one thread computes at any moment, so the speedup is about 1x, as with the tutorial's
//! threads. The rule itself is `core::gil`, tested natively; this file only runs it on the pool
//! and records who ran and who waited, and when.
//!
//! Not a `par_iter`: a rayon thread that runs out of work goes idle inside rayon without telling
//! anyone, and an idle thread still holding the lock would stall the others. Each thread here
//! knows when the counter is exhausted and lets go.

use crate::core::gil::Gil;
use crate::core::timeline::Lane;
use crate::core::workload::task;
use crate::modes::{Cancel, Executor, Plan, Sink, Stop};
use crate::web::clock::{epoch_now, sleep};
use crate::web::pool::pool;
use futures::StreamExt;
use rayon::ThreadPool;
use std::ops::Range;
use std::rc::Rc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

/// The one lock every task must hold. Only pool threads take it (never the page's thread, where
/// a blocking wait would trap), and they may block on it.
static GIL: Gil = Gil::new(epoch_now);

/// What one pool thread did: its tasks `(i, S(i), start, end)` and its waits for the lock
/// `(start, end)`, epoch ms.
struct ThreadLog {
    thread: u16,
    tasks: Vec<(u32, f64, f64, f64)>,
    waits: Vec<(f64, f64)>,
}

/// The shared pool, sized k, and the switch interval.
pub struct GlobalLock {
    pool: Rc<ThreadPool>,
    switch_ms: f64,
}

impl Executor for GlobalLock {
    async fn start(plan: &Plan) -> Result<Self, String> {
        Ok(GlobalLock { pool: pool(plan.k).await?, switch_ms: f64::from(plan.switch_ms) })
    }

    async fn compute(&mut self, tasks: Range<u32>, sink: &mut Sink, cancel: &Cancel) -> Result<(), Stop> {
        let k = self.pool.current_num_threads();
        let next = Arc::new(AtomicU32::new(tasks.start));
        let done = Arc::new(AtomicU32::new(0));
        let (tx, mut rx) = futures::channel::mpsc::unbounded::<ThreadLog>();
        let (end, switch_ms, stop, counter) = (tasks.end, self.switch_ms, cancel.flag(), done.clone());
        // One closure per pool thread: take the lock, run tasks while the counter lasts, check
        // after each task whether a waiter's interval is up, let go when out of work.
        self.pool.spawn_broadcast(move |ctx| {
            let me = ctx.index();
            let mut log = ThreadLog { thread: me as u16, tasks: Vec::new(), waits: Vec::new() };
            if let Some(w) = GIL.acquire(me) {
                log.waits.push((w.from, w.to));
            }
            loop {
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= end {
                    break;
                }
                let t0 = epoch_now();
                let v = task(i);
                log.tasks.push((i, v, t0, epoch_now()));
                counter.fetch_add(1, Ordering::Relaxed);
                if let Some(w) = GIL.check(me, switch_ms) {
                    log.waits.push((w.from, w.to));
                }
            }
            GIL.release(me);
            let _ = tx.unbounded_send(log);
        });
        let mut logs = Vec::with_capacity(k);
        while logs.len() < k {
            match futures::future::select(rx.next(), Box::pin(sleep(100))).await {
                futures::future::Either::Left((Some(log), _)) => logs.push(log),
                futures::future::Either::Left((None, _)) => {
                    return Err(Stop::Failed("the pool stopped before answering".into()))
                }
                futures::future::Either::Right(_) => {
                    sink.set_done(done.load(Ordering::Relaxed));
                    sink.report();
                }
            }
        }
        sink.set_done(0);
        for log in logs {
            let lane = Lane::Thread(log.thread);
            for (i, v, t0, t1) in log.tasks {
                sink.put(i, v, lane, t0, t1);
            }
            for (t0, t1) in log.waits {
                sink.put_wait(lane, t0, t1);
            }
        }
        if sink.is_complete() {
            Ok(())
        } else {
            Err(Stop::Cancelled)
        }
    }
}

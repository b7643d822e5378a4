//! `global-lock` — the GIL, emulated honestly: the same rayon pool as `rayon`, but every task
//! takes one global lock before computing and holds it to the end. k threads exist and take
//! turns; only one computes at any moment, so the speedup is about 1x, as with the tutorial's
//! threads. (CPython's real GIL is also released every few ms and around blocking I/O, which is
//! why Python threads still help I/O-bound work.)

use crate::core::workload::task;
use crate::modes::{Cancel, Executor, Plan, Sink, Stop};
use crate::web::pool::{par_map, pool};
use rayon::ThreadPool;
use std::ops::Range;
use std::rc::Rc;
use std::sync::Mutex;

/// The one lock every task must hold. Only pool threads take it (never the page's thread,
/// where a contended lock would trap), and they may block on it.
static GIL: Mutex<()> = Mutex::new(());

/// A task that holds the global lock while it computes.
fn task_holding_the_lock(i: u32) -> f64 {
    let _held = GIL.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    task(i)
}

/// The shared pool, sized k.
pub struct GlobalLock(Rc<ThreadPool>);

impl Executor for GlobalLock {
    async fn start(plan: &Plan) -> Result<Self, String> {
        Ok(GlobalLock(pool(plan.k).await?))
    }

    async fn compute(&mut self, tasks: Range<u32>, sink: &mut Sink, cancel: &Cancel) -> Result<(), Stop> {
        par_map(&self.0, tasks, task_holding_the_lock, sink, cancel).await
    }
}

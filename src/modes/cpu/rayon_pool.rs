//! `rayon` — the thread analogue without a GIL: a rayon pool of k threads on shared memory, and
//! a plain `par_iter` over the tasks. Each thread runs Rust code in parallel with the others, so
//! the speedup is close to k on k free cores (the tutorial's Python threads got 1.06x).

use crate::core::workload::task;
use crate::modes::{Cancel, Executor, Plan, Sink, Stop};
use crate::web::pool::{par_map, pool};
use rayon::ThreadPool;
use std::ops::Range;
use std::rc::Rc;

/// The shared pool, sized k.
pub struct RayonPool(Rc<ThreadPool>);

impl Executor for RayonPool {
    async fn start(plan: &Plan) -> Result<Self, String> {
        Ok(RayonPool(pool(plan.k).await?))
    }

    async fn compute(&mut self, tasks: Range<u32>, sink: &mut Sink, cancel: &Cancel) -> Result<(), Stop> {
        par_map(&self.0, tasks, task, sink, cancel).await
    }
}

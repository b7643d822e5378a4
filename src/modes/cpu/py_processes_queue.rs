//! `py-processes-queue` — the tutorial's processes + queue, in Python: k interpreters (one per
//! worker) pulling chunks from one job queue on the page; each gets its next chunk when it hands
//! back a result, so the load balances itself.

use crate::modes::jobs::{pull_from_queue, Interpreters};
use crate::modes::{Cancel, Executor, Plan, Sink, Stop};
use crate::web::py_worker::Style;
use std::ops::Range;

/// k interpreters and the chunk size.
pub struct PyProcessesQueue {
    pool: Interpreters,
    chunk: u32,
}

impl Executor for PyProcessesQueue {
    async fn start(plan: &Plan) -> Result<Self, String> {
        let pool = Interpreters::start(plan.k, plan, Style::Plain, 1).await?;
        Ok(PyProcessesQueue { pool, chunk: plan.chunk })
    }

    async fn compute(&mut self, tasks: Range<u32>, sink: &mut Sink, cancel: &Cancel) -> Result<(), Stop> {
        pull_from_queue(&mut self.pool, tasks, self.chunk, sink, cancel).await
    }
}

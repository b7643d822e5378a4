//! `py-processes` — the tutorial's process pool, in Python: k workers, each its own Pyodide
//! interpreter and memory, like k `multiprocessing` processes. Every chunk is submitted up front
//! as a message, dealt round-robin, and results are collected as they complete. The interpreters
//! are the page's warm pool (`web::py_worker`), started once before the timed rounds, as a
//! `ProcessPoolExecutor(k)` starts its processes once and every `submit` reuses them.

use crate::modes::jobs::{deal_up_front, Interpreters};
use crate::modes::{Cancel, Executor, Plan, Sink, Stop};
use crate::web::py_worker::Style;
use std::ops::Range;

/// k interpreters and the chunk size.
pub struct PyProcesses {
    pool: Interpreters,
    chunk: u32,
}

impl Executor for PyProcesses {
    async fn start(plan: &Plan) -> Result<Self, String> {
        Ok(PyProcesses { pool: Interpreters::start(plan.k, plan, Style::Plain, 1).await?, chunk: plan.chunk })
    }

    async fn compute(&mut self, tasks: Range<u32>, sink: &mut Sink, cancel: &Cancel) -> Result<(), Stop> {
        deal_up_front(&mut self.pool, tasks, self.chunk, sink, cancel).await
    }
}

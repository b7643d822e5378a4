//! `serial` — the baseline: one dedicated worker runs every task in order.
//!
//! It is the tutorial's single-threaded base, moved off the page's thread so the page stays
//! responsive; the worker streams results back every 100 ms, which is also the progress bar.

use crate::modes::jobs::one_streamed_job;
use crate::modes::{Cancel, Executor, Plan, Sink, Stop};
use crate::web::worker_group::WorkerGroup;
use crate::web::workers::Role;
use std::ops::Range;

/// One worker for the whole run.
pub struct Serial(WorkerGroup);

impl Executor for Serial {
    async fn start(_plan: &Plan) -> Result<Self, String> {
        Ok(Serial(WorkerGroup::start(1, "serial worker", Role::Cpu).await?))
    }

    async fn compute(&mut self, tasks: Range<u32>, sink: &mut Sink, cancel: &Cancel) -> Result<(), Stop> {
        one_streamed_job(&mut self.0, tasks, sink, cancel).await
    }
}

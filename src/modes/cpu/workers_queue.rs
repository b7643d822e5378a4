//! `workers-queue` — the tutorial's processes + queue: k long-lived workers, one job queue on
//! the page. A worker gets its next chunk only when it hands back a result (the result queue),
//! so fast workers take more chunks and the load balances itself — at the price of one message
//! round trip per chunk, during which that worker sits idle.

use crate::modes::jobs::pull_from_queue;
use crate::modes::{Cancel, Executor, Plan, Sink, Stop};
use crate::web::worker_group::WorkerGroup;
use crate::web::workers::Role;
use std::ops::Range;

/// k workers, the chunk size.
pub struct WorkersQueue {
    group: WorkerGroup,
    chunk: u32,
}

impl Executor for WorkersQueue {
    async fn start(plan: &Plan) -> Result<Self, String> {
        Ok(WorkersQueue { group: WorkerGroup::start(plan.k, "queue worker", Role::Cpu).await?, chunk: plan.chunk })
    }

    async fn compute(&mut self, tasks: Range<u32>, sink: &mut Sink, cancel: &Cancel) -> Result<(), Stop> {
        pull_from_queue(&mut self.group, tasks, self.chunk, sink, cancel).await
    }
}

//! `workers` — the process-pool analogue: k workers, each with its own memory and its own copy
//! of the module. Like submitting every job to an executor at once, all chunks are posted up
//! front, dealt round-robin, and results are collected in whatever order they complete.
//!
//! Chunk 1 shows what a message per task costs; one huge chunk per worker shows what poor
//! balance costs, because task i costs ∝ i and the last worker gets the biggest tasks.

use crate::modes::jobs::deal_up_front;
use crate::modes::{Cancel, Executor, Plan, Sink, Stop};
use crate::web::worker_group::WorkerGroup;
use crate::web::workers::Role;
use std::ops::Range;

/// k workers and the chunk size.
pub struct Workers {
    group: WorkerGroup,
    chunk: u32,
}

impl Executor for Workers {
    async fn start(plan: &Plan) -> Result<Self, String> {
        Ok(Workers { group: WorkerGroup::start(plan.k, "worker", Role::Cpu).await?, chunk: plan.chunk })
    }

    async fn compute(&mut self, tasks: Range<u32>, sink: &mut Sink, cancel: &Cancel) -> Result<(), Stop> {
        deal_up_front(&mut self.group, tasks, self.chunk, sink, cancel).await
    }
}

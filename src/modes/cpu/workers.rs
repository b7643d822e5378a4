//! `workers` — the process-pool analogue: k workers, each with its own memory and its own copy
//! of the module. Like submitting every job to an executor at once, all chunks are posted up
//! front, dealt round-robin, and results are collected in whatever order they complete.
//!
//! Chunk 1 shows what a message per task costs; one huge chunk per worker shows what poor
//! balance costs, because task i costs ∝ i and the last worker gets the biggest tasks.

use crate::core::chunks::{deal_round_robin, split};
use crate::core::timeline::Lane;
use crate::modes::{Cancel, Executor, Plan, Sink, Stop};
use crate::web::msg::cpu::{FromCpu, Job, ToCpu};
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
        let chunks = split(tasks, self.chunk);
        let run = self.group.begin_run();
        let mut id = 0;
        for (w, hand) in deal_round_robin(&chunks, self.group.len() as u32).iter().enumerate() {
            for c in hand {
                self.group.post(w, &ToCpu::Job(Job { run, id, start: c.start, end: c.end, stream_ms: 0.0 }))?;
                id += 1;
            }
        }
        let mut remaining = chunks.len();
        while remaining > 0 {
            let (w, FromCpu::Batch(batch)) = self.group.next(run, Some(cancel)).await?;
            sink.put_batch(&batch, Lane::Worker(w as u16));
            remaining -= usize::from(batch.last);
            sink.report();
        }
        Ok(())
    }
}

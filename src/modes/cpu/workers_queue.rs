//! `workers-queue` — the tutorial's processes + queue: k long-lived workers, one job queue on
//! the page. A worker gets its next chunk only when it hands back a result (the result queue),
//! so fast workers take more chunks and the load balances itself — at the price of one message
//! round trip per chunk, during which that worker sits idle.

use crate::core::chunks::split;
use crate::core::timeline::Lane;
use crate::modes::{Cancel, Executor, Plan, Sink, Stop};
use crate::web::msg::cpu::{FromCpu, Job, ToCpu};
use crate::web::worker_group::WorkerGroup;
use crate::web::workers::Role;
use std::collections::VecDeque;
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
        let run = self.group.begin_run();
        let mut jobs: VecDeque<Job> = split(tasks, self.chunk)
            .into_iter()
            .enumerate()
            .map(|(id, c)| Job { run, id: id as u32, start: c.start, end: c.end, stream_ms: 0.0 })
            .collect();
        let mut in_flight = 0;
        for w in 0..self.group.len() {
            if let Some(job) = jobs.pop_front() {
                self.group.post(w, &ToCpu::Job(job))?;
                in_flight += 1;
            }
        }
        while in_flight > 0 {
            let (w, FromCpu::Batch(batch)) = self.group.next(run, Some(cancel)).await?;
            sink.put_batch(&batch, Lane::Worker(w as u16));
            if batch.last {
                in_flight -= 1;
                if let Some(job) = jobs.pop_front() {
                    self.group.post(w, &ToCpu::Job(job))?;
                    in_flight += 1;
                }
            }
            sink.report();
        }
        Ok(())
    }
}

//! `workers-queue` — k web workers and one job queue on the page: a worker is sent the next URL
//! only when it reports the previous one done (the tutorial's processes + queue). Slow requests
//! no longer strand work behind them, at the cost of a message round trip per request.

use super::workers::send;
use super::{Downloader, IoPlan, IoSink};
use crate::core::timeline::Lane;
use crate::modes::Stop;
use crate::web::msg::io::FromIo;
use crate::web::worker_group::WorkerGroup;
use crate::web::workers::Role;
use web_sys::AbortController;

/// k download workers.
pub struct WorkersQueue(WorkerGroup);

impl Downloader for WorkersQueue {
    async fn start(plan: &IoPlan) -> Result<Self, String> {
        let k = plan.k.min(plan.requests.len() as u32).max(1);
        Ok(WorkersQueue(WorkerGroup::start(k, "queue worker", Role::Io).await?))
    }

    async fn run(&mut self, plan: &IoPlan, sink: &mut IoSink, _abort: &AbortController) -> Result<(), Stop> {
        let run = self.0.begin_run();
        let mut queue = plan.requests.iter();
        let mut in_flight = 0;
        for w in 0..self.0.len() {
            if let Some(req) = queue.next() {
                send(&self.0, w, run, req)?;
                in_flight += 1;
            }
        }
        // No Cancel to wait for here: Cancel drops the group, which terminates the workers.
        while in_flight > 0 {
            let (w, FromIo::Got { index, download, .. }) = self.0.next(run, None).await?;
            sink.put_and_deliver(&plan.requests[index as usize], Lane::Worker(w as u16), download);
            in_flight -= 1;
            if let Some(req) = queue.next() {
                send(&self.0, w, run, req)?;
                in_flight += 1;
            }
        }
        Ok(())
    }
}

//! `workers` — k web workers, each downloading its share one request at a time: the process
//! analogue (the tutorial's `ProcessPoolExecutor(max_workers=4)`). The shares are dealt
//! round-robin up front, so a worker that draws slow requests finishes last while others idle.

use super::{Downloader, IoPlan, IoSink};
use crate::core::timeline::Lane;
use crate::modes::Stop;
use crate::web::msg::io::{FromIo, Item, ToIo};
use crate::web::worker_group::WorkerGroup;
use crate::web::workers::Role;
use web_sys::AbortController;

/// k download workers.
pub struct Workers(pub(super) WorkerGroup);

/// Asks worker `w` to download `req` (for run `run`) after whatever it already has queued.
pub(super) fn send(group: &WorkerGroup, w: usize, run: u32, req: &super::Req) -> Result<(), Stop> {
    group.post(w, &ToIo::Get { run, item: item(req) })
}

/// A request as a download worker gets it.
pub(super) fn item(req: &super::Req) -> Item {
    Item { index: req.index, url: req.url.clone(), foreign: req.foreign }
}

impl Downloader for Workers {
    async fn start(plan: &IoPlan) -> Result<Self, String> {
        let k = plan.k.min(plan.requests.len() as u32).max(1);
        Ok(Workers(WorkerGroup::start(k, "download worker", Role::Io).await?))
    }

    async fn run(&mut self, plan: &IoPlan, sink: &mut IoSink, _abort: &AbortController) -> Result<(), Stop> {
        let (k, run) = (self.0.len(), self.0.begin_run());
        for (j, req) in plan.requests.iter().enumerate() {
            send(&self.0, j % k, run, req)?;
        }
        // No Cancel to wait for here: Cancel drops the group, which terminates the workers.
        for _ in &plan.requests {
            let (w, FromIo::Got { index, download, .. }) = self.0.next(run, None).await?;
            sink.put_and_deliver(&plan.requests[index as usize], Lane::Worker(w as u16), download);
        }
        Ok(())
    }
}

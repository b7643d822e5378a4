//! `blocking-async` — the tutorial's trap, reproduced. Its coroutine version wraps a blocking
//! `requests.get` in `async def` and gathers them all: the event loop can only switch tasks at
//! an `await`, and a blocking call has none, so each download runs to the end before the next
//! starts. Here: one worker runs every download as an async task, all joined together, but each
//! task's download is a synchronous XHR. Expect the time of `serial`, not of `unbounded`.

use super::{Downloader, IoPlan, IoSink};
use crate::core::timeline::Lane;
use crate::modes::Stop;
use crate::web::msg::io::{FromIo, ToIo};
use crate::web::worker_group::WorkerGroup;
use crate::web::workers::Role;
use web_sys::AbortController;

/// The one worker whose event loop the tasks share (a page may not block on the network).
pub struct BlockingAsync(WorkerGroup);

impl Downloader for BlockingAsync {
    async fn start(_plan: &IoPlan) -> Result<Self, String> {
        Ok(BlockingAsync(WorkerGroup::start(1, "blocking worker", Role::Io).await?))
    }

    async fn run(&mut self, plan: &IoPlan, sink: &mut IoSink, _abort: &AbortController) -> Result<(), Stop> {
        let run = self.0.begin_run();
        let items = plan.requests.iter().map(super::workers::item).collect();
        self.0.post(0, &ToIo::GetBlocking { run, items })?;
        // No Cancel to wait for here: Cancel drops the group, which terminates the worker.
        for _ in &plan.requests {
            let (_, FromIo::Got { index, download, .. }) = self.0.next(run, None).await?;
            sink.put_and_deliver(&plan.requests[index as usize], Lane::Worker(0), download);
        }
        Ok(())
    }
}

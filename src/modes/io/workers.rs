//! `workers` — k web workers, each downloading its share one request at a time: the process
//! analogue (the tutorial's `ProcessPoolExecutor(max_workers=4)`). The shares are dealt
//! round-robin up front, so a worker that draws slow requests finishes last while others idle.

use super::{Downloader, IoPlan, IoSink};
use crate::core::timeline::Lane;
use crate::modes::Stop;
use crate::web::fetch::Downloaded;
use crate::web::msg::object;
use crate::web::worker_group::WorkerGroup;
use crate::web::workers::Role;
use web_sys::AbortController;

/// k download workers.
pub struct Workers(pub(super) WorkerGroup);

/// Asks worker `w` to download `req` after whatever it already has queued.
pub(super) fn send(group: &WorkerGroup, w: usize, req: &super::Req) -> Result<(), Stop> {
    group.post(
        w,
        &object(&[
            ("type", "get".into()),
            ("index", req.index.into()),
            ("url", req.url.as_str().into()),
            ("foreign", req.foreign.into()),
        ]),
    )
}

impl Downloader for Workers {
    async fn start(plan: &IoPlan) -> Result<Self, String> {
        let k = plan.k.min(plan.requests.len() as u32).max(1);
        Ok(Workers(WorkerGroup::start(k, "download worker", Role::Io).await?))
    }

    async fn run(&mut self, plan: &IoPlan, sink: &mut IoSink, _abort: &AbortController) -> Result<(), Stop> {
        let k = self.0.len();
        for (j, req) in plan.requests.iter().enumerate() {
            send(&self.0, j % k, req)?;
        }
        // Cancel needs no abort here: dropping the group terminates the workers.
        let never = crate::modes::Cancel::default();
        for _ in &plan.requests {
            let (w, m) = self.0.next_of("got", &never).await?;
            let (index, d): (u32, Downloaded) = Downloaded::from_js(&m);
            sink.put_and_deliver(&plan.requests[index as usize], Lane::Worker(w as u16), d);
        }
        Ok(())
    }
}

//! `serial` — await each download before starting the next: the tutorial's single-threaded base.
//! Every request pays its whole latency while nothing else happens.

use super::{Downloader, IoPlan, IoSink};
use crate::core::timeline::Lane;
use crate::modes::Stop;
use crate::web::fetch::download;
use web_sys::AbortController;

/// Nothing to start: the page's event loop makes the requests.
pub struct Serial;

impl Downloader for Serial {
    async fn start(_plan: &IoPlan) -> Result<Self, String> {
        Ok(Serial)
    }

    async fn run(&mut self, plan: &IoPlan, sink: &mut IoSink, abort: &AbortController) -> Result<(), Stop> {
        for req in &plan.requests {
            let d = download(&req.url, req.foreign, Some(&abort.signal())).await;
            sink.put_and_deliver(req, Lane::EventLoop, d);
        }
        Ok(())
    }
}

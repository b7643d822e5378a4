//! `unbounded` — every download started at once and awaited together: the coroutine analogue
//! done right (`asyncio.gather` over real non-blocking requests). One thread waits for all of
//! them at the same time; what limits it is the network — the server's connection cap, the
//! bandwidth they share, the browser's own limit of 6 connections per host over HTTP/1.1.

use super::{Downloader, IoPlan, IoSink};
use crate::core::timeline::Lane;
use crate::modes::Stop;
use crate::web::fetch::download;
use futures::stream::{FuturesUnordered, StreamExt};
use web_sys::AbortController;

/// Nothing to start.
pub struct Unbounded;

impl Downloader for Unbounded {
    async fn start(_plan: &IoPlan) -> Result<Self, String> {
        Ok(Unbounded)
    }

    async fn run(&mut self, plan: &IoPlan, sink: &mut IoSink, abort: &AbortController) -> Result<(), Stop> {
        let signal = abort.signal();
        let mut all: FuturesUnordered<_> = plan
            .requests
            .iter()
            .map(|req| {
                let signal = signal.clone();
                async move { (req, download(&req.url, req.foreign, Some(&signal)).await) }
            })
            .collect();
        while let Some((req, d)) = all.next().await {
            sink.put_and_deliver(req, Lane::EventLoop, d);
        }
        Ok(())
    }
}

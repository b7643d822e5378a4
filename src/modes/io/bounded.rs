//! `bounded` — at most k downloads in flight, like a pool of k threads each making one request
//! at a time (the tutorial's `ThreadPoolExecutor(max_workers=4)`), but with futures on one thread.
//!
//! Two ways to receive the results, as in `concurrent.futures`: in completion order
//! (`as_completed`: each thumbnail appears as soon as it arrives) or in submission order
//! (`executor.map`: a slow early request holds back every later result, though the downloads
//! themselves keep going k at a time). The wall time is the same; what the program sees when
//! differs.

use super::{Downloader, IoPlan, IoSink};
use crate::core::timeline::Lane;
use crate::modes::Stop;
use crate::web::fetch::download;
use futures::stream::{self, StreamExt};
use web_sys::AbortController;

/// Nothing to start.
pub struct Bounded;

impl Downloader for Bounded {
    async fn start(_plan: &IoPlan) -> Result<Self, String> {
        Ok(Bounded)
    }

    async fn run(&mut self, plan: &IoPlan, sink: &mut IoSink, abort: &AbortController) -> Result<(), Stop> {
        let signal = abort.signal();
        let mut finished = stream::iter(&plan.requests)
            .map(|req| {
                let signal = signal.clone();
                async move { (req, download(&req.url, req.foreign, Some(&signal)).await) }
            })
            .buffer_unordered(plan.k.max(1) as usize);
        // Submission order: results wait here until everything before them has been handed over.
        let mut arrived = vec![false; plan.requests.len()];
        let mut next_to_hand_over = 0;
        while let Some((req, d)) = finished.next().await {
            if plan.ordered {
                sink.put(req, Lane::EventLoop, d);
                arrived[req.index as usize] = true;
                while next_to_hand_over < arrived.len() && arrived[next_to_hand_over] {
                    sink.deliver(next_to_hand_over as u32);
                    next_to_hand_over += 1;
                }
            } else {
                sink.put_and_deliver(req, Lane::EventLoop, d);
            }
        }
        Ok(())
    }
}

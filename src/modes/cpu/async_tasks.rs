//! `async` — the coroutine analogue: every task is a future on the page's event loop, one
//! thread for all of them. Like the tutorial's `async def` that never awaits I/O, a task cannot
//! overlap with another: awaiting only hands the thread back to the event loop. So expect about
//! 1x — but unlike `main-thread`, the page stays live, because the tasks yield to the event loop
//! every `SLICE_MS` and the browser paints and handles input in between.

use crate::core::timeline::Lane;
use crate::core::workload::task;
use crate::modes::{Cancel, Executor, Plan, Sink, Stop};
use crate::web::clock::{epoch_now, now, yield_now};
use std::ops::Range;

/// Longest stretch of computing before the tasks let the event loop run. Each hand-back costs
/// ~1.5 ms here (the browser renders a frame in between), so shorter slices cost throughput;
/// but the progress update rendered at the end of a slice belongs to the same task, and 40 ms
/// slices measured 50 ms tasks. 30 ms keeps every task under the 50 ms of a "long task" with
/// ~5 % overhead at n = 10000, and the page at ~30 updates a second.
pub const SLICE_MS: f64 = 30.0;

/// One coroutine: computes S(i). Its body has no await point, so once polled it runs to the end.
async fn coroutine(i: u32) -> f64 {
    task(i)
}

/// The event loop is the only "thread".
pub struct AsyncTasks;

impl Executor for AsyncTasks {
    async fn start(_plan: &Plan) -> Result<Self, String> {
        Ok(AsyncTasks)
    }

    async fn compute(&mut self, tasks: Range<u32>, sink: &mut Sink, cancel: &Cancel) -> Result<(), Stop> {
        let mut slice_end = now() + SLICE_MS;
        for i in tasks {
            let t0 = epoch_now();
            let v = coroutine(i).await;
            let t1 = epoch_now();
            sink.put(i, v, Lane::EventLoop, t0, t1);
            if now() >= slice_end {
                sink.report();
                yield_now().await; // the cooperative part: let the page breathe
                if cancel.is_set() {
                    return Err(Stop::Cancelled);
                }
                slice_end = now() + SLICE_MS;
            }
        }
        Ok(())
    }
}

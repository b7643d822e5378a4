//! `main-thread` — the serial loop on the page's own thread. The page freezes while it runs:
//! no painting, no input, the progress bar stands still. That freeze is the lesson.
//!
//! It is not one unbroken block only so that Cancel keeps working: every `SLAB_MS` of
//! computing, the loop lets the browser handle one round of events (a click on Cancel among
//! them) and goes straight back to work. Each slab is still a long task of ~0.4 s.

use crate::core::timeline::Lane;
use crate::core::workload::task;
use crate::modes::{Cancel, Executor, Plan, Sink, Stop};
use crate::web::clock::{epoch_now, now, yield_now};
use std::ops::Range;

/// How long the page is blocked between two chances to press Cancel.
pub const SLAB_MS: f64 = 400.0;

/// Nothing to start: the page's thread is already there.
pub struct MainThread;

impl Executor for MainThread {
    async fn start(_plan: &Plan) -> Result<Self, String> {
        Ok(MainThread)
    }

    async fn compute(&mut self, tasks: Range<u32>, sink: &mut Sink, cancel: &Cancel) -> Result<(), Stop> {
        let mut i = tasks.start;
        while i < tasks.end {
            let slab_end = now() + SLAB_MS;
            while i < tasks.end && now() < slab_end {
                let t0 = epoch_now();
                let v = task(i);
                sink.put(i, v, Lane::Main, t0, epoch_now());
                i += 1;
            }
            sink.report();
            yield_now().await;
            if cancel.is_set() {
                return Err(Stop::Cancelled);
            }
        }
        Ok(())
    }
}

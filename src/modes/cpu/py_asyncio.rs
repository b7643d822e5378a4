//! `py-asyncio` — the tutorial's coroutines, in Python: one interpreter, every task an
//! `async def` coroutine, all gathered on one asyncio event loop, each yielding to the loop once
//! before it computes. The loop switches between them, but only one computes at any moment: about
//! 1× `py-serial`, as the tutorial measured (1.05×). See `run_asyncio` in `www/py/cpu.py` for why
//! it runs on asyncio's own loop rather than Pyodide's browser loop.

use crate::modes::jobs::{one_streamed_job, Interpreters};
use crate::modes::{Cancel, Executor, Plan, Sink, Stop};
use crate::web::py_worker::Style;
use std::ops::Range;

/// One interpreter, one event loop.
pub struct PyAsyncio(Interpreters);

impl Executor for PyAsyncio {
    async fn start(plan: &Plan) -> Result<Self, String> {
        Ok(PyAsyncio(Interpreters::start(1, plan, Style::Asyncio, 1).await?))
    }

    async fn compute(&mut self, tasks: Range<u32>, sink: &mut Sink, cancel: &Cancel) -> Result<(), Stop> {
        one_streamed_job(&mut self.0, tasks, sink, cancel).await
    }
}

//! `py-threads` — the tutorial's thread pool, in Python, for real: one interpreter runs the tasks
//! through `concurrent.futures.ThreadPoolExecutor(max_workers=k)`. The browser's CPython
//! (Pyodide) is built without threads, so the first `submit` raises `RuntimeError: can't start
//! new thread` and the run ends `failed` with Python's own words. `global-lock` is the GIL's
//! stand-in here, and `rayon` what free-threaded Python (3.14t) would do. Should a future Pyodide
//! start threads, this mode runs them — and the GIL makes it about 1× `py-serial`.

use crate::modes::jobs::{one_streamed_job, Interpreters};
use crate::modes::{Cancel, Executor, Plan, Sink, Stop};
use crate::web::py_worker::Style;
use std::ops::Range;

/// One interpreter asked for k threads.
pub struct PyThreads(Interpreters);

impl Executor for PyThreads {
    async fn start(plan: &Plan) -> Result<Self, String> {
        Ok(PyThreads(Interpreters::start(1, plan, Style::Threads, plan.k).await?))
    }

    async fn compute(&mut self, tasks: Range<u32>, sink: &mut Sink, cancel: &Cancel) -> Result<(), Stop> {
        one_streamed_job(&mut self.0, tasks, sink, cancel).await
    }
}

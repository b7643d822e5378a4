//! `py-gather` — the tutorial's coroutine variant done right: every download is a coroutine
//! that really awaits its `pyfetch`, and `asyncio.gather` runs them all at once. One thread
//! waits for all of them together; only the network (its connection cap and bandwidth) limits it.

use super::python::PyWorker;
use super::{Downloader, IoPlan, IoSink};
use crate::modes::Stop;
use web_sys::AbortController;

/// The program (after [`super::python::PRELUDE`], which defines `download` and `requests`).
pub const PROGRAM: &str = r#"
await asyncio.gather(*(download(req) for req in requests))
"#;

/// One interpreter in a worker.
pub struct PyGather(PyWorker);

impl Downloader for PyGather {
    async fn start(_plan: &IoPlan) -> Result<Self, String> {
        Ok(PyGather(PyWorker::start("py-gather").await?))
    }

    async fn run(&mut self, plan: &IoPlan, sink: &mut IoSink, _abort: &AbortController) -> Result<(), Stop> {
        self.0.download(PROGRAM, plan, sink).await
    }
}

//! `py-bounded` — the thread-pool analogue in asyncio: every download is a coroutine, but an
//! `asyncio.Semaphore(k)` lets at most k of them be in flight, like a pool of k threads each
//! doing one download at a time.

use super::python::PyWorker;
use super::{Downloader, IoPlan, IoSink};
use crate::modes::Stop;
use web_sys::AbortController;

/// The program (after [`super::python::PRELUDE`], which defines `download` and `requests`).
pub const PROGRAM: &str = r#"
slots = asyncio.Semaphore(page.k)


async def bounded(req):
    async with slots:  # waits while k downloads are in flight
        await download(req)


await asyncio.gather(*(bounded(req) for req in requests))
"#;

/// One interpreter in a worker.
pub struct PyBounded(PyWorker);

impl Downloader for PyBounded {
    async fn start(_plan: &IoPlan) -> Result<Self, String> {
        Ok(PyBounded(PyWorker::start("py-bounded").await?))
    }

    async fn run(&mut self, plan: &IoPlan, sink: &mut IoSink, _abort: &AbortController) -> Result<(), Stop> {
        self.0.download(PROGRAM, plan, sink).await
    }
}

//! `py-serial` — the tutorial's single-threaded base, in Python: `await` each `pyfetch` before
//! starting the next. The event loop is free while a download waits, but the program gives it
//! nothing else to do.

use super::python::PyWorker;
use super::{Downloader, IoPlan, IoSink};
use crate::modes::Stop;
use web_sys::AbortController;

/// The program (after [`super::python::PRELUDE`], which defines `download` and `requests`).
pub const PROGRAM: &str = r#"
for req in requests:
    await download(req)  # the next one starts only when this one is done
"#;

/// One interpreter in a worker.
pub struct PySerial(PyWorker);

impl Downloader for PySerial {
    async fn start(_plan: &IoPlan) -> Result<Self, String> {
        Ok(PySerial(PyWorker::start("py-serial").await?))
    }

    async fn run(&mut self, plan: &IoPlan, sink: &mut IoSink, _abort: &AbortController) -> Result<(), Stop> {
        // Cancel needs no abort: dropping the worker ends its requests.
        self.0.download(PROGRAM, plan, sink).await
    }
}

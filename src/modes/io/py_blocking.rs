//! `py-blocking` — the tutorial's mistake, in Python: `async def` tasks, all gathered, whose
//! download is a synchronous request. `pyodide.http.open_url` is Pyodide's blocking download:
//! a synchronous XMLHttpRequest (allowed in workers only), returning the body as text. Text
//! would garble an image, so the program makes the same synchronous request and asks for bytes.
//! A call that never awaits cannot be switched away from: each task runs its whole download
//! before the next starts, and nothing overlaps.

use super::python::PyWorker;
use super::{Downloader, IoPlan, IoSink};
use crate::modes::Stop;
use web_sys::AbortController;

/// The program (after [`super::python::PRELUDE`], which defines `requests`).
pub const PROGRAM: &str = r#"
from js import XMLHttpRequest


def open_url_bytes(url):
    """pyodide.http.open_url's synchronous request, with the body as bytes."""
    xhr = XMLHttpRequest.new()
    xhr.open("GET", url, False)  # False: synchronous, the thread waits here
    xhr.responseType = "arraybuffer"
    xhr.send()
    return xhr.status, xhr.response


async def download_blocking(req):
    start = page.now()
    try:
        status, buffer = open_url_bytes(req["url"])  # no await: the event loop is stuck too
        ok = 200 <= status < 300
        page.emit({"index": req["index"], "status": status, "start": start, "end": page.now(),
                   "body": buffer.to_bytes() if ok else None, "error": None})
    except Exception as error:
        page.emit({"index": req["index"], "status": 0, "start": start, "end": page.now(),
                   "body": None, "error": str(error)})


await asyncio.gather(*(download_blocking(req) for req in requests))
"#;

/// One interpreter in a worker.
pub struct PyBlocking(PyWorker);

impl Downloader for PyBlocking {
    async fn start(_plan: &IoPlan) -> Result<Self, String> {
        Ok(PyBlocking(PyWorker::start("py-blocking").await?))
    }

    async fn run(&mut self, plan: &IoPlan, sink: &mut IoSink, _abort: &AbortController) -> Result<(), Stop> {
        self.0.download(PROGRAM, plan, sink).await
    }
}

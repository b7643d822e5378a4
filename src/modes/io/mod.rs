//! The I/O experiment's modes, one file each, all behind [`Downloader`]; [`run_io_mode`] drives
//! them alike (start workers, open a simulated-network run, time the downloads, predict the
//! ideal time with the same network model).

pub mod blocking_async;
pub mod bounded;
pub mod py_blocking;
pub mod py_bounded;
pub mod py_gather;
pub mod py_serial;
pub mod python;
pub mod serial;
pub mod unbounded;
pub mod workers;
pub mod workers_queue;

use crate::core::images::{image_for, ImageInfo, Manifest};
use crate::core::io_modes::IoMode;
use crate::core::io_report::{check_body, IoOutcome, RequestRecord};
use crate::core::net::predict;
use crate::core::preset::IoSettings;
use crate::core::report::Status;
use crate::core::timeline::Lane;
use crate::modes::{start_unless_cancelled, Cancel, Stop};
use crate::web::clock::{epoch_now, now};
use crate::web::download::ImageUrl;
use crate::web::env::base_url;
use crate::web::fetch::{bytes_of, Downloaded};
use crate::web::simnet;
use futures::future::{select, Either};
use std::future::Future;
use std::rc::Rc;
use web_sys::AbortController;

/// One request of a run.
#[derive(Clone, Debug, PartialEq)]
pub struct Req {
    /// Position in the run (0-based).
    pub index: u32,
    /// Absolute URL.
    pub url: String,
    /// A bundled image: what must arrive.
    pub expect: Option<ImageInfo>,
    /// On another origin (CORS applies).
    pub foreign: bool,
}

/// What a mode is asked to download, and how.
pub struct IoPlan {
    /// Requests in flight, or workers.
    pub k: u32,
    /// `bounded`: hand results over in submission order.
    pub ordered: bool,
    /// The requests, in submission order.
    pub requests: Vec<Req>,
}

/// What the page shows while a mode runs.
#[derive(Clone, Debug, PartialEq)]
pub enum IoEvent {
    /// Requests finished so far, of all.
    Progress { done: u32, total: u32 },
    /// A result was handed to the program, the `order`-th: an object URL of the image if it
    /// arrived intact.
    Delivered { index: u32, order: u32, image: Option<ImageUrl> },
}

/// Where a mode puts each finished request.
pub struct IoSink {
    records: Vec<Option<RequestRecord>>,
    buffers: Vec<Option<js_sys::ArrayBuffer>>,
    expect: Vec<Option<ImageInfo>>,
    origin: f64,
    delivered: u32,
    done: u32,
    on_event: Rc<dyn Fn(IoEvent)>,
}

impl IoSink {
    fn new(plan: &IoPlan, on_event: Rc<dyn Fn(IoEvent)>) -> IoSink {
        let n = plan.requests.len();
        IoSink {
            records: vec![None; n],
            buffers: vec![None; n],
            expect: plan.requests.iter().map(|r| r.expect.clone()).collect(),
            origin: epoch_now(),
            delivered: 0,
            done: 0,
            on_event,
        }
    }

    /// Records a finished request and checks its bytes; it is not handed over yet.
    pub fn put(&mut self, req: &Req, lane: Lane, d: Downloaded) {
        let i = req.index as usize;
        let bytes = d.buffer.as_ref().map(|b| b.byte_length() as u64).unwrap_or(0);
        let error = d.error.or_else(|| {
            let body = d.buffer.as_ref().map(bytes_of).unwrap_or_default();
            check_body(&body, self.expect[i].as_ref()).err()
        });
        self.records[i] = Some(RequestRecord {
            index: req.index,
            url: req.url.clone(),
            lane,
            start_ms: d.start - self.origin,
            end_ms: d.end - self.origin,
            status: d.status,
            bytes,
            ok: error.is_none(),
            error,
            delivered: 0,
        });
        if error.is_none() {
            self.buffers[i] = d.buffer;
        }
        self.done += 1;
        (self.on_event)(IoEvent::Progress { done: self.done, total: self.records.len() as u32 });
    }

    /// Hands request `index`'s result to the program (the thumbnail appears, numbered).
    pub fn deliver(&mut self, index: u32) {
        self.delivered += 1;
        if let Some(r) = self.records[index as usize].as_mut() {
            r.delivered = self.delivered;
        }
        let image = self.buffers[index as usize].take().and_then(|b| crate::web::download::object_url(&b, "image/png"));
        (self.on_event)(IoEvent::Delivered { index, order: self.delivered, image });
    }

    /// Records and hands over at once (every mode but ordered `bounded`).
    pub fn put_and_deliver(&mut self, req: &Req, lane: Lane, d: Downloaded) {
        self.put(req, lane, d);
        self.deliver(req.index);
    }
}

/// The shape every download mode has.
#[allow(async_fn_in_trait)] // single-threaded executor: no Send needed
pub trait Downloader: Sized {
    /// Starts the mode's workers, if it has any.
    async fn start(plan: &IoPlan) -> Result<Self, String>;
    /// Downloads every request of the plan into `sink`; `abort` aborts the page's requests.
    async fn run(&mut self, plan: &IoPlan, sink: &mut IoSink, abort: &AbortController) -> Result<(), Stop>;
}

/// Runs `work` until it ends or Cancel fires; on Cancel, aborts every request in flight.
pub async fn until_cancelled(
    cancel: &Cancel,
    abort: &AbortController,
    work: impl Future<Output = Result<(), Stop>>,
) -> Result<(), Stop> {
    match select(Box::pin(work), Box::pin(cancel.wait())).await {
        Either::Left((r, _)) => r,
        Either::Right(_) => {
            abort.abort();
            Err(Stop::Cancelled)
        }
    }
}

/// Where the images of a run come from.
#[derive(Clone)]
pub enum Target {
    /// The bundled set through the simulated network.
    Simulated(Rc<Manifest>),
    /// The bundled set over real HTTP from this origin.
    SameOrigin(Rc<Manifest>),
    /// The learner's URLs.
    Urls(Rc<Vec<String>>),
}

impl Target {
    /// Requests in a run: the learner's `count`, or the length of their URL list.
    pub fn count(&self, count: u32) -> u32 {
        match self {
            Target::Simulated(_) | Target::SameOrigin(_) => count,
            Target::Urls(list) => list.len() as u32,
        }
    }

    /// The bundled images, when they go through the simulated network (which predicts the
    /// ideal time too).
    pub fn simulated(&self) -> Option<&Manifest> {
        match self {
            Target::Simulated(m) => Some(m),
            Target::SameOrigin(_) | Target::Urls(_) => None,
        }
    }
}

fn requests(target: &Target, count: u32, run: u32) -> Vec<Req> {
    let base = base_url();
    let bundled = |m: &Manifest, url: &dyn Fn(u32, &ImageInfo) -> String| -> Vec<Req> {
        (0..count)
            .filter_map(|j| image_for(m, j).map(|img| (j, img)))
            .map(|(j, img)| Req { index: j, url: url(j, img), expect: Some(img.clone()), foreign: false })
            .collect()
    };
    match target {
        Target::Simulated(m) => bundled(m, &|j, img| format!("{base}simnet/{run}/{j}/{}", img.name)),
        // The query makes every request distinct, so no cache can answer it.
        Target::SameOrigin(m) => bundled(m, &|j, img| format!("{base}images/{}?run={run}&j={j}", img.name)),
        Target::Urls(list) => list
            .iter()
            .enumerate()
            .map(|(j, url)| Req { index: j as u32, url: url.clone(), expect: None, foreign: true })
            .collect(),
    }
}

/// Runs one mode end to end.
pub async fn run_io_mode(
    mode: IoMode,
    settings: &IoSettings,
    target: &Target,
    cancel: &Cancel,
    on_event: Rc<dyn Fn(IoEvent)>,
) -> IoOutcome {
    match mode {
        IoMode::Serial => drive::<serial::Serial>(mode, settings, target, cancel, on_event).await,
        IoMode::Bounded => drive::<bounded::Bounded>(mode, settings, target, cancel, on_event).await,
        IoMode::Unbounded => drive::<unbounded::Unbounded>(mode, settings, target, cancel, on_event).await,
        IoMode::Workers => drive::<workers::Workers>(mode, settings, target, cancel, on_event).await,
        IoMode::WorkersQueue => drive::<workers_queue::WorkersQueue>(mode, settings, target, cancel, on_event).await,
        IoMode::BlockingAsync => drive::<blocking_async::BlockingAsync>(mode, settings, target, cancel, on_event).await,
        IoMode::PySerial => drive::<py_serial::PySerial>(mode, settings, target, cancel, on_event).await,
        IoMode::PyGather => drive::<py_gather::PyGather>(mode, settings, target, cancel, on_event).await,
        IoMode::PyBounded => drive::<py_bounded::PyBounded>(mode, settings, target, cancel, on_event).await,
        IoMode::PyBlocking => drive::<py_blocking::PyBlocking>(mode, settings, target, cancel, on_event).await,
    }
}

/// A run id that makes same-origin URLs unique across page loads too.
fn fresh_run_id() -> u32 {
    (js_sys::Math::random() * 1e9) as u32
}

async fn drive<D: Downloader>(
    mode: IoMode,
    settings: &IoSettings,
    target: &Target,
    cancel: &Cancel,
    on_event: Rc<dyn Fn(IoEvent)>,
) -> IoOutcome {
    let count = target.count(settings.count);
    let mut outcome = IoOutcome {
        mode,
        k: mode.concurrency(settings.k, count),
        ordered: (mode == IoMode::Bounded).then_some(settings.ordered),
        status: Status::Done,
        error: None,
        wall_ms: 0.0,
        samples_ms: Vec::new(),
        startup_ms: 0.0,
        ideal_ms: None,
        requests: Vec::new(),
    };
    let fail = |mut o: IoOutcome, stop: Stop| {
        (o.status, o.error) = stop.status();
        o
    };
    // The simulated network gets a fresh simulator per mode, so each mode meets the same network.
    let run = match target.simulated() {
        Some(m) => {
            let sizes: Vec<(String, u64)> = m.images.iter().map(|i| (i.name.clone(), i.bytes)).collect();
            let opened = async {
                simnet::connect().await?;
                simnet::start_run(&settings.net, &sizes).await
            };
            match opened.await {
                Ok(run) => Some(run),
                Err(e) => return fail(outcome, Stop::Failed(e)),
            }
        }
        None => None,
    };
    let plan = IoPlan {
        k: settings.k,
        ordered: settings.ordered,
        requests: requests(target, count, run.unwrap_or_else(fresh_run_id)),
    };
    if target.simulated().is_some() {
        let sizes: Vec<u64> = plan.requests.iter().map(|r| r.expect.as_ref().map_or(0, |i| i.bytes)).collect();
        outcome.ideal_ms = Some(predict(&settings.net, &sizes, mode.client(settings.k)).total_ms);
    }

    let t0 = now();
    let mut downloader = match start_unless_cancelled(D::start(&plan), cancel).await {
        Ok(d) => d,
        Err(stop) => return fail(outcome, stop),
    };
    outcome.startup_ms = now() - t0;

    let abort = AbortController::new().expect("AbortController exists in every browser we support");
    let mut sink = IoSink::new(&plan, on_event);
    let t1 = now();
    let result = until_cancelled(cancel, &abort, downloader.run(&plan, &mut sink, &abort)).await;
    outcome.wall_ms = now() - t1;
    drop(downloader);
    if let Some(run) = run {
        simnet::stop_run(run);
    }
    outcome.requests = sink.records.into_iter().flatten().collect();
    match result {
        Ok(()) => {
            outcome.samples_ms = vec![outcome.wall_ms];
            outcome
        }
        Err(stop) => fail(outcome, stop),
    }
}

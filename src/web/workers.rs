//! Starting workers that load this same module: the bootstrap both worker kinds share.

use super::msg::boot::{Boot, FromWorker};
use super::msg::{field, Decode, Encode};
use futures::channel::mpsc;
use futures::StreamExt;
use wasm_bindgen::prelude::*;
use web_sys::{MessageEvent, Worker};

#[wasm_bindgen(module = "/src/web/js/worker.js")]
extern "C" {
    #[wasm_bindgen(js_name = startWorker, catch)]
    fn start_worker(name: &str) -> Result<Worker, JsValue>;
}

#[wasm_bindgen]
extern "C" {
    // The URL of the page's main JS module (wasm-bindgen's glue), which workers import.
    #[wasm_bindgen(thread_local_v2, js_namespace = ["import", "meta"], js_name = url)]
    static MAIN_JS: js_sys::JsString;
}

crate::id_table! {
    /// What a worker runs once booted (the id is what `worker_main` is called with).
    pub enum Role {
        /// A thread of the shared-memory pool: same memory as the page.
        PoolThread = "pool",
        /// A process-like CPU worker: its own memory, talks only in messages.
        Cpu = "cpu",
        /// A download worker of the I/O experiment.
        Io = "io",
        /// The simulated network's server: runs the network model in real time.
        Simnet = "simnet",
    }
}

/// Text of a JS error or rejection.
pub fn js_error_text(e: &JsValue) -> String {
    if let Some(s) = e.as_string() {
        return s;
    }
    field(e, "message").as_string().unwrap_or_else(|| format!("{e:?}"))
}

/// A worker with its two handlers (JS functions backed by Rust closures), which live exactly as
/// long as this value. Dropping it first unhooks them, then terminates the worker: a message the
/// worker had already queued — a `ready` arriving after Cancel dropped a half-booted worker —
/// then finds no handler, instead of calling a freed closure ("closure invoked recursively or
/// after being dropped", a page error). Every worker the page starts is held in one of these.
pub struct Hooked {
    /// The worker.
    pub worker: Worker,
    /// Whether dropping this terminates the worker (a Python runner interrupts first and
    /// terminates a little later: see `py_run`).
    pub terminate_on_drop: bool,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

impl Hooked {
    /// Hooks `on_message` (each message's data) and `on_error` (an uncaught error in the worker,
    /// or its script failing to load: then `fallback` is the text) to `worker`.
    pub fn new(
        worker: Worker,
        mut on_message: impl FnMut(JsValue) + 'static,
        mut on_error: impl FnMut(String) + 'static,
        fallback: &str,
    ) -> Hooked {
        let fallback = fallback.to_owned();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| on_message(e.data()));
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
            // Reported through the channel; without this it would also be an uncaught page error.
            e.prevent_default();
            on_error(error_event_text(&e, &fallback));
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Hooked { worker, terminate_on_drop: true, _on_message: on_message, _on_error: on_error }
    }
}

/// Starts `url` as a module worker named `name` (shown in devtools) and hooks it: every message
/// is read by `read` and every error by `broken` into one channel. A script that cannot load is
/// reported there later, with `fallback` as its text. Every Python worker starts this way.
///
/// # Errors
/// The browser refused to create the worker.
pub fn start_module_worker<T: 'static>(
    url: &str,
    name: &str,
    read: fn(&JsValue) -> T,
    broken: fn(String) -> T,
    fallback: &str,
) -> Result<(Hooked, mpsc::UnboundedReceiver<T>), String> {
    let options = web_sys::WorkerOptions::new();
    options.set_type(web_sys::WorkerType::Module);
    options.set_name(name);
    let worker = Worker::new_with_options(url, &options).map_err(|e| js_error_text(&e))?;
    let (tx, rx) = mpsc::unbounded();
    let tx_err = tx.clone();
    let hooked = Hooked::new(
        worker,
        move |m| {
            let _ = tx.unbounded_send(read(&m));
        },
        move |e| {
            let _ = tx_err.unbounded_send(broken(e));
        },
        fallback,
    );
    Ok((hooked, rx))
}

impl Drop for Hooked {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        if self.terminate_on_drop {
            self.worker.terminate();
        }
    }
}

/// The text of a worker's `error` event. A script that fails to load fires a plain `Event`
/// (Firefox does, offline), which has no `message`: reading it through web-sys's
/// `ErrorEvent::message` handed `undefined` to wasm-bindgen's string glue, a page error
/// ("can't access property "length", arg is undefined").
pub fn error_event_text(e: &web_sys::Event, fallback: &str) -> String {
    field(e, "message").as_string().filter(|m| !m.is_empty()).unwrap_or_else(|| fallback.to_owned())
}

/// A booted worker and the stream of everything it posts (an uncaught error arrives as
/// [`FromWorker::Crashed`]). Dropping it terminates the worker.
pub struct Booted {
    /// The worker and its handlers.
    pub hooked: Hooked,
    /// Its messages, in order.
    pub inbox: mpsc::UnboundedReceiver<JsValue>,
}

impl Booted {
    /// The worker.
    pub fn worker(&self) -> &Worker {
        &self.hooked.worker
    }
}

/// Starts a worker on this module and waits until it reports `ready`. Dropped before then (a
/// cancelled run), the worker is terminated.
///
/// # Errors
/// The worker could not be created, failed to load the module, or crashed while starting.
pub async fn boot(name: String, role: Role) -> Result<Booted, String> {
    let worker = start_worker(&name).map_err(|e| js_error_text(&e))?;
    let (tx, mut inbox) = mpsc::unbounded();
    let tx_err = tx.clone();
    let hooked = Hooked::new(
        worker,
        move |m| {
            let _ = tx.unbounded_send(m);
        },
        move |e| {
            let _ = tx_err.unbounded_send(FromWorker::Crashed(e).encode().0);
        },
        "the worker's script failed to load",
    );
    let boot = Boot {
        role: role.id(),
        main_js: MAIN_JS.with(|u| u.clone()).into(),
        module: wasm_bindgen::module(),
        memory: (role == Role::PoolThread).then(wasm_bindgen::memory),
    };
    hooked.worker.post_message(&boot.encode().0).map_err(|e| js_error_text(&e))?;
    // On an error return `hooked` is dropped, which terminates the worker.
    match inbox.next().await.map(|m| FromWorker::decode(&m)) {
        Some(Some(FromWorker::Ready)) => Ok(Booted { hooked, inbox }),
        Some(Some(FromWorker::BootFailed(e) | FromWorker::Crashed(e))) => Err(e),
        Some(None) | None => Err("the worker did not start".into()),
    }
}

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

/// A started worker and the stream of everything it posts (an uncaught error arrives as
/// [`FromWorker::Crashed`]).
pub struct Booted {
    /// The worker.
    pub worker: Worker,
    /// Its messages, in order.
    pub inbox: mpsc::UnboundedReceiver<JsValue>,
    // Keep the handlers alive as long as the worker is.
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::ErrorEvent)>,
}

/// Starts a worker on this module and waits until it reports `ready`.
///
/// # Errors
/// The worker could not be created, failed to load the module, or crashed while starting.
pub async fn boot(name: String, role: Role) -> Result<Booted, String> {
    let worker = start_worker(&name).map_err(|e| js_error_text(&e))?;
    let (tx, mut inbox) = mpsc::unbounded();
    let tx_err = tx.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        let _ = tx.unbounded_send(e.data());
    });
    let on_error = Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(move |e: web_sys::ErrorEvent| {
        // Without this the error would also surface as an uncaught page error.
        e.prevent_default();
        let _ = tx_err.unbounded_send(FromWorker::Crashed(e.message()).encode().0);
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    let boot = Boot {
        role: role.id(),
        main_js: MAIN_JS.with(|u| u.clone()).into(),
        module: wasm_bindgen::module(),
        memory: (role == Role::PoolThread).then(wasm_bindgen::memory),
    };
    worker.post_message(&boot.encode().0).map_err(|e| js_error_text(&e))?;
    let booted = Booted { worker, inbox: mpsc::unbounded().1, _on_message: on_message, _on_error: on_error };
    let failed = |booted: Booted, why: String| {
        booted.worker.terminate();
        Err(why)
    };
    match inbox.next().await.map(|m| FromWorker::decode(&m)) {
        Some(Some(FromWorker::Ready)) => Ok(Booted { inbox, ..booted }),
        Some(Some(FromWorker::BootFailed(e) | FromWorker::Crashed(e))) => failed(booted, e),
        Some(None) | None => failed(booted, "the worker did not start".into()),
    }
}

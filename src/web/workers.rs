//! Starting workers that load this same module: the bootstrap both worker kinds share.

use super::msg::{field, kind, object};
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

/// What a worker runs once booted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// A thread of the shared-memory pool: same memory as the page.
    PoolThread,
    /// A process-like CPU worker: its own memory, talks only in messages.
    Cpu,
    /// A download worker of the I/O experiment.
    Io,
    /// The simulated network's server: runs the network model in real time.
    Simnet,
}

impl Role {
    fn id(self) -> &'static str {
        match self {
            Role::PoolThread => "pool",
            Role::Cpu => "cpu",
            Role::Io => "io",
            Role::Simnet => "simnet",
        }
    }
}

/// Text of a JS error or rejection.
pub fn js_error_text(e: &JsValue) -> String {
    if let Some(s) = e.as_string() {
        return s;
    }
    let msg = field(e, "message");
    msg.as_string().unwrap_or_else(|| format!("{e:?}"))
}

/// A started worker and the stream of everything it posts (errors arrive as `{type: "error"}`).
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
        let _ = tx_err.unbounded_send(object(&[("type", "error".into()), ("error", e.message().into())]));
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    let mut fields = vec![
        ("type", JsValue::from("boot")),
        ("role", role.id().into()),
        ("mainJS", MAIN_JS.with(|u| u.clone()).into()),
        ("module", wasm_bindgen::module()),
    ];
    if role == Role::PoolThread {
        fields.push(("memory", wasm_bindgen::memory()));
    }
    worker.post_message(&object(&fields)).map_err(|e| js_error_text(&e))?;
    let booted = Booted { worker, inbox: mpsc::unbounded().1, _on_message: on_message, _on_error: on_error };
    match inbox.next().await {
        Some(m) if kind(&m) == "ready" => Ok(Booted { inbox, ..booted }),
        Some(m) => {
            booted.worker.terminate();
            Err(field(&m, "error").as_string().unwrap_or_else(|| "the worker did not start".into()))
        }
        None => Err("the worker did not start".into()),
    }
}

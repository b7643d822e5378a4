//! Page ↔ any worker while it starts (`worker.js` handles `boot` itself, then hands over to
//! `worker_main`, which says `ready`).

use super::{kind, no_transfer, object, text, Decode, Encode, Kind};
use js_sys::Array;
use wasm_bindgen::JsValue;

/// Page → worker: load the page's module.
pub struct Boot {
    /// What the worker runs once loaded (`Role::id`).
    pub role: &'static str,
    /// The URL of the page's main JS module (wasm-bindgen's glue).
    pub main_js: JsValue,
    /// The compiled module.
    pub module: JsValue,
    /// The page's memory, for pool threads only.
    pub memory: Option<JsValue>,
}

impl Encode for Boot {
    fn encode(&self) -> (JsValue, Array) {
        let mut fields =
            vec![("role", self.role.into()), ("mainJS", self.main_js.clone()), ("module", self.module.clone())];
        if let Some(m) = &self.memory {
            fields.push(("memory", m.clone()));
        }
        (object(Kind::Boot, &fields), no_transfer())
    }
}

/// Worker → page, at start-up or when it crashes.
#[derive(Clone, Debug, PartialEq)]
pub enum FromWorker {
    /// Booted.
    Ready,
    /// Loading the module failed.
    BootFailed(String),
    /// An uncaught error in the worker (built on the page by the `onerror` handler).
    Crashed(String),
}

impl Encode for FromWorker {
    fn encode(&self) -> (JsValue, Array) {
        let msg = match self {
            FromWorker::Ready => object(Kind::Ready, &[]),
            FromWorker::BootFailed(e) => object(Kind::BootFailed, &[("error", e.into())]),
            FromWorker::Crashed(e) => object(Kind::Crashed, &[("error", e.into())]),
        };
        (msg, no_transfer())
    }
}

impl Decode for FromWorker {
    fn decode(v: &JsValue) -> Option<Self> {
        let error = || text(v, "error").unwrap_or_default();
        match kind(v)? {
            Kind::Ready => Some(FromWorker::Ready),
            Kind::BootFailed => Some(FromWorker::BootFailed(error())),
            Kind::Crashed => Some(FromWorker::Crashed(error())),
            _ => None,
        }
    }
}

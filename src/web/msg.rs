//! Building and reading the plain JS objects that cross `postMessage`.
//!
//! Both ends are our Rust, so the shapes live here once: [`Job`] goes to a CPU worker, [`Batch`]
//! comes back. Arrays travel as `Float64Array`s, moved (transferred), not copied.

use js_sys::{Array, Float64Array, Object, Reflect};
use wasm_bindgen::prelude::*;

/// A plain object from `(key, value)` pairs.
pub fn object(fields: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in fields {
        Reflect::set(&o, &JsValue::from_str(k), v).expect("setting a field on a fresh object cannot fail");
    }
    o.into()
}

/// A field of a message, `undefined` when missing.
pub fn field(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// A numeric field, `NaN` when missing.
pub fn num(v: &JsValue, key: &str) -> f64 {
    field(v, key).as_f64().unwrap_or(f64::NAN)
}

/// The `type` of a message.
pub fn kind(v: &JsValue) -> String {
    field(v, "type").as_string().unwrap_or_default()
}

/// Work for a CPU worker: tasks `start .. end`, answered in batches.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Job {
    /// Caller's id for the job (echoed in every batch).
    pub id: u32,
    /// First task.
    pub start: u32,
    /// One past the last task.
    pub end: u32,
    /// Send a partial batch whenever this many ms have passed (0: one batch at the end).
    pub stream_ms: f64,
}

impl Job {
    /// As a message.
    pub fn to_js(self) -> JsValue {
        object(&[
            ("type", "job".into()),
            ("id", self.id.into()),
            ("start", self.start.into()),
            ("end", self.end.into()),
            ("stream_ms", self.stream_ms.into()),
        ])
    }

    /// From a message.
    pub fn from_js(v: &JsValue) -> Job {
        Job {
            id: num(v, "id") as u32,
            start: num(v, "start") as u32,
            end: num(v, "end") as u32,
            stream_ms: num(v, "stream_ms"),
        }
    }
}

pub use crate::core::run::Batch;

impl Batch {
    /// As a message plus the buffers to transfer.
    pub fn to_js(&self) -> (JsValue, Array) {
        let values = Float64Array::from(&self.values[..]);
        let spans = Float64Array::from(&self.spans[..]);
        let transfer = Array::of2(&values.buffer(), &spans.buffer());
        let msg = object(&[
            ("type", "batch".into()),
            ("job", self.job.into()),
            ("start", self.start.into()),
            ("values", values.into()),
            ("spans", spans.into()),
            ("last", self.last.into()),
        ]);
        (msg, transfer)
    }

    /// From a message.
    pub fn from_js(v: &JsValue) -> Batch {
        let arr = |k| field(v, k).dyn_into::<Float64Array>().map(|a| a.to_vec()).unwrap_or_default();
        Batch {
            job: num(v, "job") as u32,
            start: num(v, "start") as u32,
            values: arr("values"),
            spans: arr("spans"),
            last: field(v, "last").as_bool().unwrap_or(true),
        }
    }
}

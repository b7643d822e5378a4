//! Every message between the page and its own workers, typed: one enum per channel, each encoded
//! and decoded here (the one exception, the Python programs' channel of the I/O modes and the
//! cell, is `web::py_run`'s, beside the worker it drives; it decodes the load report and errors
//! through [`py`]'s readers) —
//! [`boot`] (page ↔ any worker while it starts), [`cpu`] (page ↔ CPU and pool workers),
//! [`io`] (page ↔ download workers), [`py`] (page ↔ Python workers), [`simnet`] (page ↔ simnet
//! worker, service worker ↔ simnet worker, page ↔ service worker). The `type` names are [`Kind`]'s table, which the JS side
//! mirrors. Every reply names the run (or request) it answers, so a stale one is dropped.
//!
//! Hand-written over `js_sys::Object` rather than `serde-wasm-bindgen`: batches carry their
//! arrays as `Float64Array`s that are transferred, not copied, which serde cannot express. On the
//! hot path (a CPU batch, encode + decode, `bench.rs`, Chromium 156 on a loaded 2-core machine)
//! the hand-written code took 41 / 163 / 820 µs for 256 / 1024 / 4096 tasks against serde's
//! 329 / 3687 / 15835 µs; only a 16-task batch was cheaper through serde (17 µs against 25).

#[cfg(feature = "codec-bench")]
pub mod bench;
pub mod boot;
pub mod cpu;
pub mod io;
pub mod py;
pub mod simnet;

pub use crate::core::wire::Kind;
pub use cpu::{Batch, Job};
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;

/// A message Rust sends: how it goes on the wire.
pub trait Encode {
    /// The message, and the buffers to transfer with it (empty when nothing moves).
    fn encode(&self) -> (JsValue, Array);
}

/// A message Rust receives: how it is read back.
pub trait Decode: Sized {
    /// Reads a message of this channel; `None` for anything else (another channel's message,
    /// or one that lost a field on the way).
    fn decode(v: &JsValue) -> Option<Self>;
}

/// A reply that names the run it answers.
pub trait Reply: Decode {
    /// The run (or request) this reply answers.
    fn run(&self) -> u32;
}

/// A plain object `{type, …fields}`.
pub(crate) fn object(kind: Kind, fields: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    let set = |k: &str, v: &JsValue| {
        Reflect::set(&o, &JsValue::from_str(k), v).expect("setting a field on a fresh object cannot fail")
    };
    set("type", &kind.id().into());
    for (k, v) in fields {
        set(k, v);
    }
    o.into()
}

/// A field of a message, `undefined` when missing.
pub(crate) fn field(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// A numeric field, `None` when missing or not a number.
pub(crate) fn num(v: &JsValue, key: &str) -> Option<f64> {
    field(v, key).as_f64()
}

/// A whole-number field (ids, indices, counts).
pub(crate) fn uint(v: &JsValue, key: &str) -> Option<u32> {
    num(v, key).filter(|x| *x >= 0.0 && x.fract() == 0.0 && *x <= f64::from(u32::MAX)).map(|x| x as u32)
}

/// A text field.
pub(crate) fn text(v: &JsValue, key: &str) -> Option<String> {
    field(v, key).as_string()
}

/// The `type` of a message, if it is one of ours.
pub(crate) fn kind(v: &JsValue) -> Option<Kind> {
    Kind::from_id(&text(v, "type")?)
}

/// Nothing to transfer.
pub(crate) fn no_transfer() -> Array {
    Array::new()
}

/// Embedded page → parent page: `{type: "playground:height", height}` (a documented interface
/// for course sites, so its shape is fixed).
pub fn frame_height(height: f64) -> JsValue {
    object(Kind::FrameHeight, &[("height", height.into())])
}

//! Time and yielding, the same on the page and in workers.

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    // `performance` is a global in windows and workers alike.
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;
    #[wasm_bindgen(thread_local_v2, js_namespace = performance, js_name = timeOrigin)]
    static TIME_ORIGIN: f64;
    #[wasm_bindgen(js_name = setTimeout)]
    pub(crate) fn set_timeout(f: &js_sys::Function, ms: i32) -> JsValue;
}

/// Milliseconds since this context started (page or worker). For durations within one context.
pub fn now() -> f64 {
    performance_now()
}

/// Milliseconds since the Unix epoch, sub-millisecond. Each worker's `performance.now()` starts
/// at its own origin; adding `timeOrigin` puts every lane of the timeline on one clock.
pub fn epoch_now() -> f64 {
    TIME_ORIGIN.with(|t| *t) + performance_now()
}

/// Lets the event loop run (input, painting, messages) and resumes right after.
/// A `MessageChannel` post, not `setTimeout(0)`: nested timeouts are clamped to ≥ 4 ms.
pub async fn yield_now() {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let channel = web_sys::MessageChannel::new().expect("MessageChannel exists in every browser we support");
        channel.port1().set_onmessage(Some(&resolve));
        channel.port2().post_message(&JsValue::NULL).expect("posting null to a fresh port cannot fail");
    });
    let _ = JsFuture::from(promise).await;
}

/// Resolves after `ms` milliseconds (a browser timer: at least that long, often a little more).
/// Dropping the future clears the timer (the losing sleep of a `select` stops at once).
pub async fn sleep(ms: u32) {
    gloo_timers::future::TimeoutFuture::new(ms).await;
}

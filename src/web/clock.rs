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
    fn set_timeout(f: &js_sys::Function, ms: i32) -> JsValue;
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
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        set_timeout(&resolve, ms);
    });
    let _ = JsFuture::from(promise).await;
}

/// Resolves once the page has finished loading and the browser has had an idle moment, and no
/// isolation reload is pending. A run started from the URL (`run=1`) waits for this: during page
/// load the browser compiles and parses on every core, and the first mode timed then came out
/// ~15 % slow; and a page about to be reloaded must not start (or record) a run.
pub async fn page_settled() {
    super::env::wait_unless_reloading().await;
    let Some(window) = web_sys::window() else {
        return;
    };
    let loaded = window.document().is_some_and(|d| d.ready_state() == "complete");
    if !loaded {
        let promise = js_sys::Promise::new(&mut |resolve, _reject| {
            let options = web_sys::AddEventListenerOptions::new();
            options.set_once(true);
            let _ = window.add_event_listener_with_callback_and_add_event_listener_options("load", &resolve, &options);
        });
        let _ = JsFuture::from(promise).await;
    }
    let idle = js_sys::Promise::new(&mut |resolve, _reject| {
        let options = web_sys::IdleRequestOptions::new();
        options.set_timeout(1000);
        if window.request_idle_callback_with_options(&resolve, &options).is_err() {
            set_timeout(&resolve, 200);
        }
    });
    let _ = JsFuture::from(idle).await;
}

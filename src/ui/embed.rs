//! Embed mode (`?embed=1&exp=…`): one experiment or demo with its short note, no page chrome,
//! for a course site's iframe.

use crate::web::env::base_url;
use wasm_bindgen::prelude::*;

/// The page's URL without `embed` and `run`: the full playground with the same settings.
pub fn full_playground_url(pairs: &[(String, String)]) -> String {
    let kept: Vec<String> = pairs
        .iter()
        .filter(|(k, _)| k != "embed" && k != "run")
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect();
    if kept.is_empty() {
        base_url()
    } else {
        format!("{}?{}", base_url(), kept.join("&"))
    }
}

fn encode(s: &str) -> String {
    js_sys::encode_uri_component(s).as_string().unwrap_or_default()
}

/// Tells the parent page our height whenever it changes (`{type: "playground:height", height}`),
/// so a course site can size the iframe to its content with a few lines of script.
pub fn report_height() {
    let Some(window) = web_sys::window() else { return };
    let Some(body) = window.document().and_then(|d| d.body()) else { return };
    let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |_entries: js_sys::Array| {
        let Some(w) = web_sys::window() else { return };
        let height = w.document().and_then(|d| d.document_element()).map(|e| e.scroll_height()).unwrap_or(0);
        if let Ok(Some(parent)) = w.parent() {
            let msg = crate::web::msg::frame_height(f64::from(height));
            let _ = parent.post_message(&msg, "*");
        }
    });
    if let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
        observer.observe(&body);
    }
    callback.forget(); // observes for the page's lifetime
}

//! What the page knows about the browser it runs in.

use crate::core::preset::Host;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(thread_local_v2, js_name = crossOriginIsolated)]
    static CROSS_ORIGIN_ISOLATED: JsValue;
}

/// `crossOriginIsolated`: true when `SharedArrayBuffer` can be sent to workers.
pub fn isolated() -> bool {
    CROSS_ORIGIN_ISOLATED.with(|v| v.as_bool().unwrap_or(false))
}

/// `navigator.hardwareConcurrency`, at least 1.
pub fn hardware_concurrency() -> u32 {
    web_sys::window().map(|w| w.navigator().hardware_concurrency() as u32).unwrap_or(1).max(1)
}

/// The host facts presets are checked against.
pub fn host() -> Host {
    Host { hardware_concurrency: hardware_concurrency(), isolated: isolated() }
}

/// `navigator.userAgent`.
pub fn user_agent() -> String {
    web_sys::window().and_then(|w| w.navigator().user_agent().ok()).unwrap_or_default()
}

/// A short name for the browser, e.g. "Chrome 156" or "Firefox 140".
pub fn browser_name() -> String {
    let ua = user_agent();
    let pick = |marker: &str, label: &str| {
        ua.split(marker).nth(1).map(|rest| {
            let major: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
            format!("{label} {major}")
        })
    };
    pick("Edg/", "Edge")
        .or_else(|| pick("Firefox/", "Firefox"))
        .or_else(|| pick("Chrome/", "Chrome"))
        .or_else(|| if ua.contains("Safari/") { pick("Version/", "Safari") } else { None })
        .unwrap_or_else(|| "unknown browser".into())
}

/// The browser's language preferences, most preferred first.
pub fn languages() -> Vec<String> {
    let Some(nav) = web_sys::window().map(|w| w.navigator()) else {
        return vec![];
    };
    let mut out: Vec<String> = nav.languages().iter().filter_map(|v| v.as_string()).collect();
    if let Some(l) = nav.language() {
        out.push(l);
    }
    out
}

//! The page's service worker (`www/sw.js`): registering it and waiting until it controls the page.

use super::msg::simnet::PageToSw;
use super::msg::Encode;
use super::workers::js_error_text;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorker, ServiceWorkerContainer};

fn container() -> Option<ServiceWorkerContainer> {
    let nav = web_sys::window()?.navigator();
    // `navigator.serviceWorker` is missing outside secure contexts (plain http on a LAN address).
    js_sys::Reflect::has(&nav, &"serviceWorker".into()).ok()?.then(|| nav.service_worker())
}

/// Registers the service worker (next to the page, so it works from any sub-path) and resolves
/// with the worker that controls this page.
///
/// # Errors
/// Service workers are unavailable (not a secure context, or disabled), registration failed, or
/// the worker did not take control in time.
pub async fn controller() -> Result<ServiceWorker, String> {
    let c = container().ok_or("service workers are unavailable here (they need https or localhost)")?;
    if let Some(w) = c.controller() {
        return Ok(w);
    }
    JsFuture::from(c.register("sw.js")).await.map_err(|e| js_error_text(&e))?;
    let ready: web_sys::ServiceWorkerRegistration = JsFuture::from(c.ready().map_err(|e| js_error_text(&e))?)
        .await
        .map_err(|e| js_error_text(&e))?
        .unchecked_into();
    // `clients.claim()` in the worker's activate step makes it control this page without a reload
    // — unless this page loaded while another tab was installing it: then ask for a claim again.
    for attempt in 0..100 {
        if let Some(w) = c.controller() {
            return Ok(w);
        }
        if attempt % 20 == 0 {
            if let Some(active) = ready.active() {
                let _ = active.post_message(&PageToSw::Claim.encode().0);
            }
        }
        super::clock::sleep(50).await;
    }
    Err("the service worker did not take control of the page".into())
}

/// Starts registering early, so the first run does not wait for it.
pub fn warm_up() {
    wasm_bindgen_futures::spawn_local(async {
        if let Err(e) = controller().await {
            web_sys::console::info_1(&JsValue::from_str(&format!("service worker: {e}")));
        }
    });
}

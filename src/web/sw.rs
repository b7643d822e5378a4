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
    // `navigator.serviceWorker` is missing outside secure contexts (plain http on a LAN address),
    // and in Firefox when service workers are disabled (a policy, some private windows).
    js_sys::Reflect::get(&nav, &"serviceWorker".into()).ok()?.dyn_into::<ServiceWorkerContainer>().ok()
}

/// Whether a service worker controls this page (false where there are none).
pub fn controls_page() -> bool {
    container().and_then(|c| c.controller()).is_some()
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

/// Resolves once this page's service worker has finished activating (or at once when there is
/// none, and after 10 s at most). On a first visit its activation downloads the offline copy of
/// every file of the app (several MB, written to the cache); a run timed meanwhile shares the
/// machine with that work, and its first mode measured slower than the same mode later.
pub async fn activated() {
    let Some(c) = container() else { return };
    let Ok(reg) = JsFuture::from(c.get_registration()).await else { return };
    let Some(reg) = reg.dyn_ref::<web_sys::ServiceWorkerRegistration>() else { return };
    let Some(worker) = reg.installing().or_else(|| reg.waiting()).or_else(|| reg.active()) else { return };
    let state = |w: &ServiceWorker| {
        js_sys::Reflect::get(w, &"state".into()).ok().and_then(|v| v.as_string()).unwrap_or_default()
    };
    for _ in 0..200 {
        if matches!(state(&worker).as_str(), "activated" | "redundant") {
            return;
        }
        super::clock::sleep(50).await;
    }
}

/// Starts registering early, so the first run does not wait for it.
pub fn warm_up() {
    wasm_bindgen_futures::spawn_local(async {
        if let Err(e) = controller().await {
            web_sys::console::info_1(&JsValue::from_str(&format!("service worker: {e}")));
        }
    });
}

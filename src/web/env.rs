//! What the page knows about the browser it runs in.

use crate::core::preset::Host;
use crate::core::wire::IsolationReason;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

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

/// How this page came to be cross-origin isolated, or why it is not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Isolation {
    /// Still finding out.
    Checking,
    /// The host sent COOP/COEP.
    Headers,
    /// The service worker added the headers (after its one reload).
    ServiceWorker,
    /// `Document-Isolation-Policy` isolated this document inside a non-isolated parent.
    DocumentPolicy,
    /// Not isolated, and why (as `coi.js` recorded it).
    No(IsolationReason),
}

/// Whether this page is shown inside another page's frame.
pub fn in_frame() -> bool {
    web_sys::window().is_some_and(|w| w.top().ok().flatten().is_none_or(|top| top != w))
}

/// What `coi.js` recorded about isolation (`reason`), if it ran and recorded one.
fn coi_reason() -> Option<IsolationReason> {
    let coi = web_sys::window().and_then(|w| js_sys::Reflect::get(&w, &"__playgroundIsolation".into()).ok())?;
    IsolationReason::from_id(&js_sys::Reflect::get(&coi, &"reason".into()).ok()?.as_string()?)
}

/// Returns once `coi.js` is not about to reload the page (it gives up after 5 s, so this waits at
/// most a little longer; normally the reload comes within a fraction of a second and this page
/// never renders).
pub async fn wait_unless_reloading() {
    for _ in 0..120 {
        if coi_reason() != Some(IsolationReason::Reloading) {
            return;
        }
        super::clock::sleep(50).await;
    }
}

/// Works out [`Isolation`]: reads what `coi.js` recorded and the headers of this page's URL
/// (through the service worker when it controls the page: it marks what it added, and answers
/// from its cache when offline).
pub async fn isolation() -> Isolation {
    wait_unless_reloading().await;
    if !isolated() {
        return Isolation::No(coi_reason().unwrap_or(IsolationReason::Unknown));
    }
    let Some(window) = web_sys::window() else { return Isolation::Headers };
    let href = window.location().href().unwrap_or_default();
    let init = web_sys::RequestInit::new();
    init.set_method("HEAD");
    init.set_cache(web_sys::RequestCache::NoStore);
    let controlled = super::sw::controls_page();
    let Ok(response) = wasm_bindgen_futures::JsFuture::from(window.fetch_with_str_and_init(&href, &init)).await else {
        return if controlled { Isolation::ServiceWorker } else { Isolation::Headers };
    };
    let headers = response.unchecked_into::<web_sys::Response>().headers();
    let has = |h: &str| headers.has(h).unwrap_or(false);
    let marked = headers.get("x-playground-isolation").ok().flatten();
    if has("document-isolation-policy") && in_frame() {
        Isolation::DocumentPolicy
    } else if marked.as_deref() == Some("service-worker") {
        Isolation::ServiceWorker
    } else if has("document-isolation-policy") && !has("cross-origin-embedder-policy") {
        Isolation::DocumentPolicy
    } else {
        Isolation::Headers
    }
}

/// Resolves once the page has finished loading and the browser has had an idle moment, and no
/// isolation reload is pending. A run started from the URL (`run=1`) waits for this: during page
/// load the browser compiles and parses on every core, and the first mode timed then came out
/// ~15 % slow; and a page about to be reloaded must not start (or record) a run.
pub async fn page_settled() {
    wait_unless_reloading().await;
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
            super::clock::set_timeout(&resolve, 200);
        }
    });
    let _ = JsFuture::from(idle).await;
}

/// The page's base URL (where `index.html` lives), for absolute request URLs from any sub-path.
pub fn base_url() -> String {
    let base =
        web_sys::window().and_then(|w| w.document()).and_then(|d| d.base_uri().ok().flatten()).unwrap_or_default();
    // `baseURI` is the page's own URL (query and all) when there is no <base>: keep its directory.
    web_sys::Url::new_with_base(".", &base).map(|u| u.href()).unwrap_or(base)
}

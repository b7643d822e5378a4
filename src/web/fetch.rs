//! Downloading, on the page or in a worker: `fetch` (awaitable, abortable) and a synchronous
//! XHR (the blocking call of the `blocking-async` trap, allowed only in workers).

use js_sys::{ArrayBuffer, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, RequestCache, RequestInit, Response};

#[wasm_bindgen]
extern "C" {
    // The global `fetch`, the same function on a window and in a worker.
    #[wasm_bindgen(js_name = fetch)]
    fn global_fetch(input: &str, init: &RequestInit) -> js_sys::Promise;
}

/// Why a download failed, in terms a learner can act on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FetchError {
    /// No response: the server could not be reached, or the browser refused to let the page read
    /// a cross-origin answer (CORS). Browsers report both the same way, on purpose.
    Network(String),
    /// The server answered with an error status.
    Http(u16),
    /// Cancelled.
    Aborted,
}

/// A finished download.
pub struct Body {
    /// HTTP status.
    pub status: u16,
    /// The bytes, as a JS buffer (transferable to another thread without copying).
    pub buffer: ArrayBuffer,
}

fn error_name(e: &JsValue) -> String {
    js_sys::Reflect::get(e, &"name".into()).ok().and_then(|v| v.as_string()).unwrap_or_default()
}

/// GETs `url` (absolute), bypassing the HTTP cache so every request really goes out.
///
/// # Errors
/// See [`FetchError`]; a non-2xx status is [`FetchError::Http`].
pub async fn get(url: &str, signal: Option<&AbortSignal>) -> Result<Body, FetchError> {
    let init = RequestInit::new();
    init.set_cache(RequestCache::NoStore);
    init.set_signal(signal);
    let fail = |e: JsValue| {
        if error_name(&e) == "AbortError" {
            FetchError::Aborted
        } else {
            FetchError::Network(super::workers::js_error_text(&e))
        }
    };
    let response: Response = JsFuture::from(global_fetch(url, &init)).await.map_err(fail)?.unchecked_into();
    let status = response.status();
    let buffer = JsFuture::from(response.array_buffer().map_err(fail)?).await.map_err(fail)?;
    if !(200..300).contains(&status) {
        return Err(FetchError::Http(status));
    }
    Ok(Body { status, buffer: buffer.unchecked_into() })
}

/// Tells a network failure that is really a CORS refusal from an unreachable server: a
/// `no-cors` request succeeds (with an unreadable answer) when the server is there.
pub async fn server_answers(url: &str) -> bool {
    let init = RequestInit::new();
    init.set_mode(web_sys::RequestMode::NoCors);
    init.set_cache(RequestCache::NoStore);
    JsFuture::from(global_fetch(url, &init)).await.is_ok()
}

/// GETs `url` with a synchronous XHR: the calling thread does nothing else until it is done.
/// Only workers may do this (the page's thread is not allowed to block on the network).
///
/// # Errors
/// As [`get`], except that it cannot be aborted.
pub fn get_blocking(url: &str) -> Result<Body, FetchError> {
    let net = |e: JsValue| FetchError::Network(super::workers::js_error_text(&e));
    let xhr = web_sys::XmlHttpRequest::new().map_err(net)?;
    xhr.open_with_async("GET", url, false).map_err(net)?;
    xhr.set_response_type(web_sys::XmlHttpRequestResponseType::Arraybuffer);
    xhr.send().map_err(net)?;
    let status = xhr.status().map_err(net)?;
    if status == 0 {
        return Err(FetchError::Network("the request failed".into()));
    }
    if !(200..300).contains(&status) {
        return Err(FetchError::Http(status));
    }
    let buffer = xhr.response().map_err(net)?;
    Ok(Body { status, buffer: buffer.unchecked_into() })
}

/// Copies a JS buffer into Rust (for hashing and checking).
pub fn bytes_of(buffer: &ArrayBuffer) -> Vec<u8> {
    Uint8Array::new(buffer).to_vec()
}

/// One download as the modes record it: when it ran, what came back, and what went wrong.
pub struct Downloaded {
    /// HTTP status, 0 without an answer.
    pub status: u16,
    /// The body, when there is one to show.
    pub buffer: Option<ArrayBuffer>,
    /// What went wrong at the network level (the page checks the bytes afterwards).
    pub error: Option<RequestError>,
    /// Request start, epoch ms.
    pub start: f64,
    /// Last byte or failure, epoch ms.
    pub end: f64,
}

use super::clock::epoch_now;
use crate::core::io_report::RequestError;

impl Downloaded {
    fn from_result(result: Result<Body, FetchError>, start: f64) -> Downloaded {
        let end = epoch_now();
        match result {
            Ok(b) => Downloaded { status: b.status, buffer: Some(b.buffer), error: None, start, end },
            Err(FetchError::Http(s)) => {
                Downloaded { status: s, buffer: None, error: Some(RequestError::Http(s)), start, end }
            }
            Err(FetchError::Aborted) => {
                Downloaded { status: 0, buffer: None, error: Some(RequestError::Aborted), start, end }
            }
            Err(FetchError::Network(_)) => {
                Downloaded { status: 0, buffer: None, error: Some(RequestError::Network), start, end }
            }
        }
    }
}

/// Downloads `url` and classifies the outcome. For URLs on other origins (`foreign`), a network
/// failure is probed once more to tell a CORS refusal from an unreachable server.
pub async fn download(url: &str, foreign: bool, signal: Option<&AbortSignal>) -> Downloaded {
    let start = epoch_now();
    let mut d = Downloaded::from_result(get(url, signal).await, start);
    if foreign && d.error == Some(RequestError::Network) && server_answers(url).await {
        d.error = Some(RequestError::Cors);
    }
    d
}

/// Downloads `url` with a blocking call (workers only).
pub fn download_blocking(url: &str) -> Downloaded {
    let start = epoch_now();
    Downloaded::from_result(get_blocking(url), start)
}

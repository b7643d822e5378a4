//! Inside a download worker. `get` messages queue up and are downloaded one at a time, in order
//! (a worker of the `workers` modes is one sequential client); `get-blocking` runs a batch as
//! async tasks whose download is a synchronous XHR — the `blocking-async` trap.

use super::fetch::{download, download_blocking, Downloaded};
use super::msg::{field, kind, num};
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use wasm_bindgen::prelude::*;
use web_sys::MessageEvent;

thread_local! {
    static QUEUE: RefCell<VecDeque<(u32, String, bool)>> = RefCell::default();
    static DRAINING: Cell<bool> = const { Cell::new(false) };
}

fn post(index: u32, d: &Downloaded) {
    let (msg, transfer) = d.to_js(index);
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    scope.post_message_with_transfer(&msg, &transfer).expect("a worker can always post to its page");
}

fn item(m: &JsValue) -> (u32, String, bool) {
    (
        num(m, "index") as u32,
        field(m, "url").as_string().unwrap_or_default(),
        field(m, "foreign").as_bool() == Some(true),
    )
}

/// Handles a message from the page (worker side).
pub(crate) fn on_page_message(e: &MessageEvent) {
    let m = e.data();
    match kind(&m).as_str() {
        "get" => {
            QUEUE.with(|q| q.borrow_mut().push_back(item(&m)));
            if !DRAINING.with(|d| d.replace(true)) {
                wasm_bindgen_futures::spawn_local(drain());
            }
        }
        "get-blocking" => {
            let items: Vec<_> = js_sys::Array::from(&field(&m, "items")).iter().map(|v| item(&v)).collect();
            wasm_bindgen_futures::spawn_local(blocking_tasks(items));
        }
        _ => {}
    }
}

/// One sequential client: the next download starts when the previous one is done.
async fn drain() {
    while let Some((index, url, foreign)) = QUEUE.with(|q| q.borrow_mut().pop_front()) {
        post(index, &download(&url, foreign, None).await);
    }
    DRAINING.with(|d| d.set(false));
}

/// Every download an async task, all awaited together — but each task's download is a blocking
/// call, so the first poll of a task runs its whole download and the next task waits: the tasks
/// never overlap, exactly like `requests.get` inside `async def`.
async fn blocking_tasks(items: Vec<(u32, String, bool)>) {
    let tasks = items.into_iter().map(|(index, url, _)| async move {
        post(index, &download_blocking(&url));
    });
    futures::future::join_all(tasks).await;
}

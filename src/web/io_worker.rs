//! Inside a download worker. `get` messages queue up and are downloaded one at a time, in order
//! (a worker of the `workers` modes is one sequential client); `get-blocking` runs a batch as
//! async tasks whose download is a synchronous XHR — the `blocking-async` trap.

use super::fetch::{download, download_blocking};
use super::msg::io::{FromIo, Item, ToIo};
use super::msg::Decode;
use super::worker_scope::post;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use web_sys::MessageEvent;

thread_local! {
    static QUEUE: RefCell<VecDeque<(u32, Item)>> = RefCell::default();
    static DRAINING: Cell<bool> = const { Cell::new(false) };
}

/// Handles a message from the page (worker side).
pub(crate) fn on_page_message(e: &MessageEvent) {
    match ToIo::decode(&e.data()) {
        Some(ToIo::Get { run, item }) => {
            QUEUE.with(|q| q.borrow_mut().push_back((run, item)));
            if !DRAINING.with(|d| d.replace(true)) {
                wasm_bindgen_futures::spawn_local(drain());
            }
        }
        Some(ToIo::GetBlocking { run, items }) => wasm_bindgen_futures::spawn_local(blocking_tasks(run, items)),
        None => {}
    }
}

/// One sequential client: the next download starts when the previous one is done.
async fn drain() {
    while let Some((run, item)) = QUEUE.with(|q| q.borrow_mut().pop_front()) {
        let download = download(&item.url, item.foreign, None).await;
        post(&FromIo::Got { run, index: item.index, download });
    }
    DRAINING.with(|d| d.set(false));
}

/// Every download an async task, all awaited together — but each task's download is a blocking
/// call, so the first poll of a task runs its whole download and the next task waits: the tasks
/// never overlap, exactly like `requests.get` inside `async def`.
async fn blocking_tasks(run: u32, items: Vec<Item>) {
    let tasks = items.into_iter().map(|item| async move {
        post(&FromIo::Got { run, index: item.index, download: download_blocking(&item.url) });
    });
    futures::future::join_all(tasks).await;
}

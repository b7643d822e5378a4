//! What runs inside the workers (see `js/worker.js` for how they boot).

use super::clock::epoch_now;
use super::msg::{kind, object, Batch, Job};
use super::pool::run_pool_thread;
use crate::core::workload::task;
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn post(msg: &JsValue) {
    scope().post_message(msg).expect("a worker can always post to its page");
}

/// Called by the worker bootstrap once this module is loaded: installs the role's message
/// handler and tells the page it is ready.
#[wasm_bindgen]
pub fn worker_main(role: &str) {
    let handler: Closure<dyn FnMut(MessageEvent)> = match role {
        "pool" => Closure::new(|e: MessageEvent| {
            let m = e.data();
            if kind(&m) == "run" {
                run_pool_thread(&m);
                post(&object(&[("type", "idle".into())]));
            }
        }),
        "simnet" => Closure::new(|e: MessageEvent| super::simnet::on_page_message(&e)),
        "io" => Closure::new(|e: MessageEvent| super::io_worker::on_page_message(&e)),
        _ => Closure::new(|e: MessageEvent| {
            let m = e.data();
            if kind(&m) == "job" {
                run_job(Job::from_js(&m));
            }
        }),
    };
    scope().set_onmessage(Some(handler.as_ref().unchecked_ref()));
    handler.forget(); // lives as long as the worker
    post(&object(&[("type", "ready".into())]));
}

/// Computes a job's tasks in order, posting a batch every `stream_ms` (or once at the end).
fn run_job(job: Job) {
    let mut batch = Batch { job: job.id, start: job.start, values: Vec::new(), spans: Vec::new(), last: false };
    let mut last_post = epoch_now();
    for i in job.start..job.end {
        let t0 = epoch_now();
        let v = task(i);
        let t1 = epoch_now();
        batch.values.push(v);
        batch.spans.extend([t0, t1]);
        let is_last = i + 1 == job.end;
        if is_last || (job.stream_ms > 0.0 && t1 - last_post >= job.stream_ms) {
            batch.last = is_last;
            let (msg, transfer) = batch.to_js();
            scope().post_message_with_transfer(&msg, &transfer).expect("posting a batch cannot fail");
            batch = Batch { job: job.id, start: i + 1, values: Vec::new(), spans: Vec::new(), last: false };
            last_post = t1;
        }
    }
    if job.start >= job.end {
        let (msg, transfer) = Batch { last: true, ..batch }.to_js();
        scope().post_message_with_transfer(&msg, &transfer).expect("posting a batch cannot fail");
    }
}

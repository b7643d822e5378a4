//! What runs inside the workers (see `js/worker.js` for how they boot).

use super::clock::epoch_now;
use super::msg::boot::FromWorker;
use super::msg::cpu::{Batch, FromCpu, FromPool, Job, ToCpu, ToPool};
use super::msg::Decode;
use super::pool::run_pool_thread;
use super::worker_scope::{post, scope};
use super::workers::Role;
use crate::core::workload::task;
use wasm_bindgen::prelude::*;
use web_sys::MessageEvent;

/// Called by the worker bootstrap once this module is loaded: installs the role's message
/// handler and tells the page it is ready.
#[wasm_bindgen]
pub fn worker_main(role: &str) {
    let Some(role) = Role::from_id(role) else {
        post(&FromWorker::BootFailed(format!("unknown worker role {role:?}")));
        return;
    };
    let handler: Closure<dyn FnMut(MessageEvent)> = match role {
        Role::PoolThread => Closure::new(|e: MessageEvent| {
            if let Some(ToPool::RunThread { pool, ptr }) = ToPool::decode(&e.data()) {
                run_pool_thread(ptr);
                post(&FromPool::Idle { pool });
            }
        }),
        Role::Simnet => Closure::new(|e: MessageEvent| super::simnet::on_page_message(&e)),
        Role::Io => Closure::new(|e: MessageEvent| super::io_worker::on_page_message(&e)),
        Role::Cpu => Closure::new(|e: MessageEvent| {
            if let Some(ToCpu::Job(job)) = ToCpu::decode(&e.data()) {
                run_job(job);
            }
        }),
    };
    scope().set_onmessage(Some(handler.as_ref().unchecked_ref()));
    handler.forget(); // lives as long as the worker
    post(&FromWorker::Ready);
}

/// Computes a job's tasks in order, posting a batch every `stream_ms` (or once at the end).
fn run_job(job: Job) {
    let empty = |start| Batch { run: job.run, job: job.id, start, values: Vec::new(), spans: Vec::new(), last: false };
    let mut batch = empty(job.start);
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
            post(&FromCpu::Batch(std::mem::replace(&mut batch, empty(i + 1))));
            last_post = t1;
        }
    }
    if job.start >= job.end {
        post(&FromCpu::Batch(Batch { last: true, ..batch }));
    }
}

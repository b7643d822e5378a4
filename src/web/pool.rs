//! A rayon thread pool whose threads are web workers sharing the page's memory.
//!
//! Modelled on wasm-bindgen-rayon (and wasm-bindgen's `raytrace-parallel` example), with one
//! difference that matters here: wasm-bindgen-rayon can only build rayon's *global* pool, once,
//! so the thread count is fixed until reload. The playground's k changes between runs (and a
//! sweep runs k = 1 … 2 × cores), so this module builds an ordinary `rayon::ThreadPool` of exactly
//! k threads, and keeps its workers when k changes: a dropped pool's threads return their
//! workers to the idle list, and the next pool reuses them (no second start-up cost).
//!
//! The page never blocks on the pool: work goes in with `ThreadPool::spawn` and comes back
//! through a oneshot channel. Blocking the main thread would freeze the page, and a contended
//! lock there traps ("Atomics.wait cannot be called in this context").

use super::msg::cpu::{FromPool, ToPool};
use super::msg::{Decode, Encode};
use super::workers::{boot, Booted, Role};
use futures::StreamExt;
use rayon::ThreadPool;
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::Worker;

#[cfg(not(target_feature = "atomics"))]
compile_error!(
    "rayon on wasm needs `-Ctarget-feature=+atomics,+bulk-memory` (see .cargo/config.toml); \
     without it the pool would quietly run on one thread"
);

/// A booted pool worker and whether a rayon thread is running on it.
struct Slot {
    /// Stable id (slots are removed when a worker is stuck, so positions change).
    id: u32,
    worker: Worker,
    /// The pool whose thread runs on it, if one does.
    busy: Option<u32>,
}

#[derive(Default)]
struct State {
    slots: Vec<Slot>,
    next_slot: u32,
    /// Numbers the pools built, so an `idle` names the pool it comes from.
    built: u32,
    current: Option<(u32, Rc<ThreadPool>)>,
}

thread_local! {
    static STATE: RefCell<State> = RefCell::new(State::default());
}

/// How long a retired pool's threads get to hand their workers back.
const RETIRE_MS: u32 = 2000;

/// Threads in the pool the last shared-memory run used, if one was built.
pub fn current_threads() -> Option<u32> {
    STATE.with(|s| s.borrow().current.as_ref().map(|(k, _)| *k))
}

/// Starts one more pool worker and watches it: when its rayon thread ends it says `idle`.
async fn add_worker() -> Result<(), String> {
    let (id, n) = STATE.with(|s| {
        let mut s = s.borrow_mut();
        s.next_slot += 1;
        (s.next_slot, s.slots.len())
    });
    let booted: Booted = boot(format!("pool thread {}", n + 1), Role::PoolThread).await?;
    STATE.with(|s| s.borrow_mut().slots.push(Slot { id, worker: booted.worker().clone(), busy: None }));
    // This task owns the worker's message handlers, so they live as long as the worker.
    wasm_bindgen_futures::spawn_local(async move {
        // Move the whole `Booted` in: edition 2021 captures only the fields a block names, so
        // `booted.inbox` alone would be moved and the message handlers dropped on return. The
        // worker's `idle` (sent when a retired pool's thread ends) then hit a dropped closure
        // ("closure invoked recursively or after being dropped") and the slot stayed busy.
        let mut booted = booted;
        while let Some(m) = booted.inbox.next().await {
            match FromPool::decode(&m) {
                Some(FromPool::Idle { pool }) => STATE.with(|s| {
                    let mut s = s.borrow_mut();
                    if let Some(slot) = s.slots.iter_mut().find(|w| w.id == id && w.busy == Some(pool)) {
                        slot.busy = None;
                    }
                }),
                None => web_sys::console::warn_1(&format!("pool thread {id}: {m:?}").into()),
            }
        }
    });
    Ok(())
}

/// A pool of exactly `k` threads, reusing the current one when k is unchanged.
///
/// # Errors
/// The page is not cross-origin isolated (shared memory cannot reach a worker), or one of the
/// k threads could not be started: then no pool is built, no thread is left running, and the
/// message says which thread failed and why.
pub async fn pool(k: u32) -> Result<Rc<ThreadPool>, String> {
    if !super::env::isolated() {
        return Err("this page is not cross-origin isolated, so its memory cannot be shared with workers".into());
    }
    if let Some(p) = STATE.with(|s| s.borrow().current.as_ref().filter(|(n, _)| *n == k).map(|(_, p)| p.clone())) {
        return Ok(p);
    }
    // Retire the old pool; its threads finish and hand their workers back.
    STATE.with(|s| s.borrow_mut().current = None);
    let t0 = super::clock::now();
    while STATE.with(|s| s.borrow().slots.iter().any(|w| w.busy.is_some())) {
        if super::clock::now() - t0 > f64::from(RETIRE_MS) {
            // A thread that does not stop would hold its worker forever: end those workers
            // rather than start more beside them.
            STATE.with(|s| {
                s.borrow_mut().slots.retain(|w| {
                    if w.busy.is_some() {
                        w.worker.terminate();
                    }
                    w.busy.is_none()
                })
            });
            web_sys::console::warn_1(&"a retired pool thread did not stop; its worker was ended".into());
            break;
        }
        super::clock::sleep(5).await;
    }
    let have = STATE.with(|s| s.borrow().slots.len());
    for i in have..k as usize {
        add_worker().await.map_err(|e| format!("pool thread {} of {k} could not start: {e}", i + 1))?;
    }
    let built = STATE.with(|s| {
        let mut s = s.borrow_mut();
        s.built += 1;
        let pool_id = s.built;
        let mut free = s.slots.iter_mut().filter(|w| w.busy.is_none());
        let mut started = 0;
        rayon::ThreadPoolBuilder::new()
            .num_threads(k as usize)
            .spawn_handler(|thread| {
                started += 1;
                let slot = free.next().ok_or_else(|| std::io::Error::other("no idle pool worker"))?;
                // The worker takes ownership of the boxed ThreadBuilder (see `run_pool_thread`).
                let ptr = Box::into_raw(Box::new(thread));
                let (msg, _) = ToPool::RunThread { pool: pool_id, ptr: ptr as usize }.encode();
                if let Err(e) = slot.worker.post_message(&msg) {
                    // SAFETY: `ptr` is the box made just above, and no worker received it.
                    drop(unsafe { Box::from_raw(ptr) });
                    return Err(std::io::Error::other(super::workers::js_error_text(&e)));
                }
                slot.busy = Some(pool_id);
                Ok(())
            })
            .build()
            .map_err(|e| format!("pool thread {started} of {k} could not start: {e}"))
    });
    // On an error rayon has already told the threads it started to end (they say `idle`).
    let pool = Rc::new(built?);
    STATE.with(|s| s.borrow_mut().current = Some((k, pool.clone())));
    Ok(pool)
}

/// In a pool worker: runs the rayon thread the page sent (the boxed `ThreadBuilder` at `ptr`)
/// until its pool is dropped.
pub(crate) fn run_pool_thread(ptr: usize) {
    // SAFETY: `ptr` came from `Box::into_raw` in `pool()` in this same shared memory, and the
    // page sends each pointer to exactly one worker, once.
    let thread = unsafe { Box::from_raw(ptr as *mut rayon::ThreadBuilder) };
    thread.run();
}

/// Runs `f` on every task of `tasks` on `pool` with a rayon `par_iter`, without blocking the
/// page: the page awaits the answer and polls the pool threads' counter for the progress bar.
/// Each task checks the cancel flag before starting, so Cancel stops the pool within one task.
///
/// # Errors
/// [`Stop::Cancelled`] if Cancel fired before every task ran; [`Stop::Failed`] if the pool died.
pub async fn par_map(
    pool: &ThreadPool,
    tasks: std::ops::Range<u32>,
    f: fn(u32) -> f64,
    sink: &mut crate::core::run::Sink,
    cancel: &crate::core::run::Cancel,
) -> Result<(), crate::core::run::Stop> {
    use crate::core::run::Stop;
    use crate::core::timeline::Lane;
    use crate::web::clock::epoch_now;
    use futures::future::{select, Either};
    use rayon::prelude::*;
    use std::sync::atomic::{AtomicU32, Ordering};
    use std::sync::Arc;

    let done = Arc::new(AtomicU32::new(0));
    let counter = done.clone();
    let stop = cancel.flag();
    let (tx, mut rx) = futures::channel::oneshot::channel::<Vec<(f64, f64, f64, u16)>>();
    pool.spawn(move || {
        let results = tasks
            .into_par_iter()
            .map(|i| {
                if stop.load(Ordering::Relaxed) {
                    return (f64::NAN, 0.0, 0.0, u16::MAX);
                }
                let t0 = epoch_now();
                let v = f(i);
                let t1 = epoch_now();
                counter.fetch_add(1, Ordering::Relaxed);
                (v, t0, t1, rayon::current_thread_index().unwrap_or(0) as u16)
            })
            .collect();
        let _ = tx.send(results);
    });
    let first = sink.first();
    let results = loop {
        match select(&mut rx, Box::pin(super::clock::sleep(100))).await {
            Either::Left((Ok(r), _)) => break r,
            Either::Left((Err(_), _)) => return Err(Stop::Failed("the pool stopped before answering".into())),
            Either::Right(_) => {
                sink.set_done(done.load(Ordering::Relaxed));
                sink.report();
            }
        }
    };
    sink.set_done(0);
    for (j, (v, t0, t1, thread)) in results.into_iter().enumerate() {
        if thread != u16::MAX {
            sink.put(first + j as u32, v, Lane::Thread(thread), t0, t1);
        }
    }
    // Only the cancel flag makes a task skip its work.
    if sink.is_complete() {
        Ok(())
    } else {
        Err(Stop::Cancelled)
    }
}

//! The convoy effect: one thread that waits ~1 ms for "I/O" and then needs the GIL for a moment,
//! beside 0, 1, … busy threads that take the lock in switch-interval turns (`core::gil`, the rule
//! `global-lock` uses). Its "I/O" is a real blocking wait on a pool worker (`thread::sleep`, which
//! on shared-memory wasm is `Atomics.wait` with a timeout), holding no lock, as CPython releases
//! the GIL around a blocking call; when it wakes it must get back in line for the lock. The demo
//! measures, at each number of busy threads, the time from the end of its I/O to the end of its
//! bit of work.
//!
//! The threads are the page's rayon pool (web workers on shared memory), so the demo needs a
//! cross-origin isolated page, like `global-lock`.

use super::{use_job, NumberField, RunState};
use crate::core::demos::convoy::{expected_ms, grows, Level, BUSY_SLICE_MS, HANDLE_MS, IO_MS};
use crate::core::demos::params::DemoValues;
use crate::core::demos::params::CONVOY;
use crate::core::gil::Gil;
use crate::core::lang::Lang;
use crate::i18n::demos::{cv_expected, cv_verdict, trd, Td};
use crate::web::clock::{epoch_now, sleep};
use crate::web::pool::{current_threads, pool};
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use yew::prelude::*;

/// The demo's own lock, apart from `global-lock`'s: a demo and a CPU run never share a line.
static CONVOY_GIL: Gil = Gil::new(epoch_now);

/// Computes for `ms` on the shared clock: work that holds the lock, not a wait.
fn compute_for(ms: f64) {
    let t0 = epoch_now();
    let mut x = 0u64;
    while epoch_now() - t0 < ms {
        x = std::hint::black_box(x.wrapping_mul(6364136223846793005).wrapping_add(1));
    }
}

/// Tells the pool threads to stop when the demo's future is dropped (Stop, a new Run, the demo
/// leaving the page): they check it between slices and wake-ups.
struct StopOnDrop(Arc<AtomicBool>);

impl Drop for StopOnDrop {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

/// One level: thread 0 is the I/O thread, threads 1 ..= `busy` compute, any others sit it out.
/// Resolves with the I/O thread's response times (ms), or `None` if it was stopped.
async fn level(pool: &rayon::ThreadPool, busy: usize, switch_ms: f64, wakeups: u32) -> Option<Vec<f64>> {
    let stop = Arc::new(AtomicBool::new(false));
    let _guard = StopOnDrop(stop.clone());
    let finished = Arc::new(AtomicBool::new(false));
    let result: Arc<Mutex<Option<Vec<f64>>>> = Arc::new(Mutex::new(None));
    let (s, f, r) = (stop.clone(), finished.clone(), result.clone());
    pool.spawn_broadcast(move |ctx| match ctx.index() {
        0 => {
            let mut out = Vec::with_capacity(wakeups as usize);
            // Let the busy threads get going and settle into their turns first.
            std::thread::sleep(std::time::Duration::from_millis(20));
            for _ in 0..wakeups {
                if s.load(Ordering::Relaxed) {
                    break;
                }
                std::thread::sleep(std::time::Duration::from_millis(IO_MS));
                let woke = epoch_now();
                CONVOY_GIL.acquire(0);
                compute_for(HANDLE_MS);
                CONVOY_GIL.release(0);
                out.push(epoch_now() - woke);
            }
            *r.lock().unwrap_or_else(|p| p.into_inner()) = Some(out);
            f.store(true, Ordering::Relaxed);
        }
        me if me <= busy => {
            CONVOY_GIL.acquire(me);
            while !f.load(Ordering::Relaxed) && !s.load(Ordering::Relaxed) {
                compute_for(BUSY_SLICE_MS);
                CONVOY_GIL.check(me, switch_ms);
            }
            CONVOY_GIL.release(me);
        }
        _ => {}
    });
    // The page may not block: it looks every few ms whether the I/O thread is done.
    while !finished.load(Ordering::Relaxed) {
        sleep(10).await;
    }
    let out = result.lock().unwrap_or_else(|p| p.into_inner()).take();
    // Give the busy threads a moment to let go before the next level takes the same pool.
    sleep(20).await;
    out.filter(|o| o.len() == wakeups as usize)
}

#[derive(Clone, PartialEq, Default)]
struct ConvoyState {
    run: RunState,
    /// The switch interval of the run shown (ms).
    switch_ms: u32,
    levels: Vec<Level>,
    error: Option<String>,
}

enum CvAction {
    Start(u32),
    Measured(Level),
    Finished,
    Failed(String),
    Stopped,
}

impl Reducible for ConvoyState {
    type Action = CvAction;
    fn reduce(self: Rc<Self>, action: CvAction) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            CvAction::Start(switch_ms) => s = ConvoyState { run: RunState::Running, switch_ms, ..Default::default() },
            CvAction::Measured(l) => s.levels.push(l),
            CvAction::Finished => s.run = RunState::Done,
            CvAction::Failed(e) => (s.run, s.error) = (RunState::Stopped, Some(e)),
            CvAction::Stopped if s.run == RunState::Running => s.run = RunState::Stopped,
            CvAction::Stopped => return self,
        }
        Rc::new(s)
    }
}

async fn run(max_busy: u32, switch_ms: u32, wakeups: u32, d: UseReducerDispatcher<ConvoyState>) {
    // One thread more than the busy ones; a bigger pool already there is reused as it is.
    let want = (max_busy + 1).max(current_threads().unwrap_or(0));
    let pool = match pool(want).await {
        Ok(p) => p,
        Err(e) => return d.dispatch(CvAction::Failed(e)),
    };
    for busy in 0..=max_busy {
        match level(&pool, busy as usize, f64::from(switch_ms), wakeups).await {
            Some(responses) => d.dispatch(CvAction::Measured(Level { busy, responses })),
            None => return,
        }
    }
    d.dispatch(CvAction::Finished);
}

/// Props of [`Convoy`].
#[derive(Properties, PartialEq)]
pub struct ConvoyProps {
    /// Page language.
    pub lang: Lang,
    /// The fields' values from a link.
    #[prop_or_default]
    pub values: DemoValues,
}

/// The demo.
#[function_component(Convoy)]
pub fn convoy(p: &ConvoyProps) -> Html {
    let l = p.lang;
    let texts = use_state(|| p.values.texts(&CONVOY));
    let state = use_reducer(ConvoyState::default);
    let job = use_job();
    let running = state.run == RunState::Running;
    let isolated = crate::web::env::isolated();
    let numbers: Option<Vec<u32>> = CONVOY.iter().zip(texts.iter()).map(|(f, t)| f.number(t)).collect();
    let on_run = {
        let (d, job, numbers) = (state.dispatcher(), job.clone(), numbers.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(v) = numbers.clone() {
                d.dispatch(CvAction::Start(v[1]));
                job.start(run(v[0], v[1], v[2], d.clone()));
            }
        })
    };
    let on_stop = {
        let d = state.dispatcher();
        Callback::from(move |_| {
            job.stop();
            d.dispatch(CvAction::Stopped);
        })
    };
    let labels = [Td::CvBusy, Td::CvSwitch, Td::CvWakeups];
    let field = |i: usize| {
        let f = &CONVOY[i];
        let (min, max) = f.range().expect("the convoy's fields are numbers");
        let value = texts[i].clone();
        let texts = texts.clone();
        let on_input = Callback::from(move |v: String| {
            let mut t = (*texts).clone();
            t[i] = v;
            texts.set(t);
        });
        html! {
            <NumberField id={format!("cv-{}", f.key)} label={trd(l, labels[i])} {value} {min} {max} lang={l}
                disabled={running} {on_input} />
        }
    };
    let switch = f64::from(state.switch_ms);
    let widest = state.levels.iter().map(Level::median).fold(switch.max(1.0), f64::max);
    let row = |lv: &Level| {
        let m = lv.median();
        html! {
            <tr data-busy={lv.busy.to_string()} data-median={format!("{m:.3}")}>
                <th scope="row">{ lv.busy }</th>
                <td class="num">{ format!("{m:.1} ms") }</td>
                <td class="num">{ format!("{:.1} ms", lv.longest()) }</td>
                <td class="num muted">{ cv_expected(l, expected_ms(lv.busy, switch)) }</td>
                <td class="cv-bar-cell" aria-hidden="true">
                    <span class="cv-bar" style={format!("width: {:.1}%", 100.0 * m / widest)}></span>
                </td>
            </tr>
        }
    };
    let status = match (&state.error, state.run) {
        (Some(e), _) => e.clone(),
        (None, RunState::Idle) => String::new(),
        (None, RunState::Running) => trd(l, Td::Running).to_string(),
        (None, RunState::Done) => cv_verdict(l, grows(&state.levels, switch), state.switch_ms),
        (None, RunState::Stopped) => trd(l, Td::CvStopped).to_string(),
    };
    html! {
        <div class="demo-body" data-state={state.run.id()}>
            if !isolated { <p class="demo-status bad">{ trd(l, Td::CvNeedsIsolation) }</p> }
            <form class="demo-controls" onsubmit={on_run}>
                { field(0) }{ field(1) }{ field(2) }
                <div class="actions">
                    <button type="submit" id="cv-run" disabled={running || numbers.is_none() || !isolated}>{ trd(l, Td::Run) }</button>
                    <button type="button" id="cv-stop" class="secondary" disabled={!running} onclick={on_stop}>{ trd(l, Td::Stop) }</button>
                </div>
            </form>
            <p class="demo-status" role="status" aria-live="polite">{ status }</p>
            if !state.levels.is_empty() {
                <table class="cv-table">
                    <caption>{ trd(l, Td::CvCaption) }</caption>
                    <thead><tr>
                        <th scope="col">{ trd(l, Td::CvColBusy) }</th>
                        <th scope="col">{ trd(l, Td::CvColMedian) }</th>
                        <th scope="col">{ trd(l, Td::CvColLongest) }</th>
                        <th scope="col">{ trd(l, Td::CvColRule) }</th>
                        <th scope="col"><span class="visually-hidden">{ trd(l, Td::CvColMedian) }</span></th>
                    </tr></thead>
                    <tbody>{ for state.levels.iter().map(row) }</tbody>
                </table>
            }
        </div>
    }
}

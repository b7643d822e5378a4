//! Starts an I/O run: what is the download experiment's own — where the images come from,
//! running one mode with its events batched, its settings and browser facts as exported. The
//! rounds, the report and keeping it are [`super::live`]'s.

use super::history::History;
use super::io_state::{IoAction, IoState};
use super::live::{start as start_live, LiveAction};
use crate::core::images::Manifest;
use crate::core::io_modes::IoMode;
use crate::core::io_report::{Io, IoEnv, IoParams};
use crate::core::preset::{IoSettings, Order, Source};
use crate::modes::io::{run_io_mode, IoEvent, Target};
use crate::web::env;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use yew::prelude::*;

/// Collects a mode's events and hands them to the panel at most every 50 ms. Rendering the
/// panel for every single request would put the page's thread — the same thread that reads the
/// responses — on the critical path of every download.
#[derive(Clone)]
struct Batcher {
    mode: IoMode,
    pending: Rc<RefCell<Vec<IoEvent>>>,
    scheduled: Rc<Cell<bool>>,
    dispatch: UseReducerDispatcher<IoState>,
}

impl Batcher {
    fn new(mode: IoMode, dispatch: UseReducerDispatcher<IoState>) -> Batcher {
        Batcher { mode, pending: Rc::default(), scheduled: Rc::default(), dispatch }
    }

    fn push(&self, e: IoEvent) {
        self.pending.borrow_mut().push(e);
        if !self.scheduled.replace(true) {
            let this = self.clone();
            wasm_bindgen_futures::spawn_local(async move {
                crate::web::clock::sleep(50).await;
                this.flush();
            });
        }
    }

    /// Hands over whatever is pending (called by the timer, and once more when the mode ends).
    fn flush(&self) {
        self.scheduled.set(false);
        let events = std::mem::take(&mut *self.pending.borrow_mut());
        if !events.is_empty() {
            self.dispatch.dispatch(IoAction::Events(self.mode, events));
        }
    }
}

/// Starts a run in the background.
pub fn start(
    settings: IoSettings,
    urls: Vec<String>,
    manifest: Rc<Manifest>,
    dispatch: UseReducerDispatcher<IoState>,
    history: UseReducerDispatcher<History>,
) {
    let target = Rc::new(match settings.source {
        Source::Simulated => Target::Simulated(manifest),
        Source::SameOrigin => Target::SameOrigin(manifest),
        Source::Urls => Target::Urls(Rc::new(urls)),
    });
    let live = {
        let d = dispatch.clone();
        Rc::new(move |a: LiveAction<Io>| d.dispatch(IoAction::Live(a)))
    };
    let settings = Rc::new(settings);
    let (s, t) = (settings.clone(), target.clone());
    start_live::<Io, _, _>(
        settings.modes.clone(),
        settings.rounds,
        target.count(settings.count),
        live,
        history,
        crate::modes::io::python::fill,
        move |_round, mode, cancel| {
            let batch = Batcher::new(mode, dispatch.clone());
            let (settings, target) = (s.clone(), t.clone());
            async move {
                let on_event = {
                    let batch = batch.clone();
                    Rc::new(move |e: IoEvent| batch.push(e))
                };
                let outcome = run_io_mode(mode, &settings, &target, &cancel, on_event).await;
                batch.flush();
                outcome
            }
        },
        move |_, python_pool| {
            let n = &settings.net;
            let params = IoParams {
                count: target.count(settings.count),
                source: settings.source,
                latency: n.latency_ms,
                jitter: n.jitter_ms,
                bandwidth: n.bandwidth_kbs,
                conn: n.conn_cap,
                fail: n.fail_rate,
                seed: n.seed,
                k: settings.k,
                order: Order::of(settings.ordered),
                rounds: settings.rounds,
            };
            let env = IoEnv {
                hardware_concurrency: env::hardware_concurrency(),
                cross_origin_isolated: env::isolated(),
                user_agent: env::user_agent(),
                python_pool,
            };
            (params, env)
        },
    );
}

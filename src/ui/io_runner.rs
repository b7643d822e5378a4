//! Runs the chosen download modes one after another and keeps the report.

use super::history::{keep, History};
use super::io_state::{IoAction, IoState};
use crate::core::history::Run;
use crate::core::images::Manifest;
use crate::core::io_modes::IoMode;
use crate::core::io_report::{io_entries, merge_io_rounds, IoEnv, IoParams, IoReport};
use crate::core::preset::{IoSettings, Order, Source};
use crate::core::rounds::run_rounds;
use crate::modes::io::{run_io_mode, IoEvent, Target};
use crate::modes::Cancel;
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
    let cancel = Cancel::default();
    let modes = settings.modes.clone();
    dispatch.dispatch(IoAction::Started(cancel.clone(), modes.clone()));
    let target = match settings.source {
        Source::Simulated => Target::Simulated(manifest),
        Source::SameOrigin => Target::SameOrigin(manifest),
        Source::Urls => Target::Urls(Rc::new(urls)),
    };
    let started_at = js_sys::Date::now();
    wasm_bindgen_futures::spawn_local(async move {
        // Not while the service worker is still writing the offline copy (a first visit).
        crate::web::sw::activated().await;
        let outcomes = run_rounds(
            &modes,
            settings.rounds,
            &cancel,
            |round, mode| {
                dispatch.dispatch(IoAction::Round(mode, round + 1, settings.rounds));
                let batch = Batcher::new(mode, dispatch.clone());
                let (settings, target, cancel) = (&settings, &target, &cancel);
                async move {
                    let on_event = {
                        let batch = batch.clone();
                        Rc::new(move |e: IoEvent| batch.push(e))
                    };
                    let outcome = run_io_mode(mode, settings, target, cancel, on_event).await;
                    batch.flush();
                    outcome
                }
            },
            merge_io_rounds,
            |merged| dispatch.dispatch(IoAction::ModeFinished(Rc::new(merged))),
        )
        .await;
        let n = &settings.net;
        let report = IoReport {
            experiment: crate::core::experiment::ExperimentId::Io,
            params: IoParams {
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
            },
            env: IoEnv {
                hardware_concurrency: env::hardware_concurrency(),
                cross_origin_isolated: env::isolated(),
                user_agent: env::user_agent(),
            },
            runs: io_entries(&outcomes),
            started_at,
            predictions: Vec::new(),
        };
        if let Run::Io(report) = keep(Run::Io(report), &history) {
            dispatch.dispatch(IoAction::Finished(Rc::new(report)));
        }
    });
}

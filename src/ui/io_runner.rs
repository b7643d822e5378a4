//! Runs the chosen download modes one after another and keeps the report.

use super::history::{History, HistoryAction};
use super::io_state::{IoAction, IoState, Tile};
use crate::core::history::Run;
use crate::core::images::Manifest;
use crate::core::io_report::{io_entries, IoEnv, IoParams, IoReport};
use crate::core::preset::{IoSettings, Source};
use crate::modes::io::{run_io_mode, IoEvent, Target};
use crate::modes::Cancel;
use crate::web::{env, storage};
use std::rc::Rc;
use yew::prelude::*;

/// Storage key of the last finished I/O run.
pub const LAST_IO_RUN_KEY: &str = "playground.io.last-run";

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
        let mut outcomes = Vec::new();
        for mode in modes {
            if cancel.is_set() {
                break;
            }
            let d = dispatch.clone();
            let on_event = Rc::new(move |e: IoEvent| match e {
                IoEvent::Progress { done, total } => d.dispatch(IoAction::Progress(mode, done, total)),
                IoEvent::Delivered { index, order, image } => {
                    d.dispatch(IoAction::Tile(mode, Tile { index, order, image }))
                }
            });
            let outcome = run_io_mode(mode, &settings, &target, &cancel, on_event).await;
            outcomes.push(outcome.clone());
            dispatch.dispatch(IoAction::ModeFinished(Rc::new(outcome)));
        }
        let n = &settings.net;
        let report = IoReport {
            experiment: "io".into(),
            params: IoParams {
                count: match &target {
                    Target::Urls(list) => list.len() as u32,
                    _ => settings.count,
                },
                source: settings.source.id().into(),
                latency: n.latency_ms,
                jitter: n.jitter_ms,
                bandwidth: n.bandwidth_kbs,
                conn: n.conn_cap,
                fail: n.fail_rate,
                seed: n.seed,
                k: settings.k,
                order: if settings.ordered { "submission" } else { "completion" }.into(),
            },
            env: IoEnv {
                hardware_concurrency: env::hardware_concurrency(),
                cross_origin_isolated: env::isolated(),
                user_agent: env::user_agent(),
            },
            runs: io_entries(&outcomes),
            started_at,
        };
        storage::save(LAST_IO_RUN_KEY, &report);
        history.dispatch(HistoryAction::Add(Run::Io(report.clone())));
        dispatch.dispatch(IoAction::Finished(Rc::new(report)));
    });
}

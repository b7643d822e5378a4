//! Runs the chosen modes one after another (never together: they would share the cores and
//! spoil each other's timings), feeding the panel's reducer, and keeps the report.

use super::components::predict::PREDICTIONS_KEY;
use super::history::{History, HistoryAction};
use super::state::{Action, CpuState};
use crate::core::chunks::auto_chunk;
use crate::core::history::Run;
use crate::core::predictions::Book;
use crate::core::preset::{Chunk, CpuSettings};
use crate::core::report::{entries, reference, CpuReport, Env, Params};
use crate::core::workload::task_count;
use crate::modes::{run_mode, Cancel, Plan, WARMUP_N};
use crate::web::{env, pool, storage};
use std::rc::Rc;
use yew::prelude::*;

/// Storage key of the last finished CPU run.
pub const LAST_RUN_KEY: &str = "playground.cpu.last-run";

/// The chunk size a run uses (auto resolved).
pub fn resolved_chunk(settings: &CpuSettings) -> u32 {
    match settings.chunk {
        Chunk::Auto => auto_chunk(task_count(settings.n), settings.k),
        Chunk::Fixed(c) => c,
    }
}

/// Starts a run of `settings` in the background.
pub fn start(settings: CpuSettings, dispatch: UseReducerDispatcher<CpuState>, history: UseReducerDispatcher<History>) {
    let cancel = Cancel::default();
    let modes = settings.modes.clone();
    dispatch.dispatch(Action::Started(cancel.clone(), modes.clone(), task_count(settings.n)));
    let plan = Plan { n: settings.n, k: settings.k, chunk: resolved_chunk(&settings) };
    let started_at = js_sys::Date::now();
    wasm_bindgen_futures::spawn_local(async move {
        let mut outcomes = Vec::new();
        for mode in modes {
            if cancel.is_set() {
                break;
            }
            let d = dispatch.clone();
            let on_phase = Rc::new(move |p| d.dispatch(Action::Phase(mode, p)));
            let outcome = run_mode(mode, plan, &cancel, on_phase).await;
            outcomes.push(outcome.clone());
            dispatch.dispatch(Action::ModeFinished(Rc::new(outcome)));
        }
        let mut report = CpuReport {
            experiment: "cpu".into(),
            params: Params {
                n: plan.n,
                k: plan.k,
                chunk: plan.chunk,
                chunk_auto: settings.chunk == Chunk::Auto,
                warmup_tasks: task_count(plan.n.min(WARMUP_N)),
            },
            env: Env {
                hardware_concurrency: env::hardware_concurrency(),
                cross_origin_isolated: env::isolated(),
                pool_threads: outcomes
                    .iter()
                    .any(|o| o.mode.needs_shared_memory())
                    .then(pool::current_threads)
                    .flatten(),
                user_agent: env::user_agent(),
            },
            reference: reference(&outcomes).map(|o| o.mode),
            runs: entries(&outcomes),
            started_at,
            predictions: Vec::new(),
        };
        // What the learner predicted before this run, with what it measured (the export's
        // "predictions").
        let book: Book = storage::load(PREDICTIONS_KEY).unwrap_or_default();
        report.predictions = book.for_run(&Run::Cpu(report.clone()));
        storage::save(LAST_RUN_KEY, &report);
        history.dispatch(HistoryAction::Add(Run::Cpu(report.clone())));
        dispatch.dispatch(Action::Finished(Rc::new(report)));
    });
}

//! Runs the chosen modes one after another (never together: they would share the cores and
//! spoil each other's timings), feeding the panel's reducer, and keeps the report.

use super::components::predict::PREDICTIONS_KEY;
use super::history::{History, HistoryAction};
use super::state::{Action, CpuState};
use crate::core::chunks::auto_chunk;
use crate::core::cpu_modes::CpuMode;
use crate::core::engine::Engine;
use crate::core::history::Run;
use crate::core::predictions::Book;
use crate::core::preset::{Chunk, CpuSettings};
use crate::core::report::{entries, merge_rounds, reference, CpuReport, Env, ModeOutcome, Params, Status};
use crate::core::rounds::schedule;
use crate::core::workload::task_count;
use crate::modes::{run_mode, start_unless_cancelled, Cancel, Plan, WARMUP_N};
use crate::web::{env, pool, py_worker, storage};
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
    let rounds = settings.rounds;
    wasm_bindgen_futures::spawn_local(async move {
        // Not while the service worker is still writing the offline copy (a first visit).
        crate::web::sw::activated().await;
        // The Python engine's first, cold load is no mode's start-up: it happens once per page,
        // before anything is timed, so it never overlaps a timed run (Rust's or Python's).
        if modes.iter().any(|m| m.engine() == Engine::Python) {
            let _ = start_unless_cancelled(py_worker::warm(), &cancel).await;
        }
        // Every mode's rounds so far, in panel order; each round's result replaces the mode's row.
        let mut done: Vec<(CpuMode, Vec<ModeOutcome>)> = modes.iter().map(|m| (*m, Vec::new())).collect();
        for (round, mode) in schedule(&modes, rounds) {
            let slot = done.iter_mut().find(|(m, _)| *m == mode).map(|(_, v)| v).expect("scheduled from modes");
            if cancel.is_set() {
                break;
            }
            if slot.iter().any(|o| o.status == Status::Failed) {
                continue; // a mode that could not run once will not run in a later round either
            }
            dispatch.dispatch(Action::Round(round + 1, rounds));
            let d = dispatch.clone();
            let on_phase = Rc::new(move |p| d.dispatch(Action::Phase(mode, p)));
            slot.push(run_mode(mode, plan, &cancel, on_phase).await);
            if let Some(merged) = merge_rounds(slot) {
                dispatch.dispatch(Action::ModeFinished(Rc::new(merged)));
            }
        }
        let outcomes: Vec<ModeOutcome> = done.iter().filter_map(|(_, r)| merge_rounds(r)).collect();
        let mut report = CpuReport {
            experiment: crate::core::experiment::ExperimentId::Cpu,
            params: Params {
                n: plan.n,
                k: plan.k,
                chunk: plan.chunk,
                chunk_auto: settings.chunk == Chunk::Auto,
                warmup_tasks: task_count(plan.n.min(WARMUP_N)),
                rounds,
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
        report.predictions = {
            let run = Run::Cpu(report.clone());
            book.for_run(run.experiment(), &run.figures())
        };
        storage::save(LAST_RUN_KEY, &report);
        history.dispatch(HistoryAction::Add(Run::Cpu(report.clone())));
        dispatch.dispatch(Action::Finished(Rc::new(report)));
    });
}

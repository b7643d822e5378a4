//! Runs the chosen modes one after another (never together: they would share the cores and
//! spoil each other's timings), feeding the panel's reducer, and keeps the report.

use super::history::{keep, History};
use super::state::{Action, CpuState};
use crate::core::chunks::auto_chunk;
use crate::core::engine::Engine;
use crate::core::history::Run;
use crate::core::preset::{Chunk, CpuSettings};
use crate::core::report::{entries, merge_rounds, reference, CpuReport, Env, Params};
use crate::core::rounds::run_rounds;
use crate::core::workload::task_count;
use crate::modes::{run_mode, start_unless_cancelled, Cancel, Plan, WARMUP_N};
use crate::web::{env, pool, py_engine};
use std::rc::Rc;
use yew::prelude::*;

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
            let _ = start_unless_cancelled(py_engine::warm(), &cancel).await;
        }
        let outcomes = run_rounds(
            &modes,
            rounds,
            &cancel,
            |round, mode| {
                dispatch.dispatch(Action::Round(round + 1, rounds));
                let d = dispatch.clone();
                run_mode(mode, plan, &cancel, Rc::new(move |p| d.dispatch(Action::Phase(mode, p))))
            },
            merge_rounds,
            |merged| dispatch.dispatch(Action::ModeFinished(Rc::new(merged))),
        )
        .await;
        let report = CpuReport {
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
        if let Run::Cpu(report) = keep(Run::Cpu(report), &history) {
            dispatch.dispatch(Action::Finished(Rc::new(report)));
        }
    });
}

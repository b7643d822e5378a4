//! Starts a CPU run: what is the CPU experiment's own — its plan, running one mode, its settings
//! and browser facts as exported. The rounds, the report and keeping it are [`super::live`]'s.

use super::history::History;
use super::live::{start as start_live, LiveAction};
use super::state::{Action, CpuState};
use crate::core::chunks::auto_chunk;
use crate::core::preset::{Chunk, CpuSettings};
use crate::core::report::{Cpu, Env, Params};
use crate::core::workload::task_count;
use crate::modes::{run_mode, Plan, WARMUP_N};
use crate::web::{env, pool, py_worker};
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
    let plan = Plan { n: settings.n, k: settings.k, chunk: resolved_chunk(&settings), switch_ms: settings.switch_ms };
    let live = {
        let d = dispatch.clone();
        Rc::new(move |a: LiveAction<Cpu>| d.dispatch(Action::Live(a)))
    };
    let on_phase = live.clone();
    let interpreters = settings.modes.iter().map(|m| m.interpreters(plan.k)).max().unwrap_or(0);
    start_live::<Cpu, _, _>(
        settings.modes.clone(),
        settings.rounds,
        task_count(settings.n),
        live,
        history,
        move || py_worker::fill(interpreters),
        move |_round, mode, cancel| {
            let on_phase = on_phase.clone();
            async move { run_mode(mode, plan, &cancel, Rc::new(move |p| on_phase(LiveAction::Phase(mode, p)))).await }
        },
        move |outcomes, python_pool| {
            let params = Params {
                n: plan.n,
                k: plan.k,
                chunk: plan.chunk,
                chunk_auto: settings.chunk == Chunk::Auto,
                warmup_tasks: task_count(plan.n.min(WARMUP_N)),
                rounds: settings.rounds,
                switch_ms: settings.switch_ms,
            };
            let env = Env {
                hardware_concurrency: env::hardware_concurrency(),
                cross_origin_isolated: env::isolated(),
                pool_threads: outcomes
                    .iter()
                    .any(|o| o.mode.needs_shared_memory())
                    .then(pool::current_threads)
                    .flatten(),
                user_agent: env::user_agent(),
                python_pool,
            };
            (params, env)
        },
    );
}

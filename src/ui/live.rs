//! The one runner of every timed experiment ([`start`]): rounds, skipping, merging, the
//! report, predictions, storage and the history, feeding the panel's [`Live`] state.

use super::history::{keep, History};
use crate::core::engine::{Engine, PoolStart};
use crate::core::history::Kept;
pub use crate::core::live::{Live, LiveAction, Progress, Row};
use crate::core::pipeline::{Mode as _, Report};
use crate::core::rounds::run_rounds;
use crate::modes::{start_unless_cancelled, Cancel};
use crate::web::py_engine;
use std::future::Future;
use std::rc::Rc;
use yew::prelude::*;

/// What a panel hands [`start`]: where the run's actions go.
pub type Dispatch<E> = Rc<dyn Fn(LiveAction<E>)>;

/// Starts a run of `modes` in the background, `rounds` times each, interleaved
/// ([`run_rounds`]), each mode timing `total` units. When a mode runs on Python, the engine is
/// loaded and `python_pool()` brings up the interpreters the run will borrow, before anything is
/// timed (as a Python program creates its executor before it submits). `run_one(round, mode,
/// cancel)` runs one mode once; `report` gives the run's settings and browser facts once every
/// mode ended, with the pool's start. The run's report is kept (predictions, last run, history)
/// and handed to the panel.
#[allow(clippy::too_many_arguments)] // one call per experiment, each argument its own part
pub fn start<E, F, P>(
    modes: Vec<E::Mode>,
    rounds: u32,
    total: u32,
    dispatch: Dispatch<E>,
    history: UseReducerDispatcher<History>,
    python_pool: impl FnOnce() -> P + 'static,
    mut run_one: impl FnMut(u32, E::Mode, Cancel) -> F + 'static,
    report: impl FnOnce(&[E::Outcome], Option<PoolStart>) -> (E::Params, E::Env) + 'static,
) where
    E: Kept,
    F: Future<Output = E::Outcome> + 'static,
    P: Future<Output = Result<PoolStart, String>>,
{
    let cancel = Cancel::default();
    dispatch(LiveAction::Started(cancel.clone(), modes.clone(), total));
    let started_at = js_sys::Date::now();
    wasm_bindgen_futures::spawn_local(async move {
        // Not while the service worker is still writing the offline copy (a first visit).
        crate::web::sw::activated().await;
        // The Python engine's first, cold load is no mode's start-up: it happens once per page,
        // before anything is timed, so it never overlaps a timed run (Rust's or Python's).
        // A failure here is said by the modes themselves, each when it cannot start.
        let mut pool = None;
        if modes.iter().any(|m| m.runtime() == Engine::Python)
            && start_unless_cancelled(py_engine::warm(), &cancel).await.is_ok()
        {
            pool = start_unless_cancelled(python_pool(), &cancel).await.ok();
        }
        let outcomes = run_rounds(
            &modes,
            rounds,
            &cancel,
            |round, mode| {
                dispatch(LiveAction::Round(mode, round + 1, rounds));
                run_one(round, mode, cancel.clone())
            },
            E::merge,
            |merged| dispatch(LiveAction::ModeFinished(Rc::new(merged))),
        )
        .await;
        let (params, env) = report(&outcomes, pool);
        let report = keep(Report::<E>::of(params, env, &outcomes, started_at), &history);
        dispatch(LiveAction::Finished(Rc::new(report)));
    });
}

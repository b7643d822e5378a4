//! The one runner of every timed experiment ([`start`]): rounds, skipping, merging, the
//! report, predictions, storage and the history, feeding the panel's [`Live`] state.

use super::history::{keep, History};
use crate::core::engine::Engine;
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
/// ([`run_rounds`]), each mode timing `total` units. `run_one(round, mode, cancel)` runs one
/// mode once; `report` gives the run's settings and browser facts once every mode ended. The
/// run's report is kept (predictions, last run, history) and handed to the panel.
pub fn start<E, F>(
    modes: Vec<E::Mode>,
    rounds: u32,
    total: u32,
    dispatch: Dispatch<E>,
    history: UseReducerDispatcher<History>,
    mut run_one: impl FnMut(u32, E::Mode, Cancel) -> F + 'static,
    report: impl FnOnce(&[E::Outcome]) -> (E::Params, E::Env) + 'static,
) where
    E: Kept,
    F: Future<Output = E::Outcome> + 'static,
{
    let cancel = Cancel::default();
    dispatch(LiveAction::Started(cancel.clone(), modes.clone(), total));
    let started_at = js_sys::Date::now();
    wasm_bindgen_futures::spawn_local(async move {
        // Not while the service worker is still writing the offline copy (a first visit).
        crate::web::sw::activated().await;
        // The Python engine's first, cold load is no mode's start-up: it happens once per page,
        // before anything is timed, so it never overlaps a timed run (Rust's or Python's).
        if modes.iter().any(|m| m.runtime() == Engine::Python) {
            let _ = start_unless_cancelled(py_engine::warm(), &cancel).await;
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
        let (params, env) = report(&outcomes);
        let report = keep(Report::<E>::of(params, env, &outcomes, started_at), &history);
        dispatch(LiveAction::Finished(Rc::new(report)));
    });
}

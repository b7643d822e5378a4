//! `executor.map` against `as_completed`, on the same running tasks.
//!
//! Each task is one real timer, wrapped in `Shared` so that two collectors can wait on it:
//! `stream::iter(tasks).buffered(n)` hands results back in submission order (what `map` does),
//! and a `FuturesUnordered` of the same tasks hands them back as they finish (`as_completed`).

use super::{use_job, RunState};
use crate::core::demos::delay_list;
use crate::core::demos::params::{DemoValues, MAP_ORDER, MAP_ORDER_JOBS, MAP_ORDER_MAX_MS};
use crate::core::lang::Lang;
use crate::i18n::demos::{expect_text, trd, Td};
use crate::web::clock::{now, sleep};
use futures::future::{join, FutureExt};
use futures::stream::{self, FuturesUnordered, StreamExt};
use std::rc::Rc;
use yew::prelude::*;

/// Which collector a result came out of.
#[derive(Clone, Copy, PartialEq)]
enum View {
    /// Submission order.
    Map,
    /// Completion order.
    Completed,
}

/// A result as one collector received it.
#[derive(Clone, Copy, PartialEq)]
struct Arrival {
    index: usize,
    delay: u32,
    /// ms after the start.
    at: f64,
}

#[derive(Clone, PartialEq, Default)]
struct MapOrderState {
    run: RunState,
    map: Vec<Arrival>,
    completed: Vec<Arrival>,
}

enum MoAction {
    Start,
    Arrived(View, Arrival),
    Finished,
    Stopped,
}

impl Reducible for MapOrderState {
    type Action = MoAction;
    fn reduce(self: Rc<Self>, action: MoAction) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            MoAction::Start => s = MapOrderState { run: RunState::Running, ..Default::default() },
            MoAction::Arrived(View::Map, a) => s.map.push(a),
            MoAction::Arrived(View::Completed, a) => s.completed.push(a),
            MoAction::Finished => s.run = RunState::Done,
            MoAction::Stopped if s.run == RunState::Running => s.run = RunState::Stopped,
            MoAction::Stopped => return self,
        }
        Rc::new(s)
    }
}

async fn run(delays: Vec<u32>, d: UseReducerDispatcher<MapOrderState>) {
    let t0 = now();
    // One timer per task, started now; `shared()` lets both collectors await the same one.
    let tasks: Vec<_> = delays
        .iter()
        .enumerate()
        .map(|(index, &delay)| {
            async move {
                sleep(delay).await;
                (index, delay)
            }
            .boxed_local()
            .shared()
        })
        .collect();
    let arrive = |view: View| {
        let d = d.clone();
        move |(index, delay): (usize, u32)| {
            d.dispatch(MoAction::Arrived(view, Arrival { index, delay, at: now() - t0 }))
        }
    };
    let in_order = stream::iter(tasks.clone()).buffered(tasks.len()).for_each({
        let arrive = arrive(View::Map);
        move |r| {
            arrive(r);
            async {}
        }
    });
    let as_completed = tasks.into_iter().collect::<FuturesUnordered<_>>().for_each({
        let arrive = arrive(View::Completed);
        move |r| {
            arrive(r);
            async {}
        }
    });
    join(in_order, as_completed).await;
    d.dispatch(MoAction::Finished);
}

/// Props of [`MapOrder`].
#[derive(Properties, PartialEq)]
pub struct MapOrderProps {
    /// Page language.
    pub lang: Lang,
    /// The delays from a link.
    #[prop_or_default]
    pub values: DemoValues,
}

/// The demo.
#[function_component(MapOrder)]
pub fn map_order(p: &MapOrderProps) -> Html {
    let l = p.lang;
    let text = use_state(|| p.values.texts(&MAP_ORDER).swap_remove(0));
    let state = use_reducer(MapOrderState::default);
    let job = use_job();
    let running = state.run == RunState::Running;
    let parsed = delay_list(&text, MAP_ORDER_JOBS, MAP_ORDER_MAX_MS);
    let on_run = {
        let (d, job, parsed) = (state.dispatcher(), job.clone(), parsed.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Ok(delays) = parsed.clone() {
                d.dispatch(MoAction::Start);
                job.start(run(delays, d.clone()));
            }
        })
    };
    let on_stop = {
        let d = state.dispatcher();
        Callback::from(move |_| {
            job.stop();
            d.dispatch(MoAction::Stopped);
        })
    };
    let on_input = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| text.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().value()))
    };
    let column = |view: View, title: Td, items: &[Arrival]| {
        let order = if view == View::Map { "map" } else { "completed" };
        html! {
            <div class="demo-col">
                <h4 id={format!("mo-{order}-title")}>{ trd(l, title) }</h4>
                <ol data-order={order} aria-labelledby={format!("mo-{order}-title")}>
                    { for items.iter().map(|a| html! {
                        <li data-index={a.index.to_string()} data-delay={a.delay.to_string()} data-at={format!("{:.0}", a.at)}>
                            { format!("{} {} · {} ms", trd(l, Td::Task), a.index + 1, a.delay) }
                            <span class="muted">{ format!(" → {:.0} ms", a.at) }</span>
                        </li>
                    }) }
                </ol>
            </div>
        }
    };
    let status = match state.run {
        RunState::Idle => "",
        RunState::Running => trd(l, Td::Running),
        RunState::Done => trd(l, Td::MoDone),
        RunState::Stopped => trd(l, Td::StoppedDropped),
    };
    let bad = parsed.as_ref().err().copied();
    html! {
        <div class="demo-body" data-state={state.run.id()}>
            <form class="demo-controls" onsubmit={on_run}>
                <div class="demo-field wide">
                    <label for="mo-delays">{ trd(l, Td::MoDelays) }</label>
                    <input id="mo-delays" type="text" value={(*text).clone()} disabled={running} aria-invalid={bad.is_some().to_string()}
                        aria-describedby={bad.map(|_| "mo-delays-hint")} oninput={on_input} />
                    if let Some(e) = bad { <small id="mo-delays-hint" class="bad">{ expect_text(l, e) }</small> }
                </div>
                <div class="actions">
                    <button type="submit" id="mo-run" disabled={running || bad.is_some()}>{ trd(l, Td::Run) }</button>
                    <button type="button" id="mo-stop" class="secondary" disabled={!running} onclick={on_stop}>{ trd(l, Td::Stop) }</button>
                </div>
            </form>
            <p class="demo-status" role="status" aria-live="polite">{ status }</p>
            <div class="demo-cols">
                { column(View::Map, Td::MoMap, &state.map) }
                { column(View::Completed, Td::MoCompleted, &state.completed) }
            </div>
        </div>
    }
}

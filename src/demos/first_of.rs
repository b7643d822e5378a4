//! `concurrent.futures.wait(return_when=…)` with Rust's combinators, on real timers:
//! FIRST_COMPLETED is `select_all`, FIRST_EXCEPTION a `FuturesUnordered` loop that stops at the
//! first `Err`, ALL_COMPLETED is `join_all`. What Python leaves running in `not_done`, Rust drops —
//! unless the learner asks to keep awaiting it. A guard inside each task reports the moment it
//! is dropped, so the cancellation on screen is the real one.

use super::{use_job, RunState};
use crate::core::demos::delay_list;
use crate::core::demos::tasks::{TaskState, WaitMode};
use crate::core::lang::Lang;
use crate::i18n::demos::{expect_text, fo_mode_label, fo_summary, trd, Td};
use crate::web::clock::{now, sleep};
use futures::future::{join_all, select_all, FutureExt};
use futures::stream::{FuturesUnordered, StreamExt};
use std::cell::Cell;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Clone, PartialEq, Default)]
struct Board {
    run: RunState,
    /// Which Run this is, so reports from an older run's dropped tasks are ignored.
    generation: u32,
    mode: WaitMode,
    /// Each task: delay, whether it fails, where it stands.
    tasks: Vec<(u32, bool, TaskState)>,
    /// The task that ended the wait, and when.
    returned: Option<(Option<usize>, f64)>,
}

enum FoAction {
    Start(u32, Vec<u32>, Option<usize>, WaitMode),
    Settled(u32, usize, TaskState),
    Returned(Option<usize>, f64),
    Finished,
    Stopped,
}

impl Reducible for Board {
    type Action = FoAction;
    fn reduce(self: Rc<Self>, action: FoAction) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            FoAction::Start(generation, delays, failing, mode) => {
                let tasks =
                    delays.iter().enumerate().map(|(i, &d)| (d, failing == Some(i), TaskState::Pending)).collect();
                s = Board { run: RunState::Running, generation, mode, tasks, returned: None };
            }
            FoAction::Settled(g, i, state) if g == s.generation => match s.tasks.get_mut(i) {
                Some(t) if t.2 == TaskState::Pending => t.2 = state,
                _ => return self,
            },
            FoAction::Returned(trigger, at) => s.returned = Some((trigger, at)),
            FoAction::Finished => s.run = RunState::Done,
            FoAction::Stopped if s.run == RunState::Running => s.run = RunState::Stopped,
            _ => return self,
        }
        Rc::new(s)
    }
}

/// Reports its task as dropped unless disarmed first: Rust's cancellation, made visible.
struct DropReport(Option<Box<dyn FnOnce()>>);

impl Drop for DropReport {
    fn drop(&mut self) {
        if let Some(report) = self.0.take() {
            report();
        }
    }
}

async fn run(
    delays: Vec<u32>,
    failing: Option<usize>,
    mode: WaitMode,
    keep: bool,
    g: u32,
    d: UseReducerDispatcher<Board>,
) {
    let t0 = now();
    let last = Rc::new(Cell::new(None));
    let tasks = delays.iter().enumerate().map(|(i, &delay)| {
        let (d, last) = (d.clone(), last.clone());
        async move {
            let d2 = d.clone();
            let mut guard = DropReport(Some(Box::new(move || {
                d2.dispatch(FoAction::Settled(g, i, TaskState::Dropped(now() - t0)))
            })));
            sleep(delay).await;
            guard.0 = None;
            let (at, failed) = (now() - t0, failing == Some(i));
            last.set(Some(i));
            d.dispatch(FoAction::Settled(g, i, if failed { TaskState::Failed(at) } else { TaskState::Done(at) }));
            (i, if failed { Err(i) } else { Ok(delay) })
        }
        .boxed_local()
    });
    let returned = |d: &UseReducerDispatcher<Board>, trigger| d.dispatch(FoAction::Returned(trigger, now() - t0));
    match mode {
        WaitMode::FirstCompleted => {
            let ((first, _), _, rest) = select_all(tasks).await;
            returned(&d, Some(first));
            if keep {
                join_all(rest).await;
            } // else `rest` is dropped here: every other task is cancelled
        }
        WaitMode::FirstException => {
            let mut running: FuturesUnordered<_> = tasks.collect();
            while let Some((i, result)) = running.next().await {
                if result.is_err() || running.is_empty() {
                    returned(&d, Some(i));
                    break;
                }
            }
            if keep {
                while running.next().await.is_some() {}
            } // else dropping `running` cancels what is left
        }
        WaitMode::AllCompleted => {
            join_all(tasks).await;
            returned(&d, last.get());
        }
    }
    d.dispatch(FoAction::Finished);
}

/// Props of [`FirstOf`].
#[derive(Properties, PartialEq)]
pub struct FirstOfProps {
    /// Page language.
    pub lang: Lang,
}

/// The demo.
#[function_component(FirstOf)]
pub fn first_of(p: &FirstOfProps) -> Html {
    let l = p.lang;
    let text = use_state(|| "300, 100, 200, 400".to_string());
    let failing = use_state(|| Some(2usize));
    let mode = use_state(WaitMode::default);
    let keep = use_state(|| false);
    let state = use_reducer(Board::default);
    let runs = use_mut_ref(|| 0u32);
    let job = use_job();
    let running = state.run == RunState::Running;
    let parsed = delay_list(&text, 8, 5000);
    let fails = (*failing).filter(|&i| parsed.as_ref().is_ok_and(|d| i < d.len()));
    let on_run = {
        let (d, job, parsed, mode, keep, runs) =
            (state.dispatcher(), job.clone(), parsed.clone(), *mode, *keep, runs.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Ok(delays) = parsed.clone() {
                let g = {
                    let mut runs = runs.borrow_mut();
                    *runs += 1;
                    *runs
                };
                d.dispatch(FoAction::Start(g, delays.clone(), fails, mode));
                job.start(run(delays, fails, mode, keep, g, d.clone()));
            }
        })
    };
    let on_stop = {
        let d = state.dispatcher();
        Callback::from(move |_| {
            job.stop();
            d.dispatch(FoAction::Stopped);
        })
    };
    let on_text = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| text.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().value()))
    };
    let on_fail = {
        let failing = failing.clone();
        Callback::from(move |e: Event| {
            failing.set(e.target_unchecked_into::<web_sys::HtmlSelectElement>().value().parse::<usize>().ok())
        })
    };
    let radio = |m: WaitMode| {
        let mode = mode.clone();
        html! {
            <label class="demo-choice">
                <input type="radio" name="fo-mode" id={format!("fo-mode-{}", m.id())} value={m.id()} checked={*mode == m}
                    disabled={running} onchange={Callback::from(move |_| mode.set(m))} />
                { fo_mode_label(l, m) }
            </label>
        }
    };
    let n = parsed.as_ref().map_or(0, Vec::len);
    let bad = parsed.as_ref().err().copied();
    let row = |(i, (delay, fails, st)): (usize, &(u32, bool, TaskState))| {
        let (word, at) = match st {
            TaskState::Pending => (Td::FoPending, None),
            TaskState::Done(t) => (Td::FoDone, Some(*t)),
            TaskState::Failed(t) => (Td::FoFailed, Some(*t)),
            TaskState::Dropped(t) => (Td::FoDropped, Some(*t)),
        };
        html! {
            <tr data-task={i.to_string()} data-state={st.id()} data-at={at.map(|t| format!("{t:.0}")).unwrap_or_default()}>
                <th scope="row">{ format!("{} {}", trd(l, Td::Task), i + 1) }</th>
                <td class="num">{ format!("{delay} ms") }{ if *fails { " ✗" } else { "" } }</td>
                <td class={classes!("fo-state", st.id())}>{ trd(l, word) }</td>
                <td class="num">{ at.map(|t| format!("{t:.0} ms")).unwrap_or_default() }</td>
            </tr>
        }
    };
    let done: Vec<String> = state
        .tasks
        .iter()
        .enumerate()
        .filter(|t| matches!(t.1 .2, TaskState::Done(_) | TaskState::Failed(_)))
        .map(|t| t.0.to_string())
        .collect();
    html! {
        <div class="demo-body" data-state={state.run.id()}>
            <form class="demo-controls" onsubmit={on_run}>
                <div class="demo-field wide">
                    <label for="fo-delays">{ trd(l, Td::FoDelays) }</label>
                    <input id="fo-delays" type="text" value={(*text).clone()} disabled={running} aria-invalid={bad.is_some().to_string()}
                        aria-describedby={bad.map(|_| "fo-delays-hint")} oninput={on_text} />
                    if let Some(e) = bad { <small id="fo-delays-hint" class="bad">{ expect_text(l, e) }</small> }
                </div>
                <div class="demo-field">
                    <label for="fo-fail">{ trd(l, Td::FoFails) }</label>
                    <select id="fo-fail" disabled={running} onchange={on_fail}>
                        <option value="none" selected={fails.is_none()}>{ trd(l, Td::FoNone) }</option>
                        { for (0..n).map(|i| html! { <option value={i.to_string()} selected={fails == Some(i)}>{ format!("{} {}", trd(l, Td::Task), i + 1) }</option> }) }
                    </select>
                </div>
                <fieldset class="demo-choices"><legend>{ trd(l, Td::FoMode) }</legend>{ for WaitMode::ALL.into_iter().map(radio) }</fieldset>
                <label class="demo-choice"><input type="checkbox" id="fo-keep" checked={*keep} disabled={running}
                    onchange={let keep = keep.clone(); Callback::from(move |_| keep.set(!*keep))} />{ trd(l, Td::FoKeep) }</label>
                <div class="actions">
                    <button type="submit" id="fo-run" disabled={running || bad.is_some()}>{ trd(l, Td::Run) }</button>
                    <button type="button" id="fo-stop" class="secondary" disabled={!running} onclick={on_stop}>{ trd(l, Td::Stop) }</button>
                </div>
            </form>
            <p id="fo-returned" class="demo-status" role="status" aria-live="polite" data-mode={state.mode.id()}
                data-trigger={state.returned.and_then(|r| r.0).map(|i| i.to_string()).unwrap_or_default()} data-done={done.join(",")}>
                { state.returned.map(|(t, at)| fo_summary(l, state.mode, t, at)).unwrap_or_default() }
                if state.run == RunState::Stopped { { trd(l, Td::StoppedDropped) } }
            </p>
            if !state.tasks.is_empty() {
                <div class="table-wrap"><table class="demo-table" id="fo-tasks">
                    <thead><tr><th scope="col">{ trd(l, Td::Task) }</th><th scope="col">{ trd(l, Td::Delay) }</th>
                        <th scope="col">{ trd(l, Td::Outcome) }</th><th scope="col">{ trd(l, Td::At) }</th></tr></thead>
                    <tbody>{ for state.tasks.iter().enumerate().map(row) }</tbody>
                </table></div>
            }
            <p class="note">{ trd(l, Td::FoRustDrops) }</p>
        </div>
    }
}

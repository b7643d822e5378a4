//! The tutorial's running-average coroutine, as Rust has it: an `async` loop that awaits the
//! next number from a channel. Between two numbers it is suspended at that `.await`, and the
//! compiler-made state machine keeps its frame — a [`RunningAverage`] of (count, total) — alive
//! across it. Send resumes it; Finish closes the channel, so the loop ends and the coroutine
//! returns its result (the generator's `return` through `StopIteration`); Reset drops it and
//! starts a fresh one, frame and all.

use super::{use_job, RunState};
use crate::core::demos::average::{number, parse_value, RunningAverage};
use crate::core::lang::Lang;
use crate::i18n::demos::{ra_frame, trd, Td};
use futures::channel::mpsc::{channel, Receiver, Sender};
use futures::StreamExt;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Clone, PartialEq, Default)]
struct RaState {
    run: RunState,
    /// The coroutine's frame as it last reported it.
    frame: RunningAverage,
    /// (value sent, average handed back), in order.
    log: Vec<(f64, f64)>,
}

enum RaAction {
    /// A fresh coroutine, waiting at its first `.await` (primed).
    Fresh,
    /// It resumed with a value and is suspended again.
    Resumed(f64, f64, RunningAverage),
    /// The channel closed: it returned with this frame.
    Returned(RunningAverage),
}

impl Reducible for RaState {
    type Action = RaAction;
    fn reduce(self: Rc<Self>, action: RaAction) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            RaAction::Fresh => s = RaState { run: RunState::Running, ..Default::default() },
            RaAction::Resumed(value, average, frame) => {
                s.log.push((value, average));
                s.frame = frame;
            }
            RaAction::Returned(frame) => (s.run, s.frame) = (RunState::Done, frame),
        }
        Rc::new(s)
    }
}

/// The coroutine. Everything it needs between two values lives in `frame`.
async fn averager(mut values: Receiver<f64>, d: UseReducerDispatcher<RaState>) {
    let mut frame = RunningAverage::default();
    while let Some(value) = values.next().await {
        // suspended here, between two sends
        let average = frame.send(value);
        d.dispatch(RaAction::Resumed(value, average, frame));
    }
    d.dispatch(RaAction::Returned(frame));
}

/// Props of [`RunningAverageDemo`].
#[derive(Properties, PartialEq)]
pub struct RunningAverageProps {
    /// Page language.
    pub lang: Lang,
}

/// The demo.
#[function_component(RunningAverageDemo)]
pub fn running_average_demo(p: &RunningAverageProps) -> Html {
    let l = p.lang;
    let state = use_reducer(RaState::default);
    let job = use_job();
    let sender = use_mut_ref(|| None::<Sender<f64>>);
    let text = use_state(String::new);
    let restart = {
        let (d, job, sender) = (state.dispatcher(), job.clone(), sender.clone());
        Callback::from(move |_: ()| {
            let (tx, rx) = channel(8);
            *sender.borrow_mut() = Some(tx);
            d.dispatch(RaAction::Fresh);
            job.start(averager(rx, d.clone())); // the old coroutine, if any, is dropped
        })
    };
    {
        let restart = restart.clone();
        use_effect_with((), move |_| restart.emit(()));
    }
    let value = parse_value(&text);
    let alive = state.run == RunState::Running;
    let on_send = {
        let (sender, text) = (sender.clone(), text.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let (Some(v), Some(tx)) = (value, sender.borrow_mut().as_mut()) {
                // Room for 8 waiting values; the coroutine takes each within a microtask.
                if tx.try_send(v).is_ok() {
                    text.set(String::new());
                }
            }
        })
    };
    let on_finish = {
        let sender = sender.clone();
        Callback::from(move |_| {
            sender.borrow_mut().take(); // dropping the only sender closes the channel
        })
    };
    let on_input = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| text.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().value()))
    };
    let bad = !text.trim().is_empty() && value.is_none();
    let f = state.frame;
    let frame_text =
        ra_frame(l, alive, f.count, &number(f.total), &f.average().map(number).unwrap_or_else(|| "None".into()));
    html! {
        <div class="demo-body" data-state={state.run.id()}>
            <form class="demo-controls ra-form" onsubmit={on_send}>
                <div class="demo-field">
                    <label for="ra-value">{ trd(l, Td::RaValue) }</label>
                    <input id="ra-value" type="text" inputmode="decimal" value={(*text).clone()} disabled={!alive}
                        aria-invalid={bad.to_string()} aria-describedby={bad.then_some("ra-value-hint")} oninput={on_input} />
                    if bad { <small id="ra-value-hint" class="bad">{ trd(l, Td::RaNotNumber) }</small> }
                </div>
                <div class="actions">
                    <button type="submit" id="ra-send" disabled={!alive || value.is_none()}>{ trd(l, Td::RaSend) }</button>
                    <button type="button" id="ra-finish" class="secondary" disabled={!alive} onclick={on_finish}>{ trd(l, Td::RaFinish) }</button>
                    <button type="button" id="ra-reset" class="secondary" onclick={restart.reform(|_| ())}>{ trd(l, Td::Reset) }</button>
                </div>
            </form>
            <p id="ra-frame" class="demo-status" role="status" aria-live="polite" data-count={f.count.to_string()}
                data-total={f.total.to_string()}>{ frame_text }</p>
            <ol id="ra-log" class="demo-log">
                { for state.log.iter().map(|&(v, a)| html! {
                    <li data-value={v.to_string()} data-average={a.to_string()}>
                        { format!("send({}) → {}", number(v), number(a)) }</li>
                }) }
            </ol>
        </div>
    }
}

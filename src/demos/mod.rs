//! Small live demos (one per `DemoId`), one file each, each meant to sit beside its note (see
//! [`DemoId::topic`]). They use the browser's real machinery — timers, futures channels,
//! `requestAnimationFrame` — and everything they start stops on Stop, on a new Run and when the
//! demo leaves the page. Their bookkeeping is pure and tested natively in `crate::core::demos`.
//!
//! - [`producer_consumer`] — producers and consumers over a bounded channel.
//! - [`map_order`] — `map` order against `as_completed` order.
//! - [`first_of`] — `wait` with FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED.
//! - [`timed_tasks`] — `sched`: planned against actual firing times.
//! - [`freeze_meter`] — frame intervals from `requestAnimationFrame`.
//! - [`running_average`] — a coroutine that keeps its state between resumes.
//! - [`convoy`] — a thread back from I/O waits for the GIL behind busy threads.

pub mod convoy;
pub mod first_of;
pub mod freeze_meter;
pub mod map_order;
pub mod producer_consumer;
pub mod running_average;
pub mod timed_tasks;

pub use crate::core::demos::params::DemoValues;
pub use crate::core::demos::DemoId;

use crate::core::demos::Expect;
use crate::core::lang::Lang;
use crate::i18n::demos::{demo_intro, demo_title, expect_text, trd, Td};
use futures::future::{abortable, AbortHandle};
use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;
use yew::prelude::*;

crate::id_table! {
    /// Where a demo's run stands (its id is `data-state` on its `.demo-body`).
    #[derive(Default)]
    pub enum RunState {
        /// Not started yet.
        #[default]
        Idle = "idle",
        /// Running now.
        Running = "running",
        /// Ran to the end.
        Done = "done",
        /// Stopped by the learner: its futures were dropped.
        Stopped = "stopped",
    }
}

/// A demo's background job: at most one at a time. Stopping it drops its future, which drops
/// every future, channel and timer callback inside — that is how Rust cancels.
#[derive(Clone, Default)]
pub struct Job(Rc<RefCell<Option<AbortHandle>>>);

impl Job {
    /// Runs `work` on the page's event loop, stopping the previous job first.
    pub fn start(&self, work: impl Future<Output = ()> + 'static) {
        self.stop();
        let (work, handle) = abortable(work);
        *self.0.borrow_mut() = Some(handle);
        wasm_bindgen_futures::spawn_local(async move {
            let _ = work.await;
        });
    }

    /// Drops the running job, if any.
    pub fn stop(&self) {
        if let Some(handle) = self.0.borrow_mut().take() {
            handle.abort();
        }
    }
}

/// A [`Job`] that is stopped when the component leaves the page.
#[hook]
pub fn use_job() -> Job {
    let job = use_memo((), |_| Job::default());
    {
        let job = job.clone();
        use_effect_with((), move |_| move || job.stop());
    }
    (*job).clone()
}

/// Props of [`NumberField`].
#[derive(Properties, PartialEq)]
pub struct NumberFieldProps {
    /// The input's id (its label points at it).
    pub id: AttrValue,
    /// The label.
    pub label: AttrValue,
    /// The text as typed.
    pub value: AttrValue,
    /// Allowed range, for the input's `min` / `max` and the message.
    pub min: u32,
    /// See `min`.
    pub max: u32,
    /// Page language (for the message).
    pub lang: Lang,
    /// Locked while a run is going.
    #[prop_or_default]
    pub disabled: bool,
    /// Called with the new text.
    pub on_input: Callback<String>,
}

/// A labelled whole-number input that says what it accepts when the text does not fit.
#[function_component(NumberField)]
pub fn number_field(p: &NumberFieldProps) -> Html {
    let bad = crate::core::demos::number_field(&p.value, p.min, p.max).is_err();
    let on_input = p.on_input.clone();
    let oninput = Callback::from(move |e: InputEvent| {
        on_input.emit(e.target_unchecked_into::<web_sys::HtmlInputElement>().value());
    });
    let hint = format!("{}-hint", p.id);
    html! {
        <div class="demo-field">
            <label for={p.id.clone()}>{ p.label.clone() }</label>
            <input id={p.id.clone()} type="number" inputmode="numeric" min={p.min.to_string()} max={p.max.to_string()}
                value={p.value.clone()} disabled={p.disabled} aria-invalid={bad.to_string()}
                aria-describedby={bad.then_some(hint.clone())} {oninput} />
            if bad {
                <small id={hint} class="bad">{ expect_text(p.lang, Expect::Number { min: p.min, max: p.max }) }</small>
            }
        </div>
    }
}

/// Props of [`Demo`].
#[derive(Properties, PartialEq)]
pub struct DemoProps {
    /// Which demo.
    pub id: DemoId,
    /// Page language.
    pub lang: Lang,
    /// What a link typed into its fields (their starting texts; the rest keep their defaults).
    #[prop_or_default]
    pub values: DemoValues,
}

/// One demo with its title, a line on what to try, and the file it lives in.
#[function_component(Demo)]
pub fn demo(p: &DemoProps) -> Html {
    let (l, id) = (p.lang, p.id.id());
    let body = match p.id {
        DemoId::ProducerConsumer => {
            html! { <producer_consumer::ProducerConsumer lang={l} values={p.values.clone()} /> }
        }
        DemoId::MapOrder => html! { <map_order::MapOrder lang={l} values={p.values.clone()} /> },
        DemoId::FirstOf => html! { <first_of::FirstOf lang={l} /> },
        DemoId::TimedTasks => html! { <timed_tasks::TimedTasks lang={l} values={p.values.clone()} /> },
        DemoId::FreezeMeter => html! { <freeze_meter::FreezeMeter lang={l} /> },
        DemoId::RunningAverage => html! { <running_average::RunningAverageDemo lang={l} /> },
        DemoId::Convoy => html! { <convoy::Convoy lang={l} values={p.values.clone()} /> },
    };
    html! {
        <section id={format!("demo-{id}")} class="demo" data-demo={id} data-topic={p.id.topic().id()}
            aria-labelledby={format!("demo-{id}-title")}>
            <h3 id={format!("demo-{id}-title")}>{ demo_title(l, p.id) }</h3>
            <p class="demo-intro">{ demo_intro(l, p.id) }</p>
            { body }
            <p class="demo-source">{ trd(l, Td::Source) }<code>{ p.id.source() }</code></p>
            // The Python it stands for: in the cell, and (where the tutorial's way needs threads)
            // the same with threads to run at home.
            <p class="demo-python"><a id={format!("demo-{id}-python")} href={p.id.python_link(l.tag())}>{ trd(l, Td::PythonCell) }</a></p>
            if let Some(home) = p.id.python().home {
                <details class="demo-home" id={format!("demo-{id}-home")}>
                    <summary>{ trd(l, Td::PythonHome) }</summary>
                    <pre><code>{ home }</code></pre>
                </details>
            }
        </section>
    }
}

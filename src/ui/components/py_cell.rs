//! The Python cell (`exp=py`): an editor with ready examples, Run / Cancel / Share, the engine's
//! loading line, and the output as it comes (stdout and stderr apart). The code runs only in the
//! cell's worker (see `ui::py_cell`), never on the page.

use super::py_cell_lines::{clock_switches, engine_line, output, status_line, trace_switch};
use super::py_lanes::PyLanes;
use super::py_loop::{loop_view, AwaitTree};
use super::py_quiz::PyQuiz;
use super::share::ShareButton;
use crate::core::lang::Lang;
use crate::core::preset::PySettings;
use crate::core::pycell::snippets::Snippet;
use crate::core::pycell::tasks::Lanes;
use crate::core::pycell::{Cell, CellAction, Clock, Phase, Saved};
use crate::i18n::py::{trp, Tp};
use crate::i18n::{tr, T};
use crate::ui::py_cell::{CellRunner, CellState, CELL_KEY};
use crate::web::storage;
use std::rc::Rc;
use web_sys::{HtmlTextAreaElement, KeyboardEvent};
use yew::prelude::*;

/// Props of [`PyCell`].
#[derive(Properties, PartialEq)]
pub struct PyCellProps {
    /// Page language.
    pub lang: Lang,
    /// Code from a `code=` link (it replaces the saved code).
    #[prop_or_default]
    pub code: Option<String>,
    /// Run at once (`run=1`).
    #[prop_or_default]
    pub autorun: bool,
    /// Trace runs at first (`trace=0` in the URL: not).
    #[prop_or(true)]
    pub trace: bool,
    /// The clock at first (`clock=virtual`).
    #[prop_or_default]
    pub clock: Clock,
    /// Step through the loop at first (`step=1`).
    #[prop_or_default]
    pub step: bool,
}

/// The cell.
#[function_component(PyCell)]
pub fn py_cell(props: &PyCellProps) -> Html {
    let l = props.lang;
    let state = {
        let (code, trace, clock, step) = (props.code.clone(), props.trace, props.clock, props.step);
        use_reducer(move || {
            let cell = Cell::new(code, storage::load::<Saved>(CELL_KEY)).reduce(CellAction::Tracing(trace));
            CellState(cell.reduce(CellAction::Clock(clock)).reduce(CellAction::Stepping(step)))
        })
    };
    let runner = use_memo((), {
        let dispatch = state.dispatcher();
        move |_| CellRunner::new(dispatch)
    });
    let cell = &state.0;
    {
        // Saved when the code changes and when a run ends (output streaming in is not written to
        // storage on every batch) — not when the page opens: merely opening a `code=` link must
        // not overwrite the learner's own saved code.
        // The saved copy (the trace deep-copied) is made only when it is written, not on every
        // render: a traced run re-renders for each batch of output and of trace.
        let opened = use_mut_ref(|| false);
        let state = state.clone();
        use_effect_with(
            (cell.code.clone(), cell.outcome.clone(), cell.output.chunks.is_empty(), cell.trace.is_some()),
            move |_| {
                if std::mem::replace(&mut *opened.borrow_mut(), true) {
                    storage::save(CELL_KEY, &state.0.saved());
                }
            },
        );
    }
    {
        let runner = runner.clone();
        use_effect_with((), move |_| move || runner.stop());
    }
    let run = {
        let (runner, state) = (runner.clone(), state.clone());
        move || match (state.0.phase, &state.0.paused) {
            (Phase::Idle, _) => runner.run(&state.0),
            // Run while paused: the rest of the run, to its end.
            (Phase::Running { run }, Some(_)) => runner.step(run, None),
            (Phase::Running { .. }, None) => {}
        }
    };
    {
        let (run, autorun) = (run.clone(), props.autorun);
        use_effect_with((), move |_| {
            if autorun {
                wasm_bindgen_futures::spawn_local(async move {
                    crate::web::env::page_settled().await;
                    run();
                });
            }
        });
    }
    let on_run = {
        let run = run.clone();
        Callback::from(move |_: MouseEvent| run())
    };
    let on_key = {
        let run = run.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" && (e.ctrl_key() || e.meta_key()) {
                e.prevent_default();
                run();
            }
        })
    };
    let on_cancel = {
        let (runner, phase) = (runner.clone(), cell.phase);
        Callback::from(move |_: MouseEvent| {
            if let Phase::Running { run } = phase {
                runner.cancel(run);
            }
        })
    };
    let on_edit = {
        let d = state.dispatcher();
        Callback::from(move |e: InputEvent| {
            d.dispatch(CellAction::Edit(e.target_unchecked_into::<HtmlTextAreaElement>().value()))
        })
    };
    let on_step = {
        let (runner, phase) = (runner.clone(), cell.phase);
        Callback::from(move |_: MouseEvent| {
            if let Phase::Running { run } = phase {
                runner.step(run, Some(1));
            }
        })
    };
    let lanes = use_memo(cell.trace.clone(), |t| t.as_ref().map(|events| Rc::new(Lanes::of(events))));
    let on_clear = {
        let d = state.dispatcher();
        Callback::from(move |_: MouseEvent| d.dispatch(CellAction::ClearOutput))
    };
    let snippet = |s: Snippet| {
        let d = state.dispatcher();
        html! {
            <li><button type="button" class="secondary small" id={format!("py-snippet-{}", s.id())} disabled={cell.busy()}
                onclick={Callback::from(move |_| d.dispatch(CellAction::Edit(s.code().to_string())))}>{ s.label() }</button></li>
        }
    };
    let busy = cell.busy();
    let paused = cell.paused.is_some();
    // A misconception snippet in the editor, untouched: its question, and once a traced run of it
    // has ended, the answer its trace gives.
    let holding = Snippet::holding(&cell.code);
    let ended = cell.outcome.is_some() && !busy && cell.ran.as_deref() == Some(cell.code.as_str());
    let answer = match (holding.and_then(|s| s.question()), &*lanes, ended) {
        (Some(q), Some(lanes), true) => (q.answer)(lanes),
        _ => None,
    };
    html! {
        <section id="py" class="panel py-cell" data-run-state={if busy { "running" } else { "idle" }} aria-labelledby="py-title">
            <h2 id="py-title">{ trp(l, Tp::Title) }</h2>
            <p>{ trp(l, Tp::Intro) }</p>
            { engine_line(l, &cell.engine) }
            <div class="py-snippets">
                <span class="muted" id="py-snippets-label">{ trp(l, Tp::Snippets) }</span>
                <ul role="list" aria-labelledby="py-snippets-label">
                    { for Snippet::ALL.into_iter().filter(|s| s.question().is_none()).map(snippet) }</ul>
            </div>
            <div class="py-snippets">
                <span class="muted" id="py-quiz-label">{ trp(l, Tp::QuizSnippets) }</span>
                <ul role="list" aria-labelledby="py-quiz-label">
                    { for Snippet::ALL.into_iter().filter(|s| s.question().is_some()).map(snippet) }</ul>
            </div>
            <label for="py-code">{ trp(l, Tp::CodeLabel) }</label>
            <textarea id="py-code" class="py-code" rows="16" spellcheck="false" autocapitalize="off" autocomplete="off"
                value={cell.code.clone()} oninput={on_edit} onkeydown={on_key} readonly={busy} />
            <div class="actions">
                <button type="button" id="py-run" disabled={busy && !paused} onclick={on_run}>
                    { if paused { trp(l, Tp::RunToEnd) } else { tr(l, T::Run) } }</button>
                if cell.stepping || paused {
                    <button type="button" id="py-step" class="secondary" disabled={!paused} onclick={on_step}>{ trp(l, Tp::StepButton) }</button>
                }
                <button type="button" id="py-cancel" class="secondary" disabled={!busy} onclick={on_cancel}>{ tr(l, T::Cancel) }</button>
                <button type="button" id="py-clear" class="secondary" disabled={busy || cell.output.chunks.is_empty()} onclick={on_clear}>{ trp(l, Tp::Clear) }</button>
                <ShareButton lang={l} id="py" query={PySettings::share_query(&cell.code, cell.tracing, cell.clock, cell.stepping, l)} title={trp(l, Tp::Title)} height={900} />
            </div>
            <div class="py-switches">
                { trace_switch(l, cell.tracing, busy, state.dispatcher()) }
                { clock_switches(l, cell, state.dispatcher()) }
            </div>
            if let (Some(s), Some(question)) = (holding, holding.and_then(|s| s.question())) {
                <PyQuiz key={s.id()} lang={l} {question} answer={answer.clone()} ran={ended} />
            }
            { status_line(l, cell) }
            if cell.restored { <p class="muted" id="py-restored">{ trp(l, Tp::Restored) }</p> }
            <h3 class="visually-hidden">{ trp(l, Tp::Output) }</h3>
            { output(l, &cell.output, cell.outcome.is_some()) }
            if let Some(p) = &cell.paused { { loop_view(l, p, cell.ran.as_deref().unwrap_or_default()) } }
            if let Some(lanes) = (*lanes).clone() { <PyLanes lang={l} {lanes} pointed={answer.as_ref().map(|a| a.lane.clone())} /> }
            if lanes.is_some() || paused { <AwaitTree lang={l} lanes={(*lanes).clone()} paused={cell.paused.clone()} /> }
        </section>
    }
}

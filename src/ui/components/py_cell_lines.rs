//! The Python cell's lines around the editor: the engine's loading line, the trace switch, the
//! run's status and the output (stdout and stderr apart, with a mark where old output was trimmed).

use crate::core::lang::Lang;
use crate::core::pycell::{Cell, CellAction, Clock, Engine, Outcome, Output, Phase};
use crate::i18n::py::{trp, Tp};
use crate::ui::format::duration;
use crate::ui::py_cell::CellState;
use web_sys::HtmlInputElement;
use yew::prelude::*;

fn megabytes(bytes: f64) -> String {
    format!("{:.1} MB", bytes / 1e6)
}

pub(super) fn engine_line(l: Lang, e: &Engine) -> Html {
    let (state, text) = match e {
        Engine::Cold => ("cold", trp(l, Tp::EngineCold).to_string()),
        Engine::Loading { .. } => ("loading", trp(l, Tp::EngineLoading).to_string()),
        Engine::Ready { startup_ms, version, python, bytes, network_bytes, from_snapshot } => (
            "ready",
            format!(
                "Python {python} · Pyodide {version} · {} {} ({} {}) · {} {}{}",
                trp(l, Tp::Read),
                megabytes(*bytes),
                megabytes(*network_bytes),
                trp(l, Tp::OverNetwork),
                trp(l, Tp::StartedIn),
                duration(*startup_ms),
                if *from_snapshot { trp(l, Tp::FromSnapshot) } else { "" }
            ),
        ),
        Engine::Failed(reason) => ("failed", format!("{}{reason}", trp(l, Tp::EngineFailed))),
    };
    html! { <p id="py-cell-engine" class="muted" data-state={state}>{ text }</p> }
}

pub(super) fn status_line(l: Lang, cell: &Cell) -> Html {
    let waiting = !matches!(cell.engine, Engine::Ready { .. });
    let virtual_clock = |clock: &Clock| if *clock == Clock::Virtual { trp(l, Tp::OnVirtualClock) } else { "" };
    let (state, text) = match (&cell.phase, &cell.outcome) {
        (Phase::Running { .. }, _) if waiting => ("running", trp(l, Tp::WaitingForEngine).to_string()),
        (Phase::Running { .. }, _) if cell.paused.is_some() => {
            let now = cell.paused.as_ref().map_or(0.0, |p| p.now);
            ("paused", format!("{} {}", trp(l, Tp::PausedAt), duration(now)))
        }
        (Phase::Running { .. }, _) => ("running", trp(l, Tp::Running).to_string()),
        (Phase::Idle, None) => ("idle", String::new()),
        (Phase::Idle, Some(Outcome::Done { ms, clock })) => {
            ("done", format!("{} {}{}", trp(l, Tp::Done), duration(*ms), virtual_clock(clock)))
        }
        (Phase::Idle, Some(Outcome::Raised { error, ms, clock })) => (
            "raised",
            format!("{error} {}{} {}{}", trp(l, Tp::Raised), trp(l, Tp::After), duration(*ms), virtual_clock(clock)),
        ),
        (Phase::Idle, Some(Outcome::Cancelled)) => ("cancelled", trp(l, Tp::Cancelled).to_string()),
        (Phase::Idle, Some(Outcome::Failed { reason })) => ("failed", format!("{}{reason}", trp(l, Tp::Failed))),
    };
    html! { <p id="py-status" class="py-status" data-state={state} role="status">{ text }</p> }
}

/// The output so far; `ended`: a run has ended, so an empty output says so.
pub(super) fn output(l: Lang, out: &Output, ended: bool) -> Html {
    html! {
        <pre id="py-output" class="py-output" tabindex="0" role="log" aria-label={trp(l, Tp::Output)}>
            if out.dropped > 0 {
                <span class="trimmed">{ format!("… {} {}\n", out.dropped, trp(l, Tp::Trimmed)) }</span>
            }
            { for out.chunks.iter().map(|c| html! { <span class={c.stream.id()}>{ &c.text }</span> }) }
            if out.chunks.is_empty() && ended { <span class="muted">{ trp(l, Tp::NoOutput) }</span> }
        </pre>
    }
}

/// The switch that traces the next run's asyncio tasks (off while a run is on).
pub(super) fn trace_switch(l: Lang, on: bool, busy: bool, dispatch: UseReducerDispatcher<CellState>) -> Html {
    let onchange = Callback::from(move |e: Event| {
        dispatch.dispatch(CellAction::Tracing(e.target_unchecked_into::<HtmlInputElement>().checked()))
    });
    html! {
        <label class="check" for="py-tracing">
            <input type="checkbox" id="py-tracing" checked={on} disabled={busy} {onchange} />
            { trp(l, Tp::TraceSwitch) }
        </label>
    }
}

/// The clock and stepping switches (stepping needs the virtual clock: turning it on turns that
/// on; the real clock turns stepping off).
pub(super) fn clock_switches(l: Lang, cell: &Cell, dispatch: UseReducerDispatcher<CellState>) -> Html {
    let busy = cell.busy();
    let on_clock = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let on = e.target_unchecked_into::<HtmlInputElement>().checked();
            dispatch.dispatch(CellAction::Clock(if on { Clock::Virtual } else { Clock::Real }))
        })
    };
    let on_step = Callback::from(move |e: Event| {
        dispatch.dispatch(CellAction::Stepping(e.target_unchecked_into::<HtmlInputElement>().checked()))
    });
    html! {
        <>
            <label class="check" for="py-clock">
                <input type="checkbox" id="py-clock" checked={cell.clock == Clock::Virtual} disabled={busy} onchange={on_clock} />
                { trp(l, Tp::ClockSwitch) }
            </label>
            <label class="check" for="py-stepping">
                <input type="checkbox" id="py-stepping" checked={cell.stepping} disabled={busy} onchange={on_step} />
                { trp(l, Tp::StepSwitch) }
            </label>
        </>
    }
}

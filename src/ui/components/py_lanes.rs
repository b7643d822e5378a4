//! The cell's asyncio lanes: one row per task of the last traced run (the top level first), its
//! steps as solid bars, its waits as thin lines labelled with what it awaited, a mark where it
//! was created (joined to its creator's row), one where it ended, and a dotted line from a task
//! that ended to each task it woke. Hovering or focusing a bar
//! shows its line of code; a table below holds the same facts for screen readers, and Trace
//! downloads the run as a Chrome trace.

use super::exports::{Export, Exports};
use crate::core::lang::Lang;
use crate::core::pycell::tasks::{bars, wait_label, How, Lanes};
use crate::core::pycell::Clock;
use crate::i18n::py::{trp, Tp};
use yew::prelude::*;

/// Props of [`PyLanes`].
#[derive(Properties, PartialEq)]
pub struct PyLanesProps {
    /// Page language.
    pub lang: Lang,
    /// The traced run.
    pub lanes: std::rc::Rc<Lanes>,
    /// The task whose lane a prediction's verdict points at.
    #[prop_or_default]
    pub pointed: Option<String>,
}

const LABEL: f64 = 120.0;
const PLOT: f64 = 600.0;
const ROW: f64 = 26.0;
const BAR: f64 = 12.0;
const TOP: f64 = 8.0;
/// The table lists at most this many steps (the bars hold them all).
const TABLE_ROWS: usize = 400;
/// At most this many wake-up marks are drawn.
const MAX_WAKES: usize = 300;

fn ms(t: f64) -> String {
    format!("{t:.1}")
}

/// The lanes.
#[function_component(PyLanes)]
pub fn py_lanes(props: &PyLanesProps) -> Html {
    let (l, lanes) = (props.lang, &*props.lanes);
    let span = lanes.span_ms().max(1e-3);
    let x = |t: f64| LABEL + t / span * PLOT;
    let y = |i: usize| TOP + i as f64 * ROW;
    let row_of = |id: u32| lanes.lanes.iter().position(|x| x.id == id);
    let height = y(lanes.lanes.len()) + 20.0;
    // One pixel of time: steps closer than that are drawn as one bar.
    let px = span / PLOT;
    let lane = |(i, t): (usize, &crate::core::pycell::tasks::Lane)| {
        let mid = y(i) + BAR / 2.0;
        let spawn = t.parent.and_then(row_of).map(|p| {
            html! { <line class="spawn" x1={x(t.created).to_string()} x2={x(t.created).to_string()}
            y1={(y(p) + BAR / 2.0).to_string()} y2={mid.to_string()} /> }
        });
        let waits = t.steps.windows(2).filter_map(|w| {
            let wait = w[0].wait.as_ref()?;
            let (x1, x2) = (x(w[0].end), x(w[1].start));
            let label = wait_label(wait, lanes);
            Some(html! {
                <g class="wait" data-awaiting={label.clone()}>
                    <line x1={x1.to_string()} x2={x2.to_string()} y1={mid.to_string()} y2={mid.to_string()} />
                    if x2 - x1 > 8.0 * label.chars().count() as f64 {
                        <text x={((x1 + x2) / 2.0).to_string()} y={(y(i) - 1.0).to_string()} text-anchor="middle">{ label.clone() }</text>
                    }
                    <title>{ format!("{} {} {label} ({}–{} ms)", t.name, trp(l, Tp::WaitsOn), ms(w[0].end), ms(w[1].start)) }</title>
                </g>
            })
        });
        let steps = bars(&t.steps, px).into_iter().map(|(a, b, n)| {
            let line = t.steps.iter().find(|s| s.start >= a).and_then(|s| s.line);
            let title = match (n, line) {
                (1, Some(line)) => format!("{}: {} {line} ({}–{} ms)", t.name, trp(l, Tp::Line), ms(a), ms(b)),
                (1, None) => format!("{} ({}–{} ms)", t.name, ms(a), ms(b)),
                (n, _) => format!("{}: {n} {} ({}–{} ms)", t.name, trp(l, Tp::Steps), ms(a), ms(b)),
            };
            html! {
                <rect class="step" tabindex="0" x={x(a).to_string()} y={y(i).to_string()} width={(x(b) - x(a)).max(1.0).to_string()}
                    height={BAR.to_string()} data-line={line.map(|n| n.to_string())}><title>{ title }</title></rect>
            }
        });
        let end = t.end.as_ref().map(|(at, how, what)| {
            let mark = match how {
                How::Result => "✓",
                How::Exception => "✗",
                How::Cancelled => "⊘",
            };
            html! { <text class={format!("end {}", how.id())} x={(x(*at) + 3.0).to_string()} y={(y(i) + BAR).to_string()}>
                { mark }<title>{ format!("{} {}", how.id(), what.clone().unwrap_or_default()) }</title></text> }
        });
        html! {
            <g class={classes!("lane", (props.pointed.as_deref() == Some(t.name.as_str())).then_some("pointed"))}
                data-task={t.name.clone()} data-steps={t.steps.len().to_string()}>
                if props.pointed.as_deref() == Some(t.name.as_str()) {
                    <rect class="pointer" x="0" y={(y(i) - 4.0).to_string()} width={(LABEL + PLOT + 20.0).to_string()} height={(BAR + 8.0).to_string()} />
                }
                <text class="name" x={(LABEL - 6.0).to_string()} y={(y(i) + BAR - 1.0).to_string()} text-anchor="end">{ t.name.clone() }</text>
                { for spawn }
                { for waits }
                { for steps }
                { for end }
            </g>
        }
    };
    // Who woke whom: a dotted line at the moment a task ended, from its lane to each lane whose
    // wait it ended (capped: a run of thousands of tasks would draw a wall of them).
    let wakes = lanes.wakes().into_iter().take(MAX_WAKES).filter_map(|(by, to, t)| {
        let (a, b) = (row_of(by)?, row_of(to)?);
        let name = |i: usize| lanes.lanes[i].name.clone();
        Some(html! {
            <line class="wake" data-from={name(a)} data-to={name(b)} x1={x(t).to_string()} x2={x(t).to_string()}
                y1={(y(a) + BAR / 2.0).to_string()} y2={(y(b) + BAR / 2.0).to_string()}>
                <title>{ format!("{} → {} ({} ms)", name(a), name(b), ms(t)) }</title></line>
        })
    });
    let rows = lanes.lanes.iter().flat_map(|t| t.steps.iter().map(move |s| (t, s))).take(TABLE_ROWS).map(|(t, s)| {
        html! { <tr><td>{ t.name.clone() }</td><td>{ ms(s.start) }</td><td>{ ms(s.end) }</td>
        <td>{ s.line.map(|n| n.to_string()).unwrap_or_default() }</td>
        <td>{ s.wait.as_ref().map(|w| wait_label(w, lanes)).unwrap_or_default() }</td></tr> }
    });
    let total: usize = lanes.lanes.iter().map(|t| t.steps.len()).sum();
    // Perfetto or chrome://tracing open it: a thread per task, its steps and waits.
    let trace_file = {
        let lanes = props.lanes.clone();
        Callback::from(move |_| Some(("py-run.trace.json".to_string(), "application/json", lanes.chrome_trace())))
    };
    html! {
        <figure id="py-lanes" class="chart py-lanes" data-tasks={lanes.lanes.len().to_string()} data-clock={lanes.clock.id()}>
            <figcaption><strong>{ trp(l, Tp::LanesTitle) }</strong>{ " · " }<span class="muted">{ trp(l, Tp::LanesHint) }</span></figcaption>
            <svg role="img" aria-label={trp(l, Tp::LanesTitle)} viewBox={format!("0 0 {} {height}", LABEL + PLOT + 20.0)}>
                { for lanes.lanes.iter().enumerate().map(lane) }
                <g class="wakes">{ for wakes }</g>
                <text class="axis" x={LABEL.to_string()} y={(height - 4.0).to_string()}>{ "0 ms" }</text>
                <text class="axis" x={(LABEL + PLOT).to_string()} y={(height - 4.0).to_string()} text-anchor="end">{ format!("{} ms{}", ms(span), if lanes.clock == Clock::Virtual { trp(l, Tp::OnVirtualClock) } else { "" }) }</text>
            </svg>
            <Exports lang={l} panel="py" kinds={vec![Export::Trace]} file={trace_file} />
            <details id="py-lanes-table">
                <summary>{ trp(l, Tp::LanesTable) }</summary>
                <table>
                    <thead><tr><th>{ trp(l, Tp::Task) }</th><th>{ trp(l, Tp::From) }</th><th>{ trp(l, Tp::To) }</th>
                        <th>{ trp(l, Tp::Line) }</th><th>{ trp(l, Tp::WaitsOn) }</th></tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
                if total > TABLE_ROWS { <p class="muted">{ format!("{TABLE_ROWS} / {total}") }</p> }
            </details>
        </figure>
    }
}

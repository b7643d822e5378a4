//! The event loop, seen: while a stepped run is paused, the clock, the callback just run, the
//! ready queue in the order it runs, the timers by due time and every task's state (`#py-loop`);
//! and the await tree (`#py-await-tree`) — who awaits whom — at the pause, or at any moment of
//! a finished trace chosen with a slider.

use crate::core::lang::Lang;
use crate::core::pycell::stepper::{tree_at, tree_of_paused, Paused, TreeNode};
use crate::core::pycell::tasks::Lanes;
use crate::i18n::py::{trp, Tp};
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

fn seconds(ms: f64) -> String {
    format!("{:.3} s", ms / 1000.0)
}

/// The lines of `code` around `line` (1-based), numbered, that line marked: where the task that
/// just ran stopped, beside the loop's state.
fn code_around(code: &str, line: u32) -> Html {
    let lines: Vec<&str> = code.lines().collect();
    let at = line as usize;
    if at == 0 || at > lines.len() {
        return Html::default();
    }
    let (from, to) = (at.saturating_sub(3).max(1), (at + 2).min(lines.len()));
    html! {
        <pre id="py-loop-code" class="py-loop-code" data-line={line.to_string()}>
            { for (from..=to).map(|n| {
                let text = format!("{n:>3}  {}", lines[n - 1]);
                if n == at { html! { <><mark>{ text }</mark>{ "\n" }</> } } else { html! { { text + "\n" } } }
            }) }
        </pre>
    }
}

/// The paused loop; `code`: the cell's code, for the line just run.
pub fn loop_view(l: Lang, p: &Paused, code: &str) -> Html {
    let who = |task: Option<u32>, what: &str| match (task, what) {
        (Some(_), "step") => format!("{} · {}", p.name(task), trp(l, Tp::StepOf)),
        (Some(_), "wake-up") => format!("{} · {}", p.name(task), trp(l, Tp::WakeUp)),
        (Some(_), other) => format!("{} · {other}", p.name(task)),
        (None, other) => other.to_string(),
    };
    let ran = p.ran.as_ref().map(|r| {
        let at = r.line.map(|n| format!(" → {} {n}", trp(l, Tp::StoppedAt))).unwrap_or_default();
        format!("{}{at}", who(r.task, &r.what))
    });
    let ready = p.ready.iter().map(|c| {
        html! { <li data-task={p.name(c.task)}>{ who(c.task, &c.what) }</li> }
    });
    let timers = p.timers.iter().map(|t| {
        html! { <li data-task={p.name(t.task)} data-due={t.due.to_string()}>{ format!("{} — {}", seconds(t.due), who(t.task, &t.what)) }</li> }
    });
    let tasks = p.tasks.iter().map(|t| {
        let detail = match (&t.waits, t.how) {
            (Some(w), _) => w.clone(),
            (None, Some(how)) => how.id().to_string(),
            _ => String::new(),
        };
        html! {
            <tr data-task={t.name.clone()} data-state={t.state.id()}>
                <td>{ t.name.clone() }</td><td>{ trp(l, phase_text(t.state)) }</td>
                <td>{ t.line.map(|n| n.to_string()).unwrap_or_default() }</td><td>{ detail }</td>
            </tr>
        }
    });
    let none = |list_empty: bool| list_empty.then(|| html! { <li class="muted">{ trp(l, Tp::Empty) }</li> });
    html! {
        <section id="py-loop" class="py-loop" aria-labelledby="py-loop-title" data-now={p.now.to_string()} data-steps={p.steps.to_string()}>
            <h3 id="py-loop-title">{ trp(l, Tp::LoopTitle) }</h3>
            <p>{ format!("{} {} · {} {}", trp(l, Tp::VirtualNow), seconds(p.now), p.steps, trp(l, Tp::CallbacksRun)) }</p>
            if let Some(ran) = ran { <p id="py-ran">{ format!("{} {ran}", trp(l, Tp::JustRan)) }</p> }
            if let Some(line) = p.ran.as_ref().and_then(|r| r.line) { { code_around(code, line) } }
            <div class="py-loop-lists">
                <div>
                    <h4>{ trp(l, Tp::ReadyQueue) }</h4>
                    <ol id="py-ready">{ for ready }{ for none(p.ready.is_empty()) }</ol>
                </div>
                <div>
                    <h4>{ trp(l, Tp::Timers) }</h4>
                    <ol id="py-timers">{ for timers }{ for none(p.timers.is_empty()) }</ol>
                </div>
            </div>
            <table id="py-tasks">
                <thead><tr><th>{ trp(l, Tp::Task) }</th><th>{ trp(l, Tp::State) }</th><th>{ trp(l, Tp::Line) }</th><th>{ trp(l, Tp::WaitsOn) }</th></tr></thead>
                <tbody>{ for tasks }</tbody>
            </table>
        </section>
    }
}

fn phase_text(p: crate::core::pycell::stepper::TaskPhase) -> Tp {
    use crate::core::pycell::stepper::TaskPhase;
    match p {
        TaskPhase::Ready => Tp::PhaseReady,
        TaskPhase::Waiting => Tp::PhaseWaiting,
        TaskPhase::Done => Tp::PhaseDone,
    }
}

fn tree(nodes: &[TreeNode]) -> Html {
    html! {
        <ul>
            { for nodes.iter().map(|n| html! {
                <li data-task={n.name.clone()}>
                    <span class="name">{ n.name.clone() }</span>
                    if !n.at.is_empty() { <span class="at">{ format!(" — {}", n.at) }</span> }
                    if !n.children.is_empty() { { tree(&n.children) } }
                </li>
            }) }
        </ul>
    }
}

/// Props of [`AwaitTree`].
#[derive(Properties, PartialEq)]
pub struct AwaitTreeProps {
    /// Page language.
    pub lang: Lang,
    /// The traced run so far.
    pub lanes: Option<Rc<Lanes>>,
    /// The loop, when paused.
    pub paused: Option<Rc<Paused>>,
}

/// Who awaits whom: at the pause, else at the moment the slider chooses.
#[function_component(AwaitTree)]
pub fn await_tree(props: &AwaitTreeProps) -> Html {
    let l = props.lang;
    let span = props.lanes.as_ref().map_or(0.0, |x| x.span_ms());
    let chosen = use_state(|| None::<f64>);
    let (nodes, at, slider) = match (&props.paused, &props.lanes) {
        (Some(p), lanes) => {
            let mut nodes = tree_of_paused(p);
            if nodes.is_empty() && p.graph.is_none() {
                nodes = lanes.as_ref().map(|x| tree_at(x, p.now)).unwrap_or_default();
            }
            (nodes, p.now, false)
        }
        (None, Some(lanes)) => {
            let t = chosen.unwrap_or(span / 2.0).min(span);
            (tree_at(lanes, t), t, true)
        }
        (None, None) => return Html::default(),
    };
    let on_time = {
        let chosen = chosen.clone();
        Callback::from(move |e: InputEvent| {
            let v: f64 = e.target_unchecked_into::<HtmlInputElement>().value().parse().unwrap_or(0.0);
            chosen.set(Some(v));
        })
    };
    html! {
        <section id="py-await-tree" class="py-await-tree" aria-labelledby="py-await-title" data-at={at.to_string()}>
            <h3 id="py-await-title">{ format!("{} · {:.1} ms", trp(l, Tp::AwaitTree), at) }</h3>
            <p class="muted">{ trp(l, Tp::AwaitTreeHint) }</p>
            if slider {
                <label for="py-tree-time">{ trp(l, Tp::TreeTime) }</label>
                <input id="py-tree-time" type="range" min="0" max={span.to_string()} step="any" value={at.to_string()} oninput={on_time} />
            }
            if nodes.is_empty() { <p class="muted">{ trp(l, Tp::NoTasksThen) }</p> } else { { tree(&nodes) } }
        </section>
    }
}

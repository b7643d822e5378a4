//! The `sched` idea on the page: events enter a queue ordered by (due time, priority, entry
//! order) — [`Scheduler`] in `core::demos::sched` — and one async loop pops the next, waits for
//! it with a browser timer, and runs it. Like `sched.run()`, actions run one after another: an
//! action that takes time (here a timer of that length, so the page itself stays free) holds up
//! every event behind it. Planned and actual times are shown side by side: a timer promises
//! "not before", never "exactly at".

use super::{use_job, RunState};
use crate::core::demos::params::{DemoValues, TIMED_TASKS};
use crate::core::demos::sched::{Firing, Scheduler};
use crate::core::lang::Lang;
use crate::i18n::demos::{expect_text, trd, Td};
use crate::web::clock::{now, sleep};
use std::rc::Rc;
use yew::prelude::*;

/// Names of the rows.
const NAMES: [&str; 4] = ["A", "B", "C", "D"];
/// The three columns: delay (ms), priority, how long the action takes (ms). Keys, ranges and
/// defaults are [`TIMED_TASKS`], row by row (`a-delay`, `a-priority`, `a-takes`, `b-delay`, …).
const COLS: [Td; 3] = [Td::TtDelay, Td::TtPriority, Td::TtTakes];
const KEYS: [&str; 3] = ["delay", "priority", "takes"];

/// The range of column `col` (the same in every row).
fn range(col: usize) -> (u32, u32) {
    TIMED_TASKS[col].range().expect("the timed-tasks fields are numbers (checked in core::demos::params)")
}

type Row = [u32; 3];

/// One event as it ran.
#[derive(Clone, Copy, PartialEq)]
struct Fired {
    row: usize,
    priority: u32,
    firing: Firing,
    takes: u32,
}

#[derive(Clone, PartialEq, Default)]
struct TimedState {
    run: RunState,
    fired: Vec<Fired>,
}

enum TtAction {
    Start,
    Fired(Fired),
    Finished,
    Stopped,
}

impl Reducible for TimedState {
    type Action = TtAction;
    fn reduce(self: Rc<Self>, action: TtAction) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            TtAction::Start => s = TimedState { run: RunState::Running, fired: vec![] },
            TtAction::Fired(f) => s.fired.push(f),
            TtAction::Finished => s.run = RunState::Done,
            TtAction::Stopped if s.run == RunState::Running => s.run = RunState::Stopped,
            TtAction::Stopped => return self,
        }
        Rc::new(s)
    }
}

async fn run(rows: Vec<Row>, d: UseReducerDispatcher<TimedState>) {
    let mut queue = Scheduler::default();
    for (i, r) in rows.iter().enumerate() {
        queue.enter(r[0], r[1] as u8, i);
    }
    let t0 = now();
    while let Some(event) = queue.pop() {
        let wait = f64::from(event.due) - (now() - t0);
        if wait > 0.0 {
            sleep(wait.ceil() as u32).await;
        }
        let (priority, takes) = (rows[event.action][1], rows[event.action][2]);
        d.dispatch(TtAction::Fired(Fired {
            row: event.action,
            priority,
            firing: Firing { due: event.due, actual: now() - t0 },
            takes,
        }));
        if takes > 0 {
            sleep(takes).await; // the action "works": the loop waits for it before the next event
        }
    }
    d.dispatch(TtAction::Finished);
}

/// The timeline: per fired event (in firing order), a hollow mark when it was due, a filled one
/// when it ran, a line between them (the lateness) and a bar while its action took.
fn timeline(fired: &[Fired], l: Lang) -> Html {
    let end = fired.iter().map(|f| f.firing.actual + f64::from(f.takes)).fold(1000.0, f64::max);
    let x = |ms: f64| 8.0 + ms / end * 284.0;
    let lane = |k: usize, f: &Fired| {
        let y = 10.0 + k as f64 * 16.0;
        let (due, actual) = (x(f64::from(f.firing.due)), x(f.firing.actual));
        html! {
            <g>
                <title>{ format!("{} · {} {} ms · {} {:.0} ms", NAMES[f.row], trd(l, Td::TtPlanned), f.firing.due, trd(l, Td::TtActual), f.firing.actual) }</title>
                <rect class="busy" x={format!("{actual:.1}")} y={format!("{:.1}", y - 4.0)} width={format!("{:.1}", x(f.firing.actual + f64::from(f.takes)) - actual)} height="8" />
                <line class="late" x1={format!("{due:.1}")} y1={format!("{y:.1}")} x2={format!("{actual:.1}")} y2={format!("{y:.1}")} />
                <circle class="planned" cx={format!("{due:.1}")} cy={format!("{y:.1}")} r="3.5" />
                <circle class="actual" cx={format!("{actual:.1}")} cy={format!("{y:.1}")} r="2.5" />
                <text x="0" y={format!("{:.1}", y + 3.0)}>{ NAMES[f.row] }</text>
            </g>
        }
    };
    let h = 20 + fired.len() * 16;
    html! {
        <svg class="demo-chart tt" viewBox={format!("0 0 300 {h}")} role="img" aria-label={trd(l, Td::TtChart)}>
            { for fired.iter().enumerate().map(|(k, f)| lane(k, f)) }
            <text class="axis" x="292" y={(h - 2).to_string()} text-anchor="end">{ format!("{end:.0} ms") }</text>
        </svg>
    }
}

/// Props of [`TimedTasks`].
#[derive(Properties, PartialEq)]
pub struct TimedTasksProps {
    /// Page language.
    pub lang: Lang,
    /// The fields' starting texts from a link.
    #[prop_or_default]
    pub values: DemoValues,
}

/// The demo.
#[function_component(TimedTasks)]
pub fn timed_tasks(p: &TimedTasksProps) -> Html {
    let l = p.lang;
    let texts = use_state(|| {
        let all = p.values.texts(&TIMED_TASKS);
        [0, 1, 2, 3].map(|r| [0, 1, 2].map(|c| all[r * 3 + c].clone()))
    });
    let state = use_reducer(TimedState::default);
    let job = use_job();
    let running = state.run == RunState::Running;
    let parsed: Option<Vec<Row>> = texts
        .iter()
        .map(|r| {
            let v: Option<Vec<u32>> = r.iter().zip(&TIMED_TASKS).map(|(t, p)| p.number(t)).collect();
            v.map(|v| [v[0], v[1], v[2]])
        })
        .collect();
    let on_run = {
        let (d, job, parsed) = (state.dispatcher(), job.clone(), parsed.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(rows) = parsed.clone() {
                d.dispatch(TtAction::Start);
                job.start(run(rows, d.clone()));
            }
        })
    };
    let on_stop = {
        let d = state.dispatcher();
        Callback::from(move |_| {
            job.stop();
            d.dispatch(TtAction::Stopped);
        })
    };
    let cell = |row: usize, col: usize| {
        let handle = texts.clone();
        let oninput = Callback::from(move |e: InputEvent| {
            let mut t = (*handle).clone();
            t[row][col] = e.target_unchecked_into::<web_sys::HtmlInputElement>().value();
            handle.set(t);
        });
        let (lo, hi) = range(col);
        let value = &texts[row][col];
        let bad = TIMED_TASKS[col].check(value).is_err();
        html! {
            <td><input type="number" inputmode="numeric" id={format!("tt-{}", TIMED_TASKS[row * 3 + col].key)}
                min={lo.to_string()} max={hi.to_string()} value={value.clone()} disabled={running} aria-invalid={bad.to_string()}
                aria-labelledby={format!("tt-row-{} tt-col-{}", NAMES[row].to_lowercase(), KEYS[col])} {oninput} /></td>
        }
    };
    let bad_ranges: Vec<String> = (0..3)
        .filter(|&c| texts.iter().any(|r| TIMED_TASKS[c].check(&r[c]).is_err()))
        .map(|c| format!("{}: {}", trd(l, COLS[c]), expect_text(l, TIMED_TASKS[c].expect)))
        .collect();
    let fired_row = |(k, f): (usize, &Fired)| {
        html! {
            <tr data-order={k.to_string()} data-name={NAMES[f.row]} data-priority={f.priority.to_string()}
                data-planned={f.firing.due.to_string()} data-actual={format!("{:.1}", f.firing.actual)}>
                <th scope="row">{ NAMES[f.row] }</th><td class="num">{ f.priority }</td><td class="num">{ f.firing.due }</td>
                <td class="num">{ format!("{:.1}", f.firing.actual) }</td><td class="num">{ format!("+{:.1}", f.firing.late_by()) }</td>
            </tr>
        }
    };
    let status = match state.run {
        RunState::Idle => "",
        RunState::Running => trd(l, Td::Running),
        RunState::Done => trd(l, Td::TtDone),
        RunState::Stopped => trd(l, Td::StoppedDropped),
    };
    html! {
        <div class="demo-body" data-state={state.run.id()}>
            <form class="demo-controls" onsubmit={on_run}>
                <div class="table-wrap"><table class="demo-table tt-plan">
                    <thead><tr><th scope="col">{ trd(l, Td::Task) }</th>
                        { for (0..3).map(|c| html! { <th scope="col" id={format!("tt-col-{}", KEYS[c])}>{ trd(l, COLS[c]) }</th> }) }</tr></thead>
                    <tbody>{ for (0..4).map(|r| html! {
                        <tr><th scope="row" id={format!("tt-row-{}", NAMES[r].to_lowercase())}>{ NAMES[r] }</th>{ for (0..3).map(|c| cell(r, c)) }</tr>
                    }) }</tbody>
                </table></div>
                if !bad_ranges.is_empty() { <p class="bad" role="alert">{ bad_ranges.join(" · ") }</p> }
                <div class="actions">
                    <button type="submit" id="tt-run" disabled={running || parsed.is_none()}>{ trd(l, Td::Run) }</button>
                    <button type="button" id="tt-stop" class="secondary" disabled={!running} onclick={on_stop}>{ trd(l, Td::Stop) }</button>
                </div>
            </form>
            <p class="demo-status" role="status" aria-live="polite">{ status }</p>
            if !state.fired.is_empty() {
                { timeline(&state.fired, l) }
                <div class="table-wrap"><table class="demo-table" id="tt-fired">
                    <thead><tr><th scope="col">{ trd(l, Td::Task) }</th><th scope="col">{ trd(l, Td::TtPriority) }</th>
                        <th scope="col">{ trd(l, Td::TtPlannedMs) }</th><th scope="col">{ trd(l, Td::TtActualMs) }</th><th scope="col">{ trd(l, Td::TtLateMs) }</th></tr></thead>
                    <tbody>{ for state.fired.iter().enumerate().map(fired_row) }</tbody>
                </table></div>
            }
            <p class="note">{ trd(l, Td::TtWhyLate) }</p>
        </div>
    }
}

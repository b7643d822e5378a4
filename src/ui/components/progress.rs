//! One live progress bar per mode of the current run, and the round it is in: the same for
//! every experiment (`#progress-<mode>` in the CPU panel, `#io-progress-<mode>` in the I/O one;
//! `data-state` = waiting, starting, warming-up, running, done, cancelled, failed or skipped).

use crate::core::lang::Lang;
use crate::core::pipeline::{Experiment, Mode};
use crate::i18n::{round_text, status_text, tr, T};
use crate::modes::Phase;
use crate::ui::live::{Progress, Row};
use yew::prelude::*;

/// One bar.
#[derive(Clone, PartialEq)]
pub struct Bar {
    /// Mode id.
    pub mode: &'static str,
    /// Its name in the page's language.
    pub name: String,
    /// Where it stands.
    pub row: Row,
}

/// Props of [`ProgressList`].
#[derive(Properties, PartialEq)]
pub struct ProgressProps {
    /// Page language.
    pub lang: Lang,
    /// `cpu` or `io`: the prefix of the element ids.
    pub panel: &'static str,
    /// Each mode of the run and where it stands.
    pub bars: Vec<Bar>,
    /// Units (tasks, requests) of a mode's timed run.
    pub total: u32,
    /// The round in progress and the rounds, while the run goes; `None` once it ended.
    pub round: Option<(u32, u32)>,
}

impl ProgressProps {
    /// The bars of `progress`, named by `name`.
    pub fn bars<E: Experiment>(progress: &Progress<E>, name: impl Fn(E::Mode) -> String) -> Vec<Bar> {
        progress.rows.iter().map(|(m, row)| Bar { mode: m.wire(), name: name(*m), row: row.clone() }).collect()
    }
}

fn state_id(row: &Row) -> &'static str {
    match row {
        Row::Waiting => "waiting",
        Row::Active(Phase::Starting) => "starting",
        Row::Active(Phase::WarmingUp) => "warming-up",
        Row::Active(Phase::Running { .. }) => "running",
        Row::Finished(s, ..) => s.id(),
        Row::Skipped => "skipped",
    }
}

fn state_text(l: Lang, row: &Row) -> &'static str {
    let t = match row {
        Row::Waiting => T::StatusWaiting,
        Row::Active(Phase::Starting) => T::StatusStarting,
        Row::Active(Phase::WarmingUp) => T::StatusWarming,
        Row::Active(Phase::Running { .. }) => T::StatusRunning,
        Row::Finished(s, ..) => return status_text(l, *s),
        Row::Skipped => T::StatusSkipped,
    };
    tr(l, t)
}

/// The bars.
#[function_component(ProgressList)]
pub fn progress_list(props: &ProgressProps) -> Html {
    let l = props.lang;
    let prefix = if props.panel == "cpu" { "progress".to_string() } else { format!("{}-progress", props.panel) };
    let item = |bar: &Bar| {
        let (done, total) = bar.row.counts(props.total);
        let text = state_text(l, &bar.row);
        html! {
            <li id={format!("{prefix}-{}", bar.mode)} data-state={state_id(&bar.row)}>
                <span class="mode-label">{ &bar.name }</span>
                <progress max={total.max(1).to_string()} value={done.to_string()} aria-label={format!("{} — {text}", bar.mode)}></progress>
                <span class="count">{ format!("{done} / {total} · {text}") }</span>
            </li>
        }
    };
    html! {
        <>
            if let Some(round) = props.round.filter(|r| r.1 > 1) {
                <p class="muted" id={format!("{}-round", props.panel)} data-round={round.0.to_string()}>{ round_text(l, round) }</p>
            }
            <section class="progress" aria-live="polite">
                <h3>{ tr(l, T::Progress) }</h3>
                <ul>{ for props.bars.iter().map(item) }</ul>
            </section>
        </>
    }
}

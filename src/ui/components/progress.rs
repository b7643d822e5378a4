//! One live progress bar per mode of the current run.

use crate::core::cpu_modes::CpuMode;
use crate::core::lang::Lang;

use crate::i18n::{mode_name, status_text, tr, T};
use crate::modes::Phase;
use crate::ui::state::Row;
use yew::prelude::*;

/// Props of [`ProgressList`].
#[derive(Properties, PartialEq)]
pub struct ProgressProps {
    /// Page language.
    pub lang: Lang,
    /// Each mode of the run and where it stands.
    pub rows: Vec<(CpuMode, Row)>,
    /// Tasks in the timed run.
    pub total: u32,
}

fn state_id(row: &Row) -> &'static str {
    match row {
        Row::Waiting => "waiting",
        Row::Active(Phase::Starting) => "starting",
        Row::Active(Phase::WarmingUp) => "warming-up",
        Row::Active(Phase::Running { .. }) => "running",
        Row::Finished(s, _) => s.id(),
        Row::Skipped => "skipped",
    }
}

fn state_text(l: Lang, row: &Row) -> &'static str {
    let t = match row {
        Row::Waiting => T::StatusWaiting,
        Row::Active(Phase::Starting) => T::StatusStarting,
        Row::Active(Phase::WarmingUp) => T::StatusWarming,
        Row::Active(Phase::Running { .. }) => T::StatusRunning,
        Row::Finished(s, _) => return status_text(l, *s),
        Row::Skipped => T::StatusSkipped,
    };
    tr(l, t)
}

/// The bars.
#[function_component(ProgressList)]
pub fn progress_list(props: &ProgressProps) -> Html {
    let l = props.lang;
    let item = |(mode, row): &(CpuMode, Row)| {
        let done = match row {
            Row::Active(Phase::Running { done, .. }) | Row::Finished(_, done) => *done,
            _ => 0,
        };
        let label = format!("{} — {}", mode.id(), state_text(l, row));
        html! {
            <li id={format!("progress-{}", mode.id())} data-state={state_id(row)}>
                <span class="mode-label">{ mode_name(l, *mode) }</span>
                <progress max={props.total.max(1).to_string()} value={done.to_string()} aria-label={label}></progress>
                <span class="count">{ format!("{done} / {}", props.total) }{" · "}{ state_text(l, row) }</span>
            </li>
        }
    };
    html! {
        <section class="progress" aria-live="polite">
            <h3>{ tr(l, T::Progress) }</h3>
            <ul>{ for props.rows.iter().map(item) }</ul>
        </section>
    }
}

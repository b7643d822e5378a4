//! The I/O panel's progress bars: one per mode, requests finished of all.

use crate::core::io_modes::IoMode;
use crate::core::lang::Lang;
use crate::i18n::io::io_mode_name;
use crate::i18n::{status_text, tr, T};
use crate::ui::io_state::IoRow;
use yew::prelude::*;

/// Props of [`IoProgress`].
#[derive(Properties, PartialEq)]
pub struct IoProgressProps {
    /// Page language.
    pub lang: Lang,
    /// Each mode of the run and where it stands.
    pub rows: Vec<(IoMode, IoRow)>,
}

/// The bars (`#io-progress-<mode>`, `data-state` = waiting, running, done, cancelled, failed or
/// skipped).
#[function_component(IoProgress)]
pub fn io_progress(props: &IoProgressProps) -> Html {
    let l = props.lang;
    let item = |(m, row): &(IoMode, IoRow)| {
        let (done, total, state, text) = match row {
            IoRow::Waiting => (0, 0, "waiting", tr(l, T::StatusWaiting)),
            IoRow::Running { done, total } => (*done, *total, "running", tr(l, T::StatusRunning)),
            IoRow::Finished(s, done, total) => (*done, *total, s.id(), status_text(l, *s)),
            IoRow::Skipped => (0, 0, "skipped", tr(l, T::StatusSkipped)),
        };
        html! {
            <li id={format!("io-progress-{}", m.id())} data-state={state}>
                <span class="mode-label">{ io_mode_name(l, *m) }</span>
                <progress max={total.max(1).to_string()} value={done.to_string()} aria-label={m.id()}></progress>
                <span class="count">{ format!("{done} / {total} · {text}") }</span>
            </li>
        }
    };
    html! { <ul>{ for props.rows.iter().map(item) }</ul> }
}

//! The I/O results: per mode, what arrived, how long it took, and the model's ideal time.

use super::results::{range_cell, samples_attr, speedup_cell};
use crate::core::io_modes::IoMode;
use crate::core::io_report::IoEntry;
use crate::core::lang::Lang;
use crate::core::report::Status;
use crate::i18n::io::{io_mode_name, io_variant, over_ideal, tri, Ti};
use crate::i18n::{status_text, tr, T};
use crate::ui::format::duration;
use yew::prelude::*;

/// Props of [`IoResults`].
#[derive(Properties, PartialEq)]
pub struct IoResultsProps {
    /// Page language.
    pub lang: Lang,
    /// One row per mode run.
    pub entries: Vec<IoEntry>,
    /// Show this mode's thumbnails.
    pub on_show: Callback<IoMode>,
}

/// The table.
#[function_component(IoResults)]
pub fn io_results(props: &IoResultsProps) -> Html {
    let l = props.lang;
    if props.entries.is_empty() {
        return html! {};
    }
    let row = |e: &IoEntry| {
        let status = e.status.id();
        let t = e.mode.tutorial();
        let over = e.ideal_ms.filter(|i| *i > 0.0 && e.status == Status::Done).map(|i| format!("{:.2}", e.wall_ms / i));
        let show = {
            let (cb, m) = (props.on_show.clone(), e.mode);
            Callback::from(move |_| cb.emit(m))
        };
        html! {
            <tr data-mode={e.mode.id()} data-status={status} data-ok={e.ok.to_string()} data-failed={e.failed.to_string()}
                data-bytes={e.bytes.to_string()} data-wall-ms={e.wall_ms.to_string()}
                data-ideal-ms={e.ideal_ms.map(|i| i.to_string()).unwrap_or_default()} data-samples={samples_attr(&e.samples_ms)}>
                <th scope="row" title={io_mode_name(l, e.mode)}><button type="button" class="link mode-id" onclick={show}>{ e.mode.id() }</button>
                    if let Some(err) = &e.error { <div class="bad error">{ err }</div> }
                    if e.status != Status::Done { <div class="muted">{ status_text(l, e.status) }</div> }
                </th>
                <td class="num">{ e.k }</td>
                <td class="num wall">{ duration(e.wall_ms) }{ range_cell(&e.samples_ms) }</td>
                // Measured over ideal sits under the ideal (one column less: the table fits the
                // panel at 1280 px).
                <td class="num">{ e.ideal_ms.map(duration).unwrap_or_else(|| "—".into()) }
                    if let Some(over) = over { <small class="over-ideal">{ over_ideal(l, &over) }</small> }</td>
                <td class="num">{ format!("{} / {}", e.ok, e.failed) }</td>
                <td class="num">{ e.bytes }</td>
                <td class="num speedup">{ speedup_cell(e.speedup, e.speedup_range, e.samples_ms.len()) }</td>
                <td class="tutorial">{ io_variant(l, e.mode) }{": "}{ format!("{:.2} s · {:.2}×", t.seconds, t.speedup) }</td>
            </tr>
        }
    };
    html! {
        <div class="table-wrap" tabindex="0" role="region" aria-label={format!("{} · {}", tri(l, Ti::Title), tr(l, T::Results))}>
            <table id="io-results">
                <caption>{ tr(l, T::Results) }</caption>
                <thead><tr>
                    <th scope="col">{ tr(l, T::ColMode) }</th>
                    <th scope="col">{ "k" }</th>
                    <th scope="col">{ tr(l, T::ColWall) }</th>
                    <th scope="col">{ tri(l, Ti::ColIdeal) }</th>
                    <th scope="col">{ tri(l, Ti::ColOkFailed) }</th>
                    <th scope="col">{ tri(l, Ti::ColBytes) }</th>
                    <th scope="col">{ tr(l, T::ColSpeedup) }</th>
                    <th scope="col">{ tri(l, Ti::ColTutorial) }</th>
                </tr></thead>
                <tbody>{ for props.entries.iter().map(row) }</tbody>
            </table>
        </div>
    }
}

//! The I/O results: per mode, what arrived, how long it took, and the model's ideal time; then
//! the modes of the learner's own CPython runs brought back from home.

use super::results::{range_cell, samples_attr, speedup_cell};
use crate::core::io_modes::IoMode;
use crate::core::io_report::IoEntry;
use crate::core::lang::Lang;
use crate::core::report::Status;
use crate::core::take_home::{HomeMode, HomeResult};
use crate::i18n::io::{io_mode_name, io_variant, over_ideal, tri, Ti};
use crate::i18n::{status_text, tr, T};
use crate::ui::format::{duration, speedup};
use std::rc::Rc;
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
    /// Files of the take-home script: their modes follow the page's.
    #[prop_or_default]
    pub home: Rc<Vec<HomeResult>>,
    /// The settings of the page's figures (`n` → `3000`): a file of other settings says which.
    #[prop_or_default]
    pub page: Rc<Vec<(&'static str, String)>>,
}

/// The table.
#[function_component(IoResults)]
pub fn io_results(props: &IoResultsProps) -> Html {
    let l = props.lang;
    if props.entries.is_empty() && props.home.is_empty() {
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
    // A mode of a take-home file, beside the page's mode that stands for it in the tutorial.
    let home_row = |file: &HomeResult, m: &HomeMode| {
        let like = m.io_mode()?;
        let t = like.tutorial();
        let count: Option<usize> = file.setting("count").and_then(|c| c.parse().ok());
        let k = if like.uses_k() { file.setting("k").unwrap_or_default() } else { "1".into() };
        let over = HomeResult::over_ideal(m).map(|x| format!("{x:.2}"));
        Some(html! {
            <tr data-mode={m.mode.clone()} data-engine="home" data-home={file.title()} data-status={m.status.clone()}
                data-samples={samples_attr(&m.samples_ms)} class="engine-home">
                <th scope="row" title={m.label.clone()}><span class="mode-id">{ m.mode.clone() }</span>
                    <small class="home-python" title={file.title()}>{ format!("{} {}", tr(l, T::YourPython), file.short_title()) }</small>
                    if let Some(d) = file.differs_short(&props.page) { <small class="differs">{ format!("{} {d}", tr(l, T::OtherSettings)) }</small> }
                    if m.status != "done" { <div class="muted">{ m.note.clone().unwrap_or_else(|| m.status.clone()) }</div> }
                </th>
                <td class="num">{ k }</td>
                <td class="num wall">{ m.median_ms.map(duration).unwrap_or_default() }{ range_cell(&m.samples_ms) }</td>
                <td class="num">{ m.ideal_ms.map(duration).unwrap_or_else(|| "—".into()) }
                    if let Some(over) = over { <small class="over-ideal">{ over_ideal(l, &over) }</small> }</td>
                <td class="num">{ count.map(|c| format!("{} / {}", c.saturating_sub(m.failed.len()), m.failed.len())).unwrap_or_default() }</td>
                <td class="num">{ "—" }</td>
                <td class="num speedup">{ speedup(file.speedup(m)) }</td>
                <td class="tutorial">{ io_variant(l, like) }{": "}{ format!("{:.2} s · {:.2}×", t.seconds, t.speedup) }</td>
            </tr>
        })
    };
    let home = props.home.iter().flat_map(|f| f.modes.iter().filter_map(move |m| home_row(f, m)));
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
                <tbody>{ for props.entries.iter().map(row) }{ for home }</tbody>
            </table>
        </div>
    }
}

//! The results table, grouped by the tutorial's variants: each variant's CPython figure from the
//! tutorial (static), then this browser's Python modes and its Rust modes (live), with speedups
//! over each engine's own serial, and a line on how much slower Python is than Rust here; then,
//! in the same variant, the modes of the learner's own CPython runs brought back from home.

use crate::core::lang::Lang;
use crate::core::report::{python_over_rust, RunEntry, Status};
use crate::core::rounds::Spread;
use crate::core::take_home::HomeResult;
use crate::core::variants::{by_variant, HomeRow};
use crate::i18n::python_cpu::{failure_reason, slower_line};
use crate::i18n::{mode_name, status_text, tr, tutorial_variant, T};
use crate::ui::format::{duration, duration_range, percent, speedup};
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`ResultsTable`].
#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    /// Page language.
    pub lang: Lang,
    /// One row per mode run.
    pub entries: Vec<RunEntry>,
    /// Files of the take-home script: their modes join their variants.
    #[prop_or_default]
    pub home: Rc<Vec<HomeResult>>,
    /// The settings of the page's figures (`n` → `3000`): a file of other settings says which.
    #[prop_or_default]
    pub page: Rc<Vec<(&'static str, String)>>,
}

/// The samples as the `data-samples` attribute: a JSON list of ms.
pub fn samples_attr(samples: &[f64]) -> String {
    serde_json::to_string(samples).unwrap_or_default()
}

/// The range of a mode's rounds under its median ("812–905 ms · 3 rounds"); nothing for one.
pub fn range_cell(samples: &[f64]) -> Html {
    match Spread::of(samples).filter(|_| samples.len() > 1) {
        Some(s) => html! {
            <small class="range" data-min={s.min.to_string()} data-max={s.max.to_string()}>
                { format!("{} · ×{}", duration_range(s.min, s.max), samples.len()) }</small>
        },
        None => html! {},
    }
}

/// A speedup with its range of rounds on a line under it (the column stays narrow).
pub fn speedup_cell(x: Option<f64>, range: Option<(f64, f64)>, samples: usize) -> Html {
    match range.filter(|_| samples > 1) {
        Some((lo, hi)) => html! { <>{ speedup(x) }<small class="range">{ format!("{lo:.2}–{hi:.2}") }</small></> },
        None => html! { { speedup(x) } },
    }
}

/// Props of [`BusyWarning`].
#[derive(Properties, PartialEq)]
pub struct BusyProps {
    /// Page language.
    pub lang: Lang,
    /// Element id.
    pub id: AttrValue,
    /// Each mode's id and its rounds' samples.
    pub samples: Vec<(&'static str, Vec<f64>)>,
}

/// Says the machine is busy when any mode's rounds spread wider than `rounds::BUSY_SPREAD`.
#[function_component(BusyWarning)]
pub fn busy_warning(props: &BusyProps) -> Html {
    let wide: Vec<String> = props
        .samples
        .iter()
        .filter_map(|(m, s)| Spread::of(s).filter(|sp| s.len() > 1 && sp.busy()).map(|sp| (m, sp)))
        .map(|(m, sp)| format!("{m} {:.0} %", sp.relative() * 100.0))
        .collect();
    if wide.is_empty() {
        return html! {};
    }
    html! {
        <p class="warn busy" id={props.id.clone()} role="status" data-modes={wide.join(",")}>
            { "⚠ " }{ crate::i18n::busy_text(props.lang, &wide.join(", ")) }
        </p>
    }
}

/// The table; nothing when there are no entries.
#[function_component(ResultsTable)]
pub fn results_table(props: &ResultsProps) -> Html {
    let l = props.lang;
    if props.entries.is_empty() && props.home.is_empty() {
        return html! {};
    }
    let row = |e: &RunEntry, tutorial: Html| {
        let status = e.status.id();
        let check = match (e.status, e.checksum_match) {
            (Status::Done, Some(true)) => {
                html! { <span class="ok">{"✓ "}{ tr(l, T::Match) }</span> }
            }
            (Status::Done, Some(false)) => {
                html! { <span class="bad">{"✗ "}{ tr(l, T::Mismatch) }</span> }
            }
            (Status::Done, None) => html! { { tr(l, T::NoReference) } },
            (s, _) => html! { <span class="muted">{ status_text(l, s) }</span> },
        };
        let checksum = e.checksum.map(|c| c.to_string()).unwrap_or_default();
        html! {
            <tr data-mode={e.mode.id()} data-engine={e.engine.id()} data-status={status} data-checksum={checksum.clone()}
                data-match={e.checksum_match.map(|b| b.to_string()).unwrap_or_default()}
                data-wall-ms={e.wall_ms.to_string()} data-samples={samples_attr(&e.samples_ms)}
                class={format!("engine-{}", e.engine.id())}>
                { tutorial }
                // The id only (its description is in the mode list above, and the cell's title):
                // the table then fits the panel at 1280 px instead of wrapping each name over
                // four lines and pushing the last columns out of view.
                <th scope="row" title={mode_name(l, e.mode)}><span class="mode-id">{ e.mode.id() }</span>
                    if let Some(err) = &e.error { <div class="bad error">{ err }</div> }
                    if let Some(why) = failure_reason(l, e.mode).filter(|_| e.status == Status::Failed) {
                        <p class="reason" id={format!("reason-{}", e.mode.id())}>{ why }</p>
                    }</th>
                <td class="num">{ e.k }</td>
                <td class="num wall">{ if e.status == Status::Done { duration(e.wall_ms) } else { format!("({})", duration(e.wall_ms)) } }
                    { range_cell(&e.samples_ms) }
                    <small class="startup">{ format!("{} {}", tr(l, T::ColStartup), duration(e.startup_ms)) }</small></td>
                <td class="num speedup">{ speedup_cell(e.speedup, e.speedup_range, e.samples_ms.len()) }
                    if e.efficiency.is_some() && e.k > 1 {
                        <small class="efficiency" title={tr(l, T::ColEfficiency)}>{ format!("{} · {}", tr(l, T::ColEfficiency), percent(e.efficiency)) }</small>
                    }</td>
                <td title={checksum}>{ check }</td>
            </tr>
        }
    };
    let entries = &props.entries;
    let home_row = |h: &HomeRow, tutorial: Html| {
        let m = h.mode;
        let done = m.status == "done";
        let k = if h.as_mode.uses_k() { h.file.setting("k").unwrap_or_default() } else { "1".into() };
        // Its sum against the page's for the same n (a done run of it on the page).
        let n = h.file.settings.get("n").and_then(|n| n.as_u64());
        let page = entries.iter().find(|e| e.status == Status::Done && n == Some(u64::from(e.tasks) + 1));
        let check = match (done, m.checksum.map(|c| c.value()), page.and_then(|e| e.checksum)) {
            (true, Some(ours), Some(theirs)) if ours.to_bits() == theirs.to_bits() => {
                html! { <span class="ok">{"✓ "}{ tr(l, T::Match) }</span> }
            }
            (true, Some(_), Some(_)) => html! { <span class="bad">{"✗ "}{ tr(l, T::Mismatch) }</span> },
            (true, _, _) => html! { { tr(l, T::NoReference) } },
            (false, _, _) => {
                html! { <span class="muted">{ m.note.clone().unwrap_or_else(|| m.status.clone()) }</span> }
            }
        };
        html! {
            <tr data-mode={h.as_mode.id()} data-engine="home" data-home={h.file.title()} data-status={m.status.clone()}
                data-samples={samples_attr(&m.samples_ms)} class="engine-home">
                { tutorial }
                <th scope="row" title={m.label.clone()}><span class="mode-id">{ m.mode.clone() }</span>
                    <small class="home-python" title={h.file.title()}>{ format!("{} {}", tr(l, T::YourPython), h.file.short_title()) }</small>
                    if let Some(d) = h.file.differs_short(&props.page) { <small class="differs">{ format!("{} {d}", tr(l, T::OtherSettings)) }</small> }</th>
                <td class="num">{ k }</td>
                <td class="num wall">{ m.median_ms.map(duration).unwrap_or_default() }{ range_cell(&m.samples_ms) }</td>
                <td class="num speedup">{ speedup(h.file.speedup(m)) }</td>
                <td>{ check }</td>
            </tr>
        }
    };
    let groups = by_variant(&props.entries, &props.home);
    let group = |g: &crate::core::variants::VariantGroup| {
        let t = g.tutorial;
        let rows = (g.entries.len() + g.home.len()).to_string();
        let first = html! {
            <th scope="rowgroup" class="tutorial" rowspan={rows}>
                <span class="variant">{ tutorial_variant(l, g.first) }</span>
                <span class="figure">{ format!("{:.2} s · {:.2}×", t.seconds, t.speedup) }</span>
            </th>
        };
        let tutorial = |j: usize| {
            if j == 0 {
                first.clone()
            } else {
                html! {}
            }
        };
        html! {
            <tbody class="variant" data-variant={t.variant}>
                { for g.entries.iter().enumerate().map(|(j, e)| row(e, tutorial(j))) }
                { for g.home.iter().enumerate().map(|(j, h)| home_row(h, tutorial(g.entries.len() + j))) }
            </tbody>
        }
    };
    let ratio = python_over_rust(&props.entries);
    // A mode whose engine's baseline did not run has no speedup: say which baseline to tick.
    let no_serial =
        props.entries.iter().any(|e| e.status == Status::Done && e.speedup.is_none() && e.mode != e.mode.baseline());
    html! {
        <div class="table-wrap" tabindex="0" role="region" aria-label={format!("{} · {}", tr(l, T::CpuTitle), tr(l, T::Results))}>
            <table id="cpu-results">
                <caption>{ tr(l, T::Results) }</caption>
                <thead><tr>
                    <th scope="col">{ tr(l, T::ColTutorial) }</th>
                    <th scope="col">{ tr(l, T::ColMode) }</th>
                    <th scope="col">{ tr(l, T::ColK) }</th>
                    <th scope="col">{ tr(l, T::ColWall) }</th>
                    <th scope="col">{ tr(l, T::ColSpeedup) }</th>
                    <th scope="col">{ tr(l, T::ColChecksum) }</th>
                </tr></thead>
                { for groups.iter().map(group) }
            </table>
            if let Some(x) = ratio { <p id="cpu-python-rust" data-ratio={x.to_string()}>{ slower_line(l, x) }</p> }
            if no_serial { <p class="muted">{ tr(l, T::NoSerial) }</p> }
        </div>
    }
}

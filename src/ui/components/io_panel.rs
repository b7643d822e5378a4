//! The I/O experiment's panel: source and network settings, modes, Run / Cancel, progress,
//! results, thumbnails, per-URL failures, exports.

use super::io_results::IoResults;
use super::results::BusyWarning;
use super::share::ShareButton;
use super::thumbs::Thumbs;
use crate::core::io_modes::IoMode;
use crate::core::io_report::{IoReport, RequestError};
use crate::core::lang::Lang;
use crate::core::preset::{IoField, IoSettings, Order, Problem, Source, MAX_COUNT};
use crate::i18n::io::{io_mode_name, order_name, source_name, tri, Ti};
use crate::i18n::{problem, tr, T};
use crate::ui::charts::io::IoCharts;
use crate::ui::history::HistoryHandle;
use crate::ui::io_runner;
use crate::ui::io_state::{IoAction, IoRow, IoState};
use crate::ui::state::Run;
use crate::web::download::download;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

/// Props of [`IoPanel`].
#[derive(Properties, PartialEq)]
pub struct IoPanelProps {
    /// Page language.
    pub lang: Lang,
    /// Initial settings (URL, last run, or defaults).
    pub settings: IoSettings,
    /// Initial URL list (for the URL source).
    #[prop_or_default]
    pub urls: Vec<String>,
    /// Start at once (`run=1`).
    pub autorun: bool,
    /// The last run, from storage.
    pub restored: Option<IoReport>,
}

fn label(l: Lang, f: IoField) -> &'static str {
    let t = match f {
        IoField::Count => Ti::LabelCount,
        IoField::Latency => Ti::LabelLatency,
        IoField::Jitter => Ti::LabelJitter,
        IoField::Bandwidth => Ti::LabelBandwidth,
        IoField::Conn => Ti::LabelConn,
        IoField::Fail => Ti::LabelFail,
        IoField::Seed => Ti::LabelSeed,
        IoField::K => Ti::LabelK,
        IoField::Rounds => return crate::i18n::tr(l, crate::i18n::T::LabelRounds),
    };
    tri(l, t)
}

/// Why a request failed, as a learner reads it.
pub fn error_text(l: Lang, e: RequestError) -> String {
    match e {
        RequestError::Network => tri(l, Ti::ErrNetwork).into(),
        RequestError::Cors => tri(l, Ti::ErrCors).into(),
        RequestError::Http(s) => format!("{} {s}", tri(l, Ti::ErrHttp)),
        RequestError::NotImage => tri(l, Ti::ErrNotImage).into(),
        RequestError::Mismatch => tri(l, Ti::ErrMismatch).into(),
        RequestError::Aborted => tri(l, Ti::ErrAborted).into(),
    }
}

fn url_problems(l: Lang, urls: &[String]) -> Vec<String> {
    let mut out: Vec<String> = urls
        .iter()
        .filter(|u| !web_sys::Url::new(u).is_ok_and(|p| matches!(p.protocol().as_str(), "http:" | "https:")))
        .map(|u| format!("{}{u}", tri(l, Ti::BadUrl)))
        .collect();
    if urls.is_empty() {
        out.push(tri(l, Ti::NoUrls).into());
    }
    if urls.len() > MAX_COUNT as usize {
        out.push(tri(l, Ti::TooManyUrls).into());
    }
    out
}

/// The panel.
#[function_component(IoPanel)]
pub fn io_panel(props: &IoPanelProps) -> Html {
    let l = props.lang;
    let state = {
        let (settings, restored, urls) = (props.settings.clone(), props.restored.clone(), props.urls.join("\n"));
        use_reducer(move || IoState { urls_text: urls, ..IoState::new(&settings, restored) })
    };
    let dispatch = state.dispatcher();
    let history = use_context::<HistoryHandle>().expect("the page provides the history").dispatcher();
    let checked = state.settings();
    let problems: Vec<Problem> = checked.clone().err().unwrap_or_default();
    let url_errors = match &checked {
        Ok((_, urls)) if state.source.row().pasted_urls => url_problems(l, urls),
        _ => vec![],
    };
    let busy = state.busy();
    let can_run = !busy && checked.is_ok() && url_errors.is_empty() && !state.modes.is_empty();
    let start = {
        let (checked, dispatch, manifest) = (checked.clone(), dispatch.clone(), state.manifest.clone());
        move || {
            if let Ok((s, urls)) = checked.clone() {
                io_runner::start(s, urls, manifest.clone(), dispatch.clone(), history.clone());
            }
        }
    };
    {
        let (start, autorun, can_run) = (start.clone(), props.autorun, can_run);
        use_effect_with((), move |_| {
            if autorun && can_run {
                wasm_bindgen_futures::spawn_local(async move {
                    crate::web::env::page_settled().await;
                    start();
                });
            }
        });
    }
    let on_run = Callback::from(move |e: SubmitEvent| {
        e.prevent_default();
        start();
    });
    let field = |f: IoField| {
        let key = f.id();
        let d = dispatch.clone();
        let off = busy
            || (f.row().network && !state.source.row().network_model)
            || (f == IoField::Count && state.source.row().pasted_urls);
        let invalid = problems
            .iter()
            .any(|p| matches!(p, Problem::BadValue { key: k, .. } | Problem::Capped { key: k, .. } if k == key));
        html! {
            <div class="field">
                <label for={format!("io-{key}")}>{ label(l, f) }</label>
                <input id={format!("io-{key}")} type="text" inputmode="decimal" value={state.fields[f.index()].clone()} disabled={off}
                    aria-invalid={invalid.to_string()}
                    oninput={Callback::from(move |e: InputEvent| d.dispatch(IoAction::SetField(f, e.target_unchecked_into::<HtmlInputElement>().value())))} />
            </div>
        }
    };
    let mode_box = |m: IoMode| {
        let d = dispatch.clone();
        let id = format!("io-mode-{}", m.id());
        html! {
            <li>
                <input type="checkbox" id={id.clone()} checked={state.modes.contains(&m)} disabled={busy}
                    onchange={Callback::from(move |_| d.dispatch(IoAction::ToggleMode(m)))} />
                <label for={id}>{ io_mode_name(l, m) }</label>
            </li>
        }
    };
    let on_source = {
        let d = dispatch.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some(s) = Source::from_id(&v) {
                d.dispatch(IoAction::SetSource(s));
            }
        })
    };
    let on_order = {
        let d = dispatch.clone();
        Callback::from(move |e: Event| {
            d.dispatch(IoAction::SetOrdered(
                e.target_unchecked_into::<HtmlSelectElement>().value() == Order::Submission.id(),
            ))
        })
    };
    let on_urls = {
        let d = dispatch.clone();
        Callback::from(move |e: InputEvent| {
            d.dispatch(IoAction::SetUrls(e.target_unchecked_into::<HtmlTextAreaElement>().value()))
        })
    };
    let on_cancel = {
        let state = state.clone();
        Callback::from(move |_| {
            state.fire_cancel();
            state.dispatch(IoAction::CancelRequested);
        })
    };
    let on_show = {
        let d = dispatch.clone();
        Callback::from(move |m: IoMode| d.dispatch(IoAction::Show(m)))
    };
    let report = state.report.clone();
    let export = |kind: &'static str| {
        let report = report.clone();
        Callback::from(move |_| {
            if let Some(r) = &report {
                let (text, mime, ext) = match kind {
                    "json" => (r.to_json(), "application/json", "json"),
                    "trace" => (crate::core::trace::io_trace(r), "application/json", "trace.json"),
                    _ => (r.to_csv(), "text/csv", "csv"),
                };
                if let Err(e) = download(&format!("io-run-{}.{ext}", r.params.source.id()), mime, &text) {
                    web_sys::console::warn_1(&e.into());
                }
            }
        })
    };
    let share_query = checked.as_ref().map(|(s, _)| s).unwrap_or(&props.settings).to_query(l);
    let run_state = match state.run {
        Run::Idle => "idle",
        Run::Running(_) => "running",
        Run::Stopping => "stopping",
    };
    let progress_item = |(m, row): &(IoMode, IoRow)| {
        let (done, total, st) = match row {
            IoRow::Waiting => (0, 0, "waiting"),
            IoRow::Running { done, total } => (*done, *total, "running"),
            IoRow::Finished(s, done, total) => (*done, *total, s.id()),
            IoRow::Skipped => (0, 0, "skipped"),
        };
        html! {
            <li id={format!("io-progress-{}", m.id())} data-state={st}>
                <span class="mode-label">{ io_mode_name(l, *m) }</span>
                <progress max={total.max(1).to_string()} value={done.to_string()} aria-label={m.id()}></progress>
                <span class="count">{ format!("{done} / {total} · {}", tr(l, match st {
                    "waiting" => T::StatusWaiting,
                    "running" => T::StatusRunning,
                    "done" => T::StatusDone,
                    "cancelled" => T::StatusCancelled,
                    "failed" => T::StatusFailed,
                    _ => T::StatusSkipped,
                })) }</span>
            </li>
        }
    };
    let shown = state.shown.and_then(|m| state.tiles.iter().find(|(x, _)| *x == m).cloned());
    let entries = state.entries();
    let failures: Vec<_> = entries
        .iter()
        .find(|e| Some(e.mode) == state.shown.or(entries.first().map(|e| e.mode)))
        .map(|e| e.requests.iter().filter(|r| !r.ok).cloned().collect())
        .unwrap_or_default();
    html! {
        <section id="io" class="panel" data-run-state={run_state} data-modes={IoMode::IDS.join(",")} aria-labelledby="io-title">
            <h2 id="io-title">{ tri(l, Ti::Title) }</h2>
            <p>{ tri(l, Ti::Intro) }</p>
            <form class="controls" onsubmit={on_run}>
                <div class="field">
                    <label for="io-source">{ tri(l, Ti::LabelSource) }</label>
                    <select id="io-source" onchange={on_source} disabled={busy}>
                        { for Source::ALL.into_iter().map(|s| html! { <option value={s.id()} selected={s == state.source}>{ source_name(l, s) }</option> }) }
                    </select>
                </div>
                <div class="grid-fields">{ for IoField::ALL.into_iter().map(field) }</div>
                <div class="field">
                    <label for="io-order">{ tri(l, Ti::LabelOrder) }</label>
                    <select id="io-order" onchange={on_order} disabled={busy}>
                        { for Order::ALL.into_iter().map(|o| html! {
                            <option value={o.id()} selected={Order::of(state.ordered) == o}>{ order_name(l, o) }</option>
                        }) }
                    </select>
                </div>
                if state.source.row().pasted_urls {
                    <div class="field urls">
                        <label for="io-urls">{ tri(l, Ti::LabelUrls) }</label>
                        <textarea id="io-urls" rows="5" value={state.urls_text.clone()} oninput={on_urls} disabled={busy}
                            placeholder="https://example.org/picture.png" />
                        <small>{ tri(l, Ti::UrlsHint) }</small>
                    </div>
                }
                <fieldset class="modes">
                    <legend>{ tr(l, T::Modes) }</legend>
                    <ul>{ for IoMode::ALL.into_iter().map(mode_box) }</ul>
                </fieldset>
                if !problems.is_empty() || !url_errors.is_empty() {
                    <ul class="field-errors" role="alert">
                        { for problems.iter().map(|p| html! { <li>{ problem(l, p, false) }</li> }) }
                        { for url_errors.iter().map(|e| html! { <li>{ e }</li> }) }
                    </ul>
                }
                if state.modes.is_empty() { <p class="field-errors" role="alert">{ tr(l, T::NoModesChosen) }</p> }
                <div class="actions">
                    <button type="submit" id="io-run" disabled={!can_run}>{ tr(l, T::Run) }</button>
                    <button type="button" id="io-cancel" class="secondary" disabled={!matches!(state.run, Run::Running(_))} onclick={on_cancel}>{ tr(l, T::Cancel) }</button>
                    <ShareButton lang={l} id="io" query={share_query} title={tri(l, Ti::Title)} height={1300} />
                </div>
            </form>
            if state.round.1 > 1 && state.busy() {
                <p class="muted" id="io-round" data-round={state.round.0.to_string()}>{ crate::i18n::round_text(l, state.round) }</p>
            }
            if !state.rows.is_empty() {
                <section class="progress" aria-live="polite">
                    <h3>{ tr(l, T::Progress) }</h3>
                    <ul>{ for state.rows.iter().map(progress_item) }</ul>
                </section>
            }
            if state.restored { <p class="muted" id="io-restored">{ tr(l, T::Restored) }</p> }
            <div class="results-wrap"><IoResults lang={l} entries={entries.clone()} on_show={on_show} /></div>
            <BusyWarning lang={l} id="io-busy" samples={entries.iter().filter(|e| e.status == crate::core::report::Status::Done).map(|e| (e.mode.id(), e.samples_ms.clone())).collect::<Vec<_>>()} />
            <IoCharts lang={l} entries={entries.clone()} />
            if entries.iter().any(|e| e.mode == IoMode::BlockingAsync) { <p class="why">{ tri(l, Ti::BlockingNote) }</p> }
            if entries.iter().any(|e| e.mode == IoMode::PyBlocking) { <p class="why">{ tri(l, Ti::PyBlockingNote) }</p> }
            if !failures.is_empty() {
                <ul id="io-failures" class="failures">
                    { for failures.iter().map(|r| html! {
                        <li data-index={r.index.to_string()} data-error={r.error.map(|e| e.to_string()).unwrap_or_default()}>
                            <code>{ &r.url }</code>{": "}{ r.error.map(|e| error_text(l, e)).unwrap_or_default() }
                        </li>
                    }) }
                </ul>
            }
            if let Some((mode, tiles)) = shown {
                <div class="thumbs-wrap">
                    <p class="muted">{ tri(l, Ti::Showing) }<b>{ mode.id() }</b>{" — "}{ tri(l, Ti::ThumbsHelp) }</p>
                    <Thumbs lang={l} mode={mode.id()} tiles={tiles} />
                </div>
            }
            if state.report.is_some() && !busy {
                <div class="actions">
                    <button type="button" id="io-json" class="secondary" onclick={export("json")}>{ tr(l, T::DownloadJson) }</button>
                    <button type="button" id="io-csv" class="secondary" onclick={export("csv")}>{ tr(l, T::DownloadCsv) }</button>
                    <button type="button" id="io-trace" class="secondary" onclick={export("trace")}>{ tr(l, T::DownloadTrace) }</button>
                </div>
            }
        </section>
    }
}

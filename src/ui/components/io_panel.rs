//! The I/O experiment's panel: source and network settings, modes, Run / Cancel, progress,
//! results, thumbnails, per-URL failures, exports.

use super::exports::{Export, Exports};
use super::io_details::IoDetails;
use super::io_form::{url_problems, IoForm};
use super::io_results::IoResults;
use super::progress::{ProgressList, ProgressProps};
use super::results::BusyWarning;
use super::share::ShareButton;
use super::take_home::{use_imported, TakeHome};
use crate::core::experiment::ExperimentId;
use crate::core::io_modes::IoMode;
use crate::core::io_report::IoReport;
use crate::core::lang::Lang;
use crate::core::preset::{IoSettings, Problem};
use crate::core::take_home::io_handover;
use crate::i18n::io::{io_mode_name, tri, Ti};
use crate::i18n::{problem, tr, T};
use crate::ui::charts::io::IoCharts;
use crate::ui::history::HistoryHandle;
use crate::ui::io_runner;
use crate::ui::io_state::{IoAction, IoState};
use crate::ui::live::LiveAction;
use std::rc::Rc;
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

/// The panel.
#[function_component(IoPanel)]
pub fn io_panel(props: &IoPanelProps) -> Html {
    let l = props.lang;
    let (home, on_home) = use_imported(ExperimentId::Io);
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
    let busy = state.live.busy();
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
    let on_cancel = {
        let state = state.clone();
        Callback::from(move |_| {
            state.live.fire_cancel();
            state.dispatch(IoAction::Live(LiveAction::CancelRequested));
        })
    };
    let on_show = {
        let d = dispatch.clone();
        Callback::from(move |m: IoMode| d.dispatch(IoAction::Show(m)))
    };
    let export = {
        let report = state.live.report().cloned();
        Callback::from(move |kind: Export| {
            let r = report.as_ref()?;
            let (text, mime, ext) = match kind {
                Export::Json => (r.to_json(), "application/json", "json"),
                Export::Trace => (crate::core::trace::io_trace(r), "application/json", "trace.json"),
                Export::Csv => (r.to_csv(), "text/csv", "csv"),
            };
            Some((format!("io-run-{}.{ext}", r.params.source.id()), mime, text))
        })
    };
    let share_query = checked.as_ref().map(|(s, _)| s).unwrap_or(&props.settings).to_query(l);
    // The take-home script's defaults are the panel's settings.
    let handover = io_handover(checked.as_ref().map(|(s, _)| s).unwrap_or(&props.settings));
    // The settings of the figures on show (the last run's, else the form's), which a file
    // brought back from other settings is compared with.
    let page_settings = Rc::new(
        state.live.report().map(|r| io_handover(&r.settings().0).compare).unwrap_or_else(|| handover.compare.clone()),
    );
    let run_state = state.live.id();
    let shown = state.shown.and_then(|m| state.tiles.iter().find(|(x, _)| *x == m).cloned());
    let entries = state.live.entries();
    html! {
        <section id="io" class="panel" data-run-state={run_state} data-modes={IoMode::IDS.join(",")} aria-labelledby="io-title">
            <h2 id="io-title">{ tri(l, Ti::Title) }</h2>
            <p>{ tri(l, Ti::Intro) }</p>
            <form class="controls" onsubmit={on_run}>
                <IoForm lang={l} fields={state.fields.clone()} source={state.source} ordered={state.ordered}
                    urls_text={state.urls_text.clone()} modes={state.modes.clone()} busy={busy}
                    dispatch={dispatch.clone()} problems={problems.clone()} />
                if !problems.is_empty() || !url_errors.is_empty() {
                    <ul class="field-errors" role="alert">
                        { for problems.iter().map(|p| html! { <li>{ problem(l, p, false) }</li> }) }
                        { for url_errors.iter().map(|e| html! { <li>{ e }</li> }) }
                    </ul>
                }
                if state.modes.is_empty() { <p class="field-errors" role="alert">{ tr(l, T::NoModesChosen) }</p> }
                <div class="actions">
                    <button type="submit" id="io-run" disabled={!can_run}>{ tr(l, T::Run) }</button>
                    <button type="button" id="io-cancel" class="secondary" disabled={!state.live.cancellable()} onclick={on_cancel}>{ tr(l, T::Cancel) }</button>
                    <ShareButton lang={l} id="io" query={share_query} title={tri(l, Ti::Title)} height={1300} />
                </div>
            </form>
            if let Some(p) = state.live.progress().filter(|p| !p.rows.is_empty()) {
                <ProgressList lang={l} panel="io" bars={ProgressProps::bars(p, |m| io_mode_name(l, m).to_string())} total={p.total}
                    round={busy.then_some(p.round)} />
            }
            if state.live.restored() { <p class="muted" id="io-restored">{ tr(l, T::Restored) }</p> }
            <div class="results-wrap"><IoResults lang={l} entries={entries.clone()} on_show={on_show} home={home.clone()} page={page_settings.clone()} /></div>
            <BusyWarning lang={l} id="io-busy" samples={entries.iter().filter(|e| e.status == crate::core::report::Status::Done).map(|e| (e.mode.id(), e.samples_ms.clone())).collect::<Vec<_>>()} />
            <IoCharts lang={l} entries={entries.clone()} home={home.clone()} page={page_settings} />
            if entries.iter().any(|e| e.mode == IoMode::BlockingAsync) { <p class="why">{ tri(l, Ti::BlockingNote) }</p> }
            if entries.iter().any(|e| e.mode == IoMode::PyBlocking) { <p class="why">{ tri(l, Ti::PyBlockingNote) }</p> }
            <IoDetails lang={l} entries={entries.clone()} shown={state.shown} tiles={shown} />
            if state.live.report().is_some() && !busy {
                <Exports lang={l} panel="io" kinds={vec![Export::Json, Export::Csv, Export::Trace]} file={export} />
            }
            <TakeHome lang={l} experiment={ExperimentId::Io} {handover} imported={home.clone()} on_change={on_home} />
        </section>
    }
}

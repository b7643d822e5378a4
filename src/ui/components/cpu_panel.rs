//! The CPU experiment's panel: inputs, Run / Cancel, progress, results, exports.

use super::cpu_export::export_file;
use super::cpu_fields::CpuFields;
use super::cpu_modes::CpuModes;
use super::env_line::EnvLine;
use super::exports::{Export, Exports};
use super::free_threaded::FreeThreadedTable;
use super::progress::{ProgressList, ProgressProps};
use super::results::{BusyWarning, ResultsTable};
use super::share::ShareButton;
use super::sweep::SweepPanel;
use super::take_home::{use_imported, TakeHome};
use crate::core::cpu_modes::CpuMode;
use crate::core::experiment::ExperimentId;
use crate::core::lang::Lang;
use crate::core::preset::CpuSettings;
use crate::core::report::{CpuReport, Status};
use crate::core::take_home;
use crate::i18n::{mode_name, problem, tr, T};
use crate::ui::charts::cpu::{shared, CpuCharts};
use crate::ui::history::HistoryHandle;
use crate::ui::live::LiveAction;
use crate::ui::runner::{self, resolved_chunk};
use crate::ui::state::{Action, CpuState};
use crate::ui::sweep::{SweepAction, SweepState};
use crate::web::env;
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`CpuPanel`].
#[derive(Properties, PartialEq)]
pub struct CpuPanelProps {
    /// Page language.
    pub lang: Lang,
    /// Initial settings (from the URL or the defaults).
    pub settings: CpuSettings,
    /// Start a run as soon as the panel appears (`run=1`).
    pub autorun: bool,
    /// The last run from storage, shown until a new run replaces it.
    pub restored: Option<CpuReport>,
}

/// The panel.
#[function_component(CpuPanel)]
pub fn cpu_panel(props: &CpuPanelProps) -> Html {
    let l = props.lang;
    let (home, on_home) = use_imported(ExperimentId::Cpu);
    let state = {
        let (settings, restored) = (props.settings.clone(), props.restored.clone());
        use_reducer(move || CpuState::new(&settings, env::host(), restored))
    };
    let dispatch = state.dispatcher();
    let history = use_context::<HistoryHandle>().expect("the page provides the history").dispatcher();
    let sweep = use_reducer(SweepState::restore);
    {
        let (state, dispatch, autorun, history) = (state.clone(), dispatch.clone(), props.autorun, history.clone());
        use_effect_with((), move |_| {
            if autorun {
                if let Ok(s) = state.settings() {
                    if !s.modes.is_empty() {
                        wasm_bindgen_futures::spawn_local(async move {
                            crate::web::env::page_settled().await;
                            runner::start(s, dispatch, history);
                        });
                    }
                }
            }
        });
    }

    let checked = state.settings();
    let problems = checked.clone().err().unwrap_or_default();
    let busy = state.live.busy() || sweep.busy();
    let can_run = !busy && checked.as_ref().is_ok_and(|s| !s.modes.is_empty());
    let on_run = {
        let (checked, dispatch, history) = (checked.clone(), dispatch.clone(), history.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Ok(s) = checked.clone() {
                if !s.modes.is_empty() {
                    runner::start(s, dispatch.clone(), history.clone());
                }
            }
        })
    };
    let on_cancel = {
        let (state, sweep) = (state.clone(), sweep.clone());
        Callback::from(move |_| {
            state.live.fire_cancel();
            sweep.fire_cancel();
            state.dispatch(Action::Live(LiveAction::CancelRequested));
            sweep.dispatch(SweepAction::CancelRequested);
        })
    };
    let auto_hint = match &checked {
        Ok(s) => format!("{} (auto = {})", tr(l, T::ChunkHint), resolved_chunk(s)),
        Err(_) => tr(l, T::ChunkHint).to_string(),
    };
    // The share link reproduces what is in the panel now (or the panel's starting point while a
    // field is invalid).
    let share_query = checked.as_ref().unwrap_or(&props.settings).to_query(l);
    let run_state = state.live.id();
    let entries = state.live.entries();
    // The trace needs the timelines, which only this page's runs have (storage keeps no spans).
    let export = {
        let (report, outcomes) = (state.live.report().cloned(), state.live.outcomes().to_vec());
        Callback::from(move |kind: Export| report.as_ref().map(|r| export_file(r, &outcomes, kind)))
    };
    let kinds = if state.live.outcomes().is_empty() { vec![Export::Json, Export::Csv] } else { Export::ALL.to_vec() };
    // The take-home script's defaults are the panel's settings; the page's sum for its n checks
    // a file brought back.
    let page_sum = state.live.report().and_then(|r| {
        r.runs.iter().filter(|e| e.status == Status::Done).find_map(|e| e.checksum).map(|c| (u64::from(r.params.n), c))
    });
    let handover = {
        let s = checked.as_ref().unwrap_or(&props.settings);
        let sum = page_sum.filter(|(n, _)| *n == u64::from(s.n)).map(|(_, c)| c);
        take_home::cpu_handover(s.n, s.k, resolved_chunk(s), s.rounds, sum)
    };
    // The settings of the figures on show (the last run's, else the form's): a file brought back
    // from other settings says which wherever its figures stand beside these.
    let page_settings = Rc::new(
        state
            .live
            .report()
            .map(|r| take_home::cpu_handover(r.params.n, r.params.k, r.params.chunk, r.params.rounds, None).compare)
            .unwrap_or_else(|| handover.compare.clone()),
    );
    html! {
        <section id="cpu" class="panel" data-run-state={run_state} data-modes={CpuMode::IDS.join(",")} aria-labelledby="cpu-title">
            <h2 id="cpu-title">{ tr(l, T::CpuTitle) }</h2>
            <p>{ tr(l, T::CpuIntro) }</p>
            <EnvLine lang={l} pool_threads={crate::web::pool::current_threads()} />
            <form class="controls" onsubmit={on_run}>
                <CpuFields lang={l} n={state.n_text.clone()} k={state.k_text.clone()} chunk={state.chunk_text.clone()}
                    rounds={state.rounds_text.clone()} switch={state.switch_text.clone()} max_k={state.host.max_k()} {auto_hint} problems={problems.clone()} {busy}
                    dispatch={dispatch.clone()} />
                <CpuModes lang={l} modes={state.modes.clone()} isolated={state.host.isolated} {busy} dispatch={dispatch.clone()} />
                if !problems.is_empty() {
                    <ul class="field-errors" role="alert">
                        { for problems.iter().map(|p| html! { <li>{ problem(l, p, false) }</li> }) }
                    </ul>
                }
                if problems.is_empty() && state.modes.is_empty() {
                    <p class="field-errors" role="alert">{ tr(l, T::NoModesChosen) }</p>
                }
                <p class="hint">{ tr(l, T::WarmupNote) }</p>
                <div class="actions">
                    <button type="submit" id="cpu-run" disabled={!can_run}>{ tr(l, T::Run) }</button>
                    <button type="button" id="cpu-cancel" class="secondary" disabled={!state.live.cancellable() && !sweep.running()}
                        onclick={on_cancel}>{ tr(l, T::Cancel) }</button>
                    <ShareButton lang={l} id="cpu" query={share_query} title={tr(l, T::CpuTitle)} height={1150} />
                </div>
            </form>
            if let Some(p) = state.live.progress().filter(|p| !p.rows.is_empty()) {
                <ProgressList lang={l} panel="cpu" bars={ProgressProps::bars(p, |m| mode_name(l, m).to_string())} total={p.total}
                    round={state.live.busy().then_some(p.round)} />
            }
            if state.live.restored() { <p class="muted" id="cpu-restored">{ tr(l, T::Restored) }</p> }
            <div class="results-wrap"><ResultsTable lang={l} entries={entries.clone()} home={home.clone()} page={page_settings.clone()} /></div>
            <BusyWarning lang={l} id="cpu-busy" samples={entries.iter().filter(|e| e.status == Status::Done).map(|e| (e.mode.id(), e.samples_ms.clone())).collect::<Vec<_>>()} />
            <CpuCharts lang={l} entries={entries.clone()} outcomes={shared(state.live.outcomes())} restored={state.live.restored()} home={home.clone()} page={page_settings} />
            if state.live.report().is_some() && !busy {
                <Exports lang={l} panel="cpu" {kinds} file={export} />
            }
            <SweepPanel lang={l} sweep={sweep.clone()} settings={checked.clone().ok()} host={state.host} blocked={state.live.busy()} />
            <TakeHome lang={l} experiment={ExperimentId::Cpu} {handover} imported={home.clone()} on_change={on_home} {page_sum} />
            <p class="why">{ tr(l, T::WhyDifferent) }</p>
            <FreeThreadedTable lang={l} {entries} />
        </section>
    }
}

//! The CPU experiment's panel: inputs, Run / Cancel, progress, results, exports.

use super::env_line::EnvLine;
use super::free_threaded::FreeThreadedTable;
use super::progress::ProgressList;
use super::py_engine::EngineLine;
use super::results::{BusyWarning, ResultsTable};
use super::share::ShareButton;
use super::sweep::SweepPanel;
use crate::core::cpu_modes::CpuMode;
use crate::core::engine::Engine;
use crate::core::lang::Lang;
use crate::core::preset::{CpuSettings, Problem};
use crate::core::report::{CpuReport, Status};
use crate::i18n::python_cpu::group;
use crate::i18n::{mode_name, problem, round_text, tr, T};
use crate::ui::charts::cpu::{shared, CpuCharts};
use crate::ui::history::HistoryHandle;
use crate::ui::runner::{self, resolved_chunk};
use crate::ui::state::{Action, CpuState, Run};
use crate::ui::sweep::{SweepAction, SweepState};
use crate::web::{download::download, env};
use web_sys::HtmlInputElement;
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

fn text_input(dispatch: UseReducerDispatcher<CpuState>, make: fn(String) -> Action) -> Callback<InputEvent> {
    Callback::from(move |e: InputEvent| {
        let input: HtmlInputElement = e.target_unchecked_into();
        dispatch.dispatch(make(input.value()));
    })
}

fn field_has(problems: &[Problem], key: &str) -> bool {
    problems.iter().any(|p| matches!(p, Problem::BadValue { key: k, .. } if k == key))
}

/// The panel.
#[function_component(CpuPanel)]
pub fn cpu_panel(props: &CpuPanelProps) -> Html {
    let l = props.lang;
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
    let busy = state.busy() || sweep.busy();
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
            state.fire_cancel();
            sweep.fire_cancel();
            state.dispatch(Action::CancelRequested);
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
    let run_state = match state.run {
        Run::Idle => "idle",
        Run::Running(_) => "running",
        Run::Stopping => "stopping",
    };
    let mode_box = |m: CpuMode| {
        let blocked = m.needs_shared_memory() && !state.host.isolated;
        let d = dispatch.clone();
        let id = format!("cpu-mode-{}", m.id());
        html! {
            <li class={classes!(blocked.then_some("blocked"))}>
                <input type="checkbox" id={id.clone()} checked={state.modes.contains(&m)} disabled={blocked || busy}
                    aria-describedby={blocked.then(|| format!("{id}-why"))}
                    onchange={Callback::from(move |_| d.dispatch(Action::ToggleMode(m)))} />
                <label for={id.clone()}>{ mode_name(l, m) }</label>
                if m == CpuMode::MainThread { <span class="warn">{" ⚠ "}{ tr(l, T::FreezeWarning) }</span> }
                if blocked { <p class="reason" id={format!("{id}-why")}>{ tr(l, T::NeedsIsolation) }</p> }
            </li>
        }
    };
    let report = state.report.clone();
    let export = |kind: &'static str| {
        let report = report.clone();
        Callback::from(move |_| {
            if let Some(r) = &report {
                let stamp = js_sys::Date::new(&r.started_at.into()).to_iso_string().as_string().unwrap_or_default();
                let stamp: String = stamp.chars().filter(|c| c.is_ascii_alphanumeric()).take(15).collect();
                let (text, mime) =
                    if kind == "json" { (r.to_json(), "application/json") } else { (r.to_csv(), "text/csv") };
                if let Err(e) = download(&format!("cpu-run-n{}-{stamp}.{kind}", r.params.n), mime, &text) {
                    web_sys::console::warn_1(&e.into());
                }
            }
        })
    };
    // The trace needs the timelines, which only this page's runs have (storage keeps no spans).
    let on_trace = {
        let outcomes = state.outcomes.clone();
        let report = state.report.clone();
        Callback::from(move |_| {
            let list: Vec<&crate::core::report::ModeOutcome> = outcomes.iter().map(|o| &**o).collect();
            let n = report.as_ref().map_or(0, |r| r.params.n);
            if let Err(e) =
                download(&format!("cpu-run-n{n}.trace.json"), "application/json", &crate::core::trace::cpu_trace(&list))
            {
                web_sys::console::warn_1(&e.into());
            }
        })
    };
    html! {
        <section id="cpu" class="panel" data-run-state={run_state} data-modes={CpuMode::IDS.join(",")} aria-labelledby="cpu-title">
            <h2 id="cpu-title">{ tr(l, T::CpuTitle) }</h2>
            <p>{ tr(l, T::CpuIntro) }</p>
            <EnvLine lang={l} pool_threads={crate::web::pool::current_threads()} />
            <form class="controls" onsubmit={on_run}>
                <div class="field">
                    <label for="cpu-n">{ tr(l, T::LabelN) }</label>
                    <input id="cpu-n" type="text" inputmode="numeric" value={state.n_text.clone()} disabled={busy}
                        aria-invalid={field_has(&problems, "n").to_string()} oninput={text_input(dispatch.clone(), Action::SetN)} />
                    <button type="button" id="cpu-scale" class="secondary" disabled={busy}
                        onclick={let d = dispatch.clone(); Callback::from(move |_| d.dispatch(Action::TutorialScale))}>
                        { tr(l, T::TutorialScale) }</button>
                </div>
                <div class="field">
                    <label for="cpu-k">{ tr(l, T::LabelK) }</label>
                    <input id="cpu-k" type="text" inputmode="numeric" value={state.k_text.clone()} disabled={busy}
                        aria-invalid={field_has(&problems, "k").to_string()} oninput={text_input(dispatch.clone(), Action::SetK)} />
                    <small>{ format!("1 … {}", state.host.max_k()) }</small>
                </div>
                <div class="field">
                    <label for="cpu-chunk">{ tr(l, T::LabelChunk) }</label>
                    <input id="cpu-chunk" type="text" value={state.chunk_text.clone()} placeholder="auto" disabled={busy}
                        aria-invalid={field_has(&problems, "chunk").to_string()} oninput={text_input(dispatch.clone(), Action::SetChunk)} />
                    <small id="cpu-chunk-hint">{ auto_hint }</small>
                </div>
                <div class="field">
                    <label for="cpu-rounds">{ tr(l, T::LabelRounds) }</label>
                    <input id="cpu-rounds" type="text" inputmode="numeric" value={state.rounds_text.clone()} disabled={busy}
                        aria-invalid={field_has(&problems, "rounds").to_string()} oninput={text_input(dispatch.clone(), Action::SetRounds)} />
                    <small>{ "1 … 10" }</small>
                </div>
                <fieldset class="modes">
                    <legend>{ tr(l, T::Modes) }</legend>
                    { for Engine::ALL.into_iter().map(|e| html! {
                        <fieldset class={classes!("engine-group", format!("engine-{}", e.id()))} id={format!("cpu-engine-{}", e.id())}>
                            <legend>{ group(l, e) }</legend>
                            <ul>{ for CpuMode::ALL.into_iter().filter(|m| m.engine() == e).map(mode_box) }</ul>
                            if e == Engine::Python {
                                // Not while a run is timing something: loading would take cores from it.
                                <EngineLine lang={l} wanted={!busy && state.modes.iter().any(|m| m.engine() == Engine::Python)} />
                            }
                        </fieldset>
                    }) }
                </fieldset>
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
                    <button type="button" id="cpu-cancel" class="secondary" disabled={!matches!(state.run, Run::Running(_)) && !sweep.running()}
                        onclick={on_cancel}>{ tr(l, T::Cancel) }</button>
                    <ShareButton lang={l} id="cpu" query={share_query} title={tr(l, T::CpuTitle)} height={1150} />
                </div>
            </form>
            if !state.rows.is_empty() {
                if state.round.1 > 1 && state.busy() {
                    <p class="muted" id="cpu-round" data-round={state.round.0.to_string()}>{ round_text(l, state.round) }</p>
                }
                <ProgressList lang={l} rows={state.rows.clone()} total={state.run_total} />
            }
            if state.restored { <p class="muted" id="cpu-restored">{ tr(l, T::Restored) }</p> }
            <div class="results-wrap"><ResultsTable lang={l} entries={state.entries()} /></div>
            <BusyWarning lang={l} id="cpu-busy" samples={state.entries().iter().filter(|e| e.status == Status::Done).map(|e| (e.mode.id(), e.samples_ms.clone())).collect::<Vec<_>>()} />
            <CpuCharts lang={l} entries={state.entries()} outcomes={shared(&state.outcomes)} restored={state.restored} />
            if state.report.is_some() && !busy {
                <div class="actions">
                    <button type="button" id="cpu-json" class="secondary" onclick={export("json")}>{ tr(l, T::DownloadJson) }</button>
                    <button type="button" id="cpu-csv" class="secondary" onclick={export("csv")}>{ tr(l, T::DownloadCsv) }</button>
                    if !state.outcomes.is_empty() {
                        <button type="button" id="cpu-trace" class="secondary" onclick={on_trace}>{ tr(l, T::DownloadTrace) }</button>
                    }
                </div>
            }
            <SweepPanel lang={l} sweep={sweep.clone()} settings={checked.clone().ok()} host={state.host} blocked={state.busy()} />
            <p class="why">{ tr(l, T::WhyDifferent) }</p>
            <FreeThreadedTable lang={l} entries={state.entries()} />
        </section>
    }
}

//! The "Sweep k" part of the CPU panel: its button, Stop, progress, and the speedup-against-k
//! chart of the current or last sweep.

use crate::core::lang::Lang;
use crate::core::preset::{CpuSettings, Host};
use crate::i18n::charts::{sweep_step, trc, Tc};
use crate::i18n::{tr, T};
use crate::modes::Phase;
use crate::ui::charts::scaling::ScalingChart;
use crate::ui::charts::Shared;
use crate::ui::sweep::{self, SweepAction, SweepRun, SweepState};
use yew::prelude::*;

/// Props of [`SweepPanel`].
#[derive(Properties, PartialEq)]
pub struct SweepPanelProps {
    /// Page language.
    pub lang: Lang,
    /// The sweep's state (held by the CPU panel, whose Cancel stops a sweep too).
    pub sweep: UseReducerHandle<SweepState>,
    /// The panel's checked inputs (n and chunk are used); `None` while they have problems.
    pub settings: Option<CpuSettings>,
    /// The browser.
    pub host: Host,
    /// The panel is running modes: no sweep now.
    pub blocked: bool,
}

fn phase_text(l: Lang, p: &Option<Phase>) -> String {
    match p {
        None | Some(Phase::Starting) => tr(l, T::StatusStarting).into(),
        Some(Phase::WarmingUp) => tr(l, T::StatusWarming).into(),
        Some(Phase::Running { done, total }) => format!("{} {done} / {total}", tr(l, T::StatusRunning)),
    }
}

/// The sweep section.
#[function_component(SweepPanel)]
pub fn sweep_panel(props: &SweepPanelProps) -> Html {
    let l = props.lang;
    let s = &*props.sweep;
    let state = match s.run {
        SweepRun::Idle => "idle",
        SweepRun::Running { .. } => "running",
        SweepRun::Stopping => "stopping",
    };
    let can_sweep = !props.blocked && !s.busy() && props.settings.is_some();
    let on_sweep = {
        let (settings, host, dispatch) = (props.settings.clone(), props.host, props.sweep.dispatcher());
        Callback::from(move |_| {
            if let Some(c) = &settings {
                sweep::start(c.n, c.chunk, c.rounds, c.switch_ms, host, dispatch.clone());
            }
        })
    };
    let on_stop = {
        let sweep = props.sweep.clone();
        Callback::from(move |_| {
            sweep.fire_cancel();
            sweep.dispatch(SweepAction::CancelRequested);
        })
    };
    let progress = match &s.run {
        SweepRun::Running { step, total, current, phase, .. } => Some(html! {
            <div class="sweep-progress" aria-live="polite">
                <progress id="cpu-sweep-progress" max={total.to_string()} value={step.to_string()}></progress>
                <span>{ sweep_step(l, step + 1, *total, current.mode.id(), current.k) }{ " · " }{ phase_text(l, phase) }</span>
            </div>
        }),
        _ => None,
    };
    let stopped = !s.busy() && s.report.as_ref().is_some_and(|r| !r.complete);
    html! {
        <section class="sweep" id="cpu-sweep" data-sweep-state={state} aria-labelledby="cpu-sweep-title">
            <h3 id="cpu-sweep-title">{ trc(l, Tc::SweepTitle) }</h3>
            <p>{ trc(l, Tc::SweepIntro) }</p>
            if !props.host.isolated { <p class="reason" id="cpu-sweep-why">{ trc(l, Tc::SweepOnlyWorkers) }</p> }
            <div class="actions">
                <button type="button" id="cpu-sweep-run" disabled={!can_sweep} onclick={on_sweep}>
                    { format!("{} = 1 … {}", trc(l, Tc::SweepRun), props.host.max_k()) }</button>
                <button type="button" id="cpu-sweep-cancel" class="secondary" disabled={!s.running()} onclick={on_stop}>
                    { trc(l, Tc::SweepCancel) }</button>
            </div>
            if props.settings.is_none() && !s.busy() { <p class="muted">{ trc(l, Tc::SweepNeedsSettings) }</p> }
            { for progress }
            if s.restored { <p class="muted" id="cpu-sweep-restored">{ trc(l, Tc::SweepRestored) }</p> }
            if stopped { <p class="muted" id="cpu-sweep-stopped">{ trc(l, Tc::SweepCancelled) }</p> }
            if let Some(report) = &s.report { <ScalingChart lang={l} report={Shared(report.clone())} /> }
        </section>
    }
}

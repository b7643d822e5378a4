//! The CPU panel's mode list: one group per engine (Rust, then Python with the engine's loading
//! line), each mode a checkbox; the shared-memory modes are off, with the reason, on a page that
//! is not cross-origin isolated.

use super::py_engine::EngineLine;
use crate::core::cpu_modes::CpuMode;
use crate::core::engine::Engine;
use crate::core::lang::Lang;
use crate::i18n::python_cpu::group;
use crate::i18n::{mode_name, tr, T};
use crate::ui::state::{Action, CpuState};
use yew::prelude::*;

/// Props of [`CpuModes`].
#[derive(Properties, PartialEq)]
pub struct CpuModesProps {
    /// Page language.
    pub lang: Lang,
    /// The modes ticked.
    pub modes: Vec<CpuMode>,
    /// The page is cross-origin isolated (the shared-memory modes can run).
    pub isolated: bool,
    /// A run or sweep is going on: nothing can be changed.
    pub busy: bool,
    /// The panel's reducer.
    pub dispatch: UseReducerDispatcher<CpuState>,
}

/// The groups.
#[function_component(CpuModes)]
pub fn cpu_modes(props: &CpuModesProps) -> Html {
    let (l, busy, dispatch) = (props.lang, props.busy, &props.dispatch);
    let mode_box = |m: CpuMode| {
        let blocked = m.needs_shared_memory() && !props.isolated;
        let d = dispatch.clone();
        let id = format!("cpu-mode-{}", m.id());
        html! {
            <li class={classes!(blocked.then_some("blocked"))}>
                <input type="checkbox" id={id.clone()} checked={props.modes.contains(&m)} disabled={blocked || busy}
                    aria-describedby={blocked.then(|| format!("{id}-why"))}
                    onchange={Callback::from(move |_| d.dispatch(Action::ToggleMode(m)))} />
                <label for={id.clone()}>{ mode_name(l, m) }</label>
                if m == CpuMode::MainThread { <span class="warn">{" ⚠ "}{ tr(l, T::FreezeWarning) }</span> }
                if blocked { <p class="reason" id={format!("{id}-why")}>{ tr(l, T::NeedsIsolation) }</p> }
            </li>
        }
    };
    html! {
    <fieldset class="modes">
        <legend>{ tr(l, T::Modes) }</legend>
        { for Engine::ALL.into_iter().map(|e| html! {
            <fieldset class={classes!("engine-group", format!("engine-{}", e.id()))} id={format!("cpu-engine-{}", e.id())}>
                <legend>{ group(l, e) }</legend>
                <ul>{ for CpuMode::ALL.into_iter().filter(|m| m.engine() == e).map(mode_box) }</ul>
                if e == Engine::Python {
                    // Not while a run is timing something: loading would take cores from it.
                    <EngineLine lang={l} wanted={!busy && props.modes.iter().any(|m| m.engine() == Engine::Python)} />
                }
            </fieldset>
        }) }
    </fieldset>
    }
}

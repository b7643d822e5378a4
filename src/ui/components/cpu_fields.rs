//! The CPU panel's number fields: n (with the tutorial-scale button), k, `global-lock`'s switch
//! interval, the chunk size and the rounds. What is typed goes to the reducer as text; the panel checks it.

use crate::core::lang::Lang;
use crate::core::preset::Problem;
use crate::i18n::{tr, T};
use crate::ui::state::{Action, CpuState};
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Props of [`CpuFields`].
#[derive(Properties, PartialEq)]
pub struct CpuFieldsProps {
    /// Page language.
    pub lang: Lang,
    /// What is typed into n, k, chunk and rounds.
    pub n: String,
    /// k as typed.
    pub k: String,
    /// The chunk size as typed (`auto` or a number).
    pub chunk: String,
    /// Rounds as typed.
    pub rounds: String,
    /// `global-lock`'s switch interval (ms) as typed.
    pub switch: String,
    /// The largest k this machine allows.
    pub max_k: u32,
    /// The chunk field's hint (with the size `auto` resolves to).
    pub auto_hint: String,
    /// What is wrong with the fields now (each bad field is marked).
    pub problems: Vec<Problem>,
    /// A run or sweep is going on: nothing can be changed.
    pub busy: bool,
    /// The panel's reducer.
    pub dispatch: UseReducerDispatcher<CpuState>,
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

/// The fields.
#[function_component(CpuFields)]
pub fn cpu_fields(props: &CpuFieldsProps) -> Html {
    let (l, busy, dispatch) = (props.lang, props.busy, &props.dispatch);
    html! {
        <>
    <div class="field">
        <label for="cpu-n">{ tr(l, T::LabelN) }</label>
        <input id="cpu-n" type="text" inputmode="numeric" value={props.n.clone()} disabled={busy}
            aria-invalid={field_has(&props.problems, "n").to_string()} oninput={text_input(dispatch.clone(), Action::SetN)} />
        <button type="button" id="cpu-scale" class="secondary" disabled={busy}
            onclick={let d = dispatch.clone(); Callback::from(move |_| d.dispatch(Action::TutorialScale))}>
            { tr(l, T::TutorialScale) }</button>
    </div>
    <div class="field">
        <label for="cpu-k">{ tr(l, T::LabelK) }</label>
        <input id="cpu-k" type="text" inputmode="numeric" value={props.k.clone()} disabled={busy}
            aria-invalid={field_has(&props.problems, "k").to_string()} oninput={text_input(dispatch.clone(), Action::SetK)} />
        <small>{ format!("1 … {}", props.max_k) }</small>
    </div>
    <div class="field">
        <label for="cpu-switch">{ tr(l, T::LabelSwitch) }</label>
        <input id="cpu-switch" type="text" inputmode="numeric" value={props.switch.clone()} disabled={busy}
            aria-invalid={field_has(&props.problems, "switch").to_string()} aria-describedby="cpu-switch-hint"
            oninput={text_input(dispatch.clone(), Action::SetSwitch)} />
        <small id="cpu-switch-hint">{ tr(l, T::SwitchHint) }</small>
    </div>
    <div class="field">
        <label for="cpu-chunk">{ tr(l, T::LabelChunk) }</label>
        <input id="cpu-chunk" type="text" value={props.chunk.clone()} placeholder="auto" disabled={busy}
            aria-invalid={field_has(&props.problems, "chunk").to_string()} oninput={text_input(dispatch.clone(), Action::SetChunk)} />
        <small id="cpu-chunk-hint">{ props.auto_hint.clone() }</small>
    </div>
    <div class="field">
        <label for="cpu-rounds">{ tr(l, T::LabelRounds) }</label>
        <input id="cpu-rounds" type="text" inputmode="numeric" value={props.rounds.clone()} disabled={busy}
            aria-invalid={field_has(&props.problems, "rounds").to_string()} oninput={text_input(dispatch.clone(), Action::SetRounds)} />
        <small>{ "1 … 10" }</small>
    </div>
        </>
    }
}

//! The language switch: one button per [`Lang`], each labelled in its own language.

use crate::core::lang::Lang;
use crate::i18n::{tr, T};
use yew::prelude::*;

/// Props of [`LangSwitch`].
#[derive(Properties, PartialEq)]
pub struct LangSwitchProps {
    /// The current language.
    pub lang: Lang,
    /// Called with the language picked.
    pub on_change: Callback<Lang>,
}

/// One button per language, the current one pressed.
#[function_component(LangSwitch)]
pub fn lang_switch(props: &LangSwitchProps) -> Html {
    let button = |l: Lang| {
        let on_change = props.on_change.clone();
        html! {
            <button type="button" id={format!("lang-{}", l.tag())} lang={l.tag()}
                aria-pressed={(props.lang == l).to_string()}
                onclick={Callback::from(move |_| on_change.emit(l))}>{ l.row().name }</button>
        }
    };
    html! {
        <div class="lang-switch" role="group" aria-label={tr(props.lang, T::Language)}>
            { for Lang::ALL.into_iter().map(button) }
        </div>
    }
}

//! The 中文 / English switch.

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

/// Two buttons, the current one pressed.
#[function_component(LangSwitch)]
pub fn lang_switch(props: &LangSwitchProps) -> Html {
    let button = |l: Lang, label: &'static str| {
        let on_change = props.on_change.clone();
        html! {
            <button type="button" id={format!("lang-{}", l.tag())} lang={l.tag()}
                aria-pressed={(props.lang == l).to_string()}
                onclick={Callback::from(move |_| on_change.emit(l))}>{ label }</button>
        }
    };
    html! {
        <div class="lang-switch" role="group" aria-label={tr(props.lang, T::Language)}>
            { button(Lang::Zh, "中文") }
            { button(Lang::En, "English") }
        </div>
    }
}

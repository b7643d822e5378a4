//! The facts a learner needs to trust a number: cores, isolation, pool threads, browser.

use crate::core::lang::Lang;
use crate::ui::i18n::{tr, T};
use crate::web::env;
use yew::prelude::*;

/// Props of [`EnvLine`].
#[derive(Properties, PartialEq)]
pub struct EnvLineProps {
    /// Page language.
    pub lang: Lang,
    /// Threads in the shared-memory pool, once one has been built.
    pub pool_threads: Option<u32>,
}

/// One line of environment facts.
#[function_component(EnvLine)]
pub fn env_line(props: &EnvLineProps) -> Html {
    let l = props.lang;
    let hc = env::hardware_concurrency();
    let isolated = env::isolated();
    let threads = props.pool_threads;
    html! {
        <p class="env" id="env" data-hc={hc.to_string()} data-isolated={isolated.to_string()}
            data-pool={threads.map(|t| t.to_string()).unwrap_or_default()}>
            <span>{ tr(l, T::EnvCores) }{": "}<b>{ hc }</b></span>
            <span>{ tr(l, T::EnvIsolated) }{": "}<b>{ tr(l, if isolated { T::Yes } else { T::No }) }</b></span>
            <span>{ tr(l, T::EnvPool) }{": "}<b>{ threads.map(|t| t.to_string()).unwrap_or_else(|| tr(l, T::NotStarted).into()) }</b></span>
            <span>{ tr(l, T::EnvBrowser) }{": "}<b>{ env::browser_name() }</b></span>
        </p>
    }
}

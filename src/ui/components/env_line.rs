//! The facts a learner needs to trust a number: cores, isolation (and how), pool threads, browser.

use crate::core::lang::Lang;
use crate::core::wire::IsolationReason;
use crate::i18n::{tr, T};
use crate::web::env::{self, Isolation};
use yew::prelude::*;

/// Props of [`EnvLine`].
#[derive(Properties, PartialEq)]
pub struct EnvLineProps {
    /// Page language.
    pub lang: Lang,
    /// Threads in the shared-memory pool, once one has been built.
    pub pool_threads: Option<u32>,
}

fn isolation_text(l: Lang, iso: &Isolation) -> String {
    let reason = |r: &IsolationReason| match r {
        IsolationReason::Frame => tr(l, T::WhyFrame),
        IsolationReason::NoServiceWorker => tr(l, T::WhyNoSw),
        IsolationReason::Reloading => tr(l, T::WhyReloading),
        IsolationReason::Browser
        | IsolationReason::NotControlled
        | IsolationReason::NoStorage
        | IsolationReason::RegistrationFailed
        | IsolationReason::Unknown => tr(l, T::WhyBrowser),
    };
    match iso {
        Isolation::Checking => tr(l, T::Yes).into(),
        Isolation::Headers => format!("{} — {}", tr(l, T::Yes), tr(l, T::ByHeaders)),
        Isolation::ServiceWorker => format!("{} — {}", tr(l, T::Yes), tr(l, T::ByServiceWorker)),
        Isolation::DocumentPolicy => format!("{} — {}", tr(l, T::Yes), tr(l, T::ByDocumentPolicy)),
        Isolation::No(r) => format!("{} — {}", tr(l, T::No), reason(r)),
    }
}

/// One line of environment facts.
#[function_component(EnvLine)]
pub fn env_line(props: &EnvLineProps) -> Html {
    let l = props.lang;
    let hc = env::hardware_concurrency();
    let isolated = env::isolated();
    let iso = use_state(|| if isolated { Isolation::Checking } else { Isolation::No(IsolationReason::Unknown) });
    {
        let iso = iso.clone();
        use_effect_with((), move |_| wasm_bindgen_futures::spawn_local(async move { iso.set(env::isolation().await) }));
    }
    let threads = props.pool_threads;
    let how = match &*iso {
        Isolation::Headers => "headers",
        Isolation::ServiceWorker => "service-worker",
        Isolation::DocumentPolicy => "document-isolation-policy",
        Isolation::No(_) => "none",
        Isolation::Checking => "checking",
    };
    let new_tab = Callback::from(|_| {
        if let Some(w) = web_sys::window() {
            let href = w.location().href().unwrap_or_default().replace("embed=1", "embed=0");
            let _ = w.open_with_url_and_target(&href, "_blank");
        }
    });
    html! {
        <div class="env" id="env" data-hc={hc.to_string()} data-isolated={isolated.to_string()} data-isolation={how}
            data-pool={threads.map(|t| t.to_string()).unwrap_or_default()}>
            <span>{ tr(l, T::EnvCores) }{": "}<b>{ hc }</b></span>
            <span>{ tr(l, T::EnvIsolated) }{": "}<b id="env-isolation">{ isolation_text(l, &iso) }</b></span>
            <span>{ tr(l, T::EnvPool) }{": "}<b>{ threads.map(|t| t.to_string()).unwrap_or_else(|| tr(l, T::NotStarted).into()) }</b></span>
            <span>{ tr(l, T::EnvBrowser) }{": "}<b>{ env::browser_name() }</b></span>
            if !isolated && env::in_frame() {
                <button type="button" id="open-new-tab" class="secondary small" onclick={new_tab}>{ tr(l, T::OpenNewTab) }</button>
            }
        </div>
    }
}

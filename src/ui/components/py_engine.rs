//! The Python engine's loading line, under the Python group of the mode list. Ticking a Python
//! mode (or opening a link that ticks one) is what starts fetching the interpreter: nothing of it
//! loads before.

use crate::core::engine::EngineStatus;
use crate::core::lang::Lang;
use crate::i18n::python_cpu::engine_line;
use crate::web::py_engine;
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`EngineLine`].
#[derive(Properties, PartialEq)]
pub struct EngineLineProps {
    /// Page language.
    pub lang: Lang,
    /// A Python mode is ticked: load the engine now.
    pub wanted: bool,
}

/// `#py-engine`, with `data-state` = `not-loaded` | `loading` | `ready` | `failed`.
#[function_component(EngineLine)]
pub fn engine_line_view(props: &EngineLineProps) -> Html {
    let status = use_state(py_engine::status);
    {
        let status = status.clone();
        use_effect_with((), move |_| {
            let id = py_engine::subscribe(Rc::new(move |s| status.set(s)));
            move || py_engine::unsubscribe(id)
        });
    }
    use_effect_with(props.wanted, |wanted| {
        if *wanted {
            // Errors end up in the status, which this line shows.
            wasm_bindgen_futures::spawn_local(async {
                let _ = py_engine::warm().await;
            });
        }
    });
    let state = match &*status {
        EngineStatus::NotLoaded => "not-loaded",
        EngineStatus::Loading => "loading",
        EngineStatus::Ready { .. } => "ready",
        EngineStatus::Failed(_) => "failed",
    };
    let class = classes!("engine-line", matches!(&*status, EngineStatus::Failed(_)).then_some("bad"));
    // The figures as attributes too, for tests and `make bench`.
    let (first, last) = match &*status {
        EngineStatus::Ready { first, last, .. } => (Some(first.clone()), last.clone()),
        _ => (None, None),
    };
    let ms = |l: &Option<crate::core::engine::EngineLoad>| l.as_ref().map(|l| l.ms.to_string());
    html! {
        <p id="py-engine" class={class} data-state={state} aria-live="polite"
            data-first-ms={ms(&first)} data-last-ms={ms(&last)}
            data-bytes={first.as_ref().map(|f| f.bytes.to_string())}
            data-network-bytes={first.as_ref().map(|f| f.network_bytes.to_string())}
            data-last-snapshot={last.as_ref().map(|l| l.from_snapshot.to_string())}>
            { engine_line(props.lang, &status) }
        </p>
    }
}

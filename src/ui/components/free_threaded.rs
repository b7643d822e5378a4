//! The static reference row beside the CPU results: the tutorial's threads under the GIL, the
//! published speedups of free-threaded CPython 3.14t, and `rayon` from the latest run here.

use crate::core::cpu_modes::CpuMode;
use crate::core::free_threading::{columns, MANDELBROT_314T, TUTORIAL_THREADS};
use crate::core::lang::Lang;
use crate::core::report::RunEntry;
use crate::i18n::{tr, T};
use crate::ui::format::speedup;
use yew::prelude::*;

/// Props of [`FreeThreadedTable`].
#[derive(Properties, PartialEq)]
pub struct FreeThreadedProps {
    /// Language.
    pub lang: Lang,
    /// The panel's current results (the `rayon` row, if any, is shown at its k).
    pub entries: Vec<RunEntry>,
}

/// Three rows of thread speedups by k: tutorial, 3.14t (published), `rayon` (yours).
#[function_component(FreeThreadedTable)]
pub fn free_threaded_table(props: &FreeThreadedProps) -> Html {
    let l = props.lang;
    let rayon = props.entries.iter().find(|e| e.mode == CpuMode::Rayon).and_then(|e| Some((e.k, e.speedup?)));
    let ks = columns(rayon.map(|(k, _)| k));
    let cell = |v: Option<f64>| html! { <td>{ speedup(v) }</td> };
    let row = |id: &str, label: T, at: &dyn Fn(u32) -> Option<f64>| {
        html! {
            <tr data-row={id.to_string()}>
                <th scope="row">{ tr(l, label) }</th>
                { for ks.iter().map(|k| cell(at(*k))) }
            </tr>
        }
    };
    html! {
        <div class="table-wrap" tabindex="0" role="region" aria-labelledby="free-threaded-caption">
            <table id="free-threaded">
                <caption id="free-threaded-caption">{ tr(l, T::FreeThreadedCaption) }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ tr(l, T::ThreadsK) }</th>
                        { for ks.iter().map(|k| html! { <th scope="col">{ k }</th> }) }
                    </tr>
                </thead>
                <tbody>
                    { row("tutorial", T::RowTutorialThreads, &|k| (k == TUTORIAL_THREADS.0).then_some(TUTORIAL_THREADS.1)) }
                    { row("cpython-3.14t", T::RowFreeThreaded, &|k| MANDELBROT_314T.iter().find(|(kk, _)| *kk == k).map(|(_, s)| *s)) }
                    { row("rayon", T::RowRayonHere, &|k| rayon.filter(|(rk, _)| *rk == k).map(|(_, s)| s)) }
                </tbody>
            </table>
        </div>
    }
}

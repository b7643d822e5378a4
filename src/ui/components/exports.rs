//! The download buttons under an experiment's results: JSON, CSV and the trace, each file made
//! only when its button is pressed (a large I/O run's JSON is not rebuilt on every render).

use crate::core::lang::Lang;
use crate::i18n::{tr, T};
use crate::web::download::download;
use yew::prelude::*;

crate::id_table! {
    /// A kind of export; `<panel>-<id>` is its button's element id.
    pub enum Export {
        /// The run as JSON (every figure, every sample).
        Json = "json",
        /// One row per mode (or request) as CSV.
        Csv = "csv",
        /// The Chrome trace event format, for Perfetto or chrome://tracing.
        Trace = "trace",
    }
}

/// A file to download: its name, its MIME type and its text.
pub type File = (String, &'static str, String);

/// Props of [`Exports`].
#[derive(Properties, PartialEq)]
pub struct ExportsProps {
    /// Page language.
    pub lang: Lang,
    /// The panel's id (`cpu`, `io`): the buttons are `<panel>-json` and so on.
    pub panel: AttrValue,
    /// The exports offered, in button order.
    pub kinds: Vec<Export>,
    /// Makes the file of a kind when its button is pressed (`None`: nothing to export).
    pub file: Callback<Export, Option<File>>,
}

fn label(l: Lang, kind: Export) -> &'static str {
    tr(
        l,
        match kind {
            Export::Json => T::DownloadJson,
            Export::Csv => T::DownloadCsv,
            Export::Trace => T::DownloadTrace,
        },
    )
}

/// The buttons.
#[function_component(Exports)]
pub fn exports(props: &ExportsProps) -> Html {
    let button = |kind: Export| {
        let file = props.file.clone();
        let onclick = Callback::from(move |_| {
            if let Some((name, mime, text)) = file.emit(kind) {
                if let Err(e) = download(&name, mime, &text) {
                    web_sys::console::warn_1(&e.into());
                }
            }
        });
        html! {
            <button type="button" id={format!("{}-{}", props.panel, kind.id())} class="secondary" {onclick}>
                { label(props.lang, kind) }</button>
        }
    };
    html! { <div class="actions">{ for props.kinds.iter().copied().map(button) }</div> }
}

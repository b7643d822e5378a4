//! "Share / Embed": the link that reproduces an experiment's settings, and an `<iframe>` snippet
//! an instructor can paste into a course page.

use crate::core::lang::Lang;
use crate::i18n::{tr, T};
use crate::web::env::base_url;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Props of [`ShareButton`].
#[derive(Properties, PartialEq)]
pub struct ShareProps {
    /// Page language.
    pub lang: Lang,
    /// Element id prefix (`cpu`, `io`, a demo id).
    pub id: AttrValue,
    /// The query that reproduces the settings, without `?` (e.g. `exp=cpu&n=3000&…`).
    pub query: String,
    /// A title for the iframe.
    pub title: AttrValue,
    /// Height of the iframe in CSS pixels.
    pub height: u32,
}

/// The iframe an instructor pastes: `allow="cross-origin-isolated"` lets the frame be isolated
/// when the course page is (otherwise the shared-memory modes are off, and the frame says so).
pub fn iframe_snippet(base: &str, query: &str, title: &str, height: u32) -> String {
    let title = title.replace('"', "&quot;");
    format!(
        "<iframe src=\"{base}?embed=1&amp;{}\" title=\"{title}\" width=\"100%\" height=\"{height}\" style=\"border:0;max-width:100%\" loading=\"lazy\" allow=\"cross-origin-isolated\"></iframe>",
        query.replace('&', "&amp;")
    )
}

fn copy(text: String) {
    if let Some(w) = web_sys::window() {
        // Clipboard needs a secure context; the text is also selectable in the dialog.
        let _ = w.navigator().clipboard().write_text(&text);
    }
}

/// A button that opens the dialog.
#[function_component(ShareButton)]
pub fn share_button(props: &ShareProps) -> Html {
    let l = props.lang;
    let dialog = use_node_ref();
    let base = base_url();
    let link = format!("{base}?{}", props.query);
    let snippet = iframe_snippet(&base, &props.query, &props.title, props.height);
    let open = {
        let dialog = dialog.clone();
        Callback::from(move |_| {
            if let Some(d) = dialog.cast::<web_sys::HtmlDialogElement>() {
                let _ = d.show_modal();
            }
        })
    };
    let close = {
        let dialog = dialog.clone();
        Callback::from(move |_| {
            if let Some(d) = dialog.cast::<web_sys::HtmlDialogElement>() {
                d.close();
            }
        })
    };
    let select_all = Callback::from(|e: FocusEvent| {
        if let Some(t) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok()) {
            t.select();
        }
    });
    let id = &props.id;
    html! {
        <>
            <button type="button" id={format!("{id}-share")} class="secondary" onclick={open}>{ tr(l, T::ShareEmbed) }</button>
            <dialog ref={dialog} id={format!("{id}-share-dialog")} class="share" aria-labelledby={format!("{id}-share-title")}>
                <h3 id={format!("{id}-share-title")}>{ tr(l, T::ShareEmbed) }</h3>
                <label for={format!("{id}-share-link")}>{ tr(l, T::ShareLink) }</label>
                <textarea id={format!("{id}-share-link")} readonly=true rows="2" value={link.clone()} onfocus={select_all.clone()} />
                <button type="button" class="secondary small" onclick={Callback::from(move |_| copy(link.clone()))}>{ tr(l, T::Copy) }</button>
                <label for={format!("{id}-share-embed")}>{ tr(l, T::EmbedSnippet) }</label>
                <textarea id={format!("{id}-share-embed")} readonly=true rows="4" value={snippet.clone()} onfocus={select_all} />
                <button type="button" class="secondary small" onclick={Callback::from(move |_| copy(snippet.clone()))}>{ tr(l, T::Copy) }</button>
                <p class="muted">{ tr(l, T::EmbedHint) }</p>
                <button type="button" id={format!("{id}-share-close")} onclick={close}>{ tr(l, T::Close) }</button>
            </dialog>
        </>
    }
}

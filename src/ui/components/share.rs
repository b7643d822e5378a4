//! "Share / Embed": the link that reproduces an experiment's settings, and an `<iframe>` snippet
//! an instructor can paste into a course page.

use crate::core::lang::Lang;
use crate::i18n::{tr, T};
use crate::web::env::base_url;
use wasm_bindgen::{JsCast, JsValue};
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

/// Copies the text of the textarea `field` and says how it went. `navigator.clipboard` exists
/// only in secure contexts (https, localhost): elsewhere, and when the browser refuses, the text
/// is selected for the learner to copy, and the message says so (no error, no rejection left).
fn copy(field: String, status: UseStateHandle<Option<T>>) {
    let Some(w) = web_sys::window() else { return };
    let area = w
        .document()
        .and_then(|d| d.get_element_by_id(&field))
        .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok());
    let Some(area) = area else { return };
    let clipboard = js_sys::Reflect::get(&w.navigator(), &"clipboard".into()).unwrap_or(JsValue::UNDEFINED);
    if clipboard.is_undefined() || clipboard.is_null() {
        area.select();
        status.set(Some(T::CopyInsecure));
        return;
    }
    let promise = clipboard.unchecked_into::<web_sys::Clipboard>().write_text(&area.value());
    wasm_bindgen_futures::spawn_local(async move {
        match wasm_bindgen_futures::JsFuture::from(promise).await {
            Ok(_) => status.set(Some(T::Copied)),
            Err(_) => {
                area.select();
                status.set(Some(T::CopyRefused));
            }
        }
    });
}

/// A button that opens the dialog.
#[function_component(ShareButton)]
pub fn share_button(props: &ShareProps) -> Html {
    let l = props.lang;
    let dialog = use_node_ref();
    let status = use_state(|| None::<T>);
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
    let (link_id, embed_id) = (format!("{id}-share-link"), format!("{id}-share-embed"));
    let copy_from = |field: &String| {
        let (field, status) = (field.clone(), status.clone());
        Callback::from(move |_| copy(field.clone(), status.clone()))
    };
    html! {
        <>
            <button type="button" id={format!("{id}-share")} class="secondary" onclick={open}>{ tr(l, T::ShareEmbed) }</button>
            <dialog ref={dialog} id={format!("{id}-share-dialog")} class="share" aria-labelledby={format!("{id}-share-title")}>
                <h3 id={format!("{id}-share-title")}>{ tr(l, T::ShareEmbed) }</h3>
                <label for={link_id.clone()}>{ tr(l, T::ShareLink) }</label>
                <textarea id={link_id.clone()} readonly=true rows="2" value={link} onfocus={select_all.clone()} />
                <button type="button" id={format!("{id}-share-copy-link")} class="secondary small" onclick={copy_from(&link_id)}>{ tr(l, T::Copy) }</button>
                <label for={embed_id.clone()}>{ tr(l, T::EmbedSnippet) }</label>
                <textarea id={embed_id.clone()} readonly=true rows="4" value={snippet} onfocus={select_all} />
                <button type="button" id={format!("{id}-share-copy-embed")} class="secondary small" onclick={copy_from(&embed_id)}>{ tr(l, T::Copy) }</button>
                <p id={format!("{id}-share-status")} class="copy-status" role="status">{ status.map(|t| tr(l, t)).unwrap_or_default() }</p>
                <p class="muted">{ tr(l, T::EmbedHint) }</p>
                <button type="button" id={format!("{id}-share-close")} onclick={close}>{ tr(l, T::Close) }</button>
            </dialog>
        </>
    }
}

//! The teaching notes, rendered to HTML by build.rs (see there).

use crate::core::lang::Lang;
use yew::prelude::*;

include!(concat!(env!("OUT_DIR"), "/notes.rs"));

fn find(id: &str, lang: Lang) -> Option<(&'static str, &'static str, &'static str)> {
    let (_, both) = NOTES.iter().find(|(t, _)| *t == id)?;
    Some(both[if lang == Lang::Zh { 0 } else { 1 }])
}

/// A topic's title (empty for an unknown id; build.rs guarantees every listed topic has one).
pub fn title(id: &str, lang: Lang) -> &'static str {
    find(id, lang).map(|(t, _, _)| t).unwrap_or_default()
}

/// Props of [`Note`].
#[derive(Properties, PartialEq)]
pub struct NoteProps {
    /// Topic id.
    pub id: &'static str,
    /// Language.
    pub lang: Lang,
    /// Embedded: only the opening paragraphs and the "Try it" steps.
    #[prop_or_default]
    pub short: bool,
    /// The note scrolls on its own (beside a live part on wide screens): focusable, so the
    /// keyboard can scroll it.
    #[prop_or_default]
    pub scrolls: bool,
}

/// What a note shows: all of it, or embedded its opening and its "Try it" steps (see
/// `core::note_html`). The instructors' embed snippets name `__PLAYGROUND__`, replaced here by
/// this page's own address.
fn shown(body: &'static str, lead: &'static str, embedded: bool) -> String {
    let html = if embedded { crate::core::note_html::embedded(body, lead) } else { body.to_string() };
    if html.contains("__PLAYGROUND__") {
        html.replace("__PLAYGROUND__", &crate::modes::io::base_url())
    } else {
        html
    }
}

/// A note: its title as a heading, then its body (our own Markdown, rendered at build time).
#[function_component(Note)]
pub fn note(props: &NoteProps) -> Html {
    let Some((title, body, lead)) = find(props.id, props.lang) else { return html! {} };
    let body = shown(body, lead, props.short);
    html! {
        <article class="note" lang={props.lang.tag()} aria-labelledby={format!("title-{}", props.id)}
            tabindex={props.scrolls.then_some("0")}>
            <h2 id={format!("title-{}", props.id)}>{ title }</h2>
            { Html::from_html_unchecked(AttrValue::from(body)) }
        </article>
    }
}

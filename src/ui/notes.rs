//! The teaching notes, rendered to HTML by build.rs (see there).

use crate::core::lang::Lang;
use yew::prelude::*;

include!(concat!(env!("OUT_DIR"), "/notes.rs"));

/// Every language of the page has its notes: a new [`Lang`] without `notes/*.<tag>.md` files
/// does not compile (build.rs, in turn, fails when one topic lacks a language another has).
const _: () = {
    const fn same(a: &str, b: &str) -> bool {
        let (a, b) = (a.as_bytes(), b.as_bytes());
        if a.len() != b.len() {
            return false;
        }
        let mut i = 0;
        while i < a.len() {
            if a[i] != b[i] {
                return false;
            }
            i += 1;
        }
        true
    }
    let mut i = 0;
    while i < Lang::ALL.len() {
        let mut j = 0;
        while j < NOTE_LANGS.len() && !same(NOTE_LANGS[j], Lang::ALL[i].id()) {
            j += 1;
        }
        assert!(j < NOTE_LANGS.len(), "a language of core::lang has no notes/*.<tag>.md");
        i += 1;
    }
};

fn find(id: &str, lang: Lang) -> Option<(&'static str, &'static str, &'static str)> {
    let (_, all) = NOTES.iter().find(|(t, _)| *t == id)?;
    let i = NOTE_LANGS.iter().position(|t| *t == lang.id())?;
    Some(all[i])
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
        html.replace("__PLAYGROUND__", &crate::web::env::base_url())
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

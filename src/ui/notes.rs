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
    /// Only the opening paragraphs (for an embedded experiment).
    #[prop_or_default]
    pub short: bool,
    /// The note scrolls on its own (beside a live part on wide screens): focusable, so the
    /// keyboard can scroll it.
    #[prop_or_default]
    pub scrolls: bool,
}

/// The headings of the "Try it" sections (`## Try it` / `## 动手试试`), as rendered.
const TRY_IT: [&str; 2] = ["<h2>Try it</h2>", "<h2>动手试试</h2>"];

/// The "Try it" section of a rendered note (up to the next `<h2>`), if it has one.
fn try_it(body: &str) -> Option<&str> {
    let start = TRY_IT.iter().find_map(|h| body.find(h))?;
    let rest = &body[start + 1..];
    let end = rest.find("<h2").map_or(body.len(), |i| start + 1 + i);
    Some(&body[start..end])
}

/// What a note shows. Embedded, it is the opening plus its "Try it" steps, whose preset links
/// (`?exp=…`) keep `embed=1` so that they open in the frame. The instructors' embed snippets name
/// `__PLAYGROUND__`, replaced here by this page's own address.
fn shown(body: &'static str, lead: &'static str, embedded: bool) -> String {
    let html = if embedded {
        let steps = try_it(body).unwrap_or_default();
        format!("{lead}{steps}").replace("href=\"?exp=", "href=\"?embed=1&amp;exp=")
    } else {
        body.to_string()
    };
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

#[cfg(test)]
mod tests {
    use super::{try_it, NOTES};

    /// Every topic with steps to try (all but the reference sections) has a "Try it" section in
    /// both languages, so an embedded experiment or demo shows its steps.
    #[test]
    fn try_it_sections_are_found() {
        for (id, both) in NOTES {
            if crate::core::topics::REFERENCE.contains(id) {
                continue;
            }
            for (_, body, _) in both {
                let steps = try_it(body).unwrap_or_else(|| panic!("{id}: no Try it section"));
                assert!(!steps[4..].contains("<h2"), "{id}: the section runs into the next one");
            }
        }
    }
}

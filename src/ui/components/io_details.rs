//! What the I/O panel shows of one mode's requests under the results: the failed requests with
//! their reasons, and the thumbnails in the order the program received them.

use super::thumbs::Thumbs;
use crate::core::io_modes::IoMode;
use crate::core::io_report::{IoEntry, RequestError};
use crate::core::lang::Lang;
use crate::i18n::io::{tri, Ti};
use crate::ui::io_state::Tile;
use yew::prelude::*;

/// Why a request failed, as a learner reads it.
pub fn error_text(l: Lang, e: RequestError) -> String {
    match e {
        RequestError::Network => tri(l, Ti::ErrNetwork).into(),
        RequestError::Cors => tri(l, Ti::ErrCors).into(),
        RequestError::Http(s) => format!("{} {s}", tri(l, Ti::ErrHttp)),
        RequestError::NotImage => tri(l, Ti::ErrNotImage).into(),
        RequestError::Mismatch => tri(l, Ti::ErrMismatch).into(),
        RequestError::Aborted => tri(l, Ti::ErrAborted).into(),
    }
}

/// Props of [`IoDetails`].
#[derive(Properties, PartialEq)]
pub struct IoDetailsProps {
    /// Page language.
    pub lang: Lang,
    /// The results' rows, each with its requests.
    pub entries: Vec<IoEntry>,
    /// The mode whose requests are shown (the first row's when none is picked).
    pub shown: Option<IoMode>,
    /// The shown mode's thumbnails, if it has any.
    pub tiles: Option<(IoMode, Vec<Tile>)>,
}

/// The failures and the thumbnails of the mode shown.
#[function_component(IoDetails)]
pub fn io_details(props: &IoDetailsProps) -> Html {
    let l = props.lang;
    let entries = &props.entries;
    let failures: Vec<_> = entries
        .iter()
        .find(|e| Some(e.mode) == props.shown.or(entries.first().map(|e| e.mode)))
        .map(|e| e.requests.iter().filter(|r| !r.ok).cloned().collect())
        .unwrap_or_default();
    html! {
        <>
            if !failures.is_empty() {
                <ul id="io-failures" class="failures">
                    { for failures.iter().map(|r| html! {
                        <li data-index={r.index.to_string()} data-error={r.error.map(|e| e.to_string()).unwrap_or_default()}>
                            <code>{ &r.url }</code>{": "}{ r.error.map(|e| error_text(l, e)).unwrap_or_default() }
                        </li>
                    }) }
                </ul>
            }
            if let Some((mode, tiles)) = props.tiles.clone() {
                <div class="thumbs-wrap">
                    <p class="muted">{ tri(l, Ti::Showing) }<b>{ mode.id() }</b>{" — "}{ tri(l, Ti::ThumbsHelp) }</p>
                    <Thumbs lang={l} mode={mode.id()} tiles={tiles} />
                </div>
            }
        </>
    }
}

//! The grid of thumbnails, filled in as results reach the program, numbered in that order.

use crate::core::lang::Lang;
use crate::i18n::io::{tri, Ti};
use crate::ui::io_state::Tile;
use yew::prelude::*;

/// Props of [`Thumbs`].
#[derive(Properties, PartialEq)]
pub struct ThumbsProps {
    /// Page language.
    pub lang: Lang,
    /// Mode id, for the grid's data attribute.
    pub mode: &'static str,
    /// The tiles, in the order they arrived.
    pub tiles: Vec<Tile>,
}

/// One `<ol>` of tiles.
#[function_component(Thumbs)]
pub fn thumbs(props: &ThumbsProps) -> Html {
    let tile = |t: &Tile| {
        let label = format!("#{} → {}", t.index + 1, t.order);
        html! {
            <li data-index={t.index.to_string()} data-order={t.order.to_string()} class={classes!(t.image.is_none().then_some("failed"))}>
                if let Some(src) = &t.image {
                    <img src={src.as_str().to_string()} alt={format!("image {}", t.index + 1)} width="80" height="60" />
                } else {
                    <span class="fail-mark" aria-label={tri(props.lang, Ti::Failed)}>{"✗"}</span>
                }
                <span class="order" title={label}>{ t.order }</span>
            </li>
        }
    };
    html! {
        <ol class="thumbs" data-mode={props.mode} aria-label={tri(props.lang, Ti::ThumbsHelp)}>
            { for props.tiles.iter().map(tile) }
        </ol>
    }
}

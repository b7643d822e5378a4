//! The I/O panel's settings: the source, the network and run fields, the order, the pasted URLs
//! and the modes. Every change goes to the panel's reducer.

use crate::core::io_modes::IoMode;
use crate::core::lang::Lang;
use crate::core::preset::{IoField, Order, Problem, Source, MAX_COUNT};
use crate::i18n::io::{io_mode_name, order_name, source_name, tri, Ti};
use crate::i18n::{tr, T};
use crate::ui::io_state::{IoAction, IoState};
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

/// Props of [`IoForm`].
#[derive(Properties, PartialEq)]
pub struct IoFormProps {
    /// Page language.
    pub lang: Lang,
    /// What the learner typed into each field.
    pub fields: [String; IoField::COUNT],
    /// The source picked.
    pub source: Source,
    /// `bounded` hands results over in submission order.
    pub ordered: bool,
    /// The pasted URLs, as typed.
    pub urls_text: String,
    /// The modes ticked.
    pub modes: Vec<IoMode>,
    /// A run is going on: nothing can be changed.
    pub busy: bool,
    /// The panel's reducer.
    pub dispatch: UseReducerDispatcher<IoState>,
    /// What is wrong with the fields now (each bad field is marked).
    pub problems: Vec<Problem>,
}

fn label(l: Lang, f: IoField) -> &'static str {
    let t = match f {
        IoField::Count => Ti::LabelCount,
        IoField::Latency => Ti::LabelLatency,
        IoField::Jitter => Ti::LabelJitter,
        IoField::Bandwidth => Ti::LabelBandwidth,
        IoField::Conn => Ti::LabelConn,
        IoField::Fail => Ti::LabelFail,
        IoField::Seed => Ti::LabelSeed,
        IoField::K => Ti::LabelK,
        IoField::Rounds => return crate::i18n::tr(l, crate::i18n::T::LabelRounds),
    };
    tri(l, t)
}

/// What is wrong with the pasted URLs (for the URL source), as the learner reads it.
pub fn url_problems(l: Lang, urls: &[String]) -> Vec<String> {
    let mut out: Vec<String> = urls
        .iter()
        .filter(|u| !web_sys::Url::new(u).is_ok_and(|p| matches!(p.protocol().as_str(), "http:" | "https:")))
        .map(|u| format!("{}{u}", tri(l, Ti::BadUrl)))
        .collect();
    if urls.is_empty() {
        out.push(tri(l, Ti::NoUrls).into());
    }
    if urls.len() > MAX_COUNT as usize {
        out.push(tri(l, Ti::TooManyUrls).into());
    }
    out
}

/// The fields and the modes (the panel's form holds them, with its buttons).
#[function_component(IoForm)]
pub fn io_form(props: &IoFormProps) -> Html {
    let (l, state, busy) = (props.lang, props, props.busy);
    let dispatch = props.dispatch.clone();
    let field = |f: IoField| {
        let key = f.id();
        let d = dispatch.clone();
        let off = busy
            || (f.row().network && !state.source.row().network_model)
            || (f == IoField::Count && state.source.row().pasted_urls);
        let invalid = props
            .problems
            .iter()
            .any(|p| matches!(p, Problem::BadValue { key: k, .. } | Problem::Capped { key: k, .. } if k == key));
        html! {
            <div class="field">
                <label for={format!("io-{key}")}>{ label(l, f) }</label>
                <input id={format!("io-{key}")} type="text" inputmode="decimal" value={state.fields[f.index()].clone()} disabled={off}
                    aria-invalid={invalid.to_string()}
                    oninput={Callback::from(move |e: InputEvent| d.dispatch(IoAction::SetField(f, e.target_unchecked_into::<HtmlInputElement>().value())))} />
            </div>
        }
    };
    let mode_box = |m: IoMode| {
        let d = dispatch.clone();
        let id = format!("io-mode-{}", m.id());
        html! {
            <li>
                <input type="checkbox" id={id.clone()} checked={state.modes.contains(&m)} disabled={busy}
                    onchange={Callback::from(move |_| d.dispatch(IoAction::ToggleMode(m)))} />
                <label for={id}>{ io_mode_name(l, m) }</label>
            </li>
        }
    };
    let on_source = {
        let d = dispatch.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some(s) = Source::from_id(&v) {
                d.dispatch(IoAction::SetSource(s));
            }
        })
    };
    let on_order = {
        let d = dispatch.clone();
        Callback::from(move |e: Event| {
            d.dispatch(IoAction::SetOrdered(
                e.target_unchecked_into::<HtmlSelectElement>().value() == Order::Submission.id(),
            ))
        })
    };
    let on_urls = {
        let d = dispatch.clone();
        Callback::from(move |e: InputEvent| {
            d.dispatch(IoAction::SetUrls(e.target_unchecked_into::<HtmlTextAreaElement>().value()))
        })
    };
    html! {
        <>
        <div class="field">
            <label for="io-source">{ tri(l, Ti::LabelSource) }</label>
            <select id="io-source" onchange={on_source} disabled={busy}>
                { for Source::ALL.into_iter().map(|s| html! { <option value={s.id()} selected={s == state.source}>{ source_name(l, s) }</option> }) }
            </select>
        </div>
        <div class="grid-fields">{ for IoField::ALL.into_iter().map(field) }</div>
        <div class="field">
            <label for="io-order">{ tri(l, Ti::LabelOrder) }</label>
            <select id="io-order" onchange={on_order} disabled={busy}>
                { for Order::ALL.into_iter().map(|o| html! {
                    <option value={o.id()} selected={Order::of(state.ordered) == o}>{ order_name(l, o) }</option>
                }) }
            </select>
        </div>
        if state.source.row().pasted_urls {
            <div class="field urls">
                <label for="io-urls">{ tri(l, Ti::LabelUrls) }</label>
                <textarea id="io-urls" rows="5" value={state.urls_text.clone()} oninput={on_urls} disabled={busy}
                    placeholder="https://example.org/picture.png" />
                <small>{ tri(l, Ti::UrlsHint) }</small>
            </div>
        }
        <fieldset class="modes">
            <legend>{ tr(l, T::Modes) }</legend>
            <ul>{ for IoMode::ALL.into_iter().map(mode_box) }</ul>
        </fieldset>
        </>
    }
}

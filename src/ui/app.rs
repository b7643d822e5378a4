//! The page's frame: reads the URL once, picks the language, and lays out the experiment.

use super::components::cpu_panel::CpuPanel;
use super::components::lang_switch::LangSwitch;
use super::i18n::{problem, tr, T};
use super::runner::LAST_RUN_KEY;
use crate::core::lang::Lang;
use crate::core::preset::{parse, Preset};
use crate::core::report::CpuReport;
use crate::web::{env, storage};
use yew::prelude::*;

/// Storage key of the chosen language.
pub const LANG_KEY: &str = "playground.lang";

/// What the page reads once when it opens.
#[derive(Clone, PartialEq)]
struct Boot {
    preset: Preset,
    lang: Lang,
    restored: Option<CpuReport>,
}

fn query_pairs() -> Vec<(String, String)> {
    let Some(search) = web_sys::window().and_then(|w| w.location().search().ok()) else {
        return vec![];
    };
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(&search) else {
        return vec![];
    };
    let Ok(Some(iter)) = js_sys::try_iter(&params) else {
        return vec![];
    };
    iter.flatten()
        .filter_map(|pair| {
            let pair = js_sys::Array::from(&pair);
            Some((pair.get(0).as_string()?, pair.get(1).as_string()?))
        })
        .collect()
}

fn boot() -> Boot {
    let pairs = query_pairs();
    let preset = parse(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())), env::host());
    let lang = preset
        .lang
        .or_else(|| storage::load::<Lang>(LANG_KEY))
        .unwrap_or_else(|| Lang::from_preferences(env::languages().iter().map(String::as_str)));
    Boot { preset, lang, restored: storage::load(LAST_RUN_KEY) }
}

/// Writes the language into `<html lang>` so screen readers and fonts follow it.
fn apply_lang(lang: Lang) {
    if let Some(html) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = html.set_attribute("lang", if lang == Lang::Zh { "zh-CN" } else { "en" });
    }
}

/// The whole page.
#[function_component(App)]
pub fn app() -> Html {
    let boot = use_memo((), |_| boot());
    let lang = use_state(|| boot.lang);
    apply_lang(*lang);
    let on_lang = {
        let lang = lang.clone();
        Callback::from(move |l: Lang| {
            storage::save(LANG_KEY, &l);
            lang.set(l);
        })
    };
    let problems = &boot.preset.problems;
    html! {
        <div class="app">
            <header class="masthead">
                <div>
                    <h1>{ tr(*lang, T::Title) }</h1>
                    <p class="tagline">{ tr(*lang, T::Tagline) }</p>
                </div>
                <LangSwitch lang={*lang} on_change={on_lang} />
            </header>
            if !problems.is_empty() {
                <div class="problems" id="url-problems" role="alert">
                    <p>{ tr(*lang, T::UrlProblems) }</p>
                    <ul>{ for problems.iter().map(|p| html! { <li>{ problem(*lang, p) }</li> }) }</ul>
                </div>
            }
            <main>
                <CpuPanel
                    lang={*lang}
                    settings={boot.preset.cpu.clone()}
                    autorun={boot.preset.run}
                    restored={boot.restored.clone()}
                />
            </main>
        </div>
    }
}

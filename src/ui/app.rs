//! The page's frame: reads the URL once, picks the language, and lays out the experiment.

use super::components::cpu_panel::CpuPanel;
use super::components::io_panel::IoPanel;
use super::components::lang_switch::LangSwitch;
use super::i18n::io::{tri, Ti};
use super::i18n::{problem, tr, T};
use super::io_runner::LAST_IO_RUN_KEY;
use super::runner::LAST_RUN_KEY;
use crate::core::io_report::IoReport;
use crate::core::lang::Lang;
use crate::core::preset::{parse, Experiment, Preset};
use crate::core::report::CpuReport;
use crate::demos::{freeze_meter::FreezeDock, DemoList};
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
    restored_io: Option<IoReport>,
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
    Boot { preset, lang, restored: storage::load(LAST_RUN_KEY), restored_io: storage::load(LAST_IO_RUN_KEY) }
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
    let tab = use_state(|| boot.preset.experiment.unwrap_or_default());
    use_effect_with((), |_| crate::web::sw::warm_up());
    let problems = &boot.preset.problems;
    let tab_button = |e: Experiment, label: &'static str| {
        let t = tab.clone();
        html! {
            <button type="button" role="tab" id={format!("tab-{}", e.id())} aria-selected={(*tab == e).to_string()}
                aria-controls={e.id()} onclick={Callback::from(move |_| t.set(e))}>{ label }</button>
        }
    };
    let autorun = |e: Experiment| boot.preset.run && boot.preset.experiment.unwrap_or_default() == e;
    // Without settings in the URL, a returning learner gets back what they last ran.
    let chosen = boot.preset.experiment.unwrap_or_default();
    let cpu_settings = match &boot.restored {
        Some(r) if !(boot.preset.given && chosen == Experiment::Cpu) => r.settings(env::host()),
        _ => boot.preset.cpu.clone(),
    };
    let (io_settings, io_urls) = match &boot.restored_io {
        Some(r) if !(boot.preset.given && chosen == Experiment::Io) => r.settings(),
        _ => (boot.preset.io.clone(), Vec::new()),
    };
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
                    <ul>{ for problems.iter().map(|p| html! { <li>{ problem(*lang, p, true) }</li> }) }</ul>
                </div>
            }
            <nav class="tabs" role="tablist">
                { tab_button(Experiment::Cpu, tr(*lang, T::CpuTitle)) }
                { tab_button(Experiment::Io, tri(*lang, Ti::Title)) }
            </nav>
            <main>
                <div hidden={*tab != Experiment::Cpu}>
                    <CpuPanel lang={*lang} settings={cpu_settings} autorun={autorun(Experiment::Cpu)} restored={boot.restored.clone()} />
                    // Beside the CPU runs, so a learner sees main-thread freeze the page (sticky at the bottom).
                    <FreezeDock lang={*lang} />
                </div>
                <div hidden={*tab != Experiment::Io}>
                    <IoPanel lang={*lang} settings={io_settings} urls={io_urls} autorun={autorun(Experiment::Io)} restored={boot.restored_io.clone()} />
                </div>
            </main>
            <DemoList lang={*lang} />
        </div>
    }
}

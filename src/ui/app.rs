//! The page: reads the URL once, picks the language, and lays out every topic — its note, and
//! beside it the experiment or demo it explains — with a table of contents and the run history.

use super::components::cpu_panel::CpuPanel;
use super::components::io_panel::IoPanel;
use super::components::lang_switch::LangSwitch;
use super::components::predict::PredictBox;
use super::components::py_cell::PyCell;
use super::history::{History, HistoryHandle, HistoryPanel};
use super::notes::{title, Note};
use crate::core::experiment::ExperimentId;
use crate::core::io_report::IoReport;
use crate::core::lang::Lang;
use crate::core::preset::{parse, Experiment, Preset, Problem};
use crate::core::report::CpuReport;
use crate::core::topics::{Beside, Topic};
use crate::demos::{freeze_meter::FreezeDock, Demo, DemoId, DemoValues};
use crate::i18n::{problem, tr, T};
use crate::web::{env, storage};
use yew::prelude::*;

/// Storage key of the chosen language.
pub const LANG_KEY: &str = "playground.lang";

/// What the page reads once when it opens.
#[derive(Clone, PartialEq)]
struct Boot {
    pairs: Vec<(String, String)>,
    preset: Preset,
    lang: Lang,
    restored: Option<CpuReport>,
    restored_io: Option<IoReport>,
}

fn query_pairs() -> Vec<(String, String)> {
    let Some(search) = web_sys::window().and_then(|w| w.location().search().ok()) else { return vec![] };
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(&search) else { return vec![] };
    let Ok(Some(iter)) = js_sys::try_iter(&params) else { return vec![] };
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
    Boot {
        pairs,
        preset,
        lang,
        restored: storage::load(ExperimentId::Cpu.row().last_run_key),
        restored_io: storage::load(ExperimentId::Io.row().last_run_key),
    }
}

/// Writes the language into `<html lang>` so screen readers and fonts follow it.
fn apply_lang(lang: Lang) {
    if let Some(html) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = html.set_attribute("lang", lang.row().html_lang);
    }
}

/// Scrolls to the section a URL points at: `#topic-…`, or the experiment named by `exp=`. For a
/// demo, its topic's prediction questions (above the demos), so the learner predicts first; the
/// demo itself where the topic asks none.
fn scroll_to_start(experiment: Option<Experiment>) {
    let Some(window) = web_sys::window() else { return };
    let hash = window.location().hash().unwrap_or_default();
    let targets = match (hash.strip_prefix('#'), experiment) {
        (Some(h), _) if !h.is_empty() => vec![h.to_string()],
        (_, Some(Experiment::Demo(d))) => vec![format!("predict-{}", d.topic().id()), format!("demo-{}", d.id())],
        (_, Some(e)) => vec![e.topic().anchor()],
        _ => return,
    };
    let Some(doc) = window.document() else { return };
    if let Some(el) = targets.iter().find_map(|t| doc.get_element_by_id(t)) {
        el.scroll_into_view();
    }
}

/// The whole page.
#[function_component(App)]
pub fn app() -> Html {
    let boot = use_memo((), |_| boot());
    let lang = use_state(|| boot.lang);
    let history = use_reducer(History::load);
    {
        // Saving is the effect of a change, not part of the reducer.
        let h = history.clone();
        use_effect_with(history.revision, move |revision| {
            if *revision > 0 {
                h.save();
            }
        });
    }
    apply_lang(*lang);
    {
        let (experiment, embed) = (boot.preset.experiment, boot.preset.embed);
        use_effect_with((), move |_| {
            crate::web::sw::warm_up();
            if embed {
                super::embed::report_height();
            } else {
                scroll_to_start(experiment);
            }
        });
    }
    let on_lang = {
        let lang = lang.clone();
        Callback::from(move |l: Lang| {
            storage::save(LANG_KEY, &l);
            lang.set(l);
        })
    };
    let l = *lang;
    let chosen = boot.preset.experiment.unwrap_or_default();
    let autorun = |e: Experiment| boot.preset.run && chosen == e;
    // Without settings in the URL, a returning learner gets back what they last ran.
    let cpu_settings = match &boot.restored {
        Some(r) if !(boot.preset.given && chosen == Experiment::Cpu) => r.settings(env::host()),
        _ => boot.preset.cpu.clone(),
    };
    let (io_settings, io_urls) = match &boot.restored_io {
        Some(r) if !(boot.preset.given && chosen == Experiment::Io) => r.settings(),
        _ => (boot.preset.io.clone(), Vec::new()),
    };
    // A demo link's field values go to that demo only.
    let demo = |id: DemoId| {
        let values = if chosen == Experiment::Demo(id) { boot.preset.demo.clone() } else { DemoValues::default() };
        html! { <Demo {id} lang={l} {values} /> }
    };
    let beside = |t: Topic| match t.beside() {
        Beside::Nothing => html! {},
        Beside::Demos => html! { <>{ for DemoId::ALL.into_iter().filter(|d| d.topic() == t).map(demo) }</> },
        Beside::CpuExperiment => html! {
            <>
                <CpuPanel lang={l} settings={cpu_settings.clone()} autorun={autorun(Experiment::Cpu)} restored={boot.restored.clone()} />
                // Under the CPU runs (sticky), so a learner sees `main-thread` freeze the page.
                <FreezeDock lang={l} />
            </>
        },
        Beside::IoExperiment => html! {
            <IoPanel lang={l} settings={io_settings.clone()} urls={io_urls.clone()} autorun={autorun(Experiment::Io)} restored={boot.restored_io.clone()} />
        },
        Beside::PythonCell => html! {
            // A code= link that cannot be read runs nothing (not the saved code in its place).
            <PyCell lang={l} code={boot.preset.py.code.clone()}
                autorun={autorun(Experiment::Py) && !boot.preset.problems.iter().any(|p| matches!(p, Problem::BadCode { .. }))} />
        },
    };
    let has_beside = |b: Beside| b != Beside::Nothing;
    let problems = &boot.preset.problems;
    let problem_list = html! {
        if !problems.is_empty() {
            <div class="problems" id="url-problems" role="alert">
                <p>{ tr(l, T::UrlProblems) }</p>
                <ul>{ for problems.iter().map(|p| html! { <li>{ problem(l, p, true) }</li> }) }</ul>
            </div>
        }
    };
    if boot.preset.embed {
        // An embedded demo shows alone, without the other demos of its topic.
        let topic = chosen.topic();
        let live = match chosen {
            Experiment::Demo(d) => demo(d),
            _ => beside(topic),
        };
        return html! {
            <ContextProvider<HistoryHandle> context={history}>
            <div class="app embed" data-embed={chosen.id()}>
                <div class="embed-bar">
                    <a id="open-full" href={super::embed::full_playground_url(&boot.pairs)} target="_blank" rel="noopener">
                        { tr(l, T::OpenFull) }{" ↗"}</a>
                    <LangSwitch lang={l} on_change={on_lang} />
                </div>
                { problem_list }
                <section class="topic embedded" data-topic={topic.id()}>
                    <Note id={topic.id()} lang={l} short=true />
                    <div class="live"><PredictBox topic={topic} lang={l} />{ live }</div>
                </section>
            </div>
            </ContextProvider<HistoryHandle>>
        };
    }
    html! {
        <ContextProvider<HistoryHandle> context={history}>
        <div class="app">
            <a class="skip" href="#topic-experiment-cpu">{ tr(l, T::SkipToExperiments) }</a>
            <header class="masthead">
                <div>
                    <h1>{ tr(l, T::Title) }</h1>
                    <p class="tagline">{ tr(l, T::Tagline) }</p>
                </div>
                <LangSwitch lang={l} on_change={on_lang} />
            </header>
            { problem_list }
            <div class="layout">
                <nav class="toc" id="toc" aria-labelledby="toc-title">
                    <details open=true>
                        <summary id="toc-title">{ tr(l, T::Contents) }</summary>
                        <ol>
                            { for Topic::ALL.into_iter().map(|t| html! {
                                <li class={classes!(has_beside(t.beside()).then_some("live"))}>
                                    <a href={format!("#{}", t.anchor())}>{ title(t.id(), l) }</a>
                                </li>
                            }) }
                            <li><a href="#history">{ tr(l, T::HistoryLink) }</a></li>
                        </ol>
                    </details>
                </nav>
                <main>
                    { for Topic::ALL.into_iter().map(|t| html! {
                        <section id={t.anchor()} data-topic={t.id()}
                            class={classes!("topic", if has_beside(t.beside()) { "with-live" } else { "solo" })}>
                            <Note id={t.id()} lang={l} scrolls={has_beside(t.beside())} />
                            if has_beside(t.beside()) { <div class="live"><PredictBox topic={t} lang={l} />{ beside(t) }</div> }
                        </section>
                    }) }
                    <HistoryPanel lang={l} />
                </main>
            </div>
        </div>
        </ContextProvider<HistoryHandle>>
    }
}

//! The page: reads the URL once, picks the language, and lays out every topic — its note, and
//! beside it the experiment or demo it explains — with a table of contents and the run history.

use super::boot::{apply_lang, boot, scroll_to_start, LANG_KEY};
use super::components::cpu_panel::CpuPanel;
use super::components::io_panel::IoPanel;
use super::components::lang_switch::LangSwitch;
use super::components::predict::PredictBox;
use super::components::py_cell::PyCell;
use super::components::start::Start;
use super::history::{History, HistoryHandle, HistoryPanel};
use super::notes::{title, Note};
use crate::core::lang::Lang;
use crate::core::preset::{Experiment, Problem};
use crate::core::topics::{Beside, Topic};
use crate::demos::{freeze_meter::FreezeDock, Demo, DemoId, DemoValues};
use crate::i18n::{problem, tr, T};
use crate::web::{env, storage};
use yew::prelude::*;

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
            <PyCell lang={l} code={boot.preset.py.code.clone()} trace={boot.preset.py.trace} clock={boot.preset.py.clock} step={boot.preset.py.step}
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
            <Start lang={l} />
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

//! The run history: every finished run, kept in localStorage (bounded), listed, comparable,
//! exportable, each with a link that reproduces its settings.

use super::format::{duration, speedup};
use crate::core::history::{compared_modes, push, to_csv, Kept, Run};
use crate::core::lang::Lang;
use crate::core::pipeline::Report;
use crate::core::predictions::{Book, STORAGE_KEY as PREDICTIONS_KEY};
use crate::i18n::history::{trh, Th};
use crate::web::env::base_url;
use crate::web::{download::download, env, storage};
use std::rc::Rc;
use yew::prelude::*;

/// Storage key of the history.
pub const HISTORY_KEY: &str = "playground.history";

/// Keeps a finished run, whatever its experiment: adds the learner's predictions (with what
/// the run measured), saves it as its experiment's last run (shown again after a reload) and
/// adds it to the history. Returns the report as kept.
pub fn keep<E: Kept>(report: Report<E>, history: &UseReducerDispatcher<History>) -> Report<E> {
    let book: Book = storage::load(PREDICTIONS_KEY).unwrap_or_default();
    let mut report = report;
    report.predictions = book.for_run(E::ID, &report.figures());
    // A full storage keeps the older copy; the history below is saved (and trimmed) apart.
    let _saved = storage::save(E::ID.row().last_run_key, &report);
    history.dispatch(HistoryAction::Add(E::wrap(report.clone())));
    report
}

/// The history, newest first.
#[derive(Clone, PartialEq, Default)]
pub struct History {
    /// The runs.
    pub runs: Vec<Run>,
    /// Counts the changes since loading (0: as loaded), so the page saves only after one.
    pub revision: u64,
}

/// Changes to the history.
pub enum HistoryAction {
    /// A run finished.
    Add(Run),
    /// Forget one run (by its start time).
    Remove(f64),
    /// Forget everything.
    Clear,
}

impl History {
    /// The stored history (empty if none or unreadable).
    pub fn load() -> History {
        History { runs: storage::load(HISTORY_KEY).unwrap_or_default(), revision: 0 }
    }

    /// Writes the history to storage (the page's effect calls this after each change).
    pub fn save(&self) {
        storage::save(HISTORY_KEY, &self.runs);
    }
}

impl Reducible for History {
    type Action = HistoryAction;

    fn reduce(self: Rc<Self>, action: HistoryAction) -> Rc<Self> {
        let mut h = (*self).clone();
        match action {
            HistoryAction::Add(run) => push(&mut h.runs, run),
            HistoryAction::Remove(at) => h.runs.retain(|r| r.started_at() != at),
            HistoryAction::Clear => h.runs.clear(),
        }
        h.revision += 1;
        Rc::new(h)
    }
}

/// What panels get from the page to record their runs.
pub type HistoryHandle = UseReducerHandle<History>;

/// The link that reproduces a run's settings.
pub fn share_link(run: &Run, lang: Lang) -> String {
    format!("{}?{}", base_url(), run.query(env::host(), lang))
}

fn when(at: f64) -> String {
    let d = js_sys::Date::new(&at.into());
    d.to_locale_string("default", &js_sys::Object::new()).as_string().unwrap_or_default()
}

/// Props of [`HistoryPanel`].
#[derive(Properties, PartialEq)]
pub struct HistoryProps {
    /// Page language.
    pub lang: Lang,
}

/// The list, the comparison of the ticked runs, and the exports.
#[function_component(HistoryPanel)]
pub fn history_panel(props: &HistoryProps) -> Html {
    let l = props.lang;
    let history = use_context::<HistoryHandle>().expect("the page provides the history");
    let ticked = use_state(Vec::<f64>::new);
    let confirm_clear = use_state(|| false);
    let runs = &history.runs;
    let chosen: Vec<&Run> = runs.iter().filter(|r| ticked.contains(&r.started_at())).collect();
    let export = |kind: &'static str| {
        let selected: Vec<Run> =
            if chosen.is_empty() { runs.clone() } else { chosen.iter().map(|r| (*r).clone()).collect() };
        Callback::from(move |_| {
            let (text, mime) = if kind == "json" {
                (serde_json::to_string_pretty(&selected).unwrap_or_default(), "application/json")
            } else {
                (to_csv(&selected), "text/csv")
            };
            if let Err(e) = download(&format!("playground-history.{kind}"), mime, &text) {
                web_sys::console::warn_1(&e.into());
            }
        })
    };
    let row = |run: &Run| {
        let at = run.started_at();
        let on_tick = {
            let ticked = ticked.clone();
            Callback::from(move |_| {
                let mut t = (*ticked).clone();
                if let Some(i) = t.iter().position(|x| *x == at) {
                    t.remove(i);
                } else {
                    t.push(at);
                }
                ticked.set(t);
            })
        };
        let on_remove = {
            let h = history.dispatcher();
            Callback::from(move |_| h.dispatch(HistoryAction::Remove(at)))
        };
        let figures = run.figures();
        let id = format!("history-tick-{at}");
        html! {
            <tr data-experiment={run.experiment().id()} data-started={at.to_string()}>
                <td><input type="checkbox" id={id.clone()} checked={ticked.contains(&at)} onchange={on_tick} /></td>
                <td><label for={id}>{ when(at) }</label></td>
                <td>{ run.experiment().id() }</td>
                <td><code>{ run.summary() }</code></td>
                <td>{ for figures.iter().map(|f| html! { <span class="fig">{ format!("{} {} {}", f.mode, duration(f.wall_ms), speedup(f.speedup)) }</span> }) }</td>
                <td><a href={share_link(run, l)}>{ trh(l, Th::Share) }</a></td>
                <td><button type="button" class="secondary small" onclick={on_remove} aria-label={trh(l, Th::Remove)}>{"✕"}</button></td>
            </tr>
        }
    };
    let comparison = (chosen.len() >= 2).then(|| {
        let modes = compared_modes(&chosen);
        html! {
            <table id="history-compare">
                <caption>{ trh(l, Th::Comparison) }</caption>
                <thead><tr><th scope="col">{ trh(l, Th::Mode) }</th>
                    { for chosen.iter().map(|r| html! { <th scope="col">{ when(r.started_at()) }<br/><small>{ r.summary() }</small></th> }) }
                </tr></thead>
                <tbody>{ for modes.iter().map(|m| html! {
                    <tr data-mode={*m}><th scope="row">{ *m }</th>
                        { for chosen.iter().map(|r| {
                            let f = r.figures().into_iter().find(|f| f.mode == *m);
                            html! { <td class="num">{ f.map(|f| format!("{} · {}", duration(f.wall_ms), speedup(f.speedup))).unwrap_or_else(|| "—".into()) }</td> }
                        }) }
                    </tr>
                }) }</tbody>
            </table>
        }
    });
    let on_clear = {
        let (h, confirm, ticked) = (history.dispatcher(), confirm_clear.clone(), ticked.clone());
        Callback::from(move |_| {
            if *confirm {
                h.dispatch(HistoryAction::Clear);
                ticked.set(vec![]);
                confirm.set(false);
            } else {
                confirm.set(true);
            }
        })
    };
    html! {
        <section id="history" class="panel" aria-labelledby="history-title">
            <h2 id="history-title">{ trh(l, Th::Title) }</h2>
            <p class="muted">{ trh(l, Th::Intro) }</p>
            if runs.is_empty() {
                <p id="history-empty">{ trh(l, Th::Empty) }</p>
            } else {
                <div class="table-wrap" tabindex="0" role="region" aria-label={trh(l, Th::Settings)}>
                    <table id="history-list">
                        <caption class="visually-hidden">{ trh(l, Th::Title) }</caption>
                        <thead><tr>
                            <th scope="col"><span class="visually-hidden">{ trh(l, Th::Select) }</span></th>
                            <th scope="col">{ trh(l, Th::When) }</th>
                            <th scope="col">{ trh(l, Th::Experiment) }</th>
                            <th scope="col">{ trh(l, Th::Settings) }</th>
                            <th scope="col">{ trh(l, Th::Modes) }</th>
                            <th scope="col">{ trh(l, Th::Link) }</th>
                            <th scope="col"><span class="visually-hidden">{ trh(l, Th::Remove) }</span></th>
                        </tr></thead>
                        <tbody>{ for runs.iter().map(row) }</tbody>
                    </table>
                </div>
                <p class="muted">{ trh(l, Th::CompareHint) }</p>
                <div class="table-wrap" tabindex="0" role="region" aria-label={trh(l, Th::Comparison)}>{ for comparison }</div>
                <div class="actions">
                    <button type="button" id="history-json" class="secondary" onclick={export("json")}>{ trh(l, Th::ExportJson) }</button>
                    <button type="button" id="history-csv" class="secondary" onclick={export("csv")}>{ trh(l, Th::ExportCsv) }</button>
                    <button type="button" id="history-clear" class="secondary danger" onclick={on_clear}>
                        { trh(l, if *confirm_clear { Th::ClearConfirm } else { Th::Clear }) }</button>
                </div>
            }
        </section>
    }
}

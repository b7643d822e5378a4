//! "Predict first, then run": the questions a topic's experiment or demo asks before a run, the
//! learner's answers (kept in localStorage, so they survive a reload), and beside each answer the
//! measured value from the newest run made after it, with the explanation.

use super::predict_outcome::{outcome, verdict_id};
use crate::core::lang::Lang;
use crate::core::predictions::{
    for_topic, judge, latest_measure, parse_number, Answer, Book, Kind, Question, STORAGE_KEY,
};
use crate::core::topics::Topic;
use crate::i18n::predict::{choices, prompt, trp, Tp};
use crate::ui::history::HistoryHandle;
use crate::web::storage;
use std::collections::HashMap;
use yew::prelude::*;

/// Props of [`PredictBox`].
#[derive(Properties, PartialEq)]
pub struct PredictProps {
    /// The topic whose questions to ask.
    pub topic: Topic,
    /// Language.
    pub lang: Lang,
}

/// Stores `answer` for `question`. Reads the stored book first, so that the boxes of other topics
/// (each with its own copy) never overwrite each other's answers.
fn record(question: &str, answer: Answer) -> Book {
    let mut book: Book = storage::load(STORAGE_KEY).unwrap_or_default();
    book.set(question, answer, js_sys::Date::now());
    storage::save(STORAGE_KEY, &book);
    book
}

/// The questions of one topic, with the learner's answers and the results beside them.
#[function_component(PredictBox)]
pub fn predict_box(props: &PredictProps) -> Html {
    let l = props.lang;
    let book = use_state(|| storage::load::<Book>(STORAGE_KEY).unwrap_or_default());
    let drafts = use_state(HashMap::<&'static str, String>::new);
    let history = use_context::<HistoryHandle>();
    let questions: Vec<&'static Question> = for_topic(props.topic).collect();
    if questions.is_empty() {
        return html! {};
    }
    let item = |q: &'static Question| {
        let saved = book.get(q.id).cloned();
        // Only a run made after the prediction counts: predict, then run.
        let measured = saved.as_ref().and_then(|p| {
            let runs = history.as_ref().map(|h| {
                h.runs
                    .iter()
                    .filter(|r| r.started_at() >= p.made_at)
                    .map(|r| (r.started_at(), r.experiment(), r.figures()))
                    .collect::<Vec<_>>()
            });
            latest_measure(q, runs.unwrap_or_default()).map(|(_, m)| m)
        });
        let verdict = saved.as_ref().map(|p| judge(q, p.answer, measured));
        let input_id = format!("q-{}-input", q.id);
        let control = match q.kind {
            Kind::Choice { .. } => html! {
                <fieldset class="choices">
                    <legend>{ prompt(l, q.id) }</legend>
                    { for choices(l, q.id).iter().enumerate().map(|(i, text)| {
                        let id = format!("q-{}-c{i}", q.id);
                        let index = u8::try_from(i).unwrap_or(u8::MAX);
                        let (book, qid) = (book.clone(), q.id);
                        let on_pick = Callback::from(move |_| book.set(record(qid, Answer::Choice(index))));
                        let checked = saved.as_ref().is_some_and(|p| p.answer == Answer::Choice(index));
                        html! {
                            <label for={id.clone()} class="choice">
                                <input type="radio" id={id} name={format!("q-{}", q.id)} checked={checked} onchange={on_pick} />
                                { *text }
                            </label>
                        }
                    }) }
                </fieldset>
            },
            Kind::Speedup { .. } | Kind::Number(_) => {
                let draft = drafts.get(q.id).cloned().unwrap_or_else(|| match saved.as_ref().map(|p| p.answer) {
                    Some(Answer::Number(v)) => format!("{v}"),
                    _ => String::new(),
                });
                let bad = !draft.trim().is_empty() && parse_number(&draft).is_none();
                let on_input = {
                    let (drafts, qid) = (drafts.clone(), q.id);
                    Callback::from(move |e: InputEvent| {
                        let value = e.target_unchecked_into::<web_sys::HtmlInputElement>().value();
                        let mut d = (*drafts).clone();
                        d.insert(qid, value);
                        drafts.set(d);
                    })
                };
                let on_save = {
                    let (book, drafts, qid, draft) = (book.clone(), drafts.clone(), q.id, draft.clone());
                    Callback::from(move |e: SubmitEvent| {
                        e.prevent_default();
                        if let Some(v) = parse_number(&draft) {
                            book.set(record(qid, Answer::Number(v)));
                            let mut d = (*drafts).clone();
                            d.remove(qid);
                            drafts.set(d);
                        }
                    })
                };
                let unit = matches!(q.kind, Kind::Speedup { .. }).then(|| trp(l, Tp::Unit));
                html! {
                    <form class="number" onsubmit={on_save}>
                        <label for={input_id.clone()}>{ prompt(l, q.id) }</label>
                        <span class="entry">
                            <input id={input_id.clone()} type="text" inputmode="decimal" size="6" value={draft}
                                aria-invalid={bad.to_string()} oninput={on_input} />
                            if let Some(u) = unit { <span aria-hidden="true">{ u }</span> }
                            <button type="submit" class="secondary" id={format!("q-{}-save", q.id)} disabled={bad}>{ trp(l, Tp::Save) }</button>
                        </span>
                        if bad { <span class="field-errors" role="alert">{ trp(l, Tp::NotANumber) }</span> }
                    </form>
                }
            }
        };
        let result = outcome(l, q, saved.as_ref().map(|p| p.answer), verdict, measured);
        html! {
            <li class="question" id={format!("q-{}", q.id)} data-question={q.id} data-verdict={verdict_id(verdict)}>
                { control }
                { result }
            </li>
        }
    };
    html! {
        // A plain group, not a region: one per live note, all with the same heading.
        <div class="predict" id={format!("predict-{}", props.topic.id())} role="group" aria-labelledby={format!("predict-{}-title", props.topic.id())}>
            <h3 id={format!("predict-{}-title", props.topic.id())}>{ trp(l, Tp::Title) }</h3>
            <p class="hint">{ trp(l, Tp::Intro) }</p>
            <ol>{ for questions.into_iter().map(item) }</ol>
        </div>
    }
}

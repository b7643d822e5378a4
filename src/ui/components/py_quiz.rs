//! Predict, then see: a misconception snippet's question with its options, asked before the run
//! (`#py-predict`); after a traced run, the verdict (`#py-verdict`) — the option the run's own
//! trace shows, why, and the lane to look at (the lanes mark it).

use crate::core::lang::Lang;
use crate::core::pycell::quiz::{Answer, Question};
use crate::i18n::py::{trp, Tp};
use yew::prelude::*;

/// Props of [`PyQuiz`].
#[derive(Properties, PartialEq)]
pub struct PyQuizProps {
    /// Page language.
    pub lang: Lang,
    /// The question of the snippet in the editor.
    pub question: Question,
    /// What the last run's trace answers (none before a run, or when it was not traced).
    pub answer: Option<Answer>,
    /// A run of this code has ended (with no answer: it was not traced).
    pub ran: bool,
}

/// The question and, after the run, the verdict.
#[function_component(PyQuiz)]
pub fn py_quiz(props: &PyQuizProps) -> Html {
    let (l, q) = (props.lang, props.question);
    let guess = use_state(|| None::<usize>);
    let option = |i: usize| {
        let onchange = {
            let guess = guess.clone();
            Callback::from(move |_: Event| guess.set(Some(i)))
        };
        html! {
            <label class="check">
                <input type="radio" name="py-guess" value={i.to_string()} checked={*guess == Some(i)} {onchange} />
                { q.option(l, i) }
            </label>
        }
    };
    let verdict = match (&props.answer, props.ran) {
        (Some(a), _) => {
            let (state, head) = match *guess {
                Some(g) if g == a.option => ("right", trp(l, Tp::PredictRight).to_string()),
                Some(_) => ("wrong", trp(l, Tp::PredictWrong).to_string()),
                None => ("unanswered", trp(l, Tp::PredictNone).to_string()),
            };
            let (shows, option, why, see) =
                (trp(l, Tp::TraceShows), q.option(l, a.option), a.why(l), trp(l, Tp::SeeLane));
            let text = match l {
                Lang::Zh => format!("{head}{shows}“{option}”。{why}{see} {}。", a.lane),
                Lang::En => format!("{head} {shows} “{option}”. {why} {see} {}.", a.lane),
            };
            Some(
                html! { <p id="py-verdict" data-verdict={state} data-answer={a.option.to_string()} data-lane={a.lane.clone()} role="status">{ text }</p> },
            )
        }
        (None, true) => Some(
            html! { <p id="py-verdict" data-verdict="untraced" class="muted">{ trp(l, Tp::PredictNeedsTrace) }</p> },
        ),
        (None, false) => None,
    };
    html! {
        <fieldset id="py-predict" class="py-predict">
            <legend>{ trp(l, Tp::PredictFirst) }{ q.ask(l) }</legend>
            { for (0..q.options.len()).map(option) }
            { for verdict }
        </fieldset>
    }
}

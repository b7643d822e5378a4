//! What sits under a prediction once it is made: the learner's answer, the measured value or the
//! truth beside it with the verdict, and the explanation (or a hint to run first).

use crate::core::lang::Lang;
use crate::core::predictions::{Answer, Kind, Question, Verdict};
use crate::i18n::predict::{choices, explain, trp, Tp};
use crate::ui::format::speedup;
use yew::prelude::*;

/// The `data-verdict` of a question.
pub(super) fn verdict_id(v: Option<Verdict>) -> &'static str {
    match v {
        None => "unanswered",
        Some(Verdict::NotYet) => "not-yet",
        Some(Verdict::Right) => "right",
        Some(Verdict::Off { .. }) => "off",
        Some(Verdict::Wrong) => "wrong",
    }
}

pub(super) fn answer_text(l: Lang, q: &Question, a: Answer) -> String {
    match (q.kind, a) {
        (Kind::Speedup { .. }, Answer::Number(v)) => speedup(Some(v)),
        (_, Answer::Number(v)) => format!("{v}"),
        (_, Answer::Choice(i)) => choices(l, q.id).get(usize::from(i)).copied().unwrap_or_default().to_string(),
    }
}

/// The answer `answer` (none yet: nothing) with its verdict and what was measured after it.
pub(super) fn outcome(
    l: Lang,
    q: &Question,
    answer: Option<Answer>,
    verdict: Option<Verdict>,
    measured: Option<f64>,
) -> Html {
    let (Some(answer), Some(v)) = (answer, verdict) else {
        return html! {};
    };
    let truth = match q.kind {
        Kind::Speedup { .. } => measured.map(|m| format!("{}{}", trp(l, Tp::Measured), speedup(Some(m)))),
        Kind::Number(t) => Some(format!("{}{t}", trp(l, Tp::Truth))),
        Kind::Choice { correct, .. } => {
            Some(format!("{}{}", trp(l, Tp::Truth), answer_text(l, q, Answer::Choice(correct))))
        }
    };
    let mark = match v {
        Verdict::Right if matches!(q.kind, Kind::Choice { .. }) => Some(trp(l, Tp::RightChoice)),
        Verdict::Right => Some(trp(l, Tp::Right)),
        Verdict::Off { .. } | Verdict::Wrong => Some(trp(l, Tp::Wrong)),
        Verdict::NotYet => None,
    };
    html! {
        <div class="outcome" aria-live="polite">
            <p class="yours">{ trp(l, Tp::Yours) }<strong>{ answer_text(l, q, answer) }</strong></p>
            if let Some(t) = truth {
                <p class="measured">{ t }{ mark.map(|m| format!(" — {m}")).unwrap_or_default() }</p>
                <p class="explain">{ explain(l, q.id) }</p>
            } else {
                <p class="muted">{ trp(l, Tp::RunToCompare) }</p>
            }
        </div>
    }
}

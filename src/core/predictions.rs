//! Predict, then run, then explain: the questions each experiment and demo asks before a run, the
//! learner's answers, and how an answer compares with what the run measured (or with the known
//! answer, for the demos). Pure: the page stores the answers and reads the runs.

use super::experiment::{ExperimentId, ModeFigure};
use super::topics::Topic;
use serde::{Deserialize, Serialize};

/// Storage key of the learner's answers (a [`Book`]).
pub const STORAGE_KEY: &str = "playground.predictions";

/// What a question asks for, and what its answer is compared with.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kind {
    /// A speedup over `serial`, compared with the latest run of `experiment` that measured `mode`.
    Speedup {
        /// Which experiment.
        experiment: ExperimentId,
        /// The mode id.
        mode: &'static str,
    },
    /// A number with a known answer.
    Number(f64),
    /// One of `options` choices; `correct` is the right one (0-based).
    Choice {
        /// How many choices there are.
        options: u8,
        /// The right one.
        correct: u8,
    },
}

/// One question asked before a run.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Question {
    /// Stable id (storage, exports, page ids).
    pub id: &'static str,
    /// The topic whose experiment or demo it belongs to.
    pub topic: Topic,
    /// What is asked.
    pub kind: Kind,
}

const fn speedup(id: &'static str, topic: Topic, experiment: ExperimentId, mode: &'static str) -> Question {
    Question { id, topic, kind: Kind::Speedup { experiment, mode } }
}

const fn choice(id: &'static str, topic: Topic, options: u8, correct: u8) -> Question {
    Question { id, topic, kind: Kind::Choice { options, correct } }
}

/// Every question, in page order: 1–3 for each experiment and each demo note.
pub const QUESTIONS: [Question; 14] = [
    Question { id: "ra-third-send", topic: Topic::Coroutines, kind: Kind::Number(20.0) },
    choice("fm-main-thread", Topic::EventLoop, 3, 2),
    choice("mo-first-result", Topic::FuturesExecutors, 3, 1),
    choice("fo-first-exception", Topic::FuturesExecutors, 3, 0),
    choice("tt-same-delay", Topic::Sched, 3, 0),
    choice("pc-unbounded", Topic::Queues, 3, 2),
    choice("cv-three-busy", Topic::ThreadsGil, 3, 2),
    speedup("cpu-global-lock", Topic::ExperimentCpu, ExperimentId::Cpu, "global-lock"),
    speedup("cpu-rayon", Topic::ExperimentCpu, ExperimentId::Cpu, "rayon"),
    speedup("cpu-workers", Topic::ExperimentCpu, ExperimentId::Cpu, "workers"),
    speedup("io-bounded", Topic::ExperimentIo, ExperimentId::Io, "bounded"),
    speedup("io-unbounded", Topic::ExperimentIo, ExperimentId::Io, "unbounded"),
    speedup("io-blocking", Topic::ExperimentIo, ExperimentId::Io, "blocking-async"),
    choice("py-thread-pool", Topic::PythonBrowser, 3, 2),
];

/// The questions of one topic.
pub fn for_topic(topic: Topic) -> impl Iterator<Item = &'static Question> {
    QUESTIONS.iter().filter(move |q| q.topic == topic)
}

/// A question by id.
pub fn question(id: &str) -> Option<&'static Question> {
    QUESTIONS.iter().find(|q| q.id == id)
}

/// A learner's answer.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Answer {
    /// A number (a speedup, or a value).
    Number(f64),
    /// A choice, 0-based.
    Choice(u8),
}

/// A prediction as stored, and as exported with a run (`"predictions"`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Prediction {
    /// The question's id.
    pub question: String,
    /// What the learner answered.
    pub answer: Answer,
    /// When (ms since the Unix epoch).
    pub made_at: f64,
    /// In a run's export: what that run measured for the question (a speedup), if it did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measured: Option<f64>,
}

/// Reads a number as a learner types it: `3.5`, `3,5`, `3.5x`, `3.5×`, ` 4 `. Speedups and values
/// here are never negative.
///
/// `None` for anything that is not such a number (empty, words, negative, infinite).
pub fn parse_number(text: &str) -> Option<f64> {
    let t = text.trim().trim_end_matches(['x', 'X', '×', '倍']).trim().replace(',', ".");
    let plain = !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit() || b == b'.') && t.matches('.').count() <= 1;
    match t.parse::<f64>() {
        Ok(v) if plain && v.is_finite() => Some(v),
        _ => None,
    }
}

/// How an answer compares with the truth.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Verdict {
    /// Nothing to compare with yet (no run has measured it).
    NotYet,
    /// A number within 20 % of the truth (or the right choice).
    Right,
    /// A number off by more than 20 %: `ratio` = answer ÷ truth.
    Off {
        /// The answer divided by the truth.
        ratio: f64,
    },
    /// The wrong choice.
    Wrong,
}

/// How close is close enough for a number: within 20 %.
const TOLERANCE: f64 = 0.2;

/// Compares `answer` with the truth: the `measured` value for a speedup question, the known
/// answer otherwise.
pub fn judge(q: &Question, answer: Answer, measured: Option<f64>) -> Verdict {
    let truth = match q.kind {
        Kind::Speedup { .. } => measured,
        Kind::Number(v) => Some(v),
        Kind::Choice { correct, .. } => {
            return if answer == Answer::Choice(correct) { Verdict::Right } else { Verdict::Wrong };
        }
    };
    match (truth, answer) {
        (Some(t), Answer::Number(a)) if t > 0.0 => {
            let ratio = a / t;
            if (ratio - 1.0).abs() <= TOLERANCE {
                Verdict::Right
            } else {
                Verdict::Off { ratio }
            }
        }
        (Some(_), Answer::Choice(_)) => Verdict::Wrong,
        _ => Verdict::NotYet,
    }
}

/// The speedup a run of `experiment` measured for a question (`None` when the run is of the
/// other experiment, did not include the mode, or had no baseline to compare with).
pub fn measured_in(q: &Question, experiment: ExperimentId, figures: &[ModeFigure]) -> Option<f64> {
    let Kind::Speedup { experiment: asks, mode } = q.kind else { return None };
    if asks != experiment {
        return None;
    }
    figures.iter().find(|f| f.mode == mode).and_then(|f| f.speedup)
}

/// The newest run (runs newest first, as the history keeps them, each as its start time, its
/// experiment and its figures) that measured `q`, and what it measured.
pub fn latest_measure(
    q: &Question,
    runs: impl IntoIterator<Item = (f64, ExperimentId, Vec<ModeFigure>)>,
) -> Option<(f64, f64)> {
    runs.into_iter().find_map(|(at, experiment, figures)| measured_in(q, experiment, &figures).map(|m| (at, m)))
}

/// The learner's predictions, one per question (a new answer replaces the old one).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Book {
    /// In the order they were first made.
    pub entries: Vec<Prediction>,
}

impl Book {
    /// Records `answer` for `question` at `now`.
    pub fn set(&mut self, question: &str, answer: Answer, now: f64) {
        let p = Prediction { question: question.into(), answer, made_at: now, measured: None };
        match self.entries.iter_mut().find(|e| e.question == question) {
            Some(e) => *e = p,
            None => self.entries.push(p),
        }
    }

    /// The answer to `question`, if any.
    pub fn get(&self, question: &str) -> Option<&Prediction> {
        self.entries.iter().find(|e| e.question == question)
    }

    /// What goes into a finished run's export: the predictions about `experiment`, each with
    /// what the run (its `figures`) measured for it.
    pub fn for_run(&self, experiment: ExperimentId, figures: &[ModeFigure]) -> Vec<Prediction> {
        self.entries
            .iter()
            .filter_map(|p| {
                let q = question(&p.question)?;
                matches!(q.kind, Kind::Speedup { experiment: e, .. } if e == experiment)
                    .then(|| Prediction { measured: measured_in(q, experiment, figures), ..p.clone() })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::cpu_modes::CpuMode;
    use crate::core::history::Run;
    use crate::core::report::{entries, CpuReport, Env, ModeOutcome, Params, Status};
    use crate::core::topics::{Beside, Topic};
    use crate::core::workload::run_serial;

    /// A CPU run of `serial` (100 ms) and `rayon` (30 ms) on n = 50.
    fn cpu_run() -> Run {
        let outcome = |mode, wall_ms| ModeOutcome {
            mode,
            threads: 1,
            chunk: None,
            status: Status::Done,
            error: None,
            wall_ms,
            samples_ms: vec![wall_ms],
            startup_ms: 1.0,
            tasks_done: 49,
            values: run_serial(50),
            spans: vec![],
            waits: Vec::new(),
        };
        Run::Cpu(CpuReport {
            experiment: crate::core::experiment::ExperimentId::Cpu,
            params: Params { n: 50, k: 2, chunk: 4, chunk_auto: true, warmup_tasks: 10, rounds: 1, switch_ms: 5 },
            env: Env {
                hardware_concurrency: 2,
                cross_origin_isolated: true,
                pool_threads: None,
                user_agent: "UA".into(),
                python_pool: None,
            },
            reference: Some(CpuMode::Serial),
            runs: entries(&[outcome(CpuMode::Serial, 100.0), outcome(CpuMode::Rayon, 30.0)]),
            started_at: 1.0,
            predictions: vec![],
        })
    }

    /// Every experiment and demo note asks one to three questions; ids are unique; choices are
    /// in range; speedup questions name real modes.
    #[test]
    fn questions_cover_every_live_note() {
        for id in Topic::ALL {
            let n = for_topic(id).count();
            if id.beside() == Beside::Nothing {
                assert_eq!(n, 0, "{id:?}");
            } else {
                assert!((1..=3).contains(&n), "{id:?}: {n} questions");
            }
        }
        let mut ids: Vec<_> = QUESTIONS.iter().map(|q| q.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), QUESTIONS.len());
        for q in QUESTIONS {
            match q.kind {
                Kind::Choice { options, correct } => assert!(correct < options, "{}", q.id),
                Kind::Speedup { experiment: ExperimentId::Cpu, mode } => {
                    assert!(crate::core::cpu_modes::CpuMode::from_id(mode).is_some(), "{mode}")
                }
                Kind::Speedup { experiment: ExperimentId::Io, mode } => {
                    assert!(crate::core::io_modes::IoMode::from_id(mode).is_some(), "{mode}")
                }
                Kind::Number(_) => {}
            }
        }
    }

    /// Numbers are read the way learners type them; anything else is refused.
    #[test]
    fn numbers_as_typed() {
        for (t, v) in [("3.5", 3.5), (" 4 ", 4.0), ("3,5", 3.5), ("1.9x", 1.9), ("2×", 2.0), ("3倍", 3.0), ("0", 0.0)]
        {
            assert_eq!(parse_number(t), Some(v), "{t}");
        }
        for t in ["", "x", "fast", "-1", "1e3", "inf", "NaN", "1.2.3", "3 x 4"] {
            assert_eq!(parse_number(t), None, "{t}");
        }
    }

    /// Within 20 % is right; further is off by a ratio; a choice is right or wrong; a speedup
    /// with nothing measured waits.
    #[test]
    fn verdicts() {
        let q = question("cpu-rayon").unwrap();
        assert_eq!(judge(q, Answer::Number(3.5), None), Verdict::NotYet);
        assert_eq!(judge(q, Answer::Number(3.5), Some(3.2)), Verdict::Right);
        assert_eq!(judge(q, Answer::Number(1.0), Some(3.2)), Verdict::Off { ratio: 1.0 / 3.2 });
        let q = question("ra-third-send").unwrap();
        assert_eq!(judge(q, Answer::Number(20.0), None), Verdict::Right);
        assert!(matches!(judge(q, Answer::Number(30.0), None), Verdict::Off { .. }));
        let q = question("tt-same-delay").unwrap();
        assert_eq!(judge(q, Answer::Choice(0), None), Verdict::Right);
        assert_eq!(judge(q, Answer::Choice(1), None), Verdict::Wrong);
    }

    /// A run's export carries the predictions about its experiment, each with what it measured.
    #[test]
    fn runs_carry_their_predictions() {
        let run = cpu_run();
        let mut book = Book::default();
        book.set("cpu-rayon", Answer::Number(3.0), 5.0);
        book.set("cpu-workers", Answer::Number(2.0), 6.0);
        book.set("io-bounded", Answer::Number(4.0), 7.0);
        book.set("cpu-rayon", Answer::Number(3.5), 8.0);
        let got = book.for_run(run.experiment(), &run.figures());
        assert_eq!(got.len(), 2, "only the CPU questions: {got:?}");
        assert_eq!((got[0].answer, got[0].made_at), (Answer::Number(3.5), 8.0), "a new answer replaces the old");
        let m = got[0].measured.unwrap();
        assert!((m - 100.0 / 30.0).abs() < 1e-9, "{m}");
        assert_eq!(got[1].measured, None, "workers did not run");
        assert_eq!(
            latest_measure(question("cpu-rayon").unwrap(), [(run.started_at(), run.experiment(), run.figures())])
                .map(|(_, m)| m),
            Some(m)
        );
        let json = serde_json::to_string(&got).unwrap();
        assert!(json.contains(r#""answer":{"number":3.5}"#), "{json}");
    }
}

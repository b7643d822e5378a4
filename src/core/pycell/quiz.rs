//! Predict, then see: a question asked before a misconception snippet runs, and how the run's
//! own trace answers it. The answer is never stored: each `answer` reads the lanes (which task
//! took a step first, how a task ended, how long a lane waited), so the check holds whatever the
//! run did — on the real clock or the virtual one, in Chromium or Firefox.

use super::tasks::{How, Lane, Lanes};
use crate::core::lang::Lang;

/// What the trace says: the option that happened, the lane that shows it, and why (zh, en).
#[derive(Clone, Debug, PartialEq)]
pub struct Answer {
    /// The option that matches the run (an index into [`Question::options`]).
    pub option: usize,
    /// The task whose lane shows it.
    pub lane: String,
    /// What in the lane shows it.
    pub why: (String, String),
}

impl Answer {
    /// The reason in `lang`.
    pub fn why(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.why.0,
            Lang::En => &self.why.1,
        }
    }
}

/// A prediction question: asked in both languages, its options, and how a trace answers it.
#[derive(Clone, Copy)]
pub struct Question {
    /// The question (zh, en).
    pub ask: (&'static str, &'static str),
    /// The options (zh, en).
    pub options: &'static [(&'static str, &'static str)],
    /// Reads the answer from a traced run of the snippet (none: the trace lacks what it needs,
    /// e.g. the learner renamed a task).
    pub answer: fn(&Lanes) -> Option<Answer>,
}

impl PartialEq for Question {
    fn eq(&self, other: &Self) -> bool {
        self.ask == other.ask
    }
}

impl Eq for Question {}

impl std::fmt::Debug for Question {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.ask.1)
    }
}

impl Question {
    /// The question in `lang`.
    pub fn ask(&self, lang: Lang) -> &'static str {
        pick(lang, self.ask)
    }

    /// Option `i` in `lang`.
    pub fn option(&self, lang: Lang, i: usize) -> &'static str {
        self.options.get(i).map_or("", |o| pick(lang, *o))
    }
}

fn pick(lang: Lang, (zh, en): (&'static str, &'static str)) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

fn named<'a>(lanes: &'a Lanes, name: &str) -> Option<&'a Lane> {
    lanes.lanes.iter().find(|l| l.name == name)
}

/// The `n`-th task the top level made (1: the first), for tasks `gather` names itself.
fn nth_task(lanes: &Lanes, n: usize) -> Option<&Lane> {
    lanes.lanes.iter().filter(|l| l.id != 0).nth(n - 1)
}

fn ms(t: f64) -> String {
    format!("{t:.1} ms")
}

fn why(zh: String, en: String) -> (String, String) {
    (zh, en)
}

/// `create_task` only schedules: did the new task's first step come after main's first step?
pub const CREATE_TASK: Question = Question {
    ask: (
        "main 先打印两行，还是 worker 先打印“started”？",
        "Which prints first: main's two lines, or worker's “started”?",
    ),
    options: &[("main 的两行先打印", "main's two lines"), ("worker 先打印", "worker's line")],
    answer: |lanes| {
        let main = named(lanes, "main")?.steps.first()?;
        let worker = named(lanes, "worker")?;
        let first = worker.steps.first()?;
        let after = first.seq > main.seq;
        Some(Answer {
            option: if after { 0 } else { 1 },
            lane: worker.name.clone(),
            why: why(
                format!(
                    "worker 的第一步排在 main 第一步之{}：create_task 只是把它放进就绪队列。",
                    if after { "后" } else { "前" }
                ),
                format!(
                    "worker's first step came {} main's first step: create_task only put it in the ready queue.",
                    if after { "after" } else { "before" }
                ),
            ),
        })
    },
};

/// Awaiting a coroutine runs it in the same task: did `other` run before `add_up` returned?
pub const AWAIT_COROUTINE: Question = Question {
    ask: (
        "await add_up(...) 时，other 任务能不能插进来先运行？",
        "While main awaits add_up(...), does the other task get to run first?",
    ),
    options: &[("不能，add_up 先做完", "No: add_up finishes first"), ("能，other 先打印", "Yes: other prints first")],
    answer: |lanes| {
        let main = named(lanes, "main")?.steps.first()?;
        let other = named(lanes, "other")?;
        let later = other.steps.first()?.seq > main.seq;
        Some(Answer {
            option: if later { 0 } else { 1 },
            lane: other.name.clone(),
            why: why(
                format!(
                    "other 的第一步在 main 的第一步（包括整个 add_up）{}才开始。",
                    if later { "结束之后" } else { "之前" }
                ),
                format!(
                    "other's first step began {} main's first step, which ran all of add_up.",
                    if later { "after" } else { "before" }
                ),
            ),
        })
    },
};

/// The options of both failure questions.
const FAILURE_OPTIONS: &[(&str, &str)] =
    &[("slow 被取消", "slow is cancelled"), ("slow 照样跑完", "slow runs to its end")];

fn how_slow_ended(slow: &Lane) -> Option<Answer> {
    let (t, how, _) = slow.end.clone()?;
    let cancelled = how == How::Cancelled;
    Some(Answer {
        option: if cancelled { 0 } else { 1 },
        lane: slow.name.clone(),
        why: why(
            format!("{} 的泳道在 {} 结束：{}。", slow.name, ms(t), if cancelled { "被取消" } else { "正常返回" }),
            format!("{}'s lane ends at {}: {}.", slow.name, ms(t), if cancelled { "cancelled" } else { "it returned" }),
        ),
    })
}

/// `gather` does not cancel the others when one fails: how did slow (its second task) end?
pub const GATHER_FAILURE: Question = Question {
    ask: (
        "gather 里的 broken() 出错以后，slow() 会怎样？",
        "When broken() raises inside gather, what happens to slow()?",
    ),
    options: FAILURE_OPTIONS,
    answer: |lanes| how_slow_ended(nth_task(lanes, 2)?),
};

/// A TaskGroup cancels the others when one fails: how did slow end?
pub const TASKGROUP_FAILURE: Question = Question {
    ask: (
        "TaskGroup 里的 broken 出错以后，slow 会怎样？",
        "When broken fails inside the TaskGroup, what happens to slow?",
    ),
    options: FAILURE_OPTIONS,
    answer: |lanes| how_slow_ended(named(lanes, "slow")?),
};

/// `time.sleep` in a task holds the loop: the ticker's longest gap between two steps.
pub const BLOCKING_CALL: Question = Question {
    ask: (
        "ticker 每次 sleep 0.1 秒。它相邻两步之间最长隔多久？",
        "The ticker sleeps 0.1 s between ticks. What is its longest gap between two steps?",
    ),
    options: &[
        ("约 0.1 秒：别的任务影响不到它", "About 0.1 s: the other task cannot affect it"),
        ("0.5 秒以上：time.sleep 卡住了整个循环", "0.5 s or more: time.sleep held the whole loop"),
    ],
    answer: |lanes| {
        let ticker = nth_task(lanes, 1)?;
        let gap = ticker.steps.windows(2).map(|w| w[1].start - w[0].start).fold(0.0, f64::max);
        let held = gap >= 400.0;
        Some(Answer {
            option: if held { 1 } else { 0 },
            lane: ticker.name.clone(),
            why: why(
                format!("ticker 的泳道里相邻两步最长隔了 {}。", ms(gap)),
                format!("The longest gap between two steps in the ticker's lane is {}.", ms(gap)),
            ),
        })
    },
};

/// A forgotten `await`: did any step stop inside save()?
pub const FORGOTTEN_AWAIT: Question = Question {
    ask: (
        "save(\"report\") 前面没有 await。它的函数体会运行吗？",
        "save(\"report\") has no await before it. Does its body run?",
    ),
    options: &[("会，稍后运行", "Yes, a little later"), ("不会，一行也不运行", "No, not a line of it")],
    answer: |lanes| {
        // Line 8 of the snippet is save's `await asyncio.sleep(0.1)`: a step that ran save's
        // body would stop there.
        let main = named(lanes, "main")?;
        let ran = lanes.lanes.iter().flat_map(|l| &l.steps).any(|s| s.line == Some(8));
        let n = lanes.lanes.len();
        Some(Answer {
            option: if ran { 0 } else { 1 },
            lane: main.name.clone(),
            why: if ran {
                why("有一步停在了 save 的第 8 行。".into(), "A step stopped at save's line 8.".into())
            } else {
                why(
                    format!("没有任何一步停在 save 的第 8 行；一共只有 {n} 条泳道。"),
                    format!("No step stopped at save's line 8; the run has {n} lane(s) in all."),
                )
            },
        })
    },
};

/// An unprotected read-modify-write across an `await`: did the tasks' read and write overlap?
pub const LOST_UPDATE: Question = Question {
    ask: ("100 个任务各给 counter 加 1。最后打印出多少？", "100 tasks each add one to counter. What does it print?"),
    options: &[("100", "100"), ("少于 100", "Less than 100")],
    answer: |lanes| {
        // Each task reads in its first step and writes in its second: a write lost is a read
        // that came after another task's read and before that task's write.
        let spans: Vec<(usize, usize)> = lanes
            .lanes
            .iter()
            .filter(|l| l.id != 0)
            .filter_map(|l| Some((l.steps.first()?.seq, l.steps.get(1)?.seq)))
            .collect();
        let first = nth_task(lanes, 1)?;
        let overlaps = spans.iter().filter(|a| spans.iter().any(|b| b.0 > a.0 && b.0 < a.1)).count();
        Some(Answer {
            option: if overlaps > 0 { 1 } else { 0 },
            lane: first.name.clone(),
            why: why(
                format!("{} 个任务在别的任务读出旧值之后、写回之前也读了同一个旧值。", overlaps),
                format!("{overlaps} tasks read the old value after another task read it and before that task wrote it back."),
            ),
        })
    },
};

/// Cancellation and `shield`: how did the shielded save end?
pub const CANCEL_SHIELD: Question = Question {
    ask: (
        "job 在 0.1 秒时被取消，此时被 shield 保护的 save 还在 sleep。save 会完成吗？",
        "job is cancelled at 0.1 s while the shielded save still sleeps. Does save finish?",
    ),
    options: &[
        ("不会，跟 job 一起被取消", "No, it is cancelled with job"),
        ("会，它在 0.3 秒时写完", "Yes, it finishes at 0.3 s"),
    ],
    answer: |lanes| {
        let save = named(lanes, "save")?;
        let job = named(lanes, "job")?;
        let (t, how, _) = save.end.clone()?;
        let finished = how == How::Result;
        let job_end = job.end.as_ref().map_or(String::new(), |e| ms(e.0));
        Some(Answer {
            option: if finished { 1 } else { 0 },
            lane: save.name.clone(),
            why: why(
                format!(
                    "job 在 {job_end} 被取消；save 的泳道在 {} {}。",
                    ms(t),
                    if finished { "正常结束" } else { "被取消" }
                ),
                format!(
                    "job was cancelled at {job_end}; save's lane {} at {}.",
                    if finished { "returns" } else { "is cancelled" },
                    ms(t)
                ),
            ),
        })
    },
};

/// `asyncio.timeout`: when did main take its next step after the slow await?
pub const TIMEOUT: Question = Question {
    ask: (
        "slow_answer 要睡 1 秒，外面套着 0.2 秒的 timeout。main 什么时候接着运行？",
        "slow_answer sleeps 1 s inside a 0.2 s timeout. When does main go on?",
    ),
    options: &[("0.2 秒后", "After 0.2 s"), ("1 秒后", "After 1 s")],
    answer: |lanes| {
        let main = named(lanes, "main")?;
        let next = main.steps.get(1)?;
        let early = next.start - main.steps[0].end < 600.0;
        Some(Answer {
            option: if early { 0 } else { 1 },
            lane: main.name.clone(),
            why: why(
                format!("main 的第二步在 {} 开始。", ms(next.start)),
                format!("main's second step began at {}.", ms(next.start)),
            ),
        })
    },
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::pycell::tasks::{Event, Wait, WaitKind};
    use crate::core::pycell::Clock;

    fn lanes(events: Vec<Event>) -> Lanes {
        Lanes::of(&[vec![Event::Run { clock: Clock::Virtual }], events].concat())
    }

    fn task(id: u32, name: &str) -> Event {
        Event::Task { id, name: Some(name.into()), parent: if id == 0 { None } else { Some(0) }, t: 0.0, line: None }
    }

    fn step(id: u32, start: f64, line: Option<u32>) -> Event {
        Event::Step { id, start, end: start, line, wait: Some(Wait::of(WaitKind::Future)) }
    }

    fn end(id: u32, t: f64, how: How) -> Event {
        Event::End { id, t, how, what: None }
    }

    /// Order comes from the steps' sequence, not from times that tie on the virtual clock.
    #[test]
    fn order_questions_read_the_sequence() {
        let main_first = lanes(vec![task(0, "main"), task(1, "worker"), step(0, 0.0, None), step(1, 0.0, None)]);
        assert_eq!((CREATE_TASK.answer)(&main_first).map(|a| (a.option, a.lane)), Some((0, "worker".into())));
        let worker_first = lanes(vec![task(0, "main"), task(1, "worker"), step(1, 0.0, None), step(0, 0.0, None)]);
        assert_eq!((CREATE_TASK.answer)(&worker_first).map(|a| a.option), Some(1));
        let other = lanes(vec![task(0, "main"), task(1, "other"), step(0, 0.0, None), step(1, 0.0, None)]);
        assert_eq!((AWAIT_COROUTINE.answer)(&other).map(|a| a.option), Some(0));
    }

    /// How a task ended answers the failure and shield questions, both ways.
    #[test]
    fn endings_answer_both_ways() {
        for (how, option) in [(How::Cancelled, 0), (How::Result, 1)] {
            let run = lanes(vec![
                task(0, "main"),
                task(1, "broken"),
                task(2, "slow"),
                step(2, 0.0, None),
                end(2, 300.0, how),
            ]);
            assert_eq!((TASKGROUP_FAILURE.answer)(&run).map(|a| a.option), Some(option));
            assert_eq!((GATHER_FAILURE.answer)(&run).map(|a| (a.option, a.lane)), Some((option, "slow".into())));
            let shield = lanes(vec![
                task(0, "main"),
                task(1, "job"),
                task(2, "save"),
                end(1, 100.0, How::Cancelled),
                end(2, 300.0, how),
            ]);
            assert_eq!((CANCEL_SHIELD.answer)(&shield).map(|a| a.option), Some(option));
        }
    }

    /// Gaps and overlaps are measured, not assumed.
    #[test]
    fn gaps_and_overlaps_are_measured() {
        let ticks = |gap: f64| {
            lanes(vec![
                task(0, "main"),
                task(1, "Task-1"),
                step(1, 0.0, None),
                step(1, 100.0, None),
                step(1, 100.0 + gap, None),
            ])
        };
        assert_eq!((BLOCKING_CALL.answer)(&ticks(550.0)).map(|a| a.option), Some(1));
        assert_eq!((BLOCKING_CALL.answer)(&ticks(100.0)).map(|a| a.option), Some(0));
        // Two adders: interleaved (read, read, write, write) loses one; one after the other does not.
        let adders = |order: [u32; 4]| {
            let mut e = vec![task(0, "main"), task(1, "Task-1"), task(2, "Task-2")];
            e.extend(order.iter().map(|id| step(*id, 0.0, None)));
            lanes(e)
        };
        assert_eq!((LOST_UPDATE.answer)(&adders([1, 2, 1, 2])).map(|a| a.option), Some(1));
        assert_eq!((LOST_UPDATE.answer)(&adders([1, 1, 2, 2])).map(|a| a.option), Some(0));
        let forgot = lanes(vec![task(0, "main"), step(0, 0.0, Some(14)), step(0, 200.0, None)]);
        assert_eq!((FORGOTTEN_AWAIT.answer)(&forgot).map(|a| a.option), Some(1));
        let awaited = lanes(vec![task(0, "main"), step(0, 0.0, Some(8)), step(0, 100.0, None)]);
        assert_eq!((FORGOTTEN_AWAIT.answer)(&awaited).map(|a| a.option), Some(0));
        let timeout = |resumed: f64| lanes(vec![task(0, "main"), step(0, 0.0, Some(16)), step(0, resumed, None)]);
        assert_eq!((TIMEOUT.answer)(&timeout(200.0)).map(|a| a.option), Some(0));
        assert_eq!((TIMEOUT.answer)(&timeout(1000.0)).map(|a| a.option), Some(1));
    }

    /// What each misconception snippet really does, as CPython traces it on the virtual clock
    /// (tests/py/ holds the file to the tracer's output): the answer Python's rules give.
    #[test]
    fn the_snippets_own_traces_give_pythons_answers() {
        use crate::core::pycell::snippets::Snippet;
        let traces: std::collections::HashMap<String, Vec<Event>> =
            serde_json::from_str(include_str!("../../../tests/py/snippet-traces.json")).unwrap();
        let expected = [
            (Snippet::CreateTask, 0),
            (Snippet::AwaitCoroutine, 0),
            (Snippet::GatherFailure, 1),
            (Snippet::TaskGroupFailure, 0),
            (Snippet::BlockingCall, 1),
            (Snippet::ForgottenAwait, 1),
            (Snippet::LostUpdate, 1),
            (Snippet::CancelShield, 1),
            (Snippet::Timeout, 0),
        ];
        let asking: Vec<Snippet> = Snippet::ALL.into_iter().filter(|s| s.question().is_some()).collect();
        assert_eq!(asking, expected.map(|e| e.0), "every question is checked here");
        for (snippet, option) in expected {
            let lanes = Lanes::of(&traces[snippet.id()]);
            let answer = (snippet.question().unwrap().answer)(&lanes);
            assert_eq!(answer.as_ref().map(|a| a.option), Some(option), "{snippet:?}: {answer:?}");
            let lane = answer.unwrap().lane;
            assert!(lanes.lanes.iter().any(|l| l.name == lane), "{snippet:?} points at a lane that exists");
        }
    }

    /// A trace without the lanes a question reads gives no answer rather than a wrong one.
    #[test]
    fn a_trace_without_its_lanes_gives_no_answer() {
        let bare = lanes(vec![task(0, "main")]);
        for q in
            [CREATE_TASK, AWAIT_COROUTINE, GATHER_FAILURE, TASKGROUP_FAILURE, BLOCKING_CALL, LOST_UPDATE, CANCEL_SHIELD]
        {
            assert_eq!((q.answer)(&bare), None, "{q:?}");
        }
    }
}

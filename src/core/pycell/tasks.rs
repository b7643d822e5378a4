//! A traced asyncio run of the cell, as `www/py/asynctrace.py` records it: the events it sends, the
//! lanes they make (one per task: its steps, the waits between them, how it ended, who created
//! it) and the run as a Chrome trace. Pure data: the lanes' drawing reads [`Lanes`], and the
//! tracer's own tests (tests/py/) check the events these types read.

use super::Clock;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

crate::id_table! {
    /// What a task waits on after a step: the innermost asyncio call of its await chain.
    pub enum WaitKind {
        /// `asyncio.sleep(delay)` (a bare `sleep(0)` too).
        Sleep = "sleep",
        /// Another task, awaited directly.
        Task = "task",
        /// `asyncio.gather`.
        Gather = "gather",
        /// `asyncio.wait`.
        Wait = "wait",
        /// `asyncio.wait_for`.
        WaitFor = "wait_for",
        /// `Queue.get`.
        QueueGet = "queue.get",
        /// `Queue.put` on a full queue.
        QueuePut = "queue.put",
        /// `Queue.join`.
        QueueJoin = "queue.join",
        /// `Lock.acquire` (`async with lock`).
        Lock = "lock",
        /// `Semaphore.acquire`.
        Semaphore = "semaphore",
        /// `Event.wait`.
        Event = "event",
        /// `Condition.wait` or `wait_for`.
        Condition = "condition",
        /// The end of an `async with TaskGroup()` block.
        TaskGroup = "taskgroup",
        /// The end of an `async with asyncio.timeout()` block.
        Timeout = "timeout",
        /// `pyodide.http.pyfetch`: a request through the browser.
        Fetch = "fetch",
        /// Any other future (`run_in_executor`, one made by hand).
        Future = "future",
        /// Blocked in an event loop it started itself (`asyncio.run()` at the top level, which
        /// in the browser runs the loop inside the caller's step): the lane's own reading.
        Loop = "loop",
    }
}

crate::id_table! {
    /// How a task ended.
    pub enum How {
        /// It returned.
        Result = "result",
        /// An exception escaped it.
        Exception = "exception",
        /// It was cancelled.
        Cancelled = "cancelled",
    }
}

/// What a task waits on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Wait {
    /// The kind of wait.
    pub kind: WaitKind,
    /// A sleep's delay, s.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delay: Option<f64>,
    /// The awaited task's id (none when it is not a traced task).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task: Option<u32>,
    /// The tasks a `gather`, `wait` or TaskGroup waits for.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tasks: Vec<u32>,
}

impl Wait {
    /// A wait on nothing named (a kind alone).
    pub fn of(kind: WaitKind) -> Wait {
        Wait { kind, delay: None, task: None, tasks: Vec::new() }
    }

    /// The tasks this wait waits for.
    pub fn awaited(&self) -> impl Iterator<Item = u32> + '_ {
        self.task.into_iter().chain(self.tasks.iter().copied())
    }
}

/// One event of the tracer; times in ms from the start of the run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "e", rename_all = "lowercase")]
pub enum Event {
    /// The run's clock (first; a trace saved before clocks existed has none: real time).
    Run { clock: Clock },
    /// A task was created (id 0: the top-level code, "main").
    Task { id: u32, name: Option<String>, parent: Option<u32>, t: f64, line: Option<u32> },
    /// One step of a task: it ran from `start` to `end`, then stopped at `line` waiting on `wait`
    /// (neither on its last step).
    Step { id: u32, start: f64, end: f64, line: Option<u32>, wait: Option<Wait> },
    /// A task ended; `what`: the result's repr or the exception's type.
    End { id: u32, t: f64, how: How, what: Option<String> },
}

/// One step of a lane.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    /// Ran from (ms).
    pub start: f64,
    /// Ran until (ms).
    pub end: f64,
    /// The learner's line it stopped at.
    pub line: Option<u32>,
    /// What it waited on after this step, until its next step.
    pub wait: Option<Wait>,
    /// Its place among all the run's steps in the order they ended (the tracer writes them so):
    /// on the virtual clock many steps share one instant, and this still orders them.
    pub seq: usize,
}

/// One task's lane.
#[derive(Clone, Debug, PartialEq)]
pub struct Lane {
    /// Task id (0: the top level).
    pub id: u32,
    /// Its name (`Task.get_name()`).
    pub name: String,
    /// The task that created it.
    pub parent: Option<u32>,
    /// Created at (ms).
    pub created: f64,
    /// The line that created it.
    pub line: Option<u32>,
    /// Its steps, in time order.
    pub steps: Vec<Step>,
    /// How and when it ended (none: still pending when the run stopped).
    pub end: Option<(f64, How, Option<String>)>,
}

/// A traced run: one lane per task, the top level first, then in order of creation.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Lanes {
    /// The lanes.
    pub lanes: Vec<Lane>,
    /// The clock the run's times were read on.
    pub clock: Clock,
}

impl Lanes {
    /// The lanes of `events` (in any order; a step or end of a task never announced is dropped).
    pub fn of(events: &[Event]) -> Lanes {
        let mut lanes: Vec<Lane> = events
            .iter()
            .filter_map(|e| match e {
                Event::Task { id, name, parent, t, line } => Some(Lane {
                    id: *id,
                    name: name.clone().unwrap_or_else(|| format!("Task-{id}")),
                    parent: *parent,
                    created: *t,
                    line: *line,
                    steps: Vec::new(),
                    end: None,
                }),
                _ => None,
            })
            .collect();
        lanes.sort_by(|a, b| {
            (a.id != 0, a.created, a.id).partial_cmp(&(b.id != 0, b.created, b.id)).expect("times are numbers")
        });
        // A lane by task id: a run of 1,000 tasks has ~11,000 events, read on the page's thread.
        let at: std::collections::HashMap<u32, usize> = lanes.iter().enumerate().map(|(i, l)| (l.id, i)).collect();
        for (seq, e) in events.iter().enumerate() {
            match e {
                Event::Step { id, start, end, line, wait } => {
                    if let Some(&i) = at.get(id) {
                        lanes[i].steps.push(Step { start: *start, end: *end, line: *line, wait: wait.clone(), seq });
                    }
                }
                Event::End { id, t, how, what } => {
                    if let Some(&i) = at.get(id) {
                        lanes[i].end = Some((*t, *how, what.clone()));
                    }
                }
                Event::Task { .. } | Event::Run { .. } => {}
            }
        }
        for l in &mut lanes {
            l.steps.sort_by(|a, b| a.start.total_cmp(&b.start).then(a.seq.cmp(&b.seq)));
        }
        let clock = events.iter().find_map(|e| if let Event::Run { clock } = e { Some(*clock) } else { None });
        let clock = clock.unwrap_or_default();
        // On the virtual clock steps take no time and many share one instant, and the top level
        // never holds a loop of its own (asyncio.run is awaited there): nothing encloses.
        if clock == Clock::Real {
            split_enclosing(&mut lanes);
        }
        Lanes { lanes, clock }
    }

    /// The end of the last step or task (ms): the run's length.
    pub fn span_ms(&self) -> f64 {
        self.lanes
            .iter()
            .flat_map(|l| l.steps.iter().map(|s| s.end).chain(l.end.as_ref().map(|e| e.0)))
            .fold(0.0, f64::max)
    }

    /// Who woke whom: `(finished task, woken task, when)` for every wait on tasks (one awaited
    /// directly, or by `gather`, `wait` or a TaskGroup) that ended with the task's next step. Of
    /// the tasks a wait names, the last to finish before that step is the one that woke it.
    /// One pass over the steps, so a run of thousands of tasks is read quickly.
    pub fn wakes(&self) -> Vec<(u32, u32, f64)> {
        let ended: std::collections::HashMap<u32, f64> =
            self.lanes.iter().filter_map(|l| l.end.as_ref().map(|e| (l.id, e.0))).collect();
        let mut out = Vec::new();
        for l in &self.lanes {
            for w in l.steps.windows(2) {
                let Some(wait) = &w[0].wait else { continue };
                let last = wait
                    .awaited()
                    .filter_map(|a| ended.get(&a).map(|t| (a, *t)))
                    .filter(|(_, t)| *t <= w[1].start && *t >= w[0].end)
                    .max_by(|a, b| a.1.total_cmp(&b.1));
                if let Some((by, t)) = last {
                    out.push((by, l.id, t));
                }
            }
        }
        out
    }

    /// The tasks `task`'s end woke (see [`Lanes::wakes`]).
    pub fn woken_by(&self, task: u32) -> Vec<u32> {
        self.wakes().into_iter().filter(|w| w.0 == task).map(|w| w.1).collect()
    }

    /// The run as a Chrome trace: one thread per task named after it, each step an `X` event, each
    /// wait an `X` event of category `wait` with what it awaited; times in µs from the start.
    pub fn chrome_trace(&self) -> String {
        let mut events: Vec<Value> =
            vec![json!({ "name": "process_name", "ph": "M", "pid": 1, "args": { "name": "asyncio" } })];
        for (i, l) in self.lanes.iter().enumerate() {
            let tid = l.id + 1;
            events.push(json!({ "name": "thread_name", "ph": "M", "pid": 1, "tid": tid, "args": { "name": l.name } }));
            events.push(
                json!({ "name": "thread_sort_index", "ph": "M", "pid": 1, "tid": tid, "args": { "sort_index": i } }),
            );
            for (j, s) in l.steps.iter().enumerate() {
                events.push(json!({
                    "name": "step", "cat": "step", "ph": "X", "pid": 1, "tid": tid,
                    "ts": s.start * 1000.0, "dur": ((s.end - s.start) * 1000.0).max(0.0), "args": { "line": s.line },
                }));
                let (Some(wait), Some(next)) = (&s.wait, l.steps.get(j + 1)) else { continue };
                events.push(json!({
                    "name": format!("await {}", wait.kind), "cat": "wait", "ph": "X", "pid": 1, "tid": tid,
                    "ts": s.end * 1000.0, "dur": ((next.start - s.end) * 1000.0).max(0.0),
                    "args": { "awaiting": wait_label(wait, self), "line": s.line },
                }));
            }
        }
        serde_json::to_string(&json!({ "traceEvents": events, "displayTimeUnit": "ms" })).expect("a trace serialises")
    }
}

/// One thread runs one step at a time, so a step that encloses other tasks' steps did not run
/// all that while: it was blocked in an event loop of its own making (`asyncio.run(main())` at
/// the top level). Such a step becomes its start, a wait on that loop, and its end.
fn split_enclosing(lanes: &mut [Lane]) {
    // Every step by start time: the steps inside one are those that follow it and start before
    // it ends, so each step looks only at its next few neighbours, not at every step.
    let mut all: Vec<(f64, f64, u32)> =
        lanes.iter().flat_map(|l| l.steps.iter().map(move |s| (s.start, s.end, l.id))).collect();
    all.sort_by(|a, b| a.0.total_cmp(&b.0));
    for l in lanes.iter_mut() {
        let mut out = Vec::with_capacity(l.steps.len());
        for s in std::mem::take(&mut l.steps) {
            let from = all.partition_point(|x| x.0 < s.start);
            let inner = all[from..].iter().take_while(|x| x.0 <= s.end).filter(|x| x.2 != l.id && x.1 <= s.end);
            let (first, last) =
                inner.fold((f64::INFINITY, f64::NEG_INFINITY), |(f, z), (a, b, _)| (f.min(*a), z.max(*b)));
            if first.is_finite() {
                let wait = Wait::of(WaitKind::Loop);
                out.push(Step { start: s.start, end: first, line: None, wait: Some(wait), seq: s.seq });
                out.push(Step { start: last, ..s });
            } else {
                out.push(s);
            }
        }
        l.steps = out;
    }
}

/// A lane's steps as drawn: runs of steps less than `min_gap` ms apart become one bar
/// `(start, end, steps)`, so a run of thousands of steps stays a few hundred shapes.
pub fn bars(steps: &[Step], min_gap: f64) -> Vec<(f64, f64, usize)> {
    let mut out: Vec<(f64, f64, usize)> = Vec::new();
    for s in steps {
        match out.last_mut() {
            Some(last) if s.start - last.1 < min_gap => {
                last.1 = last.1.max(s.end);
                last.2 += 1;
            }
            _ => out.push((s.start, s.end, 1)),
        }
    }
    out
}

/// What a wait awaits, as a lane labels it: `sleep(0.5)`, `task B`, `queue.get`.
pub fn wait_label(w: &Wait, lanes: &Lanes) -> String {
    match (w.kind, w.delay, w.task) {
        (WaitKind::Sleep, Some(d), _) => format!("sleep({d})"),
        (WaitKind::Task, _, Some(t)) => {
            let name = lanes.lanes.iter().find(|l| l.id == t).map_or_else(|| format!("Task-{t}"), |l| l.name.clone());
            format!("task {name}")
        }
        (WaitKind::Loop, _, _) => "event loop".into(),
        (kind, _, _) => kind.id().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shape asynctrace.py writes (its own tests check it writes this).
    const EVENTS: &str = r#"[
        {"e": "task", "id": 0, "name": "main", "parent": null, "t": 0.0, "line": null},
        {"e": "task", "id": 1, "name": "A", "parent": 0, "t": 0.1, "line": 7},
        {"e": "step", "id": 0, "start": 0.0, "end": 0.2, "line": 8, "wait": {"kind": "task", "task": 1}},
        {"e": "step", "id": 1, "start": 0.3, "end": 0.4, "line": 3, "wait": {"kind": "sleep", "delay": 0.5}},
        {"e": "step", "id": 1, "start": 500.4, "end": 500.5, "line": null, "wait": null},
        {"e": "end", "id": 1, "t": 500.5, "how": "result", "what": "2"},
        {"e": "step", "id": 0, "start": 500.6, "end": 500.7, "line": null, "wait": null},
        {"e": "end", "id": 0, "t": 500.7, "how": "result", "what": "None"}
    ]"#;

    fn lanes() -> Lanes {
        Lanes::of(&serde_json::from_str::<Vec<Event>>(EVENTS).unwrap())
    }

    #[test]
    fn events_make_one_lane_per_task_in_order() {
        let l = lanes();
        assert_eq!(
            l.lanes.iter().map(|x| (x.id, x.name.as_str(), x.parent)).collect::<Vec<_>>(),
            [(0, "main", None), (1, "A", Some(0))]
        );
        assert_eq!(l.lanes[1].steps.len(), 2);
        assert_eq!(l.lanes[1].steps[0].wait, Some(Wait { delay: Some(0.5), ..Wait::of(WaitKind::Sleep) }));
        assert_eq!(l.lanes[1].end, Some((500.5, How::Result, Some("2".into()))));
        assert_eq!(l.span_ms(), 500.7);
        assert_eq!(wait_label(l.lanes[0].steps[0].wait.as_ref().unwrap(), &l), "task A");
        assert_eq!(wait_label(l.lanes[1].steps[0].wait.as_ref().unwrap(), &l), "sleep(0.5)");
    }

    /// What the tracer really writes for a TaskGroup of two sleeping tasks (tests/py/ holds the
    /// file to the tracer's output).
    #[test]
    fn the_tracers_own_sample_reads() {
        let events: Vec<Event> = serde_json::from_str(include_str!("../../../tests/py/trace-sample.json")).unwrap();
        let l = Lanes::of(&events);
        assert_eq!(l.lanes.iter().map(|x| x.name.as_str()).collect::<Vec<_>>(), ["main", "a", "b"]);
        assert_eq!(l.lanes[0].steps[0].wait.as_ref().map(|w| w.kind), Some(WaitKind::TaskGroup));
        assert_eq!(l.lanes[1].line, Some(8));
        assert_eq!(l.lanes[2].steps[0].wait, Some(Wait { delay: Some(0.002), ..Wait::of(WaitKind::Sleep) }));
        assert!(l.lanes.iter().all(|x| x.end.as_ref().is_some_and(|e| e.1 == How::Result)));
    }

    /// `asyncio.run(main())` in the browser: the top level's one step holds every other step.
    #[test]
    fn a_step_that_holds_the_loop_is_split_around_it() {
        let step = |id, start, end| Event::Step { id, start, end, line: None, wait: None };
        let task = |id| Event::Task { id, name: None, parent: Some(0), t: 0.0, line: None };
        let l = Lanes::of(&[task(0), task(1), step(0, 0.0, 10.0), step(1, 2.0, 3.0), step(1, 6.0, 7.0)]);
        let top: Vec<(f64, f64, Option<WaitKind>)> =
            l.lanes[0].steps.iter().map(|s| (s.start, s.end, s.wait.as_ref().map(|w| w.kind))).collect();
        assert_eq!(top, [(0.0, 2.0, Some(WaitKind::Loop)), (7.0, 10.0, None)]);
        assert_eq!(l.lanes[1].steps.len(), 2, "the inner task's steps stay as they are");
        assert_eq!(wait_label(l.lanes[0].steps[0].wait.as_ref().unwrap(), &l), "event loop");
    }

    /// 1,000 tasks × 10 steps, back to back, as the page reads them: every step kept, none split.
    #[test]
    fn a_large_run_reads_whole() {
        let mut events: Vec<Event> =
            (0..1000).map(|id| Event::Task { id, name: None, parent: Some(0), t: 0.0, line: None }).collect();
        for round in 0..10 {
            for id in 0..1000u32 {
                let t = f64::from(round * 1000 + id);
                events.push(Event::Step { id, start: t, end: t + 0.5, line: Some(3), wait: None });
            }
        }
        let l = Lanes::of(&events);
        assert_eq!(l.lanes.len(), 1000);
        assert!(l.lanes.iter().all(|x| x.steps.len() == 10));
    }

    #[test]
    fn close_steps_merge_into_one_bar() {
        let step = |start, end| Step { start, end, line: None, wait: None, seq: 0 };
        let steps = [step(0.0, 1.0), step(1.2, 2.0), step(10.0, 11.0)];
        assert_eq!(bars(&steps, 0.5), [(0.0, 2.0, 2), (10.0, 11.0, 1)]);
        assert_eq!(bars(&steps, 0.1).len(), 3);
        assert!(bars(&[], 1.0).is_empty());
    }

    #[test]
    fn a_finished_task_wakes_its_waiters() {
        let l = lanes();
        assert_eq!(l.woken_by(1), [0]);
        assert!(l.woken_by(0).is_empty());
        assert_eq!(l.wakes(), [(1, 0, 500.5)]);
    }

    /// A gather of two tasks is woken by the later of them only.
    #[test]
    fn a_gather_is_woken_by_its_last_task() {
        let task = |id| Event::Task { id, name: None, parent: Some(0), t: 0.0, line: None };
        let gather = Wait { tasks: vec![1, 2], ..Wait::of(WaitKind::Gather) };
        let step = |id, start: f64, wait| Event::Step { id, start, end: start, line: None, wait };
        let end = |id, t| Event::End { id, t, how: How::Result, what: None };
        let l = Lanes::of(&[
            task(0),
            task(1),
            task(2),
            step(0, 0.0, Some(gather)),
            step(1, 10.0, None),
            end(1, 10.0),
            step(2, 30.0, None),
            end(2, 30.0),
            step(0, 31.0, None),
        ]);
        assert_eq!(l.wakes(), [(2, 0, 30.0)]);
    }

    #[test]
    fn bad_events_are_refused_and_strays_dropped() {
        assert!(serde_json::from_str::<Vec<Event>>(r#"[{"e": "step", "id": 0}]"#).is_err());
        assert!(serde_json::from_str::<Vec<Event>>(r#"[{"e": "end", "id": 0, "t": 1, "how": "exploded"}]"#).is_err());
        let stray = Lanes::of(&[Event::Step { id: 9, start: 0.0, end: 1.0, line: None, wait: None }]);
        assert!(stray.lanes.is_empty());
    }

    #[test]
    fn chrome_trace_has_a_named_thread_per_task_and_waits_with_what_they_await() {
        let v: Value = serde_json::from_str(&lanes().chrome_trace()).unwrap();
        let ev = v["traceEvents"].as_array().unwrap();
        let names: Vec<&str> =
            ev.iter().filter(|e| e["name"] == "thread_name").map(|e| e["args"]["name"].as_str().unwrap()).collect();
        assert_eq!(names, ["main", "A"]);
        let waits: Vec<&Value> = ev.iter().filter(|e| e["cat"] == "wait").collect();
        assert_eq!(waits.len(), 2);
        let sleep = waits.iter().find(|e| e["tid"] == 2).unwrap();
        assert_eq!(sleep["args"]["awaiting"], "sleep(0.5)");
        assert_eq!(sleep["ts"], 400.0);
        assert!((sleep["dur"].as_f64().unwrap() - 500_000.0).abs() < 1e-6);
        assert_eq!(ev.iter().filter(|e| e["ph"] == "X" && e["cat"] == "step").count(), 4);
    }
}

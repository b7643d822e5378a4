//! A run as a Chrome trace (the "Trace Event Format" that Perfetto and `chrome://tracing`
//! open): one process per mode, one thread track per lane (pool thread, worker, event loop),
//! and one complete event (`"ph": "X"`) per task or request, timed from the mode's own start.
//! `global-lock`'s threads also get one `"cat": "wait"` event per wait for the emulated GIL, so
//! Perfetto shows one thread running while the others wait.

use super::io_report::IoReport;
use super::report::ModeOutcome;
use super::timeline::Lane;
use serde::Serialize;
use serde_json::{json, Value};

/// One task or request on a lane: `(name, lane, start ms, end ms, args)`.
pub struct Slice {
    /// The event's name ("S(17)", "image 3").
    pub name: String,
    /// Where it ran.
    pub lane: Lane,
    /// Start, ms from the mode's start.
    pub start_ms: f64,
    /// End, ms from the mode's start.
    pub end_ms: f64,
    /// Extra facts shown when the event is selected.
    pub args: Value,
    /// A wait for a lock rather than work: its event's category is `wait`.
    pub wait: bool,
}

/// A mode's part of the trace.
pub struct Process {
    /// The process name ("rayon · k = 2").
    pub name: String,
    /// Its tasks or requests.
    pub slices: Vec<Slice>,
}

/// The lane's track name.
pub fn lane_label(lane: Lane) -> String {
    match lane {
        Lane::Main => "main thread".into(),
        Lane::EventLoop => "event loop".into(),
        Lane::Thread(t) => format!("pool thread {t}"),
        Lane::Worker(w) => format!("worker {w}"),
    }
}

/// A stable thread id per lane within a process (the main thread first).
fn tid(lane: Lane) -> u32 {
    match lane {
        Lane::Main => 1,
        Lane::EventLoop => 2,
        Lane::Thread(t) => 100 + u32::from(t),
        Lane::Worker(w) => 1000 + u32::from(w),
    }
}

#[derive(Serialize)]
struct Complete<'a> {
    name: &'a str,
    cat: &'static str,
    ph: &'static str,
    ts: f64,
    dur: f64,
    pid: u32,
    tid: u32,
    args: &'a Value,
}

/// The trace of `processes` (pid = position + 1), as a JSON text. `category` names what the
/// events are ("task", "request"); waits are `wait` whatever it says.
pub fn trace_json(processes: &[Process], category: &'static str) -> String {
    let mut events: Vec<Value> = Vec::new();
    for (i, p) in processes.iter().enumerate() {
        let pid = i as u32 + 1;
        events.push(json!({ "name": "process_name", "ph": "M", "pid": pid, "args": { "name": p.name } }));
        events.push(json!({ "name": "process_sort_index", "ph": "M", "pid": pid, "args": { "sort_index": pid } }));
        let mut lanes: Vec<Lane> = p.slices.iter().map(|s| s.lane).collect();
        lanes.sort_by_key(|l| tid(*l));
        lanes.dedup();
        for lane in lanes {
            events.push(json!({
                "name": "thread_name", "ph": "M", "pid": pid, "tid": tid(lane), "args": { "name": lane_label(lane) }
            }));
        }
        for s in &p.slices {
            let e = Complete {
                name: &s.name,
                cat: if s.wait { "wait" } else { category },
                ph: "X",
                // Microseconds, as the format wants.
                ts: s.start_ms * 1000.0,
                dur: ((s.end_ms - s.start_ms) * 1000.0).max(0.0),
                pid,
                tid: tid(s.lane),
                args: &s.args,
            };
            events.push(serde_json::to_value(e).expect("an event always serialises"));
        }
    }
    serde_json::to_string(&json!({ "traceEvents": events, "displayTimeUnit": "ms" })).expect("a trace serialises")
}

/// The CPU run's trace: each mode's timeline (the round nearest its median), a task per event.
pub fn cpu_trace(outcomes: &[&ModeOutcome]) -> String {
    let processes: Vec<Process> = outcomes
        .iter()
        .map(|o| Process {
            name: format!("{} · k = {}", o.mode.id(), o.threads),
            slices: o
                .spans
                .iter()
                .map(|s| Slice {
                    name: format!("S({})", s.task),
                    lane: s.lane,
                    start_ms: s.start,
                    end_ms: s.end,
                    args: json!({ "task": s.task }),
                    wait: false,
                })
                .chain(o.waits.iter().map(|w| Slice {
                    name: "waiting for the lock".into(),
                    lane: w.lane,
                    start_ms: w.start,
                    end_ms: w.end,
                    args: json!({ "waited_ms": w.end - w.start }),
                    wait: true,
                }))
                .collect(),
        })
        .collect();
    trace_json(&processes, "task")
}

/// The I/O run's trace: each mode's requests on the lane that made them.
pub fn io_trace(report: &IoReport) -> String {
    let processes: Vec<Process> = report
        .runs
        .iter()
        .map(|e| Process {
            name: format!("{} · k = {}", e.mode.id(), e.k),
            slices: e
                .requests
                .iter()
                .map(|r| Slice {
                    name: format!("image {}", r.index),
                    lane: r.lane,
                    start_ms: r.start_ms,
                    end_ms: r.end_ms,
                    args: json!({ "url": r.url, "status": r.status, "bytes": r.bytes, "ok": r.ok }),
                    wait: false,
                })
                .collect(),
        })
        .collect();
    trace_json(&processes, "request")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::cpu_modes::CpuMode;
    use crate::core::report::Status;
    use crate::core::timeline::Span;

    /// One process per mode, one named track per lane, one complete event per task, in µs.
    #[test]
    fn one_event_per_task() {
        let span = |task, lane, start, end| Span { task, lane, start, end };
        let o = |mode, spans: Vec<Span>| ModeOutcome {
            mode,
            threads: 2,
            chunk: None,
            status: Status::Done,
            error: None,
            wall_ms: 3.0,
            samples_ms: vec![3.0],
            startup_ms: 0.0,
            tasks_done: spans.len() as u32,
            values: vec![],
            spans,
            waits: Vec::new(),
        };
        let rayon = o(
            CpuMode::Rayon,
            vec![
                span(1, Lane::Thread(0), 0.0, 1.5),
                span(2, Lane::Thread(1), 0.0, 2.0),
                span(3, Lane::Thread(0), 1.5, 3.0),
            ],
        );
        let serial = o(CpuMode::Serial, vec![span(1, Lane::Worker(0), 0.0, 1.0)]);
        let t: Value = serde_json::from_str(&cpu_trace(&[&serial, &rayon])).unwrap();
        let events = t["traceEvents"].as_array().unwrap();
        let x: Vec<&Value> = events.iter().filter(|e| e["ph"] == "X").collect();
        assert_eq!(x.len(), 4);
        assert_eq!(x.iter().filter(|e| e["pid"] == 2).count(), 3);
        let s2 = x.iter().find(|e| e["name"] == "S(2)").unwrap();
        assert_eq!((s2["ts"].as_f64(), s2["dur"].as_f64()), (Some(0.0), Some(2000.0)));
        let names: Vec<&str> = events
            .iter()
            .filter(|e| e["name"] == "thread_name" && e["pid"] == 2)
            .map(|e| e["args"]["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["pool thread 0", "pool thread 1"]);
        let procs: Vec<&str> = events
            .iter()
            .filter(|e| e["name"] == "process_name")
            .map(|e| e["args"]["name"].as_str().unwrap())
            .collect();
        assert_eq!(procs, ["serial · k = 2", "rayon · k = 2"]);
    }

    /// `global-lock`'s waits are events of their own category on the waiting thread's track,
    /// beside its tasks.
    #[test]
    fn waits_are_wait_events() {
        let mut o = ModeOutcome {
            mode: CpuMode::GlobalLock,
            threads: 2,
            chunk: None,
            status: Status::Done,
            error: None,
            wall_ms: 10.0,
            samples_ms: vec![10.0],
            startup_ms: 0.0,
            tasks_done: 2,
            values: vec![],
            spans: vec![
                Span { task: 1, lane: Lane::Thread(0), start: 0.0, end: 5.0 },
                Span { task: 2, lane: Lane::Thread(1), start: 5.0, end: 10.0 },
            ],
            waits: vec![],
        };
        o.waits = vec![crate::core::timeline::Wait { lane: Lane::Thread(1), start: 0.0, end: 5.0 }];
        let t: Value = serde_json::from_str(&cpu_trace(&[&o])).unwrap();
        let x: Vec<&Value> = t["traceEvents"].as_array().unwrap().iter().filter(|e| e["ph"] == "X").collect();
        let cats: Vec<(&str, u64)> =
            x.iter().map(|e| (e["cat"].as_str().unwrap(), e["tid"].as_u64().unwrap())).collect();
        assert_eq!(cats, [("task", 100), ("task", 101), ("wait", 101)]);
        assert_eq!(x[2]["dur"].as_f64(), Some(5000.0));
    }
}

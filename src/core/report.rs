//! A finished CPU run as the learner sees and exports it: one entry per mode, with speedups
//! over its own engine's serial (`serial` for Rust, `py-serial` for Python) and whether every
//! `S(i)` matched the reference (Rust's `serial` when it ran), rendered as JSON or CSV.

use super::cpu_modes::CpuMode;
use super::engine::Engine;
use super::experiment::{ExperimentId, ModeFigure};
use super::lang::Lang;
use super::pipeline::{Experiment, Report};
use super::preset::Host;
use super::rounds::row_figures;
use super::stats::efficiency;
use super::timeline::{Span, Wait};
use super::workload::checksum;
use serde::{Deserialize, Serialize};
use std::borrow::Borrow;

pub use super::status::Status;

/// What one mode produced, before it is compared with the others.
#[derive(Clone, Debug, PartialEq)]
pub struct ModeOutcome {
    /// Which mode ran.
    pub mode: CpuMode,
    /// Threads or workers it computed on.
    pub threads: u32,
    /// Tasks per message (worker modes only).
    pub chunk: Option<u32>,
    /// How it ended.
    pub status: Status,
    /// Why it failed, if it did.
    pub error: Option<String>,
    /// Wall time of the timed run, start-up excluded (ms); over several rounds, the median of
    /// the finished rounds (or the interrupted round's partial time when Cancel stopped it).
    pub wall_ms: f64,
    /// Wall time of every finished round, in round order (ms).
    pub samples_ms: Vec<f64>,
    /// Bringing threads or workers up, before the warm-up (ms).
    pub startup_ms: f64,
    /// Tasks finished.
    pub tasks_done: u32,
    /// `S(i)` for every task when done (`values[j] = S(j + 1)`), empty otherwise.
    pub values: Vec<f64>,
    /// Every finished task of the timed run, on its lane.
    pub spans: Vec<Span>,
    /// Every wait for the emulated GIL in the same run (`global-lock` only).
    pub waits: Vec<Wait>,
}

/// One row of the results table and of the export.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunEntry {
    /// Mode id.
    pub mode: CpuMode,
    /// The runtime that computed it (reports saved before Python existed were all Rust).
    #[serde(default = "rust_engine")]
    pub engine: Engine,
    /// Threads or workers used (1 for the single-threaded modes).
    pub k: u32,
    /// Tasks per message, for the worker modes.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub chunk: Option<u32>,
    /// Timed wall time, start-up excluded (ms): the median of `samples_ms`.
    pub wall_ms: f64,
    /// Every round's wall time (ms), in round order.
    #[serde(default)]
    pub samples_ms: Vec<f64>,
    /// The fastest round (ms); `null` without a finished round.
    #[serde(default)]
    pub min_ms: Option<f64>,
    /// The slowest round (ms); `null` without a finished round.
    #[serde(default)]
    pub max_ms: Option<f64>,
    /// Start-up time (ms).
    pub startup_ms: f64,
    /// Tasks completed.
    pub tasks: u32,
    /// `Σ S(i)`; `null` unless done.
    pub checksum: Option<f64>,
    /// Every `S(i)` bit-identical to the reference mode's; `null` when there is nothing to compare.
    pub checksum_match: Option<bool>,
    /// Reference wall time over this one; `null` without a finished reference.
    pub speedup: Option<f64>,
    /// The range of the speedup over the rounds: `[lowest, highest]` of each round's serial
    /// time over this mode's time in the same round (always holding `speedup`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speedup_range: Option<(f64, f64)>,
    /// Speedup per thread.
    pub efficiency: Option<f64>,
    /// How it ended.
    pub status: Status,
    /// Why it failed.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub error: Option<String>,
}

fn rust_engine() -> Engine {
    Engine::Rust
}

/// The run's settings as exported.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Params {
    /// Experiment size.
    pub n: u32,
    /// Threads/workers chosen.
    pub k: u32,
    /// Tasks per message (the resolved number when the panel said "auto").
    pub chunk: u32,
    /// Whether the chunk size was chosen automatically.
    pub chunk_auto: bool,
    /// Tasks run untimed on the same threads before a mode's first timed run in the page.
    pub warmup_tasks: u32,
    /// Rounds: each mode was timed this many times, interleaved (median reported).
    #[serde(default = "one_round")]
    pub rounds: u32,
    /// `global-lock`'s switch interval (ms); reports from before it had CPython's 5.
    #[serde(default = "default_switch")]
    pub switch_ms: u32,
}

fn default_switch() -> u32 {
    crate::core::gil::DEFAULT_SWITCH_MS
}

/// Reports from before rounds existed timed each mode once.
pub fn one_round() -> u32 {
    1
}

/// The facts about the browser a reader needs to trust the numbers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Env {
    /// `navigator.hardwareConcurrency`.
    pub hardware_concurrency: u32,
    /// `crossOriginIsolated`.
    pub cross_origin_isolated: bool,
    /// Threads in the rayon pool the run used; `null` when no pool ran.
    pub pool_threads: Option<u32>,
    /// `navigator.userAgent`.
    pub user_agent: String,
    /// The Python interpreters started before the timed rounds (absent when no Python mode ran,
    /// and in reports from before the pool).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub python_pool: Option<crate::core::engine::PoolStart>,
}

/// The CPU experiment: its export is [`CpuReport`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Cpu;

/// The export of one CPU run.
pub type CpuReport = Report<Cpu>;

crate::experiment_mode!(CpuMode);

impl Experiment for Cpu {
    const ID: ExperimentId = ExperimentId::Cpu;
    type Mode = CpuMode;
    type Outcome = ModeOutcome;
    type Entry = RunEntry;
    type Params = Params;
    type Env = Env;

    fn mode_of(o: &ModeOutcome) -> CpuMode {
        o.mode
    }
    fn finished_units(o: &ModeOutcome) -> u32 {
        o.tasks_done
    }
    fn merge(rounds: &[ModeOutcome]) -> Option<ModeOutcome> {
        merge_rounds(rounds)
    }
    fn entries<O: Borrow<ModeOutcome>>(outcomes: &[O]) -> Vec<RunEntry> {
        entries(outcomes)
    }
    fn reference<O: Borrow<ModeOutcome>>(outcomes: &[O]) -> Option<CpuMode> {
        reference(outcomes).map(|o| o.mode)
    }
    fn figure(e: &RunEntry) -> ModeFigure {
        ModeFigure { mode: e.mode.id(), wall_ms: e.wall_ms, speedup: e.speedup, status: e.status }
    }
    fn summary(p: &Params) -> String {
        // CPython's default switch interval goes unsaid; another one is part of what was run.
        let switch = if p.switch_ms == super::gil::DEFAULT_SWITCH_MS {
            String::new()
        } else {
            format!(" switch={}", p.switch_ms)
        };
        format!("n={} k={} chunk={}{switch}", p.n, p.k, p.chunk)
    }
    fn query(report: &CpuReport, host: Host, lang: Lang) -> String {
        report.settings(host).to_query(lang)
    }
}

impl CpuReport {
    /// The settings that produced this report, checked against this host (a report from another
    /// machine may name more threads, or shared-memory modes this page cannot run).
    pub fn settings(&self, host: crate::core::preset::Host) -> crate::core::preset::CpuSettings {
        use crate::core::preset::{check_k, Chunk, CpuSettings};
        let defaults = CpuSettings::defaults(host);
        let modes: Vec<CpuMode> =
            self.runs.iter().map(|r| r.mode).filter(|m| host.isolated || !m.needs_shared_memory()).collect();
        CpuSettings {
            n: self.params.n.clamp(crate::core::preset::MIN_N, crate::core::preset::MAX_N),
            k: check_k(&self.params.k.to_string(), host).unwrap_or(defaults.k),
            chunk: if self.params.chunk_auto { Chunk::Auto } else { Chunk::Fixed(self.params.chunk.max(1)) },
            modes: if modes.is_empty() { defaults.modes } else { modes },
            rounds: self.params.rounds.clamp(super::rounds::MIN_ROUNDS, super::rounds::MAX_ROUNDS),
            switch_ms: self.params.switch_ms.clamp(super::gil::MIN_SWITCH_MS, super::gil::MAX_SWITCH_MS),
        }
    }
}

/// The mode others are compared with: `serial` if it finished, else the first finished mode.
/// (Outcomes by value or shared: the page renders from `Rc`s and must not copy every S(i).)
pub fn reference<O: Borrow<ModeOutcome>>(outcomes: &[O]) -> Option<&ModeOutcome> {
    let done = || outcomes.iter().map(Borrow::borrow).filter(|o: &&ModeOutcome| o.status == Status::Done);
    done().find(|o| o.mode == CpuMode::Serial).or_else(|| done().next())
}

/// Compares every outcome with the reference and computes speedups and efficiencies.
/// Speedups are only relative to the mode's own engine's serial baseline (a speedup over another
/// mode, or of Python over Rust, would mislead: [`python_over_rust`] says that one apart).
pub fn entries<O: Borrow<ModeOutcome>>(outcomes: &[O]) -> Vec<RunEntry> {
    let reference = reference(outcomes);
    let finished = |m: CpuMode| {
        outcomes.iter().map(Borrow::borrow).find(|r: &&ModeOutcome| r.mode == m && r.status == Status::Done)
    };
    outcomes
        .iter()
        .map(Borrow::borrow)
        .map(|o: &ModeOutcome| {
            let done = o.status == Status::Done;
            let f = row_figures(o, finished(o.mode.baseline()));
            let same = |r: &ModeOutcome| {
                r.values.len() == o.values.len()
                    && r.values.iter().zip(&o.values).all(|(a, b)| a.to_bits() == b.to_bits())
            };
            RunEntry {
                mode: o.mode,
                engine: o.mode.engine(),
                k: o.threads,
                chunk: o.chunk,
                wall_ms: o.wall_ms,
                samples_ms: o.samples_ms.clone(),
                min_ms: f.min_ms,
                max_ms: f.max_ms,
                startup_ms: o.startup_ms,
                tasks: o.tasks_done,
                checksum: done.then(|| checksum(&o.values)),
                checksum_match: if done { reference.map(same) } else { None },
                speedup: f.speedup,
                speedup_range: f.speedup_range,
                efficiency: f.speedup.map(|s| efficiency(s, o.threads)),
                status: o.status,
                error: o.error.clone(),
            }
        })
        .collect()
}

/// One mode's rounds, in round order, as one outcome: the median of the finished rounds as its
/// wall time, every finished round in `samples_ms`. A failed round makes the mode failed and an
/// interrupted one (Cancel) cancelled, keeping the samples before it; otherwise the timeline is
/// the round nearest the median, and the values are any round's that differ from the first
/// round's (so a mode that computed something else even once is flagged), else the first's.
/// `None` for no rounds.
pub fn merge_rounds(rounds: &[ModeOutcome]) -> Option<ModeOutcome> {
    super::rounds::merge(rounds, |done, median| {
        let nearest = done.iter().min_by(|a, b| (a.wall_ms - median).abs().total_cmp(&(b.wall_ms - median).abs()))?;
        let first = &done[0].values;
        let odd = done.iter().find(|o| {
            o.values.len() != first.len() || o.values.iter().zip(first).any(|(a, b)| a.to_bits() != b.to_bits())
        });
        Some(ModeOutcome { values: odd.map_or_else(|| first.clone(), |o| o.values.clone()), ..(*nearest).clone() })
    })
}

crate::round_of_outcome!(ModeOutcome);

/// How many times longer Python's `py-serial` took than Rust's `serial` in the same run, when
/// both finished: the interpreter's cost on this machine, the same maths and libm on both sides.
pub fn python_over_rust(entries: &[RunEntry]) -> Option<f64> {
    let done = |m: CpuMode| entries.iter().find(|e| e.mode == m && e.status == Status::Done).map(|e| e.wall_ms);
    let (py, rust) = (done(CpuMode::PySerial)?, done(CpuMode::Serial)?);
    (rust > 0.0 && py > 0.0).then(|| py / rust)
}

impl CpuReport {
    /// One CSV row per mode, with the run's settings repeated on each row.
    pub fn to_csv(&self) -> String {
        let mut out = String::from(
            "experiment,mode,engine,n,k,chunk,switch_ms,wall_ms,startup_ms,tasks,checksum,checksum_match,speedup,efficiency,status,error\n",
        );
        let num = |x: Option<f64>| x.map(|v| v.to_string()).unwrap_or_default();
        for r in &self.runs {
            let row = [
                self.experiment.id().to_string(),
                r.mode.id().to_string(),
                r.engine.id().to_string(),
                self.params.n.to_string(),
                r.k.to_string(),
                r.chunk.map(|c| c.to_string()).unwrap_or_default(),
                // The switch interval is global-lock's alone (the lock it hands over).
                if r.mode == CpuMode::GlobalLock { self.params.switch_ms.to_string() } else { String::new() },
                r.wall_ms.to_string(),
                r.startup_ms.to_string(),
                r.tasks.to_string(),
                num(r.checksum),
                r.checksum_match.map(|b| b.to_string()).unwrap_or_default(),
                num(r.speedup),
                num(r.efficiency),
                r.status.id().to_string(),
                r.error.clone().unwrap_or_default(),
            ];
            let cells: Vec<String> = row.iter().map(|c| csv_cell(c)).collect();
            out.push_str(&cells.join(","));
            out.push('\n');
        }
        out
    }
}

/// Quotes a CSV cell when it holds a comma, quote or line break (RFC 4180).
pub fn csv_cell(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::workload::run_serial;

    fn outcome(mode: CpuMode, threads: u32, wall_ms: f64, values: Vec<f64>) -> ModeOutcome {
        ModeOutcome {
            mode,
            threads,
            chunk: None,
            status: Status::Done,
            error: None,
            wall_ms,
            samples_ms: vec![wall_ms],
            startup_ms: 0.0,
            tasks_done: values.len() as u32,
            values,
            spans: vec![],
            waits: Vec::new(),
        }
    }

    /// Speedup and efficiency are relative to serial; a wrong value is flagged, a cancelled mode
    /// gets neither a checksum nor a speedup.
    #[test]
    fn entries_compare_with_serial() {
        let good = run_serial(50);
        let mut bad = good.clone();
        bad[10] = f64::from_bits(bad[10].to_bits() + 1);
        let mut cancelled = outcome(CpuMode::Async, 1, 5.0, vec![]);
        cancelled.status = Status::Cancelled;
        cancelled.tasks_done = 7;
        let e = entries(&[
            outcome(CpuMode::Serial, 1, 100.0, good.clone()),
            outcome(CpuMode::Rayon, 4, 25.0, good.clone()),
            outcome(CpuMode::Workers, 2, 200.0, bad),
            cancelled,
        ]);
        assert_eq!(e[0].speedup, Some(1.0));
        assert_eq!(e[1].speedup, Some(4.0));
        assert_eq!(e[1].efficiency, Some(1.0));
        assert_eq!(e[1].checksum_match, Some(true));
        assert_eq!(e[2].checksum_match, Some(false), "one bit off is a mismatch");
        assert_eq!(e[2].efficiency, Some(0.25));
        assert_eq!(e[3].status, Status::Cancelled);
        assert_eq!((e[3].checksum, e[3].speedup, e[3].checksum_match, e[3].tasks), (None, None, None, 7));
    }

    /// Each engine's speedups are over its own serial; Python's S(i) are still checked against
    /// Rust's `serial`, and the Python / Rust ratio needs both serials.
    #[test]
    fn engines_have_their_own_baselines() {
        let good = run_serial(40);
        let mut off = good.clone();
        off[3] = f64::from_bits(off[3].to_bits() ^ 1);
        let e = entries(&[
            outcome(CpuMode::Serial, 1, 10.0, good.clone()),
            outcome(CpuMode::Workers, 2, 5.0, good.clone()),
            outcome(CpuMode::PySerial, 1, 400.0, good.clone()),
            outcome(CpuMode::PyProcesses, 2, 200.0, off),
        ]);
        assert_eq!(
            e.iter().map(|r| r.engine).collect::<Vec<_>>(),
            [Engine::Rust, Engine::Rust, Engine::Python, Engine::Python]
        );
        assert_eq!(e.iter().map(|r| r.speedup).collect::<Vec<_>>(), [Some(1.0), Some(2.0), Some(1.0), Some(2.0)]);
        assert_eq!(e[2].checksum_match, Some(true), "py-serial against Rust's serial");
        assert_eq!(e[3].checksum_match, Some(false), "one bit off in Python is a mismatch too");
        assert_eq!(python_over_rust(&e), Some(40.0));
        let python_only = entries(&[outcome(CpuMode::PyAsyncio, 1, 30.0, good.clone())]);
        assert_eq!((python_only[0].speedup, python_over_rust(&python_only)), (None, None));
        let json: serde_json::Value = serde_json::to_value(&e[2]).unwrap();
        assert_eq!(json["engine"], "python");
        let old: RunEntry = serde_json::from_value(serde_json::json!({"mode": "serial", "k": 1, "wall_ms": 1.0,
            "startup_ms": 0.0, "tasks": 1, "checksum": null, "checksum_match": null, "speedup": null,
            "efficiency": null, "status": "done"}))
        .unwrap();
        assert_eq!(old.engine, Engine::Rust, "a report saved before engines existed reads as Rust");
    }

    /// Without serial there is no speedup, but modes are still checked against each other.
    #[test]
    fn without_serial() {
        let v = run_serial(20);
        let e = entries(&[outcome(CpuMode::Rayon, 2, 10.0, v.clone()), outcome(CpuMode::Async, 1, 30.0, v)]);
        assert_eq!(e[1].speedup, None);
        assert_eq!(e[1].checksum_match, Some(true));
    }

    /// The JSON has the shape and reads back; CSV quotes what needs quoting.
    #[test]
    fn json_and_csv() {
        let mut failed = outcome(CpuMode::Workers, 2, 0.0, vec![]);
        failed.status = Status::Failed;
        failed.error = Some("worker said \"no\", twice".into());
        let report = CpuReport {
            experiment: ExperimentId::Cpu,
            params: Params { n: 3000, k: 2, chunk: 16, chunk_auto: false, warmup_tasks: 1200, rounds: 1, switch_ms: 5 },
            env: Env {
                hardware_concurrency: 2,
                cross_origin_isolated: true,
                pool_threads: Some(2),
                user_agent: "UA".into(),
                python_pool: None,
            },
            reference: Some(CpuMode::Serial),
            runs: entries(&[outcome(CpuMode::Serial, 1, 80.0, run_serial(3000)), failed]),
            started_at: 0.0,
            predictions: vec![],
        };
        let json: serde_json::Value = serde_json::from_str(&report.to_json()).unwrap();
        assert_eq!(json["experiment"], "cpu");
        assert_eq!(json["params"]["chunk"], 16);
        assert_eq!(json["env"]["pool_threads"], 2);
        assert_eq!(json["runs"][0]["mode"], "serial");
        assert_eq!(json["runs"][0]["checksum"], 131_367_257.106_680_72);
        assert_eq!(json["runs"][0]["status"], "done");
        assert_eq!(json["runs"][1]["status"], "failed");
        assert_eq!(json["runs"][1]["error"], "worker said \"no\", twice");
        assert!(json["runs"][0].get("error").is_none());
        let back: CpuReport = serde_json::from_str(&report.to_json()).unwrap();
        assert_eq!(back, report);
        let csv = report.to_csv();
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), 3);
        // serial's switch_ms is empty: the switch interval is global-lock's alone.
        assert!(lines[1].starts_with("cpu,serial,rust,3000,1,,,80,0,2999,131367257.10668072,true,1,1,done,"));
        assert!(lines[2].ends_with(",failed,\"worker said \"\"no\"\", twice\""));
        // The history's line names a switch interval other than CPython's 5 ms.
        let mut p = report.params.clone();
        assert!(!<Cpu as Experiment>::summary(&p).contains("switch"));
        p.switch_ms = 50;
        assert!(<Cpu as Experiment>::summary(&p).ends_with(" switch=50"));
    }

    /// Three rounds: the median is the wall time, every sample is exported with min and max, and
    /// the speedup's range pairs the rounds.
    #[test]
    fn rounds_merge_into_a_median() {
        let v = run_serial(30);
        let serial: Vec<ModeOutcome> =
            [100.0, 120.0, 100.0].iter().map(|&t| outcome(CpuMode::Serial, 1, t, v.clone())).collect();
        let mut rayon: Vec<ModeOutcome> =
            [50.0, 50.0, 80.0].iter().map(|&t| outcome(CpuMode::Rayon, 2, t, v.clone())).collect();
        rayon[2].spans = vec![Span { task: 1, lane: crate::core::timeline::Lane::Thread(0), start: 0.0, end: 1.0 }];
        let (s, r) = (merge_rounds(&serial).unwrap(), merge_rounds(&rayon).unwrap());
        assert_eq!((s.wall_ms, s.samples_ms.clone()), (100.0, vec![100.0, 120.0, 100.0]));
        assert_eq!(r.wall_ms, 50.0);
        assert!(r.spans.is_empty(), "the timeline is a round nearest the median, not the 80 ms one");
        let e = entries(&[s, r]);
        assert_eq!((e[1].min_ms, e[1].max_ms), (Some(50.0), Some(80.0)));
        assert_eq!(e[1].samples_ms, vec![50.0, 50.0, 80.0]);
        assert_eq!(e[1].speedup, Some(2.0));
        assert_eq!(e[1].speedup_range, Some((1.25, 2.4)));
        let json: serde_json::Value = serde_json::to_value(&e[1]).unwrap();
        assert_eq!(json["samples_ms"], serde_json::json!([50.0, 50.0, 80.0]));
    }

    /// A round that computed something else flags the mode; Cancel in a later round keeps the
    /// samples before it; a failed round fails the mode.
    #[test]
    fn rounds_keep_what_went_wrong() {
        let good = run_serial(30);
        let mut bad = good.clone();
        bad[3] = f64::from_bits(bad[3].to_bits() ^ 1);
        let merged = merge_rounds(&[
            outcome(CpuMode::Workers, 2, 10.0, good.clone()),
            outcome(CpuMode::Workers, 2, 11.0, bad.clone()),
        ])
        .unwrap();
        assert_eq!(merged.values, bad);
        let mut cancelled = outcome(CpuMode::Async, 1, 3.0, vec![]);
        cancelled.status = Status::Cancelled;
        let merged = merge_rounds(&[outcome(CpuMode::Async, 1, 10.0, good.clone()), cancelled]).unwrap();
        assert_eq!((merged.status, merged.wall_ms, merged.samples_ms), (Status::Cancelled, 3.0, vec![10.0]));
        let mut failed = outcome(CpuMode::Rayon, 2, 0.0, vec![]);
        failed.status = Status::Failed;
        let merged = merge_rounds(&[failed, outcome(CpuMode::Rayon, 2, 5.0, good)]).unwrap();
        assert_eq!(merged.status, Status::Failed);
        assert_eq!(merge_rounds(&[]), None);
    }
}

/// What the native tests of the pipeline build CPU reports from.
#[cfg(test)]
pub(crate) mod fixtures {
    use super::{Env, ModeOutcome, Params};
    use crate::core::cpu_modes::CpuMode;
    use crate::core::status::Status;
    use crate::core::workload::run_serial;

    /// `mode` at n, 10 ms in one round; a finished one carries serial's values.
    pub fn outcome(mode: CpuMode, n: u32, status: Status, tasks_done: u32) -> ModeOutcome {
        ModeOutcome {
            mode,
            threads: 1,
            chunk: None,
            status,
            error: None,
            wall_ms: 10.0,
            samples_ms: vec![10.0],
            startup_ms: 0.0,
            tasks_done,
            values: if status == Status::Done { run_serial(n) } else { vec![] },
            spans: vec![],
            waits: Vec::new(),
        }
    }

    /// Settings for n at k = 2.
    pub fn params(n: u32, rounds: u32) -> Params {
        Params { n, k: 2, chunk: 4, chunk_auto: true, warmup_tasks: 0, rounds, switch_ms: 5 }
    }

    /// An isolated two-core host.
    pub fn env() -> Env {
        Env {
            hardware_concurrency: 2,
            cross_origin_isolated: true,
            pool_threads: None,
            user_agent: "UA".into(),
            python_pool: None,
        }
    }
}

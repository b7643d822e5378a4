//! Every finished run, kept for comparing and exporting. Bounded so it fits in localStorage.

use super::experiment::ExperimentId;
pub use super::experiment::ModeFigure;
use super::io_report::{Io, IoReport};
use super::lang::Lang;
use super::pipeline::{Experiment, Report};
use super::preset::Host;
use super::report::{csv_cell, Cpu, CpuReport};
use super::take_home::HomeResult;
use serde::{Deserialize, Serialize};

/// Most runs kept; the oldest go first.
pub const MAX_RUNS: usize = 40;
/// Largest serialised history kept (bytes); localStorage usually allows ~5 MB per origin.
pub const MAX_BYTES: usize = 2_500_000;

/// One finished run of any experiment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "experiment_kind", rename_all = "lowercase")]
pub enum Run {
    /// A CPU run.
    Cpu(CpuReport),
    /// An I/O run.
    Io(IoReport),
    /// A run of the take-home script on the learner's own Python, brought back as its file.
    Home(HomeResult),
}

/// `$body` with `$r` bound to the run's report, whatever its experiment (every arm is the same
/// generic code: a new experiment is one line here); `$home` for a take-home file.
macro_rules! each {
    ($run:expr, $r:ident => $body:expr, $h:ident => $home:expr) => {
        match $run {
            Run::Cpu($r) => $body,
            Run::Io($r) => $body,
            Run::Home($h) => $home,
        }
    };
}

/// An experiment whose runs the history keeps: how its report becomes a [`Run`].
pub trait Kept: Experiment {
    /// The report as a history entry.
    fn wrap(report: Report<Self>) -> Run;
}

impl Kept for Cpu {
    fn wrap(report: CpuReport) -> Run {
        Run::Cpu(report)
    }
}

impl Kept for Io {
    fn wrap(report: IoReport) -> Run {
        Run::Io(report)
    }
}

impl Run {
    /// When it started (ms since the epoch); also its id in the history.
    pub fn started_at(&self) -> f64 {
        each!(self, r => r.started_at, h => h.started_ms())
    }

    /// Which experiment it is a run of.
    pub fn experiment(&self) -> ExperimentId {
        fn of<E: Experiment>(_: &Report<E>) -> ExperimentId {
            E::ID
        }
        each!(self, r => of(r), h => ExperimentId::from_id(&h.experiment).unwrap_or(ExperimentId::Cpu))
    }

    /// The settings in a few words, e.g. `n=3000 k=2 chunk=16` or `count=48 simulated latency=100 k=4`.
    pub fn summary(&self) -> String {
        fn of<E: Experiment>(r: &Report<E>) -> String {
            E::summary(&r.params)
        }
        each!(self, r => of(r), h => h.summary())
    }

    /// Each mode's figures.
    pub fn figures(&self) -> Vec<ModeFigure> {
        each!(self, r => r.figures(), h => h.figures())
    }

    /// The query string of the link that reproduces its settings on `host`.
    pub fn query(&self, host: Host, lang: Lang) -> String {
        fn of<E: Experiment>(r: &Report<E>, host: Host, lang: Lang) -> String {
            E::query(r, host, lang)
        }
        each!(self, r => of(r, host, lang), h => h.query(lang))
    }
}

/// Adds `run` (newest first), then drops the oldest runs beyond [`MAX_RUNS`] or [`MAX_BYTES`].
pub fn push(history: &mut Vec<Run>, run: Run) {
    history.retain(|r| r.started_at() != run.started_at());
    history.insert(0, run);
    history.truncate(MAX_RUNS);
    while history.len() > 1 && serde_json::to_string(history).map_or(0, |s| s.len()) > MAX_BYTES {
        history.pop();
    }
}

/// One CSV line per mode of every run given.
pub fn to_csv(runs: &[Run]) -> String {
    let mut out = String::from("started_at,experiment,settings,mode,wall_ms,speedup,status\n");
    for run in runs {
        for f in run.figures() {
            let cells = [
                run.started_at().to_string(),
                run.experiment().id().into(),
                run.summary(),
                f.mode.into(),
                f.wall_ms.to_string(),
                f.speedup.map(|s| s.to_string()).unwrap_or_default(),
                f.status.id().into(),
            ];
            let cells: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
            out.push_str(&cells.join(","));
            out.push('\n');
        }
    }
    out
}

/// Mode ids appearing in any of `runs`, first-seen order: the rows of a comparison.
pub fn compared_modes(runs: &[&Run]) -> Vec<&'static str> {
    let mut modes: Vec<&'static str> = Vec::new();
    for r in runs {
        for f in r.figures() {
            if !modes.contains(&f.mode) {
                modes.push(f.mode);
            }
        }
    }
    modes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::cpu_modes::CpuMode;
    use crate::core::report::{entries, fixtures, ModeOutcome, Params, Status};

    fn cpu_run(at: f64, n: u32) -> Run {
        let o = ModeOutcome { startup_ms: 1.0, ..fixtures::outcome(CpuMode::Serial, n, Status::Done, n - 1) };
        Run::Cpu(CpuReport {
            experiment: crate::core::experiment::ExperimentId::Cpu,
            params: Params { warmup_tasks: 10, ..fixtures::params(n, 1) },
            env: fixtures::env(),
            reference: Some(CpuMode::Serial),
            runs: entries(&[o]),
            started_at: at,
            predictions: vec![],
        })
    }

    /// Newest first, no duplicates, at most MAX_RUNS.
    #[test]
    fn bounded_newest_first() {
        let mut h = Vec::new();
        for i in 0..(MAX_RUNS + 5) {
            push(&mut h, cpu_run(i as f64, 50));
        }
        assert_eq!(h.len(), MAX_RUNS);
        assert_eq!(h[0].started_at(), (MAX_RUNS + 4) as f64);
        let again = h[3].started_at();
        push(&mut h, cpu_run(again, 60));
        assert_eq!(h.len(), MAX_RUNS, "re-adding a run replaces it");
        assert!(matches!(&h[0], Run::Cpu(r) if r.params.n == 60));
    }

    /// Round-trips through JSON with its kind tag; summaries and CSV lines per mode.
    #[test]
    fn serialises_and_summarises() {
        let h = vec![cpu_run(5.0, 30)];
        let json = serde_json::to_string(&h).unwrap();
        assert!(json.contains("\"experiment_kind\":\"cpu\""));
        assert_eq!(serde_json::from_str::<Vec<Run>>(&json).unwrap(), h);
        assert_eq!(h[0].summary(), "n=30 k=2 chunk=4");
        assert_eq!(to_csv(&h).lines().nth(1).unwrap(), "5,cpu,n=30 k=2 chunk=4,serial,10,1,done");
        assert_eq!(compared_modes(&[&h[0], &h[0]]), vec!["serial"]);
    }

    /// A take-home file in the history: its time, its settings and Python, its modes, and a
    /// link to the page with its settings.
    #[test]
    fn a_file_from_home_is_a_run() {
        let text = r#"{"format": "playground-take-home/1", "experiment": "cpu", "started": "2026-12-05T12:00:00+00:00",
            "python": {"version": "3.14.0", "implementation": "CPython", "free_threaded": true},
            "settings": {"n": 300, "k": 4, "chunk": 25, "rounds": 3}, "modes": [
            {"mode": "py-serial", "status": "done", "samples_ms": [40], "median_ms": 40},
            {"mode": "py-threads", "status": "done", "samples_ms": [10], "median_ms": 10},
            {"mode": "something-new", "status": "done", "samples_ms": [1], "median_ms": 1}]}"#;
        let file = crate::core::take_home::read(text.len(), text, ExperimentId::Cpu, |_| None).unwrap();
        let mut h = vec![cpu_run(5.0, 30)];
        push(&mut h, Run::Home(file));
        let run = &h[0];
        assert_eq!(run.started_at(), 1_796_472_000_000.0);
        assert_eq!(run.experiment(), ExperimentId::Cpu);
        assert_eq!(run.summary(), "n=300 k=4 chunk=25 · CPython 3.14t");
        let figures: Vec<(&str, Option<f64>)> = run.figures().iter().map(|f| (f.mode, f.speedup)).collect();
        assert_eq!(figures, [("py-serial", Some(1.0)), ("py-threads", Some(4.0))]);
        assert_eq!(
            run.query(Host { hardware_concurrency: 2, isolated: false }, Lang::En),
            "exp=cpu&n=300&k=4&chunk=25&rounds=3&lang=en"
        );
        let json = serde_json::to_string(&h).unwrap();
        assert_eq!(serde_json::from_str::<Vec<Run>>(&json).unwrap(), h, "kept across a reload");
        assert!(to_csv(&h).contains("cpu,n=300 k=4 chunk=25 · CPython 3.14t,py-threads,10,4,done"));
    }
}

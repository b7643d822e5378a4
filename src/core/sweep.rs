//! A sweep over the number of threads: `serial` once, then `rayon` and `workers` for each
//! k = 1 … 2 × cores, giving speedup against k and a fitted Amdahl serial fraction per mode.

use super::charts::amdahl::{fit_serial_fraction, Fit};
use super::cpu_modes::CpuMode;
use super::report::Status;
use super::stats::speedup;
use serde::{Deserialize, Serialize};

/// The modes a sweep varies k for, in the order each k runs them.
pub const SWEPT: [CpuMode; 2] = [CpuMode::Rayon, CpuMode::Workers];

/// One run of a sweep.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step {
    /// Which mode.
    pub mode: CpuMode,
    /// With how many threads or workers.
    pub k: u32,
}

/// The modes a sweep can vary k for on this page: without cross-origin isolation there is no
/// shared memory, so no `rayon`.
pub fn swept_modes(isolated: bool) -> Vec<CpuMode> {
    SWEPT.into_iter().filter(|m| isolated || !m.needs_shared_memory()).collect()
}

/// The runs of a sweep, in order: `serial` once (the baseline), then for each k every swept mode.
pub fn plan(max_k: u32, isolated: bool) -> Vec<Step> {
    let modes = swept_modes(isolated);
    let mut steps = vec![Step { mode: CpuMode::Serial, k: 1 }];
    for k in 1..=max_k.max(1) {
        steps.extend(modes.iter().map(|&mode| Step { mode, k }));
    }
    steps
}

/// One measured point of a sweep.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SweepPoint {
    /// Which mode.
    pub mode: CpuMode,
    /// Threads or workers.
    pub k: u32,
    /// Timed wall time (ms): the median of `samples_ms`.
    pub wall_ms: f64,
    /// Every finished round's wall time (ms).
    #[serde(default)]
    pub samples_ms: Vec<f64>,
    /// How the run ended.
    pub status: Status,
}

impl SweepPoint {
    /// Adds one round's result: a finished round adds a sample (the median becomes the point's
    /// time); an unfinished one marks the point with its status.
    pub fn add(&mut self, wall_ms: f64, status: Status) {
        if status == Status::Done {
            self.samples_ms.push(wall_ms);
            self.wall_ms = super::stats::median(&self.samples_ms).unwrap_or(wall_ms);
            if self.status == Status::Done || self.samples_ms.len() == 1 {
                self.status = Status::Done;
            }
        } else {
            self.status = status;
            if self.samples_ms.is_empty() {
                self.wall_ms = wall_ms;
            }
        }
    }
}

/// A sweep as shown and stored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SweepReport {
    /// Experiment size.
    pub n: u32,
    /// `navigator.hardwareConcurrency` where it ran.
    pub hardware_concurrency: u32,
    /// Whether the page was cross-origin isolated (else `rayon` was not swept).
    pub cross_origin_isolated: bool,
    /// The largest k swept.
    pub max_k: u32,
    /// Modes swept, besides `serial`.
    pub modes: Vec<CpuMode>,
    /// Every run so far, `serial` first.
    pub points: Vec<SweepPoint>,
    /// Every planned run finished (not cancelled part-way).
    pub complete: bool,
    /// Each step was timed this many times, interleaved.
    #[serde(default = "crate::core::report::one_round")]
    pub rounds: u32,
    /// When it started (ms since the Unix epoch).
    pub started_at: f64,
}

impl SweepReport {
    /// The baseline: `serial`'s wall time, if it finished.
    pub fn serial_ms(&self) -> Option<f64> {
        self.points.iter().find(|p| p.mode == CpuMode::Serial && p.status == Status::Done).map(|p| p.wall_ms)
    }

    /// `(k, speedup over serial)` for every finished run of `mode`, by k.
    pub fn speedups(&self, mode: CpuMode) -> Vec<(u32, f64)> {
        let Some(base) = self.serial_ms() else {
            return vec![];
        };
        let mut out: Vec<(u32, f64)> = self
            .points
            .iter()
            .filter(|p| p.mode == mode && p.status == Status::Done)
            .filter_map(|p| speedup(base, p.wall_ms).map(|s| (p.k, s)))
            .collect();
        out.sort_by_key(|(k, _)| *k);
        out
    }

    /// The largest k the fit uses: the cores. Past them threads take turns on the same cores,
    /// a limit of the machine that Amdahl's serial fraction does not describe.
    pub fn fit_limit(&self) -> u32 {
        self.hardware_concurrency.max(1)
    }

    /// Amdahl's serial fraction fitted to `mode`'s speedups for k ≤ [`Self::fit_limit`].
    pub fn fit(&self, mode: CpuMode) -> Option<Fit> {
        let pts: Vec<(f64, f64)> = self
            .speedups(mode)
            .into_iter()
            .filter(|(k, _)| *k <= self.fit_limit())
            .map(|(k, s)| (f64::from(k), s))
            .collect();
        fit_serial_fraction(&pts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::charts::amdahl::amdahl;

    /// Serial once, then each k runs both swept modes; a plain page sweeps only workers.
    #[test]
    fn plans() {
        let ids = |steps: Vec<Step>| steps.iter().map(|s| format!("{}{}", s.mode.id(), s.k)).collect::<Vec<_>>();
        assert_eq!(ids(plan(2, true)), ["serial1", "rayon1", "workers1", "rayon2", "workers2"]);
        assert_eq!(ids(plan(3, false)), ["serial1", "workers1", "workers2", "workers3"]);
        assert_eq!(plan(4, true).len(), 1 + 2 * 4);
        assert_eq!(swept_modes(false), [CpuMode::Workers]);
    }

    fn report(points: Vec<SweepPoint>) -> SweepReport {
        SweepReport {
            n: 600,
            hardware_concurrency: 4,
            cross_origin_isolated: true,
            max_k: 8,
            modes: SWEPT.to_vec(),
            points,
            complete: true,
            rounds: 1,
            started_at: 0.0,
        }
    }

    fn point(mode: CpuMode, k: u32, wall_ms: f64) -> SweepPoint {
        SweepPoint { mode, k, wall_ms, samples_ms: vec![wall_ms], status: Status::Done }
    }

    /// A point's time is the median of its rounds; a cancelled round marks it.
    #[test]
    fn points_take_the_median_of_rounds() {
        let mut p = SweepPoint { mode: CpuMode::Rayon, k: 2, wall_ms: 0.0, samples_ms: vec![], status: Status::Done };
        for t in [50.0, 70.0, 52.0] {
            p.add(t, Status::Done);
        }
        assert_eq!((p.wall_ms, p.samples_ms.len(), p.status), (52.0, 3, Status::Done));
        p.add(3.0, Status::Cancelled);
        assert_eq!((p.wall_ms, p.status), (52.0, Status::Cancelled));
    }

    /// Speedups are serial's time over each point's; unfinished points and other modes are left
    /// out; without a finished serial there are none.
    #[test]
    fn speedups_over_serial() {
        let mut cancelled = point(CpuMode::Rayon, 3, 10.0);
        cancelled.status = Status::Cancelled;
        let r = report(vec![
            point(CpuMode::Serial, 1, 100.0),
            point(CpuMode::Rayon, 2, 50.0),
            point(CpuMode::Rayon, 1, 100.0),
            point(CpuMode::Workers, 1, 125.0),
            cancelled,
        ]);
        assert_eq!(r.speedups(CpuMode::Rayon), [(1, 1.0), (2, 2.0)]);
        assert_eq!(r.speedups(CpuMode::Workers), [(1, 0.8)]);
        assert_eq!(report(vec![point(CpuMode::Rayon, 2, 50.0)]).speedups(CpuMode::Rayon), []);
    }

    /// The fit sees only k up to the cores: an oversubscribed plateau beyond them does not pull
    /// the serial fraction up.
    #[test]
    fn fit_stops_at_the_cores() {
        let s = 0.05;
        let mut points = vec![point(CpuMode::Serial, 1, 1000.0)];
        for k in 1..=8u32 {
            let ideal = amdahl(s, f64::from(k.min(4))); // no gain past the 4 cores
            points.push(point(CpuMode::Workers, k, 1000.0 / ideal));
        }
        let r = report(points);
        let fit = r.fit(CpuMode::Workers).unwrap();
        assert!((fit.s - s).abs() < 1e-6, "fitted {}", fit.s);
        assert_eq!(fit.points, 4);
        assert_eq!(r.fit(CpuMode::Rayon), None);
    }

    /// A sweep is stored as JSON and reads back unchanged.
    #[test]
    fn round_trips() {
        let r = report(vec![point(CpuMode::Serial, 1, 100.0), point(CpuMode::Rayon, 2, 51.5)]);
        let json = serde_json::to_string(&r).unwrap();
        assert!(json.contains("\"mode\":\"rayon\""));
        assert_eq!(serde_json::from_str::<SweepReport>(&json).unwrap(), r);
    }
}

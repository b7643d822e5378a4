//! Rounds: every selected mode is timed several times, interleaved (all modes once, then all
//! again, the order rotated each round), and reported as the median of its samples with their
//! range. A single timing on a shared laptop can be off by a third; the median of interleaved
//! rounds is what benchmark tools (hyperfine, criterion, pyperf) report, and the range says how
//! far to trust it.

use super::run::Cancel;
use super::stats::median;
use serde::{Deserialize, Serialize};
use std::future::Future;

/// Fewest rounds accepted.
pub const MIN_ROUNDS: u32 = 1;
/// Most rounds accepted.
pub const MAX_ROUNDS: u32 = 10;
/// Rounds when none are given.
pub const DEFAULT_ROUNDS: u32 = 3;
/// A mode whose samples spread wider than this fraction of their median was timed on a busy
/// machine: the page says so and suggests more rounds.
pub const BUSY_SPREAD: f64 = 0.15;
/// A speedup range must clear 1 by this much before the page calls it faster (or slower).
pub const CLEAR_MARGIN: f64 = 0.05;

/// The order of every timed run: round `r` runs all of `modes`, starting at the `r`-th (mod
/// len), so no mode is always first (the first run of a fresh page pays for whatever the page
/// is still doing) and no pair of modes always follows the same neighbour.
pub fn schedule<T: Copy>(modes: &[T], rounds: u32) -> Vec<(u32, T)> {
    let n = modes.len();
    (0..rounds).flat_map(|r| (0..n).map(move |j| (r, modes[(j + r as usize) % n]))).collect()
}

/// Runs every mode's rounds in [`schedule`] order — the one loop of every experiment. It stops
/// once `cancel` is set, skips a mode in later rounds once it failed (it would fail again: a
/// plain page, no Python…), and after each round hands `merged` the mode's rounds so far,
/// merged by `merge` (its row in the table shows them at once). Returns each mode's merged
/// outcome, in `modes` order; a mode that never ran has none.
pub async fn run_rounds<M, O, F>(
    modes: &[M],
    rounds: u32,
    cancel: &Cancel,
    mut run: impl FnMut(u32, M) -> F,
    merge: impl Fn(&[O]) -> Option<O>,
    mut merged: impl FnMut(O),
) -> Vec<O>
where
    M: Copy + PartialEq,
    O: Round,
    F: Future<Output = O>,
{
    let mut done: Vec<(M, Vec<O>)> = modes.iter().map(|m| (*m, Vec::new())).collect();
    for (round, mode) in schedule(modes, rounds) {
        if cancel.is_set() {
            break;
        }
        let slot = done.iter_mut().find(|(m, _)| *m == mode).map(|(_, v)| v).expect("scheduled from modes");
        if slot.iter().any(Round::failed) {
            continue;
        }
        slot.push(run(round, mode).await);
        if let Some(m) = merge(slot) {
            merged(m);
        }
    }
    done.iter().filter_map(|(_, r)| merge(r)).collect()
}

/// The figures a results row shows for a mode beside its wall time, whatever the experiment.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RowFigures {
    /// Speedup over the baseline; `None` unless both finished.
    pub speedup: Option<f64>,
    /// Its range over the rounds (see [`speedup_range`]).
    pub speedup_range: Option<(f64, f64)>,
    /// The fastest round (ms).
    pub min_ms: Option<f64>,
    /// The slowest round (ms).
    pub max_ms: Option<f64>,
}

/// [`RowFigures`] of merged outcome `o` over `baseline`, its engine's serial as it finished
/// (`None` when that did not run or did not finish): one rule for every experiment, so the CPU
/// and I/O tables cannot drift apart again.
pub fn row_figures<O: Round>(o: &O, baseline: Option<&O>) -> RowFigures {
    let speedup = baseline.filter(|_| o.done()).and_then(|b| super::stats::speedup(b.wall_ms(), o.wall_ms()));
    let speedup_range = speedup.zip(baseline).and_then(|(p, b)| speedup_range(b.samples_ms(), o.samples_ms(), p));
    let spread = Spread::of(o.samples_ms());
    RowFigures { speedup, speedup_range, min_ms: spread.map(|s| s.min), max_ms: spread.map(|s| s.max) }
}

/// What merging a mode's rounds needs of one round's outcome (CPU and I/O outcomes alike).
pub trait Round: Clone {
    /// How the round (or, merged, the mode) ended.
    fn status(&self) -> super::status::Status;
    /// The round finished.
    fn done(&self) -> bool {
        self.status() == super::status::Status::Done
    }
    /// The round failed (the mode will not run again).
    fn failed(&self) -> bool {
        self.status() == super::status::Status::Failed
    }
    /// The round was cancelled.
    fn cancelled(&self) -> bool {
        self.status() == super::status::Status::Cancelled
    }
    /// Timed wall time (ms).
    fn wall_ms(&self) -> f64;
    /// Start-up time (ms).
    fn startup_ms(&self) -> f64;
    /// Every finished round's wall time (ms), once merged.
    fn samples_ms(&self) -> &[f64];
    /// Puts the rounds' figures on the merged outcome.
    fn set_figures(&mut self, wall_ms: f64, samples_ms: Vec<f64>, startup_ms: f64);
}

/// [`Round`] for an outcome struct with the fields `status` (a [`crate::core::status::Status`]),
/// `wall_ms`, `samples_ms` and `startup_ms`: the CPU and the I/O outcomes.
#[macro_export]
macro_rules! round_of_outcome {
    ($outcome:ty) => {
        impl $crate::core::rounds::Round for $outcome {
            fn status(&self) -> $crate::core::status::Status {
                self.status
            }
            fn wall_ms(&self) -> f64 {
                self.wall_ms
            }
            fn startup_ms(&self) -> f64 {
                self.startup_ms
            }
            fn samples_ms(&self) -> &[f64] {
                &self.samples_ms
            }
            fn set_figures(&mut self, wall_ms: f64, samples_ms: Vec<f64>, startup_ms: f64) {
                (self.wall_ms, self.samples_ms, self.startup_ms) = (wall_ms, samples_ms, startup_ms);
            }
        }
    };
}

/// One mode's rounds as one outcome: a failed round, or a last round that was cancelled, stands
/// for the mode as it is; otherwise `pick` makes the outcome from the finished rounds, and its
/// wall time is their median. Every finished round's time is kept as a sample, and the start-up
/// is the median of all rounds'. `None` for no rounds.
pub fn merge<R: Round>(rounds: &[R], pick: impl FnOnce(&[&R], f64) -> Option<R>) -> Option<R> {
    let done: Vec<&R> = rounds.iter().filter(|o| o.done()).collect();
    let samples: Vec<f64> = done.iter().map(|o| o.wall_ms()).collect();
    let startups: Vec<f64> = rounds.iter().map(Round::startup_ms).collect();
    let stopped = rounds.iter().find(|o| o.failed()).or_else(|| rounds.last().filter(|o| o.cancelled()));
    let (mut merged, wall) = match stopped {
        Some(o) => (o.clone(), o.wall_ms()),
        None => {
            let m = median(&samples)?;
            (pick(&done, m)?, m)
        }
    };
    let startup = median(&startups).unwrap_or(merged.startup_ms());
    merged.set_figures(wall, samples, startup);
    Some(merged)
}

/// Median and range of one mode's samples.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Spread {
    /// The median (what the page reports as the mode's time).
    pub median: f64,
    /// The fastest sample.
    pub min: f64,
    /// The slowest sample.
    pub max: f64,
}

impl Spread {
    /// The spread of `samples`; `None` when there are none (or any is NaN).
    pub fn of(samples: &[f64]) -> Option<Spread> {
        let median = median(samples)?;
        let min = samples.iter().copied().fold(f64::INFINITY, f64::min);
        let max = samples.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        Some(Spread { median, min, max })
    }

    /// `(max − min) / median`: 0.2 means the samples spread over a fifth of the median.
    pub fn relative(&self) -> f64 {
        if self.median > 0.0 {
            (self.max - self.min) / self.median
        } else {
            0.0
        }
    }

    /// Wider than [`BUSY_SPREAD`].
    pub fn busy(&self) -> bool {
        self.relative() > BUSY_SPREAD
    }
}

/// The range of a speedup over the baseline, from samples taken in the same rounds: the ratio
/// of each round's baseline to that round's sample (a slow patch of the machine then slows
/// both), widened to include `point` (the ratio of the medians). `None` without a complete
/// pair, and a single point when there is only one round.
pub fn speedup_range(baseline: &[f64], samples: &[f64], point: f64) -> Option<(f64, f64)> {
    let ratios: Vec<f64> =
        baseline.iter().zip(samples).filter(|(b, s)| **b > 0.0 && **s > 0.0).map(|(b, s)| b / s).collect();
    if ratios.is_empty() {
        return None;
    }
    let lo = ratios.iter().copied().fold(point, f64::min);
    let hi = ratios.iter().copied().fold(point, f64::max);
    Some((lo, hi))
}

/// What a speedup's range lets the page claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The whole range is clearly above 1.
    Faster,
    /// The range holds 1 (or comes within [`CLEAR_MARGIN`] of it): no speedup shown.
    NoSpeedup,
    /// The whole range is clearly below 1.
    Slower,
}

/// The claim a speedup range supports.
pub fn verdict(lo: f64, hi: f64) -> Verdict {
    if lo > 1.0 + CLEAR_MARGIN {
        Verdict::Faster
    } else if hi < 1.0 - CLEAR_MARGIN {
        Verdict::Slower
    } else {
        Verdict::NoSpeedup
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each round runs every mode once; the first mode moves along each round.
    #[test]
    fn rounds_interleave_and_rotate() {
        let s = schedule(&['a', 'b', 'c'], 3);
        let order: String = s.iter().map(|(_, m)| *m).collect();
        assert_eq!(order, "abcbcacab");
        assert_eq!(s.iter().map(|(r, _)| *r).collect::<Vec<_>>(), vec![0, 0, 0, 1, 1, 1, 2, 2, 2]);
        assert_eq!(schedule(&['a'], 2), vec![(0, 'a'), (1, 'a')]);
        assert!(schedule::<char>(&[], 3).is_empty());
    }

    /// Median, range and relative spread; the busy threshold is strict.
    #[test]
    fn spreads() {
        let s = Spread::of(&[110.0, 100.0, 90.0]).unwrap();
        assert_eq!((s.median, s.min, s.max), (100.0, 90.0, 110.0));
        assert!((s.relative() - 0.2).abs() < 1e-12);
        assert!(s.busy());
        assert!(!Spread::of(&[100.0, 107.0, 93.0]).unwrap().busy());
        assert_eq!(Spread::of(&[]), None);
        assert_eq!(Spread::of(&[5.0]).unwrap().relative(), 0.0);
    }

    /// Paired ratios, widened to the point estimate; a single round gives a single point.
    #[test]
    fn speedup_ranges() {
        let (lo, hi) = speedup_range(&[100.0, 120.0, 100.0], &[50.0, 50.0, 80.0], 2.0).unwrap();
        assert_eq!((lo, hi), (1.25, 2.4));
        assert_eq!(speedup_range(&[100.0], &[50.0], 2.0), Some((2.0, 2.0)));
        assert_eq!(speedup_range(&[], &[50.0], 2.0), None);
        assert_eq!(speedup_range(&[100.0, 100.0], &[90.0, 300.0], 1.0), Some((1.0 / 3.0, 100.0 / 90.0)));
    }

    /// The tutorial's GIL lesson: a range around 1 is "no speedup", not a small win.
    #[test]
    fn verdicts() {
        assert_eq!(verdict(0.92, 1.01), Verdict::NoSpeedup);
        assert_eq!(verdict(1.02, 1.10), Verdict::NoSpeedup);
        assert_eq!(verdict(1.8, 2.0), Verdict::Faster);
        assert_eq!(verdict(0.5, 0.9), Verdict::Slower);
    }

    /// Polls a future that never waits (every round here is `ready`) to its end.
    fn block_on<F: std::future::Future>(f: F) -> F::Output {
        let mut f = std::pin::pin!(f);
        let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
        loop {
            if let std::task::Poll::Ready(v) = f.as_mut().poll(&mut cx) {
                return v;
            }
        }
    }

    /// A toy outcome: which mode, in which round, and how it ended.
    #[derive(Clone, Debug, PartialEq)]
    struct Toy {
        mode: char,
        status: crate::core::status::Status,
        wall_ms: f64,
        samples_ms: Vec<f64>,
        startup_ms: f64,
    }
    crate::round_of_outcome!(Toy);

    /// The one round loop: interleaved, a failed mode not run again, every round's merge handed
    /// over, and nothing more after Cancel.
    #[test]
    fn run_rounds_skips_the_failed_and_stops_on_cancel() {
        use crate::core::status::Status;
        let cancel = Cancel::default();
        let mut ran = Vec::new();
        let mut merged = 0;
        let toy = |mode, status, wall_ms| Toy { mode, status, wall_ms, samples_ms: vec![wall_ms], startup_ms: 0.0 };
        let out = block_on(run_rounds(
            &['a', 'b', 'c'],
            3,
            &cancel,
            |round, mode| {
                ran.push((round, mode));
                let status = if mode == 'b' { Status::Failed } else { Status::Done };
                if ran.len() == 7 {
                    cancel.fire(); // during the 7th run: it finishes, nothing after it starts
                }
                std::future::ready(toy(mode, status, f64::from(round + 1)))
            },
            |rounds: &[Toy]| merge(rounds, |done, _| done.last().map(|&o| o.clone())),
            |_| merged += 1,
        ));
        // Round 0: a b c; round 1: b (skipped) c a; round 2: c a …cancelled after the 7th start.
        assert_eq!(ran, vec![(0, 'a'), (0, 'b'), (0, 'c'), (1, 'c'), (1, 'a'), (2, 'c'), (2, 'a')]);
        assert_eq!(merged, 7);
        assert_eq!(
            out.iter().map(|o| (o.mode, o.status)).collect::<Vec<_>>(),
            vec![('a', Status::Done), ('b', Status::Failed), ('c', Status::Done)]
        );
        assert_eq!(out[0].samples_ms, vec![1.0, 2.0, 3.0], "a's three rounds merged");
    }
}

//! A timed experiment's run as the page holds it, for any experiment: one state machine
//! ([`Live`]) and one reducer ([`Live::reduce`]). The CPU and I/O panels keep only their own
//! inputs (and the I/O panel its thumbnails) beside it; `ui::live::start` drives it.

use super::pipeline::{Experiment, Report};
use super::rounds::Round as _;
use super::run::{Cancel, Phase};
use super::status::Status;
use std::rc::Rc;

/// Where a mode stands in the current run.
#[derive(Clone, Debug, PartialEq)]
pub enum Row {
    /// Queued behind other modes.
    Waiting,
    /// Starting, warming up, or running (tasks or requests done of all).
    Active(Phase),
    /// Finished (done, cancelled or failed): units done, of all.
    Finished(Status, u32, u32),
    /// Not run: the run was cancelled before its turn.
    Skipped,
}

impl Row {
    /// Units done and of all, for the bar.
    pub fn counts(&self, total: u32) -> (u32, u32) {
        match self {
            Row::Active(Phase::Running { done, total }) | Row::Finished(_, done, total) => (*done, *total),
            _ => (0, total),
        }
    }
}

/// What a run shows while it goes, and after.
#[derive(Clone)]
pub struct Progress<E: Experiment> {
    /// Each mode of the run and where it stands, in run order.
    pub rows: Vec<(E::Mode, Row)>,
    /// Units (tasks, requests) of each mode's timed run.
    pub total: u32,
    /// The round in progress (1-based) and the rounds of the run.
    pub round: (u32, u32),
    /// Each mode's rounds so far, merged (with every S(i), every request, for the charts).
    pub outcomes: Vec<Rc<E::Outcome>>,
}

/// A panel's run: nothing yet, running, stopping, done (this page ran it) or restored (the last
/// run, from storage after a reload).
#[derive(Clone)]
pub enum Live<E: Experiment> {
    /// No run, none stored.
    Idle,
    /// Modes are running; `cancel` stops them.
    Running {
        /// Where the run is.
        progress: Progress<E>,
        /// The Cancel button's signal.
        cancel: Cancel,
    },
    /// Cancel was pressed; waiting for the current mode to stop.
    Stopping {
        /// Where the run was.
        progress: Progress<E>,
    },
    /// The run finished (or stopped) and was kept.
    Done {
        /// How every mode ended.
        progress: Progress<E>,
        /// Its report.
        report: Rc<Report<E>>,
    },
    /// The last run of an earlier visit.
    Restored(Rc<Report<E>>),
}

/// Everything that moves a run along.
pub enum LiveAction<E: Experiment> {
    /// A run began with these modes, each timing this many units.
    Started(Cancel, Vec<E::Mode>, u32),
    /// Round `.1` of `.2` began with mode `.0`.
    Round(E::Mode, u32, u32),
    /// A mode moved to a new phase.
    Phase(E::Mode, Phase),
    /// A mode finished a round: its rounds so far, merged.
    ModeFinished(Rc<E::Outcome>),
    /// Cancel pressed (the button fired the signal already: see [`Live::fire_cancel`]).
    CancelRequested,
    /// The run is over and kept; this is its report.
    Finished(Rc<Report<E>>),
}

impl<E: Experiment> Live<E> {
    /// The panel's state after a (re)load: the stored last run, if any.
    pub fn new(restored: Option<Report<E>>) -> Live<E> {
        restored.map_or(Live::Idle, |r| Live::Restored(Rc::new(r)))
    }

    /// The panel's `data-run-state`: `idle`, `running` or `stopping`.
    pub fn id(&self) -> &'static str {
        match self {
            Live::Running { .. } => "running",
            Live::Stopping { .. } => "stopping",
            Live::Idle | Live::Done { .. } | Live::Restored(_) => "idle",
        }
    }

    /// Whether a run is in progress (or stopping).
    pub fn busy(&self) -> bool {
        matches!(self, Live::Running { .. } | Live::Stopping { .. })
    }

    /// Whether Cancel can still do something.
    pub fn cancellable(&self) -> bool {
        matches!(self, Live::Running { .. })
    }

    /// The last finished run's report, from this page or from storage.
    pub fn report(&self) -> Option<&Rc<Report<E>>> {
        match self {
            Live::Done { report, .. } | Live::Restored(report) => Some(report),
            _ => None,
        }
    }

    /// The report came from storage, not from a run in this page.
    pub fn restored(&self) -> bool {
        matches!(self, Live::Restored(_))
    }

    /// The current or last run of this page.
    pub fn progress(&self) -> Option<&Progress<E>> {
        match self {
            Live::Running { progress, .. } | Live::Stopping { progress } | Live::Done { progress, .. } => {
                Some(progress)
            }
            Live::Idle | Live::Restored(_) => None,
        }
    }

    /// Its merged outcomes (empty when restored: a stored run keeps no S(i) and no spans).
    pub fn outcomes(&self) -> &[Rc<E::Outcome>] {
        self.progress().map_or(&[], |p| &p.outcomes)
    }

    /// The rows of the results table: this page's run as it goes, else the stored report.
    pub fn entries(&self) -> Vec<E::Entry> {
        match self {
            Live::Restored(r) => r.runs.clone(),
            _ => E::entries(self.outcomes()),
        }
    }

    /// Fires the running run's Cancel signal (called by the Cancel button before it dispatches
    /// [`LiveAction::CancelRequested`]: the reducer only records the state).
    pub fn fire_cancel(&self) {
        if let Live::Running { cancel, .. } = self {
            cancel.fire();
        }
    }

    /// Applies `action`; `false` when nothing changed (the panel then skips a render).
    pub fn reduce(&mut self, action: LiveAction<E>) -> bool {
        let progress = match self {
            Live::Running { progress, .. } | Live::Stopping { progress } => Some(progress),
            _ => None,
        };
        match (action, progress) {
            (LiveAction::Started(cancel, modes, total), _) => {
                let rows = modes.into_iter().map(|m| (m, Row::Waiting)).collect();
                *self =
                    Live::Running { progress: Progress { rows, total, round: (0, 0), outcomes: Vec::new() }, cancel };
            }
            (LiveAction::Round(_, r, of), Some(p)) => {
                if p.round == (r, of) {
                    return false;
                }
                p.round = (r, of);
            }
            (LiveAction::Phase(mode, phase), Some(p)) => set_row(p, mode, Row::Active(phase)),
            (LiveAction::ModeFinished(o), Some(p)) => {
                let mode = E::mode_of(&o);
                let done = E::finished_units(&o);
                let total = match p.rows.iter().find(|(m, _)| *m == mode) {
                    Some((_, Row::Active(Phase::Running { total, .. }))) => *total,
                    _ => p.total.max(done),
                };
                set_row(p, mode, Row::Finished(o.status(), done, total));
                match p.outcomes.iter_mut().find(|x| E::mode_of(x) == mode) {
                    Some(slot) => *slot = o,
                    None => p.outcomes.push(o),
                }
            }
            (LiveAction::CancelRequested, _) => match std::mem::replace(self, Live::Idle) {
                Live::Running { progress, .. } => *self = Live::Stopping { progress },
                other => {
                    *self = other;
                    return false;
                }
            },
            (LiveAction::Finished(report), _) => {
                let mut progress = match std::mem::replace(self, Live::Idle) {
                    Live::Running { progress, .. } | Live::Stopping { progress } | Live::Done { progress, .. } => {
                        progress
                    }
                    Live::Idle | Live::Restored(_) => {
                        Progress { rows: Vec::new(), total: 0, round: (0, 0), outcomes: Vec::new() }
                    }
                };
                for (_, row) in progress.rows.iter_mut() {
                    if matches!(row, Row::Waiting | Row::Active(_)) {
                        *row = Row::Skipped;
                    }
                }
                *self = Live::Done { progress, report };
            }
            // A late message of a run that is no longer going.
            (_, None) => return false,
        }
        true
    }
}

fn set_row<E: Experiment>(p: &mut Progress<E>, mode: E::Mode, row: Row) {
    if let Some(r) = p.rows.iter_mut().find(|(m, _)| *m == mode) {
        r.1 = row;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::cpu_modes::CpuMode;
    use crate::core::report::{fixtures, Cpu, ModeOutcome};

    fn outcome(mode: CpuMode, status: Status, tasks_done: u32) -> Rc<ModeOutcome> {
        Rc::new(fixtures::outcome(mode, 50, status, tasks_done))
    }

    fn report(outcomes: &[Rc<ModeOutcome>]) -> Rc<Report<Cpu>> {
        Rc::new(Report::of(fixtures::params(50, 1), fixtures::env(), outcomes, 0.0))
    }

    fn row(live: &Live<Cpu>, mode: CpuMode) -> Row {
        live.progress().unwrap().rows.iter().find(|(m, _)| *m == mode).unwrap().1.clone()
    }

    /// A run from start to a cancelled end: rows move Waiting → Active → Finished, the ones that
    /// never ran are Skipped, the table shows this run (never the restored one), and messages
    /// arriving after the end change nothing.
    #[test]
    fn a_run_from_start_to_cancel() {
        let mut live = Live::<Cpu>::new(Some((*report(&[outcome(CpuMode::Serial, Status::Done, 49)])).clone()));
        assert!(live.restored() && !live.busy() && live.entries().len() == 1);
        let cancel = Cancel::default();
        assert!(live.reduce(LiveAction::Started(cancel.clone(), vec![CpuMode::Serial, CpuMode::Rayon], 49)));
        assert_eq!((live.id(), live.restored(), live.entries().len()), ("running", false, 0));
        assert_eq!(row(&live, CpuMode::Rayon), Row::Waiting);
        assert!(live.reduce(LiveAction::Round(CpuMode::Serial, 1, 2)));
        assert!(!live.reduce(LiveAction::Round(CpuMode::Rayon, 1, 2)), "the same round again is no change");
        live.reduce(LiveAction::Phase(CpuMode::Serial, Phase::Running { done: 7, total: 49 }));
        assert_eq!(row(&live, CpuMode::Serial).counts(49), (7, 49));
        let first = outcome(CpuMode::Serial, Status::Done, 49);
        live.reduce(LiveAction::ModeFinished(first.clone()));
        live.reduce(LiveAction::ModeFinished(first.clone()));
        assert_eq!(live.outcomes().len(), 1, "a mode's later rounds replace its merged outcome");
        assert_eq!(row(&live, CpuMode::Serial), Row::Finished(Status::Done, 49, 49));
        live.reduce(LiveAction::Phase(CpuMode::Rayon, Phase::Starting));
        live.fire_cancel();
        assert!(cancel.is_set());
        assert!(live.reduce(LiveAction::CancelRequested));
        assert_eq!((live.id(), live.cancellable(), live.busy()), ("stopping", false, true));
        assert!(!live.reduce(LiveAction::CancelRequested));
        live.reduce(LiveAction::Finished(report(&[first])));
        assert_eq!((live.id(), live.busy()), ("idle", false));
        assert_eq!(row(&live, CpuMode::Rayon), Row::Skipped);
        assert_eq!(live.report().unwrap().runs.len(), 1);
        assert!(!live.reduce(LiveAction::Phase(CpuMode::Rayon, Phase::WarmingUp)), "a late message is dropped");
        assert!(!live.reduce(LiveAction::ModeFinished(outcome(CpuMode::Rayon, Status::Cancelled, 3))));
        assert_eq!(row(&live, CpuMode::Rayon), Row::Skipped);
    }

    /// A mode that fails before its timed run shows what it finished of the run's total.
    #[test]
    fn a_failed_start_counts_against_the_total() {
        let mut live = Live::<Cpu>::new(None);
        assert_eq!(live.id(), "idle");
        live.reduce(LiveAction::Started(Cancel::default(), vec![CpuMode::PySerial], 49));
        live.reduce(LiveAction::Phase(CpuMode::PySerial, Phase::Starting));
        live.reduce(LiveAction::ModeFinished(outcome(CpuMode::PySerial, Status::Failed, 0)));
        assert_eq!(row(&live, CpuMode::PySerial), Row::Finished(Status::Failed, 0, 49));
    }
}

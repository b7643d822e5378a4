//! The sweep's state, reducer and runner: `serial` once, then `rayon` and `workers` for each
//! k = 1 … 2 × cores, one run after another through the same `run_mode` as the panel's runs.
//! Kept apart from the CPU panel's own state: a sweep is a series of runs, not one.

use crate::core::chunks::auto_chunk;
use crate::core::preset::{Chunk, Host};
use crate::core::rounds::schedule;
use crate::core::sweep::{plan, swept_modes, Step, SweepPoint, SweepReport};
use crate::core::workload::task_count;
use crate::modes::{run_mode, Cancel, Phase, Plan};
use crate::web::storage;
use std::rc::Rc;
use yew::prelude::*;

/// Storage key of the last complete sweep.
pub const LAST_SWEEP_KEY: &str = "playground.cpu.last-sweep";

/// Where a sweep stands.
#[derive(Clone)]
pub enum SweepRun {
    /// Not sweeping; the last sweep (if any) is shown.
    Idle,
    /// Running `current`, the `step`-th (0-based) of `total` runs; the signal stops it.
    Running {
        /// Stops the sweep.
        cancel: Cancel,
        /// Index of the current run.
        step: usize,
        /// Runs in the sweep.
        total: usize,
        /// The current run.
        current: Step,
        /// Its phase.
        phase: Option<Phase>,
    },
    /// Stop was pressed; waiting for the current run to end.
    Stopping,
}

/// The sweep part of the CPU panel.
#[derive(Clone)]
pub struct SweepState {
    /// Running or not.
    pub run: SweepRun,
    /// The current or last sweep.
    pub report: Option<Rc<SweepReport>>,
    /// `report` came from storage.
    pub restored: bool,
}

impl PartialEq for SweepState {
    fn eq(&self, other: &Self) -> bool {
        let run = match (&self.run, &other.run) {
            (SweepRun::Idle, SweepRun::Idle) | (SweepRun::Stopping, SweepRun::Stopping) => true,
            (SweepRun::Running { step: a, phase: pa, .. }, SweepRun::Running { step: b, phase: pb, .. }) => {
                a == b && pa == pb
            }
            _ => false,
        };
        let report = match (&self.report, &other.report) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (a, b) => a.is_none() && b.is_none(),
        };
        run && report && self.restored == other.restored
    }
}

/// Everything that changes the sweep.
pub enum SweepAction {
    /// A sweep of `total` runs began.
    Started(Cancel, Rc<SweepReport>, usize),
    /// The runner moved to run `step`.
    Step(usize, Step),
    /// The current run's phase.
    Phase(Phase),
    /// A run finished: the sweep so far.
    Point(Rc<SweepReport>),
    /// Stop pressed (the sweep's own button, or the panel's Cancel).
    CancelRequested,
    /// The sweep is over.
    Finished(Rc<SweepReport>),
}

impl SweepState {
    /// The last complete sweep from storage, if any.
    pub fn restore() -> SweepState {
        let report: Option<SweepReport> = storage::load(LAST_SWEEP_KEY);
        SweepState { run: SweepRun::Idle, restored: report.is_some(), report: report.map(Rc::new) }
    }

    /// A sweep is running or stopping.
    pub fn busy(&self) -> bool {
        !matches!(self.run, SweepRun::Idle)
    }

    /// Fires the running sweep's Cancel signal (called before [`SweepAction::CancelRequested`] is
    /// dispatched: the reducer only records the state).
    pub fn fire_cancel(&self) {
        if let SweepRun::Running { cancel, .. } = &self.run {
            cancel.fire();
        }
    }

    /// A sweep is running and can be stopped.
    pub fn running(&self) -> bool {
        matches!(self.run, SweepRun::Running { .. })
    }
}

impl Reducible for SweepState {
    type Action = SweepAction;

    fn reduce(self: Rc<Self>, action: SweepAction) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            SweepAction::Started(cancel, report, total) => {
                let current = Step { mode: crate::core::cpu_modes::CpuMode::Serial, k: 1 };
                s.run = SweepRun::Running { cancel, step: 0, total, current, phase: None };
                s.report = Some(report);
                s.restored = false;
            }
            SweepAction::Step(i, now) => {
                if let SweepRun::Running { step, current, phase, .. } = &mut s.run {
                    (*step, *current, *phase) = (i, now, None);
                }
            }
            SweepAction::Phase(p) => {
                if let SweepRun::Running { phase, .. } = &mut s.run {
                    *phase = Some(p);
                }
            }
            SweepAction::Point(report) => s.report = Some(report),
            SweepAction::CancelRequested => {
                if let SweepRun::Running { .. } = &s.run {
                    s.run = SweepRun::Stopping;
                }
            }
            SweepAction::Finished(report) => {
                s.report = Some(report);
                s.run = SweepRun::Idle;
            }
        }
        Rc::new(s)
    }
}

/// Starts a sweep at size `n` in the background; a complete one is stored.
pub fn start(
    n: u32,
    chunk: Chunk,
    rounds: u32,
    switch_ms: u32,
    host: Host,
    dispatch: UseReducerDispatcher<SweepState>,
) {
    let cancel = Cancel::default();
    let steps = plan(host.max_k(), host.isolated);
    let runs = schedule(&(0..steps.len()).collect::<Vec<_>>(), rounds);
    let mut report = SweepReport {
        n,
        hardware_concurrency: host.hardware_concurrency,
        cross_origin_isolated: host.isolated,
        max_k: host.max_k(),
        modes: swept_modes(host.isolated),
        points: Vec::new(),
        complete: false,
        rounds,
        started_at: js_sys::Date::now(),
    };
    dispatch.dispatch(SweepAction::Started(cancel.clone(), Rc::new(report.clone()), runs.len()));
    wasm_bindgen_futures::spawn_local(async move {
        let mut finished = 0;
        for (i, &(_, s)) in runs.iter().enumerate() {
            if cancel.is_set() {
                break;
            }
            let step = &steps[s];
            dispatch.dispatch(SweepAction::Step(i, *step));
            let chunk = match chunk {
                Chunk::Auto => auto_chunk(task_count(n), step.k),
                Chunk::Fixed(c) => c,
            };
            let d = dispatch.clone();
            let on_phase = Rc::new(move |p| d.dispatch(SweepAction::Phase(p)));
            let outcome = run_mode(step.mode, Plan { n, k: step.k, chunk, switch_ms }, &cancel, on_phase).await;
            // Points stay in plan order: the first round adds them, later rounds add samples.
            if report.points.len() <= s {
                let empty = SweepPoint {
                    mode: step.mode,
                    k: step.k,
                    wall_ms: 0.0,
                    samples_ms: Vec::new(),
                    status: outcome.status,
                };
                report.points.push(empty);
            }
            report.points[s].add(outcome.wall_ms, outcome.status);
            finished += usize::from(outcome.status == crate::core::report::Status::Done);
            dispatch.dispatch(SweepAction::Point(Rc::new(report.clone())));
        }
        report.complete = !cancel.is_set() && finished == runs.len();
        if report.complete {
            storage::save(LAST_SWEEP_KEY, &report);
        }
        dispatch.dispatch(SweepAction::Finished(Rc::new(report)));
    });
}

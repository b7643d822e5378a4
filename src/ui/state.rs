//! The CPU panel's state and its reducer.

use crate::core::cpu_modes::CpuMode;
use crate::core::preset::{check_chunk, check_k, check_n, check_rounds, Chunk, CpuSettings, Host, Problem};
use crate::core::report::{entries, CpuReport, ModeOutcome, RunEntry, Status};
use crate::modes::{Cancel, Phase};
use std::rc::Rc;
use yew::prelude::*;

/// Where a mode stands in the current run.
#[derive(Clone, Debug, PartialEq)]
pub enum Row {
    /// Queued behind other modes.
    Waiting,
    /// Starting, warming up, or computing.
    Active(Phase),
    /// Finished (done, cancelled or failed), with the tasks it finished.
    Finished(Status, u32),
    /// Not run: the run was cancelled before its turn.
    Skipped,
}

/// The run as a whole.
#[derive(Clone)]
pub enum Run {
    /// Nothing running; the last results (if any) are shown.
    Idle,
    /// Modes are running; the signal stops them.
    Running(Cancel),
    /// Cancel was pressed; waiting for the current mode to stop.
    Stopping,
}

impl Run {
    /// The panel's `data-run-state`: `idle`, `running` or `stopping`.
    pub fn id(&self) -> &'static str {
        match self {
            Run::Idle => "idle",
            Run::Running(_) => "running",
            Run::Stopping => "stopping",
        }
    }
}

/// Everything the CPU panel shows.
#[derive(Clone)]
pub struct CpuState {
    /// What the learner typed for n.
    pub n_text: String,
    /// What the learner typed for k.
    pub k_text: String,
    /// What the learner typed for the chunk size.
    pub chunk_text: String,
    /// What the learner typed for the rounds.
    pub rounds_text: String,
    /// Modes ticked, in panel order.
    pub modes: Vec<CpuMode>,
    /// The host the inputs are checked against.
    pub host: Host,
    /// Running or not.
    pub run: Run,
    /// Progress of each mode of the current or last run.
    pub rows: Vec<(CpuMode, Row)>,
    /// Tasks in that run's timed part.
    pub run_total: u32,
    /// The round in progress (1-based) and the rounds of the run; `(0, 0)` before a run.
    pub round: (u32, u32),
    /// Outcomes of the current or last run (with every S(i), for the comparison).
    pub outcomes: Vec<Rc<ModeOutcome>>,
    /// The last finished run's report (also the one restored after a reload).
    pub report: Option<Rc<CpuReport>>,
    /// `report` came from storage, not from a run in this page.
    pub restored: bool,
}

/// Everything that changes the panel.
pub enum Action {
    /// Typed into n.
    SetN(String),
    /// Typed into k.
    SetK(String),
    /// Typed into chunk.
    SetChunk(String),
    /// Typed into rounds.
    SetRounds(String),
    /// Ticked or unticked a mode.
    ToggleMode(CpuMode),
    /// The "tutorial scale" button.
    TutorialScale,
    /// A run began with these modes and this many tasks.
    Started(Cancel, Vec<CpuMode>, u32),
    /// Round `.0` of `.1` began (or went on with its next mode).
    Round(u32, u32),
    /// A mode moved to a new phase.
    Phase(CpuMode, Phase),
    /// A mode finished a round: its rounds so far, merged.
    ModeFinished(Rc<ModeOutcome>),
    /// Cancel pressed.
    CancelRequested,
    /// The run is over; this is its report.
    Finished(Rc<CpuReport>),
}

impl CpuState {
    /// A panel showing `settings`, with a restored report if there is one.
    pub fn new(settings: &CpuSettings, host: Host, restored: Option<CpuReport>) -> CpuState {
        CpuState {
            n_text: settings.n.to_string(),
            k_text: settings.k.to_string(),
            chunk_text: match settings.chunk {
                Chunk::Auto => "auto".into(),
                Chunk::Fixed(c) => c.to_string(),
            },
            rounds_text: settings.rounds.to_string(),
            modes: settings.modes.clone(),
            host,
            run: Run::Idle,
            rows: Vec::new(),
            run_total: 0,
            round: (0, 0),
            outcomes: Vec::new(),
            restored: restored.is_some(),
            report: restored.map(Rc::new),
        }
    }

    /// The inputs, checked. `Err` lists what must be fixed first.
    pub fn settings(&self) -> Result<CpuSettings, Vec<Problem>> {
        // Typed too large: say so and wait for a fix, rather than run a different n.
        let n = check_n(&self.n_text).and_then(|(n, cap)| cap.map_or(Ok(n), Err));
        let k = check_k(&self.k_text, self.host);
        let chunk = if self.chunk_text.trim().is_empty() { Ok(Chunk::Auto) } else { check_chunk(&self.chunk_text) };
        let rounds = check_rounds(&self.rounds_text);
        match (n, k, chunk, rounds) {
            (Ok(n), Ok(k), Ok(chunk), Ok(rounds)) => Ok(CpuSettings { n, k, chunk, modes: self.modes.clone(), rounds }),
            (n, k, c, r) => Err([n.err(), k.err(), c.err(), r.err()].into_iter().flatten().collect()),
        }
    }

    /// Whether a run is in progress (or stopping).
    pub fn busy(&self) -> bool {
        !matches!(self.run, Run::Idle)
    }

    /// The rows of the results table: live outcomes if this page ran, else the stored report.
    pub fn entries(&self) -> Vec<RunEntry> {
        if self.outcomes.is_empty() {
            self.report.as_ref().map(|r| r.runs.clone()).unwrap_or_default()
        } else {
            entries(&self.outcomes)
        }
    }

    /// Fires the running run's Cancel signal (called by the Cancel button before it dispatches
    /// [`Action::CancelRequested`]: the reducer only records the state).
    pub fn fire_cancel(&self) {
        if let Run::Running(cancel) = &self.run {
            cancel.fire();
        }
    }

    fn set_row(&mut self, mode: CpuMode, row: Row) {
        if let Some(r) = self.rows.iter_mut().find(|(m, _)| *m == mode) {
            r.1 = row;
        }
    }
}

impl Reducible for CpuState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::SetN(t) => s.n_text = t,
            Action::SetK(t) => s.k_text = t,
            Action::SetChunk(t) => s.chunk_text = t,
            Action::SetRounds(t) => s.rounds_text = t,
            Action::ToggleMode(m) => {
                if let Some(pos) = s.modes.iter().position(|x| *x == m) {
                    s.modes.remove(pos);
                } else if !m.needs_shared_memory() || s.host.isolated {
                    s.modes.push(m);
                    s.modes.sort();
                }
            }
            Action::TutorialScale => s.n_text = crate::core::cpu_modes::TUTORIAL_N.to_string(),
            Action::Started(cancel, modes, total) => {
                s.run = Run::Running(cancel);
                s.run_total = total;
                s.rows = modes.into_iter().map(|m| (m, Row::Waiting)).collect();
                s.round = (0, 0);
                s.outcomes.clear();
                s.restored = false;
            }
            Action::Round(r, of) => {
                if s.round == (r, of) {
                    return self;
                }
                s.round = (r, of);
            }
            Action::Phase(mode, phase) => s.set_row(mode, Row::Active(phase)),
            Action::ModeFinished(o) => {
                s.set_row(o.mode, Row::Finished(o.status, o.tasks_done));
                match s.outcomes.iter_mut().find(|x| x.mode == o.mode) {
                    Some(slot) => *slot = o,
                    None => s.outcomes.push(o),
                }
            }
            Action::CancelRequested => {
                if let Run::Running(_) = &s.run {
                    s.run = Run::Stopping;
                }
            }
            Action::Finished(report) => {
                for (_, row) in s.rows.iter_mut() {
                    if matches!(row, Row::Waiting | Row::Active(_)) {
                        *row = Row::Skipped;
                    }
                }
                s.report = Some(report);
                s.run = Run::Idle;
            }
        }
        Rc::new(s)
    }
}

//! The CPU panel's state and its reducer: its inputs, beside the run ([`Live`]) every
//! experiment shares.

use super::live::{Live, LiveAction};
use crate::core::cpu_modes::CpuMode;
use crate::core::preset::{
    check_chunk, check_k, check_n, check_rounds, check_switch, Chunk, CpuSettings, Host, Problem,
};
use crate::core::report::{Cpu, CpuReport};
use std::rc::Rc;
use yew::prelude::*;

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
    /// What the learner typed for `global-lock`'s switch interval (ms).
    pub switch_text: String,
    /// Modes ticked, in panel order.
    pub modes: Vec<CpuMode>,
    /// The host the inputs are checked against.
    pub host: Host,
    /// The run: going, done, or restored.
    pub live: Live<Cpu>,
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
    /// Typed into the switch interval.
    SetSwitch(String),
    /// Ticked or unticked a mode.
    ToggleMode(CpuMode),
    /// The "tutorial scale" button.
    TutorialScale,
    /// The run moved along.
    Live(LiveAction<Cpu>),
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
            switch_text: settings.switch_ms.to_string(),
            modes: settings.modes.clone(),
            host,
            live: Live::new(restored),
        }
    }

    /// The inputs, checked. `Err` lists what must be fixed first.
    pub fn settings(&self) -> Result<CpuSettings, Vec<Problem>> {
        // Typed too large: say so and wait for a fix, rather than run a different n.
        let n = check_n(&self.n_text).and_then(|(n, cap)| cap.map_or(Ok(n), Err));
        let k = check_k(&self.k_text, self.host);
        let chunk = if self.chunk_text.trim().is_empty() { Ok(Chunk::Auto) } else { check_chunk(&self.chunk_text) };
        let rounds = check_rounds(&self.rounds_text);
        let switch = check_switch(&self.switch_text);
        match (n, k, chunk, rounds, switch) {
            (Ok(n), Ok(k), Ok(chunk), Ok(rounds), Ok(switch_ms)) => {
                Ok(CpuSettings { n, k, chunk, modes: self.modes.clone(), rounds, switch_ms })
            }
            (n, k, c, r, s) => Err([n.err(), k.err(), c.err(), r.err(), s.err()].into_iter().flatten().collect()),
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
            Action::SetSwitch(t) => s.switch_text = t,
            Action::ToggleMode(m) => {
                if let Some(pos) = s.modes.iter().position(|x| *x == m) {
                    s.modes.remove(pos);
                } else if !m.needs_shared_memory() || s.host.isolated {
                    s.modes.push(m);
                    s.modes.sort();
                }
            }
            Action::TutorialScale => s.n_text = crate::core::cpu_modes::TUTORIAL_N.to_string(),
            Action::Live(a) => {
                if !s.live.reduce(a) {
                    return self;
                }
            }
        }
        Rc::new(s)
    }
}

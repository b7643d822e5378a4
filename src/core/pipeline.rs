//! One experiment, written once. Each timed experiment (the CPU workload, the image downloads)
//! names its modes, what a mode's round gives, a results row, its settings and its browser facts
//! in one [`Experiment`] impl; the report, the round loop (`core::rounds`), the row figures, the
//! history and the page's run state are written once over that trait. A new experiment is one
//! impl, one row of [`ExperimentId`] and one variant of `core::history::Run`: the compiler lists
//! the rest.

use super::engine::Engine;
use super::experiment::{ExperimentId, ModeFigure};
use super::lang::Lang;
use super::predictions::Prediction;
use super::preset::Host;
use super::rounds::Round;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::borrow::Borrow;
use std::fmt::Debug;

/// What every experiment's mode id set gives (the `id_table!` enums `CpuMode`, `IoMode`).
pub trait Mode: Copy + Eq + Ord + Debug + Serialize + DeserializeOwned + 'static {
    /// The wire name (URLs, exports, element ids).
    fn wire(self) -> &'static str;
    /// The runtime it runs on.
    fn runtime(self) -> Engine;
    /// The mode its speedup is measured against: its own engine's serial.
    fn serial(self) -> Self;
}

/// One timed experiment: its types and the few rules that are really its own.
pub trait Experiment: Copy + Debug + PartialEq + 'static {
    /// Its row in the experiment id table (the history key, the export's `experiment`).
    const ID: ExperimentId;
    /// Its id set of modes.
    type Mode: Mode;
    /// What one round of one mode gives (merged over rounds, it is the mode's live row).
    type Outcome: Round + Debug;
    /// One row of the results table and of the export.
    type Entry: Clone + Debug + PartialEq + Serialize + DeserializeOwned;
    /// The run's settings as exported.
    type Params: Clone + Debug + PartialEq + Serialize + DeserializeOwned;
    /// The browser facts exported with a run.
    type Env: Clone + Debug + PartialEq + Serialize + DeserializeOwned;

    /// The mode an outcome is of.
    fn mode_of(o: &Self::Outcome) -> Self::Mode;
    /// Tasks or requests an outcome finished (its progress bar when it ends).
    fn finished_units(o: &Self::Outcome) -> u32;
    /// One mode's rounds, in round order, as one outcome (`None` for none).
    fn merge(rounds: &[Self::Outcome]) -> Option<Self::Outcome>;
    /// The results rows, speedups over each engine's own serial.
    fn entries<O: Borrow<Self::Outcome>>(outcomes: &[O]) -> Vec<Self::Entry>;
    /// The mode whose answers the others were checked against, if the experiment checks answers.
    fn reference<O: Borrow<Self::Outcome>>(_outcomes: &[O]) -> Option<Self::Mode> {
        None
    }
    /// A row's figures, for the history, its comparison and the predictions.
    fn figure(e: &Self::Entry) -> ModeFigure;
    /// The settings in a few words, for the history list.
    fn summary(p: &Self::Params) -> String;
    /// The query string of the link that reproduces `report`'s settings on `host`.
    fn query(report: &Report<Self>, host: Host, lang: Lang) -> String;
}

/// The export of one finished run of experiment `E` (also what the page keeps as its last run and
/// in the history). Its JSON is the one each experiment always wrote: `reference` appears for an
/// experiment that checks answers, and reports saved before rounds or predictions existed load.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(bound = "")]
pub struct Report<E: Experiment> {
    /// Always `E::ID` (`"cpu"`, `"io"` in the JSON).
    pub experiment: ExperimentId,
    /// Settings.
    pub params: E::Params,
    /// Browser facts.
    pub env: E::Env,
    /// Which mode the answers were checked against (`serial` when it ran); absent where the
    /// experiment checks none.
    #[serde(default = "no_reference", skip_serializing_if = "Option::is_none")]
    pub reference: Option<E::Mode>,
    /// One entry per mode run, in run order.
    pub runs: Vec<E::Entry>,
    /// When the run started (ms since the Unix epoch); also its id in the history.
    pub started_at: f64,
    /// What the learner predicted about this experiment before the run, each with what this run
    /// measured for it (see `core::predictions`).
    #[serde(default)]
    pub predictions: Vec<Prediction>,
}

fn no_reference<M>() -> Option<M> {
    None
}

impl<E: Experiment> Report<E> {
    /// The report of a run of `outcomes` (each mode's rounds merged), started at `started_at`.
    pub fn of<O: Borrow<E::Outcome>>(params: E::Params, env: E::Env, outcomes: &[O], started_at: f64) -> Report<E> {
        Report {
            experiment: E::ID,
            params,
            env,
            reference: E::reference(outcomes),
            runs: E::entries(outcomes),
            started_at,
            predictions: Vec::new(),
        }
    }

    /// Pretty JSON, as downloaded.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a report always serialises")
    }

    /// Each mode's figures.
    pub fn figures(&self) -> Vec<ModeFigure> {
        self.runs.iter().map(E::figure).collect()
    }
}

/// Implements [`Mode`] for an `id_table!` mode enum with `engine()` and `baseline()`.
#[macro_export]
macro_rules! experiment_mode {
    ($mode:ty) => {
        impl $crate::core::pipeline::Mode for $mode {
            fn wire(self) -> &'static str {
                self.id()
            }
            fn runtime(self) -> $crate::core::engine::Engine {
                self.engine()
            }
            fn serial(self) -> Self {
                self.baseline()
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use crate::core::cpu_modes::CpuMode;
    use crate::core::history::Run;
    use crate::core::report::{fixtures, Cpu, CpuReport};
    use crate::core::status::Status;

    fn cpu() -> CpuReport {
        let o = fixtures::outcome(CpuMode::Serial, 50, Status::Done, 49);
        super::Report::<Cpu>::of(fixtures::params(50, 3), fixtures::env(), &[o], 7.0)
    }

    /// The generic report writes what the CPU report always wrote (`reference` included), and a
    /// report in the oldest stored shape (`reference: null`, no rounds, no predictions) still
    /// loads, as a last run and in the history.
    #[test]
    fn old_and_new_shapes_load() {
        let r = cpu();
        let v: serde_json::Value = serde_json::from_str(&r.to_json()).unwrap();
        assert_eq!(v["experiment"], "cpu");
        assert_eq!(v["reference"], "serial");
        let mut old = v.clone();
        old["reference"] = serde_json::Value::Null;
        old.as_object_mut().unwrap().remove("predictions");
        old["params"].as_object_mut().unwrap().remove("rounds");
        let back: CpuReport = serde_json::from_value(old.clone()).unwrap();
        assert_eq!((back.reference, back.params.rounds, back.runs.len()), (None, 1, 1));
        old["experiment_kind"] = "cpu".into();
        let runs: Vec<Run> = serde_json::from_value(serde_json::Value::Array(vec![old])).unwrap();
        assert_eq!(runs[0].figures()[0].mode, "serial");
    }
}

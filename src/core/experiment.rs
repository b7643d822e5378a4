//! The timed experiments as one id set, and the figures every experiment's run gives for each of
//! its modes: what the history, the exports, the predictions and the charts read, whatever the
//! experiment.

use super::status::Status;
use crate::id_table;

id_table! {
    /// A timed experiment: the key of its runs in the history and its exports' `experiment`.
    pub enum ExperimentId: ExperimentRow {
        /// The CPU-bound workload.
        Cpu = "cpu" => ExperimentRow { last_run_key: "playground.cpu.last-run" },
        /// The image downloads.
        Io = "io" => ExperimentRow { last_run_key: "playground.io.last-run" },
    }
}

/// What the page keeps of an experiment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExperimentRow {
    /// Storage key of its last finished run (shown again after a reload).
    pub last_run_key: &'static str,
}

/// A mode's figures in a run, for lists, comparisons and predictions.
#[derive(Clone, Debug, PartialEq)]
pub struct ModeFigure {
    /// Mode id.
    pub mode: &'static str,
    /// Wall time (ms).
    pub wall_ms: f64,
    /// Speedup over its engine's serial.
    pub speedup: Option<f64>,
    /// done / cancelled / failed.
    pub status: Status,
}

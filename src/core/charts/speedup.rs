//! The figures behind one bar group of the speedup chart (data only: the chart draws it, the
//! summary sentence in `i18n::charts` reads it).

use crate::core::engine::Engine;

/// One mode's figures.
#[derive(Clone, Debug, PartialEq)]
pub struct SpeedupRow {
    /// Mode id (also its label: ids are short and the same in both languages).
    pub mode: &'static str,
    /// This run's wall time (ms).
    pub wall_ms: f64,
    /// Speedup over [`Self::baseline`]; `None` without a finished baseline, or when this mode did
    /// not finish.
    pub speedup: Option<f64>,
    /// The speedup's range over the rounds (the whisker), `None` without one.
    pub range: Option<(f64, f64)>,
    /// Rounds behind the figure.
    pub samples: usize,
    /// The mode finished.
    pub done: bool,
    /// The tutorial's time for the matching variant (s).
    pub tutorial_seconds: f64,
    /// The tutorial's speedup for it.
    pub tutorial_speedup: f64,
    /// The tutorial's name for that variant, in the page language.
    pub tutorial_label: &'static str,
    /// Draw the tutorial's bar above this row (the first row of its variant).
    pub first_of_variant: bool,
    /// The engine that computed it (its class, and which summary sentence it belongs to).
    pub engine: Engine,
    /// The mode its speedup is over: its engine's serial.
    pub baseline: &'static str,
    /// A mode of the learner's own CPython (a take-home file): its label, the mode and that
    /// Python's name. Such rows are drawn with the page's but left out of the summary, which
    /// speaks of this browser.
    pub home: Option<String>,
}

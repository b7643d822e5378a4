//! The CPU experiment's exports: what each button of its [`Exports`](super::exports::Exports) downloads.

use super::exports::{Export, File};
use crate::core::report::{CpuReport, ModeOutcome};

/// The file of one export of `r`: JSON and CSV from the report, the trace from the timelines of
/// `outcomes` (only this page's runs have them: storage keeps no spans).
pub(super) fn export_file<O: std::ops::Deref<Target = ModeOutcome>>(
    r: &CpuReport,
    outcomes: &[O],
    kind: Export,
) -> File {
    let n = r.params.n;
    match kind {
        Export::Trace => {
            let list: Vec<&ModeOutcome> = outcomes.iter().map(|o| &**o).collect();
            (format!("cpu-run-n{n}.trace.json"), "application/json", crate::core::trace::cpu_trace(&list))
        }
        Export::Json | Export::Csv => {
            let stamp = js_sys::Date::new(&r.started_at.into()).to_iso_string().as_string().unwrap_or_default();
            let stamp: String = stamp.chars().filter(|c| c.is_ascii_alphanumeric()).take(15).collect();
            let (text, mime) =
                if kind == Export::Json { (r.to_json(), "application/json") } else { (r.to_csv(), "text/csv") };
            (format!("cpu-run-n{n}-{stamp}.{}", kind.id()), mime, text)
        }
    }
}

//! Results side by side, per tutorial variant: each of the tutorial's rows (its CPython figure,
//! static) with this browser's Python modes and then its Rust modes that stand for it, so the
//! learner reads the three figures of one variant together.

use super::cpu_modes::{CpuMode, TutorialFigure};
use super::engine::Engine;
use super::report::RunEntry;

/// One variant of the tutorial and the entries that stand for it.
#[derive(Clone, Debug, PartialEq)]
pub struct VariantGroup<'a> {
    /// The tutorial's figure for the variant.
    pub tutorial: TutorialFigure,
    /// Its entries: Python's first, then Rust's, each in run order.
    pub entries: Vec<&'a RunEntry>,
}

/// Groups `entries` by tutorial variant, the variants in the order their first mode has in
/// [`CpuMode::ALL`] (base, coroutines, threads, processes, processes + queue).
pub fn by_variant(entries: &[RunEntry]) -> Vec<VariantGroup<'_>> {
    let rank = |f: &TutorialFigure| CpuMode::ALL.iter().position(|m| m.tutorial().variant == f.variant);
    let mut groups: Vec<VariantGroup> = Vec::new();
    for e in entries {
        let t = e.mode.tutorial();
        match groups.iter_mut().find(|g| g.tutorial.variant == t.variant) {
            Some(g) => g.entries.push(e),
            None => groups.push(VariantGroup { tutorial: t, entries: vec![e] }),
        }
    }
    groups.sort_by_key(|g| rank(&g.tutorial));
    for g in &mut groups {
        // Stable: run order is kept within each engine.
        g.entries.sort_by_key(|e| match e.engine {
            Engine::Python => 0,
            Engine::Rust => 1,
        });
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::report::Status;

    fn entry(mode: CpuMode) -> RunEntry {
        RunEntry {
            mode,
            engine: mode.engine(),
            k: 1,
            chunk: None,
            wall_ms: 1.0,
            samples_ms: vec![1.0],
            min_ms: Some(1.0),
            max_ms: Some(1.0),
            startup_ms: 0.0,
            tasks: 1,
            checksum: None,
            checksum_match: None,
            speedup: None,
            speedup_range: None,
            efficiency: None,
            status: Status::Done,
            error: None,
        }
    }

    /// Python's live row sits before Rust's in each variant; Rust-only runs keep the panel order.
    #[test]
    fn python_then_rust_per_variant() {
        use CpuMode::*;
        let run = [Serial, Async, Workers, WorkersQueue, PySerial, PyProcesses, PyAsyncio, PyThreads, GlobalLock];
        let entries: Vec<RunEntry> = run.into_iter().map(entry).collect();
        let groups: Vec<(&str, Vec<CpuMode>)> = by_variant(&entries)
            .iter()
            .map(|g| (g.tutorial.variant, g.entries.iter().map(|e| e.mode).collect()))
            .collect();
        assert_eq!(
            groups,
            [
                ("base", vec![PySerial, Serial]),
                ("coroutine", vec![PyAsyncio, Async]),
                ("thread ×4", vec![PyThreads, GlobalLock]),
                ("multiprocess ×4", vec![PyProcesses, Workers]),
                ("process + queue ×4", vec![WorkersQueue]),
            ]
        );
        let rust: Vec<RunEntry> = CpuMode::ALL.into_iter().filter(|m| m.engine() == Engine::Rust).map(entry).collect();
        let order: Vec<CpuMode> = by_variant(&rust).iter().flat_map(|g| g.entries.iter().map(|e| e.mode)).collect();
        assert_eq!(order, rust.iter().map(|e| e.mode).collect::<Vec<_>>(), "Rust modes keep the panel's order");
    }
}

//! Results side by side, per tutorial variant: each of the tutorial's rows (its CPython figure,
//! static) with this browser's Python modes and then its Rust modes that stand for it, and then
//! the modes of the learner's own CPython runs (files the take-home script wrote), so the learner
//! reads every figure of one variant together.

use super::cpu_modes::{CpuMode, TutorialFigure};
use super::engine::Engine;
use super::report::RunEntry;
use super::take_home::{HomeMode, HomeResult};

/// A mode of a take-home file, in the variant of the page mode it stands for.
#[derive(Clone, Debug, PartialEq)]
pub struct HomeRow<'a> {
    /// The file.
    pub file: &'a HomeResult,
    /// Its mode.
    pub mode: &'a HomeMode,
    /// The page's mode of the same name.
    pub as_mode: CpuMode,
}

/// One variant of the tutorial and the entries that stand for it.
#[derive(Clone, Debug, PartialEq)]
pub struct VariantGroup<'a> {
    /// The tutorial's figure for the variant.
    pub tutorial: TutorialFigure,
    /// A mode of the variant (its first), which names it.
    pub first: CpuMode,
    /// Its entries: Python's first, then Rust's, each in run order.
    pub entries: Vec<&'a RunEntry>,
    /// The learner's own runs of it, file by file.
    pub home: Vec<HomeRow<'a>>,
}

/// Groups `entries` and the modes of `home`'s files by tutorial variant, the variants in the
/// order their first mode has in [`CpuMode::ALL`] (base, coroutines, threads, processes,
/// processes + queue). A file's mode the page has no mode for (sub-interpreters) is left to the
/// file's own table.
pub fn by_variant<'a>(entries: &'a [RunEntry], home: &'a [HomeResult]) -> Vec<VariantGroup<'a>> {
    let rank = |f: &TutorialFigure| CpuMode::ALL.iter().position(|m| m.tutorial().variant == f.variant);
    let mut groups: Vec<VariantGroup> = Vec::new();
    let group = |groups: &mut Vec<VariantGroup<'a>>, mode: CpuMode| -> usize {
        let t = mode.tutorial();
        match groups.iter().position(|g| g.tutorial.variant == t.variant) {
            Some(i) => i,
            None => {
                groups.push(VariantGroup { tutorial: t, first: mode, entries: vec![], home: vec![] });
                groups.len() - 1
            }
        }
    };
    for e in entries {
        let i = group(&mut groups, e.mode);
        groups[i].entries.push(e);
    }
    for file in home {
        for mode in &file.modes {
            if let Some(as_mode) = mode.cpu_mode() {
                let i = group(&mut groups, as_mode);
                groups[i].home.push(HomeRow { file, mode, as_mode });
            }
        }
    }
    groups.sort_by_key(|g| rank(&g.tutorial));
    for g in &mut groups {
        // Stable: run order is kept within each engine.
        g.entries.sort_by_key(|e| match e.engine {
            Engine::Python => 0,
            Engine::Rust => 1,
        });
        if let Some(e) = g.entries.first() {
            g.first = e.mode;
        }
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
        let groups: Vec<(&str, Vec<CpuMode>)> = by_variant(&entries, &[])
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
        let order: Vec<CpuMode> =
            by_variant(&rust, &[]).iter().flat_map(|g| g.entries.iter().map(|e| e.mode)).collect();
        assert_eq!(order, rust.iter().map(|e| e.mode).collect::<Vec<_>>(), "Rust modes keep the panel's order");
    }

    /// A take-home file's modes join the page's variants (named as the page's modes, aliases of
    /// the script's first version too); sub-interpreters, which the page has not, stay out; a
    /// variant only a file ran still gets its group.
    #[test]
    fn home_modes_join_their_variants() {
        use crate::core::take_home::read;
        let file = r#"{"format": "playground-take-home/1", "experiment": "cpu",
            "python": {"version": "3.14.0", "implementation": "CPython", "gil_enabled": false, "free_threaded": true},
            "settings": {"n": 300, "k": 4}, "modes": [
            {"mode": "py-serial", "status": "done", "samples_ms": [40], "median_ms": 40},
            {"mode": "threads", "status": "done", "samples_ms": [11], "median_ms": 11},
            {"mode": "py-processes-queue", "status": "done", "samples_ms": [12], "median_ms": 12},
            {"mode": "interpreters", "status": "done", "samples_ms": [13], "median_ms": 13}]}"#;
        let home = [read(file.len(), file, crate::core::experiment::ExperimentId::Cpu, |_| None).unwrap()];
        let entries: Vec<RunEntry> = [CpuMode::Serial, CpuMode::GlobalLock].into_iter().map(entry).collect();
        let groups: Vec<(&str, CpuMode, Vec<CpuMode>, Vec<&str>)> = by_variant(&entries, &home)
            .iter()
            .map(|g| {
                (
                    g.tutorial.variant,
                    g.first,
                    g.entries.iter().map(|e| e.mode).collect(),
                    g.home.iter().map(|h| h.as_mode.id()).collect(),
                )
            })
            .collect();
        use CpuMode::*;
        assert_eq!(
            groups,
            [
                ("base", Serial, vec![Serial], vec!["py-serial"]),
                ("thread ×4", GlobalLock, vec![GlobalLock], vec!["py-threads"]),
                ("process + queue ×4", PyProcessesQueue, vec![], vec!["py-processes-queue"]),
            ]
        );
        assert_eq!(home[0].speedup(&home[0].modes[1]), Some(40.0 / 11.0), "over the file's own serial");
        assert_eq!(home[0].short_title(), "CPython 3.14t");
    }
}

//! The CPU panel's settings and their checks.

use super::{check_rounds, id_list, in_range, whole_number, Expected, Host, Problem};
use crate::core::cpu_modes::CpuMode;
use crate::core::engine::Engine;
use crate::core::lang::Lang;

/// Largest n accepted; bigger values are capped (with a message), never silently.
pub const MAX_N: u32 = 50_000;
/// Smallest useful n (one task).
pub const MIN_N: u32 = 2;
/// n when none is given.
pub const DEFAULT_N: u32 = 10_000;
/// Largest chunk size accepted.
pub const MAX_CHUNK: u32 = MAX_N;

/// The chunk size of the worker modes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Chunk {
    /// Chosen from n and k (see `chunks::auto_chunk`).
    #[default]
    Auto,
    /// Exactly this many tasks per message.
    Fixed(u32),
}

/// The CPU panel's settings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CpuSettings {
    /// Experiment size: tasks `1 .. n`.
    pub n: u32,
    /// Threads or workers for the parallel modes.
    pub k: u32,
    /// Tasks per message for the worker modes.
    pub chunk: Chunk,
    /// Modes to run, in `CpuMode::ALL` order, no repeats.
    pub modes: Vec<CpuMode>,
    /// Times each mode is timed, interleaved (`core::rounds`).
    pub rounds: u32,
    /// `global-lock`'s switch interval in ms (`core::gil`), like `sys.setswitchinterval`.
    pub switch_ms: u32,
}

/// Checks a switch interval as typed: whole ms in `MIN_SWITCH_MS ..= MAX_SWITCH_MS`.
pub fn check_switch(value: &str) -> Result<u32, Problem> {
    use crate::core::gil::{MAX_SWITCH_MS, MIN_SWITCH_MS};
    in_range("switch", value, MIN_SWITCH_MS, MAX_SWITCH_MS)
}

/// Checks an n as typed. `Ok` may carry a cap problem alongside the capped value.
pub fn check_n(value: &str) -> Result<(u32, Option<Problem>), Problem> {
    match whole_number(value) {
        Some(v) if v > MAX_N => Ok((MAX_N, Some(Problem::Capped { key: "n".into(), value: value.into(), cap: MAX_N }))),
        _ => in_range("n", value, MIN_N, MAX_N).map(|n| (n, None)),
    }
}

/// Checks a k as typed against this host's range `1 ..= 2 × cores`.
pub fn check_k(value: &str, host: Host) -> Result<u32, Problem> {
    in_range("k", value, 1, host.max_k())
}

/// Checks a chunk size as typed: `auto` or `1 ..= MAX_CHUNK`.
pub fn check_chunk(value: &str) -> Result<Chunk, Problem> {
    if value.trim().eq_ignore_ascii_case("auto") {
        return Ok(Chunk::Auto);
    }
    in_range("chunk", value, 1, MAX_CHUNK).map(Chunk::Fixed).map_err(|_| Problem::BadValue {
        key: "chunk".into(),
        value: value.into(),
        expected: Expected::AutoOrRange { min: 1, max: MAX_CHUNK },
    })
}

impl CpuSettings {
    /// The panel's defaults on this host: the Rust modes (`main-thread` is opt-in: it freezes the
    /// page; the Python modes are opt-in too: the first one ticked loads ~13 MB of interpreter).
    pub fn defaults(host: Host) -> CpuSettings {
        CpuSettings {
            n: DEFAULT_N,
            k: host.hardware_concurrency.clamp(1, host.max_k()),
            chunk: Chunk::Auto,
            modes: CpuMode::ALL
                .into_iter()
                .filter(|m| *m != CpuMode::MainThread && m.engine() == Engine::Rust)
                .filter(|m| host.isolated || !m.needs_shared_memory())
                .collect(),
            rounds: crate::core::rounds::DEFAULT_ROUNDS,
            switch_ms: crate::core::gil::DEFAULT_SWITCH_MS,
        }
    }

    /// Applies one URL parameter; `false` when the key is not a CPU parameter.
    pub(super) fn apply(&mut self, key: &str, value: &str, host: Host, problems: &mut Vec<Problem>) -> bool {
        match key {
            "n" => match check_n(value) {
                Ok((n, cap)) => {
                    self.n = n;
                    problems.extend(cap);
                }
                Err(e) => problems.push(e),
            },
            "k" => match check_k(value, host) {
                Ok(k) => self.k = k,
                Err(e) => problems.push(e),
            },
            "chunk" => match check_chunk(value) {
                Ok(c) => self.chunk = c,
                Err(e) => problems.push(e),
            },
            "rounds" => match check_rounds(value) {
                Ok(r) => self.rounds = r,
                Err(e) => problems.push(e),
            },
            "switch" => match check_switch(value) {
                Ok(s) => self.switch_ms = s,
                Err(e) => problems.push(e),
            },
            "modes" => {
                let mut chosen = id_list(value, CpuMode::from_id, problems);
                chosen.retain(|m| {
                    let ok = host.isolated || !m.needs_shared_memory();
                    if !ok {
                        problems.push(Problem::ModeNeedsIsolation { mode: *m });
                    }
                    ok
                });
                if chosen.is_empty() {
                    problems.push(Problem::NoModes);
                } else {
                    self.modes = chosen;
                }
            }
            _ => return false,
        }
        true
    }

    /// The query string that reproduces these settings (the share link).
    pub fn to_query(&self, lang: Lang) -> String {
        let chunk = match self.chunk {
            Chunk::Auto => "auto".to_string(),
            Chunk::Fixed(c) => c.to_string(),
        };
        let modes: Vec<&str> = self.modes.iter().map(|m| m.id()).collect();
        // The interval only changes `global-lock`, so only a link that runs it carries it.
        let switch = if self.modes.contains(&CpuMode::GlobalLock) {
            format!("&switch={}", self.switch_ms)
        } else {
            String::new()
        };
        format!(
            "exp=cpu&n={}&k={}&chunk={}&modes={}&rounds={}{switch}&lang={}",
            self.n,
            self.k,
            chunk,
            modes.join(","),
            self.rounds,
            lang.tag()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::preset::tests::{q, ISOLATED, PLAIN};
    use crate::core::preset::Experiment;

    /// The example preset is read exactly, with no problem reported.
    #[test]
    fn the_example_preset() {
        let p = q("exp=cpu&n=3000&k=2&chunk=16&modes=serial,rayon,workers&run=1&lang=en", ISOLATED);
        assert_eq!(p.problems, vec![]);
        assert_eq!(p.experiment, Some(Experiment::Cpu));
        assert_eq!(p.lang, Some(Lang::En));
        assert!(p.run);
        assert_eq!(
            p.cpu,
            CpuSettings {
                n: 3000,
                k: 2,
                chunk: Chunk::Fixed(16),
                modes: vec![CpuMode::Serial, CpuMode::Rayon, CpuMode::Workers],
                rounds: 3,
                switch_ms: 5,
            }
        );
    }

    /// Every bad value is reported and replaced by the default; n is capped, not dropped.
    #[test]
    fn bad_values_fall_back() {
        let p = q("n=99999999999&k=0&chunk=-3&modes=serial,turbo&run=yes&lang=fr&zzz=1&exp=gpu", ISOLATED);
        assert_eq!(p.cpu.n, MAX_N);
        assert_eq!(p.cpu.k, 4);
        assert_eq!(p.cpu.chunk, Chunk::Auto);
        assert_eq!(p.cpu.modes, vec![CpuMode::Serial]);
        assert!(!p.run);
        assert_eq!(p.lang, None);
        assert_eq!(p.problems.len(), 8, "{:?}", p.problems);
        assert!(p.problems.iter().any(|x| matches!(x, Problem::Capped { cap: MAX_N, .. })));
        assert!(p.problems.contains(&Problem::UnknownMode { id: "turbo".into() }));
        assert!(p.problems.contains(&Problem::UnknownParam { key: "zzz".into() }));
        assert!(p.problems.contains(&Problem::UnknownExperiment { value: "gpu".into() }));
    }

    /// Values that only look like numbers are rejected.
    #[test]
    fn numbers_are_whole_numbers() {
        for v in ["", "abc", "1e4", "3.5", "-2", "0x10", " ", "1"] {
            assert!(check_n(v).is_err(), "{v:?}");
        }
        assert_eq!(check_n("+2000"), Ok((2000, None)));
        assert_eq!(check_n(" 50000 "), Ok((50_000, None)));
        assert!(matches!(check_n("50001"), Ok((MAX_N, Some(_)))));
        assert_eq!(check_k("8", ISOLATED), Ok(8));
        assert!(check_k("9", ISOLATED).is_err());
        assert_eq!(check_chunk("AUTO"), Ok(Chunk::Auto));
        assert!(check_chunk("0").is_err());
    }

    /// Without isolation the shared-memory modes are neither defaults nor accepted from a URL.
    #[test]
    fn shared_memory_modes_need_isolation() {
        assert!(!CpuSettings::defaults(PLAIN).modes.iter().any(|m| m.needs_shared_memory()));
        assert!(CpuSettings::defaults(ISOLATED).modes.contains(&CpuMode::Rayon));
        let p = q("modes=rayon,global-lock", PLAIN);
        assert_eq!(p.cpu.modes, CpuSettings::defaults(PLAIN).modes);
        assert_eq!(
            p.problems,
            vec![
                Problem::ModeNeedsIsolation { mode: CpuMode::Rayon },
                Problem::ModeNeedsIsolation { mode: CpuMode::GlobalLock },
                Problem::NoModes
            ]
        );
    }

    /// Modes are de-duplicated, case-insensitive and put in panel order.
    #[test]
    fn modes_normalised() {
        let p = q("modes=Workers,serial,,serial, ", ISOLATED);
        assert_eq!(p.cpu.modes, vec![CpuMode::Serial, CpuMode::Workers]);
        assert_eq!(p.problems, vec![]);
    }

    /// A share link reads back as the same settings.
    #[test]
    fn share_link_round_trips() {
        let s = CpuSettings {
            n: 1234,
            k: 3,
            chunk: Chunk::Fixed(7),
            modes: vec![CpuMode::Async, CpuMode::WorkersQueue],
            rounds: 7,
            switch_ms: 5,
        };
        let p = q(&s.to_query(Lang::Zh), ISOLATED);
        assert_eq!(p.cpu, s);
        assert_eq!(p.lang, Some(Lang::Zh));
        assert_eq!(p.problems, vec![]);
        assert!(!s.to_query(Lang::Zh).contains("switch="), "no global-lock, no interval");
        let gil = CpuSettings { modes: vec![CpuMode::Serial, CpuMode::GlobalLock], switch_ms: 50, ..s };
        let link = gil.to_query(Lang::En);
        assert!(link.contains("&switch=50&"), "{link}");
        assert_eq!(q(&link, ISOLATED).cpu, gil);
    }

    /// The switch interval takes whole ms from 1 to 100, CPython's 5 when none is given; a bad
    /// value is reported by name with the range and the default kept.
    #[test]
    fn switch_interval() {
        assert_eq!(q("modes=global-lock&switch=20", ISOLATED).cpu.switch_ms, 20);
        assert_eq!(q("", ISOLATED).cpu.switch_ms, 5);
        for bad in ["0", "101", "2.5", "fast", ""] {
            let p = q(&format!("switch={bad}"), ISOLATED);
            assert_eq!(p.cpu.switch_ms, 5, "{bad:?}");
            assert_eq!(
                p.problems,
                vec![Problem::BadValue {
                    key: "switch".into(),
                    value: bad.into(),
                    expected: Expected::Range { min: 1, max: 100 }
                }],
                "{bad:?}"
            );
        }
        assert_eq!(check_switch(" 100 "), Ok(100));
    }
}

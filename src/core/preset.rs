//! URL presets: `?exp=cpu&n=3000&k=2&chunk=16&modes=serial,rayon&run=1&lang=en`.
//!
//! Parsing never fails: every value that cannot be used becomes a [`Problem`] the page shows,
//! and the setting falls back to its default. The same checks validate what the learner types.

use super::cpu_modes::CpuMode;
use super::lang::Lang;

/// Largest n accepted; bigger values are capped (with a message), never silently.
pub const MAX_N: u32 = 50_000;
/// Smallest useful n (one task).
pub const MIN_N: u32 = 2;
/// n when none is given.
pub const DEFAULT_N: u32 = 10_000;
/// Largest chunk size accepted.
pub const MAX_CHUNK: u32 = MAX_N;

/// Something in the URL (or a field) that could not be used as given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// A parameter the page does not know.
    UnknownParam { key: String },
    /// A value that is not one the parameter accepts; the default is used instead.
    BadValue {
        key: String,
        value: String,
        expected: Expected,
    },
    /// A number above the limit; the limit is used instead.
    Capped {
        key: String,
        value: String,
        cap: u32,
    },
    /// A mode id that does not exist.
    UnknownMode { id: String },
    /// A shared-memory mode asked for on a page that is not cross-origin isolated.
    ModeNeedsIsolation { mode: CpuMode },
    /// `modes=` named nothing usable; the default selection is used.
    NoModes,
    /// An `exp=` value that names no experiment.
    UnknownExperiment { value: String },
}

/// What a parameter accepts, for the message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expected {
    /// A whole number in `min ..= max`.
    Range { min: u32, max: u32 },
    /// `auto` or a whole number in `min ..= max`.
    AutoOrRange { min: u32, max: u32 },
    /// `0` or `1`.
    Flag,
    /// `zh` or `en`.
    Language,
}

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
}

/// What the page knows about itself when it reads a preset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Host {
    /// `navigator.hardwareConcurrency` (at least 1).
    pub hardware_concurrency: u32,
    /// `crossOriginIsolated`: shared memory is available.
    pub isolated: bool,
}

impl Host {
    /// The largest k offered: twice the cores, to show oversubscription.
    pub fn max_k(self) -> u32 {
        self.hardware_concurrency.max(1) * 2
    }
}

impl CpuSettings {
    /// The panel's defaults on this host (`main-thread` is opt-in: it freezes the page).
    pub fn defaults(host: Host) -> CpuSettings {
        CpuSettings {
            n: DEFAULT_N,
            k: host.hardware_concurrency.clamp(1, host.max_k()),
            chunk: Chunk::Auto,
            modes: CpuMode::ALL
                .into_iter()
                .filter(|m| {
                    *m != CpuMode::MainThread && (host.isolated || !m.needs_shared_memory())
                })
                .collect(),
        }
    }
}

/// Which experiment a URL asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Experiment {
    /// The CPU-bound workload.
    Cpu,
}

/// Everything a URL can preset.
#[derive(Clone, Debug, PartialEq)]
pub struct Preset {
    /// `exp=`; `None` when absent.
    pub experiment: Option<Experiment>,
    /// `lang=`.
    pub lang: Option<Lang>,
    /// `run=1`: start the experiment as soon as the page is ready.
    pub run: bool,
    /// The CPU panel, defaults filled in.
    pub cpu: CpuSettings,
    /// Everything that could not be used as given, in URL order.
    pub problems: Vec<Problem>,
}

/// A whole number as typed: digits only (an optional leading `+`), any size.
/// `Some(u32::MAX)` stands for anything larger than u32.
fn whole_number(value: &str) -> Option<u32> {
    let digits = value.trim().strip_prefix('+').unwrap_or(value.trim());
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(digits.parse::<u32>().unwrap_or(u32::MAX))
}

/// Checks an n as typed. `Ok` may carry a cap problem alongside the capped value.
pub fn check_n(value: &str) -> Result<(u32, Option<Problem>), Problem> {
    let bad = || Problem::BadValue {
        key: "n".into(),
        value: value.into(),
        expected: Expected::Range {
            min: MIN_N,
            max: MAX_N,
        },
    };
    match whole_number(value) {
        Some(v) if v > MAX_N => Ok((
            MAX_N,
            Some(Problem::Capped {
                key: "n".into(),
                value: value.into(),
                cap: MAX_N,
            }),
        )),
        Some(v) if v >= MIN_N => Ok((v, None)),
        _ => Err(bad()),
    }
}

/// Checks a k as typed against this host's range `1 ..= 2 × cores`.
pub fn check_k(value: &str, host: Host) -> Result<u32, Problem> {
    match whole_number(value) {
        Some(v) if (1..=host.max_k()).contains(&v) => Ok(v),
        _ => Err(Problem::BadValue {
            key: "k".into(),
            value: value.into(),
            expected: Expected::Range {
                min: 1,
                max: host.max_k(),
            },
        }),
    }
}

/// Checks a chunk size as typed: `auto` or `1 ..= MAX_CHUNK`.
pub fn check_chunk(value: &str) -> Result<Chunk, Problem> {
    if value.trim().eq_ignore_ascii_case("auto") {
        return Ok(Chunk::Auto);
    }
    match whole_number(value) {
        Some(v) if (1..=MAX_CHUNK).contains(&v) => Ok(Chunk::Fixed(v)),
        _ => Err(Problem::BadValue {
            key: "chunk".into(),
            value: value.into(),
            expected: Expected::AutoOrRange {
                min: 1,
                max: MAX_CHUNK,
            },
        }),
    }
}

/// Reads `modes=a,b,c`: known, usable ids in panel order; problems for the rest.
fn parse_modes(value: &str, host: Host, problems: &mut Vec<Problem>) -> Option<Vec<CpuMode>> {
    let mut chosen = Vec::new();
    for id in value.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        match CpuMode::from_id(&id.to_ascii_lowercase()) {
            None => problems.push(Problem::UnknownMode { id: id.into() }),
            Some(m) if m.needs_shared_memory() && !host.isolated => {
                problems.push(Problem::ModeNeedsIsolation { mode: m })
            }
            Some(m) => chosen.push(m),
        }
    }
    chosen.sort();
    chosen.dedup();
    if chosen.is_empty() {
        problems.push(Problem::NoModes);
        None
    } else {
        Some(chosen)
    }
}

/// Reads a query string's pairs (already percent-decoded), in order.
pub fn parse<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>, host: Host) -> Preset {
    let mut p = Preset {
        experiment: None,
        lang: None,
        run: false,
        cpu: CpuSettings::defaults(host),
        problems: Vec::new(),
    };
    let problems = &mut p.problems;
    let bad = |key: &str, value: &str, expected| Problem::BadValue {
        key: key.into(),
        value: value.into(),
        expected,
    };
    for (key, value) in pairs {
        match key {
            "exp" => match value.trim().to_ascii_lowercase().as_str() {
                "cpu" => p.experiment = Some(Experiment::Cpu),
                _ => problems.push(Problem::UnknownExperiment {
                    value: value.into(),
                }),
            },
            "lang" => match Lang::from_tag(value) {
                Some(l) => p.lang = Some(l),
                None => problems.push(bad(key, value, Expected::Language)),
            },
            "run" => match value.trim() {
                "1" | "true" => p.run = true,
                "0" | "false" => p.run = false,
                _ => problems.push(bad(key, value, Expected::Flag)),
            },
            "n" => match check_n(value) {
                Ok((n, cap)) => {
                    p.cpu.n = n;
                    problems.extend(cap);
                }
                Err(e) => problems.push(e),
            },
            "k" => match check_k(value, host) {
                Ok(k) => p.cpu.k = k,
                Err(e) => problems.push(e),
            },
            "chunk" => match check_chunk(value) {
                Ok(c) => p.cpu.chunk = c,
                Err(e) => problems.push(e),
            },
            "modes" => {
                if let Some(m) = parse_modes(value, host, problems) {
                    p.cpu.modes = m;
                }
            }
            _ => problems.push(Problem::UnknownParam { key: key.into() }),
        }
    }
    p
}

/// Writes the query string that reproduces `cpu` (the share link).
pub fn to_query(cpu: &CpuSettings, lang: Lang) -> String {
    let chunk = match cpu.chunk {
        Chunk::Auto => "auto".to_string(),
        Chunk::Fixed(c) => c.to_string(),
    };
    let modes: Vec<&str> = cpu.modes.iter().map(|m| m.id()).collect();
    format!(
        "exp=cpu&n={}&k={}&chunk={}&modes={}&lang={}",
        cpu.n,
        cpu.k,
        chunk,
        modes.join(","),
        lang.tag()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const ISOLATED: Host = Host {
        hardware_concurrency: 4,
        isolated: true,
    };
    const PLAIN: Host = Host {
        hardware_concurrency: 2,
        isolated: false,
    };

    fn q(s: &str, host: Host) -> Preset {
        let pairs: Vec<(&str, &str)> = s.split('&').filter_map(|kv| kv.split_once('=')).collect();
        parse(pairs, host)
    }

    /// The example preset is read exactly, with no problem reported.
    #[test]
    fn the_example_preset() {
        let p = q(
            "exp=cpu&n=3000&k=2&chunk=16&modes=serial,rayon,workers&run=1&lang=en",
            ISOLATED,
        );
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
                modes: vec![CpuMode::Serial, CpuMode::Rayon, CpuMode::Workers]
            }
        );
    }

    /// Every bad value is reported and replaced by the default; n is capped, not dropped.
    #[test]
    fn bad_values_fall_back() {
        let p = q(
            "n=99999999999&k=0&chunk=-3&modes=serial,turbo&run=yes&lang=fr&zzz=1&exp=gpu",
            ISOLATED,
        );
        assert_eq!(p.cpu.n, MAX_N);
        assert_eq!(p.cpu.k, 4);
        assert_eq!(p.cpu.chunk, Chunk::Auto);
        assert_eq!(p.cpu.modes, vec![CpuMode::Serial]);
        assert!(!p.run);
        assert_eq!(p.lang, None);
        assert_eq!(p.problems.len(), 8, "{:?}", p.problems);
        assert!(matches!(p.problems[0], Problem::Capped { cap: MAX_N, .. }));
        assert!(p
            .problems
            .contains(&Problem::UnknownMode { id: "turbo".into() }));
        assert!(p
            .problems
            .contains(&Problem::UnknownParam { key: "zzz".into() }));
        assert!(p.problems.contains(&Problem::UnknownExperiment {
            value: "gpu".into()
        }));
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
        assert!(!CpuSettings::defaults(PLAIN)
            .modes
            .iter()
            .any(|m| m.needs_shared_memory()));
        assert!(CpuSettings::defaults(ISOLATED)
            .modes
            .contains(&CpuMode::Rayon));
        let p = q("modes=rayon,global-lock", PLAIN);
        assert_eq!(p.cpu.modes, CpuSettings::defaults(PLAIN).modes);
        assert_eq!(
            p.problems,
            vec![
                Problem::ModeNeedsIsolation {
                    mode: CpuMode::Rayon
                },
                Problem::ModeNeedsIsolation {
                    mode: CpuMode::GlobalLock
                },
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
        };
        let p = q(&to_query(&s, Lang::Zh), ISOLATED);
        assert_eq!(p.cpu, s);
        assert_eq!(p.lang, Some(Lang::Zh));
        assert_eq!(p.problems, vec![]);
    }
}

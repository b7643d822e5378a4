//! URL presets: `?exp=cpu&n=3000&k=2&chunk=16&modes=serial,rayon&run=1&lang=en` or
//! `?exp=io&count=60&latency=100&…&modes=serial,bounded&run=1` or `?exp=py&code=BASE64URL&run=1`.
//!
//! Parsing never fails: every value that cannot be used becomes a [`Problem`] the page shows,
//! and the setting falls back to its default. The same checks validate what the learner types.
//! `k` and `modes` mean different things in the two experiments, so `exp` is read first.

mod cpu;
mod io;
mod py;

pub use cpu::{check_chunk, check_k, check_n, check_switch, Chunk, CpuSettings, DEFAULT_N, MAX_CHUNK, MAX_N, MIN_N};
pub use io::{IoField, IoSettings, Order, Source, MAX_COUNT};
pub use py::PySettings;

use super::cpu_modes::CpuMode;
use super::demos::params::DemoValues;
use super::demos::{DemoId, Expect};
use super::lang::Lang;
pub(crate) use super::number::whole_number;
use super::pycell::link::CodeError;
use super::topics::Topic;

/// Something in the URL (or a field) that could not be used as given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// A parameter the page does not know (for the chosen experiment).
    UnknownParam { key: String },
    /// A value that is not one the parameter accepts; the default is used instead.
    BadValue { key: String, value: String, expected: Expected },
    /// A number above the limit; the limit is used instead.
    Capped { key: String, value: String, cap: u32 },
    /// A mode id that does not exist.
    UnknownMode { id: String },
    /// A shared-memory mode asked for on a page that is not cross-origin isolated.
    ModeNeedsIsolation { mode: CpuMode },
    /// `modes=` named nothing usable; the default selection is used.
    NoModes,
    /// An `exp=` value that names no experiment.
    UnknownExperiment { value: String },
    /// A `code=` value that is not base64url of UTF-8 text.
    BadCode { error: CodeError },
    /// `run=1` with a demo: a demo starts from its own Run button only, after the prediction.
    DemoRun,
}

/// What a parameter accepts, for the message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expected {
    /// A whole number in `min ..= max`.
    Range { min: u32, max: u32 },
    /// `auto` or a whole number in `min ..= max`.
    AutoOrRange { min: u32, max: u32 },
    /// A decimal from 0 to 1.
    Fraction,
    /// One of these words.
    OneOf(&'static [&'static str]),
    /// `0` or `1`.
    Flag,
    /// `zh` or `en`.
    Language,
    /// 1 to `max_len` whole numbers of ms, each at most `max_ms`, separated by commas.
    Delays { max_len: usize, max_ms: u32 },
}

impl From<Expect> for Expected {
    /// A demo field's rule, as a URL parameter's.
    fn from(e: Expect) -> Expected {
        match e {
            Expect::Number { min, max } => Expected::Range { min, max },
            Expect::Delays { max_len, max_ms } => Expected::Delays { max_len, max_ms },
        }
    }
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
    /// The largest k offered for the CPU modes: twice the cores, to show oversubscription.
    pub fn max_k(self) -> u32 {
        self.hardware_concurrency.max(1) * 2
    }
}

/// Which experiment a URL asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Experiment {
    /// The CPU-bound workload.
    #[default]
    Cpu,
    /// The image downloads.
    Io,
    /// The Python cell.
    Py,
    /// One small demo: embedded alone, or scrolled to on the full page, its fields filled in
    /// from the link (`core::demos::params`).
    Demo(DemoId),
}

impl Experiment {
    /// The id in URLs and exports.
    pub fn id(self) -> &'static str {
        match self {
            Experiment::Cpu => "cpu",
            Experiment::Io => "io",
            Experiment::Py => "py",
            Experiment::Demo(d) => d.id(),
        }
    }

    /// The topic whose section shows it (`#topic-…` on the page, the note of an embed).
    pub fn topic(self) -> Topic {
        match self {
            Experiment::Cpu => Topic::ExperimentCpu,
            Experiment::Io => Topic::ExperimentIo,
            Experiment::Py => Topic::PythonBrowser,
            Experiment::Demo(d) => d.topic(),
        }
    }

    /// Reads an `exp=` value.
    pub fn from_id(value: &str) -> Option<Experiment> {
        match value.trim().to_ascii_lowercase().as_str() {
            "cpu" => Some(Experiment::Cpu),
            "io" => Some(Experiment::Io),
            "py" => Some(Experiment::Py),
            v => DemoId::from_id(v).map(Experiment::Demo),
        }
    }
}

/// Everything a URL can preset.
#[derive(Clone, Debug, PartialEq)]
pub struct Preset {
    /// `exp=`; `None` when absent (or unknown).
    pub experiment: Option<Experiment>,
    /// `lang=`.
    pub lang: Option<Lang>,
    /// `run=1`: start the experiment as soon as the page is ready.
    pub run: bool,
    /// `embed=1`: show only the chosen experiment or demo, for a course site's iframe.
    pub embed: bool,
    /// The CPU panel, defaults filled in.
    pub cpu: CpuSettings,
    /// The I/O panel, defaults filled in.
    pub io: IoSettings,
    /// The Python cell.
    pub py: PySettings,
    /// The chosen demo's fields, as the link set them.
    pub demo: DemoValues,
    /// The URL named at least one of the chosen experiment's own parameters (else the page may
    /// restore the learner's last settings instead of the defaults).
    pub given: bool,
    /// Everything that could not be used as given, in URL order.
    pub problems: Vec<Problem>,
}

/// A whole number in `min ..= max`, else the problem for `key`.
pub(crate) fn in_range(key: &str, value: &str, min: u32, max: u32) -> Result<u32, Problem> {
    match whole_number(value) {
        Some(v) if (min..=max).contains(&v) => Ok(v),
        _ => Err(Problem::BadValue { key: key.into(), value: value.into(), expected: Expected::Range { min, max } }),
    }
}

/// Checks a rounds value as typed: a whole number in `MIN_ROUNDS ..= MAX_ROUNDS`.
pub fn check_rounds(value: &str) -> Result<u32, Problem> {
    use crate::core::rounds::{MAX_ROUNDS, MIN_ROUNDS};
    in_range("rounds", value, MIN_ROUNDS, MAX_ROUNDS)
}

/// Reads a comma-separated list of ids, in `all` order, reporting unknown ones.
pub(crate) fn id_list<M: Copy + Ord>(
    value: &str,
    from_id: impl Fn(&str) -> Option<M>,
    problems: &mut Vec<Problem>,
) -> Vec<M> {
    let mut chosen = Vec::new();
    for id in value.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        match from_id(&id.to_ascii_lowercase()) {
            Some(m) => chosen.push(m),
            None => problems.push(Problem::UnknownMode { id: id.into() }),
        }
    }
    chosen.sort();
    chosen.dedup();
    chosen
}

/// Reads a query string's pairs (already percent-decoded), in order.
pub fn parse<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>, host: Host) -> Preset {
    let pairs: Vec<(&str, &str)> = pairs.into_iter().collect();
    let mut p = Preset {
        experiment: None,
        lang: None,
        run: false,
        embed: false,
        cpu: CpuSettings::defaults(host),
        io: IoSettings::default(),
        py: PySettings::default(),
        demo: DemoValues::default(),
        given: false,
        problems: Vec::new(),
    };
    let bad = |key: &str, value: &str, expected| Problem::BadValue { key: key.into(), value: value.into(), expected };
    for (key, value) in &pairs {
        if *key == "exp" {
            match Experiment::from_id(value) {
                Some(e) => p.experiment = Some(e),
                None => p.problems.push(Problem::UnknownExperiment { value: (*value).into() }),
            }
        }
    }
    let experiment = p.experiment.unwrap_or_default();
    for (key, value) in pairs {
        let problems = &mut p.problems;
        match key {
            "exp" => {}
            "lang" => match Lang::from_tag(value) {
                Some(l) => p.lang = Some(l),
                None => problems.push(bad(key, value, Expected::Language)),
            },
            "run" | "embed" => {
                let flag = match value.trim() {
                    "1" | "true" => Some(true),
                    "0" | "false" => Some(false),
                    _ => None,
                };
                match (flag, key) {
                    (Some(f), "run") => p.run = f,
                    (Some(f), _) => p.embed = f,
                    (None, _) => problems.push(bad(key, value, Expected::Flag)),
                }
            }
            _ => {
                let known = match experiment {
                    Experiment::Cpu => p.cpu.apply(key, value, host, problems),
                    Experiment::Io => p.io.apply(key, value, problems),
                    Experiment::Py => p.py.apply(key, value, problems),
                    Experiment::Demo(d) => match p.demo.apply(d, key, value) {
                        None => false,
                        Some(taken) => {
                            if let Err(e) = taken {
                                problems.push(bad(key, value, e.into()));
                            }
                            true
                        }
                    },
                };
                if known {
                    p.given = true;
                } else {
                    problems.push(Problem::UnknownParam { key: key.into() });
                }
            }
        }
    }
    if p.run && matches!(experiment, Experiment::Demo(_)) {
        p.run = false;
        p.problems.push(Problem::DemoRun);
    }
    p
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub const ISOLATED: Host = Host { hardware_concurrency: 4, isolated: true };
    pub const PLAIN: Host = Host { hardware_concurrency: 2, isolated: false };

    pub fn q(s: &str, host: Host) -> Preset {
        let pairs: Vec<(&str, &str)> = s.split('&').filter_map(|kv| kv.split_once('=')).collect();
        parse(pairs, host)
    }

    /// The common keys, and keys of the other experiment reported as unknown.
    #[test]
    fn common_keys() {
        let p = q("lang=zh&run=true&exp=io&n=5", ISOLATED);
        assert_eq!((p.lang, p.run, p.experiment), (Some(Lang::Zh), true, Some(Experiment::Io)));
        assert_eq!(p.problems, vec![Problem::UnknownParam { key: "n".into() }]);
        let p = q("embed=1&exp=map-order", ISOLATED);
        assert_eq!((p.embed, p.experiment), (true, Some(Experiment::Demo(DemoId::MapOrder))));
        assert_eq!(p.problems, vec![]);
        let p = q("embed=2&exp=Freeze-Meter", ISOLATED);
        assert_eq!((p.embed, p.experiment), (false, Some(Experiment::Demo(DemoId::FreezeMeter))));
        assert_eq!(p.problems.len(), 1);
        let p = q("count=5", ISOLATED);
        assert_eq!(p.experiment, None);
        assert_eq!(p.problems, vec![Problem::UnknownParam { key: "count".into() }], "no exp means cpu");
    }

    /// A demo link fills that demo's fields; a bad value keeps the default and says why, and a key
    /// the demo does not have is unknown.
    #[test]
    fn demo_fields() {
        use crate::core::demos::params::PRODUCER_CONSUMER;
        let p = q("exp=producer-consumer&consumers=4&capacity=99&n=3&embed=1", ISOLATED);
        assert_eq!(p.demo.texts(&PRODUCER_CONSUMER), ["3", "4", "4", "30", "100", "250"]);
        assert_eq!(
            p.problems,
            vec![
                Problem::BadValue {
                    key: "capacity".into(),
                    value: "99".into(),
                    expected: Expected::Range { min: 1, max: 32 }
                },
                Problem::UnknownParam { key: "n".into() },
            ]
        );
        let p = q("exp=timed-tasks&run=1&b-takes=+40", ISOLATED);
        assert_eq!((p.run, p.problems.clone()), (false, vec![Problem::DemoRun]));
        assert_eq!(p.demo.texts(&crate::core::demos::params::TIMED_TASKS)[5], "40", "+40 is shown as 40");
        let p = q("exp=map-order&delays=1,2,3,4,5,6,7,8,9", ISOLATED);
        assert!(p.demo.is_empty());
        assert_eq!(
            p.problems,
            vec![Problem::BadValue {
                key: "delays".into(),
                value: "1,2,3,4,5,6,7,8,9".into(),
                expected: Expected::Delays { max_len: 8, max_ms: 5000 }
            }]
        );
        assert_eq!(
            q("exp=cpu&consumers=4", ISOLATED).problems,
            vec![Problem::UnknownParam { key: "consumers".into() }]
        );
    }

    /// `rounds=` is read by both experiments, 1 … 10, default 3; a bad value says so.
    #[test]
    fn rounds_in_both_experiments() {
        assert_eq!((q("rounds=5", ISOLATED).cpu.rounds, q("exp=io&rounds=1", ISOLATED).io.rounds), (5, 1));
        assert_eq!((q("", ISOLATED).cpu.rounds, q("exp=io", ISOLATED).io.rounds), (3, 3));
        for bad in ["0", "11", "two", "2.5"] {
            let p = q(&format!("rounds={bad}"), ISOLATED);
            assert_eq!(p.cpu.rounds, 3);
            assert_eq!(
                p.problems,
                vec![Problem::BadValue {
                    key: "rounds".into(),
                    value: bad.into(),
                    expected: Expected::Range { min: 1, max: 10 }
                }]
            );
        }
    }
}

//! The I/O panel's settings and their checks.

use super::{id_list, in_range, whole_number, Expected, Problem};
use crate::core::engine::Engine;
use crate::core::io_modes::IoMode;
use crate::core::lang::Lang;
use crate::core::net::NetParams;
use crate::id_table;

/// Most requests in one run (the tutorial made 930).
pub const MAX_COUNT: u32 = 1000;

id_table! {
    /// Where the images come from.
    #[derive(Default)]
    pub enum Source: SourceRow {
        /// The bundled images, answered by the service worker after the network model's delay.
        #[default]
        Simulated = "simulated" => SourceRow { network_model: true, pasted_urls: false },
        /// The bundled images, fetched over real HTTP from the serving origin.
        SameOrigin = "same-origin" => SourceRow { network_model: false, pasted_urls: false },
        /// URLs the learner pasted.
        Urls = "urls" => SourceRow { network_model: false, pasted_urls: true },
    }
}

id_table! {
    /// In which order `bounded` hands its results over (`order=` in the URL and the export).
    #[derive(Default)]
    pub enum Order {
        /// As each download finishes (`as_completed`).
        #[default]
        Completion = "completion",
        /// In the order they were submitted (`Executor.map`).
        Submission = "submission",
    }
}

impl Order {
    /// The order a setting of "hand over in submission order" stands for.
    pub fn of(ordered: bool) -> Order {
        if ordered {
            Order::Submission
        } else {
            Order::Completion
        }
    }
}

id_table! {
    /// A number field of the I/O panel; its id is the URL parameter it sets.
    pub enum IoField: IoFieldRow {
        /// Requests in a run.
        Count = "count" => IoFieldRow { network: false },
        /// Simulated latency (ms).
        Latency = "latency" => IoFieldRow { network: true },
        /// Simulated jitter (ms).
        Jitter = "jitter" => IoFieldRow { network: true },
        /// Simulated bandwidth (kB/s, 0 = unlimited).
        Bandwidth = "bandwidth" => IoFieldRow { network: true },
        /// The simulated server's connection cap.
        Conn = "conn" => IoFieldRow { network: true },
        /// Simulated failure rate (0 … 1).
        Fail = "fail" => IoFieldRow { network: true },
        /// The simulated network's seed.
        Seed = "seed" => IoFieldRow { network: true },
        /// Requests in flight, or workers.
        K = "k" => IoFieldRow { network: false },
        /// Timed rounds per mode.
        Rounds = "rounds" => IoFieldRow { network: false },
    }
}

/// What a field of the I/O panel sets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IoFieldRow {
    /// A setting of the simulated network (off for the other sources).
    pub network: bool,
}

/// What a source means for the panel and the export: one row per source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SourceRow {
    /// The simulated network's settings (latency, bandwidth, failures…) apply.
    pub network_model: bool,
    /// The requests are the learner's URL list (so its length is the count, and exports keep it).
    pub pasted_urls: bool,
}

impl IoSettings {
    /// The value of `field`, as the panel shows it (and [`IoSettings::apply`] reads it back).
    pub fn field_text(&self, field: IoField) -> String {
        let n = &self.net;
        match field {
            IoField::Count => self.count.to_string(),
            IoField::Latency => n.latency_ms.to_string(),
            IoField::Jitter => n.jitter_ms.to_string(),
            IoField::Bandwidth => n.bandwidth_kbs.to_string(),
            IoField::Conn => n.conn_cap.to_string(),
            IoField::Fail => n.fail_rate.to_string(),
            IoField::Seed => n.seed.to_string(),
            IoField::K => self.k.to_string(),
            IoField::Rounds => self.rounds.to_string(),
        }
    }
}

/// The I/O panel's settings.
#[derive(Clone, Debug, PartialEq)]
pub struct IoSettings {
    /// Requests in a run (images repeat when there are more than the bundled set).
    pub count: u32,
    /// The simulated network.
    pub net: NetParams,
    /// Requests in flight (`bounded`) or workers (`workers`, `workers-queue`).
    pub k: u32,
    /// Where the images come from.
    pub source: Source,
    /// `bounded` hands results over in submission order (`executor.map`) instead of completion
    /// order (`as_completed`).
    pub ordered: bool,
    /// Modes to run, in `IoMode::ALL` order.
    pub modes: Vec<IoMode>,
    /// Times each mode is timed, interleaved (`core::rounds`).
    pub rounds: u32,
}

impl Default for IoSettings {
    fn default() -> Self {
        IoSettings {
            count: 48,
            net: NetParams::default(),
            k: 4,
            source: Source::Simulated,
            ordered: false,
            // The Python modes are opt-in: nothing of Python loads unless the learner asks.
            modes: IoMode::ALL.into_iter().filter(|m| m.engine() == Engine::Rust).collect(),
            rounds: crate::core::rounds::DEFAULT_ROUNDS,
        }
    }
}

/// A decimal in `0 ..= 1` ("0.25", "0", "1", ".5").
fn fraction(key: &str, value: &str) -> Result<f64, Problem> {
    let v = value.trim();
    let plain =
        !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit() || b == b'.') && v.matches('.').count() <= 1 && v != ".";
    match v.parse::<f64>() {
        Ok(x) if plain && (0.0..=1.0).contains(&x) => Ok(x),
        _ => Err(Problem::BadValue { key: key.into(), value: value.into(), expected: Expected::Fraction }),
    }
}

impl IoSettings {
    /// Applies one URL parameter; `false` when the key is not an I/O parameter.
    pub fn apply(&mut self, key: &str, value: &str, problems: &mut Vec<Problem>) -> bool {
        let mut set = |r: Result<u32, Problem>, slot: &mut dyn FnMut(u32)| match r {
            Ok(v) => slot(v),
            Err(e) => problems.push(e),
        };
        match key {
            "rounds" => set(super::check_rounds(value), &mut |v| self.rounds = v),
            "count" => match whole_number(value) {
                Some(v) if v > MAX_COUNT => {
                    self.count = MAX_COUNT;
                    problems.push(Problem::Capped { key: key.into(), value: value.into(), cap: MAX_COUNT });
                }
                _ => set(in_range(key, value, 1, MAX_COUNT), &mut |v| self.count = v),
            },
            "latency" => set(in_range(key, value, 0, 10_000), &mut |v| self.net.latency_ms = f64::from(v)),
            "jitter" => set(in_range(key, value, 0, 10_000), &mut |v| self.net.jitter_ms = f64::from(v)),
            "bandwidth" => set(in_range(key, value, 0, 1_000_000), &mut |v| self.net.bandwidth_kbs = f64::from(v)),
            "conn" => set(in_range(key, value, 1, 100), &mut |v| self.net.conn_cap = v),
            "seed" => set(in_range(key, value, 0, u32::MAX - 1), &mut |v| self.net.seed = u64::from(v)),
            "k" => set(in_range(key, value, 1, 64), &mut |v| self.k = v),
            "fail" => match fraction(key, value) {
                Ok(f) => self.net.fail_rate = f,
                Err(e) => problems.push(e),
            },
            "source" => match Source::from_id(&value.trim().to_ascii_lowercase()) {
                Some(s) => self.source = s,
                None => problems.push(Problem::BadValue {
                    key: key.into(),
                    value: value.into(),
                    expected: Expected::OneOf(Source::IDS),
                }),
            },
            "order" => match Order::from_id(&value.trim().to_ascii_lowercase()) {
                Some(o) => self.ordered = o == Order::Submission,
                None => problems.push(Problem::BadValue {
                    key: key.into(),
                    value: value.into(),
                    expected: Expected::OneOf(Order::IDS),
                }),
            },
            "modes" => {
                let chosen = id_list(value, IoMode::from_id, problems);
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
        let modes: Vec<&str> = self.modes.iter().map(|m| m.id()).collect();
        let n = &self.net;
        format!(
            "exp=io&count={}&latency={}&jitter={}&bandwidth={}&conn={}&fail={}&seed={}&k={}&source={}&order={}&modes={}&rounds={}&lang={}",
            self.count,
            n.latency_ms,
            n.jitter_ms,
            n.bandwidth_kbs,
            n.conn_cap,
            n.fail_rate,
            n.seed,
            self.k,
            self.source.id(),
            Order::of(self.ordered).id(),
            modes.join(","),
            self.rounds,
            lang.tag()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::preset::tests::{q, ISOLATED};
    use crate::core::preset::Experiment;

    /// Every field's text reads back to the same settings (the panel shows and parses each once).
    #[test]
    fn fields_round_trip() {
        let mut given = IoSettings { count: 42, k: 3, ..IoSettings::default() };
        given.net.fail_rate = 0.25;
        given.net.seed = 7;
        let mut back = IoSettings::default();
        let mut problems = Vec::new();
        for f in IoField::ALL {
            back.apply(f.id(), &given.field_text(f), &mut problems);
        }
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(back, given);
    }

    /// The example I/O preset is read exactly.
    #[test]
    fn the_example_preset() {
        let p = q(
            "exp=io&count=60&latency=100&jitter=20&bandwidth=2000&conn=6&fail=0&k=4&source=simulated&modes=serial,bounded,unbounded&run=1",
            ISOLATED,
        );
        assert_eq!(p.problems, vec![]);
        assert_eq!(p.experiment, Some(Experiment::Io));
        assert!(p.run);
        let io = p.io;
        assert_eq!((io.count, io.k, io.source, io.ordered), (60, 4, Source::Simulated, false));
        assert_eq!(
            (io.net.latency_ms, io.net.jitter_ms, io.net.bandwidth_kbs, io.net.conn_cap),
            (100.0, 20.0, 2000.0, 6)
        );
        assert_eq!(io.modes, vec![IoMode::Serial, IoMode::Bounded, IoMode::Unbounded]);
    }

    /// Bad values are reported one by one and leave the defaults.
    #[test]
    fn bad_values() {
        let p = q("exp=io&count=0&latency=-1&jitter=x&bandwidth=1.5&conn=0&fail=1.5&seed=a&k=65&source=ftp&order=random&modes=gpu", ISOLATED);
        assert_eq!(p.io, IoSettings::default());
        assert_eq!(p.problems.len(), 12, "{:?}", p.problems);
        let p = q("exp=io&count=5000", ISOLATED);
        assert_eq!(p.io.count, MAX_COUNT);
        assert!(matches!(p.problems[0], Problem::Capped { cap: MAX_COUNT, .. }));
    }

    /// Failure rates are plain decimals in [0, 1].
    #[test]
    fn fractions() {
        for (v, want) in [("0", Some(0.0)), ("1", Some(1.0)), (".25", Some(0.25)), ("0.3", Some(0.3))] {
            assert_eq!(fraction("fail", v).ok(), want, "{v}");
        }
        for v in ["", ".", "1.01", "-0.1", "1e-1", "NaN", "inf", "0..1", "30%"] {
            assert!(fraction("fail", v).is_err(), "{v}");
        }
    }

    /// A share link reads back as the same settings.
    #[test]
    fn share_link_round_trips() {
        let mut s = IoSettings { count: 20, k: 3, source: Source::SameOrigin, ordered: true, ..IoSettings::default() };
        s.net.fail_rate = 0.25;
        s.net.seed = 99;
        s.net.bandwidth_kbs = 0.0;
        s.modes = vec![IoMode::Bounded, IoMode::BlockingAsync];
        let p = q(&s.to_query(Lang::En), ISOLATED);
        assert_eq!(p.problems, vec![]);
        assert_eq!(p.io, s);
    }
}

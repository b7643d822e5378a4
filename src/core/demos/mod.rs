//! The pure side of the small demos in `src/demos/`: which demos exist, how their inputs are
//! read, and the bookkeeping each one shows (queue depth, scheduling order, frame times, a
//! running average). No browser here, so all of it is tested natively.

pub mod average;
pub mod convoy;
pub mod frames;
pub mod params;
pub mod queue;
pub mod sched;
pub mod tasks;

use super::number::whole_number;
use super::topics::Topic;
use crate::id_table;

id_table! {
    /// One of the live demos. Its id is used in URLs (`?embed=1&exp=<id>`) and in element ids
    /// (`#demo-<id>`). The order is the one the notes introduce them in.
    pub enum DemoId: DemoRow {
        /// Producers and consumers over a bounded channel.
        ProducerConsumer = "producer-consumer" => DemoRow { topic: Topic::Queues, source: "src/demos/producer_consumer.rs",
            python: Python { cell: include_str!("../../demos/python/producer-consumer.py"), virtual_clock: true, home: Some(include_str!("../../demos/python/producer-consumer.home.py")) } },
        /// Results in submission order next to completion order.
        MapOrder = "map-order" => DemoRow { topic: Topic::FuturesExecutors, source: "src/demos/map_order.rs",
            python: Python { cell: include_str!("../../demos/python/map-order.py"), virtual_clock: true, home: Some(include_str!("../../demos/python/map-order.home.py")) } },
        /// Waiting for the first, the first failure, or all of several futures.
        FirstOf = "first-of" => DemoRow { topic: Topic::FuturesExecutors, source: "src/demos/first_of.rs",
            python: Python { cell: include_str!("../../demos/python/first-of.py"), virtual_clock: true, home: Some(include_str!("../../demos/python/first-of.home.py")) } },
        /// `sched`: actions fired at planned times, in time then priority order.
        TimedTasks = "timed-tasks" => DemoRow { topic: Topic::Sched, source: "src/demos/timed_tasks.rs",
            python: Python { cell: include_str!("../../demos/python/timed-tasks.py"), virtual_clock: true, home: None } },
        /// A requestAnimationFrame animation and a trace of frame intervals.
        FreezeMeter = "freeze-meter" => DemoRow { topic: Topic::EventLoop, source: "src/demos/freeze_meter.rs",
            python: Python { cell: include_str!("../../demos/python/freeze-meter.py"), virtual_clock: false, home: None } },
        /// A coroutine that keeps a running average between resumes.
        RunningAverage = "running-average" => DemoRow { topic: Topic::Coroutines, source: "src/demos/running_average.rs",
            python: Python { cell: include_str!("../../demos/python/running-average.py"), virtual_clock: false, home: None } },
        /// One thread back from short I/O, waiting for the GIL behind busy threads.
        Convoy = "convoy" => DemoRow { topic: Topic::ThreadsGil, source: "src/demos/convoy.rs",
            python: Python { cell: include_str!("../../demos/python/convoy.py"), virtual_clock: false, home: Some(include_str!("../../demos/python/convoy.home.py")) } },
    }
}

/// Where a demo sits and what implements it: one row per demo.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DemoRow {
    /// The note (`notes/<topic>.<lang>.md`) this demo belongs beside.
    pub topic: Topic,
    /// The file that implements it, as the notes name it.
    pub source: &'static str,
    /// The Python program it stands for (`src/demos/python/<id>.py`).
    pub python: Python,
}

/// The Python a demo stands for: a program that runs in the cell, and where the tutorial's way
/// needs threads the browser's Python cannot start, the same with threads to run at home.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Python {
    /// Runs in the cell (`asyncio` where the tutorial uses threads).
    pub cell: &'static str,
    /// Open it on the virtual clock (its sleeps are the lesson, not the wait).
    pub virtual_clock: bool,
    /// The threads version, for the learner's own CPython.
    pub home: Option<&'static str>,
}

impl DemoId {
    /// The note (`notes/<topic>.<lang>.md`) this demo belongs beside.
    pub fn topic(self) -> Topic {
        self.row().topic
    }

    /// The file that implements it, as the notes name it.
    pub fn source(self) -> &'static str {
        self.row().source
    }

    /// The Python program it stands for.
    pub fn python(self) -> Python {
        self.row().python
    }

    /// The cell's link that opens its Python program, in `lang`.
    pub fn python_link(self, lang: &str) -> String {
        let p = self.python();
        let clock = if p.virtual_clock { "&clock=virtual" } else { "" };
        format!("?exp=py&code={}&lang={lang}{clock}", super::pycell::link::encode(p.cell))
    }
}

/// What a demo's field accepts, for the message shown when the typed text does not fit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expect {
    /// A whole number in `min ..= max`.
    Number { min: u32, max: u32 },
    /// 1 to `max_len` whole numbers of ms, each at most `max_ms`.
    Delays { max_len: usize, max_ms: u32 },
}

/// A whole number in `min ..= max`, else what was expected.
pub fn number_field(text: &str, min: u32, max: u32) -> Result<u32, Expect> {
    whole_number(text).filter(|v| (min..=max).contains(v)).ok_or(Expect::Number { min, max })
}

/// A list of delays in ms such as `400, 100, 300, 200` (commas, spaces or `、` between): 1 to
/// `max_len` whole numbers, each at most `max_ms`.
pub fn delay_list(text: &str, max_len: usize, max_ms: u32) -> Result<Vec<u32>, Expect> {
    let expect = Expect::Delays { max_len, max_ms };
    let parts: Vec<&str> = text.split([',', '，', '、', ' ', ';']).filter(|p| !p.trim().is_empty()).collect();
    if parts.is_empty() || parts.len() > max_len {
        return Err(expect);
    }
    parts.iter().map(|p| number_field(p, 0, max_ms).map_err(|_| expect)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every demo opens its Python program in the cell: a link with no problem, in each language,
    /// whose code is the program's, on the virtual clock where its sleeps are the lesson.
    #[test]
    fn every_demo_links_its_python() {
        use crate::core::preset::{parse, Experiment, Host};
        let host = Host { hardware_concurrency: 4, isolated: true };
        for d in DemoId::ALL {
            for lang in ["zh", "en"] {
                let link = d.python_link(lang);
                let p = parse(link[1..].split('&').map(|kv| kv.split_once('=').unwrap_or((kv, ""))), host);
                assert!(p.problems.is_empty(), "{}: {:?}", d.id(), p.problems);
                assert_eq!(p.experiment, Some(Experiment::Py), "{}", d.id());
                assert_eq!(p.py.code.as_deref(), Some(d.python().cell), "{}", d.id());
                assert_eq!(link.contains("clock=virtual"), d.python().virtual_clock);
            }
        }
    }

    /// Every id reads back to its demo, ids are distinct, and unknown ids are refused.
    #[test]
    fn ids_round_trip() {
        for d in DemoId::ALL {
            assert_eq!(DemoId::from_id(d.id()), Some(d));
            assert!(d.source().starts_with("src/demos/") && d.source().ends_with(".rs"));
        }
        let ids: std::collections::HashSet<_> = DemoId::ALL.iter().map(|d| d.id()).collect();
        assert_eq!(ids.len(), DemoId::ALL.len());
        assert_eq!(DemoId::from_id("Map-Order"), None);
        assert_eq!(DemoId::FirstOf.topic(), Topic::FuturesExecutors);
    }

    /// Delay lists accept the separators people type and refuse empty, too long or too large.
    #[test]
    fn delay_lists() {
        assert_eq!(delay_list("400, 100,300 200", 8, 5000), Ok(vec![400, 100, 300, 200]));
        assert_eq!(delay_list("400，100、0", 8, 5000), Ok(vec![400, 100, 0]));
        let too_many = Expect::Delays { max_len: 2, max_ms: 5000 };
        assert_eq!(delay_list("1 2 3", 2, 5000), Err(too_many));
        assert!(delay_list("", 8, 5000).is_err());
        assert!(delay_list("100, 6000", 8, 5000).is_err());
        assert!(delay_list("100, -1", 8, 5000).is_err());
        assert_eq!(number_field(" 3 ", 1, 8), Ok(3));
        assert_eq!(number_field("9", 1, 8), Err(Expect::Number { min: 1, max: 8 }));
        assert!(number_field("2.5", 1, 8).is_err());
    }
}

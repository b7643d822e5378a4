//! What a link can put into a demo's fields: `?exp=producer-consumer&consumers=4&capacity=5`
//! opens the page at that demo with those values typed in. A demo never starts by itself — the
//! learner predicts, then presses Run — so these are only the fields' starting texts. Each demo's
//! fields are one table here, used both by the demo (ids, ranges, defaults) and by the URL reader,
//! so a link can set exactly what typing can, checked by the same reader the field uses.

use super::{delay_list, number_field, DemoId, Expect};

/// One field a link may set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Param {
    /// The URL key; the field's element id is the demo's prefix and this key (`pc-consumers`).
    pub key: &'static str,
    /// What the field accepts.
    pub expect: Expect,
    /// The text the field starts with when the link does not set it.
    pub default: &'static str,
}

const fn number(key: &'static str, min: u32, max: u32, default: &'static str) -> Param {
    Param { key, expect: Expect::Number { min, max }, default }
}

/// The producer/consumer demo: counts, the queue's capacity, and ms per item on each side.
pub const PRODUCER_CONSUMER: [Param; 6] = [
    number("producers", 1, 8, "3"),
    number("consumers", 1, 8, "2"),
    number("capacity", 1, 32, "4"),
    number("items", 1, 200, "30"),
    number("make-ms", 0, 2000, "100"),
    number("use-ms", 0, 2000, "250"),
];

/// The timed-tasks demo: rows A–D, each a delay (ms), a priority and how long its action takes
/// (ms), in that order; the key is the row letter and the column (`b-priority`).
pub const TIMED_TASKS: [Param; 12] = [
    number("a-delay", 0, 5000, "600"),
    number("a-priority", 0, 9, "1"),
    number("a-takes", 0, 2000, "0"),
    number("b-delay", 0, 5000, "300"),
    number("b-priority", 0, 9, "2"),
    number("b-takes", 0, 2000, "0"),
    number("c-delay", 0, 5000, "300"),
    number("c-priority", 0, 9, "1"),
    number("c-takes", 0, 2000, "0"),
    number("d-delay", 0, 5000, "900"),
    number("d-priority", 0, 9, "1"),
    number("d-takes", 0, 2000, "0"),
];

/// The map-order demo's most jobs, and its longest delay (ms).
pub const MAP_ORDER_JOBS: usize = 8;
pub const MAP_ORDER_MAX_MS: u32 = 5000;

/// The map-order demo: one job per delay, in submission order.
pub const MAP_ORDER: [Param; 1] = [Param {
    key: "delays",
    expect: Expect::Delays { max_len: MAP_ORDER_JOBS, max_ms: MAP_ORDER_MAX_MS },
    default: "400, 100, 300, 200",
}];

/// The convoy demo (`convoy`): the most busy threads it measures up to, the switch interval,
/// and how many wake-ups it measures at each level.
pub const CONVOY: [Param; 3] =
    [number("busy", 1, 7, "3"), number("switch", 1, 100, "5"), number("wakeups", 5, 100, "20")];

impl DemoId {
    /// The fields a link may set (none for the demos that are driven by buttons alone).
    pub fn params(self) -> &'static [Param] {
        match self {
            DemoId::ProducerConsumer => &PRODUCER_CONSUMER,
            DemoId::TimedTasks => &TIMED_TASKS,
            DemoId::MapOrder => &MAP_ORDER,
            DemoId::Convoy => &CONVOY,
            DemoId::FirstOf | DemoId::FreezeMeter | DemoId::RunningAverage => &[],
        }
    }
}

impl Param {
    /// The range of a number field (`None` for a list of delays).
    pub fn range(&self) -> Option<(u32, u32)> {
        match self.expect {
            Expect::Number { min, max } => Some((min, max)),
            Expect::Delays { .. } => None,
        }
    }

    /// Whether `text` is a value this field takes (what the field itself would accept typed).
    pub fn check(&self, text: &str) -> Result<(), Expect> {
        self.read(text).map(|_| ())
    }

    /// The number typed into a number field, if it is one the field takes.
    pub fn number(&self, text: &str) -> Option<u32> {
        let (min, max) = self.range()?;
        number_field(text, min, max).ok()
    }

    /// `text` as the field should show it: a number written plainly (`+4` → `4`, which a
    /// number input would otherwise show empty), a list of delays as given.
    fn read(&self, text: &str) -> Result<String, Expect> {
        match self.expect {
            Expect::Number { min, max } => number_field(text, min, max).map(|n| n.to_string()),
            Expect::Delays { max_len, max_ms } => delay_list(text, max_len, max_ms).map(|_| text.trim().to_string()),
        }
    }
}

/// The values a link gave one demo's fields, each already checked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DemoValues(Vec<(&'static str, String)>);

impl DemoValues {
    /// Takes `key=value` for `demo`: `None` if the demo has no such field, else whether the value
    /// was taken (a later value for the same key wins, as for the experiments' keys).
    pub fn apply(&mut self, demo: DemoId, key: &str, value: &str) -> Option<Result<(), Expect>> {
        let param = demo.params().iter().find(|p| p.key == key)?;
        Some(param.read(value).map(|text| {
            self.0.retain(|(k, _)| *k != param.key);
            self.0.push((param.key, text));
        }))
    }

    /// The starting text of each of `params`, in their order: the link's value, else the default.
    pub fn texts(&self, params: &[Param]) -> Vec<String> {
        params
            .iter()
            .map(|p| self.0.iter().find(|(k, _)| *k == p.key).map_or(p.default, |(_, v)| v.as_str()).to_string())
            .collect()
    }

    /// Whether the link set any field.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every default is a value its own field accepts, and keys are unique within a demo.
    #[test]
    fn defaults_fit_and_keys_are_unique() {
        for d in DemoId::ALL {
            let ps = d.params();
            for (i, p) in ps.iter().enumerate() {
                assert_eq!(p.check(p.default), Ok(()), "{}: {} default {:?}", d.id(), p.key, p.default);
                assert!(ps[..i].iter().all(|q| q.key != p.key), "{}: {} twice", d.id(), p.key);
            }
        }
        // Timed tasks: row-major, each column's range the same in every row.
        for (i, p) in TIMED_TASKS.iter().enumerate() {
            let (row, col) = (["a", "b", "c", "d"][i / 3], ["delay", "priority", "takes"][i % 3]);
            assert_eq!(p.key, format!("{row}-{col}"));
            assert_eq!(p.expect, TIMED_TASKS[i % 3].expect, "{}", p.key);
        }
        // The producer/consumer demo reads its settings and labels by position.
        let keys: Vec<_> = PRODUCER_CONSUMER.iter().map(|p| p.key).collect();
        assert_eq!(keys, ["producers", "consumers", "capacity", "items", "make-ms", "use-ms"]);
        // The two demos with a grid of number fields read their ranges with `range()`.
        assert!(PRODUCER_CONSUMER.iter().chain(&TIMED_TASKS).all(|p| p.range().is_some()));
    }

    /// A value in range is taken (the last one for a key wins); out of range, or for a key the
    /// demo does not have, it is not; unset fields keep their defaults.
    #[test]
    fn values_are_checked_and_fill_the_texts() {
        let mut v = DemoValues::default();
        assert_eq!(v.apply(DemoId::ProducerConsumer, "consumers", " 4 "), Some(Ok(())));
        assert_eq!(v.apply(DemoId::ProducerConsumer, "capacity", "+5"), Some(Ok(())));
        assert_eq!(v.apply(DemoId::ProducerConsumer, "capacity", "6"), Some(Ok(())));
        assert_eq!(v.apply(DemoId::ProducerConsumer, "producers", "9"), Some(Err(Expect::Number { min: 1, max: 8 })));
        assert_eq!(v.apply(DemoId::ProducerConsumer, "delays", "1,2"), None);
        assert_eq!(v.texts(&PRODUCER_CONSUMER), ["3", "4", "6", "30", "100", "250"]);
        let mut m = DemoValues::default();
        assert_eq!(m.apply(DemoId::MapOrder, "delays", "900,100"), Some(Ok(())));
        assert_eq!(
            m.apply(DemoId::MapOrder, "delays", "1,2,3,4,5,6,7,8,9"),
            Some(Err(Expect::Delays { max_len: 8, max_ms: 5000 }))
        );
        assert_eq!(m.texts(&MAP_ORDER), ["900,100"]);
        assert_eq!(DemoValues::default().apply(DemoId::RunningAverage, "items", "3"), None);
        // What the demos read from their fields.
        assert_eq!((PRODUCER_CONSUMER[1].number(" 4"), PRODUCER_CONSUMER[1].number("9")), (Some(4), None));
        assert_eq!(MAP_ORDER[0].number("100"), None, "a list of delays is not a number");
    }
}

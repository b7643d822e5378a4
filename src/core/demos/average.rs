//! The state a running-average coroutine keeps between two resumes: the whole "frame" of the
//! tutorial's generator, as a struct. `src/demos/running_average.rs` holds one of these across
//! every `.await` of an async loop that reads numbers from a channel.

/// The coroutine's frame: everything it still needs after a suspension point.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct RunningAverage {
    /// Sum of every value received so far.
    pub total: f64,
    /// How many values were received.
    pub count: u32,
}

impl RunningAverage {
    /// One resume: take a value in, hand the new average out (Python's `coro.send(value)`).
    pub fn send(&mut self, value: f64) -> f64 {
        self.total += value;
        self.count += 1;
        self.total / f64::from(self.count)
    }

    /// The average so far; `None` before the first value (the generator's `average = None`).
    pub fn average(&self) -> Option<f64> {
        (self.count > 0).then(|| self.total / f64::from(self.count))
    }
}

/// A number as a learner types it: `12`, `-3.5`, `1e3`, with `,` accepted as the decimal mark.
/// Only finite numbers; `None` for anything else.
pub fn parse_value(text: &str) -> Option<f64> {
    let t = text.trim().replace(',', ".");
    t.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// A number the way the page prints it: at most 4 decimals, no trailing zeros.
pub fn number(v: f64) -> String {
    let s = format!("{v:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The state survives between sends: 10, 20, 30 give 10, 15, 20, and the frame holds the
    /// count and total that a Reset (a fresh frame) throws away.
    #[test]
    fn keeps_state_between_sends() {
        let mut ra = RunningAverage::default();
        assert_eq!(ra.average(), None);
        assert_eq!([10.0, 20.0, 30.0].map(|v| ra.send(v)), [10.0, 15.0, 20.0]);
        assert_eq!(ra, RunningAverage { total: 60.0, count: 3 });
        let mut fresh = RunningAverage::default();
        assert_eq!(fresh.send(4.0), 4.0);
    }

    /// Typed values: decimals, a comma as decimal mark, signs; text, NaN and infinity refused.
    #[test]
    fn parses_typed_numbers() {
        assert_eq!(parse_value(" 12 "), Some(12.0));
        assert_eq!(parse_value("-3,5"), Some(-3.5));
        assert_eq!(parse_value("1e3"), Some(1000.0));
        assert_eq!(parse_value("abc"), None);
        assert_eq!(parse_value("NaN"), None);
        assert_eq!(parse_value("inf"), None);
        assert_eq!(parse_value(""), None);
    }

    /// Averages print without noise: whole numbers bare, fractions to 4 places.
    #[test]
    fn prints_numbers() {
        assert_eq!(number(15.0), "15");
        assert_eq!(number(40.0 / 3.0), "13.3333");
        assert_eq!(number(-2.5), "-2.5");
        assert_eq!(number(-0.00001), "0");
        assert_eq!(number(1000.0), "1000");
    }
}

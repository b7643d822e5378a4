//! Linear scales and "nice" axis ticks (steps of 1, 2 or 5 × 10ⁿ).

/// A linear map from a data interval onto a drawing interval (which may run backwards, as a
/// y axis does: larger values higher up, at smaller y).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Linear {
    /// Data value drawn at `r0`.
    pub d0: f64,
    /// Data value drawn at `r1`.
    pub d1: f64,
    /// Drawing coordinate of `d0`.
    pub r0: f64,
    /// Drawing coordinate of `d1`.
    pub r1: f64,
}

impl Linear {
    /// A scale from `domain` to `range`. An empty or unusable domain is widened to one unit, so
    /// every value still maps somewhere finite.
    pub fn new(domain: (f64, f64), range: (f64, f64)) -> Linear {
        let (mut d0, mut d1) = domain;
        if !d0.is_finite() || !d1.is_finite() {
            (d0, d1) = (0.0, 1.0);
        }
        if d1 == d0 {
            d1 = d0 + 1.0;
        }
        Linear { d0, d1, r0: range.0, r1: range.1 }
    }

    /// Where `x` is drawn. Values outside the domain extrapolate; callers clamp if they must.
    pub fn map(&self, x: f64) -> f64 {
        self.r0 + (x - self.d0) / (self.d1 - self.d0) * (self.r1 - self.r0)
    }
}

/// The step between about `count` ticks over `span`: 1, 2 or 5 times a power of ten.
pub fn nice_step(span: f64, count: usize) -> f64 {
    let span = if span.is_finite() && span > 0.0 { span } else { 1.0 };
    let raw = span / count.max(1) as f64;
    let power = 10f64.powf(raw.log10().floor());
    let m = raw / power;
    let nice = if m <= 1.0 {
        1.0
    } else if m <= 2.0 {
        2.0
    } else if m <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * power
}

/// Ticks covering `lo ..= hi`: the domain is widened to whole steps, and every step listed.
#[derive(Clone, Debug, PartialEq)]
pub struct Ticks {
    /// The distance between ticks.
    pub step: f64,
    /// Tick values, ascending; the first is ≤ `lo`, the last ≥ `hi`.
    pub values: Vec<f64>,
}

impl Ticks {
    /// The widened domain: first to last tick.
    pub fn domain(&self) -> (f64, f64) {
        (self.values[0], *self.values.last().expect("ticks are never empty"))
    }

    /// A tick value written with just the decimals the step needs ("0.5", "2", "2.25").
    pub fn label(&self, v: f64) -> String {
        let decimals = if self.step >= 1.0 { 0 } else { (-self.step.log10()).ceil() as usize };
        let text = format!("{v:.decimals$}");
        if text.starts_with('-') && text.trim_start_matches(['-', '0', '.']).is_empty() {
            text[1..].to_string() // "-0" and "-0.0" read as plain zero
        } else {
            text
        }
    }
}

/// About `count` nice ticks over `lo ..= hi`.
pub fn nice_ticks(lo: f64, hi: f64, count: usize) -> Ticks {
    let (lo, hi) = if lo.is_finite() && hi.is_finite() { (lo.min(hi), lo.max(hi)) } else { (0.0, 1.0) };
    let hi = if hi == lo { lo + 1.0 } else { hi };
    let step = nice_step(hi - lo, count);
    let first = (lo / step + 1e-9).floor() as i64;
    let last = (hi / step - 1e-9).ceil() as i64;
    let values = (first..=last.max(first + 1)).map(|i| i as f64 * step).collect();
    Ticks { step, values }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A y scale runs backwards: the domain's top lands at the range's start.
    #[test]
    fn maps_both_ways() {
        let x = Linear::new((0.0, 10.0), (40.0, 240.0));
        assert_eq!(x.map(0.0), 40.0);
        assert_eq!(x.map(5.0), 140.0);
        let y = Linear::new((0.0, 4.0), (200.0, 0.0));
        assert_eq!(y.map(4.0), 0.0);
        assert_eq!(y.map(1.0), 150.0);
    }

    /// An empty or NaN domain still gives finite positions (a run of zero length draws).
    #[test]
    fn degenerate_domains_stay_finite() {
        assert_eq!(Linear::new((3.0, 3.0), (0.0, 100.0)).map(3.0), 0.0);
        assert!(Linear::new((f64::NAN, 1.0), (0.0, 100.0)).map(0.5).is_finite());
    }

    /// Steps are 1, 2 or 5 times a power of ten, whatever the span.
    #[test]
    fn steps_are_nice() {
        assert_eq!(nice_step(10.0, 5), 2.0);
        assert_eq!(nice_step(7.3, 5), 2.0);
        assert_eq!(nice_step(1234.0, 5), 500.0);
        assert_eq!(nice_step(0.37, 4), 0.1);
        assert_eq!(nice_step(0.0, 5), 0.2);
        assert_eq!(nice_step(95.0, 10), 10.0);
    }

    /// Ticks cover the data, start and end on whole steps, and are labelled with the decimals
    /// the step needs.
    #[test]
    fn ticks_cover_the_data() {
        let t = nice_ticks(0.0, 3.7, 4);
        assert_eq!(t.values, vec![0.0, 1.0, 2.0, 3.0, 4.0]);
        assert_eq!(t.domain(), (0.0, 4.0));
        let t = nice_ticks(0.0, 1.06, 6);
        assert_eq!(t.step, 0.2);
        assert!((t.domain().1 - 1.2).abs() < 1e-12);
        assert_eq!(
            t.values.iter().map(|v| t.label(*v)).collect::<Vec<_>>(),
            ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0", "1.2"]
        );
        let t = nice_ticks(0.0, 250.0, 5);
        assert_eq!(t.values, vec![0.0, 50.0, 100.0, 150.0, 200.0, 250.0], "an exact end is not widened");
        assert_eq!(t.label(-0.0), "0");
    }

    /// Nothing to show still gives two ticks, so an axis can be drawn.
    #[test]
    fn empty_data_gives_an_axis() {
        assert_eq!(nice_ticks(0.0, 0.0, 5).values.len(), 6);
        assert!(nice_ticks(f64::NAN, 2.0, 5).values.len() >= 2);
    }
}

//! Small statistics for timings: medians, speedups, efficiencies.

/// The median of `xs` (mean of the middle two for an even count); `None` when empty or any is NaN.
pub fn median(xs: &[f64]) -> Option<f64> {
    if xs.is_empty() || xs.iter().any(|x| x.is_nan()) {
        return None;
    }
    let mut v = xs.to_vec();
    v.sort_by(|a, b| a.total_cmp(b));
    let m = v.len() / 2;
    Some(if v.len() % 2 == 1 { v[m] } else { (v[m - 1] + v[m]) / 2.0 })
}

/// How many times faster `t` is than `baseline`; `None` unless both are positive and finite.
pub fn speedup(baseline: f64, t: f64) -> Option<f64> {
    (baseline.is_finite() && t.is_finite() && baseline > 0.0 && t > 0.0).then(|| baseline / t)
}

/// Speedup per thread: 1.0 means every thread did a full share of useful work.
pub fn efficiency(speedup: f64, threads: u32) -> f64 {
    speedup / f64::from(threads.max(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Odd, even, empty and NaN inputs.
    #[test]
    fn medians() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), Some(2.5));
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[1.0, f64::NAN]), None);
    }

    /// Zero or non-finite times give no speedup rather than infinity.
    #[test]
    fn speedups() {
        assert_eq!(speedup(100.0, 25.0), Some(4.0));
        assert_eq!(speedup(100.0, 0.0), None);
        assert_eq!(speedup(0.0, 10.0), None);
        assert_eq!(speedup(f64::INFINITY, 10.0), None);
        assert_eq!(efficiency(3.6, 4), 0.9);
        assert_eq!(efficiency(1.0, 0), 1.0);
    }
}

//! Amdahl's law, and fitting its serial fraction to measured speedups.
//!
//! If a fraction `s` of the work can only run on one thread, `k` threads finish in
//! `s + (1 − s)/k` of the serial time: the speedup is `1 / (s + (1 − s)/k)`, never above `1/s`.

/// The speedup on `k` threads when a fraction `s` of the work is serial.
pub fn amdahl(s: f64, k: f64) -> f64 {
    1.0 / (s + (1.0 - s) / k)
}

/// A fitted serial fraction.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fit {
    /// The serial fraction, in `0 ..= 1`.
    pub s: f64,
    /// Root-mean-square distance between the measured speedups and the law's (in "×").
    pub rmse: f64,
    /// Points the fit used.
    pub points: usize,
}

fn squared_error(points: &[(f64, f64)], s: f64) -> f64 {
    points.iter().map(|(k, sp)| (sp - amdahl(s, *k)).powi(2)).sum()
}

/// The `s` in `0 ..= 1` that minimises the squared differences between measured speedups and
/// Amdahl's law, over `(k, speedup)` points. Points with k < 1 or a speedup that is not a positive
/// number are left out. `None` unless some point has k > 1 (at k = 1 every `s` predicts 1).
///
/// A scan of the interval in steps of 0.001 finds the best neighbourhood (the error need not have
/// one minimum for arbitrary data); a golden-section search then refines it to about 1e-9.
pub fn fit_serial_fraction(points: &[(f64, f64)]) -> Option<Fit> {
    let pts: Vec<(f64, f64)> =
        points.iter().copied().filter(|(k, sp)| k.is_finite() && *k >= 1.0 && sp.is_finite() && *sp > 0.0).collect();
    if !pts.iter().any(|(k, _)| *k > 1.0) {
        return None;
    }
    const STEPS: u32 = 1000;
    let best = (0..=STEPS)
        .map(|i| f64::from(i) / f64::from(STEPS))
        .min_by(|a, b| squared_error(&pts, *a).total_cmp(&squared_error(&pts, *b)))
        .expect("the scan is never empty");
    let step = 1.0 / f64::from(STEPS);
    let (mut lo, mut hi) = ((best - step).max(0.0), (best + step).min(1.0));
    let phi = (5f64.sqrt() - 1.0) / 2.0;
    while hi - lo > 1e-10 {
        let (a, b) = (hi - phi * (hi - lo), lo + phi * (hi - lo));
        if squared_error(&pts, a) <= squared_error(&pts, b) {
            hi = b;
        } else {
            lo = a;
        }
    }
    let mid = (lo + hi) / 2.0;
    // The scan's grid point wins if the refinement found nothing better (a minimum at 0 or 1).
    let s = if squared_error(&pts, best) < squared_error(&pts, mid) { best } else { mid };
    let rmse = (squared_error(&pts, s) / pts.len() as f64).sqrt();
    Some(Fit { s, rmse, points: pts.len() })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The law's landmarks: no serial part scales perfectly, an all-serial job not at all, and
    /// 10 % serial caps the speedup near 10.
    #[test]
    fn the_law() {
        assert_eq!(amdahl(0.0, 4.0), 4.0);
        assert_eq!(amdahl(1.0, 4.0), 1.0);
        assert!((amdahl(0.1, 4.0) - 1.0 / 0.325).abs() < 1e-12);
        assert!(amdahl(0.1, 1e9) < 10.0);
    }

    /// Speedups computed from the law itself give back its serial fraction.
    #[test]
    fn recovers_an_exact_fraction() {
        for s in [0.0, 0.05, 0.1234, 0.5, 1.0] {
            let pts: Vec<(f64, f64)> = (1..=8).map(|k| (f64::from(k), amdahl(s, f64::from(k)))).collect();
            let fit = fit_serial_fraction(&pts).unwrap();
            assert!((fit.s - s).abs() < 1e-6, "s = {s}: fitted {}", fit.s);
            assert!(fit.rmse < 1e-6);
            assert_eq!(fit.points, 8);
        }
    }

    /// Measurement noise (±3 %, as on a shared machine) moves the fit only a little.
    #[test]
    fn tolerates_noise() {
        let noise = [1.03, 0.98, 1.01, 0.97, 1.02, 0.99];
        let pts: Vec<(f64, f64)> =
            noise.iter().enumerate().map(|(i, e)| ((i + 1) as f64, amdahl(0.08, (i + 1) as f64) * e)).collect();
        let fit = fit_serial_fraction(&pts).unwrap();
        assert!((fit.s - 0.08).abs() < 0.02, "fitted {}", fit.s);
        assert!(fit.rmse > 0.0 && fit.rmse < 0.2);
    }

    /// Speedups above k (a faster parallel code path) pin s at 0; no gain at all pins it at 1.
    #[test]
    fn clamps_to_the_interval() {
        assert_eq!(fit_serial_fraction(&[(1.0, 1.0), (2.0, 2.3), (4.0, 4.6)]).unwrap().s, 0.0);
        assert_eq!(fit_serial_fraction(&[(2.0, 0.8), (4.0, 0.7)]).unwrap().s, 1.0);
    }

    /// Without a point at k > 1 there is nothing to fit; unusable points are ignored.
    #[test]
    fn needs_a_parallel_point() {
        assert_eq!(fit_serial_fraction(&[]), None);
        assert_eq!(fit_serial_fraction(&[(1.0, 1.0)]), None);
        assert_eq!(fit_serial_fraction(&[(2.0, f64::NAN), (0.0, 3.0), (3.0, -1.0)]), None);
        let fit = fit_serial_fraction(&[(2.0, 2.0), (3.0, f64::INFINITY)]).unwrap();
        assert_eq!((fit.s, fit.points), (0.0, 1));
    }
}

//! Step lines: how many requests had completed by each moment, and the SVG path that draws it.

use super::scale::Linear;
use std::fmt::Write;

/// The completion curve of a run: `(time, completed)` at the start and at every completion, in
/// time order. Starts at `(0, 0)`; requests finishing at the same moment make one step up.
pub fn completion_steps(end_times: &[f64]) -> Vec<(f64, u32)> {
    let mut ends: Vec<f64> = end_times.iter().copied().filter(|t| t.is_finite()).collect();
    ends.sort_by(f64::total_cmp);
    let mut out = vec![(0.0, 0)];
    for (i, t) in ends.into_iter().enumerate() {
        let done = i as u32 + 1;
        match out.last_mut() {
            Some(last) if last.0 == t => last.1 = done,
            _ => out.push((t.max(0.0), done)),
        }
    }
    out
}

/// An SVG path through `steps` as a staircase: flat until each completion, then straight up;
/// continued flat to `until` (the end of the axis) when that is later.
pub fn step_path(steps: &[(f64, u32)], x: Linear, y: Linear, until: f64) -> String {
    let mut d = String::new();
    for (i, (t, n)) in steps.iter().enumerate() {
        let (px, py) = (x.map(*t), y.map(f64::from(*n)));
        if i == 0 {
            let _ = write!(d, "M{px:.1},{py:.1}");
        } else {
            let _ = write!(d, "H{px:.1}V{py:.1}");
        }
    }
    if let Some((t, _)) = steps.last() {
        if until > *t {
            let _ = write!(d, "H{:.1}", x.map(until));
        }
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Completions in any order give a rising staircase; ties make one step of two.
    #[test]
    fn steps_rise_in_time_order() {
        let s = completion_steps(&[30.0, 10.0, 20.0, 20.0, f64::NAN]);
        assert_eq!(s, [(0.0, 0), (10.0, 1), (20.0, 3), (30.0, 4)]);
        assert_eq!(completion_steps(&[]), [(0.0, 0)]);
    }

    /// The path goes flat then up at each completion, and runs on to the axis end.
    #[test]
    fn path_is_a_staircase() {
        let x = Linear::new((0.0, 100.0), (0.0, 200.0));
        let y = Linear::new((0.0, 4.0), (80.0, 0.0));
        let d = step_path(&completion_steps(&[25.0, 50.0]), x, y, 100.0);
        assert_eq!(d, "M0.0,80.0H50.0V60.0H100.0V40.0H200.0");
        assert_eq!(step_path(&[], x, y, 100.0), "");
    }
}

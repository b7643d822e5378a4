//! The tutorial's CPU workload, exactly: for `n`, tasks `i = 1 .. n-1` (Python's `range(1, n)`),
//! and task `i` is `S(i) = Σ_{x=1}^{i-1} (1/x + √x + sin x + cos x)`, accumulated left to right.
//!
//! Every execution mode calls [`task`], one whole task at a time; none has its own copy of the
//! loop. That matters twice: the answer is bit-for-bit the same in every mode, and the speed is
//! too — the same loop inlined into different callers compiles to code of different speed, which
//! would show up as a fake "superlinear" speedup (see docs/build.md, "Crates and the page: traps").

use std::ops::Range;

/// One term of the sum. Same evaluation order as the tutorial's Python expression:
/// `((1/x + √x) + sin x) + cos x`.
///
/// `libm::sincos` on every target: on wasm, `f64::sin` and `f64::cos` already are the `libm`
/// crate's, and `sincos` gives the same bits as the two calls (checked for every x < 50 000)
/// while sharing the argument reduction, ~20 % faster. Natively, `f64::sin` would be glibc's,
/// which differs from libm in the last bit for ~6 % of these x; using libm there too makes the
/// native benchmark time the same maths as the browser.
#[inline(always)]
fn term(x: f64) -> f64 {
    let (sin, cos) = libm::sincos(x);
    1.0 / x + x.sqrt() + sin + cos
}

/// Adds the terms for `x` in `from..to` onto `acc`, in ascending `x`.
///
/// Splitting a task into slices with this function gives the same bits as one call, because
/// the additions happen in the same order: `sum_terms(sum_terms(0.0, 1, m), m, i) == task(i)`.
#[inline(never)]
pub fn sum_terms(mut acc: f64, from: u32, to: u32) -> f64 {
    for x in from..to {
        acc += term(f64::from(x));
    }
    acc
}

/// `S(i)`: the result of task `i`. Costs `i - 1` term evaluations.
#[inline(never)]
pub fn task(i: u32) -> f64 {
    sum_terms(0.0, 1, i)
}

/// The tasks of an experiment of size `n`: `1 .. n`, empty when `n <= 1`.
pub fn tasks(n: u32) -> Range<u32> {
    1..n.max(1)
}

/// Number of tasks for size `n`.
pub fn task_count(n: u32) -> u32 {
    n.saturating_sub(1)
}

/// Term evaluations for tasks `range` (task `i` costs `i - 1`): the unit of work.
pub fn work_in(range: Range<u32>) -> u64 {
    // tri(m) = 0 + 1 + … + (m-1)
    let tri = |m: u64| m * m.saturating_sub(1) / 2;
    let a = u64::from(range.start.max(1));
    let b = u64::from(range.end.max(range.start.max(1)));
    // Σ_{i=a}^{b-1} (i-1) = Σ_{j=a-1}^{b-2} j = tri(b-1) - tri(a-1)
    tri(b - 1) - tri(a - 1)
}

/// The experiment's checksum: `Σ S(i)` added in ascending `i`. `values[j]` is `S(j + 1)`.
pub fn checksum(values: &[f64]) -> f64 {
    values.iter().fold(0.0, |acc, v| acc + v)
}

/// Runs every task of size `n` in order (the reference every mode is compared with).
pub fn run_serial(n: u32) -> Vec<f64> {
    tasks(n).map(task).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// S(i) for small i, written out term by term.
    #[test]
    fn known_values() {
        assert_eq!(task(1), 0.0, "S(1) is an empty sum");
        let t1 = 1.0 + 1.0f64.sqrt() + libm::sin(1.0) + libm::cos(1.0);
        assert_eq!(task(2), t1);
        let t2 = 0.5 + 2.0f64.sqrt() + libm::sin(2.0) + libm::cos(2.0);
        assert_eq!(task(3), t1 + t2);
        assert!((task(2) - 3.3817732906760363).abs() < 1e-15);
    }

    /// The independent figure (CPython and native Rust agree on it).
    #[test]
    fn checksum_for_3000_matches_the_reference() {
        let values = run_serial(3000);
        assert_eq!(values.len(), 2999);
        assert_eq!(checksum(&values), 131_367_257.106_680_72);
    }

    /// n = 0, 1 have no tasks; n = 2 has one task whose sum is empty.
    #[test]
    fn edge_sizes() {
        assert!(run_serial(0).is_empty());
        assert!(run_serial(1).is_empty());
        assert_eq!(run_serial(2), vec![0.0]);
        assert_eq!(checksum(&[]), 0.0);
        assert_eq!(task_count(0), 0);
        assert_eq!(task_count(1), 0);
        assert_eq!(task_count(2), 1);
    }

    /// `sincos` gives exactly what separate `sin` and `cos` give, for every x the page can use
    /// (n ≤ 50 000, the page's `MAX_N`).
    #[test]
    fn sincos_is_sin_and_cos() {
        for x in 1..50_000 {
            let x = f64::from(x);
            let (s, c) = libm::sincos(x);
            assert_eq!((s.to_bits(), c.to_bits()), (libm::sin(x).to_bits(), libm::cos(x).to_bits()), "x = {x}");
        }
    }

    /// Slicing a task (as the async mode does) gives identical bits.
    #[test]
    fn slices_give_the_same_bits() {
        for i in [2u32, 3, 17, 1000, 4097] {
            for cut in [1u32, 2, i / 3 + 1, i - 1] {
                let cut = cut.clamp(1, i);
                assert_eq!(sum_terms(sum_terms(0.0, 1, cut), cut, i).to_bits(), task(i).to_bits());
            }
        }
    }

    /// The work count is the triangular number the issue quotes (≈ n²/2).
    #[test]
    fn work_is_triangular() {
        assert_eq!(work_in(tasks(2)), 0);
        assert_eq!(work_in(tasks(4)), 1 + 2, "tasks 1, 2, 3 cost 0, 1, 2");
        assert_eq!(work_in(tasks(20_000)), 19_998 * 19_999 / 2);
        assert_eq!(work_in(5..8), 4 + 5 + 6);
        assert_eq!(work_in(tasks(100)), work_in(1..40) + work_in(40..100));
    }
}

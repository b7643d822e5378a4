//! Published figures for free-threaded CPython, shown as a static reference row next to the
//! tutorial's threads and this page's `rayon` (see the threads-gil and experiment-cpu notes).

/// Speedup over one thread of a Mandelbrot renderer on a plain `ThreadPoolExecutor` under
/// CPython 3.14t, by thread count, on a laptop (Julian Schrittwieser, "Python 3.14 – Threading
/// Unbound", 2025-10-08).
pub const MANDELBROT_314T: [(u32, f64); 5] = [(1, 1.00), (2, 1.96), (4, 3.33), (8, 5.07), (16, 5.75)];

/// The tutorial's threads on the CPU task: 4 threads under the GIL, 131.50 s ÷ 124.02 s.
pub const TUTORIAL_THREADS: (u32, f64) = (4, 131.50 / 124.02);

/// The thread counts the reference table has columns for: the published ones, plus `k` of a
/// live run when it is not among them, in order.
pub fn columns(live_k: Option<u32>) -> Vec<u32> {
    let mut ks: Vec<u32> = MANDELBROT_314T.iter().map(|(k, _)| *k).collect();
    ks.extend(live_k);
    ks.sort_unstable();
    ks.dedup();
    ks
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The figures are the published ones, rising with k; the tutorial's is 1.06 at k = 4.
    #[test]
    fn figures() {
        assert!(MANDELBROT_314T.windows(2).all(|w| w[0].0 < w[1].0 && w[0].1 < w[1].1));
        assert_eq!(MANDELBROT_314T[2], (4, 3.33));
        assert_eq!(format!("{:.2}", TUTORIAL_THREADS.1), "1.06");
        assert_eq!(columns(None), vec![1, 2, 4, 8, 16]);
        assert_eq!(columns(Some(3)), vec![1, 2, 3, 4, 8, 16]);
        assert_eq!(columns(Some(4)), vec![1, 2, 4, 8, 16]);
    }
}

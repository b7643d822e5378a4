//! `make bench`'s native baseline: the same workload, timed without a browser, so the report can
//! say how close wasm gets to native code. Prints one JSON object.
//!
//! Usage: `native-bench N RUNS`

use playground::core::stats::median;
use playground::core::workload::{checksum, run_serial};
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let n: u32 = args.next().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let runs: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(5);
    // Warm-up: same as the browser's, so both sides are measured warm.
    std::hint::black_box(run_serial(n.min(1200)));
    let mut times = Vec::new();
    let mut sum = 0.0;
    for _ in 0..runs.max(1) {
        let t0 = Instant::now();
        let values = std::hint::black_box(run_serial(n));
        times.push(t0.elapsed().as_secs_f64() * 1000.0);
        sum = checksum(&values);
    }
    println!(
        "{{\"n\":{n},\"runs\":{},\"serial_ms\":{:?},\"median_ms\":{},\"checksum\":{sum}}}",
        times.len(),
        times,
        median(&times).unwrap_or(f64::NAN)
    );
}

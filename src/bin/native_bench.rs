//! `make bench`'s native limit: the same workload timed without a browser, on the same machine in
//! the same minute, so the report can say how close the page gets to what native code reaches —
//! serial, a rayon pool of k threads (the page's `rayon`), and k threads fed chunks dealt up
//! front over channels (the page's `workers`). The three are timed in interleaved rounds after a
//! warm-up; every answer is checked against serial's. Prints one JSON object.
//!
//! Usage: `native-bench N ROUNDS K`

use playground::core::chunks::{auto_chunk, deal_round_robin, split};
use playground::core::stats::median;
use playground::core::workload::{checksum, run_serial, task, task_count, tasks};
use rayon::prelude::*;
use std::sync::mpsc;
use std::time::Instant;

/// S(i) for every task on a rayon pool of `k` threads.
fn rayon_run(pool: &rayon::ThreadPool, n: u32) -> Vec<f64> {
    pool.install(|| tasks(n).into_par_iter().map(task).collect())
}

/// S(i) for every task on `k` threads, each sent its chunks (dealt round-robin) over a channel and
/// answering over another, as the page's workers are sent messages.
fn threads_run(n: u32, k: u32) -> Vec<f64> {
    let chunks = split(tasks(n), auto_chunk(task_count(n), k));
    let (results, inbox) = mpsc::channel::<(u32, Vec<f64>)>();
    let mut values = vec![0.0; task_count(n) as usize];
    std::thread::scope(|s| {
        for hand in deal_round_robin(&chunks, k) {
            let (jobs, queue) = mpsc::channel::<std::ops::Range<u32>>();
            let results = results.clone();
            s.spawn(move || {
                for c in queue {
                    let _ = results.send((c.start, c.clone().map(task).collect()));
                }
            });
            for c in hand {
                let _ = jobs.send(c);
            }
        }
        drop(results);
        for (start, v) in inbox {
            let at = (start - tasks(n).start) as usize;
            values[at..at + v.len()].copy_from_slice(&v);
        }
    });
    values
}

fn main() {
    let mut args = std::env::args().skip(1);
    let n: u32 = args.next().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let rounds: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(5).max(1);
    let k: u32 = args.next().and_then(|a| a.parse().ok()).unwrap_or(2).max(1);
    let pool = rayon::ThreadPoolBuilder::new().num_threads(k as usize).build().expect("a rayon pool");
    let reference = run_serial(n);
    let sum = checksum(&reference);
    // Warm-up on every side, as the page warms each mode up once.
    std::hint::black_box((run_serial(n.min(1200)), rayon_run(&pool, n.min(1200)), threads_run(n.min(1200), k)));
    let mut times: [Vec<f64>; 3] = Default::default();
    for r in 0..rounds {
        // The order rotates every round, as the page's rounds do.
        for j in 0..3 {
            let side = (j + r) % 3;
            let t0 = Instant::now();
            let values = match side {
                0 => run_serial(n),
                1 => rayon_run(&pool, n),
                _ => threads_run(n, k),
            };
            times[side].push(t0.elapsed().as_secs_f64() * 1000.0);
            let same = values.len() == reference.len()
                && values.iter().zip(&reference).all(|(a, b)| a.to_bits() == b.to_bits());
            assert!(same, "side {side} computed other S(i) than serial");
        }
    }
    let med = |v: &[f64]| median(v).unwrap_or(f64::NAN);
    let speedups = |v: &[f64]| -> Vec<f64> { times[0].iter().zip(v).map(|(s, x)| s / x).collect() };
    let json = |v: &[f64]| format!("{v:?}");
    println!(
        "{{\"n\":{n},\"runs\":{rounds},\"k\":{k},\"serial_ms\":{},\"median_ms\":{},\"checksum\":{sum},\
         \"rayon_ms\":{},\"rayon_speedup\":{},\"rayon_speedups\":{},\
         \"threads_ms\":{},\"threads_speedup\":{},\"threads_speedups\":{}}}",
        json(&times[0]),
        med(&times[0]),
        json(&times[1]),
        med(&times[0]) / med(&times[1]),
        json(&speedups(&times[1])),
        json(&times[2]),
        med(&times[0]) / med(&times[2]),
        json(&speedups(&times[2])),
    );
}

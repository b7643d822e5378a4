//! How the worker modes cut the task range into messages.
//!
//! Task `i` costs ∝ `i`, so how chunks are dealt out decides the balance: `workers` deals them
//! round-robin up front (like submitting every job to an executor at once), `workers-queue` hands
//! the next chunk to whichever worker is idle.

use std::ops::Range;

/// Chunks per worker the automatic chunk size aims for: enough that round-robin dealing
/// balances the triangular cost within a few per cent, few enough that messaging is cheap.
pub const AUTO_CHUNKS_PER_WORKER: u32 = 16;

/// The chunk size used when the learner leaves it on "auto".
pub fn auto_chunk(task_count: u32, k: u32) -> u32 {
    let k = k.max(1);
    task_count.div_ceil(k * AUTO_CHUNKS_PER_WORKER).max(1)
}

/// Cuts `tasks` into consecutive ranges of `chunk` tasks (the last may be shorter).
pub fn split(tasks: Range<u32>, chunk: u32) -> Vec<Range<u32>> {
    let chunk = chunk.max(1);
    let mut out = Vec::new();
    let mut start = tasks.start;
    while start < tasks.end {
        let end = start.saturating_add(chunk).min(tasks.end);
        out.push(start..end);
        start = end;
    }
    out
}

/// Deals `chunks` round-robin to `k` workers: worker `w` gets chunks `w, w + k, w + 2k, …`.
pub fn deal_round_robin(chunks: &[Range<u32>], k: u32) -> Vec<Vec<Range<u32>>> {
    let k = k.max(1) as usize;
    let mut hands = vec![Vec::new(); k];
    for (j, c) in chunks.iter().enumerate() {
        hands[j % k].push(c.clone());
    }
    hands
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::workload::{tasks, work_in};

    /// Chunks cover the range exactly once, in order.
    #[test]
    fn split_covers_everything() {
        for (n, c) in [(2u32, 1u32), (10, 3), (10, 100), (3000, 16), (1, 5)] {
            let parts = split(tasks(n), c);
            let flat: Vec<u32> = parts.iter().flat_map(|r| r.clone()).collect();
            assert_eq!(flat, tasks(n).collect::<Vec<_>>());
            assert!(parts.iter().all(|r| r.len() as u32 <= c && !r.is_empty()));
        }
        assert_eq!(split(1..1, 4), Vec::<Range<u32>>::new());
        assert_eq!(split(1..5, 0), vec![1..2, 2..3, 3..4, 4..5], "chunk 0 is treated as 1");
    }

    /// The auto size gives about 16 chunks per worker and is never 0.
    #[test]
    fn auto_chunk_sizes() {
        assert_eq!(auto_chunk(9999, 2), 313);
        assert_eq!(auto_chunk(1, 8), 1);
        assert_eq!(auto_chunk(0, 4), 1);
        assert_eq!(split(tasks(10_000), auto_chunk(9999, 4)).len(), 64);
    }

    /// Round-robin with the auto size balances the triangular work within 10 %, while one
    /// chunk per worker leaves the last worker with most of it: the lesson the chunk input shows.
    #[test]
    fn balance_of_dealing() {
        let total = |hand: &Vec<Range<u32>>| hand.iter().map(|r| work_in(r.clone())).sum::<u64>();
        let n = 10_000;
        let k = 4;
        let auto = deal_round_robin(&split(tasks(n), auto_chunk(n - 1, k)), k);
        let (lo, hi) = (auto.iter().map(total).min().unwrap(), auto.iter().map(total).max().unwrap());
        assert!((hi as f64) / (lo as f64) < 1.10, "{lo} {hi}");
        let huge = deal_round_robin(&split(tasks(n), (n - 1).div_ceil(k)), k);
        let (lo, hi) = (huge.iter().map(total).min().unwrap(), huge.iter().map(total).max().unwrap());
        assert!((hi as f64) / (lo as f64) > 5.0, "{lo} {hi}");
    }
}

//! The emulated GIL's rule, as CPython 3 applies it since 3.2: a thread that holds the lock keeps
//! it, task after task, as long as nobody else wants it; once another thread has waited one
//! switch interval (`sys.setswitchinterval`, 5 ms by default) without a switch happening, the
//! holder lets go at its next check and the waiter gets it.
//!
//! CPython implements the request with a flag (the "eval breaker"): the waiter times out after
//! the interval and sets `gil_drop_request`, which the holder sees between bytecodes. Here the
//! holder computes the same deadline itself at each task boundary from the queue's facts, so the
//! whole rule is one pure function ([`GilState::drop_due`]) that tests can drive with a made-up
//! clock. The handover is FIFO (a waiting line rather than a race for the mutex): CPython's
//! `FORCE_SWITCHING` makes the dropping thread wait until someone else took the lock, and a line
//! is the fair version of that — no waiter can be overtaken forever.
//!
//! [`Gil`] wraps the rule in a `Mutex` and a `Condvar`. Both are std's, which on wasm32 with the
//! atomics feature block a pool worker with `Atomics.wait`; only pool threads may call it (the
//! page's own thread may not block).

use std::collections::VecDeque;
use std::sync::{Condvar, Mutex, MutexGuard};

/// Smallest switch interval accepted (ms).
pub const MIN_SWITCH_MS: u32 = 1;
/// Largest switch interval accepted (ms): beyond this the lesson is the same, only slower.
pub const MAX_SWITCH_MS: u32 = 100;
/// CPython's default, `sys.getswitchinterval()` = 0.005.
pub const DEFAULT_SWITCH_MS: u32 = 5;

/// Who holds the lock, who waits for it in which order, and when it last changed hands.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GilState {
    holder: Option<usize>,
    /// Waiting threads, first come first: `(thread, waiting since ms)`.
    line: VecDeque<(usize, f64)>,
    /// When the lock last went to a thread (ms).
    last_switch: f64,
    /// How many times it went to a thread.
    switches: u64,
}

impl GilState {
    /// A free lock nobody waits for.
    pub const fn new() -> GilState {
        GilState { holder: None, line: VecDeque::new(), last_switch: 0.0, switches: 0 }
    }

    /// The thread holding the lock, if one does.
    pub fn holder(&self) -> Option<usize> {
        self.holder
    }

    /// Threads waiting, first in line first.
    pub fn waiting(&self) -> Vec<usize> {
        self.line.iter().map(|(t, _)| *t).collect()
    }

    /// Times the lock was handed to a thread.
    pub fn switches(&self) -> u64 {
        self.switches
    }

    /// `thread` asks for the lock at `now`: `true` if it got it at once (the lock was free and
    /// nobody was in line), else it joins the end of the line.
    pub fn request(&mut self, thread: usize, now: f64) -> bool {
        if self.holder.is_none() && self.line.is_empty() {
            self.give(thread, now);
            true
        } else {
            self.line.push_back((thread, now));
            false
        }
    }

    /// Whether the holder must let go at a check made at `now`: someone is waiting, and has
    /// waited a whole interval since it started waiting or since the last switch, whichever is
    /// later (CPython's waiter restarts its timer when the lock changes hands meanwhile).
    pub fn drop_due(&self, now: f64, interval_ms: f64) -> bool {
        match (self.holder, self.line.front()) {
            (Some(_), Some(&(_, since))) => now - since.max(self.last_switch) >= interval_ms,
            _ => false,
        }
    }

    /// The holder lets go at `now`: the first thread in line gets the lock (returned), or it is
    /// left free.
    pub fn release(&mut self, now: f64) -> Option<usize> {
        self.holder = None;
        let (next, _) = self.line.pop_front()?;
        self.give(next, now);
        Some(next)
    }

    fn give(&mut self, thread: usize, now: f64) {
        self.holder = Some(thread);
        self.last_switch = now;
        self.switches += 1;
    }
}

/// A wait for the lock, `from` the request `to` the grant (ms on the lock's clock).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Waited {
    /// When the thread asked.
    pub from: f64,
    /// When it got the lock.
    pub to: f64,
}

/// The lock itself: the rule behind a mutex, and a condition variable waiters sleep on.
pub struct Gil {
    state: Mutex<GilState>,
    turn: Condvar,
    /// Milliseconds on a clock every thread shares (the browser's `timeOrigin + now()`).
    clock: fn() -> f64,
}

impl Gil {
    /// A free lock reading time from `clock` (ms).
    pub const fn new(clock: fn() -> f64) -> Gil {
        Gil { state: Mutex::new(GilState::new()), turn: Condvar::new(), clock }
    }

    fn state(&self) -> MutexGuard<'_, GilState> {
        // A panic while holding the state cannot leave it half-changed (every change is one
        // assignment or one queue operation), so a poisoned lock is still good.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The rule's state now (for tests and counters).
    pub fn snapshot(&self) -> GilState {
        self.state().clone()
    }

    /// Blocks until `thread` holds the lock; the wait if it had to wait.
    pub fn acquire(&self, thread: usize) -> Option<Waited> {
        let mut st = self.state();
        let from = (self.clock)();
        if st.request(thread, from) {
            return None;
        }
        Some(self.wait_for_turn(st, thread, from))
    }

    fn wait_for_turn(&self, mut st: MutexGuard<'_, GilState>, thread: usize, from: f64) -> Waited {
        while st.holder() != Some(thread) {
            st = self.turn.wait(st).unwrap_or_else(|p| p.into_inner());
        }
        Waited { from, to: (self.clock)() }
    }

    /// The holder's check between two tasks: if a waiter's interval is up, hand the lock over,
    /// join the end of the line and block until it comes back. Returns that wait, or `None` when
    /// the holder kept the lock.
    pub fn check(&self, thread: usize, interval_ms: f64) -> Option<Waited> {
        let mut st = self.state();
        let now = (self.clock)();
        if st.holder() != Some(thread) || !st.drop_due(now, interval_ms) {
            return None;
        }
        st.release(now);
        st.request(thread, now);
        self.turn.notify_all();
        Some(self.wait_for_turn(st, thread, now))
    }

    /// `thread` lets go (it has no more work, or is about to block on I/O as CPython's threads
    /// release the GIL around a blocking call).
    pub fn release(&self, thread: usize) {
        let mut st = self.state();
        if st.holder() == Some(thread) {
            let now = (self.clock)();
            st.release(now);
            self.turn.notify_all();
        }
    }
}

/// The uninterrupted running stretches in a list of tasks `(lane, start, end)` (ms): tasks on
/// one lane that follow each other with a gap of at most `gap_ms` make one stretch. What a
/// learner reads off the timeline as "this thread ran for so long before the others had a turn".
pub fn stretches<L: Copy + Ord>(tasks: &[(L, f64, f64)], gap_ms: f64) -> Vec<f64> {
    let mut sorted: Vec<(L, f64, f64)> = tasks.to_vec();
    sorted.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let mut out = Vec::new();
    let mut current: Option<(L, f64, f64)> = None;
    for (lane, start, end) in sorted {
        current = match current {
            Some((l, s, e)) if l == lane && start - e <= gap_ms => Some((l, s, e.max(end))),
            Some((_, s, e)) => {
                out.push(e - s);
                Some((lane, start, end))
            }
            None => Some((lane, start, end)),
        };
    }
    out.extend(current.map(|(_, s, e)| e - s));
    out
}

/// The median of `v` (0 for none).
pub fn median(v: &[f64]) -> f64 {
    let mut v = v.to_vec();
    v.sort_by(f64::total_cmp);
    match v.len() {
        0 => 0.0,
        n if n % 2 == 1 => v[n / 2],
        n => (v[n / 2 - 1] + v[n / 2]) / 2.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU32, Ordering};
    use std::sync::{Arc, OnceLock};
    use std::time::Instant;

    /// Alone, a thread keeps the lock however long it runs: nobody asks for it.
    #[test]
    fn alone_it_keeps_the_lock() {
        let mut g = GilState::new();
        assert!(g.request(0, 0.0));
        assert!(!g.drop_due(1e6, 5.0));
        assert_eq!(g.holder(), Some(0));
    }

    /// A waiter gets the lock once it has waited one interval, not before; the line is served
    /// first come first; after a switch the next waiter's interval starts again.
    #[test]
    fn interval_then_handover_in_order() {
        let mut g = GilState::new();
        assert!(g.request(0, 0.0));
        assert!(!g.request(1, 100.0));
        assert!(!g.request(2, 101.0));
        assert!(!g.drop_due(104.9, 5.0), "thread 1 has waited 4.9 ms");
        assert!(g.drop_due(105.0, 5.0));
        assert_eq!(g.release(105.0), Some(1));
        assert!(!g.request(0, 105.0), "the old holder joins the end of the line");
        assert_eq!(g.waiting(), [2, 0]);
        // Thread 2 has waited since 101, but the switch at 105 restarts its interval.
        assert!(!g.drop_due(109.0, 5.0));
        assert!(g.drop_due(110.0, 5.0));
        assert_eq!(g.release(110.0), Some(2));
        assert_eq!(g.release(111.0), Some(0));
        assert_eq!(g.release(112.0), None);
        assert_eq!((g.holder(), g.switches()), (None, 4));
        assert!(g.request(1, 113.0), "a free lock with an empty line is taken at once");
    }

    /// A thread that wakes from I/O while k busy threads take turns waits one interval per
    /// busy thread ahead of it in line: the convoy effect, worked out by hand.
    #[test]
    fn a_late_waiter_waits_behind_the_line() {
        let interval = 5.0;
        for busy in 1..=4usize {
            let mut g = GilState::new();
            g.request(0, 0.0);
            for t in 1..busy {
                g.request(t, 0.0);
            }
            // The busy threads have been going a while; the I/O thread (id 99) wakes at 1000.
            let mut now = 1000.0;
            g.request(99, now);
            // Each holder checks every 0.1 ms and, when it lets go, joins the line again.
            while g.holder() != Some(99) {
                now += 0.1;
                if g.drop_due(now, interval) {
                    let old = g.holder().unwrap();
                    g.release(now);
                    g.request(old, now);
                }
            }
            let waited = now - 1000.0;
            let expect = interval * busy as f64;
            assert!(
                (waited - expect).abs() < 0.5 + interval,
                "{busy} busy: waited {waited:.1} ms, about {expect} expected"
            );
            assert!(waited >= interval * (busy as f64 - 1.0), "{busy} busy: waited {waited:.1} ms");
        }
    }

    #[test]
    fn stretches_and_median() {
        let t = [(0, 0.0, 1.0), (0, 1.0, 2.0), (1, 2.0, 3.0), (0, 3.0, 4.0), (1, 4.0, 4.5)];
        assert_eq!(stretches(&t, 0.1), [2.0, 1.0, 1.0, 0.5]);
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[]), 0.0);
    }

    fn clock() -> f64 {
        static START: OnceLock<Instant> = OnceLock::new();
        START.get_or_init(Instant::now).elapsed().as_secs_f64() * 1000.0
    }

    /// Busy work of about `ms`, measured on the clock (not a sleep: a holder computes).
    fn spin(ms: f64) {
        let t0 = clock();
        while clock() - t0 < ms {
            std::hint::spin_loop();
        }
    }

    /// Two real threads share tasks of 0.2 ms through the lock: each running stretch lasts
    /// about one switch interval, so the stretches grow with it — 5 ms gives a few ms, 50 ms
    /// about 50 (the page measured ~450 ms at n = 8000, k = 2 when a thread re-took the lock
    /// freely).
    #[test]
    fn real_threads_run_in_interval_slices() {
        for (interval, low, high) in [(5.0, 4.0, 12.0), (50.0, 45.0, 70.0)] {
            let gil = Arc::new(Gil::new(clock));
            let next = Arc::new(AtomicU32::new(0));
            // About 0.3 s of work at 5 ms and 1.5 s at 50 ms: dozens of stretches either way.
            let tasks: u32 = if interval < 10.0 { 1500 } else { 7500 };
            let spans = Arc::new(Mutex::new(Vec::new()));
            let threads: Vec<_> = (0..2usize)
                .map(|me| {
                    let (gil, next, spans) = (gil.clone(), next.clone(), spans.clone());
                    std::thread::spawn(move || {
                        gil.acquire(me);
                        while next.fetch_add(1, Ordering::Relaxed) < tasks {
                            let t0 = clock();
                            spin(0.2);
                            spans.lock().unwrap().push((me, t0, clock()));
                            gil.check(me, interval);
                        }
                        gil.release(me);
                    })
                })
                .collect();
            for t in threads {
                t.join().unwrap();
            }
            let spans = spans.lock().unwrap();
            // A gap shorter than 1 ms is the OS pausing the holder, not a switch (waits last an interval).
            let s = stretches(&spans, 1.0);
            let m = median(&s);
            eprintln!("switch {interval} ms: median stretch {m:.2} ms over {} stretches", s.len());
            assert!(s.len() >= 10, "interval {interval}: only {} stretches", s.len());
            assert!(
                (low..high).contains(&m),
                "interval {interval}: median stretch {m:.2} ms over {} stretches",
                s.len()
            );
            assert!(gil.snapshot().switches() >= 10);
        }
    }
}

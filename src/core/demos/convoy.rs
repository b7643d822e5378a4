//! The convoy effect's bookkeeping: one thread that waits ~1 ms for "I/O" and then needs the
//! GIL for a moment, measured beside 0, 1, … busy threads. Its response time is the time from
//! the end of its I/O to the end of its bit of work; with CPython's rule (`core::gil`) it waits
//! behind every busy thread in line for up to a switch interval each.

/// How long the I/O thread's "I/O" lasts (ms): a real blocking wait, the GIL released.
pub const IO_MS: u64 = 1;
/// How long it then needs the lock (ms): handling what the I/O brought in.
pub const HANDLE_MS: f64 = 0.05;
/// How long a busy thread computes between two checks of the drop request (ms).
pub const BUSY_SLICE_MS: f64 = 0.1;

/// What one level measured: the I/O thread's response times beside `busy` busy threads.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Level {
    /// Busy threads running beside it.
    pub busy: u32,
    /// Each wake-up's response time (ms), in order.
    pub responses: Vec<f64>,
}

impl Level {
    /// The median response (ms), 0 before any.
    pub fn median(&self) -> f64 {
        crate::core::gil::median(&self.responses)
    }

    /// The longest response (ms), 0 before any.
    pub fn longest(&self) -> f64 {
        self.responses.iter().copied().fold(0.0, f64::max)
    }
}

/// What the rule predicts for the median (ms). When the I/O thread lets go, the first busy
/// thread in line takes the lock and the interval starts; the I/O thread wakes `IO_MS` later at
/// the end of the line, behind the other busy threads, each of which holds the lock one interval.
/// So it gets the lock `busy` intervals after it let go, minus its own I/O; beside a single busy
/// thread its own wait is what counts, one whole interval. Alone it only pays for its work.
pub fn expected_ms(busy: u32, switch_ms: f64) -> f64 {
    let io = IO_MS as f64;
    match busy {
        0 => HANDLE_MS,
        1 => switch_ms + HANDLE_MS,
        b => f64::from(b) * switch_ms - io + HANDLE_MS,
    }
}

/// Whether the medians grow with the busy threads: each level's above the one before (by at
/// least a quarter interval, well over the clock's noise).
pub fn grows(levels: &[Level], switch_ms: f64) -> bool {
    levels.len() >= 2 && levels.windows(2).all(|w| w[1].median() >= w[0].median() + switch_ms / 4.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::gil::GilState;

    /// The demo's whole scenario on the pure rule with a made-up clock: the I/O thread's median
    /// response is about what `expected_ms` says, and grows with every busy thread.
    #[test]
    fn the_rule_makes_a_convoy() {
        let switch = 5.0;
        let levels: Vec<Level> = (0..=4).map(|busy| simulate(busy, switch, 40)).collect();
        for l in &levels {
            let (m, e) = (l.median(), expected_ms(l.busy, switch));
            assert!((m - e).abs() <= 0.3, "{} busy: median {m:.2} ms, expected about {e:.2}", l.busy);
        }
        assert!(grows(&levels, switch));
        assert!(!grows(&levels[..1], switch), "one level shows no growth");
        assert!(levels[0].median() < 0.5 && levels[0].longest() < 0.5);
    }

    /// Busy threads 1..=busy and the I/O thread 0, on a clock ticking 0.05 ms: busy threads
    /// check after every slice, the I/O thread wakes every `IO_MS` after its last handling.
    fn simulate(busy: u32, switch: f64, wakeups: usize) -> Level {
        let dt = 0.05;
        let mut g = GilState::new();
        for t in 1..=busy as usize {
            g.request(t, 0.0);
        }
        let (mut now, mut level) = (0.0f64, Level { busy, responses: vec![] });
        // The busy threads have been taking turns a while before the first wake-up.
        let mut wake_at = 50.0;
        let mut woke: Option<f64> = None;
        let mut handled_until: Option<f64> = None;
        let mut slice_end = 0.0;
        while level.responses.len() < wakeups {
            now += dt;
            match g.holder() {
                Some(0) => {
                    if handled_until.is_some_and(|u| now >= u) {
                        level.responses.push(now - woke.take().expect("woke before holding"));
                        handled_until = None;
                        g.release(now);
                        wake_at = now + IO_MS as f64;
                    }
                }
                Some(h) if now >= slice_end => {
                    slice_end = now + BUSY_SLICE_MS;
                    if g.drop_due(now, switch) {
                        g.release(now);
                        g.request(h, now);
                    }
                }
                _ => {}
            }
            if woke.is_none() && now >= wake_at {
                woke = Some(now);
                g.request(0, now);
            }
            if g.holder() == Some(0) && handled_until.is_none() && woke.is_some() {
                handled_until = Some(now + HANDLE_MS);
            }
        }
        level
    }
}

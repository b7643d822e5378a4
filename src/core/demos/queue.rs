//! The bookkeeping of the producer/consumer demo (`src/demos/producer_consumer.rs`): what went
//! into the bounded queue and came out, how deep it got, and how long producers waited for room.

use std::fmt::Write;

/// One item: who made it, and which of theirs it is (0-based).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Item {
    /// The producer (0-based).
    pub producer: u8,
    /// Its place among that producer's items (0-based).
    pub seq: u32,
}

/// Something that happened at the queue, with the time in ms after the run started.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum QueueEvent {
    /// A producer put an item in, after waiting `waited` ms for room.
    Put { at: f64, item: Item, waited: f64 },
    /// A consumer took an item out.
    Got { at: f64, consumer: u8, item: Item },
}

/// Everything the demo shows about one run.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct QueueStats {
    /// Items put into the queue.
    pub produced: u32,
    /// Items taken out of it.
    pub consumed: u32,
    /// Items in the queue now.
    pub depth: u32,
    /// The most it ever held.
    pub max_depth: u32,
    /// Total ms producers spent waiting on a full queue.
    pub put_wait_ms: f64,
    /// (ms, depth) after every change, starting at (0, 0).
    pub trace: Vec<(f64, u32)>,
    /// Items in the order consumers took them, with the consumer that took each.
    pub taken: Vec<(u8, Item)>,
}

impl QueueStats {
    /// A fresh record.
    pub fn new() -> QueueStats {
        QueueStats { trace: vec![(0.0, 0)], ..QueueStats::default() }
    }

    /// Records one event.
    pub fn apply(&mut self, event: QueueEvent) {
        let at = match event {
            QueueEvent::Put { at, waited, .. } => {
                self.produced += 1;
                self.depth += 1;
                self.put_wait_ms += waited;
                at
            }
            QueueEvent::Got { at, consumer, item } => {
                self.consumed += 1;
                self.depth = self.depth.saturating_sub(1);
                self.taken.push((consumer, item));
                at
            }
        };
        self.max_depth = self.max_depth.max(self.depth);
        self.trace.push((at, self.depth));
    }

    /// Whether every producer's items came out in the order that producer made them.
    pub fn fifo_per_producer(&self) -> bool {
        let mut next = [0u32; 256];
        self.taken.iter().all(|(_, item)| {
            let expected = &mut next[usize::from(item.producer)];
            let ok = item.seq == *expected;
            *expected += 1;
            ok
        })
    }

    /// The depth over time as an SVG polyline's `points` (steps) in a `width` × `height` box,
    /// time running to `t_end` ms and the top of the box meaning `capacity`.
    pub fn depth_points(&self, width: f64, height: f64, t_end: f64, capacity: u32) -> String {
        let sx = width / t_end.max(1.0);
        let sy = height / f64::from(capacity.max(1));
        let mut out = String::new();
        let mut prev = 0;
        for &(t, d) in &self.trace {
            let x = (t * sx).min(width);
            let _ =
                write!(out, "{x:.1},{:.1} {x:.1},{:.1} ", height - f64::from(prev) * sy, height - f64::from(d) * sy);
            prev = d;
        }
        let _ = write!(out, "{width:.1},{:.1}", height - f64::from(prev) * sy);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn put(at: f64, producer: u8, seq: u32, waited: f64) -> QueueEvent {
        QueueEvent::Put { at, item: Item { producer, seq }, waited }
    }
    fn got(at: f64, consumer: u8, producer: u8, seq: u32) -> QueueEvent {
        QueueEvent::Got { at, consumer, item: Item { producer, seq } }
    }

    /// Depth goes up on put and down on get; the maximum, waits and counts add up.
    #[test]
    fn counts_depth_and_waits() {
        let mut s = QueueStats::new();
        for e in [put(1.0, 0, 0, 0.0), put(2.0, 1, 0, 0.0), got(3.0, 0, 0, 0), put(4.0, 0, 1, 25.0), got(5.0, 1, 1, 0)]
        {
            s.apply(e);
        }
        assert_eq!((s.produced, s.consumed, s.depth, s.max_depth), (3, 2, 1, 2));
        assert_eq!(s.put_wait_ms, 25.0);
        assert_eq!(s.trace, vec![(0.0, 0), (1.0, 1), (2.0, 2), (3.0, 1), (4.0, 2), (5.0, 1)]);
        assert!(s.fifo_per_producer());
    }

    /// Items of different producers may interleave, but one producer's items out of order is
    /// caught: a FIFO queue never reorders what one producer put in.
    #[test]
    fn fifo_per_producer() {
        let mut ok = QueueStats::new();
        for e in [got(1.0, 0, 1, 0), got(1.0, 1, 0, 0), got(2.0, 0, 0, 1), got(2.0, 0, 1, 1)] {
            ok.apply(e);
        }
        assert!(ok.fifo_per_producer());
        let mut bad = QueueStats::new();
        for e in [got(1.0, 0, 0, 1), got(2.0, 0, 0, 0)] {
            bad.apply(e);
        }
        assert!(!bad.fifo_per_producer());
    }

    /// The depth line is a staircase inside the box: full capacity at the top.
    #[test]
    fn depth_line() {
        let mut s = QueueStats::new();
        s.apply(put(50.0, 0, 0, 0.0));
        s.apply(put(100.0, 0, 1, 0.0));
        assert_eq!(
            s.depth_points(100.0, 20.0, 100.0, 2),
            "0.0,20.0 0.0,20.0 50.0,20.0 50.0,10.0 100.0,10.0 100.0,0.0 100.0,0.0"
        );
    }
}

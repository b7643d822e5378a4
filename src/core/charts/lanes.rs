//! Timeline layout: which lane each task or request is drawn on, in which row of that lane
//! (requests in flight together need rows of their own), and — for very large runs — consecutive
//! tasks merged into segments so the page stays responsive. A thread's waits for a lock
//! (`global-lock`) are laid out beside its tasks, as bars of their own kind under them.

use crate::core::timeline::{Lane, Span, Wait};

/// Above this many items a timeline merges consecutive items into segments.
pub const MERGE_ABOVE: usize = 4000;
/// How many segments merging aims for at most (it widens the gap it bridges until it fits).
pub const MAX_SEGMENTS: usize = 1500;

/// One task or request to place on the timeline. Times in ms from the start of the timed run.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Item {
    /// Task number or request index.
    pub id: u32,
    /// Where it ran.
    pub lane: Lane,
    /// Start (ms).
    pub start: f64,
    /// End (ms).
    pub end: f64,
    /// Finished well (a failed request is drawn differently).
    pub ok: bool,
    /// Not work but a wait for a lock (the id is then meaningless).
    pub wait: bool,
}

impl From<&Span> for Item {
    fn from(s: &Span) -> Item {
        Item { id: s.task, lane: s.lane, start: s.start, end: s.end, ok: true, wait: false }
    }
}

impl From<&Wait> for Item {
    fn from(w: &Wait) -> Item {
        Item { id: 0, lane: w.lane, start: w.start, end: w.end, ok: true, wait: true }
    }
}

/// A lane of the laid-out timeline.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LaneInfo {
    /// Which lane.
    pub lane: Lane,
    /// Rows it needs: the most items it had in flight at once.
    pub rows: u32,
    /// Items it ran.
    pub items: u32,
    /// Time it was busy (ms; overlapping items counted once each).
    pub busy_ms: f64,
    /// Time it spent waiting for a lock (ms).
    pub wait_ms: f64,
}

/// A bar to draw: one item, or (when merged) a run of consecutive items on one row.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Segment {
    /// Index into [`Layout::lanes`].
    pub lane: usize,
    /// Row within the lane (0 = top).
    pub row: u32,
    /// Start of the first item (ms).
    pub start: f64,
    /// End of the last item (ms).
    pub end: f64,
    /// Id of the first item.
    pub first: u32,
    /// Id of the last item.
    pub last: u32,
    /// Items in this bar (1 unless merged).
    pub count: u32,
    /// Items in it that failed.
    pub failed: u32,
    /// A wait for a lock (drawn across the lane's rows, under its tasks), not work.
    pub wait: bool,
}

/// A whole timeline, ready to draw.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Layout {
    /// Lanes in drawing order: main thread, event loop, pool threads, workers (each by number).
    pub lanes: Vec<LaneInfo>,
    /// Bars, by lane, row and start.
    pub segments: Vec<Segment>,
    /// Whether consecutive items were merged.
    pub merged: bool,
    /// Latest end of any item (ms), or 0.
    pub end: f64,
    /// Items laid out (waits not counted).
    pub items: usize,
    /// Waits for a lock laid out.
    pub waits: usize,
}

/// Lays `items` out. Items on one lane that overlap in time go on separate rows (the lowest
/// free one); when there are more than `merge_above` items, items that follow each other on a
/// row with a gap too small to see are merged, the gap widening until at most `max_segments`
/// bars remain.
pub fn layout(items: &[Item], merge_above: usize, max_segments: usize) -> Layout {
    let finite = |i: &&Item| i.start.is_finite() && i.end.is_finite();
    let mut sorted: Vec<Item> = items.iter().filter(finite).filter(|i| !i.wait).copied().collect();
    let mut waits: Vec<Item> = items.iter().filter(finite).filter(|i| i.wait).copied().collect();
    sorted.sort_by(|a, b| a.lane.cmp(&b.lane).then(a.start.total_cmp(&b.start)).then(a.id.cmp(&b.id)));
    let end = sorted.iter().chain(&waits).map(|i| i.end).fold(0.0, f64::max);

    // Rows: greedy interval colouring per lane, in start order.
    let mut lanes: Vec<LaneInfo> = Vec::new();
    let mut placed: Vec<(usize, u32, Item)> = Vec::with_capacity(sorted.len());
    let mut row_ends: Vec<f64> = Vec::new();
    for item in sorted {
        if lanes.last().is_none_or(|l| l.lane != item.lane) {
            lanes.push(LaneInfo { lane: item.lane, rows: 0, items: 0, busy_ms: 0.0, wait_ms: 0.0 });
            row_ends.clear();
        }
        let lane = lanes.len() - 1;
        // A tiny tolerance: stamps from one clock can tie.
        let row = match row_ends.iter().position(|e| *e <= item.start + 1e-9) {
            Some(r) => r,
            None => {
                row_ends.push(f64::NEG_INFINITY);
                row_ends.len() - 1
            }
        };
        row_ends[row] = item.end;
        let info = &mut lanes[lane];
        info.rows = info.rows.max(row as u32 + 1);
        info.items += 1;
        info.busy_ms += (item.end - item.start).max(0.0);
        placed.push((lane, row as u32, item));
    }
    placed.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)).then(a.2.start.total_cmp(&b.2.start)));

    // Waits sit on row 0 of their lane (a thread that waits runs nothing, so they never overlap
    // its tasks); a lane that only ever waited still gets its line.
    waits.sort_by(|a, b| a.lane.cmp(&b.lane).then(a.start.total_cmp(&b.start)));
    let mut waited: Vec<(usize, u32, Item)> = Vec::with_capacity(waits.len());
    for w in &waits {
        let lane = match lanes.iter().position(|l| l.lane == w.lane) {
            Some(i) => i,
            None => {
                lanes.push(LaneInfo { lane: w.lane, rows: 1, items: 0, busy_ms: 0.0, wait_ms: 0.0 });
                lanes.sort_by_key(|l| l.lane);
                // Positions after the new lane moved down one.
                let i = lanes.iter().position(|l| l.lane == w.lane).expect("just pushed");
                for p in placed.iter_mut().chain(waited.iter_mut()).filter(|p| p.0 >= i) {
                    p.0 += 1;
                }
                i
            }
        };
        lanes[lane].wait_ms += (w.end - w.start).max(0.0);
        waited.push((lane, 0, *w));
    }

    let count = placed.len();
    let merged = count + waited.len() > merge_above;
    let bars = |gap: f64| {
        let mut s = merge(&placed, gap);
        s.extend(merge(&waited, gap));
        s
    };
    let segments = if merged {
        let mut gap = end / 4000.0;
        loop {
            let s = bars(gap);
            if s.len() <= max_segments || gap > end {
                break s;
            }
            gap = if gap > 0.0 { gap * 2.0 } else { 1e-3 };
        }
    } else {
        bars(-1.0)
    };
    Layout { lanes, segments, merged, end, items: count, waits: waited.len() }
}

/// Bars from placed items; items on one row whose gap is at most `gap` ms join one bar
/// (a negative gap keeps every item apart).
fn merge(placed: &[(usize, u32, Item)], gap: f64) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    for &(lane, row, item) in placed {
        let failed = u32::from(!item.ok);
        match out.last_mut() {
            Some(s)
                if gap >= 0.0 && s.lane == lane && s.row == row && s.wait == item.wait && item.start - s.end <= gap =>
            {
                s.end = s.end.max(item.end);
                s.last = item.id;
                s.count += 1;
                s.failed += failed;
            }
            _ => out.push(Segment {
                lane,
                row,
                start: item.start,
                end: item.end,
                first: item.id,
                last: item.id,
                count: 1,
                failed,
                wait: item.wait,
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: u32, lane: Lane, start: f64, end: f64) -> Item {
        Item { id, lane, start, end, ok: true, wait: false }
    }

    /// Lanes come out in a fixed order whatever order the tasks finished in: main thread, event
    /// loop, then threads and workers by number (worker 10 after worker 2).
    #[test]
    fn lanes_are_ordered() {
        let items = [
            item(1, Lane::Worker(10), 0.0, 1.0),
            item(2, Lane::Thread(1), 0.0, 1.0),
            item(3, Lane::Worker(2), 0.0, 1.0),
            item(4, Lane::EventLoop, 0.0, 1.0),
            item(5, Lane::Thread(0), 0.0, 1.0),
            item(6, Lane::Main, 0.0, 1.0),
        ];
        let l = layout(&items, MERGE_ABOVE, MAX_SEGMENTS);
        let ids: Vec<String> = l.lanes.iter().map(|x| x.lane.id()).collect();
        assert_eq!(ids, ["main", "event-loop", "thread-0", "thread-1", "worker-2", "worker-10"]);
        assert_eq!(l.segments.len(), 6);
        assert!(!l.merged);
    }

    /// Requests in flight together get rows of their own; a row is reused once it is free, so
    /// a lane needs as many rows as it had requests in flight at most.
    #[test]
    fn overlapping_items_get_rows() {
        let items = [
            item(0, Lane::EventLoop, 0.0, 10.0),
            item(1, Lane::EventLoop, 1.0, 5.0),
            item(2, Lane::EventLoop, 2.0, 12.0),
            item(3, Lane::EventLoop, 5.0, 8.0), // row 1 is free again at 5
            item(4, Lane::EventLoop, 10.0, 11.0),
        ];
        let l = layout(&items, MERGE_ABOVE, MAX_SEGMENTS);
        let rows: Vec<(u32, u32)> = l.segments.iter().map(|s| (s.first, s.row)).collect();
        assert_eq!(rows, [(0, 0), (4, 0), (1, 1), (3, 1), (2, 2)]);
        assert_eq!(l.lanes[0].rows, 3);
        assert_eq!(l.lanes[0].items, 5);
        assert_eq!(l.end, 12.0);
        assert_eq!(l.lanes[0].busy_ms, 10.0 + 4.0 + 10.0 + 3.0 + 1.0);
    }

    /// Up to the threshold every item is its own bar; past it, back-to-back tasks on a lane
    /// become one segment and a visible gap splits them.
    #[test]
    fn large_runs_merge() {
        let mut items: Vec<Item> =
            (0..5000).map(|i| item(i, Lane::Worker((i % 2) as u16), (i / 2) as f64, (i / 2) as f64 + 1.0)).collect();
        let small = layout(&items[..100], MERGE_ABOVE, MAX_SEGMENTS);
        assert_eq!((small.segments.len(), small.merged), (100, false));
        // Worker 0 pauses for a long while half way.
        for it in items.iter_mut().filter(|i| i.lane == Lane::Worker(0) && i.id >= 2500) {
            it.start += 1000.0;
            it.end += 1000.0;
        }
        let l = layout(&items, MERGE_ABOVE, MAX_SEGMENTS);
        assert!(l.merged);
        assert_eq!(l.items, 5000);
        let w0: Vec<(u32, u32, u32)> =
            l.segments.iter().filter(|s| s.lane == 0).map(|s| (s.first, s.last, s.count)).collect();
        assert_eq!(w0, [(0, 2498, 1250), (2500, 4998, 1250)]);
        assert_eq!(l.segments.iter().map(|s| s.count).sum::<u32>(), 5000, "no task lost in merging");
    }

    /// Visible gaps survive merging while the bars fit under the cap; past it the bridged gap
    /// widens, and however many tasks there are the cap holds and no task is lost.
    #[test]
    fn merging_respects_the_cap() {
        // 1000 bursts of 50 back-to-back 1 ms tasks, each burst followed by a 50 ms pause.
        let items: Vec<Item> = (0..50_000)
            .map(|i| {
                let start = f64::from(i / 50) * 100.0 + f64::from(i % 50);
                item(i, Lane::Thread(0), start, start + 1.0)
            })
            .collect();
        let roomy = layout(&items, MERGE_ABOVE, MAX_SEGMENTS);
        assert_eq!(roomy.segments.len(), 1000, "one bar per burst");
        assert!(roomy.segments.iter().all(|s| s.count == 50));
        let tight = layout(&items, MERGE_ABOVE, 200);
        assert!(tight.segments.len() <= 200, "{} segments", tight.segments.len());
        assert_eq!(tight.segments.iter().map(|s| s.count).sum::<u32>(), 50_000);
    }

    /// Failed requests are counted per bar; NaN stamps are left out rather than drawn anywhere.
    #[test]
    fn failures_and_bad_stamps() {
        let mut bad = item(1, Lane::EventLoop, 2.0, 3.0);
        bad.ok = false;
        let l = layout(&[item(0, Lane::EventLoop, 0.0, 1.0), bad, item(2, Lane::EventLoop, f64::NAN, 1.0)], 10, 10);
        assert_eq!(l.items, 2);
        assert_eq!(l.segments.iter().map(|s| s.failed).collect::<Vec<_>>(), [0, 1]);
        assert_eq!(layout(&[], 10, 10), Layout::default());
    }

    /// Waits for the lock are laid out on row 0 of their lane as bars of their own, never merged
    /// with tasks and not counted as work; a lane that only waited still appears, in order.
    #[test]
    fn waits_beside_tasks() {
        let wait = |lane, start, end| Item { id: 0, lane, start, end, ok: true, wait: true };
        let items = [
            item(1, Lane::Thread(0), 0.0, 5.0),
            wait(Lane::Thread(1), 0.0, 5.0),
            item(2, Lane::Thread(1), 5.0, 10.0),
            wait(Lane::Thread(0), 5.0, 10.0),
            wait(Lane::Thread(2), 0.0, 10.0),
        ];
        let l = layout(&items, MERGE_ABOVE, MAX_SEGMENTS);
        assert_eq!((l.items, l.waits, l.end), (2, 3, 10.0));
        let lanes: Vec<(String, u32, f64, f64)> =
            l.lanes.iter().map(|x| (x.lane.id(), x.items, x.busy_ms, x.wait_ms)).collect();
        assert_eq!(
            lanes,
            [("thread-0".into(), 1, 5.0, 5.0), ("thread-1".into(), 1, 5.0, 5.0), ("thread-2".into(), 0, 0.0, 10.0)]
        );
        let bars: Vec<(usize, bool, f64)> = l.segments.iter().map(|s| (s.lane, s.wait, s.start)).collect();
        assert_eq!(bars, [(0, false, 0.0), (1, false, 5.0), (0, true, 5.0), (1, true, 0.0), (2, true, 0.0)]);
        // Merging joins waits with waits and tasks with tasks only.
        let merged = layout(&items, 0, MAX_SEGMENTS);
        assert!(merged.merged);
        assert_eq!(merged.segments.iter().filter(|s| s.wait).count(), 3);
    }
}

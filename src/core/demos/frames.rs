//! Frame times for the freeze meter (`src/demos/freeze_meter.rs`): a fixed ring of the last
//! frames' intervals, filled once per `requestAnimationFrame`, and the geometry of its trace.
//! Nothing here allocates after [`FrameRing::new`]; the trace is written into reused strings.

use std::fmt::Write;

/// Frames kept: 10 s at up to ~200 Hz.
pub const CAPACITY: usize = 2048;

/// A frame slower than this is "long" (the browser's own long-task threshold).
pub const LONG_FRAME_MS: f64 = 50.0;

/// The box a trace is drawn in.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TraceView {
    /// Time covered, ms back from now.
    pub span: f64,
    /// Width in SVG units; now is at the right edge.
    pub width: f64,
    /// Height in SVG units.
    pub height: f64,
    /// The interval drawn at the top; longer ones are clipped to it.
    pub top_ms: f64,
}

/// The last [`CAPACITY`] frames: when each was drawn and how long after the one before.
#[derive(Debug)]
pub struct FrameRing {
    /// Frame timestamps (ms, the page's clock).
    at: Vec<f64>,
    /// Interval to the previous frame (ms).
    gap: Vec<f64>,
    /// Where the next frame goes.
    head: usize,
    /// Frames held (at most CAPACITY).
    len: usize,
    /// The previous frame's timestamp; `None` right after a start or a pause.
    last: Option<f64>,
    /// The longest interval since the last reset.
    pub max_since_reset: f64,
    /// Frames recorded since the last reset.
    pub frames_since_reset: u64,
}

impl Default for FrameRing {
    fn default() -> Self {
        FrameRing::new()
    }
}

impl FrameRing {
    /// An empty ring; its only allocation.
    pub fn new() -> FrameRing {
        FrameRing {
            at: vec![0.0; CAPACITY],
            gap: vec![0.0; CAPACITY],
            head: 0,
            len: 0,
            last: None,
            max_since_reset: 0.0,
            frames_since_reset: 0,
        }
    }

    /// A frame was drawn at `t`: records the interval since the previous one.
    pub fn frame(&mut self, t: f64) {
        if let Some(last) = self.last {
            let gap = (t - last).max(0.0);
            self.at[self.head] = t;
            self.gap[self.head] = gap;
            self.head = (self.head + 1) % CAPACITY;
            self.len = (self.len + 1).min(CAPACITY);
            self.max_since_reset = self.max_since_reset.max(gap);
            self.frames_since_reset += 1;
        }
        self.last = Some(t);
    }

    /// Forget the previous frame (the tab was hidden, where the browser draws nothing): the next
    /// frame starts a new interval instead of reporting the pause as a freeze.
    pub fn resync(&mut self) {
        self.last = None;
    }

    /// Starts the since-reset figures over (the ring itself is kept).
    pub fn reset(&mut self) {
        self.max_since_reset = 0.0;
        self.frames_since_reset = 0;
    }

    /// (timestamp, interval) of the frames drawn after `now - span`, newest first.
    pub fn recent(&self, now: f64, span: f64) -> impl Iterator<Item = (f64, f64)> + '_ {
        (1..=self.len)
            .map(move |back| (self.head + CAPACITY - back) % CAPACITY)
            .map(move |i| (self.at[i], self.gap[i]))
            .take_while(move |&(t, _)| t >= now - span)
    }

    /// The longest interval, and how many were long, among frames after `now - span`.
    pub fn summary(&self, now: f64, span: f64) -> (f64, usize) {
        self.recent(now, span).fold((0.0, 0), |(max, long), (_, g)| (max.max(g), long + usize::from(g > LONG_FRAME_MS)))
    }

    /// Writes the trace of the last `view.span` ms before `now` into `line` (a polyline's
    /// `points`) and the long frames into `long` (a path's `d`: one closed box each). Both
    /// strings are cleared first. Each interval is a flat step across the time it lasted, so a
    /// 400 ms freeze is a plateau 400 ms wide, not a spike at its end.
    pub fn trace(&self, now: f64, view: TraceView, line: &mut String, long: &mut String) {
        let TraceView { span, width, height, top_ms } = view;
        line.clear();
        long.clear();
        let x = |t: f64| (width - (now - t) / span * width).max(0.0);
        for (t, g) in self.recent(now, span) {
            let (x0, x1) = (x(t - g), x(t));
            let y = height - g.min(top_ms) / top_ms * height;
            let _ = write!(line, "{x1:.1},{y:.1} {x0:.1},{y:.1} ");
            if g > LONG_FRAME_MS {
                let _ = write!(long, "M{x0:.1} {height:.1}V{y:.1}H{x1:.1}V{height:.1}Z");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first frame only starts the clock; each later one records its interval, and the
    /// longest since reset survives until Reset.
    #[test]
    fn records_intervals() {
        let mut r = FrameRing::new();
        for t in [0.0, 16.0, 33.0, 433.0, 450.0] {
            r.frame(t);
        }
        assert_eq!(
            r.recent(450.0, 1e9).collect::<Vec<_>>(),
            [(450.0, 17.0), (433.0, 400.0), (33.0, 17.0), (16.0, 16.0)]
        );
        assert_eq!(r.summary(450.0, 1e9), (400.0, 1));
        assert_eq!((r.max_since_reset, r.frames_since_reset), (400.0, 4));
        r.reset();
        r.frame(466.0);
        assert_eq!((r.max_since_reset, r.frames_since_reset), (16.0, 1));
    }

    /// Frames older than the window drop out of the summary; a hidden tab's pause is not a freeze.
    #[test]
    fn window_and_resync() {
        let mut r = FrameRing::new();
        r.frame(0.0);
        r.frame(500.0);
        r.frame(20_000.0);
        assert_eq!(r.summary(20_000.0, 10_000.0), (19_500.0, 1));
        r.resync();
        r.frame(90_000.0);
        r.frame(90_016.0);
        assert_eq!(r.summary(90_016.0, 10_000.0), (16.0, 0));
    }

    /// The ring wraps: it never holds more than CAPACITY frames, and keeps the newest.
    #[test]
    fn wraps() {
        let mut r = FrameRing::new();
        for i in 0..(CAPACITY as u32 * 3) {
            r.frame(f64::from(i) * 10.0);
        }
        assert_eq!(r.recent(f64::MAX, f64::MAX).count(), CAPACITY);
        assert_eq!(r.recent(f64::MAX, f64::MAX).next(), Some((f64::from(CAPACITY as u32 * 3 - 1) * 10.0, 10.0)));
    }

    /// The trace puts the newest frame at the right edge, draws each interval as a step across
    /// its duration (clamped to the top when tall, to the left edge when older than the window),
    /// and boxes each long frame.
    #[test]
    fn trace_geometry() {
        let mut r = FrameRing::new();
        for t in [0.0, 500.0, 1000.0, 1016.0] {
            r.frame(t);
        }
        let (mut line, mut long) = (String::from("old"), String::new());
        r.trace(1016.0, TraceView { span: 1000.0, width: 100.0, height: 50.0, top_ms: 200.0 }, &mut line, &mut long);
        assert_eq!(line, "100.0,46.0 98.4,46.0 98.4,0.0 48.4,0.0 48.4,0.0 0.0,0.0 ");
        assert_eq!(long, "M48.4 50.0V0.0H98.4V50.0ZM0.0 50.0V0.0H48.4V50.0Z");
    }
}

//! The online discrete-event simulator of the server (see the module docs of `net`).

use super::*;
use std::collections::VecDeque;

#[derive(Debug, Clone)]
struct Request {
    req_id: u64,
    key: u32,
    attempt: u32,
    bytes: u64,
    draw: Draw,
    submitted_ms: f64,
    started_ms: f64,
    latency_end_ms: f64,
}

#[derive(Debug, Clone)]
struct Transfer {
    req: Request,
    /// Virtual work at which this transfer is done: `W(start) + bytes`.
    tag: f64,
}

/// The online discrete-event simulator of the server. See the [module docs](self).
///
/// Usage, in real time or offline: [`submit`](NetSim::submit) requests as they arrive, call
/// [`advance`](NetSim::advance) with the current time to collect the requests that finished,
/// and use [`next_event_ms`](NetSim::next_event_ms) to know when to call it next.
///
/// Times passed in must not be NaN. A time earlier than the simulator's clock
/// ([`now_ms`](NetSim::now_ms)) is treated as the clock: time never goes backwards.
#[derive(Debug, Clone)]
pub struct NetSim {
    params: NetParams,
    /// Bandwidth in bytes/ms, `INFINITY` when unlimited.
    bytes_per_ms: f64,
    /// The latest time the caller reached (submit or advance).
    clock_ms: f64,
    /// Time of the last processed event, where `work_at_anchor` is exact.
    anchor_ms: f64,
    /// Virtual work `W` at `anchor_ms`.
    work_at_anchor: f64,
    queue: VecDeque<Request>,
    latent: Vec<Request>,
    transfers: Vec<Transfer>,
    /// Completions not yet returned by `advance`.
    done: Vec<Completion>,
}

impl NetSim {
    /// A simulator at time 0 with nothing in flight.
    ///
    /// # Errors
    /// The [`ParamError`] of [`NetParams::validate`].
    pub fn try_new(params: NetParams) -> Result<Self, ParamError> {
        params.validate()?;
        Ok(NetSim {
            bytes_per_ms: params.bytes_per_ms(),
            params,
            clock_ms: 0.0,
            anchor_ms: 0.0,
            work_at_anchor: 0.0,
            queue: VecDeque::new(),
            latent: Vec::new(),
            transfers: Vec::new(),
            done: Vec::new(),
        })
    }

    /// A simulator at time 0 with nothing in flight.
    ///
    /// # Panics
    /// If the parameters are invalid ([`NetParams::validate`]); use [`NetSim::try_new`] to get
    /// the error instead.
    pub fn new(params: NetParams) -> Self {
        match Self::try_new(params) {
            Ok(sim) => sim,
            Err(e) => panic!("invalid network parameters: {e}"),
        }
    }

    /// The parameters the simulator was built with.
    pub fn params(&self) -> &NetParams {
        &self.params
    }

    /// The simulator's clock: the latest time passed to [`submit`](NetSim::submit) or
    /// [`advance`](NetSim::advance) (starts at 0).
    pub fn now_ms(&self) -> f64 {
        self.clock_ms
    }

    /// Requests holding a connection slot (latency or transfer phase). At most `conn_cap`.
    pub fn in_flight(&self) -> usize {
        self.latent.len() + self.transfers.len()
    }

    /// Requests in their transfer phase (sharing the bandwidth).
    pub fn transferring(&self) -> usize {
        self.transfers.len()
    }

    /// Requests waiting for a connection slot.
    pub fn queued(&self) -> usize {
        self.queue.len()
    }

    /// True when nothing is queued or in flight and every completion has been returned.
    pub fn is_idle(&self) -> bool {
        self.queue.is_empty() && self.latent.is_empty() && self.transfers.is_empty() && self.done.is_empty()
    }

    /// A request arrives at `now_ms` (clamped to be at least [`now_ms`](NetSim::now_ms)).
    ///
    /// Events up to `now_ms` are processed first (their completions are kept for the next
    /// [`advance`](NetSim::advance)), so a slot freed at exactly `now_ms` is available, and the
    /// FIFO order is the order of `submit` calls. The request's latency and failure come from
    /// [`request_draw`]`(params, key, attempt)`. `req_id` identifies the request in
    /// [`Completion`]s and [`phase`](NetSim::phase); it should be unique (not checked).
    ///
    /// # Panics
    /// If `now_ms` is NaN.
    pub fn submit(&mut self, now_ms: f64, req_id: u64, key: u32, attempt: u32, bytes: u64) {
        assert!(!now_ms.is_nan(), "NetSim::submit: time is NaN");
        self.run_until(now_ms);
        self.clock_ms = self.clock_ms.max(now_ms);
        let t = self.clock_ms;
        self.queue.push_back(Request {
            req_id,
            key,
            attempt,
            bytes,
            draw: request_draw(&self.params, key, attempt),
            submitted_ms: t,
            started_ms: f64::NAN,
            latency_end_ms: f64::NAN,
        });
        self.admit(t);
    }

    /// When the next state change happens (a latency phase ending or a transfer finishing), or
    /// `None` if nothing is in flight. Never earlier than the last event processed; it can equal
    /// [`now_ms`](NetSim::now_ms) (e.g. a request submitted with zero latency).
    pub fn next_event_ms(&self) -> Option<f64> {
        let latency = self.next_latency_end();
        let transfer = self.next_transfer_end().map(|(t, _)| t);
        match (latency, transfer) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Advances the clock to `now_ms` and returns every request that finished by then and was
    /// not returned before (including those finished during [`submit`](NetSim::submit) calls),
    /// sorted by `finish_ms`, ties by `req_id`.
    ///
    /// `now_ms = f64::INFINITY` runs until nothing is in flight; the clock then becomes the time
    /// of the last event (it stays unchanged if there was none).
    ///
    /// # Panics
    /// If `now_ms` is NaN.
    pub fn advance(&mut self, now_ms: f64) -> Vec<Completion> {
        assert!(!now_ms.is_nan(), "NetSim::advance: time is NaN");
        let last_event = self.run_until(now_ms);
        if now_ms.is_finite() {
            self.clock_ms = self.clock_ms.max(now_ms);
        } else if let Some(t) = last_event {
            self.clock_ms = self.clock_ms.max(t);
        }
        let mut out = std::mem::take(&mut self.done);
        out.sort_by(|a, b| a.finish_ms.total_cmp(&b.finish_ms).then(a.req_id.cmp(&b.req_id)));
        out
    }

    /// When every request in flight would finish if no other request arrived: the completions a
    /// copy of the simulator gives when run to the end (not yet returned ones included). The
    /// live network hands these deadlines to the service worker ahead of time, so it can answer
    /// each request on its own timer, and sends new ones when an arrival changes them (a new
    /// transfer slows the others down; a queued request waits for a slot).
    pub fn projected(&self) -> Vec<Completion> {
        let mut copy = self.clone();
        copy.advance(f64::INFINITY)
    }

    /// Where request `req_id` is at [`now_ms`](NetSim::now_ms), or `None` if it is unknown or
    /// has finished.
    pub fn phase(&self, req_id: u64) -> Option<Phase> {
        if let Some(position) = self.queue.iter().position(|r| r.req_id == req_id) {
            return Some(Phase::Queued { position });
        }
        if let Some(r) = self.latent.iter().find(|r| r.req_id == req_id) {
            return Some(Phase::Latency { ends_ms: r.latency_end_ms });
        }
        let tr = self.transfers.iter().find(|t| t.req.req_id == req_id)?;
        let work_now = self.work_at(self.clock_ms.max(self.anchor_ms));
        let total = tr.req.bytes as f64;
        let delivered = (work_now - (tr.tag - total)).clamp(0.0, total);
        Some(Phase::Transfer { delivered_bytes: delivered, total_bytes: tr.req.bytes })
    }

    // --- internals ---------------------------------------------------------------------------

    /// Virtual work at time `t >= anchor_ms`, by linear growth from the anchor.
    fn work_at(&self, t: f64) -> f64 {
        if self.transfers.is_empty() {
            return self.work_at_anchor;
        }
        let per_transfer = self.bytes_per_ms / self.transfers.len() as f64;
        self.work_at_anchor + (t - self.anchor_ms) * per_transfer
    }

    fn next_latency_end(&self) -> Option<f64> {
        self.latent.iter().map(|r| r.latency_end_ms).reduce(f64::min)
    }

    /// `(time, tag)` of the next transfer to finish: the one with the smallest tag.
    fn next_transfer_end(&self) -> Option<(f64, f64)> {
        let min_tag = self.transfers.iter().map(|t| t.tag).reduce(f64::min)?;
        let left = (min_tag - self.work_at_anchor).max(0.0);
        let n = self.transfers.len() as f64;
        Some((self.anchor_ms + left * n / self.bytes_per_ms, min_tag))
    }

    /// Processes every event at or before `limit`; returns the time of the last one.
    fn run_until(&mut self, limit: f64) -> Option<f64> {
        let mut last = None;
        loop {
            let latency = self.next_latency_end();
            let transfer = self.next_transfer_end();
            let t = match (latency, transfer) {
                (Some(a), Some((b, _))) => a.min(b),
                (Some(a), None) => a,
                (None, Some((b, _))) => b,
                (None, None) => break,
            };
            if t > limit {
                break;
            }
            // Bring the virtual work to `t`. At a transfer's end it is exactly that transfer's
            // tag, which avoids drift and guarantees the transfer is removed below.
            let work = match transfer {
                Some((b, tag)) if b == t => tag.max(self.work_at_anchor),
                _ => self.work_at(t),
            };
            self.work_at_anchor = work;
            self.anchor_ms = t;
            self.process_event(t);
            last = Some(t);
        }
        last
    }

    /// Everything that happens at event time `t` (the anchor has been moved to `t`).
    fn process_event(&mut self, t: f64) {
        let work = self.work_at_anchor;
        let eps = EPS_BYTES.max(work.abs() * EPS_REL);

        // 1. Transfers that are done.
        let mut i = 0;
        while i < self.transfers.len() {
            if self.transfers[i].tag - work <= eps {
                let tr = self.transfers.remove(i);
                let bytes = tr.req.bytes;
                self.complete(tr.req, t, STATUS_OK, bytes);
            } else {
                i += 1;
            }
        }

        // 2. Latency phases that end now: fail, finish (nothing to send or unlimited
        //    bandwidth) or start transferring.
        let mut i = 0;
        while i < self.latent.len() {
            if self.latent[i].latency_end_ms <= t {
                let req = self.latent.remove(i);
                if req.draw.fails {
                    self.complete(req, t, STATUS_UNAVAILABLE, 0);
                } else if req.bytes == 0 || self.bytes_per_ms.is_infinite() {
                    let bytes = req.bytes;
                    self.complete(req, t, STATUS_OK, bytes);
                } else {
                    let tag = work + req.bytes as f64;
                    self.transfers.push(Transfer { req, tag });
                }
            } else {
                i += 1;
            }
        }

        // 3. Freed slots go to the queue.
        self.admit(t);
    }

    /// Starts queued requests (FIFO) while slots are free.
    fn admit(&mut self, t: f64) {
        while self.in_flight() < self.params.conn_cap as usize {
            let Some(mut req) = self.queue.pop_front() else {
                break;
            };
            req.started_ms = t;
            req.latency_end_ms = t + req.draw.latency_ms;
            self.latent.push(req);
        }
    }

    fn complete(&mut self, req: Request, t: f64, status: u16, bytes: u64) {
        self.done.push(Completion {
            req_id: req.req_id,
            key: req.key,
            attempt: req.attempt,
            submitted_ms: req.submitted_ms,
            started_ms: req.started_ms,
            finish_ms: t,
            status,
            bytes,
        });
    }
}

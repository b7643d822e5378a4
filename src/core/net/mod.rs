//! A simulated network for the image-download experiment: a server with per-request latency
//! (plus jitter), a connection cap with a FIFO wait queue, one outgoing link whose bandwidth is
//! shared equally by every transfer in progress (processor sharing), and random HTTP 503 failures.
//!
//! Pure and deterministic: no clocks, threads or I/O. Time is an `f64` in milliseconds that the
//! caller passes in, so the same [`NetSim`] runs in real time (the page calls
//! [`NetSim::advance`] at wall-clock times and answers `/simnet/` requests when their
//! [`Completion`]s come out) and offline ([`predict`] drives it with an idealised client to get
//! the "ideal time" of each client mode).
//!
//! # The model
//!
//! A request arrives ([`NetSim::submit`]). If fewer than [`NetParams::conn_cap`] requests are
//! being served it is served at once, otherwise it waits in a FIFO queue (arrival order) until a
//! slot frees. Served requests go through two phases:
//!
//! 1. **latency**: [`Draw::latency_ms`] = `latency_ms + U(-jitter_ms, +jitter_ms)`, at least 0;
//! 2. **transfer** of `bytes` bytes. The server's bandwidth `B` (kB/s, which is the same number
//!    as bytes per millisecond) is split equally among the `n` transfers in progress: each
//!    advances at `B / n` bytes/ms, and every start or end of a transfer changes `n`, so all rates
//!    change. With unlimited bandwidth (`bandwidth_kbs == 0`) the transfer takes no time.
//!
//! A request that [`Draw::fails`] pays its latency, then is answered with 503 and 0 bytes (it
//! takes no bandwidth). Zero-byte requests also finish at the end of their latency. The slot is
//! released when the request finishes.
//!
//! Processor sharing is simulated exactly, with a *virtual work* clock: `W(t)` is the number of
//! bytes any one transfer has received since `W` started (all transfers in progress receive the
//! same amount). `W` grows linearly at `B / n` between events. A transfer starting when `W = w`
//! finishes when `W` reaches its tag `w + bytes`, so the next transfer to finish is the one with
//! the smallest tag, and its finishing time is a single division. `W` is only recomputed at
//! events (never at the times the caller happens to call [`NetSim::advance`]), so stepping in
//! small real-time increments gives bit-for-bit the same results as one big step.

use std::fmt;

mod predict;
mod sim;
#[cfg(test)]
mod tests;

pub use predict::{predict, try_predict, Client, Prediction};
pub use sim::NetSim;

/// HTTP status of a request that succeeded.
pub const STATUS_OK: u16 = 200;
/// HTTP status of a request that failed ([`Draw::fails`]): "503 Service Unavailable".
pub const STATUS_UNAVAILABLE: u16 = 503;

/// Absolute tolerance in bytes: a transfer with this little left counts as finished.
const EPS_BYTES: f64 = 1e-6;
/// Relative tolerance on the virtual-work clock, for long runs where `W` is large.
const EPS_REL: f64 = 1e-12;

// ---------------------------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------------------------

/// The simulated network's parameters. See the [module docs](self) for the model.
#[derive(Debug, Clone, PartialEq)]
pub struct NetParams {
    /// Latency of each request before its first byte, in ms. Finite, `>= 0`. Default 100.
    pub latency_ms: f64,
    /// Each request's latency is `latency_ms` plus a uniform draw in `[-jitter_ms, +jitter_ms]`,
    /// clamped at 0. Finite, `>= 0`. Default 20.
    pub jitter_ms: f64,
    /// Total outgoing bandwidth of the server in kilobytes per second (1 kB = 1000 bytes, so this
    /// is also bytes per millisecond), shared equally by the transfers in progress.
    /// `0` means unlimited. Finite, `>= 0`. Default 2000.
    pub bandwidth_kbs: f64,
    /// At most this many requests are served at once (latency and transfer phases); the others
    /// wait in arrival order. `>= 1`. Default 6.
    pub conn_cap: u32,
    /// Probability that a request is answered with 503. In `[0, 1]`. Default 0.
    pub fail_rate: f64,
    /// Seed of the per-request draws ([`request_draw`]). Default 1.
    pub seed: u64,
}

impl Default for NetParams {
    fn default() -> Self {
        NetParams { latency_ms: 100.0, jitter_ms: 20.0, bandwidth_kbs: 2000.0, conn_cap: 6, fail_rate: 0.0, seed: 1 }
    }
}

impl NetParams {
    /// Checks the ranges documented on each field.
    ///
    /// # Errors
    /// The first field out of range, as a [`ParamError`].
    pub fn validate(&self) -> Result<(), ParamError> {
        let finite_non_neg = |x: f64| x.is_finite() && x >= 0.0;
        if !finite_non_neg(self.latency_ms) {
            return Err(ParamError::Latency);
        }
        if !finite_non_neg(self.jitter_ms) {
            return Err(ParamError::Jitter);
        }
        if !finite_non_neg(self.bandwidth_kbs) {
            return Err(ParamError::Bandwidth);
        }
        if self.conn_cap == 0 {
            return Err(ParamError::ConnCap);
        }
        if !(0.0..=1.0).contains(&self.fail_rate) {
            return Err(ParamError::FailRate);
        }
        Ok(())
    }

    /// The server's bandwidth in bytes per millisecond (numerically equal to kB/s), or
    /// `f64::INFINITY` when it is unlimited (`bandwidth_kbs == 0`).
    pub fn bytes_per_ms(&self) -> f64 {
        if self.bandwidth_kbs == 0.0 {
            f64::INFINITY
        } else {
            self.bandwidth_kbs
        }
    }
}

/// Why parameters were rejected ([`NetParams::validate`], [`NetSim::try_new`], [`try_predict`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamError {
    /// `latency_ms` is negative or not finite.
    Latency,
    /// `jitter_ms` is negative or not finite.
    Jitter,
    /// `bandwidth_kbs` is negative or not finite.
    Bandwidth,
    /// `conn_cap` is 0 (nothing could ever be served).
    ConnCap,
    /// `fail_rate` is outside `[0, 1]` (or NaN).
    FailRate,
    /// A [`Client`] with `k == 0` workers (it would never issue a request).
    ZeroClients,
    /// More than `u32::MAX` images (keys are `u32`).
    TooManyImages,
}

impl fmt::Display for ParamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ParamError::Latency => "latency must be a finite number >= 0 ms",
            ParamError::Jitter => "jitter must be a finite number >= 0 ms",
            ParamError::Bandwidth => "bandwidth must be a finite number >= 0 kB/s (0 = unlimited)",
            ParamError::ConnCap => "the connection cap must be at least 1",
            ParamError::FailRate => "the failure rate must be between 0 and 1",
            ParamError::ZeroClients => "a client needs at least 1 worker (k >= 1)",
            ParamError::TooManyImages => "at most u32::MAX images",
        })
    }
}

impl std::error::Error for ParamError {}

// ---------------------------------------------------------------------------------------------
// Per-request randomness
// ---------------------------------------------------------------------------------------------

/// SplitMix64's increment: 2^64 / φ, odd.
const GOLDEN_GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;

/// SplitMix64's output function (Stafford's "Mix13"): a bijection on `u64` with good avalanche.
fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// SplitMix64 (Steele, Lea & Flood 2014, the generator `java.util.SplittableRandom` uses):
/// `state += GOLDEN_GAMMA; output = mix64(state)`.
#[derive(Debug, Clone)]
struct SplitMix64(u64);

impl SplitMix64 {
    /// The stream of one request. The state is a hash of the three inputs:
    /// `mix64(mix64(seed + γ) ^ (key << 32 | attempt))`. For a given seed this is injective in
    /// `(key, attempt)` (both steps are bijections), so different requests get different streams.
    fn for_request(seed: u64, key: u32, attempt: u32) -> Self {
        let seeded = mix64(seed.wrapping_add(GOLDEN_GAMMA));
        SplitMix64(mix64(seeded ^ (u64::from(key) << 32 | u64::from(attempt))))
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(GOLDEN_GAMMA);
        mix64(self.0)
    }

    /// Uniform in `[0, 1)`, from the top 53 bits.
    fn next_unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }
}

/// What the network decides for one request: its latency and whether it fails.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Draw {
    /// Latency before the first byte, in ms (`>= 0`).
    pub latency_ms: f64,
    /// Whether the request is answered with 503 (and 0 bytes).
    pub fails: bool,
}

/// The random draw of a request: a pure function of `(params.seed, key, attempt)` and the
/// parameters, independent of when or in which order requests are made. `key` is the image
/// index, `attempt` is 0 for the first try, 1 for the first retry, and so on.
///
/// The PRNG is SplitMix64 seeded with a hash of `(seed, key, attempt)` (see the source of
/// `SplitMix64::for_request`). Its first output `u1` gives the jitter, the second `u2` the failure:
///
/// - `latency_ms = max(0, params.latency_ms + (2·u1 − 1)·params.jitter_ms)`;
/// - `fails = u2 < params.fail_rate`.
///
/// Consequences: which requests fail does not depend on latency or jitter; `fail_rate` 0 fails
/// none and 1 fails all; and the failing set grows with `fail_rate` (whatever fails at 0.3 also
/// fails at 0.5).
///
/// Never panics; meaningful only for valid parameters ([`NetParams::validate`]).
pub fn request_draw(params: &NetParams, key: u32, attempt: u32) -> Draw {
    let mut rng = SplitMix64::for_request(params.seed, key, attempt);
    let u_jitter = rng.next_unit();
    let u_fail = rng.next_unit();
    let offset = (2.0 * u_jitter - 1.0) * params.jitter_ms;
    Draw { latency_ms: (params.latency_ms + offset).max(0.0), fails: u_fail < params.fail_rate }
}

// ---------------------------------------------------------------------------------------------
// The simulator
// ---------------------------------------------------------------------------------------------

/// A request that finished.
#[derive(Debug, Clone, PartialEq)]
pub struct Completion {
    /// The caller's id, from [`NetSim::submit`].
    pub req_id: u64,
    /// The image index.
    pub key: u32,
    /// The attempt number given to [`NetSim::submit`].
    pub attempt: u32,
    /// When the request arrived (after clamping to the simulator's clock), ms.
    pub submitted_ms: f64,
    /// When it got a connection slot (`> submitted_ms` if it had to queue), ms.
    pub started_ms: f64,
    /// When its last byte arrived (or the 503 did), ms.
    pub finish_ms: f64,
    /// [`STATUS_OK`] (200) or [`STATUS_UNAVAILABLE`] (503).
    pub status: u16,
    /// Bytes delivered: the request's size, or 0 for a 503.
    pub bytes: u64,
}

/// Where a request is, for progress displays ([`NetSim::phase`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Phase {
    /// Waiting for a connection slot; `position` 0 is served next.
    Queued {
        /// Place in the FIFO queue, from 0.
        position: usize,
    },
    /// Served, waiting for the first byte until `ends_ms`.
    Latency {
        /// When the latency phase ends, ms.
        ends_ms: f64,
    },
    /// Receiving bytes.
    Transfer {
        /// Bytes received by the simulator's current time ([`NetSim::now_ms`]).
        delivered_bytes: f64,
        /// The request's size.
        total_bytes: u64,
    },
}

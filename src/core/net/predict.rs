//! Ideal times: the simulator driven offline by an idealised, zero-overhead client.

use super::*;

// ---------------------------------------------------------------------------------------------
// Predictions
// ---------------------------------------------------------------------------------------------

/// An idealised client (zero overhead) downloading images `0..n` (key = index, attempt 0, no
/// retries), for [`predict`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Client {
    /// One request at a time: request `i + 1` is issued when request `i` completes.
    Serial,
    /// At most `k` requests outstanding; whenever one completes the next index is issued
    /// (a thread pool or a semaphore). `Bounded { k: 1 }` is `Serial`.
    Bounded {
        /// Maximum outstanding requests, `>= 1`.
        k: u32,
    },
    /// Everything issued at time 0.
    Unbounded,
    /// `k` independent sequential clients; client `w` downloads keys `w, w + k, w + 2k, …`
    /// serially (a round-robin split decided up front).
    StaticShares {
        /// Number of clients, `>= 1`.
        k: u32,
    },
    /// `k` sequential clients that each take the next key from one shared FIFO queue when idle.
    /// With zero overhead this is exactly [`Client::Bounded`] with the same `k`: whenever a
    /// request completes, its client takes the next index at that instant, so "at most `k`
    /// outstanding, issued in index order" holds for both and their predictions are identical.
    Queue {
        /// Number of clients, `>= 1`.
        k: u32,
    },
}

/// The ideal run of a [`Client`].
#[derive(Debug, Clone, PartialEq)]
pub struct Prediction {
    /// Time of the last finish in ms (0 when there are no images).
    pub total_ms: f64,
    /// `(key, finish_ms, status)` for every image, in key order (`finishes[i].0 == i`).
    pub finishes: Vec<(u32, f64, u16)>,
}

/// How a client issues requests.
enum Driver {
    /// At most `k` outstanding, next index on each completion (Serial, Bounded, Unbounded, Queue).
    Pool { k: usize, next: usize },
    /// Client `w` owns keys `w, w + k, …`; on completion of `c` issue `c + k` (StaticShares).
    Lanes { k: usize },
}

impl Driver {
    fn initial(&mut self, n: usize) -> std::ops::Range<usize> {
        match self {
            Driver::Pool { k, next } => {
                *next = (*k).min(n);
                0..*next
            }
            Driver::Lanes { k } => 0..(*k).min(n),
        }
    }

    fn after(&mut self, done: usize, n: usize) -> Option<usize> {
        let key = match self {
            Driver::Pool { next, .. } => {
                let key = *next;
                *next += 1;
                key
            }
            Driver::Lanes { k } => done + *k,
        };
        (key < n).then_some(key)
    }
}

/// The ideal time of `client` downloading images of `sizes` (bytes; key = index, attempt 0,
/// `req_id` = key) through a fresh [`NetSim`] with `params`, run offline as an event loop.
///
/// # Errors
/// Invalid parameters, `k == 0`, or more than `u32::MAX` images (see [`ParamError`]).
pub fn try_predict(params: &NetParams, sizes: &[u64], client: Client) -> Result<Prediction, ParamError> {
    let n = sizes.len();
    if u32::try_from(n).is_err() {
        return Err(ParamError::TooManyImages);
    }
    let mut driver = match client {
        Client::Serial => Driver::Pool { k: 1, next: 0 },
        Client::Unbounded => Driver::Pool { k: n, next: 0 },
        Client::Bounded { k } | Client::Queue { k } | Client::StaticShares { k } if k == 0 => {
            return Err(ParamError::ZeroClients)
        }
        Client::Bounded { k } | Client::Queue { k } => Driver::Pool { k: k as usize, next: 0 },
        Client::StaticShares { k } => Driver::Lanes { k: k as usize },
    };
    let mut sim = NetSim::try_new(params.clone())?;
    let submit = |sim: &mut NetSim, t: f64, key: usize| {
        // `key < n <= u32::MAX`, checked above.
        sim.submit(t, key as u64, key as u32, 0, sizes[key]);
    };
    for key in driver.initial(n) {
        submit(&mut sim, 0.0, key);
    }
    let mut finishes: Vec<(u32, f64, u16)> = (0..n as u32).map(|k| (k, 0.0, 0)).collect();
    let mut total_ms: f64 = 0.0;
    while let Some(t) = sim.next_event_ms() {
        for c in sim.advance(t) {
            let done = c.key as usize;
            finishes[done] = (c.key, c.finish_ms, c.status);
            total_ms = total_ms.max(c.finish_ms);
            if let Some(next) = driver.after(done, n) {
                submit(&mut sim, c.finish_ms, next);
            }
        }
    }
    Ok(Prediction { total_ms, finishes })
}

/// [`try_predict`], panicking on errors.
///
/// # Panics
/// If the parameters are invalid ([`NetParams::validate`]), the client has `k == 0`, or there
/// are more than `u32::MAX` images.
pub fn predict(params: &NetParams, sizes: &[u64], client: Client) -> Prediction {
    match try_predict(params, sizes, client) {
        Ok(p) => p,
        Err(e) => panic!("predict: {e}"),
    }
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

//! Page ↔ CPU worker (jobs out, batches back) and page ↔ pool worker (a rayon thread to run,
//! `idle` when it ends). Arrays travel as `Float64Array`s, transferred, not copied.

use super::{field, kind, no_transfer, num, object, uint, Decode, Encode, Kind, Reply};
pub use crate::core::run::Batch;
use js_sys::{Array, Float64Array};
use wasm_bindgen::prelude::*;

/// Work for a CPU worker: tasks `start .. end`, answered in batches.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Job {
    /// The run (one `compute` call) this job belongs to, echoed in every batch.
    pub run: u32,
    /// Caller's id for the job (echoed in every batch).
    pub id: u32,
    /// First task.
    pub start: u32,
    /// One past the last task.
    pub end: u32,
    /// Send a partial batch whenever this many ms have passed (0: one batch at the end).
    pub stream_ms: f64,
}

/// Page → CPU worker.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ToCpu {
    /// Compute a job.
    Job(Job),
}

impl Encode for ToCpu {
    fn encode(&self) -> (JsValue, Array) {
        let ToCpu::Job(j) = self;
        let msg = object(
            Kind::Job,
            &[
                ("run", j.run.into()),
                ("id", j.id.into()),
                ("start", j.start.into()),
                ("end", j.end.into()),
                ("stream_ms", j.stream_ms.into()),
            ],
        );
        (msg, no_transfer())
    }
}

impl Decode for ToCpu {
    fn decode(v: &JsValue) -> Option<Self> {
        (kind(v)? == Kind::Job).then_some(())?;
        Some(ToCpu::Job(Job {
            run: uint(v, "run")?,
            id: uint(v, "id")?,
            start: uint(v, "start")?,
            end: uint(v, "end")?,
            stream_ms: num(v, "stream_ms")?,
        }))
    }
}

/// CPU worker → page.
#[derive(Clone, Debug, PartialEq)]
pub enum FromCpu {
    /// Results of some tasks of a job.
    Batch(Batch),
}

impl Encode for FromCpu {
    fn encode(&self) -> (JsValue, Array) {
        let FromCpu::Batch(b) = self;
        let values = Float64Array::from(&b.values[..]);
        let spans = Float64Array::from(&b.spans[..]);
        let transfer = Array::of2(&values.buffer(), &spans.buffer());
        let msg = object(
            Kind::Batch,
            &[
                ("run", b.run.into()),
                ("job", b.job.into()),
                ("start", b.start.into()),
                ("values", values.into()),
                ("spans", spans.into()),
                ("last", b.last.into()),
            ],
        );
        (msg, transfer)
    }
}

impl Decode for FromCpu {
    fn decode(v: &JsValue) -> Option<Self> {
        (kind(v)? == Kind::Batch).then_some(())?;
        let arr = |k| field(v, k).dyn_into::<Float64Array>().ok().map(|a| a.to_vec());
        Some(FromCpu::Batch(Batch {
            run: uint(v, "run")?,
            job: uint(v, "job")?,
            start: uint(v, "start")?,
            values: arr("values")?,
            spans: arr("spans")?,
            last: field(v, "last").as_bool()?,
        }))
    }
}

impl Reply for FromCpu {
    fn run(&self) -> u32 {
        let FromCpu::Batch(b) = self;
        b.run
    }
}

/// Page → pool worker.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ToPool {
    /// Run the boxed `rayon::ThreadBuilder` at `ptr` (in the shared memory) until its pool is
    /// dropped; `pool` numbers the pool it belongs to.
    RunThread { pool: u32, ptr: usize },
}

impl Encode for ToPool {
    fn encode(&self) -> (JsValue, Array) {
        let ToPool::RunThread { pool, ptr } = *self;
        (object(Kind::RunThread, &[("pool", pool.into()), ("ptr", (ptr as f64).into())]), no_transfer())
    }
}

impl Decode for ToPool {
    fn decode(v: &JsValue) -> Option<Self> {
        (kind(v)? == Kind::RunThread).then_some(())?;
        Some(ToPool::RunThread { pool: uint(v, "pool")?, ptr: num(v, "ptr")? as usize })
    }
}

/// Pool worker → page.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FromPool {
    /// The rayon thread of pool `pool` ended: the worker is free.
    Idle { pool: u32 },
}

impl Encode for FromPool {
    fn encode(&self) -> (JsValue, Array) {
        let FromPool::Idle { pool } = *self;
        (object(Kind::Idle, &[("pool", pool.into())]), no_transfer())
    }
}

impl Decode for FromPool {
    fn decode(v: &JsValue) -> Option<Self> {
        (kind(v)? == Kind::Idle).then_some(())?;
        Some(FromPool::Idle { pool: uint(v, "pool")? })
    }
}

impl Reply for FromPool {
    fn run(&self) -> u32 {
        let FromPool::Idle { pool } = *self;
        pool
    }
}

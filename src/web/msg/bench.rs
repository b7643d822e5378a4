//! Measures the two ways a batch could cross `postMessage`: this module's hand-written encoding
//! (typed arrays, `Reflect`) against `serde-wasm-bindgen` on the same data. Built only with
//! `--features codec-bench` (see the README, "Messages"); not part of the page.

use super::cpu::FromCpu;
use super::{Decode, Encode};
use crate::core::run::Batch;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

#[derive(Serialize, Deserialize)]
struct SerdeBatch {
    r#type: String,
    run: u32,
    job: u32,
    start: u32,
    values: Vec<f64>,
    spans: Vec<f64>,
    last: bool,
}

fn now() -> f64 {
    crate::web::clock::now()
}

/// µs per encode + decode of a batch of `len` tasks, `[hand-written, serde-wasm-bindgen]`, the
/// median of 9 rounds of `reps` each after a warm-up.
#[wasm_bindgen]
pub fn codec_bench(len: u32, reps: u32) -> Vec<f64> {
    let values: Vec<f64> = (0..len).map(|i| f64::from(i) * 1.5).collect();
    let spans: Vec<f64> = (0..2 * len).map(|i| 1.7e12 + f64::from(i)).collect();
    let batch = Batch { run: 1, job: 2, start: 3, values: values.clone(), spans: spans.clone(), last: true };
    let serde_batch = SerdeBatch { r#type: "batch".into(), run: 1, job: 2, start: 3, values, spans, last: true };
    let sink = std::cell::Cell::new(0.0);
    let mut hand = || {
        let (v, _) = FromCpu::Batch(batch.clone()).encode();
        let FromCpu::Batch(b) = FromCpu::decode(&v).expect("round trip");
        sink.set(sink.get() + b.values[b.values.len() / 2]);
    };
    let mut serde = || {
        let v = serde_wasm_bindgen::to_value(&serde_batch).expect("serialises");
        let b: SerdeBatch = serde_wasm_bindgen::from_value(v).expect("round trip");
        sink.set(sink.get() + b.values[b.values.len() / 2]);
    };
    let median = |f: &mut dyn FnMut()| {
        for _ in 0..reps {
            f();
        }
        let mut rounds: Vec<f64> = (0..9)
            .map(|_| {
                let t0 = now();
                for _ in 0..reps {
                    f();
                }
                (now() - t0) * 1000.0 / f64::from(reps)
            })
            .collect();
        rounds.sort_by(f64::total_cmp);
        rounds[4]
    };
    let out = vec![median(&mut hand), median(&mut serde)];
    std::hint::black_box(sink.get());
    out
}

//! `py-serial` — Python's own baseline: one Pyodide interpreter in a worker runs the workload
//! (`www/py/cpu.py`, plain Python) task by task, streaming results back every 100 ms. Next to
//! Rust's `serial` it shows what an interpreter without a JIT costs on the same machine, the
//! same maths and the same libm: the same S(i), bit for bit, many times slower.

use crate::modes::jobs::{one_streamed_job, Interpreters};
use crate::modes::{Cancel, Executor, Plan, Sink, Stop};
use crate::web::py_worker::Style;
use std::ops::Range;

/// One interpreter for the whole run.
pub struct PySerial(Interpreters);

impl Executor for PySerial {
    async fn start(plan: &Plan) -> Result<Self, String> {
        Ok(PySerial(Interpreters::start(1, plan, Style::Plain, 1).await?))
    }

    async fn compute(&mut self, tasks: Range<u32>, sink: &mut Sink, cancel: &Cancel) -> Result<(), Stop> {
        one_streamed_job(&mut self.0, tasks, sink, cancel).await
    }
}

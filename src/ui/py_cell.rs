//! The Python cell's state as a Yew reducer, and its runner: the one worker that holds the
//! cell's interpreter. Run sends the code to it; Cancel terminates it (the only way to stop a
//! Python loop that never yields) and starts a fresh one at once, so the next Run is ready.

use crate::core::pycell::stepper::Paused;
use crate::core::pycell::tasks::Event;
use crate::core::pycell::{Cell, CellAction, Clock, Engine, Outcome, Stream};
use crate::web::py_run::{PyReply, PyRequest, PyRunner};
use futures::StreamExt;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// Storage key of the cell's code and last output.
pub const CELL_KEY: &str = "playground.py.cell";

/// The file name tracebacks show for the cell's code.
pub const CELL_FILENAME: &str = "<cell>";

/// [`Cell`] as a Yew reducer.
#[derive(Clone, PartialEq)]
pub struct CellState(pub Cell);

impl Reducible for CellState {
    type Action = CellAction;

    fn reduce(self: Rc<Self>, action: CellAction) -> Rc<Self> {
        Rc::new(CellState(self.0.clone().reduce(action)))
    }
}

#[derive(Default)]
struct Slot {
    runner: Option<PyRunner>,
    /// A worker is being started (the engine may still be loading).
    starting: bool,
    /// A run pressed before the worker existed: sent as soon as it does.
    queued: Option<Queued>,
    /// Bumped whenever the worker is thrown away: a start still under way, or replies of a
    /// terminated worker still queued in its channel, are dropped, not shown.
    generation: u32,
}

/// The cell's worker, shared by the component's callbacks.
#[derive(Clone)]
pub struct CellRunner {
    slot: Rc<RefCell<Slot>>,
    dispatch: UseReducerDispatcher<CellState>,
}

impl PartialEq for CellRunner {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.slot, &other.slot)
    }
}

/// A run as the cell asks for it.
#[derive(Clone)]
struct Queued {
    run: u32,
    code: String,
    trace: bool,
    clock: Clock,
    step: bool,
}

fn send(runner: &PyRunner, q: &Queued) -> Result<(), String> {
    runner.send(&PyRequest::Run {
        run: q.run,
        code: &q.code,
        filename: CELL_FILENAME,
        args: js_sys::Object::new().into(),
        trace: q.trace,
        clock: q.clock,
        step: q.step,
    })
}

impl CellRunner {
    /// A runner with no worker yet (nothing of Python loads until [`CellRunner::ensure`]).
    pub fn new(dispatch: UseReducerDispatcher<CellState>) -> CellRunner {
        CellRunner { slot: Rc::default(), dispatch }
    }

    /// Starts the worker and its interpreter unless there is one, or one is starting.
    pub fn ensure(&self) {
        let generation = {
            let mut slot = self.slot.borrow_mut();
            if slot.runner.is_some() || slot.starting {
                return;
            }
            slot.starting = true;
            slot.generation
        };
        self.dispatch.dispatch(CellAction::Engine(Engine::Loading { fetched: 0, total: None }));
        let (slot, dispatch) = (self.slot.clone(), self.dispatch.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let started = PyRunner::start("python cell").await;
            if slot.borrow().generation != generation {
                return; // cancelled meanwhile: this worker (if any) is dropped here
            }
            slot.borrow_mut().starting = false;
            let mut replies = match started {
                Ok((runner, replies)) => {
                    let queued = slot.borrow_mut().queued.take();
                    if let Some(q) = queued {
                        if let Err(reason) = send(&runner, &q) {
                            dispatch.dispatch(CellAction::Ended { run: q.run, outcome: Outcome::Failed { reason } });
                        }
                    }
                    slot.borrow_mut().runner = Some(runner);
                    replies
                }
                Err(e) => {
                    slot.borrow_mut().queued = None;
                    dispatch.dispatch(CellAction::Engine(Engine::Failed(e)));
                    return;
                }
            };
            while let Some(first) = replies.next().await {
                // Everything that has arrived meanwhile is handled as one batch, and a batch with
                // output is followed by a short pause: a print loop renders ~30 times a second,
                // not once per line.
                let mut batch = vec![first];
                while let Ok(more) = replies.try_recv() {
                    batch.push(more);
                }
                if slot.borrow().generation != generation {
                    break;
                }
                let wrote = batch.iter().any(|r| matches!(r, PyReply::Out { .. }));
                if batch.iter().any(|r| matches!(r, PyReply::Failed { .. })) {
                    // A worker whose interpreter failed is of no use: the next Run starts another.
                    slot.borrow_mut().runner = None;
                }
                for action in coalesce(batch).into_iter().flat_map(actions_of) {
                    dispatch.dispatch(action);
                }
                if slot.borrow().runner.is_none() {
                    break;
                }
                if wrote {
                    crate::web::clock::sleep(30).await;
                }
            }
        });
    }

    /// Runs the cell's code as its next run ([`Cell::next_run_id`]), with the cell's switches.
    pub fn run(&self, cell: &Cell) {
        let q = Queued {
            run: cell.next_run_id(),
            code: cell.code.clone(),
            trace: cell.tracing,
            clock: cell.clock,
            step: cell.stepping && cell.clock == Clock::Virtual,
        };
        self.dispatch.dispatch(CellAction::Started);
        let sent = self.slot.borrow().runner.as_ref().map(|r| send(r, &q));
        match sent {
            Some(Ok(())) => {}
            Some(Err(reason)) => {
                self.dispatch.dispatch(CellAction::Ended { run: q.run, outcome: Outcome::Failed { reason } })
            }
            None => {
                self.slot.borrow_mut().queued = Some(q);
                self.ensure();
            }
        }
    }

    /// Runs the next `count` callbacks of paused run `run`, or (`count` = `None`) the rest of it.
    pub fn step(&self, run: u32, count: Option<u32>) {
        let request = match count {
            Some(count) => PyRequest::Step { run, count },
            None => PyRequest::Resume { run },
        };
        let sent = self.slot.borrow().runner.as_ref().map(|r| r.send(&request));
        if let Some(Err(reason)) = sent {
            self.dispatch.dispatch(CellAction::Ended { run, outcome: Outcome::Failed { reason } });
        }
    }

    /// Stops run `run`: terminates the interpreter and starts a fresh one.
    pub fn cancel(&self, run: u32) {
        self.stop();
        self.dispatch.dispatch(CellAction::Ended { run, outcome: Outcome::Cancelled });
        self.ensure();
    }

    /// Terminates the worker, if any, and forgets a queued run.
    pub fn stop(&self) {
        let mut slot = self.slot.borrow_mut();
        slot.generation += 1;
        slot.runner = None;
        slot.starting = false;
        slot.queued = None;
    }
}

/// Joins adjacent output of one run and stream.
fn coalesce(batch: Vec<PyReply>) -> Vec<PyReply> {
    let mut out: Vec<PyReply> = Vec::with_capacity(batch.len());
    for r in batch {
        if let (Some(PyReply::Out { run, stream, text }), PyReply::Out { run: r2, stream: s2, text: t2 }) =
            (out.last_mut(), &r)
        {
            if run == r2 && stream == s2 {
                text.push_str(t2);
                continue;
            }
        }
        out.push(r);
    }
    out
}

fn actions_of(reply: PyReply) -> Vec<CellAction> {
    vec![match reply {
        PyReply::Loaded { facts, .. } => CellAction::Engine(Engine::Ready {
            startup_ms: facts.ms,
            version: facts.version,
            python: facts.python,
            bytes: facts.bytes,
            network_bytes: facts.network_bytes,
            from_snapshot: facts.from_snapshot,
        }),
        PyReply::Out { run, stream, text } => CellAction::Wrote { run, stream, text },
        PyReply::Trace { run, events } => match serde_json::from_str::<Vec<Event>>(&events) {
            Ok(events) => CellAction::TraceBatch { run, events },
            Err(e) => CellAction::Wrote {
                run,
                stream: Stream::Stderr,
                text: format!("(a batch of the trace could not be read: {e})\n"),
            },
        },
        PyReply::Paused { run, state } => match serde_json::from_str::<Paused>(&state) {
            Ok(state) => CellAction::Paused { run, state: Rc::new(state) },
            Err(e) => CellAction::Wrote {
                run,
                stream: Stream::Stderr,
                text: format!("(the paused loop could not be read: {e})\n"),
            },
        },
        PyReply::Done { run, ms, error, trace, clock } => {
            let outcome = match error {
                None => Outcome::Done { ms, clock },
                Some(e) => Outcome::Raised { error: e.kind, ms, clock },
            };
            // The trace arrives with the end, and is handed over first: the end makes the run
            // idle, and the cell takes a trace only from the run in progress.
            let traced = trace.map(|json| match serde_json::from_str::<Vec<Event>>(&json) {
                Ok(events) => CellAction::Traced { run, events: Rc::new(events) },
                Err(e) => CellAction::Wrote {
                    run,
                    stream: Stream::Stderr,
                    text: format!("(the trace could not be read: {e})\n"),
                },
            });
            return traced.into_iter().chain([CellAction::Ended { run, outcome }]).collect();
        }
        PyReply::Failed { error, .. } => CellAction::Engine(Engine::Failed(error)),
        PyReply::Emit { .. } => return Vec::new(),
    }]
}

//! The Python cell's state as a Yew reducer, and its runner: the one worker that holds the
//! cell's interpreter. Run sends the code to it; Cancel terminates it (the only way to stop a
//! Python loop that never yields) and starts a fresh one at once, so the next Run is ready.

use crate::core::pycell::{Cell, CellAction, Engine, Outcome};
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
    /// Bumped whenever the runner is replaced: replies of a terminated worker still queued in
    /// its channel are dropped, not shown.
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

impl CellRunner {
    /// A runner with no worker yet (nothing of Python loads until [`CellRunner::ensure`]).
    pub fn new(dispatch: UseReducerDispatcher<CellState>) -> CellRunner {
        CellRunner { slot: Rc::default(), dispatch }
    }

    /// Starts the worker and its interpreter unless there is one.
    pub fn ensure(&self) {
        if self.slot.borrow().runner.is_some() {
            return;
        }
        let generation = {
            let mut slot = self.slot.borrow_mut();
            slot.generation += 1;
            slot.generation
        };
        self.dispatch.dispatch(CellAction::Engine(Engine::Loading { fetched: 0, total: None }));
        match PyRunner::start("python cell") {
            Ok((runner, mut replies)) => {
                self.slot.borrow_mut().runner = Some(runner);
                let (slot, dispatch) = (self.slot.clone(), self.dispatch.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    while let Some(reply) = replies.next().await {
                        if slot.borrow().generation != generation {
                            break;
                        }
                        if let PyReply::Failed { .. } = reply {
                            // A worker that failed to start is gone: the next Run tries again.
                            slot.borrow_mut().runner = None;
                        }
                        if let Some(action) = action_of(reply) {
                            dispatch.dispatch(action);
                        }
                    }
                });
            }
            Err(e) => self.dispatch.dispatch(CellAction::Engine(Engine::Failed(e))),
        }
    }

    /// Runs `code` as run `run` (the cell's [`Cell::next_run_id`]).
    pub fn run(&self, run: u32, code: &str) {
        self.ensure();
        self.dispatch.dispatch(CellAction::Started);
        let sent = match &self.slot.borrow().runner {
            Some(r) => {
                r.send(&PyRequest::Run { run, code, filename: CELL_FILENAME, args: js_sys::Object::new().into() })
            }
            None => Err("the Python worker is not running".into()),
        };
        if let Err(reason) = sent {
            self.dispatch.dispatch(CellAction::Ended { run, outcome: Outcome::Failed { reason } });
        }
    }

    /// Stops run `run`: terminates the interpreter and starts a fresh one.
    pub fn cancel(&self, run: u32) {
        self.stop();
        self.dispatch.dispatch(CellAction::Ended { run, outcome: Outcome::Cancelled });
        self.ensure();
    }

    /// Terminates the worker, if any.
    pub fn stop(&self) {
        let mut slot = self.slot.borrow_mut();
        slot.generation += 1;
        slot.runner = None;
    }
}

fn action_of(reply: PyReply) -> Option<CellAction> {
    Some(match reply {
        PyReply::Loaded { facts, .. } => CellAction::Engine(Engine::Ready {
            startup_ms: facts.ms,
            version: facts.version,
            python: facts.python,
            bytes: facts.bytes,
            network_bytes: facts.network_bytes,
        }),
        PyReply::Out { run, stream, text } => CellAction::Wrote { run, stream, text },
        PyReply::Done { run, ms, error: None } => CellAction::Ended { run, outcome: Outcome::Done { ms } },
        PyReply::Done { run, ms, error: Some(e) } => {
            CellAction::Ended { run, outcome: Outcome::Raised { error: e.kind, ms } }
        }
        PyReply::Failed { error, .. } => CellAction::Engine(Engine::Failed(error)),
        PyReply::Emit { .. } => return None,
    })
}

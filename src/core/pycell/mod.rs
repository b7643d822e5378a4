//! The Python cell (`exp=py`): the code, what it printed, and how its runs went — pure state and
//! its reducer, so the rules (which run a message belongs to, how much output is kept, what
//! survives a reload) are tested natively. The page adapts it in `ui::components::py_cell`.

pub mod link;
pub mod quiz;
pub mod snippets;
pub mod stepper;
pub mod tasks;

use serde::{Deserialize, Serialize};
use std::rc::Rc;
use stepper::Paused;
use tasks::Event;

/// Output kept per run; beyond it the oldest text is dropped (a runaway `print` loop must not
/// eat the page's memory).
pub const MAX_OUTPUT_CHARS: usize = 200_000;

crate::id_table! {
    /// Which stream a piece of output came from (its id is the message's `stream` and the
    /// output's CSS class; serde writes it too).
    pub enum Stream {
        /// `sys.stdout`.
        Stdout = "stdout",
        /// `sys.stderr` (tracebacks too).
        Stderr = "stderr",
    }
}

crate::id_table! {
    /// The clock a run reads: the browser's, or the virtual clock of `www/py/virtualclock.py`
    /// (sleeps take no real time; it jumps to the next timer). Its id is the `clock=` value.
    #[derive(Default)]
    pub enum Clock {
        /// Real time (the default).
        #[default]
        Real = "real",
        /// The virtual clock.
        Virtual = "virtual",
    }
}

/// Consecutive output of one stream.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Chunk {
    /// Where it was written.
    pub stream: Stream,
    /// The text.
    pub text: String,
}

/// A run's output, in order, capped at [`MAX_OUTPUT_CHARS`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Output {
    /// The pieces, adjacent pieces of one stream merged.
    pub chunks: Vec<Chunk>,
    /// Characters dropped from the front to stay under the cap.
    pub dropped: usize,
}

impl Output {
    /// Appends text written to `stream`.
    pub fn push(&mut self, stream: Stream, text: &str) {
        match self.chunks.last_mut() {
            Some(last) if last.stream == stream => last.text.push_str(text),
            _ => self.chunks.push(Chunk { stream, text: text.into() }),
        }
        let mut excess = self.chars().saturating_sub(MAX_OUTPUT_CHARS);
        while excess > 0 && !self.chunks.is_empty() {
            let first = &mut self.chunks[0];
            let n = first.text.chars().count();
            if n <= excess {
                excess -= n;
                self.dropped += n;
                self.chunks.remove(0);
            } else {
                let cut = first.text.char_indices().nth(excess).map_or(first.text.len(), |(i, _)| i);
                first.text.drain(..cut);
                self.dropped += excess;
                excess = 0;
            }
        }
    }

    /// Characters kept.
    pub fn chars(&self) -> usize {
        self.chunks.iter().map(|c| c.text.chars().count()).sum()
    }

    /// Everything written to `stream`, joined.
    pub fn text_of(&self, stream: Stream) -> String {
        self.chunks.iter().filter(|c| c.stream == stream).map(|c| c.text.as_str()).collect()
    }
}

/// How a run ended.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "kebab-case")]
pub enum Outcome {
    /// The code ran to its end.
    Done {
        /// Run time, ms (interpreter start-up excluded); on the virtual clock, its reading.
        ms: f64,
        /// The clock `ms` was read on.
        #[serde(default)]
        clock: Clock,
    },
    /// An exception escaped (a `SyntaxError` included); its traceback is in the output.
    Raised {
        /// The exception's type name.
        error: String,
        /// Run time, ms.
        ms: f64,
        /// The clock `ms` was read on.
        #[serde(default)]
        clock: Clock,
    },
    /// Cancel was pressed: the interpreter was terminated.
    Cancelled,
    /// The interpreter could not start or went away.
    Failed {
        /// What the browser or the engine said.
        reason: String,
    },
}

/// The interpreter's worker.
#[derive(Clone, Debug, PartialEq)]
pub enum Engine {
    /// Not started: nothing of Pyodide has loaded.
    Cold,
    /// Loading: bytes of the engine's files fetched so far, of the total when known.
    Loading {
        /// Bytes fetched.
        fetched: u64,
        /// All bytes, when known.
        total: Option<u64>,
    },
    /// Ready to run code.
    Ready {
        /// The whole start (fetch, compile, interpreter start-up), ms.
        startup_ms: f64,
        /// Pyodide's version.
        version: String,
        /// CPython's version.
        python: String,
        /// Bytes of engine files read.
        bytes: f64,
        /// Of those, bytes that came over the network (0 when all came from a cache).
        network_bytes: f64,
        /// Started from the engine's memory snapshot (a warm start).
        from_snapshot: bool,
    },
    /// Could not start.
    Failed(String),
}

/// Whether code is running.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Nothing running.
    Idle,
    /// Run `run` was sent (it waits for the interpreter if that is still loading).
    Running {
        /// The run's id; messages naming another run are stale.
        run: u32,
    },
}

/// What is kept across a reload.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Saved {
    /// The editor's text.
    pub code: String,
    /// The last run's output.
    pub output: Output,
    /// How the last run ended.
    pub outcome: Option<Outcome>,
    /// The last run's trace, when it was traced and not larger than [`MAX_SAVED_EVENTS`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trace: Option<Vec<Event>>,
}

/// A trace longer than this is shown but not kept across a reload (localStorage holds a few MB;
/// 1,000 tasks of 10 awaits are ~11,000 events, ~1 MB of JSON).
pub const MAX_SAVED_EVENTS: usize = 4000;

/// Everything the cell shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    /// The editor's text.
    pub code: String,
    /// The current or last run's output.
    pub output: Output,
    /// Running or not.
    pub phase: Phase,
    /// How the last run ended.
    pub outcome: Option<Outcome>,
    /// The interpreter.
    pub engine: Engine,
    /// The output shown came from storage, not from a run in this page.
    pub restored: bool,
    /// Trace the next run's asyncio tasks.
    pub tracing: bool,
    /// The last run's trace (its events), when it was traced.
    pub trace: Option<Rc<Vec<Event>>>,
    /// The clock the next run reads (`clock=virtual`).
    pub clock: Clock,
    /// Step through the next run's event loop (`step=1`; virtual clock only).
    pub stepping: bool,
    /// The run in progress, paused between two callbacks of its loop.
    pub paused: Option<Rc<Paused>>,
    /// The code of the last run started here (a snippet's verdict reads only a run of its code).
    pub ran: Option<String>,
    /// The id the next run gets.
    next_run: u32,
}

/// Everything that changes the cell.
#[derive(Clone, Debug, PartialEq)]
pub enum CellAction {
    /// The learner edited the code.
    Edit(String),
    /// Run pressed (the runner sends run [`Cell::next_run_id`]).
    Started,
    /// Output of a run.
    Wrote {
        /// The run it belongs to.
        run: u32,
        /// Its stream.
        stream: Stream,
        /// The text.
        text: String,
    },
    /// A run ended.
    Ended {
        /// The run.
        run: u32,
        /// How.
        outcome: Outcome,
    },
    /// The interpreter's state changed.
    Engine(Engine),
    /// Clear pressed.
    ClearOutput,
    /// The trace switch (`trace=0` in the URL starts it off).
    Tracing(bool),
    /// The clock switch.
    Clock(Clock),
    /// The stepping switch (on: the virtual clock too).
    Stepping(bool),
    /// The run's loop paused after a step (its state, with the trace so far when traced).
    Paused {
        /// The run.
        run: u32,
        /// The loop.
        state: Rc<Paused>,
    },
    /// A batch of a traced run's events while it runs (added to those it has).
    TraceBatch {
        /// The run.
        run: u32,
        /// The new events.
        events: Vec<Event>,
    },
    /// A traced run's events, just before its end (all of them: they replace the batches).
    Traced {
        /// The run.
        run: u32,
        /// What the tracer recorded.
        events: Rc<Vec<Event>>,
    },
}

impl Cell {
    /// A cell with `code`, or the last session's state when there is one and no code was given.
    pub fn new(code: Option<String>, saved: Option<Saved>) -> Cell {
        let restored = saved.as_ref().is_some_and(|s| s.outcome.is_some() || !s.output.chunks.is_empty());
        let (code, output, outcome, trace, restored) = match (code, saved) {
            (Some(code), _) => (code, Output::default(), None, None, false),
            (None, Some(s)) => (s.code, s.output, s.outcome, s.trace.map(Rc::new), restored),
            (None, None) => (snippets::START.to_string(), Output::default(), None, None, false),
        };
        Cell {
            code,
            output,
            phase: Phase::Idle,
            outcome,
            engine: Engine::Cold,
            restored,
            tracing: true,
            trace,
            clock: Clock::Real,
            stepping: false,
            paused: None,
            ran: None,
            next_run: 1,
        }
    }

    /// The id of the run that Run starts now.
    pub fn next_run_id(&self) -> u32 {
        self.next_run
    }

    /// Whether a run is in progress.
    pub fn busy(&self) -> bool {
        matches!(self.phase, Phase::Running { .. })
    }

    /// What to keep across a reload.
    pub fn saved(&self) -> Saved {
        Saved {
            code: self.code.clone(),
            output: self.output.clone(),
            outcome: self.outcome.clone(),
            trace: self.trace.as_ref().filter(|t| t.len() <= MAX_SAVED_EVENTS).map(|t| t.to_vec()),
        }
    }

    fn current(&self, run: u32) -> bool {
        // Late output of the last run (a task still printing after the code returned) is kept;
        // anything older is stale.
        run + 1 == self.next_run && run != 0
    }

    /// The next state.
    pub fn reduce(mut self, action: CellAction) -> Cell {
        match action {
            CellAction::Edit(code) => self.code = code,
            CellAction::Started => {
                self.phase = Phase::Running { run: self.next_run };
                self.next_run += 1;
                self.output = Output::default();
                self.outcome = None;
                self.trace = None;
                self.paused = None;
                self.ran = Some(self.code.clone());
                self.restored = false;
            }
            CellAction::Wrote { run, stream, text } => {
                if self.current(run) {
                    self.output.push(stream, &text);
                }
            }
            CellAction::Ended { run, outcome } => {
                if self.phase == (Phase::Running { run }) {
                    self.phase = Phase::Idle;
                    self.outcome = Some(outcome);
                    self.paused = None;
                }
            }
            CellAction::Engine(e) => {
                if let (Engine::Failed(reason), Phase::Running { .. }) = (&e, self.phase) {
                    self.outcome = Some(Outcome::Failed { reason: reason.clone() });
                    self.phase = Phase::Idle;
                }
                self.engine = e;
            }
            CellAction::ClearOutput => {
                if !self.busy() {
                    self.output = Output::default();
                    self.outcome = None;
                    self.trace = None;
                    self.restored = false;
                }
            }
            CellAction::Tracing(on) => self.tracing = on,
            CellAction::Clock(clock) => {
                self.clock = clock;
                self.stepping &= clock == Clock::Virtual;
            }
            CellAction::Stepping(on) => {
                self.stepping = on;
                if on {
                    self.clock = Clock::Virtual;
                }
            }
            CellAction::Paused { run, state } => {
                if self.phase == (Phase::Running { run }) {
                    if let Some(events) = &state.events {
                        self.trace = Some(Rc::new(events.clone()));
                    }
                    self.paused = Some(state);
                }
            }
            CellAction::TraceBatch { run, events } => {
                if self.phase == (Phase::Running { run }) {
                    let mut all = self.trace.as_deref().cloned().unwrap_or_default();
                    all.extend(events);
                    self.trace = Some(Rc::new(all));
                }
            }
            CellAction::Traced { run, events } => {
                if self.phase == (Phase::Running { run }) {
                    self.trace = Some(events);
                }
            }
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wrote(run: u32, stream: Stream, text: &str) -> CellAction {
        CellAction::Wrote { run, stream, text: text.into() }
    }

    /// A run collects its output in order, merging adjacent text of one stream, and ends once.
    #[test]
    fn a_run_collects_its_output() {
        let c = Cell::new(None, None).reduce(CellAction::Started);
        assert_eq!(c.phase, Phase::Running { run: 1 });
        let c = [wrote(1, Stream::Stdout, "a"), wrote(1, Stream::Stdout, "b\n"), wrote(1, Stream::Stderr, "oops")]
            .into_iter()
            .fold(c, Cell::reduce);
        assert_eq!(c.output.chunks.len(), 2);
        assert_eq!(c.output.text_of(Stream::Stdout), "ab\n");
        let c = c.reduce(CellAction::Ended { run: 1, outcome: Outcome::Done { ms: 3.0, clock: Clock::Real } });
        assert_eq!((c.phase, c.outcome.clone()), (Phase::Idle, Some(Outcome::Done { ms: 3.0, clock: Clock::Real })));
        // A task the code left running may still print: it belongs to the last run.
        let c = c.reduce(wrote(1, Stream::Stdout, "late"));
        assert!(c.output.text_of(Stream::Stdout).ends_with("late"));
    }

    /// Messages of an older run (e.g. from before a cancel) change nothing.
    #[test]
    fn stale_runs_are_ignored() {
        let c = Cell::new(Some("x".into()), None).reduce(CellAction::Started);
        let c = c.reduce(CellAction::Ended { run: 1, outcome: Outcome::Cancelled }).reduce(CellAction::Started);
        let before = c.clone();
        let c = c
            .reduce(wrote(1, Stream::Stdout, "old"))
            .reduce(CellAction::Ended { run: 1, outcome: Outcome::Done { ms: 1.0, clock: Clock::Real } })
            .reduce(wrote(0, Stream::Stdout, "never"));
        assert_eq!(c, before);
    }

    /// The engine failing while code waits for it ends the run with the reason.
    #[test]
    fn engine_failure_ends_the_run() {
        let c =
            Cell::new(None, None).reduce(CellAction::Started).reduce(CellAction::Engine(Engine::Failed("no".into())));
        assert_eq!((c.phase, c.outcome), (Phase::Idle, Some(Outcome::Failed { reason: "no".into() })));
    }

    /// Output beyond the cap drops the oldest characters and counts them.
    #[test]
    fn output_is_capped() {
        let mut o = Output::default();
        for _ in 0..3 {
            o.push(Stream::Stdout, &"é".repeat(MAX_OUTPUT_CHARS / 2));
            o.push(Stream::Stderr, "!");
        }
        assert_eq!(o.chars(), MAX_OUTPUT_CHARS);
        assert_eq!(o.dropped, 3 * (MAX_OUTPUT_CHARS / 2 + 1) - MAX_OUTPUT_CHARS);
        assert!(o.chunks.last().is_some_and(|c| c.text == "!"));
    }

    /// Code and output survive a reload; a `code=` link wins over the saved code.
    #[test]
    fn saved_state_comes_back() {
        let c = Cell::new(None, None).reduce(CellAction::Edit("print(1)".into())).reduce(CellAction::Started);
        let c = c.reduce(wrote(1, Stream::Stdout, "1\n")).reduce(CellAction::Ended {
            run: 1,
            outcome: Outcome::Raised { error: "ValueError".into(), ms: 2.0, clock: Clock::Real },
        });
        let json = serde_json::to_string(&c.saved()).unwrap();
        assert!(json.contains("\"status\":\"raised\""), "{json}");
        let back = Cell::new(None, serde_json::from_str(&json).ok());
        assert_eq!((back.code.as_str(), back.restored), ("print(1)", true));
        assert_eq!(back.output, c.output);
        let linked = Cell::new(Some("print(2)".into()), serde_json::from_str(&json).ok());
        assert_eq!((linked.code.as_str(), linked.output.chunks.len()), ("print(2)", 0));
        assert_eq!(Cell::new(None, None).code, snippets::START);
    }

    /// A trace belongs to the run in progress, survives a reload while small, and the next run or
    /// Clear drops it; an old save without one still loads.
    #[test]
    fn the_trace_of_the_current_run_is_kept() {
        let end = Event::End { id: 0, t: 1.0, how: tasks::How::Result, what: None };
        let events = |n: usize| Rc::new(vec![end.clone(); n]);
        let c = Cell::new(None, None).reduce(CellAction::Started);
        let c = c.reduce(CellAction::Traced { run: 7, events: events(1) });
        assert_eq!(c.trace, None, "a stale run's trace");
        let c = c.reduce(CellAction::Traced { run: 1, events: events(2) });
        let c = c.reduce(CellAction::Ended { run: 1, outcome: Outcome::Done { ms: 1.0, clock: Clock::Real } });
        assert_eq!(c.trace.as_ref().map(|t| t.len()), Some(2));
        let back = Cell::new(None, serde_json::from_str(&serde_json::to_string(&c.saved()).unwrap()).ok());
        assert_eq!(back.trace, c.trace);
        assert_eq!(c.clone().reduce(CellAction::Started).trace, None);
        assert_eq!(c.clone().reduce(CellAction::ClearOutput).trace, None);
        let big = Cell { trace: Some(events(MAX_SAVED_EVENTS + 1)), ..c };
        assert_eq!(big.saved().trace, None, "a large trace is not written to storage");
        let old: Saved =
            serde_json::from_str(r#"{"code":"x","output":{"chunks":[],"dropped":0},"outcome":null}"#).unwrap();
        assert_eq!(old.trace, None);
    }

    /// Stepping brings the virtual clock with it; the real clock turns stepping off. A paused
    /// state belongs to the run in progress, brings its trace so far, and goes at the run's end.
    #[test]
    fn stepping_pauses_the_run_in_progress() {
        let c = Cell::new(None, None).reduce(CellAction::Stepping(true));
        assert_eq!((c.clock, c.stepping), (Clock::Virtual, true));
        assert!(!c.clone().reduce(CellAction::Clock(Clock::Real)).stepping);
        let paused = |events: Option<Vec<Event>>| {
            Rc::new(Paused {
                now: 0.0,
                steps: 1,
                ran: None,
                ready: vec![],
                timers: vec![],
                tasks: vec![],
                graph: None,
                finished: false,
                events,
            })
        };
        let c = c.reduce(CellAction::Started);
        let c = c.reduce(CellAction::Paused { run: 9, state: paused(None) });
        assert_eq!(c.paused, None, "a stale run's pause");
        let run = Event::Run { clock: Clock::Virtual };
        let c = c.reduce(CellAction::Paused { run: 1, state: paused(Some(vec![run])) });
        assert!(c.paused.is_some() && c.busy());
        assert_eq!(c.trace.as_ref().map(|t| t.len()), Some(1));
        let c = c.reduce(CellAction::Ended { run: 1, outcome: Outcome::Cancelled });
        assert_eq!((c.paused, c.phase), (None, Phase::Idle));
    }

    /// Batches of a running trace add up; a cancelled run keeps what came; the end replaces them.
    #[test]
    fn trace_batches_add_up_until_the_end() {
        let end = |id| Event::End { id, t: 1.0, how: tasks::How::Result, what: None };
        let c = Cell::new(None, None).reduce(CellAction::Started);
        let c = c.reduce(CellAction::TraceBatch { run: 1, events: vec![end(0)] });
        let c = c.reduce(CellAction::TraceBatch { run: 1, events: vec![end(1), end(2)] });
        let c = c.reduce(CellAction::TraceBatch { run: 5, events: vec![end(9)] });
        assert_eq!(c.trace.as_ref().map(|t| t.len()), Some(3));
        let cancelled = c.clone().reduce(CellAction::Ended { run: 1, outcome: Outcome::Cancelled });
        assert_eq!(cancelled.trace.as_ref().map(|t| t.len()), Some(3), "a cancelled run keeps its lanes so far");
        let c = c.reduce(CellAction::Traced { run: 1, events: Rc::new(vec![end(0)]) });
        assert_eq!(c.trace.as_ref().map(|t| t.len()), Some(1));
    }
}

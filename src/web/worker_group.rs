//! A group of process-like workers: each has its own memory and its own instance of the module,
//! and they share nothing with the page but messages. Dropping the group terminates them (each
//! [`Booted`] does, like killing the processes: instant, whatever they were doing).

use super::msg::boot::FromWorker;
use super::msg::{Decode, Encode, Reply};
use super::workers::{boot, js_error_text, Booted, Role};
use crate::core::run::{Cancel, Stop};
use futures::future::{join_all, select, Either};
use futures::stream::{select_all, LocalBoxStream, SelectAll};
use futures::StreamExt;
use wasm_bindgen::JsValue;

/// `k` booted workers and one inbox for all of them.
pub struct WorkerGroup {
    booted: Vec<Booted>,
    inbox: SelectAll<LocalBoxStream<'static, (usize, JsValue)>>,
    run: u32,
}

impl WorkerGroup {
    /// Starts `k` workers at once and waits until every one is ready.
    ///
    /// # Errors
    /// Any worker failed to start (the others are terminated).
    pub async fn start(k: u32, label: &str, role: Role) -> Result<WorkerGroup, String> {
        let boots = (0..k).map(|w| boot(format!("{label} {}", w + 1), role));
        let mut booted = Vec::new();
        let mut error = None;
        for b in join_all(boots).await {
            match b {
                Ok(b) => booted.push(b),
                Err(e) => error = Some(e),
            }
        }
        if let Some(e) = error {
            return Err(e); // dropping `booted` terminates the workers that did start
        }
        let mut inbox = select_all(Vec::new());
        for (w, b) in booted.iter_mut().enumerate() {
            let rx = std::mem::replace(&mut b.inbox, futures::channel::mpsc::unbounded().1);
            inbox.push(rx.map(move |m| (w, m)).boxed_local());
        }
        Ok(WorkerGroup { booted, inbox, run: 0 })
    }

    /// Workers in the group.
    pub fn len(&self) -> usize {
        self.booted.len()
    }

    /// Whether the group has no workers.
    pub fn is_empty(&self) -> bool {
        self.booted.is_empty()
    }

    /// Opens a new run: replies that name an earlier one are dropped from here on.
    pub fn begin_run(&mut self) -> u32 {
        self.run += 1;
        self.run
    }

    /// Posts a message to worker `w` (it queues behind anything the worker already has).
    ///
    /// # Errors
    /// The worker cannot receive messages any more.
    pub fn post(&self, w: usize, msg: &impl Encode) -> Result<(), Stop> {
        let (value, transfer) = msg.encode();
        self.booted[w]
            .worker()
            .post_message_with_transfer(&value, &transfer)
            .map_err(|e| Stop::Failed(js_error_text(&e)))
    }

    /// The next reply to run `run` from any worker, with the worker's index. Replies to an
    /// earlier run are dropped. Without a `cancel`, only a crash or the reply ends the wait
    /// (modes whose Cancel terminates the workers instead).
    ///
    /// # Errors
    /// [`Stop::Cancelled`] when Cancel fires first; [`Stop::Failed`] when a worker crashed or
    /// said something that is not a reply of this channel.
    pub async fn next<R: Reply>(&mut self, run: u32, cancel: Option<&Cancel>) -> Result<(usize, R), Stop> {
        loop {
            if cancel.is_some_and(Cancel::is_set) {
                return Err(Stop::Cancelled);
            }
            let cancelled = async {
                match cancel {
                    Some(c) => c.wait().await,
                    None => futures::future::pending().await,
                }
            };
            let (w, m) = match select(self.inbox.next(), Box::pin(cancelled)).await {
                Either::Right(_) => return Err(Stop::Cancelled),
                Either::Left((None, _)) => return Err(Stop::Failed("the workers went away".into())),
                Either::Left((Some(next), _)) => next,
            };
            match R::decode(&m) {
                Some(r) if r.run() == run => return Ok((w, r)),
                Some(_) => continue, // a stale reply, from a run that is over
                None => {
                    let why = match FromWorker::decode(&m) {
                        Some(FromWorker::Crashed(e) | FromWorker::BootFailed(e)) => e,
                        _ => format!("an unexpected message {m:?}"),
                    };
                    return Err(Stop::Failed(format!("worker {}: {why}", w + 1)));
                }
            }
        }
    }
}

//! A group of process-like workers: each has its own memory and its own instance of the module,
//! and they share nothing with the page but messages. Dropping the group terminates them.

use super::msg::{field, kind, Batch, Job};
use super::workers::{boot, Booted, Role};
use crate::core::run::{Cancel, Stop};
use futures::future::{join_all, select, Either};
use futures::stream::{select_all, LocalBoxStream, SelectAll};
use futures::StreamExt;
use wasm_bindgen::JsValue;

/// `k` booted workers and one inbox for all of them.
pub struct WorkerGroup {
    booted: Vec<Booted>,
    inbox: SelectAll<LocalBoxStream<'static, (usize, JsValue)>>,
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
            booted.iter().for_each(|b| b.worker.terminate());
            return Err(e);
        }
        let mut inbox = select_all(Vec::new());
        for (w, b) in booted.iter_mut().enumerate() {
            let rx = std::mem::replace(&mut b.inbox, futures::channel::mpsc::unbounded().1);
            inbox.push(rx.map(move |m| (w, m)).boxed_local());
        }
        Ok(WorkerGroup { booted, inbox })
    }

    /// Workers in the group.
    pub fn len(&self) -> usize {
        self.booted.len()
    }

    /// Whether the group has no workers.
    pub fn is_empty(&self) -> bool {
        self.booted.is_empty()
    }

    /// Posts a message to worker `w` (it queues behind anything the worker already has).
    ///
    /// # Errors
    /// The worker cannot receive messages any more.
    pub fn post(&self, w: usize, msg: &JsValue) -> Result<(), Stop> {
        self.booted[w].worker.post_message(msg).map_err(|e| Stop::Failed(super::workers::js_error_text(&e)))
    }

    /// Sends a CPU job to worker `w`.
    ///
    /// # Errors
    /// The worker cannot receive messages any more.
    pub fn send(&self, w: usize, job: Job) -> Result<(), Stop> {
        self.post(w, &job.to_js())
    }

    /// The next message of type `expected` from any worker, with the worker's index.
    ///
    /// # Errors
    /// [`Stop::Cancelled`] when Cancel fires first; [`Stop::Failed`] when a worker crashed or
    /// said something else.
    pub async fn next_of(&mut self, expected: &str, cancel: &Cancel) -> Result<(usize, JsValue), Stop> {
        if cancel.is_set() {
            return Err(Stop::Cancelled);
        }
        match select(self.inbox.next(), Box::pin(cancel.wait())).await {
            Either::Right(_) => Err(Stop::Cancelled),
            Either::Left((None, _)) => Err(Stop::Failed("the workers went away".into())),
            Either::Left((Some((w, m)), _)) if kind(&m) == expected => Ok((w, m)),
            Either::Left((Some((w, m)), _)) => Err(Stop::Failed(format!(
                "worker {}: {}",
                w + 1,
                field(&m, "error").as_string().unwrap_or_else(|| kind(&m))
            ))),
        }
    }

    /// The next CPU batch from any worker, with the worker's index.
    ///
    /// # Errors
    /// As [`WorkerGroup::next_of`].
    pub async fn next(&mut self, cancel: &Cancel) -> Result<(usize, Batch), Stop> {
        let (w, m) = self.next_of("batch", cancel).await?;
        Ok((w, Batch::from_js(&m)))
    }
}

impl Drop for WorkerGroup {
    fn drop(&mut self) {
        // Like killing the processes: instant, whatever they were doing.
        for b in &self.booted {
            b.worker.terminate();
        }
    }
}

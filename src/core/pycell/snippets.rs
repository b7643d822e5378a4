//! The cell's ready examples, one button each. The code lives in `snippets/*.py` (real Python
//! files, so an editor checks them); every one runs in well under a second, on either clock.

use super::quiz::{self, Question};

/// What the cell holds before the learner types anything.
pub const START: &str = include_str!("snippets/start.py");

crate::id_table! {
    /// A ready example: its id (element ids, tests), its button's text (the API it shows, the
    /// same in both languages) and its Python source. One row each, so a new snippet cannot be
    /// left out of the buttons or lack its code.
    pub enum Snippet: SnippetRow {
        /// `asyncio.gather`: results in the order passed.
        Gather = "gather" => SnippetRow { question: None, label: "asyncio.gather", code: include_str!("snippets/gather.py") },
        /// `asyncio.as_completed`: results in the order they finish.
        AsCompleted = "as-completed" => SnippetRow { question: None, label: "as_completed", code: include_str!("snippets/as_completed.py") },
        /// `asyncio.wait(..., return_when=FIRST_COMPLETED)`.
        FirstCompleted = "first-completed" =>
            SnippetRow { question: None, label: "wait(FIRST_COMPLETED)", code: include_str!("snippets/first_completed.py") },
        /// `asyncio.TaskGroup`: structured concurrency, cancellation on failure.
        TaskGroup = "task-group" => SnippetRow { question: None, label: "TaskGroup", code: include_str!("snippets/task_group.py") },
        /// An `asyncio.Queue` producer and consumers.
        AsyncQueue = "async-queue" => SnippetRow { question: None, label: "asyncio.Queue", code: include_str!("snippets/async_queue.py") },
        /// `queue.Queue`, `LifoQueue`, `PriorityQueue`.
        Queues = "queues" => SnippetRow { question: None, label: "queue.Queue / Lifo / Priority", code: include_str!("snippets/queues.py") },
        /// `sched.scheduler`.
        Sched = "sched" => SnippetRow { question: None, label: "sched", code: include_str!("snippets/sched_demo.py") },
        /// `ThreadPoolExecutor`, which cannot start a thread here.
        ThreadPool = "thread-pool" => SnippetRow { question: None, label: "ThreadPoolExecutor", code: include_str!("snippets/thread_pool.py") },
        /// `create_task` only schedules.
        CreateTask = "create-task" => SnippetRow { label: "create_task", code: include_str!("snippets/create_task.py"), question: Some(quiz::CREATE_TASK) },
        /// Awaiting a coroutine does not switch tasks.
        AwaitCoroutine = "await-coroutine" =>
            SnippetRow { label: "await coroutine", code: include_str!("snippets/await_coroutine.py"), question: Some(quiz::AWAIT_COROUTINE) },
        /// `gather` does not cancel the others when one fails.
        GatherFailure = "gather-failure" =>
            SnippetRow { label: "gather failure", code: include_str!("snippets/gather_failure.py"), question: Some(quiz::GATHER_FAILURE) },
        /// A TaskGroup does.
        TaskGroupFailure = "taskgroup-failure" =>
            SnippetRow { label: "TaskGroup failure", code: include_str!("snippets/taskgroup_failure.py"), question: Some(quiz::TASKGROUP_FAILURE) },
        /// A blocking call inside `async def` stalls every task.
        BlockingCall = "blocking-call" =>
            SnippetRow { label: "blocking call", code: include_str!("snippets/blocking_call.py"), question: Some(quiz::BLOCKING_CALL) },
        /// A forgotten `await` runs nothing.
        ForgottenAwait = "forgotten-await" =>
            SnippetRow { label: "forgotten await", code: include_str!("snippets/forgotten_await.py"), question: Some(quiz::FORGOTTEN_AWAIT) },
        /// A read-modify-write across an `await` loses updates.
        LostUpdate = "lost-update" =>
            SnippetRow { label: "lost update", code: include_str!("snippets/lost_update.py"), question: Some(quiz::LOST_UPDATE) },
        /// Cancellation: `finally` runs, `shield` protects.
        CancelShield = "cancel-shield" =>
            SnippetRow { label: "cancel + shield", code: include_str!("snippets/cancel_shield.py"), question: Some(quiz::CANCEL_SHIELD) },
        /// `asyncio.timeout`.
        Timeout = "timeout" => SnippetRow { label: "asyncio.timeout", code: include_str!("snippets/timeout.py"), question: Some(quiz::TIMEOUT) },
    }
}

/// What a snippet is: its button's text, its code, and the prediction it asks for (the
/// misconception snippets: "predict, then see").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SnippetRow {
    /// The button's text.
    pub label: &'static str,
    /// The Python source.
    pub code: &'static str,
    /// The question asked before it runs, answered by its trace.
    pub question: Option<Question>,
}

impl Snippet {
    /// The button's text: the API it shows (the same in both languages).
    pub fn label(self) -> &'static str {
        self.row().label
    }

    /// The Python source.
    pub fn code(self) -> &'static str {
        self.row().code
    }

    /// The prediction it asks for, if it is a misconception snippet.
    pub fn question(self) -> Option<Question> {
        self.row().question
    }

    /// The snippet whose code `code` is, exactly (an edited snippet is the learner's own code).
    pub fn holding(code: &str) -> Option<Snippet> {
        Snippet::ALL.into_iter().find(|s| s.code() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Ids are distinct; each snippet opens with a comment in both languages and uses the API
    /// its button names.
    #[test]
    fn snippets_are_what_their_buttons_say() {
        let mut ids: Vec<&str> = Snippet::ALL.iter().map(|s| s.id()).collect();
        ids.dedup();
        assert_eq!(ids.len(), Snippet::ALL.len());
        for s in Snippet::ALL {
            let code = s.code();
            let mut lines = code.lines();
            let zh = lines.next().unwrap_or_default();
            assert!(zh.starts_with("# ") && zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{s:?}");
            assert!(code.lines().any(|l| l.starts_with("# ") && l.is_ascii()), "{s:?} has no English comment");
            let api = s.label().split([' ', '(']).next().unwrap_or_default().trim_start_matches("asyncio.");
            assert!(code.contains(api), "{s:?} does not use {api}");
        }
        assert!(START.contains("await asyncio.gather"));
    }

    /// Every file in `snippets/` is a button's code (or the starting code): a file added without
    /// its row would never be offered.
    #[test]
    fn every_snippet_file_has_a_row() {
        for e in std::fs::read_dir("src/core/pycell/snippets").unwrap().flatten() {
            let text = std::fs::read_to_string(e.path()).unwrap();
            assert!(
                text == START || Snippet::ALL.iter().any(|s| s.code() == text),
                "{} is no snippet's code",
                e.path().display()
            );
        }
    }
}

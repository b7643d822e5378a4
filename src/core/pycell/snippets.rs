//! The cell's ready examples, one button each. The code lives in `snippets/*.py` (real Python
//! files, so an editor checks them); every one runs in well under a second.

/// What the cell holds before the learner types anything.
pub const START: &str = include_str!("snippets/start.py");

/// A ready example.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Snippet {
    /// `asyncio.gather`: results in the order passed.
    Gather,
    /// `asyncio.as_completed`: results in the order they finish.
    AsCompleted,
    /// `asyncio.wait(..., return_when=FIRST_COMPLETED)`.
    FirstCompleted,
    /// `asyncio.TaskGroup`: structured concurrency, cancellation on failure.
    TaskGroup,
    /// An `asyncio.Queue` producer and consumers.
    AsyncQueue,
    /// `queue.Queue`, `LifoQueue`, `PriorityQueue`.
    Queues,
    /// `sched.scheduler`.
    Sched,
    /// `ThreadPoolExecutor`, which cannot start a thread here.
    ThreadPool,
}

impl Snippet {
    /// Every snippet, in button order.
    pub const ALL: [Snippet; 8] = [
        Snippet::Gather,
        Snippet::AsCompleted,
        Snippet::FirstCompleted,
        Snippet::TaskGroup,
        Snippet::AsyncQueue,
        Snippet::Queues,
        Snippet::Sched,
        Snippet::ThreadPool,
    ];

    /// The id in element ids and tests.
    pub fn id(self) -> &'static str {
        match self {
            Snippet::Gather => "gather",
            Snippet::AsCompleted => "as-completed",
            Snippet::FirstCompleted => "first-completed",
            Snippet::TaskGroup => "task-group",
            Snippet::AsyncQueue => "async-queue",
            Snippet::Queues => "queues",
            Snippet::Sched => "sched",
            Snippet::ThreadPool => "thread-pool",
        }
    }

    /// The button's text: the API it shows (the same in both languages).
    pub fn label(self) -> &'static str {
        match self {
            Snippet::Gather => "asyncio.gather",
            Snippet::AsCompleted => "as_completed",
            Snippet::FirstCompleted => "wait(FIRST_COMPLETED)",
            Snippet::TaskGroup => "TaskGroup",
            Snippet::AsyncQueue => "asyncio.Queue",
            Snippet::Queues => "queue.Queue / Lifo / Priority",
            Snippet::Sched => "sched",
            Snippet::ThreadPool => "ThreadPoolExecutor",
        }
    }

    /// The Python source.
    pub fn code(self) -> &'static str {
        match self {
            Snippet::Gather => include_str!("snippets/gather.py"),
            Snippet::AsCompleted => include_str!("snippets/as_completed.py"),
            Snippet::FirstCompleted => include_str!("snippets/first_completed.py"),
            Snippet::TaskGroup => include_str!("snippets/task_group.py"),
            Snippet::AsyncQueue => include_str!("snippets/async_queue.py"),
            Snippet::Queues => include_str!("snippets/queues.py"),
            Snippet::Sched => include_str!("snippets/sched_demo.py"),
            Snippet::ThreadPool => include_str!("snippets/thread_pool.py"),
        }
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
}

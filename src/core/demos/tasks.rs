//! The first-of demo's rules (`src/demos/first_of.rs`): the three ways `concurrent.futures.wait`
//! can return, and the board of tasks it shows — which finished, which failed, and which were
//! still running when the wait returned and so were dropped (Rust's way of cancelling).

crate::id_table! {
    /// When the wait returns (Python's `return_when`); the id is `data-mode` and the radio value.
    #[derive(Default)]
    pub enum WaitMode {
        /// As soon as any task finishes, failed or not (`select_all`).
        #[default]
        FirstCompleted = "first-completed",
        /// As soon as any task fails; if none does, when all have finished.
        FirstException = "first-exception",
        /// When every task has finished (`join_all`).
        AllCompleted = "all-completed",
    }
}

impl WaitMode {
    /// Python's constant.
    pub fn python(self) -> &'static str {
        match self {
            WaitMode::FirstCompleted => "FIRST_COMPLETED",
            WaitMode::FirstException => "FIRST_EXCEPTION",
            WaitMode::AllCompleted => "ALL_COMPLETED",
        }
    }
}

/// Where one task stands; times are ms after the start.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum TaskState {
    /// Still running.
    Pending,
    /// Finished with a value.
    Done(f64),
    /// Finished with an error.
    Failed(f64),
    /// Dropped before it finished: it will never be polled again.
    Dropped(f64),
}

impl TaskState {
    /// The id in the page (`data-state`).
    pub fn id(self) -> &'static str {
        match self {
            TaskState::Pending => "pending",
            TaskState::Done(_) => "done",
            TaskState::Failed(_) => "failed",
            TaskState::Dropped(_) => "dropped",
        }
    }
}

/// Whether a wait in `mode` is over once a task has finished with `failed`, given how many of
/// the tasks are still running. The same rule the page's three futures combinators implement.
pub fn wait_is_over(mode: WaitMode, failed: bool, still_running: usize) -> bool {
    match mode {
        WaitMode::FirstCompleted => true,
        WaitMode::FirstException => failed || still_running == 0,
        WaitMode::AllCompleted => still_running == 0,
    }
}

/// Which task ends the wait, predicted from the delays alone (ties go to the earlier task, as
/// equal timers fire in the order they were set). `failing` is the task that fails, if any.
pub fn predicted_trigger(delays: &[u32], failing: Option<usize>, mode: WaitMode) -> Option<usize> {
    let mut order: Vec<usize> = (0..delays.len()).collect();
    order.sort_by_key(|&i| delays[i]);
    order
        .iter()
        .enumerate()
        .find(|&(k, &i)| wait_is_over(mode, failing == Some(i), delays.len() - k - 1))
        .map(|(_, &i)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// With delays 300, 100, 200, 400 and the 200 ms task failing: FIRST_COMPLETED returns with
    /// the fastest, FIRST_EXCEPTION with the failing one, ALL_COMPLETED with the slowest.
    #[test]
    fn which_task_ends_the_wait() {
        let d = [300, 100, 200, 400];
        assert_eq!(predicted_trigger(&d, Some(2), WaitMode::FirstCompleted), Some(1));
        assert_eq!(predicted_trigger(&d, Some(2), WaitMode::FirstException), Some(2));
        assert_eq!(predicted_trigger(&d, Some(2), WaitMode::AllCompleted), Some(3));
    }

    /// FIRST_EXCEPTION without any failure waits for all, like ALL_COMPLETED; a failing fastest
    /// task still "completes" for FIRST_COMPLETED.
    #[test]
    fn edge_cases() {
        let d = [300, 100, 200];
        assert_eq!(predicted_trigger(&d, None, WaitMode::FirstException), Some(0));
        assert_eq!(predicted_trigger(&d, Some(1), WaitMode::FirstCompleted), Some(1));
        assert_eq!(predicted_trigger(&[50, 50], None, WaitMode::FirstCompleted), Some(0));
        assert_eq!(predicted_trigger(&[], None, WaitMode::AllCompleted), None);
        assert_eq!(WaitMode::ALL.map(WaitMode::python), ["FIRST_COMPLETED", "FIRST_EXCEPTION", "ALL_COMPLETED"]);
    }
}

//! The queue of Python's `sched`, without the waiting: events ordered by due time, then
//! priority (smaller first), then the order they were entered. The timed-tasks demo
//! (`src/demos/timed_tasks.rs`) pops from it and waits for each event with a browser timer.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// A planned event: when, how urgent among equals, and what.
#[derive(Clone, Debug, PartialEq)]
pub struct Event<T> {
    /// Due time, ms after the scheduler's start.
    pub due: u32,
    /// Among events due together, the smaller number runs first.
    pub priority: u8,
    /// The order it was entered in: the last tie-breaker.
    pub seq: u32,
    /// What to do.
    pub action: T,
}

/// A min-heap of events on (due, priority, seq).
#[derive(Debug)]
pub struct Scheduler<T> {
    /// Keys of the pending events, the earliest on top.
    heap: BinaryHeap<Reverse<(u32, u8, u32)>>,
    /// Each event's action by `seq`; `None` once popped or cancelled.
    actions: Vec<Option<T>>,
}

impl<T> Default for Scheduler<T> {
    fn default() -> Self {
        Scheduler { heap: BinaryHeap::new(), actions: Vec::new() }
    }
}

impl<T> Scheduler<T> {
    /// Schedules `action` at `due` ms (Python's `enterabs`); returns its `seq`, for [`Self::cancel`].
    pub fn enter(&mut self, due: u32, priority: u8, action: T) -> u32 {
        let seq = self.actions.len() as u32;
        self.actions.push(Some(action));
        self.heap.push(Reverse((due, priority, seq)));
        seq
    }

    /// Removes a pending event; it is skipped when its turn comes. `false` if already gone.
    pub fn cancel(&mut self, seq: u32) -> bool {
        self.actions.get_mut(seq as usize).and_then(Option::take).is_some()
    }

    /// The next event to run, if any: the earliest, then the most urgent, then the first entered.
    pub fn pop(&mut self) -> Option<Event<T>> {
        while let Some(Reverse((due, priority, seq))) = self.heap.pop() {
            if let Some(action) = self.actions[seq as usize].take() {
                return Some(Event { due, priority, seq, action });
            }
        }
        None
    }

    /// Events still waiting.
    pub fn len(&self) -> usize {
        self.actions.iter().filter(|a| a.is_some()).count()
    }

    /// Nothing left to run.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// When an event actually ran against when it was due (both ms after the start).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Firing {
    /// The planned time.
    pub due: u32,
    /// When the action started.
    pub actual: f64,
}

impl Firing {
    /// How late it ran: never negative for a timer, which only promises "not before".
    pub fn late_by(self) -> f64 {
        self.actual - f64::from(self.due)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drain<T>(mut s: Scheduler<T>) -> Vec<T> {
        std::iter::from_fn(|| s.pop().map(|e| e.action)).collect()
    }

    /// Time decides first; at equal times the smaller priority number runs first; at equal time
    /// and priority, the one entered first (the tutorial's "5 s, priority 1 before priority 2").
    #[test]
    fn time_then_priority_then_entry_order() {
        let mut s = Scheduler::default();
        s.enter(1000, 1, "late");
        s.enter(500, 2, "second");
        s.enter(500, 1, "first");
        s.enter(500, 2, "third");
        s.enter(0, 9, "now");
        assert_eq!(s.len(), 5);
        assert_eq!(drain(s), ["now", "first", "second", "third", "late"]);
    }

    /// A cancelled event never comes out, and cancelling twice reports it is already gone.
    #[test]
    fn cancelled_events_are_skipped() {
        let mut s = Scheduler::default();
        let a = s.enter(10, 1, 'a');
        s.enter(20, 1, 'b');
        assert!(s.cancel(a));
        assert!(!s.cancel(a));
        assert!(!s.cancel(99));
        assert_eq!(s.len(), 1);
        assert_eq!(drain(s), ['b']);
    }

    /// Lateness is actual minus planned.
    #[test]
    fn lateness() {
        assert_eq!(Firing { due: 300, actual: 304.5 }.late_by(), 4.5);
    }
}

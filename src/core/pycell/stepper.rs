//! Stepping through the event loop (`step=1`, virtual clock): the loop as the worker describes it
//! while paused ([`Paused`], written by `www/py/virtualclock.py`'s `Session.state`), and the await
//! tree — who awaits whom — built either from that state (`asyncio.capture_call_graph`) or from a
//! finished trace at any moment of it. Pure data, tested natively.

use super::tasks::{wait_label, Event, How, Lanes};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// A callback of the loop: a task's step or wake-up, or another function.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Callback {
    /// The task it steps or wakes (none: not a task's).
    pub task: Option<u32>,
    /// `step`, `wake-up`, or the function's name.
    pub what: String,
    /// The line the task stopped at after it ran (only for the step just run).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
}

/// A timer of the loop.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Timer {
    /// Due at (virtual ms).
    pub due: f64,
    /// The task it wakes.
    pub task: Option<u32>,
    /// What runs then.
    pub what: String,
}

crate::id_table! {
    /// A task's state while the loop is paused.
    pub enum TaskPhase {
        /// Its next step is in the ready queue (or it has not started).
        Ready = "ready",
        /// Suspended, waiting on something.
        Waiting = "waiting",
        /// Finished.
        Done = "done",
    }
}

/// One task while the loop is paused.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TaskState {
    /// Task id (0: the top level).
    pub id: u32,
    /// Its name.
    pub name: String,
    /// The learner's line it is at.
    pub line: Option<u32>,
    /// Ready, waiting or done.
    pub state: TaskPhase,
    /// What it waits on (waiting only).
    #[serde(default)]
    pub waits: Option<String>,
    /// How it ended (done only).
    #[serde(default)]
    pub how: Option<How>,
}

/// A frame of an await chain.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Frame {
    /// The function.
    #[serde(rename = "fn")]
    pub function: String,
    /// Its current line.
    pub line: u32,
    /// In the learner's code (else asyncio's or another module's).
    pub mine: bool,
}

/// One pending task of `asyncio.capture_call_graph`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Graphed {
    /// The task.
    pub task: Option<u32>,
    /// The tasks awaiting it.
    pub awaited_by: Vec<Option<u32>>,
    /// Its await chain, outermost first.
    pub chain: Vec<Frame>,
}

/// The loop, paused between two callbacks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Paused {
    /// The virtual clock (ms).
    pub now: f64,
    /// Callbacks run so far.
    pub steps: u32,
    /// The callback just run.
    pub ran: Option<Callback>,
    /// The ready queue, in the order it runs.
    pub ready: Vec<Callback>,
    /// The timers, by due time.
    pub timers: Vec<Timer>,
    /// Every task so far.
    pub tasks: Vec<TaskState>,
    /// Who awaits whom (Python 3.14's `capture_call_graph`; none before 3.14).
    pub graph: Option<Vec<Graphed>>,
    /// The run is over.
    pub finished: bool,
    /// The trace so far (a traced run).
    #[serde(default)]
    pub events: Option<Vec<Event>>,
}

impl Paused {
    /// A task's name, or `Task-<id>` when it is not listed.
    pub fn name(&self, id: Option<u32>) -> String {
        match id {
            Some(id) => self.tasks.iter().find(|t| t.id == id).map_or_else(|| format!("Task-{id}"), |t| t.name.clone()),
            None => "—".into(),
        }
    }
}

/// A node of the await tree: a task, where it is, and the tasks it awaits below it.
#[derive(Clone, Debug, PartialEq)]
pub struct TreeNode {
    /// Task id.
    pub id: u32,
    /// Its name.
    pub name: String,
    /// Where it is: its await chain (`main:9 → gather`) or its line and wait.
    pub at: String,
    /// The tasks it awaits.
    pub children: Vec<TreeNode>,
}

/// Builds the forest: `nodes` are (id, name, where), `awaits` (awaiter, awaited) pairs. Roots are
/// the tasks nobody awaits, in id order; a task awaited by several shows under each (as pstree
/// does); a cycle is cut where it closes.
fn forest(nodes: &BTreeMap<u32, (String, String)>, awaits: &BTreeSet<(u32, u32)>) -> Vec<TreeNode> {
    fn build(
        id: u32,
        nodes: &BTreeMap<u32, (String, String)>,
        awaits: &BTreeSet<(u32, u32)>,
        path: &mut Vec<u32>,
    ) -> TreeNode {
        path.push(id);
        let mut children = Vec::new();
        for (_, b) in awaits.iter().filter(|(a, b)| *a == id && nodes.contains_key(b)) {
            if !path.contains(b) {
                children.push(build(*b, nodes, awaits, path));
            }
        }
        path.pop();
        let (name, at) = nodes[&id].clone();
        TreeNode { id, name, at, children }
    }
    fn mark(n: &TreeNode, seen: &mut BTreeSet<u32>) {
        seen.insert(n.id);
        n.children.iter().for_each(|c| mark(c, seen));
    }
    let awaited: BTreeSet<u32> = awaits.iter().filter(|(a, _)| nodes.contains_key(a)).map(|(_, b)| *b).collect();
    let mut roots: Vec<TreeNode> =
        nodes.keys().filter(|id| !awaited.contains(id)).map(|id| build(*id, nodes, awaits, &mut Vec::new())).collect();
    // Tasks that only await each other (a deadlock) have no root: the first of each such ring
    // becomes one, so every task shows.
    let mut seen = BTreeSet::new();
    roots.iter().for_each(|r| mark(r, &mut seen));
    for id in nodes.keys() {
        if !seen.contains(id) {
            let ring = build(*id, nodes, awaits, &mut Vec::new());
            mark(&ring, &mut seen);
            roots.push(ring);
        }
    }
    roots
}

/// The await tree of the paused loop, from `capture_call_graph` (pending tasks only).
pub fn tree_of_paused(p: &Paused) -> Vec<TreeNode> {
    let Some(graph) = &p.graph else { return Vec::new() };
    let mut nodes = BTreeMap::new();
    let mut awaits = BTreeSet::new();
    for g in graph {
        let Some(id) = g.task else { continue };
        let chain: Vec<String> = g
            .chain
            .iter()
            .map(|f| if f.mine { format!("{}:{}", f.function, f.line) } else { f.function.clone() })
            .collect();
        nodes.insert(id, (p.name(Some(id)), chain.join(" → ")));
        awaits.extend(g.awaited_by.iter().flatten().map(|by| (*by, id)));
    }
    forest(&nodes, &awaits)
}

/// The await tree of a traced run at `t` ms: the tasks alive then, each under the tasks waiting
/// for it (a task awaited directly, or by `gather`, `wait` or a TaskGroup).
pub fn tree_at(lanes: &Lanes, t: f64) -> Vec<TreeNode> {
    let mut nodes = BTreeMap::new();
    let mut awaits = BTreeSet::new();
    for l in &lanes.lanes {
        let ended = l.end.as_ref().is_some_and(|e| e.0 < t);
        if l.created > t || ended {
            continue;
        }
        // The last step begun by `t`: running if `t` is inside it, else waiting on its wait.
        let last = l.steps.iter().rev().find(|s| s.start <= t);
        let at = match last {
            None => "ready".to_string(),
            Some(s) if t < s.end => format!("running{}", line(s.line)),
            Some(s) => match &s.wait {
                Some(w) => {
                    awaits.extend(w.awaited().map(|b| (l.id, b)));
                    format!("{}{}", wait_label(w, lanes), line(s.line))
                }
                None => "ready".to_string(),
            },
        };
        nodes.insert(l.id, (l.name.clone(), at));
    }
    forest(&nodes, &awaits)
}

fn line(line: Option<u32>) -> String {
    line.map(|n| format!(" · line {n}")).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::pycell::tasks::{Wait, WaitKind};
    use crate::core::pycell::Clock;

    fn task(id: u32, name: &str, parent: Option<u32>) -> Event {
        Event::Task { id, name: Some(name.into()), parent, t: 0.0, line: None }
    }

    fn step(id: u32, start: f64, line: u32, wait: Option<Wait>) -> Event {
        Event::Step { id, start, end: start, line: Some(line), wait }
    }

    /// main gathers a and b; a awaits c: at t=5 the tree is main → (a → c, b); after a ends, a
    /// and c are gone.
    #[test]
    fn the_tree_at_a_moment_of_a_trace() {
        let gather = Wait { tasks: vec![1, 2], ..Wait::of(WaitKind::Gather) };
        let on_c = Wait { task: Some(3), ..Wait::of(WaitKind::Task) };
        let sleep = Wait { delay: Some(0.01), ..Wait::of(WaitKind::Sleep) };
        let events = vec![
            Event::Run { clock: Clock::Virtual },
            task(0, "main", None),
            task(1, "a", Some(0)),
            task(2, "b", Some(0)),
            task(3, "c", Some(1)),
            step(0, 0.0, 9, Some(gather)),
            step(1, 0.0, 4, Some(on_c)),
            step(2, 0.0, 6, Some(sleep.clone())),
            step(3, 0.0, 2, Some(sleep)),
            step(3, 10.0, 2, None),
            Event::End { id: 3, t: 10.0, how: How::Result, what: None },
            step(1, 10.0, 4, None),
            Event::End { id: 1, t: 10.0, how: How::Result, what: None },
        ];
        let lanes = Lanes::of(&events);
        assert_eq!(lanes.clock, Clock::Virtual);
        let tree = tree_at(&lanes, 5.0);
        assert_eq!(tree.len(), 1);
        assert_eq!((tree[0].name.as_str(), tree[0].at.as_str()), ("main", "gather · line 9"));
        let kids: Vec<(&str, usize)> = tree[0].children.iter().map(|c| (c.name.as_str(), c.children.len())).collect();
        assert_eq!(kids, [("a", 1), ("b", 0)]);
        assert_eq!(tree[0].children[0].children[0].at, "sleep(0.01) · line 2");
        let later: Vec<String> = tree_at(&lanes, 11.0)[0].children.iter().map(|c| c.name.clone()).collect();
        assert_eq!(later, ["b"]);
    }

    /// The paused loop's state as virtualclock.py writes it reads, and its graph makes the tree.
    #[test]
    fn the_paused_state_reads_and_makes_a_tree() {
        let json = r#"{"now": 0.0, "steps": 2, "ran": {"task": 1, "what": "step", "line": 8},
            "ready": [{"task": 2, "what": "step"}], "timers": [{"due": 500.0, "task": 3, "what": "wake-up"}],
            "tasks": [{"id": 0, "name": "main", "line": 13, "state": "waiting", "waits": "task Task-1"},
                      {"id": 1, "name": "Task-1", "line": 8, "state": "waiting", "waits": "taskgroup"},
                      {"id": 2, "name": "a", "line": 9, "state": "ready"},
                      {"id": 3, "name": "b", "line": null, "state": "done", "how": "result"}],
            "graph": [{"task": 0, "awaited_by": [], "chain": [{"fn": "_top", "line": 5, "mine": false}]},
                      {"task": 1, "awaited_by": [0], "chain": [{"fn": "main", "line": 8, "mine": true}]},
                      {"task": 2, "awaited_by": [1], "chain": [{"fn": "worker", "line": 3, "mine": true}]}],
            "finished": false}"#;
        let p: Paused = serde_json::from_str(json).unwrap();
        assert_eq!(p.tasks[3].how, Some(How::Result));
        let tree = tree_of_paused(&p);
        assert_eq!((tree.len(), tree[0].name.as_str()), (1, "main"));
        assert_eq!(tree[0].children[0].at, "main:8");
        assert_eq!(tree[0].children[0].children[0].name, "a");
        assert!(serde_json::from_str::<Paused>(r#"{"now": 0}"#).is_err(), "a state without its fields is refused");
    }

    /// A cycle (two tasks awaiting each other: a deadlock) is cut where it closes, and still
    /// shows, from its first task.
    #[test]
    fn cycles_end() {
        let nodes: BTreeMap<u32, (String, String)> =
            [(0, ("main".into(), String::new())), (1, ("a".into(), String::new()))].into();
        let tree = forest(&nodes, &[(0, 1), (1, 0)].into());
        assert_eq!((tree.len(), tree[0].id, tree[0].children.len()), (1, 0, 1));
        assert!(tree[0].children[0].children.is_empty());
        let tree = forest(&nodes, &[(0, 1)].into());
        assert_eq!(tree[0].children.len(), 1);
    }
}

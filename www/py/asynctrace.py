# Records how asyncio runs a piece of code, for the cell's lanes: every task (its name and who
# created it), each step it took — resumed, then suspended at a line of the learner's code, waiting
# on something named (a sleep and its delay, another task, a queue, a lock, gather, …) — and how it
# ended. The top-level code is task 0.
#
# How: a task factory wraps each new task's coroutine in a `Traced` coroutine, which asyncio
# drives exactly as it would drive the coroutine itself (send / throw / close), so the program
# runs unchanged; `Traced` times each `send` and looks at the chain of awaits it stopped in. Only
# the standard library: the same file runs under CPython for its tests (tests/py/).
#
# Events are plain dicts (JSON for the page), times in ms from the start of the trace:
#   {"e": "task", "id", "name", "parent", "t", "line"}      a task was created
#   {"e": "step", "id", "start", "end", "line", "wait"}     one step; `wait`: what it awaits now
#   {"e": "end",  "id", "t", "how", "what"}                 how: result | exception | cancelled

import asyncio
import collections.abc
import os
import time
import types
import weakref

_ASYNCIO_DIR = os.path.dirname(asyncio.__file__)

# How often a running trace hands its new events over (clock units: seconds).
BATCH_SECONDS = 0.25

# What a task waits on, told by the outermost asyncio call of its await chain:
# (module file, qualified function name) → kind. A `sleep` also reports its delay.
_WAITS = {
    ("tasks.py", "sleep"): "sleep",
    ("tasks.py", "_wait"): "wait",
    ("tasks.py", "wait"): "wait",
    ("tasks.py", "wait_for"): "wait_for",
    ("queues.py", "Queue.get"): "queue.get",
    ("queues.py", "Queue.put"): "queue.put",
    ("queues.py", "Queue.join"): "queue.join",
    ("locks.py", "Lock.acquire"): "lock",
    ("locks.py", "Semaphore.acquire"): "semaphore",
    ("locks.py", "Event.wait"): "event",
    ("locks.py", "Condition.wait"): "condition",
    ("locks.py", "Condition.wait_for"): "condition",
    ("taskgroups.py", "TaskGroup.__aexit__"): "taskgroup",
    ("taskgroups.py", "TaskGroup._aexit"): "taskgroup",
    ("timeouts.py", "Timeout.__aexit__"): "timeout",
}


class Trace:
    """One run's record: `await trace.run(coro)` runs the top-level coroutine as task 0 and traces
    every task created meanwhile; `finish()` gives the events."""

    def __init__(self, filename, clock=time.perf_counter, virtual=False):
        self.filename = filename
        self.clock = clock
        self.t0 = clock()
        # The run's clock first, then tasks as created; steps and ends are added by snapshot().
        self.events = [{"e": "run", "clock": "virtual" if virtual else "real"}]
        self.steps = []  # (task id, start, end, line, wait kind, detail) in clock units
        self.ends = []  # (task id, time, how, what)
        self._roles = {}  # code object → _LEARNER, a wait kind, or None
        self.closed = False  # set by finish()
        # Batches while the run goes on: `on_batch(events)` is called from a step at most every
        # BATCH_SECONDS with what was recorded since the last one (so a run cancelled midway
        # still shows its lanes so far).
        self.on_batch = None
        self._sent = (0, 0, 0)
        self._next_batch = self.t0 + BATCH_SECONDS
        # task id → its Traced coroutine, held weakly: the tracer must not keep a task alive that
        # the program dropped (that would hide "Task was destroyed but it is pending!" and "Task
        # exception was never retrieved", two bugs a learner should see). Steps record the tasks
        # they wait for by id for the same reason.
        self._traced = weakref.WeakValueDictionary()
        self._next = 1
        self._unnamed = 0  # tasks created without a name so far

    def now(self):
        return self.ms(self.clock())

    def install(self, loop):
        """Makes `loop` create every new task through the tracer (keeping a factory already set)."""
        before = loop.get_task_factory()

        def factory(loop, coro, **kwargs):
            if kwargs.get("name") is None:
                # Numbered per run, as in a fresh `python3 file.py`: asyncio's own counter goes on
                # across the cell's runs (Task-59 on a later run).
                self._unnamed += 1
                kwargs["name"] = f"Task-{self._unnamed}"
            traced = self._task(coro, kwargs.get("name"))
            if before is not None:
                task = before(loop, traced, **kwargs)
            else:
                task = asyncio.Task(traced, loop=loop, **kwargs)
            traced.task = task
            return task

        loop.set_task_factory(factory)
        return before

    async def run(self, coro):
        """Runs the top-level coroutine traced, with every task it creates; the loop's own
        factory is back when it ends."""
        loop = asyncio.get_running_loop()
        before = self.install(loop)
        try:
            return await self.top(coro)
        finally:
            loop.set_task_factory(before)

    def top(self, coro):
        """The top-level coroutine, traced as task 0 ("main")."""
        traced = Traced(coro, self, 0)
        self.events.append({"e": "task", "id": 0, "name": "main", "parent": None, "t": self.now(), "line": None})
        return traced

    def _task(self, coro, name):
        tid = self._next
        self._next += 1
        traced = Traced(coro, self, tid)
        self._traced[tid] = traced
        self.events.append({
            "e": "task", "id": tid, "name": name, "parent": self._creator(), "t": self.now(),
            "line": self._creation_line(),
        })
        return traced

    def _creator(self):
        """The id of the task whose step is creating a task: 0 for the top level (which may be
        driven by a task of the runner's, not traced) and for a plain callback."""
        try:
            current = asyncio.current_task()
        except RuntimeError:  # no running loop
            return 0
        tid = self.id_of(current) if current is not None else None
        return 0 if tid is None else tid

    def _role(self, frame):
        """What a frame of this code is: the learner's, an asyncio call that names a wait, or
        neither (asked once per code object)."""
        code = frame.f_code
        if code.co_filename == self.filename:
            return _LEARNER
        if frame.f_globals.get("__name__") == "pyodide.http":
            return "fetch"
        if os.path.dirname(code.co_filename) == _ASYNCIO_DIR:
            return _WAITS.get((os.path.basename(code.co_filename), getattr(code, "co_qualname", code.co_name)))
        return None

    def ms(self, t):
        return round((t - self.t0) * 1000.0, 3)

    def snapshot(self):
        """The events so far, each task named as it is now: asyncio names a task after the
        factory made it (`create_task(..., name=)` and `set_name` included), so names are read
        late. The trace goes on."""
        return self._events(0, 0, 0)

    def batch(self):
        """The events recorded since the last batch (the page adds them to what it has)."""
        events = self._events(*self._sent)
        self._sent = (len(self.events), len(self.steps), len(self.ends))
        return events

    def _batch_due(self, now):
        self._next_batch = now + BATCH_SECONDS
        self.on_batch(self.batch())

    def _events(self, from_event, from_step, from_end):
        events = []
        for e in self.events[from_event:]:
            traced = self._traced.get(e["id"]) if e["e"] == "task" else None
            if traced is not None and traced.task is not None:
                e = dict(e, name=traced.task.get_name())
            events.append(e)
        for tid, start, end, line, kind, detail in self.steps[from_step:]:
            wait = None
            if kind == "task":
                wait = {"kind": "task", "task": detail[0]}
            elif kind == "sleep":
                wait = {"kind": "sleep", "delay": detail}
            elif isinstance(detail, list):  # gather, wait, a TaskGroup: the tasks it waits for
                wait = {"kind": kind, "tasks": sorted(i for i in detail if i is not None)}
            elif kind is not None:
                wait = {"kind": kind}
            events.append({"e": "step", "id": tid, "start": self.ms(start), "end": self.ms(end), "line": line, "wait": wait})
        for tid, t, how, what in self.ends[from_end:]:
            events.append({"e": "end", "id": tid, "t": self.ms(t), "how": how, "what": what})
        return events

    def finish(self):
        """The events; nothing is recorded after."""
        events = self.snapshot()
        self.steps, self.ends, self.events = [], [], events
        self.closed = True
        return events

    def _creation_line(self):
        """The learner's line that created the task (None when it was not their code)."""
        import sys

        f = sys._getframe(1)
        while f is not None:
            if f.f_code.co_filename == self.filename:
                return f.f_lineno
            f = f.f_back
        return None

    def id_of(self, task):
        coro = task.get_coro() if hasattr(task, "get_coro") else None
        return coro.id if isinstance(coro, Traced) else None


class Traced(collections.abc.Coroutine):
    """A coroutine that runs `coro` and records each of its steps in `trace`."""

    def __init__(self, coro, trace, tid):
        self.coro = coro
        self.trace = trace
        self.id = tid
        self.task = None
        self.__qualname__ = getattr(coro, "__qualname__", type(coro).__name__)
        self.__name__ = getattr(coro, "__name__", self.__qualname__)

    # asyncio reads these for reprs and introspection (capture_call_graph included).
    @property
    def cr_frame(self):
        return getattr(self.coro, "cr_frame", None)

    @property
    def cr_await(self):
        return getattr(self.coro, "cr_await", None)

    @property
    def cr_code(self):
        return getattr(self.coro, "cr_code", None)

    @property
    def cr_running(self):
        return getattr(self.coro, "cr_running", False)

    def send(self, value):
        return self._step(self.coro.send, value)

    def throw(self, *exc):
        return self._step(self.coro.throw, *exc)

    def close(self):
        return self.coro.close()

    def __await__(self):
        # Awaited directly (the top level): drive ourselves the way a task would.
        value, error = None, None
        while True:
            try:
                yielded = self.throw(error) if error is not None else self.send(value)
            except StopIteration as stop:
                return stop.value
            try:
                value, error = (yield yielded), None
            except BaseException as exc:  # delivered into the coroutine on the next step
                value, error = None, exc

    def _step(self, advance, *args):
        # Kept lean: it runs once per step of every task. Steps are stored as tuples and made
        # into events by Trace.finish().
        trace = self.trace
        start = trace.clock()
        try:
            yielded = advance(*args)
        except StopIteration as stop:
            self._ended(start, "result", _short(stop.value))
            raise
        except asyncio.CancelledError:
            self._ended(start, "cancelled", None)
            raise
        except BaseException as exc:
            self._ended(start, "exception", type(exc).__name__)
            raise
        if not trace.closed:  # a task left running after the run's end records nothing more
            line, kind, detail = self._where(yielded)
            if kind == "task":  # by id and name, not the task itself (see Trace._traced)
                detail = (trace.id_of(detail), detail.get_name())
            elif type(detail) is list:
                detail = [trace.id_of(t) for t in detail]
            end = trace.clock()
            trace.steps.append((self.id, start, end, line, kind, detail))
            if end >= trace._next_batch and trace.on_batch is not None:
                trace._batch_due(end)
        return yielded

    def _ended(self, start, how, what):
        if self.trace.closed:
            return
        t = self.trace.clock()
        self.trace.steps.append((self.id, start, t, None, None, None))
        self.trace.ends.append((self.id, t, how, what))

    def _where(self, yielded):
        """The learner's line the task stopped at, and what it waits on: (line, kind, detail) with
        a sleep's delay or an awaited task as the detail. Runs once per step of every task, so
        native coroutines and generators are read without getattr, and a frame's locals only
        when the wait needs them."""
        line, kind, outer = None, None, None
        roles = self.trace._roles
        c = self.coro
        while c is not None:
            t = type(c)
            if t is _COROUTINE:
                frame, next_ = c.cr_frame, c.cr_await
            elif t is _GENERATOR:
                frame, next_ = c.gi_frame, c.gi_yieldfrom
            else:
                frame = getattr(c, "cr_frame", None) or getattr(c, "gi_frame", None)
                next_ = getattr(c, "cr_await", None) or getattr(c, "gi_yieldfrom", None)
            if frame is not None:
                code = frame.f_code
                role = roles.get(code, _UNSEEN)
                if role is _UNSEEN:
                    role = roles[code] = self.trace._role(frame)
                if role is _LEARNER:
                    line = frame.f_lineno
                elif role is not None and kind is None:
                    # The outermost asyncio call is the one the learner made (`q.join()` waits
                    # on an Event inside it, `wait_for` on its own future).
                    kind, outer = role, frame
            c = next_
        if yielded is None:
            # A bare `yield` (asyncio.sleep(0)): back to the end of the ready queue.
            return line, "sleep", 0
        if type(yielded).__name__ == "_GatheringFuture":  # what `gather` returns: no frame of its own
            return line, "gather", list(getattr(yielded, "_children", ()))
        if isinstance(yielded, asyncio.Task) and kind in (None, "wait_for"):
            return line, "task", yielded
        detail = None
        if kind == "sleep":
            detail = outer.f_locals.get("delay")
        elif kind == "taskgroup":
            detail = list(getattr(outer.f_locals.get("self"), "_tasks", ()))
        elif kind == "wait":
            detail = list(outer.f_locals.get("fs") or ())
        return line, kind or "future", detail


_COROUTINE = types.CoroutineType
_GENERATOR = types.GeneratorType
_UNSEEN = object()
_LEARNER = object()


def _short(value):
    """A result as the lanes show it: its repr, cut to a line."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."

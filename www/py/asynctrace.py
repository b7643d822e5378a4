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

_ASYNCIO_DIR = os.path.dirname(asyncio.__file__)

# What a task waits on, told by the innermost asyncio function of its await chain:
# (module file, function) → kind. A `sleep` also reports its delay.
_WAITS = {
    ("tasks.py", "sleep"): "sleep",
    ("tasks.py", "_wait"): "wait",
    ("tasks.py", "wait"): "wait",
    ("tasks.py", "wait_for"): "wait_for",
    ("queues.py", "get"): "queue.get",
    ("queues.py", "put"): "queue.put",
    ("queues.py", "join"): "queue.join",
    ("locks.py", "acquire"): "lock",
    ("locks.py", "wait"): "event",
    ("locks.py", "wait_for"): "condition",
    ("taskgroups.py", "__aexit__"): "taskgroup",
    ("taskgroups.py", "_aexit"): "taskgroup",
    ("timeouts.py", "__aexit__"): "timeout",
}


class Trace:
    """One run's record: `await trace.run(coro)` runs the top-level coroutine as task 0 and traces
    every task created meanwhile; `finish()` gives the events."""

    def __init__(self, filename, clock=time.perf_counter):
        self.filename = filename
        self.clock = clock
        self.t0 = clock()
        self.events = []
        self._traced = {}  # task id → its Traced coroutine
        self._current = 0  # the task whose step is running (0: top level, or none traced)
        self._next = 1

    def now(self):
        return round((self.clock() - self.t0) * 1000.0, 3)

    def install(self, loop):
        """Makes `loop` create every new task through the tracer (keeping a factory already set)."""
        before = loop.get_task_factory()

        def factory(loop, coro, **kwargs):
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
            "e": "task", "id": tid, "name": name, "parent": self._current, "t": self.now(),
            "line": self._creation_line(),
        })
        return traced

    def finish(self):
        """The events, each task named as it is now: asyncio names a task after the factory made
        it (`create_task(..., name=)` and `set_name` included), so names are read at the end."""
        for e in self.events:
            traced = self._traced.get(e["id"]) if e["e"] == "task" else None
            if traced is not None and traced.task is not None:
                e["name"] = traced.task.get_name()
        return self.events

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
        trace = self.trace
        start = trace.now()
        outer, trace._current = trace._current, self.id
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
        finally:
            trace._current = outer
        line, wait = self._where(yielded)
        trace.events.append({"e": "step", "id": self.id, "start": start, "end": trace.now(), "line": line, "wait": wait})
        return yielded

    def _ended(self, start, how, what):
        t = self.trace.now()
        self.trace.events.append({"e": "step", "id": self.id, "start": start, "end": t, "line": None, "wait": None})
        self.trace.events.append({"e": "end", "id": self.id, "t": t, "how": how, "what": what})

    def _where(self, yielded):
        """The learner's line the task stopped at, and what it waits on."""
        line, inner, delay = None, None, None
        c = self.coro
        while c is not None:
            frame = getattr(c, "cr_frame", None) or getattr(c, "gi_frame", None)
            if frame is not None:
                code = frame.f_code
                if code.co_filename == self.trace.filename:
                    line = frame.f_lineno
                elif inner is None and os.path.dirname(code.co_filename) == _ASYNCIO_DIR:
                    # The outermost asyncio call is the one the learner made (`q.join()` waits
                    # on an Event inside it, `wait_for` on its own future).
                    key = (os.path.basename(code.co_filename), code.co_name)
                    if key in _WAITS:
                        inner = _WAITS[key]
                        if inner == "sleep":
                            delay = frame.f_locals.get("delay")
            c = getattr(c, "cr_await", None) or getattr(c, "gi_yieldfrom", None)
        return line, _wait(self.trace, yielded, inner, delay)


def _wait(trace, yielded, kind, delay):
    if yielded is None:
        # A bare `yield` (asyncio.sleep(0)): back to the end of the ready queue.
        return {"kind": "sleep", "delay": 0}
    if type(yielded).__name__ == "_GatheringFuture":  # what `gather` returns: no frame of its own
        return {"kind": "gather"}
    if isinstance(yielded, asyncio.Task) and kind in (None, "wait_for"):
        return {"kind": "task", "task": trace.id_of(yielded)}
    if kind == "sleep":
        return {"kind": "sleep", "delay": delay}
    if kind is not None:
        return {"kind": kind}
    return {"kind": "future"}


def _short(value):
    """A result as the lanes show it: its repr, cut to a line."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."

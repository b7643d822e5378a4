# The cell's virtual clock: a deterministic event loop whose time jumps to the next timer when
# nothing is ready, and which can be driven one callback at a time (the page's Step button).
#
# On this clock `asyncio.sleep(d)` takes exactly d virtual seconds and no real time,
# `time.sleep(d)` moves the clock on by d while the calling task holds the loop (every other
# task's next step comes that much later), and `time.time` / `monotonic` / `perf_counter` and
# `loop.time()` read the virtual clock. Pure computation takes no virtual time, so a run of sleeps
# and timeouts is exactly reproducible.
#
# What cannot be virtualised stops the run with a message naming it: a network fetch, a thread
# or executor, a future only the outside world could complete.
#
# A `Session` holds one run between the page's messages: `step()` runs one callback of the ready
# queue and `state()` describes the loop as it stands (the clock, the ready queue in order, the
# timers, every task and the await graph). Only the standard library and asynctrace.py: the same
# file runs under CPython for its tests (tests/py/).

import ast
import asyncio
import functools
import heapq
import inspect
import os
import sys
import time

import asynctrace


class Stalled(RuntimeError):
    """Nothing is ready and no timer is due, yet the program is not finished."""


class NotVirtual(RuntimeError):
    """The program asked for something that takes real time outside the loop."""


class VirtualLoop(asyncio.BaseEventLoop):
    """An event loop on a clock of its own, with no selector: it only ever runs callbacks and
    timers, one callback per `step()`."""

    def __init__(self):
        super().__init__()
        self.now = 0.0
        self._clock_resolution = 1e-9
        self.ran = None  # the handle the last step ran

    def time(self):
        return self.now

    def _process_events(self, event_list):
        pass

    def _write_to_self(self):
        pass  # call_soon_threadsafe: there is no other thread to wake us

    def run_in_executor(self, executor, func, *args):
        # asyncio.to_thread comes here too, its function wrapped in partial(context.run, f, ...).
        while isinstance(func, functools.partial):
            inner = func.args[0] if func.args and getattr(func.func, "__name__", "") == "run" else func.func
            func = inner
        name = getattr(func, "__qualname__", None) or repr(func)
        raise NotVirtual(f"{name!r} in a thread (run_in_executor / to_thread): a thread takes real time")

    def step(self):
        """Runs one callback, first moving the clock to the next timer when nothing is ready.
        Returns the handle it ran; raises Stalled when there is nothing left to run."""
        while True:
            if not self._ready:
                self._due()
            handle = self._ready.popleft()
            if handle._cancelled:
                continue
            self.ran = handle
            handle._run()
            return handle

    def _due(self):
        scheduled = self._scheduled
        while scheduled and scheduled[0]._cancelled:
            heapq.heappop(scheduled)._scheduled = False
        if not scheduled:
            raise Stalled("nothing is ready and no timer is due")
        self.now = max(self.now, scheduled[0]._when)
        while scheduled and scheduled[0]._when <= self.now:
            handle = heapq.heappop(scheduled)
            handle._scheduled = False
            if not handle._cancelled:
                self._ready.append(handle)

    def run_until(self, future):
        """Runs callbacks until `future` is done (asyncio.run called from inside a function: the
        whole nested run is one step of the caller)."""
        outer = asyncio.current_task(self)
        if outer is not None:
            asyncio.tasks._leave_task(self, outer)
        try:
            while not future.done():
                self.step()
        finally:
            if outer is not None:
                asyncio.tasks._enter_task(self, outer)
        return future.result()


# --- the learner's code, compiled for the virtual loop ----------------------------------------


class _TopLevelRun(ast.NodeTransformer):
    """`asyncio.run(main())` at the top level (an `if __name__ == "__main__":` included) becomes
    `await asyncio.ensure_future(main())`: the cell's top-level code is already a task on the
    loop, and awaiting keeps it steppable (a nested run could not pause between callbacks).
    Only names the module bound to asyncio or to asyncio.run are rewritten."""

    def __init__(self, modules, functions):
        self.modules, self.functions = modules, functions

    def visit_FunctionDef(self, node):
        return node  # inside a function, asyncio.run is the runtime's (VirtualLoop.run_until)

    visit_AsyncFunctionDef = visit_ClassDef = visit_Lambda = visit_FunctionDef

    def visit_Call(self, node):
        self.generic_visit(node)
        f = node.func
        named = (isinstance(f, ast.Attribute) and f.attr == "run" and isinstance(f.value, ast.Name)
                 and f.value.id in self.modules) or (isinstance(f, ast.Name) and f.id in self.functions)
        if not named or len(node.args) != 1:
            return node
        ensure = ast.parse("__import__('asyncio').ensure_future", mode="eval").body
        call = ast.Call(ensure, node.args, [])
        awaited = ast.Await(call)
        for new in [awaited, call, *ast.walk(ensure)]:  # the learner's line, for tracebacks and lanes
            ast.copy_location(new, node)
        return awaited


def compile_virtual(source, filename):
    """The code object of `source` with top-level await allowed and top-level asyncio.run calls
    made awaits."""
    tree = ast.parse(source, filename)
    modules, functions = set(), set()
    for node in tree.body:
        if isinstance(node, ast.Import):
            modules |= {a.asname or a.name for a in node.names if a.name == "asyncio"}
        elif isinstance(node, ast.ImportFrom) and node.module == "asyncio":
            functions |= {a.asname or a.name for a in node.names if a.name == "run"}
    tree = ast.fix_missing_locations(_TopLevelRun(modules, functions).visit(tree))
    return compile(tree, filename, "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)


async def _top(code, namespace):
    """The top-level code as a coroutine (task 0)."""
    result = eval(code, namespace)
    if code.co_flags & inspect.CO_COROUTINE:  # the code awaits at the top level
        await result


# --- one run -----------------------------------------------------------------------------------


class Session:
    """One run of the learner's code on a VirtualLoop, traced; driven by `step()` or `run()`."""

    def __init__(self, source, filename, namespace=None):
        code = compile_virtual(source, filename)  # a SyntaxError is raised here, before any run
        self.loop = VirtualLoop()
        self.filename = filename
        self.trace = asynctrace.Trace(filename, clock=self.loop.time, virtual=True)
        self.error = None  # what stopped the run: an exception of the program, Stalled, NotVirtual
        self.steps = 0
        self.epoch = time.time()  # time.time() on the virtual clock: this wall time + its reading
        self.finished = False
        namespace = namespace if namespace is not None else {"__name__": "__main__", "__file__": filename}
        with self.active():
            self.trace.install(self.loop)
            self.main = asyncio.Task(self.trace.top(_top(code, namespace)), loop=self.loop, name="main")

    # While the session runs, the loop is the running loop and the time module reads its clock.
    def active(self):
        return _Active(self)

    def step(self):
        """Runs one callback; False once the run is over (finished or stopped)."""
        if self.finished:
            return False
        with self.active():
            try:
                self.loop.step()
                self.steps += 1
                if self.main.done():
                    self._end()
            except Stalled:
                self.error = Stalled(self._stalled_message())
                self._end()
            except KeyboardInterrupt:  # Cancel: runner.py reports it
                raise
            except BaseException as exc:
                # sys.exit() in the program (asyncio re-raises SystemExit out of the task's step),
                # NotVirtual raised in a callback, or the loop's own error: the run ends with it.
                self.error = exc
                self._end()
        return not self.finished

    def run(self):
        while self.step():
            pass

    def _end(self):
        """Like asyncio.run's end: the tasks still pending are cancelled and given their last
        steps (a `finally` runs); the main task's exception becomes the run's error (and is
        retrieved, so asyncio does not log it as never retrieved)."""
        loop = self.loop
        if self.main.done() and not self.main.cancelled():
            failed = self.main.exception()
            self.error = self.error if self.error is not None else failed
        pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
        for t in pending:
            t.cancel()
        try:
            for _ in range(10_000):
                if not any(not t.done() for t in pending) or not (loop._ready or loop._scheduled):
                    break
                loop.step()
        except Stalled:
            pass
        self.finished = True
        loop.close()

    def _stalled_message(self):
        waiting = [t for t in asyncio.all_tasks(self.loop) if not t.done()]
        names = ", ".join(f"{t.get_name()} ({self._waits_on(t)})" for t in waiting[:6])
        return (f"the virtual clock stopped at {self.loop.now:g} s: nothing is ready and no timer is due, "
                f"yet {names or 'the program'} still wait{'s' if len(waiting) == 1 else ''}. On the virtual clock "
                "only timers make time pass: a network fetch or a JavaScript promise never completes here, and a "
                "future nobody sets waits forever. Run on the real clock for those.")

    def _waits_on(self, task):
        last = self._last_steps().get(self.trace.id_of(task))
        return _wait_label(last[4], last[5]) if last else "not started"

    def _last_steps(self):
        last = {}
        for s in self.trace.steps:
            last[s[0]] = s
        return last

    # --- what the page shows while paused ---

    def state(self):
        """The loop as it stands (a dict for JSON): the clock (ms), the step just run, the ready queue
        in order, the timers by due time, every task and who awaits whom."""
        loop, trace = self.loop, self.trace
        last = self._last_steps()
        with self.active():
            ready = [self._describe(h) for h in loop._ready if not h._cancelled]
            timers = [dict(self._describe(h), due=_ms(h._when))
                      for h in sorted(h for h in loop._scheduled if not h._cancelled)]
            tasks = []
            readied = {r.get("task") for r in ready}
            names = {e["id"]: e for e in trace.events if e["e"] == "task"}
            ended = {e[0]: e for e in trace.ends}
            for tid, traced in [(0, None)] + sorted(trace._traced.items()):
                task = self.main if tid == 0 else traced.task
                if task is None:
                    continue
                s = last.get(tid)
                entry = {"id": tid, "name": task.get_name(), "line": s[3] if s else names[tid]["line"]}
                if task.done():
                    entry["state"] = "done"
                    entry["how"] = ended[tid][2] if tid in ended else ("cancelled" if task.cancelled() else "result")
                elif tid in readied:
                    entry["state"] = "ready"
                elif s is None:
                    entry["state"] = "ready"
                else:
                    entry["state"] = "waiting"
                    entry["waits"] = _wait_label(s[4], s[5])
                tasks.append(entry)
            graph = self._graph()
        ran = self._describe(loop.ran) if loop.ran is not None else None
        if ran is not None and ran.get("task") is not None and ran["task"] in last:
            ran["line"] = last[ran["task"]][3]
        return {"now": _ms(loop.now), "steps": self.steps, "ran": ran, "ready": ready,
                "timers": timers, "tasks": tasks, "graph": graph, "finished": self.finished}

    def _describe(self, handle):
        """A handle as the page lists it: the task whose step or wake-up it is, else the callback's
        name (a sleep's timer names the task it wakes)."""
        cb = handle._callback
        owner = getattr(cb, "__self__", None)
        if isinstance(owner, asyncio.Task):
            return {"task": self._id(owner), "what": "step"}
        for arg in handle._args or ():
            if isinstance(arg, asyncio.Future):
                for waiter in _waiters(arg):
                    return {"task": self._id(waiter), "what": "wake-up"}
        name = getattr(cb, "__qualname__", None) or type(cb).__name__
        return {"task": None, "what": name}

    def _id(self, task):
        return self.trace.id_of(task)  # the main task's coroutine is traced as task 0

    def _graph(self):
        """Who awaits whom, from asyncio.capture_call_graph (Python 3.14+): per pending task, the
        tasks awaiting it and its await chain (function and line), innermost last."""
        capture = getattr(asyncio, "capture_call_graph", None)
        if capture is None:
            return None
        graph = []
        for task in sorted(asyncio.all_tasks(self.loop), key=lambda t: self._id(t) or 0):
            if task.done():
                continue
            g = capture(task, depth=0)
            chain = []
            for entry in reversed(g.call_stack):
                frame = entry.frame
                if os.path.basename(frame.f_code.co_filename) in _MACHINERY:
                    continue  # the cell's own wrappers (the top-level task's `_top`)
                chain.append({"fn": frame.f_code.co_name, "line": frame.f_lineno,
                              "mine": frame.f_code.co_filename == self.filename})
            graph.append({"task": self._id(task), "awaited_by": [self._id(p.future) for p in g.awaited_by
                                                                 if isinstance(p.future, asyncio.Task)],
                          "chain": chain})
        return graph


def _waiters(future):
    """The tasks whose wake-up is among `future`'s done callbacks."""
    for cb, _ctx in getattr(future, "_callbacks", None) or ():
        owner = getattr(cb, "__self__", None)
        if isinstance(owner, asyncio.Task):
            yield owner


def _wait_label(kind, detail):
    if kind == "sleep":
        return f"sleep({detail:g})" if isinstance(detail, (int, float)) else "sleep"
    if kind == "task" and detail is not None:
        return f"task {detail[1]}"  # (id, name): see asynctrace.Trace._traced
    return kind or "future"


def _ms(seconds):
    return round(seconds * 1000.0, 3)


class _Active:
    """Makes the session's loop the running one and the time module read its clock; everything
    is put back on exit (the worker's other code keeps the real clock)."""

    def __init__(self, session):
        self.session = session

    def __enter__(self):
        s = self.session
        loop = s.loop
        self.saved = {name: getattr(time, name) for name in _TIME}
        self.running = asyncio.events._get_running_loop()
        self.run = asyncio.run
        asyncio.events._set_running_loop(loop)

        def sleep(seconds):
            if seconds < 0:
                raise ValueError("sleep length must be non-negative")
            loop.now += seconds  # the loop is held meanwhile: no other task runs

        time.sleep = sleep
        time.time = lambda: s.epoch + loop.now
        time.time_ns = lambda: int((s.epoch + loop.now) * 1e9)
        time.monotonic = time.perf_counter = loop.time
        time.monotonic_ns = time.perf_counter_ns = lambda: int(loop.now * 1e9)

        def run(main, *, debug=None, loop_factory=None):
            return loop.run_until(loop.create_task(main))

        asyncio.run = run
        http = sys.modules.get("pyodide.http")
        self.fetch = getattr(http, "pyfetch", None) if http is not None else None
        if self.fetch is not None:
            http.pyfetch = _no_fetch
        return self

    def __exit__(self, *exc):
        for name, f in self.saved.items():
            setattr(time, name, f)
        asyncio.run = self.run
        asyncio.events._set_running_loop(self.running)
        if self.fetch is not None:
            sys.modules["pyodide.http"].pyfetch = self.fetch
        return False


_MACHINERY = ("virtualclock.py", "asynctrace.py", "runner.py")

_TIME = ("sleep", "time", "time_ns", "monotonic", "monotonic_ns", "perf_counter", "perf_counter_ns")


async def _no_fetch(url, *args, **kwargs):
    raise NotVirtual(f"pyfetch({url!r}) is a real network request: it cannot run on the virtual clock")


__all__ = ["Session", "VirtualLoop", "Stalled", "NotVirtual", "compile_virtual"]

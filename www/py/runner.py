# Runs a piece of Python the way a learner expects from a script: a fresh `__main__` namespace,
# top-level `await` allowed (the cell already runs inside Pyodide's event loop), and on an
# exception the traceback of *their* code only, without the frames of the machinery above it.
# Loaded by py/runner.mjs once per interpreter.

import asyncio
import builtins
import json
import signal
import sys
import time
import traceback
import types

from pyodide.code import eval_code_async


_running = {}  # "task": the asyncio task running run(), while it runs


def _on_cancel(signum, frame):
    """Cancel pressed: the page wrote SIGINT into the interrupt buffer. Inside run() or a virtual
    run's step (runner.py on the stack) KeyboardInterrupt unwinds the program and is reported as
    usual. Anywhere else it would escape from one of the event loop's callbacks, so the run's
    task is cancelled instead — what asyncio.run does with Ctrl+C since Python 3.11."""
    f = frame
    while f is not None:
        if f.f_code.co_filename == "runner.py":
            raise KeyboardInterrupt
        f = f.f_back
    task = _running.get("task")
    if task is not None and not task.done():
        task.cancel()


signal.signal(signal.SIGINT, _on_cancel)


def _their_traceback(exc, filename):
    """The traceback from the first frame of `filename` down (none for a SyntaxError, whose
    location is part of the exception itself)."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != filename:
        tb = tb.tb_next
    return "".join(traceback.format_exception(type(exc), exc, tb))


def _fresh_main(filename):
    """A fresh module installed as `__main__` for the run, as a script has: its functions and
    classes then pickle by name (`pickle`, `copy`, `multiprocessing` look them up there) instead
    of failing "not found as __main__.f". Returns its namespace; the next run replaces it."""
    module = types.ModuleType("__main__")
    module.__file__ = filename
    module.__builtins__ = builtins
    sys.modules["__main__"] = module
    return module.__dict__


async def run(source, filename, traced=False, on_batch=None):
    """Runs `source`; returns (failure, trace): failure is None or (type name, last line,
    traceback) of what escaped; trace is None or the JSON text of asynctrace.py's events (with
    `traced`: every asyncio task the code made, step by step). While it runs, `on_batch` gets
    the JSON text of each batch of new events."""
    namespace = _fresh_main(filename)
    trace = None
    failure = None
    pyodide_sleep, time.sleep = time.sleep, _holding_sleep
    _running["task"] = asyncio.current_task()
    try:
        code = eval_code_async(source, globals=namespace, filename=filename)
        if traced:
            import asynctrace  # written next to this file's module path by py/runner.mjs

            trace = asynctrace.Trace(filename)
            if on_batch is not None:
                trace.on_batch = lambda events: on_batch(json.dumps(events))
            await trace.run(code)
        else:
            await code
    except SystemExit as exc:
        if exc.code not in (None, 0):
            failure = _failure(exc, filename)
    except BaseException as exc:  # KeyboardInterrupt and friends too: report, never crash
        failure = _failure(exc, filename)
    finally:
        _running.pop("task", None)
        time.sleep = pyodide_sleep
        sys.stdout.flush()
        sys.stderr.flush()
    return failure, (json.dumps(trace.finish()) if trace is not None else None)


def _holding_sleep(seconds):
    """time.sleep as CPython's: the thread (and so the event loop) waits. Pyodide's own lets the
    browser run other asyncio tasks meanwhile. Slices of at most 50 ms let Cancel interrupt it."""
    from _playground_sleep import block  # registered by py/runner.mjs

    if seconds < 0:
        raise ValueError("sleep length must be non-negative")
    end = time.monotonic() + seconds
    while (left := end - time.monotonic()) > 0:
        block(min(left, 0.05) * 1000.0)


def _failure(exc, filename):
    text = _their_traceback(exc, filename)
    sys.stderr.write(text)
    sys.stderr.flush()
    last = text.rstrip().splitlines()[-1] if text.strip() else type(exc).__name__
    return (type(exc).__name__, last, text)


class VirtualRun:
    """A run on the virtual clock (virtualclock.py), driven by the worker between the page's
    messages: `step(n)` runs up to n callbacks of the loop, `run()` runs the rest, `state()` is
    the loop as it stands (JSON text); after the last step, `failure()` and `trace()` report the
    run as `run` does."""

    def __init__(self, source, filename, traced):
        import virtualclock  # written next to asynctrace.py by py/runner.mjs

        self.filename, self.traced = filename, traced
        self.session, self._failure = None, None
        try:
            self.session = virtualclock.Session(source, filename, _fresh_main(filename))
        except BaseException as exc:  # a SyntaxError: nothing runs
            self._failure = _failure(exc, filename)

    def more(self):
        return self.session is not None and not self.session.finished

    def step(self, n=1):
        """Runs up to `n` callbacks; whether the run goes on."""
        try:
            for _ in range(max(1, int(n))):
                if not self.session.step():
                    break
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
        return self.more()

    def run(self):
        self.step(1 << 62)

    def state(self):
        """The loop paused (JSON text), with the trace so far when the run is traced."""
        state = self.session.state()
        if self.traced:
            state["events"] = self.session.trace.snapshot()
        return json.dumps(state)

    def now(self):
        """The virtual clock, ms."""
        return self.session.loop.now * 1000.0 if self.session is not None else 0.0

    def failure(self):
        if self._failure is None and self.session is not None:
            exc = self.session.error
            if isinstance(exc, SystemExit):
                exc = exc if exc.code not in (None, 0) else None
            if exc is not None:
                self._failure = _failure(exc, self.filename)
        return self._failure

    def trace(self):
        if not self.traced or self.session is None:
            return None
        return json.dumps(self.session.trace.finish())

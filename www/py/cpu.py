# The CPU experiment in Python: the workload and the three ways one interpreter runs it.
# Loaded by py/cpu.mjs into a fresh Pyodide interpreter (one per web worker, like one per process).
#
# Task i sums 1/x + sqrt(x) + sin(x) + cos(x) for x = 1 .. i-1, left to right: the same
# operations in the same order as the Rust `task` (crates/workload/src/lib.rs), on the same libm
# (Emscripten's musl; Rust's libm crate is a port of it), so every S(i) has the same bits.
#
# `emit(start, values, spans, last)` hands results to the page: consecutive tasks from `start`,
# each with its start and end time (epoch ms, [s0, e0, s1, e1, ...]); `last` ends the job.

import asyncio
import time
from math import cos, sin, sqrt

# perf_counter() is the worker's performance.now() in seconds; spans are epoch ms, so the worker
# sets this to its performance.timeOrigin after loading this file.
ORIGIN_MS = 0.0


def now_ms():
    return ORIGIN_MS + time.perf_counter() * 1000.0


def task(i):
    """S(i): one task of the tutorial's workload."""
    s = 0.0
    for x in range(1, i):
        s += 1 / x + sqrt(x) + sin(x) + cos(x)
    return s


class Batcher:
    """Collects results and hands them over every `stream_ms` (0: only at the end)."""

    def __init__(self, emit, stream_ms):
        self.emit, self.stream_ms = emit, stream_ms
        self.start, self.values, self.spans = None, [], []
        self.sent_at = now_ms()

    def put(self, i, value, t0, t1):
        if self.start is not None and i != self.start + len(self.values):
            self.flush(False)  # not the next task: a batch holds consecutive tasks only
        if self.start is None:
            self.start = i
        self.values.append(value)
        self.spans += (t0, t1)
        if self.stream_ms > 0 and t1 - self.sent_at >= self.stream_ms:
            self.flush(False)

    def flush(self, last):
        self.emit(self.start or 0, self.values, self.spans, last)
        self.start, self.values, self.spans = None, [], []
        self.sent_at = now_ms()


def run_plain(start, end, stream_ms, emit):
    """Tasks in order, one after another: the serial loop (and each process's loop)."""
    out = Batcher(emit, stream_ms)
    for i in range(start, end):
        t0 = now_ms()
        v = task(i)
        out.put(i, v, t0, now_ms())
    out.flush(True)


class CpuLoop(asyncio.BaseEventLoop):
    """asyncio's own event loop (CPython's scheduler: a FIFO queue of ready callbacks), with no
    I/O to wait for. Pyodide's default loop (WebLoop) hands every switch back to the browser's
    task queue, ~0.7 ms a switch in a worker here, which would time the browser, not asyncio;
    on CPython a switch stays inside the interpreter, and so it does here."""

    class _NoIO:
        def select(self, timeout=None):
            if timeout:
                time.sleep(timeout)  # nothing to wait for but timers
            return []

        def close(self):
            pass

    def __init__(self):
        super().__init__()
        self._selector = CpuLoop._NoIO()

    def _process_events(self, event_list):
        pass


def run_asyncio(start, end, stream_ms, emit):
    """Every task a coroutine, gathered on one event loop. Each yields once before it computes,
    so the loop switches between them; still only one computes at any moment."""
    out = Batcher(emit, stream_ms)

    async def coroutine(i):
        await asyncio.sleep(0)  # hand the loop to the next coroutine
        t0 = now_ms()
        v = task(i)
        out.put(i, v, t0, now_ms())

    async def main():
        await asyncio.gather(*(coroutine(i) for i in range(start, end)))

    # Pyodide marks its WebLoop as this thread's running loop; a second loop may only run while
    # that mark is lifted (the same check stops asyncio.run() inside a running loop on CPython).
    outer = asyncio.events._get_running_loop()
    asyncio.events._set_running_loop(None)
    try:
        asyncio.run(main(), loop_factory=CpuLoop)
    finally:
        asyncio.events._set_running_loop(outer)
    out.flush(True)


def run_threads(start, end, k, stream_ms, emit):
    """k threads of one interpreter through concurrent.futures, as the tutorial's thread pool.
    Pyodide's CPython is built without threads: the first submit raises RuntimeError ("can't
    start new thread"), which the worker reports as Python said it. Where threads can start,
    this runs for real, results collected as they complete."""
    from concurrent.futures import ThreadPoolExecutor, as_completed

    def timed(i):
        t0 = now_ms()
        v = task(i)
        return i, v, t0, now_ms()

    out = Batcher(emit, 0)
    done = {}
    with ThreadPoolExecutor(max_workers=k) as pool:
        for fut in as_completed([pool.submit(timed, i) for i in range(start, end)]):
            i, v, t0, t1 = fut.result()
            done[i] = (v, t0, t1)
    # The page's batches are runs of consecutive tasks: hand them over in task order.
    for i in range(start, end):
        out.put(i, *done[i])
    out.flush(True)

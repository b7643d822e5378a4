#!/usr/bin/env python3
"""The concurrency playground's CPU experiment, to run on your own machine.

浏览器里的 Python 开不了线程；在你自己的 CPython（例如 3.14 与 3.14t）上运行这个脚本，再把结果文件拖回页面。

The workload is the tutorial's and the page's: for n, tasks i = 1 .. n-1, and task i sums
1/x + sqrt(x) + sin(x) + cos(x) for x = 1 .. i-1, left to right, in the page's operation order.
It is run by the tutorial's variants:

  py-serial           one task after another
  py-threads          ThreadPoolExecutor(k), one task per job
  py-processes        ProcessPoolExecutor(k), every chunk of tasks submitted up front
  py-processes-queue  k processes pulling chunks from one multiprocessing queue
  py-asyncio          every task a coroutine on one event loop
  interpreters        InterpreterPoolExecutor(k) where the Python has it (3.14+)

As on the page, every pool is started once before anything is timed (its start-up is reported
apart), each mode runs the page's warm-up (tasks 1 .. 1199) untimed, then every mode is timed
`rounds` times, interleaved, the order rotated each round; the median and range are reported.
Every mode's sum of S(i) must be the same, bit for bit, and is compared with the page's sum
for the same n. The results go to a JSON file the page imports.

Standard library only, Python 3.9+. Usage:
    python3 cpu_experiment.py                 # the page's settings (the DEFAULTS line below)
    python3.14t cpu_experiment.py --k 8       # the free-threaded build, 8 workers
    python3 cpu_experiment.py --n 3000 --modes py-serial,py-threads --rounds 5
    python3 cpu_experiment.py --help
"""

# Only what the workload needs is imported here: an InterpreterPoolExecutor imports this file
# again in every interpreter it starts, and needs nothing else. The rest is imported where used.
import concurrent.futures as cf
import os
import sys
import time
from math import cos, sin, sqrt

# The page rewrites this one line with its settings when it hands you this file (and adds its own
# sum for that n as "checksum" when it has one); command-line flags override it.
DEFAULTS = {"n": 3000, "k": 4, "chunk": 25, "rounds": 3}  # playground: settings

FORMAT = "playground-take-home/1"

# The page's sums of S(i) (its Rust workload on musl's libm, as the page shows them), for the
# sizes a learner is likely to pick, so the script can check its own without a page run.
PAGE_SUMS = {
    300: "413878.4349071171",
    1000: "8418356.942201745",
    2000: "47657936.33483325",
    3000: "131367257.10668072",
    5000: "471210350.67225987",
    10000: "2666089982.568679",
    20000: "15083252857.688938",
    50000: "149064275242.31494",
}

# The page's untimed warm-up: tasks 1 .. WARMUP_N - 1 through the same pool (src/modes/mod.rs).
WARMUP_N = 1200
# The page's automatic chunk size aims at this many chunks per worker (src/core/chunks.rs).
AUTO_CHUNKS_PER_WORKER = 16


# --- the workload: one function every mode calls, so every mode computes the same bits ----------


def task(i):
    """S(i): the sum the tutorial's loop computes for task i."""
    s = 0.0
    for x in range(1, i):
        s += 1 / x + sqrt(x) + sin(x) + cos(x)
    return s


def run_job(job):
    """Tasks start .. end-1, in order: one job (a chunk) of a pool."""
    start, end = job
    return [task(i) for i in range(start, end)]


def jobs(n, chunk):
    """Tasks 1 .. n-1 as (start, end) chunks of `chunk` tasks, the last one shorter."""
    return [(a, min(a + chunk, n)) for a in range(1, max(n, 1), chunk)]


def checksum(values):
    """Σ S(i), added in ascending i: the page's checksum."""
    s = 0.0
    for v in values:
        s += v
    return s


def worker_id(_):
    """Which thread of which process ran this (a pool's start-up runs one per worker)."""
    import threading

    return os.getpid(), threading.get_ident()


# --- the modes: one function each, given the settings, its pool and a progress counter --------


def py_serial(s, pool, tick):
    values = []
    for i in range(1, s["n"]):
        values.append(task(i))
        tick(1)
    return values


def py_threads(s, pool, tick):
    """One job per task, results collected as they complete (the page's py-threads)."""
    futures = {pool.submit(task, i): i for i in range(1, s["n"])}
    values = [0.0] * (s["n"] - 1)
    for f in cf.as_completed(futures):
        values[futures[f] - 1] = f.result()
        tick(1)
    return values


def on_chunks(s, pool, tick):
    """Every chunk submitted up front, results collected as they complete (the page's
    py-processes); the interpreter pool runs the same way."""
    futures = {pool.submit(run_job, job): job for job in jobs(s["n"], s["chunk"])}
    values = [0.0] * (s["n"] - 1)
    for f in cf.as_completed(futures):
        start, end = futures[f]
        values[start - 1:end - 1] = f.result()
        tick(end - start)
    return values


def py_processes_queue(s, pool, tick):
    """k processes take the next chunk from one queue whenever they are free."""
    work = jobs(s["n"], s["chunk"])
    for job in work:
        pool.todo.put(job)
    values = [0.0] * (s["n"] - 1)
    for _ in work:
        start, part = pool.result()  # in whatever order the processes finish
        values[start - 1:start - 1 + len(part)] = part
        tick(len(part))
    return values


def py_asyncio(s, pool, tick):
    """Every task an `async def` coroutine, gathered on one event loop. Each yields once before
    it computes, so the loop switches between them; still only one computes at any moment."""
    import asyncio

    async def one(i):
        await asyncio.sleep(0)
        v = task(i)
        tick(1)
        return v

    async def main():
        return await asyncio.gather(*(one(i) for i in range(1, s["n"])))

    return list(asyncio.run(main()))


# --- the pools: started once, before anything is timed, like creating the executor -------------


class NotAvailable(Exception):
    """The mode cannot exist in this Python (reported, not an error)."""


def started(pool, k):
    """Runs one no-op job per worker, so the pool has started its threads or processes (they
    start on demand) before its start-up time is taken."""
    list(pool.map(worker_id, range(k)))
    return pool


def quiet_child():
    """In a worker process: Ctrl-C (sent to every process of the terminal) ends it silently, as it
    ends a C program, instead of each worker printing a KeyboardInterrupt traceback."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)


def queue_worker(todo, done):
    """A process of the queue mode: says it is ready, then takes chunks until it gets None."""
    quiet_child()
    done.put(None)
    for job in iter(todo.get, None):
        done.put((job[0], run_job(job)))


class QueuePool:
    """k processes pulling jobs from one multiprocessing queue (the tutorial's process + queue)."""

    def __init__(self, k):
        import multiprocessing as mp

        self.todo, self.done = mp.Queue(), mp.Queue()
        self.procs = [mp.Process(target=queue_worker, args=(self.todo, self.done), daemon=True) for _ in range(k)]
        for p in self.procs:
            p.start()
        for _ in self.procs:
            self.result()  # every process is running

    def result(self):
        """The next result from any process; an error, not a hang, if one of them died."""
        import queue

        while True:
            try:
                return self.done.get(timeout=0.5)
            except queue.Empty:
                if not all(p.is_alive() for p in self.procs):
                    raise RuntimeError("a process of the pool died") from None

    def shutdown(self, wait=True, cancel_futures=False):
        for _ in self.procs:
            self.todo.put(None)
        for p in self.procs:
            p.join(timeout=10 if wait else 0.1)
            if p.is_alive():
                p.terminate()


def thread_pool(k):
    return started(cf.ThreadPoolExecutor(k), k)


def process_pool(k):
    return started(cf.ProcessPoolExecutor(k, initializer=quiet_child), k)


def interpreter_pool(k):
    cls = getattr(cf, "InterpreterPoolExecutor", None)
    if cls is None:
        why = ("this 3.14 build has none (Pyodide's, for one)" if sys.version_info >= (3, 14)
               else "InterpreterPoolExecutor is new in 3.14")
        raise NotAvailable(f"not available in this Python ({why})")
    return started(cls(k), k)


# id → (label, pool factory or None, function). The ids are the page's where it has the mode.
MODES = {
    "py-serial": ("serial", None, py_serial),
    "py-threads": ("ThreadPoolExecutor({k})", thread_pool, py_threads),
    "py-processes": ("ProcessPoolExecutor({k})", process_pool, on_chunks),
    "py-processes-queue": ("{k} processes + multiprocessing.Queue", QueuePool, py_processes_queue),
    "py-asyncio": ("asyncio coroutines", None, py_asyncio),
    "interpreters": ("InterpreterPoolExecutor({k})", interpreter_pool, on_chunks),
}
# Their pools start first, before any other: forking a process that already runs threads (a
# thread pool's, a queue's feeder thread) can deadlock the child, and Python 3.12+ warns of it.
FORKS_FIRST = ("py-processes-queue", "py-processes")
# Shorter names accepted by --modes.
ALIASES = {"serial": "py-serial", "threads": "py-threads", "processes": "py-processes",
           "processes-queue": "py-processes-queue", "queue": "py-processes-queue", "asyncio": "py-asyncio"}


# --- running ------------------------------------------------------------------------------------


class Progress:
    """One line on stderr, rewritten in place on a terminal; elsewhere (a pipe, a log) one line
    per timed run, so the log is not a heap of carriage returns."""

    def __init__(self):
        self.live = sys.stderr.isatty()
        self.what, self.done, self.total, self.shown = "", 0, 0, 0.0

    def start(self, what, total):
        self.what, self.done, self.total = what, 0, total
        self.show()

    def tick(self, tasks):
        self.done += tasks
        if self.live and time.perf_counter() - self.shown > 0.25:
            self.show()

    def show(self):
        if self.live:
            self.shown = time.perf_counter()
            line = f"{self.what} · {self.done}/{self.total} tasks" if self.total else self.what
            sys.stderr.write("\r" + line[:78].ljust(78))
            sys.stderr.flush()

    def log(self, text):
        sys.stderr.write(("\r" + " " * 78 + "\r" if self.live else "") + text + "\n")
        sys.stderr.flush()

    def clear(self):
        if self.live:
            sys.stderr.write("\r" + " " * 78 + "\r")
            sys.stderr.flush()


def ms_since(t0):
    return round((time.perf_counter() - t0) * 1000, 3)


def median(xs):
    xs = sorted(xs)
    mid = len(xs) // 2
    return xs[mid] if len(xs) % 2 else (xs[mid - 1] + xs[mid]) / 2


def new_entry(mode, k):
    return {"mode": mode, "label": MODES[mode][0].format(k=k), "status": "done", "samples_ms": [],
            "median_ms": None, "min_ms": None, "max_ms": None, "startup_ms": None, "checksum": None,
            "checksum_match": None, "errors": [], "note": None}


def fail(entry, e):
    entry["status"] = "failed"
    entry["errors"].append(f"{type(e).__name__}: {e}")


def start_pool(mode, s, entry, pools, progress):
    """Starts the mode's pool, timed apart from the rounds, like creating the executor."""
    factory = MODES[mode][1]
    if factory is None:
        return
    progress.start(f"starting {entry['label']}", 0)
    try:
        t0 = time.perf_counter()
        pools[mode] = factory(s["k"])
        entry["startup_ms"] = ms_since(t0)
    except NotAvailable as e:
        entry.update(status="unavailable", note=str(e))
    except Exception as e:  # a mode that cannot run here (no threads, no processes) says why
        fail(entry, e)


def warm_up(mode, s, entry, pools, progress):
    """The page's warm-up through the mode's pool, untimed."""
    warm = dict(s, n=min(s["n"], WARMUP_N))
    progress.start(f"warm-up · {entry['label']}", warm["n"] - 1)
    try:
        MODES[mode][2](warm, pools.get(mode), progress.tick)
    except Exception as e:
        fail(entry, e)


def timed_run(mode, s, entry, pools, progress, label):
    """One timed run: the wall time, and the sum it computed, which must be every round's."""
    progress.start(label, s["n"] - 1)
    try:
        t0 = time.perf_counter()
        values = MODES[mode][2](s, pools.get(mode), progress.tick)
        ms = ms_since(t0)
    except Exception as e:
        return fail(entry, e)
    if len(values) != s["n"] - 1:
        return fail(entry, RuntimeError(f"{len(values)} results for {s['n'] - 1} tasks"))
    total = checksum(values)
    if entry["checksum"] is not None and float(entry["checksum"]) != total:
        return fail(entry, RuntimeError(f"this round summed to {total!r}, an earlier one to {entry['checksum']}"))
    entry["checksum"] = repr(total)  # repr keeps every bit, and is how the page shows the sum
    entry["samples_ms"].append(ms)
    progress.log(f"{label}: {ms:.1f} ms")


def run(s, chosen):
    """Every chosen mode: pools and warm-ups first, then the rounds, the order rotated each round
    (src/core/rounds.rs), so no mode always runs first or after the same neighbour."""
    entries = {m: new_entry(m, s["k"]) for m in chosen}
    pools, progress = {}, Progress()
    try:
        for mode in sorted(chosen, key=lambda m: FORKS_FIRST.index(m) if m in FORKS_FIRST else len(FORKS_FIRST)):
            start_pool(mode, s, entries[mode], pools, progress)
        for mode in chosen:
            if entries[mode]["status"] == "done":
                warm_up(mode, s, entries[mode], pools, progress)
        for r in range(s["rounds"]):
            live = [m for m in chosen if entries[m]["status"] == "done"]
            for j in range(len(live)):
                mode = live[(j + r) % len(live)]
                label = f"round {r + 1}/{s['rounds']} · {entries[mode]['label']}"
                timed_run(mode, s, entries[mode], pools, progress, label)
    finally:
        progress.clear()
        for pool in pools.values():
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)
    return [entries[m] for m in chosen]


# --- the page's sum, the summary and the file ----------------------------------------------------


def parse_sum(value):
    """A sum as the page gives it: a number, its decimal text, or float.hex() text."""
    if isinstance(value, str) and "p" in value.lower():
        return float.fromhex(value)
    return float(value)


def page_sum(n):
    """The page's sum for n: the one the page wrote into DEFAULTS for its own n, else the table's."""
    if n == DEFAULTS.get("n") and DEFAULTS.get("checksum") is not None:
        return parse_sum(DEFAULTS["checksum"])
    return float(PAGE_SUMS[n]) if n in PAGE_SUMS else None


def compare(ours, page):
    """(equal, what to say): equal means the same bits."""
    if page is None:
        return None, "no page sum for this n to compare with (run the same n on the page to get one)"
    if ours == page:
        return True, f"bit-identical to the page's {page!r}"
    if abs(ours - page) <= 1e-12 * abs(page):
        return False, (f"not the page's {page!r} in the last bits: this Python's sin/cos (its platform's "
                       "libm) round some x differently from the browser's (musl); the page still accepts it")
    return False, f"DIFFERENT from the page's {page!r}: this is not the page's workload"


def summarise(entries, page):
    """Medians and ranges; whether the modes agree, and how their sum stands against the page's."""
    for e in entries:
        if e["samples_ms"]:
            e["median_ms"] = round(median(e["samples_ms"]), 3)
            e["min_ms"], e["max_ms"] = min(e["samples_ms"]), max(e["samples_ms"])
    sums = {e["checksum"] for e in entries if e["checksum"] is not None and e["status"] == "done"}
    verdict = None
    if len(sums) == 1:
        equal, verdict = compare(float(next(iter(sums))), page)
        for e in entries:
            if e["checksum"] is not None:
                e["checksum_match"] = equal
                if equal is False:
                    e["note"] = verdict
    return len(sums) <= 1, verdict


def table(entries):
    serial = next((e["median_ms"] for e in entries if e["mode"] == "py-serial"), None)
    rows = [("mode", "median", "range", "speedup", "start-up", "sum")]
    for e in entries:
        if e["median_ms"] is None:
            rows.append((e["label"], e["status"], "", "", "", e["note"] or "; ".join(e["errors"])))
            continue
        speedup = f"{serial / e['median_ms']:.2f}x" if serial and e["median_ms"] else ""
        startup = f"{e['startup_ms']:.0f} ms" if e["startup_ms"] is not None else ""
        rows.append((e["label"], f"{e['median_ms']:.1f} ms", f"{e['min_ms']:.1f}-{e['max_ms']:.1f}", speedup,
                     startup, e["checksum"] if e["status"] == "done" else "; ".join(e["errors"])))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows)


def python_facts():
    import platform
    import sysconfig

    return {
        "version": platform.python_version(),
        "implementation": platform.python_implementation(),
        "sys_version": sys.version,
        # False on a free-threaded build running without the GIL; None before 3.13.
        "gil_enabled": sys._is_gil_enabled() if hasattr(sys, "_is_gil_enabled") else None,
        "free_threaded": sysconfig.get_config_var("Py_GIL_DISABLED") == 1,
    }


def default_out(py):
    """cpu-python3.14t.json: the experiment, the version, and t for a free-threaded build."""
    return f"cpu-python{'.'.join(py['version'].split('.')[:2])}{'t' if py['free_threaded'] else ''}.json"


# --- the command line ------------------------------------------------------------------------------


def chunk_size(text, n, k):
    """`auto` is the page's choice: about 16 chunks per worker (src/core/chunks.rs)."""
    if str(text).strip().lower() == "auto":
        tasks, per = max(n - 1, 0), k * AUTO_CHUNKS_PER_WORKER
        return max(-(-tasks // per), 1)
    return int(text)


def default_modes():
    """The modes the page wrote into DEFAULTS, those this script has; else all of them."""
    named = [ALIASES.get(m, m) for m in DEFAULTS.get("modes") or []]
    return [m for m in named if m in MODES] or list(MODES)


def parse_args(argv):
    import argparse

    p = argparse.ArgumentParser(description="The playground's CPU experiment on this Python. Flags override "
                                "the settings the page wrote into the file.")
    p.add_argument("--n", type=int, default=DEFAULTS["n"], help="tasks 1 .. n-1 (default %(default)s)")
    p.add_argument("--k", type=int, default=DEFAULTS["k"],
                   help="threads / processes / interpreters (default %(default)s)")
    p.add_argument("--chunk", default=str(DEFAULTS["chunk"]),
                   help="tasks per job sent to a process or interpreter pool, or auto (default %(default)s)")
    p.add_argument("--rounds", type=int, default=DEFAULTS["rounds"], help="timed runs per mode (default %(default)s)")
    p.add_argument("--modes", default=",".join(default_modes()),
                   help="comma-separated, of: " + ", ".join(MODES) + " (default: all)")
    p.add_argument("--out", help="the JSON result (default: cpu-python<version>[t].json in this folder)")
    a = p.parse_args(argv)
    chosen = [ALIASES.get(m.strip(), m.strip()) for m in a.modes.split(",") if m.strip()]
    unknown = [m for m in chosen if m not in MODES]
    if unknown or not chosen:
        p.error(f"unknown mode(s) {', '.join(unknown)}; choose from {', '.join(MODES)}")
    try:
        chunk = chunk_size(a.chunk, a.n, max(a.k, 1))
    except ValueError:
        p.error(f"--chunk must be a whole number or auto, not {a.chunk!r}")
    if a.n < 2 or a.k < 1 or chunk < 1 or a.rounds < 1:
        p.error("n must be at least 2, and k, chunk and rounds at least 1")
    settings = {"n": a.n, "k": a.k, "chunk": chunk, "rounds": a.rounds}
    return settings, list(dict.fromkeys(chosen)), a.out


def no_encoding_errors():
    """A console or pipe whose encoding lacks · (an old Windows code page) gets ? instead of a
    UnicodeEncodeError at the end of a long run."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")


def main(argv=None):
    import json
    import platform
    from datetime import datetime, timezone

    settings, chosen, out = parse_args(argv)
    no_encoding_errors()
    py = python_facts()
    started_at, t0 = datetime.now(timezone.utc), time.perf_counter()
    build = "free-threaded" if py["free_threaded"] else "GIL"
    if py["free_threaded"] and py["gil_enabled"]:
        build = "free-threaded build, GIL on"
    print(f"{py['implementation']} {py['version']} ({build}), {platform.system()} {platform.machine()}, "
          f"{os.cpu_count()} CPUs; n = {settings['n']}, k = {settings['k']}, chunk = {settings['chunk']}, "
          f"{settings['rounds']} round{'s' if settings['rounds'] != 1 else ''}", flush=True)
    entries = run(settings, chosen)
    agree, verdict = summarise(entries, page_sum(settings["n"]))
    print(table(entries))
    print("every mode's sum is the same" if agree else "THE MODES' SUMS DIFFER: one of them computed something else",
          end="")
    print(f"; {verdict}" if verdict else "")
    result = {
        "format": FORMAT, "experiment": "cpu", "python": py,
        "platform": {"system": platform.system(), "machine": platform.machine(), "cpus": os.cpu_count()},
        "settings": settings, "started": started_at.isoformat(timespec="seconds"),
        "minutes": round((time.perf_counter() - t0) / 60, 3), "modes": entries,
    }
    out = out or default_out(py)
    with open(out, "w", encoding="utf-8") as f:
        json.dump(result, f, indent=1)
        f.write("\n")
    print(f"wrote {out}: drop it on the playground's CPU panel to see it beside the browser's numbers")
    return 0 if agree else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.stderr.write("\ninterrupted: no result written\n")
        sys.exit(130)

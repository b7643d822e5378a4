#!/usr/bin/env python3
"""The concurrency playground's CPU experiment, to run on your own machine.

浏览器里的 Python 开不了线程；在你自己的 CPython（3.14 与 3.14t）上运行这个脚本，再把结果文件拖回页面。

The workload is the tutorial's: for n, tasks i = 1 .. n-1, and task i sums
1/x + sqrt(x) + sin(x) + cos(x) for x = 1 .. i-1, left to right — the page's exact operation
order. It is timed serially, on a ThreadPoolExecutor, a ProcessPoolExecutor, processes pulling
jobs from a multiprocessing queue, asyncio coroutines, and an InterpreterPoolExecutor where the
Python has one (3.14+). Every pool is created once, before the timed rounds (its start-up is
reported apart, like creating the executor), each mode runs once untimed, then the modes are
timed `rounds` times, interleaved. The results go to a JSON file the page imports.

Standard library only, Python 3.9+. Usage:
    python3 cpu_experiment.py                 # the page's settings (below)
    python3.14t cpu_experiment.py --k 8       # the free-threaded build, 8 workers
    python3 cpu_experiment.py --help
"""

import argparse
import asyncio
import concurrent.futures as cf
import json
import multiprocessing as mp
import os
import platform
import statistics
import sys
import sysconfig
import time
from datetime import datetime, timezone
from math import cos, sin, sqrt

# The page writes its settings here when it hands you this file; flags override them.
DEFAULTS = {"n": 3000, "k": 4, "chunk": 25, "rounds": 3}  # playground: settings

FORMAT = "playground-take-home/1"


# --- the workload (one function, called by every mode: the same answer, bit for bit) ------------


def task(i):
    """S(i): the sum the tutorial's loop computes for task i."""
    s = 0.0
    for x in range(1, i):
        s += 1 / x + sqrt(x) + sin(x) + cos(x)
    return s


def run_job(job):
    """The tasks start .. end-1, in order (one message's worth for a pool)."""
    start, end = job
    return [task(i) for i in range(start, end)]


def jobs(n, chunk):
    """Tasks 1 .. n-1 as (start, end) slices of `chunk` tasks."""
    return [(a, min(a + chunk, n)) for a in range(1, max(n, 1), chunk)]


def flat(parts):
    return [v for part in parts for v in part]


# --- the modes: each one small, each given its pool (created once, before timing) ---------------


def serial(n, chunk, pool):
    return run_job((1, n))


def on_pool(n, chunk, pool):
    """threads, processes and interpreters alike: the jobs mapped over the pool, in order."""
    return flat(pool.map(run_job, jobs(n, chunk)))


def queue_worker(todo, done):
    """A process of the queue mode: takes jobs until it gets None."""
    for job in iter(todo.get, None):
        done.put((job[0], run_job(job)))


class QueuePool:
    """k processes pulling jobs from one multiprocessing queue (the tutorial's process + queue)."""

    def __init__(self, k):
        self.todo, self.done = mp.Queue(), mp.Queue()
        self.procs = [mp.Process(target=queue_worker, args=(self.todo, self.done), daemon=True) for _ in range(k)]
        for p in self.procs:
            p.start()

    def shutdown(self):
        for _ in self.procs:
            self.todo.put(None)
        for p in self.procs:
            p.join(timeout=10)


def processes_queue(n, chunk, pool):
    work = jobs(n, chunk)
    for job in work:
        pool.todo.put(job)
    parts = dict(pool.done.get() for _ in work)  # results come in any order
    return flat(parts[start] for start, _ in work)


async def _one(i):
    return task(i)


def coroutines(n, chunk, pool):
    """Every task a coroutine on one event loop: they run one after another (none awaits)."""

    async def main():
        return await asyncio.gather(*(_one(i) for i in range(1, n)))

    return list(asyncio.run(main()))


def interpreter_pool(k):
    cls = getattr(cf, "InterpreterPoolExecutor", None)
    if cls is None:
        raise NotAvailable("InterpreterPoolExecutor needs Python 3.14+")
    return cls(k)


class NotAvailable(Exception):
    pass


# id → (label, pool factory or None, function)
MODES = {
    "serial": ("serial", None, serial),
    "threads": ("ThreadPoolExecutor({k})", lambda k: cf.ThreadPoolExecutor(k), on_pool),
    "processes": ("ProcessPoolExecutor({k})", lambda k: cf.ProcessPoolExecutor(k), on_pool),
    "processes-queue": ("{k} processes + multiprocessing.Queue", QueuePool, processes_queue),
    "asyncio": ("asyncio coroutines", None, coroutines),
    "interpreters": ("InterpreterPoolExecutor({k})", interpreter_pool, on_pool),
}


# --- running and reporting -----------------------------------------------------------------------


def python_facts():
    gil = sys._is_gil_enabled() if hasattr(sys, "_is_gil_enabled") else None
    return {
        "version": platform.python_version(),
        "implementation": platform.python_implementation(),
        "sys_version": sys.version,
        "gil_enabled": gil,
        "free_threaded": sysconfig.get_config_var("Py_GIL_DISABLED") == 1,
    }


def checksum(values):
    """Σ S(i), added in ascending i (the page's checksum)."""
    s = 0.0
    for v in values:
        s += v
    return s


def compare(ours, page):
    """How our sum stands against the page's: None without one to compare."""
    if page is None:
        return None, "no page sum for this n to compare with"
    if ours == page:
        return True, "bit-identical to the page's"
    if abs(ours - page) <= 1e-12 * abs(page):
        return True, ("equal to the page's to 12 digits: this Python's libm (sin, cos) differs from the "
                      "browser's (musl) in the last bit for some x")
    return False, f"DIFFERENT from the page's {page!r}"


def progress(text):
    sys.stderr.write("\r" + text.ljust(72)[:72])
    sys.stderr.flush()


def run(settings, chosen):
    n, k, chunk, rounds = settings["n"], settings["k"], settings["chunk"], settings["rounds"]
    results, pools = {}, {}
    for mode in chosen:
        label, factory, _ = MODES[mode]
        entry = results[mode] = {"mode": mode, "label": label.format(k=k), "status": "done", "samples_ms": [],
                                 "startup_ms": None, "checksum": None, "errors": []}
        progress(f"starting {entry['label']} …")
        try:
            t0 = time.perf_counter()
            pools[mode] = factory(k) if factory else None
            entry["startup_ms"] = round((time.perf_counter() - t0) * 1000, 3) if factory else None
            values = MODES[mode][2](n, chunk, pools[mode])  # the untimed warm-up, and the answer
            entry["checksum"] = checksum(values)
            if len(values) != max(n - 1, 0):
                raise RuntimeError(f"{len(values)} results for {n - 1} tasks")
        except NotAvailable as e:
            entry.update(status="unavailable", note=str(e))
        except Exception as e:  # a mode that cannot run here (no threads, no processes) says why
            entry.update(status="failed", errors=[f"{type(e).__name__}: {e}"])
    live = [m for m in chosen if results[m]["status"] == "done"]
    for r in range(rounds):
        for j, mode in enumerate(live[r % len(live):] + live[:r % len(live)] if live else []):
            progress(f"round {r + 1}/{rounds} · {results[mode]['label']}")
            t0 = time.perf_counter()
            MODES[mode][2](n, chunk, pools[mode])
            results[mode]["samples_ms"].append(round((time.perf_counter() - t0) * 1000, 3))
    for pool in pools.values():
        if pool is not None:
            pool.shutdown()
    progress("")
    sys.stderr.write("\r")
    return [results[m] for m in chosen]


def summarise(entries, page_sum):
    serial_ms = None
    for e in entries:
        if e["samples_ms"]:
            e["median_ms"] = round(statistics.median(e["samples_ms"]), 3)
            e["min_ms"], e["max_ms"] = min(e["samples_ms"]), max(e["samples_ms"])
            if e["mode"] == "serial":
                serial_ms = e["median_ms"]
        if e["checksum"] is not None:
            e["checksum_match"], e["checksum_note"] = compare(e["checksum"], page_sum)
    sums = {e["checksum"] for e in entries if e["checksum"] is not None}
    return serial_ms, len(sums) <= 1


def table(entries, serial_ms):
    rows = [("mode", "median", "range", "speedup", "start-up", "checksum")]
    for e in entries:
        if e["status"] != "done":
            rows.append((e["label"], e["status"], "", "", "", e.get("note") or "; ".join(e["errors"])))
            continue
        speed = f"{serial_ms / e['median_ms']:.2f}x" if serial_ms and e["median_ms"] else ""
        start = f"{e['startup_ms']:.0f} ms" if e["startup_ms"] is not None else ""
        rows.append((e["label"], f"{e['median_ms']:.1f} ms", f"{e['min_ms']:.1f}-{e['max_ms']:.1f}", speed, start,
                     repr(e["checksum"])))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows)


def main(argv=None):
    p = argparse.ArgumentParser(description="The playground's CPU experiment on this Python.")
    p.add_argument("--n", type=int, default=DEFAULTS["n"], help="tasks 1 .. n-1 (default %(default)s)")
    p.add_argument("--k", type=int, default=DEFAULTS["k"], help="threads / processes / interpreters (default %(default)s)")
    p.add_argument("--chunk", type=int, default=DEFAULTS["chunk"], help="tasks per job sent to a pool (default %(default)s)")
    p.add_argument("--rounds", type=int, default=DEFAULTS["rounds"], help="timed rounds per mode (default %(default)s)")
    p.add_argument("--modes", default=",".join(MODES), help="comma-separated, of: " + ", ".join(MODES))
    p.add_argument("--out", help="the JSON result (default: cpu-python<version>[t].json here)")
    a = p.parse_args(argv)
    chosen = [m.strip() for m in a.modes.split(",") if m.strip()]
    unknown = [m for m in chosen if m not in MODES]
    if unknown or not chosen:
        p.error(f"unknown mode(s) {', '.join(unknown)}; choose from {', '.join(MODES)}")
    if a.n < 2 or a.k < 1 or a.chunk < 1 or a.rounds < 1:
        p.error("n must be at least 2, and k, chunk and rounds at least 1")
    settings = {"n": a.n, "k": a.k, "chunk": a.chunk, "rounds": a.rounds}
    # The page's sum holds for the page's n only.
    page_sum = DEFAULTS.get("checksum") if a.n == DEFAULTS.get("n") else None
    py = python_facts()
    started, t0 = datetime.now(timezone.utc), time.perf_counter()
    print(f"CPython {py['version']} ({'free-threaded' if py['free_threaded'] else 'GIL'}), "
          f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs; n = {a.n}, k = {a.k}, "
          f"chunk = {a.chunk}, {a.rounds} rounds")
    entries = run(settings, chosen)
    serial_ms, agree = summarise(entries, page_sum)
    print(table(entries, serial_ms))
    first = next((e for e in entries if e.get("checksum_note")), None)
    print("every mode's sum is the same" if agree else "THE MODES' SUMS DIFFER", end="")
    print(f"; {first['checksum_note']}" if first else "")
    result = {
        "format": FORMAT, "experiment": "cpu", "python": py,
        "platform": {"system": platform.system(), "machine": platform.machine(), "cpus": os.cpu_count()},
        "settings": settings, "started": started.isoformat(timespec="seconds"),
        "minutes": round((time.perf_counter() - t0) / 60, 2), "modes": entries,
    }
    out = a.out or f"cpu-python{py['version'].rsplit('.', 1)[0]}{'t' if py['free_threaded'] else ''}.json"
    with open(out, "w", encoding="utf-8") as f:
        json.dump(result, f, indent=1)
        f.write("\n")
    print(f"wrote {out}: drop it on the playground's CPU panel to see it beside the browser's numbers")
    return 0 if agree else 1


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""The concurrency playground's I/O experiment, to run on your own machine.

在你自己的 CPython 上，用线程、进程和 asyncio 从本机的模拟服务器下载同一批图片，再把结果文件拖回页面。

The page downloads `count` thumbnails through a simulated network; this script does the same over
real HTTP on 127.0.0.1. It starts its own server (in a process of its own, so the server's threads
never compete with the client's for the GIL) that runs the page's network model in real time
(src/core/net: latency ± jitter, bandwidth shared by the transfers in flight, a connection cap
with a FIFO queue, and 503 failures drawn from the seed exactly as the page draws them, so the
same requests fail). Each response is held until the model says its last byte arrived.
The images are stand-ins of the page's sizes (the bundled thumbnails'), checked byte for byte.

The tutorial's variants download them:

  py-serial           one request after another (urllib)
  py-threads          ThreadPoolExecutor(k), one request per job
  py-processes        ProcessPoolExecutor(k), each process given its share up front
  py-processes-queue  k processes taking the next request from one multiprocessing queue
  py-bounded          asyncio with at most k connections (an asyncio.Semaphore), its own HTTP client
  py-gather           asyncio, every request at once
  py-blocking         asyncio whose download is a blocking urllib call: nothing overlaps

Pools start once, before anything is timed (their start-up is reported apart), then every mode
runs `rounds` times, interleaved, each run against a fresh model; the median and range, the
bytes, the failures and the model's ideal time for each mode are reported and written to a JSON
file the page imports.

Standard library only, Python 3.9+. Usage:
    python3 io_experiment.py                  # the page's settings (the DEFAULTS line below)
    python3 io_experiment.py --count 100 --latency 50 --fail 0.1 --k 8
    python3 io_experiment.py --help
"""

import os
import sys
import time

# The page rewrites this one line with its settings when it hands you this file; flags override it.
DEFAULTS = {"count": 48, "latency": 100, "jitter": 20, "bandwidth": 2000, "conn": 6, "fail": 0, "seed": 1, "k": 4, "rounds": 3}  # playground: settings

FORMAT = "playground-take-home/1"

# Sizes of the page's 48 thumbnails (www/images/manifest.json); request j gets image j mod 48.
IMAGE_BYTES = [
    19490, 38685, 29828, 33562, 13743, 10170, 29657, 38318, 24782, 13499, 30098, 17605,
    26060, 39878, 30936, 18304, 15759, 14692, 16842, 24726, 28585, 37479, 25948, 15547,
    14901, 34372, 16376, 40379, 27819, 10566, 27695, 22247, 31970, 38195, 15713, 24053,
    35679, 24430, 11144, 28189, 30822, 21320, 15053, 26503, 34770, 31135, 24962, 37949,
]


def image_name(j):
    return f"img-{j % len(IMAGE_BYTES) + 1:02d}.png"


def image_size(j):
    return IMAGE_BYTES[j % len(IMAGE_BYTES)]


_BODIES = {}


def image_body(j):
    """The stand-in for image j: a PNG signature, then bytes drawn from its name, of its size.
    Server and clients make the same one, so a client can check every byte it received."""
    import hashlib

    name = image_name(j)
    if name not in _BODIES:
        _BODIES[name] = b"\x89PNG\r\n\x1a\n" + hashlib.shake_128(name.encode()).digest(image_size(j) - 8)
    return _BODIES[name]


# --- the page's network model (a port of src/core/net: the same draws, the same event order) ---

M64 = (1 << 64) - 1
GOLDEN_GAMMA = 0x9E3779B97F4A7C15
EPS_BYTES, EPS_REL = 1e-6, 1e-12
INF = float("inf")


def mix64(z):
    """SplitMix64's output function, on 64-bit unsigned integers (Python's are unbounded)."""
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
    return z ^ (z >> 31)


def request_draw(net, key, attempt=0):
    """(latency ms, fails) of request `key`: SplitMix64 seeded with a hash of (seed, key, attempt),
    its first output the jitter, its second the failure, exactly as the page's `request_draw`.
    Which requests fail depends on seed and fail rate only."""
    state = mix64(mix64((net["seed"] + GOLDEN_GAMMA) & M64) ^ ((key << 32) | attempt))
    units = []
    for _ in range(2):
        state = (state + GOLDEN_GAMMA) & M64
        units.append((mix64(state) >> 11) * (1.0 / (1 << 53)))
    offset = (2.0 * units[0] - 1.0) * net["jitter"]
    return max(net["latency"] + offset, 0.0), units[1] < net["fail"]


class Request:
    __slots__ = ("req_id", "key", "bytes", "latency", "fails", "latency_end")

    def __init__(self, req_id, key, size, draw):
        self.req_id, self.key, self.bytes = req_id, key, size
        self.latency, self.fails = draw
        self.latency_end = None  # set when it gets a connection slot


class NetSim:
    """The page's server model, driven by the caller's clock (ms). A request waits in a FIFO queue
    for one of `conn` slots, then pays its latency, then shares the bandwidth equally with every
    transfer in progress (processor sharing, simulated exactly with a virtual-work clock: a
    transfer started at work w is done when the work reaches w + bytes). Failing requests answer
    503 after their latency. Completions are (finish_ms, req_id, key, status, bytes)."""

    def __init__(self, net):
        self.net = net
        self.bytes_per_ms = INF if net["bandwidth"] == 0 else float(net["bandwidth"])
        self.clock = self.anchor = self.work = 0.0
        self.queue, self.latent, self.transfers, self.done = [], [], [], []

    def submit(self, now, req_id, key, size):
        self._run_until(now)
        self.clock = max(self.clock, now)
        self.queue.append(Request(req_id, key, size, request_draw(self.net, key)))
        self._admit(self.clock)

    def next_event(self):
        times = [r.latency_end for r in self.latent]
        end = self._next_transfer_end()
        if end:
            times.append(end[0])
        return min(times) if times else None

    def advance(self, now):
        last = self._run_until(now)
        if now != INF:
            self.clock = max(self.clock, now)
        elif last is not None:
            self.clock = max(self.clock, last)
        out, self.done = self.done, []
        return sorted(out, key=lambda c: (c[0], c[1]))

    def _work_at(self, t):
        if not self.transfers:
            return self.work
        return self.work + (t - self.anchor) * (self.bytes_per_ms / len(self.transfers))

    def _next_transfer_end(self):
        if not self.transfers:
            return None
        tag = min(tr[1] for tr in self.transfers)
        left = max(tag - self.work, 0.0)
        return self.anchor + left * float(len(self.transfers)) / self.bytes_per_ms, tag

    def _run_until(self, limit):
        last = None
        while True:
            latency = min((r.latency_end for r in self.latent), default=None)
            transfer = self._next_transfer_end()
            if latency is None and transfer is None:
                return last
            t = min(x for x in (latency, transfer and transfer[0]) if x is not None)
            if t > limit:
                return last
            # At a transfer's end the work is exactly its tag: no drift, and it is removed below.
            self.work = max(transfer[1], self.work) if transfer and transfer[0] == t else self._work_at(t)
            self.anchor = t
            self._event(t)
            last = t

    def _event(self, t):
        work = self.work
        eps = max(EPS_BYTES, abs(work) * EPS_REL)
        for tr in [tr for tr in self.transfers if tr[1] - work <= eps]:
            self.transfers.remove(tr)
            self.done.append((t, tr[0].req_id, tr[0].key, 200, tr[0].bytes))
        for r in [r for r in self.latent if r.latency_end <= t]:
            self.latent.remove(r)
            if r.fails:
                self.done.append((t, r.req_id, r.key, 503, 0))
            elif r.bytes == 0 or self.bytes_per_ms == INF:
                self.done.append((t, r.req_id, r.key, 200, r.bytes))
            else:
                self.transfers.append((r, work + float(r.bytes)))
        self._admit(t)

    def _admit(self, t):
        while len(self.latent) + len(self.transfers) < self.net["conn"] and self.queue:
            r = self.queue.pop(0)
            r.latency_end = t + r.latency
            self.latent.append(r)


def ideal_ms(net, count, client, k):
    """The page's ideal time (src/core/net/predict.rs): the model driven offline by a client with
    no overhead. `serial` and `bounded` (k) issue the next index whenever one completes (a queue
    of k pullers is the same client); `unbounded` issues all at 0; `shares` gives client w the
    indices w, w + k, ... one after another."""
    k = {"serial": 1, "unbounded": count}.get(client, k)
    sim, total, nxt = NetSim(net), 0.0, min(k, count)
    for key in range(nxt):
        sim.submit(0.0, key, key, image_size(key))
    while True:
        t = sim.next_event()
        if t is None:
            return total
        for finish, _, key, _, _ in sim.advance(t):
            total = max(total, finish)
            if client == "shares":
                after = key + k
            else:
                after, nxt = nxt, nxt + 1
            if after < count:
                sim.submit(finish, after, after, image_size(after))


# --- the server: the model in real time, in its own process --------------------------------------


class Live:
    """The model run in real time for the current run: a request joins it when it arrives, and
    its handler is released when the model finishes it. One scheduler thread advances the model
    to each next event as the clock reaches it."""

    def __init__(self, net):
        import threading

        self.net, self.cond = net, threading.Condition()
        self.run, self.sim, self.origin, self.next_id = None, None, 0.0, 0
        self.waiting, self.answers = {}, {}

    def now_ms(self):
        return (time.perf_counter() - self.origin) * 1000

    def start(self, run):
        """A fresh model for a mode's run: every mode meets the same network, as on the page."""
        with self.cond:
            self.run, self.sim, self.origin = run, NetSim(self.net), time.perf_counter()
            self.cond.notify()

    def arrive(self, run, j):
        """Blocks until the model has request j done; returns its status (200 or 503)."""
        import threading

        with self.cond:
            if run != self.run:
                return 404
            self.next_id += 1
            rid, done = self.next_id, threading.Event()
            self.waiting[rid] = done
            self.sim.submit(self.now_ms(), rid, j, image_size(j))
            self.cond.notify()  # the scheduler's next event may be sooner now
        done.wait()
        with self.cond:
            return self.answers.pop(rid)

    def schedule(self):
        with self.cond:
            while True:
                wake = None
                if self.sim is not None:
                    for finish, rid, _, status, _ in self.sim.advance(self.now_ms()):
                        self.answers[rid] = status
                        self.waiting.pop(rid).set()
                    t = self.sim.next_event()
                    wake = None if t is None else max(self.origin + t / 1000 - time.perf_counter(), 0.0)
                self.cond.wait(wake)


def quiet_child():
    """In a worker process: Ctrl-C (sent to every process of the terminal) ends it silently, as it
    ends a C program, instead of each worker printing a KeyboardInterrupt traceback."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)


def serve(net, reply):
    """The server process: answers /ping at once, /start/<run> with a fresh model, and
    /img/<run>/<j>/<name> when the model says so. Sends its port through `reply`."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    quiet_child()
    raise_file_limit()
    live = Live(net)
    threading.Thread(target=live.schedule, daemon=True).start()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            parts = self.path.strip("/").split("/")
            body, status = b"", 404
            if parts[0] == "ping":
                status = 200
            elif parts[0] == "start" and len(parts) == 2:
                live.start(int(parts[1]))
                status = 200
            elif parts[0] == "img" and len(parts) == 4:
                j = int(parts[2])
                status = live.arrive(int(parts[1]), j)
                body = image_body(j) if status == 200 else b""
            self.send_response(status)
            self.send_header("Content-Type", "image/png" if body else "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass  # a line per request would bury the table

    class Server(ThreadingHTTPServer):
        daemon_threads = True
        request_queue_size = 1024  # every request of py-gather may connect at once

    server = Server(("127.0.0.1", 0), Handler)
    reply.send(server.server_address[1])
    server.serve_forever()


def raise_file_limit():
    """py-gather holds a socket per request; lift the soft limit on open files to the hard one
    (256 by default on macOS). Windows has no such limit to lift."""
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        want = 8192 if hard == resource.RLIM_INFINITY else min(hard, 8192)
        if soft != resource.RLIM_INFINITY and soft < want:
            resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))
    except (ImportError, ValueError, OSError):
        pass


# --- the clients ---------------------------------------------------------------------------------


def record(j, status, body, error=None, detail=None):
    """One request's outcome, as the page's records name errors: http-503, mismatch, network."""
    if error is None and status != 200:
        reason = {503: " Service Unavailable (the model's seeded failure)", 404: " Not Found"}.get(status, "")
        error, detail = f"http-{status}", f"HTTP {status}{reason}"
    elif error is None and body != image_body(j):
        error, detail = "mismatch", f"{len(body)} bytes, not the {image_size(j)} bytes of {image_name(j)}"
    return {"index": j, "status": status, "bytes": len(body), "error": error, "detail": detail}


def path(run, j):
    return f"/img/{run}/{j}/{image_name(j)}"


_OPENER = []


def opener():
    """urllib without proxies: a proxy from the environment must not stand between us and
    127.0.0.1. One per process, made on first use."""
    import urllib.request

    if not _OPENER:
        _OPENER.append(urllib.request.build_opener(urllib.request.ProxyHandler({})))
    return _OPENER[0]


def fetch(base, run, j, timeout):
    """GET one image with urllib (blocking): what the threads, the processes and serial use."""
    import urllib.error

    try:
        with opener().open(base + path(run, j), timeout=timeout) as response:
            return record(j, response.status, response.read())
    except urllib.error.HTTPError as e:
        return record(j, e.code, e.read())
    except OSError as e:
        return record(j, 0, b"", "network", f"{type(e).__name__}: {e}")


def fetch_share(base, run, share, timeout):
    """A process's share of the requests, one after another."""
    return [fetch(base, run, j, timeout) for j in share]


async def fetch_async(host, port, run, j, timeout):
    """GET one image with asyncio's own streams: a minimal HTTP/1.1 client, no thread involved."""
    import asyncio

    async def get():
        reader, writer = await asyncio.open_connection(host, port)
        try:
            writer.write(f"GET {path(run, j)} HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n\r\n".encode())
            await writer.drain()
            head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
            fields = dict(line.split(":", 1) for line in head[1:] if ":" in line)
            length = {k.strip().lower(): v.strip() for k, v in fields.items()}.get("content-length")
            body = await (reader.readexactly(int(length)) if length is not None else reader.read())
            return record(j, int(head[0].split()[1]), body)
        finally:
            writer.close()
            try:
                await writer.wait_closed()
            except OSError:
                pass  # the server hung up first: nothing left to close

    try:
        return await asyncio.wait_for(get(), timeout)
    except (OSError, EOFError, ValueError, IndexError, asyncio.TimeoutError, asyncio.LimitOverrunError) as e:
        return record(j, 0, b"", "network", f"{type(e).__name__}: {e}")


def warm(base):
    """A pool's first job: imports and one request to /ping, so no timed request pays for them."""
    import threading

    opener().open(base + "/ping", timeout=30).read()
    return os.getpid(), threading.get_ident()


# --- the modes: one function each, given the run (c), its pool and a progress counter -----------


def py_serial(c, pool, tick):
    out = []
    for j in range(c["count"]):
        out.append(fetch(c["base"], c["run"], j, c["timeout"]))
        tick(1)
    return out


def py_threads(c, pool, tick):
    """One job per request; at most k in flight because the pool has k threads."""
    import concurrent.futures as cf

    futures = [pool.submit(fetch, c["base"], c["run"], j, c["timeout"]) for j in range(c["count"])]
    for _ in cf.as_completed(futures):
        tick(1)
    return [f.result() for f in futures]


def py_processes(c, pool, tick):
    """Process w downloads requests w, w + k, w + 2k ... one after another (the page's `workers`:
    shares dealt up front, so a process that draws slow requests finishes last)."""
    import concurrent.futures as cf

    k = min(c["k"], c["count"])
    futures = [pool.submit(fetch_share, c["base"], c["run"], list(range(w, c["count"], k)), c["timeout"])
               for w in range(k)]
    out = [None] * c["count"]
    for f in cf.as_completed(futures):
        for r in f.result():
            out[r["index"]] = r
            tick(1)
    return out


def py_processes_queue(c, pool, tick):
    """k processes each take the next request from one queue when they are free."""
    for j in range(c["count"]):
        pool.todo.put((c["base"], c["run"], j, c["timeout"]))
    out = [None] * c["count"]
    for _ in range(c["count"]):
        r = pool.result()
        out[r["index"]] = r
        tick(1)
    return out


def py_bounded(c, pool, tick):
    """Every request a coroutine; an asyncio.Semaphore(k) lets at most k hold a connection."""
    import asyncio

    async def main():
        slots = asyncio.Semaphore(c["k"])

        async def one(j):
            async with slots:
                r = await fetch_async(c["host"], c["port"], c["run"], j, c["timeout"])
            tick(1)
            return r

        return await asyncio.gather(*(one(j) for j in range(c["count"])))

    return list(asyncio.run(main()))


def py_gather(c, pool, tick):
    """Every request a coroutine, all started at once."""
    import asyncio

    async def one(j):
        r = await fetch_async(c["host"], c["port"], c["run"], j, c["timeout"])
        tick(1)
        return r

    async def main():
        return await asyncio.gather(*(one(j) for j in range(c["count"])))

    return list(asyncio.run(main()))


def py_blocking(c, pool, tick):
    """The tutorial's trap: `async def` coroutines whose download is a blocking call. The event
    loop waits inside each call, so the requests go one after another."""
    import asyncio

    async def one(j):
        r = fetch(c["base"], c["run"], j, c["timeout"])  # blocks the event loop
        tick(1)
        return r

    async def main():
        return await asyncio.gather(*(one(j) for j in range(c["count"])))

    return list(asyncio.run(main()))


# --- the pools: started once, before anything is timed ------------------------------------------


def queue_worker(todo, done, base):
    """A process of the queue mode: warms up, says it is ready, then downloads until it gets None."""
    quiet_child()
    done.put(warm(base))
    for item in iter(todo.get, None):
        done.put(fetch(*item))


class QueuePool:
    """k processes pulling requests from one multiprocessing queue."""

    def __init__(self, k, base):
        import multiprocessing as mp

        self.todo, self.done = mp.Queue(), mp.Queue()
        self.procs = [mp.Process(target=queue_worker, args=(self.todo, self.done, base), daemon=True)
                      for _ in range(k)]
        for p in self.procs:
            p.start()
        for _ in self.procs:
            self.result()  # every process is running and warm

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


def warmed(pool, k, base):
    """One first job per worker: threads and processes start on demand, and import urllib."""
    list(pool.map(warm, [base] * k))
    return pool


def thread_pool(k, base):
    import concurrent.futures as cf

    return warmed(cf.ThreadPoolExecutor(k), k, base)


def process_pool(k, base):
    import concurrent.futures as cf

    return warmed(cf.ProcessPoolExecutor(k, initializer=quiet_child), k, base)


# id → (label, pool factory or None, function, the page's ideal client). The ids are the page's
# where it has the mode (py-serial, py-bounded, py-gather, py-blocking); the threads and processes
# the browser's Python cannot have are named like the CPU experiment's.
MODES = {
    "py-serial": ("serial (urllib)", None, py_serial, "serial"),
    "py-threads": ("ThreadPoolExecutor({k})", thread_pool, py_threads, "bounded"),
    "py-processes": ("ProcessPoolExecutor({k}), shares up front", process_pool, py_processes, "shares"),
    "py-processes-queue": ("{k} processes + multiprocessing.Queue", QueuePool, py_processes_queue, "bounded"),
    "py-bounded": ("asyncio, at most {k} connections", None, py_bounded, "bounded"),
    "py-gather": ("asyncio.gather, all at once", None, py_gather, "unbounded"),
    "py-blocking": ("asyncio + blocking urllib", None, py_blocking, "serial"),
}
# Their pools start first, before any other: forking a process that already runs threads (a
# thread pool's, a queue's feeder thread) can deadlock the child, and Python 3.12+ warns of it.
FORKS_FIRST = ("py-processes-queue", "py-processes")
ALIASES = {"serial": "py-serial", "threads": "py-threads", "processes": "py-processes",
           "processes-queue": "py-processes-queue", "queue": "py-processes-queue", "asyncio": "py-bounded",
           "bounded": "py-bounded", "gather": "py-gather", "blocking": "py-blocking"}


# --- running ------------------------------------------------------------------------------------


class Progress:
    """One line on stderr, rewritten in place on a terminal; elsewhere one line per timed run."""

    def __init__(self):
        self.live = sys.stderr.isatty()
        self.what, self.done, self.total, self.shown = "", 0, 0, 0.0

    def start(self, what, total):
        self.what, self.done, self.total = what, 0, total
        self.show()

    def tick(self, n):
        self.done += n
        if self.live and time.perf_counter() - self.shown > 0.1:
            self.show()

    def show(self):
        if self.live:
            self.shown = time.perf_counter()
            line = f"{self.what} · {self.done}/{self.total} images" if self.total else self.what
            sys.stderr.write("\r" + line[:78].ljust(78))
            sys.stderr.flush()

    def log(self, text):
        sys.stderr.write(("\r" + " " * 78 + "\r" if self.live else "") + text + "\n")
        sys.stderr.flush()

    def clear(self):
        if self.live:
            sys.stderr.write("\r" + " " * 78 + "\r")
            sys.stderr.flush()


class Server:
    """The server process, started and stopped by us."""

    def __init__(self, net):
        import multiprocessing as mp

        mine, theirs = mp.Pipe()
        self.proc = mp.Process(target=serve, args=(net, theirs), daemon=True)
        self.proc.start()
        if not mine.poll(60):
            raise RuntimeError("the local server did not start")
        self.host, self.port = "127.0.0.1", mine.recv()
        self.base = f"http://{self.host}:{self.port}"
        self.runs = 0

    def new_run(self):
        """Opens a fresh model for one timed run; returns its number."""
        self.runs += 1
        opener().open(f"{self.base}/start/{self.runs}", timeout=30).read()
        return self.runs

    def stop(self):
        self.proc.terminate()
        self.proc.join(5)


def ms_since(t0):
    return round((time.perf_counter() - t0) * 1000, 3)


def median(xs):
    xs = sorted(xs)
    mid = len(xs) // 2
    return xs[mid] if len(xs) % 2 else (xs[mid - 1] + xs[mid]) / 2


def new_entry(mode, s):
    label, _, _, client = MODES[mode]
    return {"mode": mode, "label": label.format(k=s["k"]), "status": "done", "samples_ms": [],
            "median_ms": None, "min_ms": None, "max_ms": None, "startup_ms": None, "checksum": None,
            "checksum_match": None, "errors": [], "note": None,
            "ideal_ms": round(ideal_ms(s, s["count"], client, s["k"]), 3), "bytes": [], "failed": []}


def fail(entry, e):
    entry["status"] = "failed"
    entry["errors"].append(f"{type(e).__name__}: {e}")


def prepare(mode, s, entry, pools, server):
    factory = MODES[mode][1]
    if factory is None:
        return
    try:
        t0 = time.perf_counter()
        pools[mode] = factory(s["k"], server.base)
        entry["startup_ms"] = ms_since(t0)
    except Exception as e:  # a mode that cannot run here (no processes) says why
        fail(entry, e)


def timed_run(mode, s, entry, pools, server, progress, label, rnd):
    """One timed run against a fresh model: wall time, bytes, and which requests failed and why."""
    c = dict(s, run=server.new_run(), base=server.base, host=server.host, port=server.port,
             timeout=s["timeout"])
    progress.start(label, s["count"])
    try:
        t0 = time.perf_counter()
        records = MODES[mode][2](c, pools.get(mode), progress.tick)
        ms = ms_since(t0)
    except Exception as e:
        return fail(entry, e)
    entry["samples_ms"].append(ms)
    entry["bytes"].append(sum(r["bytes"] for r in records if r["error"] is None))
    for r in records:
        if r["error"] is None:
            continue
        same = next((e for e in entry["errors"] if isinstance(e, dict) and e["index"] == r["index"]
                     and e["error"] == r["error"]), None)
        if same is None:
            same = dict(r, image=image_name(r["index"]), rounds=[])
            entry["errors"].append(same)
        same["rounds"].append(rnd + 1)
    entry["failed"] = sorted({e["index"] for e in entry["errors"] if isinstance(e, dict)})
    ok = sum(1 for r in records if r["error"] is None)
    progress.log(f"{label}: {ms:.1f} ms, {ok}/{s['count']} images")


def run(s, chosen):
    """Every chosen mode: pools first, then the rounds, the order rotated each round."""
    entries = {m: new_entry(m, s) for m in chosen}
    progress, pools, server = Progress(), {}, None
    try:
        server = Server(s)
        for mode in sorted(chosen, key=lambda m: FORKS_FIRST.index(m) if m in FORKS_FIRST else len(FORKS_FIRST)):
            progress.start(f"starting {entries[mode]['label']}", 0)
            prepare(mode, s, entries[mode], pools, server)
        for r in range(s["rounds"]):
            live = [m for m in chosen if entries[m]["status"] == "done"]
            for j in range(len(live)):
                mode = live[(j + r) % len(live)]
                label = f"round {r + 1}/{s['rounds']} · {entries[mode]['label']}"
                timed_run(mode, s, entries[mode], pools, server, progress, label, r)
    finally:
        progress.clear()
        for pool in pools.values():
            pool.shutdown(wait=True, cancel_futures=True)
        if server is not None:
            server.stop()
    return [entries[m] for m in chosen]


def summarise(entries, s):
    """Medians and ranges; whether every mode lost exactly the requests the model fails, and got
    every other byte."""
    expected = [j for j in range(s["count"]) if request_draw(s, j)[1]]
    expected_bytes = sum(image_size(j) for j in range(s["count"]) if j not in set(expected))
    faithful = True
    for e in entries:
        if e["samples_ms"]:
            e["median_ms"] = round(median(e["samples_ms"]), 3)
            e["min_ms"], e["max_ms"] = min(e["samples_ms"]), max(e["samples_ms"])
        if e["status"] != "done":
            continue
        others = [x for x in e["errors"] if not isinstance(x, dict) or x["error"] != "http-503"]
        if e["failed"] != expected or others or any(b != expected_bytes for b in e["bytes"]):
            faithful = False
            e["note"] = "failures or bytes other than the model's: see errors"
    return expected, expected_bytes, faithful


def table(entries):
    serial = next((e["median_ms"] for e in entries if e["mode"] == "py-serial"), None)
    rows = [("mode", "median", "range", "speedup", "ideal", "start-up", "failed", "bytes")]
    for e in entries:
        if e["median_ms"] is None:
            rows.append((e["label"], e["status"], "", "", "", "", "", "; ".join(map(str, e["errors"]))))
            continue
        speedup = f"{serial / e['median_ms']:.2f}x" if serial and e["median_ms"] else ""
        startup = f"{e['startup_ms']:.0f} ms" if e["startup_ms"] is not None else ""
        failed = ",".join(map(str, e["failed"])) if e["failed"] else "none"
        rows.append((e["label"], f"{e['median_ms']:.0f} ms", f"{e['min_ms']:.0f}-{e['max_ms']:.0f}", speedup,
                     f"{e['ideal_ms']:.0f} ms", startup, failed if len(failed) <= 24 else failed[:21] + "...",
                     "/".join(sorted({str(b) for b in e["bytes"]}))))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows)


def python_facts():
    import platform
    import sysconfig

    return {
        "version": platform.python_version(),
        "implementation": platform.python_implementation(),
        "sys_version": sys.version,
        "gil_enabled": sys._is_gil_enabled() if hasattr(sys, "_is_gil_enabled") else None,
        "free_threaded": sysconfig.get_config_var("Py_GIL_DISABLED") == 1,
    }


def default_out(py):
    return f"io-python{'.'.join(py['version'].split('.')[:2])}{'t' if py['free_threaded'] else ''}.json"


# --- the command line ------------------------------------------------------------------------------


def whole(x):
    """3.0 → 3 in the settings, as the page writes its fields."""
    return int(x) if float(x).is_integer() else x


def default_modes():
    named = [ALIASES.get(m, m) for m in DEFAULTS.get("modes") or []]
    return [m for m in named if m in MODES] or list(MODES)


def parse_args(argv):
    import argparse

    d = DEFAULTS
    p = argparse.ArgumentParser(description="The playground's I/O experiment on this Python, against a local "
                                "server that runs the page's network model. Flags override the settings the "
                                "page wrote into the file.")
    p.add_argument("--count", type=int, default=d["count"], help="images to download (default %(default)s)")
    p.add_argument("--latency", type=float, default=d["latency"],
                   help="ms before each first byte (default %(default)s)")
    p.add_argument("--jitter", type=float, default=d["jitter"], help="± ms on each latency (default %(default)s)")
    p.add_argument("--bandwidth", type=float, default=d["bandwidth"],
                   help="the server's kB/s, shared by the transfers in flight; 0 = unlimited (default %(default)s)")
    p.add_argument("--conn", type=int, default=d["conn"],
                   help="requests the server serves at once (default %(default)s)")
    p.add_argument("--fail", type=float, default=d["fail"],
                   help="share of requests answered 503, 0 … 1 (default %(default)s)")
    p.add_argument("--seed", type=int, default=d["seed"],
                   help="seed of the jitter and failure draws (default %(default)s)")
    p.add_argument("--k", type=int, default=d["k"], help="threads / processes / connections (default %(default)s)")
    p.add_argument("--rounds", type=int, default=d["rounds"], help="timed runs per mode (default %(default)s)")
    p.add_argument("--modes", default=",".join(default_modes()),
                   help="comma-separated, of: " + ", ".join(MODES) + " (default: all)")
    p.add_argument("--out", help="the JSON result (default: io-python<version>[t].json in this folder)")
    a = p.parse_args(argv)
    chosen = [ALIASES.get(m.strip(), m.strip()) for m in a.modes.split(",") if m.strip()]
    unknown = [m for m in chosen if m not in MODES]
    if unknown or not chosen:
        p.error(f"unknown mode(s) {', '.join(unknown)}; choose from {', '.join(MODES)}")
    if a.count < 1 or a.k < 1 or a.conn < 1 or a.rounds < 1 or a.seed < 0:
        p.error("count, k, conn and rounds must be at least 1, and the seed at least 0")
    if min(a.latency, a.jitter, a.bandwidth) < 0 or not 0 <= a.fail <= 1:
        p.error("latency, jitter and bandwidth must be at least 0, and fail between 0 and 1")
    settings = {"count": a.count, "latency": whole(a.latency), "jitter": whole(a.jitter),
                "bandwidth": whole(a.bandwidth), "conn": a.conn, "fail": whole(a.fail), "seed": a.seed, "k": a.k,
                "rounds": a.rounds}
    return settings, list(dict.fromkeys(chosen)), a.out


def no_encoding_errors():
    """A console or pipe whose encoding lacks ± or … (an old Windows code page) gets ? instead of
    a UnicodeEncodeError at the end of a long run."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")


def main(argv=None):
    import json
    import platform
    from datetime import datetime, timezone

    settings, chosen, out = parse_args(argv)
    no_encoding_errors()
    raise_file_limit()
    py = python_facts()
    started_at, t0 = datetime.now(timezone.utc), time.perf_counter()
    s = dict(settings)
    # A request may wait its turn behind every other one: allow the whole serial run, twice, and more.
    s["timeout"] = 30 + 2 * ideal_ms(s, s["count"], "serial", 1) / 1000
    bandwidth = f"{settings['bandwidth']} kB/s" if settings["bandwidth"] else "unlimited bandwidth"
    print(f"{py['implementation']} {py['version']}, {platform.system()} {platform.machine()}, {os.cpu_count()} CPUs; "
          f"{settings['count']} images, latency {settings['latency']} ± {settings['jitter']} ms, {bandwidth}, "
          f"{settings['conn']} connections, fail {settings['fail']} (seed {settings['seed']}), k = {settings['k']}, "
          f"{settings['rounds']} round{'s' if settings['rounds'] != 1 else ''}", flush=True)
    entries = run(s, chosen)
    expected, expected_bytes, faithful = summarise(entries, s)
    print(table(entries))
    fails = f"requests {', '.join(map(str, expected))} (HTTP 503, drawn from seed {s['seed']})" if expected else "none"
    print(f"the model fails {fails}; the other {s['count'] - len(expected)} images are {expected_bytes} bytes in all. "
          + ("Every mode got exactly that." if faithful else "SOME MODE GOT SOMETHING ELSE: see its errors."))
    result = {
        "format": FORMAT, "experiment": "io", "python": py,
        "platform": {"system": platform.system(), "machine": platform.machine(), "cpus": os.cpu_count()},
        "settings": settings, "started": started_at.isoformat(timespec="seconds"),
        "minutes": round((time.perf_counter() - t0) / 60, 3), "modes": entries,
    }
    out = out or default_out(py)
    with open(out, "w", encoding="utf-8") as f:
        json.dump(result, f, indent=1)
        f.write("\n")
    print(f"wrote {out}: drop it on the playground's I/O panel to see it beside the browser's numbers")
    return 0 if faithful else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.stderr.write("\ninterrupted: no result written\n")
        sys.exit(130)

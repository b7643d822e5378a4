# The I/O experiment as a notebook, in the "percent" cell format (see cpu_notebook.py for how the
# page turns it into an .ipynb). Every cell runs in Jupyter; in JupyterLite no process can start,
# so neither can the local server, and each cell says so instead of failing.

# %% [markdown] en
# # The tutorial's download experiment, on your Python
#
# The same images downloaded one after another, by threads, by processes, by processes with a
# queue, and by asyncio coroutines — from a small server on 127.0.0.1 that this notebook starts
# itself, which answers as the playground's simulated network does (latency ± jitter, bandwidth
# shared by the downloads in flight, a cap on connections, and the same seeded failures). The
# tutorial measured 4 threads at 1.60×, 4 processes at 1.61× and 1.57× with a queue: waiting for the
# network releases the GIL, so threads help here even with it. The model's *ideal* time for each
# variant says how close a client can come.

# %% [markdown] zh
# # 教程里的下载实验，在你的 Python 上跑
#
# 同一批图片，先一张接一张地下载，再交给线程、进程、带队列的进程和 asyncio 协程——下载来源是这个
# 笔记本自己在 127.0.0.1 上启动的小服务器，它和游乐场的模拟网络一样作答（延迟加抖动、同时在传的
# 下载分享带宽、连接数上限，以及按同一个种子出现的失败）。教程测得 4 个线程 1.60 倍、4 个进程
# 1.61 倍、进程加队列 1.57 倍：等网络时线程会释放 GIL，所以即使有 GIL，线程在这里也有用。模型给
# 每种做法算出的*理想*时间，说明客户端最多能快到什么程度。

# %% [script]
# (In the notebook, this cell is `%%writefile io_experiment.py` and the script.)

# %%
import asyncio
import importlib
import time

import io_experiment as io_exp

importlib.reload(io_exp)  # a re-run of the cell above takes effect

DEFAULTS = {"count": 48, "latency": 100, "jitter": 20, "bandwidth": 2000, "conn": 6, "fail": 0, "seed": 1, "k": 4, "rounds": 3}  # playground: settings
S = dict(DEFAULTS)
S["timeout"] = 30 + 2 * io_exp.ideal_ms(S, S["count"], "serial", 1) / 1000
COUNT, K = S["count"], S["k"]
results = {}  # variant -> (ms, ideal ms)

try:
    server = io_exp.Server(S)  # a process of its own, so its threads never compete with ours
except Exception as e:
    server = None
    print(f"no local server here — {type(e).__name__}: {e}. This notebook needs a Python on your machine.")
else:
    print(f"serving {COUNT} images on {server.base}: latency {S['latency']} ± {S['jitter']} ms, "
          f"{S['bandwidth']} kB/s, {S['conn']} connections, fail {S['fail']}")


def run_args():
    """A fresh run of the model on the server: every variant meets the same network."""
    return dict(S, run=server.new_run(), base=server.base, host=server.host, port=server.port)


def report(name, client, ms, records):
    ideal = io_exp.ideal_ms(S, COUNT, client, K)
    failed = [r["index"] for r in records if r["error"]]
    results[name] = (ms, ideal)
    print(f"{name}: {ms:.0f} ms, ideal {ideal:.0f} ms ({ms / ideal:.2f}×); "
          f"{COUNT - len(failed)} images, failed {failed or 'none'}")


def measure(name, client, download):
    """Times `download(run)` on a fresh run of the model, and compares it with the model's ideal."""
    if server is None:
        return print(f"{name}: skipped, no server")
    c = run_args()
    t0 = time.perf_counter()
    records = download(c)
    report(name, client, (time.perf_counter() - t0) * 1000, records)

# %% [markdown] en
# ## 1. Serial: one download after another

# %% [markdown] zh
# ## 1. 串行：一张接一张地下载

# %%
measure("serial", "serial", lambda c: [io_exp.fetch(c["base"], c["run"], j, c["timeout"]) for j in range(COUNT)])

# %% [markdown] en
# ## 2. Threads: `ThreadPoolExecutor(K)`
#
# K threads each wait for their own download; while one waits, the others run. The pool is started
# (and its threads warmed) before the timing.

# %% [markdown] zh
# ## 2. 线程：`ThreadPoolExecutor(K)`
#
# K 个线程各等各的下载；一个在等的时候，别的照常运行。线程池在计时前就启动并预热好。

# %%
from concurrent.futures import ThreadPoolExecutor

if server is not None:
    try:
        threads = io_exp.warmed(ThreadPoolExecutor(K), K, server.base)
    except Exception as e:
        print(f"threads: not here — {type(e).__name__}: {e}")
    else:
        measure("threads", "bounded",
                lambda c: list(threads.map(lambda j: io_exp.fetch(c["base"], c["run"], j, c["timeout"]), range(COUNT))))
        threads.shutdown()

# %% [markdown] en
# ## 3. Processes: `ProcessPoolExecutor(K)`, shares dealt up front
#
# Process w downloads images w, w + K, w + 2K, … one after another: a process that draws slow
# requests finishes last, and the others wait for it.

# %% [markdown] zh
# ## 3. 进程：`ProcessPoolExecutor(K)`，事先分好份额
#
# 第 w 个进程依次下载第 w、w + K、w + 2K……张图：分到慢请求的进程最后完成，其他进程只能等它。

# %%
from concurrent.futures import ProcessPoolExecutor

if server is not None:
    try:
        processes = io_exp.warmed(ProcessPoolExecutor(K), K, server.base)
    except Exception as e:
        print(f"processes: not here — {type(e).__name__}: {e}")
    else:
        measure("processes", "shares", lambda c: [r for part in processes.map(
            io_exp.fetch_share, [c["base"]] * K, [c["run"]] * K, [list(range(w, COUNT, K)) for w in range(K)],
            [c["timeout"]] * K) for r in part])
        processes.shutdown()

# %% [markdown] en
# ## 4. Processes and a queue
#
# K processes each take the next image from one `multiprocessing.Queue` when they are free, so
# nobody waits for a slow share.

# %% [markdown] zh
# ## 4. 进程加队列
#
# K 个进程谁空下来谁就从同一个 `multiprocessing.Queue` 里取下一张图，没有人要等一份慢的份额。

# %%
if server is not None:
    try:
        queue_pool = io_exp.QueuePool(K, server.base)
    except Exception as e:
        print(f"processes + queue: not here — {type(e).__name__}: {e}")
    else:
        measure("processes + queue", "bounded", lambda c: io_exp.py_processes_queue(c, queue_pool, lambda n: None))
        queue_pool.shutdown()

# %% [markdown] en
# ## 5. Coroutines: at most K downloads at once (`asyncio.Semaphore`)
#
# One thread, one event loop, every download a coroutine on asyncio's own streams. Jupyter runs
# its own event loop, so the cell awaits at the top level.

# %% [markdown] zh
# ## 5. 协程：最多同时 K 个下载（`asyncio.Semaphore`）
#
# 一个线程、一个事件循环，每个下载都是用 asyncio 自带的流写成的协程。Jupyter 自己在运行事件循环，
# 所以这个单元直接在顶层 `await`。

# %%
async def bounded(c):
    slots = asyncio.Semaphore(K)

    async def one(j):
        async with slots:
            return await io_exp.fetch_async(c["host"], c["port"], c["run"], j, c["timeout"])

    return await asyncio.gather(*(one(j) for j in range(COUNT)))


if server is not None:
    c = run_args()
    t0 = time.perf_counter()
    records = await bounded(c)  # a top-level await: Jupyter, IPython and JupyterLite allow it
    report("coroutines", "bounded", (time.perf_counter() - t0) * 1000, records)

# %% [markdown] en
# ## 6. The tutorial's trap: coroutines whose download blocks
#
# `async def` around a blocking call: the event loop waits inside each call, so the downloads go one
# after another, as slow as serial.

# %% [markdown] zh
# ## 6. 教程里的陷阱：下载会阻塞的协程
#
# 用 `async def` 包住一个阻塞调用：事件循环在每次调用里干等，下载还是一个接一个，和串行一样慢。

# %%
async def blocking(c):
    async def one(j):
        return io_exp.fetch(c["base"], c["run"], j, c["timeout"])  # blocks the event loop

    return await asyncio.gather(*(one(j) for j in range(COUNT)))


if server is not None:
    c = run_args()
    t0 = time.perf_counter()
    records = await blocking(c)
    report("blocking coroutines", "serial", (time.perf_counter() - t0) * 1000, records)
    server.stop()

# %% [markdown] en
# ## 7. Your numbers on the page
#
# This cell runs the whole measurement as the script does (pools started apart, rounds interleaved,
# a server of its own) and writes `io-python<version>.json`. Drop that file on the playground's I/O
# panel, under "Run it on your machine".

# %% [markdown] zh
# ## 7. 把你的数字带回页面
#
# 这个单元按脚本的方式完整测一遍（池单独启动、各轮交替、自带服务器），写出 `io-python<版本>.json`。
# 把它拖到游乐场 I/O 面板的“在你自己的电脑上运行”里。

# %%
if server is not None:
    io_exp.main([f"--{key}={S[key]}" for key in DEFAULTS])

# %% [markdown] en
# ## 8. The chart: measured over ideal (1.00× is as fast as the network allows)

# %% [markdown] zh
# ## 8. 图表：实测 / 理想（1.00 倍就是网络允许的最快速度）

# %%
over = {name: ms / ideal for name, (ms, ideal) in results.items()}
try:
    import matplotlib.pyplot as plt
except ImportError:  # no matplotlib: bars of text
    for name, x in over.items():
        print(f"{name:>20} {'█' * round(x * 10):<40} {x:.2f}×")
else:
    fig, ax = plt.subplots(figsize=(7, 3))
    ax.barh(list(over), list(over.values()))
    ax.axvline(1, color="gray", linewidth=1)
    ax.set_xlabel(f"measured / ideal ({COUNT} images, k = {K})")
    ax.invert_yaxis()
    plt.show()

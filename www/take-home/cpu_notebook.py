# The CPU experiment as a notebook, in the "percent" cell format (Jupytext, VS Code, Spyder): each
# `# %%` line starts a cell. The page turns this file into an .ipynb (core::take_home::notebook):
# markdown cells of the page's language only (`[markdown] en` / `[markdown] zh`), the `[script]`
# cell replaced by `%%writefile cpu_experiment.py` and the script itself, and the settings line
# rewritten with the panel's settings. Every code cell runs in Jupyter and in JupyterLite (where,
# as on the page, no thread or process can start: those cells say so and the others go on).

# %% [markdown] en
# # The tutorial's CPU experiment, on your Python
#
# One workload — for each task *i* in 1 … n−1, the sum of 1/x + √x + sin x + cos x for x = 1 … i−1 —
# run one task after another, then by threads, processes, processes with a queue, coroutines and
# (Python 3.14+) sub-interpreters. The tutorial measured 4 threads at about 1.06× and 4 processes at
# 1.84×. Run this notebook on a normal CPython and on a free-threaded one (3.14t) and compare the
# threads: under the GIL only one thread runs Python code at a time; without it, k threads can
# use k cores.
#
# The next cell saves the experiment's code beside this notebook as `cpu_experiment.py`. The cells
# after it show each variant in a few lines and call that module for the work itself: a process
# started by *spawn* or *forkserver* (the default on Windows, macOS and, from 3.14, Linux) cannot
# see functions defined in a notebook, only functions it can import.

# %% [markdown] zh
# # 教程里的 CPU 实验，在你的 Python 上跑
#
# 工作负载只有一个：对每个任务 *i*（1 … n−1），把 x = 1 … i−1 的 1/x + √x + sin x + cos x 加起来。
# 先一个接一个地算，再分别交给线程、进程、带队列的进程、协程，以及（Python 3.14 起）子解释器。
# 教程测得 4 个线程约 1.06 倍，4 个进程 1.84 倍。请分别用普通的 CPython 和自由线程版（3.14t）运行
# 这个笔记本，对比线程那一行：有 GIL 时同一时刻只有一个线程在执行 Python 代码；没有 GIL，k 个线程
# 就能用上 k 个核心。
#
# 下一个单元把实验代码存成笔记本旁边的 `cpu_experiment.py`。后面的单元各用几行代码展示一种做法，
# 真正的计算调用这个模块：用 *spawn* 或 *forkserver* 启动的进程（Windows、macOS 的默认方式，Linux
# 从 3.14 起也是）看不到笔记本里定义的函数，只能调用它自己能导入的函数。

# %% [script]
# (In the notebook, this cell is `%%writefile cpu_experiment.py` and the script.)

# %%
import importlib
import statistics
import time

import cpu_experiment as cpu

importlib.reload(cpu)  # a re-run of the cell above takes effect

DEFAULTS = {"n": 3000, "k": 4, "chunk": 25, "rounds": 3}  # playground: settings
N, K, CHUNK, ROUNDS = DEFAULTS["n"], DEFAULTS["k"], DEFAULTS["chunk"], DEFAULTS["rounds"]
PAGE_SUM = cpu.page_sum(N)
results = {}  # variant -> median ms


def measure(name, run):
    """Runs `run()` once untimed (a warm-up), then ROUNDS times timed; keeps the median and checks
    that the sum of S(i) is the page's, bit for bit."""
    run()
    times = []
    for _ in range(ROUNDS):
        t0 = time.perf_counter()
        values = run()
        times.append((time.perf_counter() - t0) * 1000)
    report(name, times, values)


def report(name, times, values):
    """Keeps the median of `times` (ms) and says whether the sum of `values` is the page's."""
    total = cpu.checksum(values)
    results[name] = statistics.median(times)
    same = "the page's sum" if total == PAGE_SUM else f"the page's is {PAGE_SUM!r}" if PAGE_SUM else "no page sum for this n"
    print(f"{name}: {results[name]:.1f} ms (median of {len(times)}); sum {total!r} — {same}")


def cannot(name, error):
    """A variant this Python cannot run: say so, and go on."""
    print(f"{name}: not here — {type(error).__name__}: {error}")


print(f"n = {N}, k = {K}, chunk = {CHUNK}, {ROUNDS} rounds")

# %% [markdown] en
# ## 1. Serial: one task after another

# %% [markdown] zh
# ## 1. 串行：一个任务接一个任务

# %%
def serial():
    return [cpu.task(i) for i in range(1, N)]


measure("serial", serial)

# %% [markdown] en
# ## 2. Threads: `ThreadPoolExecutor(K)`
#
# The pool is created before the timing, as the page does. With the GIL, expect about 1×; on 3.14t,
# close to K× (up to your number of cores). In JupyterLite no thread can start, and the cell says so.

# %% [markdown] zh
# ## 2. 线程：`ThreadPoolExecutor(K)`
#
# 线程池在计时之前就建好，和页面一样。有 GIL 时大约 1 倍；在 3.14t 上接近 K 倍（不超过核心数）。
# 在 JupyterLite 里线程根本启动不了，这个单元会如实说明。

# %%
from concurrent.futures import ThreadPoolExecutor

try:
    threads = ThreadPoolExecutor(K)
    threads.submit(int).result()  # the first submit starts a thread, or fails
except Exception as e:
    cannot("threads", e)
else:
    measure("threads", lambda: list(threads.map(cpu.task, range(1, N))))
    threads.shutdown()

# %% [markdown] en
# ## 3. Processes: `ProcessPoolExecutor(K)`
#
# Each process has its own interpreter and its own GIL. Tasks go in chunks of `CHUNK`
# (`cpu.jobs`), so that thousands of small tasks do not each cross between processes.

# %% [markdown] zh
# ## 3. 进程：`ProcessPoolExecutor(K)`
#
# 每个进程有自己的解释器和自己的 GIL。任务按每块 `CHUNK` 个分块（`cpu.jobs`）交出去，免得成千上万个
# 小任务一个个地在进程之间来回传递。

# %%
from concurrent.futures import ProcessPoolExecutor

try:
    processes = ProcessPoolExecutor(K)
    processes.submit(cpu.worker_id, 0).result()  # a process starts and imports cpu_experiment, or fails
except Exception as e:
    cannot("processes", e)
else:
    measure("processes", lambda: [v for part in processes.map(cpu.run_job, cpu.jobs(N, CHUNK)) for v in part])
    processes.shutdown()

# %% [markdown] en
# ## 4. Processes and a queue
#
# K processes take the next chunk from one `multiprocessing.Queue` whenever they are free
# (`cpu.QueuePool`: each runs `cpu.queue_worker`), and put what they computed on a second queue.

# %% [markdown] zh
# ## 4. 进程加队列
#
# K 个进程一空下来，就从同一个 `multiprocessing.Queue` 里取下一块任务（`cpu.QueuePool`，每个进程运行
# `cpu.queue_worker`），算完放进另一个队列。

# %%
def with_queue(pool):
    def run():
        return cpu.py_processes_queue({"n": N, "chunk": CHUNK}, pool, lambda done: None)

    return run


try:
    queue_pool = cpu.QueuePool(K)  # returns once every process has started
except Exception as e:
    cannot("processes + queue", e)
else:
    measure("processes + queue", with_queue(queue_pool))
    queue_pool.shutdown()

# %% [markdown] en
# ## 5. Coroutines: `asyncio.gather`
#
# Every task is a coroutine on one event loop. Each yields once (`await asyncio.sleep(0)`), so the
# loop switches between them, but only one computes at any moment: expect about 1×. Jupyter runs
# its own event loop, so this cell uses `await` at the top level instead of `asyncio.run`.

# %% [markdown] zh
# ## 5. 协程：`asyncio.gather`
#
# 每个任务都是同一个事件循环上的协程。每个协程先让出一次（`await asyncio.sleep(0)`），循环在它们之间
# 切换，但任何时刻只有一个在计算：大约 1 倍。Jupyter 自己已经在运行事件循环，所以这里直接在顶层
# `await`，不用 `asyncio.run`。

# %%
import asyncio


async def one(i):
    await asyncio.sleep(0)
    return cpu.task(i)


async def gathered():
    return await asyncio.gather(*(one(i) for i in range(1, N)))


times = []
for r in range(ROUNDS + 1):  # the first is the warm-up
    t0 = time.perf_counter()
    values = await gathered()  # a top-level await: Jupyter, IPython and JupyterLite allow it
    times.append((time.perf_counter() - t0) * 1000)
report("coroutines", times[1:], values)

# %% [markdown] en
# ## 6. Sub-interpreters: `InterpreterPoolExecutor(K)` (Python 3.14+)
#
# Several interpreters in one process, each with its own GIL: threads that do not share objects.

# %% [markdown] zh
# ## 6. 子解释器：`InterpreterPoolExecutor(K)`（Python 3.14 起）
#
# 一个进程里的多个解释器，各有自己的 GIL：相当于互不共享对象的线程。

# %%
import concurrent.futures

try:
    interpreters = concurrent.futures.InterpreterPoolExecutor(K)
    interpreters.submit(cpu.worker_id, 0).result()  # an interpreter imports cpu_experiment, or fails
except Exception as e:
    cannot("sub-interpreters", e)
else:
    measure("sub-interpreters", lambda: [v for part in interpreters.map(cpu.run_job, cpu.jobs(N, CHUNK)) for v in part])
    interpreters.shutdown()

# %% [markdown] en
# ## 7. Your numbers on the page
#
# This cell runs the whole measurement as the script does (pools timed apart, rounds interleaved)
# and writes `cpu-python<version>.json`. Drop that file on the playground's CPU panel, under
# "Run it on your machine", to see it beside the tutorial's and the browser's figures.

# %% [markdown] zh
# ## 7. 把你的数字带回页面
#
# 这个单元按脚本的方式完整测一遍（线程池、进程池的启动单独计时，各轮交替进行），写出
# `cpu-python<版本>.json`。把它拖到游乐场 CPU 面板的“在你自己的电脑上运行”里，就能和教程、浏览器的
# 结果放在一起看。

# %%
cpu.main(["--n", str(N), "--k", str(K), "--chunk", str(CHUNK), "--rounds", str(ROUNDS)])

# %% [markdown] en
# ## 8. The chart: speedup over serial

# %% [markdown] zh
# ## 8. 图表：相对串行的加速比

# %%
speedups = {name: results["serial"] / ms for name, ms in results.items()}
try:
    import matplotlib.pyplot as plt
except ImportError:  # no matplotlib: bars of text
    for name, x in speedups.items():
        print(f"{name:>18} {'█' * round(x * 10):<40} {x:.2f}×")
else:
    fig, ax = plt.subplots(figsize=(7, 3))
    ax.barh(list(speedups), list(speedups.values()))
    ax.axvline(1, color="gray", linewidth=1)
    ax.set_xlabel(f"speedup over serial (n = {N}, k = {K})")
    ax.invert_yaxis()
    plt.show()

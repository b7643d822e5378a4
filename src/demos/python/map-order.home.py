# The same with a thread pool: run it with your own CPython.
import concurrent.futures as cf, time

DELAYS = [3.0, 0.5, 0.5, 0.5]

def job(i, delay):
    time.sleep(delay)
    return i

with cf.ThreadPoolExecutor(4) as pool:
    t0 = time.monotonic()
    for i in pool.map(job, range(len(DELAYS)), DELAYS):
        print(f"map: job {i} at {time.monotonic() - t0:.1f} s")
    t0 = time.monotonic()
    for f in cf.as_completed([pool.submit(job, i, d) for i, d in enumerate(DELAYS)]):
        print(f"as_completed: job {f.result()} at {time.monotonic() - t0:.1f} s")

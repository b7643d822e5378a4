# The same with a thread pool: run it with your own CPython.
import concurrent.futures as cf, time

def job(name, delay, fail=False):
    time.sleep(delay)
    if fail:
        raise RuntimeError(f"{name} failed")
    return name

with cf.ThreadPoolExecutor(3) as pool:
    for when in (cf.FIRST_COMPLETED, cf.FIRST_EXCEPTION, cf.ALL_COMPLETED):
        futures = {pool.submit(job, "a", 0.3): "a", pool.submit(job, "b", 0.2, True): "b",
                   pool.submit(job, "c", 0.1): "c"}
        done, pending = cf.wait(futures, return_when=when)
        print(f"{when}: done {sorted(futures[f] for f in done)}, {len(pending)} still running")
        cf.wait(futures)  # threads cannot be cancelled once running: let them end

# The convoy effect with real threads, for your own CPython (the browser's Python cannot start
# threads). One thread sleeps 1 ms as if waiting for a socket; sleep lets go of the GIL, so when
# it wakes it must win the GIL back before its next line runs. Beside busy threads that takes up
# to one switch interval (sys.getswitchinterval(), 5 ms) per busy thread ahead of it.
# On a free-threaded build (python3.14t) there is no GIL and the numbers stay flat.
import statistics, sys, threading, time

def busy(stop):
    while not stop.is_set():
        pass  # pure Python work: holds the GIL, lets go only when asked

def responses(wakeups):
    out = []
    for _ in range(wakeups):
        t0 = time.perf_counter()
        time.sleep(0.001)  # the "I/O": a real wait, the GIL released
        woke = t0 + 0.001
        _ = sum(range(100))  # handle the data: needs the GIL
        out.append((time.perf_counter() - woke) * 1000)
    return out

print(f"switch interval {sys.getswitchinterval() * 1000:.0f} ms")
for n in range(4):
    stop = threading.Event()
    threads = [threading.Thread(target=busy, args=(stop,)) for _ in range(n)]
    for t in threads:
        t.start()
    r = responses(20)
    stop.set()
    for t in threads:
        t.join()
    print(f"{n} busy threads: median response {statistics.median(r):.1f} ms, longest {max(r):.1f} ms")

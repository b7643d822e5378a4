# The browser's Python cannot start threads, so this is CPython's GIL rule written out in Python,
# on a made-up clock: a holder keeps the lock until someone has waited one switch interval, then
# hands it to the first in line. One "I/O" thread wakes every 1 ms and needs the lock for 0.05 ms;
# beside it, 0 to 3 busy threads compute and check every 0.1 ms. (Run convoy.home.py, the threads
# version, on your own CPython to see the same numbers for real.)
from collections import deque
from statistics import median

SWITCH, STEP = 5.0, 0.05  # ms

def convoy(busy, wakeups=30):
    holder, line, last_switch = None, deque(), 0.0
    def give(t, now):
        nonlocal holder, last_switch
        holder, last_switch = t, now
    def release(now):
        nonlocal holder
        holder = None
        if line:
            give(line.popleft()[0], now)
    def request(t, now):
        if holder is None and not line:
            give(t, now)
        else:
            line.append((t, now))
    for t in range(1, busy + 1):
        request(t, 0.0)
    now, wake_at, woke, done_at, slice_end, out = 0.0, 50.0, None, None, 0.0, []
    while len(out) < wakeups:
        now += STEP
        if holder == "io":
            if done_at is not None and now >= done_at:
                out.append(now - woke)
                woke = done_at = None
                release(now)
                wake_at = now + 1.0
        elif holder is not None and now >= slice_end:
            slice_end = now + 0.1
            if line and now - max(line[0][1], last_switch) >= SWITCH:
                me = holder
                release(now)
                request(me, now)
        if woke is None and now >= wake_at:
            woke = now
            request("io", now)
        if holder == "io" and done_at is None and woke is not None:
            done_at = now + 0.05
    return out

for busy in range(4):
    r = convoy(busy)
    print(f"{busy} busy threads: median response {median(r):.1f} ms, longest {max(r):.1f} ms")

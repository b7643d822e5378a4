# sched：按时间（和优先级）排好事件，run() 依次等待并执行它们。
# sched: events ordered by time (then priority); run() waits for and runs each in turn.
import sched
import time

clock = sched.scheduler(time.monotonic, time.sleep)
t0 = time.monotonic()


def say(text):
    print(f"{time.monotonic() - t0:4.2f} s  {text}")


# enterabs with one base time: priority only decides between events due at the same instant.
clock.enterabs(t0 + 0.3, 1, say, ("last, at 0.3 s",))
clock.enterabs(t0 + 0.1, 1, say, ("first, at 0.1 s",))
clock.enterabs(t0 + 0.2, 2, say, ("at 0.2 s, priority 2 waits",))
clock.enterabs(t0 + 0.2, 1, say, ("at 0.2 s, priority 1 goes first",))
dropped = clock.enter(0.25, 1, say, ("never printed",))
clock.cancel(dropped)
print("queued events:", len(clock.queue))
clock.run()  # blocks: time.sleep between events

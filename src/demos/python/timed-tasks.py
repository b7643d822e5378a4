# sched: actions at planned times, the same time broken by priority (lower first). An action
# that takes long delays every one due after it: the scheduler runs them one at a time.
import sched, time

s = sched.scheduler(time.monotonic, time.sleep)
t0 = time.monotonic()

def act(name, takes=0.0):
    print(f"{time.monotonic() - t0:4.2f} s  {name}")
    time.sleep(takes)

s.enterabs(t0 + 0.5, 2, act, ("a (priority 2)",))  # the same time as b:
s.enterabs(t0 + 0.5, 1, act, ("b (priority 1)",))  # b goes first
s.enterabs(t0 + 1.0, 1, act, ("c, takes 0.8 s", 0.8))
s.enterabs(t0 + 1.5, 1, act, ("d, due at 1.5 s",))
s.run()

# queue 模块的三种队列：先进先出、后进先出、按优先级。它们本是给线程用的（带锁），
# 这里只有一个线程，所以用 get_nowait 取空为止。
# The queue module's three orders: first in first out, last in first out, by priority.
# They are made for threads (they lock); with one thread here we just drain them.
import queue

for kind in (queue.Queue, queue.LifoQueue):
    q = kind()
    for word in ["first", "second", "third"]:
        q.put(word)
    print(f"{kind.__name__:>13}:", [q.get_nowait() for _ in range(q.qsize())])

jobs = queue.PriorityQueue()
for priority, job in [(3, "tidy up"), (1, "fix the outage"), (2, "answer mail")]:
    jobs.put((priority, job))  # the smallest tuple comes out first
print("PriorityQueue:", [jobs.get_nowait() for _ in range(jobs.qsize())])

try:
    jobs.get(timeout=0.1)
except queue.Empty:
    print("an empty queue raises queue.Empty once the timeout passes")

# The same with threads and queue.Queue, as the tutorial writes it: run it with your own CPython.
import queue, threading, time

CAPACITY, ITEMS = 5, 12
MAKE, USE = 0.1, 0.2

def producer(name, q, count):
    for i in range(count):
        time.sleep(MAKE)
        q.put(f"{name}-{i}")  # blocks while the queue is full
        print(f"{time.monotonic() - t0:4.1f} s  {name} put, {q.qsize()} waiting")

def consumer(name, q):
    while True:
        item = q.get()  # blocks while the queue is empty
        if item is None:
            break
        time.sleep(USE)
        print(f"{time.monotonic() - t0:4.1f} s  {name} used {item}")
        q.task_done()

t0 = time.monotonic()
q = queue.Queue(maxsize=CAPACITY)
users = [threading.Thread(target=consumer, args=(f"c{i}", q)) for i in range(2)]
makers = [threading.Thread(target=producer, args=(f"p{i}", q, ITEMS // 3)) for i in range(3)]
for t in users + makers:
    t.start()
for t in makers:
    t.join()
q.join()  # every item used
for _ in users:
    q.put(None)  # one stop sign per consumer
for t in users:
    t.join()

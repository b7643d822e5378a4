# Producers and consumers over a bounded asyncio.Queue: put() waits while the queue is full,
# get() while it is empty. Change CAPACITY, the counts and the times, and watch who waits.
import asyncio, time

CAPACITY, ITEMS = 5, 12
MAKE, USE = 0.1, 0.2  # seconds to make one item, to use one

async def producer(name, q, count):
    for i in range(count):
        await asyncio.sleep(MAKE)
        await q.put(f"{name}-{i}")  # waits while the queue is full
        print(f"{time.monotonic() - t0:4.1f} s  {name} put, {q.qsize()} waiting")

async def consumer(name, q):
    while True:
        item = await q.get()  # waits while the queue is empty
        await asyncio.sleep(USE)
        print(f"{time.monotonic() - t0:4.1f} s  {name} used {item}")
        q.task_done()

async def main():
    q = asyncio.Queue(maxsize=CAPACITY)
    users = [asyncio.create_task(consumer(f"c{i}", q)) for i in range(2)]
    await asyncio.gather(*(producer(f"p{i}", q, ITEMS // 3) for i in range(3)))
    await q.join()  # every item used
    for u in users:
        u.cancel()

t0 = time.monotonic()
asyncio.run(main())

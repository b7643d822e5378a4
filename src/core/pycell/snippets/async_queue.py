# asyncio.Queue：生产者放入，消费者取出；队列满时 put 会等待，这就是“背压”。
# asyncio.Queue: producers put, consumers get; a full queue makes put() wait (back-pressure).
import asyncio


async def producer(queue, count):
    for item in range(count):
        await queue.put(item)
        print(f"made {item}  (queue holds {queue.qsize()})")
    await queue.join()  # wait until every item has been processed


async def consumer(name, queue):
    while True:
        item = await queue.get()
        await asyncio.sleep(0.1)  # the work
        print(f"    {name} used {item}")
        queue.task_done()


async def main():
    queue = asyncio.Queue(maxsize=2)
    workers = [asyncio.create_task(consumer(f"c{i}", queue)) for i in (1, 2)]
    await producer(queue, 6)
    for w in workers:
        w.cancel()
    print("all items used")


await main()

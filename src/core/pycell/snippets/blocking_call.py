# 在 async 函数里调用阻塞的 time.sleep，会卡住整个事件循环：别的任务一步也走不了。
# A blocking call (time.sleep) inside async def holds the whole loop: no other task
# takes a step until it returns. asyncio.sleep would have let them run.
import asyncio
import time


async def ticker():
    for i in range(5):
        print(f"tick {i} at {time.perf_counter() - t0:.2f} s")
        await asyncio.sleep(0.1)


async def blocker():
    await asyncio.sleep(0.15)
    time.sleep(0.5)  # blocks the loop, not just this task


async def main():
    await asyncio.gather(ticker(), blocker())


t0 = time.perf_counter()
await main()

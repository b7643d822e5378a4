# asyncio.timeout（Python 3.11+）：到时间就取消块里正在等待的操作，并抛出 TimeoutError。
# asyncio.timeout (Python 3.11+): when the time is up, the await inside the block is
# cancelled and TimeoutError is raised where the block ends.
import asyncio


async def slow_answer():
    await asyncio.sleep(1.0)
    return 42


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    try:
        async with asyncio.timeout(0.2):
            print("answer:", await slow_answer())
    except TimeoutError:
        print(f"gave up after {loop.time() - start:.2f} s")


await main()

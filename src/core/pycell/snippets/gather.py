# asyncio.gather：同时等待多个协程，结果按传入的顺序返回，与谁先完成无关。
# asyncio.gather: await several coroutines at once; results come back in the order
# they were passed, whichever finished first.
import asyncio
import time


async def fetch_page(n, delay):
    await asyncio.sleep(delay)
    print(f"  page {n} arrived after {delay:.2f} s")
    return f"page {n}"


async def broken():
    await asyncio.sleep(0.05)
    raise ConnectionError("server went away")


async def main():
    t0 = time.perf_counter()
    pages = await asyncio.gather(*(fetch_page(n, d) for n, d in [(1, 0.4), (2, 0.1), (3, 0.25)]))
    print("gather returned", pages, f"in {time.perf_counter() - t0:.2f} s")
    # return_exceptions=True turns a failure into a value instead of cancelling the call.
    results = await asyncio.gather(fetch_page(4, 0.1), broken(), return_exceptions=True)
    print("with return_exceptions:", results)


await main()

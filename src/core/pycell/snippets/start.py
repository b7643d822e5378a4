# 三个协程共用一个事件循环：每个 await 都把控制权交还给它。
# Three coroutines share one event loop: every await hands control back to it.
import asyncio
import time


async def brew(drink, seconds):
    print(f"{drink}: on the stove")
    await asyncio.sleep(seconds)  # waiting, not working: the others run meanwhile
    print(f"{drink}: ready after {seconds} s")
    return drink


t0 = time.perf_counter()
# The cell already runs inside an event loop, so await at the top level
# (in a .py file you would wrap this in asyncio.run(main())).
ready = await asyncio.gather(brew("tea", 0.3), brew("coffee", 0.5), brew("soup", 0.2))
print(ready, f"after {time.perf_counter() - t0:.2f} s in all, not 1.0 s")

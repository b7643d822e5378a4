# Results in the order you asked for them, or in the order they finish: gather is like
# executor.map, as_completed like concurrent.futures.as_completed.
import asyncio, time

DELAYS = [3.0, 0.5, 0.5, 0.5]  # seconds each job takes

async def job(i, delay):
    await asyncio.sleep(delay)
    return i

async def main():
    t0 = time.monotonic()
    for i in await asyncio.gather(*(job(i, d) for i, d in enumerate(DELAYS))):
        print(f"submission order: job {i} at {time.monotonic() - t0:.1f} s")  # all at 3.0 s
    t0 = time.monotonic()
    for next_done in asyncio.as_completed([job(i, d) for i, d in enumerate(DELAYS)]):
        i = await next_done
        print(f"completion order: job {i} at {time.monotonic() - t0:.1f} s")

asyncio.run(main())

# One task measures how long the loop takes to come back to it; another does blocking work.
# While the work blocks, nothing else runs: the gaps it measures are the loop's freezes.
import asyncio, time

async def meter(stop):
    gaps, last = [], time.perf_counter()
    while not stop.is_set():
        await asyncio.sleep(0.01)
        now = time.perf_counter()
        gaps.append(now - last)
        last = now
    print(f"{len(gaps)} ticks, longest gap {max(gaps) * 1000:.0f} ms")

async def work(stop, blocking):
    for _ in range(5):
        if blocking:
            sum(i * i for i in range(1_000_000))  # pure computation: the loop waits
        else:
            await asyncio.sleep(0.05)  # a pause that gives the loop back
    stop.set()

async def main():
    for blocking in (False, True):
        stop = asyncio.Event()
        print("blocking work:" if blocking else "awaiting work:", end=" ")
        await asyncio.gather(meter(stop), work(stop, blocking))

asyncio.run(main())

# asyncio.wait returns (done, pending) when the first finishes, the first fails, or all are done:
# the same three choices as concurrent.futures.wait.
import asyncio

async def job(name, delay, fail=False):
    await asyncio.sleep(delay)
    if fail:
        raise RuntimeError(f"{name} failed")
    return name

async def main():
    for when in (asyncio.FIRST_COMPLETED, asyncio.FIRST_EXCEPTION, asyncio.ALL_COMPLETED):
        tasks = [asyncio.create_task(job("a", 0.3), name="a"),
                 asyncio.create_task(job("b", 0.2, fail=True), name="b"),
                 asyncio.create_task(job("c", 0.1), name="c")]
        done, pending = await asyncio.wait(tasks, return_when=when)
        print(f"{when}: done {sorted(t.get_name() for t in done)}, {len(pending)} still running")
        for t in pending:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)  # collect them all, failure included

asyncio.run(main())

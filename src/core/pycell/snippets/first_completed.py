# asyncio.wait(return_when=FIRST_COMPLETED)：等到第一个任务完成就返回，其余的还在运行。
# asyncio.wait(..., return_when=FIRST_COMPLETED): return as soon as one task is done;
# the rest are still running and are yours to cancel or to keep waiting for.
import asyncio


async def mirror(name, seconds):
    await asyncio.sleep(seconds)
    return f"{name} answered in {seconds} s"


async def main():
    tasks = {asyncio.create_task(mirror(n, s)) for n, s in [("tokyo", 0.3), ("paris", 0.1), ("lima", 0.5)]}
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print("first:", done.pop().result())
    print("still running:", len(pending))
    for task in pending:
        task.cancel()
    outcome = await asyncio.gather(*pending, return_exceptions=True)
    print("after cancel():", [type(x).__name__ for x in outcome])


await main()

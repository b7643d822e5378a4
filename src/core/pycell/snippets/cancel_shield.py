# 取消任务会在它的 await 处抛出 CancelledError：finally 照样执行；被 shield 保护的内层任务继续跑完。
# Cancelling a task raises CancelledError at its await: its finally still runs, and an
# inner task protected by asyncio.shield goes on to its end.
import asyncio


async def save():
    await asyncio.sleep(0.3)
    print("save: written")


async def job():
    try:
        await asyncio.shield(asyncio.create_task(save(), name="save"))
    finally:
        print("job: finally runs")


async def main():
    task = asyncio.create_task(job(), name="job")
    await asyncio.sleep(0.1)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print("main: job was cancelled")
    await asyncio.sleep(0.5)


await main()

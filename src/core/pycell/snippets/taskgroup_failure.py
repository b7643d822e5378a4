# TaskGroup 里一个任务出错，组会取消其余任务，再把错误打包成 ExceptionGroup 抛出。
# When one task of a TaskGroup fails, the group cancels the others and raises the
# failure in an ExceptionGroup.
import asyncio


async def broken():
    await asyncio.sleep(0.1)
    raise ValueError("broken failed")


async def slow():
    try:
        await asyncio.sleep(0.3)
        print("slow: finished")
    except asyncio.CancelledError:
        print("slow: cancelled")
        raise


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(broken(), name="broken")
            tg.create_task(slow(), name="slow")
    except* ValueError as group:
        print("main caught:", group.exceptions)
    await asyncio.sleep(0.5)


await main()

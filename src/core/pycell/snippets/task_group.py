# asyncio.TaskGroup（Python 3.11+）：结构化并发。任一任务出错，组内其余任务会被取消，
# 错误以 ExceptionGroup 的形式抛出。
# asyncio.TaskGroup (Python 3.11+): structured concurrency. When one task fails, the
# group cancels the others and raises the failures together as an ExceptionGroup.
import asyncio


async def step(name, seconds, fail=False):
    try:
        await asyncio.sleep(seconds)
    except asyncio.CancelledError:
        print(f"  {name}: cancelled by the group")
        raise
    if fail:
        raise ValueError(f"{name} went wrong")
    print(f"  {name}: done")
    return name


async def main():
    async with asyncio.TaskGroup() as tg:
        a = tg.create_task(step("a", 0.1))
        b = tg.create_task(step("b", 0.2))
    print("all finished:", a.result(), b.result())

    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(step("slow", 1.0))
            tg.create_task(step("broken", 0.1, fail=True))
    except* ValueError as group:
        print("caught:", [str(e) for e in group.exceptions])


await main()

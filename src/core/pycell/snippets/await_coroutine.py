# await 一个协程不会切换任务：协程就在当前任务里运行，直到碰到真正未完成的 future 才会让出。
# Awaiting a coroutine does not switch tasks: it runs inside the current task, and only a
# pending future (a sleep here) hands the loop to another task.
import asyncio


async def other():
    print("other: runs")


async def add_up(n):
    total = sum(range(n))  # no await in here: nothing can interrupt it
    print("add_up: done")
    return total


async def main():
    task = asyncio.create_task(other(), name="other")
    print("main: result", await add_up(100_000))
    await asyncio.sleep(0.01)
    await task


await main()

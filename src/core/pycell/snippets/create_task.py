# create_task 只是把任务排进就绪队列，不会马上运行它：当前任务要等到自己挂起时才让出。
# create_task only schedules: the new task waits in the ready queue until the task that
# created it suspends (here, at the sleep).
import asyncio


async def worker():
    print("worker: started")


async def main():
    task = asyncio.create_task(worker(), name="worker")
    print("main: task created")
    print("main: still running")
    await asyncio.sleep(0)
    print("main: back after the sleep")
    await task


await main()

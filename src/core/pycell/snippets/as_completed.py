# asyncio.as_completed：谁先完成就先处理谁，而不是按提交顺序。
# asyncio.as_completed: handle each result as soon as it is ready, not in submission order.
import asyncio
import random

random.seed(7)


async def download(name):
    seconds = random.uniform(0.05, 0.5)
    await asyncio.sleep(seconds)
    return name, seconds


async def main():
    jobs = [download(f"img-{i}.png") for i in range(1, 6)]
    for order, next_done in enumerate(asyncio.as_completed(jobs), start=1):
        name, seconds = await next_done
        print(f"#{order}: {name} took {seconds:.2f} s")


await main()

# 协程也会有竞态：读、await、再写，中间别的任务可能已经改了同一个值。
# Coroutines race too (a lost update): read a value, await, then write it back, and every other task
# may have read the same old value meanwhile. An asyncio.Lock around the three fixes it.
import asyncio

counter = 0


async def add_one():
    global counter
    value = counter
    await asyncio.sleep(0)  # any await lets the others in
    counter = value + 1


async def main():
    await asyncio.gather(*(add_one() for _ in range(100)))
    print("counter =", counter, "(100 calls)")


await main()

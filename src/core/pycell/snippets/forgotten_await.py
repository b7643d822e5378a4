# 忘了写 await：协程对象被创建后直接丢弃，函数体一行也不会执行，Python 只会给出 RuntimeWarning。
# A forgotten await: the coroutine object is made and dropped, its body never runs, and
# Python only warns (RuntimeWarning: coroutine ... was never awaited).
import asyncio


async def save(item):
    await asyncio.sleep(0.1)
    print("saved", item)


async def main():
    save("report")  # no await: nothing is saved
    await asyncio.sleep(0.2)
    print("main: done")


await main()

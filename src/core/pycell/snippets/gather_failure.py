# gather 里一个协程出错，异常会传给等待者，但其余协程不会被取消，照样跑完。
# When one awaitable of gather raises, the error reaches the caller at once, but gather
# does not cancel the others: they run on to their end.
import asyncio


async def broken():
    await asyncio.sleep(0.1)
    raise ValueError("broken failed")


async def slow():
    await asyncio.sleep(0.3)
    print("slow: finished anyway")
    return "slow"


async def main():
    try:
        await asyncio.gather(broken(), slow())
    except ValueError as e:
        print("main caught:", e)
    await asyncio.sleep(0.5)  # stay around to see what slow does


await main()

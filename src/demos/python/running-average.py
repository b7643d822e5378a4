# A coroutine in the old sense: a generator that keeps its state between send() calls.
def averager():
    total, count, average = 0.0, 0, None
    while True:
        value = yield average  # pauses here until the next send()
        total += value
        count += 1
        average = total / count

avg = averager()
next(avg)  # run to the first yield ("priming")
for value in (10, 20, 30):
    print(f"sent {value}, average {avg.send(value)}")
avg.close()  # GeneratorExit at the yield: the generator ends

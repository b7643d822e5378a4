"""The cell's asyncio tracer (www/py/asynctrace.py) under the CPython that runs the tests: a program as
a learner writes it is compiled as the cell compiles it (its own file name), run with the tracer
installed, and its record read back. `python3 -m unittest discover -s tests/py` (make test-native)."""

import asyncio
import json
import os
import sys
import textwrap
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "www", "py"))
import asynctrace as tracer  # noqa: E402  (www/py/asynctrace.py)

CELL = "<cell>"


def run(source):
    """Runs `source` (which defines `async def main()`) traced; returns (events, main's result)."""
    namespace = {"asyncio": asyncio}
    exec(compile(textwrap.dedent(source), CELL, "exec"), namespace)
    t = tracer.Trace(CELL)

    result = asyncio.run(t.run(namespace["main"]()))
    return t.finish(), result


def tasks(events):
    return {e["id"]: e for e in events if e["e"] == "task"}


def steps(events, tid):
    return [e for e in events if e["e"] == "step" and e["id"] == tid]


def ends(events):
    return {e["id"]: e for e in events if e["e"] == "end"}


class TraceTest(unittest.TestCase):
    def test_the_standard_library_trace_is_not_ours(self):
        self.assertTrue(hasattr(tracer, "Trace"), tracer.__file__)

    def test_tasks_names_parents_and_creation_lines(self):
        events, result = run("""
            async def child():
                await asyncio.sleep(0)
                return 2

            async def worker():
                inner = asyncio.create_task(child())
                return await inner

            async def main():
                a = asyncio.create_task(worker(), name="A")
                b = asyncio.create_task(child())
                return await a + await b
            """)
        self.assertEqual(result, 4)
        t = tasks(events)
        self.assertEqual(t[0]["name"], "main")
        named = {e["name"]: e for e in t.values()}
        self.assertEqual(named["A"]["parent"], 0)
        self.assertEqual(named["A"]["line"], 11)
        others = [e for e in t.values() if e["id"] not in (0, named["A"]["id"])]
        self.assertEqual(len(others), 2)
        # The task A created has A as its parent; the one main created, main.
        self.assertEqual(sorted(e["parent"] for e in others), sorted([0, named["A"]["id"]]))
        for e in others:
            self.assertTrue(e["name"].startswith("Task-"), e["name"])
        self.assertEqual({e["how"] for e in ends(events).values()}, {"result"})
        self.assertEqual(ends(events)[0]["what"], "4")

    def test_create_task_only_schedules(self):
        events, _ = run("""
            async def job():
                return 1

            async def main():
                t = asyncio.create_task(job(), name="job")
                x = sum(range(1000))
                await asyncio.sleep(0)
                return await t
            """)
        job = next(e["id"] for e in tasks(events).values() if e["name"] == "job")
        main_first = steps(events, 0)[0]
        job_first = steps(events, job)[0]
        # The job's first step starts only after main's first step has given the loop back.
        self.assertGreaterEqual(job_first["start"], main_first["end"])
        self.assertEqual(main_first["line"], 8)
        self.assertEqual(main_first["wait"], {"kind": "sleep", "delay": 0})

    def test_awaiting_a_coroutine_does_not_suspend(self):
        events, result = run("""
            async def helper():
                return sum(range(10))

            async def main():
                x = await helper()
                y = await helper()
                await asyncio.sleep(0)
                return x + y
            """)
        self.assertEqual(result, 90)
        # Two awaits of coroutines and one of a sleep: main gave the loop back once, at the sleep.
        main = steps(events, 0)
        self.assertEqual([s["line"] for s in main], [8, None])
        self.assertEqual(len(tasks(events)), 1, "awaiting a coroutine made a task")

    def test_waits_are_named(self):
        events, _ = run("""
            async def sleeper():
                await asyncio.sleep(0.01)

            async def getter(q):
                return await q.get()

            async def locker(lock):
                async with lock:
                    await asyncio.sleep(0)

            async def waiter(ev):
                await ev.wait()

            async def main():
                q = asyncio.Queue()
                lock = asyncio.Lock()
                ev = asyncio.Event()
                s = asyncio.create_task(sleeper(), name="sleeper")
                g = asyncio.create_task(getter(q), name="getter")
                async with lock:
                    l = asyncio.create_task(locker(lock), name="locker")
                    w = asyncio.create_task(waiter(ev), name="waiter")
                    await asyncio.sleep(0)
                    await asyncio.sleep(0)
                q.put_nowait(1)
                ev.set()
                await s
                await asyncio.gather(g, l, w)
            """)
        by_name = {e["name"]: e["id"] for e in tasks(events).values()}
        first_wait = {name: steps(events, tid)[0]["wait"] for name, tid in by_name.items()}
        self.assertEqual(first_wait["sleeper"], {"kind": "sleep", "delay": 0.01})
        self.assertEqual(first_wait["getter"], {"kind": "queue.get"})
        self.assertEqual(first_wait["locker"], {"kind": "lock"})
        self.assertEqual(first_wait["waiter"], {"kind": "event"})

        main_waits = [s["wait"] for s in steps(events, 0) if s["wait"]]
        self.assertIn({"kind": "task", "task": by_name["sleeper"]}, main_waits)
        # gather names the tasks it waits for (the await tree is drawn from them).
        self.assertEqual(main_waits[-1], {"kind": "gather", "tasks": sorted(by_name[n] for n in ("getter", "locker", "waiter"))})
        # Each step that stopped in the learner's code names its line.
        self.assertEqual(steps(events, by_name["getter"])[0]["line"], 6)

    def test_the_call_the_learner_made_names_the_wait(self):
        events, _ = run("""
            async def worker(q):
                await q.get()
                q.task_done()

            async def notify(cond, sem):
                async with sem:
                    async with cond:
                        cond.notify_all()

            async def main():
                q = asyncio.Queue()
                q.put_nowait(1)
                w = asyncio.create_task(worker(q), name="w")
                await q.join()
                await asyncio.wait_for(w, 1)
                cond, sem = asyncio.Condition(), asyncio.Semaphore(0)
                n = asyncio.create_task(notify(cond, sem), name="n")
                async with cond:
                    await asyncio.sleep(0)
                    sem.release()
                    await cond.wait()
                await n
            """)
        waits = [s["wait"]["kind"] for s in steps(events, 0) if s["wait"]]
        # q.join() waits on an Event inside asyncio, wait_for on a future of its own.
        self.assertEqual(waits[:2], ["queue.join", "wait_for"])
        self.assertIn("condition", waits)
        n = next(e["id"] for e in tasks(events).values() if e["name"] == "n")
        self.assertEqual(steps(events, n)[0]["wait"], {"kind": "semaphore"})

    def test_how_tasks_end(self):
        events, _ = run("""
            async def fails():
                raise ValueError("no")

            async def forever():
                await asyncio.sleep(3600)

            async def main():
                f = asyncio.create_task(fails(), name="fails")
                h = asyncio.create_task(forever(), name="forever")
                await asyncio.sleep(0)
                h.cancel()
                await asyncio.gather(f, h, return_exceptions=True)
                return "ok"
            """)
        by_name = {e["name"]: e["id"] for e in tasks(events).values()}
        end = ends(events)
        self.assertEqual((end[by_name["fails"]]["how"], end[by_name["fails"]]["what"]), ("exception", "ValueError"))
        self.assertEqual(end[by_name["forever"]]["how"], "cancelled")
        self.assertEqual((end[0]["how"], end[0]["what"]), ("result", "'ok'"))

    def test_a_dropped_task_is_not_kept_alive_by_the_tracer(self):
        # A task waiting on a future only it knows, with no reference kept: Python collects it
        # ("Task was destroyed but it is pending!"). The tracer must not hold it, or the bug the
        # learner should see would vanish under tracing.
        events, result = run("""
            import gc, weakref

            async def wait_for(signal):
                await signal

            async def main():
                signal = asyncio.get_running_loop().create_future()
                dropped = weakref.ref(asyncio.create_task(wait_for(signal), name="dropped"))
                del signal
                await asyncio.sleep(0)
                gc.collect()
                return dropped() is None
            """)
        self.assertTrue(result, "the tracer kept the dropped task alive")
        self.assertIn(1, tasks(events), "it still has its lane")

    def test_steps_do_not_overlap_and_times_grow(self):
        events, _ = run("""
            async def tick(n):
                for _ in range(n):
                    await asyncio.sleep(0)

            async def main():
                await asyncio.gather(*(tick(3) for _ in range(4)))
            """)
        all_steps = sorted((e for e in events if e["e"] == "step"), key=lambda e: e["start"])
        self.assertGreater(len(all_steps), 12)
        for a, b in zip(all_steps, all_steps[1:]):
            self.assertLessEqual(a["start"], a["end"])
            # One thread runs one step at a time; main's step encloses none of the others.
            if a["id"] != 0 and b["id"] != 0:
                self.assertLessEqual(a["end"], b["start"])


# The program behind tests/py/trace-sample.json, which the Rust side reads (src/core/pycell/tasks.rs):
# both sides are held to the one file.
SAMPLE = """
    async def fetch(n):
        await asyncio.sleep(0.001 * n)
        return n

    async def main():
        async with asyncio.TaskGroup() as tg:
            a = tg.create_task(fetch(1), name="a")
            b = tg.create_task(fetch(2), name="b")
        return a.result() + b.result()
    """
SAMPLE_FILE = os.path.join(os.path.dirname(__file__), "trace-sample.json")


def shape(events):
    """The events without their times (which differ on every run)."""
    return [{k: v for k, v in e.items() if k not in ("t", "start", "end")} for e in events]


class LeftRunningTest(unittest.TestCase):
    def test_a_task_left_running_records_nothing_after_the_end(self):
        namespace = {"asyncio": asyncio}
        exec(compile(textwrap.dedent("""
            async def forever():
                while True:
                    await asyncio.sleep(0)

            async def main():
                return asyncio.create_task(forever(), name="left")
            """), CELL, "exec"), namespace)
        t = tracer.Trace(CELL)

        async def host():
            task = await t.run(namespace["main"]())
            events = t.finish()
            await asyncio.sleep(0.01)
            task.cancel()
            return events

        events = asyncio.run(host())
        self.assertEqual(t.steps, [], "steps recorded after finish()")
        self.assertIn("left", [e["name"] for e in tasks(events).values()])


class BatchTest(unittest.TestCase):
    def test_batches_add_up_to_the_whole_trace(self):
        namespace = {"asyncio": asyncio}
        exec(compile(textwrap.dedent("""
            async def tick(n):
                for _ in range(n):
                    await asyncio.sleep(0.001)

            async def main():
                await asyncio.gather(tick(3), tick(5))
            """), CELL, "exec"), namespace)
        batches = []
        every, tracer.BATCH_SECONDS = tracer.BATCH_SECONDS, 0.002
        try:
            t = tracer.Trace(CELL)
            t.on_batch = batches.append
            asyncio.run(t.run(namespace["main"]()))
        finally:
            tracer.BATCH_SECONDS = every
        self.assertGreater(len(batches), 1, "batches came while the run went on")
        whole = [e for b in batches for e in b] + t.batch()
        final = t.finish()
        # The same events of each kind, steps in the order they ran (a batch's ends come before
        # the next batch's steps; the final list has all steps, then all ends).
        for kind in ("run", "task", "step", "end"):
            self.assertEqual([e for e in whole if e["e"] == kind], [e for e in final if e["e"] == kind], kind)


class SampleTest(unittest.TestCase):
    @unittest.skipUnless(hasattr(asyncio, "TaskGroup"), "TaskGroup is 3.11+")
    def test_the_sample_file_is_what_the_tracer_writes(self):
        events, result = run(SAMPLE)
        self.assertEqual(result, 3)
        if os.environ.get("WRITE_SAMPLE"):
            with open(SAMPLE_FILE, "w") as f:
                json.dump(events, f, indent=1)
        with open(SAMPLE_FILE) as f:
            self.assertEqual(shape(events), shape(json.load(f)), "WRITE_SAMPLE=1 rewrites tests/py/trace-sample.json")


if __name__ == "__main__":
    unittest.main()

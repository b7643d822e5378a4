"""The cell's virtual clock (www/py/virtualclock.py) under the CPython that runs the tests: programs as
a learner writes them run on the virtual loop, and their trace, output and the loop's state are read
back. `python3 -m unittest discover -s tests/py` (make test-native)."""

import contextlib
import io
import json
import os
import sys
import textwrap
import time
import types
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "www", "py"))
import virtualclock as vc  # noqa: E402  (www/py/virtualclock.py)

CELL = "<cell>"


def session(source):
    return vc.Session(textwrap.dedent(source), CELL)


def run(source):
    """Runs `source` to its end; returns (session, events, stdout)."""
    s = session(source)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        s.run()
    return s, s.trace.finish(), out.getvalue()


def steps(events, tid):
    return [e for e in events if e["e"] == "step" and e["id"] == tid]


def ends(events):
    return {e["id"]: e for e in events if e["e"] == "end"}


def named(events):
    return {e["name"]: e["id"] for e in events if e["e"] == "task"}


SLEEPERS = """
    import asyncio, time

    async def sleeper(d):
        await asyncio.sleep(d)
        print(d, time.monotonic())
        return d

    async def main():
        async with asyncio.TaskGroup() as tg:
            for d in (0.3, 0.1, 0.2):
                tg.create_task(sleeper(d), name=f"s{d}")
        print("all", time.perf_counter(), asyncio.get_running_loop().time())

    asyncio.run(main())
    """


class VirtualClockTest(unittest.TestCase):
    def test_sleeps_take_exactly_their_virtual_time_and_no_real_time(self):
        real = (time.monotonic, time.sleep, time.time)
        s, events, out = run(SLEEPERS)
        self.assertIsNone(s.error)
        ids = named(events)
        self.assertEqual({n: ends(events)[ids[n]]["t"] for n in ("s0.1", "s0.2", "s0.3")},
                         {"s0.1": 100.0, "s0.2": 200.0, "s0.3": 300.0})
        self.assertEqual(out.splitlines(), ["0.1 0.1", "0.2 0.2", "0.3 0.3", "all 0.3 0.3"])
        # The clock is back to the real one once the session is not running.
        self.assertEqual((time.monotonic, time.sleep, time.time), real)

    def test_the_same_program_gives_the_same_trace_every_time(self):
        first, second = run(SLEEPERS)[1], run(SLEEPERS)[1]
        self.assertEqual(first, second)

    def test_time_sleep_holds_the_loop_and_delays_every_other_task(self):
        _, events, out = run("""
            import asyncio, time

            async def ticker():
                for _ in range(3):
                    print("tick", round(time.monotonic(), 3))
                    await asyncio.sleep(0.1)

            async def blocker():
                await asyncio.sleep(0.05)
                time.sleep(1)  # blocks the loop: no tick runs meanwhile

            async def main():
                await asyncio.gather(ticker(), blocker())

            await main()
            """)
        self.assertEqual(out.split(), ["tick", "0.0", "tick", "1.05", "tick", "1.15"])
        blocker = steps(events, named(events)["Task-2"])
        self.assertEqual([(b["start"], b["end"]) for b in blocker[1:2]], [(50.0, 1050.0)])

    def test_stepping_shows_the_ready_queue_then_finishes(self):
        s = session("""
            import asyncio
            async def job(n):
                await asyncio.sleep(n)
            async def main():
                a = asyncio.create_task(job(1), name="a")
                b = asyncio.create_task(job(2), name="b")
                await a
                await b
            await main()
            """)
        self.assertTrue(s.step())  # main creates a and b, then waits for a
        state = s.state()
        self.assertEqual([(r["task"], r["what"]) for r in state["ready"]], [(1, "step"), (2, "step")])
        self.assertEqual({t["name"]: t["state"] for t in state["tasks"]}, {"main": "waiting", "a": "ready", "b": "ready"})
        self.assertEqual(state["ran"], {"task": 0, "what": "step", "line": 8})
        s.step()
        s.step()  # a and b sleep: two timers, no ready callback
        state = s.state()
        self.assertEqual(state["ready"], [])
        self.assertEqual([(t["due"], t["task"], t["what"]) for t in state["timers"]], [(1000.0, 1, "wake-up"), (2000.0, 2, "wake-up")])
        self.assertEqual({t["name"]: t.get("waits") for t in state["tasks"]}, {"main": "task a", "a": "sleep(1)", "b": "sleep(2)"})
        while s.step():
            pass
        state = s.state()
        self.assertTrue(state["finished"])
        self.assertEqual(state["now"], 2000.0)
        self.assertGreater(state["steps"], 3)
        self.assertEqual({t["state"] for t in state["tasks"]}, {"done"})

    def test_a_program_that_waits_forever_stops_with_a_message(self):
        s, _, _ = run("""
            import asyncio
            async def main():
                await asyncio.get_running_loop().create_future()
            asyncio.run(main())
            """)
        self.assertIsInstance(s.error, vc.Stalled)
        self.assertIn("Task-1 (future)", str(s.error))
        self.assertIn("stopped at 0 s", str(s.error))

    def test_timeouts_fire_at_their_virtual_time(self):
        _, _, out = run("""
            import asyncio
            async def main():
                loop = asyncio.get_running_loop()
                try:
                    await asyncio.wait_for(asyncio.sleep(10), timeout=1.5)
                except TimeoutError:
                    print("timed out at", loop.time())
            asyncio.run(main())
            """)
        self.assertEqual(out.strip(), "timed out at 1.5")

    def test_asyncio_run_in_any_spelling_and_inside_a_function(self):
        for call in ("import asyncio\nasyncio.run(main())", "import asyncio as aio\nif __name__ == '__main__':\n    aio.run(main())",
                     "from asyncio import run as go\ngo(main())", "import asyncio\ndef start():\n    asyncio.run(main())\nstart()"):
            source = "import asyncio\nasync def main():\n    await asyncio.sleep(2)\n    print('slept', asyncio.get_running_loop().time())\n" + call
            s, _, out = run(source)
            self.assertIsNone(s.error, call)
            self.assertEqual(out, "slept 2.0\n", call)

    def test_what_takes_real_time_stops_the_run_naming_it(self):
        fake = types.ModuleType("pyodide.http")
        fake.pyfetch = lambda url: None
        sys.modules["pyodide.http"] = fake
        try:
            s, _, _ = run("""
                import asyncio
                from pyodide.http import pyfetch
                await pyfetch("https://example.org/x")
                """)
            self.assertIsInstance(s.error, vc.NotVirtual)
            self.assertIn("pyfetch('https://example.org/x')", str(s.error))
        finally:
            del sys.modules["pyodide.http"]
        s, _, _ = run("""
            import asyncio
            await asyncio.to_thread(print, "never")
            """)
        self.assertIsInstance(s.error, vc.NotVirtual)
        self.assertIn("'print'", str(s.error))

    def test_an_exception_ends_the_run_and_pending_tasks_are_cancelled(self):
        s, events, out = run("""
            import asyncio
            async def forever():
                try:
                    await asyncio.sleep(100)
                finally:
                    print("cleaned up")
            asyncio.get_running_loop().create_task(forever(), name="f")
            await asyncio.sleep(1)
            raise ValueError("boom")
            """)
        self.assertIsInstance(s.error, ValueError)
        self.assertEqual(out, "cleaned up\n")
        self.assertEqual(ends(events)[named(events)["f"]]["how"], "cancelled")

    def test_sys_exit_ends_the_run_as_its_error(self):
        for source, code in (("import sys\nprint('a')\nsys.exit(3)\n", 3),
                             ("import asyncio, sys\nasync def f():\n    sys.exit(0)\nawait f()\n", 0)):
            err = io.StringIO()
            with contextlib.redirect_stderr(err):
                s, _, _ = run(source)
            self.assertIsInstance(s.error, SystemExit, source)
            self.assertEqual(s.error.code, code)
            self.assertNotIn("never retrieved", err.getvalue())

    def test_a_syntax_error_is_raised_before_anything_runs(self):
        with self.assertRaises(SyntaxError):
            session("await = 1")


SNIPPETS = os.path.join(os.path.dirname(__file__), "..", "..", "src", "core", "pycell", "snippets")
SNIPPET_TRACES = os.path.join(os.path.dirname(__file__), "snippet-traces.json")
# The misconception snippets ("predict, then see"): their traces on the virtual clock are the
# file the page's answers are tested against (src/core/pycell/quiz.rs), keyed by snippet id.
QUIZ = ["create_task", "await_coroutine", "gather_failure", "taskgroup_failure", "blocking_call",
        "forgotten_await", "lost_update", "cancel_shield", "timeout"]


class SnippetTraceTest(unittest.TestCase):
    def test_the_snippet_traces_are_what_the_snippets_do(self):
        traces = {}
        for name in QUIZ:
            with open(os.path.join(SNIPPETS, name + ".py"), encoding="utf-8") as f:
                s = vc.Session(f.read(), CELL)
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                s.run()
            self.assertIsNone(s.error, name)
            traces[name.replace("_", "-")] = s.trace.finish()
        if os.environ.get("WRITE_SAMPLE"):
            with open(SNIPPET_TRACES, "w", encoding="utf-8") as f:
                json.dump(traces, f, indent=0)
                f.write("\n")
        with open(SNIPPET_TRACES, encoding="utf-8") as f:
            self.assertEqual(traces, json.load(f), "WRITE_SAMPLE=1 rewrites tests/py/snippet-traces.json")


if __name__ == "__main__":
    unittest.main()

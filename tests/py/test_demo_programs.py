"""The Python programs the demos stand for (src/demos/python/*.py: the cell's version, and the
threads version to run at home) under the CPython that runs the tests: each runs to its end and
prints what its demo shows. A cell version runs as the page opens it: on the cell's virtual clock
(www/py/virtualclock.py) when its demo's row says so (src/core/demos/mod.rs), so its timings are
exact whatever the machine's load; the home versions run on real threads, and are held only to
what does not depend on the load. They run at once, each in its own process."""

import os
import re
import subprocess
import sys
import unittest

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
PROGRAMS = os.path.join(ROOT, "src", "demos", "python")
WWW_PY = os.path.join(ROOT, "www", "py")
with open(os.path.join(ROOT, "src", "core", "demos", "mod.rs"), encoding="utf-8") as f:
    VIRTUAL = {m.group(1) for m in re.finditer(r'demos/python/([\w-]+)\.py"\), virtual_clock: true', f.read())}

# A cell version on the virtual clock, as the page runs it.
ON_VIRTUAL_CLOCK = "import sys; sys.path.insert(0, sys.argv[1]); import virtualclock; " \
    "virtualclock.Session(open(sys.argv[2], encoding='utf-8').read(), '<cell>').run()"

# What each program's output must hold: its demo's point, in a line or two.
EXPECT = {
    "producer-consumer": ["c0 used", "c1 used"],
    "map-order": ["job 0 at 3.0 s"],
    "first-of": ["done ['c'], 2 still running", "done ['a', 'b', 'c'], 0 still running"],
    "timed-tasks": ["0.50 s  b (priority 1)\n0.50 s  a (priority 2)", "1.80 s  d, due at 1.5 s"],
    "freeze-meter": ["awaiting work:", "blocking work: 1 ticks"],
    "running-average": ["sent 30, average 20.0"],
    "convoy": ["0 busy threads: median response 0.0 ms", "1 busy threads: median response 5.1 ms",
               "3 busy threads: median response 14.1 ms"],
}
# The threads versions, run at home.
EXPECT_HOME = {
    "producer-consumer": ["c0 used", "c1 used"],
    "map-order": ["map: job 0 at 3.", "as_completed: job 0 at 3."],
    "first-of": ["FIRST_COMPLETED: done [", "ALL_COMPLETED: done ['a', 'b', 'c'], 0 still running"],
    # Timings of real threads vary by machine (and stay flat without a GIL): the lines are enough.
    "convoy": ["switch interval", "0 busy threads: median response", "3 busy threads: median response"],
}


class DemoPrograms(unittest.TestCase):
    def test_every_demo_program_runs_and_shows_its_point(self):
        files = sorted(f for f in os.listdir(PROGRAMS) if f.endswith(".py"))
        self.assertEqual({f[:-3] for f in files}, set(EXPECT) | {f"{d}.home" for d in EXPECT_HOME},
                         "a program per demo (and a threads version where the tutorial uses threads)")
        self.assertTrue({"producer-consumer", "timed-tasks"} <= VIRTUAL, VIRTUAL)

        def command(f):
            path = os.path.join(PROGRAMS, f)
            if f[:-3] in VIRTUAL:
                return [sys.executable, "-c", ON_VIRTUAL_CLOCK, WWW_PY, path]
            return [sys.executable, path]

        running = {f: subprocess.Popen(command(f), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                   for f in files}
        for f, proc in running.items():
            out, err = proc.communicate(timeout=60)
            self.assertEqual(proc.returncode, 0, f"{f}: {err}")
            self.assertEqual(err, "", f)
            demo = f.split(".")[0]
            for line in (EXPECT_HOME if f.endswith(".home.py") else EXPECT)[demo]:
                self.assertIn(line, out, f)


if __name__ == "__main__":
    unittest.main()

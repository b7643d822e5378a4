"""The Python programs the demos stand for (src/demos/python/*.py: the cell's version, and the
threads version to run at home) under the CPython that runs the tests: each runs to its end and
prints what its demo shows. They run at once, each in its own process: most of their time is
their sleeps (a few seconds), not work."""

import os
import subprocess
import sys
import unittest

PROGRAMS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "src", "demos", "python")

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
    "map-order": ["map: job 0 at 3.0 s", "as_completed: job 0 at 3.0 s"],
    "first-of": ["done ['c'], 2 still running", "done ['a', 'b', 'c'], 0 still running"],
    # Timings of real threads vary by machine (and stay flat without a GIL): the lines are enough.
    "convoy": ["switch interval", "0 busy threads: median response", "3 busy threads: median response"],
}


class DemoPrograms(unittest.TestCase):
    def test_every_demo_program_runs_and_shows_its_point(self):
        files = sorted(f for f in os.listdir(PROGRAMS) if f.endswith(".py"))
        self.assertEqual({f[:-3] for f in files}, set(EXPECT) | {f"{d}.home" for d in EXPECT_HOME},
                         "a program per demo (and a threads version where the tutorial uses threads)")
        running = {f: subprocess.Popen([sys.executable, os.path.join(PROGRAMS, f)], stdout=subprocess.PIPE,
                                       stderr=subprocess.PIPE, text=True) for f in files}
        for f, proc in running.items():
            out, err = proc.communicate(timeout=60)
            self.assertEqual(proc.returncode, 0, f"{f}: {err}")
            self.assertEqual(err, "", f)
            demo = f.split(".")[0]
            for line in (EXPECT_HOME if f.endswith(".home.py") else EXPECT)[demo]:
                self.assertIn(line, out, f)


if __name__ == "__main__":
    unittest.main()

"""The take-home CPU script (www/take-home/cpu_experiment.py) under the CPython that runs the tests:
every mode at a small n, the JSON the page imports (src/core/take_home.rs reads this shape), the sum
against the page's, and the settings line the page rewrites."""

import ast
import json
import os
import re
import subprocess
import sys
import tempfile
import unittest

SCRIPT = os.path.join(os.path.dirname(__file__), "..", "..", "www", "take-home", "cpu_experiment.py")
sys.path.insert(0, os.path.dirname(SCRIPT))
import cpu_experiment as cpu  # noqa: E402

# The page's reference sum for n = 3000 (tests/support/cpu-page.mjs's CHECKSUM_3000, the Rust
# workload crate's own test).
PAGE_SUM_3000 = 131367257.10668072
SETTINGS_LINE = re.compile(r"^DEFAULTS = (\{.*\})  # playground: settings$", re.M)


def run(script, *args):
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "r.json")
        done = subprocess.run([sys.executable, script, "--out", out, *args], capture_output=True, text=True, timeout=120)
        with open(out, encoding="utf-8") as f:
            return done, json.load(f)


class CpuScriptTest(unittest.TestCase):
    def test_every_mode_runs_and_the_file_has_the_pages_shape(self):
        done, r = run(SCRIPT, "--n", "300", "--k", "2", "--rounds", "2")
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual((r["format"], r["experiment"]), ("playground-take-home/1", "cpu"))
        self.assertEqual(r["settings"], {"n": 300, "k": 2, "chunk": 25, "rounds": 2})
        self.assertEqual(r["python"]["version"], ".".join(map(str, sys.version_info[:3])))
        modes = {m["mode"]: m for m in r["modes"]}
        self.assertEqual(list(modes), list(cpu.MODES))
        has_interpreters = hasattr(__import__("concurrent.futures").futures, "InterpreterPoolExecutor")
        for name, m in modes.items():
            if name == "interpreters" and not has_interpreters:
                self.assertEqual(m["status"], "unavailable")
                continue
            self.assertEqual(m["status"], "done", m)
            self.assertEqual(len(m["samples_ms"]), 2)
            self.assertTrue(m["min_ms"] <= m["median_ms"] <= m["max_ms"])
        sums = {m["checksum"] for m in r["modes"] if m["status"] == "done"}
        self.assertEqual(len(sums), 1, "every mode computes the same sum, bit for bit")
        self.assertIn("every mode's sum is the same", done.stdout)

    def test_the_sum_is_the_pages(self):
        self.assertEqual(cpu.checksum(cpu.run_job((1, 3000))), PAGE_SUM_3000)

    def test_the_page_rewrites_one_settings_line_and_the_script_checks_its_sum(self):
        with open(SCRIPT, encoding="utf-8") as f:
            text = f.read()
        lines = SETTINGS_LINE.findall(text)
        self.assertEqual(len(lines), 1, "one settings line, on one line")
        self.assertIsInstance(ast.literal_eval(lines[0]), dict)
        ours = cpu.checksum(cpu.run_job((1, 300)))
        for page_sum, verdict in ((ours, "bit-identical"), (ours + 1.0, "DIFFERENT")):
            with tempfile.TemporaryDirectory() as d:
                script = os.path.join(d, "cpu_experiment.py")
                line = f'DEFAULTS = {{"n": 300, "k": 1, "chunk": 50, "rounds": 1, "checksum": {page_sum!r}}}  # playground: settings'
                with open(script, "w", encoding="utf-8") as f:
                    f.write(SETTINGS_LINE.sub(lambda _: line, text))
                done, r = run(script, "--modes", "serial")
                self.assertIn(verdict, done.stdout)
                self.assertEqual(r["modes"][0]["checksum_match"], verdict == "bit-identical")
                self.assertEqual(r["settings"]["k"], 1, "the rewritten defaults are used")

    def test_help_and_bad_flags(self):
        self.assertEqual(subprocess.run([sys.executable, SCRIPT, "--help"], capture_output=True).returncode, 0)
        bad = subprocess.run([sys.executable, SCRIPT, "--modes", "gpu"], capture_output=True, text=True)
        self.assertEqual(bad.returncode, 2)
        self.assertIn("unknown mode(s) gpu", bad.stderr)


if __name__ == "__main__":
    unittest.main()

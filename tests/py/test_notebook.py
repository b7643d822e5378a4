"""The take-home notebook's template (www/take-home/cpu_notebook.py, percent format) run cell by
cell in this CPython, as a kernel runs the .ipynb the page makes of it (tests/py/run_notebook.py):
every variant runs, sums to the page's, and the cell for the page writes a result file. The
.ipynb itself is checked natively (core::take_home's notebook test) and downloaded and run in
the page test (tests/e2e/take-home.test.mjs)."""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
TAKE_HOME = os.path.join(os.path.dirname(os.path.dirname(HERE)), "www", "take-home")
SETTINGS = re.compile(r"^DEFAULTS = \{.*\}  # playground: settings$", re.M)


class Notebook(unittest.TestCase):
    def test_every_cell_runs_and_every_variant_sums_to_the_pages(self):
        with tempfile.TemporaryDirectory() as d:
            shutil.copy(os.path.join(TAKE_HOME, "cpu_experiment.py"), d)
            with open(os.path.join(TAKE_HOME, "cpu_notebook.py"), encoding="utf-8") as f:
                template = f.read()
            small = 'DEFAULTS = {"n": 300, "k": 2, "chunk": 10, "rounds": 1}  # playground: settings'
            with open(os.path.join(d, "nb.py"), "w", encoding="utf-8") as f:
                f.write(SETTINGS.sub(lambda _: small, template, count=1))
            done = subprocess.run([sys.executable, os.path.join(HERE, "run_notebook.py"), os.path.join(d, "nb.py")],
                                  capture_output=True, text=True, timeout=120)
            self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
            for variant in ("serial", "threads", "processes", "processes + queue", "coroutines"):
                self.assertRegex(done.stdout, rf"\n{re.escape(variant)}: [\d.]+ ms \(median of 1\); sum "
                                 r"413878\.4349071171 — the page's sum")
            self.assertIn("sub-interpreters: not here" if sys.version_info < (3, 14) else "sub-interpreters: ",
                          done.stdout)
            self.assertIn("█", done.stdout, "without matplotlib the chart is text")
            [name] = [n for n in os.listdir(d) if n.startswith("cpu-python")]
            with open(os.path.join(d, name), encoding="utf-8") as f:
                result = json.load(f)
            self.assertEqual(result["settings"], {"n": 300, "k": 2, "chunk": 10, "rounds": 1})


    def test_the_io_notebook_downloads_from_its_own_server_and_every_image_arrives(self):
        with tempfile.TemporaryDirectory() as d:
            shutil.copy(os.path.join(TAKE_HOME, "io_experiment.py"), d)
            with open(os.path.join(TAKE_HOME, "io_notebook.py"), encoding="utf-8") as f:
                template = f.read()
            small = ('DEFAULTS = {"count": 6, "latency": 20, "jitter": 5, "bandwidth": 2000, "conn": 6, "fail": 0.3, '
                     '"seed": 3, "k": 3, "rounds": 1}  # playground: settings')
            with open(os.path.join(d, "nb.py"), "w", encoding="utf-8") as f:
                f.write(SETTINGS.sub(lambda _: small, template, count=1))
            done = subprocess.run([sys.executable, os.path.join(HERE, "run_notebook.py"), os.path.join(d, "nb.py")],
                                  capture_output=True, text=True, timeout=120)
            self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
            # Seed 3 at 0.3 fails requests 4 and 5 on the page (take-home-fixture.json has the draws).
            for variant in ("serial", "threads", "processes", "processes + queue", "coroutines", "blocking coroutines"):
                self.assertRegex(done.stdout, rf"\n{re.escape(variant)}: \d+ ms, ideal \d+ ms \([\d.]+×\); "
                                 r"4 images, failed \[4, 5\]")
            [name] = [n for n in os.listdir(d) if n.startswith("io-python")]
            with open(os.path.join(d, name), encoding="utf-8") as f:
                self.assertEqual(json.load(f)["settings"]["count"], 6)


if __name__ == "__main__":
    unittest.main()

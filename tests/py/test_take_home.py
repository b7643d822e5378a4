"""The take-home scripts (www/take-home/cpu_experiment.py and io_experiment.py) under the CPython
that runs the tests: every mode at a small size, the JSON the page imports (src/core/take_home.rs
reads it), the settings line the page rewrites, and the figures against the page's own, which
take-home-fixture.json holds as the page's Rust code computed them (how: at the end of this file).

The CPU sums are compared bit for bit: the page computes with musl's sin/cos and CPython here with
glibc's; they differ in the last bit for ~6 % of x, but for every x < 50 000 the difference never
reaches a term, an S(i) or a sum (checked with glibc 2.36 against Rust's libm crate, every n up to
50 000), so on this machine the sums are identical.
"""

import ast
import json
import os
import re
import subprocess
import sys
import tempfile
import unittest
from datetime import datetime

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
TAKE_HOME = os.path.join(ROOT, "www", "take-home")
CPU = os.path.join(TAKE_HOME, "cpu_experiment.py")
IO = os.path.join(TAKE_HOME, "io_experiment.py")
sys.path.insert(0, TAKE_HOME)
import cpu_experiment as cpu  # noqa: E402
import io_experiment as io  # noqa: E402

with open(os.path.join(HERE, "take-home-fixture.json"), encoding="utf-8") as f:
    FIXTURE = json.load(f)
with open(os.path.join(ROOT, "www", "images", "manifest.json"), encoding="utf-8") as f:
    MANIFEST = json.load(f)["images"]

# The line the page replaces (core::take_home::with_defaults): the first line that starts with
# "DEFAULTS = " and ends with "# playground: settings".
SETTINGS_LINE = re.compile(r"^DEFAULTS = (\{.*\})  # playground: settings$", re.M)
HAS_INTERPRETERS = hasattr(__import__("concurrent.futures").futures, "InterpreterPoolExecutor")
MODE_KEYS = {"mode", "label", "status", "samples_ms", "median_ms", "min_ms", "max_ms", "startup_ms", "checksum",
             "checksum_match", "errors", "note"}


def run(script, *args, text=None):
    """Runs `script` (or `text` saved as a script) with `args`; returns the process and its JSON."""
    with tempfile.TemporaryDirectory() as d:
        if text is not None:
            script = os.path.join(d, os.path.basename(script))
            with open(script, "w", encoding="utf-8") as f:
                f.write(text)
        out = os.path.join(d, "result.json")
        done = subprocess.run([sys.executable, script, "--out", out, *args], capture_output=True, text=True,
                              timeout=60, cwd=d)
        if not os.path.exists(out):
            raise AssertionError(f"no result file; exit {done.returncode}\n{done.stdout}\n{done.stderr}")
        with open(out, encoding="utf-8") as f:
            return done, json.load(f)


def with_defaults(script, defaults):
    """The script as the page serves it: its settings line replaced by `defaults` (a JSON object)."""
    with open(script, encoding="utf-8") as f:
        text = f.read()
    line = f"DEFAULTS = {json.dumps(defaults, separators=(',', ':'))}  # playground: settings"  # serde_json's form
    return SETTINGS_LINE.sub(lambda _: line, text, count=1)


class Shape(unittest.TestCase):
    def check_shape(self, r, experiment, settings):
        """The file's shape, and what the page's import refuses (src/core/take_home.rs `read`)."""
        self.assertEqual(list(r), ["format", "experiment", "python", "platform", "settings", "started", "minutes",
                                   "modes"])
        self.assertEqual((r["format"], r["experiment"]), ("playground-take-home/1", experiment))
        py = r["python"]
        self.assertEqual(set(py), {"version", "implementation", "sys_version", "gil_enabled", "free_threaded"})
        self.assertEqual(py["version"], ".".join(map(str, sys.version_info[:3])))
        self.assertEqual((py["sys_version"], py["implementation"]), (sys.version, "CPython"))
        self.assertEqual(py["gil_enabled"], sys._is_gil_enabled() if hasattr(sys, "_is_gil_enabled") else None)
        self.assertIsInstance(py["free_threaded"], bool)
        self.assertEqual(r["platform"], {"system": __import__("platform").system(),
                                         "machine": __import__("platform").machine(), "cpus": os.cpu_count()})
        self.assertEqual(r["settings"], settings)
        datetime.fromisoformat(r["started"])
        self.assertIsInstance(r["minutes"], float)
        for m in r["modes"]:
            self.assertLessEqual(MODE_KEYS, set(m), m["mode"])
            self.assertIn(m["status"], ("done", "failed", "unavailable"))
            if m["status"] == "done":
                self.assertEqual(len(m["samples_ms"]), settings["rounds"], m)
                self.assertTrue(all(0 < x < 86_400_000 for x in m["samples_ms"]), m)
                self.assertTrue(m["min_ms"] <= m["median_ms"] <= m["max_ms"], m)
                self.assertEqual((m["min_ms"], m["max_ms"]), (min(m["samples_ms"]), max(m["samples_ms"])))


class TheSettingsLine(unittest.TestCase):
    def test_each_script_has_one_settings_line_the_page_can_replace(self):
        for script, keys in ((CPU, {"n", "k", "chunk", "rounds"}),
                             (IO, {"count", "latency", "jitter", "bandwidth", "conn", "fail", "seed", "k", "rounds"})):
            with open(script, encoding="utf-8") as f:
                lines = f.read().splitlines()
            starts = [line for line in lines if line.startswith("DEFAULTS = ")]
            self.assertEqual(len(starts), 1, script)
            found = SETTINGS_LINE.fullmatch(starts[0])
            self.assertIsNotNone(found, f"one line ending in the marker: {starts[0]}")
            # A dict literal Python reads, and JSON too: the page writes JSON there.
            self.assertEqual(ast.literal_eval(found.group(1)), json.loads(found.group(1)))
            self.assertEqual(set(json.loads(found.group(1))), keys)

    def test_help_exits_0(self):
        for script in (CPU, IO):
            done = subprocess.run([sys.executable, script, "--help"], capture_output=True, text=True, timeout=30)
            self.assertEqual(done.returncode, 0, done.stderr)
            self.assertIn("--rounds", done.stdout)
            self.assertIn("--out", done.stdout)

    def test_a_bad_flag_is_named_not_a_traceback(self):
        for script, flags, says in ((CPU, ["--modes", "gpu"], "unknown mode(s) gpu"),
                                    (IO, ["--modes", "gpu"], "gpu")):
            done = subprocess.run([sys.executable, script, *flags], capture_output=True, text=True, timeout=30)
            self.assertEqual(done.returncode, 2, done.stderr)
            self.assertIn(says, done.stderr)
            self.assertNotIn("Traceback", done.stderr)


class CpuScript(Shape):
    def test_every_mode_runs_and_sums_to_the_pages_bits(self):
        done, r = run(CPU, "--n", "300", "--k", "2", "--chunk", "7", "--rounds", "2")
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        self.check_shape(r, "cpu", {"n": 300, "k": 2, "chunk": 7, "rounds": 2})
        modes = {m["mode"]: m for m in r["modes"]}
        self.assertEqual(list(modes), ["py-serial", "py-threads", "py-processes", "py-processes-queue",
                                       "py-asyncio", "interpreters"])
        for name, m in modes.items():
            if name == "interpreters" and not HAS_INTERPRETERS:
                self.assertEqual((m["status"], m["samples_ms"]), ("unavailable", []))
                self.assertIn("not available in this Python", m["note"])
                continue
            self.assertEqual(m["status"], "done", m)
            self.assertEqual(m["checksum"], FIXTURE["cpu_checksums"]["300"], name)
            self.assertIs(m["checksum_match"], True)
            self.assertEqual(m["startup_ms"] is None, name in ("py-serial", "py-asyncio"), name)
        self.assertIn("every mode's sum is the same; bit-identical to the page's 413878.4349071171", done.stdout)

    def test_the_pages_sum_in_the_defaults_is_checked_in_any_form(self):
        ours = float(FIXTURE["cpu_checksums"]["300"])
        cases = [(ours, True, "bit-identical"), (ours.hex(), True, "bit-identical"),
                 (repr(ours), True, "bit-identical"), (ours + 1.0, False, "DIFFERENT")]
        for page_sum, match, verdict in cases:
            text = with_defaults(CPU, {"n": 300, "k": 1, "chunk": 50, "rounds": 1, "checksum": page_sum})
            done, r = run(CPU, "--modes", "serial", text=text)
            self.assertEqual(r["settings"], {"n": 300, "k": 1, "chunk": 50, "rounds": 1}, "the page's settings")
            self.assertIn(verdict, done.stdout)
            self.assertIs(r["modes"][0]["checksum_match"], match)

    def test_the_scripts_table_of_page_sums_is_the_pages(self):
        for n, text in cpu.PAGE_SUMS.items():
            self.assertEqual(text, FIXTURE["cpu_checksums"][str(n)], n)

    def test_this_pythons_sums_are_the_pages_bits(self):
        for n in (300, 1000, 1200, 2000):
            self.assertEqual(repr(cpu.checksum(cpu.run_job((1, n)))), FIXTURE["cpu_checksums"][str(n)], n)

    def test_auto_chunk_is_the_pages(self):
        # src/core/chunks.rs: auto_chunk(9999, 2) == 313, auto_chunk(1, 8) == 1.
        self.assertEqual(cpu.chunk_size("auto", 10_000, 2), 313)
        self.assertEqual(cpu.chunk_size("auto", 2, 8), 1)


class IoModel(unittest.TestCase):
    """The script's port of the page's network model against the page's Rust model."""

    def test_sizes_are_the_bundled_images(self):
        self.assertEqual(io.IMAGE_BYTES, [img["bytes"] for img in MANIFEST])
        self.assertEqual([io.image_name(j) for j in range(49)], [img["name"] for img in MANIFEST] + ["img-01.png"])
        self.assertEqual([len(io.image_body(j)) for j in range(48)], io.IMAGE_BYTES)

    def test_draws_and_ideal_times_are_the_pages_bits(self):
        clients = {"serial": "serial", "bounded": "bounded", "queue": "bounded", "unbounded": "unbounded",
                   "static_shares": "shares"}
        for case in FIXTURE["io"]:
            net = dict(case)
            draws = [io.request_draw(net, j) for j in range(case["count"])]
            self.assertEqual([j for j, (_, fails) in enumerate(draws) if fails], case["failed"], case)
            self.assertEqual([repr(latency) for latency, _ in draws[:12]], case["latency_ms"], case)
            for page, ours in clients.items():
                got = io.ideal_ms(net, case["count"], ours, case["k"])
                self.assertEqual(repr(got), case["ideal_ms"][page], (page, case))


class IoScript(Shape):
    CASE = next(c for c in FIXTURE["io"] if c["count"] == 12)  # 30 % failures, 3 connections, seed 7

    def check_every_mode(self, r, failed):
        modes = {m["mode"]: m for m in r["modes"]}
        self.assertEqual(list(modes), ["py-serial", "py-threads", "py-processes", "py-processes-queue",
                                       "py-bounded", "py-gather", "py-blocking"])
        count = r["settings"]["count"]
        expected_bytes = sum(io.image_size(j) for j in range(count) if j not in failed)
        for name, m in modes.items():
            self.assertEqual(m["status"], "done", m)
            self.assertEqual(m["failed"], failed, name)
            self.assertEqual(m["bytes"], [expected_bytes] * r["settings"]["rounds"], name)
            self.assertEqual([(e["index"], e["error"], e["bytes"], e["image"]) for e in m["errors"]],
                             [(j, "http-503", 0, io.image_name(j)) for j in failed], name)
            self.assertIsNone(m["checksum"])
        return modes

    def test_every_mode_loses_the_requests_the_pages_model_fails_and_gets_every_other_byte(self):
        c = self.CASE
        args = {"count": 12, "latency": 20, "jitter": 5, "bandwidth": 4000, "conn": 3, "fail": 0.3, "seed": 7, "k": 2,
                "rounds": 1}
        self.assertEqual({k: c[k] for k in args if k != "rounds"}, {k: v for k, v in args.items() if k != "rounds"})
        done, r = run(IO, *[x for k, v in args.items() for x in (f"--{k}", str(v))])
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        self.check_shape(r, "io", args)
        self.assertEqual(c["failed"], [8, 9])
        modes = self.check_every_mode(r, c["failed"])
        clients = {"py-serial": "serial", "py-threads": "bounded", "py-processes": "static_shares",
                   "py-processes-queue": "queue", "py-bounded": "bounded", "py-gather": "unbounded",
                   "py-blocking": "serial"}
        for name, page in clients.items():
            self.assertEqual(modes[name]["ideal_ms"], round(float(c["ideal_ms"][page]), 3), name)
        for name in ("py-threads", "py-processes", "py-processes-queue"):
            self.assertIsNotNone(modes[name]["startup_ms"], name)
        self.assertIn("the model fails requests 8, 9 (HTTP 503, drawn from seed 7); the other 10 images", done.stdout)
        self.assertIn("Every mode got exactly that.", done.stdout)

    def test_with_the_pages_defaults_and_no_failures_every_image_arrives(self):
        defaults = {"count": 6, "latency": 10, "jitter": 2, "bandwidth": 0, "conn": 6, "fail": 0, "seed": 1, "k": 3,
                    "rounds": 1}
        done, r = run(IO, text=with_defaults(IO, defaults))
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        self.check_shape(r, "io", defaults)
        self.check_every_mode(r, [])


if __name__ == "__main__":
    unittest.main()

# take-home-fixture.json is checked against the page's own code by a native test,
# core::take_home::tests::the_python_fixture_holds_the_pages_own_figures (src/core/take_home.rs):
# it recomputes every figure with the workload crate and the network model, so a change to either
# fails there first, and its message gives the new value. Each figure is written as the page
# prints it (f64 Display for the sums, Debug for times), so the text is compared, not a rounding.
#
# glibc's sin/cos (CPython here) and libm's (the page) differ in the last bit for about 6 % of
# x < 50 000 (sin in 1 548 x, cos in 1 626), the term 1/x + sqrt x + sin x + cos x in 11 of them
# (x = 57, 409, 1407, ...), and S(i) and the sum for no n up to 50 000: hence bit for bit here.

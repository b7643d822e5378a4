"""The notes' cell links (`?exp=py&code=…` in notes/*.md) under the CPython that runs the tests:
each link's code decodes (base64url, no padding), parses as the cell compiles it (top-level
`await` allowed), and runs to its end — on the cell's virtual clock (www/py/virtualclock.py)
when the link says `clock=virtual` or `step=1`, else on the real one — without an exception it
does not announce. A cell announces what it shows with a comment the test honours:

    # expect: ValueError    the run must end with that exception
    # expect: hang          the run must not end (on the virtual clock: nothing ready, no timer)
    ... Python 3.14+ ...    a comment naming a newer Python than this one: parsed, not run

Cells that import `js` or `pyodide` need the browser and are only parsed. The cells run at once,
each in its own process, with a short timeout. `python3 -m unittest discover -s tests/py`."""

import ast
import base64
import glob
import os
import re
import subprocess
import sys
import time
import unittest

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
NOTES = os.path.join(ROOT, "notes")
WWW_PY = os.path.join(ROOT, "www", "py")
LINK = re.compile(r"\]\(\?exp=py&code=([A-Za-z0-9_\-+/]+=*)([^)\s]*)\)")
EXPECT = re.compile(r"#\s*expect:\s*([A-Za-z_]\w*)")
NEEDS = re.compile(r"#.*\bPython (3)\.(\d+)\+")
TIMEOUT = 12.0  # seconds a cell may take (they take well under 3 s each)
HANG = 2.0  # seconds a cell that announces a hang is watched

# Runs one cell from stdin as the cell does; argv[1] is "virtual" or "real". On an exception it
# prints `RAISED <name>` as its last line on stderr and exits with 3.
RUNNER = r"""
import ast, asyncio, inspect, sys, traceback, types
source = sys.stdin.read()
try:
    if sys.argv[1] == "virtual":
        sys.path.insert(0, sys.argv[2])
        import virtualclock
        virtualclock.Session(source, "<cell>").run()
    else:
        code = compile(source, "<cell>", "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
        main = types.ModuleType("__main__")  # as the cell does: the code's functions pickle by name
        sys.modules["__main__"] = main
        result = eval(code, main.__dict__)
        if inspect.iscoroutine(result):
            asyncio.run(result)
except BaseException as e:
    traceback.print_exc()
    sys.stdout.flush()
    print("RAISED " + ("hang" if type(e).__name__ == "Stalled" else type(e).__name__), file=sys.stderr)
    sys.exit(3)
"""


def decode(value):
    value = value.rstrip("=").replace("+", "-").replace("/", "_")
    return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)).decode("utf-8")


def cells():
    """(where, code, virtual) for every distinct cell link in the notes."""
    seen = {}
    for path in sorted(glob.glob(os.path.join(NOTES, "*.md"))):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        for m in LINK.finditer(text):
            query = m.group(2)
            virtual = "clock=virtual" in query or "step=1" in query
            key = (m.group(1), virtual)
            line = text.count("\n", 0, m.start()) + 1
            seen.setdefault(key, f"{os.path.basename(path)}:{line}")
    return [(where, decode(code), virtual) for (code, virtual), where in seen.items()]


class NoteCells(unittest.TestCase):
    def test_there_are_cells(self):
        self.assertGreaterEqual(len(cells()), 30)

    def test_every_cell_parses(self):
        for where, code, _ in cells():
            with self.subTest(where):
                compile(code, "<cell>", "exec", flags=ast.PyCF_ONLY_AST | ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)

    def test_every_cell_runs_as_it_says(self):
        started = time.monotonic()
        running = []
        for where, code, virtual in cells():
            needs = NEEDS.search(code)
            if needs and sys.version_info[:2] < (int(needs.group(1)), int(needs.group(2))):
                continue
            if re.search(r"^\s*(import|from)\s+(js|pyodide)\b", code, re.M):
                continue
            expect = EXPECT.search(code)
            proc = subprocess.Popen(
                [sys.executable, "-c", RUNNER, "virtual" if virtual else "real", WWW_PY],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            proc.stdin.write(code)
            proc.stdin.close()
            running.append((where, proc, expect.group(1) if expect else None))
        for where, proc, expect in running:
            with self.subTest(where):
                limit = HANG if expect == "hang" else TIMEOUT
                try:
                    proc.wait(timeout=max(0.1, started + limit - time.monotonic()))
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
                    self.assertEqual(expect, "hang", f"{where} did not finish in {limit} s")
                    continue
                err = proc.stderr.read()
                raised = re.findall(r"^RAISED (\w+)$", err, re.M)
                if expect is None:
                    self.assertEqual(proc.returncode, 0, f"{where}: {err}")
                else:
                    self.assertEqual(raised, [expect], f"{where} should end with {expect}: {err}")
            proc.stdout.close()
            proc.stderr.close()
        self.assertLess(time.monotonic() - started, 20)


if __name__ == "__main__":
    unittest.main()

"""Runs a notebook's code cells top to bottom in this CPython, as a Jupyter kernel would, without
Jupyter (CI has none): one namespace whose __name__ is "__main__" and which has no __file__,
top-level `await` allowed (IPython allows it), and the one cell magic the playground's notebooks
use, `%%writefile NAME`. Any exception in a cell stops the run and exits 1, naming the cell.

    python3 run_notebook.py NOTEBOOK.ipynb   # the notebook the page hands out
    python3 run_notebook.py TEMPLATE.py      # its template, in the percent format (# %% cells)

The working directory is the notebook's folder, as in Jupyter.
"""

import ast
import asyncio
import json
import os
import sys
import types


def ipynb_cells(path):
    with open(path, encoding="utf-8") as f:
        nb = json.load(f)
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]


def percent_cells(path):
    """Code cells of a percent-format file: `# %%` starts a cell, `# %% [...]` a cell that is not
    plain code (markdown, or the page's placeholder for the script), which is skipped."""
    cells, current = [], None
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("# %%"):
                current = [] if line.strip() == "# %%" else None
                if current is not None:
                    cells.append(current)
            elif current is not None:
                current.append(line)
    return ["".join(c) for c in cells]


def run_cell(source, namespace):
    if source.startswith("%%writefile "):
        name, _, body = source.partition("\n")
        with open(name.split(None, 1)[1].strip(), "w", encoding="utf-8") as f:
            f.write(body + "\n")
        return
    code = compile(source, "<cell>", "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
    result = eval(code, namespace)
    if asyncio.iscoroutine(result):  # the cell awaited at the top level
        asyncio.run(result)


def main(path):
    cells = ipynb_cells(path) if path.endswith(".ipynb") else percent_cells(path)
    os.chdir(os.path.dirname(os.path.abspath(path)))
    sys.path.insert(0, os.getcwd())
    module = types.ModuleType("__main__")
    sys.modules["__main__"] = module
    for i, source in enumerate(cells, 1):
        print(f"--- cell {i}", flush=True)
        try:
            run_cell(source, module.__dict__)
        except BaseException as e:  # noqa: B036 — a cell's SystemExit is a failure too
            print(f"cell {i} failed: {type(e).__name__}: {e}", file=sys.stderr)
            raise SystemExit(1) from e
    print(f"--- {len(cells)} code cells ran", flush=True)


if __name__ == "__main__":
    main(sys.argv[1])

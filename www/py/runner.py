# Runs a piece of Python the way a learner expects from a script: a fresh `__main__` namespace,
# top-level `await` allowed (the cell already runs inside Pyodide's event loop), and on an
# exception the traceback of *their* code only, without the frames of the machinery above it.
# Loaded by py/runner.mjs once per interpreter.

import json
import sys
import traceback

from pyodide.code import eval_code_async


def _their_traceback(exc, filename):
    """The traceback from the first frame of `filename` down (none for a SyntaxError, whose
    location is part of the exception itself)."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != filename:
        tb = tb.tb_next
    return "".join(traceback.format_exception(type(exc), exc, tb))


async def run(source, filename, traced=False):
    """Runs `source`; returns (failure, trace): failure is None or (type name, last line,
    traceback) of what escaped; trace is None or the JSON text of asynctrace.py's events (with
    `traced`: every asyncio task the code made, step by step)."""
    namespace = {"__name__": "__main__", "__file__": filename}
    trace = None
    failure = None
    try:
        code = eval_code_async(source, globals=namespace, filename=filename)
        if traced:
            import asynctrace  # written next to this file's module path by py/runner.mjs

            trace = asynctrace.Trace(filename)
            await trace.run(code)
        else:
            await code
    except SystemExit as exc:
        if exc.code not in (None, 0):
            failure = _failure(exc, filename)
    except BaseException as exc:  # KeyboardInterrupt and friends too: report, never crash
        failure = _failure(exc, filename)
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    return failure, (json.dumps(trace.finish()) if trace is not None else None)


def _failure(exc, filename):
    text = _their_traceback(exc, filename)
    sys.stderr.write(text)
    sys.stderr.flush()
    last = text.rstrip().splitlines()[-1] if text.strip() else type(exc).__name__
    return (type(exc).__name__, last, text)

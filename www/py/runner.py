# Runs a piece of Python the way a learner expects from a script: a fresh `__main__` namespace,
# top-level `await` allowed (the cell already runs inside Pyodide's event loop), and on an
# exception the traceback of *their* code only, without the frames of the machinery above it.
# Loaded by py/runner.mjs once per interpreter.

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


async def run(source, filename):
    """Runs `source`; returns None, or (type name, last line, traceback) of what escaped."""
    namespace = {"__name__": "__main__", "__file__": filename}
    try:
        await eval_code_async(source, globals=namespace, filename=filename)
    except SystemExit as exc:
        if exc.code in (None, 0):
            return None
        return _failure(exc, filename)
    except BaseException as exc:  # KeyboardInterrupt and friends too: report, never crash
        return _failure(exc, filename)
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    return None


def _failure(exc, filename):
    text = _their_traceback(exc, filename)
    sys.stderr.write(text)
    sys.stderr.flush()
    last = text.rstrip().splitlines()[-1] if text.strip() else type(exc).__name__
    return (type(exc).__name__, last, text)

// The CPU experiment's Python worker: one module worker = one Pyodide interpreter, like one
// process of the tutorial's pool. The page (src/web/py_engine.rs and py_worker.rs; src/web/msg/py.rs
// mirrors MSG below) starts it with `new Worker('py/cpu.mjs', { type: 'module' })`, asks it to load, then sends jobs.
// Every message names the run it belongs to (`run`); replies echo it.
//
//   page -> worker   { type: MSG.load, run, snapshot?, makeSnapshot }
//                    { type: MSG.job, run, id, start, end, stream_ms, style, k }
//                        style: 'plain' (in order) | 'asyncio' (coroutines) | 'threads' (k threads)
//   worker -> page   { type: MSG.loaded, run, version, python, ms, bytes, networkBytes, files, start, snapshot? }
//                    { type: MSG.batch, run, job, start, values: Float64Array, spans: Float64Array, last }
//                    { type: MSG.failed, run, job, error: { type, message, traceback } }
//
// The workload and the three styles are plain Python, in cpu.py next to this file.

import { loadEngine, pythonError, serveInOrder } from './engine.mjs';

/** The channel's message names: the one table both ends use. */
export const MSG = Object.freeze({
  load: 'py-load', loaded: 'py-loaded', job: 'py-job', batch: 'batch', failed: 'py-failed',
});

/** How a job is run: the styles of the page's `JobStyle` table (src/core/engine.rs). */
export const STYLE = Object.freeze({ plain: 'plain', asyncio: 'asyncio', threads: 'threads' });

let python = null; // { run_plain, run_asyncio, run_threads } once loaded

// The one error shape of every Python worker: `error: { type, message, traceback }` (runner.mjs
// sends the same in `done`), decoded once on the page (`PyError::read` in src/web/msg/py.rs).
function fail(run, job, err) {
  self.postMessage({ type: MSG.failed, run, job, error: pythonError(err) });
}

async function load(msg) {
  const [{ pyodide, report }, source] = await Promise.all([
    loadEngine({ snapshot: msg.snapshot, makeSnapshot: !!msg.makeSnapshot }),
    fetch(new URL('cpu.py', import.meta.url)).then((r) => {
      if (!r.ok) throw new Error(`py/cpu.py: HTTP ${r.status}`);
      return r.text();
    }),
  ]);
  const ns = pyodide.globals.get('dict')();
  pyodide.runPython(source, { globals: ns, filename: 'cpu.py' });
  ns.set('ORIGIN_MS', performance.timeOrigin);
  python = { run_plain: ns.get('run_plain'), run_asyncio: ns.get('run_asyncio'), run_threads: ns.get('run_threads') };
  const { snapshot, ...facts } = report;
  const reply = { type: MSG.loaded, run: msg.run, ...facts };
  if (snapshot) {
    reply.snapshot = snapshot;
    self.postMessage(reply, [snapshot.buffer]);
  } else {
    self.postMessage(reply);
  }
}

async function job(msg) {
  const { run, id } = msg;
  const emit = (start, values, spans, last) => {
    const v = Float64Array.from(values.toJs());
    const s = Float64Array.from(spans.toJs());
    values.destroy();
    spans.destroy();
    self.postMessage({ type: MSG.batch, run, job: id, start, values: v, spans: s, last }, [v.buffer, s.buffer]);
  };
  if (msg.style === STYLE.plain) python.run_plain(msg.start, msg.end, msg.stream_ms, emit);
  else if (msg.style === STYLE.asyncio) python.run_asyncio(msg.start, msg.end, msg.stream_ms, emit);
  else if (msg.style === STYLE.threads) python.run_threads(msg.start, msg.end, msg.k, msg.stream_ms, emit);
  else throw new Error(`unknown style ${msg.style}`);
}

// A job that arrives while the interpreter is still loading waits for it (the page may post a
// pool's jobs up front, as the tutorial submits them).
serveInOrder(async (msg) => {
  if (msg.type === MSG.load) await load(msg);
  else if (msg.type === MSG.job) {
    if (!python) throw new Error('the interpreter is not loaded');
    await job(msg);
  }
}, (msg, err) => fail(msg.run, msg.id, err));

// A Python worker that runs whole programs: the Python cell's code, and the I/O experiment's
// Python modes (src/modes/io/py_*.rs hold their programs). One module worker = one Pyodide
// interpreter (started by engine.mjs); the page terminates the worker to stop a runaway program
// and starts a fresh one. The page side is src/web/py_run.rs, which mirrors MSG below.
//
//   page -> worker  { type: MSG.load, run, snapshot?, interrupt? }   (engine.mjs's memory snapshot: a
//                       warm start; interrupt: an Int32Array on shared memory, Pyodide's interrupt buffer)
//                   { type: MSG.run, run, code, filename, args, trace, clock, step }
//                       trace: record the program's asyncio tasks (asynctrace.py)
//                       clock: 'real' (default) or 'virtual' (virtualclock.py: a deterministic loop)
//                       step: pause before each callback of the virtual loop (replies MSG.paused)
//                   { type: MSG.step, run, count }   run up to `count` callbacks of a paused run
//                   { type: MSG.resume, run }        run a paused run to its end
//                       args: a plain object the program imports as the module `page`, with
//                       two functions added: page.now() (epoch ms) and page.emit(value) (posts
//                       `value` to the page; bytes / memoryviews travel as transferred buffers)
//   worker -> page  { type: MSG.loaded, run, version, python, ms, bytes, networkBytes, files, start }
//                   { type: MSG.out, run, stream: 'stdout' | 'stderr', text }
//                   { type: MSG.emit, run, value }
//                   { type: MSG.trace, run, events }  a traced run's new events so far (JSON text)
//                   { type: MSG.paused, run, state }  state: JSON text of the paused loop
//                       (virtualclock.py's Session.state, with the trace so far)
//                   { type: MSG.done, run, ms, error: null | { type, message, traceback }, trace, clock }
//                       trace: null, or the JSON text of the traced run's events; on the
//                       virtual clock, ms is its reading
//                   { type: MSG.failed, run, error: { type, message, traceback } } (could not start)
// Every reply names the run it answers; output a program writes after it returned (a task it
// left running) still names that run.

import { loadEngine, pythonError, serveInOrder } from './engine.mjs';

/** The channel's message names: the one table both ends use. */
export const MSG = Object.freeze({
  load: 'pyrun-load', loaded: 'pyrun-loaded', run: 'pyrun-run', out: 'pyrun-out', emit: 'pyrun-emit',
  done: 'pyrun-done', failed: 'pyrun-failed', step: 'pyrun-step', resume: 'pyrun-resume', paused: 'pyrun-paused',
  trace: 'pyrun-trace',
});

/** The clocks a run can read (the page's `Clock` ids). */
const CLOCK = Object.freeze({ real: 'real', virtual: 'virtual' });

// Output is posted from inside write(): a program that prints and then computes without ever
// yielding (`print("start"); while True: pass`) never lets a timer run, so anything left for a
// timer would never be seen. To keep a `print` loop from posting a message per line, only the
// first BURST writes of every FLUSH_MS window are posted at once; the rest of a flood waits for
// the next write after the window (or a timer, or the end of the run), PENDING_MAX at most.
const FLUSH_MS = 30;
const BURST = 50;
const PENDING_MAX = 32 * 1024;

/** Where the worker's own Python modules are written, on the interpreter's sys.path. */
const MODULES = '/playground';
const MODULE_FILES = ['asynctrace.py', 'virtualclock.py'];

let pyodide = null;
let runPython = null; // runner.py's run(source, filename, traced)
let VirtualRun = null; // runner.py's VirtualRun(source, filename, traced)
let paused = null;     // a stepped run between the page's messages: { run, proxy }
let current = 0;      // the run output belongs to
const pending = { stdout: '', stderr: '', order: [] };
let windowStart = 0;
let timer = 0;
let writes = 0; // in the current FLUSH_MS window

function flush() {
  clearTimeout(timer);
  timer = 0;
  for (const stream of pending.order) {
    const text = pending[stream.name].slice(0, stream.length);
    pending[stream.name] = pending[stream.name].slice(stream.length);
    if (text) self.postMessage({ type: MSG.out, run: current, stream: stream.name, text });
  }
  pending.order = [];
}

function writer(name) {
  const decoder = new TextDecoder();
  return {
    isatty: false,
    write(bytes) {
      const text = decoder.decode(bytes, { stream: true });
      // Keep the interleaving of the two streams: consecutive writes of one stream merge.
      const last = pending.order[pending.order.length - 1];
      if (last && last.name === name) last.length += text.length;
      else pending.order.push({ name, length: text.length });
      pending[name] += text;
      const now = performance.now();
      if (now - windowStart >= FLUSH_MS) {
        windowStart = now;
        writes = 0;
      }
      writes += 1;
      const size = pending.stdout.length + pending.stderr.length;
      if (writes <= BURST || size > PENDING_MAX) flush();
      else if (!timer) timer = setTimeout(flush, FLUSH_MS);
      return bytes.length;
    },
  };
}

/** A value a program emitted, made postable: Python objects become JS ones, bytes a buffer. */
function postable(value, transfer) {
  if (value && typeof value.toJs === 'function') {
    const js = value.toJs({ dict_converter: Object.fromEntries, create_pyproxies: false });
    value.destroy();
    return postable(js, transfer);
  }
  if (ArrayBuffer.isView(value)) {
    const copy = value.slice(); // off the interpreter's memory, and transferable
    transfer.push(copy.buffer);
    return copy;
  }
  if (Array.isArray(value)) return value.map((v) => postable(v, transfer));
  if (value && typeof value === 'object' && !(value instanceof ArrayBuffer)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, postable(v, transfer)]));
  }
  return value;
}

async function load(msg) {
  const text = (name) => fetch(new URL(name, import.meta.url)).then((r) => {
    if (!r.ok) throw new Error(`py/${name}: HTTP ${r.status}`);
    return r.text();
  });
  const [{ pyodide: py, report }, source, ...modules] = await Promise.all([
    loadEngine({ snapshot: msg.snapshot || undefined }),
    text('runner.py'),
    ...MODULE_FILES.map(text),
  ]);
  // The tracer and the virtual clock as importable modules (runner.py imports them).
  py.FS.mkdirTree(MODULES);
  MODULE_FILES.forEach((name, i) => py.FS.writeFile(`${MODULES}/${name}`, modules[i]));
  py.runPython(`import sys\nif ${JSON.stringify(MODULES)} not in sys.path: sys.path.insert(0, ${JSON.stringify(MODULES)})`);
  // time.sleep as CPython's: it holds the thread. Pyodide's own hands the interpreter's stack back
  // to the browser (JSPI), so other asyncio tasks would run during a "blocking" sleep, which no
  // CPython does. runner.py sleeps in slices through this, so Cancel's KeyboardInterrupt gets in.
  const sleeper = self.crossOriginIsolated ? new Int32Array(new SharedArrayBuffer(4)) : null;
  py.registerJsModule('_playground_sleep', {
    block(ms) {
      if (sleeper) Atomics.wait(sleeper, 0, 0, ms);
      else for (const end = performance.now() + ms; performance.now() < end;); // no shared memory: spin
    },
  });
  py.setStdout(writer('stdout'));
  py.setStderr(writer('stderr'));
  // input() has no one to ask in a worker: it raises EOFError instead of waiting forever.
  py.setStdin({ error: true });
  // The page's interrupt buffer (shared memory, isolated pages only): Cancel writes SIGINT into
  // it, and the running program gets a KeyboardInterrupt before the worker is terminated.
  if (msg.interrupt) py.setInterruptBuffer(msg.interrupt);
  const ns = py.globals.get('dict')();
  py.runPython(source, { globals: ns, filename: 'runner.py' });
  runPython = ns.get('run');
  VirtualRun = ns.get('VirtualRun');
  pyodide = py;
  const { snapshot, ...facts } = report;
  self.postMessage({ type: MSG.loaded, run: msg.run, ...facts });
}

/** Makes `args` (and page.now / page.emit) the module `page` that run `run` imports. */
function registerPage(run, args) {
  const page = {
    ...(args || {}),
    now: () => performance.timeOrigin + performance.now(),
    emit: (value) => {
      const transfer = [];
      self.postMessage({ type: MSG.emit, run, value: postable(value, transfer) }, transfer);
    },
  };
  pyodide.registerJsModule('page', page);
  // A second run must import this run's `page`, not the module cached by the first.
  pyodide.runPython("import sys; sys.modules.pop('page', None)");
}

async function run(msg) {
  if (!pyodide) throw new Error('the interpreter is not loaded');
  flush();
  dropPaused();
  current = msg.run;
  const run = msg.run;
  registerPage(run, msg.args);
  if (msg.clock === CLOCK.virtual) return startVirtual(msg);
  const t0 = performance.now();
  let error = null;
  let trace = null; // the JSON text of a traced run's events (asynctrace.py)
  try {
    // A traced run hands its events over in batches as it goes (asynctrace.py's on_batch).
    const batch = (events) => self.postMessage({ type: MSG.trace, run, events });
    const result = await runPython(msg.code, msg.filename || '<cell>', !!msg.trace, msg.trace ? batch : null);
    const [failure, events] = result.toJs();
    result.destroy();
    if (failure) {
      const [type, message, traceback] = failure;
      error = { type, message, traceback };
    }
    trace = events ?? null;
  } finally {
    const ms = performance.now() - t0;
    flush();
    self.postMessage({ type: MSG.done, run, ms, error, trace, clock: CLOCK.real });
  }
}

// --- the virtual clock: runner.py's VirtualRun, run whole or a step at a time ---

function startVirtual(msg) {
  const session = { run: msg.run, proxy: VirtualRun(msg.code, msg.filename || '<cell>', !!msg.trace) };
  if (msg.step && session.proxy.more()) {
    paused = session;
    postPaused(session);
    return;
  }
  if (session.proxy.more()) session.proxy.run();
  endVirtual(session);
}

/** MSG.step / MSG.resume: the paused run goes on (a message for another run is stale). */
function advance(msg) {
  if (!paused || paused.run !== msg.run) return;
  const session = paused;
  paused = null; // a failure below ends the run: serveInOrder reports it
  const more = msg.type === MSG.resume ? (session.proxy.run(), false) : session.proxy.step(msg.count || 1);
  flush();
  if (more) {
    paused = session;
    postPaused(session);
  } else {
    endVirtual(session);
  }
}

function postPaused(session) {
  flush();
  self.postMessage({ type: MSG.paused, run: session.run, state: session.proxy.state() });
}

function endVirtual(session) {
  const { proxy, run } = session;
  let error = null;
  const failure = proxy.failure();
  if (failure) {
    const [type, message, traceback] = failure.toJs();
    failure.destroy();
    error = { type, message, traceback };
  }
  const trace = proxy.trace() ?? null;
  const ms = proxy.now();
  proxy.destroy();
  flush();
  self.postMessage({ type: MSG.done, run, ms, error, trace, clock: CLOCK.virtual });
}

/** A new run replaces a paused one. */
function dropPaused() {
  if (paused) paused.proxy.destroy();
  paused = null;
}

// A run sent while the interpreter still loads waits for it.
serveInOrder(async (msg) => {
  if (msg.type === MSG.load) await load(msg);
  else if (msg.type === MSG.run) await run(msg);
  else if (msg.type === MSG.step || msg.type === MSG.resume) advance(msg);
}, (msg, err) => self.postMessage({ type: MSG.failed, run: msg.run, error: pythonError(err) }));

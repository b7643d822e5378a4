// Helpers for the Python engine's page tests: the build's Pyodide folder and files, the CSP the
// build writes into _headers, and a Python CPU worker (py/cpu.mjs) driven from inside the page
// through its message channel, for tests of the engine below the UI.
import fs from 'node:fs';
import path from 'node:path';
import { DIST } from './cpu-page.mjs';

/** The versioned folder the build copied Pyodide into (e.g. "pyodide/314.0.8/"), and its files. */
export function pyodideFolder() {
  const engine = fs.readFileSync(path.join(DIST, 'py', 'engine.mjs'), 'utf8');
  const m = /^const PYODIDE_DIR = "([^"]+)";$/m.exec(engine);
  if (!m) throw new Error('dist/py/engine.mjs has no stamped PYODIDE_DIR: not built by scripts/postbuild.mjs?');
  const dir = m[1];
  const files = fs.readdirSync(path.join(DIST, dir)).sort();
  const bytes = files.reduce((a, f) => a + fs.statSync(path.join(DIST, dir, f)).size, 0);
  return { dir, version: dir.split('/')[1], files, bytes };
}

/** The Content-Security-Policy the build's _headers sends with every file. */
export function buildCsp() {
  const m = /Content-Security-Policy: (.*)/.exec(fs.readFileSync(path.join(DIST, '_headers'), 'utf8'));
  if (!m) throw new Error('dist/_headers has no Content-Security-Policy');
  return m[1];
}

/**
 * In `page`: starts py/cpu.mjs, loads its interpreter (`load`: extra fields of the load message)
 * and, if `job` is given ({start, end, style, k?}), runs it. Resolves with {loaded, values, end}:
 * the `py-loaded` reply (without the snapshot bytes), every S(i) in task order, and the message
 * that ended the job (the last batch, or a `py-failed`).
 */
export function pyWorkerRun(page, { load = {}, job = null, timeout = 120_000 } = {}) {
  return page.evaluate(async ({ load, job, timeout }) => {
    const w = new Worker(new URL('py/cpu.mjs', document.baseURI), { type: 'module', name: 'python test worker' });
    const inbox = [];
    let wake = () => {};
    w.onmessage = (e) => { inbox.push(e.data); wake(); };
    w.onerror = (e) => { e.preventDefault(); inbox.push({ type: 'error', error: e.message }); wake(); };
    const deadline = Date.now() + timeout;
    const next = async () => {
      while (!inbox.length) {
        if (Date.now() > deadline) throw new Error('the Python worker did not answer in time');
        await new Promise((r) => { wake = r; setTimeout(r, 500); });
      }
      return inbox.shift();
    };
    try {
      w.postMessage({ type: 'py-load', run: 41, ...load });
      const loaded = await next();
      const facts = { ...loaded, snapshot: loaded.snapshot ? loaded.snapshot.length : null };
      if (!job || loaded.type !== 'py-loaded') return { loaded: facts, values: [], end: null };
      w.postMessage({ type: 'py-job', run: 41, id: 3, stream_ms: 100, k: 2, ...job });
      const values = [];
      let m;
      do {
        m = await next();
        if (m.type !== 'batch') break;
        if (m.run !== 41 || m.job !== 3) throw new Error(`a batch for run ${m.run} job ${m.job}`);
        m.values.forEach((v, j) => { values[m.start - job.start + j] = v; });
      } while (!m.last);
      const end = m.type === 'batch' ? { type: m.type, last: m.last } : m;
      return { loaded: facts, values, end };
    } finally {
      w.terminate();
    }
  }, { load, job, timeout });
}

/** The CPU experiment's Python mode ids, in the panel's order. */
export const PY_MODES = ['py-serial', 'py-processes', 'py-processes-queue', 'py-asyncio', 'py-threads'];

/** Waits until `#py-engine` says `state` ('ready', 'failed', …); returns its text. */
export async function engineLine(page, state, { timeout = 120_000 } = {}) {
  await page.waitForSelector(`#py-engine[data-state="${state}"]`, { timeout });
  return page.$eval('#py-engine', (e) => e.textContent);
}

/**
 * An init script: counts the workers the page starts and terminates, by script file name
 * (`window.__workers.made['cpu.mjs']`, `.ended[…]`). The app's wasm calls `new Worker` and
 * `terminate()` through the page's globals, so a subclass in their place sees every one.
 */
export function countWorkers() {
  const Base = window.Worker;
  const log = { made: {}, ended: {} };
  window.__workers = log;
  window.Worker = class extends Base {
    constructor(url, options) {
      super(url, options);
      this.file = String(url).split('/').pop();
      log.made[this.file] = (log.made[this.file] || 0) + 1;
    }

    terminate() {
      log.ended[this.file] = (log.ended[this.file] || 0) + 1;
      return super.terminate();
    }
  };
}

/** The workers of script `file` started and terminated so far (see {@link countWorkers}). */
export async function workerCount(page, file) {
  return page.evaluate((file) => ({ made: window.__workers.made[file] || 0, ended: window.__workers.ended[file] || 0 }), file);
}

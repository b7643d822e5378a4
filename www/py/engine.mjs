// The Python engine: CPython compiled to WebAssembly (Pyodide), started inside a *module* worker.
// Every Python worker of the page imports this file (the CPU experiment's py/cpu.mjs, the Python
// cell, the I/O experiment's Python worker); none of it loads until one of them is started.
//
// API
//   import { loadEngine, pythonError, PYODIDE_VERSION } from './engine.mjs';
//
//   const { pyodide, report } = await loadEngine({ stdout, stderr, snapshot, makeSnapshot });
//     stdout(line), stderr(line)  optional: what Python prints, one line per call (default: dropped,
//                                 so nothing reaches the console unasked)
//     snapshot                    optional: a memory snapshot (Uint8Array / ArrayBuffer) made by an
//                                 earlier loadEngine({ makeSnapshot: true }) of this same build: the
//                                 interpreter starts from it instead of initialising from scratch
//                                 (~5x faster; see "Warm start" below); if it fails, a plain start follows
//     makeSnapshot                optional: also return `report.snapshot`, the interpreter's memory
//                                 right after start-up, for later workers (costs one ~30 MB copy)
//   report = {
//     version,        Pyodide's version, e.g. "314.0.8"
//     python,         CPython's version, e.g. "3.14.2"
//     ms,             wall time of the whole start: fetch + compile + interpreter start-up
//     bytes,          size of the engine files this start read (decoded bodies, from network or cache)
//     networkBytes,   of those, bytes not served from the service worker's engine cache (all of
//                     them on a first use, none after it)
//     files,          how many engine files it read
//     start,          'snapshot' (started from a snapshot) | 'fresh'
//     snapshot,       Uint8Array when makeSnapshot was asked (transfer its buffer to the page);
//                     null if this browser's Pyodide could not make one (snapshotError says why)
//   }
//   Throws an Error whose message says what failed (files missing offline, a CSP that forbids wasm…).
//
//   pythonError(err) -> { type, message, traceback }
//     Python's own words for an exception that crossed into JS (a PythonError): `type` is the
//     exception's class ("RuntimeError"), `message` its last line ("RuntimeError: can't start new
//     thread"), `traceback` the whole text Python printed. Non-Python errors give type "Error".
//
// Where the files are: PYODIDE_DIR below is stamped by scripts/postbuild.mjs with the versioned
// folder the build copied Pyodide's core into (pyodide/<version>/ next to index.html); it is
// resolved against this file's URL, so the page works from any sub-path. The service worker
// (sw.js) caches those files the first time they are read, in a cache named by the version.
//
// Warm start: Pyodide re-downloads and re-initialises its files for every instance (pyodide/pyodide#587).
// The files come from the service worker's cache after the first time; the rest of the start-up
// (unpacking the standard library, importing Python's start-up modules) is what a memory snapshot
// skips: Pyodide's loadPyodide accepts `_makeSnapshot` / `_loadSnapshot` (marked internal in
// pyodide.d.ts; used by Cloudflare's Python Workers), so this module wraps them and falls back to a
// fresh start if a snapshot is refused.

const PYODIDE_DIR = 'pyodide/dev/';

/** Absolute URL of the folder holding Pyodide's files (with a trailing slash). */
export const INDEX_URL = new URL(`../${PYODIDE_DIR}`, import.meta.url).href;

/** The Pyodide version this build ships (the folder's name). */
export const PYODIDE_VERSION = PYODIDE_DIR.split('/')[1];

function lines(sink) {
  return sink ? (text) => sink(String(text)) : () => {};
}

/**
 * The engine files the service worker's cache (sw.js: `pyodide-<version>`) holds now, as URLs.
 * Resource Timing cannot tell: a response a service worker hands over has no transfer size,
 * whether it came from its cache or from the network.
 */
async function cachedFiles() {
  try {
    if (typeof caches === 'undefined' || !(await caches.has(`pyodide-${PYODIDE_VERSION}`))) return new Set();
    const keys = await (await caches.open(`pyodide-${PYODIDE_VERSION}`)).keys();
    return new Set(keys.map((k) => k.url));
  } catch {
    return new Set(); // storage blocked: count everything as fetched
  }
}

/**
 * The engine files read since `since` (a performance.now() time), from Resource Timing. Firefox
 * gives every response its service worker handed over a body size of 0; such a file's size is
 * then its copy's in the service worker's engine cache.
 */
async function engineReads(since, cached) {
  const entries = performance.getEntriesByType('resource')
    .filter((e) => e.name.startsWith(INDEX_URL) && e.startTime >= since);
  // (The service worker writes a file it fetched into that cache as it hands it over, so a first
  // use finds it there too. `has` first: opening would create the cache where there is none.)
  const name = `pyodide-${PYODIDE_VERSION}`;
  const cache = typeof caches !== 'undefined' && (await caches.has(name).catch(() => false))
    ? await caches.open(name).catch(() => null) : null;
  const sized = await Promise.all(entries.map(async (e) => {
    const url = e.name.split(/[?#]/)[0];
    let size = e.decodedBodySize || e.encodedBodySize || 0;
    if (!size && cache) {
      const hit = await cache.match(url).catch(() => null);
      // (A host may send no Content-Length; the cached body's size then, a disk-backed blob.)
      size = Number(hit?.headers.get('content-length')) || (hit ? (await hit.blob()).size : 0);
    }
    return { size, fromCache: cached.has(url) };
  }));
  return {
    files: entries.length,
    bytes: sized.reduce((a, e) => a + e.size, 0),
    networkBytes: sized.filter((e) => !e.fromCache).reduce((a, e) => a + e.size, 0),
  };
}

let loaderPromise = null;
function loader() {
  if (!loaderPromise) {
    loaderPromise = import(`${INDEX_URL}pyodide.mjs`).catch((e) => {
      loaderPromise = null;
      throw new Error(`could not load the Python engine from ${INDEX_URL} (${e && e.message ? e.message : e})`);
    });
  }
  return loaderPromise;
}

/** Starts an interpreter; see the API at the top of this file. */
export async function loadEngine({ stdout, stderr, snapshot, makeSnapshot = false } = {}) {
  // Resource Timing's buffer holds 250 entries by default; each start reads ~5 files.
  performance.setResourceTimingBufferSize?.(10_000);
  const t0 = performance.now();
  const cached = await cachedFiles();
  const { loadPyodide } = await loader();
  const base = {
    indexURL: INDEX_URL,
    stdout: lines(stdout),
    stderr: lines(stderr),
    // The lock file names packages on a CDN; this page installs none, so nothing goes there.
    checkAPIVersion: true,
  };
  let pyodide = null;
  let start = 'fresh';
  if (snapshot) {
    try {
      pyodide = await loadPyodide({ ...base, _loadSnapshot: snapshot instanceof Uint8Array ? snapshot : new Uint8Array(snapshot) });
      start = 'snapshot';
    } catch (e) {
      (stderr || (() => {}))(`(memory snapshot refused, starting fresh: ${e && e.message ? e.message : e})`);
      pyodide = null;
    }
  }
  if (!pyodide) pyodide = await loadPyodide({ ...base, _makeSnapshot: makeSnapshot });
  const report = {
    version: PYODIDE_VERSION,
    python: pyodide.runPython('import sys; sys.version.split()[0]'),
    ms: 0,
    ...(await engineReads(t0, cached)),
    start,
    snapshot: null,
  };
  if (makeSnapshot && start === 'fresh') {
    try {
      report.snapshot = pyodide.makeMemorySnapshot();
    } catch (e) {
      report.snapshotError = String((e && e.message) || e);
    }
  }
  report.ms = performance.now() - t0;
  return { pyodide, report };
}

/** Python's own text for an error (see the API at the top). */
export function pythonError(err) {
  const text = String((err && err.message) || err || 'unknown error');
  if (!err || err.constructor?.name !== 'PythonError') {
    return { type: (err && err.name) || 'Error', message: text.split('\n')[0], traceback: text };
  }
  const body = text.trimEnd().split('\n');
  const message = body[body.length - 1];
  return { type: err.type || message.split(':')[0], message, traceback: text.trimEnd() };
}

/**
 * Handles this worker's messages one at a time, in arrival order: a message that arrives while an
 * earlier one is still being handled (the interpreter's load, a run) waits for it, so the page may
 * post a load and its jobs together. What `handle(msg)` throws goes to `onError(msg, err)`; the
 * next message is handled all the same.
 */
export function serveInOrder(handle, onError) {
  let queue = Promise.resolve();
  self.addEventListener('message', (event) => {
    const msg = event.data || {};
    queue = queue.then(() => handle(msg)).catch((err) => onError(msg, err));
  });
}

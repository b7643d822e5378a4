// The playground's one service worker (a scope has room for only one). Three jobs:
//
// 1. Cross-origin isolation on hosts that cannot send headers: same-origin responses get
//    COOP / COEP / CORP added (unless the host sent them) — see coi.js for the one reload.
// 2. Offline: the app's files are cached at install (the list and the build id are written into
//    this file by scripts/postbuild.mjs, so a new deployment is a new worker that re-caches),
//    and served from the cache when the network fails. The Python engine (Pyodide, ~13 MB under
//    pyodide/<version>/) is not fetched at install: its files are cached the first time a Python
//    mode asks for them, in a cache of their own named by the version, which outlives app
//    deployments (the files under one version never change), and served from that cache first —
//    every interpreter a run starts reads the same files (pyodide/pyodide#587: Pyodide does not share
//    them between instances itself).
// 3. The simulated network: requests under <scope>simnet/<run>/<j>/<image> are answered with the
// bundled image after the delay the network model decides. The model itself is Rust, running in
// a dedicated "simnet" worker (src/web/simnet.rs); this script only stamps each request's
// arrival, forwards it over a MessagePort the page hands over, and answers at the time the model
// sends back for it (`due`, sent ahead of time and again when a later arrival moves it) with 200
// and the bytes, or 503. Answering on our own timer keeps the thread hops off each response.

// The message types this script reads or writes (the Rust side's table is core::wire::Kind).
const MSG = Object.freeze({
  claim: 'claim', simnetPort: 'simnet-port', simnetReady: 'simnet-ready', arrive: 'arrive', done: 'done', due: 'due',
});

const BUILD = 'dev';
const PRECACHE = [];
const PYODIDE_DIR = 'pyodide/dev/';
const CACHE = `playground-${BUILD}`;
const PYODIDE_CACHE = `pyodide-${PYODIDE_DIR.split('/')[1]}`;
const SCOPE = new URL(self.registration.scope);
const SIMNET = new URL('simnet/', SCOPE).pathname;
const IMAGES = new URL('images/', SCOPE).pathname;
const PYODIDE = new URL(PYODIDE_DIR, SCOPE).pathname;
const HEADERS = { 'Cache-Control': 'no-store', 'Cross-Origin-Resource-Policy': 'same-origin' };

let port = null;        // to the simnet worker
let nextId = 1;
const waiting = new Map(); // request id -> { resolve(status), timer }
const bodies = new Map();  // image name -> Promise<ArrayBuffer>

self.addEventListener('install', () => self.skipWaiting());

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    // Claim first: the page waiting to be reloaded under this worker should not wait for the
    // download of the offline copy, which follows while the worker is kept alive.
    await self.clients.claim();
    for (const name of await caches.keys()) {
      const stale = (name.startsWith('playground-') && name !== CACHE) || (name.startsWith('pyodide-') && name !== PYODIDE_CACHE);
      if (stale) await caches.delete(name);
    }
    // One failing file must not stop the rest from being cached (addAll is all-or-nothing).
    const cache = await caches.open(CACHE);
    await Promise.all(PRECACHE.map((path) => cache.add(new URL(path, SCOPE)).catch(() => undefined)));
  })());
});

self.addEventListener('message', (event) => {
  const data = event.data || {};
  // A page that loaded while this worker was installing missed the claim in `activate`.
  if (data.type === MSG.claim) {
    event.waitUntil(self.clients.claim());
    return;
  }
  if (data.type === MSG.simnetPort && event.ports.length === 2) {
    if (port) port.close();
    port = event.ports[0];
    port.onmessage = ({ data: m }) => {
      const w = m && waiting.get(m.id);
      if (!w) return;
      if (m.type === MSG.done) answer(m.id, m.status);
      else if (m.type === MSG.due) {
        clearTimeout(w.timer);
        w.timer = setTimeout(() => answer(m.id, m.status), Math.max(0, m.at - (performance.timeOrigin + performance.now())));
      }
    };
    event.ports[1].postMessage({ type: MSG.simnetReady });
  }
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || (request.method !== 'GET' && request.method !== 'HEAD')) return;
  if (url.pathname.startsWith(SIMNET)) {
    event.respondWith(simnet(url.pathname.slice(SIMNET.length), request));
    return;
  }
  // The I/O experiment's real-HTTP source: straight to the network, untouched, uncached.
  if (url.pathname.startsWith(IMAGES) && url.searchParams.has('run')) return;
  if (url.pathname.startsWith(PYODIDE) && request.method === 'GET') {
    event.respondWith(cacheFirst(request));
    return;
  }
  event.respondWith(networkFirst(request));
});

/** The network's answer (kept in the cache), or the cached copy when the network fails. */
async function networkFirst(request) {
  // HEAD (the page asking how it is isolated) is answered like GET, from the cache when offline.
  const key = request.method === 'HEAD' ? new Request(request.url) : request;
  try {
    const response = await fetch(request);
    if (response.ok && response.type === 'basic' && request.method === 'GET') {
      const copy = response.clone();
      caches.open(CACHE).then((cache) => cache.put(request, copy)).catch(() => undefined);
    }
    return isolated(response);
  } catch (error) {
    const cached = await caches.match(key, { ignoreSearch: true })
      || (request.mode === 'navigate' || request.method === 'HEAD' ? await caches.match(new URL('./', SCOPE)) : undefined);
    if (cached) return isolated(request.method === 'HEAD' ? new Response(null, cached) : cached);
    throw error;
  }
}

/** A Pyodide file: from its version's cache, else from the network (and then kept). */
async function cacheFirst(request) {
  const cache = await caches.open(PYODIDE_CACHE);
  const hit = await cache.match(request, { ignoreSearch: true });
  if (hit) return isolated(hit);
  const response = await fetch(request);
  if (response.ok && response.type === 'basic') {
    // Awaited, so that a second interpreter started right after this one finds the file cached.
    await cache.put(request, response.clone()).catch(() => undefined);
  }
  return isolated(response);
}

/** The response with the isolation headers added where the host did not send them. */
function isolated(response) {
  if (response.type === 'opaque' || response.type === 'opaqueredirect' || response.status === 0) return response;
  const headers = new Headers(response.headers);
  const added = !headers.has('Cross-Origin-Embedder-Policy');
  if (added) {
    headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
    if (!headers.has('Cross-Origin-Opener-Policy')) headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  }
  // cross-origin, so a course site that is itself isolated may frame the page.
  if (!headers.has('Cross-Origin-Resource-Policy')) headers.set('Cross-Origin-Resource-Policy', 'cross-origin');
  headers.set('X-Playground-Isolation', added ? 'service-worker' : 'headers');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

function body(name) {
  if (!bodies.has(name)) {
    const url = new URL(`images/${name}`, SCOPE);
    // Cached at install, so the simulated network works offline too.
    const p = caches.match(url).then((hit) => hit || fetch(url))
      .then((r) => { if (!r.ok) throw new Error(`images/${name}: HTTP ${r.status}`); return r.arrayBuffer(); });
    p.catch(() => bodies.delete(name));
    bodies.set(name, p);
  }
  return bodies.get(name);
}

/** Answers simnet request `id` with `status` (0: aborted). */
function answer(id, status) {
  const w = waiting.get(id);
  if (!w) return;
  waiting.delete(id);
  clearTimeout(w.timer);
  w.resolve(status);
}

async function simnet(path, request) {
  const arrived = performance.timeOrigin + performance.now();
  const [run, j, name] = path.split('/');
  if (!port || !/^\d+$/.test(run) || !/^\d+$/.test(j) || !/^[\w.-]+$/.test(name || '')) {
    return new Response(port ? 'bad simnet path' : 'the simulated network is not connected', { status: 502, headers: HEADERS });
  }
  const bytes = body(name);
  const id = nextId++;
  const status = await new Promise((resolve) => {
    waiting.set(id, { resolve, timer: 0 });
    request.signal.addEventListener('abort', () => answer(id, 0));
    port.postMessage({ type: MSG.arrive, id, run: Number(run), j: Number(j), name, t: arrived });
  });
  if (status === 200) {
    try {
      return new Response(await bytes, { status: 200, headers: { ...HEADERS, 'Content-Type': 'image/png' } });
    } catch (e) {
      return new Response(String(e), { status: 500, headers: HEADERS });
    }
  }
  return new Response(status ? 'simulated failure' : 'aborted', { status: status || 499, headers: HEADERS });
}

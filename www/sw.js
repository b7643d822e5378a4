// The playground's one service worker (a scope has room for only one).
//
// The simulated network: requests under <scope>simnet/<run>/<j>/<image> are answered with the
// bundled image after the delay the network model decides. The model itself is Rust, running in
// real time in a dedicated "simnet" worker (src/web/simnet.rs); this script only stamps each
// request's arrival, forwards it over a MessagePort the page hands over, and answers when the
// model says the request is done (200 with the bytes, or 503).

const SIMNET = new URL('simnet/', self.registration.scope).pathname;
const HEADERS = { 'Cache-Control': 'no-store', 'Cross-Origin-Resource-Policy': 'same-origin' };

let port = null;        // to the simnet worker
let nextId = 1;
const waiting = new Map(); // request id -> resolve(status)
const bodies = new Map();  // image name -> Promise<ArrayBuffer>

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('message', (event) => {
  const data = event.data || {};
  if (data.type === 'simnet-port' && event.ports.length === 2) {
    if (port) port.close();
    port = event.ports[0];
    port.onmessage = ({ data: m }) => {
      const resolve = m && waiting.get(m.id);
      if (resolve) { waiting.delete(m.id); resolve(m.status); }
    };
    event.ports[1].postMessage({ type: 'simnet-ready' });
  }
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (url.origin === self.location.origin && url.pathname.startsWith(SIMNET)) {
    event.respondWith(simnet(url.pathname.slice(SIMNET.length), event.request));
  }
});

function body(name) {
  if (!bodies.has(name)) {
    const p = fetch(new URL(`images/${name}`, self.registration.scope), { cache: 'no-store' })
      .then((r) => { if (!r.ok) throw new Error(`images/${name}: HTTP ${r.status}`); return r.arrayBuffer(); });
    p.catch(() => bodies.delete(name));
    bodies.set(name, p);
  }
  return bodies.get(name);
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
    waiting.set(id, resolve);
    request.signal.addEventListener('abort', () => { waiting.delete(id); resolve(0); });
    port.postMessage({ type: 'arrive', id, run: Number(run), j: Number(j), name, t: arrived });
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

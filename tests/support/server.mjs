// A small static server for the tests and `make bench`: serves a directory on 127.0.0.1 under a
// path prefix, with or without the cross-origin isolation headers (or any other headers), so one
// build can be checked every way it may be hosted; and a one-page server for a page that frames it.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm', '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.png': 'image/png',
  '.jpg': 'image/jpeg', '.svg': 'image/svg+xml', '.txt': 'text/plain; charset=utf-8', '.webmanifest': 'application/manifest+json',
};

export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** What a host sends so that the page is isolated even inside a non-isolated parent's frame. */
export const DOCUMENT_ISOLATION_HEADERS = {
  'Document-Isolation-Policy': 'isolate-and-require-corp',
};

/**
 * Serves `root` under `prefix` (e.g. "/" or "/course/playground/").
 * `requests` lists every request it received ("GET /path?query"), in order; `sent` the bytes
 * of each response body, in the same order ({url, bytes}). `unplug(true)` makes it answer none:
 * each request is still listed, and its connection is reset, as when the network is gone (the
 * offline test needs this in Firefox, see hosting-offline.test.mjs).
 * @param {{root: string, prefix?: string, headers?: Record<string,string>, port?: number}} opts
 * @returns {Promise<{url: string, port: number, requests: string[], sent: {url: string, bytes: number}[], unplug: (on: boolean) => void, close: () => Promise<void>}>}
 */
export function serve({ root, prefix = '/', headers = {}, port = 0 }) {
  root = path.resolve(root);
  const requests = [];
  const sent = [];
  let unplugged = false;
  const server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    if (unplugged) { req.socket.destroy(); return; }
    const end = res.end.bind(res);
    res.end = (body, ...rest) => { sent.push({ url: req.url, bytes: body ? Buffer.byteLength(body) : 0 }); return end(body, ...rest); };
    const url = new URL(req.url, 'http://x');
    let rel = decodeURIComponent(url.pathname);
    if (!rel.startsWith(prefix)) { res.writeHead(404).end('not found'); return; }
    rel = rel.slice(prefix.length);
    let file = path.join(root, rel);
    if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
    if (rel === '' || rel.endsWith('/')) file = path.join(file, 'index.html');
    fs.readFile(file, (err, body) => {
      if (err) { res.writeHead(404, headers).end('not found'); return; }
      res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-cache', ...headers });
      res.end(body);
    });
  });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      const p = server.address().port;
      resolve({
        url: `http://127.0.0.1:${p}${prefix}`, port: p, requests, sent,
        unplug: (on) => {
          unplugged = on;
          if (on) server.closeIdleConnections?.();
        },
        close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }),
      });
    });
  });
}

/**
 * Serves one HTML document, `render(url)` for the request's URL, at every path on 127.0.0.1 (with
 * `headers`, none by default): e.g. a course page that frames the playground.
 * @param {(url: URL) => string} render
 * @returns {Promise<{url: string, port: number, close: () => Promise<void>}>}
 */
export function servePage(render, { headers = {} } = {}) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (url.pathname === '/favicon.ico') { res.writeHead(204, headers).end(); return; }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...headers }).end(render(url));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const p = server.address().port;
      resolve({
        url: `http://127.0.0.1:${p}/`, port: p,
        close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }),
      });
    });
  });
}

// `node tests/support/server.mjs DIR [--isolated] [--port N] [--prefix /x/]` for a manual look.
if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
  const s = await serve({
    root: args[0] || 'dist', prefix: opt('--prefix', '/'), port: Number(opt('--port', 0)),
    headers: args.includes('--isolated') ? ISOLATION_HEADERS : {},
  });
  console.log(`serving ${args[0] || 'dist'} at ${s.url}${args.includes('--isolated') ? ' (cross-origin isolated)' : ''}`);
}

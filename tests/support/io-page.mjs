// Helpers for the I/O panel's page tests (tests/e2e/io-*.test.mjs): pages that record every
// change of `#io[data-run-state]` (so a run that starts and ends between two polls is never
// missed), readers for the I/O DOM contract, the bundled manifest read from disk, a JS port of
// the network model's per-request draw, and a second local server for the URL source.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { openPage, launch, settleIsolation } from './browser.mjs';
import { serve, ISOLATION_HEADERS } from './server.mjs';
import { DIST, LOAD_TIMEOUT, RUN_TIMEOUT, download, recorder } from './cpu-page.mjs';

export { DIST, LOAD_TIMEOUT, RUN_TIMEOUT, download, launch };
export { setup, at, clearStorage, settled, assertNoErrors, panelModes, offeredModes } from './cpu-page.mjs';


/** dist/images/manifest.json, as shipped next to the page. */
export const MANIFEST = JSON.parse(fs.readFileSync(path.join(DIST, 'images', 'manifest.json'), 'utf8'));

/** The bundled image request `j` downloads. */
export function imageFor(j) {
  return MANIFEST.images[j % MANIFEST.images.length];
}

/** Σ of the manifest sizes of the images requests 0 … count−1 download. */
export function expectedBytes(count) {
  let sum = 0;
  for (let j = 0; j < count; j++) sum += imageFor(j).bytes;
  return sum;
}


/**
 * A new tab that collects errors in `page.errors` (a JS dialog counts as one) and records the
 * I/O panel's run-state changes.
 */
export async function newPage(context, opts) {
  const page = await openPage(context, opts);
  // The same console errors as `page.errors`, with the URL Chromium attributes them to.
  page.consoleErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') page.consoleErrors.push({ text: m.text(), url: m.location().url }); });
  await page.addInitScript(recorder, { panel: 'io', key: '__ioTest' });
  page.on('dialog', async (d) => {
    page.errors.push(`dialog (${d.type()}): ${d.message()}`);
    await d.dismiss().catch(() => {});
  });
  return page;
}

/**
 * Chromium itself logs every failed resource load as a console error ("Failed to load resource:
 * the server responded with a status of 503", "… net::ERR_CONNECTION_REFUSED", "Access to fetch
 * at 'URL' … blocked by CORS policy"), whatever the page does with the failure; Firefox logs its
 * CORS and CORP blocks ("Cross-Origin Request Blocked: … at URL. (Reason: …)", "The resource at
 * “URL” was blocked due to its Cross-Origin-Resource-Policy header"), which arrive as page errors. A test that makes
 * requests fail on purpose removes exactly those lines from `page.errors`: a line goes only if it
 * is one of these browser messages AND `expected(url, text)` accepts the URL it is about. Anything
 * else (a page error, a failure of an unexpected URL) stays and fails `assertNoErrors`.
 * @returns {number} how many lines were removed
 */
export function dropExpectedLoadErrors(page, expected) {
  let dropped = 0;
  // Firefox reports its own CORS and CORP blocks as page errors (over WebDriver BiDi), naming the URL.
  for (const line of [...page.errors]) {
    const m = /^pageerror: (?:Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at (\S+)\. \(Reason: |The resource at “([^”]+)” was blocked due to its Cross-Origin-Resource-Policy header)/.exec(line);
    if (!m || !expected(m[1] || m[2], line.slice('pageerror: '.length))) continue;
    page.errors.splice(page.errors.indexOf(line), 1);
    dropped++;
  }
  for (const { text, url } of page.consoleErrors) {
    const cors = /^Access to fetch at '([^']+)' from origin '[^']+' has been blocked by CORS policy/.exec(text);
    const failed = /^Failed to load resource: /.test(text);
    if (!(cors || failed) || !expected(cors ? cors[1] : url, text)) continue;
    const i = page.errors.indexOf(`console.error: ${text}`);
    if (i >= 0) {
      page.errors.splice(i, 1);
      dropped++;
    }
  }
  page.consoleErrors = [];
  return dropped;
}

/**
 * Opens `url` and waits until the I/O panel is in the document and the page has settled its
 * isolation (through the one reload of a first visit without isolation headers, if it does one).
 */
export async function load(page, url) {
  await page.goto(url, { timeout: LOAD_TIMEOUT });
  await settleIsolation(page, '#io[data-run-state]', { timeout: LOAD_TIMEOUT });
}

/** The recorded run-state changes of the current document: [{state, t}]. */
export function runLog(page) {
  return page.evaluate(() => window.__ioTest.log.slice());
}

/** Clicks recorded in the current document: [{id, t, trusted}]. */
export function clicks(page) {
  return page.evaluate(() => window.__ioTest.clicks.slice());
}

/** Number of entries in the run-state log now, to wait for a run that starts after this. */
export async function mark(page) {
  return (await runLog(page)).length;
}

/** Progress items: [{mode, state, value, max}]. */
export function progress(page) {
  return page.$$eval('[id^="io-progress-"]', (lis) => lis.map((li) => {
    const bar = li.querySelector('progress');
    return {
      mode: li.id.slice('io-progress-'.length),
      state: li.getAttribute('data-state'),
      value: bar ? bar.value : null,
      max: bar ? bar.max : null,
    };
  }));
}

/**
 * Waits until a run has started after log entry `since` and the panel is idle again.
 * With `run=1` call it right after `load` with since = 0.
 */
export async function waitForRun(page, { since = 0, timeout = RUN_TIMEOUT } = {}) {
  try {
    await page.waitForFunction((since) => {
      const log = window.__ioTest.log.slice(since);
      const el = document.getElementById('io');
      return log.some((e) => e.state === 'running') && el && el.getAttribute('data-run-state') === 'idle';
    }, since, { timeout, polling: 100 });
  } catch (e) {
    const log = await runLog(page).catch(() => []);
    const prog = await progress(page).catch(() => []);
    throw new Error(`no complete I/O run (running → idle) within ${timeout} ms; run-state log since #${since}: `
      + `${JSON.stringify(log.slice(since).map((x) => x.state))}; progress: ${JSON.stringify(prog)}; errors: ${JSON.stringify(page.errors)}`, { cause: e });
  }
}

/** Rows of the results table, numbers parsed: [{mode, status, ok, failed, bytes, wallMs, idealMs, samples}]. */
export function resultRows(page) {
  return page.$$eval('#io-results tbody tr', (trs) => trs.map((tr) => {
    const n = (name) => {
      const v = tr.getAttribute(name);
      return v === null || v === '' ? null : Number(v);
    };
    return {
      mode: tr.getAttribute('data-mode'),
      status: tr.getAttribute('data-status'),
      ok: n('data-ok'),
      failed: n('data-failed'),
      bytes: n('data-bytes'),
      wallMs: n('data-wall-ms'),
      idealMs: n('data-ideal-ms'),
      samples: JSON.parse(tr.getAttribute('data-samples') || '[]'),
    };
  }));
}

/** Clicks the mode name in `mode`'s results row and waits for its thumbnail grid. */
export async function showMode(page, mode) {
  await page.click(`#io-results tbody tr[data-mode="${mode}"] th button`);
  await page.waitForSelector(`ol.thumbs[data-mode="${mode}"]`, { state: 'attached', timeout: LOAD_TIMEOUT });
}

/** Thumbnails of the grid shown for `mode`: [{index, order, img, failed}]. */
export function thumbs(page, mode) {
  return page.$$eval(`ol.thumbs[data-mode="${mode}"] li[data-index]`, (lis) => lis.map((li) => ({
    index: Number(li.getAttribute('data-index')),
    order: Number(li.getAttribute('data-order')),
    img: li.querySelector('img') !== null,
    failed: li.classList.contains('failed'),
  })));
}

/** Failures listed for the shown mode: [{index, error, url}]. */
export function failures(page) {
  return page.$$eval('#io-failures li', (lis) => lis.map((li) => ({
    index: Number(li.getAttribute('data-index')),
    error: li.getAttribute('data-error'),
    url: li.querySelector('code') ? li.querySelector('code').textContent : null,
  })));
}

/** Downloads and parses the JSON export. */
export async function exportJson(page) {
  return JSON.parse((await download(page, '#io-json')).text);
}

/** Waits until `mode` is downloading and has finished at least `min` requests. */
export async function waitForProgress(page, mode, min = 1) {
  try {
    await page.waitForFunction(([mode, min]) => {
      const li = document.getElementById(`io-progress-${mode}`);
      const bar = li && li.querySelector('progress');
      return li && li.getAttribute('data-state') === 'running' && bar && bar.value >= min;
    }, [mode, min], { timeout: 60_000, polling: 50 });
  } catch (e) {
    throw new Error(`${mode} never showed a running progress bar with value ≥ ${min}: ${JSON.stringify(await progress(page))}`, { cause: e });
  }
}

/** Clicks #io-cancel with a raw, trusted mouse click and returns ms until the panel is idle. */
export async function cancelAndTime(page) {
  await page.waitForSelector('#io-cancel:not([disabled])', { timeout: LOAD_TIMEOUT });
  const box = await page.evaluate(() => {
    const b = document.getElementById('io-cancel');
    b.scrollIntoView({ block: 'center' });
    const r = b.getBoundingClientRect();
    return r.width > 0 && r.height > 0 ? { x: r.x + r.width / 2, y: r.y + r.height / 2 } : null;
  });
  assert.ok(box, '#io-cancel has no box on screen');
  const t0 = Date.now();
  await page.mouse.click(box.x, box.y);
  await page.waitForFunction((t0) => window.__ioTest.log.some((e) => e.state === 'idle' && e.t >= t0), t0,
    { timeout: 30_000, polling: 50 });
  const idle = (await runLog(page)).find((e) => e.state === 'idle' && e.t >= t0);
  const click = (await clicks(page)).find((c) => c.t >= t0);
  assert.ok(click && click.id === 'io-cancel' && click.trusted,
    `the mouse click did not land on #io-cancel: ${JSON.stringify(click)}`);
  return idle.t - t0;
}

/** Messages in `#url-problems`. */
export function urlProblems(page) {
  return page.$$eval('#url-problems li', (l) => l.map((li) => li.textContent));
}

/** Ids of the ticked I/O mode checkboxes, in panel order. */
export function tickedModes(page) {
  return page.$$eval('input[type=checkbox][id^="io-mode-"]', (bs) => bs.filter((b) => b.checked).map((b) => b.id.slice('io-mode-'.length)));
}

// ---------------------------------------------------------------------------------------------
// The network model's per-request draw (src/core/net/mod.rs: SplitMix64, request_draw), in JS
// ---------------------------------------------------------------------------------------------

const MASK = (1n << 64n) - 1n;
const GOLDEN_GAMMA = 0x9E3779B97F4A7C15n;

function mix64(z) {
  z = ((z ^ (z >> 30n)) * 0xBF58476D1CE4E5B9n) & MASK;
  z = ((z ^ (z >> 27n)) * 0x94D049BB133111EBn) & MASK;
  return z ^ (z >> 31n);
}

/** SplitMix64 from `state`: `next()` → BigInt (for a check against reference outputs). */
export function splitMix64(state) {
  let s = BigInt(state) & MASK;
  return { next: () => { s = (s + GOLDEN_GAMMA) & MASK; return mix64(s); } };
}

/** The draw of request `key` (attempt 0 unless given): {u1, u2, latencyMs, fails}. */
export function requestDraw({ seed, latency = 0, jitter = 0, fail }, key, attempt = 0) {
  const seeded = mix64((BigInt(seed) + GOLDEN_GAMMA) & MASK);
  let state = mix64(seeded ^ ((BigInt(key) << 32n) | BigInt(attempt)));
  const next = () => {
    state = (state + GOLDEN_GAMMA) & MASK;
    return mix64(state);
  };
  const unit = () => Number(next() >> 11n) / 2 ** 53;
  const u1 = unit();
  const u2 = unit();
  return { u1, u2, latencyMs: Math.max(0, latency + (2 * u1 - 1) * jitter), fails: u2 < fail };
}

/** Indices 0 … count−1 the model fails for these parameters. */
export function predictedFailures(params, count) {
  const out = [];
  for (let j = 0; j < count; j++) if (requestDraw(params, j).fails) out.push(j);
  return out;
}

/** Index of a simnet URL's request, or null. */
export function simnetIndex(url) {
  const m = /\/simnet\/\d+\/(\d+)\/img-\d+\.png$/.exec(url || '');
  return m ? Number(m[1]) : null;
}

/**
 * After a finished simulated run of `count` requests with seeded failures, checks that each of
 * `modes` failed exactly the requests the model predicts (`predicted`, from predictedFailures), each
 * with error `http-503` in `#io-failures` (with its simnet URL), a failed thumbnail, status 503 and
 * 0 bytes in the export, while the others arrived whole; then takes the browser's own lines about
 * those 503s out of `page.errors` (see dropExpectedLoadErrors) and returns how many it took.
 */
export async function assertSeededFailures(page, modes, predicted, count) {
  const okBytes = [...Array(count).keys()].filter((j) => !predicted.includes(j)).reduce((s, j) => s + imageFor(j).bytes, 0);
  const rows = await resultRows(page);
  assert.deepEqual(rows.map((r) => [r.mode, r.status, r.ok, r.failed, r.bytes]),
    modes.map((m) => [m, 'done', count - predicted.length, predicted.length, okBytes]), 'rows');

  for (const m of modes) {
    await showMode(page, m);
    const listed = await failures(page);
    assert.deepEqual(listed.map((f) => f.index), predicted, `${m}: the failed requests in #io-failures`);
    for (const f of listed) {
      assert.equal(f.error, 'http-503', `${m}: request ${f.index} failed with ${f.error}`);
      assert.equal(simnetIndex(f.url), f.index, `${m}: request ${f.index} lists the URL ${f.url}`);
    }
    const grid = await thumbs(page, m);
    assert.equal(grid.length, count, `${m}: thumbnails`);
    const broken = grid.filter((g) => g.failed || !g.img).map((g) => g.index).sort((a, b) => a - b);
    assert.deepEqual(broken, predicted, `${m}: thumbnails without an image`);
  }

  const json = await exportJson(page);
  assert.deepEqual(json.runs.map((r) => [r.mode, r.status]), modes.map((m) => [m, 'done']), 'runs in JSON');
  for (const run of json.runs) {
    const failed = run.requests.filter((q) => !q.ok).map((q) => q.index).sort((a, b) => a - b);
    assert.deepEqual(failed, predicted, `${run.mode}: failed requests in JSON`);
    for (const q of run.requests) {
      if (q.ok) {
        assert.deepEqual([q.status, q.bytes], [200, imageFor(q.index).bytes], `${run.mode} request ${q.index}`);
      } else {
        assert.deepEqual([q.status, q.bytes, q.error], [503, 0, 'http-503'], `${run.mode} request ${q.index}`);
      }
    }
  }
  return dropExpectedLoadErrors(page, (url, text) => predicted.includes(simnetIndex(url)) && text.includes('status of 503'));
}

// ---------------------------------------------------------------------------------------------
// A second origin for the URL source
// ---------------------------------------------------------------------------------------------

/**
 * Serves, on 127.0.0.1 and another port than the page: /ok.png (a real PNG, CORS and CORP
 * headers), /missing.png (404, CORS header), /page.html (200 text/html, CORS header) and
 * /nocors.png (a PNG without any CORS or CORP header). Counts the requests per path.
 */
export function serveForeign() {
  const png = fs.readFileSync(path.join(DIST, 'images', MANIFEST.images[0].name));
  const cors = { 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin', 'Cache-Control': 'no-store' };
  const hits = {};
  const server = http.createServer((req, res) => {
    const p = new URL(req.url, 'http://x').pathname;
    hits[p] = (hits[p] || 0) + 1;
    if (p === '/ok.png') res.writeHead(200, { ...cors, 'Content-Type': 'image/png' }).end(png);
    else if (p === '/missing.png') res.writeHead(404, { ...cors, 'Content-Type': 'text/plain' }).end('not found');
    else if (p === '/page.html') res.writeHead(200, { ...cors, 'Content-Type': 'text/html; charset=utf-8' }).end('<!doctype html><title>x</title><p>not an image</p>');
    else if (p === '/nocors.png') res.writeHead(200, { 'Content-Type': 'image/png', 'Cache-Control': 'no-store' }).end(png);
    else res.writeHead(404).end();
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const port = server.address().port;
      resolve({
        url: `http://127.0.0.1:${port}/`, port, hits, bytes: png.length,
        close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }),
      });
    });
  });
}

/** A port on 127.0.0.1 that nothing listens on (bound, noted, closed). */
export function closedPort() {
  const server = http.createServer();
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Holding one request back, to open a page at a chosen moment of the service worker's life
// ---------------------------------------------------------------------------------------------

/**
 * Serves dist like `setup` does (through server.mjs, with or without the isolation headers), behind
 * a pass-through proxy on 127.0.0.1 that can hold requests back: `hold(test)` makes the next
 * request whose URL (path and query) passes `test` wait until `release()` is called, and resolves
 * `arrived` when that request comes in.
 */
export async function serveWithHold({ isolated }) {
  const inner = await serve({ root: DIST, headers: isolated ? ISOLATION_HEADERS : {} });
  const holds = [];
  const proxy = http.createServer((req, res) => {
    const pass = () => {
      const up = http.request({ host: '127.0.0.1', port: inner.port, path: req.url, method: req.method, headers: req.headers }, (r) => {
        res.writeHead(r.statusCode, r.headers);
        r.pipe(res);
      });
      up.on('error', () => res.destroy());
      req.pipe(up);
    };
    const i = holds.findIndex((h) => h.test(req.url));
    if (i < 0) { pass(); return; }
    const [h] = holds.splice(i, 1);
    h.arrive();
    h.gate.then(pass);
  });
  await new Promise((r) => proxy.listen(0, '127.0.0.1', r));
  const port = proxy.address().port;
  return {
    url: `http://127.0.0.1:${port}/`,
    hold(test) {
      let arrive;
      let release;
      const arrived = new Promise((r) => { arrive = r; });
      const gate = new Promise((r) => { release = r; });
      holds.push({ test, arrive, gate });
      return { arrived, release };
    },
    close: async () => {
      proxy.closeAllConnections?.();
      await new Promise((r) => proxy.close(() => r()));
      await inner.close();
    },
  };
}

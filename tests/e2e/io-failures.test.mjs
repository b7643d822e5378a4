/**
 * Failures are reported per request, the same way in every mode, and never break a run; on a page
 * served with the isolation headers (COEP require-corp), on one served without them (which the
 * service worker isolates after one reload), and — for the URL list, which needs no service worker
 * — on a page that is not isolated at all (no headers, service workers blocked in the browser).
 *
 * - Seeded failures on the simulated network (fail=0.3, seed=7, 30 requests, every Rust mode; the
 *   Python modes the same, on io-python.test.mjs's page, whose interpreters are already up):
 *   every mode fails exactly the requests the network model's draw fails — computed here by the
 *   test's own JS port of SplitMix64 / `request_draw` (src/core/net/mod.rs), itself checked
 *   against SplitMix64's reference outputs — each with error `http-503` in `#io-failures`, a
 *   failed thumbnail, status 503 and 0 bytes in the export, while the others arrive intact and
 *   every mode finishes `done`.
 * - A pasted URL list (source=urls) served by a second local server on another port: an image
 *   with CORS headers arrives; a 404, a closed port, an HTML page and an image without CORS
 *   headers each get their own entry in `#io-failures` (http-404, network, not-image, and for the
 *   image without CORS headers `cors` on a page that is not isolated but `network` on an isolated
 *   one, where COEP blocks the follow-up probe that tells the two apart), and the run finishes
 *   `done` in serial and unbounded.
 *
 * The two hosts that run the service worker share one browser (each its own server, so its own
 * origin); the one without service workers needs a browser of its own.
 *
 * Chromium logs every failed load as a console error by itself; those lines — and only those, for
 * exactly the URLs that are meant to fail — are taken out of `page.errors` before it must be empty.
 *
 * @browsers chromium firefox
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  setup, newPage, load, at, mark, waitForRun, resultRows, showMode, thumbs, failures, exportJson, assertNoErrors,
  dropExpectedLoadErrors, assertSeededFailures, predictedFailures, splitMix64, serveForeign, closedPort, offeredModes, launch,
} from '../support/io-page.mjs';

/** The browser of the hosts whose service worker runs. */
let shared;
before(async () => { shared = await launch(); });
after(async () => { await shared?.close(); });

test('the JS port of SplitMix64 gives the reference outputs (seed 0)', () => {
  const rng = splitMix64(0);
  assert.deepEqual([rng.next(), rng.next(), rng.next()], [0xE220A8397B1DCDAFn, 0x6E789E6AA1B965F4n, 0x06C45D188009454Fn]);
});

const COUNT = 30;
const NET = { seed: 7, fail: 0.3 };

const HOSTS = [
  { name: 'served with the isolation headers', tag: 'headers', options: { isolated: true }, isolated: true, sw: true },
  { name: 'served without the isolation headers (isolated by the service worker)', tag: 'service worker', options: { isolated: false }, isolated: true, sw: true },
  { name: 'not isolated (no headers, service workers blocked)', tag: 'not isolated', options: { isolated: false, serviceWorkers: 'block' }, isolated: false, sw: false },
];

for (const host of HOSTS) {
  describe(host.name, () => {
    let env;
    let foreign;
    let deadPort;
    before(async () => {
      env = await setup({ ...host.options, ...(host.sw ? { browser: shared } : {}) });
      foreign = await serveForeign();
      deadPort = await closedPort();
    });
    after(async () => {
      await foreign?.close();
      await env?.close();
    });

    // The simulated network needs the service worker, which the last browser cannot run.
    if (host.sw) test(`seeded failures hit the same requests in every mode, as the model predicts (${host.tag})`, async (t) => {
      const predicted = predictedFailures(NET, COUNT);
      t.diagnostic(`predicted failures for seed 7, fail 0.3: ${predicted.join(' ')}`);
      assert.ok(predicted.length > 0 && predicted.length < COUNT, `the prediction must fail some but not all: ${predicted}`);
      const IO_MODES = (await offeredModes(env, 'io')).filter((m) => !m.startsWith('py-'));

      const page = await newPage(env.context);
      try {
        await load(page, at(env.url,
          `exp=io&count=${COUNT}&latency=30&jitter=10&fail=0.3&seed=7&k=4&source=simulated&modes=${IO_MODES.join(',')}&rounds=1&run=1&lang=en`));
        await waitForRun(page);
        const dropped = await assertSeededFailures(page, IO_MODES, predicted, COUNT);
        t.diagnostic(`the browser logged ${dropped} failed loads (expected 503s)`);
        assertNoErrors(page);
      } finally {
        await page.close();
      }
    });

    test(`a URL list reports each failure per URL and the run completes (${host.tag})`, async (t) => {
      const urls = {
        ok: `${foreign.url}ok.png`,
        missing: `${foreign.url}missing.png`,
        closed: `http://127.0.0.1:${deadPort}/closed.png`,
        html: `${foreign.url}page.html`,
        nocors: `${foreign.url}nocors.png`,
      };
      const list = Object.values(urls);
      const hitsBefore = foreign.hits['/nocors.png'] || 0;
      const page = await newPage(env.context);
      try {
        await load(page, at(env.url, 'exp=io&source=urls&modes=serial,unbounded&lang=en'));
        assert.equal(await page.evaluate(() => crossOriginIsolated), host.isolated, 'crossOriginIsolated');
        await page.waitForSelector('#io-urls', { state: 'visible' });
        await page.fill('#io-urls', list.join('\n'));
        await page.waitForSelector('#io-run:not([disabled])');
        const since = await mark(page);
        await page.click('#io-run');
        await waitForRun(page, { since });

        const rows = await resultRows(page);
        assert.deepEqual(rows.map((r) => [r.mode, r.status, r.ok, r.failed, r.idealMs]),
          [['serial', 'done', 1, 4, null], ['unbounded', 'done', 1, 4, null]], 'rows');

        const seen = {};
        for (const m of ['serial', 'unbounded']) {
          await showMode(page, m);
          const listed = await failures(page);
          assert.deepEqual(listed.map((f) => [f.index, f.url]), [[1, urls.missing], [2, urls.closed], [3, urls.html], [4, urls.nocors]],
            `${m}: #io-failures lists the 4 failing URLs`);
          const errors = Object.fromEntries(listed.map((f) => [f.url, f.error]));
          assert.equal(errors[urls.missing], 'http-404', `${m}: the 404`);
          assert.equal(errors[urls.closed], 'network', `${m}: the closed port`);
          assert.equal(errors[urls.html], 'not-image', `${m}: the HTML page`);
          assert.equal(errors[urls.nocors], host.isolated ? 'network' : 'cors', `${m}: the image without CORS headers`);
          seen[m] = errors[urls.nocors];
          const grid = await thumbs(page, m);
          assert.deepEqual(grid.filter((g) => g.img).map((g) => g.index), [0], `${m}: only the first URL gives a thumbnail`);
          assert.equal(grid.length, 5, `${m}: thumbnails`);
        }
        t.diagnostic(`the image without CORS headers is reported as: ${JSON.stringify(seen)}`);
        // The server did answer it (so "could not connect" would be wrong): the page's requests reached it.
        assert.ok(foreign.hits['/nocors.png'] - hitsBefore >= 2, `the no-CORS image was requested ${foreign.hits['/nocors.png'] - hitsBefore} times`);

        const json = await exportJson(page);
        assert.equal(json.params.source, 'urls');
        assert.equal(json.params.count, 5);
        for (const run of json.runs) {
          const byUrl = Object.fromEntries(run.requests.map((q) => [q.url, q]));
          assert.deepEqual([byUrl[urls.ok].ok, byUrl[urls.ok].status, byUrl[urls.ok].bytes], [true, 200, foreign.bytes], `${run.mode}: the good URL`);
          assert.deepEqual([byUrl[urls.missing].status, byUrl[urls.missing].error], [404, 'http-404'], `${run.mode}: the 404`);
          assert.equal(run.ideal_ms, null, `${run.mode}: ideal_ms without the simulated source`);
          assert.equal(rows.find((r) => r.mode === run.mode).bytes, run.requests.reduce((s, q) => s + q.bytes, 0), `${run.mode}: data-bytes`);
        }

        const failing = new Set([urls.missing, urls.closed, urls.html, urls.nocors]);
        dropExpectedLoadErrors(page, (url) => failing.has(url));
        assertNoErrors(page);
      } finally {
        await page.close();
      }
    });
  });
}

/**
 * The simulated network delivers every image intact to every one of the six Rust I/O modes, on a
 * page served WITH the cross-origin isolation headers and on one served WITHOUT them, which its
 * service worker isolates after one reload on the first visit (`#env` data-isolation says which).
 * (The simulated network needs no isolation: in a non-isolated frame it works too, see
 * hosting-embed.test.mjs.) For 20 requests each mode's row is done with 20 ok, 0 failed and
 * exactly the bytes of images 0…19 as listed in dist/images/manifest.json (read from disk, not
 * from the page); the JSON export lists every request with status 200, ok, the size of image
 * (index mod 48), its simnet URL, the lane the mode is supposed to use (event loop, or worker j
 * mod k for round-robin `workers`), and a permutation of 1…20 as the delivery order; each mode's
 * thumbnail grid has 20 images.
 *
 * These are the Rust modes: the Python modes' interpreters start in io-python.test.mjs, which
 * checks the same of each of their requests on its own run.
 *
 * Then: after a finished run, reopening the page without a preset shows the last results
 * (`#io-restored`) and puts the inputs of that run back.
 *
 * One browser for the file; each part serves the build on its own port (its own origin: a first
 * visit, with nothing stored).
 *
 * @browsers chromium firefox
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  setup, newPage, load, at, waitForRun, resultRows, progress, showMode, thumbs, exportJson, tickedModes,
  assertNoErrors, expectedBytes, imageFor, offeredModes, launch, LOAD_TIMEOUT,
} from '../support/io-page.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const COUNT = 20;
const K = 4;
const EVENT_LOOP = new Set(['serial', 'bounded', 'unbounded']);

for (const withHeaders of [true, false]) {
  const how = withHeaders ? 'headers' : 'service-worker';
  describe(withHeaders ? 'served with the isolation headers' : 'served without the isolation headers (isolated by the service worker)', () => {
    let env;
    before(async () => { env = await setup({ isolated: withHeaders, browser }); });
    after(async () => { await env?.close(); });

    // Two rounds once (the merged rows must still hold every image), one in the other set-up: every
    // round of every mode is a full download, and this file is about bytes, not timings.
    const ROUNDS = withHeaders ? 2 : 1;
    test(`every mode downloads every image with the right bytes (${how})`, async (t) => {
      const IO_MODES = (await offeredModes(env, 'io')).filter((m) => !m.startsWith('py-'));
      const page = await newPage(env.context);
      try {
        await load(page, at(env.url,
          `exp=io&count=${COUNT}&latency=30&jitter=0&k=${K}&source=simulated&modes=${IO_MODES.join(',')}&rounds=${ROUNDS}&run=1&lang=en`));
        await waitForRun(page);
        assert.equal(await page.evaluate(() => crossOriginIsolated), true, 'the page is not isolated');
        assert.equal(await page.getAttribute('#env', 'data-isolation'), how, '#env data-isolation');

        const want = expectedBytes(COUNT);
        const rows = await resultRows(page);
        t.diagnostic(rows.map((r) => `${r.mode} ${r.wallMs.toFixed(0)} ms (ideal ${r.idealMs.toFixed(0)})`).join('; '));
        assert.deepEqual(rows.map((r) => [r.mode, r.status, r.ok, r.failed, r.bytes]),
          IO_MODES.map((m) => [m, 'done', COUNT, 0, want]), `rows (expected ${want} bytes each)`);
        for (const r of rows) {
          assert.ok(r.wallMs > 0, `${r.mode}: data-wall-ms is ${r.wallMs}`);
          assert.ok(r.idealMs > 0, `${r.mode}: data-ideal-ms is ${r.idealMs} on the simulated source`);
        }
        assert.deepEqual((await progress(page)).map((p) => [p.mode, p.state, p.value]),
          IO_MODES.map((m) => [m, 'done', COUNT]), 'progress after the run');

        const json = await exportJson(page);
        assert.equal(json.experiment, 'io');
        assert.deepEqual(json.params, { count: COUNT, source: 'simulated', latency: 30, jitter: 0, bandwidth: 2000, conn: 6, fail: 0, seed: 1, k: K, order: 'completion', rounds: ROUNDS },
          'params in JSON');
        assert.equal(json.env.cross_origin_isolated, true, 'env.cross_origin_isolated in JSON');
        assert.deepEqual(json.runs.map((r) => [r.mode, r.status, r.ok, r.failed, r.bytes]),
          IO_MODES.map((m) => [m, 'done', COUNT, 0, want]), 'runs in JSON');
        for (const run of json.runs) {
          const reqs = [...run.requests].sort((a, b) => a.index - b.index);
          assert.deepEqual(reqs.map((q) => q.index), [...Array(COUNT).keys()], `${run.mode}: request indices`);
          for (const q of reqs) {
            const img = imageFor(q.index);
            const where = `${run.mode} request ${q.index}`;
            assert.equal(q.ok, true, `${where} not ok: ${JSON.stringify(q)}`);
            assert.equal(q.status, 200, `${where} status`);
            assert.equal(q.bytes, img.bytes, `${where}: ${q.bytes} bytes, ${img.name} has ${img.bytes}`);
            assert.equal(q.error, undefined, `${where} has an error`);
            assert.match(q.url, new RegExp(`^${env.url.replace(/[.]/g, '\\.')}simnet/\\d+/${q.index}/${img.name.replace('.', '\\.')}$`),
              `${where}: URL ${q.url}`);
            assert.ok(q.end_ms >= q.start_ms && q.start_ms >= 0, `${where}: start ${q.start_ms}, end ${q.end_ms}`);
            if (EVENT_LOOP.has(run.mode)) {
              assert.deepEqual(q.lane, { kind: 'event-loop' }, `${where}: lane`);
            } else if (run.mode === 'workers') {
              assert.deepEqual(q.lane, { kind: 'worker', index: q.index % K }, `${where}: round-robin lane`);
            } else if (run.mode === 'workers-queue') {
              assert.ok(q.lane.kind === 'worker' && q.lane.index >= 0 && q.lane.index < K, `${where}: lane ${JSON.stringify(q.lane)}`);
            } else {
              assert.deepEqual(q.lane, { kind: 'worker', index: 0 }, `${where}: blocking-async runs in one worker`);
            }
          }
          assert.deepEqual(reqs.map((q) => q.delivered).sort((a, b) => a - b), [...Array(COUNT).keys()].map((i) => i + 1),
            `${run.mode}: delivery order is not a permutation of 1…${COUNT}`);
        }

        for (const m of IO_MODES) {
          await showMode(page, m);
          const grid = await thumbs(page, m);
          assert.equal(grid.length, COUNT, `${m}: ${grid.length} thumbnails`);
          assert.ok(grid.every((g) => g.img && !g.failed), `${m}: a thumbnail without an image: ${JSON.stringify(grid.filter((g) => !g.img))}`);
          assert.equal(await page.locator('#io-failures li').count(), 0, `${m}: failures listed`);
        }
        assertNoErrors(page);
      } finally {
        await page.close();
      }
    });
  });
}

describe('the last run comes back', () => {
  let env;
  before(async () => { env = await setup({ isolated: true, browser }); });
  after(async () => { await env?.close(); });

  // `setup` serves a fresh origin, so nothing is stored for it yet.
  test('reopening the page without a preset shows the last I/O results and restores the inputs', async () => {
    const page = await newPage(env.context);
    try {
      await load(page, at(env.url,
        'exp=io&count=7&latency=20&jitter=5&bandwidth=0&conn=3&fail=0&seed=42&k=3&source=simulated&order=submission&modes=serial,bounded&rounds=1&run=1&lang=en'));
      await waitForRun(page);
      const ran = await resultRows(page);
      assert.deepEqual(ran.map((r) => [r.mode, r.status, r.ok]), [['serial', 'done', 7], ['bounded', 'done', 7]], 'the run to restore');
      assert.equal(await page.locator('#io-restored').count(), 0, '#io-restored shown after a fresh run');
      assertNoErrors(page);
    } finally {
      await page.close();
    }

    const again = await newPage(env.context);
    try {
      await load(again, at(env.url, 'lang=en'));
      await again.waitForSelector('#io-restored', { state: 'attached', timeout: LOAD_TIMEOUT });
      assert.equal(await again.isVisible('#io'), true, 'the I/O panel is not visible');
      const rows = await resultRows(again);
      assert.deepEqual(rows.map((r) => [r.mode, r.status, r.ok, r.failed, r.bytes]),
        [['serial', 'done', 7, 0, expectedBytes(7)], ['bounded', 'done', 7, 0, expectedBytes(7)]], 'restored rows');
      const fields = {};
      for (const f of ['count', 'latency', 'jitter', 'bandwidth', 'conn', 'fail', 'seed', 'k']) fields[f] = await again.inputValue(`#io-${f}`);
      assert.deepEqual(fields, { count: '7', latency: '20', jitter: '5', bandwidth: '0', conn: '3', fail: '0', seed: '42', k: '3' }, 'restored inputs');
      assert.equal(await again.inputValue('#io-source'), 'simulated', 'restored source');
      assert.equal(await again.inputValue('#io-order'), 'submission', 'restored order');
      assert.deepEqual(await tickedModes(again), ['serial', 'bounded'], 'restored modes');
      assert.equal(await again.getAttribute('#io', 'data-run-state'), 'idle', 'a restored page started a run');
      const json = await exportJson(again);
      assert.deepEqual(json.runs.map((r) => [r.mode, r.status, r.ok]), [['serial', 'done', 7], ['bounded', 'done', 7]],
        'the restored run exports');
      assertNoErrors(again);
    } finally {
      await again.close();
    }
  });
});

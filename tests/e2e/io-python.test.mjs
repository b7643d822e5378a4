/**
 * The I/O experiment's Python modes, on the simulated network (100 ms latency, no jitter,
 * unlimited bandwidth, 100 connections: 12 downloads take 1200 ms in turn, 100 ms all at once):
 *
 * - py-serial, py-gather, py-bounded (k = 4) and py-blocking download every image with the right
 *   bytes (the page checks each body's SHA-256 against the manifest, as for the Rust modes), and
 *   the export says engine "python" for each; as io-downloads.test.mjs checks for the Rust modes,
 *   each exported request has status 200 and the size of its image from dist/images/manifest.json,
 *   its simnet URL and the lane of the mode's one worker, the delivery order is a permutation of
 *   1…12, each progress bar is full and each mode's thumbnail grid has every image (checked here,
 *   on this run, so that no other file starts the Python modes' interpreters for it);
 * - py-gather's downloads overlap (it is several times faster than py-serial, and requests are
 *   in flight together), py-bounded never has more than k in flight, and py-blocking's never
 *   overlap at all: each starts after the previous one ended, like py-serial;
 * - the same-origin source (real HTTP) works for a Python mode too;
 * - seeded failures on the simulated network (fail=0.3, seed=7, 30 requests) hit exactly the
 *   requests the model predicts in every Python mode, reported per request as io-failures.test.mjs
 *   checks for the Rust modes (error http-503, a failed thumbnail, status 503 and 0 bytes in the
 *   export), and every run still finishes `done`;
 * - no console or page error.
 * The Python worker's fetches are answered by the page's service worker (the simulated network
 * lives there): a run that got every image from simnet/ proves it.
 *
 * All three tests use one page, and the four modes one warm interpreter, borrowed in turn (its
 * start exported apart, before anything is timed).
 *
 * @browsers chromium firefox
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  setup, newPage, load, at, mark, waitForRun, resultRows, progress, showMode, thumbs, exportJson, assertNoErrors, expectedBytes,
  imageFor, predictedFailures, assertSeededFailures,
} from '../support/io-page.mjs';
import { countWorkers, workerCount } from '../support/py-engine.mjs';

let env;
let page;
before(async () => {
  env = await setup({ isolated: true });
  page = await newPage(env.context);
  await page.addInitScript(countWorkers);
});
after(async () => { await env?.close(); });

const COUNT = 12;
const PY = ['py-serial', 'py-gather', 'py-bounded', 'py-blocking'];
const FLAT = `rounds=1&count=${COUNT}&latency=100&jitter=0&bandwidth=0&conn=100&k=4&source=simulated`;

/** The largest number of requests in flight at once (intervals [start, end)). */
function maxInFlight(requests) {
  const edges = requests.flatMap((q) => [[q.start_ms, 1], [q.end_ms, -1]]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let most = 0;
  for (const [, d] of edges) {
    now += d;
    most = Math.max(most, now);
  }
  return most;
}

test('the Python modes download every image; py-gather overlaps, py-blocking does not', async (t) => {
  await load(page, at(env.url, `exp=io&${FLAT}&modes=${PY.join(',')}&run=1&lang=en`));
  await waitForRun(page, { timeout: 240_000 });
  const want = expectedBytes(COUNT);
  const rows = await resultRows(page);
  t.diagnostic(rows.map((r) => `${r.mode} ${r.wallMs.toFixed(0)} ms (ideal ${r.idealMs})`).join('; '));
  assert.deepEqual(rows.map((r) => [r.mode, r.status, r.ok, r.failed, r.bytes]), PY.map((m) => [m, 'done', COUNT, 0, want]));
  assert.deepEqual(rows.map((r) => r.idealMs), [1200, 100, 300, 1200], 'the model\'s ideal beside each');

  const json = await exportJson(page);
  const runs = Object.fromEntries(json.runs.map((r) => [r.mode, r]));
  assert.deepEqual(json.runs.map((r) => [r.mode, r.engine]), PY.map((m) => [m, 'python']));
  // One interpreter, started before anything was timed, serves the four modes in turn.
  assert.deepEqual([json.env.python_pool.started, json.env.python_pool.size], [1, 1], 'the interpreter\'s start, exported apart');
  assert.deepEqual(await workerCount(page, 'runner.mjs'), { made: 1, ended: 0 }, 'Python workers started for the four modes');
  for (const r of json.runs) {
    assert.ok(r.requests.every((q) => q.ok && q.status === 200 && /\/simnet\/\d+\//.test(q.url)), `${r.mode}: ${JSON.stringify(r.requests.find((q) => !q.ok))}`);
    assert.ok(r.startup_ms < 100, `${r.mode}: borrowed the warm interpreter (start-up ${r.startup_ms} ms)`);
    // Each request as io-downloads checks the Rust modes' (moved here from there).
    const reqs = [...r.requests].sort((a, b) => a.index - b.index);
    assert.deepEqual(reqs.map((q) => q.index), [...Array(COUNT).keys()], `${r.mode}: request indices`);
    for (const q of reqs) {
      const img = imageFor(q.index);
      const where = `${r.mode} request ${q.index}`;
      assert.equal(q.bytes, img.bytes, `${where}: ${q.bytes} bytes, ${img.name} has ${img.bytes}`);
      assert.equal(q.error, undefined, `${where} has an error`);
      assert.match(q.url, new RegExp(`^${env.url.replace(/[.]/g, '\\.')}simnet/\\d+/${q.index}/${img.name.replace('.', '\\.')}$`), `${where}: URL ${q.url}`);
      assert.ok(q.end_ms >= q.start_ms && q.start_ms >= 0, `${where}: start ${q.start_ms}, end ${q.end_ms}`);
      assert.deepEqual(q.lane, { kind: 'worker', index: 0 }, `${where}: a Python mode runs in one worker`);
    }
    assert.deepEqual(reqs.map((q) => q.delivered).sort((a, b) => a - b), [...Array(COUNT).keys()].map((i) => i + 1),
      `${r.mode}: delivery order is not a permutation of 1…${COUNT}`);
  }
  assert.deepEqual((await progress(page)).map((p) => [p.mode, p.state, p.value]), PY.map((m) => [m, 'done', COUNT]), 'progress after the run');
  for (const m of PY) {
    await showMode(page, m);
    const grid = await thumbs(page, m);
    assert.equal(grid.length, COUNT, `${m}: ${grid.length} thumbnails`);
    assert.ok(grid.every((g) => g.img && !g.failed), `${m}: a thumbnail without an image: ${JSON.stringify(grid.filter((g) => !g.img))}`);
    assert.equal(await page.locator('#io-failures li').count(), 0, `${m}: failures listed`);
  }
  t.diagnostic(`py-gather spans: ${runs['py-gather'].requests.map((q) => `${q.start_ms.toFixed(0)}-${q.end_ms.toFixed(0)}`).join(' ')}`);
  const most = Object.fromEntries(PY.map((m) => [m, maxInFlight(runs[m].requests)]));
  t.diagnostic(`most in flight: ${JSON.stringify(most)}; start-up ${json.runs.map((r) => `${r.mode} ${r.startup_ms.toFixed(0)} ms`).join(', ')}`);
  assert.equal(most['py-serial'], 1, 'py-serial overlapped');
  assert.equal(most['py-blocking'], 1, 'py-blocking overlapped: the blocking call did not block');
  assert.ok(most['py-gather'] >= 6, `py-gather had at most ${most['py-gather']} in flight`);
  assert.ok(most['py-bounded'] <= 4 && most['py-bounded'] >= 2, `py-bounded had ${most['py-bounded']} in flight (k = 4)`);
  const wall = Object.fromEntries(rows.map((r) => [r.mode, r.wallMs]));
  // The in-flight counts above are the proof of overlap; wall times on a busy machine only
  // have to point the same way.
  assert.ok(wall['py-serial'] / wall['py-gather'] > 1.5, `py-serial ${wall['py-serial']} ms / py-gather ${wall['py-gather']} ms`);
  assert.ok(wall['py-blocking'] >= 0.95 * 1200, `py-blocking took ${wall['py-blocking']} ms, less than the serial ideal 1200 ms`);
  assert.match(await page.textContent('#io'), /py-blocking makes the same mistake in Python/);
  assertNoErrors(page);
});

test('a Python mode downloads from the same origin over real HTTP', async () => {
  // The same page, its settings changed as a learner would: the source, and py-gather alone.
  await page.selectOption('#io-source', 'same-origin');
  for (const m of PY) {
    if (m === 'py-gather') await page.check(`#io-mode-${m}`);
    else await page.uncheck(`#io-mode-${m}`);
  }
  await page.waitForSelector('#io-run:not([disabled])');
  const since = await mark(page);
  await page.click('#io-run');
  await waitForRun(page, { since, timeout: 240_000 });
  const rows = await resultRows(page);
  assert.deepEqual(rows.map((r) => [r.mode, r.status, r.ok, r.bytes]), [['py-gather', 'done', COUNT, expectedBytes(COUNT)]]);
  const json = await exportJson(page);
  assert.deepEqual([json.params.source, json.params.count, json.params.k], ['same-origin', COUNT, 4], 'the run\'s settings');
  assertNoErrors(page);
});

test('seeded failures hit the same requests in every Python mode, as the model predicts', async (t) => {
  const count = 30;
  const predicted = predictedFailures({ seed: 7, fail: 0.3 }, count);
  assert.ok(predicted.length > 0 && predicted.length < count, `the prediction must fail some but not all: ${predicted}`);
  // The same page again, as io-failures.test.mjs's run of the Rust modes: the simulated source,
  // 30 requests, 30 ms latency with 10 ms jitter, fail 0.3, seed 7, every Python mode.
  await page.selectOption('#io-source', 'simulated');
  for (const [field, value] of [['count', count], ['latency', 30], ['jitter', 10], ['fail', 0.3], ['seed', 7], ['k', 4]]) {
    await page.fill(`#io-${field}`, String(value));
  }
  for (const m of PY) await page.check(`#io-mode-${m}`);
  await page.waitForSelector('#io-run:not([disabled])');
  const since = await mark(page);
  await page.click('#io-run');
  await waitForRun(page, { since, timeout: 240_000 });
  const json = await exportJson(page);
  assert.deepEqual([json.params.source, json.params.count, json.params.latency, json.params.jitter, json.params.fail, json.params.seed],
    ['simulated', count, 30, 10, 0.3, 7], 'the run\'s settings');
  const dropped = await assertSeededFailures(page, PY, predicted, count);
  t.diagnostic(`the browser logged ${dropped} failed loads (expected 503s)`);
  assertNoErrors(page);
});

/**
 * Concurrency in the I/O experiment is real, not just labelled, on a cross-origin isolated page:
 *
 * - On a network with 100 ms latency, no jitter, unlimited bandwidth and 100 connections, 20
 *   downloads take 20 × 100 ms one after another and 100 ms all at once (the model's ideal,
 *   shown in data-ideal-ms: 2000, 500 for k = 4, 100). The measured `unbounded` is more than 4×
 *   faster than `serial`, `bounded` (k = 4) sits between them, no mode beats the model, and
 *   `serial` and `bounded` are within 1.75× of their ideal; `unbounded` should be within 1.5× (a
 *   `todo`: see the note above that test).
 * - `bounded` with order=submission (`executor.map`) hands results over in submission order: the
 *   thumbnail of request i is numbered i+1 although the downloads completed out of order; with
 *   order=completion (`as_completed`) the delivery order is the completion order (by end_ms),
 *   which is not the submission order. Seed 1 makes that certain: the model gives request 1 a
 *   latency of 42 ms and request 0 one of 89 ms (checked below with the test's own port of the
 *   model's draw), so with k = 4 and unlimited bandwidth request 1 finishes ~47 ms before request 0.
 *
 * @browsers chromium firefox
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  setup, newPage, load, at, waitForRun, resultRows, showMode, thumbs, exportJson, requestDraw, assertNoErrors, expectedBytes,
} from '../support/io-page.mjs';

let env;
before(async () => { env = await setup({ isolated: true }); });
after(async () => { await env?.close(); });

const FLAT = 'count=20&latency=100&jitter=0&bandwidth=0&conn=100&k=4&source=simulated';

test('unbounded is several times faster than serial, bounded sits between, all near the model', async (t) => {
  const page = await newPage(env.context);
  try {
    await load(page, at(env.url, `exp=io&${FLAT}&modes=serial,bounded,unbounded&rounds=1&run=1&lang=en`));
    await waitForRun(page);
    const rows = await resultRows(page);
    assert.deepEqual(rows.map((r) => [r.mode, r.status, r.ok, r.bytes]),
      [['serial', 'done', 20, expectedBytes(20)], ['bounded', 'done', 20, expectedBytes(20)], ['unbounded', 'done', 20, expectedBytes(20)]], 'rows');
    const [serial, bounded, unbounded] = rows;
    t.diagnostic(rows.map((r) => `${r.mode} ${r.wallMs.toFixed(1)} ms, ideal ${r.idealMs} ms, ×${(r.wallMs / r.idealMs).toFixed(2)}`).join('; ')
      + `; serial/unbounded = ${(serial.wallMs / unbounded.wallMs).toFixed(1)}`);
    assert.deepEqual(rows.map((r) => r.idealMs), [2000, 500, 100], 'the model\'s ideal times (20×100, 5×100, 100 ms)');
    assert.ok(serial.wallMs / unbounded.wallMs > 4,
      `serial ${serial.wallMs} ms / unbounded ${unbounded.wallMs} ms = ${(serial.wallMs / unbounded.wallMs).toFixed(2)}, want > 4 (the model says 20)`);
    assert.ok(serial.wallMs > bounded.wallMs && bounded.wallMs > unbounded.wallMs,
      `bounded (${bounded.wallMs} ms) is not between serial (${serial.wallMs} ms) and unbounded (${unbounded.wallMs} ms)`);
    for (const r of rows) {
      assert.ok(r.wallMs >= 0.95 * r.idealMs, `${r.mode}: ${r.wallMs} ms is faster than the network allows (${r.idealMs} ms)`);
    }
    // Near the model, not equal to it: each response costs the page a few milliseconds, and more in
    // Firefox (bounded, five waves of four: 1.31× in Chromium, 1.52× in Firefox on the fresh-clone
    // run of 2026-12-01). 1.75× still sits far from the next slower schedule (serial's 4× here).
    for (const r of [serial, bounded]) {
      assert.ok(r.wallMs <= 1.75 * r.idealMs, `${r.mode}: ${r.wallMs} ms is more than 1.75× its ideal ${r.idealMs} ms`);
    }
    assertNoErrors(page);
  } finally {
    await page.close();
  }
});

// History: with the service worker waiting for a message from the simnet worker at each
// response's finish, unbounded took 1.35–1.57× its 100 ms ideal (1.6–2.1× before the panel
// batched its updates), the last response ~1.23–1.31× in. Now the simnet worker sends each
// request's answer time as soon as it arrives and the service worker answers on its own timer;
// the figure is the median of the run's rounds. On the merged tree of 2026-12-01 (arrivals placed
// at the service worker's stamp) it measured 2.6–2.9× with the last response in at ~1.45–1.6×:
// the page's own handling of 20 results takes the rest, so it is a todo again until that is found.
// A Chromium performance trace of one run (2026-12-05, rounds of 175–210 ms, median ~180, so
// ~1.8×) puts the time here, per round, from the page's first request: the browser sends the 20
// requests over 0–15 ms (each is routed to the service worker); the service worker's answers
// leave at 102–127 ms (its timers, each ~100 ms after its request's arrival stamp); the page's
// thread sees the last response at ~150 ms and its body at ~160 ms, after frames of layout and
// paint (3–12 ms each) queued in between; the run ends at ~175–185 ms. So ~25 ms is the fetch
// routing, ~25 ms the main thread busy drawing, ~20 ms the page's handling of the results.
// (`content-visibility: auto` on the notes gained ~7 ms; not kept.)
test('unbounded is within 1.5× of its ideal time', {
  todo: 'page: unbounded measures ~1.6–1.9× its 100 ms ideal: ~25 ms of request routing through the service worker, ~25 ms of drawing on the page thread before the last response is read, ~20 ms of handling (see above)',
}, async (t) => {
  const page = await newPage(env.context);
  try {
    await load(page, at(env.url, `exp=io&${FLAT}&modes=unbounded&run=1&lang=en`));
    await waitForRun(page);
    const [row] = await resultRows(page);
    // Per round (the run id is the path's first part): the last response after the first request.
    const net = await page.evaluate(() => {
      const byRun = {};
      for (const x of performance.getEntriesByType('resource').filter((r) => r.name.includes('/simnet/'))) {
        const run = x.name.split('/simnet/')[1].split('/')[0];
        const r = (byRun[run] ||= { first: Infinity, last: 0 });
        r.first = Math.min(r.first, x.startTime);
        r.last = Math.max(r.last, x.responseEnd);
      }
      return Object.values(byRun).map((r) => r.last - r.first);
    });
    t.diagnostic(`unbounded ${row.wallMs.toFixed(1)} ms (rounds ${row.samples.map((x) => x.toFixed(1)).join(', ')}), ideal ${row.idealMs} ms `
      + `(×${(row.wallMs / row.idealMs).toFixed(2)}); resource timing, last simnet response after the first request: ${net.map((x) => x.toFixed(1)).join(', ')} ms`);
    assert.equal(row.status, 'done');
    assert.ok(row.wallMs <= 1.5 * row.idealMs, `unbounded: ${row.wallMs} ms is more than 1.5× its ideal ${row.idealMs} ms`);
    assertNoErrors(page);
  } finally {
    await page.close();
  }
});

// Two rounds: the grid shows the last round as it arrives, and the export's requests must be that
// same round's (a round whose arrivals differ from the grid's would fail the last assertion below).
const JITTERY = 'count=20&latency=100&jitter=80&bandwidth=0&conn=100&seed=1&k=4&source=simulated&modes=bounded&rounds=2';

/** Indices sorted by end_ms (completion order), ties kept in delivery order. */
function completionOrder(requests) {
  return [...requests].sort((a, b) => a.end_ms - b.end_ms || a.delivered - b.delivered).map((q) => q.index);
}

test('the chosen seed makes completions out of order (precondition, from the model)', () => {
  const l0 = requestDraw({ seed: 1, latency: 100, jitter: 80, fail: 0 }, 0).latencyMs;
  const l1 = requestDraw({ seed: 1, latency: 100, jitter: 80, fail: 0 }, 1).latencyMs;
  assert.ok(l0 - l1 > 30, `request 1 (${l1.toFixed(1)} ms) does not finish well before request 0 (${l0.toFixed(1)} ms) with seed 1`);
});

test('bounded with order=submission hands results over in submission order', async (t) => {
  const page = await newPage(env.context);
  try {
    await load(page, at(env.url, `exp=io&${JITTERY}&order=submission&run=1&lang=en`));
    await waitForRun(page);
    const [row] = await resultRows(page);
    assert.deepEqual([row.mode, row.status, row.ok], ['bounded', 'done', 20], 'row');
    await showMode(page, 'bounded');
    const grid = await thumbs(page, 'bounded');
    assert.equal(grid.length, 20, 'thumbnails');
    for (const g of [...grid].sort((a, b) => a.index - b.index)) {
      assert.equal(g.order, g.index + 1, `thumbnail of request ${g.index} is numbered ${g.order}, want ${g.index + 1}: ${JSON.stringify(grid)}`);
    }
    const json = await exportJson(page);
    const run = json.runs[0];
    assert.equal(run.ordered, true, 'runs[0].ordered');
    for (const q of run.requests) assert.equal(q.delivered, q.index + 1, `request ${q.index} delivered as #${q.delivered}`);
    const done = completionOrder(run.requests);
    t.diagnostic(`completion order: ${done.join(' ')}`);
    assert.notDeepEqual(done, [...Array(20).keys()], 'the downloads completed in submission order: the test shows nothing');
    assertNoErrors(page);
  } finally {
    await page.close();
  }
});

test('bounded with order=completion hands results over as they complete', async (t) => {
  const page = await newPage(env.context);
  try {
    await load(page, at(env.url, `exp=io&${JITTERY}&order=completion&run=1&lang=en`));
    await waitForRun(page);
    const json = await exportJson(page);
    const run = json.runs[0];
    assert.deepEqual([run.mode, run.status, run.ok, run.ordered], ['bounded', 'done', 20, false], 'the run');
    const byDelivery = [...run.requests].sort((a, b) => a.delivered - b.delivered);
    assert.deepEqual(byDelivery.map((q) => q.delivered), [...Array(20).keys()].map((i) => i + 1), 'delivery numbers');
    for (let i = 1; i < byDelivery.length; i++) {
      assert.ok(byDelivery[i - 1].end_ms <= byDelivery[i].end_ms,
        `request ${byDelivery[i - 1].index} (end ${byDelivery[i - 1].end_ms}) was handed over before request `
        + `${byDelivery[i].index} (end ${byDelivery[i].end_ms}) but completed after it`);
    }
    const delivered = byDelivery.map((q) => q.index);
    t.diagnostic(`delivery order: ${delivered.join(' ')}`);
    assert.deepEqual(delivered, completionOrder(run.requests), 'delivery order vs completion order');
    assert.notDeepEqual(delivered, [...Array(20).keys()], 'results were handed over in submission order');
    assert.ok(delivered.indexOf(1) < delivered.indexOf(0), `request 1 (42 ms) was not handed over before request 0 (89 ms): ${delivered.join(' ')}`);
    await showMode(page, 'bounded');
    const grid = await thumbs(page, 'bounded');
    assert.deepEqual(grid.map((g) => [g.index, g.order]), byDelivery.map((q) => [q.index, q.delivered]),
      'the grid shows the results in the order they were handed over, numbered as in the export');
    assertNoErrors(page);
  } finally {
    await page.close();
  }
});

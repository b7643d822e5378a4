/**
 * Rounds and traces, in headless Chromium on an isolated page:
 * - `rounds=3` times every mode three times: the export carries three samples per mode, their
 *   median as `wall_ms` and their min / max; the table shows each range, the speedup chart draws
 *   a whisker per mode whose ends are the lowest and highest per-round speedups, and a summary
 *   sentence that quotes the ranges.
 * - "Download trace" gives a Chrome trace: one process per mode, a named track per lane, one
 *   complete (`ph: "X"`) event per task, every task once.
 * - The I/O panel's trace has one event per request, on one process per mode.
 *
 * @browsers chromium firefox
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  setup, newPage, load, at, waitForRun, download, type, assertNoErrors,
} from '../support/cpu-page.mjs';
import * as io from '../support/io-page.mjs';

let env;
before(async () => { env = await setup({ isolated: true }); });
after(async () => { await env?.close(); });

const median = (xs) => { const v = [...xs].sort((a, b) => a - b); const m = v.length >> 1; return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2; };

/** The complete events of a trace, checked for the format's required fields. */
function completeEvents(trace) {
  assert.ok(Array.isArray(trace.traceEvents), 'traceEvents is an array');
  const x = trace.traceEvents.filter((e) => e.ph === 'X');
  for (const e of x) {
    for (const key of ['name', 'ts', 'dur', 'pid', 'tid']) assert.ok(key in e, `event without ${key}: ${JSON.stringify(e)}`);
    assert.ok(Number.isFinite(e.ts) && Number.isFinite(e.dur) && e.dur >= 0, `bad times: ${JSON.stringify(e)}`);
  }
  return x;
}

const processNames = (trace) => Object.fromEntries(trace.traceEvents
  .filter((e) => e.ph === 'M' && e.name === 'process_name').map((e) => [e.pid, e.args.name]));

test('rounds=3: three samples per mode, the median as wall time, ranges and whiskers on the page; the trace has one event per task', async (t) => {
  const page = await newPage(env.context);
  try {
    const n = 1500;
    await load(page, at(env.url, `exp=cpu&n=${n}&k=2&rounds=3&modes=serial,rayon,global-lock&run=1&lang=en`));
    await waitForRun(page);
    const json = JSON.parse((await download(page, '#cpu-json')).text);
    assert.equal(json.params.rounds, 3, 'params.rounds');
    for (const r of json.runs) {
      assert.equal(r.status, 'done', `${r.mode} status`);
      assert.equal(r.samples_ms.length, 3, `${r.mode}: ${JSON.stringify(r.samples_ms)}`);
      assert.equal(r.wall_ms, median(r.samples_ms), `${r.mode}: wall_ms ${r.wall_ms} is not the median of ${r.samples_ms}`);
      assert.equal(r.min_ms, Math.min(...r.samples_ms), `${r.mode} min_ms`);
      assert.equal(r.max_ms, Math.max(...r.samples_ms), `${r.mode} max_ms`);
      assert.equal(r.checksum_match, true, `${r.mode} checksum`);
    }
    t.diagnostic(json.runs.map((r) => `${r.mode} ${r.samples_ms.map((x) => x.toFixed(1)).join(' / ')} ms`).join('; '));
    const serial = json.runs.find((r) => r.mode === 'serial');
    for (const r of json.runs.filter((x) => x.mode !== 'serial')) {
      const paired = serial.samples_ms.map((s, i) => s / r.samples_ms[i]);
      const [lo, hi] = r.speedup_range;
      assert.ok(Math.abs(lo - Math.min(r.speedup, ...paired)) < 1e-9 && Math.abs(hi - Math.max(r.speedup, ...paired)) < 1e-9,
        `${r.mode}: speedup_range ${r.speedup_range} is not the per-round ratios ${paired} with ${r.speedup}`);
    }

    // The table: a range under every median; the chart: a whisker per non-serial mode at the range.
    const ranges = await page.$$eval('#cpu-results tbody tr', (trs) => trs.map((tr) => {
      const r = tr.querySelector('.range');
      return { mode: tr.dataset.mode, min: r && Number(r.dataset.min), max: r && Number(r.dataset.max), samples: JSON.parse(tr.dataset.samples) };
    }));
    for (const r of ranges) {
      const e = json.runs.find((x) => x.mode === r.mode);
      assert.deepEqual([r.min, r.max, r.samples], [e.min_ms, e.max_ms, e.samples_ms], `${r.mode}: table range`);
    }
    const whiskers = await page.$$eval('#cpu-speedup g.mode', (gs) => gs.map((g) => {
      const w = g.querySelector('g.whisker');
      const lines = w ? [...w.querySelectorAll('line')].map((l) => [Number(l.getAttribute('x1')), Number(l.getAttribute('x2'))]) : [];
      return { mode: g.dataset.mode, lo: w && Number(w.dataset.lo), hi: w && Number(w.dataset.hi), lines };
    }));
    for (const r of json.runs) {
      const w = whiskers.find((x) => x.mode === r.mode);
      assert.ok(w && w.lo !== null, `no whisker drawn for ${r.mode}: ${JSON.stringify(whiskers)}`);
      assert.deepEqual([w.lo, w.hi], r.speedup_range, `${r.mode}: whisker ends`);
      assert.equal(w.lines.length, 3, `${r.mode}: a whisker is a line and two caps`);
      assert.ok(w.lines[0][1] >= w.lines[0][0], `${r.mode}: whisker runs left to right`);
    }
    const summary = await page.textContent('#cpu-speedup .chart-summary');
    t.diagnostic(summary);
    // The summary claims what global-lock's range supports: no speedup when it holds 1.
    const gl = json.runs.find((r) => r.mode === 'global-lock');
    const [glo, ghi] = gl.speedup_range;
    const quoted = `global-lock: ${gl.speedup.toFixed(2)}× (${glo.toFixed(2)}–${ghi.toFixed(2)})`;
    if (glo <= 1.05 && ghi >= 0.95) {
      assert.ok(summary.includes(`${quoted} — no speedup, as with the GIL.`), `a range holding 1 is no speedup: ${summary}`);
    } else if (ghi < 0.95) {
      assert.ok(summary.includes(`${quoted} — slower than serial.`), `a range below 1 is slower: ${summary}`);
    } else {
      assert.ok(!summary.includes('global-lock: ') || !summary.includes('no speedup, as with the GIL'), `a range above 1 is not "no speedup": ${summary}`);
    }
    const busy = (await page.locator('#cpu-busy').count()) > 0;
    const wide = json.runs.filter((r) => (r.max_ms - r.min_ms) / r.wall_ms > 0.15).map((r) => r.mode);
    assert.equal(Boolean(busy), wide.length > 0, `busy warning shown: ${Boolean(busy)}, modes spread over 15 %: ${wide}`);

    // The trace: one process per mode, one complete event per task, every task exactly once.
    const { name, text } = await download(page, '#cpu-trace');
    assert.match(name, /\.trace\.json$/);
    const trace = JSON.parse(text);
    const events = completeEvents(trace);
    const names = processNames(trace);
    assert.deepEqual(Object.values(names).map((s) => s.split(' ')[0]), ['serial', 'rayon', 'global-lock'], 'one process per mode');
    for (const [pid, pname] of Object.entries(names)) {
      // Tasks only: global-lock's threads also have their waits for the lock (cat "wait").
      const mine = events.filter((e) => e.pid === Number(pid) && e.cat === 'task');
      const tasks = mine.map((e) => Number(e.name.slice(2, -1))).sort((a, b) => a - b);
      assert.deepEqual(tasks, Array.from({ length: n - 1 }, (_, i) => i + 1), `${pname}: one event per task 1…${n - 1}`);
      const tracks = trace.traceEvents.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === Number(pid));
      const tids = new Set(mine.map((e) => e.tid));
      assert.equal(tracks.length, tids.size, `${pname}: a named track per lane`);
      if (pname.startsWith('rayon')) assert.equal(tids.size, 2, 'rayon on k = 2 uses two lanes');
    }
    assertNoErrors(page);
  } finally {
    await page.close();
  }
});

/** Uninterrupted running stretches (ms) of the tasks in `events`: per track, tasks less than
 * 1 ms apart join one stretch (a hand-over leaves a wait of a whole interval between them). */
function stretches(events) {
  const byTrack = new Map();
  for (const e of events) byTrack.set(e.tid, [...(byTrack.get(e.tid) || []), [e.ts / 1000, (e.ts + e.dur) / 1000]]);
  const out = [];
  for (const spans of byTrack.values()) {
    spans.sort((a, b) => a[0] - b[0]);
    let [s, e] = spans[0];
    for (const [a, b] of spans.slice(1)) {
      if (a - e <= 1) e = Math.max(e, b);
      else { out.push(e - s); [s, e] = [a, b]; }
    }
    out.push(e - s);
  }
  return out;
}

test('global-lock: running slices grow with switch=, the threads\' waits are in the trace and on the timeline', async (t) => {
  const page = await newPage(env.context);
  try {
    const medians = {};
    for (const sw of [5, 50]) {
      await load(page, at(env.url, `exp=cpu&n=8000&k=2&rounds=1&modes=global-lock&switch=${sw}&run=1&lang=en`));
      assert.equal(await page.inputValue('#cpu-switch'), String(sw), 'the link fills the field');
      await waitForRun(page);
      assert.equal(JSON.parse((await download(page, '#cpu-json')).text).params.switch_ms, sw, 'the export names the interval');
      const events = completeEvents(JSON.parse((await download(page, '#cpu-trace')).text));
      const waits = events.filter((e) => e.cat === 'wait');
      const s = stretches(events.filter((e) => e.cat === 'task'));
      medians[sw] = median(s);
      t.diagnostic(`switch=${sw}: ${s.length} stretches, median ${medians[sw].toFixed(2)} ms; ${waits.length} waits`);
      assert.equal(new Set(waits.map((e) => e.tid)).size, 2, 'both threads wait their turns');
      // The timeline draws the waits beside the tasks.
      const drawn = Number(await page.getAttribute('#cpu-timeline', 'data-waits'));
      assert.equal(drawn, waits.length, 'every wait is on the timeline');
      assert.ok(await page.locator('#cpu-timeline rect.wait').count() > 0, 'wait bars drawn');
    }
    // Before the rule a thread kept the lock ~450 ms of a ~480 ms run.
    assert.ok(medians[5] >= 3 && medians[5] < 15, `switch=5: median stretch ${medians[5]} ms`);
    assert.ok(medians[50] >= 35 && medians[50] < 90, `switch=50: median stretch ${medians[50]} ms`);
    assert.ok(medians[50] > 4 * medians[5], 'slices grow with the interval');
    // A bad interval typed in is named, and Run waits for a fix.
    await type(page, '#cpu-switch', '0');
    assert.equal(await page.getAttribute('#cpu-switch', 'aria-invalid'), 'true');
    assert.match(await page.textContent('#cpu'), /switch=“0” is not valid: expected a whole number from 1 to 100/);
    assertNoErrors(page);
  } finally {
    await page.close();
  }
});

test('I/O: rounds=2 exports two samples per mode; the trace has one event per request, one process per mode', async () => {
  const page = await io.newPage(env.context);
  try {
    const count = 12;
    await io.load(page, at(env.url, `exp=io&count=${count}&latency=40&jitter=0&bandwidth=0&conn=100&k=4&rounds=2&source=simulated&modes=serial,unbounded&run=1&lang=en`));
    await io.waitForRun(page);
    const json = await io.exportJson(page);
    for (const r of json.runs) {
      assert.equal(r.samples_ms.length, 2, `${r.mode} samples`);
      assert.equal(r.wall_ms, median(r.samples_ms), `${r.mode} median`);
      assert.equal(r.ok, count, `${r.mode} ok`);
    }
    const { text } = await download(page, '#io-trace');
    const trace = JSON.parse(text);
    const events = completeEvents(trace);
    assert.deepEqual(Object.values(processNames(trace)).map((s) => s.split(' ')[0]), ['serial', 'unbounded']);
    for (const pid of [1, 2]) {
      const idx = events.filter((e) => e.pid === pid).map((e) => Number(e.name.split(' ')[1])).sort((a, b) => a - b);
      assert.deepEqual(idx, Array.from({ length: count }, (_, i) => i), `process ${pid}: one event per request`);
    }
    io.assertNoErrors(page);
  } finally {
    await page.close();
  }
});

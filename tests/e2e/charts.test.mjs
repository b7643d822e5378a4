/**
 * The teaching page's charts, read through their DOM contract (SVG with data attributes):
 * after a CPU run the speedup chart has one bar group per mode and the timeline one bar per task
 * for whichever mode is picked; a large run is merged into segments and says so; an I/O run
 * gives one bar per request and one completion line per mode (after a reload too); a sweep gives
 * 2 × cores points per swept mode and a fitted serial fraction in [0, 1], survives a reload, and
 * stops on Cancel; a plain page sweeps workers only and says why; and the chart texts follow the
 * language switch.
 *
 * @browsers chromium firefox
 */
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import {
  setup, newPage, load, at, waitForRun, clearStorage, assertNoErrors, LOAD_TIMEOUT, RUN_TIMEOUT,
} from '../support/cpu-page.mjs';
import { launch } from '../support/browser.mjs';

const CPU_MODES = ['serial', 'async', 'rayon', 'global-lock', 'workers', 'workers-queue'];
/** Lanes each CPU mode may run its tasks on with k = 2. */
const LANES = {
  serial: ['worker-0'], async: ['event-loop'], rayon: ['thread-0', 'thread-1'], 'global-lock': ['thread-0', 'thread-1'],
  workers: ['worker-0', 'worker-1'], 'workers-queue': ['worker-0', 'worker-1'],
};
/** The tutorial's speedups the chart must show beside ours (CpuMode::tutorial). */
const TUTORIAL = { serial: 1, async: 1.05, rayon: 1.06, 'global-lock': 1.06, workers: 1.84, 'workers-queue': 1.7 };

// One browser for the file; the plain page of the last-but-one test is another server (another
// origin) in it.
let browser;
let env;
before(async () => {
  browser = await launch();
  env = await setup({ isolated: true, browser });
});
after(async () => {
  await env?.close();
  await browser?.close();
});
beforeEach(async () => { await clearStorage(env.context, env.url); });

/** Picks `mode` in a timeline's selector and waits until the chart shows it. */
async function pick(page, chart, mode) {
  await page.selectOption(`#${chart}-mode`, mode);
  await page.waitForSelector(`#${chart}[data-mode="${mode}"]`, { state: 'attached', timeout: LOAD_TIMEOUT });
}

/** The bars of a timeline: [{task, count, lane, cls}]. */
function bars(page, chart) {
  return page.$$eval(`#${chart} svg rect.bar, #${chart} svg rect.segment`, (rs) => rs.map((r) => ({
    task: Number(r.getAttribute('data-task')), count: Number(r.getAttribute('data-count')),
    lane: r.getAttribute('data-lane'), cls: r.getAttribute('class'),
  })));
}

/** The svg is an image labelled by its own <title> and <desc>. */
async function assertLabelled(page, figure) {
  const ids = (await page.getAttribute(`#${figure} svg`, 'aria-labelledby')).split(' ');
  assert.equal(await page.getAttribute(`#${figure} svg`, 'role'), 'img', `#${figure} svg role`);
  for (const id of ids) {
    const text = (await page.textContent(`#${id}`)).trim();
    assert.ok(text.length > 5, `#${figure}: aria-labelledby #${id} is empty`);
  }
}

/** Waits for an I/O run started by `run=1` to finish every mode. */
async function waitForIo(page, modes) {
  await page.waitForFunction((n) => {
    const rows = [...document.querySelectorAll('#io-results tbody tr[data-status]')];
    return rows.length === n && document.getElementById('io').getAttribute('data-run-state') === 'idle';
  }, modes.length, { timeout: RUN_TIMEOUT, polling: 100 });
}

/** Waits for a sweep to end: idle, with a chart. */
async function waitForSweep(page) {
  await page.waitForSelector('#cpu-sweep[data-sweep-state="idle"] #cpu-scaling', { state: 'attached', timeout: RUN_TIMEOUT * 3 });
}

test('CPU run: one speedup bar per mode, one tutorial bar per variant, and n−1 task bars on every mode\'s timeline', async () => {
  const page = await newPage(env.context);
  try {
    await load(page, at(env.url, `n=300&k=2&modes=${CPU_MODES.join(',')}&rounds=1&run=1&lang=en`));
    await waitForRun(page);
    const groups = await page.$$eval('#cpu-speedup svg g.mode', (gs) => gs.map((g) => ({
      mode: g.getAttribute('data-mode'), speedup: Number(g.getAttribute('data-speedup')), tutorial: Number(g.getAttribute('data-tutorial')),
      browser: g.querySelectorAll('rect.browser').length, python: g.querySelectorAll('rect.tutorial').length,
    })));
    assert.deepEqual(groups.map((g) => g.mode), CPU_MODES, 'one bar group per mode, in run order');
    const seen = new Set();
    for (const g of groups) {
      assert.ok(g.speedup > 0, `${g.mode}: data-speedup ${g.speedup}`);
      assert.equal(g.tutorial, TUTORIAL[g.mode], `${g.mode}: the tutorial's speedup beside it`);
      // The tutorial's bar is drawn once per variant, above the variant's first mode.
      const first = !seen.has(g.tutorial);
      seen.add(g.tutorial);
      assert.deepEqual([g.browser, g.python], [1, first ? 1 : 0], `${g.mode}: one browser bar${first ? ' and its variant\'s tutorial bar' : ''}`);
    }
    assert.equal(groups[0].speedup, 1, 'serial is the baseline');
    await assertLabelled(page, 'cpu-speedup');
    assert.match(await page.textContent('#cpu-speedup .chart-summary'), /^(Fastest over serial: [a-z-]+ at \d|No mode is clearly faster than serial here\.)/, 'summary sentence (at n = 300 the rounds\' ranges are wide, so either claim can be the honest one)');

    assert.equal(await page.getAttribute('#cpu-timeline', 'data-mode'), 'serial', 'the timeline starts on the first mode');
    assert.deepEqual(await page.$$eval('#cpu-timeline-mode option', (os) => os.map((o) => o.value)), CPU_MODES, 'selector options');
    for (const mode of CPU_MODES) {
      await pick(page, 'cpu-timeline', mode);
      const b = await bars(page, 'cpu-timeline');
      assert.equal(b.filter((x) => x.cls.split(' ').includes('bar')).length, 299, `${mode}: one bar per task (n − 1 = 299)`);
      assert.deepEqual([...new Set(b.map((x) => x.task))].sort((p, q) => p - q), Array.from({ length: 299 }, (_, i) => i + 1),
        `${mode}: tasks 1 … 299, each once`);
      const lanes = [...new Set(b.map((x) => x.lane))].sort();
      assert.ok(lanes.every((l) => LANES[mode].includes(l)), `${mode}: lanes ${lanes} not among ${LANES[mode]}`);
      assert.equal(await page.getAttribute('#cpu-timeline', 'data-merged'), 'false');
      assert.equal(await page.locator('#cpu-timeline .items-table tbody tr').count(), 299, `${mode}: table rows`);
      const title = await page.textContent('#cpu-timeline svg rect.bar title');
      assert.match(title, /^task \d+ · [a-z ]+\d* · [\d.]+–[\d.]+ ms/, `${mode}: bar tooltip "${title}"`);
    }
    // Chunks are dealt round-robin, so both workers get tasks (rayon may leave a thread idle
    // at this size: stealing starts only once the other thread wakes).
    await pick(page, 'cpu-timeline', 'workers');
    const lanes = new Set((await bars(page, 'cpu-timeline')).map((x) => x.lane));
    assert.deepEqual([...lanes].sort(), ['worker-0', 'worker-1'], 'workers with k = 2 ran on two lanes');
    await assertLabelled(page, 'cpu-timeline');
    assertNoErrors(page);
  } finally {
    await page.close();
  }
});

test('a large CPU run is merged into segments and says so; the table is capped; a reload notes the missing timeline', async () => {
  const page = await newPage(env.context);
  try {
    await load(page, at(env.url, 'n=6000&k=2&modes=serial,rayon&rounds=1&run=1&lang=en'));
    await waitForRun(page);
    await pick(page, 'cpu-timeline', 'rayon');
    assert.equal(await page.getAttribute('#cpu-timeline', 'data-merged'), 'true', '5999 tasks are above the threshold');
    const b = await bars(page, 'cpu-timeline');
    assert.ok(b.length > 0 && b.length <= 1500, `${b.length} segments`);
    assert.equal(b.reduce((s, x) => s + x.count, 0), 5999, 'the segments hold every task');
    assert.match(await page.textContent('#cpu-timeline .merged-note'), /5999 tasks .* merged into \d+ segments/);
    assert.equal(await page.getAttribute('#cpu-timeline .items-table', 'data-rows'), '300');
    assert.match(await page.textContent('#cpu-timeline .capped-note'), /first 300 of 5999/);

    await load(page, at(env.url, 'lang=en')); // restored: entries only
    await page.waitForSelector('#cpu-restored', { timeout: LOAD_TIMEOUT });
    assert.equal(await page.locator('#cpu-speedup g.mode').count(), 2, 'the restored run still has its speedup chart');
    assert.equal(await page.locator('#cpu-timeline').count(), 0, 'no timeline without spans');
    assert.match(await page.textContent('#cpu-timeline-none'), /restored/);
    assertNoErrors(page);
  } finally {
    await page.close();
  }
});

test('I/O run: 12 request bars per mode, and one completion line per mode', async () => {
  const page = await newPage(env.context);
  const modes = ['serial', 'unbounded'];
  try {
    await load(page, at(env.url, `exp=io&count=12&latency=30&modes=${modes.join(',')}&rounds=1&run=1&lang=en`));
    await waitForIo(page, modes);
    assert.deepEqual(await page.$$eval('#io-speedup g.mode', (gs) => gs.map((g) => g.getAttribute('data-mode'))), modes);
    for (const mode of modes) {
      await pick(page, 'io-timeline', mode);
      const b = await bars(page, 'io-timeline');
      assert.equal(b.length, 12, `${mode}: one bar per request`);
      assert.deepEqual(b.map((x) => x.task).sort((p, q) => p - q), [...Array(12).keys()], `${mode}: requests 0 … 11`);
      assert.deepEqual([...new Set(b.map((x) => x.lane))], ['event-loop'], `${mode}: on the event loop`);
    }
    const lines = await page.$$eval('#io-completion path.line', (ps) => ps.map((p) => ({
      mode: p.getAttribute('data-mode'), count: Number(p.getAttribute('data-count')), last: Number(p.getAttribute('data-last-ms')),
    })));
    assert.deepEqual(lines.map((l) => [l.mode, l.count]), modes.map((m) => [m, 12]), 'one line per mode, each reaching 12');
    assert.ok(lines[1].last < lines[0].last, `unbounded finished (${lines[1].last} ms) before serial (${lines[0].last} ms)`);
    assert.equal(await page.locator('#io-completion .legend li').count(), 2, 'a legend entry per mode');
    for (const f of ['io-speedup', 'io-timeline', 'io-completion']) await assertLabelled(page, f);

    // A restored I/O run keeps its requests, so its charts come back whole.
    await load(page, at(env.url, 'exp=io&lang=en'));
    await page.waitForSelector('#io-restored', { timeout: LOAD_TIMEOUT });
    await pick(page, 'io-timeline', 'unbounded');
    assert.equal((await bars(page, 'io-timeline')).length, 12, 'restored: one bar per request');
    assert.equal(await page.locator('#io-completion path.line').count(), 2, 'restored: one line per mode');
    assertNoErrors(page);
  } finally {
    await page.close();
  }
});

test('a sweep gives 2 × cores points per swept mode and a fitted s in [0, 1], and is restored after a reload', async () => {
  const page = await newPage(env.context);
  try {
    await load(page, at(env.url, 'n=600&lang=en'));
    await page.click('#cpu-sweep-run');
    await waitForSweep(page);
    assert.equal(await page.getAttribute('#cpu-scaling', 'data-complete'), 'true');
    const hc = await page.evaluate(() => navigator.hardwareConcurrency);
    const ks = Array.from({ length: 2 * hc }, (_, i) => String(i + 1));
    for (const mode of ['rayon', 'workers']) {
      const points = await page.$$eval(`#cpu-scaling circle.point[data-mode="${mode}"]`, (cs) => cs.map((c) => c.getAttribute('data-k')));
      assert.deepEqual(points, ks, `${mode}: a point for each k = 1 … ${2 * hc}`);
      const s = await page.getAttribute(`#cpu-scaling-fits li[data-mode="${mode}"]`, 'data-s');
      assert.ok(s !== '' && Number(s) >= 0 && Number(s) <= 1, `${mode}: fitted s = "${s}"`);
      assert.match(await page.textContent(`#cpu-scaling-fits li[data-mode="${mode}"]`), /s = [01]\.\d{3}/);
      assert.match(await page.textContent(`#cpu-scaling-table .fit-s[data-mode="${mode}"]`), /^[01]\.\d{3}$/);
    }
    assert.equal(await page.locator('#cpu-scaling-table tbody tr').count(), 2 * hc, 'a table row per k');
    assert.equal(await page.locator('#cpu-scaling line.ideal').count(), 1, 'the ideal line');
    assert.equal(await page.locator('#cpu-scaling path.fit').count(), 2, 'an Amdahl curve per mode');
    await assertLabelled(page, 'cpu-scaling');

    await load(page, at(env.url, 'lang=en'));
    await page.waitForSelector('#cpu-sweep-restored', { timeout: LOAD_TIMEOUT });
    assert.equal(await page.locator('#cpu-scaling circle.point').count(), 4 * hc, 'the stored sweep is drawn again');
    assertNoErrors(page);
  } finally {
    await page.close();
  }
});

test('the panel\'s Cancel (or the sweep\'s own Stop) stops a sweep part-way; the partial sweep is not stored', async () => {
  const page = await newPage(env.context);
  try {
    await load(page, at(env.url, 'n=8000&lang=en'));
    await page.click('#cpu-sweep-run');
    await page.waitForSelector('#cpu-scaling circle.point', { state: 'attached', timeout: RUN_TIMEOUT });
    assert.equal(await page.isDisabled('#cpu-run'), true, 'Run is off during a sweep');
    await page.click('#cpu-cancel');
    await waitForSweep(page);
    assert.equal(await page.getAttribute('#cpu-scaling', 'data-complete'), 'false');
    await page.waitForSelector('#cpu-sweep-stopped', { timeout: LOAD_TIMEOUT });
    assert.equal(await page.isDisabled('#cpu-run'), false, 'Run is back after the sweep stopped');
    assert.equal(await page.evaluate(() => localStorage.getItem('playground.cpu.last-sweep')), null, 'a stopped sweep was stored');

    // The sweep's own Stop button does the same.
    await page.click('#cpu-sweep-run');
    await page.waitForSelector('#cpu-sweep[data-sweep-state="running"] #cpu-scaling circle.point', { state: 'attached', timeout: RUN_TIMEOUT });
    await page.click('#cpu-sweep-cancel');
    await waitForSweep(page);
    assert.equal(await page.getAttribute('#cpu-scaling', 'data-complete'), 'false', 'Stop the sweep did not stop it');
    assertNoErrors(page);
  } finally {
    await page.close();
  }
});

test('on a plain page the sweep covers workers only and says why', async () => {
  const plain = await setup({ isolated: false, browser });
  const page = await newPage(plain.context);
  // No service worker: a page worker that adds the isolation headers itself (for hosts that
  // cannot send them) would otherwise isolate this page after one reload.
  await page.addInitScript(() => { delete Navigator.prototype.serviceWorker; });
  try {
    await load(page, at(plain.url, 'n=600&lang=en'));
    assert.equal(await page.evaluate(() => crossOriginIsolated), false, 'precondition: the page is not isolated');
    assert.match(await page.textContent('#cpu-sweep-why'), /not cross-origin isolated.*only workers/);
    await page.click('#cpu-sweep-run');
    await waitForSweep(page);
    const hc = await page.evaluate(() => navigator.hardwareConcurrency);
    assert.equal(await page.locator('#cpu-scaling circle.point[data-mode="workers"]').count(), 2 * hc);
    assert.equal(await page.locator('#cpu-scaling circle.point[data-mode="rayon"]').count(), 0, 'rayon swept without isolation');
    assertNoErrors(page);
  } finally {
    await page.close();
    await plain.close();
  }
});

test('the chart texts follow the language switch', async () => {
  const page = await newPage(env.context);
  try {
    await load(page, at(env.url, 'n=300&k=2&modes=serial,rayon&rounds=1&run=1&lang=en'));
    await waitForRun(page);
    const texts = () => page.evaluate(() => ({
      speedup: document.querySelector('#cpu-speedup figcaption').textContent,
      svgTitle: document.querySelector('#cpu-speedup svg title').textContent,
      legend: document.querySelector('#cpu-speedup .legend').textContent,
      timeline: document.querySelector('#cpu-timeline figcaption').textContent,
      lane: document.querySelector('#cpu-timeline g.lane text').textContent,
      axis: document.querySelector('#cpu-timeline .axis-label').textContent,
      sweep: document.querySelector('#cpu-sweep-title').textContent,
      sweepButton: document.querySelector('#cpu-sweep-run').textContent,
    }));
    await pick(page, 'cpu-timeline', 'rayon');
    const en = await texts();
    // Lanes are the threads that ran tasks: with n = 300 one of the two may have run none.
    assert.match(en.lane, /^thread [01]$/, 'rayon\'s first lane');
    await page.click('#lang-zh');
    await page.waitForSelector('html[lang="zh-CN"]', { state: 'attached', timeout: LOAD_TIMEOUT });
    const zh = await texts();
    for (const key of Object.keys(en)) {
      assert.notEqual(zh[key], en[key], `${key} is still "${en[key]}" in Chinese`);
      assert.match(zh[key], /[\u4e00-\u9fff]/, `${key} has no Chinese: "${zh[key]}"`);
    }
    assertNoErrors(page);
  } finally {
    await page.close();
  }
});

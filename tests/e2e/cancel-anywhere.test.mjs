/**
 * Cancel at any moment leaves no page error behind. Runs and sweeps of the CPU experiment and runs
 * of the I/O experiment are started and cancelled at random points — while workers boot, while a
 * pool is rebuilt for the next k, mid-computation, just as a mode finishes — many times on one
 * page; afterwards the page still completes a small run correctly, and no uncaught error or
 * console error was seen. This is the test that catches a worker's message reaching a handler
 * that Cancel already dropped ("closure invoked recursively or after being dropped"). The tables
 * of the runs that complete fit their panels at 1280 px.
 *
 * The points are drawn from a seeded generator; the seed is printed, and `CANCEL_SEED=…` replays
 * a failing sequence.
 *
 * @browsers chromium firefox
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  setup, newPage, load, at, waitForRun, mark, resultRows, assertNoErrors, LOAD_TIMEOUT, RUN_TIMEOUT,
} from '../support/cpu-page.mjs';
import { splitMix64 } from '../support/io-page.mjs';

/** Cancels per experiment: enough to land in every phase (boot, warm-up, timed run, k change). */
const CPU_TRIES = 4;
const IO_TRIES = 2;

const env = await setup({ isolated: true });
after(async () => { await env.close(); });

/** A uniform draw in [lo, hi) from the seeded generator. */
function drawer(seed) {
  const g = splitMix64(seed);
  return (lo, hi) => lo + (Number(g.next() >> 11n) / 2 ** 53) * (hi - lo);
}

/** Waits until `panel` is idle and (for the CPU panel) its sweep too. */
async function idle(page, panel) {
  await page.waitForSelector(`#${panel}[data-run-state="idle"]`, { timeout: RUN_TIMEOUT });
  if (panel === 'cpu') {
    await page.waitForSelector('#cpu-sweep:not([data-sweep-state="running"])', { state: 'attached', timeout: RUN_TIMEOUT });
  }
}

/**
 * Arms the page to click Cancel the moment `mode`'s progress row says `starting` — while its
 * workers or pool threads boot, the narrowest window and the one a random moment rarely hits.
 */
function cancelWhenStarting(page, mode) {
  return page.evaluate((mode) => {
    const observer = new MutationObserver(() => {
      if (document.getElementById(`progress-${mode}`)?.getAttribute('data-state') !== 'starting') return;
      observer.disconnect();
      document.getElementById('cpu-cancel').click();
    });
    observer.observe(document.getElementById('cpu'), { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
    // Disarmed after the run, whether it fired or not (a pool that is already up may start
    // between two renders, so its `starting` is never seen).
    window.__disarmCancel = () => observer.disconnect();
  }, mode);
}

/** Clicks `start`, waits `ms`, then clicks `#<panel>-cancel` if the run is still going. */
async function startThenCancel(page, panel, start, ms) {
  await idle(page, panel);
  await page.click(start);
  // Where to cancel is the random part; the wait only picks the moment.
  await new Promise((r) => setTimeout(r, ms));
  // The run may have finished by itself in the meantime: then there is nothing to cancel.
  const live = await page.evaluate((panel) => !document.getElementById(`${panel}-cancel`)?.disabled, panel);
  if (live) await page.click(`#${panel}-cancel`);
  await idle(page, panel);
}

test('runs and sweeps cancelled at random points leave no page error, and the page still runs right', async (t) => {
  const seed = Number(process.env.CANCEL_SEED || Date.now() % 1_000_000);
  t.diagnostic(`CANCEL_SEED=${seed}`);
  const draw = drawer(seed);
  const page = await newPage(env.context);
  try {
    // Every Rust mode that starts workers or a pool, at a size that takes a few seconds.
    await load(page, at(env.url, 'n=12000&k=2&rounds=1&modes=serial,rayon,global-lock,workers,workers-queue,async&lang=en'));
    for (let i = 0; i < CPU_TRIES; i++) {
      const sweep = draw(0, 1) < 0.5;
      const ms = Math.round(draw(0, sweep ? 2500 : 1500));
      t.diagnostic(`cpu ${sweep ? 'sweep' : 'run'}, cancelled after ${ms} ms`);
      await startThenCancel(page, 'cpu', sweep ? '#cpu-sweep-run' : '#cpu-run', ms);
    }
    // Cancelled while booting, in turn: each mode that starts workers or pool threads, with k
    // growing so that the pool has to start new threads too. A small n: the boot is what is
    // cancelled, and the modes before it in the list then finish in moments.
    await page.fill('#cpu-n', '3000');
    for (const k of ['2', '4']) {
      await page.fill('#cpu-k', k);
      for (const mode of ['workers', 'workers-queue', 'rayon', 'global-lock']) {
        await idle(page, 'cpu');
        await cancelWhenStarting(page, mode);
        t.diagnostic(`cpu run at k = ${k}, cancelled as ${mode} starts`);
        await page.click('#cpu-run');
        await idle(page, 'cpu');
        await page.evaluate(() => window.__disarmCancel());
        const row = (await resultRows(page)).find((r) => r.mode === mode);
        // Worker modes boot new workers on every run, so their start is always there to hit.
        const expected = mode.startsWith('workers') ? ['cancelled'] : ['cancelled', 'done'];
        assert.ok(row && expected.includes(row.status), `${mode} at k = ${k}: ${JSON.stringify(row)}`);
      }
    }
    // Workers that were still booting post their `ready` after the cancel: give it time to arrive.
    await new Promise((r) => setTimeout(r, 1500));
    assertNoErrors(page);

    // The same page, after all that, still computes every S(i) right.
    await page.fill('#cpu-k', '2');
    const since = await mark(page);
    await page.click('#cpu-run');
    await waitForRun(page, { since });
    const rows = await resultRows(page);
    assert.ok(rows.length === 6 && rows.every((r) => r.status === 'done' && r.match === 'true'),
      `a run after the cancels: ${JSON.stringify(rows.map((r) => [r.mode, r.status, r.match]))}`);
    // Its results table fits the panel at 1280 px (the Efficiency column was once cut off there).
    await page.setViewportSize({ width: 1280, height: 900 });
    const fit = await page.$eval('#cpu-results', (t) => ({ width: t.scrollWidth, room: t.parentElement.clientWidth }));
    assert.ok(fit.width <= fit.room, `#cpu-results is ${fit.width} px wide in a ${fit.room} px panel at 1280 px`);

    // I/O: worker modes and the simulated network's own worker, cancelled mid-flight.
    await load(page, at(env.url, 'exp=io&count=60&latency=80&k=3&rounds=1&modes=serial,bounded,workers,workers-queue&lang=en'));
    for (let i = 0; i < IO_TRIES; i++) {
      const ms = Math.round(draw(0, 2000));
      t.diagnostic(`io run, cancelled after ${ms} ms`);
      await startThenCancel(page, 'io', '#io-run', ms);
    }
    // …and still completes one, whose table fits the panel at 1280 px as the CPU one does.
    await page.fill('#io-count', '8');
    await page.click('#io-run');
    await page.waitForSelector('#io-results tbody tr[data-mode="workers-queue"][data-status="done"]', { state: 'attached', timeout: RUN_TIMEOUT });
    await idle(page, 'io');
    await page.setViewportSize({ width: 1280, height: 900 });
    for (const table of ['#io-results']) {
      const { width, room } = await page.$eval(table, (t) => ({ width: t.scrollWidth, room: t.parentElement.clientWidth }));
      assert.ok(width <= room, `${table} is ${width} px wide in a ${room} px panel at 1280 px`);
    }
    assertNoErrors(page);
  } finally {
    await page.close();
  }
});

/**
 * Cancel stops every Rust CPU mode the panel offers (the Python ones: py-cpu.test.mjs) within a fraction of a second, on a cross-origin
 * isolated page: for each mode a long run (n = 50000) is cancelled once its timed run has made
 * progress; the page is idle again quickly, the mode is reported `cancelled` (no checksum, no
 * match), and the same page then completes a small run correctly. Cancelling a multi-mode run
 * keeps the finished modes, reports the interrupted one as cancelled, marks the modes that never
 * started `skipped`, and leaves those out of the results table and the export.
 *
 * The latency is measured from the moment the (trusted) mouse click is sent to the moment the
 * page's own MutationObserver sees `data-run-state="idle"`, both on the same wall clock, so it
 * includes the time a frozen page (main-thread mode) takes to even notice the click.
 *
 * In Firefox `main-thread` is the slow one to stop (1.6–1.8 s here against ~0.5 s in Chromium): the
 * click reaches the page only after several of the mode's 400 ms slabs, as if Firefox handled the
 * queued input only at a rendering opportunity, which the slab loop's MessageChannel yield does not
 * give. The limit is the same in both browsers.
 *
 * @browsers chromium firefox
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  setup, newPage, load, at, waitForRun, mark, runLog, clicks, resultRows, progress, setMode, type, download,
  approxChecksum, assertNoErrors, offeredModes, LOAD_TIMEOUT,
} from '../support/cpu-page.mjs';

/** "A fraction of a second" is the requirement; 2 s leaves room for a slow shared machine. */
const MAX_CANCEL_MS = 2000;

// Set up before the tests are declared: there is one test per mode the page offers.
const env = await setup({ isolated: true });
after(async () => { await env.close(); });
const ALL_MODES = await offeredModes(env, 'cpu', { engine: 'rust' }).catch(async (e) => { await env.close(); throw e; });

/** Waits until `mode`'s timed run is under way and has reported progress. */
async function waitForProgress(page, mode) {
  try {
    await page.waitForFunction((mode) => {
      const li = document.getElementById(`progress-${mode}`);
      const bar = li && li.querySelector('progress');
      return li && li.getAttribute('data-state') === 'running' && bar && bar.value > 0;
    }, mode, { timeout: 60_000, polling: 50 });
  } catch (e) {
    throw new Error(`${mode} never showed a running progress bar with value > 0: ${JSON.stringify(await progress(page))}`, { cause: e });
  }
}

/** Clicks Cancel like a user and returns how long until the panel is idle again. */
async function cancelAndTime(page) {
  await page.waitForSelector('#cpu-cancel:not([disabled])', { timeout: LOAD_TIMEOUT });
  // One round trip to find the button: a page frozen by main-thread mode answers one request
  // per ~0.4 s slab, and a locator's scroll and actionability checks need many.
  const at = await page.evaluate(() => {
    const b = document.getElementById('cpu-cancel');
    b.scrollIntoView({ block: 'center' });
    const r = b.getBoundingClientRect();
    return r.width > 0 && r.height > 0 ? { x: r.x + r.width / 2, y: r.y + r.height / 2 } : null;
  });
  assert.ok(at, '#cpu-cancel has no box on screen');
  // A raw, trusted mouse click, timed from the moment it is sent.
  const t0 = Date.now();
  await page.mouse.click(at.x, at.y);
  await page.waitForFunction((t0) => window.__cpuTest.log.some((e) => e.state === 'idle' && e.t >= t0), t0,
    { timeout: 30_000, polling: 50 });
  const idle = (await runLog(page)).find((e) => e.state === 'idle' && e.t >= t0);
  const click = (await clicks(page)).find((c) => c.t >= t0);
  assert.ok(click && click.id === 'cpu-cancel' && click.trusted,
    `the mouse click did not land on #cpu-cancel: ${JSON.stringify(click)}`);
  return { ms: idle.t - t0, clickSeenAfter: click.t - t0 };
}

for (const mode of ALL_MODES) {
  test(`Cancel stops ${mode} quickly, then the page runs again`, async (t) => {
    const page = await newPage(env.context);
    try {
      await load(page, at(env.url, `n=50000&k=2&modes=${mode}&run=1&lang=en`));
      await waitForProgress(page, mode);
      const { ms, clickSeenAfter } = await cancelAndTime(page);
      t.diagnostic(`${mode}: idle ${ms} ms after the click (the page saw the click after ${clickSeenAfter} ms)`);
      assert.ok(ms < MAX_CANCEL_MS, `${mode}: the page took ${ms} ms to stop after Cancel (limit ${MAX_CANCEL_MS} ms)`);

      const prog = await progress(page);
      assert.deepEqual(prog.map((p) => [p.mode, p.state]), [[mode, 'cancelled']], `${mode}: progress after Cancel`);
      const rows = await resultRows(page);
      assert.deepEqual(rows, [{ mode, status: 'cancelled', checksum: '', match: '' }],
        `${mode}: a cancelled mode has status cancelled and neither checksum nor match`);
      assert.equal(await page.isDisabled('#cpu-cancel'), true, 'Cancel stays enabled after the run stopped');
      assert.equal(await page.isDisabled('#cpu-run'), false, 'Run is not enabled again after Cancel');
      assert.equal(await page.isDisabled('#cpu-n'), false, 'the inputs are not enabled again after Cancel');

      // The same page, a small run, with serial as the reference to compare with.
      await type(page, '#cpu-n', '500');
      await setMode(page, 'serial', true);
      await setMode(page, mode, true);
      const since = await mark(page);
      await page.click('#cpu-run');
      await waitForRun(page, { since });
      const again = await resultRows(page);
      const want = mode === 'serial' ? ['serial'] : ['serial', mode];
      assert.deepEqual(again.map((r) => r.mode), want, `${mode}: rows of the run after Cancel`);
      for (const r of again) {
        assert.equal(r.status, 'done', `${r.mode} did not finish the run after Cancel: ${JSON.stringify(r)}`);
        assert.equal(r.match, 'true', `${r.mode} does not match serial in the run after Cancel: ${JSON.stringify(again)}`);
        assert.equal(r.checksum, again[0].checksum, `${r.mode}'s checksum differs from serial's`);
      }
      const approx = approxChecksum(500);
      assert.ok(Math.abs(Number(again[0].checksum) - approx) <= 1e-12 * approx,
        `checksum for n=500 is ${again[0].checksum}, expected about ${approx}`);
      assert.deepEqual((await progress(page)).map((p) => [p.mode, p.state, p.value, p.max]),
        want.map((m) => [m, 'done', 499, 499]), 'progress after the run that followed Cancel');
      assertNoErrors(page);
    } finally {
      await page.close();
    }
  });
}

test('Cancelling a multi-mode run keeps finished modes and skips the ones not started', async (t) => {
  const page = await newPage(env.context);
  try {
    // serial finishes (a few seconds), async is cancelled while running, the workers modes never start.
    await load(page, at(env.url, 'n=20000&k=2&chunk=auto&rounds=1&modes=serial,async,workers,workers-queue&run=1&lang=en'));
    await waitForProgress(page, 'async');
    const before = await progress(page);
    assert.deepEqual(before.map((p) => [p.mode, p.state]),
      [['serial', 'done'], ['async', 'running'], ['workers', 'waiting'], ['workers-queue', 'waiting']], 'progress before Cancel');
    const { ms } = await cancelAndTime(page);
    t.diagnostic(`multi-mode run: idle ${ms} ms after the click`);
    assert.ok(ms < MAX_CANCEL_MS, `the page took ${ms} ms to stop after Cancel (limit ${MAX_CANCEL_MS} ms)`);

    const after = await progress(page);
    assert.deepEqual(after.map((p) => [p.mode, p.state]),
      [['serial', 'done'], ['async', 'cancelled'], ['workers', 'skipped'], ['workers-queue', 'skipped']],
      'after Cancel: the modes that had not started must be skipped');
    for (const p of after.filter((p) => p.state === 'skipped')) {
      assert.equal(p.value, 0, `skipped ${p.mode} shows progress ${p.value}`);
    }
    const rows = await resultRows(page);
    assert.deepEqual(rows.map((r) => [r.mode, r.status]), [['serial', 'done'], ['async', 'cancelled']],
      'skipped modes must not appear in the results table');
    assert.equal(rows[1].checksum, '', 'the cancelled mode shows a checksum');
    assert.equal(rows[1].match, '', 'the cancelled mode shows a match result');
    assert.equal(rows[0].match, 'true', 'serial, the reference, does not match itself');

    const json = JSON.parse((await download(page, '#cpu-json')).text);
    assert.deepEqual(json.runs.map((r) => [r.mode, r.status]), [['serial', 'done'], ['async', 'cancelled']],
      'the export lists exactly the modes that ran');
    assert.equal(json.runs[1].checksum, null, 'the cancelled mode exports a checksum');
    assert.equal(json.runs[1].speedup, null, 'the cancelled mode exports a speedup');
    assert.ok(json.runs[1].tasks > 0 && json.runs[1].tasks < 19999,
      `the cancelled mode exports ${json.runs[1].tasks} tasks done (expected some, not all)`);
    assertNoErrors(page);
  } finally {
    await page.close();
  }
});

// The contract says a progress bar's value is the tasks done in the timed run. After Cancel the
// page resets the bar of the cancelled mode to 0 ("0 / 49999 · cancelled") although the export
// reports the tasks it did finish.
test('a cancelled mode\'s progress bar keeps the tasks it finished', async () => {
  const page = await newPage(env.context);
  try {
    await load(page, at(env.url, 'n=50000&k=2&modes=serial&run=1&lang=en'));
    await waitForProgress(page, 'serial');
    await cancelAndTime(page);
    const json = JSON.parse((await download(page, '#cpu-json')).text);
    const [bar] = await progress(page);
    assert.ok(json.runs[0].tasks > 0, 'the export reports no tasks done');
    assert.equal(bar.value, json.runs[0].tasks, `the cancelled bar shows ${bar.value} tasks, the export ${json.runs[0].tasks}`);
    assertNoErrors(page);
  } finally {
    await page.close();
  }
});

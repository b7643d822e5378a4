/**
 * On a page that is not cross-origin isolated the shared-memory modes (rayon, global-lock) are
 * unavailable, visibly and with a reason, and everything else still works: the default selection
 * (which leaves out main-thread) runs from the Run button and every mode matches serial. A URL
 * asking for rayon there gets a message saying so instead of a broken run.
 *
 * Such a page, honestly: served WITHOUT the isolation headers to a browser that cannot run the
 * page's service worker (Playwright's `serviceWorkers: 'block'`), so the worker cannot isolate it
 * either. (The realistic case, a frame of a non-isolated course page: hosting-frame.test.mjs.)
 *
 * @browsers chromium firefox
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  setup, newPage, load, at, waitForRun, mark, settled, runLog, resultRows, progress, tickedModes, type,
  env as readEnv, isolationShown, download, approxChecksum, assertNoErrors, panelModes,
} from '../support/cpu-page.mjs';

const SHARED = ['rayon', 'global-lock'];
const DEFAULT_PLAIN = ['serial', 'async', 'workers', 'workers-queue'];

let env;
before(async () => { env = await setup({ isolated: false, serviceWorkers: 'block' }); });
after(async () => { await env?.close(); });

test('without isolation rayon and global-lock are disabled with a reason; the default run works', async () => {
  const page = await newPage(env.context);
  try {
    await load(page, at(env.url, 'lang=en'));
    assert.equal(await page.evaluate(() => crossOriginIsolated), false, 'the test server should serve a non-isolated page');
    const e = await readEnv(page);
    assert.equal(e.isolated, 'false', '#env data-isolated');
    assert.equal(e.pool, '', '#env data-pool before any pool was built');
    assert.equal((await isolationShown(page)).how, 'none', '#env data-isolation');
    assert.equal(await page.locator('#open-new-tab').count(), 0, '#open-new-tab offered on a top-level page');

    for (const m of SHARED) {
      assert.equal(await page.isDisabled(`#cpu-mode-${m}`), true, `#cpu-mode-${m} is not disabled`);
      assert.equal(await page.isChecked(`#cpu-mode-${m}`), false, `#cpu-mode-${m} is ticked`);
      const why = page.locator(`#cpu-mode-${m}-why`);
      assert.equal(await why.count(), 1, `#cpu-mode-${m}-why missing`);
      assert.equal(await why.isVisible(), true, `#cpu-mode-${m}-why is not visible`);
      const text = (await why.innerText()).trim();
      assert.ok(text.length > 10, `#cpu-mode-${m}-why has no real text: "${text}"`);
      assert.match(text, /isolat/i, `#cpu-mode-${m}-why does not say why: "${text}"`);
      assert.equal(await page.getAttribute(`#cpu-mode-${m}`, 'aria-describedby'), `cpu-mode-${m}-why`,
        `#cpu-mode-${m} is not described by its reason`);
    }
    for (const m of (await panelModes(page)).filter((x) => !SHARED.includes(x))) {
      assert.equal(await page.isDisabled(`#cpu-mode-${m}`), false, `#cpu-mode-${m} should be usable without isolation`);
      assert.equal(await page.locator(`#cpu-mode-${m}-why`).count(), 0, `#cpu-mode-${m} shows a reason it is unavailable`);
    }
    assert.deepEqual(await tickedModes(page), DEFAULT_PLAIN, 'default selection (main-thread is opt-in)');

    await type(page, '#cpu-n', '2000');
    const since = await mark(page);
    await page.click('#cpu-run');
    await waitForRun(page, { since });

    const rows = await resultRows(page);
    assert.deepEqual(rows.map((r) => r.mode), DEFAULT_PLAIN, 'modes that ran');
    const serial = rows[0];
    const approx = approxChecksum(2000);
    assert.ok(Math.abs(Number(serial.checksum) - approx) <= 1e-12 * approx,
      `serial's checksum for n=2000 is ${serial.checksum}, expected about ${approx}`);
    for (const r of rows) {
      assert.equal(r.status, 'done', `${r.mode} did not finish: ${JSON.stringify(r)}`);
      assert.equal(r.checksum, serial.checksum, `${r.mode}'s checksum differs from serial's`);
      assert.equal(r.match, 'true', `${r.mode} does not match serial: ${JSON.stringify(r)}`);
    }
    assert.deepEqual((await progress(page)).map((p) => [p.mode, p.state, p.value]),
      DEFAULT_PLAIN.map((m) => [m, 'done', 1999]), 'progress after the run');
    assert.equal((await readEnv(page)).pool, '', '#env data-pool after a run without a pool');
    const json = JSON.parse((await download(page, '#cpu-json')).text);
    assert.equal(json.env.cross_origin_isolated, false, 'env.cross_origin_isolated in JSON');
    assert.equal(json.env.pool_threads, null, 'env.pool_threads in JSON without a pool');
    assert.equal(json.params.n, 2000, 'params.n in JSON');
    assert.equal(json.params.chunk_auto, true, 'params.chunk_auto in JSON');
    assert.deepEqual(json.runs.map((r) => [r.mode, r.status, r.checksum_match, String(r.checksum)]),
      DEFAULT_PLAIN.map((m) => [m, 'done', true, serial.checksum]), 'runs in JSON');
    assertNoErrors(page);
  } finally {
    await page.close();
  }
});

test('?modes=rayon on a plain page explains that rayon is unavailable and uses the defaults', async () => {
  const page = await newPage(env.context);
  try {
    await load(page, at(env.url, 'modes=rayon&run=0&lang=en'));
    await page.waitForSelector('#url-problems li', { timeout: 10_000 });
    const problems = await page.$$eval('#url-problems li', (l) => l.map((li) => li.textContent));
    assert.ok(problems.some((p) => p.includes('rayon')), `no URL problem mentions rayon: ${JSON.stringify(problems)}`);
    assert.equal(await page.isChecked('#cpu-mode-rayon'), false, 'rayon got ticked on a non-isolated page');
    assert.deepEqual(await tickedModes(page), DEFAULT_PLAIN, 'selection after a refused modes=');
    await settled(page);
    assert.deepEqual((await runLog(page)).map((e) => e.state).filter((s) => s !== null), ['idle'], 'run=0 started a run');
    assertNoErrors(page);
  } finally {
    await page.close();
  }
});

// coi.js cannot know at once that no service worker will come: it says `reloading` while it waits
// and gives up after a few seconds. From then on the page must say why it is not isolated, and
// promise no reload. (Before b307f37 it said "reloading to turn isolation on…" forever.)
test('without service workers the page soon stops waiting for a reload and says why it is not isolated', async (t) => {
  const page = await newPage(env.context);
  try {
    await load(page, at(env.url, 'lang=en'));
    try {
      await page.waitForFunction(() => window.__playgroundIsolation.reason !== 'reloading', null, { timeout: 15_000, polling: 100 });
    } catch (e) {
      throw new Error(`still waiting for a reload: ${JSON.stringify(await page.evaluate(() => window.__playgroundIsolation))}`, { cause: e });
    }
    const coi = await page.evaluate(() => window.__playgroundIsolation);
    const shown = await isolationShown(page);
    t.diagnostic(`window.__playgroundIsolation: ${JSON.stringify(coi)}; #env-isolation: ${shown.text}`);
    assert.deepEqual([coi.isolated, coi.reloaded], [false, false], 'window.__playgroundIsolation');
    assert.equal(shown.how, 'none', '#env data-isolation');
    assert.doesNotMatch(shown.text, /reload/i, '#env-isolation still promises a reload');
    assert.equal(page.navigations.filter((n) => n.main).length, 1, 'the page reloaded');
    assertNoErrors(page);
  } finally {
    await page.close();
  }
});

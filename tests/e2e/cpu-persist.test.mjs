/**
 * The page remembers, in this browser's localStorage: after a finished run, opening the page
 * again (same browser profile, same origin, no preset) shows the last results — marked as
 * restored, same rows, same checksums, and still exportable — and the language picked with the
 * 中文 / English switch is used again when the URL does not name one.
 *
 * @browsers chromium firefox
 */
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import {
  setup, newPage, load, clearStorage, at, waitForRun, mark, settled, runLog, resultRows, download, approxChecksum,
  assertNoErrors, LOAD_TIMEOUT,
} from '../support/cpu-page.mjs';

let env;
before(async () => { env = await setup({ isolated: true }); });
after(async () => { await env?.close(); });
beforeEach(async () => { await clearStorage(env.context, env.url); });

test('the last finished run is shown again after a reload', async () => {
  const page = await newPage(env.context);
  try {
    await load(page, at(env.url, 'n=1500&modes=serial,async&rounds=1&run=1&lang=en'));
    await waitForRun(page);
    assert.equal(await page.locator('#cpu-restored').count(), 0, '#cpu-restored shown for a run made in this page');
    const ran = await resultRows(page);
    assert.deepEqual(ran.map((r) => [r.mode, r.status, r.match]), [['serial', 'done', 'true'], ['async', 'done', 'true']], 'the run itself');
    const approx = approxChecksum(1500);
    assert.ok(Math.abs(Number(ran[0].checksum) - approx) <= 1e-12 * approx, `checksum for n=1500 is ${ran[0].checksum}, expected about ${approx}`);

    // Open the page again without the preset (with run=1 it would start a new run).
    await load(page, at(env.url, 'lang=en'));
    await page.waitForSelector('#cpu-restored', { state: 'visible', timeout: LOAD_TIMEOUT });
    const restored = await resultRows(page);
    assert.deepEqual(restored, ran, 'restored rows (mode, status, checksum, match) differ from the run');
    // The inputs come back too: the settings of that run, not the defaults.
    assert.equal(await page.inputValue('#cpu-n'), '1500', 'restored n');
    const ticked = await page.$$eval('[id^="cpu-mode-"]:checked', (boxes) => boxes.map((b) => b.id.replace('cpu-mode-', '')));
    assert.deepEqual(ticked, ['serial', 'async'], 'restored modes');
    assert.equal(await page.locator('[id^="progress-"]').count(), 0, 'progress bars shown for a restored run');
    await settled(page);
    assert.deepEqual((await runLog(page)).map((e) => e.state).filter((s) => s !== null), ['idle'], 'opening the page started a run');

    const json = JSON.parse((await download(page, '#cpu-json')).text);
    assert.equal(json.params.n, 1500, 'restored export params.n');
    assert.deepEqual(json.runs.map((r) => [r.mode, r.status, String(r.checksum)]), ran.map((r) => [r.mode, 'done', r.checksum]),
      'the restored run exports the same runs and checksums');

    // A new run replaces the restored one, and the marker goes away.
    await page.fill('#cpu-n', '300');
    const since = await mark(page);
    await page.click('#cpu-run');
    await waitForRun(page, { since });
    assert.equal(await page.locator('#cpu-restored').count(), 0, '#cpu-restored still shown after a new run');
    const fresh = await resultRows(page);
    // The restored inputs are what the new run uses.
    assert.deepEqual(fresh.map((r) => [r.mode, r.status, r.match]), ['serial', 'async'].map((m) => [m, 'done', 'true']), 'the new run');
    assert.notEqual(fresh[0].checksum, ran[0].checksum, 'the table still shows the restored n=1500 checksum after an n=300 run');
    assertNoErrors(page);
  } finally {
    await page.close();
  }
});

test('the chosen language is remembered across reloads', async () => {
  const page = await newPage(env.context);
  try {
    await load(page, at(env.url, 'lang=en'));
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(await page.getAttribute('#lang-en', 'aria-pressed'), 'true');
    assert.equal((await page.textContent('#cpu-run')).trim(), 'Run');

    await page.click('#lang-zh');
    await page.waitForSelector('html[lang="zh-CN"]', { state: 'attached', timeout: LOAD_TIMEOUT });
    assert.equal(await page.getAttribute('#lang-zh', 'aria-pressed'), 'true', '#lang-zh not pressed after the click');
    assert.equal(await page.getAttribute('#lang-en', 'aria-pressed'), 'false', '#lang-en still pressed after choosing 中文');
    assert.equal((await page.textContent('#cpu-run')).trim(), '运行', 'Run button not translated at once');

    await load(page, env.url); // no lang parameter
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN', 'the language choice was not remembered');
    assert.equal(await page.getAttribute('#lang-zh', 'aria-pressed'), 'true');
    assert.equal((await page.textContent('#cpu-run')).trim(), '运行', '#cpu-run is not in Chinese after the reload');

    await page.click('#lang-en');
    await page.waitForSelector('html[lang="en"]', { state: 'attached', timeout: LOAD_TIMEOUT });
    await page.reload({ timeout: LOAD_TIMEOUT });
    await page.waitForSelector('#cpu-run', { timeout: LOAD_TIMEOUT });
    assert.equal(await page.getAttribute('html', 'lang'), 'en', 'switching back to English was not remembered');
    assert.equal((await page.textContent('#cpu-run')).trim(), 'Run');
    assertNoErrors(page);
  } finally {
    await page.close();
  }
});

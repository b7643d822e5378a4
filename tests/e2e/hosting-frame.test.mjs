/**
 * The playground embedded in a course page: the parent page is served from another port of
 * 127.0.0.1 without any isolation headers and frames the sub-path build with
 * `<iframe … allow="cross-origin-isolated">`, the CPU experiment autorunning from the URL.
 *
 * - The playground's host sends `Document-Isolation-Policy: isolate-and-require-corp` (and no
 *   COOP/COEP): in Chromium the frame is isolated on its own (`#env`
 *   data-isolation="document-isolation-policy") without a reload, and rayon is available and runs.
 *   Firefox has no Document-Isolation-Policy: there the frame behaves as with a host that sends
 *   nothing (below) — not isolated, reason `frame`, rayon and global-lock off, the rest runs.
 * - The playground's host sends nothing: the frame cannot be isolated inside a non-isolated
 *   parent. It reloads at most once (its service worker's first visit), is never left blank — the
 *   CPU panel is visible and the autorun completes with the modes that need no shared memory —
 *   says it is not isolated and why (data-isolation="none", reason `frame`), disables rayon and
 *   global-lock with their reason, and offers to open the playground in a new tab, where it is
 *   isolated. (The I/O experiment in such a frame: hosting-embed.test.mjs.)
 *
 * Errors of the framed page and its workers reach `page.errors` (see browser.mjs).
 *
 * @browsers chromium firefox
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DOCUMENT_ISOLATION_HEADERS } from '../support/server.mjs';
import { BROWSER, closePages, launch, navigationsOf, settleIsolation } from '../support/browser.mjs';
import {
  newPage, waitForRun, resultRows, progress, tickedModes, isolationShown, approxChecksum, assertNoErrors, LOAD_TIMEOUT, RUN_TIMEOUT,
} from '../support/cpu-page.mjs';
import { serveBuild, serveCourse, frameOf } from '../support/hosting.mjs';

// One browser for the file: each test serves the build (and its course page) on ports of its own,
// so each visit is a first visit of its origin.
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const CPU_EMBED = 'embed=1&exp=cpu&n=1500&rounds=1&run=1&lang=en';
const SHARED = ['rayon', 'global-lock'];

/** Every row done and matching serial, serial's checksum the one for n = 1500. */
function assertAllMatch(rows, modes) {
  assert.deepEqual(rows.map((r) => r.mode), modes, 'modes that ran in the frame');
  const approx = approxChecksum(1500);
  assert.ok(Math.abs(Number(rows[0].checksum) - approx) <= 1e-12 * approx, `serial's checksum ${rows[0].checksum}, expected about ${approx}`);
  for (const r of rows) {
    assert.equal(r.status, 'done', `${r.mode} did not finish: ${JSON.stringify(r)}`);
    assert.equal(r.match, 'true', `${r.mode} does not match serial: ${JSON.stringify(r)}`);
    assert.equal(r.checksum, rows[0].checksum, `${r.mode}'s checksum differs from serial's`);
  }
}

test(`framed by a non-isolated page, a host sending Document-Isolation-Policy: ${BROWSER === 'firefox'
  ? 'Firefox, which has none, runs the frame without isolation and says why' : 'an isolated frame with rayon'}`, async (t) => {
  const child = await serveBuild({ headers: DOCUMENT_ISOLATION_HEADERS });
  const course = await serveCourse();
  try {
    const page = await newPage(browser.context);
    const src = `${child.url}?${CPU_EMBED}`;
    const frame = await frameOf(page, `${course.url}?src=${encodeURIComponent(src)}`);
    const coi = await settleIsolation(frame, '#cpu[data-run-state]', { timeout: LOAD_TIMEOUT });
    assert.equal(await page.evaluate(() => crossOriginIsolated), false, 'the course page itself must not be isolated');
    if (BROWSER === 'firefox') {
      await waitForRun(frame);
      const navs = navigationsOf(page, frame);
      t.diagnostic(`frame navigations: ${navs.length}; window.__playgroundIsolation: ${JSON.stringify(coi)}`);
      assert.ok(navs.length >= 1 && navs.length <= 2 && navs.every((u) => u === src), `the frame must reload at most once: ${JSON.stringify(navs)}`);
      assert.deepEqual(coi, { isolated: false, reason: 'frame', reloaded: navs.length === 2 }, 'window.__playgroundIsolation in the frame');
      assert.equal(await frame.evaluate(() => crossOriginIsolated), false, 'Firefox isolated the frame (Document-Isolation-Policy?)');
      const shown = await isolationShown(frame);
      t.diagnostic(`#env-isolation: ${shown.text}`);
      assert.equal(shown.how, 'none', '#env data-isolation');
      assert.match(shown.text, /frame/i, '#env-isolation does not say the frame is the reason');
      assertAllMatch(await resultRows(frame), ['serial', 'async', 'workers', 'workers-queue']);
      for (const m of SHARED) {
        assert.equal(await frame.isDisabled(`#cpu-mode-${m}`), true, `#cpu-mode-${m} is usable in a non-isolated frame`);
        assert.match(await frame.locator(`#cpu-mode-${m}-why`).innerText(), /isolat/i, `#cpu-mode-${m}-why does not give the reason`);
      }
      assert.equal(await frame.isVisible('#open-new-tab'), true, '#open-new-tab is not offered in the unisolated frame');
      assertNoErrors(page);
      return;
    }
    assert.deepEqual(coi, { isolated: true, reason: null, reloaded: false }, 'window.__playgroundIsolation in the frame');
    const shown = await isolationShown(frame);
    t.diagnostic(`#env-isolation: ${shown.text}`);
    assert.equal(shown.how, 'document-isolation-policy', '#env data-isolation');
    assert.equal(await frame.locator('#open-new-tab').count(), 0, '#open-new-tab offered in an isolated frame');

    await waitForRun(frame);
    assertAllMatch(await resultRows(frame), ['serial', 'async', 'rayon', 'global-lock', 'workers', 'workers-queue']);
    for (const m of SHARED) {
      assert.equal(await frame.isDisabled(`#cpu-mode-${m}`), false, `#cpu-mode-${m} is disabled in the isolated frame`);
      assert.equal(await frame.locator(`#cpu-mode-${m}-why`).count(), 0, `#cpu-mode-${m} shows a reason it is unavailable`);
    }
    assert.deepEqual(navigationsOf(page, frame), [src], 'the isolated frame reloaded');
    assertNoErrors(page);
  } finally {
    await closePages(browser.context);
    await course.close();
    await child.close();
  }
});

test('framed by a non-isolated page, a host sending nothing: the frame runs without isolation and says why', async (t) => {
  const child = await serveBuild();
  const course = await serveCourse();
  try {
    const page = await newPage(browser.context);
    const src = `${child.url}?${CPU_EMBED}`;
    const frame = await frameOf(page, `${course.url}?src=${encodeURIComponent(src)}`);
    const coi = await settleIsolation(frame, '#cpu[data-run-state]', { timeout: LOAD_TIMEOUT });
    await waitForRun(frame);
    const navs = navigationsOf(page, frame);
    t.diagnostic(`frame navigations: ${navs.length}; window.__playgroundIsolation: ${JSON.stringify(coi)}`);
    assert.ok(navs.length >= 1 && navs.length <= 2 && navs.every((u) => u === src), `the frame must reload at most once: ${JSON.stringify(navs)}`);
    assert.deepEqual(coi, { isolated: false, reason: 'frame', reloaded: navs.length === 2 }, 'window.__playgroundIsolation in the frame');

    // Never blank: the panel is on screen and the autorun completed without the shared-memory modes.
    assert.equal(await frame.isVisible('#cpu'), true, 'the CPU panel is not visible in the frame');
    assertAllMatch(await resultRows(frame), ['serial', 'async', 'workers', 'workers-queue']);
    assert.deepEqual((await progress(frame)).map((p) => [p.mode, p.state]),
      ['serial', 'async', 'workers', 'workers-queue'].map((m) => [m, 'done']), 'progress in the frame');

    const shown = await isolationShown(frame);
    t.diagnostic(`#env-isolation: ${shown.text}`);
    assert.equal(shown.how, 'none', '#env data-isolation');
    assert.match(shown.text, /frame/i, '#env-isolation does not say the frame is the reason');
    for (const m of SHARED) {
      assert.equal(await frame.isDisabled(`#cpu-mode-${m}`), true, `#cpu-mode-${m} is usable in a non-isolated frame`);
      const why = frame.locator(`#cpu-mode-${m}-why`);
      assert.equal(await why.isVisible(), true, `#cpu-mode-${m}-why is not visible`);
      assert.match(await why.innerText(), /isolat/i, `#cpu-mode-${m}-why does not give the reason`);
    }
    assert.deepEqual(await tickedModes(frame), ['serial', 'async', 'workers', 'workers-queue'], 'ticked modes in the frame');

    // "Open in a new tab": a top-level page, which the service worker isolates.
    assert.equal(await frame.isVisible('#open-new-tab'), true, '#open-new-tab is not shown');
    const [tab] = await Promise.all([browser.context.waitForEvent('page', { timeout: LOAD_TIMEOUT }), frame.click('#open-new-tab')]);
    tab.errors = [];
    tab.on('pageerror', (e) => tab.errors.push(`pageerror: ${e.message}`));
    tab.on('console', (m) => { if (m.type() === 'error') tab.errors.push(`console.error: ${m.text()}`); });
    await tab.waitForLoadState('load', { timeout: LOAD_TIMEOUT });
    const tabCoi = await settleIsolation(tab, '#cpu[data-run-state]', { timeout: LOAD_TIMEOUT });
    t.diagnostic(`new tab: ${tab.url()}`);
    assert.equal(new URL(tab.url()).origin, new URL(child.url).origin, 'the new tab opened another origin');
    assert.equal(new URL(tab.url()).searchParams.get('embed'), '0', 'the new tab is still in embed mode');
    assert.equal(tabCoi.isolated, true, `the new tab is not isolated: ${JSON.stringify(tabCoi)}`);
    // It keeps run=1, so it runs the same preset, now with rayon.
    assert.equal(await tab.locator('#cpu-mode-rayon-why').count(), 0, 'rayon is unavailable in the new tab');
    await tab.waitForSelector('#cpu-results tbody tr[data-mode="rayon"][data-status="done"][data-match="true"]', { timeout: RUN_TIMEOUT });
    await tab.waitForSelector('#cpu[data-run-state="idle"]', { timeout: RUN_TIMEOUT });
    assertNoErrors(tab);
    assertNoErrors(page);
  } finally {
    await closePages(browser.context);
    await course.close();
    await child.close();
  }
});

/**
 * The release build, served unchanged from a course site's sub-path (/course/playground/) on
 * 127.0.0.1, works however the host is set up:
 *
 * - A host that sends COOP/COEP: the page is isolated by those headers (`#env`
 *   data-isolation="headers"), never reloads, and rayon at k = 2 computes serial's checksum.
 * - A host that sends nothing (GitHub Pages, most static hosts): the first visit reloads exactly
 *   once, after which the page's service worker isolates it (data-isolation="service-worker") and
 *   rayon runs; opening the page again, in the same tab or a new one, does not reload (no loop);
 *   and a `run=1` run starts only in the isolated document, never in the one that reloads.
 *
 * Navigations are counted from Playwright's `framenavigated` events of the main frame. A document
 * whose `window.__playgroundIsolation.isolated` is true never reloads (coi.js stops there), so
 * seeing that state ends the count.
 *
 * @browsers chromium firefox
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ISOLATION_HEADERS } from '../support/server.mjs';
import { closePages, launch, navigationsOf } from '../support/browser.mjs';
import {
  newPage, load, waitForRun, resultRows, env as readEnv, isolationShown, assertNoErrors, CHECKSUM_3000, LOAD_TIMEOUT,
} from '../support/cpu-page.mjs';
import { serveBuild, PREFIX } from '../support/hosting.mjs';

// One browser for the file: each test serves the build on a port of its own, so each visit is a
// first visit of its origin (no service worker yet).
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const RAYON_RUN = 'n=3000&k=2&rounds=1&modes=serial,rayon&run=1&lang=en';

/** serial and rayon both done with the known checksum for n = 3000, rayon matching serial. */
async function assertRayonMatches(page) {
  await waitForRun(page);
  assert.deepEqual(await resultRows(page), [
    { mode: 'serial', status: 'done', checksum: CHECKSUM_3000, match: 'true' },
    { mode: 'rayon', status: 'done', checksum: CHECKSUM_3000, match: 'true' },
  ], 'serial and rayon at k=2, n=3000');
  assert.equal((await readEnv(page)).pool, '2', '#env data-pool after a rayon run at k=2');
  assert.equal(await page.locator('#url-problems li').count(), 0, 'URL problems on an isolated page');
}

test('from a sub-path with the isolation headers: isolated by them, no reload, rayon matches serial', async () => {
  const server = await serveBuild({ headers: ISOLATION_HEADERS });
  try {
    assert.ok(server.url.endsWith(PREFIX), server.url);
    const page = await newPage(browser.context);
    const url = `${server.url}?${RAYON_RUN}`;
    await load(page, url);
    assert.deepEqual(await page.evaluate(() => window.__playgroundIsolation), { isolated: true, reason: null, reloaded: false },
      'window.__playgroundIsolation');
    assert.equal((await isolationShown(page)).how, 'headers', '#env data-isolation');
    await assertRayonMatches(page);
    // Even once its service worker controls the page (the point where a plain host's page reloads).
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: LOAD_TIMEOUT });
    assert.deepEqual(navigationsOf(page), [url], 'the page reloaded although the host sends the isolation headers');
    // Every file came from under the sub-path.
    const outside = await page.evaluate((prefix) => performance.getEntriesByType('resource').map((e) => e.name)
      .filter((u) => new URL(u).origin === location.origin && !new URL(u).pathname.startsWith(prefix)), PREFIX);
    assert.deepEqual(outside, [], 'requests outside the sub-path');
    assertNoErrors(page);
  } finally {
    await closePages(browser.context);
    await server.close();
  }
});

test('from a sub-path without headers: one reload, then isolated by the service worker; no further reload', async (t) => {
  const server = await serveBuild();
  try {
    const page = await newPage(browser.context);
    const url = `${server.url}?${RAYON_RUN}`;
    await load(page, url);
    assert.deepEqual(navigationsOf(page), [url, url], 'the first visit must reload exactly once');
    assert.deepEqual(await page.evaluate(() => window.__playgroundIsolation), { isolated: true, reason: null, reloaded: true },
      'window.__playgroundIsolation after the reload');
    assert.equal(await page.evaluate(() => crossOriginIsolated), true, 'crossOriginIsolated after the reload');
    const shown = await isolationShown(page);
    t.diagnostic(`#env-isolation: ${shown.text}`);
    assert.equal(shown.how, 'service-worker', '#env data-isolation');
    assert.match(shown.text, /service worker/i, '#env-isolation does not name the service worker');
    await assertRayonMatches(page);
    assert.deepEqual(navigationsOf(page), [url, url], 'a reload came after the run');

    // Opening the page again in the same tab: controlled from the start, so isolated at once.
    const again = `${server.url}?lang=en`;
    await load(page, again);
    assert.deepEqual(navigationsOf(page), [url, url, again], 'opening the page again reloaded it');
    assert.deepEqual(await page.evaluate(() => window.__playgroundIsolation), { isolated: true, reason: null, reloaded: false },
      'window.__playgroundIsolation on the second visit');
    assert.equal((await isolationShown(page)).how, 'service-worker', '#env data-isolation on the second visit');
    assert.equal(await page.isDisabled('#cpu-mode-rayon'), false, 'rayon is not available on the second visit');

    // And in a new tab (its own session, so the reload guard is not what stops a reload there).
    const tab = await newPage(browser.context);
    await load(tab, again);
    assert.deepEqual(navigationsOf(tab), [again], 'a new tab reloaded');
    assert.equal(await tab.evaluate(() => crossOriginIsolated), true, 'a new tab is not isolated');
    assert.equal((await isolationShown(tab)).how, 'service-worker', '#env data-isolation in a new tab');
    assertNoErrors(page);
    assertNoErrors(tab);
  } finally {
    await closePages(browser.context);
    await server.close();
  }
});

// The document that is about to reload must not start the `run=1` run: it would run without
// isolation (rayon refused, so serial alone) and, finishing before the reload, land in the run
// history beside the real run. (It did, before the page learnt to wait: b307f37.) The test notes,
// in the tab's sessionStorage (it survives the reload), every document that shows a running CPU
// panel and what coi.js had decided there.
test('a first visit with run=1 on a host without headers runs only after the reload', async (t) => {
  const server = await serveBuild();
  try {
    const page = await newPage(browser.context);
    await page.addInitScript(() => {
      new MutationObserver(() => {
        const cpu = document.getElementById('cpu');
        if (!cpu || cpu.getAttribute('data-run-state') !== 'running' || window.__notedRun) return;
        window.__notedRun = true;
        const seen = JSON.parse(sessionStorage.getItem('test.runs') || '[]');
        seen.push({ reason: window.__playgroundIsolation && window.__playgroundIsolation.reason, isolated: crossOriginIsolated });
        sessionStorage.setItem('test.runs', JSON.stringify(seen));
      }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-run-state'] });
    });
    await load(page, `${server.url}?${RAYON_RUN}`);
    await waitForRun(page);
    const runs = await page.evaluate(() => JSON.parse(sessionStorage.getItem('test.runs') || '[]'));
    const history = await page.$$eval('#history-list tbody tr', (trs) => trs.map((tr) => tr.textContent.replace(/\s+/g, ' ')));
    t.diagnostic(`documents that ran: ${JSON.stringify(runs)}; run history: ${JSON.stringify(history)}`);
    assert.deepEqual(runs, [{ reason: null, isolated: true }], 'documents that started the run=1 run');
    assert.equal(history.length, 1, 'one visit with run=1 should leave one run in the history');
    assertNoErrors(page);
  } finally {
    await closePages(browser.context);
    await server.close();
  }
});

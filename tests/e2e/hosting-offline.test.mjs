/**
 * Offline: after one visit to the sub-path build (host without isolation headers), once the
 * service worker controls the page and its cache holds every file of the list the build stamped
 * into dist/sw.js, the browser goes offline (Playwright's `context.setOffline`; the server checks
 * that not one request, the service worker's included, reaches it from then on) and the page is
 * reloaded: it loads, is still cross-origin isolated
 * (the cached responses get the worker's headers), a CPU `serial` run completes with the right
 * checksum, and a simulated I/O run of 6 images completes with every image intact — the
 * simulated network's images come from the same cache.
 *
 * Offline, the page's own HEAD request for its URL (how it tells which headers isolated it) fails,
 * and Chromium logs that failed load as a console error. The first test removes exactly that line
 * (see `dropExpectedLoadErrors`); the second, a `todo`, holds the page to neither logging it nor
 * misreporting how it is isolated.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, navigationsOf } from '../support/browser.mjs';
import * as cpu from '../support/cpu-page.mjs';
import * as io from '../support/io-page.mjs';
import { serveBuild, waitForOfflineReady, precache } from '../support/hosting.mjs';

const { LOAD_TIMEOUT, assertNoErrors } = cpu;

/** A first visit (with its one reload) that leaves the page controlled and the cache complete. */
async function firstVisit(context, url, t) {
  const page = await io.newPage(context);
  await page.addInitScript(cpu.recorder); // both panels' run states are recorded
  await cpu.load(page, url);
  assert.equal(await page.evaluate(() => crossOriginIsolated), true, 'the first visit did not end isolated');
  const held = await waitForOfflineReady(page);
  t.diagnostic(`cache playground-${precache().build}: ${held} entries for ${precache().files.length} precached files`);
  return page;
}

/** Chromium's line for a failed load, while offline, of one of `pages` (the page's HEAD of itself). */
const offlineProbe = (pages) => (url, text) => pages.includes(url) && text.includes('net::ERR_INTERNET_DISCONNECTED');

test('after a first visit the page loads offline, and CPU and simulated I/O runs complete', async (t) => {
  const server = await serveBuild();
  const browser = await launch();
  try {
    const url = `${server.url}?n=2000&modes=serial&lang=en`;
    const page = await firstVisit(browser.context, url, t);
    await browser.context.setOffline(true);
    const served = server.requests.length;

    await page.reload({ timeout: LOAD_TIMEOUT });
    await page.waitForSelector('#cpu[data-run-state]', { state: 'attached', timeout: LOAD_TIMEOUT });
    assert.equal(await page.evaluate(() => crossOriginIsolated), true, 'the page offline is not isolated');
    assert.deepEqual(await cpu.tickedModes(page), ['serial'], 'the settings of the URL offline');
    const since = await cpu.mark(page);
    await page.click('#cpu-run');
    await cpu.waitForRun(page, { since });
    const [row, ...more] = await cpu.resultRows(page);
    assert.equal(more.length, 0, 'one row');
    assert.deepEqual([row.mode, row.status, row.match], ['serial', 'done', 'true'], 'the CPU run offline');
    const approx = cpu.approxChecksum(2000);
    assert.ok(Math.abs(Number(row.checksum) - approx) <= 1e-12 * approx, `checksum offline ${row.checksum}, expected about ${approx}`);

    const ioUrl = `${server.url}?exp=io&count=6&latency=20&modes=serial,unbounded&run=1&lang=en`;
    await io.load(page, ioUrl);
    await io.waitForRun(page);
    assert.deepEqual((await io.resultRows(page)).map((r) => [r.mode, r.status, r.ok, r.failed, r.bytes]),
      [['serial', 'done', 6, 0, io.expectedBytes(6)], ['unbounded', 'done', 6, 0, io.expectedBytes(6)]], 'the simulated I/O run offline');
    await io.showMode(page, 'unbounded');
    assert.deepEqual((await io.thumbs(page, 'unbounded')).map((g) => g.img && !g.failed), Array(6).fill(true), 'thumbnails offline');
    assert.deepEqual(navigationsOf(page).slice(2), [url, ioUrl], 'navigations offline');
    assert.deepEqual(server.requests.slice(served), [], 'requests reached the server while offline');

    const dropped = io.dropExpectedLoadErrors(page, offlineProbe([url, ioUrl]));
    t.diagnostic(`removed ${dropped} console line(s) of the page's failed HEAD of its own URL`);
    assert.ok(dropped <= 2, `${dropped} failed loads of the page's own URL for 2 offline loads`);
    assertNoErrors(page);
  } finally {
    await browser.close();
    await server.close();
  }
});

// Observed: offline, `#env` says data-isolation="headers" ("yes — by the host's headers") although
// the host sends none and the service worker's cached responses are what isolate the page: the
// HEAD request the page uses to find out fails, and its failure is read as "headers". That failed
// request is also logged as a console error (net::ERR_INTERNET_DISCONNECTED) on every offline load.
test('offline, the page still says the service worker isolates it, and logs no error', {
  todo: 'page: offline its HEAD probe fails, so #env claims isolation by the host\'s headers, and Chromium logs the failed probe as a console error',
}, async (t) => {
  const server = await serveBuild();
  const browser = await launch();
  try {
    const page = await firstVisit(browser.context, `${server.url}?lang=en`, t);
    assert.equal((await cpu.isolationShown(page)).how, 'service-worker', 'online, after the first visit');
    await browser.context.setOffline(true);
    await page.reload({ timeout: LOAD_TIMEOUT });
    await page.waitForSelector('#env:not([data-isolation="checking"])', { state: 'attached', timeout: LOAD_TIMEOUT });
    const shown = await cpu.isolationShown(page);
    t.diagnostic(`offline #env: ${JSON.stringify(shown)}; errors: ${JSON.stringify(page.errors)}`);
    assert.equal(shown.how, 'service-worker', '#env data-isolation offline');
    assertNoErrors(page);
  } finally {
    await browser.close();
    await server.close();
  }
});

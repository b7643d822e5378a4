/**
 * Offline, the whole app: after one visit to the sub-path build (host without isolation headers),
 * once the service worker controls the page, its cache holds every file of the list the build
 * stamped into dist/sw.js and one Python run has put the engine into its own cache, the network
 * goes away and the page is reloaded. In Chromium the browser goes offline (`context.setOffline`),
 * and the server checks that not one request, the service worker's included, reaches it from then
 * on. Firefox's offline emulation over WebDriver BiDi does not cover service workers' fetches (and
 * fails the page's requests the worker would answer), so there the server is unplugged instead (it
 * resets every connection, as a network that is gone): the service worker's network-first fetches
 * fail and it answers from its cache, so everything the test then sees came from that cache.
 *
 * Online first: a CPU run of `serial` and `py-serial` completes, and the engine cache
 * (`pyodide-<version>`) then holds every file of the build's Pyodide folder. Offline, the page
 * loads, is still cross-origin isolated (the cached responses get the worker's headers) and says so
 * in `#env` (its HEAD request for its own URL is answered by the worker from the cache); a CPU
 * `serial` run completes with the right checksum; a simulated I/O run of 6 images completes with
 * every image intact — the simulated network's images come from the same cache; and `py-serial`
 * runs beside `serial`, its interpreter reading every engine file from the cache (`#py-engine`
 * data-network-bytes 0). Nothing is logged as an error.
 *
 * (One test for all of it: each offline case needs a first visit, a complete cache and a Python
 * start, which are the slow part; they used to be three tests in three files.)
 *
 * @browsers chromium firefox
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BROWSER, launch, navigationsOf } from '../support/browser.mjs';
import * as cpu from '../support/cpu-page.mjs';
import * as io from '../support/io-page.mjs';
import { serveBuild, waitForOfflineReady, precache } from '../support/hosting.mjs';
import { pyodideFolder, engineLine } from '../support/py-engine.mjs';

const { LOAD_TIMEOUT, assertNoErrors } = cpu;

/** A first visit (with its one reload) that leaves the page controlled and the cache complete. */
async function firstVisit(context, url, t) {
  const page = await io.newPage(context);
  await page.addInitScript(cpu.recorder); // both panels' run states are recorded
  await cpu.load(page, url);
  assert.equal(await page.evaluate(() => crossOriginIsolated), true, 'the first visit did not end isolated');
  const held = await waitForOfflineReady(page);
  t.diagnostic(`cache playground-${precache().build}: ${held} entries for ${precache().files.length} precached files`);
  assert.equal(await page.evaluate(() => !!navigator.serviceWorker.controller), true, 'the service worker controls the page');
  return page;
}

/** Runs the CPU panel's ticked modes: py-serial and serial, both matching, serial's checksum right. */
async function runSerialAndPython(page, what) {
  const since = await cpu.mark(page);
  await page.click('#cpu-run');
  await cpu.waitForRun(page, { since });
  const rows = await cpu.resultRows(page);
  assert.deepEqual(rows.map((r) => [r.mode, r.status, r.match]), [['py-serial', 'done', 'true'], ['serial', 'done', 'true']], what);
}

test('after a first visit the page loads offline, and CPU, simulated I/O and Python runs complete', async (t) => {
  const { dir } = pyodideFolder();
  const server = await serveBuild();
  const browser = await launch();
  try {
    const url = `${server.url}?n=2000&rounds=1&modes=serial&lang=en`;
    const page = await firstVisit(browser.context, url, t);
    // Online, once: a Python run puts the engine into the service worker's engine cache.
    await cpu.setMode(page, 'py-serial', true);
    await runSerialAndPython(page, 'online');
    const cached = await page.evaluate(async () => {
      const names = (await caches.keys()).filter((n) => n.startsWith('pyodide-'));
      const keys = names.length ? await (await caches.open(names[0])).keys() : [];
      return { names, files: keys.map((k) => new URL(k.url).pathname.split('/').pop()).sort() };
    });
    t.diagnostic(`engine cache: ${JSON.stringify(cached)}`);
    assert.deepEqual(cached.names, [`pyodide-${dir.split('/')[1]}`]);
    assert.deepEqual(cached.files, ['pyodide-lock.json', 'pyodide.asm.mjs', 'pyodide.asm.wasm', 'pyodide.mjs', 'python_stdlib.zip']);

    const served = server.requests.length;
    // Firefox: the server is unplugged instead of using BiDi's offline emulation, which leaves the
    // service worker's own fetches online and also fails the page's requests that the service
    // worker would answer (every simulated image came back as a network error under it, while with
    // the server gone, as with a real lost network, the worker answers them from its cache).
    if (BROWSER === 'firefox') server.unplug(true);
    else await browser.context.setOffline(true);

    await page.reload({ timeout: LOAD_TIMEOUT });
    await page.waitForSelector('#env:not([data-isolation="checking"])', { state: 'attached', timeout: LOAD_TIMEOUT });
    assert.equal(await page.evaluate(() => crossOriginIsolated), true, 'the page offline is not isolated');
    const shown = await cpu.isolationShown(page);
    t.diagnostic(`offline #env-isolation: ${shown.text}`);
    assert.equal(shown.how, 'service-worker', '#env data-isolation offline');
    assert.deepEqual(await cpu.tickedModes(page), ['serial'], 'the settings of the URL offline');
    const since = await cpu.mark(page);
    await page.click('#cpu-run');
    await cpu.waitForRun(page, { since });
    const [row, ...more] = await cpu.resultRows(page);
    assert.equal(more.length, 0, 'one row');
    assert.deepEqual([row.mode, row.status, row.match], ['serial', 'done', 'true'], 'the CPU run offline');
    const approx = cpu.approxChecksum(2000);
    assert.ok(Math.abs(Number(row.checksum) - approx) <= 1e-12 * approx, `checksum offline ${row.checksum}, expected about ${approx}`);

    const ioUrl = `${server.url}?exp=io&count=6&latency=20&modes=serial,unbounded&rounds=1&run=1&lang=en`;
    await io.load(page, ioUrl);
    await io.waitForRun(page);
    assert.deepEqual((await io.resultRows(page)).map((r) => [r.mode, r.status, r.ok, r.failed, r.bytes]),
      [['serial', 'done', 6, 0, io.expectedBytes(6)], ['unbounded', 'done', 6, 0, io.expectedBytes(6)]], 'the simulated I/O run offline');
    await io.showMode(page, 'unbounded');
    assert.deepEqual((await io.thumbs(page, 'unbounded')).map((g) => g.img && !g.failed), Array(6).fill(true), 'thumbnails offline');
    assert.deepEqual(navigationsOf(page).slice(2), [url, ioUrl], 'navigations offline');
    // Chromium's own update checks of the service worker script (see the Python part below) may
    // come here too: a worker the CPU or I/O run starts can trigger one (seen once, in a fresh-clone run of 2026-12-05).
    const late = server.requests.slice(served).filter((r) => BROWSER === 'firefox' || !r.endsWith('/sw.js'));
    if (BROWSER === 'firefox') {
      // The unplugged server answered none of them: all that ran above came from the cache.
      t.diagnostic(`refused while offline (the service worker's network-first tries): ${late.length} requests`);
    } else {
      assert.deepEqual(late, [], 'requests reached the server while offline');
    }

    // Python offline: its interpreter reads every engine file from the engine cache.
    const pyServed = server.requests.length;
    await cpu.load(page, `${server.url}?n=800&rounds=1&modes=serial,py-serial&lang=en`);
    await runSerialAndPython(page, 'offline');
    t.diagnostic(`offline: ${await engineLine(page, 'ready')}`);
    const engine = await page.$eval('#py-engine', (e) => ({ bytes: Number(e.getAttribute('data-bytes')), network: Number(e.getAttribute('data-network-bytes')) }));
    assert.equal(engine.network, 0, 'offline, every engine file came from the cache');
    assert.ok(engine.bytes > 0, 'the offline start read the engine');
    // Each new worker script a controlled page fetches makes Chromium check the service worker
    // script for an update (the Python engine's workers are such scripts), and that check goes
    // around Playwright's offline switch (and fails harmlessly when really offline); nothing else
    // may reach the server.
    const pyLate = server.requests.slice(pyServed).filter((r) => !r.endsWith('/sw.js'));
    if (BROWSER === 'firefox') t.diagnostic(`refused while unplugged (Python): ${pyLate.length} requests`);
    else assert.deepEqual(pyLate, [], 'requests reached the server while offline (Python)');

    assertNoErrors(page);
  } finally {
    await browser.close();
    await server.close();
  }
});

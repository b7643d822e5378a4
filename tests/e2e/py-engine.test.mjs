/**
 * The Python engine below the UI: the build ships Pyodide under its versioned folder; a first
 * page load reads none of it; a Python worker (py/cpu.mjs) loads it from the page's own server
 * only — under the build's strict Content-Security-Policy, cross-origin isolated and not — and
 * reports what it read; its interpreter computes the workload; and after one use the service
 * worker serves every engine file from its cache, so the engine starts with the network off.
 *
 * @browsers chromium firefox
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serve, ISOLATION_HEADERS } from '../support/server.mjs';
import { BROWSER, launch } from '../support/browser.mjs';
import * as cpu from '../support/cpu-page.mjs';
import { pyodideFolder, buildCsp, pyWorkerRun } from '../support/py-engine.mjs';
import { serveBuild, waitForOfflineReady } from '../support/hosting.mjs';

const { DIST, LOAD_TIMEOUT, assertNoErrors } = cpu;

/** Σ S(i) for tasks start .. end-1 of `values` (in task order). */
const sum = (values) => values.reduce((a, v) => a + v, 0);

/** Every request the context made that did not go to `origin`. */
function offOrigin(context, origin) {
  const away = [];
  context.on('request', (r) => { if (!r.url().startsWith(origin) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) away.push(r.url()); });
  return away;
}

for (const isolated of [true, false]) {
  test(`Pyodide loads from dist only when asked, under the build's CSP (${isolated ? 'isolated' : 'not isolated'})`, async (t) => {
    const { dir, version, files, bytes } = pyodideFolder();
    assert.deepEqual(files, ['pyodide-lock.json', 'pyodide.asm.mjs', 'pyodide.asm.wasm', 'pyodide.mjs', 'python_stdlib.zip']);
    const server = await serve({
      root: DIST,
      headers: { ...(isolated ? ISOLATION_HEADERS : {}), 'Content-Security-Policy': buildCsp() },
    });
    // Service workers blocked: without isolation headers the page must stay not isolated here.
    const browser = await launch({ serviceWorkers: 'block' });
    try {
      const away = offOrigin(browser.context, server.url.replace(/\/$/, ''));
      const page = await cpu.newPage(browser.context);
      await cpu.load(page, `${server.url}?lang=en`);
      await cpu.settled(page);
      assert.equal(await page.evaluate(() => crossOriginIsolated), isolated, 'isolation');
      const early = server.requests.filter((r) => r.includes('/pyodide/'));
      assert.deepEqual(early, [], 'the first load read Pyodide files');

      const t0 = Date.now();
      const r = await pyWorkerRun(page, { job: { start: 1, end: 1000, style: 'plain' } });
      t.diagnostic(`loaded in ${Date.now() - t0} ms: ${JSON.stringify(r.loaded)}`);
      assert.equal(r.loaded.type, 'py-loaded', `the engine did not load: ${JSON.stringify(r.loaded)}`);
      assert.equal(r.loaded.run, 41, 'the reply names its run');
      assert.equal(r.loaded.version, version);
      assert.match(r.loaded.python, /^3\.\d+\.\d+$/);
      assert.ok(r.loaded.ms > 0 && r.loaded.files >= 4, `start-up facts ${JSON.stringify(r.loaded)}`);
      // What the engine read is the build's folder (all of it but the loader, counted too).
      assert.ok(r.loaded.bytes > 0.9 * bytes && r.loaded.bytes <= bytes, `read ${r.loaded.bytes} of ${bytes} bytes`);
      assert.equal(r.loaded.networkBytes, r.loaded.bytes, 'a first use reads everything over the network');
      for (const f of ['pyodide.mjs', 'pyodide.asm.mjs', 'pyodide.asm.wasm', 'python_stdlib.zip']) {
        assert.ok(server.requests.includes(`GET /${dir}${f}`), `${f} was not read from ${dir}`);
      }
      assert.deepEqual(r.end, { type: 'batch', last: true });
      assert.equal(r.values.length, 999);
      const approx = cpu.approxChecksum(1000);
      assert.ok(Math.abs(sum(r.values) - approx) <= 1e-12 * approx, `Σ S(i) = ${sum(r.values)}, expected about ${approx}`);
      assert.deepEqual(away, [], 'requests left the page\'s origin');
      assertNoErrors(page);
    } finally {
      await browser.close();
      await server.close();
    }
  });
}

test('after one use the service worker serves the engine from its cache, and it starts offline', async (t) => {
  const { dir } = pyodideFolder();
  const server = await serveBuild();
  const browser = await launch();
  try {
    const page = await cpu.newPage(browser.context);
    await cpu.load(page, `${server.url}?lang=en`);
    await waitForOfflineReady(page);
    assert.equal(await page.evaluate(() => !!navigator.serviceWorker.controller), true, 'the service worker controls the page');
    const online = await pyWorkerRun(page);
    assert.equal(online.loaded.type, 'py-loaded', JSON.stringify(online.loaded));
    const cached = await page.evaluate(async (dir) => {
      const names = await caches.keys();
      const mine = names.filter((n) => n.startsWith('pyodide-'));
      const keys = mine.length ? await (await caches.open(mine[0])).keys() : [];
      return { names: mine, files: keys.map((k) => new URL(k.url).pathname.split('/').pop()).sort(), dir };
    }, dir);
    t.diagnostic(`engine cache: ${JSON.stringify(cached)}`);
    assert.deepEqual(cached.names, [`pyodide-${dir.split('/')[1]}`]);
    assert.deepEqual(cached.files, ['pyodide-lock.json', 'pyodide.asm.mjs', 'pyodide.asm.wasm', 'pyodide.mjs', 'python_stdlib.zip']);

    // Firefox: BiDi's offline emulation leaves the service worker's own (network-first) fetches
    // online, so there the server is unplugged instead, as a lost network (see hosting-offline).
    if (BROWSER === 'firefox') server.unplug(true);
    else await browser.context.setOffline(true);
    const served = server.requests.length;
    await page.reload({ timeout: LOAD_TIMEOUT });
    await page.waitForSelector('#cpu[data-run-state]', { timeout: LOAD_TIMEOUT });
    const offline = await pyWorkerRun(page, { job: { start: 1, end: 400, style: 'plain' } });
    t.diagnostic(`offline start: ${JSON.stringify(offline.loaded)}`);
    assert.equal(offline.loaded.type, 'py-loaded', JSON.stringify(offline.loaded));
    assert.deepEqual(offline.end, { type: 'batch', last: true });
    assert.equal(offline.loaded.networkBytes, 0, 'offline, every engine file came from the cache');
    assert.ok(offline.loaded.bytes > 0, 'the offline start read the engine');
    assert.equal(offline.values.length, 399);
    // The browser's own update check of the service worker script goes around Playwright's
    // offline switch (and fails harmlessly when really offline); nothing else may reach the server.
    const late = server.requests.slice(served).filter((r) => !r.endsWith('/sw.js'));
    if (BROWSER === 'firefox') t.diagnostic(`refused while unplugged (the service worker's network-first tries): ${late.length}`);
    else assert.deepEqual(late, [], 'requests reached the server while offline');
    assertNoErrors(page);
  } finally {
    await browser.close();
    await server.close();
  }
});

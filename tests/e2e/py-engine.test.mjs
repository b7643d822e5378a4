/**
 * The Python engine below the UI: the build ships Pyodide under its versioned folder; a first
 * page load reads none of it; a Python worker (py/cpu.mjs) loads it from the page's own server
 * only — under the build's strict Content-Security-Policy, cross-origin isolated and not — and
 * reports what it read; and its interpreter computes the workload. (After one use the service
 * worker serves every engine file from its cache, so the engine starts with the network off:
 * hosting-offline.test.mjs, with the rest of the app.)
 *
 * One browser for the file, with service workers blocked (so that a page served without the
 * isolation headers stays unisolated); each test serves the build on its own port.
 *
 * @browsers chromium firefox
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, ISOLATION_HEADERS } from '../support/server.mjs';
import { launch } from '../support/browser.mjs';
import * as cpu from '../support/cpu-page.mjs';
import { pyodideFolder, buildCsp, pyWorkerRun } from '../support/py-engine.mjs';

const { DIST, assertNoErrors } = cpu;

/** Σ S(i) for tasks start .. end-1 of `values` (in task order). */
const sum = (values) => values.reduce((a, v) => a + v, 0);

/**
 * Every request the context made that did not go to `origin` (`away`), until `stop()` (the
 * browser is shared: the next test's origin is another port).
 */
function offOrigin(context, origin) {
  const away = [];
  let on = true;
  context.on('request', (r) => { if (on && !r.url().startsWith(origin) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) away.push(r.url()); });
  return { away, stop: () => { on = false; } };
}

// Service workers blocked: without isolation headers the page must stay not isolated here.
let browser;
before(async () => { browser = await launch({ serviceWorkers: 'block' }); });
after(async () => { await browser?.close(); });

for (const isolated of [true, false]) {
  test(`Pyodide loads from dist only when asked, under the build's CSP (${isolated ? 'isolated' : 'not isolated'})`, async (t) => {
    const { dir, version, files, bytes } = pyodideFolder();
    assert.deepEqual(files, ['pyodide-lock.json', 'pyodide.asm.mjs', 'pyodide.asm.wasm', 'pyodide.mjs', 'python_stdlib.zip']);
    const server = await serve({
      root: DIST,
      headers: { ...(isolated ? ISOLATION_HEADERS : {}), 'Content-Security-Policy': buildCsp() },
    });
    const { away, stop } = offOrigin(browser.context, server.url.replace(/\/$/, ''));
    const page = await cpu.newPage(browser.context);
    try {
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
      stop();
      await page.close();
      await server.close();
    }
  });
}

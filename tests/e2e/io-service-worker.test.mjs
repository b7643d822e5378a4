/**
 * The simulated network needs the page's service worker to control the page. A page that is
 * opened while the service worker is still being installed by another tab — a first visit in two
 * tabs at once, or a reload during the first visit — must still get a working simulated network.
 *
 * The test holds the navigation of tab B back (a pass-through proxy in front of the usual static
 * server), lets tab A load, register the service worker and be claimed by it, then lets tab B's
 * page arrive: B's navigation went out before any service worker was active, and the worker's
 * `clients.claim()` in its activate step ran before B's document existed, so that claim missed B
 * (the page then asks the worker to claim it again). B's `run=1` simulated run must complete. A
 * control test opens B only after A is controlled, the ordinary way.
 *
 * One browser for both tests; each serves the build on its own port, so each is a first visit of
 * its own origin (no service worker yet).
 *
 * @browsers chromium firefox
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  serveWithHold, launch, newPage, load, at, waitForRun, resultRows, expectedBytes, assertNoErrors, LOAD_TIMEOUT,
} from '../support/io-page.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const RUN_B = 'exp=io&rounds=1&count=3&latency=10&jitter=0&seed=4242&source=simulated&modes=serial&run=1&lang=en';

/** Tab A: opens the page and waits until the service worker controls it. */
async function openControlledTab(context, url) {
  const a = await newPage(context);
  await load(a, at(url, 'exp=io&lang=en'));
  await a.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: LOAD_TIMEOUT });
  return a;
}

async function assertRunWorks(b) {
  await waitForRun(b);
  const rows = await resultRows(b);
  const why = await b.$$eval('#io-results .error', (l) => l.map((e) => e.textContent));
  assert.deepEqual(rows.map((r) => [r.mode, r.status, r.ok, r.bytes]), [['serial', 'done', 3, expectedBytes(3)]],
    `tab B's simulated run (errors shown: ${JSON.stringify(why)})`);
}

test('a tab opened after the service worker controls the first one downloads (control)', async () => {
  const srv = await serveWithHold({ isolated: true });
  try {
    const a = await openControlledTab(browser.context, srv.url);
    const b = await newPage(browser.context);
    await load(b, at(srv.url, RUN_B));
    await assertRunWorks(b);
    assertNoErrors(a);
    assertNoErrors(b);
  } finally {
    for (const p of browser.context.pages()) if (p.url().startsWith(srv.url)) await p.close();
    await srv.close();
  }
});

test('a tab whose page arrives while the service worker is being installed still gets the simulated network', async (t) => {
  const srv = await serveWithHold({ isolated: true });
  try {
    const held = srv.hold((u) => u.includes('seed=4242'));
    const b = await newPage(browser.context);
    const navigation = load(b, at(srv.url, RUN_B));
    await held.arrived;
    const a = await openControlledTab(browser.context, srv.url);
    held.release();
    await navigation;
    t.diagnostic(`tab B controlled on load: ${await b.evaluate(() => navigator.serviceWorker.controller !== null)}`);
    await assertRunWorks(b);
    assertNoErrors(a);
    assertNoErrors(b);
  } finally {
    for (const p of browser.context.pages()) if (p.url().startsWith(srv.url)) await p.close();
    await srv.close();
  }
});

/**
 * Failures a learner can run into, handled with a message and nothing broken:
 * - Copy in the Share / Embed dialog on an origin that is not a secure context (the page reached as
 *   http://playground.test, which Chromium resolves to the test server but does not trust, so
 *   `navigator.clipboard` is missing): the text is selected, a message says how to copy it, and no
 *   error is logged. On 127.0.0.1 (a secure context) with clipboard permission, Copy really copies.
 * - A rayon pool whose second thread cannot start (the page's `Worker` constructor refuses the
 *   second pool worker): the mode fails saying which thread could not start, no extra worker is
 *   started behind the learner's back, and the next run with k = 1 reuses the one worker there is.
 *
 * @browsers chromium firefox
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, ISOLATION_HEADERS } from '../support/server.mjs';
import { launch } from '../support/browser.mjs';
import { DIST, newPage, load, at, waitForRun, mark, resultRows, assertNoErrors, LOAD_TIMEOUT } from '../support/cpu-page.mjs';

const HOST = 'playground.test';

let server; // with the isolation headers, on 127.0.0.1
let plain; // without them: a plain server on the LAN sends none (Chromium rejects COOP on an untrusted origin)
let browser;
before(async () => {
  server = await serve({ root: DIST, headers: ISOLATION_HEADERS });
  plain = await serve({ root: DIST });
  browser = await launch({ args: [`--host-resolver-rules=MAP ${HOST} 127.0.0.1`] });
});
after(async () => {
  await browser?.close();
  await server?.close();
  await plain?.close();
});

/** Opens the CPU share dialog, clicks the link's Copy, and returns the status text and selection. */
async function copyLink(page) {
  await page.click('#cpu-share');
  await page.waitForSelector('dialog#cpu-share-dialog[open]', { timeout: LOAD_TIMEOUT });
  await page.click('#cpu-share-copy-link');
  await page.waitForFunction(() => document.getElementById('cpu-share-status')?.textContent.trim() !== '', null, { timeout: LOAD_TIMEOUT });
  return page.evaluate(() => {
    const area = document.getElementById('cpu-share-link');
    return {
      status: document.getElementById('cpu-share-status').textContent,
      link: area.value,
      selected: area.value.slice(area.selectionStart, area.selectionEnd),
    };
  });
}

test('Copy on an origin that is not a secure context explains itself and logs no error', async () => {
  const page = await newPage(browser.context);
  try {
    const url = plain.url.replace('127.0.0.1', HOST);
    await load(page, at(url, 'lang=en'));
    assert.equal(await page.evaluate(() => [window.isSecureContext, 'clipboard' in navigator].join()), 'false,false',
      `${url} should not be a secure context`);
    const r = await copyLink(page);
    assert.match(r.status, /not a secure context/, 'the message says why Copy could not copy');
    assert.match(r.status, /Ctrl\+C/, 'the message says how to copy instead');
    assert.equal(r.selected, r.link, 'the link is selected for the learner to copy');
    assert.ok(r.link.startsWith(url), `the link points at the page: ${r.link}`);
    assertNoErrors(page, 'copy on an insecure origin');
  } finally {
    await page.close();
  }
});

test('Copy on a secure origin puts the link on the clipboard and says so', async () => {
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url.replace(/\/$/, '') });
  const page = await newPage(browser.context);
  try {
    await load(page, at(server.url, 'lang=en'));
    const r = await copyLink(page);
    assert.equal(r.status.trim(), 'Copied.', `the status after a copy: ${r.status}`);
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), r.link, 'the clipboard holds the link');
    assertNoErrors(page, 'copy on a secure origin');
  } finally {
    await page.close();
  }
});

test('a pool whose second thread cannot start fails with a clear message and starts no extra worker', async () => {
  const page = await newPage(browser.context);
  await page.addInitScript(() => {
    const Real = window.Worker;
    window.__poolWorkers = { asked: 0, started: 0 };
    window.Worker = class extends Real {
      constructor(url, options) {
        const pool = String(options?.name || '').startsWith('pool thread');
        if (pool && ++window.__poolWorkers.asked === 2) throw new Error('this browser allows no more workers');
        super(url, options);
        if (pool) window.__poolWorkers.started += 1;
      }
    };
  });
  try {
    await load(page, at(server.url, 'n=2000&k=2&modes=rayon&rounds=1&run=1&lang=en'));
    await waitForRun(page);
    const [row] = await resultRows(page);
    assert.equal(row?.mode, 'rayon');
    assert.equal(row.status, 'failed', `rayon with a thread that cannot start: ${JSON.stringify(row)}`);
    const error = await page.$eval('#cpu-results tbody tr[data-mode="rayon"] .error', (e) => e.textContent);
    assert.match(error, /pool thread 2 of 2 could not start: .*no more workers/, `the message: ${error}`);
    assert.deepEqual(await page.evaluate(() => window.__poolWorkers), { asked: 2, started: 1 }, 'no worker beyond the failed one was tried');

    // k = 1 runs on the one worker already there: nothing new is started.
    await page.fill('#cpu-k', '1');
    const since = await mark(page);
    await page.click('#cpu-run');
    await waitForRun(page, { since });
    const [again] = await resultRows(page);
    assert.equal(again.status, 'done', `rayon with k = 1 after the failure: ${JSON.stringify(again)}`);
    assert.deepEqual(await page.evaluate(() => window.__poolWorkers), { asked: 2, started: 1 }, 'k = 1 reused the worker');
    assertNoErrors(page, 'pool start failure');
  } finally {
    await page.close();
  }
});

// Helpers for the CPU panel's page tests (tests/e2e/*.test.mjs): one server + one browser per
// test file, pages that record every change of `#cpu[data-run-state]` (so a run that starts and
// ends between two polls is never missed), and small readers for the DOM contract.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, ISOLATION_HEADERS } from './server.mjs';
import { launch, openPage, settleIsolation } from './browser.mjs';

// PLAYGROUND_DIST lets a build elsewhere be tested (e.g. one under a sub-path layout).
export const DIST = process.env.PLAYGROUND_DIST || path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist');


/** The checksum Σ S(i) for n = 3000, as Rust prints it. */
export const CHECKSUM_3000 = '131367257.10668072';

/** Generous waits: the machine is slow and shared. */
export const LOAD_TIMEOUT = 30_000;
export const RUN_TIMEOUT = 120_000;

/**
 * Serves dist with or without the cross-origin isolation headers and launches Chromium (with
 * `serviceWorkers: 'block'`, one that cannot run the page's service worker). Served without the
 * headers in an ordinary browser, the page isolates itself through its service worker after one
 * reload on the first visit (`load` waits for that).
 *
 * `browser` (a `launch()` result) serves dist to that browser instead of launching one: a new
 * server is a new origin (another port), so its first visit is a first visit — no service worker,
 * no storage, no caches of that origin yet — while the file's tests share one browser launch.
 * `close` then closes that origin's tabs and the server, not the browser; `serviceWorkers` is the
 * shared browser's.
 * @returns {Promise<{url: string, context: import('playwright-core').BrowserContext, close: () => Promise<void>}>}
 */
export async function setup({ isolated, serviceWorkers, browser: shared } = {}) {
  assert.ok(fs.existsSync(path.join(DIST, 'index.html')), `no build in ${DIST}: run \`trunk build --release\` first`);
  const server = await serve({ root: DIST, headers: isolated ? ISOLATION_HEADERS : {} });
  if (shared) {
    const close = async () => {
      for (const p of shared.context.pages()) if (p.url().startsWith(server.url)) await p.close().catch(() => {});
      await server.close();
    };
    return { url: server.url, context: shared.context, close };
  }
  let browser;
  try {
    browser = await launch({ serviceWorkers });
  } catch (e) {
    await server.close();
    throw e;
  }
  const close = async () => {
    await browser.close().catch(() => {});
    await server.close();
  };
  return { url: server.url, context: browser.context, close };
}

/**
 * Every mode id a panel offers, in its order, as the loaded page or frame `target` lists them in
 * `#<panel>[data-modes]` (the tests keep no copy of the mode table). With `engine` ('rust',
 * 'python'): only the modes of that engine's group (`#<panel>-engine-<engine>`), in order.
 * @returns {Promise<string[]>}
 */
export async function panelModes(target, panel = 'cpu', { engine } = {}) {
  const attr = await target.getAttribute(`#${panel}`, 'data-modes', { timeout: LOAD_TIMEOUT });
  const modes = (attr || '').split(',').filter(Boolean);
  assert.ok(modes.length > 0, `#${panel}[data-modes] lists no modes: ${JSON.stringify(attr)}`);
  if (!engine) return modes;
  const prefix = `${panel}-mode-`;
  const group = await target.$$eval(`#${panel}-engine-${engine} input[type=checkbox][id^="${prefix}"]`,
    (boxes, prefix) => boxes.map((b) => b.id.slice(prefix.length)), prefix);
  assert.ok(group.length > 0 && group.every((m) => modes.includes(m)),
    `the ${engine} group of #${panel} (${JSON.stringify(group)}) is not part of its data-modes ${JSON.stringify(modes)}`);
  return group;
}

/**
 * `panelModes` of the page `env` (from `setup`) serves, asked in a tab of its own: for a test
 * file that makes one test per mode (call it at the top level, after `setup`).
 */
export async function offeredModes(env, panel = 'cpu', opts = {}) {
  const page = await openPage(env.context);
  try {
    await page.goto(env.url, { timeout: LOAD_TIMEOUT });
    await settleIsolation(page, `#${panel}[data-modes]`, { timeout: LOAD_TIMEOUT });
    return await panelModes(page, panel, opts);
  } finally {
    await page.close();
  }
}

/** `base` with the query string `query` (no leading "?"). */
export function at(base, query = '') {
  return query ? `${base}?${query}` : base;
}

/**
 * Runs in every document before the page's own scripts: records `#<panel>[data-run-state]` changes
 * (and button clicks) in `window[key]` (`newPage` installs it for `#cpu`; install it elsewhere
 * with `page.addInitScript(recorder, { panel, key })`).
 */
export function recorder({ panel = 'cpu', key = '__cpuTest' } = {}) {
  const log = [];
  let last;
  const note = (state) => {
    if (state !== last) {
      last = state;
      log.push({ state, t: Date.now() });
    }
  };
  const current = () => {
    const el = document.getElementById(panel);
    return el ? el.getAttribute('data-run-state') : null;
  };
  new MutationObserver((records) => {
    for (const r of records) {
      // A value that was set and replaced within one task still shows up as an oldValue.
      if (r.type === 'attributes' && r.target.id === panel && r.oldValue !== null) note(r.oldValue);
    }
    note(current());
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-run-state'], attributeOldValue: true });
  const clicks = [];
  document.addEventListener('click', (e) => {
    const b = e.target && e.target.closest ? e.target.closest('button') : null;
    clicks.push({ id: b ? b.id : null, t: Date.now(), trusted: e.isTrusted });
  }, true);
  window[key] = { log, clicks };
}

/**
 * A new tab that collects errors in `page.errors` (see browser.mjs; a JS dialog such as
 * `alert()` counts as an error too) and records run-state changes.
 */
export async function newPage(context, opts) {
  const page = await openPage(context, opts);
  await page.addInitScript(recorder);
  page.on('dialog', async (d) => {
    page.errors.push(`dialog (${d.type()}): ${d.message()}`);
    await d.dismiss().catch(() => {});
  });
  return page;
}

/** Empties the origin's localStorage (stored results and language), as on a first visit. */
export async function clearStorage(context, base) {
  const page = await context.newPage();
  try {
    await page.goto(base, { timeout: LOAD_TIMEOUT });
    await page.evaluate(() => localStorage.clear());
  } finally {
    await page.close();
  }
}

/**
 * Opens `url` and waits until the panel is in the document and the page has settled its
 * isolation (through the one reload of a first visit without isolation headers, if it does one).
 */
export async function load(page, url) {
  await page.goto(url, { timeout: LOAD_TIMEOUT });
  await settleIsolation(page, '#cpu[data-run-state]', { timeout: LOAD_TIMEOUT });
}

/** The recorded run-state changes of the current document: [{state, t}]. */
export function runLog(page) {
  return page.evaluate(() => window.__cpuTest.log.slice());
}

/** Clicks recorded in the current document: [{id, t, trusted}]. */
export function clicks(page) {
  return page.evaluate(() => window.__cpuTest.clicks.slice());
}

/** Number of entries in the run-state log now, to wait for a run that starts after this. */
export async function mark(page) {
  return (await runLog(page)).length;
}

/**
 * Waits until a run has started after log entry `since` and the panel is idle again.
 * With `run=1` call it right after `load` with since = 0.
 */
export async function waitForRun(page, { since = 0, timeout = RUN_TIMEOUT } = {}) {
  try {
    await page.waitForFunction((since) => {
      const log = window.__cpuTest.log.slice(since);
      const el = document.getElementById('cpu');
      return log.some((e) => e.state === 'running') && el && el.getAttribute('data-run-state') === 'idle';
    }, since, { timeout, polling: 100 });
  } catch (e) {
    const log = await runLog(page).catch(() => []);
    const prog = await progress(page).catch(() => []);
    throw new Error(`no complete run (running → idle) within ${timeout} ms; run-state log since #${since}: `
      + `${JSON.stringify(log.slice(since).map((x) => x.state))}; progress: ${JSON.stringify(prog)}; errors: ${JSON.stringify(page.errors)}`, { cause: e });
  }
}

/**
 * Resolves once the page has loaded and the browser has been idle (as `run=1` waits for), twice,
 * with two frames between. A tab behind another is never painted in Firefox, so there a frame
 * is a turn of the event loop instead (the page itself waits for idle time, not for frames).
 */
export async function settled(page) {
  await page.waitForLoadState('load');
  await page.evaluate(async () => {
    const idle = () => new Promise((r) => requestIdleCallback(() => r(), { timeout: 3000 }));
    const frame = () => new Promise((r) => (document.hidden ? setTimeout(r, 0) : requestAnimationFrame(() => r())));
    await idle();
    await frame();
    await frame();
    await idle();
  });
}

/** Rows of the results table: [{mode, status, checksum, match}]. */
export function resultRows(page) {
  return page.$$eval('#cpu-results tbody tr', (trs) => trs.map((tr) => ({
    mode: tr.getAttribute('data-mode'),
    status: tr.getAttribute('data-status'),
    checksum: tr.getAttribute('data-checksum'),
    match: tr.getAttribute('data-match'),
  })));
}

/** Progress items: [{mode, state, value, max}]. */
export function progress(page) {
  return page.$$eval('[id^="progress-"]', (lis) => lis.map((li) => {
    const bar = li.querySelector('progress');
    return {
      mode: li.id.slice('progress-'.length),
      state: li.getAttribute('data-state'),
      value: bar ? bar.value : null,
      max: bar ? bar.max : null,
    };
  }));
}

/** `#env`'s data attributes. */
export function env(page) {
  return page.$eval('#env', (e) => ({ hc: e.getAttribute('data-hc'), isolated: e.getAttribute('data-isolated'), pool: e.getAttribute('data-pool') }));
}

/** How `#env` says the page is isolated (`headers`, `service-worker`, …, `none`) and its text. */
export function isolationShown(page) {
  return page.$eval('#env', (e) => ({ how: e.getAttribute('data-isolation'), text: document.getElementById('env-isolation').textContent }));
}

/** Ids of the ticked mode checkboxes, in panel order. */
export function tickedModes(page) {
  return page.$$eval('input[type=checkbox][id^="cpu-mode-"]', (bs) => bs.filter((b) => b.checked).map((b) => b.id.slice('cpu-mode-'.length)));
}

/** Clicks `selector` and returns the downloaded file: {name, text}. */
export async function download(page, selector) {
  const [d] = await Promise.all([page.waitForEvent('download', { timeout: LOAD_TIMEOUT }), page.click(selector)]);
  const file = await d.path();
  assert.ok(file, `the download from ${selector} failed: ${await d.failure()}`);
  return { name: d.suggestedFilename(), text: fs.readFileSync(file, 'utf8') };
}

/** Sets a text input the way typing does (one `input` event with the whole value). */
export async function type(page, selector, value) {
  await page.fill(selector, value);
}

/** Ticks or unticks a mode checkbox through the UI and waits for the page to show it. */
export async function setMode(page, mode, on) {
  const sel = `#cpu-mode-${mode}`;
  if ((await page.isChecked(sel)) !== on) await page.click(sel);
  await page.waitForFunction(([sel, on]) => document.querySelector(sel).checked === on, [sel, on], { timeout: LOAD_TIMEOUT });
}

/**
 * Σ S(i) for tasks 1 … n−1 in JavaScript, in the page's order. V8's sin/cos are not promised
 * to be bit-identical to Rust's libm, so compare with a tolerance, not for equality.
 */
export function approxChecksum(n) {
  let acc = 0; // S(i) = Σ_{x<i} term(x), built incrementally
  let total = 0;
  for (let i = 1; i < n; i++) {
    total += acc;
    const x = i;
    acc += 1 / x + Math.sqrt(x) + Math.sin(x) + Math.cos(x);
  }
  return total;
}

/** Fails with the page's collected errors, if any. Call at the end of every test. */
export function assertNoErrors(page) {
  assert.deepEqual(page.errors, [], `the page reported errors:\n${page.errors.join('\n')}`);
}

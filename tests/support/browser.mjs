// The page tests' browsers. One test file runs in one browser per process, chosen by
// PLAYGROUND_BROWSER (`chromium`, the default, or `firefox`); `node tests/run.mjs` (what `make
// test` calls) runs the files once per browser named in BROWSERS (default `chromium,firefox`),
// each file in the browsers its opening comment lists in a `@browsers chromium firefox` line
// (without one: Chromium only).
//
//   chromium  Debian's headless Chromium through playwright-core (its own API).
//   firefox   Debian's firefox-esr through puppeteer-core over WebDriver BiDi (no geckodriver),
//             behind firefox.mjs: the same API, for the part of Playwright's the tests use.
//
// Tests stay on THIS subset of Playwright's API, so that they run in both browsers unchanged
// (firefox.mjs implements exactly it; add a method there before a test needs it):
//   context  newPage() · pages() · setOffline(bool) · waitForEvent('page') · close()
//   page     goto(url, {timeout}) · reload({timeout}) · close() · url() · context() · mainFrame() ·
//            frames() · on('pageerror'|'console'|'dialog'|'framenavigated'|'close') ·
//            addInitScript(fn, arg) · addScriptTag({content}) · waitForLoadState('load') ·
//            waitForEvent('download') → {suggestedFilename(), path(), failure()} ·
//            setViewportSize({width, height}) · emulateMedia({colorScheme}) · mouse.click(x, y) ·
//            keyboard.press(key), and everything a frame has:
//   frame    url() · page() · evaluate(fn, arg) · waitForFunction(fn, arg, {timeout, polling}) ·
//            $eval / $$eval(sel, fn, arg) · waitForSelector(sel, {state, timeout}) (→ element with
//            contentFrame()) · locator(sel) → {count(), isVisible(), innerText(), textContent(),
//            getAttribute(name), click(), screenshot({path})} · click · fill · check · uncheck ·
//            selectOption(sel, value) · press(sel, key) · getAttribute · textContent · innerText ·
//            inputValue · isChecked · isDisabled · isVisible (all with a selector; reads wait for
//            the element to be attached, actions for it to be visible and enabled).
// Not in the subset: Playwright's `page.on('worker')` (openPage below collects workers' errors in
// both browsers), locators' chaining and filters, routes, traces.
//
// openPage records every console error and uncaught error — of the page, its frames and their
// workers — in `page.errors` (a test fails on any, see assertNoErrors), and settleIsolation waits
// for the page's cross-origin isolation to settle (coi.js may reload once).
//
// Where the browsers differ by design a test asks `BROWSER` and asserts each one's behaviour
// (e.g. Firefox has no Document-Isolation-Policy); it does not skip.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchFirefox } from './firefox.mjs';

/** The browser this process tests: 'chromium' or 'firefox'. */
export const BROWSER = process.env.PLAYGROUND_BROWSER || 'chromium';
if (!['chromium', 'firefox'].includes(BROWSER)) throw new Error(`PLAYGROUND_BROWSER=${BROWSER}: want chromium or firefox`);

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

/** Contexts launched with `serviceWorkers: 'block'`: pages there can never be reloaded by coi.js. */
const swBlocked = new WeakSet();

/**
 * A fresh browser profile (a new directory each launch) of BROWSER. `serviceWorkers: 'block'`
 * gives a browser in which the page cannot register its service worker, like one without service
 * worker support (Playwright's option in Chromium; `dom.serviceWorkers.enabled` off in Firefox,
 * where `navigator.serviceWorker` is then missing altogether); left out, service workers work as in
 * any browser. `args`: extra Chromium flags (e.g. `--host-resolver-rules`, to reach the test
 * server under a host name that is not a secure context).
 */
export async function launch({ serviceWorkers, args = [], colorScheme } = {}) {
  if (BROWSER === 'firefox') {
    // Of Chromium's switches only the host mapping has a Firefox twin (a preference).
    const localDomains = args.flatMap((a) => /^--host-resolver-rules=MAP (\S+) 127\.0\.0\.1$/.exec(a)?.slice(1) ?? []);
    const context = await launchFirefox({ serviceWorkers, localDomains, colorScheme });
    if (serviceWorkers === 'block') swBlocked.add(context);
    return { context, close: () => context.close() };
  }
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'playground-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads: true,
    ...(serviceWorkers ? { serviceWorkers } : {}),
    ...(colorScheme ? { colorScheme } : {}),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', ...args],
  });
  if (serviceWorkers === 'block') swBlocked.add(context);
  const close = async () => { await context.close(); fs.rmSync(userDataDir, { recursive: true, force: true }); };
  return { context, close };
}

/**
 * Closes every tab of `context` but a blank one: what a test does at its end in a browser it
 * shares with the other tests of its file, so that nothing of it runs on into the next test.
 */
export async function closePages(context) {
  for (const p of context.pages()) if (p.url() !== 'about:blank') await p.close().catch(() => {});
}

/**
 * A new page whose console errors and page errors — its own, its frames' and its workers' — are
 * collected in `page.errors`, and whose navigations (main frame and child frames, each with the
 * URL it went to) are recorded in `page.navigations`: [{main, frame, url}].
 */
export async function openPage(context, { viewport } = {}) {
  const page = await context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  page.errors = [];
  page.navigations = [];
  page.on('pageerror', (e) => page.errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(`console.error: ${m.text()}`); });
  // Chromium reports a worker's console on the worker; Firefox (BiDi) on the page, with the
  // worker's uncaught errors as page errors.
  if (BROWSER === 'chromium') {
    page.on('worker', (w) => w.on('console', (m) => { if (m.type() === 'error') page.errors.push(`worker console.error: ${m.text()}`); }));
  }
  page.on('framenavigated', (f) => page.navigations.push({ main: f === page.mainFrame(), frame: f, url: f.url() }));
  if (SLOW_MS) timeCalls(page);
  return page;
}

/**
 * `PLAYGROUND_SLOW=MS`: every call on a page that takes MS or more is printed with the test line
 * that made it — where a file's time goes, in either browser (e.g. a wait for an animation frame
 * in a background tab, which Firefox never paints).
 */
const SLOW_MS = Number(process.env.PLAYGROUND_SLOW || 0);
const TIMED = ['goto', 'reload', 'waitForLoadState', 'evaluate', 'waitForFunction', 'waitForSelector', '$eval', '$$eval',
  'click', 'fill', 'check', 'uncheck', 'selectOption', 'press', 'inputValue', 'getAttribute', 'textContent', 'innerText',
  'isChecked', 'isDisabled', 'isVisible', 'waitForEvent', 'close'];
function timeCalls(page) {
  for (const name of TIMED) {
    const call = page[name];
    if (typeof call !== 'function') continue;
    page[name] = async (...args) => {
      const where = new Error().stack.split('\n').find((l) => l.includes('/tests/e2e/'))?.replace(/.*\/tests\/e2e\//, '').replace(/\)$/, '') ?? '?';
      const t0 = Date.now();
      try {
        return await call.apply(page, args);
      } finally {
        const ms = Date.now() - t0;
        if (ms >= SLOW_MS) console.error(`# slow ${ms} ms ${name}(${String(args[0]).replace(/\s+/g, " ").slice(0, 50)}) at ${where}`);
      }
    };
  }
}

/** Navigations so far of `frame` (a Page means its main frame). */
export function navigationsOf(page, frame = page.mainFrame()) {
  return page.navigations.filter((n) => n.frame === frame).map((n) => n.url);
}

/**
 * Waits, in a page or a frame, until `ready` (a selector) is in the document and the page's
 * isolation is settled: `coi.js` has decided (`window.__playgroundIsolation`) and is not about to
 * reload — a first visit without isolation headers reloads once, and this waits through that
 * reload — and `#env`, where there is one, no longer says `checking`. In a browser whose service
 * workers are blocked no reload can come, whatever `coi.js` says. Returns the final
 * `window.__playgroundIsolation`.
 */
export async function settleIsolation(target, ready, { timeout = 30_000 } = {}) {
  const page = typeof target.page === 'function' ? target.page() : target;
  const blocked = swBlocked.has(page.context());
  try {
    await target.waitForFunction(([ready, blocked]) => {
      const s = window.__playgroundIsolation;
      const env = document.getElementById('env');
      return !!s && (s.isolated || s.reason !== 'reloading' || blocked) && document.querySelector(ready) !== null
        && (!env || env.getAttribute('data-isolation') !== 'checking');
    }, [ready, blocked], { timeout, polling: 50 });
  } catch (e) {
    const state = await target.evaluate(() => ({
      coi: window.__playgroundIsolation,
      env: document.getElementById('env')?.getAttribute('data-isolation') ?? null,
    })).catch((err) => err.message);
    throw new Error(`the page did not settle (${ready}, isolation decided, no reload pending) within ${timeout} ms: `
      + `${JSON.stringify(state)}; navigations: ${JSON.stringify(page.navigations?.map((n) => n.url))}`, { cause: e });
  }
  return target.evaluate(() => ({ ...window.__playgroundIsolation }));
}

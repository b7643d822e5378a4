// Firefox for the page tests: Debian's firefox-esr driven by puppeteer-core over WebDriver BiDi,
// behind the part of Playwright's Page / Frame / BrowserContext API that the tests use (the list is
// in browser.mjs). Each method does what its Playwright namesake does for the cases the tests have
// (auto-waiting for the element where Playwright waits), so a test is written once for both
// browsers. Anything not listed here is not offered: a test that needs more adds it here, once.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer-core';

export const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';

/** Playwright's default wait for an action or an auto-waiting read, in ms. */
const DEFAULT_TIMEOUT = 30_000;

/**
 * Preferences for a test profile: no network traffic of Firefox's own (this machine has no
 * internet, and background requests would only add noise and time), downloads saved without a
 * prompt into `downloads`, and service workers switched off when `serviceWorkers` is 'block' (a
 * browser without them, as Playwright's option gives Chromium). puppeteer's own defaults (updates,
 * safe browsing, telemetry reporting, first-run pages off) come on top of these.
 */
function preferences({ downloads, serviceWorkers, localDomains, colorScheme }) {
  return {
    // prefers-color-scheme for every page: BiDi has no per-page media emulation in Firefox 153
    // (w3c/webdriver-bidi#750; https://bugzilla.mozilla.org/show_bug.cgi?id=1549434).
    ...(colorScheme ? { 'layout.css.prefers-color-scheme.content-override': colorScheme === 'dark' ? 0 : 1 } : {}),
    // Host names that resolve to this machine (Chromium's --host-resolver-rules MAP x 127.0.0.1).
    ...(localDomains?.length ? { 'network.dns.localDomains': localDomains.join(',') } : {}),
    // navigator.clipboard.readText() without the paste prompt a person would click (tests only).
    'dom.events.testing.asyncClipboard': true,
    // Firefox's own connections: captive-portal and connectivity probes, push, remote settings,
    // region lookup, telemetry, DNS-over-HTTPS, prefetching, add-on and system add-on updates.
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'dom.push.connection.enabled': false,
    'dom.push.serverURL': '',
    'browser.region.network.url': '',
    'browser.region.update.enabled': false,
    'toolkit.telemetry.enabled': false,
    'toolkit.telemetry.server': '',
    'toolkit.telemetry.unified': false,
    'network.trr.mode': 5,
    'network.dns.disablePrefetch': true,
    'network.prefetch-next': false,
    'network.predictor.enabled': false,
    'extensions.blocklist.enabled': false,
    'extensions.systemAddon.update.enabled': false,
    'app.update.auto': false,
    'app.shield.optoutstudies.enabled': false,
    'messaging-system.rsexperimentloader.enabled': false,
    'browser.newtabpage.activity-stream.feeds.section.topstories': false,
    'browser.newtabpage.activity-stream.feeds.topsites': false,
    'browser.topsites.contile.enabled': false,
    'browser.safebrowsing.provider.mozilla.updateURL': '',
    'browser.safebrowsing.provider.google4.updateURL': '',
    'geo.provider.network.url': '',
    'identity.fxaccounts.enabled': false,
    'media.gmp-gmpopenh264.enabled': false,
    'security.OCSP.enabled': 0,
    // Downloads land in `downloads`, no dialog, no panel.
    'browser.download.folderList': 2,
    'browser.download.dir': downloads,
    'browser.download.useDownloadDir': true,
    'browser.download.always_ask_before_handling_new_types': false,
    'browser.download.start_downloads_in_tmp_dir': false,
    'browser.download.alwaysOpenPanel': false,
    'browser.download.panel.shown': true,
    ...(serviceWorkers === 'block' ? { 'dom.serviceWorkers.enabled': false } : {}),
  };
}

/** Launches a headless Firefox with a fresh profile; resolves to a FirefoxContext. */
export async function launchFirefox({ serviceWorkers, localDomains, colorScheme } = {}) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'playground-firefox-'));
  const downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'playground-firefox-downloads-'));
  let browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: true,
      userDataDir: profile,
      extraPrefsFirefox: preferences({ downloads, serviceWorkers, localDomains, colorScheme }),
      protocolTimeout: 180_000,
    });
  } catch (e) {
    fs.rmSync(profile, { recursive: true, force: true });
    fs.rmSync(downloads, { recursive: true, force: true });
    throw e;
  }
  return new FirefoxContext(browser, { profile, downloads });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` (async, returns a value or undefined) every `every` ms until it gives a value. */
async function until(check, { timeout, every = 50, what }) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`Timeout ${timeout} ms exceeded waiting for ${what}`);
    await sleep(every);
  }
}

/** The browser's one context (a fresh profile), like Playwright's persistent context. */
class FirefoxContext {
  #browser;
  #dirs;
  #pages = new Map(); // puppeteer Page → FirefoxPage

  #onRequest = []; // context.on('request') handlers

  constructor(browser, dirs) {
    this.#browser = browser;
    this.#dirs = dirs;
  }

  /** The FirefoxPage of a puppeteer page (one wrapper per page). */
  wrap(p) {
    let w = this.#pages.get(p);
    if (!w) {
      w = new FirefoxPage(p, this);
      this.#pages.set(p, w);
      p.once('close', () => this.#pages.delete(p));
      p.on('request', (r) => { for (const h of this.#onRequest) h(r); });
    }
    return w;
  }

  /**
   * 'request': every request of this context's pages (a puppeteer HTTPRequest: `url()`), as
   * WebDriver BiDi reports them — the documents' own and, in Firefox 153, their dedicated workers'.
   */
  on(event, handler) {
    if (event !== 'request') throw new Error(`FirefoxContext.on('${event}') is not supported`);
    this.#onRequest.push(handler);
    return this;
  }

  async newPage() {
    const p = await this.#browser.newPage();
    return this.wrap(p);
  }

  pages() {
    return [...this.#pages.values()];
  }

  /**
   * The whole browser offline (or online again): its pages, the ones opened later and their
   * workers. Not its service workers: WebDriver BiDi's offline emulation (Firefox 153) leaves their
   * fetches on the network (its scope is still being settled in w3c/webdriver-bidi#776), so a test
   * that needs those offline must also take the server away.
   */
  async setOffline(offline) {
    await this.#browser.connection.send('emulation.setNetworkConditions', {
      networkConditions: offline ? { type: 'offline' } : null, userContexts: ['default'],
    });
  }

  /**
   * Firefox lets a page write to the clipboard on a click and (with the test preference above)
   * read it back, with no permission to grant: nothing to do.
   */
  async grantPermissions() {}

  /** 'page': the next page (tab or popup) the browser opens. */
  async waitForEvent(event, { timeout = DEFAULT_TIMEOUT } = {}) {
    if (event !== 'page') throw new Error(`FirefoxContext.waitForEvent('${event}') is not supported`);
    const before = new Set(this.#browser.targets());
    const target = await this.#browser.waitForTarget((t) => t.type() === 'page' && !before.has(t), { timeout });
    return this.wrap(await target.page());
  }

  /**
   * The next file Firefox saves into the download folder once it is complete, moved out of that
   * folder (so the next download of the same name keeps its name). Watched on disk rather than
   * through BiDi's download events (w3c/webdriver-bidi#970; Firefox gained
   * `browser.setDownloadBehavior` in https://bugzilla.mozilla.org/show_bug.cgi?id=1989022), so
   * it works with whichever Firefox ESR the machine has.
   */
  async nextDownload({ timeout }) {
    const dir = this.#dirs.downloads;
    let last = null;
    const name = await until(() => {
      const names = fs.readdirSync(dir);
      if (names.some((n) => n.endsWith('.part'))) return undefined;
      const fresh = names.sort();
      if (fresh.length === 0) return undefined;
      // Firefox may write under a temporary name and rename it between the listing and this
      // look (seen on a loaded machine): then it is not done yet, look again.
      let size;
      try {
        size = fs.statSync(path.join(dir, fresh[0])).size;
      } catch (e) {
        if (e.code === 'ENOENT') return undefined;
        throw e;
      }
      // Complete when no .part is left and the size held still, above 0, for one poll.
      const done = last && last.name === fresh[0] && last.size === size && size > 0 ? fresh[0] : undefined;
      last = { name: fresh[0], size };
      return done;
    }, { timeout, every: 100, what: 'a download' });
    const keep = fs.mkdtempSync(path.join(os.tmpdir(), 'playground-download-'));
    const file = path.join(keep, name);
    fs.renameSync(path.join(dir, name), file);
    return {
      suggestedFilename: () => name,
      path: async () => file,
      failure: async () => null,
    };
  }

  async close() {
    await this.#browser.close().catch(() => {});
    fs.rmSync(this.#dirs.profile, { recursive: true, force: true });
    fs.rmSync(this.#dirs.downloads, { recursive: true, force: true });
  }
}

/** An element found by a selector, with the few element methods the tests use. */
class FirefoxElement {
  constructor(handle, scope) {
    this.handle = handle;
    this.scope = scope;
  }

  /** The Frame of an <iframe>. */
  async contentFrame() {
    const f = await this.handle.contentFrame();
    return f ? this.scope.pageWrapper().frameOf(f) : null;
  }
}

/** A selector in a page or frame, as Playwright's Locator (strict: one element for reads). */
class FirefoxLocator {
  constructor(scope, selector) {
    this.scope = scope;
    this.selector = selector;
  }

  count() {
    return this.scope.$$eval(this.selector, (els) => els.length);
  }

  /** The first match: what every read of this adapter already uses (`querySelector`). */
  first() {
    return this;
  }

  /** `fn(element, arg)` in the page, on the first match. */
  evaluate(fn, arg) {
    return this.scope.frame.$eval(this.selector, fn, arg);
  }

  isVisible() {
    return this.scope.isVisible(this.selector);
  }

  innerText(opts) {
    return this.scope.innerText(this.selector, opts);
  }

  textContent(opts) {
    return this.scope.textContent(this.selector, opts);
  }

  getAttribute(name, opts) {
    return this.scope.getAttribute(this.selector, name, opts);
  }

  click(opts) {
    return this.scope.click(this.selector, opts);
  }

  async screenshot({ path: file } = {}) {
    const h = await this.scope.frame.waitForSelector(this.selector, { visible: true });
    return h.screenshot({ path: file });
  }
}

/** What a page and a frame share: selectors, reads, actions, evaluation (on a puppeteer Frame). */
class Scope {
  /** @param {import('puppeteer-core').Frame} frame */
  constructor(frame) {
    this.frame = frame;
  }

  url() {
    return this.frame.url();
  }

  evaluate(fn, arg) {
    return this.frame.evaluate(fn, arg);
  }

  /** Playwright's argument order: (fn, arg, options); polling 'raf' unless a number of ms. */
  async waitForFunction(fn, arg, { timeout = DEFAULT_TIMEOUT, polling = 'raf' } = {}) {
    return this.frame.waitForFunction(fn, { timeout, polling }, arg);
  }

  $eval(selector, fn, arg) {
    return this.frame.$eval(selector, fn, arg);
  }

  /**
   * `fn(elements, arg)` in the page, on every match, as one script that finds the elements itself:
   * puppeteer's own $$eval first hands each element over as a handle, which over WebDriver BiDi
   * costs a serialisation per element (0.7 s for the 299 bars of a CPU timeline). `arg` is JSON.
   */
  $$eval(selector, fn, arg) {
    const args = arg === undefined ? '' : `, ${JSON.stringify(arg)}`;
    return this.frame.evaluate(`(${fn.toString()})([...document.querySelectorAll(${JSON.stringify(selector)})]${args})`);
  }

  locator(selector) {
    return new FirefoxLocator(this, selector);
  }

  /** state: 'visible' (Playwright's default), 'attached', 'hidden' or 'detached'. */
  async waitForSelector(selector, { state = 'visible', timeout = DEFAULT_TIMEOUT } = {}) {
    if (state === 'detached') {
      await this.frame.waitForFunction((s) => document.querySelector(s) === null, { timeout, polling: 50 }, selector);
      return null;
    }
    const h = await this.frame.waitForSelector(selector, {
      timeout, visible: state === 'visible', hidden: state === 'hidden',
    });
    return h ? new FirefoxElement(h, this) : null;
  }

  /** Waits for the element to be attached, then evaluates `fn(el, arg)` on it. */
  async #read(selector, fn, arg, timeout = DEFAULT_TIMEOUT) {
    await this.frame.waitForSelector(selector, { timeout });
    return this.frame.$eval(selector, fn, arg);
  }

  getAttribute(selector, name, { timeout } = {}) {
    return this.#read(selector, (el, name) => el.getAttribute(name), name, timeout);
  }

  textContent(selector, { timeout } = {}) {
    return this.#read(selector, (el) => el.textContent, undefined, timeout);
  }

  innerText(selector, { timeout } = {}) {
    return this.#read(selector, (el) => el.innerText, undefined, timeout);
  }

  inputValue(selector, { timeout } = {}) {
    return this.#read(selector, (el) => el.value, undefined, timeout);
  }

  isChecked(selector, { timeout } = {}) {
    return this.#read(selector, (el) => el.checked, undefined, timeout);
  }

  /** Disabled as Playwright means it: the element or an enclosing fieldset is disabled. */
  isDisabled(selector, { timeout } = {}) {
    return this.#read(selector, (el) => el.matches(':disabled'), undefined, timeout);
  }

  /** No wait, as in Playwright: false when there is no such element. */
  isVisible(selector) {
    return this.frame.evaluate((s) => {
      const el = document.querySelector(s);
      if (!el) return false;
      const style = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      return style.visibility !== 'hidden' && r.width > 0 && r.height > 0;
    }, selector);
  }

  /** A plain pause (for "nothing happens within t ms" checks, as Playwright's). */
  waitForTimeout(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }

  /** Waits until the element is visible and enabled, scrolls it into view, clicks its centre. */
  async click(selector, { timeout = DEFAULT_TIMEOUT } = {}) {
    await this.frame.waitForFunction((s) => {
      const el = document.querySelector(s);
      if (!el || el.matches(':disabled')) return false;
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    }, { timeout, polling: 50 }, selector);
    // As Playwright does before a click: if something else (the page's sticky freeze meter docked
    // at the bottom of the window) covers the element's centre, scroll it to the middle first, so
    // the click lands on what a person would click.
    await this.frame.evaluate((s) => {
      const el = document.querySelector(s);
      const r = el.getBoundingClientRect();
      const top = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
      const hit = top && (el.contains(top) || (top.control && top.control === el) || top.closest('label')?.control === el);
      if (!hit) el.scrollIntoView({ block: 'center', inline: 'center' });
    }, selector);
    const h = await this.frame.$(selector);
    await h.click();
  }

  /** Sets an input's value the way Playwright's fill does: focus, whole value, one `input` event. */
  async fill(selector, value, { timeout } = {}) {
    await this.#read(selector, (el, value) => {
      el.focus();
      const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
      Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, value);
      el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: value }));
      el.dispatchEvent(new Event('change', { bubbles: true }));
    }, value, timeout);
  }

  async #setChecked(selector, on, timeout) {
    if ((await this.isChecked(selector, { timeout })) !== on) await this.click(selector, { timeout });
    if ((await this.isChecked(selector, { timeout })) !== on) throw new Error(`clicking ${selector} did not make it ${on ? 'checked' : 'unchecked'}`);
  }

  check(selector, { timeout } = {}) {
    return this.#setChecked(selector, true, timeout);
  }

  uncheck(selector, { timeout } = {}) {
    return this.#setChecked(selector, false, timeout);
  }

  /** Selects the option with this value (as Playwright: `input` and `change` events). */
  async selectOption(selector, value, { timeout } = {}) {
    await this.frame.waitForSelector(selector, { timeout });
    return this.frame.select(selector, ...(Array.isArray(value) ? value : [value]));
  }

  /** Focuses the element and presses `key` (Playwright's key names: 'Enter', 'Escape', …). */
  async press(selector, key, { timeout } = {}) {
    await this.frame.waitForSelector(selector, { timeout });
    await this.frame.focus(selector);
    await this.frame.page().keyboard.press(key);
  }
}

/** A frame of a page (Playwright's Frame). */
class FirefoxFrame extends Scope {
  #page;

  constructor(frame, page) {
    super(frame);
    this.#page = page;
  }

  page() {
    return this.#page;
  }

  pageWrapper() {
    return this.#page;
  }
}

/** A tab (Playwright's Page): the main frame's methods plus events, navigation and input. */
class FirefoxPage extends Scope {
  #context;
  #frames = new WeakMap(); // puppeteer Frame → FirefoxFrame

  constructor(page, context) {
    super(page.mainFrame());
    this.p = page;
    this.#context = context;
    this.mouse = page.mouse;
    this.keyboard = page.keyboard;
    page.setDefaultTimeout(DEFAULT_TIMEOUT);
  }

  pageWrapper() {
    return this;
  }

  /** The FirefoxFrame of a puppeteer frame (the same object each time). */
  frameOf(f) {
    if (f === this.p.mainFrame()) return this.mainFrameWrapper();
    let w = this.#frames.get(f);
    if (!w) {
      w = new FirefoxFrame(f, this);
      this.#frames.set(f, w);
    }
    return w;
  }

  mainFrameWrapper() {
    let w = this.#frames.get(this.p.mainFrame());
    if (!w) {
      w = new FirefoxFrame(this.p.mainFrame(), this);
      this.#frames.set(this.p.mainFrame(), w);
    }
    return w;
  }

  mainFrame() {
    return this.mainFrameWrapper();
  }

  frames() {
    return this.p.frames().map((f) => this.frameOf(f));
  }

  context() {
    return this.#context;
  }

  /**
   * Events: 'pageerror' (an Error), 'console' (message with type(), text(), location(); in Firefox
   * its workers' console calls and uncaught errors arrive here too), 'dialog' (type(), message(),
   * dismiss()), 'framenavigated' (a Frame), 'close'.
   */
  on(event, handler) {
    if (event === 'framenavigated') this.p.on('framenavigated', (f) => handler(this.frameOf(f)));
    else if (['pageerror', 'console', 'dialog', 'close'].includes(event)) this.p.on(event, handler);
    else throw new Error(`FirefoxPage.on('${event}') is not supported (workers' messages come as 'console' / 'pageerror')`);
    return this;
  }

  async goto(url, { timeout = DEFAULT_TIMEOUT, waitUntil = 'load' } = {}) {
    return this.p.goto(url, { timeout, waitUntil: waitUntil === 'domcontentloaded' ? 'domcontentloaded' : 'load' });
  }

  async reload({ timeout = DEFAULT_TIMEOUT } = {}) {
    return this.p.reload({ timeout, waitUntil: 'load' });
  }

  /** Resolves when the document has reached `state` ('load' or 'domcontentloaded'). */
  async waitForLoadState(state = 'load', { timeout = DEFAULT_TIMEOUT } = {}) {
    const want = state === 'domcontentloaded' ? ['interactive', 'complete'] : ['complete'];
    await until(async () => (want.includes(await this.p.evaluate(() => document.readyState).catch(() => null)) ? true : undefined),
      { timeout, what: `load state ${state}` });
  }

  /** Runs `fn(arg)` in every document of this page before its own scripts. */
  async addInitScript(fn, arg) {
    await this.p.evaluateOnNewDocument(fn, arg);
  }

  addScriptTag(opts) {
    return this.p.addScriptTag(opts);
  }

  async setViewportSize({ width, height }) {
    await this.p.setViewport({ width, height });
  }

  /** Not over BiDi in Firefox 153 (w3c/webdriver-bidi#750): launch({ colorScheme }) instead. */
  async emulateMedia({ colorScheme } = {}) {
    if (colorScheme) throw new Error(`emulateMedia({ colorScheme: '${colorScheme}' }): in Firefox pass colorScheme to launch()`);
  }

  /** Waits until the page's URL satisfies `predicate(url: URL)`. */
  async waitForURL(predicate, { timeout = DEFAULT_TIMEOUT } = {}) {
    await until(() => (predicate(new URL(this.p.url())) ? true : undefined), { timeout, what: 'the page URL' });
  }

  /** 'download': the next file the page downloads ({suggestedFilename(), path(), failure()}). */
  async waitForEvent(event, { timeout = DEFAULT_TIMEOUT } = {}) {
    if (event !== 'download') throw new Error(`FirefoxPage.waitForEvent('${event}') is not supported`);
    return this.#context.nextDownload({ timeout });
  }

  async close() {
    await this.p.close().catch(() => {});
  }
}

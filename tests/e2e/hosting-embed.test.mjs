/**
 * Embed mode and the Share / Embed dialogs, with the build served unchanged from a sub-path of a
 * host that sends no isolation headers and a course page on another port that frames it:
 *
 * - `?embed=1&exp=cpu&n=800&k=2&modes=serial,workers&run=1` shows the CPU experiment alone with
 *   its short note (no contents, no history, no I/O panel), runs from the URL, links to the full
 *   playground with the same settings but without `embed` and `run` — a link that opens the full
 *   page with those settings and nothing running — and tells the course page its height.
 * - `exp=io` likewise, and its simulated downloads complete in that non-isolated frame.
 * - The Share / Embed dialog of each panel gives a link that opens the same settings and an
 *   `<iframe>` snippet with `embed=1` and `allow="cross-origin-isolated"`; pasted into a course
 *   page that is itself isolated, the snippet shows an isolated embed with those settings.
 *
 * @browsers chromium firefox
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { ISOLATION_HEADERS } from '../support/server.mjs';
import { closePages, launch, navigationsOf, settleIsolation } from '../support/browser.mjs';
import * as cpu from '../support/cpu-page.mjs';
import * as io from '../support/io-page.mjs';
import { serveBuild, serveCourse, frameOf, heightMessages } from '../support/hosting.mjs';

// One browser for the file: each test serves the build (and its course page) on ports of its own,
// so each visit is a first visit of its origin.
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const { LOAD_TIMEOUT, assertNoErrors } = cpu;

/** The query of `href` as an object, and its origin + path. */
function parts(href) {
  const u = new URL(href);
  return { base: `${u.origin}${u.pathname}`, params: Object.fromEntries(u.searchParams) };
}

/** Only the embedded experiment `exp` and its short note are there, with the language switch. */
async function assertEmbedChrome(frame, exp) {
  assert.equal(await frame.locator(`.app.embed[data-embed="${exp}"]`).count(), 1, `.app.embed[data-embed=${exp}]`);
  assert.deepEqual(await frame.$$eval('section.topic', (s) => s.map((x) => [x.dataset.topic, x.classList.contains('embedded')])),
    [[`experiment-${exp}`, true]], 'the sections of the embed');
  assert.equal(await frame.locator('section.topic.embedded article.note').count(), 1, 'the embedded note');
  assert.equal(await frame.isVisible(`#${exp}`), true, `#${exp} is not visible`);
  const other = exp === 'cpu' ? '#io' : '#cpu';
  assert.equal(await frame.locator(`#toc, #history, ${other}, section.demo`).count(), 0, 'page chrome or another experiment in the embed');
  assert.equal(await frame.locator('#lang-en').count() + await frame.locator('#lang-zh').count(), 2, 'the language switch');
  assert.equal(await frame.getAttribute('#open-full', 'target'), '_blank', '#open-full does not open a new tab');
}

/** The course page in `page` receives a height message from `frame`'s origin for its current height. */
async function assertHeightReported(page, frame, childUrl) {
  const height = await frame.evaluate(() => document.documentElement.scrollHeight);
  assert.ok(height > 0, `the embed is ${height} px high`);
  await page.waitForFunction((h) => window.__messages.some((m) => m.data && m.data.type === 'playground:height' && m.data.height === h),
    height, { timeout: LOAD_TIMEOUT });
  const messages = await heightMessages(page);
  assert.ok(messages.length > 0 && messages.every((m) => m.origin === new URL(childUrl).origin && Number.isInteger(m.height) && m.height > 0),
    `height messages: ${JSON.stringify(messages)}`);
  return messages;
}

test('the CPU experiment embedded alone runs from the URL, links to the full page and reports its height', async (t) => {
  const child = await serveBuild();
  const course = await serveCourse();
  try {
    const page = await cpu.newPage(browser.context);
    const src = `${child.url}?embed=1&exp=cpu&n=800&k=2&modes=serial,workers&rounds=1&run=1&lang=en`;
    const frame = await frameOf(page, `${course.url}?src=${encodeURIComponent(src)}`);
    await settleIsolation(frame, '#cpu[data-run-state]', { timeout: LOAD_TIMEOUT });
    await cpu.waitForRun(frame);
    await assertEmbedChrome(frame, 'cpu');
    const rows = await cpu.resultRows(frame);
    assert.deepEqual(rows.map((r) => [r.mode, r.status, r.match]), [['serial', 'done', 'true'], ['workers', 'done', 'true']], 'the run from the URL');
    assert.equal(rows[1].checksum, rows[0].checksum, 'workers\' checksum differs from serial\'s');
    assert.deepEqual([await frame.inputValue('#cpu-n'), await frame.inputValue('#cpu-k')], ['800', '2'], 'n and k from the URL');

    const full = await frame.getAttribute('#open-full', 'href');
    t.diagnostic(`#open-full: ${full}`);
    assert.deepEqual(parts(full), { base: child.url, params: { exp: 'cpu', n: '800', k: '2', modes: 'serial,workers', rounds: '1', lang: 'en' } },
      '#open-full keeps the settings and drops embed and run');
    const messages = await assertHeightReported(page, frame, child.url);
    t.diagnostic(`height messages: ${messages.map((m) => m.height).join(' ')}`);
    const shortNote = await frame.$eval('section.topic.embedded article.note', (a) => a.innerText.trim());

    // The full playground from that link: everything, the same settings, nothing running.
    const tab = await cpu.newPage(browser.context);
    await cpu.load(tab, full);
    assert.deepEqual(navigationsOf(tab), [full], 'the full page reloaded (the service worker is installed by now)');
    assert.equal(await tab.locator('.app.embed').count(), 0, 'the full page is in embed mode');
    assert.equal(await tab.locator('#toc').count(), 1, 'the full page has no contents');
    assert.equal(await tab.locator('#history').count(), 1, 'the full page has no run history');
    assert.equal(await tab.locator('#io').count(), 1, 'the full page has no I/O panel');
    assert.deepEqual([await tab.inputValue('#cpu-n'), await tab.inputValue('#cpu-k')], ['800', '2'], 'n and k on the full page');
    assert.deepEqual(await cpu.tickedModes(tab), ['serial', 'workers'], 'modes on the full page');
    const fullNote = await tab.$eval('#topic-experiment-cpu article.note', (a) => a.innerText.trim());
    assert.ok(shortNote.length < fullNote.length, `the embedded note (${shortNote.length} chars) is not shorter than the full one (${fullNote.length})`);
    const firstParagraph = await frame.$eval('section.topic.embedded article.note p', (p) => p.innerText.trim());
    assert.ok(firstParagraph.length > 20 && fullNote.includes(firstParagraph), 'the embedded note does not open like the full note');
    await cpu.settled(tab);
    assert.deepEqual((await cpu.runLog(tab)).map((e) => e.state).filter((s) => s !== null), ['idle'], 'the full page started a run without run=1');
    assertNoErrors(tab);
    assertNoErrors(page);
  } finally {
    await closePages(browser.context);
    await course.close();
    await child.close();
  }
});

test('the I/O experiment embedded alone in a non-isolated frame downloads from the simulated network', async (t) => {
  const child = await serveBuild();
  const course = await serveCourse();
  try {
    const page = await io.newPage(browser.context);
    const src = `${child.url}?embed=1&exp=io&count=6&latency=20&modes=serial,unbounded&rounds=1&run=1&lang=en`;
    const frame = await frameOf(page, `${course.url}?src=${encodeURIComponent(src)}`);
    const coi = await settleIsolation(frame, '#io[data-run-state]', { timeout: LOAD_TIMEOUT });
    await io.waitForRun(frame);
    const navs = navigationsOf(page, frame);
    t.diagnostic(`frame navigations: ${navs.length}; window.__playgroundIsolation: ${JSON.stringify(coi)}`);
    assert.ok(navs.length <= 2, `the frame reloaded more than once: ${JSON.stringify(navs)}`);
    assert.deepEqual([coi.isolated, coi.reason], [false, 'frame'], 'the frame of a non-isolated page');
    await assertEmbedChrome(frame, 'io');

    const rows = await io.resultRows(frame);
    assert.deepEqual(rows.map((r) => [r.mode, r.status, r.ok, r.failed, r.bytes]),
      [['serial', 'done', 6, 0, io.expectedBytes(6)], ['unbounded', 'done', 6, 0, io.expectedBytes(6)]], 'rows in the frame');
    for (const m of ['serial', 'unbounded']) {
      await io.showMode(frame, m);
      const grid = await io.thumbs(frame, m);
      assert.deepEqual(grid.map((g) => g.img && !g.failed), Array(6).fill(true), `${m}: thumbnails in the frame`);
    }
    // The export, downloaded from the frame (the download is the tab's).
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: LOAD_TIMEOUT }), frame.click('#io-json')]);
    const json = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
    assert.equal(json.env.cross_origin_isolated, false, 'env.cross_origin_isolated in the frame\'s export');
    assert.deepEqual(json.runs.map((r) => [r.mode, r.status, r.ok]), [['serial', 'done', 6], ['unbounded', 'done', 6]], 'runs in the export');

    const full = await frame.getAttribute('#open-full', 'href');
    assert.deepEqual(parts(full), {
      base: child.url, params: { exp: 'io', count: '6', latency: '20', modes: 'serial,unbounded', rounds: '1', lang: 'en' },
    }, '#open-full keeps the settings and drops embed and run');
    await assertHeightReported(page, frame, child.url);
    assertNoErrors(page);
  } finally {
    await closePages(browser.context);
    await course.close();
    await child.close();
  }
});

test('Share / Embed: the link reopens the settings, the snippet embeds them (isolated in an isolated course page)', async (t) => {
  const child = await serveBuild();
  const course = await serveCourse({ headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' } });
  try {
    // The full page (its first visit installs the service worker), settings typed in.
    const page = await cpu.newPage(browser.context);
    await cpu.load(page, `${child.url}?lang=en`);
    await cpu.type(page, '#cpu-n', '1234');
    await cpu.type(page, '#cpu-k', '2');
    // Only the boxes that must change are clicked (what is ticked is read in one go: each
    // read is a round trip, slow over WebDriver BiDi).
    const ticked = await cpu.tickedModes(page);
    for (const m of await cpu.panelModes(page, 'cpu')) {
      if (ticked.includes(m) !== ['serial', 'rayon', 'workers'].includes(m)) await cpu.setMode(page, m, !ticked.includes(m));
    }
    await page.fill('#io-count', '9');
    await page.fill('#io-latency', '15');
    const ioTicked = await io.tickedModes(page);
    for (const m of await cpu.panelModes(page, 'io')) {
      if (ioTicked.includes(m) !== ['serial', 'bounded'].includes(m)) await page.click(`#io-mode-${m}`);
    }

    const dialog = async (id) => {
      await page.click(`#${id}-share`);
      await page.waitForSelector(`dialog#${id}-share-dialog[open]`, { timeout: LOAD_TIMEOUT });
      const link = await page.inputValue(`#${id}-share-link`);
      const snippet = await page.inputValue(`#${id}-share-embed`);
      await page.click(`#${id}-share-close`);
      await page.waitForSelector(`dialog#${id}-share-dialog:not([open])`, { state: 'attached', timeout: LOAD_TIMEOUT });
      t.diagnostic(`${id}: ${link}\n${snippet}`);
      assert.match(snippet, /^<iframe [^>]*allow="cross-origin-isolated"[^>]*><\/iframe>$/, `${id}: the snippet`);
      const src = /\bsrc="([^"]+)"/.exec(snippet)[1].replace(/&amp;/g, '&');
      const embed = parts(src);
      assert.equal(embed.params.embed, '1', `${id}: the snippet's src has no embed=1`);
      delete embed.params.embed;
      assert.deepEqual(embed, parts(link), `${id}: the snippet embeds other settings than the link`);
      return { link, snippet, params: parts(link).params };
    };

    const cpuShare = await dialog('cpu');
    assert.deepEqual(parts(cpuShare.link), {
      base: child.url, params: { exp: 'cpu', n: '1234', k: '2', chunk: 'auto', modes: 'serial,rayon,workers', rounds: '3', lang: 'en' },
    }, 'the CPU share link');
    const ioShare = await dialog('io');
    assert.equal(parts(ioShare.link).base, child.url, 'the I/O share link\'s page');
    assert.deepEqual([ioShare.params.exp, ioShare.params.count, ioShare.params.latency, ioShare.params.modes, ioShare.params.lang],
      ['io', '9', '15', 'serial,bounded', 'en'], 'the I/O share link');

    // Each link, opened in a new tab, shows the same settings and runs nothing.
    const tab = await cpu.newPage(browser.context);
    await cpu.load(tab, cpuShare.link);
    assert.deepEqual([await tab.inputValue('#cpu-n'), await tab.inputValue('#cpu-k'), await tab.inputValue('#cpu-chunk')], ['1234', '2', 'auto'],
      'the CPU link\'s n, k, chunk');
    assert.deepEqual(await cpu.tickedModes(tab), ['serial', 'rayon', 'workers'], 'the CPU link\'s modes');
    assert.equal(await tab.locator('#url-problems li').count(), 0, 'the CPU link has URL problems');
    // Settled while in front: a tab behind another gets idle time late (seconds in Firefox).
    await cpu.settled(tab);
    assert.deepEqual((await cpu.runLog(tab)).map((e) => e.state).filter((s) => s !== null), ['idle'], 'the CPU link started a run');
    const ioTab = await io.newPage(browser.context);
    await io.load(ioTab, ioShare.link);
    for (const [field, value] of Object.entries(ioShare.params)) {
      if (['exp', 'lang', 'modes', 'source', 'order'].includes(field)) continue;
      assert.equal(await ioTab.inputValue(`#io-${field}`), value, `the I/O link's ${field}`);
    }
    assert.deepEqual(await io.tickedModes(ioTab), ['serial', 'bounded'], 'the I/O link\'s modes');
    assert.equal(await ioTab.locator('#url-problems li').count(), 0, 'the I/O link has URL problems');
    await cpu.settled(ioTab);
    assert.deepEqual((await io.runLog(ioTab)).map((e) => e.state).filter((s) => s !== null), ['idle'], 'the I/O link started a run');

    // The CPU snippet pasted into an isolated course page: an isolated embed with the settings.
    const coursePage = await cpu.newPage(browser.context);
    await coursePage.goto(`${course.url}?html=${encodeURIComponent(cpuShare.snippet)}`, { timeout: LOAD_TIMEOUT });
    assert.equal(await coursePage.evaluate(() => crossOriginIsolated), true, 'the isolated course page is not isolated');
    const frame = await (await coursePage.waitForSelector('iframe', { state: 'attached', timeout: LOAD_TIMEOUT })).contentFrame();
    const coi = await settleIsolation(frame, '.app.embed[data-embed="cpu"] #cpu[data-run-state]', { timeout: LOAD_TIMEOUT });
    t.diagnostic(`the snippet's frame: ${JSON.stringify(coi)}, #env data-isolation=${(await cpu.isolationShown(frame)).how}`);
    assert.equal(coi.isolated, true, 'the snippet\'s frame in an isolated course page is not isolated');
    assert.deepEqual([await frame.inputValue('#cpu-n'), await frame.inputValue('#cpu-k')], ['1234', '2'], 'the snippet\'s n and k');
    assert.deepEqual(await cpu.tickedModes(frame), ['serial', 'rayon', 'workers'], 'the snippet\'s modes (rayon available)');
    for (const p of [page, tab, ioTab, coursePage]) assertNoErrors(p);
  } finally {
    await closePages(browser.context);
    await course.close();
    await child.close();
  }
});

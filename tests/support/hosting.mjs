// Helpers for the hosting tests (tests/e2e/hosting-*.test.mjs): the build served unchanged under a
// course site's sub-path, a course page on another port that frames it, the offline file list the
// build stamped into dist/sw.js, and a wait for the service worker's cache to hold all of it.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, servePage } from './server.mjs';
import { DIST, LOAD_TIMEOUT } from './cpu-page.mjs';

/** Where the tests host the build: a sub-path, as on a course site or GitHub Pages. */
export const PREFIX = '/course/playground/';

/** Serves dist unchanged under PREFIX on 127.0.0.1, sending `headers` (none by default). */
export function serveBuild({ headers = {} } = {}) {
  return serve({ root: DIST, prefix: PREFIX, headers });
}

const attr = (s) => String(s).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * A course page on its own port, sending `headers` (none by default: not isolated):
 * `/?src=URL` shows an iframe of URL with `allow="cross-origin-isolated"`, and `/?html=SNIPPET`
 * shows the given HTML (e.g. the Share/Embed dialog's iframe snippet). Every message the page
 * receives is kept in `window.__messages` as {origin, data}.
 */
export function serveCourse({ headers = {} } = {}) {
  return servePage((url) => {
    const src = url.searchParams.get('src');
    const body = src !== null
      ? `<iframe id="embed" src="${attr(src)}" title="playground" width="1000" height="900" allow="cross-origin-isolated"></iframe>`
      : url.searchParams.get('html') || '';
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Course</title>
<script>window.__messages = []; addEventListener('message', (e) => window.__messages.push({ origin: e.origin, data: e.data }));</script>
</head><body><h1>A course page</h1>${body}</body></html>`;
  }, { headers });
}

/** Opens `parentUrl` in `page` and returns the Frame of its (only) iframe. */
export async function frameOf(page, parentUrl) {
  await page.goto(parentUrl, { timeout: LOAD_TIMEOUT });
  const handle = await page.waitForSelector('iframe', { state: 'attached', timeout: LOAD_TIMEOUT });
  const frame = await handle.contentFrame();
  assert.ok(frame, 'the iframe has no frame');
  return frame;
}

/** The `playground:height` messages the course page in `page` received: [{origin, height}]. */
export function heightMessages(page) {
  return page.evaluate(() => window.__messages.filter((m) => m.data && m.data.type === 'playground:height')
    .map((m) => ({ origin: m.origin, height: m.data.height })));
}

/** The build id and the files (relative to the page) that dist/sw.js caches at install. */
export function precache() {
  const sw = fs.readFileSync(path.join(DIST, 'sw.js'), 'utf8');
  const build = /^const BUILD = '([^']+)';$/m.exec(sw);
  const files = /^const PRECACHE = (\[.*\]);$/m.exec(sw);
  assert.ok(build && files, 'dist/sw.js has no stamped BUILD / PRECACHE: not a release build?');
  const list = JSON.parse(files[1]);
  assert.ok(list.length > 10 && list.includes('index.html'), `dist/sw.js caches only ${JSON.stringify(list)}`);
  return { build: build[1], files: list };
}

/**
 * Waits until the service worker controls `page` and its cache for this build holds every file of
 * the precache list (resolved against the page's directory); polls inside the page. Returns how
 * many entries that cache holds.
 */
export async function waitForOfflineReady(page, { timeout = 60_000 } = {}) {
  const { build, files } = precache();
  const r = await page.evaluate(async ([build, files, timeout]) => {
    const deadline = Date.now() + timeout;
    const base = new URL('.', location.href);
    const want = files.map((f) => new URL(f, base).href);
    let missing = want;
    for (;;) {
      if (navigator.serviceWorker.controller && await caches.has(`playground-${build}`)) {
        const keys = await (await caches.open(`playground-${build}`)).keys();
        const have = new Set(keys.map((k) => k.url));
        missing = want.filter((u) => !have.has(u));
        if (missing.length === 0) return { ok: true, held: have.size };
      }
      if (Date.now() > deadline) return { ok: false, controlled: !!navigator.serviceWorker.controller, missing };
      await new Promise((res) => setTimeout(res, 100));
    }
  }, [build, files, timeout]);
  assert.ok(r.ok, `the offline cache is not complete after ${timeout} ms: ${JSON.stringify(r)}`);
  return r.held;
}

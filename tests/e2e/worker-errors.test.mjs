/**
 * A worker whose script cannot load is a failed mode with a message, never a page error. The
 * build is served without the Python workers' scripts (`py/cpu.mjs`, `py/runner.mjs`), as a host
 * that lost them would: ticking a Python mode then reports the engine as failed and the mode as
 * failed, and the Rust mode beside it still runs right. The browser fires a plain `Event` — not
 * an `ErrorEvent`, so it has no `message` — at a worker whose script fails to load (Firefox
 * always, Chromium too); the page once read its message through `ErrorEvent::message` and threw
 * "can't access property "length", arg is undefined" inside wasm-bindgen's string glue.
 *
 * No Pyodide starts here: the interpreter's own script is what is missing.
 *
 * @browsers chromium firefox
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, ISOLATION_HEADERS } from '../support/server.mjs';
import { launch, BROWSER } from '../support/browser.mjs';
import { DIST, newPage, load, at, waitForRun, resultRows, assertNoErrors } from '../support/cpu-page.mjs';
import * as io from '../support/io-page.mjs';

const MISSING = ['py/cpu.mjs', 'py/runner.mjs'];

// The build without those two files (Pyodide itself, large, is left out too: nothing reaches it).
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'playground-no-py-'));
fs.cpSync(DIST, root, {
  recursive: true,
  filter: (src) => {
    const rel = path.relative(DIST, src).split(path.sep).join('/');
    return !MISSING.includes(rel) && !rel.startsWith('pyodide/');
  },
});
const server = await serve({ root, headers: ISOLATION_HEADERS });
// No service worker: its offline copy lists the missing files, and this test is about the page.
const browser = await launch({ serviceWorkers: 'block' });
after(async () => {
  await browser.close().catch(() => {});
  await server.close();
  fs.rmSync(root, { recursive: true, force: true });
});

/**
 * Firefox logs its own line for a worker script it would not load (our server answers the
 * missing file with a bare 404), as a page error: that line, for a missing script only, is
 * expected there — and is the browser's, not the page's. Returns how many were removed.
 */
function dropBrowsersOwnLines(page) {
  const own = /^pageerror: Loading Worker from “([^”]+)” was blocked because of a disallowed MIME type/;
  const before = page.errors.length;
  page.errors = page.errors.filter((line) => {
    const m = own.exec(line);
    return !(m && MISSING.some((f) => new URL(m[1]).pathname.endsWith(`/${f}`)));
  });
  return before - page.errors.length;
}

/** Asserts each browser's own way of reporting the missing script, then no other error. */
function assertOnlyTheMissingScript(page) {
  const own = dropBrowsersOwnLines(page);
  if (BROWSER === 'firefox') assert.ok(own > 0, 'Firefox logs the worker script it could not load');
  else assert.equal(own, 0);
  assertNoErrors(page);
}

test('a Python mode whose worker script is missing fails with a message, and the page goes on', async () => {
  const page = await newPage(browser.context);
  try {
    await load(page, at(server.url, 'n=1500&k=2&rounds=1&modes=serial,py-serial&run=1&lang=en'));
    await waitForRun(page);
    const rows = await resultRows(page);
    assert.deepEqual(rows.map((r) => [r.mode, r.status]).sort(), [['py-serial', 'failed'], ['serial', 'done']]);
    assert.equal(rows.find((r) => r.mode === 'serial').match, 'true', 'serial still computes right');
    const why = await page.textContent('#cpu-results tr[data-mode="py-serial"] .error');
    assert.ok(why && why.trim().length > 0, 'the failed Python mode says why');
    assert.equal(await page.getAttribute('#py-engine', 'data-state'), 'failed', 'the engine line says it failed');
    assertOnlyTheMissingScript(page);
  } finally {
    await page.close();
  }
});

test('a Python download mode whose runner script is missing fails with a message, and the page goes on', async () => {
  const page = await io.newPage(browser.context);
  try {
    await io.load(page, at(server.url, 'exp=io&count=8&k=2&rounds=1&source=same-origin&modes=serial,py-serial&run=1&lang=en'));
    await io.waitForRun(page);
    const rows = await io.resultRows(page);
    assert.deepEqual(rows.map((r) => [r.mode, r.status]).sort(), [['py-serial', 'failed'], ['serial', 'done']]);
    assertOnlyTheMissingScript(page);
  } finally {
    await page.close();
  }
});

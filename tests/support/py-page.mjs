// Helpers for the Python cell's page tests (tests/e2e/py-cell.test.mjs): a served build whose
// request log is visible (to prove nothing of Pyodide loads before the cell is used), readers
// for the cell's DOM contract (#py-code, #py-run, #py-cancel, #py-status[data-state],
// #py-engine[data-state], #py-output spans .stdout / .stderr) and the code= link's encoding.
import { launch, openPage, settleIsolation } from './browser.mjs';
import { serve, ISOLATION_HEADERS } from './server.mjs';
import { DIST, LOAD_TIMEOUT } from './cpu-page.mjs';

export { DIST, LOAD_TIMEOUT };
export { at, assertNoErrors } from './cpu-page.mjs';

/** Interpreter start plus a short program: generous, the machine is shared. */
export const PY_TIMEOUT = 120_000;

/** Serves dist (isolated unless told) and launches Chromium; `requests` is the server's log. */
export async function setupServed({ isolated = true } = {}) {
  const server = await serve({ root: DIST, headers: isolated ? ISOLATION_HEADERS : {} });
  const browser = await launch();
  return {
    url: server.url,
    context: browser.context,
    requests: server.requests,
    close: async () => { await browser.close().catch(() => {}); await server.close(); },
  };
}

/** The code= value of a link: base64url of the UTF-8 bytes, no padding. */
export function encodeCode(code) {
  return Buffer.from(code, 'utf8').toString('base64url');
}

/** A tab collecting errors (see browser.mjs). */
export function newPage(context, opts) {
  return openPage(context, opts);
}

/** Opens `url` and waits until the cell is on the page and isolation has settled. */
export async function loadCell(page, url) {
  await page.goto(url, { timeout: LOAD_TIMEOUT });
  await settleIsolation(page, '#py[data-run-state]', { timeout: LOAD_TIMEOUT });
}

/** What the cell shows: {status, engine, stdout, stderr, text, code}. */
export function cellState(page) {
  return page.evaluate(() => {
    const out = document.getElementById('py-output');
    const join = (cls) => [...out.querySelectorAll(`span.${cls}`)].map((s) => s.textContent).join('');
    return {
      status: document.getElementById('py-status').getAttribute('data-state'),
      statusText: document.getElementById('py-status').textContent,
      engine: document.getElementById('py-engine').getAttribute('data-state'),
      engineText: document.getElementById('py-engine').textContent,
      stdout: join('stdout'),
      stderr: join('stderr'),
      code: document.getElementById('py-code').value,
    };
  });
}

/** Waits until the cell is idle with a finished status (not `running`). */
export async function waitIdle(page, { timeout = PY_TIMEOUT } = {}) {
  try {
    await page.waitForFunction(() => {
      const s = document.getElementById('py-status')?.getAttribute('data-state');
      return document.getElementById('py')?.getAttribute('data-run-state') === 'idle' && s && s !== 'running' && s !== 'idle';
    }, null, { timeout, polling: 50 });
  } catch (e) {
    throw new Error(`the cell did not finish within ${timeout} ms: ${JSON.stringify(await cellState(page).catch(() => null))}`, { cause: e });
  }
  return cellState(page);
}

/** Puts `code` in the editor (one input event), presses Run and waits for the end. */
export async function runCode(page, code, opts) {
  await page.fill('#py-code', code);
  await page.click('#py-run');
  return waitIdle(page, opts);
}

/**
 * The CPU experiment's Python modes, as a learner runs them: ticked beside the Rust modes, each
 * py-* mode computes every S(i) bit for bit like Rust's `serial` (the results table compares
 * them), py-threads really calls ThreadPoolExecutor and ends `failed` with Python's own error and
 * the reason on the page; the table groups each tutorial variant's figures, speedups are over each
 * engine's serial, a line says how much slower Python is; the export names each run's engine.
 * The Python modes borrow one warm pool of interpreters: two rounds of every mode start no more
 * than k of them (and the one that makes the engine's snapshot), a smaller k shrinks the pool.
 * Nothing of Python loads until a Python mode is ticked; Cancel stops a Python run at once and
 * the pool works after it.
 * (After one use py-serial runs offline: hosting-offline.test.mjs, with the rest of the app.)
 *
 * One browser for the file; each test serves the build on its own port, so each is a first visit
 * of its own origin (nothing of Python in its caches).
 *
 * @browsers chromium firefox
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as cpu from '../support/cpu-page.mjs';
import { launch } from '../support/browser.mjs';
import { PY_MODES, engineLine, countWorkers, workerCount } from '../support/py-engine.mjs';

const { setup, newPage, load, at, waitForRun, mark, resultRows, download, settled, setMode, assertNoErrors, LOAD_TIMEOUT } = cpu;
const N = 1500;

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('every py-* mode agrees with Rust serial bit for bit on one warm pool; py-threads fails with the reason', async (t) => {
  const env = await setup({ isolated: true, browser });
  try {
    const page = await newPage(env.context);
    await page.addInitScript(countWorkers);
    const modes = ['serial', 'workers', ...PY_MODES];
    await load(page, at(env.url, `n=${N}&k=2&chunk=auto&rounds=2&modes=${modes.join(',')}&run=1&lang=en`));
    const t0 = Date.now();
    await waitForRun(page, { timeout: 240_000 });
    t.diagnostic(`run took ${Date.now() - t0} ms`);
    const rows = await resultRows(page);
    // Grouped by variant (base, coroutines, threads, processes, processes + queue), Python before Rust.
    assert.deepEqual(rows.map((r) => r.mode),
      ['py-serial', 'serial', 'py-asyncio', 'py-threads', 'py-processes', 'workers', 'py-processes-queue'], 'rows by variant');
    const serial = rows.find((r) => r.mode === 'serial');
    const approx = cpu.approxChecksum(N);
    assert.ok(Math.abs(Number(serial.checksum) - approx) <= 1e-12 * approx, `serial's checksum ${serial.checksum}`);
    for (const r of rows.filter((r) => r.mode !== 'py-threads')) {
      assert.deepEqual([r.mode, r.status, r.match, r.checksum], [r.mode, 'done', 'true', serial.checksum], `${r.mode} against serial`);
    }
    const threads = rows.find((r) => r.mode === 'py-threads');
    assert.equal(threads.status, 'failed');
    const error = await page.$eval('#cpu-results tr[data-mode="py-threads"] .error', (e) => e.textContent);
    assert.match(error, /RuntimeError: can't start new thread/, 'Python\'s own words');
    const reason = await page.$eval('#reason-py-threads', (e) => e.textContent);
    assert.match(reason, /without threads/);
    t.diagnostic(`py-threads: ${error} — ${reason}`);

    const line = await engineLine(page, 'ready');
    t.diagnostic(`loading line: ${line}`);
    assert.match(line, /Python 3\.\d+\.\d+ \(Pyodide \d+\.\d+\.\d+\) ready: \d+\.\d MB read/);
    const ratio = Number(await page.$eval('#cpu-python-rust', (e) => e.getAttribute('data-ratio')));
    t.diagnostic(`Python / Rust here: ${ratio.toFixed(1)}×`);
    assert.ok(ratio > 2, `Python should be slower than Rust, ratio ${ratio}`);

    const json = JSON.parse((await download(page, '#cpu-json')).text);
    const engines = Object.fromEntries(json.runs.map((r) => [r.mode, r.engine]));
    assert.deepEqual(engines, Object.fromEntries(modes.map((m) => [m, m.startsWith('py-') ? 'python' : 'rust'])), 'engine per run');
    const speedups = Object.fromEntries(json.runs.map((r) => [r.mode, r.speedup]));
    assert.equal(speedups['py-serial'], 1, 'py-serial is Python\'s own baseline');
    assert.equal(speedups.serial, 1, 'serial is Rust\'s');
    const py = json.runs.find((r) => r.mode === 'py-processes');
    const pyBase = json.runs.find((r) => r.mode === 'py-serial');
    assert.ok(Math.abs(py.speedup - pyBase.wall_ms / py.wall_ms) < 1e-9, 'py-processes over py-serial');
    const csv = (await download(page, '#cpu-csv')).text.split('\n');
    assert.match(csv[0], /^experiment,mode,engine,/);
    assert.ok(csv.some((l) => l.startsWith('cpu,py-serial,python,')), 'CSV engine column');

    // Five Python modes × 2 rounds on one pool of k = 2: the snapshot maker and two interpreters.
    const pool = await workerCount(page, 'cpu.mjs');
    t.diagnostic(`py/cpu.mjs workers: ${JSON.stringify(pool)}; pool start ${JSON.stringify(json.env.python_pool)}`);
    assert.deepEqual(pool, { made: 3, ended: 1 }, 'interpreters started and terminated');
    assert.deepEqual([json.env.python_pool.started, json.env.python_pool.size], [2, 2], 'the pool\'s start, exported apart');
    for (const r of json.runs.filter((r) => r.engine === 'python' && r.mode !== 'py-threads')) {
      assert.ok(r.startup_ms < 100, `${r.mode} borrowed warm interpreters, start-up ${r.startup_ms} ms`);
    }
    // k = 1 shrinks the pool to one interpreter, starting none.
    const since = await mark(page);
    await page.fill('#cpu-k', '1');
    for (const m of modes) await setMode(page, m, m === 'py-serial');
    await page.click('#cpu-run');
    await waitForRun(page, { since, timeout: 120_000 });
    const [row] = await resultRows(page);
    assert.deepEqual([row.mode, row.status, row.checksum], ['py-serial', 'done', serial.checksum]);
    assert.deepEqual(await workerCount(page, 'cpu.mjs'), { made: 3, ended: 2 }, 'k = 1: one interpreter left');
    assertNoErrors(page);
  } finally {
    await env.close();
  }
});

test('Python loads only once a Python mode is ticked, and Cancel stops a Python run', async (t) => {
  const env = await setup({ isolated: true, browser });
  try {
    const page = await newPage(env.context);
    const requests = [];
    env.context.on('request', (r) => requests.push(r.url()));
    await load(page, at(env.url, 'n=20000&k=2&rounds=1&modes=serial&lang=en'));
    await settled(page);
    assert.equal(await page.$eval('#py-engine', (e) => e.getAttribute('data-state')), 'not-loaded');
    assert.deepEqual(requests.filter((u) => u.includes('/pyodide/')), [], 'Pyodide fetched before a Python mode was ticked');
    for (const m of PY_MODES) assert.equal(await page.isChecked(`#cpu-mode-${m}`), false, `${m} ticked by default`);

    await setMode(page, 'serial', false);
    await setMode(page, 'py-serial', true);
    await page.waitForSelector('#py-engine[data-state="loading"], #py-engine[data-state="ready"]', { timeout: LOAD_TIMEOUT });
    t.diagnostic(await engineLine(page, 'ready'));
    assert.ok(requests.some((u) => u.endsWith('/pyodide.asm.wasm')), 'the interpreter was fetched after the tick');

    const since = await mark(page);
    await page.click('#cpu-run');
    await page.waitForSelector('#progress-py-serial[data-state="running"]', { timeout: 60_000 });
    const clicked = Date.now();
    await page.click('#cpu-cancel');
    await waitForRun(page, { since, timeout: 30_000 });
    t.diagnostic(`cancelled within ${Date.now() - clicked} ms`);
    const [row] = await resultRows(page);
    assert.deepEqual([row.mode, row.status], ['py-serial', 'cancelled']);
    assert.ok(Date.now() - clicked < 5000, 'Cancel took more than 5 s');

    // The busy interpreter was terminated; the next run gets a working one in its place.
    const again = await mark(page);
    await page.fill('#cpu-n', String(N));
    await page.click('#cpu-run');
    await waitForRun(page, { since: again, timeout: 120_000 });
    const [done] = await resultRows(page);
    const approx = cpu.approxChecksum(N);
    assert.equal(done.status, 'done');
    assert.ok(Math.abs(Number(done.checksum) - approx) <= 1e-12 * approx, `py-serial's checksum ${done.checksum}`);
    assertNoErrors(page);
  } finally {
    await env.close();
  }
});

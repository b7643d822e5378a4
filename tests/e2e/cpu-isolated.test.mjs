/**
 * On a cross-origin isolated page (COOP/COEP headers) every Rust CPU mode the panel offers (its
 * Rust group) runs from a URL preset
 * (`run=1`) and compute bit-identical results: every S(i) matches serial's, and the checksum for
 * n = 3000 is exactly 131367257.10668072. The environment line reports isolation and the 2-thread
 * pool, and the JSON and CSV exports carry the same run with the documented shape. The worker
 * modes still match at the extreme chunk sizes (1 task per message, and one message for all).
 *
 * @browsers chromium firefox
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  setup, newPage, load, at, waitForRun, resultRows, progress, env as readEnv, download, assertNoErrors,
  offeredModes, CHECKSUM_3000,
} from '../support/cpu-page.mjs';

const CSV_HEADER = 'experiment,mode,engine,n,k,chunk,switch_ms,wall_ms,startup_ms,tasks,checksum,checksum_match,speedup,efficiency,status,error';
const MULTI_THREADED = new Set(['rayon', 'global-lock', 'workers', 'workers-queue']);
const CHUNKED = new Set(['workers', 'workers-queue']);

let env;
before(async () => { env = await setup({ isolated: true }); });
after(async () => { await env?.close(); });

/** Every row done, every checksum the known one, every mode matching serial. */
function assertAllMatch(rows, modes, what) {
  assert.deepEqual(rows.map((r) => r.mode), modes, `${what}: results table rows`);
  const serial = rows.find((r) => r.mode === 'serial');
  assert.equal(serial.checksum, CHECKSUM_3000, `${what}: serial's checksum for n=3000`);
  for (const r of rows) {
    assert.equal(r.status, 'done', `${what}: ${r.mode} did not finish: ${JSON.stringify(r)}`);
    assert.equal(r.checksum, serial.checksum, `${what}: ${r.mode}'s checksum ${r.checksum} differs from serial's ${serial.checksum}`);
    assert.equal(r.match, 'true', `${what}: ${r.mode} is not reported as matching serial bit for bit: ${JSON.stringify(r)}`);
  }
}

test('every mode agrees bit for bit on an isolated page, and the exports say so', async () => {
  const ALL_MODES = await offeredModes(env, 'cpu', { engine: 'rust' }); // the Python modes: py-cpu.test.mjs
  const page = await newPage(env.context);
  try {
    await load(page, at(env.url, `n=3000&k=2&chunk=16&modes=${ALL_MODES.join(',')}&run=1&lang=en`));
    await waitForRun(page);
    assert.equal(await page.$$eval('#url-problems li', (l) => l.length), 0, 'a valid preset reported URL problems');

    assertAllMatch(await resultRows(page), ALL_MODES, 'n=3000 chunk=16');
    assert.deepEqual((await progress(page)).map((p) => [p.mode, p.state, p.value, p.max]),
      ALL_MODES.map((m) => [m, 'done', 2999, 2999]), 'every progress bar full and done');

    const hc = await page.evaluate(() => navigator.hardwareConcurrency);
    assert.deepEqual(await readEnv(page), { hc: String(hc), isolated: 'true', pool: '2' }, '#env data attributes');

    // JSON export.
    const { name: jsonName, text: jsonText } = await download(page, '#cpu-json');
    assert.match(jsonName, /\.json$/, `JSON download named ${jsonName}`);
    const json = JSON.parse(jsonText);
    assert.deepEqual(Object.keys(json).sort(), ['env', 'experiment', 'params', 'predictions', 'reference', 'runs', 'started_at'], 'JSON top-level keys');
    assert.equal(json.experiment, 'cpu');
    assert.deepEqual(json.params, { n: 3000, k: 2, chunk: 16, chunk_auto: false, warmup_tasks: 1199, rounds: 3, switch_ms: 5 },
      'JSON params (rounds: the default 3; global-lock\'s switch interval: CPython\'s 5 ms)');
    assert.equal(json.env.hardware_concurrency, hc, 'env.hardware_concurrency');
    assert.equal(json.env.cross_origin_isolated, true, 'env.cross_origin_isolated');
    assert.equal(json.env.pool_threads, 2, 'env.pool_threads');
    assert.equal(json.env.user_agent, await page.evaluate(() => navigator.userAgent), 'env.user_agent');
    assert.equal(json.reference, 'serial', 'reference');
    assert.equal(typeof json.started_at, 'number');
    assert.ok(Math.abs(json.started_at - Date.now()) < 10 * 60_000, `started_at ${json.started_at} is not about now`);
    assert.equal(json.runs.length, ALL_MODES.length, 'one run per mode in the JSON');
    assert.deepEqual(json.runs.map((r) => r.mode), ALL_MODES, 'JSON runs in panel order');
    for (const r of json.runs) {
      const want = ['mode', 'engine', 'k', 'wall_ms', 'samples_ms', 'min_ms', 'max_ms', 'startup_ms', 'tasks', 'checksum',
        'checksum_match', 'speedup', ...('speedup_range' in r ? ['speedup_range'] : []), 'efficiency', 'status'];
      if (CHUNKED.has(r.mode)) want.splice(3, 0, 'chunk');
      assert.equal(r.engine, 'rust', `${r.mode} engine in JSON`);
      assert.deepEqual(Object.keys(r), want, `JSON keys of ${r.mode} (no "error" unless it failed, "chunk" only for worker modes)`);
      assert.equal(r.status, 'done', `${r.mode} status in JSON`);
      assert.equal(r.k, MULTI_THREADED.has(r.mode) ? 2 : 1, `${r.mode} k in JSON`);
      if (CHUNKED.has(r.mode)) assert.equal(r.chunk, 16, `${r.mode} chunk in JSON`);
      assert.equal(r.tasks, 2999, `${r.mode} tasks in JSON`);
      assert.equal(String(r.checksum), CHECKSUM_3000, `${r.mode} checksum in JSON`);
      assert.equal(r.checksum_match, true, `${r.mode} checksum_match in JSON`);
      assert.ok(r.wall_ms > 0 && r.startup_ms >= 0, `${r.mode} times: wall ${r.wall_ms}, start-up ${r.startup_ms}`);
      assert.ok(r.speedup > 0, `${r.mode} speedup ${r.speedup}`);
      assert.ok(Math.abs(r.efficiency - r.speedup / r.k) < 1e-9, `${r.mode} efficiency ${r.efficiency} is not speedup/k`);
    }
    const serial = json.runs[0];
    assert.equal(serial.speedup, 1, 'serial speedup');
    assert.equal(serial.efficiency, 1, 'serial efficiency');
    assert.equal(json.runs.find((r) => r.mode === 'rayon').k, 2, 'rayon k');

    // CSV export: the same run.
    const { name: csvName, text: csv } = await download(page, '#cpu-csv');
    assert.match(csvName, /\.csv$/, `CSV download named ${csvName}`);
    assert.ok(csv.endsWith('\n'), 'CSV ends with a newline');
    const lines = csv.trimEnd().split('\n');
    assert.equal(lines.length, ALL_MODES.length + 1, `CSV has ${lines.length} lines, want a header and ${ALL_MODES.length} rows:\n${csv}`);
    assert.equal(lines[0], CSV_HEADER, 'CSV header');
    const header = lines[0].split(',');
    const col = (cells, name) => cells[header.indexOf(name)];
    lines.slice(1).forEach((line, i) => {
      const cells = line.split(',');
      const r = json.runs[i];
      assert.equal(cells.length, header.length, `CSV row ${i + 1} has ${cells.length} cells: ${line}`);
      assert.equal(col(cells, 'experiment'), 'cpu');
      assert.equal(col(cells, 'mode'), r.mode, `CSV row ${i + 1} mode`);
      assert.equal(col(cells, 'engine'), 'rust', `CSV row ${i + 1} engine`);
      assert.equal(col(cells, 'n'), '3000');
      assert.equal(col(cells, 'k'), String(r.k), `${r.mode} k in CSV`);
      assert.equal(col(cells, 'chunk'), CHUNKED.has(r.mode) ? '16' : '', `${r.mode} chunk in CSV`);
      assert.equal(Number(col(cells, 'wall_ms')), r.wall_ms, `${r.mode} wall_ms in CSV vs JSON`);
      assert.equal(col(cells, 'tasks'), '2999');
      assert.equal(col(cells, 'checksum'), CHECKSUM_3000, `${r.mode} checksum in CSV`);
      assert.equal(col(cells, 'checksum_match'), 'true', `${r.mode} checksum_match in CSV`);
      assert.equal(Number(col(cells, 'speedup')), r.speedup, `${r.mode} speedup in CSV vs JSON`);
      assert.equal(col(cells, 'status'), 'done');
      assert.equal(col(cells, 'error'), '');
    });
    assert.equal(col(lines[1].split(','), 'speedup'), '1', 'serial speedup in CSV');
    assertNoErrors(page);
  } finally {
    await page.close();
  }
});

for (const chunk of [1, 50000]) {
  test(`the worker modes still match serial with chunk=${chunk}`, async () => {
    const page = await newPage(env.context);
    try {
      await load(page, at(env.url, `n=3000&k=2&chunk=${chunk}&rounds=1&modes=serial,workers,workers-queue&run=1&lang=en`));
      await waitForRun(page);
      assert.equal(await page.inputValue('#cpu-chunk'), String(chunk), '#cpu-chunk shows the preset');
      assertAllMatch(await resultRows(page), ['serial', 'workers', 'workers-queue'], `chunk=${chunk}`);
      const json = JSON.parse((await download(page, '#cpu-json')).text);
      assert.equal(json.params.chunk, chunk, 'params.chunk in JSON');
      assert.deepEqual(json.runs.filter((r) => CHUNKED.has(r.mode)).map((r) => r.chunk), [chunk, chunk], 'runs[].chunk in JSON');
      assertNoErrors(page);
    } finally {
      await page.close();
    }
  });
}

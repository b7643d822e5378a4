/**
 * Run it on your machine, as a learner does it (the CPU experiment in full, the I/O one's own parts):
 * - the page's script downloads with the panel's settings as its defaults;
 * - this machine's CPython runs it (every mode, a small n) and writes its JSON;
 * - that file, dropped on the panel, becomes a table of its own with the Python's name, its modes
 *   and their speedups, and stays after a reload;
 * - bad files — not JSON, another experiment, absurd figures, sums that are not the page's, 50 MB —
 *   are refused, each with what is wrong, and the table already there stays;
 * - the notebook downloads with the same settings and runs top to bottom in CPython;
 * - the I/O script, downloaded from the I/O panel, runs against its own local server with the
 *   panel's network (failures included) and its file shows there with each mode's distance from
 *   the model's ideal; a CPU file dropped there is refused;
 * - no console or page error.
 *
 * @browsers chromium firefox
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setup, newPage, load, at, waitForRun, download, assertNoErrors } from '../support/cpu-page.mjs';

let env;
let page;
let dir;
before(async () => {
  env = await setup();
  page = await newPage(env.context);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'take-home-'));
});
after(async () => {
  await env?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const N = 300;

/** Drops files ({name, text} or {name, bytes}: a file of that many bytes) on experiment `exp`'s take-home part. */
function drop(files, exp = 'cpu') {
  return page.evaluate(({ files, exp }) => {
    const dt = new DataTransfer();
    for (const f of files) dt.items.add(new File([f.text ?? 'x'.repeat(f.bytes)], f.name, { type: 'application/json' }));
    document.getElementById(`${exp}-take-home`).dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, { files, exp });
}

/** The imported tables: [{title, modes: {mode: [status, cells…]}}] and the refusals [{file, text}]. */
function imported(exp = 'cpu') {
  return page.evaluate((exp) => ({
    tables: [...document.querySelectorAll(`#${exp}-home table.home`)].map((t) => ({
      title: t.dataset.title,
      modes: Object.fromEntries([...t.querySelectorAll('tr[data-mode]')].map((r) => [r.dataset.mode,
        [r.dataset.status, ...[...r.cells].slice(1).map((c) => c.textContent)]])),
    })),
    refused: [...document.querySelectorAll(`#${exp}-import-refused li`)].map((li) => ({ file: li.dataset.file, text: li.textContent })),
  }), exp);
}

/** The script a panel hands out (clicking `button`), saved in `dir`, and its defaults. */
async function script(button, expected) {
  const { name, text } = await download(page, button);
  assert.equal(name, expected);
  const line = text.split('\n').find((l) => l.startsWith('DEFAULTS = '));
  const defaults = JSON.parse(line.slice('DEFAULTS = '.length, line.indexOf('  # playground: settings')));
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return { file, defaults, line };
}

/** Runs a script with this machine's CPython; its JSON as text. */
function runScript(file, out) {
  execFileSync('python3', [file, '--out', out], { cwd: dir, timeout: 120_000, stdio: ['ignore', 'ignore', 'pipe'] });
  return fs.readFileSync(out, 'utf8');
}

let result; // the script's JSON, as written

test('the script downloads with the panel\'s settings, runs in this CPython, and its file shows on the page', async () => {
  await load(page, at(env.url, `exp=cpu&n=${N}&k=2&modes=serial&rounds=1&run=1&lang=en`));
  await waitForRun(page);
  const { file, defaults, line } = await script('#cpu-script', 'cpu_experiment.py');
  assert.deepEqual([defaults.n, defaults.k, defaults.rounds], [N, 2, 1], line);
  assert.equal(typeof defaults.checksum, 'number', 'the page hands its own sum for this n to the script');
  const json = runScript(file, path.join(dir, 'cpu-result.json'));
  result = JSON.parse(json);
  assert.equal(result.settings.n, N, 'the defaults were the page\'s');
  await drop([{ name: 'cpu-result.json', text: json }]);
  await page.waitForFunction(() => document.getElementById('cpu-home')?.dataset.files === '1', null, { timeout: 10_000 });
  const { tables, refused } = await imported();
  assert.deepEqual(refused, []);
  assert.match(tables[0].title, /^CPython 3\.\d+\.\d+ \((GIL|free-threaded)\)$/);
  assert.ok(Object.values(tables[0].modes).filter(([s]) => s === 'done').length >= 5, JSON.stringify(tables[0].modes));
  // Its modes also join the page's results, each in its tutorial variant, and the speedup chart.
  const merged = await page.evaluate(() => ({
    rows: [...document.querySelectorAll('#cpu-results tr[data-engine="home"]')].map((r) => [r.closest('tbody').dataset.variant, r.dataset.mode]),
    bars: document.querySelectorAll('#cpu-speedup g.mode[data-engine="home"]').length,
  }));
  assert.deepEqual(merged.rows.find(([, m]) => m === 'py-threads'), ['thread ×4', 'py-threads'], JSON.stringify(merged.rows));
  assert.deepEqual(merged.rows.find(([, m]) => m === 'py-serial'), ['base', 'py-serial']);
  assert.equal(merged.bars, merged.rows.length, 'a bar for each of its rows');
  // And the history lists it beside the page's runs.
  const kept = await page.evaluate(() => [...document.querySelectorAll('#history-list tr[data-experiment="cpu"] code')].map((c) => c.textContent));
  assert.ok(kept.some((s) => /^n=300 k=2 chunk=\d+ · CPython 3\.\d+t?$/.test(s)), JSON.stringify(kept));
  // Reload: the imported table is still there.
  await load(page, page.url().replace('&run=1', ''));
  assert.equal((await imported()).tables.length, 1, 'an imported file survives a reload');
  assertNoErrors(page);
});

test('the notebook downloads in the page\'s language with its settings, and runs top to bottom in this CPython', async () => {
  const { name, text } = await download(page, '#cpu-notebook');
  assert.equal(name, 'cpu_experiment.ipynb');
  const nb = JSON.parse(text);
  assert.equal(nb.nbformat, 4);
  assert.match(nb.cells[0].source.join(''), /^# The tutorial's CPU experiment/);
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  // tests/py/run_notebook.py: the code cells in one namespace, as a kernel runs them.
  const out = execFileSync('python3', [path.resolve('tests/py/run_notebook.py'), file],
    { timeout: 120_000, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  for (const variant of ['serial', 'threads', 'processes', 'processes + queue', 'coroutines']) {
    assert.match(out, new RegExp(`\\n${variant.replace('+', '\\+')}: [\\d.]+ ms \\(median of 1\\); sum [\\d.]+ — the page's sum`), out);
  }
  assert.match(out, /every mode's sum is the same; bit-identical to the page's/, 'the script saved by the first cell has the page\'s sum');
  assertNoErrors(page);
});

test('bad files are refused, each saying what is wrong, and nothing on the page is lost', async () => {
  assert.ok(result, 'the first test made a file');
  const other = { ...result, experiment: 'io' };
  const absurd = structuredClone(result);
  absurd.modes[0].samples_ms = [-5];
  const wrongSum = structuredClone(result);
  for (const m of wrongSum.modes) if (m.checksum != null) m.checksum = 12345.678;
  await drop([
    { name: 'notes.txt', text: 'these are not numbers' },
    { name: 'io.json', text: JSON.stringify(other) },
    { name: 'absurd.json', text: JSON.stringify(absurd) },
    { name: 'sum.json', text: JSON.stringify(wrongSum) },
    { name: 'huge.json', bytes: 50 * 1024 * 1024 },
  ]);
  await page.waitForFunction(() => document.querySelectorAll('#cpu-import-refused li').length === 5, null, { timeout: 20_000 });
  const { tables, refused } = await imported();
  const why = Object.fromEntries(refused.map((r) => [r.file, r.text]));
  assert.match(why['notes.txt'], /not JSON/);
  assert.match(why['io.json'], /"io" experiment/);
  assert.match(why['absurd.json'], /-5 ms/);
  assert.match(why['sum.json'], /not the page's/);
  assert.match(why['huge.json'], /52\.4 MB/);
  assert.equal(tables.length, 1, 'the table imported before is still there');
  assertNoErrors(page);
});

test('a file of other settings is shown with them named, in its table, the results and the chart', async () => {
  const other = structuredClone(result);
  other.settings.n = 400;
  other.started = '2026-01-02T03:04:05+00:00';
  for (const m of other.modes) m.checksum = null; // its sums are for n = 400, which the page has not run
  await drop([{ name: 'n400.json', text: JSON.stringify(other) }]);
  await page.waitForFunction(() => document.getElementById('cpu-home')?.dataset.files === '2', null, { timeout: 10_000 });
  const named = await page.evaluate(() => ({
    caption: document.querySelectorAll('#cpu-home table.home')[1].querySelector('.differs')?.textContent ?? '',
    rows: [...document.querySelectorAll('#cpu-results tr[data-engine="home"]')].map((r) => r.querySelector('.differs')?.textContent ?? ''),
    bars: [...document.querySelectorAll('#cpu-speedup g.mode[data-engine="home"] text.label')].map((t) => t.textContent),
  }));
  assert.match(named.caption, /n = 400 \(the page has 300\)/);
  const marked = named.rows.filter((d) => /n=400/.test(d));
  assert.ok(marked.length >= 5 && marked.length === named.rows.length / 2, JSON.stringify(named.rows));
  assert.equal(named.bars.filter((b) => / · n=400$/.test(b)).length, marked.length, JSON.stringify(named.bars));
  assertNoErrors(page);
});

test('the I/O script runs the panel\'s network on its own server, and its file shows in the I/O panel', async () => {
  assert.ok(result, 'the first test made a CPU file');
  await load(page, at(env.url, 'exp=io&count=6&latency=30&jitter=10&fail=0.3&seed=3&k=3&rounds=1&lang=en'));
  const { file, defaults, line } = await script('#io-script', 'io_experiment.py');
  assert.deepEqual(defaults, { count: 6, latency: 30, jitter: 10, bandwidth: 2000, conn: 6, fail: 0.3, seed: 3, k: 3, rounds: 1 }, line);
  const json = runScript(file, path.join(dir, 'io-result.json'));
  const io = JSON.parse(json);
  await drop([{ name: 'io-result.json', text: json }, { name: 'cpu-result.json', text: JSON.stringify(result) }], 'io');
  await page.waitForFunction(() => document.getElementById('io-home')?.dataset.files === '1'
    && document.querySelectorAll('#io-import-refused li').length === 1, null, { timeout: 10_000 });
  const { tables, refused } = await imported('io');
  assert.match(refused[0].text, /"cpu" experiment/);
  // Every mode ran, lost the requests the page's model fails for seed 3, and sits near its ideal.
  const failed = io.modes[0].failed;
  assert.ok(failed.length > 0 && failed.length < 6, `fail 0.3 over 6 requests: ${failed}`);
  for (const m of io.modes) {
    assert.equal(m.status, 'done', JSON.stringify(m));
    assert.deepEqual(m.failed, failed, m.mode);
    const [status, , , speedup, overIdeal, lost] = tables[0].modes[m.mode];
    assert.equal(status, 'done');
    assert.match(speedup, /^\d+\.\d\d×$/);
    assert.match(overIdeal, /^\d+\.\d\d×$/);
    assert.equal(Number(lost), failed.length);
  }
  assert.ok(tables[0].modes['py-threads'], 'threads are a mode at home, though not in the browser');
  // The I/O notebook: the same settings, and it runs to its end against its own server.
  const nb = await download(page, '#io-notebook');
  assert.equal(nb.name, 'io_experiment.ipynb');
  const nbFile = path.join(dir, nb.name);
  fs.writeFileSync(nbFile, nb.text);
  const out = execFileSync('python3', [path.resolve('tests/py/run_notebook.py'), nbFile],
    { timeout: 120_000, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  assert.match(out, new RegExp(`\\nthreads: \\d+ ms, ideal \\d+ ms \\([\\d.]+×\\); ${6 - failed.length} images, failed \\[${failed.join(', ')}\\]`), out);
  const merged = await page.evaluate(() => [...document.querySelectorAll('#io-results tr[data-engine="home"]')].map((r) => r.dataset.mode));
  assert.deepEqual(merged, io.modes.map((m) => m.mode), 'every mode of the file joins the results table');
  assertNoErrors(page);
});

/**
 * Run it on your machine (CPU experiment), as a learner does it:
 * - the page's script downloads with the panel's settings as its defaults;
 * - this machine's CPython runs it (every mode, a small n) and writes its JSON;
 * - that file, dropped on the panel, becomes a table of its own with the Python's name, its modes
 *   and their speedups, and stays after a reload;
 * - bad files — not JSON, another experiment, absurd figures, sums that are not the page's, 50 MB —
 *   are refused, each with what is wrong, and the table already there stays;
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

/** Drops files ({name, text} or {name, bytes}: a file of that many bytes) on the panel's take-home part. */
function drop(files) {
  return page.evaluate((files) => {
    const dt = new DataTransfer();
    for (const f of files) dt.items.add(new File([f.text ?? 'x'.repeat(f.bytes)], f.name, { type: 'application/json' }));
    document.getElementById('cpu-take-home').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, files);
}

/** The imported tables: [{title, modes: {mode: status}}] and the refusals [{file, text}]. */
function imported() {
  return page.evaluate(() => ({
    tables: [...document.querySelectorAll('#cpu-home table.home')].map((t) => ({
      title: t.dataset.title,
      modes: Object.fromEntries([...t.querySelectorAll('tr[data-mode]')].map((r) => [r.dataset.mode, r.dataset.status])),
    })),
    refused: [...document.querySelectorAll('#cpu-import-refused li')].map((li) => ({ file: li.dataset.file, text: li.textContent })),
  }));
}

let result; // the script's JSON, as written

test('the script downloads with the panel\'s settings, runs in this CPython, and its file shows on the page', async () => {
  await load(page, at(env.url, `exp=cpu&n=${N}&k=2&modes=serial&rounds=1&run=1&lang=en`));
  await waitForRun(page);
  const { name, text } = await download(page, '#cpu-script');
  assert.equal(name, 'cpu_experiment.py');
  const line = text.split('\n').find((l) => l.startsWith('DEFAULTS = '));
  const defaults = JSON.parse(line.slice('DEFAULTS = '.length, line.indexOf('  # playground: settings')));
  assert.deepEqual([defaults.n, defaults.k, defaults.rounds], [N, 2, 1], line);
  assert.equal(typeof defaults.checksum, 'number', 'the page hands its own sum for this n to the script');
  const script = path.join(dir, name);
  fs.writeFileSync(script, text);
  const out = path.join(dir, 'cpu-result.json');
  execFileSync('python3', [script, '--out', out], { cwd: dir, timeout: 120_000, stdio: ['ignore', 'ignore', 'pipe'] });
  const json = fs.readFileSync(out, 'utf8');
  result = JSON.parse(json);
  assert.equal(result.settings.n, N, 'the defaults were the page\'s');
  await drop([{ name: 'cpu-result.json', text: json }]);
  await page.waitForFunction(() => document.getElementById('cpu-home')?.dataset.files === '1', null, { timeout: 10_000 });
  const { tables, refused } = await imported();
  assert.deepEqual(refused, []);
  assert.match(tables[0].title, /^CPython 3\.\d+\.\d+ \((GIL|free-threaded)\)$/);
  assert.ok(Object.values(tables[0].modes).filter((s) => s === 'done').length >= 5, JSON.stringify(tables[0].modes));
  // Reload: the imported table is still there.
  await load(page, page.url().replace('&run=1', ''));
  assert.equal((await imported()).tables.length, 1, 'an imported file survives a reload');
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

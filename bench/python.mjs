// The Python part of `make bench` (issue 9 item 8), called by bench.mjs with its server: Python
// serial over Rust serial in the same page run; py-processes' efficiency at k = 1 … cores (start-up
// excluded); interpreter start-up cold (nothing cached), warm with the files cached, and warm from
// the memory snapshot; the engine's bytes (raw, gzip); and the Rust page's first load with no
// Python mode chosen (which must not read any of the engine).
//
// Every page run times each mode `rounds` times, interleaved (the page's rounds=); figures are the
// page's medians, and every ratio compares two modes of the same page run.
// Environment: BENCH_PY_N (default 3000), BENCH_PY_STARTS (fresh starts timed, default 3).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { launch, openPage } from '../tests/support/browser.mjs';

const median = (xs) => { const v = [...xs].sort((a, b) => a - b); const m = v.length >> 1; return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2; };
const round = (x, d = 2) => (x == null || Number.isNaN(x) ? null : Number(x.toFixed(d)));
const log = (...a) => console.error('[bench:python]', ...a);

/** Sizes of the build's Pyodide folder, raw and gzip -9. */
function engineBytes(dist) {
  const engine = fs.readFileSync(path.join(dist, 'py', 'engine.mjs'), 'utf8');
  const dir = /^const PYODIDE_DIR = "([^"]+)";$/m.exec(engine)[1];
  const files = fs.readdirSync(path.join(dist, dir)).sort().map((f) => {
    const body = fs.readFileSync(path.join(dist, dir, f));
    return { file: f, raw: body.length, gzip: zlib.gzipSync(body, { level: 9 }).length };
  });
  const sum = (k) => files.reduce((a, f) => a + f[k], 0);
  return { dir, files, raw: sum('raw'), gzip: sum('gzip') };
}

/** Runs a preset with run=1 in `page`; returns the stored report (throws on a wrong answer). */
async function run(page, url, query, rounds) {
  await page.goto(`${url}?${query}&rounds=${rounds}&run=1&lang=en`);
  await page.waitForSelector('#cpu[data-run-state=running]', { timeout: 120_000 });
  await page.waitForSelector('#cpu[data-run-state=idle]', { timeout: 30 * 60_000 });
  const report = await page.evaluate(() => JSON.parse(localStorage.getItem('playground.cpu.last-run')));
  for (const r of report.runs) {
    if (r.status !== 'done' || r.checksum_match !== true) throw new Error(`${query}: ${r.mode} ${r.status} match=${r.checksum_match}`);
  }
  if (page.errors.length) throw new Error(`page errors: ${page.errors.join('; ')}`);
  return report;
}
const entry = (report, mode) => report.runs.find((r) => r.mode === mode);

/** Starts py/cpu.mjs in the page with a fresh (non-snapshot) start; returns its load report. */
function freshStart(page) {
  return page.evaluate(async () => {
    const w = new Worker(new URL('py/cpu.mjs', document.baseURI), { type: 'module' });
    const m = await new Promise((resolve) => {
      w.onmessage = (e) => resolve(e.data);
      w.onerror = (e) => { e.preventDefault(); resolve({ type: 'error', error: e.message }); };
      w.postMessage({ type: 'py-load', run: 1 });
    });
    w.terminate();
    return m;
  });
}

/**
 * The measurements. `url`: the served build (isolated); `dist`: its folder; `rounds` per page run;
 * `kmax`: py-processes is measured at k = 1 … kmax. Returns { json, md } to put into the report.
 */
export async function benchPython({ url, dist, rounds, kmax }) {
  const N = Number(process.env.BENCH_PY_N || 3000);
  const STARTS = Number(process.env.BENCH_PY_STARTS || 3);
  const bytes = engineBytes(dist);
  const { context, close } = await launch();
  try {
    // The Rust page's first load, nothing chosen in Python: which files it reads.
    const first = await openPage(context);
    const reqs = [];
    context.on('request', (r) => reqs.push(new URL(r.url()).pathname));
    await first.goto(`${url}?lang=en`);
    await first.waitForSelector('#cpu[data-run-state=idle]');
    await first.waitForTimeout(3000); // let the service worker's install-time caching finish
    const pageFiles = [...new Set(reqs)];
    const pyodideRead = pageFiles.filter((p) => p.includes('/pyodide/'));
    const pyScripts = pageFiles.filter((p) => p.includes('/py/'));
    const pyScriptBytes = pyScripts.reduce((a, p) => a + fs.statSync(path.join(dist, p.replace(/^\//, ''))).size, 0);
    log(`first load: ${pageFiles.length} files, ${pyodideRead.length} of Pyodide`);
    reqs.length = 0;

    // Cold: the first Python mode in a fresh profile fetches and starts the engine; the run's
    // own interpreters then start warm, from the memory snapshot.
    const page = await openPage(context);
    const both = await run(page, url, `n=${N}&modes=serial,py-serial`, rounds);
    const cold = Number(await page.getAttribute('#py-engine', 'data-first-ms'));
    // The run's pool (one interpreter for py-serial), started from the snapshot before timing.
    const warmSnapshot = both.env.python_pool.ms;
    const pySerial = entry(both, 'py-serial'); const rustSerial = entry(both, 'serial');
    const ratio = pySerial.wall_ms / rustSerial.wall_ms;
    log(`cold start ${round(cold, 0)} ms, warm (snapshot) ${round(warmSnapshot, 0)} ms; py-serial / serial ${round(ratio, 1)}×`);

    // Warm without the snapshot: the files come from the service worker's cache, the
    // interpreter initialises from scratch.
    const warmFresh = [];
    for (let i = 0; i < STARTS; i++) {
      const m = await freshStart(page);
      if (m.type !== 'py-loaded') throw new Error(`fresh start failed: ${JSON.stringify(m)}`);
      warmFresh.push(m.ms);
    }
    log(`warm, files cached, no snapshot: ${round(median(warmFresh), 0)} ms`);

    // py-processes at k = 1 … kmax: speedup over py-serial in the same page run.
    const sweep = [];
    for (let k = 1; k <= kmax; k++) {
      const r = await run(page, url, `n=${N}&k=${k}&modes=py-serial,py-processes`, rounds);
      const p = entry(r, 'py-processes');
      const sp = entry(r, 'py-serial').wall_ms / p.wall_ms;
      sweep.push({ k, speedup: round(sp), efficiency: round(sp / k), wall_ms: round(p.wall_ms, 1), startup_ms: round(p.startup_ms, 0), speedup_range: p.speedup_range ?? null });
      log(`py-processes k=${k}: ${sweep.at(-1).speedup}× (eff ${sweep.at(-1).efficiency})`);
    }
    const top = sweep.at(-1);
    // The limit: CPython's own multiprocessing.Pool(2) on the tutorial's loop, same n, same minute.
    const k2 = sweep.find((r) => r.k === 2);
    let cpythonPool = null;
    try {
      cpythonPool = JSON.parse(execFileSync('python3', [new URL('tutorial_serial.py', import.meta.url).pathname, String(N), '2', String(rounds)]).toString());
      log(`CPython ${cpythonPool.python} Pool(2): ${round(cpythonPool.pool_speedup)}× over its serial`);
    } catch (e) { log(`CPython pool skipped: ${e.message}`); }
    const overCpython = k2 && cpythonPool ? k2.speedup / cpythonPool.pool_speedup : null;
    const json = {
      n: N,
      rounds,
      python_over_rust_serial: round(ratio, 1),
      py_serial_ms: round(pySerial.wall_ms, 1),
      rust_serial_ms: round(rustSerial.wall_ms, 1),
      startup_ms: { cold: round(cold, 0), warm_files_cached: round(median(warmFresh), 0), warm_snapshot: round(warmSnapshot, 0) },
      py_processes: sweep,
      cpython_pool: cpythonPool && { python: cpythonPool.python, k: 2, speedup: round(cpythonPool.pool_speedup), speedup_range: cpythonPool.pool_speedup_range.map((x) => round(x)), serial_ms: round(cpythonPool.ms, 1) },
      py_processes_over_cpython_pool_k2: round(overCpython, 3),
      engine_bytes: { raw: bytes.raw, gzip: bytes.gzip, files: bytes.files },
      first_load: { files: pageFiles.length, pyodide_files: pyodideRead.length, py_scripts: pyScripts, py_script_bytes: pyScriptBytes },
      targets: {
        py_processes_efficiency_ge_0_85: top.efficiency >= 0.85,
        py_processes_over_cpython_pool_ge_0_9_at_k2: overCpython != null && overCpython >= 0.9,
        warm_startup_le_2s: warmSnapshot <= 2000,
        first_load_reads_no_pyodide: pyodideRead.length === 0,
      },
    };
    const yes = (b) => (b ? '✅ met' : '❌ not met');
    const kb = (b) => `${(b / 1e6).toFixed(1)} MB`;
    const md = [
      `## Python (Pyodide) beside Rust`, '',
      `n = ${N}; each figure the median of the ${rounds} rounds of one page run (modes interleaved), after one warm-up per mode; start-up excluded from wall times. Fresh starts: median of ${STARTS}.`, '',
      `- Python \`py-serial\` / Rust \`serial\`, same page run: **${json.python_over_rust_serial}×** (${json.py_serial_ms} ms vs ${json.rust_serial_ms} ms).`,
      `- Interpreter start-up: cold (nothing cached, fetch + compile + initialise) ${json.startup_ms.cold} ms; warm with the files cached ${json.startup_ms.warm_files_cached} ms; warm from the memory snapshot (a run's worker, boot included) ${json.startup_ms.warm_snapshot} ms (target ≤ 2 s warm: ${yes(json.targets.warm_startup_le_2s)}).`,
      `- Engine: ${kb(bytes.raw)} raw, ${kb(bytes.gzip)} gzip -9 (${bytes.files.map((f) => `${f.file} ${kb(f.raw)}`).join(', ')}).`,
      `- The page's first load with no Python mode chosen read ${pageFiles.length} files, ${pyodideRead.length} of them Pyodide's (${yes(json.targets.first_load_reads_no_pyodide)}); the service worker's install-time cache also holds py/ (${pyScripts.length} small scripts, ${(pyScriptBytes / 1024).toFixed(0)} KiB).`, '',
      `| k | ${sweep.map((r) => `k = ${r.k}`).join(' | ')} |`, `|---|${'---:|'.repeat(sweep.length)}`,
      `| py-processes over py-serial | ${sweep.map((r) => `${r.speedup}×${r.speedup_range ? ` (${r.speedup_range.map((x) => x.toFixed(2)).join('–')})` : ''}, eff ${r.efficiency}; ${r.wall_ms} ms, start-up ${r.startup_ms} ms`).join(' | ')} |`, '',
      `py-processes efficiency at k = ${top.k}, start-up excluded: ${top.efficiency} (target ≥ 0.85: ${yes(json.targets.py_processes_efficiency_ge_0_85)}).`, '',
      json.cpython_pool
        ? `py-processes speedup at k = 2 ÷ CPython ${json.cpython_pool.python} \`multiprocessing.Pool(2)\` speedup on the same loop and n, this machine, same bench run: **${json.py_processes_over_cpython_pool_k2}** (${k2?.speedup}× against ${json.cpython_pool.speedup}×, rounds ${json.cpython_pool.speedup_range.join('–')}; target ≥ 0.9: ${yes(json.targets.py_processes_over_cpython_pool_ge_0_9_at_k2)}).`
        : 'CPython\'s `multiprocessing.Pool(2)`: not measured (no python3 here).', '',
    ];
    return { json, md };
  } finally {
    await close();
  }
}

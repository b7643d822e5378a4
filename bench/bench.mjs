// `make bench`: times the CPU experiment in headless Chromium through the page's own URL presets
// and writes bench/report.md + bench/report.json. Figures are medians of several runs, each run
// warmed up (the page does that), and speedups are ratios measured within one page run.
//
// Environment: BENCH_N (default 10000), BENCH_RUNS (default 3), BENCH_KMAX (default hardwareConcurrency).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { serve, ISOLATION_HEADERS } from '../tests/support/server.mjs';
import { launch, openPage } from '../tests/support/browser.mjs';
import { benchPython } from './python.mjs';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const N = Number(process.env.BENCH_N || 10000);
const RUNS = Math.max(3, Number(process.env.BENCH_RUNS || 3));
const PARALLEL = ['rayon', 'global-lock', 'workers', 'workers-queue'];
const median = (xs) => { const v = [...xs].sort((a, b) => a - b); const m = v.length >> 1; return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2; };
const round = (x, d = 2) => (x == null || Number.isNaN(x) ? null : Number(x.toFixed(d)));
const log = (...a) => console.error('[bench]', ...a);

const server = await serve({ root: path.join(ROOT, 'dist'), headers: ISOLATION_HEADERS });
const { context, close } = await launch();
const page = await openPage(context);

/** Loads a preset with run=1, waits for the run to finish, returns the stored report. */
async function run(query, { observeLongTasks = false } = {}) {
  await page.goto(`${server.url}?${query}&run=1&lang=en`);
  if (observeLongTasks) {
    await page.evaluate(() => {
      window.__longtasks = [];
      new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longtasks.push(e.duration); })
        .observe({ type: 'longtask', buffered: false });
    });
  }
  await page.waitForSelector('#cpu[data-run-state=running]', { timeout: 60_000 });
  await page.waitForSelector('#cpu[data-run-state=idle]', { timeout: 30 * 60_000 });
  const report = await page.evaluate(() => JSON.parse(localStorage.getItem('playground.cpu.last-run')));
  const longtasks = observeLongTasks ? await page.evaluate(() => window.__longtasks) : null;
  for (const r of report.runs) {
    if (r.status !== 'done' || r.checksum_match === false) throw new Error(`${query}: ${r.mode} ${r.status} match=${r.checksum_match}`);
  }
  if (page.errors.length) throw new Error(`page errors: ${page.errors.join('; ')}`);
  return { report, longtasks };
}
const wall = (report, mode) => report.runs.find((r) => r.mode === mode).wall_ms;
const startup = (report, mode) => report.runs.find((r) => r.mode === mode).startup_ms;

await page.goto(server.url);
await page.waitForSelector('#env');
const hc = Number(await page.getAttribute('#env', 'data-hc'));
const userAgent = await page.evaluate(() => navigator.userAgent);
const KMAX = Number(process.env.BENCH_KMAX || hc);
log(`n=${N}, runs=${RUNS}, hardwareConcurrency=${hc}, k=1..${KMAX}`);

// 1. Native serial (same workload, same libm), median of RUNS after a warm-up.
const native = JSON.parse(execFileSync(path.join(ROOT, 'target/release/native-bench'), [String(N), String(RUNS)]).toString());
log(`native serial median ${native.median_ms.toFixed(1)} ms`);

// 2. wasm serial and main-thread, RUNS page runs each.
const serialMs = []; const mainMs = []; let wasmChecksum = null;
for (let i = 0; i < RUNS; i++) {
  const { report } = await run(`n=${N}&modes=serial,main-thread`);
  serialMs.push(wall(report, 'serial')); mainMs.push(wall(report, 'main-thread'));
  wasmChecksum = report.runs[0].checksum;
}
log(`wasm serial median ${median(serialMs).toFixed(1)} ms, main-thread ${median(mainMs).toFixed(1)} ms`);

// 3. Each parallel mode at k = 1 .. KMAX: speedup over serial measured in the same page run.
const sweep = [];
for (let k = 1; k <= KMAX; k++) {
  const per = Object.fromEntries(PARALLEL.map((m) => [m, { speedups: [], walls: [], startups: [] }]));
  for (let i = 0; i < RUNS; i++) {
    const { report } = await run(`n=${N}&k=${k}&modes=serial,${PARALLEL.join(',')}`);
    for (const m of PARALLEL) {
      per[m].speedups.push(wall(report, 'serial') / wall(report, m));
      per[m].walls.push(wall(report, m));
      per[m].startups.push(startup(report, m));
    }
  }
  for (const m of PARALLEL) {
    const s = median(per[m].speedups);
    sweep.push({ mode: m, k, wall_ms: round(median(per[m].walls), 1), startup_ms: round(median(per[m].startups), 1), speedup: round(s, 3), efficiency: round(s / k, 3) });
  }
  log(`k=${k}: ${PARALLEL.map((m) => `${m} ${sweep.find((r) => r.mode === m && r.k === k).speedup}x`).join(', ')}`);
}

// 4. async vs serial, and the longest main-thread task during async (longtask entries are >50 ms).
const asyncRatio = []; let asyncLong = []; const mainLong = [];
for (let i = 0; i < RUNS; i++) {
  const { report } = await run(`n=${N}&modes=serial`);
  const a = await run(`n=${N}&modes=async`, { observeLongTasks: true });
  asyncRatio.push(wall(a.report, 'async') / wall(report, 'serial'));
  asyncLong = asyncLong.concat(a.longtasks);
}
const m = await run(`n=${N}&modes=main-thread`, { observeLongTasks: true });
mainLong.push(...m.longtasks);
log(`async/serial ${median(asyncRatio).toFixed(3)}, async long tasks ${asyncLong.length}`);

// 5. CPython, the tutorial's serial algorithm on the same n (one run: it is slow).
let cpython = null;
try {
  cpython = JSON.parse(execFileSync('python3', [path.join(ROOT, 'bench/tutorial_serial.py'), String(N)]).toString());
  log(`CPython ${cpython.ms.toFixed(0)} ms`);
} catch (e) { log(`CPython skipped: ${e.message}`); }

// 6. I/O: each mode's measured time over the network model's ideal, at a few latency and k settings.
const IO_MODES = ['serial', 'bounded', 'unbounded', 'workers', 'workers-queue', 'blocking-async'];
const IO_COUNT = Number(process.env.BENCH_IO_COUNT || 30);
const ioConfigs = [
  { latency: 50, k: 4 }, { latency: 100, k: 2 }, { latency: 100, k: 8 }, { latency: 200, k: 4 },
];
const io = [];
async function ioRun(query) {
  await page.goto(`${server.url}?exp=io&${query}&run=1&lang=en`);
  await page.waitForSelector('#io[data-run-state=running]', { timeout: 60_000 });
  await page.waitForSelector('#io[data-run-state=idle]', { timeout: 10 * 60_000 });
  const report = await page.evaluate(() => JSON.parse(localStorage.getItem('playground.io.last-run')));
  for (const r of report.runs) {
    if (r.status !== 'done' || r.ok !== IO_COUNT) throw new Error(`${query}: ${r.mode} ${r.status} ok=${r.ok}`);
  }
  if (page.errors.length) throw new Error(`page errors: ${page.errors.join('; ')}`);
  return report;
}
for (const cfg of ioConfigs) {
  const ratios = Object.fromEntries(IO_MODES.map((m) => [m, []]));
  const walls = Object.fromEntries(IO_MODES.map((m) => [m, []]));
  let ideal = {};
  for (let i = 0; i < RUNS; i++) {
    const report = await ioRun(`count=${IO_COUNT}&latency=${cfg.latency}&jitter=20&bandwidth=2000&conn=6&fail=0&seed=${i + 1}&k=${cfg.k}&source=simulated&modes=${IO_MODES.join(',')}`);
    for (const r of report.runs) { ratios[r.mode].push(r.wall_ms / r.ideal_ms); walls[r.mode].push(r.wall_ms); ideal[r.mode] = r.ideal_ms; }
  }
  for (const m of IO_MODES) {
    io.push({ ...cfg, mode: m, wall_ms: round(median(walls[m]), 1), ideal_ms: round(ideal[m], 1), over_ideal: round(median(ratios[m]), 3) });
  }
  log(`io latency=${cfg.latency} k=${cfg.k}: ${IO_MODES.map((m) => `${m} ${io.find((r) => r.mode === m && r.latency === cfg.latency && r.k === cfg.k).over_ideal}`).join(', ')}`);
}

// 7. The release bundle.
const distFiles = fs.readdirSync(path.join(ROOT, 'dist'));
const size = (ext) => distFiles.filter((f) => f.endsWith(ext)).reduce((acc, f) => {
  const body = fs.readFileSync(path.join(ROOT, 'dist', f));
  return { raw: acc.raw + body.length, gzip: acc.gzip + zlib.gzipSync(body, { level: 9 }).length };
}, { raw: 0, gzip: 0 });
const bundle = { wasm: size('.wasm'), js: size('.js') };

// Python beside Rust (bench/python.mjs; BENCH_PYTHON=0 skips it).
const python = process.env.BENCH_PYTHON === '0' ? null
  : await benchPython({ url: server.url, dist: path.join(ROOT, 'dist'), runs: RUNS, hc, kmax: KMAX });

await close();
await server.close();

const wasmSerial = median(serialMs);
const at = (mode, k) => sweep.find((r) => r.mode === mode && r.k === k);
const result = {
  date: new Date().toISOString(), n: N, runs: RUNS, hardware_concurrency: hc, user_agent: userAgent,
  native: { median_ms: round(native.median_ms, 1), runs_ms: native.serial_ms.map((x) => round(x, 1)), checksum: native.checksum },
  wasm: { serial_median_ms: round(wasmSerial, 1), serial_runs_ms: serialMs.map((x) => round(x, 1)), main_thread_median_ms: round(median(mainMs), 1), checksum: wasmChecksum },
  wasm_over_native: round(wasmSerial / native.median_ms, 3),
  sweep,
  async: { over_serial: round(median(asyncRatio), 3), longtasks_ms: asyncLong.map((x) => round(x, 0)), longest_task_ms: asyncLong.length ? Math.max(...asyncLong) : 0 },
  main_thread_longest_task_ms: mainLong.length ? Math.max(...mainLong) : 0,
  cpython,
  io: { count: IO_COUNT, jitter: 20, bandwidth: 2000, conn: 6, results: io },
  bundle,
  targets: {
    wasm_serial_le_1_3x_native: wasmSerial / native.median_ms <= 1.3,
    rayon_efficiency_ge_0_9: at('rayon', KMAX)?.efficiency >= 0.9,
    workers_efficiency_ge_0_85: at('workers', KMAX)?.efficiency >= 0.85,
    async_le_1_05x_serial_no_task_over_50ms: median(asyncRatio) <= 1.05 && asyncLong.length === 0,
    io_every_mode_le_1_10x_ideal: io.every((r) => r.over_ideal <= 1.10),
  },
};
if (python) result.python = python.json;
fs.writeFileSync(path.join(ROOT, 'bench/report.json'), JSON.stringify(result, null, 2) + '\n');

const yes = (b) => (b ? '✅ met' : '❌ not met');
const md = [
  `# CPU benchmark`, '',
  `Written by \`make bench\` on ${result.date}. n = ${N} (${(N - 1) * (N - 2) / 2} term evaluations), ${RUNS} runs per figure (medians), every timed run after a warm-up on the same threads; start-up excluded from wall times. Browser: ${userAgent}; hardwareConcurrency ${hc}.`, '',
  `## Serial: native, wasm, CPython`, '',
  `| | median | runs | checksum |`, `|---|---:|---|---|`,
  `| native Rust (release, same libm) | ${result.native.median_ms} ms | ${result.native.runs_ms.join(', ')} | ${native.checksum} |`,
  `| wasm \`serial\` (one worker) | ${result.wasm.serial_median_ms} ms | ${result.wasm.serial_runs_ms.join(', ')} | ${wasmChecksum} |`,
  `| wasm \`main-thread\` | ${result.wasm.main_thread_median_ms} ms | ${mainMs.map((x) => round(x, 1)).join(', ')} | |`,
  cpython ? `| CPython ${cpython.python}, the tutorial's loop | ${round(cpython.ms, 0)} ms | 1 run | ${cpython.checksum} |` : `| CPython | not run | | |`, '',
  `wasm serial / native: **${result.wasm_over_native}×** (target ≤ 1.3: ${yes(result.targets.wasm_serial_le_1_3x_native)}).` +
    (cpython ? ` CPython / wasm serial: ${round(cpython.ms / wasmSerial, 1)}×.` : ''), '',
  `## Speedup and efficiency by k (speedup = serial wall / mode wall, same page run; median of ${RUNS})`, '',
  `| mode | ${Array.from({ length: KMAX }, (_, i) => `k = ${i + 1}`).join(' | ')} |`, `|---|${'---:|'.repeat(KMAX)}`,
  ...PARALLEL.map((mode) => `| ${mode} | ${Array.from({ length: KMAX }, (_, i) => { const r = at(mode, i + 1); return `${r.speedup}× (eff ${r.efficiency}; ${r.wall_ms} ms, start-up ${r.startup_ms} ms)`; }).join(' | ')} |`), '',
  `rayon efficiency at k = ${KMAX}: ${at('rayon', KMAX).efficiency} (target ≥ 0.9: ${yes(result.targets.rayon_efficiency_ge_0_9)}); workers efficiency at k = ${KMAX}, start-up excluded: ${at('workers', KMAX).efficiency} (target ≥ 0.85: ${yes(result.targets.workers_efficiency_ge_0_85)}).`, '',
  `## async and the main thread`, '',
  `async / serial: **${result.async.over_serial}×**; long tasks (> 50 ms) on the main thread during async runs: ${asyncLong.length}${asyncLong.length ? ` (longest ${round(result.async.longest_task_ms, 0)} ms)` : ''} (target ≤ 1.05× and none over 50 ms: ${yes(result.targets.async_le_1_05x_serial_no_task_over_50ms)}). For contrast, the longest task during \`main-thread\`: ${round(result.main_thread_longest_task_ms, 0)} ms.`, '',
  `## I/O: measured time over the network model's ideal`, '',
  `Simulated source, ${IO_COUNT} images, jitter 20 ms, bandwidth 2000 kB/s, server cap 6, no failures; seeds 1…${RUNS}, median of ${RUNS}. The ideal is the same model run offline with a zero-overhead client.`, '',
  `| latency, k | ${IO_MODES.join(' | ')} |`, `|---|${'---:|'.repeat(IO_MODES.length)}`,
  ...ioConfigs.map((c) => `| ${c.latency} ms, k = ${c.k} | ${IO_MODES.map((m) => { const r = io.find((x) => x.mode === m && x.latency === c.latency && x.k === c.k); return `${r.over_ideal} (${r.wall_ms} / ${r.ideal_ms} ms)`; }).join(' | ')} |`), '',
  `Target ≤ 1.10 for every mode and setting: ${yes(result.targets.io_every_mode_le_1_10x_ideal)}.`, '',
  `## Bundle`, '',
  `| | raw | gzip -9 |`, `|---|---:|---:|`,
  `| wasm | ${(bundle.wasm.raw / 1024).toFixed(0)} KiB | ${(bundle.wasm.gzip / 1024).toFixed(0)} KiB |`,
  `| js | ${(bundle.js.raw / 1024).toFixed(0)} KiB | ${(bundle.js.gzip / 1024).toFixed(0)} KiB |`, '',
];
if (python) md.push(...python.md);
fs.writeFileSync(path.join(ROOT, 'bench/report.md'), md.join('\n'));
console.log(md.join('\n'));

// The cell's asyncio tracer in `make bench` (issue 16): a run of 1,000 tasks × 10 awaits in the
// Python cell, traced against untraced, in the same page and interpreter. The program times itself
// (time.perf_counter around each round, after one warm-up round), so the figure is the program's
// own run time, not the engine's start or the page's drawing. Settings alternate run by run.
// Environment: BENCH_TRACE_RUNS (runs per setting, default 3; each run times 3 rounds).
import { launch, openPage } from '../tests/support/browser.mjs';

const median = (xs) => { const v = [...xs].sort((a, b) => a - b); const m = v.length >> 1; return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2; };
const round = (x, d = 2) => Number(x.toFixed(d));
const log = (...a) => console.error('[bench:tracer]', ...a);

const PROGRAM = `import asyncio, time

async def worker():
    for _ in range(10):
        await asyncio.sleep(0)

async def main():
    await asyncio.gather(*(worker() for _ in range(1000)))

await main()  # warm-up
for _ in range(3):
    t0 = time.perf_counter()
    await main()
    print(f"ROUND {(time.perf_counter() - t0) * 1000:.3f}")
`;

/** One run of the program in the cell; returns its rounds' times (ms). */
async function runOnce(page, url, trace) {
  const code = Buffer.from(PROGRAM, 'utf8').toString('base64url');
  await page.goto(`${url}?exp=py&code=${code}&trace=${trace ? 1 : 0}&run=1&lang=en`);
  await page.waitForFunction(() => {
    const s = document.getElementById('py-status')?.dataset.state;
    return document.getElementById('py')?.dataset.runState === 'idle' && s && s !== 'idle' && s !== 'running';
  }, null, { timeout: 300_000, polling: 100 });
  const out = await page.evaluate(() => document.getElementById('py-output').textContent);
  const rounds = [...out.matchAll(/ROUND (\d+\.\d+)/g)].map((m) => Number(m[1]));
  if (rounds.length !== 3) throw new Error(`the program printed ${JSON.stringify(out.slice(0, 300))}`);
  if (trace !== (await page.evaluate(() => !!document.getElementById('py-lanes')))) throw new Error('lanes drawn for an untraced run, or missing for a traced one');
  return rounds;
}

export async function benchTracer({ url }) {
  const RUNS = Number(process.env.BENCH_TRACE_RUNS || 3);
  const { context, close } = await launch();
  try {
    const page = await openPage(context);
    const plain = []; const traced = [];
    for (let i = 0; i < RUNS; i++) {
      plain.push(...await runOnce(page, url, false));
      traced.push(...await runOnce(page, url, true));
    }
    const ratio = median(traced) / median(plain);
    log(`untraced ${round(median(plain), 1)} ms, traced ${round(median(traced), 1)} ms: ${round(ratio, 3)}×`);
    const json = { untraced_ms: plain.map((x) => round(x, 1)), traced_ms: traced.map((x) => round(x, 1)), ratio: round(ratio, 3) };
    const md = [
      `## The cell's asyncio tracer`, '',
      `1,000 tasks × 10 \`await asyncio.sleep(0)\` in the Python cell, timed by the program itself (3 rounds per run after a warm-up round, ${RUNS} runs per setting, alternating). Untraced: median ${round(median(plain), 1)} ms (${round(Math.min(...plain), 1)}–${round(Math.max(...plain), 1)}); traced: median ${round(median(traced), 1)} ms (${round(Math.min(...traced), 1)}–${round(Math.max(...traced), 1)}). Traced / untraced: **${round(ratio, 3)}×** (target ≤ 1.3).`, '',
    ];
    return { json, md };
  } finally {
    await close();
  }
}

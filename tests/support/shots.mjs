// Screenshots of the charts for a manual look: `node tests/support/shots.mjs [n]` (after
// `trunk build --release`) runs a CPU experiment, a sweep and an I/O experiment in each language,
// then photographs the charts at 1280 px and 360 px, light and dark, into tests/artifacts/.
import fs from 'node:fs';
import path from 'node:path';
import { setup, newPage, load, at, waitForRun, RUN_TIMEOUT } from './cpu-page.mjs';

const OUT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../artifacts');
const n = Number(process.argv[2] || 3000);
const SIZES = [['desktop', 1280], ['phone', 360]];
const SCHEMES = ['light', 'dark'];

async function shoot(page, name, selectors) {
  for (const [size, width] of SIZES) {
    await page.setViewportSize({ width, height: 900 });
    for (const scheme of SCHEMES) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      for (const sel of selectors) {
        const file = path.join(OUT, `${name}-${sel.replace(/[^a-z]+/g, '')}-${size}-${scheme}.png`);
        await page.locator(sel).screenshot({ path: file });
        console.log(file);
      }
    }
  }
}

fs.mkdirSync(OUT, { recursive: true });
const env = await setup({ isolated: true });
try {
  for (const lang of ['en', 'zh']) {
    const page = await newPage(env.context, { viewport: { width: 1280, height: 900 } });
    await load(page, at(env.url, `n=${n}&k=2&modes=serial,async,rayon,global-lock,workers,workers-queue&run=1&lang=${lang}`));
    await waitForRun(page);
    await page.selectOption('#cpu-timeline-mode', 'workers-queue');
    await page.click('#cpu-sweep-run');
    await page.waitForSelector('#cpu-sweep[data-sweep-state="idle"] #cpu-scaling[data-complete="true"]', { state: 'attached', timeout: RUN_TIMEOUT * 5 });
    await shoot(page, `cpu-${lang}`, ['#cpu-charts', '#cpu-sweep']);
    await load(page, at(env.url, `exp=io&count=24&latency=60&k=4&modes=serial,bounded,unbounded,workers&run=1&lang=${lang}`));
    await page.waitForFunction(() => document.querySelectorAll('#io-results tbody tr[data-status]').length === 4
      && document.getElementById('io').getAttribute('data-run-state') === 'idle', null, { timeout: RUN_TIMEOUT });
    await page.selectOption('#io-timeline-mode', 'bounded');
    await shoot(page, `io-${lang}`, ['#io-charts']);
    if (page.errors.length) console.error('page errors:', page.errors);
    await page.close();
  }
} finally {
  await env.close();
}


// Screenshots of the teaching parts for a manual look: `node tests/support/shots-teaching.mjs`
// (after `trunk build --release`) photographs, in each language, a note with its boxes and
// exercises (one answer opened), the glossary, and the prediction box above the CPU experiment
// after a prediction and a run, into tests/artifacts/.
import fs from 'node:fs';
import path from 'node:path';
import { setup, newPage, load, at, waitForRun } from './cpu-page.mjs';

const OUT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../artifacts');
fs.mkdirSync(OUT, { recursive: true });
const env = await setup({ isolated: true });
try {
  for (const lang of ['en', 'zh']) {
    const page = await newPage(env.context, { viewport: { width: 1280, height: 1000 } });
    await load(page, at(env.url, `exp=cpu&n=2000&k=2&modes=serial,rayon,global-lock&lang=${lang}`));
    await page.fill('#q-cpu-rayon-input', '1.9');
    await page.click('#q-cpu-rayon-save');
    await page.check('#q-tt-same-delay-c0');
    await page.click('#cpu-run');
    await waitForRun(page);
    await page.waitForSelector('#q-cpu-rayon .measured');
    const shots = [
      ['predict', '#predict-experiment-cpu'],
      ['free-threaded', '#free-threaded'],
      ['glossary', '#glossary'],
    ];
    await page.locator('#topic-threads-gil .exercise summary').first().click();
    shots.push(['threads-gil', '#topic-threads-gil article.note']);
    for (const [name, sel] of shots) {
      const file = path.join(OUT, `teaching-${name}-${lang}.png`);
      await page.locator(sel).screenshot({ path: file });
      console.log(file);
    }
    await page.evaluate(() => localStorage.clear());
    await page.close();
  }
} finally {
  await env.close();
}

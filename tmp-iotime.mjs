import { setup, newPage, load, at, waitForRun, offeredModes } from './tests/support/io-page.mjs';
const env = await setup({ isolated: true });
const IO = await offeredModes(env, 'io');
const page = await newPage(env.context);
const t0 = Date.now();
await load(page, at(env.url, `exp=io&count=20&latency=30&jitter=0&k=4&source=simulated&modes=${IO.join(',')}&rounds=2&run=1&lang=en`));
console.log('loaded', Date.now() - t0);
let last = '';
const poll = setInterval(async () => {
  try {
    const st = await page.evaluate(() => [...document.querySelectorAll('[id^="io-progress-"]')].map((e) => e.id.slice(12) + ':' + e.getAttribute('data-state')).join(' '));
    if (st !== last) { last = st; console.log(Date.now() - t0, st.split(' ').filter((x) => !/:done$/.test(x)).join(' ')); }
  } catch {}
}, 100);
await waitForRun(page);
clearInterval(poll);
console.log('done', Date.now() - t0);
await env.close();

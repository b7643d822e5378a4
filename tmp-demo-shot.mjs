import { setup, newPage, load, at } from './tests/support/cpu-page.mjs';
const env = await setup({ isolated: true });
for (const [w, name] of [[1280, 'wide'], [400, 'narrow']]) {
  const page = await newPage(env.context, { viewport: { width: w, height: 900 } });
  await load(page, at(env.url, 'exp=timed-tasks&a-delay=200&a-takes=500&b-delay=300&c-delay=350&d-delay=1500&lang=zh'));
  await page.waitForTimeout(800);
  await page.screenshot({ path: `/tmp/shots/tt-${name}.png` });
  await page.click('#tt-run').catch(async () => { await page.click('#demo-timed-tasks button[type=submit]'); });
  await page.waitForSelector('#demo-timed-tasks .demo-body[data-state=done]', { timeout: 20000 });
  await page.screenshot({ path: `/tmp/shots/tt-${name}-done.png` });
  console.log(page.errors);
  await page.close();
}
await env.close();

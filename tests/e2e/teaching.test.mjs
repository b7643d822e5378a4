/**
 * The teaching page as a whole: every topic shows its note in both languages with its live part
 * beside it, the contents link to every topic, the run history keeps runs across a reload (and
 * compares, exports, shares and clears them), a demo can be embedded on its own, and axe-core
 * finds no accessibility violation in the light or the dark theme.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { setup, newPage, load, at, waitForRun, download, assertNoErrors, LOAD_TIMEOUT, RUN_TIMEOUT } from '../support/cpu-page.mjs';

const TOPICS = fs.readFileSync(new URL('../../notes/TOPICS', import.meta.url), 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
const AXE = fs.readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');

let env;
before(async () => { env = await setup({ isolated: true }); });
after(async () => { await env?.close(); });

test('every topic has its note in both languages, listed in the contents', async () => {
  const page = await newPage(env.context);
  try {
    await load(page, at(env.url, 'lang=en'));
    const sections = await page.$$eval('section.topic', (s) => s.map((x) => x.dataset.topic));
    assert.deepEqual(sections, TOPICS, 'one section per topic, in the order of notes/TOPICS');
    const links = await page.$$eval('#toc a', (a) => a.map((x) => x.getAttribute('href')));
    assert.deepEqual(links, [...TOPICS.map((t) => `#topic-${t}`), '#history']);
    const read = () => page.$$eval('section.topic article.note', (as) => as.map((a) => ({
      lang: a.getAttribute('lang'), title: a.querySelector('h2').textContent, text: a.textContent.length })));
    const en = await read();
    await page.click('#lang-zh');
    await page.waitForSelector('html[lang="zh-CN"]', { state: 'attached', timeout: LOAD_TIMEOUT });
    const zh = await read();
    for (let i = 0; i < TOPICS.length; i++) {
      assert.equal(en[i].lang, 'en', TOPICS[i]);
      assert.equal(zh[i].lang, 'zh', TOPICS[i]);
      assert.ok(en[i].text > 800 && zh[i].text > 400, `${TOPICS[i]}: a note is nearly empty`);
      assert.notEqual(en[i].title, zh[i].title, `${TOPICS[i]}: the title did not change language`);
      assert.match(zh[i].title, /[\u4e00-\u9fff]/, `${TOPICS[i]}: the Chinese title has no Chinese`);
    }
    // Each live part sits in its topic's section.
    for (const [topic, sel] of [['experiment-cpu', '#cpu'], ['experiment-io', '#io'], ['queues', '#demo-producer-consumer'],
      ['futures-executors', '#demo-map-order'], ['futures-executors', '#demo-first-of'], ['sched', '#demo-timed-tasks'],
      ['event-loop', '#demo-freeze-meter'], ['coroutines', '#demo-running-average']]) {
      assert.equal(await page.locator(`#topic-${topic} ${sel}`).count(), 1, `${sel} is not beside the ${topic} note`);
    }
    assertNoErrors(page);
  } finally {
    await page.close();
  }
});

test('the run history keeps every run across a reload, compares, exports, shares and clears', async () => {
  const page = await newPage(env.context);
  try {
    await load(page, at(env.url, 'n=400&k=2&modes=serial,async&run=1&lang=en'));
    await waitForRun(page);
    await page.fill('#io-count', '4');
    await page.fill('#io-latency', '10');
    for (const m of ['bounded', 'workers', 'workers-queue', 'blocking-async']) await page.uncheck(`#io-mode-${m}`);
    await page.click('#io-run');
    await page.waitForSelector('#io[data-run-state=running]', { timeout: LOAD_TIMEOUT });
    await page.waitForSelector('#io[data-run-state=idle]', { timeout: RUN_TIMEOUT });
    const rows = () => page.$$eval('#history-list tbody tr', (trs) => trs.map((tr) => tr.dataset.experiment));
    assert.deepEqual(await rows(), ['io', 'cpu'], 'newest first');

    await load(page, at(env.url, 'lang=en'));
    await page.waitForSelector('#history-list', { timeout: LOAD_TIMEOUT });
    assert.deepEqual(await rows(), ['io', 'cpu'], 'the history did not survive the reload');
    const share = await page.getAttribute('#history-list tbody tr[data-experiment=cpu] a', 'href');
    assert.match(share, /[?&]exp=cpu&n=400&k=2&chunk=auto&modes=serial,async(&|$)/, share);

    await page.check('#history-list tbody tr:nth-child(1) input[type=checkbox]');
    await page.check('#history-list tbody tr:nth-child(2) input[type=checkbox]');
    const compared = await page.$$eval('#history-compare tbody tr', (trs) => trs.map((tr) => tr.dataset.mode));
    assert.deepEqual(compared, ['serial', 'unbounded', 'async'], 'the comparison lists every mode of the ticked runs');
    const json = JSON.parse((await download(page, '#history-json')).text);
    assert.deepEqual(json.map((r) => r.experiment_kind), ['io', 'cpu']);
    assert.equal(json[1].params.n, 400);
    const csv = (await download(page, '#history-csv')).text.trim().split('\n');
    assert.equal(csv[0], 'started_at,experiment,settings,mode,wall_ms,speedup,status');
    assert.equal(csv.length, 1 + 4, 'one line per mode of each run');

    // Opening the share link reproduces the settings.
    await load(page, share);
    assert.equal(await page.inputValue('#cpu-n'), '400');
    assert.equal(await page.inputValue('#cpu-k'), '2');

    await page.click('#history-clear');
    assert.equal(await page.locator('#history-list tbody tr').count(), 2, 'one press must not clear');
    await page.click('#history-clear');
    await page.waitForSelector('#history-empty', { timeout: LOAD_TIMEOUT });
    await load(page, at(env.url, 'lang=en'));
    await page.waitForSelector('#history-empty', { timeout: LOAD_TIMEOUT });
    assertNoErrors(page);
  } finally {
    await page.close();
  }
});

test('a demo embeds on its own, with its short note and a link to the full playground', async () => {
  const page = await newPage(env.context);
  try {
    await page.goto(at(env.url, 'embed=1&exp=map-order&lang=en'), { timeout: LOAD_TIMEOUT });
    await page.waitForSelector('.app.embed[data-embed="map-order"] #demo-map-order', { timeout: LOAD_TIMEOUT });
    assert.equal(await page.locator('#toc, #history, #cpu, #io, section.demo:not(#demo-map-order)').count(), 0, 'page chrome in embed mode');
    assert.equal(await page.locator('section.topic.embedded[data-topic="futures-executors"] article.note').count(), 1);
    const full = await page.getAttribute('#open-full', 'href');
    assert.match(full, /\?exp=map-order&lang=en$/, full);
    await page.click('#mo-run');
    await page.waitForSelector('#demo-map-order [data-order=completed] li:nth-child(4)', { timeout: RUN_TIMEOUT });
    assertNoErrors(page);
  } finally {
    await page.close();
  }
});

test('axe-core finds no accessibility violations, light or dark, after a run', async () => {
  for (const scheme of ['light', 'dark']) {
    const page = await newPage(env.context);
    try {
      await page.emulateMedia({ colorScheme: scheme });
      const since = 0;
      await load(page, at(env.url, 'n=300&k=2&modes=serial,rayon&run=1&lang=zh'));
      await waitForRun(page, { since });
      await page.addScriptTag({ content: AXE });
      const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] }))
        .violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`));
      assert.deepEqual(violations, [], `${scheme}: ${violations.join('\n')}`);
      assertNoErrors(page);
    } finally {
      await page.close();
    }
  }
});

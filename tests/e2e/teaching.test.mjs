/**
 * The teaching page as a whole: every topic shows its note in both languages with its live part
 * beside it, the contents link to every topic, the run history keeps runs across a reload (and
 * compares, exports, shares and clears them), a demo can be embedded on its own, the notes' preset
 * links open their experiment or demo with those settings (in the frame when embedded; a demo's bad
 * value is reported and keeps its default), every exercise
 * hides an answer, the glossary and the instructors' page are in the contents, and axe-core finds
 * no accessibility violation in the light or the dark theme.
 *
 * @browsers chromium firefox
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { BROWSER, launch } from '../support/browser.mjs';
import { setup, newPage, load, at, waitForRun, mark, download, assertNoErrors, panelModes, LOAD_TIMEOUT, RUN_TIMEOUT } from '../support/cpu-page.mjs';

const TOPICS = fs.readFileSync(new URL('../../notes/TOPICS', import.meta.url), 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
const AXE = fs.readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');

// One browser for the file, in the light theme (the axe test's first pass; Chromium switches a
// page to dark itself, Firefox needs a browser launched dark).
let browser;
let env;
before(async () => {
  browser = await launch({ colorScheme: 'light' });
  env = await setup({ isolated: true, browser });
});
after(async () => {
  await env?.close();
  await browser?.close();
});

test('every topic has its note in both languages, listed in the contents', async () => {
  const page = await newPage(env.context);
  try {
    await load(page, at(env.url, 'lang=en'));
    const sections = await page.$$eval('section.topic', (s) => s.map((x) => x.dataset.topic));
    assert.deepEqual(sections, TOPICS, 'one section per topic, in the order of notes/TOPICS');
    const links = await page.$$eval('#toc a', (a) => a.map((x) => x.getAttribute('href')));
    assert.deepEqual(links, [...TOPICS.map((t) => (t === 'glossary' ? '#glossary' : `#topic-${t}`)), '#history']);
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
      ['event-loop', '#demo-freeze-meter'], ['coroutines', '#demo-running-average'], ['threads-gil', '#demo-convoy']]) {
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
    await load(page, at(env.url, 'n=400&k=2&modes=serial,async&rounds=1&run=1&lang=en'));
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

test('predictions survive a reload, sit beside the measured result, and go into the history and the export', async () => {
  const page = await newPage(env.context);
  try {
    const url = at(env.url, 'exp=cpu&n=400&k=2&modes=serial,rayon,global-lock&lang=en');
    await load(page, url);
    const box = '#predict-experiment-cpu';
    assert.equal(await page.locator(`${box} li.question`).count(), 3, 'three questions above the CPU experiment');
    // Bad input: a clear message, and nothing saved.
    await page.fill('#q-cpu-global-lock-input', 'fast');
    await page.waitForSelector('#q-cpu-global-lock [role=alert]', { timeout: LOAD_TIMEOUT });
    assert.equal(await page.isDisabled('#q-cpu-global-lock-save'), true);
    await page.fill('#q-cpu-global-lock-input', '1');
    await page.click('#q-cpu-global-lock-save');
    await page.fill('#q-cpu-rayon-input', '1.8x');
    await page.click('#q-cpu-rayon-save');
    await page.waitForSelector('#q-cpu-rayon[data-verdict=not-yet]', { timeout: LOAD_TIMEOUT });
    // A demo question has a known answer: it is judged at once.
    await page.check('#q-tt-same-delay-c1');
    await page.waitForSelector('#q-tt-same-delay[data-verdict=wrong] .explain', { timeout: LOAD_TIMEOUT });

    await load(page, url);
    assert.equal(await page.inputValue('#q-cpu-rayon-input'), '1.8', 'the prediction did not survive the reload');
    assert.equal(await page.isChecked('#q-tt-same-delay-c1'), true);
    assert.equal(await page.getAttribute('#q-cpu-rayon', 'data-verdict'), 'not-yet', 'no run since the prediction');

    const since = await mark(page);
    await page.click('#cpu-run');
    await waitForRun(page, { since });
    for (const q of ['cpu-rayon', 'cpu-global-lock']) {
      await page.waitForSelector(`#q-${q}:is([data-verdict=right], [data-verdict=off]) .measured`, { timeout: LOAD_TIMEOUT });
      assert.match(await page.textContent(`#q-${q} .measured`), /^Measured: \d/);
    }
    assert.equal(await page.getAttribute('#q-cpu-workers', 'data-verdict'), 'unanswered');
    const cpu = JSON.parse((await download(page, '#cpu-json')).text);
    const rayon = cpu.predictions.find((p) => p.question === 'cpu-rayon');
    assert.deepEqual(rayon.answer, { number: 1.8 });
    assert.equal(typeof rayon.measured, 'number');
    assert.ok(rayon.made_at < cpu.started_at, 'predicted before the run');
    assert.deepEqual(cpu.predictions.map((p) => p.question).sort(), ['cpu-global-lock', 'cpu-rayon'], 'only this experiment\'s predictions');
    const history = JSON.parse((await download(page, '#history-json')).text);
    assert.deepEqual(history[0].predictions, cpu.predictions, 'the history keeps the run\'s predictions');

    // The Chinese page asks the same questions in Chinese, with the same answers.
    await page.click('#lang-zh');
    await page.waitForSelector('html[lang="zh-CN"]', { state: 'attached', timeout: LOAD_TIMEOUT });
    assert.match(await page.textContent(`${box} h3`), /[\u4e00-\u9fff]/);
    assert.match(await page.textContent('#q-cpu-rayon .measured'), /^实测：/);
    await page.evaluate(() => { localStorage.removeItem('playground.predictions'); localStorage.removeItem('playground.history'); });
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

test('a demo link types its values in, embedded too; a bad value is reported and keeps its default', async () => {
  const page = await newPage(env.context);
  try {
    await load(page, at(env.url, 'lang=en'));
    const defaults = await demoFields(page, 'producer-consumer');
    await page.goto(at(env.url, 'embed=1&exp=producer-consumer&consumers=4&capacity=99&lang=en'), { timeout: LOAD_TIMEOUT });
    await page.waitForSelector(readySelector('producer-consumer'), { timeout: LOAD_TIMEOUT });
    assert.deepEqual(await demoFields(page, 'producer-consumer'), { ...defaults, 'pc-consumers': '4' }, 'the fields');
    const problems = await page.$$eval('#url-problems li', (xs) => xs.map((x) => x.textContent));
    assert.equal(problems.length, 1, JSON.stringify(problems));
    assert.match(problems[0], /capacity/, problems[0]);
    assert.match(problems[0], /99/, problems[0]);
    assert.match(problems[0], /1 to 32/, problems[0]);
    // Nothing has started: the learner predicts first.
    assert.equal(await page.getAttribute('#demo-producer-consumer .demo-body', 'data-state'), 'idle');
    // Runnable as typed: four consumers drain all 30 items.
    await page.click('#pc-run');
    await page.waitForSelector(`${readySelector('producer-consumer').replace('idle', 'done')}`, { timeout: RUN_TIMEOUT });
    assert.ok(await page.locator('#demo-producer-consumer li[data-consumer="3"]').count() > 0, 'the fourth consumer took no item');
    // "Open the full playground" keeps what the link typed in.
    const full = new URL(await page.getAttribute('#open-full', 'href'), env.url);
    assert.equal(full.searchParams.get('consumers'), '4', full.href);
    assert.equal(full.searchParams.get('embed'), null, full.href);
    assertNoErrors(page);
  } finally {
    await page.close();
  }
});

const IO_DEFAULTS = { count: '48', latency: '100', jitter: '20', bandwidth: '2000', conn: '6', k: '4' };

/** The preset links (`?exp=…`) of every note on the page, in page order, without repeats. */
function presetLinks(page) {
  return page.$$eval('section.topic article.note a[href^="?exp="]', (as) => [...new Set(as.map((a) => a.getAttribute('href')))]);
}

/** The element a preset's experiment waits in: a panel (`#cpu`), or a demo's body. */
const readySelector = (exp) => (['cpu', 'io', 'py'].includes(exp)
  ? `#${exp}[data-run-state=idle]` : `#demo-${exp} .demo-body[data-state=idle]`);

/** A demo's fields as the page shows them: input id → value. */
const demoFields = (page, exp) => page.$$eval(`#demo-${exp} input`, (xs) => Object.fromEntries(xs.map((x) => [x.id, x.value])));

/** Checks that the open page shows the settings `href` asks for, with its experiment in view.
 *  `demoDefaults` holds each demo's fields as a page without a link shows them. */
async function assertPresetShown(page, href, demoDefaults = {}) {
  const q = new URLSearchParams(href.slice(1));
  const exp = q.get('exp');
  if (!['cpu', 'io', 'py'].includes(exp)) {
    // A demo: each field the link names holds its value (input ids end in the URL key), the
    // others their defaults, and it has not started: the learner predicts, then presses Run.
    const shown = await demoFields(page, exp);
    const want = { ...demoDefaults[exp] };
    const keys = [...new Set(q.keys())].filter((k) => !['exp', 'lang'].includes(k));
    assert.ok(keys.length > 0, `${href}: a demo link that sets no field`);
    for (const k of keys) {
      const id = Object.keys(want).find((i) => i.slice(i.indexOf('-') + 1) === k);
      assert.ok(id, `${href}: no field for ${k} in ${JSON.stringify(Object.keys(want))}`);
      want[id] = q.getAll(k).at(-1); // as on the page: a later value for a key wins
    }
    assert.deepEqual(shown, want, `${href}: the demo's fields`);
    assert.equal(await page.getAttribute(`#demo-${exp} .demo-body`, 'data-state'), 'idle', `${href}: the demo started by itself`);
  } else if (exp === 'cpu') {
    assert.equal(await page.inputValue('#cpu-n'), q.get('n') ?? '10000', `${href}: n`);
    if (q.has('k')) assert.equal(await page.inputValue('#cpu-k'), q.get('k'), `${href}: k`);
    assert.equal(await page.inputValue('#cpu-chunk'), q.get('chunk') ?? 'auto', `${href}: chunk`);
    const ticked = await page.$$eval('#cpu input[id^="cpu-mode-"]:checked', (xs) => xs.map((x) => x.id.slice('cpu-mode-'.length)));
    const wanted = (await panelModes(page)).filter((m) => q.get('modes').split(',').includes(m));
    assert.deepEqual(ticked, wanted, `${href}: modes`);
  } else if (exp === 'py') {
    // The Python cell: the editor holds the linked code (base64url) when the link has some, the
    // switches show clock= and step=, and nothing runs without run=1.
    if (q.has('code')) {
      const code = Buffer.from(q.get('code'), 'base64url').toString('utf8');
      assert.equal(await page.inputValue('#py-code'), code, `${href}: code`);
    }
    const step = q.get('step') === '1';
    assert.equal(await page.isChecked('#py-stepping'), step, `${href}: step`);
    assert.equal(await page.isChecked('#py-clock'), step || q.get('clock') === 'virtual', `${href}: clock`);
    assert.equal(await page.getAttribute('#py', 'data-run-state'), 'idle', `${href}: the cell ran without run=1`);
  } else {
    assert.equal(exp, 'io', href);
    for (const [key, fallback] of Object.entries(IO_DEFAULTS)) {
      assert.equal(await page.inputValue(`#io-${key}`), q.get(key) ?? fallback, `${href}: ${key}`);
    }
    const ticked = await page.$$eval('#io input[id^="io-mode-"]:checked', (xs) => xs.map((x) => x.id.slice('io-mode-'.length)));
    const wanted = (await panelModes(page, 'io')).filter((m) => q.get('modes').split(',').includes(m));
    assert.deepEqual(ticked, wanted, `${href}: modes`);
  }
  assert.equal(await page.getAttribute('html', 'lang'), q.get('lang') === 'zh' ? 'zh-CN' : 'en', `${href}: language`);
  // In view: an experiment's topic; for a demo, its topic's prediction questions (asked before the
  // run, above the demos), or the demo where its topic asks none.
  const top = await page.evaluate((id) => {
    const panel = document.getElementById(id);
    if (panel) return panel.closest('section.topic').getBoundingClientRect().top;
    const demo = document.getElementById(`demo-${id}`);
    return (document.getElementById(`predict-${demo.dataset.topic}`) || demo).getBoundingClientRect().top;
  }, exp);
  assert.ok(Math.abs(top) < 200, `${href}: the experiment is not scrolled into view (top ${top})`);
  assert.equal(await page.locator('#url-problems').count(), 0, `${href}: the page reports URL problems`);
}

test('the notes link to ready presets, and each opens its experiment with those settings', async () => {
  const page = await newPage(env.context);
  try {
    const seen = {};
    for (const lang of ['zh', 'en']) {
      await load(page, at(env.url, `lang=${lang}`));
      seen[lang] = await presetLinks(page);
      const all = await page.locator('section.topic article.note a[href^="?exp="]').count();
      assert.ok(all >= 15, `${lang}: only ${all} preset links in the notes`);
    }
    // A real click, from a note to its experiment.
    await load(page, at(env.url, 'lang=en'));
    const first = page.locator('#topic-threads-gil article.note a[href^="?exp="]').first();
    const href = await first.getAttribute('href');
    await first.click();
    await page.waitForURL((u) => u.search === href, { timeout: LOAD_TIMEOUT });
    await page.waitForSelector('#cpu[data-run-state=idle]', { timeout: LOAD_TIMEOUT });
    await assertPresetShown(page, href);
    // The first screen's two runs (without run=1: what they open is the subject here, and the
    // runs themselves are the experiments' tests).
    await load(page, at(env.url, 'lang=en'));
    for (const id of ['#start-cpu', '#start-io']) {
      const run = await page.getAttribute(id, 'href');
      assert.match(run, /&run=1$/, `${id} starts its run`);
      const opened = run.replace(/&run=1$/, '');
      await load(page, new URL(opened, env.url).href);
      await page.waitForSelector(readySelector(new URLSearchParams(opened.slice(1)).get('exp')), { timeout: LOAD_TIMEOUT });
      await assertPresetShown(page, opened);
    }
    // The first link of each experiment or demo in each language. That every link parses, with no
    // problem, in its note's language and without run=1, the native tests check
    // (src/core/note_checks.rs, src/core/preset); what the page does with a preset (fields, modes,
    // scroll, language) depends on its experiment, so one link of each is what a browser checks.
    const firstOfEach = (links) => [...new Map(links.map((l) => [new URLSearchParams(l.slice(1)).get('exp'), l])).values()];
    const links = [...firstOfEach([...seen.en].reverse()).reverse(), ...firstOfEach([...seen.zh].reverse()).reverse()];
    // What each linked demo's fields hold without a link, to tell set fields from the rest.
    const demoDefaults = {};
    await load(page, at(env.url, 'lang=en'));
    for (const exp of new Set(links.map((l) => new URLSearchParams(l.slice(1)).get('exp')))) {
      if (['cpu', 'io', 'py'].includes(exp)) continue;
      await page.waitForSelector(readySelector(exp), { timeout: LOAD_TIMEOUT });
      demoDefaults[exp] = await demoFields(page, exp);
    }
    assert.ok(Object.keys(demoDefaults).length >= 2, `the notes link to the fields of only ${Object.keys(demoDefaults)} demos`);
    for (const link of links) {
      await load(page, new URL(link, env.url).href);
      await page.waitForSelector(readySelector(new URLSearchParams(link.slice(1)).get('exp')), { timeout: LOAD_TIMEOUT });
      await assertPresetShown(page, link, demoDefaults);
    }
    assertNoErrors(page);
  } finally {
    await page.close();
  }
});

test('embedded, the note keeps its steps, and their links open in the frame', async () => {
  const page = await newPage(env.context);
  try {
    await page.goto(at(env.url, 'embed=1&exp=cpu&lang=en'), { timeout: LOAD_TIMEOUT });
    await page.waitForSelector('.app.embed #cpu[data-run-state=idle]', { timeout: LOAD_TIMEOUT });
    const links = await page.$$eval('section.topic.embedded article.note a[href^="?"]', (as) => as.map((a) => a.getAttribute('href')));
    assert.ok(links.length >= 2, 'the embedded note lost its Try-it links');
    for (const l of links) assert.match(l, /^\?embed=1&exp=/, l);
    const link = page.locator('section.topic.embedded article.note a[href^="?embed=1&exp=cpu"]').first();
    const href = await link.getAttribute('href');
    await link.click();
    await page.waitForURL((u) => u.search === href, { timeout: LOAD_TIMEOUT });
    await page.waitForSelector('.app.embed #cpu[data-run-state=idle]', { timeout: LOAD_TIMEOUT });
    assert.equal(await page.locator('#toc').count(), 0, 'the link left embed mode');
    const q = new URLSearchParams(href.slice(1));
    assert.equal(await page.inputValue('#cpu-k'), q.get('k'));
    assertNoErrors(page);
  } finally {
    await page.close();
  }
});

test('every exercise hides its answer, and the glossary and lesson plan are in the contents', async () => {
  const page = await newPage(env.context);
  try {
    for (const lang of ['zh', 'en']) {
      await load(page, at(env.url, `lang=${lang}`));
      const ex = await page.$$eval('section.topic article.note .exercise', (xs) => xs.map((x) => {
        const d = x.querySelector('details');
        const s = d && d.querySelector('summary');
        return { open: d ? d.open : null, summary: s ? s.textContent.trim() : '', answer: d ? d.textContent.length - (s ? s.textContent.length : 0) : 0, question: x.textContent.length - (d ? d.textContent.length : 0) };
      }));
      assert.ok(ex.length >= 30, `${lang}: only ${ex.length} exercises`);
      ex.forEach((e, i) => {
        assert.equal(e.open, false, `${lang}: exercise ${i + 1} shows its answer before it is opened`);
        assert.ok(e.summary && e.answer > 20 && e.question > 10, `${lang}: exercise ${i + 1} lacks a question or an answer`);
      });
      // Opening an answer shows it.
      const firstSummary = page.locator('#topic-threads-gil .exercise summary').first();
      await firstSummary.click();
      assert.equal(await page.locator('#topic-threads-gil .exercise details').first().evaluate((d) => d.open), true);
      // Boxes in every lesson.
      assert.ok(await page.locator('article.note .box.today').count() >= 15, `${lang}: Python-today boxes`);
      assert.ok(await page.locator('article.note .box.errata').count() >= 15, `${lang}: errata boxes`);
      // The glossary: in the contents, at least 40 terms, each linking to a section of the page.
      await page.click('#toc a[href="#glossary"]');
      const rows = await page.$$eval('#glossary table:last-of-type tbody tr', (trs) => trs.map((tr) => tr.querySelector('a').getAttribute('href')));
      assert.ok(rows.length >= 40, `${lang}: ${rows.length} glossary terms`);
      // Asked in one go: one round trip per link is slow over WebDriver BiDi.
      const nowhere = await page.evaluate((hrefs) => hrefs.filter((h) => document.querySelectorAll(h).length !== 1), rows);
      assert.deepEqual(nowhere, [], `${lang}: glossary links that lead nowhere`);
      // The instructors' embed snippets name this very page.
      // (The plan's HTML blocks: it also has Python ones, for its coding steps.)
      const snippets = await page.$$eval('#topic-teaching pre code.language-html', (cs) => cs.map((c) => c.textContent));
      assert.ok(snippets.length >= 4, `${lang}: embed snippets in the lesson plan`);
      for (const sn of snippets) {
        assert.ok(!sn.includes('__PLAYGROUND__'), sn);
        assert.ok(sn.startsWith(`<iframe src="${env.url.replace(/\/?$/, '/')}?embed=1&amp;exp=`), sn);
      }
    }
    assertNoErrors(page);
  } finally {
    await page.close();
  }
});

test('axe-core finds no accessibility violations, light or dark, after a run', async () => {
  for (const scheme of ['light', 'dark']) {
    // Firefox takes the colour scheme only at launch: its dark pass needs a browser of its own.
    const own = BROWSER === 'firefox' && scheme === 'dark' ? await launch({ colorScheme: scheme }) : null;
    const page = await newPage((own ?? browser).context);
    try {
      if (BROWSER === 'chromium') await page.emulateMedia({ colorScheme: scheme });
      assert.equal(await page.evaluate((s) => matchMedia(`(prefers-color-scheme: ${s})`).matches, scheme), true, `${scheme} scheme`);
      const since = 0;
      await load(page, at(env.url, 'n=300&k=2&modes=serial,rayon&rounds=1&run=1&lang=zh'));
      await waitForRun(page, { since });
      await page.addScriptTag({ content: AXE });
      const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] }))
        .violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`));
      assert.deepEqual(violations, [], `${scheme}: ${violations.join('\n')}`);
      assertNoErrors(page);
    } finally {
      await page.close();
      await own?.close();
    }
  }
});

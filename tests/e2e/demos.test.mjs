/**
 * The seven live demos (src/demos/), clicked the way a learner clicks them, on a cross-origin
 * isolated page: each one runs on real timers and channels and shows the ordering its note
 * promises; the convoy demo's I/O thread answers later with every busy thread beside it. The freeze meter records a long gap while the CPU experiment's main-thread mode runs
 * and none while serial runs the same work in a worker. Every test fails on any page error.
 *
 * @browsers chromium firefox
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, newPage, load, at, waitForRun, mark, settled, assertNoErrors, LOAD_TIMEOUT } from '../support/cpu-page.mjs';

/** Demos finish in a few seconds; the machine is shared, so wait generously. */
const DEMO_TIMEOUT = 30_000;

let env;
before(async () => { env = await setup({ isolated: true }); });
after(async () => { await env?.close(); });

/** A fresh page in `lang`, with the demos on screen. */
async function open(lang = 'en', query = '') {
  const page = await newPage(env.context);
  await load(page, at(env.url, `lang=${lang}${query ? `&${query}` : ''}`));
  await page.waitForSelector('#demo-running-average .demo-body[data-state="running"]', { timeout: LOAD_TIMEOUT });
  return page;
}

/** Waits until demo `id` reports `state` (idle, running, done, stopped). */
async function waitState(page, id, state) {
  await page.waitForSelector(`#demo-${id} .demo-body[data-state="${state}"]`, { timeout: DEMO_TIMEOUT });
}

/** The data attributes of every element matching `selector`, as objects. */
function data(page, selector) {
  return page.$$eval(selector, (els) => els.map((e) => ({ ...e.dataset })));
}

test('all seven demos render in both languages, each naming its source file, with unique ids', async () => {
  const page = await open('en');
  try {
    // In page order: each demo sits beside its note.
    const ids = ['convoy', 'running-average', 'freeze-meter', 'map-order', 'first-of', 'timed-tasks', 'producer-consumer'];
    const rendered = await page.$$eval('section.demo', (ds) => ds.map((d) => [d.dataset.demo, d.dataset.topic, d.querySelector('.demo-source code').textContent]));
    assert.deepEqual(rendered.map((r) => r[0]), ids);
    assert.deepEqual(rendered.map((r) => r[1]), ['threads-gil', 'coroutines', 'event-loop', 'futures-executors', 'futures-executors', 'sched', 'queues']);
    for (const [id, , file] of rendered) assert.equal(file, `src/demos/${id.replaceAll('-', '_')}.rs`);
    const dupes = await page.evaluate(() => {
      const seen = new Map();
      for (const e of document.querySelectorAll('[id]')) seen.set(e.id, (seen.get(e.id) || 0) + 1);
      return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
    });
    assert.deepEqual(dupes, [], 'element ids must be unique (the docked freeze meter shares the page with the listed one)');
    const en = await page.textContent('#demo-map-order h3');
    await page.click('#lang-zh');
    await page.waitForFunction((en) => document.querySelector('#demo-map-order h3').textContent !== en, en, { timeout: LOAD_TIMEOUT });
    assert.match(await page.textContent('#demo-map-order h3'), /顺序/);
    assert.match(await page.textContent('#demo-producer-consumer .demo-source'), /源码/);
    assertNoErrors(page);
  } finally {
    await page.close();
  }
});

test('producer/consumer: every item is consumed, FIFO per producer, the queue never exceeds its capacity', async () => {
  const page = await open();
  try {
    // Producers much faster than consumers: the queue fills up and producers wait for room.
    for (const [f, v] of [['producers', '3'], ['consumers', '2'], ['capacity', '3'], ['items', '24'], ['make-ms', '10'], ['use-ms', '40']]) {
      await page.fill(`#pc-${f}`, v);
    }
    await page.click('#pc-run');
    await waitState(page, 'producer-consumer', 'done');
    const [r] = await data(page, '#pc-result');
    assert.equal(r.items, '24');
    assert.equal(r.produced, '24', 'all items produced');
    assert.equal(r.consumed, '24', 'all items consumed');
    assert.equal(r.capacity, '3');
    assert.ok(Number(r.maxDepth) <= 3, `queue depth ${r.maxDepth} exceeded the capacity 3`);
    assert.equal(r.maxDepth, '3', 'with fast producers the queue should fill up to its capacity');
    assert.equal(r.fifo, 'true');
    // Check FIFO independently from the chips, in the order they were taken out.
    const taken = await data(page, '#pc-taken li');
    assert.equal(taken.length, 24);
    const next = {};
    for (const { producer, seq } of taken) {
      assert.equal(Number(seq), next[producer] ?? 0, `producer ${producer}'s items out of order: ${JSON.stringify(taken)}`);
      next[producer] = Number(seq) + 1;
    }
    assert.equal(Object.keys(next).length, 3, 'all three producers made items');
    // The consumers work side by side: each item takes 40 ms to use, so while one uses an item
    // the other takes the next. Each takes about half; one consumer doing (nearly) all of them
    // would mean they share the queue one at a time.
    const per = [0, 1].map((c) => taken.filter((x) => x.consumer === String(c)).length);
    assert.ok(per.every((n) => n >= 6), `items per consumer ${per}: the consumers did not work at the same time`);
    assertNoErrors(page);
  } finally {
    await page.close();
  }
});

test('producer/consumer: Stop drops the run, and the next run completes', async () => {
  const page = await open();
  try {
    await page.fill('#pc-items', '200');
    await page.fill('#pc-use-ms', '500');
    await page.click('#pc-run');
    await page.waitForFunction(() => Number(document.querySelector('#pc-result')?.dataset.consumed) >= 1, null, { timeout: DEMO_TIMEOUT });
    await page.click('#pc-stop');
    await waitState(page, 'producer-consumer', 'stopped');
    assert.equal(await page.isDisabled('#pc-run'), false);
    await page.fill('#pc-items', '5');
    await page.fill('#pc-use-ms', '0');
    await page.click('#pc-run');
    await waitState(page, 'producer-consumer', 'done');
    const [r] = await data(page, '#pc-result');
    assert.deepEqual([r.produced, r.consumed], ['5', '5']);
    assertNoErrors(page);
  } finally {
    await page.close();
  }
});

test('convoy: asked to predict first; the I/O thread\'s response grows with the busy threads, about an interval each', async () => {
  const page = await open('en', 'exp=convoy&busy=2&wakeups=10');
  try {
    // The question comes before the demo, and the link's values are in the fields.
    const [q, d] = await page.evaluate(() => ['q-cv-three-busy', 'demo-convoy'].map((id) => document.getElementById(id).getBoundingClientRect().top));
    assert.ok(q < d, 'the prediction sits above the demo');
    await page.click('#q-cv-three-busy-c2');
    await page.waitForSelector('#q-cv-three-busy[data-verdict="right"]', { timeout: LOAD_TIMEOUT });
    assert.deepEqual([await page.inputValue('#cv-busy'), await page.inputValue('#cv-switch'), await page.inputValue('#cv-wakeups')], ['2', '5', '10']);
    await page.click('#cv-run');
    await waitState(page, 'convoy', 'done');
    const rows = await data(page, '#demo-convoy tbody tr');
    assert.deepEqual(rows.map((r) => r.busy), ['0', '1', '2'], 'one row per number of busy threads');
    const m = rows.map((r) => Number(r.median));
    // Alone it answers at once; each busy thread adds about one 5 ms interval.
    assert.ok(m[0] < 2, `alone: ${m[0]} ms`);
    assert.ok(m[1] > 3 && m[1] < 12, `beside one busy thread: ${m[1]} ms`);
    assert.ok(m[2] > m[1] + 1.25, `beside two: ${m[2]} ms, not above ${m[1]} ms`);
    assert.match(await page.textContent('#demo-convoy .demo-status'), /convoy effect/);
    assertNoErrors(page);
  } finally {
    await page.close();
  }
});

test('map order is submission order; as_completed order is sorted by delay', async () => {
  const page = await open();
  try {
    assert.equal(await page.inputValue('#mo-delays'), '400, 100, 300, 200');
    await page.click('#mo-run');
    await waitState(page, 'map-order', 'done');
    const map = await data(page, '#demo-map-order [data-order="map"] li');
    const done = await data(page, '#demo-map-order [data-order="completed"] li');
    assert.deepEqual(map.map((a) => a.index), ['0', '1', '2', '3'], 'map hands results back in submission order');
    assert.deepEqual(done.map((a) => a.delay), ['100', '200', '300', '400'], 'as_completed hands them back as they finish');
    // Nothing comes out of map before the slowest first task is done; timers never fire early.
    for (const a of map) assert.ok(Number(a.at) >= 399, `map result ${a.index} arrived at ${a.at} ms, before task 1 (400 ms)`);
    for (const a of done) assert.ok(Number(a.at) >= Number(a.delay) - 1, `task ${a.index} arrived at ${a.at} ms, before its ${a.delay} ms`);
    assertNoErrors(page);
  } finally {
    await page.close();
  }
});

/** Runs first-of in `mode` and returns the summary's data and the task rows. */
async function firstOf(page, mode, keep = false) {
  await page.check(`#fo-mode-${mode}`);
  if ((await page.isChecked('#fo-keep')) !== keep) await page.click('#fo-keep');
  await page.click('#fo-run');
  await waitState(page, 'first-of', 'done');
  const [summary] = await data(page, '#fo-returned');
  const rows = await data(page, '#fo-tasks tbody tr');
  return { summary, states: rows.map((r) => r.state) };
}

test('first-of: FIRST_COMPLETED returns the fastest, FIRST_EXCEPTION the failing one, ALL_COMPLETED all', async () => {
  const page = await open();
  try {
    // Defaults: delays 300, 100, 200, 400 ms; task 3 (200 ms) fails.
    assert.equal(await page.inputValue('#fo-delays'), '300, 100, 200, 400');
    assert.equal(await page.inputValue('#fo-fail'), '2');

    let r = await firstOf(page, 'first-completed');
    assert.equal(r.summary.mode, 'first-completed');
    assert.equal(r.summary.trigger, '1', 'the 100 ms task comes back first');
    assert.deepEqual(r.states, ['dropped', 'done', 'dropped', 'dropped'], 'the rest are dropped (cancelled)');

    r = await firstOf(page, 'first-exception');
    assert.equal(r.summary.trigger, '2', 'the failing task ends the wait');
    assert.deepEqual(r.states, ['dropped', 'done', 'failed', 'dropped']);
    assert.equal(r.summary.done, '1,2');

    r = await firstOf(page, 'all-completed');
    assert.equal(r.summary.trigger, '3', 'the slowest task ends the wait');
    assert.deepEqual(r.states, ['done', 'done', 'failed', 'done']);
    assert.equal(r.summary.done, '0,1,2,3');

    // Keeping the rest, as Python's not_done: the wait still returns with the fastest, and
    // the others then finish instead of being dropped.
    r = await firstOf(page, 'first-completed', true);
    assert.equal(r.summary.trigger, '1');
    assert.deepEqual(r.states, ['done', 'done', 'failed', 'done']);

    // No failing task: FIRST_EXCEPTION waits for all.
    await page.selectOption('#fo-fail', 'none');
    r = await firstOf(page, 'first-exception');
    assert.equal(r.summary.trigger, '3');
    assert.deepEqual(r.states, ['done', 'done', 'done', 'done']);
    assertNoErrors(page);
  } finally {
    await page.close();
  }
});

test('timed tasks fire in time order, ties by priority; a slow action delays the ones behind it', async () => {
  const page = await open();
  try {
    // Defaults: A 600 ms p1, B 300 ms p2, C 300 ms p1, D 900 ms p1.
    await page.click('#tt-run');
    await waitState(page, 'timed-tasks', 'done');
    let fired = await data(page, '#tt-fired tbody tr');
    assert.deepEqual(fired.map((f) => f.name), ['C', 'B', 'A', 'D'], 'time first, then the smaller priority number');
    for (const f of fired) assert.ok(Number(f.actual) >= Number(f.planned) - 1, `${f.name} fired at ${f.actual} ms, before ${f.planned} ms`);
    const actual = fired.map((f) => Number(f.actual));
    assert.deepEqual(actual, [...actual].sort((a, b) => a - b), 'actions run one after another');

    // C now takes 500 ms: B (due at 300) and A (due at 600) must wait for it, in order.
    await page.fill('#tt-c-takes', '500');
    await page.click('#tt-run');
    await waitState(page, 'timed-tasks', 'done');
    fired = await data(page, '#tt-fired tbody tr');
    assert.deepEqual(fired.map((f) => f.name), ['C', 'B', 'A', 'D']);
    const c = fired[0];
    for (const f of fired.slice(1, 3)) {
      assert.ok(Number(f.actual) >= Number(c.actual) + 499, `${f.name} ran at ${f.actual} ms, during C's 500 ms action (C at ${c.actual})`);
    }
    assertNoErrors(page);
  } finally {
    await page.close();
  }
});

/** Sends `value` to the running-average coroutine and waits for its answer. */
async function send(page, value) {
  const before = await page.$$eval('#ra-log li', (l) => l.length);
  await page.fill('#ra-value', String(value));
  await page.press('#ra-value', 'Enter');
  await page.waitForFunction((n) => document.querySelectorAll('#ra-log li').length === n + 1, before, { timeout: DEMO_TIMEOUT });
}

test('running average: 10, 20, 30 give 10, 15, 20; Reset starts over; Finish returns the result', async () => {
  const page = await open();
  try {
    for (const v of [10, 20, 30]) await send(page, v);
    let log = await data(page, '#ra-log li');
    assert.deepEqual(log.map((e) => [e.value, e.average]), [['10', '10'], ['20', '15'], ['30', '20']]);
    let [frame] = await data(page, '#ra-frame');
    assert.deepEqual([frame.count, frame.total], ['3', '60'], 'the coroutine keeps count and total between sends');

    await page.click('#ra-reset');
    await page.waitForFunction(() => document.querySelectorAll('#ra-log li').length === 0, null, { timeout: DEMO_TIMEOUT });
    [frame] = await data(page, '#ra-frame');
    assert.deepEqual([frame.count, frame.total], ['0', '0'], 'a fresh coroutine has a fresh frame');
    await send(page, 4);
    log = await data(page, '#ra-log li');
    assert.deepEqual(log.map((e) => e.average), ['4']);

    await page.click('#ra-finish');
    await waitState(page, 'running-average', 'done');
    assert.equal(await page.isDisabled('#ra-send'), true, 'nothing can be sent to a finished coroutine');
    assert.match(await page.textContent('#ra-frame'), /returned/);
    assertNoErrors(page);
  } finally {
    await page.close();
  }
});

/**
 * Opens the CPU experiment with `mode` at n, resets the docked freeze meter once the page is
 * idle, runs, and returns the longest frame gap the meter saw from the Reset to after the run.
 * One round (rounds=1): the meter needs one long run, not the default three.
 */
async function longestGapDuring(mode, n) {
  const page = await open('en', `n=${n}&rounds=1&modes=${mode}`);
  try {
    const dock = '#freeze-dock .freeze';
    await page.waitForFunction((s) => Number(document.querySelector(s).dataset.frames) > 30, dock, { timeout: LOAD_TIMEOUT });
    await settled(page);
    await page.click('#freeze-dock .fm-reset');
    await page.waitForFunction((s) => document.querySelector(s).dataset.frames !== undefined
      && Number(document.querySelector(s).dataset.frames) < 30, dock, { timeout: LOAD_TIMEOUT });
    const since = await mark(page);
    const t0 = Date.now();
    await page.click('#cpu-run');
    await waitForRun(page, { since });
    const ran = Date.now() - t0;
    // Let the meter redraw with frames from after the run.
    const frames = Number(await page.getAttribute(dock, 'data-frames'));
    await page.waitForFunction(([s, f]) => Number(document.querySelector(s).dataset.frames) > f + 10, [dock, frames], { timeout: LOAD_TIMEOUT });
    const gap = Number(await page.getAttribute(dock, 'data-max-since-reset'));
    assertNoErrors(page);
    return { gap, ran };
  } finally {
    await page.close();
  }
}

// The worker's side is a ratio, not a fixed limit: on a loaded machine a frame may come 200 ms late
// with the page itself idle, while the main-thread run still holds every frame for a whole slab.
test('freeze meter: a main-thread run stalls the frames (gap > 300 ms); a serial run in a worker leaves gaps under half that long', async (t) => {
  const frozen = await longestGapDuring('main-thread', 20000);
  t.diagnostic(`main-thread: longest gap ${frozen.gap} ms during a ${frozen.ran} ms run`);
  assert.ok(frozen.ran > 300, `the main-thread run took only ${frozen.ran} ms: too short to show a freeze`);
  assert.ok(frozen.gap > 300, `main-thread should freeze the page for > 300 ms at a time; the meter saw ${frozen.gap} ms`);

  const smooth = await longestGapDuring('serial', 20000);
  t.diagnostic(`serial: longest gap ${smooth.gap} ms during a ${smooth.ran} ms run`);
  assert.ok(smooth.ran > 300, `the serial run took only ${smooth.ran} ms`);
  assert.ok(smooth.gap * 2 < frozen.gap,
    `serial runs in a worker and should leave frames smooth; the meter saw a ${smooth.gap} ms gap, main-thread's was ${frozen.gap} ms`);
});

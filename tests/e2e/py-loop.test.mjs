/**
 * The Python cell's event loop made visible, in the browser's real Pyodide:
 * - `?exp=py&code=…&clock=virtual&run=1` runs and draws without a click; a TaskGroup of sleeping
 *   tasks takes exactly its virtual times (read from the downloaded trace), and a `time.sleep` in
 *   one task delays every other task's next step by exactly its delay;
 * - on the real clock `time.sleep` holds the loop too, as in CPython;
 * - a traced run's lanes arrive in batches while it runs, and stay after Cancel;
 * - `step=1`: the loop pauses before each callback; the ready queue, the timers, each task's state
 *   and the await tree are shown; stepping on finishes the run; Cancel mid-step stops it and the
 *   next run works;
 * - every predict-then-see snippet runs on the virtual clock, and the page's answer, read from the
 *   run's own trace, is Python's (a forgotten await shows its RuntimeWarning);
 * - no console or page error anywhere.
 *
 * @browsers chromium firefox
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  setupServed, newPage, loadCell, cellState, waitIdle, encodeCode, at, assertNoErrors, PY_TIMEOUT,
} from '../support/py-page.mjs';
import { download } from '../support/cpu-page.mjs';

let env;
let page;
before(async () => {
  env = await setupServed();
  page = await newPage(env.context);
});
after(async () => { await env?.close(); });

const SLEEPERS = `import asyncio, time

async def sleeper(d):
    await asyncio.sleep(d)
    print(d, time.monotonic())

async def ticker():
    for _ in range(3):
        print("tick", round(time.monotonic(), 3))
        await asyncio.sleep(0.1)

async def blocker():
    await asyncio.sleep(0.05)
    time.sleep(1)

async def main():
    async with asyncio.TaskGroup() as tg:
        for d in (0.3, 0.1, 0.2):
            tg.create_task(sleeper(d), name=f"s{d}")
    await asyncio.gather(ticker(), blocker())

asyncio.run(main())
`;

/** The downloaded Chrome trace: {thread name → [{name, cat, ts, dur, args}]}. */
async function traceByThread() {
  const { text } = await download(page, '#py-trace');
  const events = JSON.parse(text).traceEvents;
  const names = new Map(events.filter((e) => e.name === 'thread_name').map((e) => [e.tid, e.args.name]));
  const by = {};
  for (const e of events.filter((x) => x.ph === 'X')) (by[names.get(e.tid)] ??= []).push(e);
  return by;
}

test('clock=virtual runs from the link; sleeps take exactly their virtual time, time.sleep holds every task', async () => {
  await loadCell(page, at(env.url, `exp=py&code=${encodeCode(SLEEPERS)}&clock=virtual&run=1&lang=en`));
  const end = await waitIdle(page);
  assert.equal(end.status, 'done', `${end.statusText}\n${end.stderr}`);
  assert.match(end.statusText, /1\.55 s on the virtual clock/);
  assert.equal(end.stdout, '0.1 0.1\n0.2 0.2\n0.3 0.3\ntick 0.3\ntick 1.35\ntick 1.45\n');
  assert.equal(await page.isChecked('#py-clock'), true, 'the switch shows the link\'s clock');
  assert.equal(await page.getAttribute('#py-lanes', 'data-clock'), 'virtual');
  const by = await traceByThread();
  // Each sleeper waits exactly its delay: 100, 200, 300 ms of virtual time, in µs.
  for (const d of ['0.1', '0.2', '0.3']) {
    const waits = by[`s${d}`].filter((e) => e.cat === 'wait');
    assert.deepEqual(waits.map((w) => [w.ts, w.dur, w.args.awaiting]), [[0, Math.round(Number(d) * 1e6), `sleep(${d})`]], `s${d}`);
  }
  // The ticker's second step was due at 400 ms; blocker's time.sleep(1), from 350 ms, held it
  // until exactly 1350 ms.
  const ticker = by['Task-2'].filter((e) => e.cat === 'step').map((e) => e.ts);
  assert.deepEqual(ticker, [300_000, 1_350_000, 1_450_000, 1_550_000]);
  const blocker = by['Task-3'].filter((e) => e.cat === 'step');
  assert.deepEqual([blocker[1].ts, blocker[1].dur], [350_000, 1_000_000], 'the blocking step lasts its sleep');
  assertNoErrors(page);
});

test('on the real clock time.sleep holds the loop too, as in CPython', async () => {
  await setSwitch('#py-clock', false);
  await page.click('#py-snippet-blocking-call');
  await page.click('#py-run');
  const end = await waitIdle(page);
  assert.equal(end.status, 'done', end.statusText);
  const ticks = [...end.stdout.matchAll(/at (\d+\.\d+) s/g)].map((m) => Number(m[1]));
  const gap = Math.max(...ticks.slice(1).map((t, i) => t - ticks[i]));
  assert.ok(gap >= 0.5, `the ticker went on during time.sleep(0.5): ticks ${ticks}`);
  assert.equal(await page.getAttribute('#py-verdict', 'data-answer'), '1', 'the trace shows the loop held');
  assertNoErrors(page);
});

/** The paused loop: {steps, now, ready: [task], timers: [[due, task]], tasks: {name: state}, tree: [[depth, name]]}. */
function loopState() {
  return page.evaluate(() => {
    const loop = document.getElementById('py-loop');
    const depth = (li) => { let d = 0; for (let e = li.parentElement; e && e.id !== 'py-await-tree'; e = e.parentElement) if (e.tagName === 'UL') d += 1; return d; };
    return {
      status: document.getElementById('py-status').dataset.state,
      steps: Number(loop?.dataset.steps),
      ready: [...document.querySelectorAll('#py-ready li[data-task]')].map((li) => li.dataset.task),
      timers: [...document.querySelectorAll('#py-timers li[data-task]')].map((li) => [Number(li.dataset.due), li.dataset.task]),
      tasks: Object.fromEntries([...document.querySelectorAll('#py-tasks tr[data-task]')].map((tr) => [tr.dataset.task, tr.dataset.state])),
      tree: [...document.querySelectorAll('#py-await-tree li[data-task]')].map((li) => [depth(li), li.dataset.task]),
    };
  });
}

/** Presses Step `n` times, each time until the loop has run one more callback (or the run ended). */
async function step(n) {
  for (let i = 0; i < n; i++) {
    const before = (await loopState()).steps;
    await page.click('#py-step');
    await page.waitForFunction((want) => {
      const s = document.getElementById('py-status')?.dataset.state;
      return s !== 'paused' || Number(document.getElementById('py-loop')?.dataset.steps) >= want;
    }, before + 1, { timeout: PY_TIMEOUT, polling: 20 });
  }
  return loopState();
}

const GROUP = `import asyncio

async def job(d):
    await asyncio.sleep(d)
    return d

async def main():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(job(0.2), name="a")
        tg.create_task(job(0.1), name="b")
    print("done at", asyncio.get_running_loop().time())

asyncio.run(main())
`;

test('step=1 pauses before each callback: ready queue, timers, states and the await tree; then it finishes', async () => {
  await loadCell(page, at(env.url, `exp=py&code=${encodeCode(GROUP)}&step=1&run=1&lang=en`));
  await page.waitForFunction(() => document.getElementById('py-status')?.dataset.state === 'paused', null, { timeout: PY_TIMEOUT });
  assert.equal(await page.isChecked('#py-stepping'), true);
  await page.click('#py-share');
  const shared = new URL(await page.inputValue('#py-share-link'));
  await page.click('#py-share-close');
  assert.deepEqual(['step', 'run', 'code'].map((k) => shared.searchParams.get(k)), ['1', '1', encodeCode(GROUP)], 'Share keeps step=1');
  let s = await loopState();
  assert.deepEqual([s.steps, s.ready], [0, ['main']], 'nothing ran yet; the top level is ready');
  s = await step(1); // main makes Task-1 for asyncio.run(main()) and waits for it
  assert.deepEqual(s.ready, ['Task-1']);
  s = await step(1); // Task-1 creates a and b and waits at the end of the TaskGroup
  assert.deepEqual(s.ready, ['a', 'b'], 'created tasks wait in the ready queue in creation order');
  const marked = await page.$eval('#py-loop-code mark', (m) => m.textContent);
  assert.match(marked, /^ +8 {2}\s+async with asyncio\.TaskGroup\(\) as tg:/, 'the line Task-1 stopped at is marked beside the code');
  assert.deepEqual(s.tasks, { main: 'waiting', 'Task-1': 'waiting', a: 'ready', b: 'ready' });
  s = await step(2); // a and b start their sleeps
  assert.deepEqual(s.ready, []);
  assert.deepEqual(s.timers, [[100, 'b'], [200, 'a']], 'the timers, by due time');
  // The await tree: main waits for Task-1, which waits for a and b (its TaskGroup).
  assert.deepEqual(s.tree, [[1, 'main'], [2, 'Task-1'], [3, 'a'], [3, 'b']], JSON.stringify(s.tree));
  while ((await loopState()).status === 'paused') await step(1);
  const end = await waitIdle(page);
  assert.equal(end.status, 'done', end.statusText);
  assert.equal(end.stdout, 'done at 0.2\n');
  assert.equal(await page.evaluate(() => !!document.getElementById('py-loop')), false, 'the loop view goes with the pause');
  // Who woke whom: a, the later of the TaskGroup's two, woke Task-1; Task-1 woke main.
  const wakes = await page.$$eval('#py-lanes line.wake', (ls) => ls.map((l) => `${l.dataset.from}>${l.dataset.to}`));
  assert.deepEqual(wakes.sort(), ['Task-1>main', 'a>Task-1']);
  // After the run, the tree is read from the trace at a moment of the slider: at 150 ms only a
  // still sleeps.
  await page.evaluate(() => {
    const input = document.getElementById('py-tree-time');
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, '150');
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await page.waitForFunction(() => document.getElementById('py-await-tree')?.dataset.at === '150', null, { timeout: 5000 });
  const tree = await page.$$eval('#py-await-tree li[data-task]', (lis) => lis.map((li) => li.dataset.task));
  assert.deepEqual(tree, ['main', 'Task-1', 'a']);
  assertNoErrors(page);
});

/** Sets a switch of the cell (a checkbox) on or off. */
async function setSwitch(id, on) {
  if ((await page.isChecked(id)) !== on) await page.click(id);
}

test('a traced run draws its lanes as it goes; Cancel keeps them', async () => {
  await setSwitch('#py-clock', false); // the real clock: this one runs until cancelled
  const code = 'import asyncio\n\nasync def tick():\n    while True:\n        await asyncio.sleep(0.02)\n\n'
    + 'async def main():\n    await asyncio.gather(tick(), tick())\n\nawait main()\n';
  await page.fill('#py-code', code);
  await page.click('#py-run');
  await page.waitForFunction(() => Number(document.querySelector('#py-lanes g.lane:nth-of-type(2)')?.dataset.steps) > 3, null,
    { timeout: PY_TIMEOUT, polling: 50 });
  assert.equal((await cellState(page)).status, 'running', 'the lanes came while the run went on');
  await page.click('#py-cancel');
  assert.equal((await cellState(page)).status, 'cancelled');
  const tasks = await page.$$eval('#py-lanes g.lane', (gs) => gs.map((g) => g.dataset.task));
  assert.deepEqual(tasks, ['main', 'Task-1', 'Task-2'], 'the lanes so far stay after Cancel');
  assertNoErrors(page);
});

test('Cancel while paused stops the run; the next run works', async () => {
  await setSwitch('#py-stepping', true);
  await page.fill('#py-code', GROUP);
  await page.click('#py-run');
  await page.waitForFunction(() => document.getElementById('py-status')?.dataset.state === 'paused', null, { timeout: PY_TIMEOUT });
  await step(1);
  await page.click('#py-cancel');
  const s = await cellState(page);
  assert.equal(s.status, 'cancelled', s.statusText);
  await setSwitch('#py-stepping', false); // the run goes through, still on the virtual clock
  await page.click('#py-run');
  const end = await waitIdle(page);
  assert.equal(end.status, 'done', `${end.statusText}\n${end.stderr}`);
  assert.equal(end.stdout, 'done at 0.2\n');
  assertNoErrors(page);
});

// What Python does, per snippet (src/core/pycell/quiz.rs holds the same table against CPython's traces).
const ANSWERS = {
  'create-task': 0, 'await-coroutine': 0, 'gather-failure': 1, 'taskgroup-failure': 0, 'blocking-call': 1,
  'forgotten-await': 1, 'lost-update': 1, 'cancel-shield': 1, timeout: 0,
};

test('every predict-then-see snippet runs, and its trace gives Python\'s answer and a lane to look at', async () => {
  await loadCell(page, at(env.url, 'exp=py&clock=virtual&lang=en'));
  const offered = await page.$$eval('[aria-labelledby="py-quiz-label"] button', (bs) => bs.map((b) => b.id.replace('py-snippet-', '')));
  assert.deepEqual(offered, Object.keys(ANSWERS));
  let i = 0;
  for (const [id, answer] of Object.entries(ANSWERS)) {
    await page.click(`#py-snippet-${id}`);
    // Half the predictions right, half wrong: the verdict must tell them apart.
    const guess = i++ % 2 === 0 ? answer : 1 - answer;
    await page.click(`#py-predict input[value="${guess}"]`);
    await page.click('#py-run');
    const end = await waitIdle(page);
    assert.equal(end.status, 'done', `${id}: ${end.statusText}\n${end.stderr}`);
    const v = await page.$eval('#py-verdict', (p) => ({ ...p.dataset, text: p.textContent }));
    assert.equal(v.answer, String(answer), `${id}: ${v.text}`);
    assert.equal(v.verdict, guess === answer ? 'right' : 'wrong', `${id}: ${v.text}`);
    const pointed = await page.$$eval('#py-lanes g.lane.pointed', (gs) => gs.map((g) => g.dataset.task));
    assert.deepEqual(pointed, [v.lane], `${id}: the lane the verdict names is marked`);
    if (id === 'forgotten-await') assert.match(end.stderr, /RuntimeWarning: coroutine 'save' was never awaited/);
    else assert.equal(end.stderr, '', `${id} wrote to stderr`);
  }
  assertNoErrors(page);
});

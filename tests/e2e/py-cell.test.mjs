/**
 * The Python cell (`exp=py`), on one page whose interpreter is loaded once:
 *
 * - nothing under pyodide/ (or py/) is requested before the learner presses Run;
 * - stdout and stderr arrive apart, and while the program is still running;
 * - a SyntaxError and an exception show Python's message and a traceback of the cell's code
 *   only (no frames of the runner above it);
 * - `while True: pass` is cancelled: the worker is terminated, a fresh interpreter starts, and
 *   the next run works;
 * - every ready snippet runs to its end (ThreadPoolExecutor prints Python's thread error);
 * - the take-home notebook runs top to bottom here, as in JupyterLite's Pyodide kernel;
 * - Share gives a `code=` link that reproduces the editor's code; opening such a link with
 *   run=1 runs it; a bad link gets a clear message and leaves the editor alone;
 * - a traced run draws one lane per task (what each awaits, the line it stopped at), for code
 *   that awaits main() and for code that calls asyncio.run(main()); the switch turns it off;
 * - code and output survive a reload; `?embed=1&exp=py` shows the cell with its short note;
 * - no console or page error anywhere.
 *
 * @browsers chromium firefox
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  setupServed, newPage, loadCell, cellState, waitIdle, runCode, encodeCode, at, assertNoErrors, PY_TIMEOUT,
} from '../support/py-page.mjs';
import { download } from '../support/cpu-page.mjs';

let env;
let page;
before(async () => {
  env = await setupServed();
  page = await newPage(env.context);
});
after(async () => { await env?.close(); });

const SNIPPETS = ['gather', 'as-completed', 'first-completed', 'task-group', 'async-queue', 'queues', 'sched', 'thread-pool'];

test('nothing of Python loads until Run; then output streams in, stdout and stderr apart', async (t) => {
  await loadCell(page, at(env.url, 'exp=py&lang=en'));
  const cold = await cellState(page);
  assert.equal(cold.engine, 'cold');
  assert.match(cold.code, /await asyncio\.gather/, 'the editor starts with the asyncio example');
  await page.waitForTimeout(500);
  // (The small worker scripts under py/ are in the offline copy the service worker keeps; the
  // engine itself, ~13 MB under pyodide/<version>/, is fetched only when used.)
  assert.deepEqual(env.requests.filter((r) => /\/pyodide\//.test(r)), [], 'engine files requested before Run');

  const code = 'import sys, time\nprint("first")\nprint("to stderr", file=sys.stderr)\ntime.sleep(1.5)\nprint("last")\n';
  await page.fill('#py-code', code);
  const t0 = Date.now();
  await page.click('#py-run');
  // "first" must be on the page while the program still sleeps.
  await page.waitForFunction(() => document.querySelector('#py-output span.stdout')?.textContent.includes('first'), null,
    { timeout: PY_TIMEOUT, polling: 50 });
  const mid = await cellState(page);
  assert.equal(mid.status, 'running', 'output arrived while the program was running');
  assert.ok(!mid.stdout.includes('last'));
  const end = await waitIdle(page);
  t.diagnostic(`first run (engine load + program) ${Date.now() - t0} ms; ${end.engineText}`);
  assert.equal(end.status, 'done', end.statusText);
  assert.equal(end.stdout, 'first\nlast\n');
  assert.equal(end.stderr, 'to stderr\n');
  assert.equal(end.engine, 'ready');
  assert.match(end.engineText, /Python 3\.\d+\.\d+ · Pyodide \d+\.\d+\.\d+/);
  assert.ok(env.requests.some((r) => /pyodide\/[^/]+\/pyodide\.asm\.wasm/.test(r)), 'the engine came from the versioned folder');
  assertNoErrors(page);
});

test('a SyntaxError and an exception show Python\'s message and the cell\'s traceback', async () => {
  const syntax = await runCode(page, 'print("never")\nx = (\n');
  assert.equal(syntax.status, 'raised', syntax.statusText);
  assert.match(syntax.statusText, /SyntaxError/);
  assert.equal(syntax.stdout, '', 'nothing ran');
  assert.match(syntax.stderr, /File "<cell>", line 2/);
  assert.match(syntax.stderr, /SyntaxError: '\(' was never closed/);

  const raised = await runCode(page, 'def half(x):\n    return x / 0\n\nprint("before")\nhalf(3)\n');
  assert.equal(raised.status, 'raised');
  assert.equal(raised.stdout, 'before\n');
  assert.match(raised.stderr, /^Traceback \(most recent call last\):\n {2}File "<cell>", line 5, in <module>\n/);
  assert.match(raised.stderr, /File "<cell>", line 2, in half/);
  assert.match(raised.stderr, /ZeroDivisionError: division by zero\n$/);
  for (const s of [syntax, raised]) {
    assert.doesNotMatch(s.stderr, /_pyodide|runner\.py|_base\.py/, 'frames of the runner leaked into the traceback');
  }
  assertNoErrors(page);
});

test('a flood of prints arrives whole and in order', async (t) => {
  const t0 = Date.now();
  const s = await runCode(page, 'for i in range(5000):\n    print(i)\n');
  t.diagnostic(`5000 lines in ${Date.now() - t0} ms`);
  assert.equal(s.status, 'done');
  const lines = s.stdout.trimEnd().split('\n');
  assert.equal(lines.length, 5000);
  assert.ok(lines.every((l, i) => l === String(i)), 'lines out of order or missing');
  assertNoErrors(page);
});

test('a runaway loop is cancelled: the worker is terminated and a fresh interpreter runs the next code', async (t) => {
  await page.fill('#py-code', 'print("spinning")\nwhile True:\n    pass\n');
  await page.click('#py-run');
  await page.waitForFunction(() => document.querySelector('#py-output span.stdout')?.textContent.includes('spinning'), null,
    { timeout: PY_TIMEOUT, polling: 50 });
  await page.waitForTimeout(300);
  const t0 = Date.now();
  await page.click('#py-cancel');
  const cancelled = await waitIdle(page, { timeout: 5000 });
  t.diagnostic(`cancel took ${Date.now() - t0} ms`);
  assert.equal(cancelled.status, 'cancelled');
  // The fresh interpreter remembers nothing of the old one.
  const fresh = await runCode(page, 'import sys\nprint("spinning" in dir(), 6 * 7, "warm" if "asyncio" in sys.modules else "cold")\n');
  assert.equal(fresh.status, 'done', fresh.statusText);
  assert.match(fresh.stdout, /^False 42/);
  assertNoErrors(page);
});

test('every ready snippet runs to its end', async () => {
  for (const id of SNIPPETS) {
    await page.click(`#py-snippet-${id}`);
    const code = (await cellState(page)).code;
    assert.ok(code.length > 100, `${id}: the editor got the snippet`);
    await page.click('#py-run');
    const s = await waitIdle(page);
    assert.equal(s.status, 'done', `${id}: ${s.statusText}\n${s.stderr}`);
    assert.equal(s.stderr, '', `${id} wrote to stderr`);
    assert.ok(s.stdout.trim().split('\n').length >= 2, `${id} printed little: ${s.stdout}`);
    if (id === 'thread-pool') assert.match(s.stdout, /RuntimeError: can't start new thread/);
    if (id === 'gather') assert.match(s.stdout, /gather returned \['page 1', 'page 2', 'page 3'\]/);
    if (id === 'queues') assert.match(s.stdout, /LifoQueue: \['third', 'second', 'first'\]/);
  }
  assertNoErrors(page);
});

/** The drawn lanes: [{task, steps, bars, awaiting: [labels], lines: [data-line of each bar]}]. */
function lanesOf(page) {
  return page.$$eval('#py-lanes g.lane', (gs) => gs.map((g) => ({
    task: g.dataset.task,
    steps: Number(g.dataset.steps),
    bars: g.querySelectorAll('rect.step').length,
    awaiting: [...g.querySelectorAll('g.wait')].map((w) => w.dataset.awaiting),
    lines: [...g.querySelectorAll('rect.step')].map((r) => r.dataset.line ?? null),
  })));
}

// The learner's own asyncio code, traced (on by default): one lane per task, the top level first,
// each wait labelled with what it awaits, each bar with the line it stopped at — as the code is
// written, and pasted with asyncio.run(main()) too. With the switch off nothing is drawn.
// The take-home notebook in this Pyodide, as a JupyterLite kernel (Pyodide too) runs it: the first
// cell's %%writefile done by hand, then every code cell of the template in order, top-level
// awaits included. Threads and processes cannot start here, and their cells must say so and let
// the notebook go on.
const NOTEBOOK_IN_PYODIDE = `import ast, re, sys, js
from pyodide.http import pyfetch
get = lambda name: pyfetch(js.location.origin + "/take-home/" + name)
open("cpu_experiment.py", "w").write(await (await get("cpu_experiment.py")).string())
sys.path.insert(0, ".")
template = await (await get("cpu_notebook.py")).string()
template = re.sub(r"^DEFAULTS = \\{.*\\}  # playground: settings$", 'DEFAULTS = {"n": 300, "k": 2, "chunk": 10, "rounds": 1}', template, flags=re.M)
for i, cell in enumerate(template.split("\\n# %%")[1:], 1):
    head, _, body = cell.partition("\\n")
    if not head.strip():
        result = eval(compile(body, f"<cell {i}>", "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT), globals())
        if result is not None:
            await result
print("the notebook ran to its end")
`;

test('the take-home notebook runs top to bottom in this Pyodide, saying why threads and processes cannot', async () => {
  const s = await runCode(page, NOTEBOOK_IN_PYODIDE);
  assert.equal(s.status, 'done', s.statusText + s.stderr);
  assert.match(s.stdout, /\nserial: [\d.]+ ms \(median of 1\); sum 413878\.4349071171 — the page's sum/);
  assert.match(s.stdout, /\ncoroutines: [\d.]+ ms .* the page's sum/);
  assert.match(s.stdout, /\nthreads: not here — RuntimeError: can't start new thread/);
  assert.match(s.stdout, /\nprocesses: not here — \w+Error/);
  assert.match(s.stdout, /\nprocesses \+ queue: not here — \w+Error/);
  assert.match(s.stdout, /every mode's sum is the same; bit-identical to the page's 413878\.4349071171/);
  assert.match(s.stdout, /the notebook ran to its end\n$/);
  assertNoErrors(page);
});

test('a traced run draws one lane per task with what each awaits; the switch turns it off', async () => {
  const body = 'import asyncio\n\nasync def fetch(name, delay):\n    await asyncio.sleep(delay)\n    return name\n\n'
    + 'async def main():\n    async with asyncio.TaskGroup() as tg:\n'
    + '        a = tg.create_task(fetch("a", 0.05), name="a")\n        b = tg.create_task(fetch("b", 0.1), name="b")\n'
    + '    print(a.result(), b.result())\n\n';
  assert.equal(await page.isChecked('#py-tracing'), true, 'tracing is on by default');
  for (const last of ['await main()\n', 'asyncio.run(main())\n']) {
    const end = await runCode(page, body + last);
    assert.equal(end.status, 'done', end.statusText);
    assert.equal(end.stdout, 'a b\n');
    const lanes = await lanesOf(page);
    const names = lanes.map((l) => l.task);
    assert.equal(names[0], 'main', `${last}: the top level is the first lane: ${names}`);
    const a = lanes.find((l) => l.task === 'a');
    const b = lanes.find((l) => l.task === 'b');
    assert.ok(a && b, `${last}: lanes ${JSON.stringify(names)}`);
    assert.deepEqual([a.awaiting, b.awaiting], [['sleep(0.05)'], ['sleep(0.1)']], `${last}: what a and b await`);
    assert.deepEqual([a.steps, a.lines[0]], [2, '4'], `${last}: a stops once, at line 4`);
    assert.ok(lanes.some((l) => l.awaiting.includes('taskgroup')), `${last}: nobody waits on the TaskGroup: ${JSON.stringify(lanes)}`);
    assert.equal(await page.getAttribute('#py-lanes', 'data-tasks'), String(lanes.length));
  }
  // Trace: the same run for Perfetto — a named thread per task, each wait with what it awaited.
  const { name, text } = await download(page, '#py-trace');
  assert.equal(name, 'py-run.trace.json');
  const events = JSON.parse(text).traceEvents;
  const threads = events.filter((e) => e.name === 'thread_name').map((e) => e.args.name);
  assert.ok(['main', 'a', 'b'].every((n) => threads.includes(n)), `threads ${threads}`);
  const a = events.find((e) => e.name === 'thread_name' && e.args.name === 'a').tid;
  const waits = events.filter((e) => e.cat === 'wait' && e.tid === a);
  assert.deepEqual(waits.map((e) => e.args.awaiting), ['sleep(0.05)']);
  // Never shorter than the sleep (a timer does not fire early); later only by the machine's load.
  assert.ok(waits[0].dur >= 45_000 && waits[0].dur < 5_000_000, `a slept ${waits[0].dur} µs for sleep(0.05)`);
  await page.uncheck('#py-tracing');
  const off = await runCode(page, body + 'await main()\n');
  assert.equal(off.stdout, 'a b\n');
  assert.equal(await page.locator('#py-lanes').count(), 0, 'lanes drawn with tracing off');
  await page.check('#py-tracing');
  assertNoErrors(page);
});

test('Share gives a code= link; the link opens and runs that code; code and output survive a reload', async () => {
  const code = 'import asyncio\nasync def hi(n):\n    await asyncio.sleep(0.05)\n    return "你好 " * n\nprint((await hi(2)).strip())\n';
  const ran = await runCode(page, code);
  assert.equal(ran.stdout, '你好 你好\n');
  await page.click('#py-share');
  const link = await page.inputValue('#py-share-link');
  await page.click('#py-share-close');
  const u = new URL(link);
  assert.equal(u.searchParams.get('exp'), 'py');
  assert.equal(u.searchParams.get('run'), '1');
  assert.equal(u.searchParams.get('code'), encodeCode(code), 'base64url of UTF-8, no padding');

  // Reload: the same code and output, marked as restored.
  // (Opening the page's own URL again is the reload; a reload followed by a second navigation
  // would abort the first load's requests, which Firefox logs as the service worker's error.)
  await loadCell(page, page.url());
  const back = await cellState(page);
  assert.equal(back.code, code);
  assert.equal(back.stdout, '你好 你好\n');
  assert.equal(await page.locator('#py-restored').count(), 1, 'restored output is marked');

  // The link, in a new tab: opens the code and runs it.
  const other = await newPage(env.context);
  try {
    const shared = 'print(sum(range(101)))\n';
    await loadCell(other, at(env.url, `exp=py&code=${encodeCode(shared)}&run=1&lang=en`));
    const s = await waitIdle(other);
    assert.equal(s.code, shared);
    assert.equal(s.stdout, '5050\n');
    assertNoErrors(other);
  } finally {
    await other.close();
  }
  assertNoErrors(page);
});

test('a bad code= link gets a clear message and runs nothing', async () => {
  const other = await newPage(env.context);
  try {
    for (const [bad, why] of [['print*(1)', /character “\*” at position 5/], ['__4', /not UTF-8/], ['Zm9vY', /length/]]) {
      await loadCell(other, at(env.url, `exp=py&code=${bad}&run=1&lang=en`));
      const problems = await other.$$eval('#url-problems li', (l) => l.map((li) => li.textContent));
      assert.equal(problems.length, 1, JSON.stringify(problems));
      assert.match(problems[0], why);
      const s = await cellState(other);
      assert.notEqual(s.code, '', 'the editor keeps a program');
      await other.waitForTimeout(1000);
      const after = await cellState(other);
      assert.ok(after.engine === 'cold' && after.status !== 'running', `${bad}: something ran: ${JSON.stringify(after)}`);
    }
    assertNoErrors(other);
  } finally {
    await other.close();
  }
});

test('?embed=1&exp=py shows the cell and its short note only', async () => {
  const other = await newPage(env.context);
  try {
    await loadCell(other, at(env.url, 'embed=1&exp=py&lang=en'));
    assert.equal(await other.getAttribute('.app', 'data-embed'), 'py');
    assert.equal(await other.getAttribute('section.topic', 'data-topic'), 'python-browser');
    assert.match(await other.textContent('section.topic .note'), /Pyodide/);
    assert.equal(await other.locator('#cpu').count(), 0);
    assert.equal(await other.locator('#io').count(), 0);
    const toc = await page.$$eval('#toc a', (as) => as.map((a) => a.getAttribute('href')));
    assert.ok(toc.includes('#topic-python-browser'), 'the full page lists the cell in its contents');
    assertNoErrors(other);
  } finally {
    await other.close();
  }
});

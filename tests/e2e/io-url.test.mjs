/**
 * I/O URL presets are validated, never trusted: `?exp=io` scrolls the page to the I/O experiment's
 * section (both panels are always on the page), every unusable I/O parameter gets its own message
 * naming the value and falls back to its default (the inputs show the defaults, none marked
 * invalid, Run usable), nothing runs without `run=1`, and a count above 1000 is capped with a
 * message that names the value and the cap.
 *
 * A `modes=` that names no mode at all gets two messages, as on the CPU panel and as the Rust
 * unit test `preset::io::tests::bad_values` specifies: the unknown mode, and that the default
 * selection is used.
 *
 * @browsers chromium firefox
 */
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import {
  setup, newPage, load, at, clearStorage, settled, runLog, urlProblems, tickedModes, assertNoErrors, panelModes,
} from '../support/io-page.mjs';

let env;
before(async () => { env = await setup({ isolated: true }); });
after(async () => { await env?.close(); });
// No stored run from an earlier test: "no results rows" must mean nothing ran.
beforeEach(async () => { await clearStorage(env.context, env.url); });

const FIELDS = ['count', 'latency', 'jitter', 'bandwidth', 'conn', 'fail', 'seed', 'k'];
const DEFAULTS = { count: '48', latency: '100', jitter: '20', bandwidth: '2000', conn: '6', fail: '0', seed: '1', k: '4' };

async function fields(page) {
  const out = {};
  for (const f of FIELDS) out[f] = await page.inputValue(`#io-${f}`);
  return out;
}

/** The page has scrolled to the I/O experiment's section; the CPU panel is still on the page. */
async function assertIoSection(page) {
  assert.equal(await page.locator('#topic-experiment-io #io').count(), 1, '#io is not in #topic-experiment-io');
  assert.equal(await page.isVisible('#io'), true, 'the I/O panel is not visible');
  assert.equal(await page.isVisible('#cpu'), true, 'the CPU panel is gone');
  try {
    // At the top of the viewport, less its scroll-margin-top.
    await page.waitForFunction(() => {
      const section = document.getElementById('topic-experiment-io');
      return Math.abs(section.getBoundingClientRect().top - parseFloat(getComputedStyle(section).scrollMarginTop)) <= 2;
    }, null, { timeout: 10_000, polling: 50 });
  } catch (e) {
    const top = await page.evaluate(() => {
      const section = document.getElementById('topic-experiment-io');
      return { top: section.getBoundingClientRect().top, margin: getComputedStyle(section).scrollMarginTop, scrollY };
    });
    throw new Error(`the page did not scroll to #topic-experiment-io: ${JSON.stringify(top)}`, { cause: e });
  }
}

/** Waits as long as `run=1` would, then checks no I/O run started and no results are shown. */
async function assertNothingRan(page) {
  await settled(page);
  const states = (await runLog(page)).map((e) => e.state).filter((s) => s !== null);
  assert.deepEqual(states, ['idle'], `a run started: run-state log ${JSON.stringify(states)}`);
  assert.equal(await page.locator('[id^="io-progress-"]').count(), 0, 'progress bars appeared');
  assert.equal(await page.locator('#io-results tbody tr').count(), 0, 'results rows appeared');
}

test('every bad I/O preset value gets a message and its default; nothing runs', async () => {
  const page = await newPage(env.context);
  try {
    await load(page, at(env.url, 'exp=io&count=0&latency=-5&fail=2&source=ftp&order=x&modes=nope&k=100&lang=en'));
    await assertIoSection(page);
    const list = await urlProblems(page);
    const want = [['count', '0'], ['latency', '-5'], ['fail', '2'], ['source', 'ftp'], ['order', 'x'], [null, 'nope'], ['modes', null], ['k', '100']];
    assert.equal(list.length, want.length,
      `want one message per problem (count, latency, fail, source, order, the unknown mode, the modes fallback, k):\n${list.join('\n')}`);
    want.forEach(([key, value], i) => {
      if (key) assert.ok(list[i].includes(key), `message ${i + 1} should name "${key}": ${list[i]}`);
      if (value) assert.ok(list[i].includes(`“${value}”`), `message ${i + 1} should quote "${value}": ${list[i]}`);
    });
    assert.deepEqual(await fields(page), DEFAULTS, 'the inputs hold the defaults');
    for (const f of FIELDS) {
      assert.equal(await page.getAttribute(`#io-${f}`, 'aria-invalid'), 'false', `#io-${f} is marked invalid although it holds the default`);
    }
    assert.equal(await page.inputValue('#io-source'), 'simulated', '#io-source default');
    assert.equal(await page.inputValue('#io-order'), 'completion', '#io-order default');
    assert.equal(await page.locator('#io-urls').count(), 0, '#io-urls shown although the source is simulated');
    assert.deepEqual(await tickedModes(page), (await panelModes(page, 'io')).filter((m) => !m.startsWith('py-')), 'every Rust mode is ticked by default (the Python ones load an interpreter, so they wait to be ticked)');
    assert.equal(await page.isDisabled('#io-run'), false, 'Run should be usable with the defaults');
    assert.equal(await page.locator('#io .field-errors li').count(), 0, 'field errors although the inputs hold the defaults');
    await assertNothingRan(page);
    assertNoErrors(page);
  } finally {
    await page.close();
  }
});

test('a count above 1000 is capped with a message', async () => {
  const page = await newPage(env.context);
  try {
    await load(page, at(env.url, 'exp=io&count=5000&lang=en'));
    await assertIoSection(page);
    const list = await urlProblems(page);
    assert.equal(list.length, 1, `want exactly the cap message:\n${list.join('\n')}`);
    assert.ok(list[0].includes('5000') && list[0].includes('1000'), `the cap message should name the value and the cap: ${list[0]}`);
    assert.deepEqual(await fields(page), { ...DEFAULTS, count: '1000' }, 'the inputs after capping');
    assert.equal(await page.getAttribute('#io-count', 'aria-invalid'), 'false', '#io-count marked invalid after capping');
    assert.equal(await page.isDisabled('#io-run'), false, 'Run should be usable after capping');
    await assertNothingRan(page);
    assertNoErrors(page);
  } finally {
    await page.close();
  }
});

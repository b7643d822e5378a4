/**
 * URL presets and typed inputs are validated, never trusted: every unusable parameter gets its
 * own message and falls back to its default, nothing runs on a bad `run=` value, an n above the
 * limit is capped (with a message), markup in a value is shown as text, an invalid typed n
 * disables Run until it is fixed, and an empty `modes=` falls back to the default selection.
 *
 * @browsers chromium firefox
 */
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import {
  setup, newPage, load, clearStorage, at, settled, runLog, waitForRun, tickedModes, type, env as readEnv, assertNoErrors, LOAD_TIMEOUT,
} from '../support/cpu-page.mjs';

let env;
before(async () => { env = await setup({ isolated: true }); });
after(async () => { await env?.close(); });
// No stored results or language from an earlier test: "no results rows" must mean nothing ran.
beforeEach(async () => { await clearStorage(env.context, env.url); });

const problems = (page) => page.$$eval('#url-problems li', (l) => l.map((li) => li.textContent));

/** Waits until the page has settled (as long as `run=1` would wait) and checks no run started. */
async function assertNothingRan(page) {
  await settled(page);
  const states = (await runLog(page)).map((e) => e.state).filter((s) => s !== null);
  assert.deepEqual(states, ['idle'], `a run started: run-state log ${JSON.stringify(states)}`);
  assert.equal(await page.locator('[id^="progress-"]').count(), 0, 'progress bars appeared');
  assert.equal(await page.locator('#cpu-results tbody tr').count(), 0, 'results rows appeared');
  assert.equal(await page.locator('#cpu-restored').count(), 0, 'restored results shown although storage was cleared');
}

test('every bad preset value gets a message and its default; nothing runs', async () => {
  const page = await newPage(env.context);
  try {
    await load(page, at(env.url, 'n=abc&k=999&chunk=0&modes=foo,serial&run=maybe&zzz=1&lang=xx'));
    const list = await problems(page);
    assert.equal(list.length, 7, `want one message per problem (n, k, chunk, foo, run, zzz, lang):\n${list.join('\n')}`);
    for (const [i, needle] of [[0, 'abc'], [1, '999'], [2, 'chunk'], [3, 'foo'], [4, 'maybe'], [5, 'zzz'], [6, 'xx']]) {
      assert.ok(list[i].includes(needle), `message ${i + 1} should mention "${needle}": ${list[i]}`);
    }
    const hc = (await readEnv(page)).hc;
    assert.match(hc, /^[1-9]\d*$/, `#env data-hc is "${hc}"`);
    assert.equal(await page.inputValue('#cpu-n'), '10000', '#cpu-n default');
    assert.equal(await page.inputValue('#cpu-k'), hc, '#cpu-k default is hardwareConcurrency');
    assert.equal(await page.inputValue('#cpu-chunk'), 'auto', '#cpu-chunk default');
    assert.deepEqual(await tickedModes(page), ['serial'], 'only the valid mode of modes=foo,serial is ticked');
    for (const f of ['#cpu-n', '#cpu-k', '#cpu-chunk']) {
      assert.equal(await page.getAttribute(f, 'aria-invalid'), 'false', `${f} is marked invalid although it holds the default`);
    }
    assert.equal(await page.isDisabled('#cpu-run'), false, 'Run should be usable with the defaults');
    await assertNothingRan(page);
    assertNoErrors(page);
  } finally {
    await page.close();
  }
});

test('the "nothing ran" check does see a run=1 run (control)', async () => {
  const page = await newPage(env.context);
  try {
    await load(page, at(env.url, 'n=200&modes=serial&rounds=1&run=1&lang=en'));
    await waitForRun(page);
    await settled(page);
    const states = (await runLog(page)).map((e) => e.state).filter((s) => s !== null);
    assert.ok(states.includes('running'), `run=1 did not show up in the run-state log: ${JSON.stringify(states)}`);
    assertNoErrors(page);
  } finally {
    await page.close();
  }
});

test('n above 50000 is capped with a message', async () => {
  const page = await newPage(env.context);
  try {
    await load(page, at(env.url, 'n=999999&lang=en'));
    const list = await problems(page);
    assert.equal(list.length, 1, `want exactly the cap message:\n${list.join('\n')}`);
    assert.ok(list[0].includes('999999') && list[0].includes('50000'), `cap message should name the value and the cap: ${list[0]}`);
    assert.equal(await page.inputValue('#cpu-n'), '50000', '#cpu-n after capping');
    assert.equal(await page.getAttribute('#cpu-n', 'aria-invalid'), 'false');
    await assertNothingRan(page);
    assertNoErrors(page);
  } finally {
    await page.close();
  }
});

test('markup in a URL value is shown as text, not inserted', async () => {
  const page = await newPage(env.context);
  try {
    const evil = '<img src=x onerror=alert(1)>';
    await load(page, at(env.url, `n=${encodeURIComponent(evil)}&lang=en`));
    const list = await problems(page);
    assert.equal(list.length, 1, `want one message:\n${list.join('\n')}`);
    assert.ok(list[0].includes(evil), `the message should show the value literally: ${list[0]}`);
    assert.equal(await page.locator('#url-problems img').count(), 0, 'an <img> was created in #url-problems');
    assert.equal(await page.locator('img[src="x"]').count(), 0, 'an <img src=x> was created in the page');
    await settled(page);
    assertNoErrors(page); // alert() would be recorded as a dialog error
  } finally {
    await page.close();
  }
});

test('a typed invalid n disables Run until it is fixed', async () => {
  const page = await newPage(env.context);
  try {
    await load(page, at(env.url, 'lang=en'));
    assert.equal(await page.isDisabled('#cpu-run'), false, 'Run disabled before any typing');
    assert.equal(await page.locator('.field-errors li').count(), 0, 'field errors before any typing');

    await type(page, '#cpu-n', '12x');
    await page.waitForSelector('#cpu-n[aria-invalid="true"]', { timeout: LOAD_TIMEOUT });
    assert.equal(await page.isDisabled('#cpu-run'), true, 'Run stays enabled with n = "12x"');
    const errors = await page.$$eval('.field-errors li', (l) => l.map((li) => li.textContent));
    assert.equal(errors.length, 1, `want one field error: ${JSON.stringify(errors)}`);
    assert.ok(errors[0].includes('12x'), `the field error should quote the input: ${errors[0]}`);
    assert.equal(await page.getAttribute('#cpu-k', 'aria-invalid'), 'false', '#cpu-k marked invalid');

    await type(page, '#cpu-n', '1200');
    await page.waitForSelector('#cpu-n[aria-invalid="false"]', { timeout: LOAD_TIMEOUT });
    assert.equal(await page.isDisabled('#cpu-run'), false, 'Run not re-enabled after fixing n');
    assert.equal(await page.locator('.field-errors li').count(), 0, 'field error left after fixing n');
    assertNoErrors(page);
  } finally {
    await page.close();
  }
});

test('an empty modes= gives a message and the default modes', async () => {
  const page = await newPage(env.context);
  try {
    await load(page, at(env.url, 'modes=&lang=en'));
    const list = await problems(page);
    assert.equal(list.length, 1, `want one message:\n${list.join('\n')}`);
    assert.match(list[0], /mode/i, `the message should be about modes: ${list[0]}`);
    // Isolated page: every mode but main-thread (opt-in, it freezes the page).
    assert.deepEqual(await tickedModes(page), ['serial', 'async', 'rayon', 'global-lock', 'workers', 'workers-queue'],
      'default selection on an isolated page');
    assertNoErrors(page);
  } finally {
    await page.close();
  }
});

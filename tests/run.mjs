// Runs the page tests once per browser: `node tests/run.mjs [FILE …]` (what `make test-page`
// calls after the release build). BROWSERS picks the browsers, in order (default
// `chromium,firefox`); each runs as its own `node --test` process with PLAYGROUND_BROWSER set
// (see tests/support/browser.mjs), one file at a time. Without FILE arguments every
// tests/e2e/*.test.mjs file runs, in each browser its header names: a line `@browsers chromium
// firefox` in the file's opening comment (every file has it today); a file without one runs in
// Chromium only. Prints each browser's wall time, and exits non-zero if any run failed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const KNOWN = ['chromium', 'firefox'];
const browsers = (process.env.BROWSERS || KNOWN.join(',')).split(',').map((b) => b.trim()).filter(Boolean);
for (const b of browsers) {
  if (!KNOWN.includes(b)) {
    console.error(`BROWSERS=${process.env.BROWSERS}: unknown browser "${b}" (known: ${KNOWN.join(', ')})`);
    process.exit(2);
  }
}

const e2e = path.join(path.dirname(fileURLToPath(import.meta.url)), 'e2e');
const files = process.argv.length > 2
  ? process.argv.slice(2)
  : fs.readdirSync(e2e).filter((f) => f.endsWith('.test.mjs')).sort().map((f) => path.join(e2e, f));

/** The browsers a test file declares (`@browsers a b`), or Chromium alone. */
function browsersOf(file) {
  const m = /@browsers\s+([a-z ,]+)/.exec(fs.readFileSync(file, 'utf8'));
  return m ? m[1].split(/[\s,]+/).filter(Boolean) : ['chromium'];
}

const times = [];
let failed = false;
for (const browser of browsers) {
  const mine = files.filter((f) => browsersOf(f).includes(browser));
  if (mine.length === 0) continue;
  console.log(`\n# page tests in ${browser}: ${mine.length} files`);
  const t0 = Date.now();
  const r = spawnSync(process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=spec', ...mine], {
    stdio: 'inherit', env: { ...process.env, PLAYGROUND_BROWSER: browser },
  });
  const s = (Date.now() - t0) / 1000;
  times.push(`${browser} ${mine.length} files ${Math.floor(s / 60)} min ${Math.round(s % 60)} s${r.status === 0 ? '' : ' (FAILED)'}`);
  if (r.status !== 0) failed = true;
}
console.log(`\n# page tests' wall time: ${times.join('; ')}`);
process.exit(failed ? 1 : 0);

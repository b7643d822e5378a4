// Runs after every Trunk build (a post_build hook in Trunk.toml, on the staging directory):
//  - stamps sw.js with this build's id and the list of files to cache for offline use, so a new
//    deployment is a new service worker that re-caches and drops the old cache;
//  - writes _headers (Netlify, Cloudflare Pages) with the isolation headers and a
//    Content-Security-Policy whose script hashes cover Trunk's inline loader;
//  - writes .nojekyll, so GitHub Pages serves the files as they are;
//  - runs wasm-opt -Oz (binaryen 132 from npm: Debian's 108 cannot read wasm-bindgen's
//    reference-types output, and trunk cannot download one) on the page's wasm, and puts the new
//    file's hash in index.html's integrity attributes; PLAYGROUND_WASM_OPT=0 skips it (quick
//    builds while iterating: it takes a minute or two);
//  - copies the Python engine (Pyodide's core files, from the pinned npm package) into
//    pyodide/<version>/ and stamps that folder into sw.js and py/engine.mjs. Those files are not
//    in the offline list: nothing of Python loads until a learner asks for it, and the service
//    worker caches them on first use.
// Usage: node scripts/postbuild.mjs [DIR]   (default: $TRUNK_STAGING_DIR, else dist)
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const dir = path.resolve(process.argv[2] || process.env.TRUNK_STAGING_DIR || 'dist');
const SKIP = new Set(['sw.js', '_headers', '.nojekyll', '.trunk-lock']);

// Pyodide's core: the interpreter (wasm + its JS glue), the loader, the standard library and the
// lock file loadPyodide reads at start (no other package is needed: the stdlib is enough here).
const PYODIDE_FILES = ['pyodide.mjs', 'pyodide.asm.mjs', 'pyodide.asm.wasm', 'python_stdlib.zip', 'pyodide-lock.json'];
const source = path.resolve(process.env.TRUNK_SOURCE_DIR || '.');
const pyodideSrc = path.join(source, 'node_modules', 'pyodide');
if (!fs.existsSync(path.join(pyodideSrc, 'package.json'))) {
  throw new Error(`${pyodideSrc} is missing: run \`npm ci\` (scripts/setup.sh does) before building`);
}
const pyodideVersion = JSON.parse(fs.readFileSync(path.join(pyodideSrc, 'package.json'), 'utf8')).version;
if (!/^[\w.+-]+$/.test(pyodideVersion)) throw new Error(`odd pyodide version ${pyodideVersion}`);
const pyodideDir = `pyodide/${pyodideVersion}/`;
fs.rmSync(path.join(dir, 'pyodide'), { recursive: true, force: true });
fs.mkdirSync(path.join(dir, pyodideDir), { recursive: true });
for (const f of PYODIDE_FILES) fs.copyFileSync(path.join(pyodideSrc, f), path.join(dir, pyodideDir, f));

// wasm-opt before anything hashes the files. The module uses shared memory (threads), bulk
// memory and reference types: the features must be named, since wasm-bindgen's output has no
// target_features section for wasm-opt to read them from.
if (process.env.PLAYGROUND_WASM_OPT !== '0') {
  const wasmOpt = path.join(source, 'node_modules', 'binaryen', 'bin', 'wasm-opt');
  if (!fs.existsSync(wasmOpt)) throw new Error(`${wasmOpt} is missing: run \`npm ci\` (scripts/setup.sh does)`);
  const features = ['threads', 'bulk-memory', 'mutable-globals', 'sign-ext', 'nontrapping-float-to-int', 'reference-types', 'multivalue'];
  let index = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('_bg.wasm'))) {
    const p = path.join(dir, f);
    const sri = () => `sha384-${crypto.createHash('sha384').update(fs.readFileSync(p)).digest('base64')}`;
    const before = sri();
    execFileSync(process.execPath, [wasmOpt, '-Oz', ...features.map((x) => `--enable-${x}`), p, '-o', p], { stdio: 'inherit' });
    if (!index.includes(before)) throw new Error(`index.html has no integrity attribute for ${f}`);
    index = index.split(before).join(sri());
  }
  fs.writeFileSync(path.join(dir, 'index.html'), index);
}

/** Replaces the one line `const NAME = '…';` of a file in dir with `value`, or fails the build. */
function stamp(rel, name, value) {
  const p = path.join(dir, rel);
  const line = `const ${name} = ${JSON.stringify(value)};`;
  const text = fs.readFileSync(p, 'utf8').replace(new RegExp(`^const ${name} = .*;$`, 'm'), () => line);
  if (!text.includes(line)) throw new Error(`${rel} has no \`const ${name} = …;\` line to stamp`);
  fs.writeFileSync(p, text);
}
stamp('py/engine.mjs', 'PYODIDE_DIR', pyodideDir);

function files(root, rel = '') {
  return fs.readdirSync(path.join(root, rel), { withFileTypes: true }).flatMap((e) => {
    const p = rel ? `${rel}/${e.name}` : e.name;
    if (p === 'pyodide') return []; // versioned, loaded on demand, cached on first use
    return e.isDirectory() ? files(root, p) : SKIP.has(p) ? [] : [p];
  });
}

const list = files(dir).sort();
const hash = crypto.createHash('sha256');
for (const f of list) hash.update(f).update(fs.readFileSync(path.join(dir, f)));
const build = hash.digest('hex').slice(0, 16);
// './' is the page itself (index.html as served for the directory URL).
const precache = ['./', ...list];

const swPath = path.join(dir, 'sw.js');
let sw = fs.readFileSync(swPath, 'utf8');
sw = sw.replace(/^const BUILD = '[^']*';$/m, `const BUILD = '${build}';`)
  .replace(/^const PRECACHE = \[[^\]]*\];$/m, `const PRECACHE = ${JSON.stringify(precache)};`);
if (!sw.includes(`const BUILD = '${build}';`)) throw new Error('sw.js has no BUILD line to stamp');
fs.writeFileSync(swPath, sw);
stamp('sw.js', 'PYODIDE_DIR', pyodideDir);

// Every inline script of index.html (Trunk's loader) gets a hash in script-src.
const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) =>
  `'sha256-${crypto.createHash('sha256').update(m[1]).digest('base64')}'`);
const csp = [
  "default-src 'self'",
  // wasm needs 'wasm-unsafe-eval'; workers are our own same-origin module scripts.
  `script-src 'self' 'wasm-unsafe-eval' ${inline.join(' ')}`.trim(),
  "worker-src 'self'",
  // The I/O experiment's URL source fetches whatever URLs the learner pastes.
  "connect-src 'self' https: http:",
  // Thumbnails are object URLs of downloaded bytes.
  "img-src 'self' blob: data:",
  "style-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
  // Course sites may frame an experiment.
  'frame-ancestors *',
].join('; ');
const headers = `# Written by scripts/postbuild.mjs for hosts that read _headers (Netlify, Cloudflare Pages).
/*
  Cross-Origin-Opener-Policy: same-origin
  Cross-Origin-Embedder-Policy: require-corp
  Cross-Origin-Resource-Policy: cross-origin
  Document-Isolation-Policy: isolate-and-require-corp
  Content-Security-Policy: ${csp}
  X-Content-Type-Options: nosniff
/sw.js
  Cache-Control: no-cache
`;
fs.writeFileSync(path.join(dir, '_headers'), headers);
fs.writeFileSync(path.join(dir, '.nojekyll'), '');
console.log(`[postbuild] build ${build}: ${list.length} files to cache, ${inline.length} inline script(s) hashed, `
  + `Pyodide ${pyodideVersion} in ${pyodideDir}`);

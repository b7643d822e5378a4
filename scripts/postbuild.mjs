// Runs after every Trunk build (a post_build hook in Trunk.toml, on the staging directory):
//  - stamps sw.js with this build's id and the list of files to cache for offline use, so a new
//    deployment is a new service worker that re-caches and drops the old cache;
//  - writes _headers (Netlify, Cloudflare Pages) with the isolation headers and a
//    Content-Security-Policy whose script hashes cover Trunk's inline loader;
//  - writes .nojekyll, so GitHub Pages serves the files as they are.
// Usage: node scripts/postbuild.mjs [DIR]   (default: $TRUNK_STAGING_DIR, else dist)
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const dir = path.resolve(process.argv[2] || process.env.TRUNK_STAGING_DIR || 'dist');
const SKIP = new Set(['sw.js', '_headers', '.nojekyll', '.trunk-lock']);

function files(root, rel = '') {
  return fs.readdirSync(path.join(root, rel), { withFileTypes: true }).flatMap((e) => {
    const p = rel ? `${rel}/${e.name}` : e.name;
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
console.log(`[postbuild] build ${build}: ${list.length} files to cache, ${inline.length} inline script(s) hashed`);

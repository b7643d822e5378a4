// One file, two roles. Imported by the page (through wasm-bindgen), it exports `startWorker`.
// Loaded as a module worker, it waits for a `boot` message, loads the page's own module into the
// worker — with the page's shared memory for pool threads, with a fresh memory of its own for the
// process-like workers — and hands control to Rust (`worker_main`), which answers `ready`.
// The worker script is this same-origin file, not a blob, so a strict CSP needs no `blob:`.

export function startWorker(name) {
  return new Worker(new URL(import.meta.url), { type: 'module', name });
}

export function mainModuleUrl() {
  // The snippet sits at <root>/snippets/<crate>-<hash>/src/web/js/worker.js; the page passes the
  // main module's URL explicitly instead (see web/workers.rs), this is only for diagnostics.
  return import.meta.url;
}

if (typeof WorkerGlobalScope !== 'undefined' && self instanceof WorkerGlobalScope) {
  self.addEventListener('message', async function boot(event) {
    const data = event.data;
    if (!data || data.type !== 'boot') return;
    self.removeEventListener('message', boot);
    try {
      const pkg = await import(data.mainJS);
      const init = { module_or_path: data.module };
      if (data.memory) init.memory = data.memory;
      await pkg.default(init);
      pkg.worker_main(data.role);
    } catch (err) {
      self.postMessage({ type: 'boot-failed', error: String((err && err.message) || err) });
    }
  });
}

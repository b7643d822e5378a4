// One file, two roles. Imported by the page (through wasm-bindgen), it exports `startWorker`.
// Loaded as a module worker, it waits for a `boot` message, loads the page's own module into the
// worker — with the page's shared memory for pool threads, with a fresh memory of its own for the
// process-like workers — and hands control to Rust (`worker_main`), which answers `ready`.
// The worker script is this same-origin file, not a blob, so a strict CSP needs no `blob:`.

// The message types this script reads or writes (the Rust side's table is core::wire::Kind).
const MSG = Object.freeze({ boot: 'boot', bootFailed: 'boot-failed' });

export function startWorker(name) {
  return new Worker(new URL(import.meta.url), { type: 'module', name });
}

if (typeof WorkerGlobalScope !== 'undefined' && self instanceof WorkerGlobalScope) {
  self.addEventListener('message', async function boot(event) {
    const data = event.data;
    if (!data || data.type !== MSG.boot) return;
    self.removeEventListener('message', boot);
    try {
      const pkg = await import(data.mainJS);
      const init = { module_or_path: data.module };
      if (data.memory) init.memory = data.memory;
      await pkg.default(init);
      pkg.worker_main(data.role);
    } catch (err) {
      self.postMessage({ type: MSG.bootFailed, error: String((err && err.message) || err) });
    }
  });
}

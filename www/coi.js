// Cross-origin isolation where the host cannot send headers (GitHub Pages, most static hosts).
//
// The page's service worker (sw.js) adds Cross-Origin-Opener-Policy / -Embedder-Policy to the
// responses it serves. A page is only isolated if its own response carried them, so the first
// visit — not yet controlled by the worker — reloads once, controlled. Guards against loops:
// at most one reload per tab session, and none once the worker already serves the page (then
// isolation is impossible here: an iframe whose parent is not isolated, or a browser without
// support), in which case the page says so and runs without the shared-memory modes.
// The app reads the outcome from `window.__playgroundIsolation`.
(function () {
  // The message types this script writes (the Rust side's table is core::wire::Kind).
  var MSG = Object.freeze({ claim: 'claim' });
  // Why the page is not isolated, as the app reads it (the Rust side's table is
  // core::wire::IsolationReason).
  var REASON = Object.freeze({
    noServiceWorker: 'no-service-worker', frame: 'frame', browser: 'browser', notControlled: 'not-controlled',
    noStorage: 'no-storage', reloading: 'reloading', registrationFailed: 'registration-failed',
  });
  var status = { isolated: self.crossOriginIsolated === true, reason: null, reloaded: false };
  window.__playgroundIsolation = status;
  var KEY = 'playground.coi-reload';
  var storage = null;
  try { storage = window.sessionStorage; } catch (e) { /* sandboxed frame: no storage */ }
  try { status.reloaded = !!(storage && storage.getItem(KEY)); } catch (e) { /* ignore */ }
  if (!('serviceWorker' in navigator) || !window.isSecureContext) {
    status.reason = REASON.noServiceWorker;
    return;
  }
  if (status.isolated) {
    try { storage && storage.removeItem(KEY); } catch (e) { /* ignore */ }
    navigator.serviceWorker.register('sw.js').catch(function () { /* offline cache only */ });
    return;
  }
  if (navigator.serviceWorker.controller) {
    // Served by the worker with the headers, and still not isolated.
    status.reason = window.top !== window ? REASON.frame : REASON.browser;
    navigator.serviceWorker.register('sw.js').catch(function () { /* already registered */ });
    return;
  }
  if (!storage || status.reloaded) {
    status.reason = storage ? REASON.notControlled : REASON.noStorage;
    navigator.serviceWorker.register('sw.js').catch(function () { /* best effort */ });
    return;
  }
  status.reason = REASON.reloading;
  // If the worker never takes control (blocked, failing), stop waiting and say so: the page then
  // runs without the shared-memory modes. The app waits for this to settle before it starts.
  var gaveUp = setTimeout(function () { status.reason = REASON.notControlled; }, 5000);
  navigator.serviceWorker.register('sw.js').then(function () {
    return navigator.serviceWorker.ready;
  }).then(function (registration) {
    // sw.js claims its clients on activation; wait until it controls this page, then reload.
    function go() {
      clearTimeout(gaveUp);
      storage.setItem(KEY, String(Date.now()));
      window.location.reload();
    }
    if (navigator.serviceWorker.controller) return go();
    navigator.serviceWorker.addEventListener('controllerchange', go, { once: true });
    // If this page arrived while another tab was installing the worker, the claim in its
    // activate step came too early for us: ask for it again.
    if (registration.active) registration.active.postMessage({ type: MSG.claim });
  }).catch(function (e) {
    clearTimeout(gaveUp);
    status.reason = REASON.registrationFailed;
    console.warn('service worker registration failed:', e && e.message);
  });
})();

//! The `type` of every message that crosses `postMessage`, by wire name: one table for the Rust
//! side ([`crate::web`]'s channel enums encode and decode with it) that the JS side mirrors in
//! one constant table per script (`MSG` in `src/web/js/worker.js`, `www/sw.js`, `www/coi.js`,
//! `www/py/cpu.mjs`, `www/py/runner.mjs`) —
//! a test checks that every name the scripts use is here.

use crate::id_table;

id_table! {
    /// A message type.
    pub enum Kind {
        /// Page → any worker: load the module (handled by `worker.js`).
        Boot = "boot",
        /// Worker → page: booted, its role's handler is installed.
        Ready = "ready",
        /// Worker → page: loading the module failed.
        BootFailed = "boot-failed",
        /// Worker → page: an uncaught error (posted on the page side by the `onerror` handler).
        Crashed = "crashed",
        /// Page → CPU worker: compute a range of tasks.
        Job = "job",
        /// CPU worker → page: results of some tasks of a job.
        Batch = "batch",
        /// Page → pool worker: run a rayon thread.
        RunThread = "run-thread",
        /// Pool worker → page: its rayon thread ended.
        Idle = "idle",
        /// Page → download worker: queue one download.
        Get = "get",
        /// Page → download worker: run these downloads as blocking async tasks.
        GetBlocking = "get-blocking",
        /// Download worker → page: one download finished.
        Got = "got",
        /// Page → simnet worker: the port to the service worker.
        Connect = "connect",
        /// Page → simnet worker: open a run with these network parameters.
        Start = "start",
        /// Simnet worker → page: the run is open.
        Started = "started",
        /// Simnet worker → page: the parameters were refused.
        Refused = "refused",
        /// Page → simnet worker: close a run.
        Stop = "stop",
        /// Service worker → simnet worker: a request arrived.
        Arrive = "arrive",
        /// Simnet worker → service worker: answer a request now, with this HTTP status.
        Done = "done",
        /// Simnet worker → service worker: answer a request at this time, with this status.
        Due = "due",
        /// Page → service worker: the port to the simnet worker (and one to acknowledge on).
        SimnetPort = "simnet-port",
        /// Service worker → page: the port is installed.
        SimnetReady = "simnet-ready",
        /// Page → Python worker: start the interpreter.
        PyLoad = "py-load",
        /// Python worker → page: the interpreter is up.
        PyLoaded = "py-loaded",
        /// Page → Python worker: compute a job in a style.
        PyJob = "py-job",
        /// Python worker → page: loading or a job failed.
        PyFailed = "py-failed",
        /// Page → Python program worker (`py/runner.mjs`): start the interpreter.
        PyrunLoad = "pyrun-load",
        /// Python program worker → page: the interpreter is up.
        PyrunLoaded = "pyrun-loaded",
        /// Page → Python program worker: run a program.
        PyrunRun = "pyrun-run",
        /// Python program worker → page: text a program wrote.
        PyrunOut = "pyrun-out",
        /// Python program worker → page: a value a program handed over.
        PyrunEmit = "pyrun-emit",
        /// Python program worker → page: a program ended.
        PyrunDone = "pyrun-done",
        /// Python program worker → page: the interpreter could not start.
        PyrunFailed = "pyrun-failed",
        /// Page → Python program worker: run the next callbacks of a paused run's loop.
        PyrunStep = "pyrun-step",
        /// Page → Python program worker: run a paused run to its end.
        PyrunResume = "pyrun-resume",
        /// Python program worker → page: a stepped run's loop is paused (its state).
        PyrunPaused = "pyrun-paused",
        /// Python program worker → page: a traced run's new events so far.
        PyrunTrace = "pyrun-trace",
        /// Page → service worker: take control of this page.
        Claim = "claim",
        /// Embedded page → parent page: the page's height changed.
        FrameHeight = "playground:height",
    }
}

crate::id_table! {
    /// Why `www/coi.js` could not make the page cross-origin isolated (its `status.reason`, written
    /// only through its `REASON` table, which the tests below hold to this one).
    pub enum IsolationReason {
        /// No service workers here (not a secure context, or switched off).
        NoServiceWorker = "no-service-worker",
        /// Served by the service worker with the headers, inside a frame whose parent is not isolated.
        Frame = "frame",
        /// Served by the service worker with the headers, and this browser still does not isolate.
        Browser = "browser",
        /// The service worker never took control of the page.
        NotControlled = "not-controlled",
        /// No session storage (a sandboxed frame), so the one reload cannot be guarded.
        NoStorage = "no-storage",
        /// Reloading once, controlled, to become isolated.
        Reloading = "reloading",
        /// The service worker could not be registered.
        RegistrationFailed = "registration-failed",
        /// coi.js did not run, or recorded nothing.
        Unknown = "unknown",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The values of a script's `MSG = Object.freeze({ … })` table.
    fn js_table(path: &str) -> Vec<String> {
        named_js_table(path, "MSG")
    }

    /// The values of a script's `<name> = Object.freeze({ … })` table.
    pub(crate) fn named_js_table(path: &str, name: &str) -> Vec<String> {
        let text = std::fs::read_to_string(path).unwrap();
        let head = format!("{name} = Object.freeze({{");
        let start = text.find(&head).unwrap_or_else(|| panic!("{path} has no {name} table"));
        let table = &text[start..start + text[start..].find("})").unwrap()];
        table.split('\'').skip(1).step_by(2).map(str::to_string).collect()
    }

    /// Every message type a script names is in the Rust table, and the scripts name message types
    /// only through their table (no `postMessage({ type: '…' })` or `data.type === '…'` literal).
    #[test]
    fn scripts_use_the_table() {
        for path in ["src/web/js/worker.js", "www/sw.js", "www/coi.js", "www/py/cpu.mjs", "www/py/runner.mjs"] {
            let names = js_table(path);
            assert!(!names.is_empty(), "{path}");
            for n in &names {
                assert!(Kind::from_id(n).is_some(), "{path}: message type {n:?} is not in core::wire::Kind");
            }
            let text = std::fs::read_to_string(path).unwrap();
            for literal in ["postMessage({ type: '", "data.type === '", "data.type !== '", "m.type === '"] {
                assert!(!text.contains(literal), "{path}: a message type written as a literal ({literal}…)");
            }
        }
    }

    /// cpu.mjs's job styles are the page's `JobStyle` ids, and it compares styles only through
    /// its table.
    #[test]
    fn the_python_worker_knows_every_job_style() {
        use crate::core::engine::JobStyle;
        assert_eq!(named_js_table("www/py/cpu.mjs", "STYLE"), JobStyle::IDS);
        let text = std::fs::read_to_string("www/py/cpu.mjs").unwrap();
        assert!(!text.contains("style === '"), "www/py/cpu.mjs: a style written as a literal");
    }

    /// runner.mjs's clocks are the page's `Clock` ids, and it compares clocks only through its
    /// table.
    #[test]
    fn the_python_runner_knows_every_clock() {
        use crate::core::pycell::Clock;
        assert_eq!(named_js_table("www/py/runner.mjs", "CLOCK"), Clock::IDS);
        let text = std::fs::read_to_string("www/py/runner.mjs").unwrap();
        assert!(!text.contains("clock === '"), "www/py/runner.mjs: a clock written as a literal");
    }

    /// coi.js writes exactly the reasons of `IsolationReason`, and only through its table.
    #[test]
    fn coi_js_reasons_are_the_table() {
        let mut theirs = named_js_table("www/coi.js", "REASON");
        theirs.push("unknown".into()); // the page's own word for "coi.js said nothing"
        assert_eq!(theirs, IsolationReason::IDS);
        let text = std::fs::read_to_string("www/coi.js").unwrap();
        assert!(!text.contains("reason = '"), "www/coi.js: a reason written as a literal");
    }
}

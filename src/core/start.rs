//! The first screen: the tutorial's two measured tables, each with one run that reproduces it
//! here — the page's Rust modes and its Python modes for every variant, side by side in the
//! experiment's results — and where to go next. Pure: the rows and the links, tested natively.

use super::cpu_modes::CpuMode;
use super::io_modes::IoMode;
use super::lang::Lang;
use super::preset::Host;

/// The CPU table's rows, one mode per tutorial variant (its figure is the row's).
pub const CPU_ROWS: [CpuMode; 5] =
    [CpuMode::Serial, CpuMode::GlobalLock, CpuMode::Workers, CpuMode::WorkersQueue, CpuMode::Async];

/// The I/O table's rows, likewise.
pub const IO_ROWS: [IoMode; 5] =
    [IoMode::Serial, IoMode::Bounded, IoMode::Workers, IoMode::WorkersQueue, IoMode::Unbounded];

/// The tutorial's worker count, or as many as this machine offers if fewer.
fn k_for(host: Host) -> u32 {
    4.min(host.max_k())
}

/// The CPU run: every variant in Rust and in Python, at a size that takes seconds, not the
/// tutorial's minutes (its n = 20 000 is one click away in the experiment's note). `global-lock`
/// needs shared memory, so a page without cross-origin isolation runs the others.
pub fn cpu_run(host: Host, lang: Lang) -> String {
    let mut modes = vec!["serial"];
    if host.isolated {
        modes.push("global-lock");
    }
    modes.extend([
        "workers",
        "workers-queue",
        "async",
        "py-serial",
        "py-processes",
        "py-processes-queue",
        "py-asyncio",
    ]);
    format!("?exp=cpu&n=3000&k={}&rounds=1&modes={}&lang={}&run=1", k_for(host), modes.join(","), lang.tag())
}

/// The I/O run: the tutorial's network (its serial time per image), 48 images instead of 930.
pub fn io_run(host: Host, lang: Lang) -> String {
    format!(
        "?exp=io&count=48&latency=131&k={}&rounds=1&modes=serial,bounded,workers,workers-queue,unbounded,py-serial,py-bounded&lang={}&run=1",
        k_for(host),
        lang.tag()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::preset::{parse, Experiment};

    fn open(query: &str, host: Host) -> crate::core::preset::Preset {
        parse(query.trim_start_matches('?').split('&').map(|kv| kv.split_once('=').unwrap_or((kv, ""))), host)
    }

    /// Each run opens its experiment with no problem and starts, on any machine: isolated or not,
    /// one core or many; Rust and Python modes of every variant of its table.
    #[test]
    fn the_first_runs_open_cleanly_everywhere() {
        for host in [
            Host { hardware_concurrency: 1, isolated: false },
            Host { hardware_concurrency: 2, isolated: true },
            Host { hardware_concurrency: 16, isolated: true },
        ] {
            for lang in [Lang::Zh, Lang::En] {
                let cpu = open(&cpu_run(host, lang), host);
                assert!(cpu.problems.is_empty(), "{host:?}: {:?}", cpu.problems);
                assert!(cpu.run && cpu.experiment == Some(Experiment::Cpu));
                for row in CPU_ROWS.iter().filter(|m| host.isolated || !m.needs_shared_memory()) {
                    let variant = row.tutorial().variant;
                    let engines: Vec<_> =
                        cpu.cpu.modes.iter().filter(|m| m.tutorial().variant == variant).map(|m| m.engine()).collect();
                    assert!(engines.contains(&crate::core::engine::Engine::Rust), "{variant}: Rust");
                    // Python beside it, but for threads: the browser's Python cannot start one.
                    if *row != CpuMode::GlobalLock {
                        assert!(engines.contains(&crate::core::engine::Engine::Python), "{variant}: Python");
                    }
                }
                let io = open(&io_run(host, lang), host);
                assert!(io.problems.is_empty(), "{host:?}: {:?}", io.problems);
                assert!(io.run && io.experiment == Some(Experiment::Io) && io.io.modes.len() == 7);
            }
        }
    }
}

//! # Concurrency Playground
//!
//! A Chinese tutorial on Python concurrency, re-run live in the browser: the same CPU workload
//! timed serially, on threads, on "processes" (web workers) and as coroutines.
//!
//! # Layout
//! - [`core`] — the workload maths, presets, statistics and exports. Pure Rust, tested natively.
//! - `demos` — six small live demos, one file each, shown beside their notes (wasm only).
//! - `modes` — one file per execution mode, all behind the `Executor` shape (wasm only).
//! - `web` — thin adapters over the browser: workers, the shared-memory pool, clocks, storage.
//! - `ui` — the Yew page: state as a reducer, small components.

pub mod core;

#[cfg(target_arch = "wasm32")]
pub mod demos;
#[cfg(target_arch = "wasm32")]
pub mod modes;
#[cfg(target_arch = "wasm32")]
pub mod ui;
#[cfg(target_arch = "wasm32")]
pub mod web;

//! # Concurrency Playground
//!
//! A Chinese tutorial on Python concurrency, re-run live in the browser: the same CPU workload
//! timed serially, on threads, on "processes" (web workers) and as coroutines.
//!
//! # Layout
//! Layers point one way: each module uses only those above it in this list, never one below.
//! - [`core`] — pure Rust, tested natively: the workload maths, the network model, presets,
//!   statistics, exports, the id tables (`core::ids`), and what modes and adapters share
//!   (`core::run`: the Cancel signal, why a run stopped, the result sink).
//! - `web` — thin adapters over the browser (workers, the shared-memory pool, the simulated
//!   network, clocks, storage, the DOM): they connect, they decide nothing (wasm only).
//! - `modes` — one file per execution mode, all behind the `Executor` / `Downloader` shapes
//!   (wasm only).
//! - `i18n` — every text of the page, keyed by language (wasm only).
//! - `demos` — small live demos, one file each, shown beside their notes (wasm only).
//! - `ui` — the Yew page: state as reducers, small components; it places the demos (wasm only).

pub mod core;

#[cfg(target_arch = "wasm32")]
pub mod demos;
#[cfg(target_arch = "wasm32")]
pub mod i18n;
#[cfg(target_arch = "wasm32")]
pub mod modes;
#[cfg(target_arch = "wasm32")]
pub mod ui;
#[cfg(target_arch = "wasm32")]
pub mod web;

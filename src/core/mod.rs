//! Everything that is pure computation: no `web-sys`, no `wasm-bindgen`, no `yew`. Tested natively.

pub mod charts;
pub mod chunks;
pub mod cpu_modes;
pub mod demos;
pub mod engine;
pub mod experiment;
pub mod free_threading;
pub mod gil;
pub mod history;
pub mod ids;
pub mod images;
pub mod io_modes;
pub mod io_report;
pub mod lang;
pub mod live;
pub mod net;
mod note_checks;
pub mod note_html;
pub mod number;
pub mod pipeline;
pub mod predictions;
pub mod preset;
pub mod pycell;
pub mod report;
pub mod rounds;
pub mod run;
pub mod series;
pub mod start;
pub mod stats;
pub mod status;
pub mod sweep;
pub mod take_home;
pub mod timeline;
pub mod topics;
pub mod trace;
pub mod variants;
pub mod wire;
/// The workload lives in its own crate (`crates/workload`): see the release profile in Cargo.toml.
pub use playground_workload as workload;

#[cfg(test)]
mod layers;

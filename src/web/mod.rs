//! Thin adapters over the browser. Nothing here decides anything; it only connects.

pub mod clock;
pub mod cpu_workers;
pub mod download;
pub mod env;
pub mod msg;
pub mod pool;
pub mod storage;
pub mod worker_entry;
pub mod workers;

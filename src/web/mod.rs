//! Thin adapters over the browser. Nothing here decides anything; it only connects.

pub mod clock;
pub mod download;
pub mod env;
pub mod fetch;
pub mod io_worker;
pub mod msg;
pub mod pool;
pub mod py_engine;
pub mod py_run;
pub mod py_worker;
pub mod simnet;
pub mod storage;
pub mod styles;
pub mod sw;
pub mod worker_entry;
pub mod worker_group;
pub mod worker_scope;
pub mod workers;

//! One file per way of running the CPU experiment. See `modes::Executor` for the shape.

pub mod async_tasks;
pub mod global_lock;
pub mod main_thread;
pub mod py_asyncio;
pub mod py_processes;
pub mod py_processes_queue;
pub mod py_serial;
pub mod py_threads;
pub mod rayon_pool;
pub mod serial;
pub mod workers;
pub mod workers_queue;

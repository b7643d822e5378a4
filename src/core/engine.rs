//! The language runtimes an experiment's modes run on.

use crate::id_table;

id_table! {
    /// Which runtime computes a mode: Rust compiled to WebAssembly, or CPython (Pyodide) beside it.
    pub enum Engine {
        /// Rust compiled to WebAssembly: the page's own module.
        Rust = "rust",
        /// CPython compiled to WebAssembly (Pyodide), loaded only when a Python mode runs.
        Python = "python",
    }
}

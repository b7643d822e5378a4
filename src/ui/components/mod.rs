//! Small components, one per file.

mod cpu_export;
pub mod cpu_fields;
pub mod cpu_modes;
pub mod cpu_panel;
pub mod env_line;
pub mod exports;
pub mod free_threaded;
pub mod io_details;
pub mod io_form;
pub mod io_panel;
pub mod io_results;
pub mod lang_switch;
pub mod predict;
mod predict_outcome;
pub mod progress;
pub mod py_cell;
mod py_cell_lines;
pub mod py_engine;
mod py_lanes;
mod py_loop;
mod py_quiz;
pub mod results;
pub mod share;
pub mod start;
pub mod sweep;
pub mod take_home;
pub mod thumbs;

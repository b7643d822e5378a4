//! The page: a Yew app. State lives in reducers (`state.rs`), components only render and
//! dispatch.

pub mod app;
pub mod boot;
pub mod charts;
pub mod components;
pub mod embed;
pub mod format;
pub mod history;
pub mod io_runner;
pub mod io_state;
pub mod live;
pub mod notes;
pub mod py_cell;
pub mod runner;
pub mod state;
pub mod sweep;

/// Renders the page — only where there is a window: every worker the page starts loads this
/// same module and runs its start function too.
pub fn start() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    if let Err(e) = crate::web::styles::adopt(&document, &crate::core::series::series_css()) {
        web_sys::console::warn_1(&e); // charts fall back to the accent colour
    }
    // Rendered at once, even if coi.js is about to reload the page for isolation: never a blank
    // page. What must not happen in that page (a `run=1` run) waits: see `env::page_settled`.
    match document.get_element_by_id("app") {
        Some(root) => {
            yew::Renderer::<app::App>::with_root(root).render();
        }
        None => {
            yew::Renderer::<app::App>::new().render();
        }
    }
}

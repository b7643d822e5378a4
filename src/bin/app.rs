//! The page's entry point. Every worker the page starts loads this same module, so the renderer
//! only starts where there is a window.
#[cfg(target_arch = "wasm32")]
fn main() {
    playground::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The playground runs in a browser: `make serve` (or `trunk serve`) builds and serves it.");
}

//! The teaching page's charts: plain SVG drawn by Yew, so every label is real DOM text (it
//! follows the language switch, tests can read it, CSS themes it) and `<title>` gives tooltips.
//! Each chart is one file and has a text alternative (a summary sentence, a table, or both).
//! The geometry (scales, ticks, lanes, merging, step lines, the Amdahl fit) is in
//! [`crate::core::charts`]; these components only draw it.

pub mod completion;
pub mod cpu;
pub mod io;
pub mod scaling;
pub mod speedup;
pub mod timeline;
pub mod timeline_table;

use std::rc::Rc;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

/// Drawing width (in SVG units) before the chart has been measured.
pub const DEFAULT_WIDTH: f64 = 640.0;

/// An `Rc` compared by pointer: props holding big data (50 000 spans) compare in O(1).
#[derive(Debug)]
pub struct Shared<T>(pub Rc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The width the element behind `node` is laid out at, in CSS pixels, kept up to date with a
/// `ResizeObserver`. Charts draw in a viewBox of this width so 1 unit is 1 pixel: text keeps its
/// size on a 360 px phone and on a wide screen alike, and the layout adapts instead of scaling.
#[hook]
pub fn use_width(node: NodeRef) -> f64 {
    let width = use_state_eq(|| DEFAULT_WIDTH);
    {
        let width = width.setter();
        use_effect_with(node, move |node| {
            let element = node.cast::<web_sys::Element>();
            let measure = {
                let element = element.clone();
                move || {
                    // A hidden tab measures 0: keep the last width until it is shown again.
                    if let Some(w) = element.as_ref().map(|e| f64::from(e.client_width())).filter(|w| *w > 0.0) {
                        width.set(w.round());
                    }
                }
            };
            measure();
            let callback = Closure::<dyn FnMut()>::new(measure);
            let observer = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()).ok();
            if let (Some(o), Some(e)) = (&observer, &element) {
                o.observe(e);
            }
            move || {
                if let Some(o) = observer {
                    o.disconnect();
                }
                drop(callback);
            }
        });
    }
    *width
}

/// A CSS class naming a mode's colour: `series-rayon` (the rules come from the mode tables, see
/// [`crate::core::series`]).
pub fn series_class(mode: &str) -> String {
    format!("series-{mode}")
}

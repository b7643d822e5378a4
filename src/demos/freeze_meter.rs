//! A freeze meter: a dot moved by `requestAnimationFrame`, and a trace of the intervals between
//! frames over the last 10 s. The browser draws a frame only when the main thread is free, so
//! while something blocks it (the CPU experiment's `main-thread` mode) the dot stops and the
//! trace shows the gap; work in workers leaves both smooth.
//!
//! The dot is deliberately moved from script: a CSS animation runs on the compositor and keeps
//! moving while the main thread is blocked, which would hide the very freeze this shows.
//!
//! It has to be cheap, or it would disturb what it measures: Yew renders it once; each frame
//! only records into a fixed ring ([`FrameRing`]) and moves the dot, writing attribute text into
//! reused strings (the only per-frame cost is the browser copying that text); the trace and
//! the numbers are redrawn five times a second.

use crate::core::demos::frames::{FrameRing, TraceView, LONG_FRAME_MS};
use crate::core::demos::DemoId;
use crate::core::lang::Lang;
use crate::i18n::demos::{demo_title, fm_freeze, trd, Td};
use std::cell::{Cell, RefCell};
use std::fmt::Write;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::prelude::*;

/// Time covered by the trace (ms).
const SPAN_MS: f64 = 10_000.0;
/// Intervals at least this long are drawn at the top of the trace.
const TOP_MS: f64 = 250.0;
/// The trace's box: 10 s across 300 units, 0 … 250 ms up 60.
const VIEW: TraceView = TraceView { span: SPAN_MS, width: 300.0, height: 60.0, top_ms: TOP_MS };
/// How often the trace and the numbers are redrawn (ms).
const REDRAW_MS: f64 = 200.0;

/// The elements a frame touches, and the reused text buffers.
struct Meter {
    ring: FrameRing,
    root: Element,
    dot: Element,
    line: Element,
    long: Element,
    numbers: [Element; 3],
    /// The live region announcing freezes (only the undocked meter has one: one voice is enough).
    alert: Option<Element>,
    lang: Lang,
    last_redraw: f64,
    /// The longest gap already announced, so each freeze is announced once.
    announced: f64,
    line_buf: String,
    long_buf: String,
    text: String,
}

impl Meter {
    fn frame(&mut self, t: f64) {
        self.ring.frame(t);
        self.text.clear();
        let _ = write!(self.text, "translateX({:.2}%)", 46.0 * (t / 700.0).sin());
        // CSSOM, not a `style` attribute: allowed under a strict Content-Security-Policy.
        let _ = self.dot.unchecked_ref::<web_sys::HtmlElement>().style().set_property("transform", &self.text);
        if t - self.last_redraw >= REDRAW_MS {
            self.last_redraw = t;
            self.redraw(t);
        }
    }

    fn redraw(&mut self, t: f64) {
        self.ring.trace(t, VIEW, &mut self.line_buf, &mut self.long_buf);
        let _ = self.line.set_attribute("points", &self.line_buf);
        let _ = self.long.set_attribute("d", &self.long_buf);
        let (longest, long_frames) = self.ring.summary(t, SPAN_MS);
        let since = self.ring.max_since_reset;
        for (i, (attr, value)) in
            [("data-longest", longest), ("data-max-since-reset", since), ("data-long-frames", long_frames as f64)]
                .into_iter()
                .enumerate()
        {
            self.text.clear();
            let _ = write!(self.text, "{value:.0}");
            let _ = self.root.set_attribute(attr, &self.text);
            self.numbers[i].set_text_content(Some(&self.text));
        }
        self.text.clear();
        let _ = write!(self.text, "{}", self.ring.frames_since_reset);
        let _ = self.root.set_attribute("data-frames", &self.text);
        if longest > LONG_FRAME_MS && longest > self.announced {
            self.announced = longest;
            if let Some(alert) = &self.alert {
                alert.set_text_content(Some(&fm_freeze(self.lang, longest)));
            }
        } else if longest <= LONG_FRAME_MS {
            self.announced = 0.0;
        }
    }
}

/// Props of [`FreezeMeter`].
#[derive(Properties, PartialEq)]
pub struct FreezeMeterProps {
    /// Page language.
    pub lang: Lang,
    /// Shown in the dock under the CPU panel: no live region of its own, as the meter in the
    /// demo list already announces each freeze.
    #[prop_or_default]
    pub docked: bool,
}

/// The meter; it runs for as long as it is on the page.
#[function_component(FreezeMeter)]
pub fn freeze_meter(p: &FreezeMeterProps) -> Html {
    let l = p.lang;
    let refs: Rc<[NodeRef; 8]> = use_memo((), |_| Default::default());
    let meter: Rc<RefCell<Option<Meter>>> = use_memo((), |_| RefCell::new(None));
    {
        let (refs, meter, meter1) = (refs.clone(), meter.clone(), meter.clone());
        use_effect_with(l, move |&lang| {
            if let Some(m) = meter1.borrow_mut().as_mut() {
                m.lang = lang;
            }
            || ()
        });
        let meter2 = meter.clone();
        use_effect_with((), move |_| {
            let el = |i: usize| refs[i].cast::<Element>().expect("rendered");
            *meter.borrow_mut() = Some(Meter {
                ring: FrameRing::new(),
                root: el(0),
                dot: el(1),
                line: el(2),
                long: el(3),
                numbers: [el(4), el(5), el(6)],
                alert: refs[7].cast::<Element>(),
                lang: l,
                last_redraw: 0.0,
                announced: 0.0,
                line_buf: String::with_capacity(16 * 2048),
                long_buf: String::with_capacity(4096),
                text: String::with_capacity(32),
            });
            start_loop(meter2)
        });
    }
    let on_reset = {
        let meter = meter.clone();
        Callback::from(move |_| {
            if let Some(m) = meter.borrow_mut().as_mut() {
                m.ring.reset();
                m.announced = 0.0;
                m.last_redraw = 0.0;
            }
        })
    };
    let threshold_y = format!("{:.1}", 60.0 - LONG_FRAME_MS / TOP_MS * 60.0);
    html! {
        <div class="demo-body freeze" ref={refs[0].clone()} data-state="running">
            // Percentages, not a viewBox: the track spans the whole width and the dot stays round.
            // The dot rides on its own compositor layer, moved by a transform: the page is not
            // repainted every frame (which the `async` mode, sharing this thread, paid for).
            <div class="fm-track" aria-hidden="true">
                <div class="fm-rail"></div>
                <div class="fm-mover" ref={refs[1].clone()}><span class="fm-dot"></span></div>
            </div>
            <svg class="demo-chart fm-trace" viewBox="0 0 300 60" preserveAspectRatio="none" role="img" aria-label={trd(l, Td::FmTrace)}>
                <line class="threshold" x1="0" x2="300" y1={threshold_y.clone()} y2={threshold_y} vector-effect="non-scaling-stroke" />
                <path class="long" ref={refs[3].clone()} vector-effect="non-scaling-stroke" />
                <polyline ref={refs[2].clone()} vector-effect="non-scaling-stroke" />
            </svg>
            <p class="fm-readout">
                <span>{ trd(l, Td::FmLongest) }<b ref={refs[4].clone()}></b>{" ms"}</span>
                <span>{ trd(l, Td::FmSinceReset) }<b ref={refs[5].clone()}></b>{" ms"}</span>
                <span>{ trd(l, Td::FmLongFrames) }<b ref={refs[6].clone()}></b></span>
                <button type="button" class="secondary fm-reset" onclick={on_reset}>{ trd(l, Td::Reset) }</button>
            </p>
            if !p.docked { <p class="fm-alert" role="status" aria-live="polite" ref={refs[7].clone()}></p> }
        </div>
    }
}

/// Props of [`FreezeDock`].
#[derive(Properties, PartialEq)]
pub struct FreezeDockProps {
    /// Page language.
    pub lang: Lang,
}

/// The meter docked under the CPU experiment (sticky at the bottom of the window while the CPU
/// panel is in view), where a learner watching a run sees it. Its own ids, so it can share the
/// page with the meter in the demo list.
#[function_component(FreezeDock)]
pub fn freeze_dock(p: &FreezeDockProps) -> Html {
    html! {
        <aside id="freeze-dock" class="freeze-dock" aria-labelledby="freeze-dock-title">
            <div class="demo">
                <h3 id="freeze-dock-title">{ demo_title(p.lang, DemoId::FreezeMeter) }</h3>
                <FreezeMeter lang={p.lang} docked=true />
            </div>
        </aside>
    }
}

/// What `requestAnimationFrame` calls, with the frame's timestamp.
type FrameCallback = Closure<dyn FnMut(f64)>;

/// Starts the frame loop; returns what stops it.
fn start_loop(meter: Rc<RefCell<Option<Meter>>>) -> impl FnOnce() {
    let window = web_sys::window().expect("the meter renders only in a window");
    let request: Rc<RefCell<Option<FrameCallback>>> = Rc::default();
    let frame_id = Rc::new(Cell::new(0));
    // A hidden tab draws no frames at all: that pause is not a freeze, so start a new interval.
    let on_visibility: Closure<dyn FnMut()> = Closure::new({
        let meter = meter.clone();
        move || {
            if let Some(m) = meter.borrow_mut().as_mut() {
                m.ring.resync();
            }
        }
    });
    let document = window.document().expect("a window has a document");
    let _ = document.add_event_listener_with_callback("visibilitychange", on_visibility.as_ref().unchecked_ref());
    {
        let (window, request2, frame_id) = (window.clone(), request.clone(), frame_id.clone());
        *request.borrow_mut() = Some(Closure::new(move |t: f64| {
            if let Some(m) = meter.borrow_mut().as_mut() {
                m.frame(t);
            }
            if let Some(next) = request2.borrow().as_ref() {
                frame_id.set(window.request_animation_frame(next.as_ref().unchecked_ref()).unwrap_or(0));
            }
        }));
    }
    if let Some(first) = request.borrow().as_ref() {
        frame_id.set(window.request_animation_frame(first.as_ref().unchecked_ref()).unwrap_or(0));
    }
    move || {
        let _ = window.cancel_animation_frame(frame_id.get());
        let _ =
            document.remove_event_listener_with_callback("visibilitychange", on_visibility.as_ref().unchecked_ref());
        request.borrow_mut().take(); // breaks the closure's reference to itself
    }
}

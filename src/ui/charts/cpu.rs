//! The CPU experiment's charts for the last run: speedup per mode beside the tutorial's, and the
//! timeline of the mode picked.

use super::speedup::{SpeedupChart, SpeedupRow};
use super::timeline::{Timeline, TimelineRun};
use super::Shared;
use crate::core::charts::lanes::Item;
use crate::core::engine::Engine;
use crate::core::lang::Lang;
use crate::core::report::{ModeOutcome, RunEntry, Status};
use crate::core::take_home::HomeResult;
use crate::core::variants::by_variant;
use crate::i18n::charts::{trc, Tc};
use crate::i18n::tutorial_variant;
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`CpuCharts`].
#[derive(Properties, PartialEq)]
pub struct CpuChartsProps {
    /// Page language.
    pub lang: Lang,
    /// The results table's rows (live, or restored).
    pub entries: Vec<RunEntry>,
    /// This page's outcomes, with their spans (none for a restored run).
    pub outcomes: Vec<Shared<ModeOutcome>>,
    /// The entries were restored from storage (which keeps no spans).
    pub restored: bool,
    /// Files of the take-home script: their modes are drawn in their variants.
    #[prop_or_default]
    pub home: Rc<Vec<HomeResult>>,
    /// The settings of the page's figures (`n` → `3000`): a file of other settings says which.
    #[prop_or_default]
    pub page: Rc<Vec<(&'static str, String)>>,
}

/// The panel's outcomes as props compared by pointer.
pub fn shared<T>(v: &[Rc<T>]) -> Vec<Shared<T>> {
    v.iter().cloned().map(Shared).collect()
}

/// The charts; nothing before the first result.
#[function_component(CpuCharts)]
pub fn cpu_charts(props: &CpuChartsProps) -> Html {
    let l = props.lang;
    let runs = use_memo(props.outcomes.clone(), |outcomes| {
        outcomes
            .iter()
            .filter(|o| !o.0.spans.is_empty())
            .map(|o| TimelineRun {
                mode: o.0.mode.id(),
                wall_ms: o.0.wall_ms,
                items: Shared(Rc::new(
                    o.0.spans.iter().map(Item::from).chain(o.0.waits.iter().map(Item::from)).collect(),
                )),
            })
            .collect::<Vec<_>>()
    });
    if props.entries.is_empty() && props.home.is_empty() {
        return html! {};
    }
    // One tutorial bar per variant, its Python modes and then its Rust modes under it, then the
    // modes of the learner's own CPython.
    let rows: Vec<SpeedupRow> = by_variant(&props.entries, &props.home)
        .iter()
        .flat_map(|g| {
            let home = g.home.iter().enumerate().map(move |(j, h)| SpeedupRow {
                mode: h.as_mode.id(),
                wall_ms: h.mode.median_ms.unwrap_or(0.0),
                speedup: h.file.speedup(h.mode).filter(|_| h.mode.status == "done"),
                range: None,
                samples: h.mode.samples_ms.len(),
                done: h.mode.status == "done",
                tutorial_seconds: g.tutorial.seconds,
                tutorial_speedup: g.tutorial.speedup,
                tutorial_label: tutorial_variant(l, g.first),
                first_of_variant: j == 0 && g.entries.is_empty(),
                engine: Engine::Python,
                baseline: "py-serial",
                home: Some(match h.file.differs_short(&props.page) {
                    Some(d) => format!("{} · {d}", h.file.short_title()),
                    None => h.file.short_title(),
                }),
            });
            g.entries
                .iter()
                .enumerate()
                .map(move |(j, e)| SpeedupRow {
                    mode: e.mode.id(),
                    wall_ms: e.wall_ms,
                    speedup: e.speedup,
                    range: e.speedup_range,
                    samples: e.samples_ms.len(),
                    done: e.status == Status::Done,
                    tutorial_seconds: g.tutorial.seconds,
                    tutorial_speedup: g.tutorial.speedup,
                    tutorial_label: tutorial_variant(l, e.mode),
                    first_of_variant: j == 0,
                    engine: e.engine,
                    baseline: e.mode.baseline().id(),
                    home: None,
                })
                .chain(home)
        })
        .collect();
    html! {
        <div class="charts" id="cpu-charts">
            <SpeedupChart lang={l} id="cpu-speedup" title={trc(l, Tc::SpeedupTitle)} rows={rows} />
            if runs.is_empty() {
                if props.restored { <p class="muted" id="cpu-timeline-none">{ trc(l, Tc::NoTimeline) }</p> }
            } else {
                <Timeline lang={l} id="cpu-timeline" title={trc(l, Tc::TimelineTitle)} runs={(*runs).clone()} />
            }
        </div>
    }
}

//! The I/O experiment's charts: speedup per mode beside the tutorial's, the timeline of every
//! request of the mode picked, and images received over time per mode. A restored run keeps its
//! requests, so all three come back after a reload.

use super::completion::{CompletionChart, CompletionLine};
use super::speedup::{SpeedupChart, SpeedupRow};
use super::timeline::{Timeline, TimelineRun};
use super::Shared;
use crate::core::charts::lanes::Item;
use crate::core::charts::steps::completion_steps;
use crate::core::engine::Engine;
use crate::core::io_report::IoEntry;
use crate::core::lang::Lang;
use crate::core::report::Status;
use crate::core::take_home::HomeResult;
use crate::i18n::charts::{trc, Tc};
use crate::i18n::io::io_variant;
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`IoCharts`].
#[derive(Properties, PartialEq)]
pub struct IoChartsProps {
    /// Page language.
    pub lang: Lang,
    /// The results' rows, each with its requests.
    pub entries: Vec<IoEntry>,
    /// Files of the take-home script: their modes are drawn after the page's.
    #[prop_or_default]
    pub home: Rc<Vec<HomeResult>>,
    /// The settings of the page's figures (`n` → `3000`): a file of other settings says which.
    #[prop_or_default]
    pub page: Rc<Vec<(&'static str, String)>>,
}

/// The charts; nothing before the first result.
#[function_component(IoCharts)]
pub fn io_charts(props: &IoChartsProps) -> Html {
    let l = props.lang;
    let runs = use_memo(props.entries.clone(), |entries| {
        entries
            .iter()
            .filter(|e| !e.requests.is_empty())
            .map(|e| TimelineRun {
                mode: e.mode.id(),
                wall_ms: e.wall_ms,
                items: Shared(Rc::new(
                    e.requests
                        .iter()
                        .map(|r| Item {
                            id: r.index,
                            lane: r.lane,
                            start: r.start_ms,
                            end: r.end_ms,
                            ok: r.ok,
                            wait: false,
                        })
                        .collect(),
                )),
            })
            .collect::<Vec<_>>()
    });
    if props.entries.is_empty() && props.home.is_empty() {
        return html! {};
    }
    // The learner's own CPython's modes, each under the tutorial's bar of the page mode that
    // stands for it.
    let page = props.page.clone();
    let home = props.home.iter().flat_map(|f| {
        let page = page.clone();
        f.modes.iter().filter_map(move |m| {
            let like = m.io_mode()?;
            let page = &page;
            let t = like.tutorial();
            Some(SpeedupRow {
                mode: like.id(),
                wall_ms: m.median_ms.unwrap_or(0.0),
                speedup: f.speedup(m).filter(|_| m.status == "done"),
                range: None,
                samples: m.samples_ms.len(),
                done: m.status == "done",
                tutorial_seconds: t.seconds,
                tutorial_speedup: t.speedup,
                tutorial_label: io_variant(l, like),
                first_of_variant: true,
                engine: Engine::Python,
                baseline: "py-serial",
                home: Some(match f.differs_short(page) {
                    Some(d) => format!("{} · {} · {d}", m.mode, f.version_tag()),
                    None => format!("{} · {}", m.mode, f.version_tag()),
                }),
            })
        })
    });
    let rows: Vec<SpeedupRow> = props
        .entries
        .iter()
        .map(|e| {
            let t = e.mode.tutorial();
            SpeedupRow {
                mode: e.mode.id(),
                wall_ms: e.wall_ms,
                speedup: e.speedup,
                range: e.speedup_range,
                samples: e.samples_ms.len(),
                done: e.status == Status::Done,
                tutorial_seconds: t.seconds,
                tutorial_speedup: t.speedup,
                tutorial_label: io_variant(l, e.mode),
                first_of_variant: true,
                engine: e.mode.engine(),
                baseline: e.mode.baseline().id(),
                home: None,
            }
        })
        .chain(home)
        .collect();
    let lines: Vec<CompletionLine> = props
        .entries
        .iter()
        .map(|e| {
            let ends: Vec<f64> = e.requests.iter().filter(|r| r.ok).map(|r| r.end_ms).collect();
            CompletionLine { mode: e.mode.id(), steps: completion_steps(&ends) }
        })
        .collect();
    html! {
        <div class="charts" id="io-charts">
            <SpeedupChart lang={l} id="io-speedup" title={trc(l, Tc::IoSpeedupTitle)} rows={rows} />
            <Timeline lang={l} id="io-timeline" title={trc(l, Tc::IoTimelineTitle)} requests=true runs={(*runs).clone()} />
            <CompletionChart lang={l} id="io-completion" lines={lines} />
        </div>
    }
}

//! The timeline: every task (or request) of one mode as a bar on its lane — the main thread or
//! event loop, each pool thread, each worker — over wall-clock time since the timed run began,
//! on one clock for all lanes. A selector picks the mode; a table below gives the same facts.
//! `global-lock`'s threads also show when they waited for the lock: pale bars under the lane, so
//! one thread runs while the others visibly wait.

use super::timeline_table::TimelineTable;
use super::{series_class, use_width, Shared};
use crate::core::charts::lanes::{layout, Item, LaneInfo, Layout, Segment, MAX_SEGMENTS, MERGE_ABOVE};
use crate::core::charts::scale::{nice_ticks, Linear};
use crate::core::lang::Lang;
use crate::i18n::charts::{lane_name, merged_note, segment_title, timeline_summary, trc, wait_note, wait_title, Tc};
use crate::ui::format::duration;
use std::rc::Rc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// One mode's items, as the selector offers them.
#[derive(Clone, Debug, PartialEq)]
pub struct TimelineRun {
    /// Mode id.
    pub mode: &'static str,
    /// The mode's wall time (ms): the axis reaches at least this far.
    pub wall_ms: f64,
    /// Its tasks or requests.
    pub items: Shared<Vec<Item>>,
}

/// Props of [`Timeline`].
#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    /// Page language.
    pub lang: Lang,
    /// Element id of the figure (`cpu-timeline`, `io-timeline`); the selector is `{id}-mode`.
    pub id: AttrValue,
    /// The title.
    pub title: AttrValue,
    /// Items are requests (may fail, may overlap on a lane), not tasks.
    #[prop_or_default]
    pub requests: bool,
    /// The modes that have a timeline, in run order.
    pub runs: Vec<TimelineRun>,
}

const ROWS_BUDGET: f64 = 300.0;
const LANE_PAD: f64 = 6.0;
const AXIS: f64 = 40.0;

/// A bar's drawn width: a hair narrower than its time when wide enough, so back-to-back bars stay
/// apart, and never thinner than can be seen (dense runs of thin bars then read as a solid band).
fn bar_width(w: f64) -> f64 {
    if w > 3.0 {
        w - 0.75
    } else {
        w.max(0.6)
    }
}

/// How bars are drawn: the language, the kind of item, the time scale, the row height, the mode.
struct Pen<'a> {
    /// Page language.
    l: Lang,
    /// Items are requests.
    requests: bool,
    /// Time (ms) to x.
    x: Linear,
    /// Height of one row of a lane.
    row_h: f64,
    /// Mode id, for the colour.
    mode: &'a str,
}

fn bar(pen: &Pen, layout: &Layout, s: &Segment, top: f64) -> Html {
    let Pen { l, requests, x, row_h, mode } = *pen;
    let lane = layout.lanes[s.lane].lane;
    let (x0, x1) = (x.map(s.start), x.map(s.end));
    let y = top + f64::from(s.row) * row_h;
    let h = (row_h - if row_h > 4.0 { 2.0 } else { 0.0 }).max(0.25);
    let span = format!("{:.2}–{:.2} ms ({})", s.start, s.end, duration(s.end - s.start));
    if s.wait {
        // Across every row of the lane: a waiting thread runs nothing at all.
        let lane_h = f64::from(layout.lanes[s.lane].rows) * row_h;
        let h = (lane_h - if row_h > 4.0 { 2.0 } else { 0.0 }).max(0.25);
        return html! {
            <rect class={classes!("wait", series_class(mode))} data-lane={lane.id()} data-count={s.count.to_string()}
                x={format!("{x0:.2}")} y={format!("{top:.2}")} width={format!("{:.2}", bar_width(x1 - x0))} height={format!("{h:.2}")}>
                <title>{ wait_title(l, s.count, &lane_name(l, lane), &span) }</title>
            </rect>
        };
    }
    let (class, title) = if s.count == 1 {
        let what = trc(l, if requests { Tc::Request } else { Tc::Task });
        let result = if requests {
            format!(" · {}", trc(l, if s.failed > 0 { Tc::Failed } else { Tc::Ok }))
        } else {
            String::new()
        };
        ("bar", format!("{what} {} · {} · {span}{result}", s.first, lane_name(l, lane)))
    } else {
        ("segment", segment_title(l, s.first, s.last, s.count, &lane_name(l, lane), &span))
    };
    html! {
        <rect class={classes!(class, series_class(mode), (s.failed > 0).then_some("failed"))}
            data-task={s.first.to_string()} data-count={s.count.to_string()} data-lane={lane.id()}
            x={format!("{x0:.2}")} y={format!("{y:.2}")} width={format!("{:.2}", bar_width(x1 - x0))} height={format!("{h:.2}")}>
            <title>{ title }</title>
        </rect>
    }
}

/// The chart; nothing when no mode has a timeline.
#[function_component(Timeline)]
pub fn timeline(props: &TimelineProps) -> Html {
    let node = use_node_ref();
    let w = use_width(node.clone());
    let chosen = use_state(|| None::<&'static str>);
    let l = props.lang;
    let run = props.runs.iter().find(|r| Some(r.mode) == *chosen).or(props.runs.first()).cloned();
    let laid: Rc<Layout> = {
        let key = run.as_ref().map(|r| (r.mode, r.items.clone()));
        use_memo(key, |key| {
            key.as_ref().map(|(_, items)| layout(&items.0, MERGE_ABOVE, MAX_SEGMENTS)).unwrap_or_default()
        })
    };
    let Some(run) = run else {
        return html! { <div ref={node}></div> };
    };
    let on_pick = {
        let chosen = chosen.clone();
        let modes: Vec<&'static str> = props.runs.iter().map(|r| r.mode).collect();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            chosen.set(modes.iter().copied().find(|m| *m == v));
        })
    };
    let label_w = if w >= 520.0 { 96.0 } else { 84.0 };
    let (x0, x1) = (label_w, (w - 18.0).max(label_w + 60.0));
    let ticks = nice_ticks(0.0, laid.end.max(run.wall_ms).max(1e-3), if w >= 520.0 { 8 } else { 4 });
    let x = Linear::new(ticks.domain(), (x0, x1));
    let total_rows: u32 = laid.lanes.iter().map(|lane| lane.rows).sum();
    let row_h = (ROWS_BUDGET / f64::from(total_rows.max(1))).clamp(0.25, 16.0);
    let mut tops = Vec::with_capacity(laid.lanes.len());
    let mut y = 4.0;
    for lane in &laid.lanes {
        tops.push(y);
        y += f64::from(lane.rows) * row_h + LANE_PAD;
    }
    let plot_bottom = y;
    let pen = Pen { l, requests: props.requests, x, row_h, mode: run.mode };
    let height = plot_bottom + AXIS;
    let lane_label = |(i, lane): (usize, &LaneInfo)| {
        let mid = tops[i] + f64::from(lane.rows) * row_h / 2.0;
        html! {
            <g class="lane" data-lane={lane.lane.id()}>
                <line class="lane-line" x1={x0.to_string()} x2={x1.to_string()} y1={(tops[i] - LANE_PAD / 2.0).to_string()}
                    y2={(tops[i] - LANE_PAD / 2.0).to_string()} />
                <text class="label" x={(label_w - 6.0).to_string()} y={(mid + 4.0).to_string()} text-anchor="end">{ lane_name(l, lane.lane) }</text>
            </g>
        }
    };
    let tick = |v: &f64| {
        let px = x.map(*v);
        html! {
            <g class="tick">
                <line x1={px.to_string()} x2={px.to_string()} y1="0" y2={plot_bottom.to_string()} />
                <text x={px.to_string()} y={(plot_bottom + 14.0).to_string()} text-anchor="middle">{ ticks.label(*v) }</text>
            </g>
        }
    };
    let (title_id, desc_id) = (format!("{}-title", props.id), format!("{}-desc", props.id));
    let summary = timeline_summary(l, run.mode, laid.items, laid.lanes.len(), &duration(run.wall_ms), props.requests);
    html! {
        <figure class="chart timeline-chart" id={props.id.clone()} ref={node} data-mode={run.mode}
            data-items={laid.items.to_string()} data-merged={laid.merged.to_string()} data-waits={laid.waits.to_string()}>
            <figcaption>{ props.title.clone() }</figcaption>
            <div class="chart-controls">
                <label for={format!("{}-mode", props.id)}>{ trc(l, Tc::ShowMode) }</label>
                <select id={format!("{}-mode", props.id)} onchange={on_pick}>
                    { for props.runs.iter().map(|r| html! { <option value={r.mode} selected={r.mode == run.mode}>{ r.mode }</option> }) }
                </select>
            </div>
            <svg role="img" aria-labelledby={format!("{title_id} {desc_id}")} viewBox={format!("0 0 {w} {height:.1}")}
                width="100%" height={format!("{height:.1}")} preserveAspectRatio="xMinYMin meet">
                <title id={title_id}>{ props.title.clone() }</title>
                <desc id={desc_id}>{ summary.clone() }</desc>
                <g class="grid">{ for ticks.values.iter().map(tick) }</g>
                { for laid.lanes.iter().enumerate().map(lane_label) }
                <g class="bars">
                    { for laid.segments.iter().map(|s| bar(&pen, &laid, s, tops[s.lane])) }
                </g>
                <text class="axis-label" x={x1.to_string()} y={(height - 3.0).to_string()} text-anchor="end">{ trc(l, Tc::TimeAxis) }</text>
            </svg>
            <p class="chart-summary">{ summary }</p>
            if laid.waits > 0 {
                <p class="wait-note"><span class={classes!("swatch", "wait", series_class(run.mode))}></span>
                    { wait_note(l, laid.waits, laid.lanes.len()) }</p>
            }
            if laid.merged { <p class="muted merged-note">{ merged_note(l, laid.items, laid.segments.len()) }</p> }
            <TimelineTable lang={l} requests={props.requests} wall_ms={run.wall_ms} layout={Shared(laid.clone())} items={run.items.clone()} />
        </figure>
    }
}

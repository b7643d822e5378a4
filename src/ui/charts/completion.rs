//! Images received over time: one step line per mode, rising by one at each image's arrival.
//! Concurrent modes climb steeply at once; serial ones climb one latency at a time.

use super::{series_class, use_width};
use crate::core::charts::scale::{nice_ticks, Linear};
use crate::core::charts::steps::step_path;
use crate::core::lang::Lang;
use crate::i18n::charts::{completion_summary, trc, Tc};
use crate::ui::format::duration;
use yew::prelude::*;

/// One mode's completion curve.
#[derive(Clone, Debug, PartialEq)]
pub struct CompletionLine {
    /// Mode id.
    pub mode: &'static str,
    /// `(ms, images received by then)`, from `(0, 0)`: see `core::charts::steps::completion_steps`.
    pub steps: Vec<(f64, u32)>,
}

/// Props of [`CompletionChart`].
#[derive(Properties, PartialEq)]
pub struct CompletionChartProps {
    /// Page language.
    pub lang: Lang,
    /// Element id of the figure.
    pub id: AttrValue,
    /// One line per mode, in run order.
    pub lines: Vec<CompletionLine>,
}

const LEFT: f64 = 44.0;
const AXIS: f64 = 40.0;
const PLOT_H: f64 = 220.0;
const TOP: f64 = 24.0;

/// The chart; nothing without lines.
#[function_component(CompletionChart)]
pub fn completion_chart(props: &CompletionChartProps) -> Html {
    let node = use_node_ref();
    let w = use_width(node.clone());
    let l = props.lang;
    if props.lines.is_empty() {
        return html! { <div ref={node}></div> };
    }
    let t_max = props.lines.iter().filter_map(|c| c.steps.last().map(|s| s.0)).fold(1e-3, f64::max);
    let n_max = props.lines.iter().filter_map(|c| c.steps.last().map(|s| s.1)).max().unwrap_or(0).max(1);
    let xt = nice_ticks(0.0, t_max, if w >= 520.0 { 8 } else { 4 });
    let yt = nice_ticks(0.0, f64::from(n_max), 5);
    let (x0, x1) = (LEFT, (w - 18.0).max(LEFT + 60.0));
    let x = Linear::new(xt.domain(), (x0, x1));
    let y = Linear::new(yt.domain(), (TOP + PLOT_H, TOP));
    let height = TOP + PLOT_H + AXIS;
    let xtick = |v: &f64| {
        let px = x.map(*v);
        html! {
            <g class="tick">
                <line x1={px.to_string()} x2={px.to_string()} y1={TOP.to_string()} y2={(TOP + PLOT_H).to_string()} />
                <text x={px.to_string()} y={(TOP + PLOT_H + 14.0).to_string()} text-anchor="middle">{ xt.label(*v) }</text>
            </g>
        }
    };
    let ytick = |v: &f64| {
        let py = y.map(*v);
        html! {
            <g class="tick">
                <line x1={x0.to_string()} x2={x1.to_string()} y1={py.to_string()} y2={py.to_string()} />
                <text x={(x0 - 6.0).to_string()} y={(py + 4.0).to_string()} text-anchor="end">{ yt.label(*v) }</text>
            </g>
        }
    };
    let line = |c: &CompletionLine| {
        let last = c.steps.last().copied().unwrap_or((0.0, 0));
        html! { <>
            <path class={classes!("line", series_class(c.mode))} data-mode={c.mode} data-count={last.1.to_string()}
                data-last-ms={last.0.to_string()} d={step_path(&c.steps, x, y, 0.0)}>
                <title>{ format!("{}: {} × {}", c.mode, last.1, duration(last.0)) }</title>
            </path>
            <circle class={classes!("point", series_class(c.mode))} cx={format!("{:.1}", x.map(last.0))} cy={format!("{:.1}", y.map(f64::from(last.1)))} r="3.5" />
        </> }
    };
    let parts: Vec<String> = props
        .lines
        .iter()
        .map(|c| format!("{} {}", c.mode, c.steps.last().map(|s| duration(s.0)).unwrap_or_default()))
        .collect();
    let summary = completion_summary(l, &parts);
    let title = trc(l, Tc::CompletionTitle);
    let (title_id, desc_id) = (format!("{}-title", props.id), format!("{}-desc", props.id));
    html! {
        <figure class="chart completion-chart" id={props.id.clone()} ref={node}>
            <figcaption>{ title }</figcaption>
            <ul class="legend">
                { for props.lines.iter().map(|c| html! {
                    <li data-mode={c.mode}><span class={classes!("swatch", "line", series_class(c.mode))}></span>{ c.mode }</li>
                }) }
            </ul>
            <svg role="img" aria-labelledby={format!("{title_id} {desc_id}")} viewBox={format!("0 0 {w} {height}")}
                width="100%" height={height.to_string()} preserveAspectRatio="xMinYMin meet">
                <title id={title_id}>{ title }</title>
                <desc id={desc_id}>{ summary.clone() }</desc>
                <g class="grid">{ for xt.values.iter().map(xtick) }{ for yt.values.iter().map(ytick) }</g>
                <text class="axis-label" x="4" y="12">{ trc(l, Tc::CompletionAxis) }</text>
                <g class="lines">{ for props.lines.iter().map(line) }</g>
                <text class="axis-label" x={x1.to_string()} y={(height - 3.0).to_string()} text-anchor="end">{ trc(l, Tc::TimeAxis) }</text>
            </svg>
            <p class="chart-summary">{ summary }</p>
        </figure>
    }
}

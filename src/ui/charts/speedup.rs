//! Horizontal bars, one per mode: this browser's speedup over serial, under the tutorial's
//! CPython speedup for the matching variant (drawn once per variant: the CPU chart lists a
//! variant's Python and Rust modes together under its one tutorial bar), with the wall times
//! written at the bar ends.

use super::{series_class, use_width};
use crate::core::charts::scale::{nice_ticks, Linear};
use crate::core::lang::Lang;
use crate::i18n::charts::{speedup_summary, trc, Tc};
use crate::ui::format::duration;
use yew::prelude::*;

pub use crate::core::charts::speedup::SpeedupRow;

/// Props of [`SpeedupChart`].
#[derive(Properties, PartialEq)]
pub struct SpeedupChartProps {
    /// Page language.
    pub lang: Lang,
    /// Element id of the figure (`cpu-speedup`, `io-speedup`).
    pub id: AttrValue,
    /// The title.
    pub title: AttrValue,
    /// One row per mode, in run order.
    pub rows: Vec<SpeedupRow>,
}

const BAR: f64 = 14.0;
const TUT: f64 = 10.0;
const GAP: f64 = 3.0;
const AXIS: f64 = 40.0;

/// The chart; nothing without rows.
#[function_component(SpeedupChart)]
pub fn speedup_chart(props: &SpeedupChartProps) -> Html {
    let node = use_node_ref();
    let w = use_width(node.clone());
    let l = props.lang;
    if props.rows.is_empty() {
        return html! { <div ref={node}></div> };
    }
    let wide = w >= 520.0;
    // Labels sit left of the bars when there is room: as wide as the longest needs (mode ids are
    // short; a take-home row's carries its Python), within limits.
    let longest =
        props.rows.iter().map(|r| r.home.as_ref().map_or(r.mode.len(), |h| h.chars().count())).max().unwrap_or(0);
    let (label_w, head) = if wide { ((longest as f64 * 7.0 + 10.0).clamp(130.0, 220.0), 0.0) } else { (0.0, 16.0) };
    let row_h = |r: &SpeedupRow| head + BAR + 12.0 + if r.first_of_variant { TUT + GAP } else { 0.0 };
    let (x0, x1) =
        (label_w + if wide { 4.0 } else { 14.0 }, (w - if wide { 150.0 } else { 110.0 }).max(label_w + 60.0));
    let max = props
        .rows
        .iter()
        .flat_map(|r| [r.speedup.unwrap_or(0.0), r.range.map_or(0.0, |(_, hi)| hi), r.tutorial_speedup])
        .fold(1.0, f64::max);
    let ticks = nice_ticks(0.0, max, if wide { 6 } else { 3 });
    let x = Linear::new(ticks.domain(), (x0, x1));
    let tops: Vec<f64> = props
        .rows
        .iter()
        .scan(4.0, |y, r| {
            let top = *y;
            *y += row_h(r);
            Some(top)
        })
        .collect();
    let height = props.rows.iter().map(row_h).sum::<f64>() + AXIS;
    let plot_bottom = height - AXIS + 4.0; // tick labels below it, the axis title last
    let (title_id, desc_id) = (format!("{}-title", props.id), format!("{}-desc", props.id));

    let row = |(i, r): (usize, &SpeedupRow)| {
        let top = tops[i];
        let tut_y = top + head;
        let bar_y = if r.first_of_variant { tut_y + TUT + GAP } else { tut_y };
        let browser = match (r.done, r.speedup, r.range) {
            (true, Some(s), Some((lo, hi))) if r.samples > 1 => {
                format!("{s:.2}× ({lo:.2}–{hi:.2}) · {}", duration(r.wall_ms))
            }
            (true, Some(s), _) => format!("{s:.2}× · {}", duration(r.wall_ms)),
            (true, None, _) => duration(r.wall_ms),
            (false, _, _) => format!("{} · {}", trc(l, Tc::NotFinished), duration(r.wall_ms)),
        };
        let tutorial = format!("{:.2}× · {:.2} s", r.tutorial_speedup, r.tutorial_seconds);
        let end = r.speedup.map(|s| x.map(s)).unwrap_or(x0);
        // The whisker: the lowest and highest speedup over the rounds, across the bar's middle.
        let whisker = r.range.filter(|_| r.done && r.samples > 1).map(|(lo, hi)| {
            let (a, b, y) = (x.map(lo), x.map(hi), bar_y + BAR / 2.0);
            let (t, u) = ((bar_y + 3.0).to_string(), (bar_y + BAR - 3.0).to_string());
            html! {
                <g class="whisker" data-lo={lo.to_string()} data-hi={hi.to_string()}>
                    <line x1={a.to_string()} x2={b.to_string()} y1={y.to_string()} y2={y.to_string()} />
                    <line x1={a.to_string()} x2={a.to_string()} y1={t.clone()} y2={u.clone()} />
                    <line x1={b.to_string()} x2={b.to_string()} y1={t} y2={u} />
                    <title>{ format!("{}: {lo:.2}× – {hi:.2}× ({} {})", r.mode, r.samples, trc(l, Tc::Rounds)) }</title>
                </g>
            }
        });
        let text_x = end.max(r.range.filter(|_| whisker.is_some()).map_or(end, |(_, hi)| x.map(hi))) + 5.0;
        let tut_end = x.map(r.tutorial_speedup);
        let (label_x, anchor) = if wide { (label_w - 6.0, "end") } else { (x0, "start") };
        let label_y = if wide { bar_y + BAR - 2.0 } else { top + 11.0 };
        // A mode of the learner's own Python: its name after the mode's, its own class.
        let (label, engine) = match &r.home {
            Some(label) => (label.clone(), "home"),
            None => (r.mode.to_string(), r.engine.id()),
        };
        html! {
            <g class={classes!("mode", format!("engine-{engine}"))} data-mode={r.mode} data-engine={engine} data-home={r.home.clone()} data-wall-ms={r.wall_ms.to_string()}
                data-speedup={r.speedup.map(|s| s.to_string()).unwrap_or_default()}
                data-tutorial={r.tutorial_speedup.to_string()}>
                <text class="label" x={label_x.to_string()} y={label_y.to_string()} text-anchor={anchor}>{ label.clone() }</text>
                if let Some(s) = r.speedup {
                    <rect class={classes!("bar", "browser", series_class(r.mode))} x={x0.to_string()} y={bar_y.to_string()}
                        width={(end - x0).max(1.0).to_string()} height={BAR.to_string()}>
                        <title>{ format!("{label}: {} — {s:.2}×, {}", if r.home.is_some() { trc(l, Tc::YourPython) } else { trc(l, Tc::ThisBrowser) }, duration(r.wall_ms)) }</title>
                    </rect>
                }
                { for whisker }
                <text class="value" x={text_x.to_string()} y={(bar_y + BAR - 3.0).to_string()}>{ browser }</text>
                if r.first_of_variant {
                    <rect class="bar tutorial" x={x0.to_string()} y={tut_y.to_string()} width={(tut_end - x0).max(1.0).to_string()}
                        height={TUT.to_string()}>
                        <title>{ format!("{}: {} — {}", r.tutorial_label, trc(l, Tc::TutorialPython), tutorial) }</title>
                    </rect>
                    <text class="value tutorial-value" x={(tut_end + 5.0).to_string()} y={(tut_y + TUT - 1.0).to_string()}>{ tutorial }</text>
                }
            </g>
        }
    };
    let tick = |v: &f64| {
        let px = x.map(*v);
        html! {
            <g class={classes!("tick", (*v == 1.0).then_some("one"))}>
                <line x1={px.to_string()} x2={px.to_string()} y1="0" y2={plot_bottom.to_string()} />
                <text x={px.to_string()} y={(plot_bottom + 14.0).to_string()} text-anchor="middle">{ format!("{}×", ticks.label(*v)) }</text>
            </g>
        }
    };
    let summary = speedup_summary(l, &props.rows);
    html! {
        <figure class="chart speedup-chart" id={props.id.clone()} ref={node}>
            <figcaption>{ props.title.clone() }</figcaption>
            <ul class="legend">
                <li><span class="swatch browser"></span>{ trc(l, Tc::ThisBrowser) }</li>
                <li><span class="swatch tutorial"></span>{ trc(l, Tc::TutorialPython) }</li>
                if props.rows.iter().any(|r| r.home.is_some()) { <li><span class="swatch home"></span>{ trc(l, Tc::YourPython) }</li> }
            </ul>
            <svg role="img" aria-labelledby={format!("{title_id} {desc_id}")} viewBox={format!("0 0 {w} {height}")}
                width="100%" height={height.to_string()} preserveAspectRatio="xMinYMin meet">
                <title id={title_id}>{ props.title.clone() }</title>
                <desc id={desc_id.clone()}>{ summary.clone() }</desc>
                <g class="grid">{ for ticks.values.iter().map(tick) }</g>
                <text class="axis-label" x={x1.to_string()} y={(height - 3.0).to_string()} text-anchor="end">{ trc(l, Tc::SpeedupAxis) }</text>
                { for props.rows.iter().enumerate().map(row) }
            </svg>
            <p class="chart-summary">{ summary }</p>
        </figure>
    }
}

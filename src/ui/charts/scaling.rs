//! Speedup against k from a sweep: measured points per swept mode, the ideal line (speedup = k),
//! each mode's fitted Amdahl curve, and a marker at the core count; the points and fits again
//! as a table.

use super::{series_class, use_width, Shared};
use crate::core::charts::amdahl::{amdahl, Fit};
use crate::core::charts::scale::{nice_ticks, Linear};
use crate::core::cpu_modes::CpuMode;
use crate::core::lang::Lang;
use crate::core::sweep::SweepReport;
use crate::i18n::charts::{fit_sentence, no_fit, trc, Tc};
use crate::ui::format::{duration, speedup};
use std::fmt::Write;
use yew::prelude::*;

/// Props of [`ScalingChart`].
#[derive(Properties, PartialEq)]
pub struct ScalingChartProps {
    /// Page language.
    pub lang: Lang,
    /// The sweep to draw.
    pub report: Shared<SweepReport>,
}

const LEFT: f64 = 40.0;
const TOP: f64 = 24.0;
const PLOT_H: f64 = 240.0;
const AXIS: f64 = 40.0;
const ID: &str = "cpu-scaling";

/// The chart, fits and table.
#[function_component(ScalingChart)]
pub fn scaling_chart(props: &ScalingChartProps) -> Html {
    let node = use_node_ref();
    let w = use_width(node.clone());
    let l = props.lang;
    let r = &props.report.0;
    let hc = f64::from(r.hardware_concurrency.max(1));
    let max_k = f64::from(r.max_k.max(1));
    let series: Vec<_> = r.modes.iter().map(|&m| (m, r.speedups(m), r.fit(m))).collect();
    // Room for every point and for each fitted curve up to the largest k: past the cores the gap
    // between the law's promise and the measured plateau is the point of the chart.
    let measured = series.iter().flat_map(|(_, pts, _)| pts.iter().map(|p| p.1));
    let fitted = series.iter().filter_map(|(_, _, f)| f.map(|f| amdahl(f.s, max_k)));
    let top = measured.chain(fitted).fold(hc, f64::max) * 1.1;
    let xt = nice_ticks(0.0, max_k, r.max_k.clamp(1, if w >= 520.0 { 16 } else { 8 }) as usize);
    let yt = nice_ticks(0.0, top, 5);
    let (x0, x1) = (LEFT, (w - 16.0).max(LEFT + 60.0));
    let x = Linear::new(xt.domain(), (x0, x1));
    let y = Linear::new(yt.domain(), (TOP + PLOT_H, TOP));
    let height = TOP + PLOT_H + AXIS;
    let ideal_end = xt.domain().1.min(yt.domain().1);
    let grid = html! {
        <g class="grid">
            { for xt.values.iter().map(|v| html! { <g class="tick">
                <line x1={x.map(*v).to_string()} x2={x.map(*v).to_string()} y1={TOP.to_string()} y2={(TOP + PLOT_H).to_string()} />
                <text x={x.map(*v).to_string()} y={(TOP + PLOT_H + 14.0).to_string()} text-anchor="middle">{ xt.label(*v) }</text>
            </g> }) }
            { for yt.values.iter().map(|v| html! { <g class="tick">
                <line x1={x0.to_string()} x2={x1.to_string()} y1={y.map(*v).to_string()} y2={y.map(*v).to_string()} />
                <text x={(x0 - 6.0).to_string()} y={(y.map(*v) + 4.0).to_string()} text-anchor="end">{ format!("{}×", yt.label(*v)) }</text>
            </g> }) }
        </g>
    };
    let plot = |(mode, pts, fit): &(CpuMode, Vec<(u32, f64)>, Option<Fit>)| {
        let id = mode.id();
        let mut d = String::new();
        for (i, (k, s)) in pts.iter().enumerate() {
            let _ = write!(d, "{}{:.1},{:.1}", if i == 0 { "M" } else { "L" }, x.map(f64::from(*k)), y.map(*s));
        }
        let curve = fit.map(|f| {
            let mut c = String::new();
            for i in 0..=((max_k - 1.0) * 20.0) as u32 {
                let k = 1.0 + f64::from(i) / 20.0;
                let _ = write!(c, "{}{:.1},{:.1}", if i == 0 { "M" } else { "L" }, x.map(k), y.map(amdahl(f.s, k)));
            }
            c
        });
        let wall = |k: u32| {
            r.points.iter().find(|p| p.mode == *mode && p.k == k).map(|p| duration(p.wall_ms)).unwrap_or_default()
        };
        html! {
            <g class="series" data-mode={id}>
                if let Some(c) = curve { <path class={classes!("fit", series_class(id))} d={c} /> }
                <path class={classes!("line", series_class(id))} d={d} />
                { for pts.iter().map(|(k, s)| html! {
                    <circle class={classes!("point", series_class(id))} data-mode={id} data-k={k.to_string()} data-speedup={s.to_string()}
                        cx={format!("{:.1}", x.map(f64::from(*k)))} cy={format!("{:.1}", y.map(*s))} r="4">
                        <title>{ format!("{id}, k = {k}: {s:.2}× ({})", wall(*k)) }</title>
                    </circle>
                }) }
            </g>
        }
    };
    let sentences: Vec<String> = series
        .iter()
        .map(|(m, _, fit)| {
            fit.map(|f| fit_sentence(l, m.id(), f.s, r.fit_limit())).unwrap_or_else(|| no_fit(l, m.id()))
        })
        .collect();
    let fits = series.iter().map(|(m, _, fit)| match fit {
        Some(f) => html! { <li data-mode={m.id()} data-s={f.s.to_string()} data-rmse={f.rmse.to_string()}>{ fit_sentence(l, m.id(), f.s, r.fit_limit()) }</li> },
        None => html! { <li data-mode={m.id()} data-s="">{ no_fit(l, m.id()) }</li> },
    });
    let table_row = |k: u32| {
        let cells = series.iter().map(move |(m, pts, _)| {
            let p = r.points.iter().find(|p| p.mode == *m && p.k == k);
            let s = pts.iter().find(|p| p.0 == k).map(|p| p.1);
            html! { <>
                <td class="num">{ p.map(|p| duration(p.wall_ms)).unwrap_or_else(|| "—".into()) }</td>
                <td class="num speedup">{ speedup(s) }</td>
            </> }
        });
        html! { <tr data-k={k.to_string()}><th scope="row">{ k }</th>{ for cells }</tr> }
    };
    let title = trc(l, Tc::ScalingTitle);
    let (title_id, desc_id) = (format!("{ID}-title"), format!("{ID}-desc"));
    html! {
        <figure class="chart scaling-chart" id={ID} ref={node} data-complete={r.complete.to_string()}>
            <figcaption>{ title }{ format!(" (n = {})", r.n) }</figcaption>
            <ul class="legend">
                { for r.modes.iter().map(|m| html! { <li><span class={classes!("swatch", "line", series_class(m.id()))}></span>{ m.id() }</li> }) }
                <li><span class="swatch ideal"></span>{ trc(l, Tc::Ideal) }</li>
                <li><span class="swatch fit"></span>{ trc(l, Tc::AmdahlFit) }</li>
            </ul>
            <svg role="img" aria-labelledby={format!("{title_id} {desc_id}")} viewBox={format!("0 0 {w} {height}")}
                width="100%" height={height.to_string()} preserveAspectRatio="xMinYMin meet">
                <title id={title_id}>{ title }</title>
                <desc id={desc_id}>{ sentences.join(" ") }</desc>
                { grid }
                <line class="ideal" x1={x.map(0.0).to_string()} y1={y.map(0.0).to_string()} x2={x.map(ideal_end).to_string()} y2={y.map(ideal_end).to_string()} />
                <line class="cores" x1={x.map(hc).to_string()} x2={x.map(hc).to_string()} y1={TOP.to_string()} y2={(TOP + PLOT_H).to_string()} />
                <text class="cores-label" x={(x.map(hc) + 4.0).to_string()} y={(TOP + 12.0).to_string()}>{ format!("{} = {hc}", trc(l, Tc::Cores)) }</text>
                { for series.iter().map(plot) }
                <text class="axis-label" x="4" y="12">{ trc(l, Tc::SpeedupAxis) }</text>
                <text class="axis-label" x={x1.to_string()} y={(height - 3.0).to_string()} text-anchor="end">{ trc(l, Tc::KAxis) }</text>
            </svg>
            <ul class="fits" id={format!("{ID}-fits")}>{ for fits }</ul>
            <p class="muted">{ trc(l, Tc::FitNote) }</p>
            <details class="chart-table" open=true>
                <summary>{ trc(l, Tc::AsTable) }</summary>
                <div class="table-wrap">
                    <table id={format!("{ID}-table")}>
                        <caption>{ format!("serial: {}", r.serial_ms().map(duration).unwrap_or_else(|| "—".into())) }</caption>
                        <thead><tr>
                            <th scope="col">{ "k" }</th>
                            { for r.modes.iter().map(|m| html! { <>
                                <th scope="col">{ format!("{} · {}", m.id(), trc(l, Tc::ColTime)) }</th>
                                <th scope="col">{ format!("{} · {}", m.id(), trc(l, Tc::ColSpeedup)) }</th>
                            </> }) }
                        </tr></thead>
                        <tbody>{ for (1..=r.max_k).map(table_row) }</tbody>
                        <tfoot><tr>
                            <th scope="row">{ trc(l, Tc::ColFit) }</th>
                            { for series.iter().map(|(m, _, f)| html! {
                                <td colspan="2" class="num fit-s" data-mode={m.id()}>{ f.map(|f| format!("{:.3}", f.s)).unwrap_or_else(|| "—".into()) }</td>
                            }) }
                        </tr></tfoot>
                    </table>
                </div>
            </details>
        </figure>
    }
}

//! The first screen, above the contents: the tutorial's two tables with one run each that
//! reproduces them here (core::start), and where to go next.

use crate::core::lang::Lang;
use crate::core::start::{cpu_run, io_run, CPU_ROWS, IO_ROWS};
use crate::i18n::io::io_variant;
use crate::i18n::start::{trs, Ts};
use crate::i18n::tutorial_variant;
use crate::web::env;
use yew::prelude::*;

/// Props of [`Start`].
#[derive(Properties, PartialEq)]
pub struct StartProps {
    /// Page language.
    pub lang: Lang,
}

/// One of the tutorial's tables: (variant, seconds, speedup) rows.
fn table(l: Lang, id: &str, caption: Ts, rows: Vec<(&'static str, f64, f64)>) -> Html {
    html! {
        <table id={id.to_string()}>
            <caption>{ trs(l, caption) }</caption>
            <thead><tr><th scope="col">{ trs(l, Ts::Variant) }</th><th scope="col">{ trs(l, Ts::Time) }</th>
                <th scope="col">{ trs(l, Ts::Speedup) }</th></tr></thead>
            <tbody>{ for rows.into_iter().map(|(name, s, x)| html! {
                <tr><th scope="row">{ name }</th><td class="num">{ format!("{s:.2} s") }</td><td class="num">{ format!("{x:.2}×") }</td></tr>
            }) }</tbody>
        </table>
    }
}

/// The first screen.
#[function_component(Start)]
pub fn start(props: &StartProps) -> Html {
    let l = props.lang;
    let host = env::host();
    let cpu = CPU_ROWS.iter().map(|m| (tutorial_variant(l, *m), m.tutorial().seconds, m.tutorial().speedup)).collect();
    let io = IO_ROWS.iter().map(|m| (io_variant(l, *m), m.tutorial().seconds, m.tutorial().speedup)).collect();
    let next = [
        ("#topic-sync-async", Ts::NextStart),
        ("#topic-await", Ts::NextAsyncio),
        ("#topic-bugs", Ts::NextBugs),
        ("#cpu-take-home", Ts::NextHome),
        ("#topic-teaching", Ts::NextTeach),
    ];
    html! {
        <section class="start" id="start" aria-labelledby="start-title">
            <h2 id="start-title">{ trs(l, Ts::Title) }</h2>
            <p>{ trs(l, Ts::Intro) }</p>
            <div class="start-tables">
                <div>
                    { table(l, "start-cpu-table", Ts::CpuCaption, cpu) }
                    <a class="button" id="start-cpu" href={cpu_run(host, l)}>{ trs(l, Ts::RunCpu) }</a>
                    <p class="muted">{ trs(l, Ts::CpuHint) }</p>
                </div>
                <div>
                    { table(l, "start-io-table", Ts::IoCaption, io) }
                    <a class="button" id="start-io" href={io_run(host, l)}>{ trs(l, Ts::RunIo) }</a>
                    <p class="muted">{ trs(l, Ts::IoHint) }</p>
                </div>
            </div>
            <p class="next">{ trs(l, Ts::Next) }{ " " }
                { for next.iter().enumerate().map(|(i, (href, text))| html! {
                    <>{ if i > 0 { " · " } else { "" } }<a href={*href}>{ trs(l, *text) }</a></>
                }) }</p>
        </section>
    }
}

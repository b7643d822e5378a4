//! The timeline as tables, folded under `<details>`: one row per lane (how many items, how busy),
//! then one row per task or request, capped so a 50 000-task run stays responsive.

use super::Shared;
use crate::core::charts::lanes::{Item, LaneInfo, Layout};
use crate::core::lang::Lang;
use crate::i18n::charts::{capped_note, lane_name, trc, Tc};
use crate::ui::format::{duration, percent};
use yew::prelude::*;

/// Most item rows the table lists.
pub const TABLE_CAP: usize = 300;

/// Props of [`TimelineTable`].
#[derive(Properties, PartialEq)]
pub struct TimelineTableProps {
    /// Page language.
    pub lang: Lang,
    /// The items are requests.
    pub requests: bool,
    /// The mode's wall time (ms), for each lane's share of it.
    pub wall_ms: f64,
    /// The laid-out timeline (lanes and their figures).
    pub layout: Shared<Layout>,
    /// Every item.
    pub items: Shared<Vec<Item>>,
}

/// The tables.
#[function_component(TimelineTable)]
pub fn timeline_table(props: &TimelineTableProps) -> Html {
    let l = props.lang;
    let laid = &props.layout.0;
    // Waits are summed per lane below, not listed one by one: the rows are the work.
    let mut items: Vec<&Item> = props.items.0.iter().filter(|i| !i.wait).collect();
    let waits = laid.waits > 0;
    items.sort_by(|a, b| a.start.total_cmp(&b.start).then(a.id.cmp(&b.id)));
    let total = items.len();
    let lane_row = |lane: &LaneInfo| {
        let share = (props.wall_ms > 0.0).then(|| lane.busy_ms / props.wall_ms);
        html! {
            <tr>
                <th scope="row">{ lane_name(l, lane.lane) }</th>
                <td class="num">{ lane.items }</td>
                <td class="num">{ duration(lane.busy_ms) }</td>
                <td class="num">{ percent(share) }</td>
                if waits { <td class="num">{ duration(lane.wait_ms) }</td> }
            </tr>
        }
    };
    let item_row = |it: &&Item| {
        html! {
            <tr>
                <th scope="row">{ it.id }</th>
                <td>{ lane_name(l, it.lane) }</td>
                <td class="num">{ format!("{:.2}", it.start) }</td>
                <td class="num">{ format!("{:.2}", it.end) }</td>
                <td class="num">{ duration(it.end - it.start) }</td>
                if props.requests { <td>{ trc(l, if it.ok { Tc::Ok } else { Tc::Failed }) }</td> }
            </tr>
        }
    };
    let what = trc(l, if props.requests { Tc::Request } else { Tc::Task });
    html! {
        <details class="chart-table">
            <summary>{ trc(l, Tc::AsTable) }</summary>
            <div class="table-wrap">
                <table class="lanes-table">
                    <thead><tr>
                        <th scope="col">{ trc(l, Tc::ColLane) }</th>
                        <th scope="col">{ trc(l, Tc::ColItems) }</th>
                        <th scope="col">{ trc(l, Tc::ColBusy) }</th>
                        <th scope="col">{ trc(l, Tc::ColShare) }</th>
                        if waits { <th scope="col">{ trc(l, Tc::ColWaited) }</th> }
                    </tr></thead>
                    <tbody>{ for laid.lanes.iter().map(lane_row) }</tbody>
                </table>
                <table class="items-table" data-rows={total.min(TABLE_CAP).to_string()} data-total={total.to_string()}>
                    <thead><tr>
                        <th scope="col">{ what }</th>
                        <th scope="col">{ trc(l, Tc::ColLane) }</th>
                        <th scope="col">{ trc(l, Tc::ColStart) }{ " (ms)" }</th>
                        <th scope="col">{ trc(l, Tc::ColEnd) }{ " (ms)" }</th>
                        <th scope="col">{ trc(l, Tc::ColDuration) }</th>
                        if props.requests { <th scope="col">{ trc(l, Tc::ColResult) }</th> }
                    </tr></thead>
                    <tbody>{ for items.iter().take(TABLE_CAP).map(item_row) }</tbody>
                </table>
            </div>
            if total > TABLE_CAP { <p class="muted capped-note">{ capped_note(l, TABLE_CAP, total) }</p> }
        </details>
    }
}

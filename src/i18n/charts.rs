//! The charts' texts: titles, axes, legends, captions, and the sweep's controls.

use crate::core::charts::speedup::SpeedupRow;
use crate::core::engine::Engine;
use crate::core::lang::Lang;
use crate::core::timeline::Lane;

texts! {
    Tc, trc;
    SpeedupTitle => { Zh: "各方式的加速比：本次运行与教程对照", En: "Speedup per mode: this run beside the tutorial" }
    IoSpeedupTitle => { Zh: "各方式的加速比：本次下载与教程对照", En: "Speedup per mode: these downloads beside the tutorial" }
    ThisBrowser => { Zh: "本浏览器", En: "this browser" }
    YourPython => { Zh: "你自己电脑上的 Python", En: "your own Python" }
    TutorialPython => { Zh: "教程（CPython）", En: "tutorial (CPython)" }
    SpeedupAxis => { Zh: "加速比（相对同一引擎的 serial / py-serial，倍）", En: "speedup over its engine's serial / py-serial (×)" }
    Rounds => { Zh: "轮", En: "rounds" }
    NoSpeedups => { Zh: "没有完成的 serial 结果，所以这里只标出墙钟时间。", En: "No finished serial run, so only wall times are marked." }
    NotFinished => { Zh: "未完成", En: "not finished" }
    TimelineTitle => { Zh: "时间线：每个任务在哪条线程上、何时运行", En: "Timeline: when and where each task ran" }
    IoTimelineTitle => { Zh: "时间线：每个请求从发出到收完", En: "Timeline: each request, from sent to received" }
    ShowMode => { Zh: "显示的方式", En: "Mode shown" }
    TimeAxis => { Zh: "自计时开始的毫秒数", En: "ms since the timed run began" }
    LaneMain => { Zh: "主线程", En: "main thread" }
    LaneEventLoop => { Zh: "事件循环", En: "event loop" }
    LaneThread => { Zh: "线程", En: "thread" }
    LaneWorker => { Zh: "Worker", En: "worker" }
    Task => { Zh: "任务", En: "task" }
    Request => { Zh: "请求", En: "request" }
    Failed => { Zh: "失败", En: "failed" }
    Ok => { Zh: "成功", En: "ok" }
    AsTable => { Zh: "以表格查看", En: "As a table" }
    ColWaited => { Zh: "等锁时间", En: "Waiting for the lock" }
    ColLane => { Zh: "执行位置", En: "Lane" }
    ColItems => { Zh: "个数", En: "Count" }
    ColBusy => { Zh: "忙碌时间", En: "Busy" }
    ColShare => { Zh: "占墙钟时间", En: "Of wall time" }
    ColStart => { Zh: "开始", En: "Start" }
    ColEnd => { Zh: "结束", En: "End" }
    ColDuration => { Zh: "时长", En: "Duration" }
    ColResult => { Zh: "结果", En: "Result" }
    NoTimeline => {
        Zh: "这是从本地存储恢复的结果，只保存了汇总数字、没有时间线；再运行一次即可看到。",
        En: "This run was restored from storage, which keeps the figures but not the timeline: run again to see it.",
    }
    CompletionTitle => { Zh: "随时间收到的图片数", En: "Images received over time" }
    CompletionAxis => { Zh: "已收到的图片", En: "images received" }
    ScalingTitle => { Zh: "加速比与线程数 k 的关系", En: "Speedup against the number of threads k" }
    KAxis => { Zh: "线程 / Worker 数 k", En: "threads / workers k" }
    Ideal => { Zh: "理想：加速比 = k", En: "ideal: speedup = k" }
    AmdahlFit => { Zh: "阿姆达尔定律拟合", En: "Amdahl's law, fitted" }
    Cores => { Zh: "核心数", En: "cores" }
    SweepTitle => { Zh: "扫描线程数 k", En: "Sweep over the thread count k" }
    SweepIntro => {
        Zh: "一次扫描：先运行 serial 作为基准，再对 k = 1 到 2 × 核心数，依次运行 rayon 与 workers（n 与 chunk 取上面的输入）。每次运行都像上面一样先预热；每个点只计时一次，机器忙时各点会有抖动。",
        En: "A sweep runs serial once as the baseline, then rayon and workers for each k from 1 to 2 × cores (n and chunk as set above), each warmed up as above. Each point is one timed run, so on a busy machine the points scatter.",
    }
    SweepRun => { Zh: "扫描 k", En: "Sweep k" }
    SweepCancel => { Zh: "停止扫描", En: "Stop the sweep" }
    SweepOnlyWorkers => {
        Zh: "此页面没有跨源隔离，共享内存不可用，所以只扫描 workers，不扫描 rayon。",
        En: "This page is not cross-origin isolated, so there is no shared memory: only workers is swept, not rayon.",
    }
    SweepRestored => { Zh: "上次的扫描结果，从本地存储恢复。", En: "Your last sweep, restored from this browser's storage." }
    SweepCancelled => {
        Zh: "扫描中途停止：只画出已完成的点，这次结果不会保存。",
        En: "The sweep was stopped part-way: only finished points are drawn, and it is not saved.",
    }
    SweepNeedsSettings => { Zh: "先改正上面的输入，才能扫描。", En: "Fix the inputs above to sweep." }
    FitNote => {
        Zh: "拟合只用 k 不超过核心数的点：超过之后多个线程轮流使用同一批核心，这是机器的上限，并不是串行部分。",
        En: "The fit uses only k up to the cores: beyond them threads take turns on the same cores, a limit of the machine rather than a serial part.",
    }
    ColMode => { Zh: "方式", En: "Mode" }
    ColTime => { Zh: "墙钟时间", En: "Wall time" }
    ColSpeedup => { Zh: "加速比", En: "Speedup" }
    ColFit => { Zh: "拟合的 s", En: "fitted s" }
}

/// A lane's name: "thread 2", "worker 0", "main thread".
pub fn lane_name(l: Lang, lane: Lane) -> String {
    match lane {
        Lane::Main => trc(l, Tc::LaneMain).into(),
        Lane::EventLoop => trc(l, Tc::LaneEventLoop).into(),
        Lane::Thread(t) => format!("{} {t}", trc(l, Tc::LaneThread)),
        Lane::Worker(w) => format!("{} {w}", trc(l, Tc::LaneWorker)),
    }
}

/// The speedup chart's summary: what the ranges support, no more, said per engine, since each
/// engine's speedups are over its own serial (`serial`, `py-serial`) and two engines' figures are
/// not comparable. Per engine the fastest mode is named with its range (and the modes level with
/// it within their ranges); every mode whose range holds 1 is said to show no speedup
/// (`global-lock`: as with the GIL), every mode clearly below 1 to be slower than its baseline.
pub fn speedup_summary(l: Lang, rows: &[SpeedupRow]) -> String {
    let parts: Vec<String> = Engine::ALL
        .into_iter()
        .filter_map(|engine| {
            let rows: Vec<&SpeedupRow> = rows.iter().filter(|r| r.engine == engine && r.home.is_none()).collect();
            engine_summary(l, &rows)
        })
        .collect();
    if parts.is_empty() {
        return trc(l, Tc::NoSpeedups).to_string();
    }
    let mut out = parts.join(" ");
    if rows.iter().filter(|r| r.done && r.speedup.is_some()).all(|r| r.samples <= 1) {
        out.push_str(match l {
            Lang::Zh => " 只有一轮，没有范围：多跑几轮才知道这些数字有多可靠。",
            Lang::En => " One round gives no range: more rounds show how far these figures can be trusted.",
        });
    }
    out
}

/// One engine's sentences; `None` when it has no measured mode besides its baseline.
fn engine_summary(l: Lang, rows: &[&SpeedupRow]) -> Option<String> {
    use crate::core::rounds::{verdict, Verdict};
    let measured: Vec<_> = rows
        .iter()
        .filter(|r| r.done && r.mode != r.baseline)
        .filter_map(|r| r.speedup.map(|s| (*r, s, r.range.unwrap_or((s, s)))))
        .collect();
    let &(best, s, (lo, hi)) = measured.iter().max_by(|a, b| a.1.total_cmp(&b.1))?;
    let base = best.baseline;
    let range =
        |r: &SpeedupRow, lo: f64, hi: f64| if r.samples > 1 { format!(" ({lo:.2}–{hi:.2})") } else { String::new() };
    let level: Vec<&str> =
        measured.iter().filter(|(r, _, (_, h))| r.mode != best.mode && *h >= lo).map(|(r, _, _)| r.mode).collect();
    let mut out = if verdict(lo, hi) == Verdict::Faster {
        let (t, with) = (best.tutorial_speedup, level.join(", "));
        let r = range(best, lo, hi);
        match (l, level.is_empty()) {
            (Lang::Zh, true) => format!("比 {base} 快得最多的是 {}：{s:.2} 倍{r}；教程中对应的写法是 {t:.2} 倍。", best.mode),
            (Lang::Zh, false) => format!(
                "比 {base} 快得最多的是 {}：{s:.2} 倍{r}，但在范围内与 {with} 不相上下；教程中对应的写法是 {t:.2} 倍。",
                best.mode
            ),
            (Lang::En, true) => format!(
                "Fastest over {base}: {} at {s:.2}×{r}; the tutorial's matching variant got {t:.2}×.",
                best.mode
            ),
            (Lang::En, false) => format!(
                "Fastest over {base}: {} at {s:.2}×{r}, level with {with} within the ranges; the tutorial's matching variant got {t:.2}×.",
                best.mode
            ),
        }
    } else {
        match l {
            Lang::Zh => format!("这次没有哪种方式明显快于 {base}。"),
            Lang::En => format!("No mode is clearly faster than {base} here."),
        }
    };
    for &(r, s, (lo, hi)) in &measured {
        let gil = r.mode == "global-lock";
        let rr = range(r, lo, hi);
        let claim = match (verdict(lo, hi), l) {
            (Verdict::Faster, _) => continue,
            (Verdict::NoSpeedup, Lang::Zh) if gil => format!(" {}：{s:.2} 倍{rr}，没有加速，和 GIL 下一样。", r.mode),
            (Verdict::NoSpeedup, Lang::Zh) => format!(" {}：{s:.2} 倍{rr}，没有加速。", r.mode),
            (Verdict::Slower, Lang::Zh) => format!(" {}：{s:.2} 倍{rr}，比 {base} 慢。", r.mode),
            (Verdict::NoSpeedup, Lang::En) if gil => format!(" {}: {s:.2}×{rr} — no speedup, as with the GIL.", r.mode),
            (Verdict::NoSpeedup, Lang::En) => format!(" {}: {s:.2}×{rr} — no speedup.", r.mode),
            (Verdict::Slower, Lang::En) => format!(" {}: {s:.2}×{rr} — slower than {base}.", r.mode),
        };
        out.push_str(&claim);
    }
    Some(out)
}

#[cfg(test)]
mod summary_tests {
    use super::*;

    fn row(mode: &'static str, engine: Engine, baseline: &'static str, speedup: f64) -> SpeedupRow {
        SpeedupRow {
            mode,
            wall_ms: 100.0 / speedup,
            speedup: Some(speedup),
            range: Some((speedup * 0.95, speedup * 1.05)),
            samples: 3,
            done: true,
            tutorial_seconds: 1.0,
            tutorial_speedup: 1.84,
            tutorial_label: "",
            first_of_variant: true,
            engine,
            baseline,
        }
    }

    #[test]
    fn a_python_only_run_is_measured_against_py_serial() {
        let rows =
            [row("py-serial", Engine::Python, "py-serial", 1.0), row("py-processes", Engine::Python, "py-serial", 1.6)];
        let s = speedup_summary(Lang::En, &rows);
        assert!(s.starts_with("Fastest over py-serial: py-processes at 1.60×"), "{s}");
        assert!(!s.contains("py-serial: 1.00"), "the baseline is not a claim of its own: {s}");
    }

    #[test]
    fn a_mixed_run_names_the_fastest_of_each_engine_over_its_own_serial() {
        let rows = [
            row("serial", Engine::Rust, "serial", 1.0),
            row("rayon", Engine::Rust, "serial", 1.9),
            row("py-serial", Engine::Python, "py-serial", 1.0),
            row("py-processes", Engine::Python, "py-serial", 1.3),
            row("py-asyncio", Engine::Python, "py-serial", 0.7),
        ];
        let s = speedup_summary(Lang::En, &rows);
        assert!(s.contains("Fastest over serial: rayon at 1.90×"), "{s}");
        assert!(s.contains("Fastest over py-serial: py-processes at 1.30×"), "{s}");
        assert!(s.contains("py-asyncio: 0.70× (0.67–0.73) — slower than py-serial."), "{s}");
        let zh = speedup_summary(Lang::Zh, &rows);
        assert!(zh.contains("比 py-serial 快得最多的是 py-processes") && zh.contains("比 py-serial 慢"), "{zh}");
    }

    #[test]
    fn only_baselines_make_no_claim() {
        let rows = [row("serial", Engine::Rust, "serial", 1.0), row("py-serial", Engine::Python, "py-serial", 1.0)];
        assert_eq!(speedup_summary(Lang::En, &rows), trc(Lang::En, Tc::NoSpeedups));
    }
}

/// The timeline's summary sentence.
pub fn timeline_summary(l: Lang, mode: &str, items: usize, lanes: usize, wall: &str, requests: bool) -> String {
    let what = if requests { trc(l, Tc::Request) } else { trc(l, Tc::Task) };
    match l {
        Lang::Zh => format!("{mode}：{items} 个{what}分布在 {lanes} 条执行线上，共用时 {wall}。"),
        Lang::En => {
            let s = |n: usize| if n == 1 { "" } else { "s" };
            format!("{mode}: {items} {what}{} on {lanes} lane{}, {wall} in all.", s(items), s(lanes))
        }
    }
}

/// Said when a large run's consecutive tasks were merged into segments.
pub fn merged_note(l: Lang, items: usize, segments: usize) -> String {
    match l {
        Lang::Zh => format!("任务很多（{items} 个），为了让页面保持流畅，同一条线上相邻的任务已合并成 {segments} 段。"),
        Lang::En => format!("{items} tasks are too many to draw one by one: neighbouring tasks on a lane are merged into {segments} segments to keep the page responsive."),
    }
}

/// The tooltip of a wait for the lock (or of several merged ones).
pub fn wait_title(l: Lang, count: u32, lane: &str, span: &str) -> String {
    match (l, count) {
        (Lang::Zh, 1) => format!("等待锁 · {lane} · {span}"),
        (Lang::Zh, n) => format!("{n} 次等待锁 · {lane} · {span}"),
        (Lang::En, 1) => format!("waiting for the lock · {lane} · {span}"),
        (Lang::En, n) => format!("{n} waits for the lock · {lane} · {span}"),
    }
}

/// The legend of the waits, under a `global-lock` timeline.
pub fn wait_note(l: Lang, waits: usize, lanes: usize) -> String {
    match l {
        Lang::Zh => format!("浅色条：线程手里有任务却拿不到锁，只能等（{lanes} 条线程共等了 {waits} 次）。任一时刻只有一条线程在算，其余的在等；持锁的线程在有人等满一个切换间隔后让出锁。"),
        Lang::En => format!("Pale bars: a thread that has work but not the lock, waiting ({waits} waits over {lanes} threads). At any moment one thread computes and the others wait; the holder hands the lock over once a waiter has waited one switch interval."),
    }
}

/// Said when the table lists only the first rows.
pub fn capped_note(l: Lang, shown: usize, total: usize) -> String {
    match l {
        Lang::Zh => format!("只列出最早的 {shown} 行，共 {total} 行；完整数据可下载 JSON / CSV。"),
        Lang::En => format!("Only the first {shown} of {total} rows are listed; download the JSON / CSV for all."),
    }
}

/// A segment's tooltip: "tasks 1–512 (512), worker 0, 0.3–120.5 ms".
pub fn segment_title(l: Lang, first: u32, last: u32, count: u32, lane: &str, span: &str) -> String {
    match l {
        Lang::Zh => format!("任务 {first}–{last}（{count} 个），{lane}，{span}"),
        Lang::En => format!("tasks {first}–{last} ({count}), {lane}, {span}"),
    }
}

/// The completion chart's summary: when the last image arrived, per mode.
pub fn completion_summary(l: Lang, parts: &[String]) -> String {
    match l {
        Lang::Zh => format!("最后一张图片到达的时刻：{}。", parts.join("；")),
        Lang::En => format!("Last image received at: {}.", parts.join("; ")),
    }
}

/// The sweep's progress line.
pub fn sweep_step(l: Lang, step: usize, total: usize, mode: &str, k: u32) -> String {
    match l {
        Lang::Zh => format!("第 {step} / {total} 次运行：{mode}，k = {k}"),
        Lang::En => format!("Run {step} of {total}: {mode}, k = {k}"),
    }
}

/// A fitted serial fraction, with the ceiling it implies.
pub fn fit_sentence(l: Lang, mode: &str, s: f64, upto: u32) -> String {
    let ceiling = if s > 1e-3 { format!("{:.0}", 1.0 / s) } else { "∞".into() };
    match l {
        Lang::Zh => format!("{mode}：拟合的串行比例 s = {s:.3}（依据 k ≤ {upto} 的点）；按此推算，线程再多加速比也不超过 {ceiling} 倍。"),
        Lang::En => format!("{mode}: fitted serial fraction s = {s:.3} (from the points with k ≤ {upto}); however many threads, that caps the speedup at {ceiling}×."),
    }
}

/// Said when there are too few points to fit.
pub fn no_fit(l: Lang, mode: &str) -> String {
    match l {
        Lang::Zh => format!("{mode}：点太少，无法拟合。"),
        Lang::En => format!("{mode}: too few points to fit."),
    }
}

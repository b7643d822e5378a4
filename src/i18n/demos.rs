//! The live demos' texts (`src/demos/`).

use crate::core::demos::tasks::WaitMode;
use crate::core::demos::{DemoId, Expect};
use crate::core::lang::Lang;

texts! {
    Td, trd;
    DemosTitle => { Zh: "小演示", En: "Live demos" }
    DemosIntro => {
        Zh: "笔记里讲到的几个概念，各配一个可以动手的小演示，用的都是浏览器里真实的定时器、通道和 future。",
        En: "A small hands-on demo for several ideas from the notes, built on the browser's real timers, channels and futures.",
    }
    Source => { Zh: "源码：", En: "Source: " }
    PythonCell => { Zh: "它所代表的 Python 程序：在单元里运行 ↗", En: "The Python program it stands for: run it in the cell ↗" }
    PythonHome => { Zh: "用线程写的同一个程序（浏览器里开不了线程，请用你自己的 CPython 运行）", En: "The same with threads (the browser's Python cannot start one: run it with your own CPython)" }
    Run => { Zh: "运行", En: "Run" }
    Stop => { Zh: "停止", En: "Stop" }
    Reset => { Zh: "重置", En: "Reset" }
    Running => { Zh: "运行中…", En: "Running…" }
    StoppedDropped => {
        Zh: "已停止：正在运行的 future 被丢弃，也就是被取消了。",
        En: "Stopped: the running futures were dropped, which cancels them.",
    }
    Task => { Zh: "任务", En: "Task" }
    CvBusy => { Zh: "最多几条忙线程", En: "Busy threads, up to" }
    CvSwitch => { Zh: "切换间隔（毫秒）", En: "Switch interval (ms)" }
    CvWakeups => { Zh: "每档测几次唤醒", En: "Wake-ups measured per row" }
    CvCaption => { Zh: "I/O 线程的响应时间：从 I/O 结束到它那一点活干完", En: "The I/O thread's response time: from the end of its I/O to the end of its bit of work" }
    CvColBusy => { Zh: "忙线程数", En: "Busy threads" }
    CvColMedian => { Zh: "响应时间中位数", En: "Median response" }
    CvColLongest => { Zh: "最长", En: "Longest" }
    CvColRule => { Zh: "按规则估算", En: "The rule says" }
    CvStopped => { Zh: "已停止：线程们在下一次检查时退出了。", En: "Stopped: the threads left at their next check." }
    CvNeedsIsolation => { Zh: "这个演示要在跨源隔离的页面上运行（线程共享内存），此处不可用。", En: "This demo needs a cross-origin isolated page (its threads share memory) and cannot run here." }
    Delay => { Zh: "延迟", En: "Delay" }
    Outcome => { Zh: "结果", En: "Outcome" }
    At => { Zh: "时刻", En: "At" }
    PcProducers => { Zh: "生产者数", En: "Producers" }
    PcConsumers => { Zh: "消费者数", En: "Consumers" }
    PcCapacity => { Zh: "队列容量", En: "Queue capacity" }
    PcItems => { Zh: "物品总数", En: "Items in all" }
    PcMakeMs => { Zh: "生产一件（毫秒）", En: "Make one (ms)" }
    PcUseMs => { Zh: "消费一件（毫秒）", En: "Use one (ms)" }
    PcDoneIn => { Zh: "全部完成，用时", En: "All done in" }
    PcProduced => { Zh: "已生产 ", En: "Produced " }
    PcConsumed => { Zh: "已消费 ", En: "Consumed " }
    PcDepth => { Zh: "队列中 ", En: "In the queue " }
    PcMaxDepth => { Zh: "最大长度 ", En: "Longest queue " }
    PcWaited => { Zh: "生产者等空位共 ", En: "Producers waited for room " }
    PcDepthChart => { Zh: "队列长度随时间的变化", En: "Queue length over time" }
    PcTakenOrder => { Zh: "取出的顺序（P2·3 即生产者 2 的第 3 件）：", En: "Order taken out (P2·3 is producer 2's third item): " }
    PcFifoOk => { Zh: "每个生产者的物品都按生产的先后取出 ✓", En: "each producer's items came out in the order made ✓" }
    MoDelays => { Zh: "各任务的延迟（毫秒，按提交顺序）", En: "Task delays (ms, in submission order)" }
    MoMap => { Zh: "map：按提交顺序", En: "map: submission order" }
    MoCompleted => { Zh: "as_completed：按完成顺序", En: "as_completed: completion order" }
    MoDone => {
        Zh: "完成。两栏是同一批任务，只是取结果的顺序不同。",
        En: "Done. Both columns are the same tasks, collected in a different order.",
    }
    FoDelays => { Zh: "各任务的延迟（毫秒）", En: "Task delays (ms)" }
    FoFails => { Zh: "会失败的任务", En: "Task that fails" }
    FoNone => { Zh: "无", En: "none" }
    FoMode => { Zh: "何时返回（return_when）", En: "Return when (return_when)" }
    FoKeep => {
        Zh: "返回后继续等其余任务（像 Python 的 not_done 那样继续跑）",
        En: "Keep awaiting the rest after the wait returns (as Python's not_done keep running)",
    }
    FoPending => { Zh: "运行中", En: "running" }
    FoDone => { Zh: "完成", En: "done" }
    FoFailed => { Zh: "失败", En: "failed" }
    FoDropped => { Zh: "已丢弃（取消）", En: "dropped (cancelled)" }
    FoRustDrops => {
        Zh: "Python 的 wait() 返回后，not_done 里的任务照样在跑；Rust 的 future 只有被 poll 才会前进，把它丢弃就等于取消。",
        En: "After Python's wait() returns, the tasks in not_done keep running; a Rust future only moves when it is polled, so dropping it cancels it.",
    }
    TtDelay => { Zh: "延迟（毫秒）", En: "Delay (ms)" }
    TtPriority => { Zh: "优先级", En: "Priority" }
    TtTakes => { Zh: "动作耗时（毫秒）", En: "Takes (ms)" }
    TtPlanned => { Zh: "计划", En: "Planned" }
    TtActual => { Zh: "实际", En: "Actual" }
    TtPlannedMs => { Zh: "计划（毫秒）", En: "Planned (ms)" }
    TtActualMs => { Zh: "实际（毫秒）", En: "Actual (ms)" }
    TtLateMs => { Zh: "迟到（毫秒）", En: "Late by (ms)" }
    TtChart => {
        Zh: "时间线：空心圆是计划时刻，实心点是实际时刻，横条是动作执行的时间",
        En: "Timeline: hollow circle = planned, dot = actual, bar = the action running",
    }
    TtDone => { Zh: "全部触发完毕。", En: "All fired." }
    TtWhyLate => {
        Zh: "浏览器的定时器只保证“不早于”设定的时间：事件循环忙的时候要排队，嵌套超过五层的 setTimeout 至少隔 4 毫秒，后台标签页里大约一秒才触发一次。前一个动作做得越久，后面的就越晚。",
        En: "A browser timer only promises “not before”: it waits while the event loop is busy, setTimeouts nested more than five deep wait at least 4 ms, and background tabs fire about once a second. The longer an action takes, the later the ones behind it.",
    }
    FmTrace => {
        Zh: "最近 10 秒的帧间隔（红色阴影：超过 50 毫秒的长帧）",
        En: "Frame intervals over the last 10 s (shaded red: long frames over 50 ms)",
    }
    FmLongest => { Zh: "最长间隔（10 秒内）：", En: "Longest gap (last 10 s): " }
    FmSinceReset => { Zh: "重置以来：", En: "since Reset: " }
    FmLongFrames => { Zh: "长帧：", En: "long frames: " }
    RaValue => { Zh: "要发送的数", En: "Number to send" }
    RaNotNumber => { Zh: "请输入一个数，例如 12 或 3.5。", En: "Type a number, such as 12 or 3.5." }
    RaSend => { Zh: "发送", En: "Send" }
    RaFinish => { Zh: "结束（关闭通道）", En: "Finish (close the channel)" }
}

/// A demo's heading.
pub fn demo_title(lang: Lang, id: DemoId) -> &'static str {
    match (lang, id) {
        (Lang::Zh, DemoId::ProducerConsumer) => "生产者、消费者与有界队列",
        (Lang::En, DemoId::ProducerConsumer) => "Producers, consumers and a bounded queue",
        (Lang::Zh, DemoId::MapOrder) => "map 的顺序与 as_completed 的顺序",
        (Lang::En, DemoId::MapOrder) => "map order vs as_completed order",
        (Lang::Zh, DemoId::FirstOf) => "等第一个：wait(return_when)",
        (Lang::En, DemoId::FirstOf) => "Waiting for the first: wait(return_when)",
        (Lang::Zh, DemoId::TimedTasks) => "定时任务（sched）",
        (Lang::En, DemoId::TimedTasks) => "Timed tasks (sched)",
        (Lang::Zh, DemoId::FreezeMeter) => "卡顿计",
        (Lang::En, DemoId::FreezeMeter) => "Freeze meter",
        (Lang::Zh, DemoId::RunningAverage) => "有状态的协程：累计平均",
        (Lang::En, DemoId::RunningAverage) => "A coroutine with state: cumulative average",
        (Lang::Zh, DemoId::Convoy) => "护航效应：I/O 线程回来排队等 GIL",
        (Lang::En, DemoId::Convoy) => "The convoy effect: back from I/O, in line for the GIL",
    }
}

/// What to do with a demo, in a sentence or two.
pub fn demo_intro(lang: Lang, id: DemoId) -> &'static str {
    match (lang, id) {
        (Lang::Zh, DemoId::ProducerConsumer) => "几个生产者往有界队列里放物品，几个消费者往外取。队列满了，生产者只能等（这就是背压）。改一改数量、容量和快慢，看队列长度怎么变。",
        (Lang::En, DemoId::ProducerConsumer) => "Producers put items into a bounded queue and consumers take them out; when it is full, producers must wait (backpressure). Change the counts, the capacity and the speeds, and watch the queue's length.",
        (Lang::Zh, DemoId::MapOrder) => "同时启动几个延迟不同的任务，分别按提交顺序（map）和完成顺序（as_completed）收结果。第一个任务最慢时，左栏要等它做完才有输出。",
        (Lang::En, DemoId::MapOrder) => "Start tasks with different delays at once, and collect their results in submission order (map) and in completion order (as_completed). When the first task is the slowest, the left column stays empty until it is done.",
        (Lang::Zh, DemoId::FirstOf) => "等一组任务：第一个完成、第一个失败，或者全部完成时返回。换一种返回条件，或者换一个会失败的任务，再运行一次。",
        (Lang::En, DemoId::FirstOf) => "Wait on a group of tasks until the first one finishes, the first one fails, or all are done. Switch the condition or the failing task and run again.",
        (Lang::Zh, DemoId::TimedTasks) => "按延迟和优先级安排几个动作，看它们按时间先后触发；同时到期的，优先级数字小的先执行。给某个动作加上耗时，后面的都会推迟。",
        (Lang::En, DemoId::TimedTasks) => "Schedule a few actions by delay and priority and watch them fire in time order; of those due together, the smaller priority number goes first. Give one action some work and everything after it runs late.",
        (Lang::Zh, DemoId::FreezeMeter) => "圆点由 requestAnimationFrame 一帧一帧地移动，曲线是最近 10 秒的帧间隔。在 CPU 实验里运行 main-thread，圆点会停住、曲线冲高；其他方式运行时它保持平稳。",
        (Lang::En, DemoId::FreezeMeter) => "The dot is moved frame by frame by requestAnimationFrame, and the trace shows the intervals between frames over the last 10 s. Run main-thread in the CPU experiment: the dot stalls and the trace spikes; the other modes leave it smooth.",
        (Lang::Zh, DemoId::RunningAverage) => "这个协程在两次发送之间暂停，记着计数和总和。发送几个数，看每次的平均值；“结束”让它返回结果，“重置”换一个新的协程。",
        (Lang::En, DemoId::RunningAverage) => "This coroutine pauses between two sends and remembers its count and total. Send a few numbers and watch each new average; Finish makes it return its result, Reset starts a fresh one.",
        (Lang::Zh, DemoId::Convoy) => "一条线程反复等 1 毫秒的“I/O”（真的阻塞，等的时候不持锁），醒来后要拿到锁做一点点事。旁边依次放 0、1、2… 条一直在算的线程，它们按切换间隔轮流持锁，和 global-lock 用的是同一条规则。演示测出 I/O 线程从醒来到做完要多久。先预测，再运行。",
        (Lang::En, DemoId::Convoy) => "One thread keeps waiting 1 ms for “I/O” (a real blocking wait, holding no lock) and, once awake, needs the lock for a moment of work. Beside it run 0, 1, 2… busy threads that take the lock in switch-interval turns, by the same rule as global-lock. The demo measures how long the I/O thread takes from waking to done. Predict first, then run.",
    }
}

/// The convoy demo's estimate for a row, from the rule (`core::demos::convoy::expected_ms`).
pub fn cv_expected(lang: Lang, ms: f64) -> String {
    match lang {
        Lang::Zh => format!("约 {ms:.1} ms"),
        Lang::En => format!("about {ms:.1} ms"),
    }
}

/// The convoy demo's conclusion once every row is measured.
pub fn cv_verdict(lang: Lang, grew: bool, switch_ms: u32) -> String {
    match (lang, grew) {
        (Lang::Zh, true) => format!("每多一条忙线程，I/O 线程就多排一个切换间隔（{switch_ms} 毫秒）左右的队：它的 I/O 只要 1 毫秒，响应却被忙线程拖长了。这就是护航效应。"),
        (Lang::En, true) => format!("Each busy thread adds about one switch interval ({switch_ms} ms) to the I/O thread's wait: its I/O takes 1 ms, yet the busy threads stretch its response. That is the convoy effect."),
        (Lang::Zh, false) => "这次的响应时间没有随忙线程数明显增长（机器很忙时可能如此），再运行一次看看。".into(),
        (Lang::En, false) => "This time the response did not clearly grow with the busy threads (it can happen on a loaded machine); run it again.".into(),
    }
}

/// What a field accepts, when the typed text does not fit.
pub fn expect_text(lang: Lang, e: Expect) -> String {
    match (lang, e) {
        // The URL messages' wording (a demo field takes what its URL parameter takes).
        (Lang::Zh, e) => format!("应为 {}", crate::i18n::expected(lang, e.into())),
        (Lang::En, e) => format!("expected {}", crate::i18n::expected(lang, e.into())),
    }
}

/// A `return_when` choice, with the Rust combinator behind it.
pub fn fo_mode_label(lang: Lang, m: WaitMode) -> String {
    let rust = match (lang, m) {
        (_, WaitMode::FirstCompleted) => "select_all",
        (Lang::Zh, WaitMode::FirstException) => "FuturesUnordered，遇到第一个 Err 就停",
        (Lang::En, WaitMode::FirstException) => "FuturesUnordered, stop at the first Err",
        (_, WaitMode::AllCompleted) => "join_all",
    };
    match lang {
        Lang::Zh => format!("{}：{rust}", m.python()),
        Lang::En => format!("{} — {rust}", m.python()),
    }
}

/// When and why the wait returned.
pub fn fo_summary(lang: Lang, m: WaitMode, trigger: Option<usize>, at: f64) -> String {
    let who = trigger.map(|i| i + 1).unwrap_or_default();
    match lang {
        Lang::Zh => format!("wait(return_when={}) 在 {at:.0} 毫秒后返回，由任务 {who} 触发。", m.python()),
        Lang::En => format!("wait(return_when={}) returned after {at:.0} ms, triggered by task {who}.", m.python()),
    }
}

/// Announced once per freeze.
pub fn fm_freeze(lang: Lang, ms: f64) -> String {
    match lang {
        Lang::Zh => format!("主线程被占用了约 {ms:.0} 毫秒，这段时间页面没有重绘。"),
        Lang::En => format!("The main thread was busy for about {ms:.0} ms; nothing was drawn meanwhile."),
    }
}

/// Where the coroutine stands and what its frame holds.
pub fn ra_frame(lang: Lang, alive: bool, count: u32, total: &str, average: &str) -> String {
    match (lang, alive) {
        (Lang::Zh, true) => {
            format!("协程暂停在 values.next().await，保存着 count = {count}，total = {total}（平均 {average}）。")
        }
        (Lang::En, true) => {
            format!("The coroutine is suspended at values.next().await, holding count = {count}, total = {total} (average {average}).")
        }
        (Lang::Zh, false) => {
            format!("通道已关闭，协程返回了 (count = {count}, average = {average})。按“重置”开始一个新的。")
        }
        (Lang::En, false) => {
            format!("The channel closed and the coroutine returned (count = {count}, average = {average}). Reset starts a new one.")
        }
    }
}

//! Every text on the page, keyed by language. `texts!` entries and the other lookups are
//! exhaustive matches on [`Lang`], so a missing translation does not compile.

use crate::core::cpu_modes::CpuMode;
use crate::core::lang::Lang;
use crate::core::preset::{Expected, Problem};
use crate::core::report::Status;

/// Declares an enum of texts and its lookup function. Each entry names its languages
/// (`Key => { Zh: "…", En: "…" }`) and the lookup is an exhaustive `match` on [`Lang`] per entry,
/// so a language added to `core::lang` makes the compiler list every text still to translate.
macro_rules! texts {
    ($name:ident, $lookup:ident; $($key:ident => { $($lang:ident: $text:expr),+ $(,)? })*) => {
        /// A fixed text of the page.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum $name { $($key),* }

        /// The text in `lang`.
        pub fn $lookup(lang: Lang, t: $name) -> &'static str {
            match t {
                $($name::$key => match lang { $(Lang::$lang => $text,)+ },)*
            }
        }
    };
}

/// How a run ended, in words (the id, for attributes and exports, is [`Status::id`]).
pub fn status_text(l: Lang, s: Status) -> &'static str {
    tr(
        l,
        match s {
            Status::Done => T::StatusDone,
            Status::Cancelled => T::StatusCancelled,
            Status::Failed => T::StatusFailed,
        },
    )
}

pub mod charts;
pub mod demos;
pub mod history;
pub mod io;
pub mod predict;
pub mod py;
pub mod python_cpu;
pub mod start;
pub mod take_home;

texts! {
    T, tr;
    Title => { Zh: "并发游乐场", En: "Concurrency Playground" }
    Tagline => {
        Zh: "把一篇 Python 并发教程里的实验搬进浏览器：同一份工作，用 Web Worker、线程池和异步任务实际跑一遍，计时、对比。",
        En: "The experiments of a Python concurrency tutorial, re-run in your browser: the same work on web workers, a thread pool and async tasks, timed side by side.",
    }
    Language => { Zh: "语言", En: "Language" }
    Contents => { Zh: "目录", En: "Contents" }
    ShareEmbed => { Zh: "分享 / 嵌入", En: "Share / Embed" }
    ShareLink => { Zh: "用这些设置打开的链接", En: "A link that opens these settings" }
    EmbedSnippet => { Zh: "嵌入到课程网页的代码", En: "Code to embed in a course page" }
    EmbedHint => {
        Zh: "嵌入的页面只显示这一个实验和一段简短说明。若课程网页本身是跨源隔离的，allow=\"cross-origin-isolated\" 让共享内存的方式也能运行；否则它们会关闭并说明原因。",
        En: "The embedded page shows just this experiment and a short note. If the course page is itself cross-origin isolated, allow=\"cross-origin-isolated\" lets the shared-memory modes run too; otherwise they are switched off with the reason shown.",
    }
    Copy => { Zh: "复制", En: "Copy" }
    Copied => { Zh: "已复制。", En: "Copied." }
    CopyInsecure => {
        Zh: "此页面不是安全上下文（https 或 localhost），浏览器不允许脚本写剪贴板。文字已选中，请按 Ctrl+C（Mac 上 ⌘C）复制。",
        En: "This page is not a secure context (https or localhost), so the browser does not let scripts use the clipboard. The text is selected: press Ctrl+C (⌘C on a Mac) to copy it.",
    }
    CopyRefused => {
        Zh: "浏览器拒绝了复制。文字已选中，请按 Ctrl+C（Mac 上 ⌘C）复制。",
        En: "The browser refused to copy. The text is selected: press Ctrl+C (⌘C on a Mac) to copy it.",
    }
    Close => { Zh: "关闭", En: "Close" }
    OpenFull => { Zh: "打开完整的并发游乐场", En: "Open the full playground" }
    HistoryLink => { Zh: "运行记录", En: "Run history" }
    SkipToExperiments => { Zh: "跳到实验", En: "Skip to the experiments" }
    CpuTitle => { Zh: "实验一：CPU 密集型计算", En: "Experiment 1: CPU-bound work" }
    CpuIntro => {
        Zh: "任务 i（i = 1 … n−1）计算 S(i) = Σ(1/x + √x + sin x + cos x)，x 从 1 到 i−1。任务 i 的工作量与 i 成正比，总量约 n²/2 次求值。教程在 CPython 上取 n = 20000。",
        En: "Task i (i = 1 … n−1) computes S(i) = Σ(1/x + √x + sin x + cos x) for x = 1 … i−1. Task i costs ∝ i, about n²/2 evaluations in all. The tutorial ran n = 20000 on CPython.",
    }
    LabelN => { Zh: "规模 n", En: "Size n" }
    LabelK => { Zh: "线程 / Worker 数 k", En: "Threads / workers k" }
    LabelSwitch => { Zh: "切换间隔 switch（毫秒）", En: "Switch interval (ms)" }
    SwitchHint => { Zh: "1 … 100，仅 global-lock：有线程在等时持锁者最多再占这么久（同 sys.setswitchinterval，默认 5）", En: "1 … 100, global-lock only: how long the holder keeps the lock once a thread waits (sys.setswitchinterval; default 5)" }
    LabelRounds => { Zh: "轮数（每种方式计时几次，取中位数）", En: "Rounds (times each mode is timed; median shown)" }
    LabelChunk => { Zh: "每条消息的任务数（chunk）", En: "Tasks per message (chunk)" }
    ChunkHint => { Zh: "留空或填 auto：自动选择", En: "blank or auto: chosen for you" }
    TutorialScale => { Zh: "教程规模（n = 20000）", En: "Tutorial scale (n = 20000)" }
    Modes => { Zh: "运行方式", En: "Modes" }
    Run => { Zh: "运行", En: "Run" }
    Cancel => { Zh: "取消", En: "Cancel" }
    WarmupNote => {
        Zh: "每种方式在本页第一次运行前先不计时地预热（任务 1…1199），之后按轮计时：每轮把所选方式各跑一次，轮与轮之间轮换顺序，报告中位数和范围；墙钟时间不含启动时间。",
        En: "Each mode warms up untimed (tasks 1…1199) before its first run in this page; then it is timed in rounds, every chosen mode once per round, the order rotated each round, and the median and range are reported; wall time excludes start-up.",
    }
    NeedsIsolation => {
        Zh: "此页面没有跨源隔离，内存无法与 Worker 共享，所以这一项不可用（原因见上方的环境信息）。",
        En: "Not available: this page is not cross-origin isolated, so its memory cannot be shared with workers (the line above says why).",
    }
    FreezeWarning => { Zh: "会冻结页面", En: "freezes the page" }
    Progress => { Zh: "进度", En: "Progress" }
    Results => { Zh: "结果", En: "Results" }
    ColMode => { Zh: "方式", En: "Mode" }
    ColK => { Zh: "k", En: "k" }
    ColWall => { Zh: "墙钟时间", En: "Wall time" }
    ColStartup => { Zh: "启动", En: "Start-up" }
    ColSpeedup => { Zh: "加速比", En: "Speedup" }
    ColEfficiency => { Zh: "效率", En: "Efficiency" }
    ColChecksum => { Zh: "校验和", En: "Checksum" }
    ColTutorial => { Zh: "教程的 CPython（n = 20000，静态）", En: "The tutorial's CPython (n = 20000, static)" }
    Match => { Zh: "一致", En: "matches" }
    YourPython => { Zh: "你的", En: "your" }
    OtherSettings => { Zh: "设置不同：", En: "other settings:" }
    Mismatch => { Zh: "不一致！", En: "differs!" }
    NoReference => { Zh: "无可比对", En: "nothing to compare" }
    NoSerial => {
        Zh: "没有运行基准方式，无法计算加速比：Rust 的方式以 serial 为基准，Python 的方式以 py-serial 为基准。",
        En: "Run each engine's baseline too to get speedups: serial for the Rust modes, py-serial for the Python ones.",
    }
    StatusWaiting => { Zh: "等待中", En: "waiting" }
    StatusStarting => { Zh: "启动中", En: "starting" }
    StatusWarming => { Zh: "预热中", En: "warming up" }
    StatusRunning => { Zh: "运行中", En: "running" }
    StatusDone => { Zh: "完成", En: "done" }
    StatusCancelled => { Zh: "已取消", En: "cancelled" }
    StatusFailed => { Zh: "失败", En: "failed" }
    StatusSkipped => { Zh: "未运行", En: "not run" }
    DownloadJson => { Zh: "下载 JSON", En: "Download JSON" }
    DownloadCsv => { Zh: "下载 CSV", En: "Download CSV" }
    DownloadTrace => { Zh: "下载 trace（可在 Perfetto 中打开）", En: "Download trace (opens in Perfetto)" }
    Restored => { Zh: "以下是你上次的结果（从本地存储恢复）。", En: "Your last results, restored from this browser's storage." }
    EnvCores => { Zh: "逻辑核心数", En: "hardwareConcurrency" }
    EnvIsolated => { Zh: "跨源隔离", En: "crossOriginIsolated" }
    EnvPool => { Zh: "线程池线程", En: "pool threads" }
    EnvBrowser => { Zh: "浏览器", En: "browser" }
    Yes => { Zh: "是", En: "yes" }
    No => { Zh: "否", En: "no" }
    NotStarted => { Zh: "未启动", En: "not started" }
    ByHeaders => { Zh: "由服务器的响应头开启", En: "by the host's headers" }
    ByServiceWorker => { Zh: "由本页的 Service Worker 补上的响应头开启", En: "by the headers the page's service worker adds" }
    ByDocumentPolicy => { Zh: "由 Document-Isolation-Policy 开启", En: "by Document-Isolation-Policy" }
    WhyFrame => {
        Zh: "页面嵌在一个没有隔离的网页里，共享内存的方式已关闭",
        En: "this page is framed by a page that is not isolated; shared-memory modes are off",
    }
    WhyNoSw => {
        Zh: "这里没有 Service Worker（需要 https 或 localhost），共享内存的方式已关闭",
        En: "no service worker here (it needs https or localhost); shared-memory modes are off",
    }
    WhyReloading => { Zh: "正在重新加载以开启隔离……", En: "reloading to turn isolation on…" }
    WhyBrowser => {
        Zh: "浏览器在这里无法开启隔离，共享内存的方式已关闭",
        En: "the browser cannot isolate this page here; shared-memory modes are off",
    }
    OpenNewTab => { Zh: "在新标签页中打开（那里可以开启隔离）", En: "Open in a new tab, where it can be isolated" }
    UrlProblems => { Zh: "链接里有些参数无法照原样使用：", En: "Some URL parameters could not be used as given:" }
    NoModesChosen => { Zh: "至少选择一种运行方式。", En: "Choose at least one mode." }
    WhyDifferent => {
        Zh: "为什么和教程不同？(1) 线程：在 CPython 的默认构建里，线程受 GIL 限制，同一时刻只有一个线程执行字节码，所以 4 个线程只有 1.06 倍——global-lock 用一把全局锁重现了这一点。自由线程构建（PEP 703，3.14 起正式支持，PEP 779）没有 GIL，线程能像 rayon 一样接近 k 倍，见下表。(2) 核心数：你的机器和教程的不同，请比较效率（加速比 ÷ k），而不只是加速比。(3) 速度：今天的 CPython 比教程那次运行快 2～3 倍，而编译后的 Rust 又快得多；WebAssembly 比原生代码慢约 1.3～2 倍。只在同一个引擎里比较比值。(4) Worker 和进程一样各有独立内存，靠消息通信。",
        En: "Why does it differ from the tutorial? (1) Threads: on CPython's default build the GIL lets one thread run bytecode at a time, so 4 threads gave 1.06x — global-lock brings that back with one global lock. The free-threaded build (PEP 703, officially supported from 3.14 under PEP 779) has no GIL, and its threads approach k× like rayon: see the table below. (2) Cores: your machine is not the tutorial's; compare efficiency (speedup ÷ k), not just speedup. (3) Speed: today's CPython is 2–3× faster than the tutorial's run, compiled Rust far faster still, and WebAssembly runs about 1.3–2× slower than native code. Compare ratios within one engine. (4) Workers, like processes, have memory of their own and talk in messages.",
    }
    FreeThreadedCaption => {
        Zh: "同一类工作的线程加速比：教程的 4 线程（默认构建，有 GIL）、自由线程 CPython 3.14t 的公开数据（ThreadPoolExecutor 上的 Mandelbrot 渲染，Julian Schrittwieser，2025 年 10 月），以及你在这里最近一次运行的 rayon。",
        En: "Thread speedups for work of this kind: the tutorial's 4 threads (default build, with the GIL), published figures for free-threaded CPython 3.14t (a Mandelbrot renderer on ThreadPoolExecutor, Julian Schrittwieser, October 2025), and rayon from your latest run here.",
    }
    RowTutorialThreads => { Zh: "教程：4 线程，有 GIL", En: "tutorial: 4 threads, with the GIL" }
    RowFreeThreaded => { Zh: "CPython 3.14t，自由线程（公开数据）", En: "CPython 3.14t, free-threaded (published)" }
    RowRayonHere => { Zh: "rayon，你最近一次运行", En: "rayon, your latest run" }
    ThreadsK => { Zh: "线程数 k", En: "threads k" }
}

/// A mode's short name as shown in the panel.
pub fn mode_name(lang: Lang, m: CpuMode) -> &'static str {
    match (lang, m) {
        (Lang::Zh, CpuMode::Serial) => "serial：单个 Worker 串行",
        (Lang::En, CpuMode::Serial) => "serial: one worker, in order",
        (Lang::Zh, CpuMode::MainThread) => "main-thread：在页面主线程上",
        (Lang::En, CpuMode::MainThread) => "main-thread: on the page's thread",
        (Lang::Zh, CpuMode::Async) => "async：事件循环上的协作式任务",
        (Lang::En, CpuMode::Async) => "async: cooperative tasks on the event loop",
        (Lang::Zh, CpuMode::Rayon) => "rayon：共享内存线程池",
        (Lang::En, CpuMode::Rayon) => "rayon: shared-memory thread pool",
        (Lang::Zh, CpuMode::GlobalLock) => "global-lock：线程池 + 全局锁（模拟 GIL）",
        (Lang::En, CpuMode::GlobalLock) => "global-lock: the pool under one global lock (a GIL)",
        (Lang::Zh, CpuMode::Workers) => "workers：k 个独立 Worker（类似进程池）",
        (Lang::En, CpuMode::Workers) => "workers: k separate workers (a process pool)",
        (Lang::Zh, CpuMode::WorkersQueue) => "workers-queue：k 个 Worker 从任务队列取活",
        (Lang::En, CpuMode::WorkersQueue) => "workers-queue: k workers pulling from a job queue",
        (Lang::Zh, CpuMode::PySerial) => "py-serial：一个 Python 解释器，按顺序",
        (Lang::En, CpuMode::PySerial) => "py-serial: one Python interpreter, in order",
        (Lang::Zh, CpuMode::PyProcesses) => "py-processes：k 个解释器，各占一个 Worker（进程池）",
        (Lang::En, CpuMode::PyProcesses) => "py-processes: k interpreters, a worker each (a process pool)",
        (Lang::Zh, CpuMode::PyProcessesQueue) => "py-processes-queue：k 个解释器从任务队列取活",
        (Lang::En, CpuMode::PyProcessesQueue) => "py-processes-queue: k interpreters pulling from a job queue",
        (Lang::Zh, CpuMode::PyAsyncio) => "py-asyncio：一个解释器，每个任务一个协程",
        (Lang::En, CpuMode::PyAsyncio) => "py-asyncio: one interpreter, a coroutine per task",
        (Lang::Zh, CpuMode::PyThreads) => "py-threads：ThreadPoolExecutor，k 个线程",
        (Lang::En, CpuMode::PyThreads) => "py-threads: ThreadPoolExecutor with k threads",
    }
}

/// The tutorial variant a mode stands for.
pub fn tutorial_variant(lang: Lang, m: CpuMode) -> &'static str {
    match (lang, m) {
        (Lang::Zh, CpuMode::Serial | CpuMode::MainThread | CpuMode::PySerial) => "单线程 base",
        (Lang::En, CpuMode::Serial | CpuMode::MainThread | CpuMode::PySerial) => "single-thread base",
        (Lang::Zh, CpuMode::Async | CpuMode::PyAsyncio) => "协程",
        (Lang::En, CpuMode::Async | CpuMode::PyAsyncio) => "coroutines",
        (Lang::Zh, CpuMode::Rayon | CpuMode::GlobalLock | CpuMode::PyThreads) => "4 线程（有 GIL）",
        (Lang::En, CpuMode::Rayon | CpuMode::GlobalLock | CpuMode::PyThreads) => "4 threads (with the GIL)",
        (Lang::Zh, CpuMode::Workers | CpuMode::PyProcesses) => "4 进程",
        (Lang::En, CpuMode::Workers | CpuMode::PyProcesses) => "4 processes",
        (Lang::Zh, CpuMode::WorkersQueue | CpuMode::PyProcessesQueue) => "4 进程 + 队列",
        (Lang::En, CpuMode::WorkersQueue | CpuMode::PyProcessesQueue) => "4 processes + queue",
    }
}

/// What a parameter (or a demo field) accepts, as a noun phrase.
pub(crate) fn expected(lang: Lang, e: Expected) -> String {
    match (lang, e) {
        (Lang::Zh, Expected::Range { min, max }) => format!("{min} 到 {max} 之间的整数"),
        (Lang::En, Expected::Range { min, max }) => format!("a whole number from {min} to {max}"),
        (Lang::Zh, Expected::AutoOrRange { min, max }) => {
            format!("auto 或 {min} 到 {max} 之间的整数")
        }
        (Lang::En, Expected::AutoOrRange { min, max }) => {
            format!("auto or a whole number from {min} to {max}")
        }
        (Lang::Zh, Expected::Fraction) => "0 到 1 之间的小数".into(),
        (Lang::En, Expected::Fraction) => "a decimal from 0 to 1".into(),
        (Lang::Zh, Expected::OneOf(words)) => format!("以下之一：{}", words.join("、")),
        (Lang::En, Expected::OneOf(words)) => format!("one of {}", words.join(", ")),
        (Lang::Zh, Expected::Flag) => "0 或 1".into(),
        (Lang::En, Expected::Flag) => "0 or 1".into(),
        (Lang::Zh, Expected::Language) => "zh 或 en".into(),
        (Lang::En, Expected::Language) => "zh or en".into(),
        (Lang::Zh, Expected::Delays { max_len, max_ms }) => {
            format!("1 到 {max_len} 个毫秒数，用逗号隔开，每个不超过 {max_ms}")
        }
        (Lang::En, Expected::Delays { max_len, max_ms }) => {
            format!("1 to {max_len} delays in ms, separated by commas, each at most {max_ms}")
        }
    }
}

/// A problem with a URL parameter (`from_url`, where the default then applies) or with what
/// the learner typed into a field (where Run waits until it is fixed), as a sentence.
pub fn problem(lang: Lang, p: &Problem, from_url: bool) -> String {
    if !from_url {
        if let Problem::BadValue { key, value, expected: e } = p {
            return match lang {
                Lang::Zh => format!("{key}=「{value}」无效：应为{}。改正后才能运行。", expected(lang, *e)),
                Lang::En => format!("{key}=“{value}” is not valid: expected {}. Fix it to run.", expected(lang, *e)),
            };
        }
    }
    match (lang, p) {
        (Lang::Zh, Problem::UnknownParam { key }) => format!("不认识参数「{key}」，已忽略。"),
        (Lang::En, Problem::UnknownParam { key }) => format!("Unknown parameter “{key}” ignored."),
        (Lang::Zh, Problem::BadValue { key, value, expected: e }) => {
            format!("{key}=「{value}」无效：应为{}；已使用默认值。", expected(lang, *e))
        }
        (Lang::En, Problem::BadValue { key, value, expected: e }) => {
            format!("{key}=“{value}” is not valid: expected {}; using the default.", expected(lang, *e))
        }
        (Lang::Zh, Problem::Capped { key, value, cap }) => {
            format!("{key}={value} 太大，已限制为 {cap}。")
        }
        (Lang::En, Problem::Capped { key, value, cap }) => {
            format!("{key}={value} is too large; capped at {cap}.")
        }
        (Lang::Zh, Problem::UnknownMode { id }) => format!("没有名为「{id}」的运行方式，已忽略。"),
        (Lang::En, Problem::UnknownMode { id }) => format!("There is no mode “{id}”; ignored."),
        (Lang::Zh, Problem::ModeNeedsIsolation { mode }) => {
            format!("{} 需要跨源隔离的页面，此处不可用，已去掉。", mode.id())
        }
        (Lang::En, Problem::ModeNeedsIsolation { mode }) => {
            format!("{} needs a cross-origin isolated page and is unavailable here; left out.", mode.id())
        }
        (Lang::Zh, Problem::DemoRun) => "run=1：演示不会自己开始。先写下你的预测，再按它的“运行”。".into(),
        (Lang::En, Problem::DemoRun) => {
            "run=1: a demo does not start by itself. Write down your prediction, then press its Run.".into()
        }
        (Lang::Zh, Problem::NoModes) => "modes 里没有可用的运行方式，已使用默认选择。".into(),
        (Lang::En, Problem::NoModes) => "modes named no usable mode; using the default selection.".into(),
        (Lang::Zh, Problem::UnknownExperiment { value }) => {
            format!("没有名为「{value}」的实验，显示 CPU 实验。")
        }
        (Lang::En, Problem::UnknownExperiment { value }) => {
            format!("There is no experiment “{value}”; showing the CPU experiment.")
        }
        (_, Problem::BadCode { error }) => py::code_error(lang, error),
    }
}

/// "Round 2 of 3", for the progress of a run in rounds.
pub fn round_text(l: Lang, (round, of): (u32, u32)) -> String {
    match l {
        Lang::Zh => format!("第 {round} 轮，共 {of} 轮"),
        Lang::En => format!("Round {round} of {of}"),
    }
}

/// The busy-machine warning, naming the modes whose rounds spread too wide.
pub fn busy_text(l: Lang, modes: &str) -> String {
    match l {
        Lang::Zh => format!(
            "这些方式各轮的用时相差超过中位数的 15 %（{modes}）：这台机器正忙，单看一个数字不可靠。关掉其他标签页或程序，或者多跑几轮再比较。"
        ),
        Lang::En => format!(
            "The rounds of these modes spread over more than 15 % of their median ({modes}): the machine is busy, so no single figure is reliable. Close other tabs or programs, or run more rounds, before comparing."
        ),
    }
}

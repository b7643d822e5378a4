//! The Python cell's texts.

use crate::core::lang::Lang;
use crate::core::pycell::link::CodeError;

texts! {
    Tp, trp;
    Title => { Zh: "浏览器里的 Python", En: "Python in this browser" }
    Intro => { Zh: "这里跑的是真正的 CPython 3.14（Pyodide，编译成 WebAssembly），在一个 Web Worker 里运行，与页面隔开。代码可以直接在顶层使用 await。", En: "Real CPython 3.14 (Pyodide, compiled to WebAssembly), running in a web worker apart from the page. Top-level await works." }
    Snippets => { Zh: "示例", En: "Examples" }
    CodeLabel => { Zh: "Python 代码（Ctrl+Enter 运行）", En: "Python code (Ctrl+Enter runs it)" }
    Clear => { Zh: "清空输出", En: "Clear output" }
    Output => { Zh: "输出", En: "Output" }
    NoOutput => { Zh: "（没有输出）", En: "(no output)" }
    EngineCold => { Zh: "Python 引擎在第一次运行时才加载（约 13 MB，之后由浏览器缓存）。", En: "The Python engine loads on the first run (about 13 MB, cached by the browser afterwards)." }
    EngineLoading => { Zh: "正在加载 Python 引擎……", En: "Loading the Python engine…" }
    EngineFailed => { Zh: "Python 引擎无法启动：", En: "The Python engine could not start: " }
    Running => { Zh: "运行中……", En: "Running…" }
    WaitingForEngine => { Zh: "等待 Python 引擎启动后运行……", En: "Will run once the Python engine has started…" }
    Done => { Zh: "运行结束，用时", En: "Finished in" }
    Raised => { Zh: "抛出异常", En: "raised" }
    After => { Zh: "，用时", En: " after" }
    Cancelled => { Zh: "已取消：解释器已终止，正在启动一个新的。", En: "Cancelled: the interpreter was terminated and a fresh one is starting." }
    Failed => { Zh: "运行失败：", En: "Failed: " }
    Restored => { Zh: "上次会话的代码和输出（重新加载后恢复）。", En: "Code and output from your last session (restored after reload)." }
    Trimmed => { Zh: "字符较早的输出已省略", En: "characters of earlier output left out" }
    Read => { Zh: "读取", En: "read" }
    OverNetwork => { Zh: "来自网络", En: "over the network" }
    FromSnapshot => { Zh: "（从内存快照启动）", En: " (from a memory snapshot)" }
    StartedIn => { Zh: "启动用时", En: "started in" }
    TraceSwitch => { Zh: "记录 asyncio 任务（每个任务一条泳道）", En: "Trace asyncio tasks (one lane per task)" }
    LanesTitle => { Zh: "任务泳道", En: "Task lanes" }
    LanesHint => { Zh: "每个 asyncio 任务一条泳道，最上面是顶层代码。实心条：任务在运行；细线：任务在等待，标着它在等什么；虚竖线：连到创建它的任务；绿色点线：一个任务结束时唤醒了哪个在等它的任务。把鼠标停在条上（或用 Tab 选中）可看到它停在哪一行。", En: "One lane per asyncio task, the top-level code first. A solid bar: the task runs; a thin line: it waits, labelled with what it awaits; a dashed vertical line: it was created by the task above; a green dotted line: a task that ended woke the task waiting for it. Hover over a bar (or Tab to it) for the line it stopped at." }
    LanesTable => { Zh: "每一步的表格", En: "Every step as a table" }
    Task => { Zh: "任务", En: "Task" }
    From => { Zh: "开始（毫秒）", En: "From (ms)" }
    To => { Zh: "结束（毫秒）", En: "To (ms)" }
    Line => { Zh: "行", En: "line" }
    Steps => { Zh: "步", En: "steps" }
    WaitsOn => { Zh: "等待", En: "waits on" }
    ClockSwitch => { Zh: "虚拟时钟（sleep 不占真实时间，时钟直接跳到下一个定时器）", En: "Virtual clock (sleeps take no real time; the clock jumps to the next timer)" }
    StepSwitch => { Zh: "逐步执行事件循环（每次运行一个回调）", En: "Step through the event loop (one callback at a time)" }
    StepButton => { Zh: "单步", En: "Step" }
    RunToEnd => { Zh: "运行到结束", En: "Run to end" }
    PausedAt => { Zh: "已暂停：虚拟时间", En: "Paused at virtual time" }
    OnVirtualClock => { Zh: "（虚拟时钟）", En: " on the virtual clock" }
    LoopTitle => { Zh: "事件循环", En: "The event loop" }
    VirtualNow => { Zh: "虚拟时钟：", En: "Virtual clock:" }
    CallbacksRun => { Zh: "个回调已运行", En: "callbacks run" }
    JustRan => { Zh: "刚运行：", En: "Just ran:" }
    StepOf => { Zh: "执行一步", En: "a step" }
    WakeUp => { Zh: "唤醒", En: "wake-up" }
    StoppedAt => { Zh: "停在行", En: "stopped at line" }
    ReadyQueue => { Zh: "就绪队列（按此顺序运行）", En: "Ready queue (runs in this order)" }
    Timers => { Zh: "定时器（按到期时间）", En: "Timers (by due time)" }
    Empty => { Zh: "（空）", En: "(empty)" }
    State => { Zh: "状态", En: "State" }
    PhaseReady => { Zh: "就绪", En: "ready" }
    PhaseWaiting => { Zh: "等待中", En: "waiting" }
    PhaseDone => { Zh: "已结束", En: "done" }
    AwaitTree => { Zh: "await 树", En: "Await tree" }
    AwaitTreeHint => { Zh: "谁在等谁：每个任务下面列出它正在等待的任务（相当于 python -m asyncio pstree）。暂停时来自 asyncio.capture_call_graph()；运行结束后用滑块选一个时刻。", En: "Who awaits whom: under each task, the tasks it is waiting for (what python -m asyncio pstree prints). While paused it comes from asyncio.capture_call_graph(); after a run, choose a moment with the slider." }
    TreeTime => { Zh: "时刻（毫秒）", En: "Moment (ms)" }
    PredictFirst => { Zh: "先预测：", En: "Predict first: " }
    PredictRight => { Zh: "猜对了。", En: "Right." }
    PredictWrong => { Zh: "没猜对。", En: "Not quite." }
    PredictNone => { Zh: "（这次没有先预测。）", En: "(No prediction this time.)" }
    TraceShows => { Zh: "这次运行的记录表明：", En: "The run's trace shows:" }
    SeeLane => { Zh: "请看泳道", En: "See the lane of" }
    PredictNeedsTrace => { Zh: "打开“记录 asyncio 任务”再运行一次，页面才能用记录来核对答案。", En: "Turn on “Trace asyncio tasks” and run again: the answer is checked against the trace." }
    QuizSnippets => { Zh: "先预测再运行", En: "Predict, then run" }
    NoTasksThen => { Zh: "这一时刻没有未结束的任务。", En: "No task is pending at this moment." }
}

/// Why a `code=` link could not be read.
pub fn code_error(l: Lang, e: &CodeError) -> String {
    match (l, e) {
        (Lang::Zh, CodeError::BadChar { position, ch }) => {
            format!("链接里的 code= 不是 base64url：第 {position} 个字符「{ch}」不合法；代码编辑器保留原来的内容。")
        }
        (Lang::En, CodeError::BadChar { position, ch }) => {
            format!("The link's code= is not base64url: character “{ch}” at position {position}; the editor keeps its code.")
        }
        (Lang::Zh, CodeError::BadLength) => "链接里的 code= 长度不对，可能被截断了；代码编辑器保留原来的内容。".into(),
        (Lang::En, CodeError::BadLength) => {
            "The link's code= has an impossible length (cut short?); the editor keeps its code.".into()
        }
        (Lang::Zh, CodeError::NotUtf8 { offset }) => {
            format!("链接里的 code= 解码后不是 UTF-8 文本（第 {offset} 字节）；代码编辑器保留原来的内容。")
        }
        (Lang::En, CodeError::NotUtf8 { offset }) => {
            format!(
                "The link's code= decodes to bytes that are not UTF-8 text (byte {offset}); the editor keeps its code."
            )
        }
        (Lang::Zh, CodeError::TooLong { bytes }) => {
            format!("链接里的代码太长（{bytes} 字节）；代码编辑器保留原来的内容。")
        }
        (Lang::En, CodeError::TooLong { bytes }) => {
            format!("The link's code is too long ({bytes} bytes); the editor keeps its code.")
        }
    }
}

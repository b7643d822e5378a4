//! The CPU experiment's Python texts: the engine groups of the mode list, the loading line, why
//! `py-threads` fails, and how much slower Python is than Rust here.

use crate::core::cpu_modes::CpuMode;
use crate::core::engine::{Engine, EngineLoad, EngineStatus};
use crate::core::lang::Lang;

texts! {
    Tp, trp;
    GroupRust => {
        Zh: "Rust → WebAssembly（本页面自身的模块）",
        En: "Rust → WebAssembly (this page's own module)",
    }
    GroupPython => {
        Zh: "Python：Pyodide（编译成 WebAssembly 的 CPython），勾选其中一项时才加载",
        En: "Python: Pyodide (CPython compiled to WebAssembly), loaded when you tick one",
    }
    NotLoaded => {
        Zh: "Python 解释器尚未加载：勾选一种 Python 方式即开始下载（之后离线也可用）。",
        En: "The Python interpreter is not loaded yet: ticking a Python mode fetches it (kept for offline use afterwards).",
    }
    Loading => { Zh: "正在加载 Python 解释器……", En: "Loading the Python interpreter…" }
    ThreadsReason => {
        Zh: "浏览器里的 Python（Pyodide）编译时没有线程，ThreadPoolExecutor 无法启动线程：这里 global-lock 代替 GIL 的效果，rayon 则是自由线程版 Python 3.14t 的做法。",
        En: "The browser's Python (Pyodide) is built without threads, so ThreadPoolExecutor cannot start one: here global-lock stands in for the GIL, and rayon shows what free-threaded Python 3.14t would do.",
    }
}

/// The name of an engine group of the mode list.
pub fn group(l: Lang, e: Engine) -> &'static str {
    trp(
        l,
        match e {
            Engine::Rust => Tp::GroupRust,
            Engine::Python => Tp::GroupPython,
        },
    )
}

fn mb(bytes: f64) -> String {
    format!("{:.1} MB", bytes / 1e6)
}

fn secs(ms: f64) -> String {
    format!("{:.1} s", ms / 1000.0)
}

fn start_words(l: Lang, load: &EngineLoad) -> String {
    match (l, load.from_snapshot) {
        (Lang::Zh, true) => format!("从内存快照启动用了 {}", secs(load.ms)),
        (Lang::Zh, false) => format!("从头启动用了 {}", secs(load.ms)),
        (Lang::En, true) => format!("{} from a memory snapshot", secs(load.ms)),
        (Lang::En, false) => format!("{} from scratch", secs(load.ms)),
    }
}

/// The loading line: what was fetched and how long the interpreter took to start.
pub fn engine_line(l: Lang, s: &EngineStatus) -> String {
    match s {
        EngineStatus::NotLoaded => trp(l, Tp::NotLoaded).to_string(),
        EngineStatus::Loading => trp(l, Tp::Loading).to_string(),
        EngineStatus::Ready { first, last, snapshot } => {
            let later = match (l, last, snapshot) {
                (Lang::Zh, Some(x), _) => format!("；最近一次运行的解释器{}", start_words(l, x)),
                (Lang::En, Some(x), _) => format!("; the latest run's interpreters: {}", start_words(l, x)),
                (Lang::Zh, None, true) => "；之后的解释器从内存快照启动".to_string(),
                (Lang::En, None, true) => "; later ones start from a memory snapshot".to_string(),
                (_, None, false) => String::new(),
            };
            match l {
                Lang::Zh => format!(
                    "Python {}（Pyodide {}）已就绪：读取 {}（其中 {} 来自网络），第一个解释器{}{}。",
                    first.python,
                    first.version,
                    mb(first.bytes),
                    mb(first.network_bytes),
                    start_words(l, first),
                    later
                ),
                Lang::En => format!(
                    "Python {} (Pyodide {}) ready: {} read ({} over the network), the first interpreter started in {}{}.",
                    first.python,
                    first.version,
                    mb(first.bytes),
                    mb(first.network_bytes),
                    start_words(l, first),
                    later
                ),
            }
        }
        EngineStatus::Failed(e) => match l {
            Lang::Zh => format!("Python 解释器无法加载：{e}"),
            Lang::En => format!("The Python interpreter could not load: {e}"),
        },
    }
}

/// The one-line reason shown under a mode that failed because of what the browser's Python is.
pub fn failure_reason(l: Lang, m: CpuMode) -> Option<&'static str> {
    (m == CpuMode::PyThreads).then(|| trp(l, Tp::ThreadsReason))
}

/// How many times slower Python is than Rust here, and why.
pub fn slower_line(l: Lang, ratio: f64) -> String {
    match l {
        Lang::Zh => format!(
            "在这台机器上，Python（py-serial）比 Rust（serial）慢 {ratio:.0} 倍：CPython 逐条解释字节码，没有 JIT，每个数都是堆上的对象；Rust 事先编译成机器码。两边调用的是同一个 libm，所以每个 S(i) 逐位相同。"
        ),
        Lang::En => format!(
            "Here Python (py-serial) is {ratio:.0}× slower than Rust (serial): CPython interprets bytecode one instruction at a time, with no JIT and every number a heap object, while Rust is compiled ahead of time. Both call the same libm, so every S(i) agrees bit for bit."
        ),
    }
}

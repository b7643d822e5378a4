//! The Python cell's texts.

use crate::core::lang::Lang;
use crate::core::pycell::link::CodeError;

texts! {
    Tp, trp;
    Title => "浏览器里的 Python", "Python in this browser";
    Intro => "这里跑的是真正的 CPython 3.14（Pyodide，编译成 WebAssembly），在一个 Web Worker 里运行，与页面隔开。代码可以直接在顶层使用 await。",
        "Real CPython 3.14 (Pyodide, compiled to WebAssembly), running in a web worker apart from the page. Top-level await works.";
    Snippets => "示例", "Examples";
    CodeLabel => "Python 代码（Ctrl+Enter 运行）", "Python code (Ctrl+Enter runs it)";
    Clear => "清空输出", "Clear output";
    Output => "输出", "Output";
    NoOutput => "（没有输出）", "(no output)";
    EngineCold => "Python 引擎在第一次运行时才加载（约 13 MB，之后由浏览器缓存）。", "The Python engine loads on the first run (about 13 MB, cached by the browser afterwards).";
    EngineLoading => "正在加载 Python 引擎……", "Loading the Python engine…";
    EngineFailed => "Python 引擎无法启动：", "The Python engine could not start: ";
    Running => "运行中……", "Running…";
    WaitingForEngine => "等待 Python 引擎启动后运行……", "Will run once the Python engine has started…";
    Done => "运行结束，用时", "Finished in";
    Raised => "抛出异常", "raised";
    After => "，用时", " after";
    Cancelled => "已取消：解释器已终止，正在启动一个新的。", "Cancelled: the interpreter was terminated and a fresh one is starting.";
    Failed => "运行失败：", "Failed: ";
    Restored => "上次会话的代码和输出（重新加载后恢复）。", "Code and output from your last session (restored after reload).";
    Trimmed => "字符较早的输出已省略", "characters of earlier output left out";
    Read => "读取", "read";
    OverNetwork => "来自网络", "over the network";
    StartedIn => "启动用时", "started in";
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

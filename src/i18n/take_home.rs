//! The take-home script's texts: the download, the commands, the import and its refusals.

use crate::core::lang::Lang;
use crate::core::take_home::ImportError;

texts! {
    Th, trh;
    Title => { Zh: "在你自己的电脑上运行", En: "Run it on your machine" }
    Intro => { Zh: "浏览器里的 Python 开不了线程，也没有自由线程版。下载这个实验的 Python 脚本（只用标准库，Python 3.9 以上），用你自己的 CPython 运行，再把它写出的 JSON 文件拖到这里，就能和教程、浏览器里的结果放在一起比较。脚本的默认设置就是页面上现在的设置。", En: "The browser's Python cannot start a thread, and has no free-threaded build. Download this experiment as a Python script (standard library only, Python 3.9+), run it with your own CPython, then drop the JSON file it writes here to see your numbers beside the tutorial's and the browser's. The script's defaults are the page's settings now." }
    Download => { Zh: "下载 Python 脚本", En: "Download the Python script" }
    Notebook => { Zh: "下载为笔记本（.ipynb）", En: "Download as notebook (.ipynb)" }
    NotebookHint => { Zh: "笔记本按课程的顺序一步步运行每种做法，最后画出结果；在 Jupyter 和 JupyterLite 里都能从头跑到尾（JupyterLite 和这个页面一样开不了线程和进程，相应的单元会说明原因）。第一个单元会把脚本存到笔记本旁边，进程需要从那里导入要执行的函数。", En: "The notebook runs each variant in the lesson's order, one cell at a time, and charts the results at the end; it runs top to bottom in Jupyter and in JupyterLite (where, as on this page, no thread or process can start: those cells say so). Its first cell saves the script beside the notebook: processes import their work from it." }
    Commands => { Zh: "然后在终端里运行（自由线程版用 python3.14t）：", En: "Then run it in a terminal (python3.14t for the free-threaded build):" }
    Import => { Zh: "导入结果（JSON，可多选，也可以拖放到这里）", En: "Import results (JSON; several at once, or drop them here)" }
    Refused => { Zh: "没有导入", En: "Not imported" }
    Yours => { Zh: "你的", En: "Your" }
    OtherSettings => { Zh: "设置与页面不同：", En: "Other settings than the page's:" }
    PageHas => { Zh: "页面是", En: "the page has" }
    Remove => { Zh: "移除", En: "Remove" }
    Mode => { Zh: "方式", En: "Mode" }
    Median => { Zh: "中位数", En: "Median" }
    Range => { Zh: "范围", En: "Range" }
    Speedup => { Zh: "相对串行的加速比", En: "Speedup over serial" }
    OverIdeal => { Zh: "实测 / 理想", En: "Measured / ideal" }
    Failed => { Zh: "失败的请求", En: "Failed requests" }
    Status => { Zh: "状态", En: "Status" }
    FailedDownload => { Zh: "脚本下载失败：", En: "The script could not be downloaded: " }
}

/// Why a file was refused, in `lang` (the English is the error's own text).
pub fn import_error(l: Lang, e: &ImportError) -> String {
    match l {
        Lang::En => e.to_string(),
        Lang::Zh => match e {
            ImportError::TooLarge { bytes } => format!("文件有 {:.1} MB；一份结果只有几 kB。", *bytes as f64 / 1e6),
            ImportError::NotJson(why) => format!("这不是 JSON（{why}）。"),
            ImportError::WrongShape(why) => format!("这不是带回家的脚本写出的结果（{why}）。"),
            ImportError::OtherExperiment { found, here } => {
                format!("这是 {found} 实验的结果，不是 {} 实验的。", here.id())
            }
            ImportError::Absurd { mode, what } => format!("{mode} 方式：{what}，这不可能是一次真实的运行。"),
            ImportError::ChecksumsDisagree { mode, theirs, first } => {
                format!("{mode} 方式的和是 {theirs}，第一个方式的和是 {first}：其中一个算的不是同一件事。")
            }
            ImportError::ChecksumVsPage { theirs, page } => {
                format!("它的和 {theirs} 与页面在同样的 n 下算出的 {page} 不同：它算的不是这个工作负载。")
            }
        },
    }
}

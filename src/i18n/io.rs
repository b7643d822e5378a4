//! The I/O experiment's texts.

use crate::core::io_modes::IoMode;
use crate::core::lang::Lang;
use crate::core::preset::{Order, Source};

texts! {
    Ti, tri;
    Title => { Zh: "实验二：I/O 密集型下载", En: "Experiment 2: I/O-bound downloads" }
    Intro => {
        Zh: "下载一批小图片。等待网络不占用 CPU：能同时等待多个请求，才是提速的关键。教程下载了 930 张图片。",
        En: "Download a batch of small images. Waiting for the network takes no CPU: what helps is waiting for many requests at once. The tutorial downloaded 930 images.",
    }
    LabelSource => { Zh: "图片来源", En: "Image source" }
    LabelCount => { Zh: "请求数", En: "Requests" }
    LabelLatency => { Zh: "延迟（毫秒）", En: "Latency (ms)" }
    LabelJitter => { Zh: "抖动（± 毫秒）", En: "Jitter (± ms)" }
    LabelBandwidth => { Zh: "带宽（kB/s，0 = 不限）", En: "Bandwidth (kB/s, 0 = unlimited)" }
    LabelConn => { Zh: "服务器连接上限", En: "Server connection cap" }
    LabelFail => { Zh: "失败率（0 – 1，返回 503）", En: "Failure rate (0 – 1, answers 503)" }
    LabelSeed => { Zh: "随机种子", En: "Random seed" }
    LabelK => { Zh: "并发数 / Worker 数 k", En: "In flight / workers k" }
    LabelOrder => { Zh: "bounded 的结果顺序", En: "bounded hands results over in" }
    LabelUrls => { Zh: "图片地址，每行一个", En: "Image URLs, one per line" }
    UrlsHint => {
        Zh: "别的网站要允许跨源读取（CORS），否则会失败；每个失败的地址单独报告。",
        En: "Other sites must allow cross-origin reads (CORS) or the request fails; each failure is reported for its URL.",
    }
    BadUrl => { Zh: "这一行不是 http(s) 地址：", En: "This line is not an http(s) URL: " }
    NoUrls => { Zh: "请至少填写一个地址。", En: "Enter at least one URL." }
    TooManyUrls => { Zh: "地址太多，最多 1000 个。", En: "Too many URLs: at most 1000." }
    SimNeedsSw => {
        Zh: "模拟网络需要 Service Worker（https 或 localhost 上才有）：",
        En: "The simulated network needs a service worker (available on https or localhost): ",
    }
    ColIdeal => { Zh: "模型理想时间", En: "Model's ideal" }
    ColOkFailed => { Zh: "成功 / 失败", En: "OK / failed" }
    ColBytes => { Zh: "字节", En: "Bytes" }
    ColTutorial => { Zh: "教程（Python, 930 张）", En: "Tutorial (Python, 930 images)" }
    Showing => { Zh: "缩略图：", En: "Thumbnails of: " }
    ThumbsHelp => {
        Zh: "每张缩略图上的数字是程序拿到结果的先后顺序。",
        En: "The number on each thumbnail is the order in which the program received it.",
    }
    Failed => { Zh: "失败", En: "failed" }
    PyBlockingNote => {
        Zh: "py-blocking 在 Python 里重现了同一个错误：async def 任务里的下载是同步请求（pyodide.http.open_url 用的那种阻塞 XHR），它从不 await，事件循环没法在中途切换，所以它和 py-serial 一样慢，而 py-gather 的下载是重叠的。",
        En: "py-blocking makes the same mistake in Python: each async def task downloads with a synchronous request (the blocking XHR pyodide.http.open_url makes). It never awaits, so the event loop cannot switch in the middle: as slow as py-serial, while py-gather's downloads overlap.",
    }
    BlockingNote => {
        Zh: "blocking-async 和 serial 一样慢：每个任务里的下载是阻塞调用，没有 await 可以让出，事件循环只能一个接一个地执行。教程的协程版本正是这样写的。",
        En: "blocking-async is as slow as serial: each task's download is a blocking call with no await to give way at, so the event loop can only run them one after another. The tutorial's coroutine version was written exactly like this.",
    }
    ErrNetwork => {
        Zh: "没有可读的响应：连不上服务器，或服务器不允许跨源读取（浏览器不区分这两种情况）",
        En: "no answer the page may read: the server could not be reached, or it refuses cross-origin reads (the browser does not say which)",
    }
    ErrCors => { Zh: "服务器有响应，但不允许此页面读取（CORS）", En: "the server answered but does not let this page read it (CORS)" }
    ErrNotImage => { Zh: "不是图片", En: "not an image" }
    ErrMismatch => { Zh: "字节与打包的图片不符", En: "bytes differ from the bundled image" }
    ErrAborted => { Zh: "已取消", En: "cancelled" }
    ErrHttp => { Zh: "HTTP 状态", En: "HTTP status" }
}

/// A mode's short name as shown in the panel.
pub fn io_mode_name(lang: Lang, m: IoMode) -> &'static str {
    match (lang, m) {
        (Lang::Zh, IoMode::Serial) => "serial：逐个等待",
        (Lang::En, IoMode::Serial) => "serial: await each in turn",
        (Lang::Zh, IoMode::Bounded) => "bounded：最多 k 个同时进行（线程池）",
        (Lang::En, IoMode::Bounded) => "bounded: at most k in flight (a thread pool)",
        (Lang::Zh, IoMode::Unbounded) => "unbounded：全部同时发出（协程）",
        (Lang::En, IoMode::Unbounded) => "unbounded: all at once (coroutines)",
        (Lang::Zh, IoMode::Workers) => "workers：k 个 Worker 各下一份（进程）",
        (Lang::En, IoMode::Workers) => "workers: k workers, a share each (processes)",
        (Lang::Zh, IoMode::WorkersQueue) => "workers-queue：k 个 Worker 从队列取地址",
        (Lang::En, IoMode::WorkersQueue) => "workers-queue: k workers pulling from a queue",
        (Lang::Zh, IoMode::BlockingAsync) => "blocking-async：async 里的阻塞下载（教程的陷阱）",
        (Lang::En, IoMode::BlockingAsync) => "blocking-async: a blocking download inside async (the tutorial's trap)",
        (Lang::Zh, IoMode::PySerial) => "py-serial：Python，逐个 await pyfetch",
        (Lang::En, IoMode::PySerial) => "py-serial: Python, await each pyfetch in turn",
        (Lang::Zh, IoMode::PyGather) => "py-gather：Python，asyncio.gather 一次全部发出",
        (Lang::En, IoMode::PyGather) => "py-gather: Python, all at once with asyncio.gather",
        (Lang::Zh, IoMode::PyBounded) => "py-bounded：Python，asyncio.Semaphore 限制最多 k 个",
        (Lang::En, IoMode::PyBounded) => "py-bounded: Python, at most k under an asyncio.Semaphore",
        (Lang::Zh, IoMode::PyBlocking) => "py-blocking：Python，async def 里的同步下载（教程的陷阱）",
        (Lang::En, IoMode::PyBlocking) => {
            "py-blocking: Python, a synchronous download inside async def (the tutorial's trap)"
        }
    }
}

/// The tutorial variant a mode stands for.
pub fn io_variant(lang: Lang, m: IoMode) -> &'static str {
    match (lang, m) {
        (Lang::Zh, IoMode::Serial | IoMode::PySerial) => "单线程 base",
        (Lang::En, IoMode::Serial | IoMode::PySerial) => "single-thread base",
        (Lang::Zh, IoMode::Bounded | IoMode::PyBounded) => "4 线程",
        (Lang::En, IoMode::Bounded | IoMode::PyBounded) => "4 threads",
        (Lang::Zh, IoMode::Workers) => "4 进程",
        (Lang::En, IoMode::Workers) => "4 processes",
        (Lang::Zh, IoMode::WorkersQueue) => "4 进程 + 队列",
        (Lang::En, IoMode::WorkersQueue) => "4 processes + queue",
        (Lang::Zh, IoMode::Unbounded | IoMode::BlockingAsync | IoMode::PyGather | IoMode::PyBlocking) => "协程",
        (Lang::En, IoMode::Unbounded | IoMode::BlockingAsync | IoMode::PyGather | IoMode::PyBlocking) => "coroutines",
    }
}

/// A source's name in the selector.
pub fn source_name(lang: Lang, s: Source) -> &'static str {
    match (lang, s) {
        (Lang::Zh, Source::Simulated) => "模拟网络（打包的图片，可调延迟、带宽、失败率）",
        (Lang::En, Source::Simulated) => "simulated network (bundled images; set latency, bandwidth, failures)",
        (Lang::Zh, Source::SameOrigin) => "本站（打包的图片，真实 HTTP）",
        (Lang::En, Source::SameOrigin) => "this site (bundled images over real HTTP)",
        (Lang::Zh, Source::Urls) => "自己粘贴的地址",
        (Lang::En, Source::Urls) => "URLs you paste",
    }
}

/// Measured over the model's ideal, under the ideal time: "1.06× ideal".
pub fn over_ideal(l: Lang, ratio: &str) -> String {
    match l {
        Lang::Zh => format!("理想的 {ratio} 倍"),
        Lang::En => format!("{ratio}× ideal"),
    }
}

/// An order's name in the order select.
pub fn order_name(l: Lang, o: Order) -> &'static str {
    match (l, o) {
        (Lang::Zh, Order::Completion) => "完成顺序（as_completed）",
        (Lang::En, Order::Completion) => "completion order (as_completed)",
        (Lang::Zh, Order::Submission) => "提交顺序（executor.map）",
        (Lang::En, Order::Submission) => "submission order (executor.map)",
    }
}

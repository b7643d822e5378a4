//! The texts of "predict, then run": each question, its choices, and the explanation shown beside
//! the result (`core::predictions` holds the questions themselves).

use crate::core::lang::Lang;

texts! {
    Tp, trp;
    Title => { Zh: "先预测，再运行", En: "Predict first, then run" }
    Intro => { Zh: "运行之前先写下你的预测。答案保存在这个浏览器里，重新加载后仍在，并会随运行结果一起写进运行记录和 JSON 导出。", En: "Write down what you expect before you run. Your answers stay in this browser across reloads, and go into the run history and the JSON export with the run." }
    Save => { Zh: "保存预测", En: "Save prediction" }
    Yours => { Zh: "你的预测：", En: "Your prediction: " }
    Measured => { Zh: "实测：", En: "Measured: " }
    Truth => { Zh: "答案：", En: "Answer: " }
    Right => { Zh: "猜对了（误差在 20% 以内）", En: "right (within 20 %)" }
    RightChoice => { Zh: "猜对了", En: "right" }
    Wrong => { Zh: "不对", En: "not quite" }
    RunToCompare => { Zh: "运行实验（包含这个模式和 serial）后，实测值会出现在这里。", En: "Run the experiment (with this mode and serial) and the measured value appears here." }
    NotANumber => { Zh: "请输入一个数，例如 3.5 或 1.2x。", En: "Type a number, such as 3.5 or 1.2x." }
    Unit => { Zh: "倍", En: "×" }
}

/// The question, as asked.
pub fn prompt(lang: Lang, id: &str) -> &'static str {
    match id {
        "ra-third-send" => match lang {
            Lang::Zh => "依次送入 10、30、20，第三次 send 返回多少？",
            Lang::En => "You send 10, then 30, then 20. What does the third send return?",
        },
        "fm-main-thread" => match lang {
            Lang::Zh => "用 main-thread 跑一次约 1 秒的计算时，卡顿计显示的最长卡顿大约是多少？",
            Lang::En => "During a main-thread run of about a second, what is the longest freeze the freeze meter reports?",
        },
        "mo-first-result" => match lang {
            Lang::Zh => "第一个任务最慢（3 秒），其余各 0.5 秒。map 那一栏什么时候出现第一个结果？",
            Lang::En => "The first task is the slowest (3 s), the others take 0.5 s. When does the map column show its first result?",
        },
        "fo-first-exception" => match lang {
            Lang::Zh => "一个任务在 200 毫秒时失败，其余要 1 秒。FIRST_EXCEPTION 在什么时候返回？",
            Lang::En => "One task fails at 200 ms, the others take 1 s. When does FIRST_EXCEPTION return?",
        },
        "tt-same-delay" => match lang {
            Lang::Zh => "两个任务延迟相同，优先级分别是 2 和 1。哪个先运行？",
            Lang::En => "Two tasks have the same delay and priorities 2 and 1. Which runs first?",
        },
        "pc-unbounded" => match lang {
            Lang::Zh => "生产快于消费，队列不设上限。生产者工作期间，队列长度会怎样？",
            Lang::En => "Production is faster than consumption and the queue is unbounded. While the producers work, the queue length…",
        },
        "cv-three-busy" => match lang {
            Lang::Zh => "I/O 线程每次只等 1 毫秒。旁边有 3 条忙线程、切换间隔 5 毫秒时，它醒来后要多久才能做完手上那一点活？",
            Lang::En => "The I/O thread waits only 1 ms each time. Beside 3 busy threads, with a 5 ms switch interval, how long after waking does it finish its bit of work?",
        },
        "cpu-global-lock" => match lang {
            Lang::Zh => "在你选的 k 下，global-lock 的加速比是多少？",
            Lang::En => "At the k you chose, what speedup will global-lock give?",
        },
        "cpu-rayon" => match lang {
            Lang::Zh => "同样的 k，rayon 的加速比是多少？",
            Lang::En => "At the same k, what speedup will rayon give?",
        },
        "cpu-workers" => match lang {
            Lang::Zh => "同样的 k，workers 的加速比是多少？",
            Lang::En => "At the same k, what speedup will workers give?",
        },
        "io-bounded" => match lang {
            Lang::Zh => "bounded（最多 k 个在途）的加速比是多少？",
            Lang::En => "What speedup will bounded (at most k in flight) give?",
        },
        "io-unbounded" => match lang {
            Lang::Zh => "unbounded（全部同时发起）的加速比是多少？",
            Lang::En => "What speedup will unbounded (everything at once) give?",
        },
        "io-blocking" => match lang {
            Lang::Zh => "blocking-async（教程的协程写法）的加速比是多少？",
            Lang::En => "What speedup will blocking-async (the tutorial's coroutine code) give?",
        },
        "py-thread-pool" => match lang {
            Lang::Zh => "在浏览器里的 Python 中运行 ThreadPoolExecutor(max_workers=4).map(square, range(6)) 会怎样？",
            Lang::En => "In the browser's Python, what does ThreadPoolExecutor(max_workers=4).map(square, range(6)) do?",
        },
        _ => "",
    }
}

/// The choices of a choice question.
pub fn choices(lang: Lang, id: &str) -> &'static [&'static str] {
    match id {
        "fm-main-thread" => match lang {
            Lang::Zh => &["几毫秒", "一个切片那么长（几十毫秒）", "差不多整次运行那么长"],
            Lang::En => &["a few milliseconds", "about one slice (tens of ms)", "about the whole run"],
        },
        "mo-first-result" => match lang {
            Lang::Zh => &["第 0.5 秒", "第 3 秒", "第 3.5 秒"],
            Lang::En => &["at 0.5 s", "at 3 s", "at 3.5 s"],
        },
        "fo-first-exception" => match lang {
            Lang::Zh => &["第 200 毫秒", "第 1 秒", "永远不返回"],
            Lang::En => &["at 200 ms", "at 1 s", "never"],
        },
        "tt-same-delay" => match lang {
            Lang::Zh => &["优先级 1 的那个", "优先级 2 的那个", "先安排的那个"],
            Lang::En => &["the priority-1 task", "the priority-2 task", "the one scheduled first"],
        },
        "pc-unbounded" => match lang {
            Lang::Zh => &["一直接近 0", "涨到某个值就稳定", "一直增长，直到生产者停下"],
            Lang::En => &["stays near 0", "levels off at some length", "keeps growing until the producers stop"],
        },
        "cv-three-busy" => match lang {
            Lang::Zh => &[
                "几乎立刻：I/O 期间它已经放开了锁",
                "约一个切换间隔（5 毫秒）",
                "约每条排在前面的忙线程一个间隔（10–15 毫秒）",
            ],
            Lang::En => &[
                "almost at once: it let go of the lock during its I/O",
                "about one switch interval (5 ms)",
                "about one interval per busy thread ahead of it (10–15 ms)",
            ],
        },
        "py-thread-pool" => match lang {
            Lang::Zh => {
                &["在 4 个线程上运行", "在 1 个线程上运行，只是慢一些", "抛出 RuntimeError: can't start new thread"]
            }
            Lang::En => {
                &["runs on 4 threads", "runs on one thread, just slower", "raises RuntimeError: can't start new thread"]
            }
        },
        _ => &[],
    }
}

/// Why the answer is what it is, shown beside the result.
pub fn explain(lang: Lang, id: &str) -> &'static str {
    match id {
        "ra-third-send" => match lang {
            Lang::Zh => "协程保存的是累计总和与个数：(10 + 30 + 20) ÷ 3 = 20。",
            Lang::En => "The coroutine keeps a running total and a count: (10 + 30 + 20) ÷ 3 = 20.",
        },
        "fm-main-thread" => match lang {
            Lang::Zh => "整个计算是主线程上的一个长任务，期间事件循环一次也回不来，所以最长卡顿约等于运行时间。",
            Lang::En => "The whole computation is one long task on the main thread; the event loop never gets a turn, so the longest freeze is about the run time.",
        },
        "mo-first-result" => match lang {
            Lang::Zh => "map 按提交顺序交出结果，第一个结果就是最慢的那个，要等它 3 秒后完成；那时其余的早已完成，会一起出现。",
            Lang::En => "map hands results over in submission order; the first one is the slow task, done at 3 s — by then the rest are done too and come out at once.",
        },
        "fo-first-exception" => match lang {
            Lang::Zh => "FIRST_EXCEPTION 在第一个异常出现时就返回；其余任务留在未完成的集合里。",
            Lang::En => "FIRST_EXCEPTION returns as soon as one task raises; the others stay in the pending set.",
        },
        "tt-same-delay" => match lang {
            Lang::Zh => "sched 先按时间排序，时间相同再按优先级：数字小的先运行。",
            Lang::En => "sched orders by time first, then by priority: the smaller number runs first.",
        },
        "pc-unbounded" => match lang {
            Lang::Zh => "进得比出得快，差值每时每刻都在累积；只有设上限（背压）才能让它停下来。",
            Lang::En => "Items arrive faster than they leave, and the difference piles up; only a capacity (backpressure) stops it.",
        },
        "cv-three-busy" => match lang {
            Lang::Zh => "睡眠时它确实放开了锁，可醒来后得重新排队：持锁的忙线程要等有人等满一个切换间隔才让出，而排在它前面的每条忙线程也各持有一个间隔。I/O 再快，响应也被拖到几个间隔那么长。",
            Lang::En => "It did let go of the lock while it slept, but on waking it must queue again: the busy holder lets go only once someone has waited a switch interval, and each busy thread ahead in line then holds it for an interval too. However quick the I/O, the response stretches to several intervals.",
        },
        "cpu-global-lock" => match lang {
            Lang::Zh => "所有任务共用一把锁，同一时刻只有一个在算：约 1 倍，就像默认构建的 CPython 线程在 GIL 之下。",
            Lang::En => "Every task shares one lock, so one computes at a time: about 1×, like CPython's threads under the GIL on the default build.",
        },
        "cpu-rayon" => match lang {
            Lang::Zh => "没有全局锁的线程在物理核心数以内接近 k 倍——自由线程 Python（3.14t）就是这样；公开的 Mandelbrot 数据在 4 线程时是 3.33 倍。",
            Lang::En => "Threads without a global lock approach k× up to the physical cores — what free-threaded Python (3.14t) does; the published Mandelbrot figures give 3.33× at 4 threads.",
        },
        "cpu-workers" => match lang {
            Lang::Zh => "各有内存的 worker 像进程池一样扩展，只少了一点分发消息的开销；教程的 4 进程是 1.84 倍，很可能是受了那台机器核心数的限制。",
            Lang::En => "Workers with their own memory scale like a process pool, minus a little message overhead; the tutorial's 4 processes gave 1.84×, most likely limited by that machine's cores.",
        },
        "io-bounded" => match lang {
            Lang::Zh => "受延迟限制时，k 个请求同时在等，大约快 k 倍；超过连接上限（默认 6）或带宽占满后就不再增长。",
            Lang::En => "While latency is the limit, k requests wait at once, so about k×; it stops growing at the connection cap (6 by default) or when the bandwidth fills.",
        },
        "io-unbounded" => match lang {
            Lang::Zh => "全部同时发起，但网络同一时刻只服务 conn 个连接，所以它和 k = conn 的 bounded 差不多。",
            Lang::En => "Everything starts at once, but the network serves only conn connections at a time, so it is about bounded at k = conn.",
        },
        "io-blocking" => match lang {
            Lang::Zh => "每个请求都阻塞了任务共用的那个线程，没有任何重叠：约 1 倍——教程的协程代码正是这样。",
            Lang::En => "Each request blocks the one thread the tasks share, so nothing overlaps: about 1× — exactly the tutorial's coroutine code.",
        },
        "py-thread-pool" => match lang {
            Lang::Zh => "Pyodide 编译时没有线程支持：第一次 submit 要启动线程就失败了。试试 ThreadPoolExecutor 那个示例。",
            Lang::En => "Pyodide is built without threads: the first submit tries to start one and fails. Try the ThreadPoolExecutor example.",
        },
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::predictions::{Kind, QUESTIONS};

    /// Every question has its texts in both languages, and a choice question as many choices as
    /// it says.
    #[test]
    fn every_question_is_written_in_both_languages() {
        for q in QUESTIONS {
            for lang in Lang::ALL {
                assert!(!prompt(lang, q.id).is_empty(), "{}", q.id);
                assert!(!explain(lang, q.id).is_empty(), "{}", q.id);
                if let Kind::Choice { options, .. } = q.kind {
                    assert_eq!(choices(lang, q.id).len(), usize::from(options), "{}", q.id);
                }
            }
        }
    }
}

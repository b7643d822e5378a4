//! The first screen's texts.

use crate::core::lang::Lang;

texts! {
    Ts, trs;
    Title => { Zh: "教程的两张表，在这里重跑", En: "The tutorial's two tables, run again here" }
    Intro => { Zh: "教程用 CPython 测了两种工作：一种吃 CPU，一种等网络，各自用串行、线程、进程、进程加队列和协程去跑。下面是它测得的数字；按“在这里运行”，同样的几种做法会在你的浏览器里跑一遍——Rust 和 Python 各一份，结果按教程的行并排列出。", En: "The tutorial timed two kinds of work with CPython — one that keeps the CPU busy, one that waits for the network — each run serially, on threads, on processes, on processes with a queue, and as coroutines. Here are its figures. \"Run it here\" runs the same variants in your browser, in Rust and in Python, and lists the results beside the tutorial's rows." }
    CpuCaption => { Zh: "吃 CPU：n = 20000，4 个工作者（教程的 CPython）", En: "CPU-bound: n = 20000, 4 workers (the tutorial's CPython)" }
    IoCaption => { Zh: "等网络：930 张图片，4 个工作者（教程的 CPython）", En: "I/O-bound: 930 images, 4 workers (the tutorial's CPython)" }
    Variant => { Zh: "做法", En: "Variant" }
    Time => { Zh: "用时", En: "Time" }
    Speedup => { Zh: "加速比", En: "Speedup" }
    RunCpu => { Zh: "在这里运行 CPU 实验", En: "Run the CPU experiment here" }
    RunIo => { Zh: "在这里运行 I/O 实验", En: "Run the I/O experiment here" }
    CpuHint => { Zh: "n = 3000，几秒钟；教程的 n = 20000 在实验的笔记里。", En: "n = 3000, a few seconds; the tutorial's n = 20000 is in the experiment's note." }
    IoHint => { Zh: "48 张图片，用教程的网络速度，半分钟左右。", En: "48 images at the tutorial's network speed, about half a minute." }
    Next => { Zh: "接下来：", En: "Where next:" }
    NextStart => { Zh: "从头学起", En: "start from the beginning" }
    NextAsyncio => { Zh: "看 asyncio 怎样运行", En: "watch asyncio run" }
    NextBugs => { Zh: "常见错误", En: "common bugs" }
    NextHome => { Zh: "在你自己的 CPython 上测", En: "measure on your own CPython" }
    NextTeach => { Zh: "给教师", En: "for instructors" }
}

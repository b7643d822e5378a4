//! The history panel's texts.

use crate::core::lang::Lang;

texts! {
    Th, trh;
    Title => { Zh: "运行记录", En: "Run history" }
    Intro => {
        Zh: "每次完成的运行都保存在这个浏览器里（最多 40 次）。勾选两次或更多可以对比；链接能重现当时的设置。",
        En: "Every finished run is kept in this browser (up to 40). Tick two or more to compare them; each link reproduces that run's settings.",
    }
    Empty => { Zh: "还没有记录：运行一次实验，结果会出现在这里。", En: "Nothing yet: run an experiment and it will appear here." }
    Select => { Zh: "选择", En: "Select" }
    When => { Zh: "时间", En: "When" }
    Experiment => { Zh: "实验", En: "Experiment" }
    Settings => { Zh: "设置", En: "Settings" }
    Modes => { Zh: "各方式：时间 · 加速比", En: "Modes: time · speedup" }
    Link => { Zh: "链接", En: "Link" }
    Share => { Zh: "用这些设置打开", En: "open with these settings" }
    Remove => { Zh: "删除这条记录", En: "Remove this run" }
    Comparison => { Zh: "对比所选运行", En: "The ticked runs compared" }
    Mode => { Zh: "方式", En: "Mode" }
    CompareHint => {
        Zh: "导出时：有勾选则只导出所选，否则导出全部。",
        En: "Exports cover the ticked runs, or all runs when none is ticked.",
    }
    ExportJson => { Zh: "导出 JSON", En: "Export JSON" }
    ExportCsv => { Zh: "导出 CSV", En: "Export CSV" }
    Clear => { Zh: "清空记录", En: "Clear history" }
    ClearConfirm => { Zh: "再按一次以确认清空", En: "Press again to clear everything" }
}

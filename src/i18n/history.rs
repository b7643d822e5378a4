//! The history panel's texts.

use crate::core::lang::Lang;

texts! {
    Th, trh;
    Title => "运行记录", "Run history";
    Intro => "每次完成的运行都保存在这个浏览器里（最多 40 次）。勾选两次或更多可以对比；链接能重现当时的设置。",
        "Every finished run is kept in this browser (up to 40). Tick two or more to compare them; each link reproduces that run's settings.";
    Empty => "还没有记录：运行一次实验，结果会出现在这里。", "Nothing yet: run an experiment and it will appear here.";
    Select => "选择", "Select";
    When => "时间", "When";
    Experiment => "实验", "Experiment";
    Settings => "设置", "Settings";
    Modes => "各方式：时间 · 加速比", "Modes: time · speedup";
    Link => "链接", "Link";
    Share => "用这些设置打开", "open with these settings";
    Remove => "删除这条记录", "Remove this run";
    Comparison => "对比所选运行", "The ticked runs compared";
    Mode => "方式", "Mode";
    CompareHint => "导出时：有勾选则只导出所选，否则导出全部。", "Exports cover the ticked runs, or all runs when none is ticked.";
    ExportJson => "导出 JSON", "Export JSON";
    ExportCsv => "导出 CSV", "Export CSV";
    Clear => "清空记录", "Clear history";
    ClearConfirm => "再按一次以确认清空", "Press again to clear everything";
}

//! Numbers as the page writes them.

/// A duration: "850 ms", "12.3 ms", "1.25 s", "2 min 11.5 s".
pub fn duration(ms: f64) -> String {
    if !ms.is_finite() {
        "—".into()
    } else if ms < 10.0 {
        format!("{ms:.2} ms")
    } else if ms < 1000.0 {
        format!("{ms:.1} ms")
    } else if ms < 60_000.0 {
        format!("{:.2} s", ms / 1000.0)
    } else {
        format!("{} min {:.1} s", (ms / 60_000.0).floor(), (ms % 60_000.0) / 1000.0)
    }
}

/// A speedup: "3.92×"; "—" when there is none.
pub fn speedup(x: Option<f64>) -> String {
    x.map(|v| format!("{v:.2}×")).unwrap_or_else(|| "—".into())
}

/// A range of durations: "812.0–905.3 ms" (the unit once when both share it).
pub fn duration_range(lo: f64, hi: f64) -> String {
    let (a, b) = (duration(lo), duration(hi));
    match (a.rsplit_once(' '), b.rsplit_once(' ')) {
        (Some((x, u)), Some((y, v))) if u == v && !x.contains(' ') && !y.contains(' ') => format!("{x}–{y} {u}"),
        _ => format!("{a} – {b}"),
    }
}

/// A ratio as a percentage: "97 %".
pub fn percent(x: Option<f64>) -> String {
    x.map(|v| format!("{:.0} %", v * 100.0)).unwrap_or_else(|| "—".into())
}

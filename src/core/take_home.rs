//! Numbers from home: the JSON a take-home script (`www/take-home/*_experiment.py`) writes after
//! running an experiment on the learner's own CPython, read back and checked before the page
//! shows it beside its own figures. Everything a file can get wrong has its own message, and a
//! refused file changes nothing on the page. Pure, tested natively.

use super::experiment::ExperimentId;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The `format` the scripts write.
pub const FORMAT: &str = "playground-take-home/1";

/// A file larger than this is refused before it is read (a result is a few kB).
pub const MAX_BYTES: usize = 1024 * 1024;

/// The Python that ran the script.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HomePython {
    /// `3.14.0`.
    pub version: String,
    /// `CPython`, `PyPy`, …
    #[serde(default)]
    pub implementation: String,
    /// `sys._is_gil_enabled()` where the Python has it.
    #[serde(default)]
    pub gil_enabled: Option<bool>,
    /// A free-threaded build (3.13t, 3.14t).
    #[serde(default)]
    pub free_threaded: bool,
}

/// The machine it ran on.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct HomePlatform {
    /// `Linux`, `Darwin`, `Windows`.
    #[serde(default)]
    pub system: String,
    /// `x86_64`, `arm64`.
    #[serde(default)]
    pub machine: String,
    /// `os.cpu_count()`.
    #[serde(default)]
    pub cpus: Option<u32>,
}

/// One mode as the script measured it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HomeMode {
    /// The page's mode id where there is one, else the script's.
    pub mode: String,
    /// What it ran: `ThreadPoolExecutor(4)`.
    #[serde(default)]
    pub label: String,
    /// `done`, `failed` or `unavailable` (e.g. InterpreterPoolExecutor before 3.14).
    pub status: String,
    /// Every timed round (ms).
    #[serde(default)]
    pub samples_ms: Vec<f64>,
    /// Their median (ms).
    #[serde(default)]
    pub median_ms: Option<f64>,
    /// Start-up apart from the rounds (the pool's creation), ms.
    #[serde(default)]
    pub startup_ms: Option<f64>,
    /// The sum of the results (CPU), as the script printed it.
    #[serde(default)]
    pub checksum: Option<Checksum>,
    /// What went wrong (failed modes, failed downloads).
    #[serde(default)]
    pub errors: Vec<serde_json::Value>,
    /// A note from the script.
    #[serde(default)]
    pub note: Option<String>,
    /// I/O: the network model's ideal time for this mode's client (ms), as the page predicts it.
    #[serde(default)]
    pub ideal_ms: Option<f64>,
    /// I/O: the requests that failed (0-based), as the page's failure draws give them.
    #[serde(default)]
    pub failed: Vec<u32>,
}

impl HomeMode {
    /// The page's CPU mode this mode is (the script's first version named them without `py-`).
    pub fn cpu_mode(&self) -> Option<super::cpu_modes::CpuMode> {
        use super::cpu_modes::CpuMode;
        let id = match self.mode.as_str() {
            "serial" => "py-serial",
            "threads" => "py-threads",
            "processes" => "py-processes",
            "processes-queue" | "queue" => "py-processes-queue",
            "asyncio" => "py-asyncio",
            other => other,
        };
        CpuMode::from_id(id).filter(|m| m.engine() == super::engine::Engine::Python)
    }

    /// The page's I/O mode this mode is, or the one that stands for it where the page's Python
    /// has none (threads and processes: the browser's Python cannot start them).
    pub fn io_mode(&self) -> Option<super::io_modes::IoMode> {
        use super::io_modes::IoMode;
        match self.mode.as_str() {
            "py-threads" => Some(IoMode::Bounded),
            "py-processes" => Some(IoMode::Workers),
            "py-processes-queue" => Some(IoMode::WorkersQueue),
            id => IoMode::from_id(id).filter(|m| m.engine() == super::engine::Engine::Python),
        }
    }
}

/// A checksum as a number or as the text of one (`repr` of a float keeps every bit).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Checksum {
    /// A JSON number.
    Number(f64),
    /// A number written as text.
    #[serde(with = "text_number")]
    Text(f64),
}

impl Checksum {
    /// The value.
    pub fn value(self) -> f64 {
        match self {
            Checksum::Number(x) | Checksum::Text(x) => x,
        }
    }
}

mod text_number {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(x: &f64, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&x.to_string())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
        let text = String::deserialize(d)?;
        text.trim().parse().map_err(|_| serde::de::Error::custom(format!("{text:?} is not a number")))
    }
}

/// A whole result file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HomeResult {
    /// [`FORMAT`].
    pub format: String,
    /// `cpu` or `io`.
    pub experiment: String,
    /// The Python.
    pub python: HomePython,
    /// The machine.
    #[serde(default)]
    pub platform: HomePlatform,
    /// The settings it ran with (`n`, `k`, `chunk`, `rounds`, …).
    pub settings: serde_json::Map<String, serde_json::Value>,
    /// When it started (ISO time).
    #[serde(default)]
    pub started: String,
    /// Its modes.
    pub modes: Vec<HomeMode>,
}

/// Why a file was refused.
#[derive(Clone, Debug, PartialEq)]
pub enum ImportError {
    /// Larger than [`MAX_BYTES`].
    TooLarge { bytes: usize },
    /// Not JSON at all.
    NotJson(String),
    /// JSON, but not a take-home result (or a field of the wrong kind).
    WrongShape(String),
    /// A result of the other experiment.
    OtherExperiment { found: String, here: ExperimentId },
    /// A figure no run can have (negative, not a number, over a day, a median outside its samples).
    Absurd { mode: String, what: String },
    /// The modes' sums disagree with each other: one of them computed something else.
    ChecksumsDisagree { mode: String, theirs: f64, first: f64 },
    /// The sums disagree with the page's for the same settings.
    ChecksumVsPage { theirs: f64, page: f64 },
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::TooLarge { bytes } => {
                write!(
                    f,
                    "the file is {:.1} MB; a result is a few kB (at most {} kB)",
                    *bytes as f64 / 1e6,
                    MAX_BYTES / 1024
                )
            }
            ImportError::NotJson(e) => write!(f, "it is not JSON ({e})"),
            ImportError::WrongShape(e) => write!(f, "it is not a result of the take-home script ({e})"),
            ImportError::OtherExperiment { found, here } => {
                write!(f, "it is a result of the {found:?} experiment, not of {:?}", here.id())
            }
            ImportError::Absurd { mode, what } => write!(f, "mode {mode}: {what}"),
            ImportError::ChecksumsDisagree { mode, theirs, first } => {
                write!(f, "mode {mode} summed to {theirs}, the file's first mode to {first}: one of them computed something else")
            }
            ImportError::ChecksumVsPage { theirs, page } => {
                write!(f, "its sum {theirs} is not the page's {page} for the same n: it did not compute this workload")
            }
        }
    }
}

/// A day: no round of a playground experiment takes longer.
const MAX_MS: f64 = 86_400_000.0;

/// Reads a file of `bytes` bytes holding `text`, for experiment `here`. `page_sum`: the page's own
/// sum for the file's `n`, when it has one (a run of the same `n`), which the file's must equal
/// to within the last bits a platform's libm may differ in (relative 1e-12).
///
/// # Errors
/// See [`ImportError`].
pub fn read(
    bytes: usize,
    text: &str,
    here: ExperimentId,
    page_sum: impl Fn(u64) -> Option<f64>,
) -> Result<HomeResult, ImportError> {
    if bytes > MAX_BYTES {
        return Err(ImportError::TooLarge { bytes });
    }
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| ImportError::NotJson(e.to_string()))?;
    if value.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(ImportError::WrongShape(format!("its \"format\" is not {FORMAT:?}")));
    }
    let r: HomeResult = serde_json::from_value(value).map_err(|e| ImportError::WrongShape(e.to_string()))?;
    if r.experiment != here.id() {
        return Err(ImportError::OtherExperiment { found: r.experiment, here });
    }
    if r.modes.is_empty() {
        return Err(ImportError::WrongShape("it has no modes".into()));
    }
    for m in &r.modes {
        let absurd = |what: String| Err(ImportError::Absurd { mode: m.mode.clone(), what });
        if let Some(x) = m
            .samples_ms
            .iter()
            .chain(&m.median_ms)
            .chain(&m.startup_ms)
            .chain(&m.ideal_ms)
            .find(|x| !(0.0..MAX_MS).contains(*x))
        {
            return absurd(format!("a time of {x} ms"));
        }
        if m.status == "done" && m.samples_ms.is_empty() {
            return absurd("done, but no timed round".into());
        }
        if let (Some(med), false) = (m.median_ms, m.samples_ms.is_empty()) {
            let (lo, hi) = m.samples_ms.iter().fold((f64::INFINITY, 0.0f64), |(a, b), x| (a.min(*x), b.max(*x)));
            if med < lo || med > hi {
                return absurd(format!("a median of {med} ms outside its rounds ({lo}–{hi} ms)"));
            }
        }
    }
    let sums: Vec<(&str, f64)> = r
        .modes
        .iter()
        .filter(|m| m.status == "done")
        .filter_map(|m| Some((m.mode.as_str(), m.checksum?.value())))
        .collect();
    if let Some(&(_, first)) = sums.first() {
        if let Some(&(mode, theirs)) = sums.iter().find(|(_, x)| x.to_bits() != first.to_bits()) {
            return Err(ImportError::ChecksumsDisagree { mode: mode.into(), theirs, first });
        }
        if let Some(page) = r.settings.get("n").and_then(|n| n.as_u64()).and_then(&page_sum) {
            if ((first - page) / page).abs() > 1e-12 {
                return Err(ImportError::ChecksumVsPage { theirs: first, page });
            }
        }
    }
    Ok(r)
}

/// The script with `defaults` (a JSON object on one line) in place of its one settings line,
/// `DEFAULTS = {…}  # playground: settings`; `None` when the script has no such line.
pub fn with_defaults(script: &str, defaults: &str) -> Option<String> {
    let mut found = false;
    let out: Vec<String> = script
        .lines()
        .map(|line| {
            if !found && line.starts_with("DEFAULTS = ") && line.trim_end().ends_with("# playground: settings") {
                found = true;
                format!("DEFAULTS = {defaults}  # playground: settings")
            } else {
                line.to_string()
            }
        })
        .collect();
    found.then(|| out.join("\n") + "\n")
}

/// The notebook of an experiment: `template` (a script in the percent cell format, where each
/// `# %%` line starts a cell) as nbformat 4.5 JSON for `lang`. Markdown cells are
/// `# %% [markdown] <lang>`, their lines' `# ` dropped, and only `lang`'s are kept; the
/// `# %% [script]` cell becomes `%%writefile <script_name>` and `script` (the take-home script,
/// its defaults already the page's); the template's own settings line gets `defaults`. Lines
/// before the first cell (the template's notes to contributors) are left out.
pub fn notebook(template: &str, script: &str, script_name: &str, defaults: &str, lang: &str) -> Option<String> {
    let template = with_defaults(template, defaults)?;
    let mut cells: Vec<(String, String)> = Vec::new(); // (header, body)
    for line in template.lines() {
        if let Some(header) = line.strip_prefix("# %%") {
            cells.push((header.trim().to_string(), String::new()));
        } else if let Some((_, body)) = cells.last_mut() {
            body.push_str(line);
            body.push('\n');
        }
    }
    let mut out = Vec::new();
    for (header, body) in cells {
        let (kind, text) = match header.split_whitespace().collect::<Vec<_>>().as_slice() {
            [] => ("code", body.trim_matches('\n').to_string()),
            ["[script]"] => ("code", format!("%%writefile {script_name}\n{}", script.trim_end())),
            ["[markdown]", l] if *l == lang => {
                let lines: Vec<&str> = body
                    .trim_matches('\n')
                    .lines()
                    .map(|l| l.strip_prefix("# ").unwrap_or(l.trim_start_matches('#')))
                    .collect();
                ("markdown", lines.join("\n"))
            }
            ["[markdown]", _] => continue,
            _ => return None,
        };
        let id = format!("cell-{}", out.len() + 1);
        let source: Vec<String> = text.split_inclusive('\n').map(str::to_string).collect();
        let mut cell = serde_json::json!({ "cell_type": kind, "id": id, "metadata": {}, "source": source });
        if kind == "code" {
            cell["execution_count"] = serde_json::Value::Null;
            cell["outputs"] = serde_json::json!([]);
        }
        out.push(cell);
    }
    let nb = serde_json::json!({
        "cells": out,
        "metadata": {
            "kernelspec": { "display_name": "Python 3", "language": "python", "name": "python3" },
            "language_info": { "name": "python" }
        },
        "nbformat": 4,
        "nbformat_minor": 5
    });
    serde_json::to_string_pretty(&nb).ok().map(|s| s + "\n")
}

impl HomeResult {
    /// The column group's name: `CPython 3.14 (free-threaded)` or `(GIL)`.
    pub fn title(&self) -> String {
        let build = if self.python.free_threaded && self.python.gil_enabled != Some(true) {
            "free-threaded"
        } else if self.python.free_threaded {
            "free-threaded build, GIL on"
        } else {
            "GIL"
        };
        let name = if self.python.implementation.is_empty() { "Python" } else { &self.python.implementation };
        format!("{name} {} ({build})", self.python.version)
    }

    /// The Python in a few characters, as learners name it: `CPython 3.14t`, `CPython 3.11`.
    pub fn short_title(&self) -> String {
        let name = if self.python.implementation.is_empty() { "Python" } else { &self.python.implementation };
        format!("{name} {}", self.version_tag())
    }

    /// The version as the executable is named: `3.14t` for a free-threaded build, else `3.14`.
    pub fn version_tag(&self) -> String {
        let minor: Vec<&str> = self.python.version.split('.').take(2).collect();
        format!("{}{}", minor.join("."), if self.python.free_threaded { "t" } else { "" })
    }

    /// When it started, in ms since the epoch (its id in the history); 0 when the file's time
    /// cannot be read.
    pub fn started_ms(&self) -> f64 {
        iso_ms(&self.started).unwrap_or(0.0)
    }

    /// Its settings in a few words and its Python: `n=3000 k=4 chunk=25 · CPython 3.14t`.
    pub fn summary(&self) -> String {
        let settings: Vec<String> = self
            .setting_keys()
            .into_iter()
            .filter(|k| *k != "rounds")
            .map(|k| format!("{k}={}", self.setting(k).unwrap_or_default()))
            .collect();
        format!("{} · {}", settings.join(" "), self.short_title())
    }

    /// Each mode as the history lists it (the script's mode ids; others are left out).
    pub fn figures(&self) -> Vec<super::experiment::ModeFigure> {
        use super::status::Status;
        self.modes
            .iter()
            .filter_map(|m| {
                let mode = *HOME_MODES.iter().find(|id| **id == m.mode)?;
                let status = if m.status == "done" { Status::Done } else { Status::Failed };
                Some(super::experiment::ModeFigure {
                    mode,
                    wall_ms: m.median_ms.unwrap_or(0.0),
                    speedup: self.speedup(m),
                    status,
                })
            })
            .collect()
    }

    /// The page's link with the file's settings (its keys are the page's URL keys).
    pub fn query(&self, lang: super::lang::Lang) -> String {
        let mut q = format!("exp={}", self.experiment);
        for k in self.setting_keys() {
            q.push_str(&format!("&{k}={}", self.setting(k).unwrap_or_default()));
        }
        q + "&lang=" + lang.tag()
    }

    /// Its settings' keys, in the order the page's links write them, then any others.
    fn setting_keys(&self) -> Vec<&str> {
        const ORDER: [&str; 11] =
            ["n", "count", "latency", "jitter", "bandwidth", "conn", "fail", "seed", "k", "chunk", "rounds"];
        let mut keys: Vec<&str> = self.settings.keys().map(String::as_str).collect();
        keys.sort_by_key(|k| ORDER.iter().position(|o| o == k).unwrap_or(ORDER.len()));
        keys
    }

    /// A setting as text (`n` → `3000`).
    pub fn setting(&self, key: &str) -> Option<String> {
        self.settings.get(key).map(|v| match v {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        })
    }

    /// The settings that differ from the page's (`key`, theirs, the page's), in `keys` order.
    pub fn differs(&self, page: &[(&str, String)]) -> Vec<(String, String, String)> {
        page.iter()
            .filter_map(|(k, v)| {
                let theirs = self.setting(k)?;
                // 100 and 100.0 are one setting: numbers compare as numbers.
                let same = match (theirs.parse::<f64>(), v.parse::<f64>()) {
                    (Ok(a), Ok(b)) => a == b,
                    _ => theirs == *v,
                };
                (!same).then(|| (k.to_string(), theirs, v.clone()))
            })
            .collect()
    }

    /// The settings that differ from the page's, in a few words (`n=300 k=4`), to name beside
    /// each of the file's figures wherever they stand with the page's.
    pub fn differs_short(&self, page: &[(&str, String)]) -> Option<String> {
        let d = self.differs(page);
        (!d.is_empty()).then(|| d.iter().map(|(k, theirs, _)| format!("{k}={theirs}")).collect::<Vec<_>>().join(" "))
    }

    /// Speedup of each done mode over the file's own serial (`py-serial`; `serial` in files of
    /// the first CPU script).
    pub fn speedup(&self, mode: &HomeMode) -> Option<f64> {
        let serial = self.modes.iter().find(|m| m.mode == "serial" || m.mode == "py-serial")?.median_ms?;
        Some(serial / mode.median_ms?)
    }

    /// I/O: how far a mode's median is from the network model's ideal for it.
    pub fn over_ideal(mode: &HomeMode) -> Option<f64> {
        let ideal = mode.ideal_ms.filter(|x| *x > 0.0)?;
        Some(mode.median_ms? / ideal)
    }
}

/// The mode ids the take-home scripts write (the page's where it has the mode).
pub const HOME_MODES: [&str; 9] = [
    "py-serial",
    "py-threads",
    "py-processes",
    "py-processes-queue",
    "py-asyncio",
    "interpreters",
    "py-bounded",
    "py-gather",
    "py-blocking",
];

/// `2026-12-05T12:00:00+00:00` (or `…Z`, or no zone: UTC) in ms since the epoch.
fn iso_ms(text: &str) -> Option<f64> {
    let (date, rest) = text.split_once('T')?;
    let d: Vec<i64> = date.split('-').map(|x| x.parse().ok()).collect::<Option<_>>()?;
    let (time, zone) = match rest.find(['+', '-', 'Z']) {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    let t: Vec<f64> = time.split(':').map(|x| x.parse().ok()).collect::<Option<_>>()?;
    let offset_min = match zone.as_bytes().first() {
        Some(sign @ (b'+' | b'-')) => {
            let (h, m) = zone[1..].split_once(':').unwrap_or((&zone[1..], "0"));
            let m = h.parse::<i64>().ok()? * 60 + m.parse::<i64>().ok()?;
            if *sign == b'+' {
                m
            } else {
                -m
            }
        }
        _ => 0,
    };
    let ([y, mo, day], [h, mi, sec]) = (<[i64; 3]>::try_from(d).ok()?, <[f64; 3]>::try_from(t).ok()?);
    // Days from 1970-01-01 to the civil date (Howard Hinnant's days_from_civil).
    let y = if mo <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (mo + if mo > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let days = era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468;
    let secs = days as f64 * 86_400.0 + h * 3600.0 + mi * 60.0 + sec - offset_min as f64 * 60.0;
    Some(secs * 1000.0)
}

/// What the page hands a script: its settings as the script's defaults (a JSON object for the
/// `DEFAULTS` line), and the settings a file brought back is compared with.
#[derive(Clone, Debug, PartialEq)]
pub struct Handover {
    /// The `DEFAULTS` object, one line of JSON.
    pub defaults: String,
    /// `(key, value)` a file's settings must match to be the page's experiment.
    pub compare: Vec<(&'static str, String)>,
}

/// The CPU script's settings: `chunk` resolved (the script has no "auto"); `page_sum`, the
/// page's sum for this `n` when a run of it is on the page, lets the script check its own.
pub fn cpu_handover(n: u32, k: u32, chunk: u32, rounds: u32, page_sum: Option<f64>) -> Handover {
    let mut defaults = serde_json::json!({ "n": n, "k": k, "chunk": chunk, "rounds": rounds });
    if let Some(c) = page_sum {
        defaults["checksum"] = serde_json::json!(c);
    }
    Handover {
        defaults: defaults.to_string(),
        compare: vec![("n", n.to_string()), ("k", k.to_string()), ("chunk", chunk.to_string())],
    }
}

/// The I/O script's settings: the simulated network, `count`, `k` and `rounds`. (A run of pasted
/// URLs or the bundled files hands over its network settings too: the script always simulates.)
pub fn io_handover(s: &crate::core::preset::IoSettings) -> Handover {
    let n = &s.net;
    let compare = vec![
        ("count", s.count.to_string()),
        ("latency", n.latency_ms.to_string()),
        ("jitter", n.jitter_ms.to_string()),
        ("bandwidth", n.bandwidth_kbs.to_string()),
        ("conn", n.conn_cap.to_string()),
        ("fail", n.fail_rate.to_string()),
        ("seed", n.seed.to_string()),
        ("k", s.k.to_string()),
    ];
    let mut defaults = serde_json::Map::new();
    for (key, value) in &compare {
        let number: serde_json::Value = serde_json::from_str(value).expect("a setting is a number");
        defaults.insert((*key).to_string(), number);
    }
    defaults.insert("rounds".into(), s.rounds.into());
    Handover { defaults: serde_json::Value::Object(defaults).to_string(), compare }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The file's start time (what the scripts write, `datetime.isoformat`) as the history's id.
    #[test]
    fn iso_times() {
        assert_eq!(iso_ms("1970-01-01T00:00:00+00:00"), Some(0.0));
        assert_eq!(iso_ms("2026-12-05T12:00:00+00:00"), Some(1_796_472_000_000.0));
        assert_eq!(iso_ms("2026-12-05T13:30:00+01:30"), iso_ms("2026-12-05T12:00:00Z"));
        assert_eq!(iso_ms("2000-02-29T00:00:01"), Some(951_782_401_000.0));
        assert_eq!(iso_ms("yesterday"), None);
    }

    /// Each notebook: nbformat 4.5's required fields, one language's text, the script saved by
    /// its first code cell with the page's settings, and the notebook's own settings line too.
    #[test]
    fn the_notebook_is_nbformat_4_in_the_pages_language_with_its_settings() {
        let cpu = r#"{"n":300,"k":2,"chunk":10,"rounds":1}"#;
        let io =
            r#"{"count":6,"latency":20,"jitter":5,"bandwidth":2000,"conn":6,"fail":0.3,"seed":3,"k":3,"rounds":1}"#;
        let experiments = [
            (
                include_str!("../../www/take-home/cpu_experiment.py"),
                include_str!("../../www/take-home/cpu_notebook.py"),
                "cpu_experiment.py",
                cpu,
                ["# The tutorial's CPU experiment", "# 教程里的 CPU 实验"],
            ),
            (
                include_str!("../../www/take-home/io_experiment.py"),
                include_str!("../../www/take-home/io_notebook.py"),
                "io_experiment.py",
                io,
                ["# The tutorial's download experiment", "# 教程里的下载实验"],
            ),
        ];
        for (script, template, name, defaults, headings) in experiments {
            let script = with_defaults(script, defaults).unwrap();
            for (lang, heading) in [("en", headings[0]), ("zh", headings[1])] {
                let nb: serde_json::Value =
                    serde_json::from_str(&notebook(template, &script, name, defaults, lang).unwrap()).unwrap();
                check_notebook(&nb, lang, heading);
                let cells = nb["cells"].as_array().unwrap();
                let code: Vec<String> = cells.iter().filter(|c| c["cell_type"] == "code").map(cell_text).collect();
                assert_eq!(code[0], format!("%%writefile {name}\n{}", script.trim_end()));
                assert!(code[1].contains(&format!("DEFAULTS = {defaults}  # playground: settings")), "{}", code[1]);
                assert!(code.iter().all(|c| !c.starts_with('\n') && !c.ends_with('\n')), "no blank edges");
                assert!(code.last().unwrap().contains("matplotlib"), "the last cell plots");
            }
        }
    }

    fn cell_text(c: &serde_json::Value) -> String {
        c["source"].as_array().unwrap().iter().map(|l| l.as_str().unwrap()).collect()
    }

    /// What nbformat 4.5's schema requires of the notebook and its cells, and `lang`'s text only.
    fn check_notebook(nb: &serde_json::Value, lang: &str, heading: &str) {
        assert_eq!((nb["nbformat"].as_u64(), nb["nbformat_minor"].as_u64()), (Some(4), Some(5)));
        assert_eq!(nb["metadata"]["kernelspec"]["name"], "python3");
        let cells = nb["cells"].as_array().unwrap();
        let mut ids = std::collections::HashSet::new();
        for c in cells {
            let id = c["id"].as_str().unwrap();
            assert!(ids.insert(id) && (1..=64).contains(&id.len()), "ids are unique: {id}");
            assert!(id.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_'));
            assert!(c["metadata"].is_object());
            match c["cell_type"].as_str().unwrap() {
                "code" => assert!(c["outputs"].as_array().unwrap().is_empty() && c["execution_count"].is_null()),
                "markdown" => assert!(c.get("outputs").is_none()),
                other => panic!("cell type {other}"),
            }
            let lines = c["source"].as_array().unwrap();
            assert!(
                lines.iter().rev().skip(1).all(|l| l.as_str().unwrap().ends_with('\n')),
                "every line but the last ends in \\n"
            );
        }
        assert!(cell_text(&cells[0]).starts_with(heading), "{lang}: {}", cell_text(&cells[0]));
        let other = if lang == "en" { "教程" } else { "The tutorial's" };
        assert!(cells.iter().all(|c| c["cell_type"] == "code" || !cell_text(c).contains(other)), "{lang} only");
    }

    /// The keys of a script's own `DEFAULTS` line.
    fn script_keys(script: &str) -> Vec<String> {
        let line = script.lines().find(|l| l.starts_with("DEFAULTS = ")).expect("a settings line");
        let json = line.trim_start_matches("DEFAULTS = ").split("  # playground: settings").next().unwrap();
        let mut keys: Vec<String> =
            serde_json::from_str::<serde_json::Map<_, _>>(json).unwrap().keys().cloned().collect();
        keys.sort();
        keys
    }

    /// What the page hands over is what each script reads: the same keys, on a line it replaces.
    #[test]
    fn the_page_hands_each_script_its_own_settings() {
        let cpu_script = include_str!("../../www/take-home/cpu_experiment.py");
        let io_script = include_str!("../../www/take-home/io_experiment.py");
        let cpu = cpu_handover(3000, 4, 25, 3, Some(131_367_257.106_680_72));
        let mut io_settings = crate::core::preset::IoSettings::default();
        io_settings.net.fail_rate = 0.25;
        let io = io_handover(&io_settings);
        for (script, h, extra) in [(cpu_script, &cpu, Some("checksum")), (io_script, &io, None)] {
            let rewritten = with_defaults(script, &h.defaults).expect("the script has a settings line");
            let mut keys = script_keys(&rewritten);
            keys.retain(|k| Some(k.as_str()) != extra);
            assert_eq!(keys, script_keys(script), "{}", h.defaults);
        }
        assert!(io.defaults.contains(r#""fail":0.25"#) && io.defaults.contains(r#""latency":100"#), "{}", io.defaults);
        assert!(cpu.defaults.contains(r#""checksum":131367257.10668072"#), "{}", cpu.defaults);
    }

    /// A file's `latency: 100` is the page's `100.0`; `101` is not.
    #[test]
    fn settings_compare_as_numbers() {
        let r = read(10, &file(GOOD).replace(r#""n": 300"#, r#""n": 300.0"#), ExperimentId::Cpu, |_| None).unwrap();
        assert!(r.differs(&[("n", "300".into()), ("k", "4".into())]).is_empty());
        assert_eq!(r.differs_short(&[("n", "300".into())]), None);
        assert_eq!(r.differs(&[("n", "301".into())]), vec![("n".into(), "300.0".into(), "301".into())]);
        assert_eq!(r.differs_short(&[("n", "301".into()), ("k", "2".into())]).as_deref(), Some("n=300.0 k=4"));
    }

    /// `tests/py/take-home-fixture.json` holds the page's own figures, which the CPython tests hold
    /// the take-home scripts to bit for bit. Recomputed here from the page's code, so the fixture
    /// cannot drift from the page: change the workload or the network model and this fails, and
    /// the fixture is rewritten from this test's message.
    #[test]
    fn the_python_fixture_holds_the_pages_own_figures() {
        use crate::core::images::Manifest;
        use crate::core::net::{predict, request_draw, Client, NetParams};
        let fixture: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/py/take-home-fixture.json")).unwrap();
        let sums = fixture["cpu_checksums"].as_object().unwrap();
        assert!(sums.len() >= 5);
        // S(i + 1) = S(i) + term(i), added in the same order as `task` adds them, so one pass
        // gives every S(i) bit for bit (the quadratic `run_serial(50_000)` takes a minute unoptimised).
        let top: u32 = sums.keys().map(|n| n.parse().unwrap()).max().unwrap();
        let mut s = vec![0.0f64; top as usize];
        for i in 2..top {
            s[i as usize] = playground_workload::sum_terms(s[i as usize - 1], i - 1, i);
        }
        assert_eq!(s[2999], playground_workload::task(2999));
        for (n, sum) in sums {
            let n: usize = n.parse().unwrap();
            let ours = playground_workload::checksum(&s[1..n]);
            assert_eq!(sum.as_str(), Some(ours.to_string().as_str()), "the page's sum for n = {n}");
        }
        let sizes: Vec<u64> = Manifest::bundled().images.iter().map(|i| i.bytes).collect();
        let cases = fixture["io"].as_array().unwrap();
        assert!(cases.len() >= 3);
        for case in cases {
            let f = |key: &str| case[key].as_f64().unwrap();
            let p = NetParams {
                latency_ms: f("latency"),
                jitter_ms: f("jitter"),
                bandwidth_kbs: f("bandwidth"),
                conn_cap: f("conn") as u32,
                fail_rate: f("fail"),
                seed: f("seed") as u64,
            };
            let (count, k) = (f("count") as u32, f("k") as u32);
            let failed: Vec<u32> = (0..count).filter(|&j| request_draw(&p, j, 0).fails).collect();
            assert_eq!(case["failed"], serde_json::json!(failed), "failed requests, {case}");
            let latency: Vec<String> =
                (0..count.min(12)).map(|j| format!("{:?}", request_draw(&p, j, 0).latency_ms)).collect();
            assert_eq!(case["latency_ms"], serde_json::json!(latency), "latencies, {case}");
            let run_sizes: Vec<u64> = (0..count as usize).map(|j| sizes[j % sizes.len()]).collect();
            let clients = [
                ("serial", Client::Serial),
                ("bounded", Client::Bounded { k }),
                ("unbounded", Client::Unbounded),
                ("static_shares", Client::StaticShares { k }),
                ("queue", Client::Queue { k }),
            ];
            for (name, client) in clients {
                let ideal = format!("{:?}", predict(&p, &run_sizes, client).total_ms);
                assert_eq!(case["ideal_ms"][name].as_str(), Some(ideal.as_str()), "{name}'s ideal, {case}");
            }
        }
    }

    fn file(modes: &str) -> String {
        format!(
            r#"{{"format": "{FORMAT}", "experiment": "cpu",
               "python": {{"version": "3.14.0", "implementation": "CPython", "gil_enabled": false, "free_threaded": true}},
               "platform": {{"system": "Linux", "machine": "x86_64", "cpus": 8}},
               "settings": {{"n": 300, "k": 4, "chunk": 25, "rounds": 3}}, "started": "2026-12-05T12:00:00",
               "modes": [{modes}]}}"#
        )
    }

    const GOOD: &str = r#"{"mode": "serial", "label": "serial", "status": "done", "samples_ms": [40, 42, 41], "median_ms": 41, "checksum": "1234.5"},
        {"mode": "threads", "label": "ThreadPoolExecutor(4)", "status": "done", "samples_ms": [11, 12, 10.5], "median_ms": 11, "checksum": 1234.5},
        {"mode": "interpreters", "status": "unavailable", "note": "3.14+"}"#;

    fn none(_: u64) -> Option<f64> {
        None
    }

    #[test]
    fn a_good_file_reads_with_its_title_and_speedups() {
        let r = read(100, &file(GOOD), ExperimentId::Cpu, none).unwrap();
        assert_eq!(r.title(), "CPython 3.14.0 (free-threaded)");
        assert_eq!(r.speedup(&r.modes[1]).map(|s| (s * 100.0).round()), Some(373.0));
        assert_eq!(r.modes[0].checksum.map(Checksum::value), Some(1234.5), "a sum written as text");
        assert_eq!(r.differs(&[("n", "300".into()), ("k", "2".into())]), [("k".into(), "4".into(), "2".into())]);
        assert!(read(100, &file(GOOD), ExperimentId::Cpu, |n| (n == 300).then_some(1234.5)).is_ok());
    }

    /// Every way a file can be wrong has its own error, and says what is wrong.
    #[test]
    fn bad_files_are_refused_with_what_is_wrong() {
        let cpu = ExperimentId::Cpu;
        assert_eq!(read(50_000_000, "{}", cpu, none), Err(ImportError::TooLarge { bytes: 50_000_000 }));
        assert!(matches!(read(5, "hello", cpu, none), Err(ImportError::NotJson(_))));
        assert!(matches!(read(2, "{}", cpu, none), Err(ImportError::WrongShape(_))));
        let no_modes = file("");
        assert!(matches!(read(9, &no_modes, cpu, none), Err(ImportError::WrongShape(e)) if e.contains("no modes")));
        let io = file(GOOD).replace(r#""experiment": "cpu""#, r#""experiment": "io""#);
        assert_eq!(read(9, &io, cpu, none), Err(ImportError::OtherExperiment { found: "io".into(), here: cpu }));
        let negative = file(r#"{"mode": "serial", "status": "done", "samples_ms": [-3], "median_ms": -3}"#);
        assert!(matches!(read(9, &negative, cpu, none), Err(ImportError::Absurd { what, .. }) if what.contains("-3")));
        let outside = file(r#"{"mode": "serial", "status": "done", "samples_ms": [3, 4], "median_ms": 40}"#);
        assert!(
            matches!(read(9, &outside, cpu, none), Err(ImportError::Absurd { what, .. }) if what.contains("outside"))
        );
        let empty = file(r#"{"mode": "serial", "status": "done", "samples_ms": []}"#);
        assert!(matches!(read(9, &empty, cpu, none), Err(ImportError::Absurd { .. })));
        let disagree = file(&GOOD.replace("\"checksum\": 1234.5", "\"checksum\": 1234.6"));
        assert!(
            matches!(read(9, &disagree, cpu, none), Err(ImportError::ChecksumsDisagree { mode, .. }) if mode == "threads")
        );
        let vs_page = read(9, &file(GOOD), cpu, |_| Some(99.0));
        assert_eq!(vs_page, Err(ImportError::ChecksumVsPage { theirs: 1234.5, page: 99.0 }));
        let wrong_type = file(GOOD).replace(r#""samples_ms": [40, 42, 41]"#, r#""samples_ms": "fast""#);
        assert!(matches!(read(9, &wrong_type, cpu, none), Err(ImportError::WrongShape(_))));
        for e in [ImportError::TooLarge { bytes: 50_000_000 }, ImportError::NotJson("x".into())] {
            assert!(!e.to_string().is_empty());
        }
    }

    #[test]
    fn the_settings_line_is_replaced_once() {
        let script = "import sys\nDEFAULTS = {\"n\": 3000}  # playground: settings\nprint(DEFAULTS)\n";
        let out = with_defaults(script, r#"{"n": 12, "k": 3}"#).unwrap();
        assert_eq!(out, "import sys\nDEFAULTS = {\"n\": 12, \"k\": 3}  # playground: settings\nprint(DEFAULTS)\n");
        assert_eq!(with_defaults("print(1)\n", "{}"), None);
    }
}

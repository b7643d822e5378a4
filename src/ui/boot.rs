//! What the page reads once when it opens — the URL's settings, the language, the last runs —
//! and the two things it does to the document outside Yew's tree: `<html lang>` and scrolling to
//! the section a link points at.

use crate::core::experiment::ExperimentId;
use crate::core::io_report::IoReport;
use crate::core::lang::Lang;
use crate::core::preset::{parse, Experiment, Preset};
use crate::core::report::CpuReport;
use crate::web::{env, storage};

/// Storage key of the chosen language.
pub const LANG_KEY: &str = "playground.lang";

/// What the page reads once when it opens.
#[derive(Clone, PartialEq)]
pub struct Boot {
    /// The URL's query, as pairs (the "open the full playground" link keeps them).
    pub pairs: Vec<(String, String)>,
    /// What they preset.
    pub preset: Preset,
    /// The page language: the URL's, the learner's last choice, or the browser's.
    pub lang: Lang,
    /// The last CPU run, from storage.
    pub restored: Option<CpuReport>,
    /// The last I/O run, from storage.
    pub restored_io: Option<IoReport>,
}

fn query_pairs() -> Vec<(String, String)> {
    let Some(search) = web_sys::window().and_then(|w| w.location().search().ok()) else { return vec![] };
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(&search) else { return vec![] };
    let Ok(Some(iter)) = js_sys::try_iter(&params) else { return vec![] };
    iter.flatten()
        .filter_map(|pair| {
            let pair = js_sys::Array::from(&pair);
            Some((pair.get(0).as_string()?, pair.get(1).as_string()?))
        })
        .collect()
}

/// Reads it all.
pub fn boot() -> Boot {
    let pairs = query_pairs();
    let preset = parse(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())), env::host());
    let lang = preset
        .lang
        .or_else(|| storage::load::<Lang>(LANG_KEY))
        .unwrap_or_else(|| Lang::from_preferences(env::languages().iter().map(String::as_str)));
    Boot {
        pairs,
        preset,
        lang,
        restored: storage::load(ExperimentId::Cpu.row().last_run_key),
        restored_io: storage::load(ExperimentId::Io.row().last_run_key),
    }
}

/// Writes the language into `<html lang>` so screen readers and fonts follow it.
pub fn apply_lang(lang: Lang) {
    if let Some(html) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = html.set_attribute("lang", lang.row().html_lang);
    }
}

/// Scrolls to the section a URL points at: `#topic-…`, or the experiment named by `exp=`. For a
/// demo, its topic's prediction questions (above the demos), so the learner predicts first; the
/// demo itself where the topic asks none.
pub fn scroll_to_start(experiment: Option<Experiment>) {
    let Some(window) = web_sys::window() else { return };
    let hash = window.location().hash().unwrap_or_default();
    let targets = match (hash.strip_prefix('#'), experiment) {
        (Some(h), _) if !h.is_empty() => vec![h.to_string()],
        (_, Some(Experiment::Demo(d))) => vec![format!("predict-{}", d.topic().id()), format!("demo-{}", d.id())],
        (_, Some(e)) => vec![e.topic().anchor()],
        _ => return,
    };
    let Some(doc) = window.document() else { return };
    if let Some(el) = targets.iter().find_map(|t| doc.get_element_by_id(t)) {
        el.scroll_into_view();
    }
}

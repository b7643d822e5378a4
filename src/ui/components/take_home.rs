//! "Run it on your machine": the experiment as a Python script with the page's settings as its
//! defaults (`www/take-home/*_experiment.py`, its `DEFAULTS = {…}  # playground: settings` line
//! rewritten), the commands to run it, and the results it writes brought back — a file input and
//! drag-and-drop, each file checked by `core::take_home` and shown as a table of its own beside the
//! page's, kept across a reload. A refused file says why and changes nothing.

use crate::core::experiment::ExperimentId;
use crate::core::history::Run;
use crate::core::lang::Lang;
use crate::core::take_home::{self, with_defaults, Handover, HomeResult, MAX_BYTES};
use crate::i18n::take_home::{import_error, trh, Th};
use crate::ui::format::duration;
use crate::ui::history::{HistoryAction, HistoryHandle};
use crate::web::storage;
use std::rc::Rc;
use wasm_bindgen_futures::JsFuture;
use web_sys::{DragEvent, File, FileList, HtmlInputElement};
use yew::prelude::*;

/// Props of [`TakeHome`].
#[derive(Properties, PartialEq)]
pub struct TakeHomeProps {
    /// Page language.
    pub lang: Lang,
    /// The experiment.
    pub experiment: ExperimentId,
    /// The page's settings: the script's defaults, and what a file brought back is compared with.
    pub handover: Handover,
    /// The page's own sum for an `n` (its last run's), to check a file's against.
    #[prop_or_default]
    pub page_sum: Option<(u64, f64)>,
    /// The files brought back so far (the panel shows their modes in its results too).
    pub imported: Rc<Vec<HomeResult>>,
    /// The files after an import or a removal.
    pub on_change: Callback<Vec<HomeResult>>,
}

fn storage_key(e: ExperimentId) -> String {
    format!("playground.{}.take-home", e.id())
}

/// The files brought back for `exp`, as a reload finds them.
pub fn load(exp: ExperimentId) -> Vec<HomeResult> {
    storage::load::<Vec<HomeResult>>(&storage_key(exp)).unwrap_or_default()
}

/// A panel's imported files: kept in its state and in storage, changed through the callback.
#[hook]
pub fn use_imported(exp: ExperimentId) -> (Rc<Vec<HomeResult>>, Callback<Vec<HomeResult>>) {
    let files = use_state(|| Rc::new(load(exp)));
    let on_change = {
        let files = files.clone();
        Callback::from(move |now: Vec<HomeResult>| {
            storage::save(&storage_key(exp), &now);
            files.set(Rc::new(now));
        })
    };
    ((*files).clone(), on_change)
}

fn script_name(e: ExperimentId) -> String {
    format!("{}_experiment.py", e.id())
}

/// The experiments with a notebook (`take-home/<id>_notebook.py`, the percent format).
const NOTEBOOKS: [ExperimentId; 2] = [ExperimentId::Cpu, ExperimentId::Io];

/// The panel part.
#[function_component(TakeHome)]
pub fn take_home_view(props: &TakeHomeProps) -> Html {
    let (l, exp) = (props.lang, props.experiment);
    let imported = props.imported.clone();
    let refused = use_state(Vec::<(String, Refusal)>::new);
    let fetch_error = use_state(|| None::<String>);
    let on_download = {
        let (defaults, fetch_error) = (props.handover.defaults.clone(), fetch_error.clone());
        Callback::from(move |_: MouseEvent| {
            let (defaults, fetch_error) = (defaults.clone(), fetch_error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let got = fetch_text(&script_name(exp)).await.and_then(|text| {
                    let script = with_defaults(&text, &defaults).ok_or("the script has no settings line")?;
                    crate::web::download::download(&script_name(exp), "text/x-python", &script)
                });
                fetch_error.set(got.err());
            });
        })
    };
    let on_notebook = {
        let (defaults, fetch_error) = (props.handover.defaults.clone(), fetch_error.clone());
        Callback::from(move |_: MouseEvent| {
            let (defaults, fetch_error) = (defaults.clone(), fetch_error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let got = async {
                    let script = fetch_text(&script_name(exp)).await?;
                    let script = with_defaults(&script, &defaults).ok_or("the script has no settings line")?;
                    let template = fetch_text(&format!("{}_notebook.py", exp.id())).await?;
                    let nb = take_home::notebook(&template, &script, &script_name(exp), &defaults, l.tag())
                        .ok_or("the notebook's template is not in the percent format")?;
                    crate::web::download::download(
                        &format!("{}_experiment.ipynb", exp.id()),
                        "application/x-ipynb+json",
                        &nb,
                    )
                };
                fetch_error.set(got.await.err());
            });
        })
    };
    let take = {
        let (imported, refused, sum, on_change) =
            (imported.clone(), refused.clone(), props.page_sum, props.on_change.clone());
        let history = use_context::<HistoryHandle>().map(|h| h.dispatcher());
        move |files: FileList| {
            let (imported, refused, on_change) = (imported.clone(), refused.clone(), on_change.clone());
            let history = history.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let mut now = (*imported).clone();
                let mut bad = Vec::new();
                for file in (0..files.length()).filter_map(|i| files.get(i)) {
                    match read_file(&file, exp, sum).await {
                        Ok(r) => {
                            // The history keeps it too, beside the page's runs (a file brought
                            // back again replaces its entry there, as here).
                            if let Some(h) = &history {
                                h.dispatch(HistoryAction::Add(Run::Home(r.clone())));
                            }
                            now.retain(|x| !(x.started == r.started && x.python == r.python));
                            now.push(r);
                        }
                        Err(e) => bad.push((file.name(), e)),
                    }
                }
                on_change.emit(now);
                refused.set(bad);
            });
        }
    };
    let on_input = {
        let take = take.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(files) = input.files() {
                take(files);
            }
            input.set_value("");
        })
    };
    let on_drop = Callback::from(move |e: DragEvent| {
        e.prevent_default();
        if let Some(files) = e.data_transfer().and_then(|d| d.files()) {
            take(files);
        }
    });
    let on_over = Callback::from(|e: DragEvent| e.prevent_default());
    let refusals = refused.iter().map(|(name, why)| {
        let text = match why {
            Refusal::File(e) => import_error(l, e),
            Refusal::Browser(e) => e.clone(),
        };
        html! { <li data-file={name.clone()}>{ format!("{name}: {text}") }</li> }
    });
    let id = exp.id();
    let tables = imported.iter().enumerate().map(|(i, r)| {
        let remove = {
            let (imported, on_change) = (imported.clone(), props.on_change.clone());
            Callback::from(move |_: MouseEvent| {
                let mut now = (*imported).clone();
                now.remove(i);
                on_change.emit(now);
            })
        };
        result_table(l, r, &props.handover.compare, remove)
    });
    html! {
        <section class="take-home" id={format!("{id}-take-home")} ondrop={on_drop} ondragover={on_over}
            aria-labelledby={format!("{id}-take-home-title {id}-title")}>
            <h3 id={format!("{id}-take-home-title")}>{ trh(l, Th::Title) }</h3>
            <p class="muted">{ trh(l, Th::Intro) }</p>
            <div class="actions">
                <button type="button" class="secondary" id={format!("{id}-script")} onclick={on_download}>{ trh(l, Th::Download) }</button>
                if NOTEBOOKS.contains(&exp) {
                    <button type="button" class="secondary" id={format!("{id}-notebook")} onclick={on_notebook}>{ trh(l, Th::Notebook) }</button>
                }
            </div>
            if let Some(e) = &*fetch_error { <p class="field-errors" role="alert">{ format!("{}{e}", trh(l, Th::FailedDownload)) }</p> }
            <p>{ trh(l, Th::Commands) }</p>
            <pre class="commands"><code>{ format!("python3 {0}\npython3.14t {0}", script_name(exp)) }</code></pre>
            if NOTEBOOKS.contains(&exp) { <p class="muted">{ trh(l, Th::NotebookHint) }</p> }
            <label for={format!("{id}-import")}>{ trh(l, Th::Import) }</label>
            <input type="file" id={format!("{id}-import")} accept=".json,application/json" multiple=true onchange={on_input} />
            if !refused.is_empty() {
                <div class="field-errors" role="alert">
                    <strong>{ trh(l, Th::Refused) }</strong>
                    <ul id={format!("{id}-import-refused")}>{ for refusals }</ul>
                </div>
            }
            <div id={format!("{id}-home")} data-files={imported.len().to_string()}>{ for tables }</div>
        </section>
    }
}

/// Why a file was not imported: what is wrong with it, or the browser could not read it.
#[derive(Clone, Debug, PartialEq)]
enum Refusal {
    File(take_home::ImportError),
    Browser(String),
}

/// A file of `take-home/`, as text.
async fn fetch_text(name: &str) -> Result<String, String> {
    use crate::web::fetch::FetchError;
    let url = web_sys::Url::new_with_base(&format!("take-home/{name}"), &crate::web::env::base_url())
        .map(|u| u.href())
        .map_err(|_| "no address for the script".to_string())?;
    let body = crate::web::fetch::get(&url, None).await.map_err(|e| match e {
        FetchError::Http(status) => format!("HTTP {status} for {url}"),
        FetchError::Network(why) => format!("{url} could not be fetched ({why})"),
        FetchError::Aborted => "cancelled".to_string(),
    })?;
    String::from_utf8(js_sys::Uint8Array::new(&body.buffer).to_vec()).map_err(|_| "the script is not UTF-8".into())
}

async fn read_file(file: &File, exp: ExperimentId, sum: Option<(u64, f64)>) -> Result<HomeResult, Refusal> {
    let bytes = file.size() as usize;
    let text = if bytes > MAX_BYTES {
        String::new() // refused by its size, unread
    } else {
        let value =
            JsFuture::from(file.text()).await.map_err(|e| Refusal::Browser(crate::web::workers::js_error_text(&e)))?;
        value.as_string().unwrap_or_default()
    };
    take_home::read(bytes, &text, exp, |n| sum.filter(|s| s.0 == n).map(|s| s.1)).map_err(Refusal::File)
}

fn result_table(l: Lang, r: &HomeResult, page: &[(&'static str, String)], remove: Callback<MouseEvent>) -> Html {
    let differs = r.differs(page);
    let platform = [
        r.platform.system.clone(),
        r.platform.machine.clone(),
        r.platform.cpus.map(|c| format!("{c} CPUs")).unwrap_or_default(),
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(" · ");
    let settings: Vec<String> = r.settings.iter().map(|(k, v)| format!("{k} = {v}")).collect();
    let io = r.experiment == ExperimentId::Io.id();
    let rows = r.modes.iter().map(|m| {
        let range = match (m.samples_ms.iter().copied().reduce(f64::min), m.samples_ms.iter().copied().reduce(f64::max))
        {
            (Some(a), Some(b)) => format!("{}–{}", duration(a), duration(b)),
            _ => String::new(),
        };
        html! {
            <tr data-mode={m.mode.clone()} data-status={m.status.clone()}>
                <td>{ if m.label.is_empty() { m.mode.clone() } else { m.label.clone() } }</td>
                <td class="num">{ m.median_ms.map(duration).unwrap_or_default() }</td>
                <td class="num">{ range }</td>
                <td class="num">{ r.speedup(m).map(|s| format!("{s:.2}×")).unwrap_or_default() }</td>
                if io {
                    <td class="num">{ HomeResult::over_ideal(m).map(|x| format!("{x:.2}×")).unwrap_or_default() }</td>
                    <td class="num">{ m.failed.len() }</td>
                }
                <td>{ m.note.clone().map(|n| format!("{} — {n}", m.status)).unwrap_or_else(|| m.status.clone()) }</td>
            </tr>
        }
    });
    html! {
        <table class="home" data-title={r.title()} data-free-threaded={r.python.free_threaded.to_string()}>
            <caption>
                <strong>{ format!("{} {}", trh(l, Th::Yours), r.title()) }</strong>
                { format!(" · {platform} · {}", settings.join(", ")) }
                if !differs.is_empty() {
                    <span class="differs">{ format!(" · {} ", trh(l, Th::OtherSettings)) }
                        { differs.iter().map(|(k, theirs, ours)| format!("{k} = {theirs} ({} {ours})", trh(l, Th::PageHas))).collect::<Vec<_>>().join(", ") }</span>
                }
                { " " }<button type="button" class="secondary small" onclick={remove}>{ trh(l, Th::Remove) }</button>
            </caption>
            <thead><tr><th>{ trh(l, Th::Mode) }</th><th>{ trh(l, Th::Median) }</th><th>{ trh(l, Th::Range) }</th>
                <th>{ trh(l, Th::Speedup) }</th>
                if io { <th>{ trh(l, Th::OverIdeal) }</th><th>{ trh(l, Th::Failed) }</th> }
                <th>{ trh(l, Th::Status) }</th></tr></thead>
            <tbody>{ for rows }</tbody>
        </table>
    }
}

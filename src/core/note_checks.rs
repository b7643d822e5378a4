//! Checks on the teaching notes as a learner meets them: every preset link opens without a
//! problem, every exercise has an answer, every note has its "Python today" and errata boxes,
//! both languages carry the same links, exercises and new terms, the glossary points at notes
//! that use its terms, and the "match the tutorial" figures the notes quote are what the network
//! model really gives.

#[cfg(test)]
mod tests {
    use crate::core::demos::DemoId;
    use crate::core::images::{image_for, Manifest};
    use crate::core::net::{predict, Client, NetParams};
    use crate::core::preset::{parse, Experiment, Host, Preset};
    use crate::core::pycell::link;
    use crate::core::topics::{anchor, Topic};
    use std::fs;

    const LANGS: [&str; 2] = ["zh", "en"];
    /// A page with 4 cores, cross-origin isolated: every mode is available.
    const HOST: Host = Host { hardware_concurrency: 4, isolated: true };

    fn note(id: &str, lang: &str) -> String {
        fs::read_to_string(format!("{}/notes/{id}.{lang}.md", env!("CARGO_MANIFEST_DIR"))).unwrap()
    }

    /// The topics a learner works through (every topic but the reference sections).
    fn lessons() -> impl Iterator<Item = &'static str> {
        Topic::ALL.into_iter().filter(|t| !t.row().reference).map(Topic::id)
    }

    /// The targets of the Markdown links in `text` that start with `prefix`.
    fn links<'a>(text: &'a str, prefix: &str) -> Vec<&'a str> {
        let open = format!("]({prefix}");
        text.match_indices(&open)
            .map(|(i, _)| {
                let rest = &text[i + 2..];
                &rest[..rest.find(')').expect("a link target ends with `)`")]
            })
            .collect()
    }

    fn read_preset(link: &str) -> Preset {
        let query = link.strip_prefix('?').unwrap();
        parse(query.split('&').map(|kv| kv.split_once('=').unwrap_or((kv, ""))), HOST)
    }

    /// Every `?exp=` link in every note opens an experiment (or a demo with some of its fields
    /// filled in) with no problem reported, in the note's own language; each language has at
    /// least 15 and both have the same ones.
    #[test]
    fn preset_links_open_cleanly() {
        let mut per_lang = Vec::new();
        for lang in LANGS {
            let mut all = Vec::new();
            for id in Topic::IDS {
                for link in links(&note(id, lang), "?exp=") {
                    let p = read_preset(link);
                    assert_eq!(p.problems, vec![], "{id}.{lang}: {link}");
                    match p.experiment {
                        // A demo link is worth a URL only if it types something in (else `#demo-…`).
                        Some(Experiment::Demo(d)) => {
                            assert!(!p.demo.is_empty(), "{id}.{lang}: {link} sets none of {}'s fields", d.id())
                        }
                        Some(_) => {}
                        None => panic!("{id}.{lang}: {link} names no experiment"),
                    }
                    assert_eq!(p.lang.map(|l| l.tag()), Some(lang), "{id}.{lang}: {link} names another language");
                    assert!(!p.run, "{id}.{lang}: {link} runs before the learner can predict");
                    all.push((id, link.replace(&format!("&lang={lang}"), "")));
                }
            }
            assert!(all.len() >= 15, "{lang}: only {} preset links", all.len());
            per_lang.push(all);
        }
        assert_eq!(per_lang[0], per_lang[1], "zh and en notes link to different presets");
    }

    /// Every in-page link (`#…`) points at a topic section or a demo that exists.
    #[test]
    fn hash_links_have_targets() {
        let mut targets: Vec<String> = Topic::ALL.iter().map(|t| t.anchor()).collect();
        targets.extend(DemoId::ALL.iter().map(|d| format!("demo-{}", d.id())));
        for id in Topic::IDS {
            for lang in LANGS {
                for link in links(&note(id, lang), "#") {
                    assert!(targets.iter().any(|t| link == format!("#{t}")), "{id}.{lang}: {link} leads nowhere");
                }
            }
        }
    }

    /// The exercises of a note: each `<div class="exercise">` block, with its answer — the text of
    /// its `<details>` after the `<summary>`.
    fn exercises(text: &str) -> Vec<(String, String)> {
        text.split("<div class=\"exercise\">")
            .skip(1)
            .map(|block| {
                let block = &block[..block.find("</div>").expect("an exercise block is closed")];
                let (question, answer) = block.split_once("<details>").unwrap_or((block, ""));
                let answer = answer.split_once("</summary>").map_or("", |(_, a)| a);
                let answer = answer.split("</details>").next().unwrap_or_default();
                (question.trim().to_string(), answer.trim().to_string())
            })
            .collect()
    }

    /// Every lesson has at least two exercises, each with a question and an answer hidden in a
    /// `<details>`; the two languages have the same number per note, and at least 30 in all.
    #[test]
    fn every_exercise_has_an_answer() {
        let mut totals = [0, 0];
        for id in lessons() {
            let counts: Vec<usize> = LANGS
                .iter()
                .map(|lang| {
                    let ex = exercises(&note(id, lang));
                    for (i, (q, a)) in ex.iter().enumerate() {
                        assert!(q.len() > 40, "{id}.{lang}: exercise {} has no question", i + 1);
                        assert!(a.len() > 40, "{id}.{lang}: exercise {} has no answer", i + 1);
                    }
                    ex.len()
                })
                .collect();
            assert!(counts[0] >= 2, "{id}: {} exercises", counts[0]);
            assert_eq!(counts[0], counts[1], "{id}: zh and en have different exercises");
            totals[0] += counts[0];
            totals[1] += counts[1];
        }
        assert!(totals[0] >= 30 && totals[1] >= 30, "{totals:?}");
    }

    /// Every lesson has a "Python today" box and an errata box, in both languages.
    #[test]
    fn every_lesson_has_its_boxes() {
        for id in lessons() {
            for lang in LANGS {
                let text = note(id, lang);
                for class in ["box today", "box errata"] {
                    assert_eq!(
                        text.matches(&format!("<div class=\"{class}\" role=\"note\">")).count(),
                        1,
                        "{id}.{lang}: {class}"
                    );
                }
            }
        }
    }

    /// The Python of today, where each piece belongs: both languages name every API, version and
    /// PEP the issue asks for, in the note that explains it.
    #[test]
    fn both_languages_carry_the_new_terms() {
        let terms: &[(&str, &[&str])] = &[
            (
                "threads-gil",
                &[
                    "PEP 703",
                    "PEP 779",
                    "PEP 684",
                    "PEP 734",
                    "InterpreterPoolExecutor",
                    "1.96",
                    "3.33",
                    "5.07",
                    "5.75",
                    "python3.14t",
                    "sys._is_gil_enabled()",
                    "PYTHON_GIL=0",
                    "is_alive()",
                    "isAlive()",
                    "setDaemon()",
                    "getName()",
                    "daemon",
                    "3.0",
                    "setswitchinterval",
                ],
            ),
            (
                "experiment-cpu",
                &[
                    "PEP 703",
                    "PEP 779",
                    "InterpreterPoolExecutor",
                    "3.33",
                    "5.75",
                    "6.6",
                    "0.1",
                    "os.process_cpu_count()",
                ],
            ),
            (
                "event-loop",
                &[
                    "asyncio.run",
                    "TaskGroup",
                    "asyncio.timeout",
                    "get_event_loop()",
                    "get_running_loop()",
                    "loop=",
                    "3.14",
                    "3.10",
                    "create_task",
                    "asyncio.wait",
                    "as_completed",
                    "Proactor",
                    "IOCP",
                ],
            ),
            (
                "experiment-io",
                &["asyncio.to_thread", "TaskGroup", "asyncio.Semaphore", "count=930", "latency=131", "requests.get"],
            ),
            (
                "processes",
                &[
                    "fork",
                    "spawn",
                    "forkserver",
                    "3.14",
                    "__main__",
                    "Pipe()",
                    "Event",
                    "Manager()",
                    "imap",
                    "starmap",
                    "imap_unordered",
                    "subprocess",
                    "os.process_cpu_count()",
                ],
            ),
            ("queues", &["shutdown()", "ShutDown", "3.13", "LifoQueue", "queue.Empty"]),
            (
                "futures-executors",
                &["min(32", "os.process_cpu_count()", "buffersize", "cancel_futures=True", "InterpreterPoolExecutor"],
            ),
            (
                "coroutines",
                &[
                    "yield from",
                    "@wraps",
                    "async with",
                    "async for",
                    "gevent",
                    "monkey.patch_all()",
                    "@asyncio.coroutine",
                    "3.11",
                ],
            ),
            ("sched", &["s.cancel(event)", "call_later"]),
            ("thread-sync", &["AtomicBool", "is_set()", "Barrier"]),
        ];
        for (id, words) in terms {
            for lang in LANGS {
                let text = note(id, lang);
                for w in *words {
                    assert!(text.contains(w), "{id}.{lang} does not mention {w}");
                }
            }
        }
    }

    /// The glossary has at least 40 terms, the same (zh, en, note) rows in both languages, and
    /// each term is used in the note it links to, in that language.
    #[test]
    fn glossary_terms_are_explained_where_they_link() {
        let rows = |lang: &str| -> Vec<(String, String, String)> {
            let text = note("glossary", lang);
            let table = &text[text.find("## ").unwrap()..];
            let table = &table[table.rfind("## ").unwrap()..];
            table
                .lines()
                .filter(|l| l.starts_with("| ") && l.contains("](#"))
                .map(|l| {
                    let cells: Vec<&str> = l.trim_matches('|').split(" | ").map(str::trim).collect();
                    let target = cells[2].split("](#").nth(1).unwrap().trim_end_matches(')');
                    let (zh, en) = if lang == "zh" { (cells[0], cells[1]) } else { (cells[1], cells[0]) };
                    (zh.to_string(), en.to_string(), target.to_string())
                })
                .collect()
        };
        let (mut zh, mut en) = (rows("zh"), rows("en"));
        assert!(zh.len() >= 40, "only {} glossary terms", zh.len());
        zh.sort();
        en.sort();
        assert_eq!(zh, en, "the two glossaries differ");
        for (zh_term, en_term, target) in zh {
            let id = target.strip_prefix("topic-").unwrap_or(&target);
            assert!(Topic::from_id(id).is_some(), "{target}");
            assert!(note(id, "zh").contains(&zh_term), "{id}.zh does not use {zh_term}");
            assert!(note(id, "en").to_lowercase().contains(&en_term.to_lowercase()), "{id}.en does not use {en_term}");
        }
    }

    /// The glossary and the lesson plan are in the contents like any topic; the glossary's
    /// anchor is `#glossary`.
    #[test]
    fn glossary_anchor() {
        assert_eq!(anchor("glossary"), "glossary");
        assert_eq!(anchor("queues"), "topic-queues");
        assert!(Topic::ALL.iter().any(|t| t.row().reference));
    }

    /// The non-blank lines of every fenced code block in `text`, per info string (`python`,
    /// `rust`, …); a block inside a `<details>` counts like any other.
    fn code_lines(text: &str) -> Vec<(String, usize)> {
        let mut blocks = Vec::new();
        let mut open: Option<(String, usize)> = None;
        for line in text.lines() {
            let trimmed = line.trim_start();
            match (&mut open, trimmed.strip_prefix("```")) {
                (None, Some(info)) => open = Some((info.trim().to_string(), 0)),
                (Some(_), Some(rest)) if rest.trim().is_empty() => blocks.push(open.take().unwrap()),
                (Some((_, n)), _) if !trimmed.is_empty() => *n += 1,
                _ => {}
            }
        }
        assert!(open.is_none(), "a code block is not closed");
        blocks
    }

    /// Python first (issue 17): in each language the notes hold at least twice as many lines of
    /// Python as of Rust; the Rust is what the playground does, folded away.
    #[test]
    fn python_outweighs_rust() {
        for lang in LANGS {
            let (mut python, mut rust) = (0, 0);
            for id in Topic::IDS {
                for (info, n) in code_lines(&note(id, lang)) {
                    match info.as_str() {
                        "python" | "py" => python += n,
                        "rust" => rust += n,
                        _ => {}
                    }
                }
            }
            assert!(python >= 2 * rust, "{lang}: {python} lines of Python against {rust} of Rust");
        }
    }

    /// The `code=` values of the notes' cell links (`?exp=py&code=…`).
    fn cell_codes(text: &str) -> Vec<&str> {
        links(text, "?exp=py&code=")
            .into_iter()
            .map(|l| l["?exp=py&code=".len()..].split('&').next().unwrap())
            .collect()
    }

    /// Every topic has a cell that proves its point, in each language, and every cell link
    /// decodes to text that looks like Python (tests/py/test_note_cells.py parses and runs
    /// them). The glossary is exempt: it is a table of terms, each pointing at the note that
    /// explains it, and that note has the cell.
    #[test]
    fn every_topic_has_a_python_cell() {
        for id in Topic::IDS.iter().filter(|id| **id != "glossary") {
            for lang in LANGS {
                let text = note(id, lang);
                let codes = cell_codes(&text);
                assert!(!codes.is_empty(), "{id}.{lang} has no `?exp=py&code=` link");
                for code in codes {
                    let code = link::decode(code).unwrap_or_else(|e| panic!("{id}.{lang}: {e}"));
                    assert!(code.ends_with('\n') && code.lines().count() >= 3, "{id}.{lang}: {code:?}");
                    assert!(!code.contains('\t'), "{id}.{lang}: a tab in {code:?}");
                }
            }
        }
    }

    fn sizes(count: u32) -> Vec<u64> {
        let m = Manifest::bundled();
        (0..count).map(|j| image_for(&m, j).unwrap().bytes).collect()
    }

    fn ideal(link: &str, client: Client) -> f64 {
        let p = read_preset(link);
        predict(&p.io.net, &sizes(p.io.count), client).total_ms
    }

    /// The "match the tutorial" I/O preset reproduces the tutorial's serial time (133.35 s for
    /// 930 downloads) within 0.5 %, and predicts the near-4x a latency-bound network gives 4 threads.
    #[test]
    fn tutorial_io_preset_matches_its_serial_time() {
        let text = note("experiment-io", "en");
        let link = links(&text, "?exp=io&count=930")[0];
        let serial = ideal(link, Client::Serial);
        assert!((serial / 133_350.0 - 1.0).abs() < 0.005, "{serial} ms");
        let bounded = ideal(link, Client::Bounded { k: 4 });
        assert!((3.6..4.0).contains(&(serial / bounded)), "{}", serial / bounded);
    }

    /// The exercise's answer is right: latency 53 ms and 280 kB/s reproduce both the tutorial's
    /// serial time and its 1.6x for 4 threads.
    #[test]
    fn thin_pipe_reproduces_both_tutorial_figures() {
        let p = NetParams { latency_ms: 53.0, bandwidth_kbs: 280.0, ..NetParams::default() };
        let serial = predict(&p, &sizes(930), Client::Serial).total_ms;
        let bounded = predict(&p, &sizes(930), Client::Bounded { k: 4 }).total_ms;
        assert!((serial / 133_350.0 - 1.0).abs() < 0.01, "{serial}");
        assert!((1.5..1.7).contains(&(serial / bounded)), "{}", serial / bounded);
    }
}

//! The topics of the teaching page, in the tutorial's order, and what each has beside its note.

/// A live thing shown beside a note.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Beside {
    /// Nothing: the note stands alone.
    Nothing,
    /// The CPU experiment panel.
    CpuExperiment,
    /// The I/O experiment panel.
    IoExperiment,
    /// A small demo, by its id.
    Demo(&'static str),
}

/// The small demos' ids (also `exp=` values for embedding one demo).
pub const DEMO_IDS: [&str; 6] =
    ["producer-consumer", "map-order", "first-of", "timed-tasks", "freeze-meter", "running-average"];

/// The topic whose note explains a demo (`first-of` shares the futures note with `map-order`).
pub fn demo_topic(demo: &str) -> Option<&'static str> {
    match demo {
        "first-of" => Some("futures-executors"),
        _ => TOPICS.iter().find(|(_, b)| matches!(b, Beside::Demo(d) if *d == demo)).map(|(id, _)| *id),
    }
}

/// Every topic id, in page order (the same list as notes/TOPICS, which the build reads).
pub const TOPICS: [(&str, Beside); 15] = [
    ("sync-async", Beside::Nothing),
    ("serial-parallel", Beside::Nothing),
    ("concurrency-parallelism", Beside::Nothing),
    ("cpu-io-bound", Beside::Nothing),
    ("concurrency-levels", Beside::Nothing),
    ("processes", Beside::Nothing),
    ("threads-gil", Beside::Nothing),
    ("thread-sync", Beside::Nothing),
    ("coroutines", Beside::Demo("running-average")),
    ("event-loop", Beside::Demo("freeze-meter")),
    ("futures-executors", Beside::Demo("map-order")),
    ("sched", Beside::Demo("timed-tasks")),
    ("queues", Beside::Demo("producer-consumer")),
    ("experiment-cpu", Beside::CpuExperiment),
    ("experiment-io", Beside::IoExperiment),
];

#[cfg(test)]
mod tests {
    use super::TOPICS;
    use std::fs;

    fn notes_dir() -> String {
        format!("{}/notes", env!("CARGO_MANIFEST_DIR"))
    }

    /// notes/TOPICS (what the build renders) lists exactly these topics, in this order.
    #[test]
    fn topics_file_matches() {
        let text = fs::read_to_string(format!("{}/TOPICS", notes_dir())).unwrap();
        let listed: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        let ours: Vec<&str> = TOPICS.iter().map(|(id, _)| *id).collect();
        assert_eq!(listed, ours);
    }

    /// Every topic has a note in both languages, each starting with a title, and no note file
    /// is left over without a topic.
    #[test]
    fn every_topic_has_both_notes() {
        for (id, _) in TOPICS {
            for lang in ["zh", "en"] {
                let path = format!("{}/{id}.{lang}.md", notes_dir());
                let text = fs::read_to_string(&path).unwrap_or_else(|_| panic!("missing {path}"));
                assert!(text.starts_with("# "), "{path} has no title line");
                assert!(text.len() > 800, "{path} is suspiciously short");
            }
        }
        for entry in fs::read_dir(notes_dir()).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            if let Some(stem) = name.strip_suffix(".md") {
                let id = stem.rsplit_once('.').map(|(id, _)| id).unwrap_or(stem);
                assert!(TOPICS.iter().any(|(t, _)| *t == id), "notes/{name} belongs to no topic");
            }
        }
    }

    /// Every demo belongs to a topic.
    #[test]
    fn demos_have_topics() {
        for d in super::DEMO_IDS {
            assert!(super::demo_topic(d).is_some(), "{d}");
        }
        assert_eq!(super::demo_topic("first-of"), Some("futures-executors"));
        assert_eq!(super::demo_topic("nope"), None);
    }

    /// A note with a demo or experiment names its source file, in both languages.
    #[test]
    fn notes_with_something_beside_name_their_source() {
        for (id, beside) in TOPICS {
            if beside != super::Beside::Nothing {
                let en = fs::read_to_string(format!("{}/{id}.en.md", notes_dir())).unwrap();
                let zh = fs::read_to_string(format!("{}/{id}.zh.md", notes_dir())).unwrap();
                assert!(en.contains("Source: `src/"), "{id}.en.md names no source file");
                assert!(zh.contains("源码：`src/"), "{id}.zh.md names no source file");
            }
        }
    }
}

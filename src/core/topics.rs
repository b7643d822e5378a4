//! The topics of the teaching page, in the tutorial's order, and what each has beside its note.

use super::demos::DemoId;

/// A live thing shown beside a note.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Beside {
    /// Nothing: the note stands alone.
    Nothing,
    /// The CPU experiment panel.
    CpuExperiment,
    /// The I/O experiment panel.
    IoExperiment,
    /// The Python cell.
    PythonCell,
    /// Small demos.
    Demos(&'static [DemoId]),
}

/// Every topic id, in page order (the same list as notes/TOPICS, which the build reads).
pub const TOPICS: [(&str, Beside); 18] = [
    ("sync-async", Beside::Nothing),
    ("serial-parallel", Beside::Nothing),
    ("concurrency-parallelism", Beside::Nothing),
    ("cpu-io-bound", Beside::Nothing),
    ("concurrency-levels", Beside::Nothing),
    ("processes", Beside::Nothing),
    ("threads-gil", Beside::Nothing),
    ("thread-sync", Beside::Nothing),
    ("coroutines", Beside::Demos(&[DemoId::RunningAverage])),
    ("event-loop", Beside::Demos(&[DemoId::FreezeMeter])),
    ("futures-executors", Beside::Demos(&[DemoId::MapOrder, DemoId::FirstOf])),
    ("sched", Beside::Demos(&[DemoId::TimedTasks])),
    ("queues", Beside::Demos(&[DemoId::ProducerConsumer])),
    ("experiment-cpu", Beside::CpuExperiment),
    ("experiment-io", Beside::IoExperiment),
    ("python-browser", Beside::PythonCell),
    ("glossary", Beside::Nothing),
    ("teaching", Beside::Nothing),
];

/// Reference sections at the end (the glossary, the instructors' page): no exercises, no "Try it".
pub const REFERENCE: [&str; 2] = ["glossary", "teaching"];

/// The id of a topic's section on the page, which the contents link to: `glossary` for the
/// glossary (so `#glossary` works as a link), `topic-<id>` for every other topic.
pub fn anchor(id: &str) -> String {
    if id == "glossary" {
        id.to_string()
    } else {
        format!("topic-{id}")
    }
}

#[cfg(test)]
mod tests {
    use super::TOPICS;
    use crate::core::demos::DemoId;
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

    /// Every demo sits beside exactly the topic it says it belongs to.
    #[test]
    fn demos_sit_beside_their_topic() {
        for d in DemoId::ALL {
            let beside: Vec<&str> = TOPICS
                .iter()
                .filter(|(_, b)| matches!(b, super::Beside::Demos(ids) if ids.contains(&d)))
                .map(|(id, _)| *id)
                .collect();
            assert_eq!(beside, vec![d.topic()], "{d:?}");
        }
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

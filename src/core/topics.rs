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
    /// The Python cell.
    PythonCell,
    /// Small demos: those whose row names this topic (`DemoId::topic`), in their table's order.
    Demos,
}

crate::id_table! {
    /// A topic of the teaching page, in page order (notes/TOPICS, which the build reads, lists
    /// the same ids: a test holds them together); its row says what sits beside its note.
    pub enum Topic: TopicRow {
        SyncAsync = "sync-async" => TopicRow { beside: Beside::Nothing, reference: false },
        SerialParallel = "serial-parallel" => TopicRow { beside: Beside::Nothing, reference: false },
        ConcurrencyParallelism = "concurrency-parallelism" => TopicRow { beside: Beside::Nothing, reference: false },
        CpuIoBound = "cpu-io-bound" => TopicRow { beside: Beside::Nothing, reference: false },
        ConcurrencyLevels = "concurrency-levels" => TopicRow { beside: Beside::Nothing, reference: false },
        Processes = "processes" => TopicRow { beside: Beside::Nothing, reference: false },
        ThreadsGil = "threads-gil" => TopicRow { beside: Beside::Demos, reference: false },
        ThreadSync = "thread-sync" => TopicRow { beside: Beside::Nothing, reference: false },
        Coroutines = "coroutines" => TopicRow { beside: Beside::Demos, reference: false },
        EventLoop = "event-loop" => TopicRow { beside: Beside::Demos, reference: false },
        Await = "await" => TopicRow { beside: Beside::Nothing, reference: false },
        FuturesExecutors = "futures-executors" => TopicRow { beside: Beside::Demos, reference: false },
        Sched = "sched" => TopicRow { beside: Beside::Demos, reference: false },
        Queues = "queues" => TopicRow { beside: Beside::Demos, reference: false },
        ExperimentCpu = "experiment-cpu" => TopicRow { beside: Beside::CpuExperiment, reference: false },
        ExperimentIo = "experiment-io" => TopicRow { beside: Beside::IoExperiment, reference: false },
        PythonBrowser = "python-browser" => TopicRow { beside: Beside::PythonCell, reference: false },
        Bugs = "bugs" => TopicRow { beside: Beside::Nothing, reference: true },
        Glossary = "glossary" => TopicRow { beside: Beside::Nothing, reference: true },
        Teaching = "teaching" => TopicRow { beside: Beside::Nothing, reference: true },
    }
}

/// What a topic's section holds besides its note.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TopicRow {
    /// What is shown beside the note.
    pub beside: Beside,
    /// A reference section at the end (the glossary, the instructors' page): no exercises, no
    /// "Try it".
    pub reference: bool,
}

impl Topic {
    /// What is shown beside its note.
    pub fn beside(self) -> Beside {
        self.row().beside
    }

    /// The id of its section on the page, which the contents link to: `glossary` for the
    /// glossary (so `#glossary` works as a link), `topic-<id>` for every other topic.
    pub fn anchor(self) -> String {
        anchor(self.id())
    }
}

/// The id of a topic's section, from its id (links in the notes name topics by id).
pub fn anchor(id: &str) -> String {
    if id == Topic::Glossary.id() {
        id.to_string()
    } else {
        format!("topic-{id}")
    }
}

#[cfg(test)]
mod tests {
    use super::Topic;
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
        let ours: Vec<&str> = Topic::IDS.to_vec();
        assert_eq!(listed, ours);
    }

    /// Every topic has a note in both languages, each starting with a title, and no note file
    /// is left over without a topic.
    #[test]
    fn every_topic_has_both_notes() {
        for id in Topic::IDS {
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
                assert!(Topic::from_id(id).is_some(), "notes/{name} belongs to no topic");
            }
        }
    }

    /// Every demo sits beside exactly the topic it says it belongs to.
    #[test]
    fn demos_sit_beside_their_topic() {
        for d in DemoId::ALL {
            assert_eq!(d.topic().beside(), super::Beside::Demos, "{d:?}'s topic shows no demos");
        }
        for t in Topic::ALL.into_iter().filter(|t| t.beside() == super::Beside::Demos) {
            assert!(DemoId::ALL.iter().any(|d| d.topic() == t), "{t:?} shows demos but has none");
        }
    }

    /// A note with a demo or experiment names its source file, in both languages.
    #[test]
    fn notes_with_something_beside_name_their_source() {
        for t in Topic::ALL {
            let id = t.id();
            if t.beside() != super::Beside::Nothing {
                let en = fs::read_to_string(format!("{}/{id}.en.md", notes_dir())).unwrap();
                let zh = fs::read_to_string(format!("{}/{id}.zh.md", notes_dir())).unwrap();
                assert!(en.contains("Source: `src/"), "{id}.en.md names no source file");
                assert!(zh.contains("源码：`src/"), "{id}.zh.md names no source file");
            }
        }
    }
}

//! The six ways the playground runs the image-download experiment.

use super::net::Client;
use serde::{Deserialize, Serialize};

/// An execution mode of the I/O experiment. The ids are the ones used in URLs and exports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum IoMode {
    /// Await each download in turn.
    #[serde(rename = "serial")]
    Serial,
    /// At most k downloads in flight (the thread-pool analogue).
    #[serde(rename = "bounded")]
    Bounded,
    /// Every download started at once and awaited together (the coroutine analogue).
    #[serde(rename = "unbounded")]
    Unbounded,
    /// k web workers, each downloading its share in turn (the process analogue).
    #[serde(rename = "workers")]
    Workers,
    /// k web workers pulling the next URL from one queue.
    #[serde(rename = "workers-queue")]
    WorkersQueue,
    /// The tutorial's trap: async tasks whose download is a blocking call, so nothing overlaps.
    #[serde(rename = "blocking-async")]
    BlockingAsync,
}

/// A row of the tutorial's I/O table (930 images, 4 threads/processes).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct IoTutorialFigure {
    /// Measured seconds.
    pub seconds: f64,
    /// Speedup over the single-threaded base.
    pub speedup: f64,
}

/// Images the tutorial downloaded.
pub const TUTORIAL_COUNT: u32 = 930;

impl IoMode {
    /// Every mode, in panel (and run) order.
    pub const ALL: [IoMode; 6] = [
        IoMode::Serial,
        IoMode::Bounded,
        IoMode::Unbounded,
        IoMode::Workers,
        IoMode::WorkersQueue,
        IoMode::BlockingAsync,
    ];

    /// The id used in URLs, exports and element ids.
    pub fn id(self) -> &'static str {
        match self {
            IoMode::Serial => "serial",
            IoMode::Bounded => "bounded",
            IoMode::Unbounded => "unbounded",
            IoMode::Workers => "workers",
            IoMode::WorkersQueue => "workers-queue",
            IoMode::BlockingAsync => "blocking-async",
        }
    }

    /// Parses an id as written in a URL.
    pub fn from_id(id: &str) -> Option<IoMode> {
        IoMode::ALL.into_iter().find(|m| m.id() == id)
    }

    /// Uses k (requests in flight, or workers).
    pub fn uses_k(self) -> bool {
        matches!(self, IoMode::Bounded | IoMode::Workers | IoMode::WorkersQueue)
    }

    /// Concurrency the mode runs with for the learner's k, as exported.
    pub fn concurrency(self, k: u32, count: u32) -> u32 {
        match self {
            IoMode::Serial | IoMode::BlockingAsync => 1,
            IoMode::Unbounded => count,
            _ => k,
        }
    }

    /// The idealised client whose time the network model predicts for this mode.
    pub fn client(self, k: u32) -> Client {
        match self {
            IoMode::Serial | IoMode::BlockingAsync => Client::Serial,
            IoMode::Bounded => Client::Bounded { k },
            IoMode::Unbounded => Client::Unbounded,
            IoMode::Workers => Client::StaticShares { k },
            IoMode::WorkersQueue => Client::Queue { k },
        }
    }

    /// The tutorial's measured figure for the matching variant.
    pub fn tutorial(self) -> IoTutorialFigure {
        match self {
            IoMode::Serial => IoTutorialFigure { seconds: 133.35, speedup: 1.0 },
            IoMode::Bounded => IoTutorialFigure { seconds: 83.56, speedup: 1.60 },
            IoMode::Workers => IoTutorialFigure { seconds: 82.86, speedup: 1.61 },
            IoMode::WorkersQueue => IoTutorialFigure { seconds: 84.98, speedup: 1.57 },
            // The tutorial's coroutine code awaited nothing (a blocking download inside
            // `async def`); its 65.68 s is the figure both of these stand beside.
            IoMode::Unbounded | IoMode::BlockingAsync => IoTutorialFigure { seconds: 65.68, speedup: 2.03 },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Ids round-trip and match serde's names.
    #[test]
    fn ids_round_trip() {
        for m in IoMode::ALL {
            assert_eq!(IoMode::from_id(m.id()), Some(m));
            assert_eq!(serde_json::to_string(&m).unwrap(), format!("\"{}\"", m.id()));
        }
    }

    /// Each mode's ideal client, and the tutorial's speedups against its base.
    #[test]
    fn clients_and_figures() {
        assert_eq!(IoMode::BlockingAsync.client(4), Client::Serial, "a blocking call overlaps nothing");
        assert_eq!(IoMode::Workers.client(3), Client::StaticShares { k: 3 });
        for m in IoMode::ALL {
            let f = m.tutorial();
            assert!((133.35 / f.seconds - f.speedup).abs() < 0.02, "{m:?}");
        }
    }
}

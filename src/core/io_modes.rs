//! The ways the playground runs the image-download experiment: six in Rust, four in Python.

use super::engine::Engine;
use super::ids::Colour;
use super::net::Client;
use crate::id_table;

id_table! {
    /// An execution mode of the I/O experiment. The ids are the ones used in URLs and exports.
    pub enum IoMode: IoModeRow {
        /// Await each download in turn.
        Serial = "serial" => IoModeRow { concurrency: Concurrency::One, client: ClientKind::Serial,
            tutorial: IoTutorialFigure { seconds: 133.35, speedup: 1.0 },
            colour: Colour { light: "#5a606b", dark: "#b6bcc7" }, engine: Engine::Rust },
        /// At most k downloads in flight (the thread-pool analogue).
        Bounded = "bounded" => IoModeRow { concurrency: Concurrency::K, client: ClientKind::Bounded,
            tutorial: IoTutorialFigure { seconds: 83.56, speedup: 1.60 },
            colour: Colour { light: "#0b5fb0", dark: "#6cb0ff" }, engine: Engine::Rust },
        /// Every download started at once and awaited together (the coroutine analogue).
        Unbounded = "unbounded" => IoModeRow { concurrency: Concurrency::All, client: ClientKind::Unbounded,
            tutorial: COROUTINE, colour: Colour { light: "#c2410c", dark: "#ffab70" }, engine: Engine::Rust },
        /// k web workers, each downloading its share in turn (the process analogue).
        Workers = "workers" => IoModeRow { concurrency: Concurrency::K, client: ClientKind::StaticShares,
            tutorial: IoTutorialFigure { seconds: 82.86, speedup: 1.61 },
            colour: Colour { light: "#17733a", dark: "#6fd18f" }, engine: Engine::Rust },
        /// k web workers pulling the next URL from one queue.
        WorkersQueue = "workers-queue" => IoModeRow { concurrency: Concurrency::K, client: ClientKind::Queue,
            tutorial: IoTutorialFigure { seconds: 84.98, speedup: 1.57 },
            colour: Colour { light: "#00838f", dark: "#4dd0e1" }, engine: Engine::Rust },
        /// The tutorial's trap: async tasks whose download is a blocking call, so nothing overlaps.
        BlockingAsync = "blocking-async" => IoModeRow { concurrency: Concurrency::One, client: ClientKind::Serial,
            tutorial: COROUTINE, colour: Colour { light: "#8e44ad", dark: "#d0a0f0" }, engine: Engine::Rust },
        /// Python: await each `pyfetch` in turn (one interpreter in a worker).
        PySerial = "py-serial" => IoModeRow { concurrency: Concurrency::One, client: ClientKind::Serial,
            tutorial: IoTutorialFigure { seconds: 133.35, speedup: 1.0 },
            colour: Colour { light: "#7a5c00", dark: "#e8c547" }, engine: Engine::Python },
        /// Python: every download a coroutine, all at once with `asyncio.gather`.
        PyGather = "py-gather" => IoModeRow { concurrency: Concurrency::All, client: ClientKind::Unbounded,
            tutorial: COROUTINE, colour: Colour { light: "#a0522d", dark: "#f4a57a" }, engine: Engine::Python },
        /// Python: at most k in flight under an `asyncio.Semaphore` (the thread-pool analogue).
        PyBounded = "py-bounded" => IoModeRow { concurrency: Concurrency::K, client: ClientKind::Bounded,
            tutorial: IoTutorialFigure { seconds: 83.56, speedup: 1.60 },
            colour: Colour { light: "#2e6b4f", dark: "#8fd3b0" }, engine: Engine::Python },
        /// Python: `async def` tasks whose download is a synchronous request: nothing overlaps.
        PyBlocking = "py-blocking" => IoModeRow { concurrency: Concurrency::One, client: ClientKind::Serial,
            tutorial: COROUTINE, colour: Colour { light: "#9b2c5f", dark: "#f08cbd" }, engine: Engine::Python },
    }
}

/// How many downloads a mode has in flight.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Concurrency {
    /// One at a time.
    One,
    /// The learner's k (requests in flight, or workers).
    K,
    /// Every request at once.
    All,
}

/// The idealised client the network model predicts a mode's time with (k filled in later).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClientKind {
    /// One request after another.
    Serial,
    /// At most k in flight.
    Bounded,
    /// Everything at once.
    Unbounded,
    /// k fixed round-robin shares.
    StaticShares,
    /// k pullers on one queue.
    Queue,
}

/// What the page needs to know about an I/O mode: one row per mode, in [`IoMode`]'s table.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct IoModeRow {
    /// Downloads in flight.
    pub concurrency: Concurrency,
    /// The ideal client of the network model.
    pub client: ClientKind,
    /// The tutorial's figure for the matching variant.
    pub tutorial: IoTutorialFigure,
    /// The series colour in charts and legends (`.series-<id>`).
    pub colour: Colour,
    /// Which language's runtime downloads.
    pub engine: Engine,
}

// The tutorial's coroutine code awaited nothing (a blocking download inside `async def`); its
// 65.68 s is the figure both `unbounded` and `blocking-async` stand beside.
const COROUTINE: IoTutorialFigure = IoTutorialFigure { seconds: 65.68, speedup: 2.03 };

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
    /// Uses k (requests in flight, or workers).
    pub fn uses_k(self) -> bool {
        self.row().concurrency == Concurrency::K
    }

    /// Concurrency the mode runs with for the learner's k, as exported.
    pub fn concurrency(self, k: u32, count: u32) -> u32 {
        match self.row().concurrency {
            Concurrency::One => 1,
            Concurrency::K => k,
            Concurrency::All => count,
        }
    }

    /// The idealised client whose time the network model predicts for this mode.
    pub fn client(self, k: u32) -> Client {
        match self.row().client {
            ClientKind::Serial => Client::Serial,
            ClientKind::Bounded => Client::Bounded { k },
            ClientKind::Unbounded => Client::Unbounded,
            ClientKind::StaticShares => Client::StaticShares { k },
            ClientKind::Queue => Client::Queue { k },
        }
    }

    /// The tutorial's measured figure for the matching variant.
    pub fn tutorial(self) -> IoTutorialFigure {
        self.row().tutorial
    }

    /// The runtime that downloads.
    pub fn engine(self) -> Engine {
        self.row().engine
    }

    /// The mode this one's speedup is measured against: its own engine's serial.
    pub fn baseline(self) -> IoMode {
        match self.engine() {
            Engine::Rust => IoMode::Serial,
            Engine::Python => IoMode::PySerial,
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

    /// A mode id both experiments use (`serial`, `workers`, …) is one CSS class, so one colour.
    #[test]
    fn shared_ids_share_colours() {
        use crate::core::cpu_modes::CpuMode;
        for m in IoMode::ALL {
            if let Some(c) = CpuMode::from_id(m.id()) {
                assert_eq!(c.row().colour, m.row().colour, "{m}");
            }
        }
    }

    /// Each mode's ideal client, and the tutorial's speedups against its base.
    #[test]
    fn clients_and_figures() {
        assert_eq!(IoMode::BlockingAsync.client(4), Client::Serial, "a blocking call overlaps nothing");
        assert_eq!(IoMode::Workers.client(3), Client::StaticShares { k: 3 });
        assert_eq!(IoMode::PyBlocking.client(4), Client::Serial, "nor does it in Python");
        assert_eq!(IoMode::PyGather.client(4), Client::Unbounded);
        assert_eq!(IoMode::PyBounded.client(3), Client::Bounded { k: 3 });
        assert_eq!((IoMode::PyGather.baseline(), IoMode::Unbounded.baseline()), (IoMode::PySerial, IoMode::Serial));
        for m in IoMode::ALL {
            let f = m.tutorial();
            assert!((133.35 / f.seconds - f.speedup).abs() < 0.02, "{m:?}");
        }
    }
}

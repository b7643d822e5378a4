//! A finished I/O run: a record per request, an entry per mode, and the JSON / CSV export.

use super::engine::Engine;
use super::experiment::{ExperimentId, ModeFigure};
use super::images::{hex, sniff_image, ImageInfo};
use super::io_modes::IoMode;
use super::lang::Lang;
use super::pipeline::{Experiment, Report};
use super::preset::Host;
use super::preset::{Order, Source};
use super::report::{csv_cell, Status};
use super::rounds::row_figures;
use super::timeline::Lane;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::borrow::Borrow;
use std::fmt;

/// Why one request did not give a usable image.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RequestError {
    /// No answer at all: unreachable server, refused connection, DNS failure.
    Network,
    /// The server answered, but the browser withheld the answer from the page (no CORS).
    Cors,
    /// The server answered with an error status.
    Http(u16),
    /// The answer is not an image.
    NotImage,
    /// A bundled image arrived with the wrong size or hash.
    Mismatch,
    /// Cancelled before it finished.
    Aborted,
}

impl fmt::Display for RequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RequestError::Network => f.write_str("network"),
            RequestError::Cors => f.write_str("cors"),
            RequestError::Http(s) => write!(f, "http-{s}"),
            RequestError::NotImage => f.write_str("not-image"),
            RequestError::Mismatch => f.write_str("mismatch"),
            RequestError::Aborted => f.write_str("aborted"),
        }
    }
}

impl Serialize for RequestError {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for RequestError {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Ok(match s.as_str() {
            "network" => RequestError::Network,
            "cors" => RequestError::Cors,
            "not-image" => RequestError::NotImage,
            "mismatch" => RequestError::Mismatch,
            "aborted" => RequestError::Aborted,
            other => match other.strip_prefix("http-").and_then(|c| c.parse().ok()) {
                Some(code) => RequestError::Http(code),
                None => return Err(serde::de::Error::custom(format!("unknown request error {other}"))),
            },
        })
    }
}

/// Checks a downloaded body: a bundled image must have its manifest size and hash; anything else
/// must at least look like an image.
pub fn check_body(bytes: &[u8], expect: Option<&ImageInfo>) -> Result<(), RequestError> {
    match expect {
        Some(img) if bytes.len() as u64 != img.bytes || hex(&Sha256::digest(bytes)) != img.sha256 => {
            Err(RequestError::Mismatch)
        }
        Some(_) => Ok(()),
        None if sniff_image(bytes).is_some() => Ok(()),
        None => Err(RequestError::NotImage),
    }
}

/// One request of a run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RequestRecord {
    /// Position in the run's list (0-based).
    pub index: u32,
    /// What was requested.
    pub url: String,
    /// Where the request was made from.
    pub lane: Lane,
    /// Request start, ms from the start of the timed run.
    pub start_ms: f64,
    /// Last byte received (or failure), ms from the start of the timed run.
    pub end_ms: f64,
    /// HTTP status, 0 when there was no answer.
    pub status: u16,
    /// Bytes received.
    pub bytes: u64,
    /// A usable image arrived.
    pub ok: bool,
    /// Why not, when not.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub error: Option<RequestError>,
    /// 1-based position in which results were handed to the program (completion order, except
    /// for `bounded` in submission order); 0 if never handed over.
    pub delivered: u32,
}

/// What one mode produced.
#[derive(Clone, Debug, PartialEq)]
pub struct IoOutcome {
    /// Which mode.
    pub mode: IoMode,
    /// Concurrency it ran with (requests in flight or workers).
    pub k: u32,
    /// `bounded` only: results handed over in submission order.
    pub ordered: Option<bool>,
    /// How it ended.
    pub status: Status,
    /// Why it failed, if it did.
    pub error: Option<String>,
    /// Timed wall time (ms); over several rounds the median of the finished ones.
    pub wall_ms: f64,
    /// Every finished round's wall time (ms), in round order.
    pub samples_ms: Vec<f64>,
    /// Starting workers (ms).
    pub startup_ms: f64,
    /// The network model's ideal time for this mode (simulated source only).
    pub ideal_ms: Option<f64>,
    /// Every request that finished (or failed) before the end.
    pub requests: Vec<RequestRecord>,
}

/// One row of the results and of the export.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IoEntry {
    /// Mode id.
    pub mode: IoMode,
    /// The runtime that downloaded (reports saved before Python existed were all Rust).
    #[serde(default = "rust_engine")]
    pub engine: Engine,
    /// Concurrency.
    pub k: u32,
    /// `bounded` only: `true` for submission order.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub ordered: Option<bool>,
    /// Timed wall time (ms): the median of `samples_ms`.
    pub wall_ms: f64,
    /// Every round's wall time (ms), in round order.
    #[serde(default)]
    pub samples_ms: Vec<f64>,
    /// The fastest round (ms).
    #[serde(default)]
    pub min_ms: Option<f64>,
    /// The slowest round (ms).
    #[serde(default)]
    pub max_ms: Option<f64>,
    /// Worker start-up (ms).
    pub startup_ms: f64,
    /// Model's ideal time (ms), `null` without the simulated source.
    pub ideal_ms: Option<f64>,
    /// Images received intact.
    pub ok: u32,
    /// Requests that failed.
    pub failed: u32,
    /// Bytes received in all.
    pub bytes: u64,
    /// `serial`'s wall time over this one.
    pub speedup: Option<f64>,
    /// The speedup's range over the rounds (each round's serial time over this mode's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speedup_range: Option<(f64, f64)>,
    /// How it ended.
    pub status: Status,
    /// Why it failed.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub error: Option<String>,
    /// Every request.
    pub requests: Vec<RequestRecord>,
}

/// The run's settings as exported.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IoParams {
    /// Requests per mode.
    pub count: u32,
    /// Where the images came from.
    pub source: Source,
    /// Simulated latency (ms).
    pub latency: f64,
    /// Simulated jitter (ms).
    pub jitter: f64,
    /// Simulated bandwidth (kB/s; 0 = unlimited).
    pub bandwidth: f64,
    /// Simulated connection cap.
    pub conn: u32,
    /// Simulated failure rate.
    pub fail: f64,
    /// Seed of the simulated randomness.
    pub seed: u64,
    /// Requests in flight / workers.
    pub k: u32,
    /// The order `bounded` handed its results over in.
    pub order: Order,
    /// Rounds: each mode was timed this many times, interleaved (median reported).
    #[serde(default = "crate::core::report::one_round")]
    pub rounds: u32,
}

/// Browser facts for the I/O run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IoEnv {
    /// `navigator.hardwareConcurrency`.
    pub hardware_concurrency: u32,
    /// `crossOriginIsolated`.
    pub cross_origin_isolated: bool,
    /// `navigator.userAgent`.
    pub user_agent: String,
    /// The Python interpreters started before the timed rounds (absent when no Python mode ran,
    /// and in reports from before the pool).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub python_pool: Option<crate::core::engine::PoolStart>,
}

/// The image-download experiment: its export is [`IoReport`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Io;

/// The export of one I/O run.
pub type IoReport = Report<Io>;

crate::experiment_mode!(IoMode);

impl Experiment for Io {
    const ID: ExperimentId = ExperimentId::Io;
    type Mode = IoMode;
    type Outcome = IoOutcome;
    type Entry = IoEntry;
    type Params = IoParams;
    type Env = IoEnv;

    fn mode_of(o: &IoOutcome) -> IoMode {
        o.mode
    }
    fn finished_units(o: &IoOutcome) -> u32 {
        o.requests.len() as u32
    }
    fn merge(rounds: &[IoOutcome]) -> Option<IoOutcome> {
        merge_io_rounds(rounds)
    }
    fn entries<O: Borrow<IoOutcome>>(outcomes: &[O]) -> Vec<IoEntry> {
        io_entries(outcomes)
    }
    fn figure(e: &IoEntry) -> ModeFigure {
        ModeFigure { mode: e.mode.id(), wall_ms: e.wall_ms, speedup: e.speedup, status: e.status }
    }
    fn summary(p: &IoParams) -> String {
        if p.source == Source::Simulated {
            format!(
                "count={} simulated latency={} bandwidth={} conn={} fail={} k={}",
                p.count, p.latency, p.bandwidth, p.conn, p.fail, p.k
            )
        } else {
            format!("count={} {} k={}", p.count, p.source, p.k)
        }
    }
    fn query(report: &IoReport, _host: Host, lang: Lang) -> String {
        report.settings().0.to_query(lang)
    }
}

impl IoReport {
    /// The settings that produced this report, and for the URL source its URL list.
    pub fn settings(&self) -> (crate::core::preset::IoSettings, Vec<String>) {
        use crate::core::preset::IoSettings;
        let p = &self.params;
        let mut s = IoSettings::default();
        let mut problems = Vec::new();
        for (key, value) in [
            ("count", p.count.to_string()),
            ("latency", p.latency.to_string()),
            ("jitter", p.jitter.to_string()),
            ("bandwidth", p.bandwidth.to_string()),
            ("conn", p.conn.to_string()),
            ("fail", p.fail.to_string()),
            ("seed", p.seed.to_string()),
            ("k", p.k.to_string()),
            ("rounds", p.rounds.to_string()),
            ("source", p.source.id().into()),
            ("order", p.order.id().into()),
        ] {
            s.apply(key, &value, &mut problems); // a bad stored value keeps its default
        }
        if !self.runs.is_empty() {
            s.modes = self.runs.iter().map(|r| r.mode).collect();
        }
        let urls = if s.source.row().pasted_urls {
            let mut reqs: Vec<&RequestRecord> = self.runs.iter().flat_map(|r| &r.requests).collect();
            reqs.sort_by_key(|r| r.index);
            reqs.dedup_by_key(|r| r.index);
            reqs.into_iter().map(|r| r.url.clone()).collect()
        } else {
            Vec::new()
        };
        (s, urls)
    }
}

/// One mode's rounds as one outcome ([`super::rounds::merge`], as for the CPU modes). Unless a
/// round stopped the mode, the requests are the last finished round's: the thumbnail grid shows the
/// images as they arrive and each round replaces the last one's, so the grid, the timeline and the
/// export's delivery order all describe the same round (keeping every round's images to show the
/// median one instead would hold up to ten copies of a URL list's images).
pub fn merge_io_rounds(rounds: &[IoOutcome]) -> Option<IoOutcome> {
    super::rounds::merge(rounds, |done, _| done.last().map(|&o| o.clone()))
}

crate::round_of_outcome!(IoOutcome);

/// Entries with speedups over a finished `serial`.
pub fn io_entries<O: Borrow<IoOutcome>>(outcomes: &[O]) -> Vec<IoEntry> {
    let outcomes = || outcomes.iter().map(Borrow::borrow);
    // Each engine's modes against its own serial (`serial` for Rust, `py-serial` for Python).
    let finished = |base: IoMode| outcomes().find(|o: &&IoOutcome| o.mode == base && o.status == Status::Done);
    outcomes()
        .map(|o: &IoOutcome| {
            let f = row_figures(o, finished(o.mode.baseline()));
            IoEntry {
                speedup: f.speedup,
                speedup_range: f.speedup_range,
                mode: o.mode,
                engine: o.mode.engine(),
                k: o.k,
                ordered: o.ordered,
                wall_ms: o.wall_ms,
                samples_ms: o.samples_ms.clone(),
                min_ms: f.min_ms,
                max_ms: f.max_ms,
                startup_ms: o.startup_ms,
                ideal_ms: o.ideal_ms,
                ok: o.requests.iter().filter(|r| r.ok).count() as u32,
                failed: o.requests.iter().filter(|r| !r.ok).count() as u32,
                bytes: o.requests.iter().map(|r| r.bytes).sum(),
                status: o.status,
                error: o.error.clone(),
                requests: o.requests.clone(),
            }
        })
        .collect()
}

fn rust_engine() -> Engine {
    Engine::Rust
}

impl IoReport {
    /// One CSV row per request, with its mode's figures repeated on each row.
    pub fn to_csv(&self) -> String {
        let mut out = String::from(
            "experiment,mode,engine,k,wall_ms,ideal_ms,ok,failed,bytes,speedup,status,request,url,lane,start_ms,end_ms,http_status,request_bytes,request_ok,error,delivered\n",
        );
        let num = |x: Option<f64>| x.map(|v| v.to_string()).unwrap_or_default();
        for e in &self.runs {
            let status = e.status.id();
            for r in &e.requests {
                let lane = r.lane.id();
                let cells = [
                    self.experiment.id().into(),
                    e.mode.id().into(),
                    e.engine.id().into(),
                    e.k.to_string(),
                    e.wall_ms.to_string(),
                    num(e.ideal_ms),
                    e.ok.to_string(),
                    e.failed.to_string(),
                    e.bytes.to_string(),
                    num(e.speedup),
                    status.into(),
                    r.index.to_string(),
                    r.url.clone(),
                    lane,
                    r.start_ms.to_string(),
                    r.end_ms.to_string(),
                    r.status.to_string(),
                    r.bytes.to_string(),
                    r.ok.to_string(),
                    r.error.map(|e| e.to_string()).unwrap_or_default(),
                    r.delivered.to_string(),
                ];
                let cells: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
                out.push_str(&cells.join(","));
                out.push('\n');
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(index: u32, ok: bool, bytes: u64) -> RequestRecord {
        RequestRecord {
            index,
            url: format!("u{index}"),
            lane: Lane::EventLoop,
            start_ms: 0.0,
            end_ms: 1.0,
            status: if ok { 200 } else { 503 },
            bytes,
            ok,
            error: (!ok).then_some(RequestError::Http(503)),
            delivered: index + 1,
        }
    }

    fn outcome(mode: IoMode, wall_ms: f64, requests: Vec<RequestRecord>) -> IoOutcome {
        IoOutcome {
            mode,
            k: 4,
            ordered: None,
            status: Status::Done,
            error: None,
            wall_ms,
            samples_ms: vec![wall_ms],
            startup_ms: 0.0,
            ideal_ms: Some(wall_ms * 0.9),
            requests,
        }
    }

    /// Counts, bytes and speedups per mode.
    #[test]
    fn entries() {
        let e = io_entries(&[
            outcome(IoMode::Serial, 1000.0, vec![record(0, true, 10), record(1, false, 0)]),
            outcome(IoMode::Unbounded, 250.0, vec![record(0, true, 10), record(1, true, 12)]),
        ]);
        assert_eq!((e[0].ok, e[0].failed, e[0].bytes, e[0].speedup), (1, 1, 10, Some(1.0)));
        assert_eq!((e[1].ok, e[1].failed, e[1].bytes, e[1].speedup), (2, 0, 22, Some(4.0)));
    }

    /// Bundled images are checked by size and hash; other URLs by what they look like.
    #[test]
    fn body_checks() {
        let png = b"\x89PNG\r\n\x1a\nrest".to_vec();
        let info = ImageInfo { name: "a.png".into(), bytes: png.len() as u64, sha256: hex(&Sha256::digest(&png)) };
        assert_eq!(check_body(&png, Some(&info)), Ok(()));
        let mut other = png.clone();
        other[11] ^= 1;
        assert_eq!(check_body(&other, Some(&info)), Err(RequestError::Mismatch));
        assert_eq!(check_body(&png[..10], Some(&info)), Err(RequestError::Mismatch));
        assert_eq!(check_body(&png, None), Ok(()));
        assert_eq!(check_body(b"<html>", None), Err(RequestError::NotImage));
    }

    /// Errors are written as short codes and read back.
    #[test]
    fn error_codes_round_trip() {
        for e in [
            RequestError::Network,
            RequestError::Cors,
            RequestError::Http(404),
            RequestError::NotImage,
            RequestError::Mismatch,
            RequestError::Aborted,
        ] {
            let json = serde_json::to_string(&e).unwrap();
            assert_eq!(serde_json::from_str::<RequestError>(&json).unwrap(), e);
        }
        assert_eq!(serde_json::to_string(&RequestError::Http(404)).unwrap(), "\"http-404\"");
    }

    /// The export has the fields, and a CSV row per request.
    #[test]
    fn export_shape() {
        let report = IoReport {
            experiment: ExperimentId::Io,
            params: IoParams {
                count: 2,
                source: Source::Simulated,
                latency: 100.0,
                jitter: 20.0,
                bandwidth: 2000.0,
                conn: 6,
                fail: 0.0,
                seed: 1,
                k: 4,
                order: Order::Completion,
                rounds: 2,
            },
            env: IoEnv {
                hardware_concurrency: 2,
                cross_origin_isolated: false,
                user_agent: "UA".into(),
                python_pool: None,
            },
            reference: None,
            runs: io_entries(&[outcome(IoMode::Serial, 10.0, vec![record(0, true, 10), record(1, false, 0)])]),
            started_at: 0.0,
            predictions: vec![],
        };
        let v: serde_json::Value = serde_json::from_str(&report.to_json()).unwrap();
        for key in
            ["mode", "engine", "k", "wall_ms", "ideal_ms", "ok", "failed", "bytes", "speedup", "status", "requests"]
        {
            assert!(v["runs"][0].get(key).is_some(), "{key}");
        }
        assert_eq!(v["runs"][0]["requests"][1]["error"], "http-503");
        assert_eq!(v["runs"][0]["requests"][0]["lane"]["kind"], "event-loop");
        assert_eq!(serde_json::from_str::<IoReport>(&report.to_json()).unwrap(), report);
        assert_eq!(report.to_csv().lines().count(), 3);
        assert_eq!(v["runs"][0]["engine"], "rust");
        assert!(v.get("reference").is_none(), "the download checks no answers against a reference mode");
        assert!(report.to_csv().lines().nth(1).is_some_and(|l| l.starts_with("io,serial,rust,")));
        // Reports saved before the engine field existed still load, as Rust runs.
        let mut old = v.clone();
        old["runs"][0].as_object_mut().unwrap().remove("engine");
        assert_eq!(serde_json::from_value::<IoReport>(old).unwrap(), report);
    }

    /// Python modes: engine python, speedup over py-serial, never over Rust's serial.
    #[test]
    fn python_modes_against_python_serial() {
        let runs = io_entries(&[
            outcome(IoMode::Serial, 1000.0, vec![record(0, true, 10)]),
            outcome(IoMode::PySerial, 1200.0, vec![record(0, true, 10)]),
            outcome(IoMode::PyGather, 300.0, vec![record(0, true, 10)]),
            outcome(IoMode::Unbounded, 250.0, vec![record(0, true, 10)]),
        ]);
        let sp: Vec<Option<f64>> = runs.iter().map(|e| e.speedup).collect();
        assert_eq!(sp, vec![Some(1.0), Some(1.0), Some(4.0), Some(4.0)]);
        assert_eq!(runs[2].engine, Engine::Python);
        let alone = io_entries(&[outcome(IoMode::PyGather, 300.0, vec![])]);
        assert_eq!(alone[0].speedup, None, "no py-serial, no speedup");
    }

    /// Rounds of an I/O mode: the median is the wall time, every sample is exported.
    #[test]
    fn io_rounds_merge() {
        let rounds: Vec<IoOutcome> =
            [300.0, 250.0, 260.0].iter().map(|&t| outcome(IoMode::Bounded, t, vec![record(0, true, 10)])).collect();
        let mut rounds = rounds;
        rounds[2].requests[0].index = 7; // marks the last round's requests
        let merged = merge_io_rounds(&rounds).unwrap();
        assert_eq!((merged.wall_ms, merged.samples_ms.clone()), (260.0, vec![300.0, 250.0, 260.0]));
        assert_eq!(merged.requests[0].index, 7, "the requests are the last round's, as the grid is");
        let e = io_entries(&[merged]);
        assert_eq!((e[0].min_ms, e[0].max_ms, e[0].samples_ms.len()), (Some(250.0), Some(300.0), 3));
        let mut cancelled = outcome(IoMode::Bounded, 40.0, vec![]);
        cancelled.status = Status::Cancelled;
        let m = merge_io_rounds(&[rounds[0].clone(), cancelled]).unwrap();
        assert_eq!((m.status, m.samples_ms), (Status::Cancelled, vec![300.0]));
    }
}

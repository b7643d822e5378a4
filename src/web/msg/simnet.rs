//! The simulated network's three channels: page ↔ simnet worker (open and close runs), service
//! worker ↔ simnet worker (a request arrived; it is done), page ↔ service worker (take control;
//! here is the port to the simnet worker).

use super::{field, kind, no_transfer, num, object, text, uint, Decode, Encode, Kind, Reply};
use crate::core::net::NetParams;
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;
use web_sys::MessagePort;

/// Page → simnet worker.
pub enum ToSimnet {
    /// The port on which the service worker forwards requests (transferred).
    Connect(MessagePort),
    /// Open run `run`: a fresh simulator with `params`, serving images of these sizes.
    Start { run: u32, params: NetParams, sizes: Vec<(String, u64)> },
    /// Close run `run`.
    Stop { run: u32 },
}

impl Encode for ToSimnet {
    fn encode(&self) -> (JsValue, Array) {
        match self {
            ToSimnet::Connect(port) => (object(Kind::Connect, &[("port", port.into())]), Array::of1(port)),
            ToSimnet::Start { run, params: p, sizes } => {
                let table = Object::new();
                for (name, bytes) in sizes {
                    Reflect::set(&table, &name.into(), &(*bytes as f64).into())
                        .expect("setting a field on a fresh object cannot fail");
                }
                let msg = object(
                    Kind::Start,
                    &[
                        ("run", (*run).into()),
                        ("latency", p.latency_ms.into()),
                        ("jitter", p.jitter_ms.into()),
                        ("bandwidth", p.bandwidth_kbs.into()),
                        ("conn", p.conn_cap.into()),
                        ("fail", p.fail_rate.into()),
                        ("seed", (p.seed as f64).into()),
                        ("sizes", table.into()),
                    ],
                );
                (msg, no_transfer())
            }
            ToSimnet::Stop { run } => (object(Kind::Stop, &[("run", (*run).into())]), no_transfer()),
        }
    }
}

impl Decode for ToSimnet {
    fn decode(v: &JsValue) -> Option<Self> {
        match kind(v)? {
            Kind::Connect => Some(ToSimnet::Connect(field(v, "port").dyn_into().ok()?)),
            Kind::Start => {
                let table = field(v, "sizes");
                let sizes = Object::keys(table.dyn_ref::<Object>()?)
                    .iter()
                    .map(|k| {
                        let name = k.as_string()?;
                        Some((name.clone(), num(&table, &name)? as u64))
                    })
                    .collect::<Option<_>>()?;
                let params = NetParams {
                    latency_ms: num(v, "latency")?,
                    jitter_ms: num(v, "jitter")?,
                    bandwidth_kbs: num(v, "bandwidth")?,
                    conn_cap: uint(v, "conn")?,
                    fail_rate: num(v, "fail")?,
                    seed: num(v, "seed")? as u64,
                };
                Some(ToSimnet::Start { run: uint(v, "run")?, params, sizes })
            }
            Kind::Stop => Some(ToSimnet::Stop { run: uint(v, "run")? }),
            _ => None,
        }
    }
}

/// Simnet worker → page.
#[derive(Clone, Debug, PartialEq)]
pub enum FromSimnet {
    /// Run `run` is open.
    Started { run: u32 },
    /// Run `run` was refused: its parameters are not a network.
    Refused { run: u32, error: String },
}

impl Encode for FromSimnet {
    fn encode(&self) -> (JsValue, Array) {
        let msg = match self {
            FromSimnet::Started { run } => object(Kind::Started, &[("run", (*run).into())]),
            FromSimnet::Refused { run, error } => {
                object(Kind::Refused, &[("run", (*run).into()), ("error", error.into())])
            }
        };
        (msg, no_transfer())
    }
}

impl Decode for FromSimnet {
    fn decode(v: &JsValue) -> Option<Self> {
        let run = uint(v, "run")?;
        match kind(v)? {
            Kind::Started => Some(FromSimnet::Started { run }),
            Kind::Refused => Some(FromSimnet::Refused { run, error: text(v, "error")? }),
            _ => None,
        }
    }
}

impl Reply for FromSimnet {
    fn run(&self) -> u32 {
        match self {
            FromSimnet::Started { run } | FromSimnet::Refused { run, .. } => *run,
        }
    }
}

/// Service worker → simnet worker (encoded by `www/sw.js`).
#[derive(Clone, Debug, PartialEq)]
pub enum FromSw {
    /// Request `id` for image `name`, the `j`-th of run `run`, arrived at epoch ms `t`.
    Arrive { id: u32, run: u32, j: u32, name: String, t: f64 },
}

impl Encode for FromSw {
    fn encode(&self) -> (JsValue, Array) {
        let FromSw::Arrive { id, run, j, name, t } = self;
        let fields = [
            ("id", (*id).into()),
            ("run", (*run).into()),
            ("j", (*j).into()),
            ("name", name.into()),
            ("t", (*t).into()),
        ];
        (object(Kind::Arrive, &fields), no_transfer())
    }
}

impl Decode for FromSw {
    fn decode(v: &JsValue) -> Option<Self> {
        (kind(v)? == Kind::Arrive).then_some(())?;
        Some(FromSw::Arrive {
            id: uint(v, "id")?,
            run: uint(v, "run")?,
            j: uint(v, "j")?,
            name: text(v, "name")?,
            t: num(v, "t")?,
        })
    }
}

/// Simnet worker → service worker.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ToSw {
    /// Request `id` (of run `run`) is to be answered with `status` at epoch ms `at` (sent as soon
    /// as it is known, and again when a later arrival moves it).
    Due { id: u32, run: u32, status: u16, at: f64 },
    /// Request `id` (of run `run`) is to be answered now with `status` (502: unknown run or image).
    Done { id: u32, run: u32, status: u16 },
}

impl Encode for ToSw {
    fn encode(&self) -> (JsValue, Array) {
        let msg = match *self {
            ToSw::Due { id, run, status, at } => object(
                Kind::Due,
                &[("id", id.into()), ("run", run.into()), ("status", status.into()), ("at", at.into())],
            ),
            ToSw::Done { id, run, status } => {
                object(Kind::Done, &[("id", id.into()), ("run", run.into()), ("status", status.into())])
            }
        };
        (msg, no_transfer())
    }
}

/// Page → service worker.
pub enum PageToSw {
    /// Take control of this page (it loaded while the worker was installing).
    Claim,
    /// The port to the simnet worker, and one to acknowledge on with `simnet-ready`.
    SimnetPort { port: MessagePort, ack: MessagePort },
}

impl Encode for PageToSw {
    fn encode(&self) -> (JsValue, Array) {
        match self {
            PageToSw::Claim => (object(Kind::Claim, &[]), no_transfer()),
            PageToSw::SimnetPort { port, ack } => (object(Kind::SimnetPort, &[]), Array::of2(port, ack)),
        }
    }
}

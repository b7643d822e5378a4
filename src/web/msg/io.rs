//! Page ↔ download worker: downloads out (`get` one at a time in order, or `get-blocking` as a
//! batch of blocking async tasks), each answered by `got` with the download's record and body
//! (transferred).

use super::{field, kind, no_transfer, num, object, text, uint, Decode, Encode, Kind, Reply};
use crate::web::fetch::Downloaded;
use js_sys::{Array, ArrayBuffer};
use wasm_bindgen::prelude::*;

/// One download to make.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// The request's position in the run.
    pub index: u32,
    /// Absolute URL.
    pub url: String,
    /// On another origin (CORS applies).
    pub foreign: bool,
}

impl Item {
    fn to_js(&self) -> JsValue {
        let o = js_sys::Object::new();
        for (k, v) in
            [("index", self.index.into()), ("url", self.url.as_str().into()), ("foreign", self.foreign.into())]
        {
            js_sys::Reflect::set(&o, &k.into(), &v).expect("setting a field on a fresh object cannot fail");
        }
        o.into()
    }

    fn from_js(v: &JsValue) -> Option<Item> {
        Some(Item { index: uint(v, "index")?, url: text(v, "url")?, foreign: field(v, "foreign").as_bool()? })
    }
}

/// Page → download worker.
#[derive(Clone, Debug, PartialEq)]
pub enum ToIo {
    /// Queue one download (a worker downloads its queue one at a time, in order).
    Get { run: u32, item: Item },
    /// Run these downloads as async tasks whose download is a blocking call.
    GetBlocking { run: u32, items: Vec<Item> },
}

impl Encode for ToIo {
    fn encode(&self) -> (JsValue, Array) {
        let msg = match self {
            ToIo::Get { run, item } => object(Kind::Get, &[("run", (*run).into()), ("item", item.to_js())]),
            ToIo::GetBlocking { run, items } => {
                let list: Array = items.iter().map(Item::to_js).collect();
                object(Kind::GetBlocking, &[("run", (*run).into()), ("items", list.into())])
            }
        };
        (msg, no_transfer())
    }
}

impl Decode for ToIo {
    fn decode(v: &JsValue) -> Option<Self> {
        let run = uint(v, "run")?;
        match kind(v)? {
            Kind::Get => Some(ToIo::Get { run, item: Item::from_js(&field(v, "item"))? }),
            Kind::GetBlocking => {
                let items = Array::from(&field(v, "items")).iter().map(|i| Item::from_js(&i)).collect::<Option<_>>()?;
                Some(ToIo::GetBlocking { run, items })
            }
            _ => None,
        }
    }
}

/// Download worker → page.
pub enum FromIo {
    /// Request `index` of run `run` finished.
    Got { run: u32, index: u32, download: Downloaded },
}

impl Encode for FromIo {
    fn encode(&self) -> (JsValue, Array) {
        let FromIo::Got { run, index, download: d } = self;
        let transfer = Array::new();
        if let Some(b) = &d.buffer {
            transfer.push(b);
        }
        let msg = object(
            Kind::Got,
            &[
                ("run", (*run).into()),
                ("index", (*index).into()),
                ("status", d.status.into()),
                ("buffer", d.buffer.clone().map(JsValue::from).unwrap_or(JsValue::NULL)),
                ("error", d.error.map(|e| JsValue::from(e.to_string())).unwrap_or(JsValue::NULL)),
                ("start", d.start.into()),
                ("end", d.end.into()),
            ],
        );
        (msg, transfer)
    }
}

impl Decode for FromIo {
    fn decode(v: &JsValue) -> Option<Self> {
        (kind(v)? == Kind::Got).then_some(())?;
        let error = text(v, "error").and_then(|s| serde_json::from_value(s.into()).ok());
        let buffer = field(v, "buffer").dyn_into::<ArrayBuffer>().ok();
        let status = u16::try_from(uint(v, "status")?).ok()?;
        let download = Downloaded { status, buffer, error, start: num(v, "start")?, end: num(v, "end")? };
        Some(FromIo::Got { run: uint(v, "run")?, index: uint(v, "index")?, download })
    }
}

impl Reply for FromIo {
    fn run(&self) -> u32 {
        let FromIo::Got { run, .. } = self;
        *run
    }
}

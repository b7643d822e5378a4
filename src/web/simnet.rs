//! The simulated network, live. The service worker (`www/sw.js`) forwards every `/simnet/`
//! request to a dedicated worker running [`NetSim`]; the worker tells it at once when the model
//! will have the request done ([`NetSim::projected`]), and again whenever a later arrival moves
//! that time, and the service worker answers on its own timer. (Answering on a message sent at
//! the finish put two thread hops on every response's critical path: `unbounded` measured
//! 1.35–1.57× its 100 ms ideal that way.) The page starts that worker, connects the two with a `MessageChannel`, and
//! opens a "run" (a fresh simulator with the panel's parameters) for each mode it times.

use super::clock::epoch_now;
use super::msg::simnet::{FromSimnet, FromSw, PageToSw, ToSimnet, ToSw};
use super::msg::Reply;
use super::msg::{Decode, Encode};
use super::workers::{boot, js_error_text, Booted, Role};
use crate::core::net::{NetParams, NetSim};
use futures::StreamExt;
use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::prelude::*;
use web_sys::{MessageChannel, MessageEvent, MessagePort};

// ---------------------------------------------------------------------------------------------
// In the simnet worker
// ---------------------------------------------------------------------------------------------

/// One simulator, for one mode's run. Times are ms from the run's start.
struct Run {
    sim: NetSim,
    origin: f64,
    sizes: HashMap<String, u64>,
    /// The answer time (epoch ms) last sent for each request in flight.
    due: HashMap<u64, f64>,
}

struct Server {
    runs: HashMap<u32, Run>,
    port: Option<MessagePort>,
    /// The service worker's clock minus ours, as small as seen: the least of (our time on
    /// receipt − its stamp) over every arrival. The two can run apart by tens of ms (another
    /// process); answer times are sent in its clock, so it never answers before the model says.
    skew: f64,
}

impl Default for Server {
    fn default() -> Self {
        Server { runs: HashMap::new(), port: None, skew: f64::INFINITY }
    }
}

thread_local! {
    static SERVER: RefCell<Server> = RefCell::new(Server::default());
    static ON_ARRIVAL: Closure<dyn FnMut(MessageEvent)> = Closure::new(|e: MessageEvent| arrive(&e.data()));
}

/// Handles a message from the page (worker side).
pub(crate) fn on_page_message(e: &MessageEvent) {
    match ToSimnet::decode(&e.data()) {
        Some(ToSimnet::Connect(port)) => {
            ON_ARRIVAL.with(|f| port.set_onmessage(Some(f.as_ref().unchecked_ref())));
            SERVER.with(|s| s.borrow_mut().port = Some(port));
        }
        Some(ToSimnet::Start { run, params, sizes }) => {
            let reply = match NetSim::try_new(params) {
                Ok(sim) => {
                    SERVER.with(|s| {
                        s.borrow_mut().runs.insert(
                            run,
                            Run { sim, origin: epoch_now(), sizes: sizes.into_iter().collect(), due: HashMap::new() },
                        )
                    });
                    FromSimnet::Started { run }
                }
                Err(err) => FromSimnet::Refused { run, error: err.to_string() },
            };
            super::worker_scope::post(&reply);
        }
        Some(ToSimnet::Stop { run }) => {
            SERVER.with(|s| s.borrow_mut().runs.remove(&run));
        }
        None => {}
    }
}

/// A request reached the service worker: it joins the model, and every request whose answer
/// time is new or moved is told its time (`due`, epoch ms).
fn arrive(m: &JsValue) {
    let Some(FromSw::Arrive { id, run, j: key, name, t: sent }) = FromSw::decode(m) else { return };
    let received = epoch_now();
    let due: Option<Vec<(u64, u16, f64)>> = SERVER.with(|s| {
        let mut s = s.borrow_mut();
        s.skew = s.skew.min(received - sent);
        let skew = s.skew;
        let r = s.runs.get_mut(&run)?;
        let bytes = *r.sizes.get(&name)?;
        // In our clock: the model never mixes the two. The arrival is the service worker's stamp
        // moved onto our clock (not the moment its message reached us, which adds the hop's
        // delay to every request: ~30 ms each on a loaded machine).
        let t = (sent + skew).min(received) - r.origin;
        for done in r.sim.advance(t) {
            r.due.remove(&done.req_id);
        }
        r.sim.submit(t, u64::from(id), key, 0, bytes);
        let mut moved = Vec::new();
        for c in r.sim.projected() {
            let at = r.origin + c.finish_ms - skew;
            if r.due.insert(c.req_id, at) != Some(at) {
                moved.push((c.req_id, c.status, at));
            }
        }
        Some(moved)
    });
    match due {
        // Request ids are the service worker's u32 counter.
        Some(list) => {
            for (id, status, at) in list {
                post_to_sw(&ToSw::Due { id: id as u32, run, status, at });
            }
        }
        None => post_to_sw(&ToSw::Done { id, run, status: 502 }),
    }
}

fn post_to_sw(msg: &ToSw) {
    SERVER.with(|s| {
        if let Some(port) = &s.borrow().port {
            let _ = port.post_message(&msg.encode().0);
        }
    });
}

// ---------------------------------------------------------------------------------------------
// On the page
// ---------------------------------------------------------------------------------------------

thread_local! {
    static LINK: RefCell<Option<Booted>> = const { RefCell::new(None) };
    static NEXT_RUN: std::cell::Cell<u32> = const { std::cell::Cell::new(1) };
}

/// The simnet worker's answer to run `run`; answers to other (earlier, abandoned) runs are
/// dropped.
async fn next_reply(run: u32) -> Result<FromSimnet, String> {
    let mut inbox = LINK.with(|l| {
        l.borrow_mut().as_mut().map(|b| std::mem::replace(&mut b.inbox, futures::channel::mpsc::unbounded().1))
    });
    let Some(rx) = inbox.as_mut() else { return Err("the simulated network is not running".into()) };
    let reply = loop {
        let Some(m) = rx.next().await else { break Err("the simulated network stopped".to_string()) };
        match FromSimnet::decode(&m) {
            Some(r) if r.run() == run => break Ok(r),
            Some(_) => continue,
            None => break Err(format!("the simulated network said {m:?}")),
        }
    };
    LINK.with(|l| {
        if let (Some(b), Some(rx)) = (l.borrow_mut().as_mut(), inbox) {
            b.inbox = rx;
        }
    });
    reply
}

/// Makes the simulated network ready: the service worker controls the page, the simnet worker
/// runs, and the two are connected (again, in case the browser restarted the service worker).
///
/// # Errors
/// Service workers are unavailable, or a worker failed to start.
pub async fn connect() -> Result<(), String> {
    let controller = super::sw::controller().await?;
    if LINK.with(|l| l.borrow().is_none()) {
        let booted = boot("simulated network".into(), Role::Simnet).await?;
        LINK.with(|l| *l.borrow_mut() = Some(booted));
    }
    let channel = MessageChannel::new().map_err(|e| js_error_text(&e))?;
    let ack = MessageChannel::new().map_err(|e| js_error_text(&e))?;
    LINK.with(|l| {
        let l = l.borrow();
        let worker = &l.as_ref().expect("booted above").worker();
        let (msg, transfer) = ToSimnet::Connect(channel.port1()).encode();
        worker.post_message_with_transfer(&msg, &transfer)
    })
    .map_err(|e| js_error_text(&e))?;
    let ready = js_sys::Promise::new(&mut |resolve, _| ack.port2().set_onmessage(Some(&resolve)));
    let (msg, transfer) = PageToSw::SimnetPort { port: channel.port2(), ack: ack.port1() }.encode();
    controller.post_message_with_transferable(&msg, &transfer).map_err(|e| js_error_text(&e))?;
    let acked = futures::future::select(
        Box::pin(wasm_bindgen_futures::JsFuture::from(ready)),
        Box::pin(super::clock::sleep(5000)),
    )
    .await;
    match acked {
        futures::future::Either::Left(_) => Ok(()),
        futures::future::Either::Right(_) => Err("the service worker did not answer".into()),
    }
}

/// Opens a run: a fresh simulator with `params`, serving images of these sizes. Returns its id,
/// used in the request paths (`simnet/<run>/<j>/<name>`).
///
/// # Errors
/// The simulated network is not connected, or rejected the parameters.
pub async fn start_run(params: &NetParams, sizes: &[(String, u64)]) -> Result<u32, String> {
    let run = NEXT_RUN.with(|n| n.replace(n.get() + 1));
    let (msg, _) = ToSimnet::Start { run, params: params.clone(), sizes: sizes.to_vec() }.encode();
    LINK.with(|l| l.borrow().as_ref().map(|b| b.worker().post_message(&msg)))
        .ok_or("the simulated network is not running")?
        .map_err(|e| js_error_text(&e))?;
    match next_reply(run).await? {
        FromSimnet::Started { .. } => Ok(run),
        FromSimnet::Refused { error, .. } => Err(error),
    }
}

/// Closes a run (its simulator is dropped).
pub fn stop_run(run: u32) {
    LINK.with(|l| {
        if let Some(b) = l.borrow().as_ref() {
            let _ = b.worker().post_message(&ToSimnet::Stop { run }.encode().0);
        }
    });
}

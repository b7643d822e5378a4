//! Producers and consumers over a bounded `futures::channel::mpsc` channel, on real timers.
//!
//! futures' bounded channel holds `buffer + number of senders` items (every `Sender` is promised
//! one slot of its own). So that "capacity" means exactly what Python's `Queue(maxsize)` means,
//! the producers share ONE sender behind an async mutex, and the channel is made with
//! `buffer = capacity - 1`: it then never holds more than `capacity` items. Waiting for that
//! mutex, or for the sender to have room, is a producer blocked on a full queue — which is what
//! Python's `put` does inside (a lock and a "not full" condition). Consumers share the receiver
//! the same way; the channel closes when the last producer drops its handle on the sender.

use super::{use_job, NumberField, RunState};
use crate::core::demos::params::{DemoValues, Param, PRODUCER_CONSUMER};
use crate::core::demos::queue::{Item, QueueEvent, QueueStats};
use crate::core::lang::Lang;
use crate::i18n::demos::{trd, Td};
use crate::web::clock::{now, sleep};
use futures::channel::mpsc;
use futures::future::{join, join_all};
use futures::lock::Mutex;
use futures::{SinkExt, StreamExt};
use std::cell::Cell;
use std::rc::Rc;
use yew::prelude::*;

/// One run's settings.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Settings {
    producers: u32,
    consumers: u32,
    capacity: u32,
    items: u32,
    make_ms: u32,
    use_ms: u32,
}

/// The fields' labels, in the order of [`PRODUCER_CONSUMER`] (their keys, ranges and defaults;
/// that order is pinned by a test in `core::demos::params`, as `settings` reads by position).
const LABELS: [Td; 6] = [Td::PcProducers, Td::PcConsumers, Td::PcCapacity, Td::PcItems, Td::PcMakeMs, Td::PcUseMs];

fn bounds(p: &Param) -> (u32, u32) {
    p.range().expect("the producer/consumer fields are numbers (checked in core::demos::params)")
}

fn settings(texts: &[String; 6]) -> Option<Settings> {
    let v: Vec<u32> = PRODUCER_CONSUMER.iter().zip(texts).map(|(f, t)| f.number(t)).collect::<Option<_>>()?;
    Some(Settings { producers: v[0], consumers: v[1], capacity: v[2], items: v[3], make_ms: v[4], use_ms: v[5] })
}

/// What the demo shows.
#[derive(Clone, PartialEq, Default)]
struct Pc {
    run: RunState,
    settings: Option<Settings>,
    stats: QueueStats,
    /// ms since the run started, at the last event.
    elapsed: f64,
}

enum PcAction {
    Start(Settings),
    Queue(QueueEvent),
    Finished(f64),
    Stopped,
}

impl Reducible for Pc {
    type Action = PcAction;
    fn reduce(self: Rc<Self>, action: PcAction) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            PcAction::Start(set) => {
                s = Pc { run: RunState::Running, settings: Some(set), stats: QueueStats::new(), elapsed: 0.0 }
            }
            PcAction::Queue(e) => {
                s.elapsed = match e {
                    QueueEvent::Put { at, .. } | QueueEvent::Got { at, .. } => at,
                };
                s.stats.apply(e);
            }
            PcAction::Finished(at) => (s.run, s.elapsed) = (RunState::Done, at),
            PcAction::Stopped if s.run == RunState::Running => s.run = RunState::Stopped,
            PcAction::Stopped => return self,
        }
        Rc::new(s)
    }
}

/// The run: producers make items on a timer and put them in; consumers take and use them.
async fn run(s: Settings, d: UseReducerDispatcher<Pc>) {
    let t0 = now();
    let (tx, rx) = mpsc::channel::<Item>(s.capacity as usize - 1);
    let (tx, rx) = (Rc::new(Mutex::new(tx)), Rc::new(Mutex::new(rx)));
    let next = Rc::new(Cell::new(0));
    let producers: Vec<_> = (0..s.producers as u8)
        .map(|producer| {
            let (tx, next, d) = (tx.clone(), next.clone(), d.clone());
            async move {
                let mut seq = 0;
                while next.get() < s.items {
                    next.set(next.get() + 1);
                    sleep(s.make_ms).await;
                    let ready = now();
                    let item = Item { producer, seq };
                    // `feed` waits until the channel has room, then puts the item in.
                    if tx.lock().await.feed(item).await.is_err() {
                        return;
                    }
                    let at = now();
                    d.dispatch(PcAction::Queue(QueueEvent::Put { at: at - t0, item, waited: at - ready }));
                    seq += 1;
                }
            }
        })
        .collect();
    drop(tx); // only the producers hold the sender now: the channel closes when they are done
    let consumers = (0..s.consumers as u8).map(|consumer| {
        let (rx, d) = (rx.clone(), d.clone());
        async move {
            loop {
                // Its own statement, so the receiver's guard is dropped before the item is used:
                // in `while let Some(item) = rx.lock().await.next().await { … }` the guard would
                // live through the body, and one consumer at a time would do all the work.
                let got = rx.lock().await.next().await;
                // `None`: the channel is closed and empty, so this consumer is done.
                let Some(item) = got else { break };
                d.dispatch(PcAction::Queue(QueueEvent::Got { at: now() - t0, consumer, item }));
                sleep(s.use_ms).await;
            }
        }
    });
    join(join_all(producers), join_all(consumers)).await;
    d.dispatch(PcAction::Finished(now() - t0));
}

/// Props of [`ProducerConsumer`].
#[derive(Properties, PartialEq)]
pub struct ProducerConsumerProps {
    /// Page language.
    pub lang: Lang,
    /// The fields' starting texts from a link.
    #[prop_or_default]
    pub values: DemoValues,
}

/// The demo.
#[function_component(ProducerConsumer)]
pub fn producer_consumer(p: &ProducerConsumerProps) -> Html {
    let l = p.lang;
    let texts = use_state(|| -> [String; 6] {
        p.values.texts(&PRODUCER_CONSUMER).try_into().expect("one text per producer/consumer field")
    });
    let state = use_reducer(Pc::default);
    let job = use_job();
    let running = state.run == RunState::Running;
    let parsed = settings(&texts);
    let on_run = {
        let (d, job) = (state.dispatcher(), job.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(s) = parsed {
                d.dispatch(PcAction::Start(s));
                job.start(run(s, d.clone()));
            }
        })
    };
    let on_stop = {
        let d = state.dispatcher();
        Callback::from(move |_| {
            job.stop();
            d.dispatch(PcAction::Stopped);
        })
    };
    let field = |i: usize| {
        let (key, label, (min, max)) = (PRODUCER_CONSUMER[i].key, LABELS[i], bounds(&PRODUCER_CONSUMER[i]));
        let texts2 = texts.clone();
        let on_input = Callback::from(move |v: String| {
            let mut t = (*texts2).clone();
            t[i] = v;
            texts2.set(t);
        });
        html! { <NumberField id={format!("pc-{key}")} label={trd(l, label)} value={texts[i].clone()} {min} {max} lang={l}
        disabled={running} {on_input} /> }
    };
    let st = &state.stats;
    let (cap, items) = state.settings.map_or((0, 0), |s| (s.capacity, s.items));
    let status = match state.run {
        RunState::Idle => String::new(),
        RunState::Running => trd(l, Td::Running).to_string(),
        RunState::Done => format!("{} {:.0} ms", trd(l, Td::PcDoneIn), state.elapsed),
        RunState::Stopped => trd(l, Td::StoppedDropped).to_string(),
    };
    let chip = |(consumer, item): &(u8, Item)| {
        html! {
            <li data-producer={item.producer.to_string()} data-seq={item.seq.to_string()} data-consumer={consumer.to_string()}
                class={format!("p{}", item.producer % 8)} title={format!("→ C{}", consumer + 1)}>
                { format!("P{}·{}", item.producer + 1, item.seq + 1) }</li>
        }
    };
    html! {
        <div class="demo-body" data-state={state.run.id()}>
            <form class="demo-controls" onsubmit={on_run}>
                <div class="demo-fields">{ for (0..PRODUCER_CONSUMER.len()).map(field) }</div>
                <div class="actions">
                    <button type="submit" id="pc-run" disabled={running || parsed.is_none()}>{ trd(l, Td::Run) }</button>
                    <button type="button" id="pc-stop" class="secondary" disabled={!running} onclick={on_stop}>{ trd(l, Td::Stop) }</button>
                </div>
            </form>
            <p class="demo-status" role="status" aria-live="polite">{ status }</p>
            if state.settings.is_some() {
                <div id="pc-result" class="demo-result" data-produced={st.produced.to_string()} data-consumed={st.consumed.to_string()}
                    data-max-depth={st.max_depth.to_string()} data-capacity={cap.to_string()} data-items={items.to_string()}
                    data-fifo={st.fifo_per_producer().to_string()}>
                    <ul class="demo-stats">
                        <li>{ trd(l, Td::PcProduced) }<b>{ format!("{} / {items}", st.produced) }</b></li>
                        <li>{ trd(l, Td::PcConsumed) }<b>{ format!("{} / {items}", st.consumed) }</b></li>
                        <li>{ trd(l, Td::PcDepth) }<b>{ format!("{} / {cap}", st.depth) }</b></li>
                        <li>{ trd(l, Td::PcMaxDepth) }<b>{ st.max_depth }</b></li>
                        <li>{ trd(l, Td::PcWaited) }<b>{ format!("{:.0} ms", st.put_wait_ms) }</b></li>
                    </ul>
                    <svg class="demo-chart" viewBox="0 0 300 60" preserveAspectRatio="none" role="img"
                        aria-label={format!("{} 0 … {cap}, 0 … {:.0} ms", trd(l, Td::PcDepthChart), state.elapsed)}>
                        <line class="cap" x1="0" y1="1" x2="300" y2="1" vector-effect="non-scaling-stroke" />
                        <polyline points={st.depth_points(300.0, 59.0, state.elapsed, cap)} vector-effect="non-scaling-stroke" />
                    </svg>
                    <p class="demo-axis">{ format!("{} (0 … {cap}) · 0 … {:.0} ms", trd(l, Td::PcDepthChart), state.elapsed) }</p>
                    <p class="demo-label">{ trd(l, Td::PcTakenOrder) }
                        if st.consumed > 0 && st.fifo_per_producer() { <span class="ok">{ trd(l, Td::PcFifoOk) }</span> }</p>
                    <ol class="chips" id="pc-taken">{ for st.taken.iter().map(chip) }</ol>
                </div>
            }
        </div>
    }
}

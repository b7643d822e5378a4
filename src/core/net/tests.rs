//! The network model's tests: closed forms where they exist, invariants elsewhere.

use super::*;

fn approx(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

#[track_caller]
fn assert_approx(a: f64, b: f64) {
    assert!(approx(a, b), "{a} != {b}");
}

/// Deterministic, no jitter, no failures, no queueing.
fn plain(latency_ms: f64, bandwidth_kbs: f64) -> NetParams {
    NetParams { latency_ms, jitter_ms: 0.0, bandwidth_kbs, conn_cap: 1_000_000, fail_rate: 0.0, seed: 7 }
}

const ALL_CLIENTS: [Client; 9] = [
    Client::Serial,
    Client::Unbounded,
    Client::Bounded { k: 1 },
    Client::Bounded { k: 4 },
    Client::Queue { k: 3 },
    Client::Queue { k: 50 },
    Client::StaticShares { k: 1 },
    Client::StaticShares { k: 4 },
    Client::StaticShares { k: 50 },
];

/// Uneven sizes, reproducible.
fn mixed_sizes(n: usize) -> Vec<u64> {
    let mut rng = SplitMix64(99);
    (0..n).map(|_| 1_000 + rng.next_u64() % 150_000).collect()
}

fn statuses(p: &Prediction) -> Vec<u16> {
    p.finishes.iter().map(|f| f.2).collect()
}

#[test]
fn defaults_are_the_documented_ones() {
    let p = NetParams::default();
    assert_eq!(
        p,
        NetParams { latency_ms: 100.0, jitter_ms: 20.0, bandwidth_kbs: 2000.0, conn_cap: 6, fail_rate: 0.0, seed: 1 }
    );
    assert_eq!(p.validate(), Ok(()));
    assert_eq!(p.bytes_per_ms(), 2000.0);
    assert_eq!(plain(1.0, 0.0).bytes_per_ms(), f64::INFINITY);
}

#[test]
fn invalid_parameters_are_rejected() {
    let d = NetParams::default;
    let cases = [
        (NetParams { latency_ms: -1.0, ..d() }, ParamError::Latency),
        (NetParams { latency_ms: f64::NAN, ..d() }, ParamError::Latency),
        (NetParams { jitter_ms: f64::INFINITY, ..d() }, ParamError::Jitter),
        (NetParams { bandwidth_kbs: -5.0, ..d() }, ParamError::Bandwidth),
        (NetParams { conn_cap: 0, ..d() }, ParamError::ConnCap),
        (NetParams { fail_rate: 1.5, ..d() }, ParamError::FailRate),
        (NetParams { fail_rate: f64::NAN, ..d() }, ParamError::FailRate),
    ];
    for (p, e) in cases {
        assert_eq!(p.validate(), Err(e));
        assert_eq!(NetSim::try_new(p.clone()).err(), Some(e));
        assert_eq!(try_predict(&p, &[1], Client::Serial), Err(e));
    }
    for c in [Client::Bounded { k: 0 }, Client::Queue { k: 0 }, Client::StaticShares { k: 0 }] {
        assert_eq!(try_predict(&d(), &[1], c), Err(ParamError::ZeroClients));
    }
    assert!(!ParamError::ConnCap.to_string().is_empty());
}

#[test]
#[should_panic(expected = "invalid network parameters")]
fn new_panics_on_invalid_parameters() {
    NetSim::new(NetParams { conn_cap: 0, ..NetParams::default() });
}

#[test]
#[should_panic(expected = "NaN")]
fn nan_time_panics() {
    NetSim::new(NetParams::default()).submit(f64::NAN, 0, 0, 0, 1);
}

#[test]
fn splitmix64_matches_reference_outputs() {
    // Reference values of SplitMix64 seeded with 0 (e.g. Vigna's splitmix64.c).
    let mut rng = SplitMix64(0);
    assert_eq!(rng.next_u64(), 0xE220_A839_7B1D_CDAF);
    assert_eq!(rng.next_u64(), 0x6E78_9E6A_A1B9_65F4);
    assert_eq!(rng.next_u64(), 0x06C4_5D18_8009_454F);
}

#[test]
fn jitter_draws_are_in_bounds_reproducible_and_seed_dependent() {
    let p = NetParams::default();
    let (lo, hi) = (p.latency_ms - p.jitter_ms, p.latency_ms + p.jitter_ms);
    let mut sum = 0.0;
    for key in 0..2000 {
        let d = request_draw(&p, key, 0);
        assert!((lo..=hi).contains(&d.latency_ms), "{d:?}");
        assert_eq!(d, request_draw(&p, key, 0));
        sum += d.latency_ms;
    }
    let mean = sum / 2000.0;
    assert!((mean - p.latency_ms).abs() < 1.5, "mean {mean}");

    let other_seed = NetParams { seed: 2, ..p.clone() };
    let differ = (0..1000).filter(|&k| request_draw(&p, k, 0) != request_draw(&other_seed, k, 0)).count();
    assert!(differ > 990, "{differ}");
    let differ = (0..1000).filter(|&k| request_draw(&p, k, 0) != request_draw(&p, k, 1)).count();
    assert!(differ > 990, "retries draw anew: {differ}");
    // Keys and attempts do not alias (key << 32 | attempt is injective).
    assert_ne!(request_draw(&p, 1, 0), request_draw(&p, 0, 1));
}

#[test]
fn jitter_is_clamped_at_zero_and_absent_when_zero() {
    let p = NetParams { latency_ms: 5.0, jitter_ms: 20.0, ..NetParams::default() };
    let draws: Vec<f64> = (0..500).map(|k| request_draw(&p, k, 0).latency_ms).collect();
    assert!(draws.iter().all(|&l| (0.0..=25.0).contains(&l)));
    assert!(draws.contains(&0.0));
    let p = plain(42.0, 0.0);
    assert!((0..100).all(|k| request_draw(&p, k, 3).latency_ms == 42.0));
}

#[test]
fn failure_rate_extremes_and_monotonicity() {
    let with = |fail_rate| NetParams { fail_rate, ..NetParams::default() };
    assert!((0..1000).all(|k| !request_draw(&with(0.0), k, 0).fails));
    assert!((0..1000).all(|k| request_draw(&with(1.0), k, 0).fails));
    let fails = |r: f64| -> Vec<u32> { (0..1000).filter(|&k| request_draw(&with(r), k, 0).fails).collect() };
    let (f3, f5) = (fails(0.3), fails(0.5));
    assert!((240..=360).contains(&f3.len()), "{}", f3.len());
    assert!(f3.iter().all(|k| f5.contains(k)));
    // The failure does not depend on latency or jitter.
    let shifted = NetParams { latency_ms: 3.0, jitter_ms: 0.0, ..with(0.3) };
    assert!((0..1000).all(|k| request_draw(&shifted, k, 0).fails == f3.contains(&k)));
}

#[test]
fn failing_keys_match_request_draw_for_every_client() {
    let p = NetParams { fail_rate: 0.3, seed: 2024, ..NetParams::default() };
    let sizes = mixed_sizes(60);
    let expected: Vec<u16> =
        (0..60).map(|k| if request_draw(&p, k, 0).fails { STATUS_UNAVAILABLE } else { STATUS_OK }).collect();
    let n_fail = expected.iter().filter(|&&s| s == STATUS_UNAVAILABLE).count();
    assert!((5..=35).contains(&n_fail), "{n_fail}");
    for c in ALL_CLIENTS {
        assert_eq!(statuses(&predict(&p, &sizes, c)), expected, "{c:?}");
    }
    for (rate, status) in [(0.0, STATUS_OK), (1.0, STATUS_UNAVAILABLE)] {
        let p = NetParams { fail_rate: rate, ..p.clone() };
        let pred = predict(&p, &sizes, Client::Bounded { k: 4 });
        assert!(pred.finishes.iter().all(|f| f.2 == status));
    }
}

#[test]
fn unlimited_bandwidth_costs_only_latency() {
    let p = plain(100.0, 0.0);
    let sizes = vec![123_456; 10];
    assert_approx(predict(&p, &sizes, Client::Unbounded).total_ms, 100.0);
    assert_approx(predict(&p, &sizes, Client::Serial).total_ms, 1000.0);
    let serial = predict(&p, &sizes, Client::Serial);
    for (i, f) in serial.finishes.iter().enumerate() {
        assert_eq!(f.0, i as u32);
        assert_approx(f.1, 100.0 * (i + 1) as f64);
    }
}

#[test]
fn equal_transfers_share_bandwidth_and_finish_together() {
    // 20 × 40 000 B at 2000 kB/s = 800 000 B / 2000 B/ms = 400 ms.
    let p = plain(0.0, 2000.0);
    let pred = predict(&p, &[40_000; 20], Client::Unbounded);
    assert_approx(pred.total_ms, 400.0);
    assert!(pred.finishes.iter().all(|f| f.1 == pred.total_ms));
    // And completions at one instant come out in req_id order.
    let mut sim = NetSim::new(p);
    for id in [9, 3, 7, 1] {
        sim.submit(0.0, id, id as u32, 0, 1000);
    }
    let ids: Vec<u64> = sim.advance(f64::INFINITY).iter().map(|c| c.req_id).collect();
    assert_eq!(ids, [1, 3, 7, 9]);
}

#[test]
fn two_transfers_of_different_sizes() {
    // B = 1000 B/ms. Small: 2·small/B = 20 ms; large: (small + large)/B = 40 ms.
    let p = plain(0.0, 1000.0);
    let pred = predict(&p, &[30_000, 10_000], Client::Unbounded);
    assert_approx(pred.finishes[1].1, 2.0 * 10_000.0 / 1000.0);
    assert_approx(pred.finishes[0].1, (10_000.0 + 30_000.0) / 1000.0);
    assert_approx(pred.total_ms, 40.0);
}

#[test]
fn staggered_transfers_and_progress() {
    // 1 B/ms. A (100 B) alone for 50 ms, then A and B at 0.5 B/ms each: A done at 150,
    // B has 50 B then and finishes alone at 200.
    let mut sim = NetSim::new(plain(0.0, 1.0));
    sim.submit(0.0, 1, 0, 0, 100);
    assert!(sim.advance(50.0).is_empty());
    sim.submit(50.0, 2, 1, 0, 100);
    assert!(sim.advance(100.0).is_empty());
    assert_eq!(sim.transferring(), 2);
    let delivered = |sim: &NetSim, id| match sim.phase(id) {
        Some(Phase::Transfer { delivered_bytes, .. }) => delivered_bytes,
        other => panic!("{other:?}"),
    };
    assert_approx(delivered(&sim, 1), 75.0);
    assert_approx(delivered(&sim, 2), 25.0);
    assert_approx(sim.next_event_ms().unwrap(), 150.0);
    let done = sim.advance(1000.0);
    assert_eq!(done.len(), 2);
    assert_approx(done[0].finish_ms, 150.0);
    assert_approx(done[1].finish_ms, 200.0);
    assert_eq!((done[0].req_id, done[1].req_id), (1, 2));
    assert!(sim.is_idle());
    assert_eq!(sim.phase(1), None);
}

#[test]
fn work_conservation_with_awkward_sizes() {
    // Latency 0, all at once: the link is busy until everything is sent, so the total is
    // Σ bytes / B however the sharing goes; smaller transfers finish no later.
    let p = plain(0.0, 3.0);
    let sizes: Vec<u64> = (1..=60).map(|i| i * 7919 % 1013 + 1).collect();
    let pred = predict(&p, &sizes, Client::Unbounded);
    assert_approx(pred.total_ms, sizes.iter().sum::<u64>() as f64 / 3.0);
    for a in 0..sizes.len() {
        for b in 0..sizes.len() {
            if sizes[a] < sizes[b] {
                assert!(pred.finishes[a].1 <= pred.finishes[b].1);
            }
        }
    }
}

#[test]
fn serial_closed_form_with_bandwidth() {
    let p = plain(30.0, 500.0);
    let sizes = mixed_sizes(12);
    let expected: f64 = sizes.iter().map(|&s| 30.0 + s as f64 / 500.0).sum();
    assert_approx(predict(&p, &sizes, Client::Serial).total_ms, expected);
}

#[test]
fn connection_cap_serves_in_rounds() {
    let p = NetParams { conn_cap: 6, ..plain(100.0, 0.0) };
    let pred = predict(&p, &[50_000; 20], Client::Unbounded);
    assert_approx(pred.total_ms, (20f64 / 6.0).ceil() * 100.0);
    for f in &pred.finishes {
        assert_approx(f.1, 100.0 * (f.0 / 6 + 1) as f64);
    }
    // With a cap of 1 the server itself serialises: Unbounded = Serial.
    let p = NetParams { conn_cap: 1, ..NetParams::default() };
    let sizes = mixed_sizes(15);
    assert_eq!(predict(&p, &sizes, Client::Unbounded), predict(&p, &sizes, Client::Serial));
}

#[test]
fn queue_is_fifo_in_arrival_order() {
    let p = NetParams { conn_cap: 1, ..plain(10.0, 0.0) };
    let mut sim = NetSim::new(p);
    for (key, id) in [5u64, 3, 9].into_iter().enumerate() {
        sim.submit(0.0, id, key as u32, 0, 10);
    }
    assert_eq!((sim.in_flight(), sim.queued()), (1, 2));
    assert_eq!(sim.phase(3), Some(Phase::Queued { position: 0 }));
    assert_eq!(sim.phase(9), Some(Phase::Queued { position: 1 }));
    assert_eq!(sim.phase(5), Some(Phase::Latency { ends_ms: 10.0 }));
    let done = sim.advance(100.0);
    let got: Vec<(u64, f64, f64)> = done.iter().map(|c| (c.req_id, c.started_ms, c.finish_ms)).collect();
    assert_eq!(got, [(5, 0.0, 10.0), (3, 10.0, 20.0), (9, 20.0, 30.0)]);
    assert!(done.iter().all(|c| c.submitted_ms == 0.0));
}

#[test]
fn zero_byte_and_failed_requests() {
    let p = plain(25.0, 1000.0);
    let mut sim = NetSim::new(p.clone());
    sim.submit(0.0, 1, 0, 0, 0);
    let done = sim.advance(100.0);
    assert_eq!(done.len(), 1);
    assert_eq!((done[0].finish_ms, done[0].status, done[0].bytes), (25.0, 200, 0));

    // A failing request pays its latency, sends nothing and takes no bandwidth.
    let p = NetParams { latency_ms: 0.0, fail_rate: 0.5, ..p };
    let bad = (0..).find(|&k| request_draw(&p, k, 0).fails).unwrap();
    let good = (0..).find(|&k| !request_draw(&p, k, 0).fails).unwrap();
    let mut sizes = vec![0; bad.max(good) as usize + 1];
    sizes[bad as usize] = 10_000;
    sizes[good as usize] = 10_000;
    let keep = |k: u32| k == bad || k == good;
    let mut sim = NetSim::new(p);
    for k in (0..sizes.len() as u32).filter(|&k| keep(k)) {
        sim.submit(0.0, u64::from(k), k, 0, sizes[k as usize]);
    }
    let done = sim.advance(f64::INFINITY);
    let b = done.iter().find(|c| c.key == bad).unwrap();
    let g = done.iter().find(|c| c.key == good).unwrap();
    assert_eq!((b.status, b.bytes, b.finish_ms), (503, 0, 0.0));
    assert_eq!((g.status, g.bytes), (200, 10_000));
    assert_approx(g.finish_ms, 10.0);
}

#[test]
fn no_images() {
    for c in ALL_CLIENTS {
        let pred = predict(&NetParams::default(), &[], c);
        assert_eq!(pred.total_ms, 0.0);
        assert!(pred.finishes.is_empty());
    }
}

#[test]
fn equivalent_clients_agree() {
    let p = NetParams { fail_rate: 0.2, ..NetParams::default() };
    let sizes = mixed_sizes(37);
    let serial = predict(&p, &sizes, Client::Serial);
    assert_eq!(predict(&p, &sizes, Client::Bounded { k: 1 }), serial);
    assert_eq!(predict(&p, &sizes, Client::Queue { k: 1 }), serial);
    assert_eq!(predict(&p, &sizes, Client::StaticShares { k: 1 }), serial);
    for k in [2, 4, 6, 10] {
        assert_eq!(predict(&p, &sizes, Client::Queue { k }), predict(&p, &sizes, Client::Bounded { k }));
    }
    let unbounded = predict(&p, &sizes, Client::Unbounded);
    assert_eq!(predict(&p, &sizes, Client::Bounded { k: 37 }), unbounded);
    assert_eq!(predict(&p, &sizes, Client::Bounded { k: 1000 }), unbounded);
    assert_eq!(predict(&p, &sizes, Client::StaticShares { k: 37 }), unbounded);
    // Every image is accounted for, in key order.
    for (i, f) in unbounded.finishes.iter().enumerate() {
        assert_eq!(f.0, i as u32);
        assert!(f.1 > 0.0 && f.1 <= unbounded.total_ms);
    }
}

#[test]
fn static_shares_lose_to_a_queue_on_uneven_sizes() {
    // Round-robin with k = 2 gives client 0 all the big images and client 1 all the small ones.
    let p = plain(100.0, 1000.0);
    let sizes: Vec<u64> = (0..8).map(|i| if i % 2 == 0 { 200_000 } else { 1_000 }).collect();
    let stat = predict(&p, &sizes, Client::StaticShares { k: 2 }).total_ms;
    let queue = predict(&p, &sizes, Client::Queue { k: 2 }).total_ms;
    assert!(stat > queue * 1.1, "static {stat} vs queue {queue}");
    // Client 0 alone: 4 × (100 ms + its transfers); roughly 4·100 + 800 000 / 1000.
    assert!(stat > 1150.0 && stat < 1250.0, "{stat}");
    // Same with default parameters (jitter, cap 6): every 4th image is big, so with k = 4
    // client 0 gets all of them. (Static splitting is not worse for *every* size mix: with
    // shared bandwidth the link is the bottleneck either way and the tail decides.)
    let sizes: Vec<u64> = (0..20).map(|i| if i % 4 == 0 { 400_000 } else { 10_000 }).collect();
    let d = NetParams::default();
    let stat = predict(&d, &sizes, Client::StaticShares { k: 4 }).total_ms;
    let queue = predict(&d, &sizes, Client::Queue { k: 4 }).total_ms;
    assert!(stat > queue, "static {stat} vs queue {queue}");
}

#[test]
fn more_parallelism_never_slower_without_cap_or_jitter() {
    let p = NetParams { jitter_ms: 0.0, ..NetParams::default() };
    let sizes = vec![40_000; 20];
    let mut last = f64::INFINITY;
    for k in [1, 2, 4, 6, 10, 20] {
        let t = predict(&p, &sizes, Client::Bounded { k }).total_ms;
        assert!(t <= last + 1e-9, "k={k}: {t} > {last}");
        last = t;
    }
}

/// A reproducible run of irregular submissions: `(time, req_id, key, attempt, bytes)`.
fn irregular_submissions() -> Vec<(f64, u64, u32, u32, u64)> {
    let mut rng = SplitMix64(5);
    let mut t = 0.0;
    (0..40)
        .map(|i| {
            t += (rng.next_u64() % 4) as f64 * 37.5 * rng.next_unit();
            let bytes = if i % 9 == 0 { 0 } else { rng.next_u64() % 90_000 };
            (t, 1000 - i, i as u32 % 25, i as u32 / 25, bytes)
        })
        .collect()
}

#[test]
fn real_time_stepping_matches_one_big_advance() {
    let p = NetParams { fail_rate: 0.2, conn_cap: 3, ..NetParams::default() };
    let subs = irregular_submissions();

    let mut big = NetSim::new(p.clone());
    for &(t, id, key, attempt, bytes) in &subs {
        big.submit(t, id, key, attempt, bytes);
    }
    let expected = big.advance(f64::INFINITY);
    assert_eq!(expected.len(), subs.len());
    assert!(big.is_idle());
    assert!(expected.windows(2).all(|w| w[0].finish_ms <= w[1].finish_ms));

    for seed in 0..20 {
        let mut rng = SplitMix64(seed);
        let mut sim = NetSim::new(p.clone());
        let mut got = Vec::new();
        let mut now = 0.0;
        let mut next_sub = 0;
        while next_sub < subs.len() || !sim.is_idle() {
            now += rng.next_unit() * 30.0;
            // Requests arriving before `now` are submitted at their own time first.
            while next_sub < subs.len() && subs[next_sub].0 <= now {
                let (t, id, key, attempt, bytes) = subs[next_sub];
                sim.submit(t, id, key, attempt, bytes);
                next_sub += 1;
            }
            let step = sim.advance(now);
            assert!(step.iter().all(|c| c.finish_ms <= now));
            assert!(sim.in_flight() <= 3);
            got.extend(step);
        }
        assert_eq!(got, expected, "stepping seed {seed}");
    }
}

#[test]
fn clock_and_events() {
    let mut sim = NetSim::new(plain(10.0, 100.0));
    assert_eq!(sim.next_event_ms(), None);
    assert!(sim.advance(5.0).is_empty());
    assert_eq!(sim.now_ms(), 5.0);
    // A submission in the past is clamped to the clock.
    sim.submit(1.0, 1, 0, 0, 1000);
    assert_eq!(sim.next_event_ms(), Some(15.0));
    assert!(sim.advance(3.0).is_empty());
    assert_eq!(sim.now_ms(), 5.0);
    assert_eq!(sim.advance(15.0), []);
    assert_eq!(sim.transferring(), 1);
    assert_approx(sim.next_event_ms().unwrap(), 25.0);
    let done = sim.advance(f64::INFINITY);
    assert_eq!(done[0].submitted_ms, 5.0);
    assert_approx(done[0].finish_ms, 25.0);
    assert_approx(sim.now_ms(), 25.0);
    assert_eq!(sim.next_event_ms(), None);
    // Zero latency: the event is "now".
    let mut sim = NetSim::new(plain(0.0, 0.0));
    sim.submit(7.0, 1, 0, 0, 10);
    assert_eq!(sim.next_event_ms(), Some(7.0));
    assert_eq!(sim.advance(7.0)[0].finish_ms, 7.0);
}

#[test]
fn completions_during_submit_are_kept_for_advance() {
    let mut sim = NetSim::new(NetParams { conn_cap: 1, ..plain(10.0, 0.0) });
    sim.submit(0.0, 1, 0, 0, 5);
    sim.submit(10.0, 2, 1, 0, 5); // request 1 finishes at exactly 10: slot is free
    assert_eq!((sim.in_flight(), sim.queued()), (1, 0));
    let done = sim.advance(20.0);
    let got: Vec<(u64, f64, f64)> = done.iter().map(|c| (c.req_id, c.started_ms, c.finish_ms)).collect();
    assert_eq!(got, [(1, 0.0, 10.0), (2, 10.0, 20.0)]);
}

/// The numbers quoted in the report: default parameters, 20 images of 40 000 bytes.
#[test]
fn default_scenario_table() {
    let p = NetParams::default();
    let sizes = [40_000; 20];
    let rows = [
        ("Serial", Client::Serial),
        ("Bounded k=4", Client::Bounded { k: 4 }),
        ("Unbounded", Client::Unbounded),
        ("StaticShares k=4", Client::StaticShares { k: 4 }),
        ("Queue k=4", Client::Queue { k: 4 }),
    ];
    for (name, c) in rows {
        let pred = predict(&p, &sizes, c);
        println!("{name:>18}: {:9.3} ms", pred.total_ms);
    }
    let serial = predict(&p, &sizes, Client::Serial).total_ms;
    let jitter_sum: f64 = (0..20).map(|k| request_draw(&p, k, 0).latency_ms).sum();
    assert_approx(serial, jitter_sum + 20.0 * 40_000.0 / 2000.0);
}

/// The projection is what the simulator really does when nothing else arrives, and an arrival
/// moves the projected finish of the transfers it now shares the bandwidth with.
#[test]
fn projection_matches_the_run() {
    let params =
        NetParams { latency_ms: 50.0, jitter_ms: 10.0, bandwidth_kbs: 100.0, conn_cap: 2, fail_rate: 0.2, seed: 3 };
    let mut sim = NetSim::new(params);
    for i in 0..4u64 {
        sim.submit(i as f64 * 5.0, i, i as u32, 0, 2000);
    }
    let projected = sim.projected();
    assert_eq!(projected.len(), 4);
    let mut real = sim.clone();
    assert_eq!(real.advance(f64::INFINITY), projected);
    let first = projected.iter().find(|c| c.req_id == 0).unwrap().finish_ms;
    sim.submit(30.0, 9, 9, 0, 2000);
    let later = sim.projected().iter().find(|c| c.req_id == 0).unwrap().finish_ms;
    assert!(later >= first, "an arrival can only delay the others: {first} -> {later}");
}

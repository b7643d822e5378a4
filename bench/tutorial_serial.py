"""The tutorial's CPU algorithm in CPython, timed on the same n as the browser run.

Written for this project: tasks i = 1 .. n-1, each summing 1/x + sqrt(x) + sin(x) + cos(x) for
x = 1 .. i-1 in floating point, left to right. Serial always; with K, also on a
multiprocessing.Pool(K) — started once and warmed before timing, as the page's warm pool — fed
the page's chunks (about 16 per process), the two interleaved for ROUNDS rounds. Every S(i) of
the pool is checked against serial's. Prints one JSON line.
Usage: python3 bench/tutorial_serial.py N [K ROUNDS]
"""
import json
import math
import multiprocessing
import statistics
import sys
import time

CHUNKS_PER_PROCESS = 16  # as the page's auto chunk size (AUTO_CHUNKS_PER_WORKER in src/core/chunks.rs)


def s_of(i):
    acc = 0.0
    for x in range(1, i):
        acc += 1 / x + math.sqrt(x) + math.sin(x) + math.cos(x)
    return acc


def chunk_values(bounds):
    start, end = bounds
    return [s_of(i) for i in range(start, end)]


def timed(f):
    start = time.perf_counter()
    out = f()
    return (time.perf_counter() - start) * 1000, out


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
    k = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    serial = lambda: [s_of(i) for i in range(1, n)]
    result = {"python": sys.version.split()[0], "n": n}
    if not k:
        ms, values = timed(serial)
        result.update(ms=ms, checksum=sum(values))
        print(json.dumps(result))
        return
    size = max(1, -(-(n - 1) // (k * CHUNKS_PER_PROCESS)))
    chunks = [(a, min(a + size, n)) for a in range(1, n, size)]
    with multiprocessing.Pool(k) as pool:
        pool.map(chunk_values, [(1, 200)] * k)  # every process up and warm
        serial_ms, pool_ms = [], []
        for r in range(rounds):
            for side in ((0, 1) if r % 2 == 0 else (1, 0)):
                if side == 0:
                    ms, reference = timed(serial)
                    serial_ms.append(ms)
                else:
                    ms, parts = timed(lambda: pool.map(chunk_values, chunks))
                    pool_ms.append(ms)
                    flat = [v for part in parts for v in part]
        if flat != reference:
            raise SystemExit("the pool computed other S(i) than serial")
    speedups = [s / p for s, p in zip(serial_ms, pool_ms)]
    result.update(
        ms=statistics.median(serial_ms), checksum=sum(reference), k=k, rounds=rounds, serial_ms=serial_ms,
        pool_ms=pool_ms, pool_speedup=statistics.median(serial_ms) / statistics.median(pool_ms),
        pool_speedup_range=[min(speedups), max(speedups)],
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()

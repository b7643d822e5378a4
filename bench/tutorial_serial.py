"""The tutorial's serial CPU algorithm in CPython, timed on the same n as the browser run.

Written for this project: tasks i = 1 .. n-1, each summing 1/x + sqrt(x) + sin(x) + cos(x) for
x = 1 .. i-1 in floating point, left to right; prints one JSON line with the time and checksum.
Usage: python3 bench/tutorial_serial.py N
"""
import json
import math
import sys
import time


def s_of(i):
    acc = 0.0
    for x in range(1, i):
        acc += 1 / x + math.sqrt(x) + math.sin(x) + math.cos(x)
    return acc


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
    start = time.perf_counter()
    values = [s_of(i) for i in range(1, n)]
    elapsed_ms = (time.perf_counter() - start) * 1000
    checksum = 0.0
    for v in values:
        checksum += v
    print(json.dumps({"n": n, "ms": elapsed_ms, "checksum": checksum, "python": sys.version.split()[0]}))


if __name__ == "__main__":
    main()

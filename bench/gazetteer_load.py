"""Load time and lookup speed of the actor dictionary (not a test: prints timings).

Why: the extractor loads the gazetteer once per process and calls ``lookup`` for every
capitalised span, so both must stay cheap (target: load well under 1 s).

Usage: python bench/gazetteer_load.py [--runs 5] [--lookups 200000]
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

COLD = ("import time; t=time.perf_counter(); from loaders.gazetteer import get_gazetteer; "
        "g=get_gazetteer(); print(time.perf_counter()-t)")

PHRASES = ["Russia", "the Kremlin", "us", "US", "Yerevan", "the Russian Foreign Ministry",
           "Russia's Foreign Ministry", "Hamas", "Nikol Pashinyan", "the Pentagon", "Azeri",
           "Springfield", "the Foreign Ministry of Azerbaijan", "WHO", "Tuesday"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--lookups", type=int, default=200_000)
    args = ap.parse_args()
    cold = [float(subprocess.run([sys.executable, "-c", COLD], check=True, capture_output=True,
                                 text=True).stdout) for _ in range(args.runs)]
    print(f"cold import+load: median {statistics.median(cold) * 1000:.1f} ms "
          f"(min {min(cold) * 1000:.1f}, max {max(cold) * 1000:.1f}, {args.runs} fresh processes)")

    from loaders.gazetteer import get_gazetteer, load
    t = time.perf_counter()
    g = load()
    print(f"warm load (data files only): {(time.perf_counter() - t) * 1000:.1f} ms, "
          f"{len(g.entries)} entries, {len(g.patterns())} patterns")
    g = get_gazetteer()
    n = args.lookups
    t = time.perf_counter()
    for i in range(n):
        g.lookup(PHRASES[i % len(PHRASES)])
    dt = time.perf_counter() - t
    print(f"lookup (memoised): {n / dt:,.0f} per second ({dt / n * 1e6:.2f} µs each)")
    t = time.perf_counter()
    for i in range(n):
        g._lookup(PHRASES[i % len(PHRASES)])
    dt = time.perf_counter() - t
    print(f"lookup (uncached): {n / dt:,.0f} per second ({dt / n * 1e6:.2f} µs each, "
          "mixed hits/misses/body phrases)")


if __name__ == "__main__":
    main()

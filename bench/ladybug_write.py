"""Write throughput of the LadybugDB store on synthetic documents (not a test: prints timings).

Usage: python bench/ladybug_write.py [--docs 2000] [--claims 10] [--batch 200]
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tests"))

from factories import synthetic  # noqa: E402

from graph.ladybug_store import LadybugStore  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--claims", type=int, default=10)
    ap.add_argument("--batch", type=int, default=200)
    args = ap.parse_args()
    data = synthetic(args.docs, args.claims, n_actors=500)
    n_claims = sum(len(ex.claims) for ex in data)
    n_rels = sum(3 + (2 if c.target_id else 0) for ex in data for c in ex.claims)
    with tempfile.TemporaryDirectory() as tmp:
        store = LadybugStore(os.path.join(tmp, "bench.db"))
        store.create_schema()
        t0, c0 = time.perf_counter(), time.process_time()
        store.write(data, batch_size=args.batch)
        first, cpu = time.perf_counter() - t0, time.process_time() - c0
        t0 = time.perf_counter()
        again = store.write(data, batch_size=args.batch)
        second = time.perf_counter() - t0
        stats = store.stats()
        store.close()
    print(f"docs={args.docs} claims={n_claims} (~{n_rels} relationships) batch={args.batch}")
    print(f"first load: {first:.2f} s wall, {cpu:.2f} s CPU  ({n_claims / first:,.0f} claims/s, "
          f"{n_rels / first:,.0f} rels/s wall)")
    print(f"reload (all skipped: {len(again.skipped)}): {second:.2f} s")
    print(f"stats: documents={stats['documents']} claims={stats['claims']} actors={stats['actors']}")


if __name__ == "__main__":
    main()

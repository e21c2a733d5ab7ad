"""p50/p95 latency of every canned query (``graph.catalog``) on synthetic graphs, both engines.

Each query runs with its ``// example:`` parameters, except that names of actors (``actor``,
``other``, ``parent``, ``state``) are replaced by the synthetic graph's most-connected actors
(the worst case: Zipf rank 0 and 1, and the busiest state), and ``since``/``until`` by a range
inside the synthetic dates, so no query is timed on an empty answer. Indexes and constraints are
the stores' own (``create_schema``). Warm-up runs are not timed.

    python -m bench.queries                          # 10k and 100k claims, both engines
    python -m bench.queries --sizes 10k --engines ladybug --runs 50
    python -m bench.queries --sizes 1m --engines neo4j   # goal: p95 < 100 ms

Neo4j: NEO4J_URI if set (its database is CLEARED), else a harness server started here.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from contextlib import ExitStack
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.load import parse_size  # noqa: E402
from bench.synthetic import synthetic_extractions  # noqa: E402
from graph.catalog import load_catalog  # noqa: E402


def synthetic_params(exs: list, query: Any) -> dict[str, Any]:
    """The example parameters with actor names and dates that exist in the synthetic graph."""
    degree: Counter[str] = Counter()
    names: dict[str, str] = {}
    kinds: dict[str, str] = {}
    for ex in exs:
        for a in ex.actors:
            names[a.id] = a.name
            kinds[a.id] = a.kind
        for c in ex.claims:
            degree[c.source_id] += 1
            if c.target_id:
                degree[c.target_id] += 1
    ranked = [aid for aid, _ in degree.most_common()]
    states = [aid for aid in ranked if kinds[aid] == "state"] or ranked
    values: dict[str, Any] = dict(query.example_params)
    subst = {"actor": names[ranked[0]], "other": names[ranked[1]],
             "parent": names[states[0]], "state": names[states[0]],
             "since": "2020-03-01", "until": "2020-06-30"}
    for p in query.params:
        if p.name in subst and (p.name in values or p.required):
            values[p.name] = subst[p.name]
    return values


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    k = max(0, min(len(ordered) - 1, int(round(q * (len(ordered) - 1)))))
    return ordered[k]


def open_target(engine: str, stack: ExitStack, workdir: Path, n: int, heap: str,
                page_cache: str = "128m") -> Any:
    if engine == "neo4j":
        from graph.neo4j_store import Neo4jStore

        uri = os.environ.get("NEO4J_URI")
        if not uri:
            if not hasattr(open_target, "_server"):
                from tests import neo4j_server

                open_target._server = stack.enter_context(  # type: ignore[attr-defined]
                    neo4j_server.running(heap=heap, fast_start=False,
                                         conf={"server.memory.pagecache.size": page_cache}))
            uri = open_target._server.uri  # type: ignore[attr-defined]
        store = Neo4jStore.from_uri(uri)
        store.create_schema()
        store.clear(chunk=20_000)
        return store
    from graph.ladybug_store import LadybugStore

    store = LadybugStore(str(workdir / f"queries-{n}.db"))
    store.create_schema()
    return store


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10k,100k")
    ap.add_argument("--engines", default="neo4j,ladybug")
    ap.add_argument("--runs", type=int, default=30, help="timed runs per query")
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--slow-ms", type=float, default=5000,
                    help="a query whose first run takes longer is timed once, not repeated")
    ap.add_argument("--batch-size", type=int, default=200, help="documents per load transaction")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--heap", default="2g")
    ap.add_argument("--page-cache", default="128m",
                    help="Neo4j page cache when the harness is started here (production: "
                         "enough to hold the graph, e.g. 6g for 1M claims)")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    catalog = load_catalog()
    results = []
    with ExitStack() as stack:
        workdir = Path(tempfile.mkdtemp(prefix="claimgraph-qbench-"))
        stack.callback(shutil.rmtree, workdir, True)
        for engine in [e.strip() for e in args.engines.split(",") if e.strip()]:
            for n in [parse_size(s) for s in args.sizes.split(",") if s.strip()]:
                exs = list(synthetic_extractions(n, seed=args.seed))
                store = open_target(engine, stack, workdir, n, args.heap, args.page_cache)
                t0 = time.perf_counter()
                store.write(exs, batch_size=args.batch_size)
                load_s = time.perf_counter() - t0
                print(json.dumps({"engine": engine, "claims": n, "load_s": round(load_s, 1)}),
                      flush=True)
                for name, q in catalog.items():
                    params = synthetic_params(exs, q)
                    try:
                        t = time.perf_counter()
                        rows = q.run(store, params)
                        first = (time.perf_counter() - t) * 1000
                        times = []
                        if first > args.slow_ms:  # too slow to repeat: one cold run, flagged
                            times = [first]
                        else:
                            for _ in range(args.warmup - 1):
                                q.run(store, params)
                            for _ in range(args.runs):
                                t = time.perf_counter()
                                rows = q.run(store, params)
                                times.append((time.perf_counter() - t) * 1000)
                        row = {"engine": engine, "claims": n, "query": name,
                               "rows": len(rows), "runs": len(times),
                               "p50_ms": round(statistics.median(times), 1),
                               "p95_ms": round(percentile(times, 0.95), 1)}
                    except Exception as exc:  # report and go on: one broken query
                        row = {"engine": engine, "claims": n, "query": name,
                               "error": str(exc).splitlines()[0][:200]}
                    results.append(row)
                    print(json.dumps(row), flush=True)
                store.close()
    print()
    print(f"{'engine':8} {'claims':>8} {'query':24} {'rows':>5} {'p50 ms':>8} {'p95 ms':>8} runs")
    for r in results:
        if "error" in r:
            print(f"{r['engine']:8} {r['claims']:>8} {r['query']:24} ERROR {r['error']}")
        else:
            print(f"{r['engine']:8} {r['claims']:>8} {r['query']:24} {r['rows']:>5} "
                  f"{r['p50_ms']:>8} {r['p95_ms']:>8} {r['runs']}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

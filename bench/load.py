"""Load throughput (claims/s) of our stores against the obvious alternatives, in ONE process.

For every engine and size: ours (``store.write``), (a) a hand-written raw UNWIND loader and
(b) a one-row-per-transaction loader (on a sample, extrapolated: labelled as such), each into
an empty store with the schema in place, each checked against the expected counts. Prints a
table and the ratios ours/(a) (goal >= 0.9) and ours/(b) (goal >= 10).

Into an empty Neo4j graph, ours counts its running totals once at the end of the load
(graph/tally_build.py; the count is inside the timed span). The "append" columns time the
other path: the second half of the corpus written into a store that holds the first half,
where ours keeps the totals batch by batch (ours and (a) alike; the first half is not timed).

    python -m bench.load                         # 10k and 100k claims, both engines
    python -m bench.load --sizes 10k --engines ladybug
    python -m bench.load --sizes 1m              # long: about 1M / (claims/s) per loader

Neo4j: uses NEO4J_URI when set (its database is CLEARED), else starts the test harness
(tests/neo4j_server.py) in a temp dir and stops it afterwards.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any, Callable

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench import baselines  # noqa: E402
from bench.synthetic import expected_counts, synthetic_extractions  # noqa: E402


def parse_size(text: str) -> int:
    t = text.strip().lower()
    mult = {"k": 1_000, "m": 1_000_000}.get(t[-1:], 1)
    return int(float(t[:-1] if mult > 1 else t) * mult)


def _check(stats: dict[str, Any], want: dict[str, int], label: str) -> None:
    got = {k: stats[k] for k in ("documents", "actors", "claims")}
    if got != {k: want[k] for k in got}:
        raise SystemExit(f"{label}: wrong counts {got} != {want}")


class Neo4jTarget:
    engine = "neo4j"

    def __init__(self, stack: ExitStack, heap: str, page_cache: str = "128m") -> None:
        from graph.neo4j_store import Neo4jStore
        from neo4j import GraphDatabase

        uri = os.environ.get("NEO4J_URI")
        if not uri:
            from tests import neo4j_server

            server = stack.enter_context(neo4j_server.running(heap=heap, fast_start=False,
                                         conf={"server.memory.pagecache.size": page_cache}))
            uri = server.uri
        self.uri = uri
        self.store = Neo4jStore.from_uri(uri)
        stack.callback(self.store.close)
        self.store.create_schema()
        auth = (os.environ.get("NEO4J_USERNAME", "neo4j"), os.environ["NEO4J_PASSWORD"]) \
            if os.environ.get("NEO4J_PASSWORD") else None
        self.driver = GraphDatabase.driver(_strip_userinfo(uri), auth=auth)
        stack.callback(self.driver.close)

    def fresh(self) -> None:
        self.store.clear(chunk=20_000)

    def ours(self, exs: list, batch: int) -> None:
        self.store.write(exs, batch_size=batch)

    def unwind(self, exs: list, batch: int) -> None:
        baselines.unwind_neo4j(self.driver, exs, batch)

    def per_row(self, exs: list) -> None:
        baselines.per_row_neo4j(self.driver, exs)

    def stats(self) -> dict[str, Any]:
        return self.store.stats()


class LadybugTarget:
    engine = "ladybug"

    def __init__(self, stack: ExitStack, workdir: Path) -> None:
        self.workdir = workdir
        self.n = 0
        self.path = ""
        self.store: Any = None

    def fresh(self) -> None:
        from graph.ladybug_store import LadybugStore

        if self.store is not None:
            self.store.close()
            for p in Path(self.path).parent.glob(Path(self.path).name + "*"):
                p.unlink() if p.is_file() else shutil.rmtree(p)
        self.n += 1
        self.path = str(self.workdir / f"bench-{self.n}.db")
        self.store = LadybugStore(self.path)
        self.store.create_schema()

    def ours(self, exs: list, batch: int) -> None:
        self.store.write(exs, batch_size=batch)

    def _raw(self, fn: Callable[[Any], None]) -> None:
        conn = self.store._connection()  # the same open Database, used raw
        fn(conn)

    def unwind(self, exs: list, batch: int) -> None:
        self._raw(lambda conn: baselines.unwind_ladybug(conn, exs, batch))

    def per_row(self, exs: list) -> None:
        self._raw(lambda conn: baselines.per_row_ladybug(conn, exs))

    def stats(self) -> dict[str, Any]:
        return self.store.stats()


def _strip_userinfo(uri: str) -> str:
    from graph.neo4j_store import _split_userinfo

    return _split_userinfo(uri)[0]


def measure(target: Any, n_claims: int, batch: int, row_sample: int,
            seed: int) -> dict[str, Any]:
    exs = list(synthetic_extractions(n_claims, seed=seed))
    want = expected_counts(exs)
    out: dict[str, Any] = {"engine": target.engine, "claims": n_claims,
                           "documents": want["documents"], "actors": want["actors"],
                           "batch_docs": batch}
    for name, run in (("ours", lambda: target.ours(exs, batch)),
                      ("unwind", lambda: target.unwind(exs, batch))):
        target.fresh()
        t0 = time.perf_counter()
        run()
        dt = time.perf_counter() - t0
        _check(target.stats(), want, f"{target.engine} {name} {n_claims}")
        print(f"# {target.engine} {n_claims} {name}: {dt:.1f} s", file=sys.stderr, flush=True)
        out[f"{name}_s"] = round(dt, 2)
        out[f"{name}_cps"] = round(n_claims / dt, 1)
    half = len(exs) // 2
    n_second = sum(len(e.claims) for e in exs[half:])
    for name, run in (("ours", lambda e: target.ours(e, batch)),
                      ("unwind", lambda e: target.unwind(e, batch))):
        target.fresh()
        run(exs[:half])
        t0 = time.perf_counter()
        run(exs[half:])
        dt = time.perf_counter() - t0
        _check(target.stats(), want, f"{target.engine} {name} append {n_claims}")
        print(f"# {target.engine} {n_claims} {name} append: {dt:.1f} s", file=sys.stderr,
              flush=True)
        out[f"{name}_append_cps"] = round(n_second / dt, 1)
    out["append_ours_vs_unwind"] = round(out["ours_append_cps"] / out["unwind_append_cps"], 2)
    sample = list(synthetic_extractions(min(row_sample, n_claims), seed=seed))
    target.fresh()
    t0 = time.perf_counter()
    target.per_row(sample)
    dt = time.perf_counter() - t0
    n_sample = sum(len(e.claims) for e in sample)
    _check(target.stats(), expected_counts(sample), f"{target.engine} per-row sample")
    out["per_row_sample_claims"] = n_sample
    out["per_row_cps"] = round(n_sample / dt, 1)
    out["per_row_extrapolated_s"] = round(n_claims / out["per_row_cps"], 1)
    out["ours_vs_unwind"] = round(out["ours_cps"] / out["unwind_cps"], 2)
    out["ours_vs_per_row"] = round(out["ours_cps"] / out["per_row_cps"], 1)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10k,100k", help="comma-separated claim counts (10k,100k,1m)")
    ap.add_argument("--engines", default="neo4j,ladybug")
    ap.add_argument("--batch-size", type=int, default=50,
                    help="documents per transaction for ours and (a); 50 = the CLI default")
    ap.add_argument("--row-sample", type=int, default=1000,
                    help="claims loaded by (b) one-row-per-transaction; its rate is extrapolated")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--heap", default="2g", help="Neo4j heap when the harness is started here")
    ap.add_argument("--page-cache", default="128m",
                    help="Neo4j page cache when the harness is started here (production: "
                         "enough to hold the graph)")
    ap.add_argument("--warmup", default="3k",
                    help="claims loaded (and cleared) by ours and (a) before anything is timed, "
                         "so neither pays for the server's JIT warm-up")
    ap.add_argument("--json", type=Path, help="also write the rows as JSON here")
    args = ap.parse_args(argv)
    sizes = [parse_size(s) for s in args.sizes.split(",") if s.strip()]
    rows = []
    with ExitStack() as stack:
        workdir = Path(tempfile.mkdtemp(prefix="claimgraph-bench-"))
        stack.callback(shutil.rmtree, workdir, True)
        for engine in [e.strip() for e in args.engines.split(",") if e.strip()]:
            target = (Neo4jTarget(stack, args.heap, args.page_cache) if engine == "neo4j"
                      else LadybugTarget(stack, workdir))
            warm = list(synthetic_extractions(parse_size(args.warmup), seed=args.seed + 1))
            for run in (target.ours, target.unwind):
                target.fresh()
                run(warm, args.batch_size)
            for n in sizes:
                row = measure(target, n, args.batch_size, args.row_sample, args.seed)
                rows.append(row)
                print(json.dumps(row), flush=True)
            if engine == "ladybug" and target.store is not None:
                target.store.close()
    print()
    print(f"{'engine':8} {'claims':>9} {'ours c/s':>9} {'(a) c/s':>9} {'(b) c/s*':>9} "
          f"{'ours/(a)':>8} {'ours/(b)':>8} {'append ours/(a)':>16}")
    for r in rows:
        print(f"{r['engine']:8} {r['claims']:>9} {r['ours_cps']:>9} {r['unwind_cps']:>9} "
              f"{r['per_row_cps']:>9} {r['ours_vs_unwind']:>8} {r['ours_vs_per_row']:>8} "
              f"{r['append_ours_vs_unwind']:>16}")
    print("* (b) measured on a sample of --row-sample claims and extrapolated; goals: "
          "ours/(a) >= 0.9, ours/(b) >= 10; append = the second half into a store holding "
          "the first (Neo4j: totals kept batch by batch)")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

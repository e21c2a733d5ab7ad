"""Trust under faults, on real engines: crashes mid-load and concurrent loaders.

What must hold after any fault is the same everywhere: only whole documents are stored (every
Document has exactly the claims its extraction had, each with its MADE speaker and IN document),
no node is duplicated, and loading again completes the graph to exactly what one clean load
gives. The synthetic generator is deterministic, so the expected graph is recomputed from the
source rather than written down.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # bench/ is not an installed package
    sys.path.insert(0, str(REPO))

from bench.synthetic import expected_counts, synthetic_extractions  # noqa: E402
from graph.errors import StoreError  # noqa: E402
from graph.model import Extraction  # noqa: E402
from tests.tally_check import assert_tallies_match  # noqa: E402

PYTHON = sys.executable
SECRET = "fault-secret-" + os.urandom(5).hex()


def expected_graph(extractions: list[Extraction]) -> dict[str, Any]:
    """Counts a clean load must give, computed from the source (distinct ids / pairs)."""
    counts = expected_counts(extractions)
    counts["memberships"] = len({(m.member_id, m.group_id) for ex in extractions
                                 for m in ex.memberships})
    counts["mentions"] = len({(ex.document.id, a) for ex in extractions for a in ex.mentioned})
    counts["claims_by_type"] = dict(sorted(Counter(
        c.type for ex in extractions for c in ex.claims).items()))
    return counts


def claims_per_document(store: Any) -> dict[str, int]:
    rows = store.run("MATCH (d:Document) OPTIONAL MATCH (c:Claim)-[:IN]->(d) "
                     "RETURN d.id AS id, count(c) AS n")
    return {r["id"]: int(r["n"]) for r in rows}


def assert_whole_documents_only(store: Any, extractions: list[Extraction]) -> set[str]:
    """Every stored document is complete and every claim is anchored; returns the stored ids."""
    source = {ex.document.id: ex for ex in extractions}
    stored = claims_per_document(store)
    assert set(stored) <= set(source), "a document that was never loaded appeared"
    for doc_id, n in stored.items():
        assert n == len(source[doc_id].claims), f"{doc_id} is half-written ({n} claims stored)"
    orphans = store.run(
        "MATCH (c:Claim) WHERE NOT EXISTS { MATCH (c)-[:IN]->(:Document) } "
        "OR NOT EXISTS { MATCH (:Actor)-[:MADE]->(c) } RETURN count(c) AS n")
    assert orphans[0]["n"] == 0, "a claim without its document or speaker"
    for label in ("Actor", "Document", "Claim"):
        dup = store.run(f"MATCH (n:{label}) WITH n.id AS id, count(*) AS c WHERE c > 1 "
                        "RETURN count(*) AS n")
        assert dup[0]["n"] == 0, f"duplicate {label} ids"
    return set(stored)


def assert_equals_clean_load(store: Any, extractions: list[Extraction]) -> None:
    want = expected_graph(extractions)
    stats = store.stats()
    got = {k: stats[k] for k in ("documents", "actors", "claims", "memberships", "mentions")}
    assert got == {k: want[k] for k in got}
    assert stats["claims_by_type"] == want["claims_by_type"]
    targets = store.run("MATCH (:Claim)-[r:TARGETS]->(:Actor) RETURN count(r) AS n")[0]["n"]
    assert targets == want["targeted_claims"]
    typed = store.run(
        "MATCH (:Actor)-[r]->(:Actor) WHERE r.claim_id IS NOT NULL RETURN count(r) AS n")[0]["n"]
    assert typed == want["targeted_claims"], "projected edges missing or duplicated"
    assert_whole_documents_only(store, extractions)
    stored = claims_per_document(store)
    assert stored == {ex.document.id: len(ex.claims) for ex in extractions}


# --- Neo4j: the server dies in the middle of a load ----------------------------------------------
@pytest.mark.neo4j
@pytest.mark.slow
def test_neo4j_server_killed_mid_load_then_reload_is_exact(tmp_path: Path) -> None:
    harness = pytest.importorskip("tests.neo4j_server")
    from graph.neo4j_store import Neo4jStore

    extractions = list(synthetic_extractions(700, seed=11))
    server = harness.Neo4jServer(data_dir=tmp_path / "neo4j", heap="512m")
    try:
        try:
            uri = server.start()
        except harness.HarnessUnavailable as exc:
            pytest.skip(str(exc))
        store = Neo4jStore.from_uri(uri, username="neo4j", password=SECRET)
        store.create_schema()
        done: list[str] = []
        failure: list[BaseException] = []

        def load() -> None:
            try:
                store.write(extractions, batch_size=3, on_batch=done.extend)
            except BaseException as exc:  # noqa: BLE001 - handed to the test thread
                failure.append(exc)

        loader = threading.Thread(target=load, daemon=True)
        loader.start()
        deadline = time.monotonic() + 120
        while len(done) < len(extractions) // 6 and loader.is_alive():
            assert time.monotonic() < deadline, "load made no progress"
            time.sleep(0.02)
        assert loader.is_alive(), "load finished before the fault could be injected"
        server.kill()  # hard crash: no checkpoint, in-flight transaction lost
        loader.join(120)  # the driver retries for max_transaction_retry_time first
        assert not loader.is_alive(), "write() hung after the server died"
        assert failure, "write() returned normally although the server died mid-load"
        err = failure[0]
        assert isinstance(err, StoreError), repr(err)
        message = str(err)
        assert "\n" not in message.strip() and SECRET not in message
        store.close()

        server.start()  # same data dir and port: recovery runs
        with Neo4jStore.from_uri(uri, username="neo4j", password=SECRET) as again:
            partial = assert_whole_documents_only(again, extractions)
            assert set(done) <= partial, "a committed batch was lost"
            assert len(partial) < len(extractions)
            assert not again.totals_live()  # the dead load left its tallies to its end
            again.write(extractions, batch_size=25)
            assert_equals_clean_load(again, extractions)
            assert again.totals_live()
            assert_tallies_match(again)
    finally:
        server.kill()  # a clean shutdown only costs time here; tmp_path is removed by pytest


# --- Neo4j: two loaders at once on overlapping documents ----------------------------------------
_LOADER = r"""
import sys, time, os
sys.path.insert(0, {repo!r})
from bench.synthetic import synthetic_extractions
from graph.neo4j_store import Neo4jStore
exs = list(synthetic_extractions({n}, seed={seed}))[{lo}:{hi}]
if {reverse}:
    exs.reverse()
store = Neo4jStore.from_uri({uri!r})
store.create_schema()
while not os.path.exists({go!r}):
    time.sleep(0.01)
summary = store.write(exs, batch_size=5)
print(len(summary.written), len(summary.skipped))
"""


@pytest.mark.neo4j
@pytest.mark.slow
def test_two_concurrent_neo4j_loaders_never_duplicate(neo4j_store: Any, neo4j_uri: str,
                                                      tmp_path: Path) -> None:
    n, seed = 1200, 12
    extractions = list(synthetic_extractions(n, seed=seed))
    third = len(extractions) // 3
    go = tmp_path / "go"
    procs = []
    for lo, hi, reverse in ((0, 2 * third, False), (third, len(extractions), True)):
        code = _LOADER.format(repo=str(REPO), n=n, seed=seed, lo=lo, hi=hi, reverse=reverse,
                              uri=neo4j_uri, go=str(go))
        procs.append(subprocess.Popen([PYTHON, "-c", code], stdout=subprocess.PIPE,
                                      stderr=subprocess.PIPE, text=True))
    time.sleep(1.0)
    go.touch()  # both start writing at the same moment; the middle third is written twice
    outs = [p.communicate(timeout=240) for p in procs]
    for p, (out, err) in zip(procs, outs):
        assert p.returncode == 0, err[-3000:]
    handled = [tuple(map(int, out.split())) for out, _ in outs]
    assert all(w + s == 2 * third or w + s == len(extractions) - third for w, s in handled)
    assert_equals_clean_load(neo4j_store, extractions)
    assert neo4j_store.totals_live()
    assert_tallies_match(neo4j_store)


# --- Ladybug: the loading process is SIGKILLed -------------------------------------------------
_LADYBUG_LOADER = r"""
import sys
sys.path.insert(0, {repo!r})
from bench.synthetic import synthetic_extractions
from graph.ladybug_store import LadybugStore
store = LadybugStore({path!r})
store.create_schema()
def progress(ids):
    print(len(ids), flush=True)
store.write(synthetic_extractions({n}, seed={seed}), batch_size=4, on_batch=progress)
print("DONE", flush=True)
"""


@pytest.mark.slow
def test_ladybug_process_killed_mid_load_leaves_whole_documents(tmp_path: Path) -> None:
    from graph.ladybug_store import LadybugStore

    n, seed = 2500, 13
    extractions = list(synthetic_extractions(n, seed=seed))
    path = str(tmp_path / "killed.db")
    code = _LADYBUG_LOADER.format(repo=str(REPO), path=path, n=n, seed=seed)
    proc = subprocess.Popen([PYTHON, "-c", code], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    committed = 0
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("DONE"):
            pytest.fail("load finished before it could be killed; make it bigger")
        committed += int(line)
        if committed >= len(extractions) // 5:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait(30)
    assert proc.returncode == -signal.SIGKILL

    with LadybugStore(path) as store:  # opens (WAL replayed) after the crash
        stored = assert_whole_documents_only(store, extractions)
        assert committed <= len(stored) < len(extractions)
        store.write(extractions, batch_size=50)
        assert_equals_clean_load(store, extractions)


def test_expected_graph_matches_a_clean_ladybug_load(tmp_path: Path) -> None:
    """The yardstick itself: a clean load equals what ``expected_graph`` computes."""
    from graph.ladybug_store import LadybugStore

    extractions = list(synthetic_extractions(300, seed=14))
    with LadybugStore(str(tmp_path / "clean.db")) as store:
        store.create_schema()
        store.write(extractions)
        assert_equals_clean_load(store, extractions)
        summary = store.write(extractions)  # twice changes nothing
        assert summary.written == [] and len(summary.skipped) == len(extractions)
        assert_equals_clean_load(store, extractions)
    assert json.dumps(expected_graph(extractions))  # plain data, printable in a report

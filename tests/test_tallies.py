"""The running totals (graph/tallies.py, graph/tally_build.py) stay equal to what the claims say.

The canned queries read tallies on Neo4j and the claims themselves on LadybugDB, so every test
here ends by comparing the two engines, or the tallies with a recount in Python
(tests/tally_check.py), after the writes that are hard to keep totals through: changed
documents (old claims taken off), self-claims, untargeted claims, a pair that disappears, two
loaders at once, a load into an empty graph (counted once at its end), and a loader that dies.
"""
from __future__ import annotations

import dataclasses
import os
import random
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from bench.synthetic import synthetic_extractions
from graph import tallies
from graph.catalog import load_catalog, resolve_actor
from graph.model import Claim, Document, Extraction, claim_id
from graph.errors import StoreError
from graph.store import open_store
from tests.tally_check import assert_tallies_match, stored

REPO = Path(__file__).resolve().parents[1]

CATALOG = load_catalog()


def _rows(type_: str, src: str, dst: str | None, doc: str, date: str) -> dict[str, Any]:
    return {"type": type_, "source": src, "target": dst, "doc": doc, "date": date}


def test_deltas_count_claims_documents_and_dates() -> None:
    d = tallies.deltas([
        _rows("ACCUSES", "a", "b", "d1", "2024-01-05"),
        _rows("ACCUSES", "a", "b", "d1", "2024-01-02"),
        _rows("ACCUSES", "a", "b", "d2", ""),
        _rows("ACCUSES", "b", "a", "d2", "2024-03-01"),
        _rows("MEETS", "a", None, "d3", "2024-02-02"),
        _rows("MEETS", "c", "c", "d3", "2024-02-03"),
    ])
    pair = {r["key"]: r for r in d.rows("pair")}
    ab = pair[tallies.tally_key("pair", "ACCUSES", "a", "b")]
    assert (ab["claims"], ab["documents"], ab["first"], ab["last"]) == (3, 2, "", "2024-01-05")
    link = d.rows("link")
    assert [(r["src"], r["dst"], r["claims"], r["documents"]) for r in link] == [
        ("a", "b", 4, 2)]  # both directions, one row; no link for the self-claim of c
    opened = {(r["src"], r["type"]): r["claims"] for r in d.rows("open")}
    assert opened == {("a", "MEETS"): 1, ("c", "MEETS"): 1}  # untargeted and self-targeted
    types = {r["type"]: (r["claims"], r["documents"]) for r in d.rows("type")}
    assert types == {"ACCUSES": (4, 2), "MEETS": (2, 1)}
    assert {r["id"]: (r["made"], r["received"]) for r in d.actor_rows()} == {
        "a": (4, 1), "b": (1, 3), "c": (1, 1)}
    minus = tallies.deltas([_rows("ACCUSES", "a", "b", "d1", "2024-01-05")], sign=-1)
    assert minus.rows("pair")[0]["claims"] == -1 and minus.rows("pair")[0]["documents"] == -1


def test_counterpart_and_speaker_changes_follow_created_keys() -> None:
    born = [tallies.tally_key("pair", "ACCUSES", "a", "b"),
            tallies.tally_key("pair", "ACCUSES", "c", "b"),
            tallies.tally_key("open", "ACCUSES", "a")]
    cp = tallies.counterpart_changes(born, +1)
    assert cp == {tallies.tally_key("made", "ACCUSES", "a"): 1,
                  tallies.tally_key("made", "ACCUSES", "c"): 1,
                  tallies.tally_key("received", "ACCUSES", "", "b"): 2}
    sp = tallies.speaker_changes([tallies.tally_key("said", "MEETS", "a")], -1)
    assert sp == {tallies.tally_key("type", "MEETS"): -1}


# ---- against the real engines ---------------------------------------------------------------


def _changed(ex: Extraction, rng: random.Random) -> Extraction:
    """A new version of a document: some claims dropped, some re-targeted (to nobody, to the
    speaker, to another actor), dates moved, one claim added; new text so the sha changes."""
    doc = dataclasses.replace(ex.document, text=ex.document.text + " (updated)")
    actors = [a.id for a in ex.actors]
    claims = []
    for i, c in enumerate(ex.claims):
        roll = rng.random()
        if roll < 0.25:
            continue
        target = c.target_id
        if roll < 0.4:
            target = None
        elif roll < 0.5:
            target = c.source_id
        elif roll < 0.6:
            target = rng.choice(actors)
        date = c.date if rng.random() < 0.5 else f"2019-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
        claims.append(dataclasses.replace(
            c, id=claim_id(doc.id, c.type, c.source_id, target, c.start), target_id=target,
            date=date, about_id=None))
    first = ex.claims[0]
    claims.append(Claim(
        id=claim_id(doc.id, "MEETS", first.source_id, actors[-1], 10_000), type="MEETS",
        source_id=first.source_id, target_id=actors[-1], doc_id=doc.id,
        sentence="They met again.", start=10_000, end=10_015, date="2031-01-01"))
    return dataclasses.replace(ex, document=doc, claims=claims)


def _versions(n_claims: int, seed: int) -> tuple[list[Extraction], list[Extraction]]:
    first = list(synthetic_extractions(n_claims, seed=seed, n_actors=40))
    rng = random.Random(seed)
    second = [_changed(ex, rng) for ex in rng.sample(first, len(first) // 3)]
    return first, second


def _assert_engines_agree(neo: Any, lb: Any) -> None:
    for name, q in CATALOG.items():
        params = dict(q.example_params)
        for p in q.params:
            if p.type == "actor" and p.name in params:
                params[p.name] = neo.run("MATCH (a:Actor) RETURN a.id AS id "
                                         "ORDER BY a.claims_total DESC, id LIMIT 2")[
                    0 if p.name != "other" else 1]["id"]
        if "limit" in {p.name for p in q.params}:
            params["limit"] = 1000
        assert q.run(neo, params) == q.run(lb, params), name


@pytest.mark.neo4j
def test_tallies_survive_changed_documents(neo4j_store: Any, tmp_path: Path) -> None:
    first, second = _versions(1500, seed=7)
    neo4j_store.write(first, batch_size=25)  # into an empty graph: counted at the end
    assert_tallies_match(neo4j_store)
    neo4j_store.write(second, batch_size=10)  # changes batch by batch
    assert_tallies_match(neo4j_store)
    with open_store(str(tmp_path / "lb.db")) as lb:
        lb.write(first, batch_size=25)
        lb.write(second, batch_size=10)
        _assert_engines_agree(neo4j_store, lb)


@pytest.mark.neo4j
@pytest.mark.parametrize("start", ["empty", "seeded"])
def test_tallies_of_two_concurrent_loaders_equal_a_recount(neo4j_store: Any, start: str) -> None:
    """Into an empty graph both loads leave the tallies to the end (the last one counts);
    into a seeded one both keep them batch by batch."""
    docs = list(synthetic_extractions(1200, seed=3, n_actors=30))
    if start == "seeded":
        neo4j_store.write(docs[:20])
        docs = docs[20:]
    halves = [docs[: 2 * len(docs) // 3], docs[len(docs) // 3:]]  # the middle third overlaps
    errors: list[BaseException] = []

    def load(part: list[Extraction]) -> None:
        try:
            with open_store(neo4j_store_uri(neo4j_store)) as store:
                store.write(part, batch_size=15)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=load, args=(h,)) for h in halves]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert neo4j_store.totals_live()
    assert neo4j_store.run("MATCH (w:TallyWriter) RETURN count(w) AS n") == [{"n": 0}]
    assert_tallies_match(neo4j_store)


@pytest.mark.neo4j
def test_a_load_into_an_empty_graph_counts_its_tallies_once_at_the_end(
        neo4j_store: Any, tmp_path: Path) -> None:
    docs = list(synthetic_extractions(900, seed=9, n_actors=25))
    with open_store(str(tmp_path / "lb.db")) as lb, neo4j_store.loading():
        neo4j_store.write(docs[:60], batch_size=20)
        neo4j_store.write(docs[60:], batch_size=20)  # one registration across calls, as the CLI
        assert not neo4j_store.totals_live()
        assert neo4j_store.run("MATCH (t:Tally) RETURN count(t) AS n") == [{"n": 0}]
        lb.write(docs, batch_size=20)
        _assert_engines_agree(neo4j_store, lb)  # meanwhile canned queries read the claims
    assert neo4j_store.totals_live()
    assert_tallies_match(neo4j_store)
    with neo4j_store.loading():  # the graph is no longer empty: batch by batch
        neo4j_store.write(docs[:5] + list(synthetic_extractions(200, seed=10, n_actors=25)))
        assert neo4j_store.totals_live()
        assert_tallies_match(neo4j_store)


_DYING_LOADER = r"""
import os, sys
sys.path.insert(0, {repo!r})
from bench.synthetic import synthetic_extractions
from graph.neo4j_store import Neo4jStore
store = Neo4jStore.from_uri({uri!r})
store.create_schema()
docs = list(synthetic_extractions(600, seed=4, n_actors=20))
with store.loading():
    store.write(docs[:40], batch_size=10)
    print("WROTE", flush=True)
    os._exit(3)  # dies between batches: registered, tallies left to an end that never comes
"""


@pytest.mark.neo4j
def test_a_load_that_died_is_counted_by_the_next_open(neo4j_store: Any) -> None:
    proc = subprocess.run([sys.executable, "-c", _DYING_LOADER.format(
        repo=str(REPO), uri=neo4j_store_uri(neo4j_store))], capture_output=True, text=True,
        timeout=180, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert proc.returncode == 3 and "WROTE" in proc.stdout, proc.stderr[-2000:]
    assert not neo4j_store.totals_live()
    assert neo4j_store.run("MATCH (w:TallyWriter) RETURN count(w) AS n") == [{"n": 1}]
    with open_store(neo4j_store_uri(neo4j_store)) as again:  # any command opens the store
        assert again.totals_live()
    assert neo4j_store.run("MATCH (w:TallyWriter) RETURN count(w) AS n") == [{"n": 0}]
    assert_tallies_match(neo4j_store)


@pytest.mark.neo4j
def test_a_writer_dropped_as_dead_cannot_write_on(neo4j_store: Any) -> None:
    docs = list(synthetic_extractions(300, seed=6, n_actors=20))
    with pytest.raises(StoreError, match="taken for dead"):
        with neo4j_store.loading():
            neo4j_store.write(docs[:10])
            # What another process does to a registration silent for STALE_MS:
            neo4j_store.run("MATCH (w:TallyWriter) DELETE w", write=True)
            neo4j_store.write(docs[10:20])
    stored_ids = {r["id"] for r in neo4j_store.run("MATCH (d:Document) RETURN d.id AS id")}
    assert stored_ids == {ex.document.id for ex in docs[:10]}  # the fenced batch rolled back
    with open_store(neo4j_store_uri(neo4j_store)):
        pass
    assert neo4j_store.totals_live()
    assert_tallies_match(neo4j_store)


def neo4j_store_uri(store: Any) -> str:
    return store.uri


@pytest.mark.neo4j
def test_a_graph_without_tallies_is_counted_when_opened(neo4j_store: Any) -> None:
    docs = list(synthetic_extractions(300, seed=5, n_actors=20))
    neo4j_store.write(docs)
    expected = stored(neo4j_store)
    assert_tallies_match(neo4j_store)
    links = neo4j_store.run("MATCH (c:Claim) RETURN c.id AS id, c.link AS link ORDER BY id")
    assert any(r["link"] for r in links)
    neo4j_store.run("MATCH (t:Tally) DETACH DELETE t", write=True)
    neo4j_store.run("MATCH (a:Actor) REMOVE a.claims_made, a.claims_received, a.claims_total, "
                    "a.name_key, a.alias_keys", write=True)
    neo4j_store.run("MATCH (c:Claim) REMOVE c.link", write=True)
    neo4j_store.create_schema()  # what open_store does for every command
    assert stored(neo4j_store) == expected
    assert neo4j_store.run("MATCH (c:Claim) RETURN c.id AS id, c.link AS link ORDER BY id") \
        == links
    person = next(a for ex in docs for a in ex.actors if a.aliases)
    assert resolve_actor(neo4j_store, person.aliases[0].upper()) == person.id
    assert resolve_actor(neo4j_store, person.name.lower()) == person.id

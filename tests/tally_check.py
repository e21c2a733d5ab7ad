"""The tallies a Neo4j store holds, beside what a recount in Python says they must be.

The store counts with set-based Cypher (graph/tally_build.py) or batch by batch
(graph/tallies.py); the oracle here is neither: ``tally_build.recount`` over the claims as
read back, the same Python arithmetic the unit tests of graph/tallies.py pin down.
"""
from __future__ import annotations

from typing import Any

from graph import tally_build

_CLAIMS = ("MATCH (s:Actor)-[:MADE]->(c:Claim)-[:IN]->(d:Document) "
           "OPTIONAL MATCH (c)-[:TARGETS]->(t:Actor) "
           "RETURN c.type AS type, s.id AS source, t.id AS target, d.id AS doc, c.date AS date")

Rows = list[dict[str, Any]]


def stored(store: Any) -> tuple[Rows, Rows]:
    t = store.run("MATCH (t:Tally) RETURN t.key AS key, t.claims AS claims, "
                  "t.documents AS documents, t.counterparts AS counterparts, "
                  "t.first_date AS first, t.last_date AS last ORDER BY key")
    a = store.run("MATCH (a:Actor) RETURN a.id AS id, a.claims_made AS made, "
                  "a.claims_received AS received, a.claims_total AS total ORDER BY id")
    return t, a


def recounted(store: Any) -> tuple[Rows, Rows]:
    rows, actors = tally_build.recount(store.run(_CLAIMS))
    t = sorted(({"key": r["key"], "claims": r["claims"], "documents": r["documents"],
                 "counterparts": r["counterparts"], "first": r["first"], "last": r["last"]}
                for r in rows), key=lambda r: r["key"])
    totals = {r["id"]: (r["made"], r["received"]) for r in actors}
    ids = [r["id"] for r in store.run("MATCH (a:Actor) RETURN a.id AS id ORDER BY id")]
    a = [{"id": i, "made": totals.get(i, (0, 0))[0], "received": totals.get(i, (0, 0))[1],
          "total": sum(totals.get(i, (0, 0)))} for i in ids]
    return t, a


def assert_tallies_match(store: Any) -> None:
    got, want = stored(store), recounted(store)
    assert want[0], "nothing to count"
    assert len(got[0]) == len(want[0]), (len(got[0]), len(want[0]))
    assert got == want

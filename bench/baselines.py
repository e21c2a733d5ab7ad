"""The obvious alternatives our stores are measured against.

(a) ``unwind_*``: the simplest correct bulk loader a competent person would write by hand with
    the raw driver / connection: per batch of documents, one ``UNWIND $rows MERGE`` statement
    per kind of row, all in one transaction. No duplicate checks, no sha256 skip, no retries.
(b) ``per_row_*``: one row (node or relationship) per transaction, the way a naive script that
    loops over records and calls ``session.run`` / ``conn.execute`` for each one behaves.

Both write the claim graph the stores write (documents, actors, claims and every relationship)
so that the figures compare like with like, with one difference on Neo4j: the store also keeps
its running totals (``(:Tally)`` nodes, ``Claim.link``; graph/tallies.py), counted once at the
end of a load into an empty graph (graph/tally_build.py) or batch by batch otherwise, and the
baselines write none, so ours/(a) includes their price. They assume the schema (constraints /
tables) already exists.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any, Iterable

from graph.store import batches
from graph.model import CLAIM_TYPES, Extraction

Rows = dict[str, list[dict[str, Any]]]


def rows_for(batch: list[Extraction]) -> Rows:
    """Flatten a batch of extractions into one list of parameter rows per kind."""
    out: Rows = defaultdict(list)
    seen_actors: set[str] = set()
    for ex in batch:
        d = ex.document
        for a in ex.actors:
            if a.id not in seen_actors:
                seen_actors.add(a.id)
                out["actor"].append({"id": a.id, "name": a.name, "kind": a.kind,
                                     "aliases": list(a.aliases)})
        out["doc"].append({"id": d.id, "title": d.title, "url": d.url,
                           "published": d.published, "source": d.source, "sha256": d.sha256})
        for c in ex.claims:
            out["claim"].append({"id": c.id, "type": c.type, "sentence": c.sentence,
                                 "quote": c.quote, "start": c.start, "stop": c.end,
                                 "date": c.date, "confidence": c.confidence,
                                 "extractor": c.extractor})
            out["made"].append({"id": c.id, "source": c.source_id})
            out["in"].append({"id": c.id, "doc": d.id})
            if c.target_id:
                out["targets"].append({"id": c.id, "target": c.target_id})
                out["typed:" + c.type].append({"id": c.id, "source": c.source_id,
                                               "target": c.target_id, "doc": d.id,
                                               "date": c.date, "sentence": c.sentence})
            if c.about_id:
                out["about"].append({"id": c.id, "about": c.about_id})
        for m in ex.memberships:
            out["member"].append({"member": m.member_id, "grp": m.group_id, "role": m.role})
        for aid in ex.mentioned:
            out["mention"].append({"doc": d.id, "actor": aid})
    return out


def _statements(end: str, in_rel: str) -> dict[str, str]:
    """One UNWIND statement per row kind; ``end`` / ``in_rel`` are the dialect's quoting
    (``end`` is reserved in Ladybug even as a map key, hence ``row.stop``)."""
    s = {
        "actor": "UNWIND $rows AS row MERGE (a:Actor {id: row.id}) "
                 "ON CREATE SET a.name = row.name, a.kind = row.kind, a.aliases = row.aliases",
        "doc": "UNWIND $rows AS row MERGE (d:Document {id: row.id}) SET d.title = row.title, "
               "d.url = row.url, d.published = row.published, d.source = row.source, "
               "d.sha256 = row.sha256",
        "claim": "UNWIND $rows AS row MERGE (c:Claim {id: row.id}) SET c.type = row.type, "
                 f"c.sentence = row.sentence, c.quote = row.quote, c.start = row.start, "
                 f"c.{end} = row.stop, c.date = row.date, c.confidence = row.confidence, "
                 "c.extractor = row.extractor",
        "made": "UNWIND $rows AS row MATCH (a:Actor {id: row.source}) "
                "MATCH (c:Claim {id: row.id}) MERGE (a)-[:MADE]->(c)",
        "in": "UNWIND $rows AS row MATCH (c:Claim {id: row.id}) "
              f"MATCH (d:Document {{id: row.doc}}) MERGE (c)-[:{in_rel}]->(d)",
        "targets": "UNWIND $rows AS row MATCH (c:Claim {id: row.id}) "
                   "MATCH (b:Actor {id: row.target}) MERGE (c)-[:TARGETS]->(b)",
        "about": "UNWIND $rows AS row MATCH (c:Claim {id: row.id}) "
                 "MATCH (o:Claim {id: row.about}) MERGE (c)-[:ABOUT]->(o)",
        "member": "UNWIND $rows AS row MATCH (a:Actor {id: row.member}) "
                  "MATCH (g:Actor {id: row.grp}) MERGE (a)-[r:MEMBER_OF]->(g) "
                  "SET r.role = row.role",
        "mention": "UNWIND $rows AS row MATCH (d:Document {id: row.doc}) "
                   "MATCH (a:Actor {id: row.actor}) MERGE (d)-[:MENTIONS]->(a)",
    }
    for t in CLAIM_TYPES:  # relationship types cannot be parameters; they come from the model
        s["typed:" + t] = (
            "UNWIND $rows AS row MATCH (a:Actor {id: row.source}) "
            "MATCH (b:Actor {id: row.target}) "
            f"MERGE (a)-[r:{t} {{claim_id: row.id}}]->(b) "
            "SET r.doc_id = row.doc, r.date = row.date, r.sentence = row.sentence"
        )
    return s


#: Order matters: nodes before the relationships that MATCH them.
ORDER: tuple[str, ...] = ("actor", "doc", "claim", "made", "in", "targets", "about") + tuple(
    "typed:" + t for t in CLAIM_TYPES) + ("member", "mention")
NEO4J_STATEMENTS = _statements("end", "IN")
LADYBUG_STATEMENTS = _statements("`end`", "`IN`")



# --- (a) hand-written UNWIND loaders ------------------------------------------------------------
def unwind_neo4j(driver: Any, extractions: Iterable[Extraction], batch_size: int,
                 database: str | None = None) -> int:
    """Return the number of claims written."""
    n = 0

    def work(tx: Any, rows: Rows) -> None:
        for kind in ORDER:
            if rows.get(kind):
                tx.run(NEO4J_STATEMENTS[kind], rows=rows[kind]).consume()

    with driver.session(database=database) as session:
        for batch in batches(extractions, batch_size):
            rows = rows_for(batch)
            session.execute_write(work, rows)
            n += len(rows["claim"])
    return n


def unwind_ladybug(conn: Any, extractions: Iterable[Extraction], batch_size: int) -> int:
    n = 0
    for batch in batches(extractions, batch_size):
        rows = rows_for(batch)
        conn.execute("BEGIN TRANSACTION")
        try:
            for kind in ORDER:
                if rows.get(kind):
                    conn.execute(LADYBUG_STATEMENTS[kind], {"rows": rows[kind]})
            conn.execute("COMMIT")
        except Exception:
            conn.execute("ROLLBACK")
            raise
        n += len(rows["claim"])
    return n


# --- (b) one row per transaction --------------------------------------------------------------
def per_row_neo4j(driver: Any, extractions: Iterable[Extraction],
                  database: str | None = None) -> int:
    n = 0
    with driver.session(database=database) as session:
        for ex in extractions:
            rows = rows_for([ex])
            for kind in ORDER:
                for row in rows.get(kind, ()):
                    session.execute_write(
                        lambda tx, q=NEO4J_STATEMENTS[kind], r=row: tx.run(q, rows=[r]).consume())
            n += len(rows["claim"])
    return n


def per_row_ladybug(conn: Any, extractions: Iterable[Extraction]) -> int:
    """Ladybug auto-commits each statement that runs outside an explicit transaction."""
    n = 0
    for ex in extractions:
        rows = rows_for([ex])
        for kind in ORDER:
            for row in rows.get(kind, ()):
                conn.execute(LADYBUG_STATEMENTS[kind], {"rows": [row]})
        n += len(rows["claim"])
    return n

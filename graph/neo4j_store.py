"""The claim graph on a Neo4j 5 server, through the official Bolt driver.

Every batch of documents is one managed write transaction (``execute_write``), so the driver
retries it whole on transient errors (deadlocks, leader switches) and a failure leaves no
document half-written. All data goes in as ``$rows`` parameters, relationship types included
(Cypher's dynamic types, checked against ``CLAIM_TYPES`` first): no statement is built from
data.
"""
from __future__ import annotations

import os
import threading
import time
from contextlib import contextmanager
from typing import Any, Callable, Iterable, Iterator, Optional
from urllib.parse import urlsplit, urlunsplit

import neo4j
from neo4j import Driver, GraphDatabase, ManagedTransaction
from neo4j import exceptions as nx
from neo4j.graph import Node, Path, Relationship

from graph.cypher_guard import assert_read_only, strip_literals
from graph.errors import QueryError, StoreError, first_line
from graph.model import CLAIM_TYPES, Extraction
from graph import tallies, tally_build
from graph.rows import BatchRows, Row, batch_rows, check
from graph.store import GraphStore, WriteSummary


class Neo4jAuthError(StoreError):
    """The server refused the credentials (or wants some): the CLI may prompt and retry."""


# ---- statements -------------------------------------------------------------------------

SCHEMA: tuple[str, ...] = (
    "CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE",
    "CREATE CONSTRAINT document_id IF NOT EXISTS FOR (d:Document) REQUIRE d.id IS UNIQUE",
    "CREATE CONSTRAINT claim_id IF NOT EXISTS FOR (c:Claim) REQUIRE c.id IS UNIQUE",
    "CREATE INDEX claim_type IF NOT EXISTS FOR (c:Claim) ON (c.type)",
    "CREATE INDEX claim_date IF NOT EXISTS FOR (c:Claim) ON (c.date)",
    "CREATE INDEX document_published IF NOT EXISTS FOR (d:Document) ON (d.published)",
    # Tallies (graph/tallies.py): one per key; ranked by claims within a level and type; found
    # by actor; per-actor totals ranked on the Actor node; a type's date range by index order.
    "CREATE CONSTRAINT tally_key IF NOT EXISTS FOR (t:Tally) REQUIRE t.key IS UNIQUE",
    "CREATE INDEX tally_rank IF NOT EXISTS FOR (t:Tally) ON (t.level, t.type, t.claims)",
    "CREATE INDEX tally_by_src IF NOT EXISTS FOR (t:Tally) ON (t.src, t.level, t.claims)",
    "CREATE INDEX tally_by_dst IF NOT EXISTS FOR (t:Tally) ON (t.dst, t.level, t.claims)",
    "CREATE INDEX actor_total IF NOT EXISTS FOR (a:Actor) ON (a.claims_total)",
    "CREATE INDEX actor_kind_name IF NOT EXISTS FOR (a:Actor) ON (a.kind, a.name)",
    # Actor parameters (graph/catalog.py resolve_actor): a name or an alias in any case.
    "CREATE INDEX actor_name_key IF NOT EXISTS FOR (a:Actor) ON (a.name_key)",
    "CREATE TEXT INDEX actor_alias_keys IF NOT EXISTS FOR (a:Actor) ON (a.alias_keys)",
    "CREATE INDEX claim_type_date IF NOT EXISTS FOR (c:Claim) ON (c.type, c.date)",
    # Claims between two actors (either way) in date order: between-actors at any pair size.
    "CREATE INDEX claim_link_date IF NOT EXISTS FOR (c:Claim) ON (c.link, c.date)",
    # Whether the tallies are live or left to one count at the end of a load
    # (graph/tally_build.py), and the loads writing now.
    "CREATE CONSTRAINT tally_state_id IF NOT EXISTS FOR (s:TallyState) REQUIRE s.id IS UNIQUE",
    "CREATE CONSTRAINT tally_writer_token IF NOT EXISTS "
    "FOR (w:TallyWriter) REQUIRE w.token IS UNIQUE",
)

# Takes the write lock of every document of the batch (creating a placeholder node for a new
# one; the uniqueness constraint makes a concurrent creator wait) before reading its sha256.
# Two loaders writing the same document are thereby serialised: the second sees the first's
# sha256 and skips. Ids arrive sorted, so overlapping batches lock in the same order.
_LOCK_DOCS = """
UNWIND $ids AS id
MERGE (d:Document {id: id})
SET d._lock = true
REMOVE d._lock
RETURN d.id AS id, d.sha256 AS sha256
"""
# A document's projected edges start at the speakers of its claims; matching them by doc_id
# from there avoids scanning every relationship in the graph.
_DELETE_TYPED = """
UNWIND $ids AS id
MATCH (s:Actor)-[:MADE]->(:Claim)-[:IN]->(:Document {id: id})
WITH DISTINCT s, id
MATCH (s)-[r]->(:Actor)
WHERE r.doc_id = id AND type(r) IN $types
DELETE r
"""
_DELETE_CLAIMS = """
UNWIND $ids AS id
MATCH (c:Claim)-[:IN]->(:Document {id: id})
DETACH DELETE c
"""
_DELETE_MENTIONS = """
UNWIND $ids AS id
MATCH (:Document {id: id})-[m:MENTIONS]->(:Actor)
DELETE m
"""
# An actor already stored is written only when it brings a new alias: a busy actor is in most
# batches, and rewriting it each time took its lock and its index entries for nothing.
_MERGE_ACTORS = """
UNWIND $rows AS row
MERGE (a:Actor {id: row.id})
ON CREATE SET a.name = row.name, a.kind = row.kind, a.aliases = row.aliases,
    a.claims_made = 0, a.claims_received = 0, a.claims_total = 0,
    a.name_key = toLower(row.name),
    a.alias_keys = reduce(k = '\u001f', x IN row.aliases | k + toLower(x) + '\u001f')
WITH a, [x IN row.aliases WHERE NOT x IN coalesce(a.aliases, [])] AS new
WHERE size(new) > 0 OR a.name_key IS NULL
SET a.aliases = coalesce(a.aliases, []) + new
SET a.name_key = toLower(a.name),
    a.alias_keys = reduce(k = '\u001f', x IN a.aliases | k + toLower(x) + '\u001f')
"""
_MERGE_DOCS = """
UNWIND $rows AS row
MERGE (d:Document {id: row.id})
SET d.title = row.title, d.url = row.url, d.published = row.published,
    d.source = row.source, d.sha256 = row.sha256
"""
# The batch holds its documents' locks and has deleted the old claims, edges and mentions of
# the changed ones, so nothing this statement creates can exist yet: CREATE, never MERGE (MERGE
# of a typed edge between two busy actors scanned every edge of the type between them and took
# ~60% of write time). The typed edge's type is a parameter (Cypher 5.26 dynamic types), one
# of CLAIM_TYPES (rows.check), never spliced into the text; one statement per batch instead of
# one per claim type.
_CREATE_CLAIMS = """
UNWIND $rows AS row
MATCH (s:Actor {id: row.source})
MATCH (d:Document {id: row.doc})
CREATE (c:Claim {id: row.id, type: row.type, sentence: row.sentence, quote: row.quote,
                 start: row.start, end: row.stop, date: row.date, confidence: row.confidence,
                 extractor: row.extractor, link: row.link})
CREATE (s)-[:MADE]->(c)-[:IN]->(d)
WITH s, c, row
WHERE row.target IS NOT NULL
MATCH (t:Actor {id: row.target})
CREATE (c)-[:TARGETS]->(t)
CREATE (s)-[:$(row.type) {claim_id: row.id, doc_id: row.doc, date: row.date,
                          sentence: row.sentence}]->(t)
"""
_MERGE_ABOUT = """
UNWIND $rows AS row
MATCH (c:Claim {id: row.id})
MATCH (o:Claim {id: row.about})
MERGE (c)-[:ABOUT]->(o)
"""
_MERGE_MEMBER_OF = """
UNWIND $rows AS row
MATCH (m:Actor {id: row.member_id})
MATCH (g:Actor {id: row.group_id})
MERGE (m)-[r:MEMBER_OF]->(g)
SET r.role = CASE WHEN row.role <> '' THEN row.role ELSE coalesce(r.role, '') END
"""
_CREATE_MENTIONS = """
UNWIND $rows AS row
MATCH (d:Document {id: row.doc})
MATCH (a:Actor {id: row.actor})
CREATE (d)-[:MENTIONS]->(a)
"""
# ---- tallies (graph/tallies.py) ----
# The claims of changed documents, read before they are deleted, to take them off the tallies.
_OLD_CLAIMS = """
UNWIND $ids AS id
MATCH (s:Actor)-[:MADE]->(c:Claim)-[:IN]->(:Document {id: id})
OPTIONAL MATCH (c)-[:TARGETS]->(t:Actor)
RETURN c.type AS type, s.id AS source, t.id AS target, id AS doc, c.date AS date
"""
# "SET t.claims = t.claims + row.claims" reads the count under the write lock that Cypher takes
# for a SET whose right-hand side reads the same entity, so two loaders adding to one tally
# never lose an update. A tally exists exactly while it counts a claim: "before = 0" means it
# was just created, "after = 0" that it is deleted here. After a removal the dates may be stale
# (the removed claim held the first or last date): the caller reads them again. Only those
# rows come back.
_TALLY_SET = """
UNWIND $rows AS row
MERGE (t:Tally {key: row.key})
ON CREATE SET t.level = row.level, t.type = row.type, t.src = row.src, t.dst = row.dst,
    t.claims = 0, t.documents = 0, t.counterparts = 0,
    t.first_date = row.first, t.last_date = row.last
SET t.claims = t.claims + row.claims, t.documents = t.documents + row.documents,
    t.counterparts = t.counterparts + row.counterparts,
    t.first_date = CASE WHEN row.claims > 0 AND row.first < t.first_date
                        THEN row.first ELSE t.first_date END,
    t.last_date = CASE WHEN row.claims > 0 AND row.last > t.last_date
                       THEN row.last ELSE t.last_date END
WITH t, row, t.claims AS after
"""
# Adding (every batch): nothing is deleted, so no Eager barrier; only new tallies come back.
_ADD_TALLIES = _TALLY_SET + """
WITH row, after, after - row.claims AS before
WHERE before <= 0
RETURN row.key AS key, before, after, false AS stale
"""
# Taking off (changed documents only): a tally down to 0 is deleted.
_TAKE_TALLIES = _TALLY_SET + """
WITH t, row, after, after - row.claims AS before,
     after > 0 AND (row.first <= t.first_date OR row.last >= t.last_date) AS stale
FOREACH (_ IN CASE WHEN after <= 0 THEN [1] ELSE [] END | DELETE t)
WITH row, before, after, stale
WHERE after <= 0 OR stale
RETURN row.key AS key, before, after, stale
"""
_ACTOR_TOTALS = """
UNWIND $rows AS row
MATCH (a:Actor {id: row.id})
SET a.claims_made = coalesce(a.claims_made, 0) + row.made,
    a.claims_received = coalesce(a.claims_received, 0) + row.received
SET a.claims_total = a.claims_made + a.claims_received
"""
# Dates read again from the claims, per level, for tallies a removal may have left stale.
def _redate(match: str, dated: str = "c") -> str:
    return (f"UNWIND $rows AS row\nMATCH (t:Tally {{key: row.key}})\n{match}\n"
            f"WITH t, min({dated}.date) AS first, max({dated}.date) AS last\n"
            "SET t.first_date = first, t.last_date = last\n")


_REDATE = {
    "pair": _redate("MATCH (:Actor {id: row.src})-[r]->(:Actor {id: row.dst})\n"
                    "WHERE type(r) = row.type", "r"),
    "link": _redate("MATCH (:Actor {id: row.src})-[r]-(:Actor {id: row.dst})\n"
                    "WHERE type(r) = row.type", "r"),
    "open": _redate("MATCH (s:Actor {id: row.src})-[:MADE]->(c:Claim {type: row.type})\n"
                    "WHERE NOT EXISTS { (c)-[:TARGETS]->(o:Actor) WHERE o <> s }"),
    "made": _redate("MATCH (:Actor {id: row.src})-[:MADE]->(c:Claim {type: row.type})"
                    "-[:TARGETS]->(:Actor)"),
    "said": _redate("MATCH (:Actor {id: row.src})-[:MADE]->(c:Claim {type: row.type})"),
    "received": _redate("MATCH (:Actor {id: row.dst})<-[:TARGETS]-(c:Claim {type: row.type})"),
    # Index order on (type, date) gives a type's first and last date without reading its
    # claims (the planner wants every leading index property in the ORDER BY).
    "type": """
UNWIND $rows AS row
MATCH (t:Tally {key: row.key})
CALL (row) {
  MATCH (c:Claim) WHERE c.type = row.type AND c.date >= ''
  RETURN c.date AS first ORDER BY c.type, c.date LIMIT 1
}
CALL (row) {
  MATCH (c:Claim) WHERE c.type = row.type AND c.date >= ''
  RETURN c.date AS last ORDER BY c.type DESC, c.date DESC LIMIT 1
}
SET t.first_date = first, t.last_date = last
""",
}
# A graph written before tallies existed (not one whose tallies a load left to its end).
_NEEDS_TALLIES = """
OPTIONAL MATCH (s:TallyState {id: 'tallies'})
RETURN COUNT { (c:Claim) } > 0 AND COUNT { (t:Tally) } = 0 AS needed,
       coalesce(s.deferred, false) AS deferred
"""
# Claims written before Claim.link existed get it when the tallies are first counted.
_LINK_CLAIMS = """
MATCH (s:Actor)-[:MADE]->(c:Claim)-[:TARGETS]->(t:Actor)
WHERE c.link IS NULL AND s <> t
CALL (s, c, t) {
  SET c.link = CASE WHEN s.id < t.id THEN s.id + $sep + t.id ELSE t.id + $sep + s.id END
} IN TRANSACTIONS OF 20000 ROWS
"""
_ZERO_ACTORS = """
MATCH (a:Actor) WHERE a.claims_total IS NULL OR a.claims_total <> 0 OR a.name_key IS NULL
WITH a LIMIT $limit
SET a.claims_made = 0, a.claims_received = 0, a.claims_total = 0,
    a.name_key = toLower(a.name),
    a.alias_keys = reduce(k = '\u001f', x IN coalesce(a.aliases, []) | k + toLower(x) + '\u001f')
RETURN count(*) AS n
"""
# Relationships first: DETACH DELETE of a busy actor deletes all of its edges in the one
# transaction (300k at a million claims), which ran out of transaction memory. One scan each,
# committed every $limit rows (a LIMIT loop rescans the deleted records from the start).
_CLEAR_RELS = "MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF $limit ROWS"
_CLEAR_NODES = "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF $limit ROWS"


# ---- helpers ----------------------------------------------------------------------------


def safe_uri(uri: str) -> str:
    """The URI without user info or query, fit for messages (never shows a password)."""
    try:
        parts = urlsplit(uri)
        host = parts.hostname or ""
        netloc = f"[{host}]" if ":" in host else host
        if parts.port:
            netloc += f":{parts.port}"
        return urlunsplit((parts.scheme, netloc, parts.path, "", ""))
    except ValueError:
        return uri.split("@")[-1].split("?")[0]


def _split_userinfo(uri: str) -> tuple[str, Optional[str], Optional[str]]:
    """``bolt://user:pw@host`` → (``bolt://host``, user, pw); the driver wants auth apart."""
    try:
        parts = urlsplit(uri)
    except ValueError:
        return uri, None, None
    if parts.username is None and parts.password is None:
        return uri, None, None
    host = parts.hostname or ""
    netloc = f"[{host}]" if ":" in host else host
    if parts.port:
        netloc += f":{parts.port}"
    clean = urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
    return clean, parts.username, parts.password


def _plain(value: Any) -> Any:
    """Driver values → plain Python, the same shapes the Ladybug store returns."""
    if isinstance(value, Node):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, Relationship):
        out = {k: _plain(v) for k, v in value.items()}
        out["type"] = value.type
        return out
    if isinstance(value, Path):
        items: list[Any] = [_plain(value.start_node)]
        for rel in value.relationships:
            items.append(_plain(rel))
            items.append(_plain(rel.end_node))
        return items
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    iso = getattr(value, "iso_format", None)  # neo4j.time Date/DateTime/Time/Duration
    if callable(iso) and type(value).__module__.startswith("neo4j"):
        return iso()
    return value


def _claim_rows(rows: BatchRows) -> list[Row]:
    """The batch's claims as ``tallies.deltas`` takes them."""
    return [{"type": c["type"], "source": c["source"], "doc": c["doc"], "date": c["date"],
             "target": rows.targets[i]["target"] if i in rows.targets else None}
            for i, c in rows.claims.items()]


def _apply_tallies(tx: ManagedTransaction, d: tallies.Deltas) -> list[Row]:
    """Add a batch's deltas level by level (pairs decide the counterpart counts of made and
    received, which decide the speaker counts of types); returns the tallies whose dates a
    removal may have left stale."""
    stale: list[Row] = []

    def upsert(rows: list[Row]) -> tuple[list[str], list[str]]:
        born: list[str] = []
        gone: list[str] = []
        if not rows:
            return born, gone
        by_key = {r["key"]: r for r in rows}
        for rec in tx.run(_ADD_TALLIES if d.sign > 0 else _TAKE_TALLIES, rows=rows):
            if rec["before"] <= 0 < rec["after"]:
                born.append(rec["key"])
            elif rec["after"] <= 0 < rec["before"]:
                gone.append(rec["key"])
            if rec["stale"]:
                stale.append(by_key[rec["key"]])
        return born, gone

    born, gone = upsert(d.rows("pair") + d.rows("link") + d.rows("open"))
    cp = tallies.counterpart_changes(born, +1)
    for k, v in tallies.counterpart_changes(gone, -1).items():
        cp[k] = cp.get(k, 0) + v
    born, gone = upsert(d.rows("made", cp) + d.rows("received", cp) + d.rows("said"))
    sp = tallies.speaker_changes(born, +1)
    for k, v in tallies.speaker_changes(gone, -1).items():
        sp[k] = sp.get(k, 0) + v
    upsert(d.rows("type", sp))
    actors = d.actor_rows()
    if actors:
        tx.run(_ACTOR_TOTALS, rows=actors).consume()
    return stale


def _link(source: str, target: Optional[str]) -> Optional[str]:
    """``Claim.link``: the two actors of a claim between two actors, in id order (None for a
    claim without another actor as target), so one index finds a pair's claims either way."""
    if not target or target == source:
        return None
    return tallies.SEP.join(sorted((source, target)))


def _statements(rows: BatchRows) -> list[tuple[str, list[dict[str, Any]]]]:
    """(statement, rows) pairs for a batch, in write order: nodes before the edges using them."""
    claims = []
    for i, c in rows.claims.items():
        target = rows.targets[i]["target"] if i in rows.targets else None
        claims.append({**c, "target": target, "link": _link(c["source"], target)})
    stmts: list[tuple[str, list[dict[str, Any]]]] = [
        (_MERGE_ACTORS, list(rows.actors.values())),
        (_MERGE_DOCS, rows.docs),
        (_CREATE_CLAIMS, claims),
        (_MERGE_ABOUT, list(rows.about.values())),
        (_MERGE_MEMBER_OF, list(rows.members.values())),
        (_CREATE_MENTIONS, list(rows.mentions.values())),
    ]
    return [(s, r) for s, r in stmts if r]


# ---- the store --------------------------------------------------------------------------


class Neo4jStore(GraphStore):
    """A claim graph in one Neo4j database; safe to share the driver across threads."""

    engine = "neo4j"

    def __init__(self, driver: Driver, database: Optional[str] = None, uri: str = "") -> None:
        self._driver: Optional[Driver] = driver
        self.database = database or os.environ.get("NEO4J_DATABASE") or None
        self.uri = safe_uri(uri) if uri else "neo4j"
        self._local = threading.local()  # the registration of the load this thread runs

    @classmethod
    def from_uri(cls, uri: str, username: Optional[str] = None, password: Optional[str] = None,
                 database: Optional[str] = None, verify: bool = True) -> "Neo4jStore":
        """Connect with credentials from the arguments, the URI, or NEO4J_USERNAME/PASSWORD.

        With none at all the driver connects without auth (a server with auth disabled); a
        server that wants auth then raises ``Neo4jAuthError`` so the CLI can prompt.
        """
        clean, uri_user, uri_password = _split_userinfo(uri)
        user = username or uri_user or os.environ.get("NEO4J_USERNAME")
        secret = password if password is not None else (
            uri_password if uri_password is not None else os.environ.get("NEO4J_PASSWORD"))
        auth = (user or "neo4j", secret or "") if (user or secret) else None
        shown = safe_uri(clean)
        try:
            driver = GraphDatabase.driver(
                clean, auth=auth, connection_timeout=10.0, max_transaction_retry_time=15.0,
                user_agent="claimgraph",
                # The driver logs server notifications ("unknown relationship type" on a fresh
                # graph) at WARNING, which Python prints to stderr when nothing configured
                # logging; library code never prints.
                notifications_min_severity="OFF",
            )
        except (nx.ConfigurationError, ValueError) as exc:
            raise StoreError(f"invalid Neo4j URI {shown}: {first_line(exc)}") from None
        store = cls(driver, database=database, uri=clean)
        if verify:
            try:
                driver.verify_connectivity()
            except BaseException as exc:
                driver.close()
                if isinstance(exc, Exception):
                    raise store._error(exc, "connect") from None
                raise
        return store

    def __repr__(self) -> str:
        return f"Neo4jStore({self.uri!r}, database={self.database!r})"

    # -- plumbing --

    def _session(self, write: bool) -> neo4j.Session:
        if self._driver is None:
            raise StoreError(f"Neo4j store {self.uri} is closed")
        mode = neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS
        return self._driver.session(database=self.database, default_access_mode=mode)

    def _error(self, exc: Exception, doing: str) -> Exception:
        """One clear line for a driver failure; never includes credentials."""
        if isinstance(exc, (StoreError, QueryError)):
            return exc
        reason = first_line(exc)
        if isinstance(exc, nx.AuthError):
            return Neo4jAuthError(
                f"Neo4j at {self.uri} refused the credentials (set NEO4J_USERNAME and "
                f"NEO4J_PASSWORD): {reason}")
        if isinstance(exc, (nx.ServiceUnavailable, nx.SessionExpired, OSError)):
            return StoreError(f"cannot reach Neo4j at {self.uri}: {reason}")
        if isinstance(exc, nx.Neo4jError):
            code = exc.code or ""
            if code.startswith("Neo.ClientError.Security."):
                return Neo4jAuthError(f"Neo4j at {self.uri} refused access: {reason}")
            if code == "Neo.ClientError.Database.DatabaseNotFound":
                return StoreError(f"Neo4j at {self.uri} has no database {self.database!r}")
            if code == "Neo.ClientError.Statement.AccessMode":
                return QueryError(f"read-only query refused by Neo4j: {reason}")
            if code.startswith(("Neo.ClientError.Statement.", "Neo.ClientError.Procedure.")):
                return QueryError(f"Neo4j rejected the query: {reason}")
            return StoreError(f"Neo4j failed to {doing} ({code}): {reason}")
        if isinstance(exc, ValueError):  # the driver's way to say "cannot resolve host"
            if "resolve" in reason.lower():
                return StoreError(f"cannot reach Neo4j at {self.uri}: {reason}")
            if doing == "run the query":
                return QueryError(f"Neo4j cannot take these parameters: {reason}")
            return StoreError(f"Neo4j driver failed to {doing} at {self.uri}: {reason}")
        if isinstance(exc, nx.DriverError):
            return StoreError(f"Neo4j driver failed to {doing} at {self.uri}: {reason}")
        return exc

    # -- GraphStore --

    def create_schema(self) -> None:
        try:
            with self._session(write=True) as session:
                for stmt in SCHEMA:
                    try:
                        session.execute_write(lambda tx, s=stmt: tx.run(s).consume())
                    except nx.ClientError as exc:
                        # Another process created the same rule at the same moment.
                        if "EquivalentSchemaRuleAlreadyExists" not in (exc.code or ""):
                            raise
                session.run("CALL db.awaitIndexes(300)").consume()
                state = session.execute_read(lambda tx: tx.run(_NEEDS_TALLIES).single().data())
        except Exception as exc:
            raise self._error(exc, "create the schema") from None
        if state["deferred"]:
            # Tallies a load left to its end: count them now if every such load is gone (it
            # died); otherwise the last one counts them when it finishes.
            writer = self._register(wait=False)
            if writer is not None:
                self._leave(writer)
        elif state["needed"]:  # a graph written before tallies existed: count once
            self.rebuild_tallies()

    def totals_live(self) -> bool:
        """Whether the tallies count every stored claim; False while loads that left them to
        their end are running (canned queries then read the claims)."""
        try:
            with self._session(write=False) as session:
                deferred = session.execute_read(
                    lambda tx: tx.run(tally_build.DEFERRED).single()["deferred"])
        except Exception as exc:
            raise self._error(exc, "read the state of the tallies") from None
        return not deferred

    def rebuild_tallies(self, chunk: int = 20_000) -> int:
        """Count every tally again from the claims (a store written before tallies existed);
        returns the number of tallies.

        Runs in chunked transactions, so readers may see partial totals meanwhile; loads
        should not run at the same time."""
        try:
            with self._session(write=True) as session:
                while session.execute_write(
                        lambda tx: int(tx.run(_ZERO_ACTORS, limit=chunk).single()["n"])) > 0:
                    pass
                session.run(_LINK_CLAIMS, sep=tallies.SEP).consume()  # its own transactions
                self._count_all(session, chunk)
                return int(session.run("MATCH (t:Tally) RETURN count(t) AS n").single()["n"])
        except Exception as exc:
            raise self._error(exc, "rebuild the tallies") from None

    @staticmethod
    def _count_all(session: neo4j.Session, chunk: int, token: str = "") -> None:
        """The set-based count (graph/tally_build.py); with a token, between levels it proves
        the count is still this process's and shows that it is alive."""
        def beat() -> None:
            if token and session.execute_write(
                    lambda tx: tx.run(tally_build.COUNT_BEAT, token=token).single()) is None:
                raise StoreError("the count of the tallies was taken over by another process "
                                 "(this one was silent too long); it finishes the count")

        params = tally_build.count_params(chunk)
        session.run(tally_build.DROP_TALLIES, chunk=chunk).consume()
        beat()
        session.run(tally_build.COUNT_ACTORS, chunk=chunk).consume()
        for statement in tally_build.COUNT_LEVELS.values():
            beat()
            session.run(statement, params).consume()

    # -- loads and the tallies (graph/tally_build.py) --

    @contextmanager
    def loading(self) -> Iterator[None]:
        """Hold one registration across many ``write`` calls (the CLI writes batch by batch),
        so a load into an empty graph counts its tallies once, at the end."""
        if getattr(self._local, "writer", None) is not None:
            yield
            return
        writer = self._register()
        self._local.writer = writer
        failed = True
        try:
            yield
            failed = False
        finally:
            self._local.writer = None
            self._leave(writer, quiet=failed)

    def write(self, extractions: Iterable[Extraction], batch_size: int = 50,
              on_batch: Optional[Callable[[list[str]], None]] = None) -> WriteSummary:
        with self.loading():
            return super().write(extractions, batch_size=batch_size, on_batch=on_batch)

    def _register(self, wait: bool = True) -> Optional[tally_build.Writer]:
        """Join the registered writers (deferred when the graph is empty and nobody else
        writes); waits while a count runs, or redoes a count whose owner died."""
        token = tally_build.new_token()
        mine = tally_build.me(token)

        def join(tx: ManagedTransaction) -> tuple[str, bool]:
            state = tx.run(tally_build.STATE).single().data()
            dead, count = tally_build.judge(state, token)
            if dead:
                tx.run(tally_build.DROP_WRITERS, tokens=dead).consume()
            if count == "wait":
                return "wait", True
            if count == "take":
                tx.run(tally_build.START_COUNT, me=mine).consume()
                return "count", True
            others = len(state["writers"]) - len(dead)
            deferred = bool(state["deferred"] or (others == 0 and state["empty"]))
            tx.run(tally_build.JOIN, me=mine, deferred=deferred).consume()
            return "joined", deferred

        try:
            while True:
                with self._session(write=True) as session:
                    action, deferred = session.execute_write(join)
                    if action == "count":
                        self._count(session, token)
                        continue
                if action == "joined":
                    return tally_build.Writer(token, deferred)
                if not wait:
                    tally_build.forget_token(token)
                    return None
                time.sleep(0.5)  # a count is running: seconds per 100k claims
        except Exception as exc:
            tally_build.forget_token(token)
            raise self._error(exc, "register the load") from None

    def _leave(self, writer: tally_build.Writer, quiet: bool = False) -> None:
        """Deregister; the last deferred writer to leave counts the tallies. With ``quiet``
        (the load already failed) a failure here is not raised over the first one."""
        mine = tally_build.me(writer.token)

        def depart(tx: ManagedTransaction) -> bool:
            state = tx.run(tally_build.STATE).single().data()
            tx.run(tally_build.LEAVE, token=writer.token).consume()
            dead, count = tally_build.judge(state, writer.token)
            if dead:
                tx.run(tally_build.DROP_WRITERS, tokens=dead).consume()
            others = sum(1 for w in state["writers"]
                         if w.get("token") not in dead and w.get("token") != writer.token)
            if others == 0 and count != "wait" and (state["deferred"] or count == "take"):
                tx.run(tally_build.START_COUNT, me=mine).consume()
                return True
            return False

        try:
            with self._session(write=True) as session:
                if session.execute_write(depart):
                    self._count(session, writer.token)
        except Exception as exc:
            if not quiet:
                raise self._error(exc, "count the tallies") from None
        finally:
            tally_build.forget_token(writer.token)

    def _count(self, session: neo4j.Session, token: str, chunk: int = 20_000) -> None:
        self._count_all(session, chunk, token)
        if session.execute_write(
                lambda tx: tx.run(tally_build.END_COUNT, token=token).single()) is None:
            raise StoreError("the count of the tallies was taken over by another process")

    def _write_documents(self, by_id: dict[str, Extraction]) -> tuple[list[str], list[str]]:
        """One retried managed transaction for the batch."""
        writer = getattr(self._local, "writer", None)
        if writer is None:
            raise StoreError("Neo4jStore._write_documents called outside write()/loading()")
        # Validate every document before the transaction: a bad one fails the batch before
        # anything is sent. The rows themselves are built once, inside, for the documents
        # that are not already stored.
        for ex in by_id.values():
            check(ex)
        try:
            with self._session(write=True) as session:
                written, skipped = session.execute_write(self._write_batch, by_id, writer)
        except Exception as exc:
            err = self._error(exc, "write")
            docs = ", ".join(list(by_id)[:3]) + (" …" if len(by_id) > 3 else "")
            if err is exc:
                # Values the driver cannot send (an integer beyond 64 bits, …): the
                # transaction was rolled back like any other failure.
                raise StoreError(
                    f"write failed, batch rolled back (documents {docs}): "
                    f"{type(exc).__name__}: {first_line(exc)}") from exc
            raise type(err)(f"{err} (batch rolled back: documents {docs})") from None
        return written, skipped

    @staticmethod
    def _write_batch(tx: ManagedTransaction, by_id: dict[str, Extraction],
                     writer: tally_build.Writer) -> tuple[list[str], list[str]]:
        """The transaction function; may run more than once (retries), so it reads first."""
        fence = tx.run(tally_build.BEAT, token=writer.token).single()
        if fence is None or bool(fence["deferred"]) != writer.deferred:
            raise StoreError("this load was taken for dead (no batch for "
                             f"{tally_build.STALE_MS // 60000} minutes) and its registration "
                             "dropped; run it again (nothing of this batch was written)")
        locked = tx.run(_LOCK_DOCS, ids=sorted(by_id))
        existing = {r["id"]: r["sha256"] for r in locked if r["sha256"] is not None}
        todo = [ex for i, ex in by_id.items() if existing.get(i) != ex.document.sha256]
        skipped = [i for i, ex in by_id.items() if existing.get(i) == ex.document.sha256]
        changed = [ex.document.id for ex in todo if ex.document.id in existing]
        live = not writer.deferred  # deferred: the tallies are counted once, at the end
        stale: list[Row] = []
        if changed:
            old = [dict(r) for r in tx.run(_OLD_CLAIMS, ids=changed)] if live else []
            tx.run(_DELETE_TYPED, ids=changed, types=list(CLAIM_TYPES)).consume()
            tx.run(_DELETE_CLAIMS, ids=changed).consume()
            tx.run(_DELETE_MENTIONS, ids=changed).consume()
            if old:
                stale = _apply_tallies(tx, tallies.deltas(old, sign=-1))
        batch = batch_rows(todo)
        for stmt, rows in _statements(batch):
            tx.run(stmt, rows=rows).consume()
        if live:
            _apply_tallies(tx, tallies.deltas(_claim_rows(batch)))
        for level in tallies.LEVELS:
            rows = [r for r in stale if r["level"] == level]
            if rows:
                tx.run(_REDATE[level], rows=rows).consume()
        return [ex.document.id for ex in todo], skipped

    def run(self, cypher: str, params: Optional[dict[str, Any]] = None,
            write: bool = False) -> list[dict[str, Any]]:
        """Reads go through a read transaction (routed to a reader on a cluster) and the
        lexical guard, since a single server does not refuse CREATE in a read transaction."""
        params = dict(params or {})

        def work(tx: ManagedTransaction) -> list[dict[str, Any]]:
            result = tx.run(cypher, params)
            return [{k: _plain(v) for k, v in record.items()} for record in result]

        if not write:
            assert_read_only(cypher)
        try:
            with self._session(write=write) as session:
                if write and _needs_autocommit(cypher):
                    result = session.run(cypher, params)
                    return [{k: _plain(v) for k, v in r.items()} for r in result]
                if write:
                    return session.execute_write(work)
                return session.execute_read(work)
        except Exception as exc:
            err = self._error(exc, "run the query")
            if err is exc:
                raise
            raise err from None

    def stats(self) -> dict[str, Any]:
        def work(tx: ManagedTransaction) -> dict[str, Any]:
            def count(q: str) -> int:
                return int(tx.run(q).single()["n"])

            by_type = {r["t"]: int(r["n"]) for r in tx.run(
                "MATCH (c:Claim) RETURN c.type AS t, count(*) AS n")}
            by_kind = {r["k"]: int(r["n"]) for r in tx.run(
                "MATCH (a:Actor) RETURN a.kind AS k, count(*) AS n")}
            return {
                "actors": count("MATCH (a:Actor) RETURN count(a) AS n"),
                "actors_by_kind": {k: by_kind[k] for k in sorted(by_kind) if by_kind[k]},
                "claims": count("MATCH (c:Claim) RETURN count(c) AS n"),
                "claims_by_type": {t: by_type[t] for t in sorted(by_type) if by_type[t]},
                "documents": count("MATCH (d:Document) RETURN count(d) AS n"),
                "memberships": count(
                    "MATCH (:Actor)-[r:MEMBER_OF]->(:Actor) RETURN count(r) AS n"),
                "mentions": count("MATCH (:Document)-[r:MENTIONS]->(:Actor) RETURN count(r) AS n"),
            }

        try:
            with self._session(write=False) as session:
                return session.execute_read(work)
        except Exception as exc:
            raise self._error(exc, "read stats") from None

    def clear(self, chunk: int = 10_000) -> None:
        """Delete in chunks, each its own transaction, so a big graph never needs one huge
        transaction's memory."""
        try:
            with self._session(write=True) as session:
                for statement in (_CLEAR_RELS, _CLEAR_NODES):
                    session.run(statement, limit=chunk).consume()  # its own transactions
        except Exception as exc:
            raise self._error(exc, "clear the graph") from None

    def close(self) -> None:
        driver, self._driver = self._driver, None
        if driver is not None:
            driver.close()


def _needs_autocommit(cypher: str) -> bool:
    """``CALL { … } IN TRANSACTIONS`` and some admin commands cannot run in an explicit
    transaction."""
    text = " ".join(strip_literals(cypher).upper().split())
    return " IN TRANSACTIONS" in text or " IN CONCURRENT TRANSACTIONS" in text

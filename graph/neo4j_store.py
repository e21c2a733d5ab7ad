"""The claim graph on a Neo4j 5 server, through the official Bolt driver.

Every batch of documents is one managed write transaction (``execute_write``), so the driver
retries it whole on transient errors (deadlocks, leader switches) and a failure leaves no
document half-written. All data goes in as ``$rows`` parameters; the only text ever put into a
statement is a relationship type, and that is checked against ``CLAIM_TYPES`` first.
"""
from __future__ import annotations

import os
from typing import Any, Optional
from urllib.parse import urlsplit, urlunsplit

import neo4j
from neo4j import Driver, GraphDatabase, ManagedTransaction
from neo4j import exceptions as nx
from neo4j.graph import Node, Path, Relationship

from graph.cypher_guard import assert_read_only, strip_literals
from graph.errors import QueryError, StoreError, first_line
from graph.model import CLAIM_TYPES, Extraction
from graph.rows import batch_rows
from graph.store import GraphStore


class Neo4jAuthError(StoreError):
    """The server refused the credentials (or wants some): the CLI may prompt and retry."""


# ---- statements -------------------------------------------------------------------------

SCHEMA: tuple[str, ...] = (
    "CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE",
    "CREATE CONSTRAINT document_id IF NOT EXISTS FOR (d:Document) REQUIRE d.id IS UNIQUE",
    "CREATE CONSTRAINT claim_id IF NOT EXISTS FOR (c:Claim) REQUIRE c.id IS UNIQUE",
    "CREATE INDEX claim_type IF NOT EXISTS FOR (c:Claim) ON (c.type)",
    "CREATE INDEX claim_date IF NOT EXISTS FOR (c:Claim) ON (c.date)",
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
_MERGE_ACTORS = """
UNWIND $rows AS row
MERGE (a:Actor {id: row.id})
ON CREATE SET a.name = row.name, a.kind = row.kind, a.aliases = row.aliases
ON MATCH SET a.aliases = coalesce(a.aliases, [])
    + [x IN row.aliases WHERE NOT x IN coalesce(a.aliases, [])]
"""
_MERGE_DOCS = """
UNWIND $rows AS row
MERGE (d:Document {id: row.id})
SET d.title = row.title, d.url = row.url, d.published = row.published,
    d.source = row.source, d.sha256 = row.sha256
"""
_MERGE_CLAIMS = """
UNWIND $rows AS row
MATCH (s:Actor {id: row.source})
MATCH (d:Document {id: row.doc})
MERGE (c:Claim {id: row.id})
SET c.type = row.type, c.sentence = row.sentence, c.quote = row.quote, c.start = row.start,
    c.end = row.stop, c.date = row.date, c.confidence = row.confidence,
    c.extractor = row.extractor
MERGE (s)-[:MADE]->(c)
MERGE (c)-[:IN]->(d)
"""
_MERGE_TARGETS = """
UNWIND $rows AS row
MATCH (c:Claim {id: row.id})
MATCH (t:Actor {id: row.target})
MERGE (c)-[:TARGETS]->(t)
"""
_MERGE_ABOUT = """
UNWIND $rows AS row
MATCH (c:Claim {id: row.id})
MATCH (o:Claim {id: row.about})
MERGE (c)-[:ABOUT]->(o)
"""
# {t} is a relationship type from CLAIM_TYPES (checked in _typed_statement), never user text.
# CREATE, not MERGE: the batch holds its documents' locks and has deleted their old claims and
# edges, so an edge of this claim cannot exist yet; MERGE between two busy actors scanned every
# edge of the type between them and took ~60% of write time.
_MERGE_TYPED = """
UNWIND $rows AS row
MATCH (a:Actor {{id: row.source}})
MATCH (b:Actor {{id: row.target}})
CREATE (a)-[:{t} {{claim_id: row.id, doc_id: row.doc, date: row.date, sentence: row.sentence}}]->(b)
"""
_MERGE_MEMBER_OF = """
UNWIND $rows AS row
MATCH (m:Actor {id: row.member_id})
MATCH (g:Actor {id: row.group_id})
MERGE (m)-[r:MEMBER_OF]->(g)
SET r.role = CASE WHEN row.role <> '' THEN row.role ELSE coalesce(r.role, '') END
"""
_MERGE_MENTIONS = """
UNWIND $rows AS row
MATCH (d:Document {id: row.doc})
MATCH (a:Actor {id: row.actor})
MERGE (d)-[:MENTIONS]->(a)
"""
_CLEAR_CHUNK = "MATCH (n) WITH n LIMIT $limit DETACH DELETE n RETURN count(*) AS n"


def _typed_statement(type_: str) -> str:
    if type_ not in CLAIM_TYPES:
        raise StoreError(f"refusing relationship type {type_!r}: not a claim type")
    return _MERGE_TYPED.format(t=type_)


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


def _rows(todo: list[Extraction]) -> list[tuple[str, list[dict[str, Any]]]]:
    """(statement, rows) pairs for a batch, in write order: nodes before the edges using them."""
    rows = batch_rows(todo)
    stmts: list[tuple[str, list[dict[str, Any]]]] = [
        (_MERGE_ACTORS, list(rows.actors.values())),
        (_MERGE_DOCS, rows.docs),
        (_MERGE_CLAIMS, list(rows.claims.values())),
        (_MERGE_TARGETS, list(rows.targets.values())),
        (_MERGE_ABOUT, list(rows.about.values())),
    ]
    stmts += [(_typed_statement(t), typed) for t, typed in rows.typed_in_order()]
    stmts += [(_MERGE_MEMBER_OF, list(rows.members.values())),
              (_MERGE_MENTIONS, list(rows.mentions.values()))]
    return [(s, r) for s, r in stmts if r]


# ---- the store --------------------------------------------------------------------------


class Neo4jStore(GraphStore):
    """A claim graph in one Neo4j database; safe to share the driver across threads."""

    engine = "neo4j"

    def __init__(self, driver: Driver, database: Optional[str] = None, uri: str = "") -> None:
        self._driver: Optional[Driver] = driver
        self.database = database or os.environ.get("NEO4J_DATABASE") or None
        self.uri = safe_uri(uri) if uri else "neo4j"

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
        except Exception as exc:
            raise self._error(exc, "create the schema") from None

    def _write_documents(self, by_id: dict[str, Extraction]) -> tuple[list[str], list[str]]:
        """One retried managed transaction for the batch."""
        # Build (and validate) every row before the transaction: a bad document fails the
        # batch before anything is sent.
        _rows(list(by_id.values()))
        try:
            with self._session(write=True) as session:
                written, skipped = session.execute_write(self._write_batch, by_id)
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
    def _write_batch(tx: ManagedTransaction,
                     by_id: dict[str, Extraction]) -> tuple[list[str], list[str]]:
        """The transaction function; may run more than once (retries), so it reads first."""
        locked = tx.run(_LOCK_DOCS, ids=sorted(by_id))
        existing = {r["id"]: r["sha256"] for r in locked if r["sha256"] is not None}
        todo = [ex for i, ex in by_id.items() if existing.get(i) != ex.document.sha256]
        skipped = [i for i, ex in by_id.items() if existing.get(i) == ex.document.sha256]
        changed = [ex.document.id for ex in todo if ex.document.id in existing]
        if changed:
            tx.run(_DELETE_TYPED, ids=changed, types=list(CLAIM_TYPES)).consume()
            tx.run(_DELETE_CLAIMS, ids=changed).consume()
            tx.run(_DELETE_MENTIONS, ids=changed).consume()
        for stmt, rows in _rows(todo):
            tx.run(stmt, rows=rows).consume()
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
                while session.execute_write(
                        lambda tx: int(tx.run(_CLEAR_CHUNK, limit=chunk).single()["n"])) > 0:
                    pass
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

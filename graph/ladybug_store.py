"""The embedded default store: LadybugDB (a maintained fork of Kùzu), one file on disk.

Ladybug is schema-first, so ``create_schema`` declares every node and relationship table up
front (one relationship table per claim type). Writes go in batches of whole documents, one
explicit transaction per batch, with parameterised ``UNWIND $rows AS row ...`` statements (one
per kind of row): per-row round trips are what makes embedded graph loading slow. A statement
that fails rolls the whole batch back, and Ladybug's WAL keeps a killed process from leaving
anything but whole committed batches.

Neo4j Cypher is the reference dialect. Some names of the shared model are reserved words in
Ladybug's parser and fail unquoted (``c.end``, ``-[:IN]->``); ``run`` quotes them (outside
string literals and comments) and maps ``type(r)`` to ``label(r)``, so simple queries written
for Neo4j run unchanged here. Writing them quoted (``c.`end` ``, ``[:`IN`]``) works on both.
"""
from __future__ import annotations

import os
import re
from typing import Any, Optional

import ladybug

from graph.cypher_guard import assert_read_only
from graph.errors import QueryError, StoreError, first_line
from graph.model import CLAIM_TYPES, Extraction
from graph.rows import batch_rows, check
from graph.store import GraphStore

NODE_TABLES: tuple[str, ...] = (
    "CREATE NODE TABLE IF NOT EXISTS Actor("
    "id STRING PRIMARY KEY, name STRING, kind STRING, aliases STRING[])",
    "CREATE NODE TABLE IF NOT EXISTS Document("
    "id STRING PRIMARY KEY, title STRING, url STRING, published STRING, source STRING, "
    "sha256 STRING)",
    "CREATE NODE TABLE IF NOT EXISTS Claim("
    "id STRING PRIMARY KEY, type STRING, sentence STRING, quote STRING, start INT64, "
    "`end` INT64, date STRING, confidence DOUBLE, extractor STRING)",
)
REL_TABLES: tuple[str, ...] = (
    "CREATE REL TABLE IF NOT EXISTS MADE(FROM Actor TO Claim)",
    "CREATE REL TABLE IF NOT EXISTS TARGETS(FROM Claim TO Actor)",
    "CREATE REL TABLE IF NOT EXISTS `IN`(FROM Claim TO Document)",
    "CREATE REL TABLE IF NOT EXISTS ABOUT(FROM Claim TO Claim)",
    "CREATE REL TABLE IF NOT EXISTS MEMBER_OF(FROM Actor TO Actor, role STRING)",
    "CREATE REL TABLE IF NOT EXISTS MENTIONS(FROM Document TO Actor)",
) + tuple(
    f"CREATE REL TABLE IF NOT EXISTS {t}"
    "(FROM Actor TO Actor, claim_id STRING, doc_id STRING, date STRING, sentence STRING)"
    for t in CLAIM_TYPES
)

# --- write statements (types come from CLAIM_TYPES only, never from input text) -------------
# Each node is found with its own ``MATCH (x:Label {id: ...})`` clause so the planner uses the
# primary-key index. Ladybug plans ``MERGE (n {id: ...})`` and ``MATCH (a {..}), (b {..})`` as
# full table scans plus a hash join, which made every batch cost O(size of the store): loading
# 20k claims took 30 s that way. So a batch first asks which documents, actors and claims
# already exist (index lookups), clears what a changed document contributed, then CREATEs what
# is new and SETs what exists: MERGE semantics (nothing is ever duplicated) by construction.
_EXISTING_DOCS = (
    "UNWIND $ids AS i MATCH (d:Document {id: i}) RETURN d.id AS id, d.sha256 AS sha256"
)
_EXISTING_ACTORS = "UNWIND $ids AS i MATCH (a:Actor {id: i}) RETURN a.id AS id"
_EXISTING_CLAIMS = "UNWIND $ids AS i MATCH (c:Claim {id: i}) RETURN c.id AS id"
_DOC_CLAIM_IDS = (
    "UNWIND $ids AS i MATCH (d:Document {id: i}) MATCH (c:Claim)-[:`IN`]->(d) RETURN c.id AS id"
)
_DELETE_CLAIMS = "UNWIND $ids AS i MATCH (c:Claim {id: i}) DETACH DELETE c"
_DELETE_MENTIONS = (
    "UNWIND $ids AS i MATCH (d:Document {id: i}) MATCH (d)-[m:MENTIONS]->(:Actor) DELETE m"
)
_DELETE_TYPED = "MATCH (:Actor)-[r:{t}]->(:Actor) WHERE r.claim_id IN $ids DELETE r"
_CREATE_ACTORS = (
    "UNWIND $rows AS row "
    "CREATE (:Actor {id: row.id, name: row.name, kind: row.kind, aliases: row.aliases})"
)
_UPDATE_ALIASES = (
    "UNWIND $rows AS row MATCH (a:Actor {id: row.id}) "
    "SET a.aliases = list_distinct(list_concat(a.aliases, row.aliases))"
)
_CREATE_DOCS = (
    "UNWIND $rows AS row CREATE (:Document {id: row.id, title: row.title, url: row.url, "
    "published: row.published, source: row.source, sha256: row.sha256})"
)
_UPDATE_DOCS = (
    "UNWIND $rows AS row MATCH (d:Document {id: row.id}) "
    "SET d.title = row.title, d.url = row.url, d.published = row.published, "
    "d.source = row.source, d.sha256 = row.sha256"
)
#: A claim, who made it and where it was read: one statement, two index lookups per row.
_CREATE_CLAIMS = (
    "UNWIND $rows AS row MATCH (a:Actor {id: row.source}) MATCH (d:Document {id: row.doc}) "
    "CREATE (a)-[:MADE]->(:Claim {id: row.id, type: row.type, sentence: row.sentence, "
    "quote: row.quote, start: row.start, `end`: row.stop, date: row.date, "
    "confidence: row.confidence, extractor: row.extractor})-[:`IN`]->(d)"
)
_CREATE_TARGETS = (
    "UNWIND $rows AS row MATCH (c:Claim {id: row.id}) MATCH (b:Actor {id: row.target}) "
    "CREATE (c)-[:TARGETS]->(b)"
)
#: ABOUT may point at a claim of an earlier document, hence MATCH (and nothing if it is absent).
_CREATE_ABOUT = (
    "UNWIND $rows AS row MATCH (c:Claim {id: row.id}) MATCH (o:Claim {id: row.about}) "
    "CREATE (c)-[:ABOUT]->(o)"
)
_CREATE_TYPED = (
    "UNWIND $rows AS row MATCH (a:Actor {{id: row.source}}) MATCH (b:Actor {{id: row.target}}) "
    "CREATE (a)-[:{t} {{claim_id: row.id, doc_id: row.doc, date: row.date, "
    "sentence: row.sentence}}]->(b)"
)
#: Memberships belong to actors, not documents: MERGE so a second document adds nothing.
_MERGE_MEMBER_OF = (
    "UNWIND $rows AS row MATCH (a:Actor {id: row.member_id}) MATCH (g:Actor {id: row.group_id}) "
    "MERGE (a)-[r:MEMBER_OF]->(g) "
    "SET r.role = CASE WHEN row.role <> '' THEN row.role ELSE coalesce(r.role, '') END"
)
_CREATE_MENTIONS = (
    "UNWIND $rows AS row MATCH (d:Document {id: row.doc}) MATCH (a:Actor {id: row.actor}) "
    "CREATE (d)-[:MENTIONS]->(a)"
)

# --- Neo4j-dialect compatibility for ``run`` -------------------------------------------------
#: String literals, quoted identifiers and comments: never rewritten.
_OPAQUE = re.compile(
    r"""'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`[^`]*`|//[^\n]*|/\*.*?\*/""", re.DOTALL
)
#: Words Ladybug's parser reserves that Neo4j accepts as property keys after a dot.
_RESERVED_KEYS = (
    "end", "group", "order", "in", "where", "with", "desc", "asc", "case", "when", "then",
    "else", "and", "or", "not", "xor", "null", "true", "false", "union", "all", "distinct",
    "optional", "unwind", "exists", "starts", "ends", "create", "on", "primary", "table",
    "profile", "shortest",
)
_DOT_RESERVED = re.compile(r"\.(\s*)(" + "|".join(_RESERVED_KEYS) + r")\b", re.IGNORECASE)
_REL_PATTERN = re.compile(r"-\[([^\]\[]*)\]")
_IN_TYPE = re.compile(r"([:|]\s*)IN\b")
_TYPE_FN = re.compile(r"(?<![.\w])type\s*\(", re.IGNORECASE)
_PARAM = re.compile(r"\$(\w+)")

#: Keys Ladybug adds to node / relationship / path values.
_NODE_KEYS = frozenset({"_ID", "_LABEL"})
_REL_KEYS = frozenset({"_ID", "_LABEL", "_SRC", "_DST"})


def to_ladybug_dialect(cypher: str) -> str:
    """Quote reserved property keys (``c.end``) and the ``IN`` relationship type, and map
    ``type(r)`` to ``label(r)``.

    Only code outside string literals, backtick names and comments is touched, so a value
    that merely contains ``end`` or ``IN`` is never changed.
    """

    def fix(code: str) -> str:
        code = _DOT_RESERVED.sub(r".\1`\2`", code)
        code = _REL_PATTERN.sub(
            lambda m: "-[" + _IN_TYPE.sub(r"\1`IN`", m.group(1)) + "]", code
        )
        return _TYPE_FN.sub("label(", code)

    out: list[str] = []
    pos = 0
    for m in _OPAQUE.finditer(cypher):
        out.append(fix(cypher[pos:m.start()]))
        out.append(m.group(0))
        pos = m.end()
    out.append(fix(cypher[pos:]))
    return "".join(out)


def missing_parameters(cypher: str, params: dict[str, Any]) -> list[str]:
    """Parameters the query uses but ``params`` lacks (Ladybug would quietly bind them to NULL,
    Neo4j refuses: refuse here too)."""
    code = _OPAQUE.sub(" ", cypher)
    return sorted({name for name in _PARAM.findall(code) if name not in params})


def _plain(value: Any) -> Any:
    """Ladybug values → plain Python, the same shapes the Neo4j store returns: a node is its
    property dict, a relationship its property dict plus ``type``, a path the list
    ``[node, rel, node, ...]``."""
    if isinstance(value, dict):
        if "_NODES" in value and "_RELS" in value:
            nodes = [_plain(n) for n in value["_NODES"]]
            rels = [_plain(r) for r in value["_RELS"]]
            items: list[Any] = nodes[:1]
            for rel, node in zip(rels, nodes[1:]):
                items += [rel, node]
            return items
        if "_LABEL" in value and "_ID" in value:
            is_rel = "_SRC" in value
            hidden = _REL_KEYS if is_rel else _NODE_KEYS
            out = {k: _plain(v) for k, v in value.items() if k not in hidden and v is not None}
            if is_rel:
                out["type"] = value["_LABEL"]
            return out
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _statements(todo: list[Extraction], docs_stored: set[str],
                actors_stored: set[str]) -> list[tuple[str, list[dict[str, Any]]]]:
    """One (statement, rows) pair per kind of row, nodes before the edges that need them."""
    rows = batch_rows(todo)
    stmts: list[tuple[str, list[dict[str, Any]]]] = [
        (_CREATE_ACTORS, [r for i, r in rows.actors.items() if i not in actors_stored]),
        (_UPDATE_ALIASES, [r for i, r in rows.actors.items()
                           if i in actors_stored and r["aliases"]]),
        (_CREATE_DOCS, [r for r in rows.docs if r["id"] not in docs_stored]),
        (_UPDATE_DOCS, [r for r in rows.docs if r["id"] in docs_stored]),
        (_CREATE_CLAIMS, list(rows.claims.values())),
        (_CREATE_TARGETS, list(rows.targets.values())),
        (_CREATE_ABOUT, list(rows.about.values())),
    ]
    stmts += [(_CREATE_TYPED.format(t=t), typed) for t, typed in rows.typed_in_order()]
    stmts += [(_MERGE_MEMBER_OF, list(rows.members.values())),
              (_CREATE_MENTIONS, list(rows.mentions.values()))]
    return stmts


#: WAL size that triggers a checkpoint. Ladybug's default (a few MB) checkpoints every few
#: batches, and a checkpoint rewrites the relationship data of every actor the batches
#: touched, so loading cost grew with the size of the store (60k claims: 28 s CPU with the
#: default, 12 s with this). Closing the store checkpoints anyway; a crash replays the WAL.
CHECKPOINT_THRESHOLD = 256 * 1024 * 1024


class LadybugStore(GraphStore):
    """A claim graph in one LadybugDB file; one process holds it open at a time."""

    engine = "ladybug"

    def __init__(self, path: str | os.PathLike[str],
                 checkpoint_threshold: int = CHECKPOINT_THRESHOLD) -> None:
        self.path = os.fspath(path)
        if os.path.isdir(self.path):
            raise StoreError(
                f"cannot open LadybugDB store {self.path}: it is a directory, expected a "
                "database file path"
            )
        try:
            self._db: Optional[ladybug.Database] = ladybug.Database(
                self.path, checkpoint_threshold=checkpoint_threshold)
            self._conn: Optional[ladybug.Connection] = ladybug.Connection(self._db)
        except Exception as exc:  # the driver raises bare RuntimeError for every failure
            reason = first_line(exc)
            if "not a valid" in reason:
                reason = "the file exists but is not a LadybugDB database"
            elif "lock" in reason.lower():
                reason = "it is open in another process (LadybugDB allows one writer process)"
            raise StoreError(f"cannot open LadybugDB store {self.path}: {reason}") from exc

    # --- plumbing ------------------------------------------------------------------------
    def _connection(self) -> ladybug.Connection:
        if self._conn is None:
            raise StoreError(f"LadybugDB store {self.path} is closed")
        return self._conn

    def _exec(self, cypher: str, params: Optional[dict[str, Any]] = None) -> list[dict[str, Any]]:
        """Execute one statement and fetch its rows as dicts; engine errors propagate."""
        result = self._connection().execute(cypher, params or {})
        if isinstance(result, list):
            for r in result:
                r.close()
            raise QueryError("one Cypher statement per query, please (found several)")
        try:
            columns = result.get_column_names()
            rows: list[dict[str, Any]] = []
            while result.has_next():
                rows.append({c: _plain(v) for c, v in zip(columns, result.get_next())})
            return rows
        finally:
            result.close()

    def _rollback(self) -> None:
        # Ladybug already rolls back a transaction in which a statement failed; then
        # ROLLBACK answers "no active transaction", which is fine.
        try:
            self._connection().execute("ROLLBACK")
        except Exception:
            pass

    # --- GraphStore -----------------------------------------------------------------------
    def create_schema(self) -> None:
        try:
            for stmt in NODE_TABLES + REL_TABLES:
                self._exec(stmt)
        except (QueryError, StoreError):
            raise
        except Exception as exc:
            raise StoreError(f"cannot create schema in {self.path}: {first_line(exc)}") from exc

    def _write_documents(self, by_id: dict[str, Extraction]) -> tuple[list[str], list[str]]:
        for ex in by_id.values():
            check(ex)
        conn = self._connection()
        try:
            conn.execute("BEGIN TRANSACTION")
        except Exception as exc:
            raise StoreError(
                f"cannot start a transaction on {self.path}: {first_line(exc)}") from exc
        try:
            stored = {r["id"]: r["sha256"]
                      for r in self._exec(_EXISTING_DOCS, {"ids": list(by_id)})}
            todo = [ex for i, ex in by_id.items() if stored.get(i) != ex.document.sha256]
            skipped = [i for i, ex in by_id.items() if stored.get(i) == ex.document.sha256]
            changed = [ex.document.id for ex in todo if ex.document.id in stored]
            if changed:
                self._delete_claims([r["id"] for r in self._exec(_DOC_CLAIM_IDS, {"ids": changed})])
                self._exec(_DELETE_MENTIONS, {"ids": changed})
            # A claim id stored under another document (ids embed the document id, so only
            # hand-made ids can do this) is the same claim: the new version replaces it.
            claim_ids = list({c.id for ex in todo for c in ex.claims})
            if claim_ids:
                self._delete_claims(
                    [r["id"] for r in self._exec(_EXISTING_CLAIMS, {"ids": claim_ids})])
            actor_ids = list({a.id for ex in todo for a in ex.actors})
            actors_stored = ({r["id"] for r in self._exec(_EXISTING_ACTORS, {"ids": actor_ids})}
                             if actor_ids else set())
            for stmt, rows in _statements(todo, set(stored), actors_stored):
                if rows:
                    self._exec(stmt, {"rows": rows})
            conn.execute("COMMIT")
        except Exception as exc:
            self._rollback()
            if isinstance(exc, (StoreError, QueryError)):
                raise
            docs = ", ".join(list(by_id)[:3]) + (" …" if len(by_id) > 3 else "")
            raise StoreError(
                f"write failed, batch rolled back (documents {docs}): {first_line(exc)}"
            ) from exc
        return [ex.document.id for ex in todo], skipped

    def _delete_claims(self, claim_ids: list[str]) -> None:
        """Remove claims with their projected edges (which join actors, not the claim)."""
        if not claim_ids:
            return
        params = {"ids": claim_ids}
        for t in CLAIM_TYPES:
            self._exec(_DELETE_TYPED.format(t=t), params)
        self._exec(_DELETE_CLAIMS, params)

    def run(self, cypher: str, params: Optional[dict[str, Any]] = None,
            write: bool = False) -> list[dict[str, Any]]:
        if not write:
            assert_read_only(cypher)
        missing = missing_parameters(cypher, params or {})
        if missing:
            raise QueryError("query parameter(s) not given: " + ", ".join("$" + m for m in missing))
        try:
            return self._exec(to_ladybug_dialect(cypher), params)
        except (QueryError, StoreError):
            raise
        except Exception as exc:
            raise QueryError(f"LadybugDB rejected the query: {first_line(exc)}") from exc

    def stats(self) -> dict[str, Any]:
        try:
            def count(q: str) -> int:
                return int(self._exec(q)[0]["n"])

            by_type = {r["t"]: int(r["n"]) for r in self._exec(
                "MATCH (c:Claim) RETURN c.type AS t, count(*) AS n")}
            by_kind = {r["k"]: int(r["n"]) for r in self._exec(
                "MATCH (a:Actor) RETURN a.kind AS k, count(*) AS n")}
            return {
                "documents": count("MATCH (d:Document) RETURN count(d) AS n"),
                "actors": count("MATCH (a:Actor) RETURN count(a) AS n"),
                "claims": count("MATCH (c:Claim) RETURN count(c) AS n"),
                "claims_by_type": {t: by_type[t] for t in sorted(by_type) if by_type[t]},
                "memberships": count("MATCH (:Actor)-[r:MEMBER_OF]->(:Actor) RETURN count(r) AS n"),
                "mentions": count("MATCH (:Document)-[r:MENTIONS]->(:Actor) RETURN count(r) AS n"),
                "actors_by_kind": {k: by_kind[k] for k in sorted(by_kind) if by_kind[k]},
            }
        except Exception as exc:
            if isinstance(exc, StoreError):
                raise
            raise StoreError(f"cannot read stats from {self.path}: {first_line(exc)}") from exc

    def clear(self) -> None:
        conn = self._connection()
        try:
            conn.execute("BEGIN TRANSACTION")
            self._exec("MATCH (n) DETACH DELETE n")
            conn.execute("COMMIT")
        except Exception as exc:
            self._rollback()
            raise StoreError(f"cannot clear {self.path}: {first_line(exc)}") from exc

    def close(self) -> None:
        """Release the file (and its lock) so another process can open it."""
        conn, db = self._conn, self._db
        self._conn = self._db = None
        if conn is not None:
            conn.close()
        if db is not None:
            db.close()


"""Counting every tally at once from the claims, and deciding when a load may leave it to that.

Keeping the tallies up to date batch by batch (graph/tallies.py) writes about four tally rows
per claim, because each batch touches its own pair, link, made, received and said tallies
again; for a load into an empty graph that doubled the load time. Counting them once at the end
with set-based Cypher (one aggregation per level, created in ``CALL … IN TRANSACTIONS``) writes
each tally once and costs about a third of what the claim graph itself costs
(bench/RESULTS.md).

When a load may defer its tallies: every ``write`` registers a ``(:TallyWriter)`` and removes
it when done; a ``(:TallyState)`` node says whether the tallies are *deferred*. It turns
deferred only when a writer registers while no other writer is registered and the graph holds
no claim, and it turns live again only when the last deferred writer has left and the tallies
have been counted. So while any writer is registered the mode is fixed and shared by all of
them: deferred writers skip the tallies, live writers keep them in every batch, and the two
never mix. Writers registering while the count runs wait for it (seconds per 100k claims).

Canned queries read tallies only while they are live; while deferred they read the claims
(the reference texts: right, slower). A writer that died (its process is gone, or no batch and
no heartbeat for ``STALE_MS``) is dropped by the next registration, and a deferred state left
without writers is counted by the next load or the next ``create_schema`` (every CLI command).
Each batch of a writer first touches its own registration, so a writer whose registration was
dropped as dead cannot go on writing in the wrong mode: its batch fails and rolls back.
"""
from __future__ import annotations

import os
import socket
import threading
import uuid
from dataclasses import dataclass
from typing import Any, Optional

from graph import tallies
from graph.model import CLAIM_TYPES

#: A writer or a count with no sign of life for this long is taken for dead (a batch and each
#: level of the count both refresh it; one level takes about a minute per million claims).
STALE_MS = 10 * 60 * 1000
HOST = socket.gethostname()

_live_tokens: set[str] = set()  # registrations of this process that are still running
_live_lock = threading.Lock()


@dataclass(frozen=True)
class Writer:
    token: str
    deferred: bool


def new_token() -> str:
    token = uuid.uuid4().hex
    with _live_lock:
        _live_tokens.add(token)
    return token


def forget_token(token: str) -> None:
    with _live_lock:
        _live_tokens.discard(token)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def is_dead(rec: dict[str, Any], now: int) -> bool:
    """A registration (writer or count) whose owner is gone: the same host says so for sure
    (this process no longer runs it, or the process is gone); elsewhere only silence does."""
    if not rec.get("token"):
        return True
    if rec.get("host") == HOST:
        pid = int(rec.get("pid") or 0)
        if pid == os.getpid():
            with _live_lock:
                return rec["token"] not in _live_tokens
        if pid <= 0 or not _pid_alive(pid):
            return True
    return now - int(rec.get("beat") or 0) > STALE_MS


def me(token: str) -> dict[str, Any]:
    return {"token": token, "host": HOST, "pid": os.getpid()}


# ---- the registry (statements run by graph/neo4j_store.py) ----------------------------------

# Takes the state's write lock first, so registrations, departures and the count's start are
# serialised; then lists the registrations for the caller to judge.
STATE = """
MERGE (s:TallyState {id: 'tallies'})
ON CREATE SET s.deferred = false, s.building = false
SET s._lock = true
REMOVE s._lock
WITH s
OPTIONAL MATCH (w:TallyWriter)
WITH s, collect(w {.token, .host, .pid, .beat}) AS writers
RETURN coalesce(s.deferred, false) AS deferred, coalesce(s.building, false) AS building,
       s {token: s.builder, host: s.builder_host, pid: s.builder_pid, beat: s.beat} AS builder,
       writers, COUNT { (c:Claim) } = 0 AS empty, timestamp() AS now
"""
DROP_WRITERS = "MATCH (w:TallyWriter) WHERE w.token IN $tokens DELETE w"
JOIN = """
MATCH (s:TallyState {id: 'tallies'})
SET s.deferred = $deferred
CREATE (:TallyWriter {token: $me.token, host: $me.host, pid: $me.pid, beat: timestamp(),
                      deferred: $deferred})
"""
LEAVE = "MATCH (w:TallyWriter {token: $token}) DELETE w"
START_COUNT = """
MATCH (s:TallyState {id: 'tallies'})
SET s.building = true, s.builder = $me.token, s.builder_host = $me.host,
    s.builder_pid = $me.pid, s.beat = timestamp()
"""
# Between levels: proves the count is still ours (not taken over as dead) and shows life.
COUNT_BEAT = """
MATCH (s:TallyState {id: 'tallies'}) WHERE s.builder = $token
SET s.beat = timestamp()
RETURN true AS ours
"""
END_COUNT = """
MATCH (s:TallyState {id: 'tallies'}) WHERE s.builder = $token
SET s.deferred = false, s.building = false
REMOVE s.builder, s.builder_host, s.builder_pid
RETURN true AS ours
"""
# The first statement of every batch: the writer's own registration (a fence and a heartbeat).
BEAT = """
MATCH (w:TallyWriter {token: $token})
SET w.beat = timestamp()
RETURN w.deferred AS deferred
"""
DEFERRED = """
OPTIONAL MATCH (s:TallyState {id: 'tallies'})
RETURN coalesce(s.deferred, false) AS deferred
"""

# ---- the count ------------------------------------------------------------------------------

_CREATE = """
CALL (key, level, type, src, dst, claims, documents, counterparts, first, last) {
  CREATE (:Tally {key: key, level: level, type: type, src: src, dst: dst, claims: claims,
                  documents: documents, counterparts: counterparts,
                  first_date: first, last_date: last})
} IN TRANSACTIONS OF $chunk ROWS
"""
# Typed edges carry the claim's document and date, one edge per targeted claim: the pair,
# link, made and received levels aggregate them without touching a Claim node.
_TYPED = "MATCH (s:Actor)-[r]->(t:Actor) WHERE type(r) IN $types"
_SPOKEN = "MATCH (s:Actor)-[:MADE]->(c:Claim)-[:IN]->(d:Document)"


def _level(match: str, level: str, group: str, src: str, dst: str, counterparts: str,
           doc: str, date: str) -> str:
    return f"""
{match}
WITH {group}, count(*) AS claims, count(DISTINCT {doc}) AS documents,
     {counterparts} AS counterparts, min({date}) AS first, max({date}) AS last
WITH '{level}' + $sep + type + $sep + {src} + $sep + {dst} AS key, '{level}' AS level,
     type, {src} AS src, {dst} AS dst, claims, documents, counterparts, first, last
""" + _CREATE


COUNT_LEVELS: dict[str, str] = {
    "pair": _level(_TYPED, "pair", "type(r) AS type, s.id AS src, t.id AS dst",
                   "src", "dst", "0", "r.doc_id", "r.date"),
    # Either direction once: the edge seen from its smaller end; no self-claims.
    "link": _level("MATCH (s:Actor)-[r]-(t:Actor) WHERE type(r) IN $types AND s.id < t.id",
                   "link", "type(r) AS type, s.id AS src, t.id AS dst",
                   "src", "dst", "0", "r.doc_id", "r.date"),
    "made": _level(_TYPED, "made", "type(r) AS type, s.id AS src", "src", "''",
                   "count(DISTINCT t)", "r.doc_id", "r.date"),
    "received": _level(_TYPED, "received", "type(r) AS type, t.id AS dst", "''", "dst",
                       "count(DISTINCT s)", "r.doc_id", "r.date"),
    "said": _level(_SPOKEN, "said", "c.type AS type, s.id AS src", "src", "''", "0",
                   "d", "c.date"),
    "open": _level(_SPOKEN + "\nWHERE NOT EXISTS { (c)-[:TARGETS]->(o:Actor) WHERE o <> s }",
                   "open", "c.type AS type, s.id AS src", "src", "''", "0", "d", "c.date"),
    "type": _level(_SPOKEN, "type", "c.type AS type", "''", "''", "count(DISTINCT s)",
                   "d", "c.date"),
}
COUNT_ACTORS = """
MATCH (a:Actor)
CALL (a) {
  SET a.claims_made = COUNT { (a)-[:MADE]->(:Claim) },
      a.claims_received = COUNT { (a)<-[:TARGETS]-(:Claim) }
  SET a.claims_total = a.claims_made + a.claims_received
} IN TRANSACTIONS OF $chunk ROWS
"""
DROP_TALLIES = """
MATCH (t:Tally)
CALL (t) { DELETE t } IN TRANSACTIONS OF $chunk ROWS
"""


def count_params(chunk: int) -> dict[str, Any]:
    return {"types": list(CLAIM_TYPES), "sep": tallies.SEP, "chunk": chunk}


def recount(claims: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The tallies and actor totals of a set of claims, counted in Python: what the set-based
    count must give (the tests hold the two side by side)."""
    d = tallies.deltas(claims)
    cp = tallies.counterpart_changes(d.by_level["pair"], +1)
    sp = tallies.speaker_changes(d.by_level["said"], +1)
    rows = (d.rows("pair") + d.rows("link") + d.rows("open") + d.rows("made", cp)
            + d.rows("received", cp) + d.rows("said") + d.rows("type", sp))
    return rows, d.actor_rows()


def judge(state: dict[str, Any], token: str) -> tuple[list[str], Optional[str]]:
    """(tokens of dead writers to drop, what the caller must do about a running count:
    None = no count, "wait" = a live count, "take" = a dead count to redo)."""
    now = int(state["now"])
    dead = [w["token"] for w in state["writers"]
            if w.get("token") != token and is_dead(w, now)]
    if not state["building"]:
        return dead, None
    builder = state["builder"] or {}
    return dead, ("take" if is_dead(builder, now) else "wait")

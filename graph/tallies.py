"""Running totals of the claim graph, kept up to date by every write (Neo4j).

Batch by batch as here; a load into an empty graph instead leaves them to one set-based
count at its end (graph/tally_build.py), which writes each tally once.

Ranking and roll-up questions ("who is accused most", "how many claims of each type") read
every claim of a type when answered from the claims themselves: seconds at a million claims on
Neo4j, whose row-at-a-time engine pays for each relationship it follows. The store therefore
keeps ``(:Tally)`` nodes beside the claims, in the same transaction as the claims they count,
so a canned query reads a few hundred tallies through an index instead of a million claims.

One tally per key (``Tally.key`` is unique):

=========  ===================  =====================================================
level      key parts            counterparts = number of distinct ...
=========  ===================  =====================================================
pair       type, src, dst       (none: 0) — claims of ``src`` that target ``dst``
link       type, lo, hi         (none: 0) — claims between two actors either way; ``src``
                                is the smaller id, ``dst`` the greater (no self-claims)
open       type, src            (none: 0) — claims of ``src`` that target no other actor
                                (no target, or ``src`` itself): actor-profile's "" row
made       type, src            targets (pair tallies of ``src``) — targeted claims only
received   type, dst            speakers (pair tallies into ``dst``)
said       type, src            (none: 0) — every claim of ``src``, targeted or not
type       type                 speakers (said tallies of the type)
=========  ===================  =====================================================

Each holds ``claims``, ``documents`` (distinct documents with such a claim), ``first_date``
and ``last_date`` (min/max of the claims' date strings, ``""`` when undated, exactly what
``min(c.date)`` gives). Per-actor totals over all types live on the ``Actor`` node itself
(``claims_made``, ``claims_received``, ``claims_total``).

Why the deltas are exact: a document is written whole in one transaction, and a changed
document has all its old claims removed before its new ones are added, so "documents with such
a claim" changes by exactly the number of distinct documents of the batch that have one.
Counts of distinct counterparts change when a pair tally is created or deleted (a tally exists
exactly while its count is above 0). Only dates cannot be taken back: after a removal the
dates of the touched tallies are read again from the claims.

LadybugDB keeps no tallies: its canned queries read the claims directly (the embedded store is
for corpora up to ~100k claims; at a million its queries take seconds, bench/RESULTS.md), and
the cross-engine tests thereby check that the tallies equal what the claims say.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Optional

Row = dict[str, Any]

SEP = "\x1f"
LEVELS = ("pair", "link", "open", "made", "received", "said", "type")


def tally_key(level: str, type_: str, src: str = "", dst: str = "") -> str:
    """The unique key; the unit separator cannot occur in an id or a type."""
    return SEP.join((level, type_, src, dst))


@dataclass
class _Acc:
    level: str
    type: str
    src: str
    dst: str
    claims: int = 0
    docs: set[str] = field(default_factory=set)
    first: Optional[str] = None
    last: Optional[str] = None

    def add(self, doc: str, date: str) -> None:
        self.claims += 1
        self.docs.add(doc)
        self.first = date if self.first is None or date < self.first else self.first
        self.last = date if self.last is None or date > self.last else self.last


@dataclass
class Deltas:
    """What a set of claims adds to (or, with ``sign=-1``, takes from) the tallies."""

    sign: int
    by_level: dict[str, dict[str, _Acc]] = field(
        default_factory=lambda: {lv: {} for lv in LEVELS})
    made: dict[str, int] = field(default_factory=dict)
    received: dict[str, int] = field(default_factory=dict)

    def rows(self, level: str, counterparts: Optional[dict[str, int]] = None) -> list[Row]:
        """Parameter rows for one level, sorted by key so concurrent writers lock tallies in
        the same order (no deadlock between two loaders touching the same actors)."""
        counterparts = counterparts or {}
        out = []
        for key in sorted(self.by_level[level]):
            acc = self.by_level[level][key]
            out.append({"key": key, "level": acc.level, "type": acc.type, "src": acc.src,
                        "dst": acc.dst, "claims": self.sign * acc.claims,
                        "documents": self.sign * len(acc.docs),
                        "counterparts": counterparts.get(key, 0),
                        "first": acc.first or "", "last": acc.last or ""})
        return out

    def actor_rows(self) -> list[Row]:
        ids = sorted(set(self.made) | set(self.received))
        return [{"id": i, "made": self.sign * self.made.get(i, 0),
                 "received": self.sign * self.received.get(i, 0)} for i in ids]


def deltas(claims: Iterable[Row], sign: int = 1) -> Deltas:
    """Deltas for claim rows ``{type, source, target (None or ''), doc, date}``."""
    out = Deltas(sign)
    for c in claims:
        t, s, d, doc, date = c["type"], c["source"], c.get("target") or "", c["doc"], \
            c.get("date") or ""
        keys = [("type", t, "", ""), ("said", t, s, "")]
        if d:
            keys += [("pair", t, s, d), ("made", t, s, ""), ("received", t, "", d)]
            out.received[d] = out.received.get(d, 0) + 1
        if d and d != s:
            keys.append(("link", t, min(s, d), max(s, d)))
        else:
            keys.append(("open", t, s, ""))
        out.made[s] = out.made.get(s, 0) + 1
        for level, tt, ss, dd in keys:
            key = tally_key(level, tt, ss, dd)
            acc = out.by_level[level].get(key)
            if acc is None:
                acc = out.by_level[level][key] = _Acc(level, tt, ss, dd)
            acc.add(doc, date)
    return out


def counterpart_changes(changed_pair_keys: Iterable[str], sign: int) -> dict[str, int]:
    """made/received keys → change of their counterpart count, from pair tallies that were
    created (sign +1) or deleted (sign -1)."""
    out: dict[str, int] = {}
    for key in changed_pair_keys:
        level, t, s, d = key.split(SEP)
        if level != "pair":
            continue
        for k in (tally_key("made", t, s), tally_key("received", t, "", d)):
            out[k] = out.get(k, 0) + sign
    return out


def speaker_changes(changed_said_keys: Iterable[str], sign: int) -> dict[str, int]:
    """type keys → change of their speaker count, from said tallies created or deleted."""
    out: dict[str, int] = {}
    for key in changed_said_keys:
        level, t, _s, _d = key.split(SEP)
        if level == "said":
            k = tally_key("type", t)
            out[k] = out.get(k, 0) + sign
    return out

"""Extractions turned into the parameter rows every engine writes, checked once.

Both stores send the same rows (one ``UNWIND $rows`` statement per kind); only their statement
texts differ, so the shapes, the validation and the de-duplication live here.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from graph.errors import StoreError
from graph.model import CLAIM_TYPES, Extraction

Row = dict[str, Any]


@dataclass
class BatchRows:
    """Rows of one batch, keyed so a repeated id is written once (the last copy wins, as a
    MERGE followed by SET would have it)."""

    actors: dict[str, Row] = field(default_factory=dict)
    docs: list[Row] = field(default_factory=list)
    claims: dict[str, Row] = field(default_factory=dict)
    targets: dict[str, Row] = field(default_factory=dict)
    about: dict[str, Row] = field(default_factory=dict)
    typed: dict[str, dict[str, Row]] = field(default_factory=lambda: defaultdict(dict))
    members: dict[tuple[str, str], Row] = field(default_factory=dict)
    mentions: dict[tuple[str, str], Row] = field(default_factory=dict)

    def typed_in_order(self) -> list[tuple[str, list[Row]]]:
        """(claim type, rows) for the types present, in CLAIM_TYPES order. The type is safe
        to splice into a statement as a relationship type: it comes from CLAIM_TYPES."""
        return [(t, list(self.typed[t].values())) for t in CLAIM_TYPES if self.typed.get(t)]


def check(ex: Extraction) -> None:
    """Refuse a claim whose speaker or target would silently be missing (or a non-type).

    Memberships and mentions may name actors stored by earlier documents, so they are matched
    in the store and simply not drawn if the actor is nowhere."""
    d = ex.document
    known = {a.id for a in ex.actors}
    for c in ex.claims:
        if c.type not in CLAIM_TYPES:  # Claim validates too; here a type names a relationship
            raise StoreError(f"document {d.id}: claim {c.id} has unknown type {c.type!r}")
        for ref in (c.source_id, c.target_id):
            if ref is not None and ref not in known:
                raise StoreError(f"document {d.id}: claim {c.id} names actor {ref!r}, "
                                 "which is not among the document's actors")


def batch_rows(todo: list[Extraction]) -> BatchRows:
    """The rows for a batch of documents (each checked first)."""
    out = BatchRows()
    for ex in todo:
        check(ex)
        d = ex.document
        for a in ex.actors:
            row = out.actors.setdefault(a.id, {"id": a.id, "name": a.name, "kind": a.kind,
                                               "aliases": []})
            row["aliases"] += [x for x in a.aliases if x not in row["aliases"]]
        out.docs.append({"id": d.id, "title": d.title or "", "url": d.url or "",
                         "published": d.published or "", "source": d.source or "",
                         "sha256": d.sha256})
        for c in ex.claims:
            for table in (out.targets, out.about, *out.typed.values()):
                table.pop(c.id, None)
            # "stop", not "end": END is a keyword of LadybugDB's parser even as a map key.
            out.claims[c.id] = {"id": c.id, "source": c.source_id, "doc": d.id, "type": c.type,
                                "sentence": c.sentence or "", "quote": c.quote or "",
                                "start": int(c.start), "stop": int(c.end),
                                "date": c.date or "", "confidence": float(c.confidence),
                                "extractor": c.extractor or ""}
            if c.target_id is not None:
                out.targets[c.id] = {"id": c.id, "target": c.target_id}
                out.typed[c.type][c.id] = {"id": c.id, "source": c.source_id,
                                           "target": c.target_id, "doc": d.id,
                                           "date": c.date or "", "sentence": c.sentence or ""}
            if c.about_id is not None:
                out.about[c.id] = {"id": c.id, "about": c.about_id}
        for m in ex.memberships:
            out.members[(m.member_id, m.group_id)] = {
                "member_id": m.member_id, "group_id": m.group_id, "role": m.role or ""}
        for aid in ex.mentioned:
            out.mentions[(d.id, aid)] = {"doc": d.id, "actor": aid}
    return out

"""The graph model shared by every engine.

Ids are stable strings derived from names (``state:rus``, ``person:maria-zakharova``) so that a
second document about the same actor adds to the same node, on any engine and across runs.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Optional

CORE_TYPES: tuple[str, ...] = ("ACCUSES", "MEETS", "PROPOSES", "REJECTS")
EXTENDED_TYPES: tuple[str, ...] = (
    "AGREES", "DEMANDS", "THREATENS", "PROTESTS", "SUPPORTS", "COOPERATES", "AIDS",
    "CONCEDES", "RETREATS", "SANCTIONS", "MOBILIZES", "COERCES", "ASSAULTS", "FIGHTS",
    "INVESTIGATES",
)
CLAIM_TYPES: tuple[str, ...] = CORE_TYPES + EXTENDED_TYPES
#: Types whose direction carries no meaning (a meeting has two sides, not a speaker and a target).
UNDIRECTED_TYPES: frozenset[str] = frozenset({"MEETS", "FIGHTS", "COOPERATES"})
ACTOR_KINDS: tuple[str, ...] = ("state", "person", "organization", "group")


def slugify(text: str) -> str:
    """ASCII, lower-case, hyphenated: the name part of an actor id."""
    norm = unicodedata.normalize("NFKD", text)
    ascii_text = norm.encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return slug or hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def actor_id(kind: str, name: str) -> str:
    """Stable id for an actor; states use their ISO 3166 alpha-3 code as ``name``."""
    if kind not in ACTOR_KINDS:
        raise ValueError(f"unknown actor kind {kind!r}")
    return f"{kind}:{slugify(name)}"


def claim_id(doc_id: str, type_: str, source_id: str, target_id: Optional[str], start: int) -> str:
    """Stable id: the same claim found again in the same place of the same document is the same."""
    key = "\x1f".join([doc_id, type_, source_id, target_id or "", str(start)])
    return "claim:" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class Actor:
    id: str
    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    #: Surface strings seen in one document ("Zakharova", "She"); not stored, used for scoring.
    mentions: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.kind not in ACTOR_KINDS:
            raise ValueError(f"actor {self.id}: unknown kind {self.kind!r}")


@dataclass
class Membership:
    """``(member)-[:MEMBER_OF {role}]->(group)``: Zakharova → Russian Foreign Ministry → Russia."""

    member_id: str
    group_id: str
    role: str = ""


@dataclass
class Document:
    id: str
    text: str
    title: str = ""
    url: str = ""
    published: str = ""  # ISO date (YYYY-MM-DD) or ""
    source: str = ""
    path: str = ""  # where it was read from; not stored

    @property
    def sha256(self) -> str:
        return sha256_text(self.text)


@dataclass
class Claim:
    id: str
    type: str
    source_id: str
    target_id: Optional[str]
    doc_id: str
    sentence: str
    start: int  # character offsets of the sentence in the document text
    end: int
    quote: str = ""
    date: str = ""
    confidence: float = 0.5
    extractor: str = ""
    about_id: Optional[str] = None  # the claim this one answers ("rejected the criticism")

    def __post_init__(self) -> None:
        if self.type not in CLAIM_TYPES:
            raise ValueError(f"claim {self.id}: unknown type {self.type!r}")


@dataclass
class Extraction:
    """Everything one document yields; stores write it whole or not at all."""

    document: Document
    actors: list[Actor] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)
    #: ids of the actors the document mentions (``(:Document)-[:MENTIONS]->(:Actor)``).
    mentioned: list[str] = field(default_factory=list)

    def to_prediction(self) -> dict:
        """The line ``claimgraph extract --format jsonl`` prints (``shared/eval`` format)."""
        return {
            "doc_id": self.document.id,
            "title": self.document.title,
            "date": self.document.published,
            "actors": [
                {"id": a.id, "name": a.name, "kind": a.kind, "aliases": list(a.aliases),
                 "mentions": list(a.mentions)}
                for a in self.actors
            ],
            "claims": [
                {"id": c.id, "source": c.source_id, "type": c.type, "target": c.target_id,
                 "sentence": c.sentence, "start": c.start, "end": c.end, "quote": c.quote,
                 "date": c.date, "confidence": c.confidence, "about": c.about_id}
                for c in self.claims
            ],
            "memberships": [
                {"member": m.member_id, "group": m.group_id, "role": m.role}
                for m in self.memberships
            ],
        }

"""Entry point of extraction: a Document in, its actors, claims and memberships out.

``get_extractor()`` gives one ``Extractor`` per process (the spaCy model and the lexicons load
once). ``Extractor.extract(doc)`` works on the text the Document already holds (cleaned by the
reader) and never re-cleans it, so claim offsets point into ``Document.text``.
"""
from __future__ import annotations

import threading
from functools import lru_cache
from typing import Any, Iterable, Iterator, Optional

from graph.model import Actor, Claim, Document, Extraction, Membership, claim_id
from loaders.actors import DocActors, get_gaz
from loaders.claims import RawClaim, find_claims
from loaders.nlp import get_nlp

EXTRACTOR_NAME = "claimgraph-rules"
EXTRACTOR_VERSION = "0.2.0"
#: Passing texts to spaCy in batches is faster than one at a time.
BATCH_SIZE = 32


class Extractor:
    """Rule-based actor and claim extraction over a spaCy parse."""

    name = f"{EXTRACTOR_NAME}/{EXTRACTOR_VERSION}"

    def __init__(self) -> None:
        self.nlp = get_nlp()
        self.gaz = get_gaz()

    def extract(self, document: Document) -> Extraction:
        return self._build(document, self.nlp(document.text or ""))

    def extract_many(self, documents: Iterable[Document], batch_size: int = BATCH_SIZE) -> Iterator[Extraction]:
        """Like ``extract`` for each document, but parses them in batches (``nlp.pipe``)."""
        docs = list(documents) if not isinstance(documents, list) else documents
        for document, parsed in zip(docs, self.nlp.pipe((d.text or "" for d in docs), batch_size=batch_size)):
            yield self._build(document, parsed)

    # ------------------------------------------------------------------
    def _build(self, document: Document, parsed: Any) -> Extraction:
        actors = DocActors(parsed, self.gaz)
        raw = find_claims(parsed, actors)
        claims = self._claims(document, parsed, actors, raw)
        used = {c.source_id for c in claims} | {c.target_id for c in claims if c.target_id}
        out_actors: list[Actor] = []
        member_ids = {m for pair in actors.members for m in pair}
        for info in actors.actors.values():
            if not info.mentions and info.id not in used and info.id not in member_ids:
                continue
            out_actors.append(Actor(id=info.id, name=info.name, kind=info.kind,
                                    aliases=sorted(info.aliases), mentions=list(info.mentions)))
        memberships = [Membership(m, g, role) for (m, g), role in actors.members.items()
                       if m in actors.actors and g in actors.actors]
        mentioned = [a.id for a in out_actors if actors.actors[a.id].mentions]
        return Extraction(document=document, actors=out_actors, claims=claims,
                          memberships=memberships, mentioned=mentioned)

    def _claims(self, document: Document, parsed: Any, actors: DocActors, raw: list[RawClaim]) -> list[Claim]:
        out: list[Claim] = []
        by_token: list[tuple[int, Claim]] = []
        quotes = actors.quotes
        for rc in sorted(raw, key=lambda r: r.token):
            tok = parsed[rc.token]
            sent = tok.sent
            target = rc.target
            about = None
            if rc.about_types:
                prior = [c for i, c in reversed(by_token) if c.type in rc.about_types and i < rc.token
                         and c.source_id != rc.source]
                if prior:
                    about = prior[0].id
                    if target is None:
                        target = prior[0].source_id
            if target == rc.source:
                continue
            quote = ""
            for s, e in quotes:
                if s < rc.token < e:
                    quote = parsed[s + 1:e].text
                    break
            cid = claim_id(document.id, rc.type, rc.source, target, sent.start_char)
            c = Claim(id=cid, type=rc.type, source_id=rc.source, target_id=target, doc_id=document.id,
                      sentence=sent.text, start=sent.start_char, end=sent.end_char, quote=quote,
                      date=document.published or "", confidence=rc.confidence, extractor=self.name,
                      about_id=about)
            if any(o.id == cid for o in out):
                continue
            out.append(c)
            by_token.append((rc.token, c))
        # "began a strike to protest against X": keep the claim that names whom, not its
        # target-less twin from the same sentence
        targeted = {(c.source_id, c.type, c.start) for c in out if c.target_id}
        return [c for c in out if c.target_id or (c.source_id, c.type, c.start) not in targeted]


_lock = threading.Lock()


@lru_cache(maxsize=1)
def _cached() -> Extractor:
    return Extractor()


def get_extractor() -> Extractor:
    """The process-wide extractor (loading spaCy takes about a second; do it once)."""
    with _lock:
        return _cached()


def extract_document(document: Document) -> Extraction:
    return get_extractor().extract(document)


def version() -> Optional[str]:
    return Extractor.name

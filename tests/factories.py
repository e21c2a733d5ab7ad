"""Hand-built extractions for store tests: what the loaders would produce for two short articles.

Built by hand (not by the extractor) so store tests do not depend on extraction quality.
Offsets are computed from the text, so a claim's ``start``/``end`` always point at its sentence.
"""
from __future__ import annotations

from typing import Optional

from graph.model import Actor, Claim, Document, Extraction, Membership, actor_id, claim_id

RUSSIA = actor_id("state", "RUS")
UKRAINE = actor_id("state", "UKR")
USA = actor_id("state", "USA")
ZAKHAROVA = actor_id("person", "Maria Zakharova")
MFA = actor_id("organization", "Russian Foreign Ministry")
LAVROV = actor_id("person", "Sergei Lavrov")
BLINKEN = actor_id("person", "Antony Blinken")
NATO = actor_id("organization", "NATO")


def _actor(aid: str, name: str, aliases: list[str]) -> Actor:
    kind = aid.split(":", 1)[0]
    return Actor(id=aid, name=name, kind=kind, aliases=list(aliases), mentions=[name])


def _claim(doc: Document, type_: str, source: str, target: Optional[str], sentence: str,
           about: Optional[str] = None, quote: str = "", confidence: float = 0.8) -> Claim:
    start = doc.text.index(sentence)
    return Claim(
        id=claim_id(doc.id, type_, source, target, start), type=type_, source_id=source,
        target_id=target, doc_id=doc.id, sentence=sentence, start=start,
        end=start + len(sentence), quote=quote, date=doc.published, confidence=confidence,
        extractor="factory",
    )


MOSCOW_SENTENCES = (
    "Maria Zakharova accused Ukraine of shelling the plant.",
    "Ukraine rejected the accusation.",
    "Sergei Lavrov proposed talks in Geneva.",
    "Russia threatened to respond.",
)
GENEVA_SENTENCES = (
    "Antony Blinken met Sergei Lavrov in Geneva.",
    "Zakharova accused NATO of escalating the conflict.",
    "The United States demanded a ceasefire.",
)


def moscow_briefing(extra: str = "") -> Extraction:
    """Zakharova accuses Ukraine; Ukraine REJECTS that claim (ABOUT); a targetless PROPOSES."""
    text = " ".join(MOSCOW_SENTENCES) + extra
    doc = Document(id="doc:moscow-briefing", text=text, title="Moscow briefing",
                   url="https://example.org/moscow", published="2024-03-01", source="Example")
    accuse = _claim(doc, "ACCUSES", ZAKHAROVA, UKRAINE, MOSCOW_SENTENCES[0],
                    quote="shelling the plant")
    reject = _claim(doc, "REJECTS", UKRAINE, ZAKHAROVA, MOSCOW_SENTENCES[1])
    reject.about_id = accuse.id
    propose = _claim(doc, "PROPOSES", LAVROV, None, MOSCOW_SENTENCES[2], confidence=0.6)
    threaten = _claim(doc, "THREATENS", RUSSIA, None, MOSCOW_SENTENCES[3])
    actors = [
        _actor(RUSSIA, "Russia", ["Russian Federation"]),
        _actor(UKRAINE, "Ukraine", ["Kyiv"]),
        _actor(ZAKHAROVA, "Maria Zakharova", ["Zakharova"]),
        _actor(MFA, "Russian Foreign Ministry", ["MFA"]),
        _actor(LAVROV, "Sergei Lavrov", ["Lavrov"]),
    ]
    return Extraction(
        document=doc, actors=actors, claims=[accuse, reject, propose, threaten],
        memberships=[Membership(ZAKHAROVA, MFA, "spokeswoman"), Membership(MFA, RUSSIA, ""),
                     Membership(LAVROV, MFA, "minister")],
        mentioned=[a.id for a in actors],
    )


def geneva_meeting() -> Extraction:
    """Shares Zakharova, Lavrov and Russia with the briefing, with new aliases for Russia."""
    text = " ".join(GENEVA_SENTENCES)
    doc = Document(id="doc:geneva-meeting", text=text, title="Geneva meeting",
                   url="https://example.org/geneva", published="2024-03-02", source="Wire")
    meet = _claim(doc, "MEETS", BLINKEN, LAVROV, GENEVA_SENTENCES[0])
    accuse = _claim(doc, "ACCUSES", ZAKHAROVA, NATO, GENEVA_SENTENCES[1])
    demand = _claim(doc, "DEMANDS", USA, None, GENEVA_SENTENCES[2])
    actors = [
        _actor(RUSSIA, "Russia", ["Moscow", "Russian Federation"]),
        _actor(USA, "United States", ["Washington"]),
        _actor(ZAKHAROVA, "Maria Zakharova", ["Zakharova", "Maria V. Zakharova"]),
        _actor(LAVROV, "Sergei Lavrov", ["Lavrov"]),
        _actor(BLINKEN, "Antony Blinken", ["Blinken"]),
        _actor(NATO, "NATO", ["North Atlantic Alliance"]),
        _actor(MFA, "Russian Foreign Ministry", []),
    ]
    return Extraction(
        document=doc, actors=actors, claims=[meet, accuse, demand],
        memberships=[Membership(ZAKHAROVA, MFA, "spokeswoman"), Membership(MFA, RUSSIA, "")],
        mentioned=[BLINKEN, LAVROV, ZAKHAROVA, NATO, USA],
    )


def corpus() -> list[Extraction]:
    return [moscow_briefing(), geneva_meeting()]


def expected_stats(extractions: list[Extraction]) -> dict:
    """What a store should count after writing these (computed from the data, not hard-coded)."""
    actors: dict[str, str] = {}
    claims_by_type: dict[str, int] = {}
    memberships: set[tuple[str, str]] = set()
    mentions: set[tuple[str, str]] = set()
    docs = {ex.document.id: ex for ex in extractions}
    for ex in docs.values():
        for a in ex.actors:
            actors[a.id] = a.kind
        for c in ex.claims:
            claims_by_type[c.type] = claims_by_type.get(c.type, 0) + 1
        memberships |= {(m.member_id, m.group_id) for m in ex.memberships}
        mentions |= {(ex.document.id, a) for a in ex.mentioned}
    kinds: dict[str, int] = {}
    for k in actors.values():
        kinds[k] = kinds.get(k, 0) + 1
    return {
        "documents": len(docs),
        "actors": len(actors),
        "claims": sum(claims_by_type.values()),
        "claims_by_type": dict(sorted(claims_by_type.items())),
        "memberships": len(memberships),
        "mentions": len(mentions),
        "actors_by_kind": dict(sorted(kinds.items())),
    }


def synthetic(n_docs: int, claims_per_doc: int, n_actors: int = 200,
              prefix: str = "doc:synthetic") -> list[Extraction]:
    """Many small documents for batching, crash and throughput runs."""
    from graph.model import CLAIM_TYPES

    pool = [Actor(id=actor_id("person", f"Person {i}"), name=f"Person {i}", kind="person",
                  aliases=[f"P{i}"]) for i in range(n_actors)]
    out = []
    for d in range(n_docs):
        sentences = [f"Person {d % n_actors} said thing {j} about person {(d + j) % n_actors}."
                     for j in range(claims_per_doc)]
        doc = Document(id=f"{prefix}-{d}", text=" ".join(sentences), title=f"Synthetic {d}",
                       published="2024-01-01")
        used: dict[str, Actor] = {}
        claims = []
        pos = 0
        for j, s in enumerate(sentences):
            src = pool[(d + j) % n_actors]
            tgt = pool[(d + 3 * j + 1) % n_actors] if j % 4 else None
            used[src.id] = src
            if tgt is not None:
                used[tgt.id] = tgt
            t = CLAIM_TYPES[(d + j) % len(CLAIM_TYPES)]
            claims.append(Claim(id=claim_id(doc.id, t, src.id, tgt.id if tgt else None, pos),
                                type=t, source_id=src.id, target_id=tgt.id if tgt else None,
                                doc_id=doc.id, sentence=s, start=pos, end=pos + len(s),
                                date="2024-01-01", confidence=0.5, extractor="synthetic"))
            pos += len(s) + 1
        out.append(Extraction(document=doc, actors=list(used.values()), claims=claims,
                              mentioned=list(used)))
    return out

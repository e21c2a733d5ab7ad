"""Hand-written sentences (tests/sentences/*.tsv) through the real extractor and spaCy model.

Each row names the claim that must come out, by resolved actor name, or ``none`` for sentences
that must yield no claim of that type (negated, hypothetical, questioned). A fifth column marks
a known weakness: the row runs as a strict xfail, so fixing it makes the suite say so.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from graph.model import Document, Extraction
from loaders.extract import get_extractor

HERE = Path(__file__).parent / "sentences"


def _rows() -> list:
    out = []
    for path in sorted(HERE.glob("*.tsv")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            text, source, type_, target = cols[:4]
            reason = cols[4] if len(cols) > 4 else ""
            marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
            out.append(pytest.param(text, source, type_, target, id=f"{path.stem}:{n}", marks=marks))
    return out


def _names(ex: Extraction, actor_id: str | None) -> set[str]:
    if actor_id is None:
        return {"-"}
    for a in ex.actors:
        if a.id == actor_id:
            return {a.name.lower(), *(x.lower() for x in a.aliases), *(m.lower() for m in a.mentions)}
    return {actor_id.lower()}


def _found(ex: Extraction, source: str, type_: str, target: str) -> bool:
    for c in ex.claims:
        if c.type != type_:
            continue
        src = _names(ex, c.source_id)
        tgt = _names(ex, c.target_id)
        if source.lower() not in src:
            continue
        if target == "-" or target.lower() in tgt:
            return True
        if type_ in ("MEETS", "FIGHTS", "COOPERATES") and source.lower() in tgt and target.lower() in src:
            return True
    return False


@pytest.mark.parametrize("text,source,type_,target", _rows())
def test_sentence(text: str, source: str, type_: str, target: str) -> None:
    ex = get_extractor().extract(Document(id="t", text=text, published="2024-05-01"))
    got = [(c.source_id, c.type, c.target_id) for c in ex.claims]
    if source == "none":
        assert not [c for c in ex.claims if c.type == type_], got
        return
    assert _found(ex, source, type_, target), got
    for c in ex.claims:  # evidence travels with every claim
        assert text[c.start:c.end] == c.sentence
        assert c.date == "2024-05-01" and c.extractor and 0 < c.confidence <= 1

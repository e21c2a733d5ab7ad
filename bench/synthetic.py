"""Synthetic Extractions for benchmarks and fault tests.

Real news graphs are dominated by a few actors (Russia, the United States, a handful of
ministers) and a long tail mentioned once; a uniform generator would hide the contention and the
supernode costs that hurt a loader and a query. Actors are therefore drawn with Zipf-like
weights ``1 / rank**s``. Everything is a pure function of ``(n_claims, seed)`` so a test can
regenerate exactly what a killed loader was given and compare the store with it.

The text of each document is built from the claims' own sentences, so offsets, quotes and
``sha256`` are consistent with what the real extractor would produce. ``write_articles`` also
writes them as JSON Lines document files (``id``, ``title``, ``date``, ``text``) for end-to-end
runs through the readers.
"""
from __future__ import annotations

import bisect
import itertools
import json
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Optional

from graph.model import (
    CLAIM_TYPES,
    Actor,
    Claim,
    Document,
    Extraction,
    Membership,
    actor_id,
    claim_id,
)

#: Share of each kind in the actor pool (people dominate news; states are few but frequent).
KIND_WEIGHTS: dict[str, float] = {"state": 0.08, "person": 0.62, "organization": 0.2, "group": 0.1}
#: Share of each claim type; core types dominate like in the annotated dev set.
TYPE_WEIGHTS: dict[str, float] = {t: (6.0 if i < 4 else 1.0) for i, t in enumerate(CLAIM_TYPES)}
VERBS: dict[str, str] = {
    "ACCUSES": "accused", "MEETS": "met", "PROPOSES": "proposed talks to", "REJECTS": "rejected",
    "AGREES": "agreed with", "DEMANDS": "demanded concessions from", "THREATENS": "threatened",
    "PROTESTS": "protested against", "SUPPORTS": "backed", "COOPERATES": "worked with",
    "AIDS": "sent aid to", "CONCEDES": "conceded to", "RETREATS": "withdrew from",
    "SANCTIONS": "sanctioned", "MOBILIZES": "mobilised against", "COERCES": "pressured",
    "ASSAULTS": "attacked", "FIGHTS": "fought", "INVESTIGATES": "opened an inquiry into",
}
_SYLLABLES = ("ka", "ro", "mi", "ta", "ne", "lu", "sa", "vo", "di", "ze", "pa", "go", "ri",
              "an", "el", "bo", "chi", "dra", "ven", "tos", "mar", "lin", "ost", "que")
_KIND_SUFFIX = {"state": "ia", "person": "", "organization": " Council", "group": " Front"}


@dataclass(frozen=True)
class SyntheticSpec:
    """What a generator run was asked for; ``n_actors`` defaults to a pool that grows with size."""

    n_claims: int
    seed: int = 0
    mean_claims_per_doc: int = 5
    zipf_s: float = 1.1
    n_actors: Optional[int] = None

    @property
    def actor_pool(self) -> int:
        return self.n_actors or max(50, min(200_000, self.n_claims // 8))


def _name(rng: random.Random, kind: str, rank: int) -> str:
    """Pronounceable, unique by construction (the rank is part of it), so ids never collide."""
    stem = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
    if kind == "person":
        given = "".join(rng.choice(_SYLLABLES) for _ in range(2)).capitalize()
        return f"{given} {stem} {rank}"
    return f"{stem}{rank}{_KIND_SUFFIX[kind]}"


def make_actors(spec: SyntheticSpec) -> list[Actor]:
    """The actor pool in rank order: index 0 is the most talked-about actor."""
    rng = random.Random(f"actors:{spec.seed}")
    kinds = list(KIND_WEIGHTS)
    kind_cum = list(itertools.accumulate(KIND_WEIGHTS.values()))
    actors: list[Actor] = []
    for rank in range(spec.actor_pool):
        kind = kinds[bisect.bisect(kind_cum, rng.random() * kind_cum[-1])]
        name = _name(rng, kind, rank)
        aliases = [name.split()[-2]] if kind == "person" else []
        actors.append(Actor(id=actor_id(kind, name), name=name, kind=kind, aliases=aliases))
    return actors


class _Picker:
    """Zipf-weighted draws by bisecting a cumulative table: O(log n) per draw at any pool size."""

    def __init__(self, n: int, s: float):
        self.cum = list(itertools.accumulate(1.0 / (r + 1) ** s for r in range(n)))
        self.total = self.cum[-1]

    def __call__(self, rng: random.Random) -> int:
        return min(bisect.bisect(self.cum, rng.random() * self.total), len(self.cum) - 1)


def synthetic_extractions(
    n_claims: int, seed: int = 0, *, mean_claims_per_doc: int = 5, zipf_s: float = 1.1,
    n_actors: Optional[int] = None, doc_prefix: str = "syn",
) -> Iterator[Extraction]:
    """Yield documents until exactly ``n_claims`` claims have been produced.

    Deterministic: the same arguments give the same documents, ids, text and order.
    """
    spec = SyntheticSpec(n_claims, seed, mean_claims_per_doc, zipf_s, n_actors)
    actors = make_actors(spec)
    pick = _Picker(len(actors), zipf_s)
    types = list(TYPE_WEIGHTS)
    type_cum = list(itertools.accumulate(TYPE_WEIGHTS.values()))
    rng = random.Random(f"docs:{seed}")
    made = 0
    doc_no = 0
    while made < n_claims:
        k = min(n_claims - made, max(1, int(rng.expovariate(1.0 / mean_claims_per_doc)) + 1))
        yield _document(rng, actors, pick, types, type_cum, spec, doc_prefix, doc_no, k)
        made += k
        doc_no += 1


def _document(rng: random.Random, actors: list[Actor], pick: _Picker, types: list[str],
              type_cum: list[float], spec: SyntheticSpec, prefix: str, doc_no: int,
              k: int) -> Extraction:
    doc_id = f"{prefix}-{spec.seed}-{doc_no:07d}"
    day = 1 + doc_no % 28
    month = 1 + (doc_no // 28) % 12
    published = f"{2020 + (doc_no // 336) % 5}-{month:02d}-{day:02d}"
    title = f"Synthetic report {doc_no}"
    parts = [title + "\n\n"]
    offset = len(parts[0])
    used: dict[str, Actor] = {}
    claims: list[Claim] = []
    for j in range(k):
        src = actors[pick(rng)]
        tgt: Optional[Actor] = actors[pick(rng)]
        if tgt is src:
            tgt = None  # a claim without a target (e.g. "X proposed talks") still exists
        type_ = types[bisect.bisect(type_cum, rng.random() * type_cum[-1])]
        quote = f"We stand by statement {j}" if rng.random() < 0.3 else ""
        object_ = tgt.name if tgt else "a new plan"
        sentence = f"{src.name} {VERBS[type_]} {object_} on {published}."
        if quote:
            sentence += f' "{quote}," a spokesperson said.'
        start, end = offset, offset + len(sentence)
        parts.append(sentence + " ")
        offset = end + 1
        about = claims[rng.randrange(len(claims))].id if claims and rng.random() < 0.1 else None
        cid = claim_id(doc_id, type_, src.id, tgt.id if tgt else None, start)
        claims.append(Claim(
            id=cid, type=type_, source_id=src.id, target_id=tgt.id if tgt else None,
            doc_id=doc_id, sentence=sentence, start=start, end=end, quote=quote,
            date=published, confidence=round(0.5 + rng.random() / 2, 3), extractor="synthetic",
            about_id=about,
        ))
        used[src.id] = src
        if tgt:
            used[tgt.id] = tgt
    memberships = []
    people = [a for a in used.values() if a.kind == "person"]
    states = [a for a in used.values() if a.kind == "state"]
    if people and states and rng.random() < 0.5:
        memberships.append(Membership(people[0].id, states[0].id, "official"))
    doc = Document(id=doc_id, text="".join(parts).rstrip() + "\n", title=title,
                   url=f"https://example.invalid/{doc_id}", published=published,
                   source="synthetic", path="")
    doc_actors = [Actor(a.id, a.name, a.kind, list(a.aliases)) for a in used.values()]
    return Extraction(document=doc, actors=doc_actors, claims=claims, memberships=memberships,
                      mentioned=list(used))


def expected_counts(extractions: Iterable[Extraction]) -> dict[str, int]:
    """What a clean load of these extractions must hold (distinct ids, like the stores' MERGE)."""
    docs: set[str] = set()
    actors: set[str] = set()
    claims: set[str] = set()
    targets = 0
    for ex in extractions:
        docs.add(ex.document.id)
        actors.update(a.id for a in ex.actors)
        for c in ex.claims:
            if c.id not in claims:
                claims.add(c.id)
                targets += c.target_id is not None
    return {"documents": len(docs), "actors": len(actors), "claims": len(claims),
            "targeted_claims": targets}


def write_articles(directory: Path | str, n_claims: int, seed: int = 0,
                   per_file: int = 1000) -> list[Path]:
    """Write the documents as JSON Lines files (``per_file`` documents each); return the paths."""
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    fh = None
    try:
        for i, ex in enumerate(synthetic_extractions(n_claims, seed)):
            if i % per_file == 0:
                if fh:
                    fh.close()
                path = out / f"synthetic-{seed}-{i // per_file:05d}.jsonl"
                paths.append(path)
                fh = path.open("w", encoding="utf-8")
            d = ex.document
            fh.write(json.dumps({"id": d.id, "title": d.title, "date": d.published,
                                 "url": d.url, "text": d.text}) + "\n")
    finally:
        if fh:
            fh.close()
    return paths


if __name__ == "__main__":  # pragma: no cover - convenience for eyeballing the skew
    import argparse
    import collections

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n_claims", type=int)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--write", type=Path, help="also write JSON Lines article files here")
    a = ap.parse_args()
    exs = list(synthetic_extractions(a.n_claims, a.seed))
    deg: collections.Counter[str] = collections.Counter()
    for ex in exs:
        for c in ex.claims:
            deg[c.source_id] += 1
            if c.target_id:
                deg[c.target_id] += 1
    print(json.dumps(expected_counts(exs)))
    print("top degrees:", deg.most_common(5))
    print("actors with degree 1:", sum(1 for v in deg.values() if v == 1))
    if a.write:
        print(write_articles(a.write, a.n_claims, a.seed))

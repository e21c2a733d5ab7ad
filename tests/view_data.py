"""Graphs for the view, export and browser tests.

``hostile()`` is one article whose title and sentences carry markup an attacker would plant in
a news page; everything about it must reach the page as text. ``synthetic_graph()`` builds a
graph directly (no store) for size-dependent tests and the view benchmark.
"""
from __future__ import annotations

import random

import networkx as nx

from graph.model import (ACTOR_KINDS, CLAIM_TYPES, Actor, Claim, Document, Extraction,
                         actor_id, claim_id)

SCRIPT_XSS = "<script>window.__xss=1</script>"
IMG_XSS = '<img src=x onerror="window.__xss=1">'
HOSTILE_SENTENCES = (
    f"Ivan Petrov accused Olga Ivanova of fraud {SCRIPT_XSS} today.",
    f"Olga Ivanova rejected the claim {IMG_XSS} at once.",
    "Ivan Petrov met Olga Ivanova in Minsk.",
    "Ivan Petrov accused Olga Ivanova of lying again.",
)
HOSTILE_TITLE = f"Breaking {SCRIPT_XSS}</title><script>window.__xss=1</script>"

PETROV = actor_id("person", "Ivan Petrov")
IVANOVA = actor_id("person", "Olga Ivanova")
MINSK_GROUP = actor_id("group", "Minsk Group")


def hostile() -> Extraction:
    """Two actors, three edges of three types (two ACCUSES merge into one drawn edge)."""
    text = " ".join(HOSTILE_SENTENCES)
    doc = Document(id="doc:hostile", text=text, title=HOSTILE_TITLE,
                   url="https://example.org/x?<script>", published="2024-05-01", source="X")
    plan = [("ACCUSES", PETROV, IVANOVA), ("REJECTS", IVANOVA, PETROV),
            ("MEETS", PETROV, IVANOVA), ("ACCUSES", PETROV, IVANOVA)]
    claims = []
    for sentence, (t, s, o) in zip(HOSTILE_SENTENCES, plan):
        start = text.index(sentence)
        claims.append(Claim(id=claim_id(doc.id, t, s, o, start), type=t, source_id=s,
                            target_id=o, doc_id=doc.id, sentence=sentence, start=start,
                            end=start + len(sentence), date=doc.published, extractor="hand"))
    actors = [Actor(PETROV, "Ivan Petrov", "person", ["Petrov"]),
              Actor(IVANOVA, f"Olga Ivanova {IMG_XSS}", "person", ["Ivanova"]),
              Actor(MINSK_GROUP, "Minsk Group", "group", [])]
    return Extraction(document=doc, actors=actors, claims=claims,
                      mentioned=[a.id for a in actors])


def synthetic_graph(n_actors: int, claims_per_actor: int = 3, seed: int = 1) -> nx.MultiDiGraph:
    """A random claim graph shaped like ``to_networkx`` output (preferential targets)."""
    rng = random.Random(seed)
    G = nx.MultiDiGraph()
    for i in range(n_actors):
        kind = ACTOR_KINDS[i % len(ACTOR_KINDS)]
        G.add_node(f"{kind}:actor-{i}", name=f"Actor {i}", kind=kind)
    nodes = list(G.nodes)
    weights = [1.0 / (1 + i) for i in range(n_actors)]
    for i, src in enumerate(nodes):
        for j in range(claims_per_actor):
            tgt = rng.choices(nodes, weights=weights)[0]
            if tgt == src:
                continue
            t = CLAIM_TYPES[rng.randrange(len(CLAIM_TYPES))]
            cid = f"claim:{i}-{j}"
            G.add_edge(src, tgt, key=cid, claim_id=cid, type=t,
                       sentence=f"Actor {i} {t.lower()} someone, sentence {j}.",
                       date=f"2024-01-{1 + j % 28:02d}", doc_id=f"doc:{i}",
                       doc_title=f"Document {i}", doc_url="", confidence=0.5)
    for n in nodes:
        G.nodes[n]["made"] = G.out_degree(n)
        G.nodes[n]["targeted"] = G.in_degree(n)
        G.nodes[n]["claims"] = G.degree(n)
    return G

"""Ranking and communities: correct against networkx's reference code, and deterministic."""
from __future__ import annotations

import random
from typing import Any

import networkx as nx
import pytest
from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

from graph.analysis import (RANK_MEASURES, communities, pagerank, rank, weighted_digraph,
                            weighted_undirected)
from graph.errors import QueryError
from graph.networkx_graph import to_networkx
from tests.factories import ZAKHAROVA, corpus
from tests.view_data import synthetic_graph


def _shuffled_copy(G: nx.MultiDiGraph, seed: int) -> nx.MultiDiGraph:
    """Same graph, different insertion order: results must not depend on it."""
    rng = random.Random(seed)
    H = nx.MultiDiGraph()
    nodes = list(G.nodes(data=True))
    rng.shuffle(nodes)
    H.add_nodes_from(nodes)
    edges = list(G.edges(keys=True, data=True))
    rng.shuffle(edges)
    H.add_edges_from(edges)
    return H


def test_pagerank_matches_networkx_reference() -> None:
    D = weighted_digraph(synthetic_graph(150))
    ours = pagerank(D)
    ref = _pagerank_python(D, weight="weight", tol=1e-13, max_iter=500)
    assert abs(sum(ours.values()) - 1.0) < 1e-9
    assert max(abs(ours[n] - ref[n]) for n in D) < 1e-8


@pytest.mark.parametrize("by", RANK_MEASURES)
def test_rank_is_deterministic_and_ordered(by: str) -> None:
    G = synthetic_graph(200)
    rows = rank(G, by=by, limit=25)
    assert len(rows) == 25 and [r["rank"] for r in rows] == list(range(1, 26))
    scores = [r["score"] for r in rows]
    assert scores == sorted(scores, reverse=True) and scores[0] > scores[-1]
    assert rank(_shuffled_copy(G, 1), by=by, limit=25) == rows
    assert rank(_shuffled_copy(G, 2), by=by, limit=25) == rows


def test_rank_degree_counts_claims() -> None:
    G = synthetic_graph(60)
    rows = rank(G, by="degree", limit=60)
    assert {r["id"]: r["score"] for r in rows} == {n: float(d) for n, d in G.degree()}


def test_rank_from_store(store: Any) -> None:
    store.write(corpus())
    rows = rank(store, by="degree", limit=3)
    assert rows[0]["id"] == ZAKHAROVA  # 2 accusations made + 1 rejection received
    assert rows[0]["score"] == to_networkx(store).degree(ZAKHAROVA)
    between = rank(store, by="betweenness", limit=1)[0]
    U = weighted_undirected(to_networkx(store))
    assert between["score"] == round(max(nx.betweenness_centrality(U).values()), 6)


def test_communities_partition_and_determinism(store: Any) -> None:
    store.write(corpus())
    G = to_networkx(store)
    rows = communities(store)
    members = [m for r in rows for m in r["members"]]
    assert sorted(members) == sorted(G.nodes)  # a partition: every actor exactly once
    assert [r["size"] for r in rows] == sorted((r["size"] for r in rows), reverse=True)
    assert communities(store) == rows
    # Actors joined by claims share a community; Blinken met Lavrov, nobody else did.
    where = {m: r["community"] for r in rows for m in r["members"]}
    for u, v in G.edges():
        if G.degree(u) == G.degree(v) == 1:
            assert where[u] == where[v]


def test_communities_on_planted_partition() -> None:
    G = nx.MultiDiGraph()
    for block in range(3):
        ids = [f"b{block}-{i}" for i in range(8)]
        for n in ids:
            G.add_node(n, name=n, kind="person")
        for i, u in enumerate(ids):
            for v in ids[i + 1:]:
                G.add_edge(u, v, type="ACCUSES")
    G.add_edge("b0-0", "b1-0", type="MEETS")
    G.add_edge("b1-1", "b2-1", type="MEETS")
    for method in ("louvain", "greedy"):
        rows = communities(G, method=method)
        assert sorted(sorted(r["members"]) for r in rows) == [
            sorted(f"b{b}-{i}" for i in range(8)) for b in range(3)]
        assert rows[0]["modularity"] > 0.5
    with pytest.raises(QueryError):
        communities(G, method="nope")
    with pytest.raises(QueryError):
        rank(G, by="nope")

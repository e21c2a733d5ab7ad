"""Who matters in the claim graph, and which actors cluster together.

Both functions take a store or a graph from ``to_networkx`` and return plain rows, so the CLI
can print them as a table and notebooks can make a DataFrame of them. Results are
deterministic: ties are broken by actor id and community detection runs with a fixed seed.

PageRank is computed here by power iteration rather than ``nx.pagerank``, which needs scipy
(not a dependency of claimgraph) in networkx 3.x.
"""
from __future__ import annotations

from typing import Any, Union

import networkx as nx

from graph.errors import QueryError
from graph.networkx_graph import ensure_graph
from graph.store import GraphStore

RANK_MEASURES: tuple[str, ...] = ("pagerank", "betweenness", "degree")
COMMUNITY_METHODS: tuple[str, ...] = ("louvain", "greedy")
#: Seed for Louvain: the same graph always yields the same communities.
SEED = 42

GraphOrStore = Union[GraphStore, nx.Graph]


def weighted_digraph(G: nx.Graph) -> nx.DiGraph:
    """Collapse parallel claims into one speaker → target edge weighted by their number."""
    D = nx.DiGraph()
    D.add_nodes_from(G.nodes(data=True))
    for u, v in G.edges():
        if u == v:
            continue
        if D.has_edge(u, v):
            D[u][v]["weight"] += 1
        else:
            D.add_edge(u, v, weight=1)
    return D


def weighted_undirected(G: nx.Graph) -> nx.Graph:
    """Undirected projection: weight = claims between the two actors in either direction."""
    U = nx.Graph()
    U.add_nodes_from(G.nodes(data=True))
    for u, v in G.edges():
        if u == v:
            continue
        if U.has_edge(u, v):
            U[u][v]["weight"] += 1
        else:
            U.add_edge(u, v, weight=1)
    return U


def pagerank(D: nx.DiGraph, alpha: float = 0.85, tol: float = 1.0e-10,
             max_iter: int = 200) -> dict[Any, float]:
    """Weighted PageRank by power iteration; dangling actors spread their rank evenly.

    Being accused, met or answered by important actors makes an actor important.
    """
    nodes = list(D.nodes)
    n = len(nodes)
    if n == 0:
        return {}
    out_w = {u: sum(d.get("weight", 1) for _, _, d in D.out_edges(u, data=True)) for u in nodes}
    rank = dict.fromkeys(nodes, 1.0 / n)
    for _ in range(max_iter):
        dangling = alpha * sum(rank[u] for u in nodes if out_w[u] == 0) / n
        new = dict.fromkeys(nodes, (1.0 - alpha) / n + dangling)
        for u in nodes:
            if out_w[u]:
                share = alpha * rank[u] / out_w[u]
                for _, v, d in D.out_edges(u, data=True):
                    new[v] += share * d.get("weight", 1)
        err = sum(abs(new[u] - rank[u]) for u in nodes)
        rank = new
        if err < n * tol:
            break
    return rank


def _scores(G: nx.Graph, by: str) -> dict[Any, float]:
    if by == "pagerank":
        return pagerank(weighted_digraph(G))
    if by == "betweenness":
        # Exact (no sampling), unweighted shortest paths: deterministic and meaningful
        # ("who sits between the camps") regardless of how often a pair talks.
        return nx.betweenness_centrality(weighted_undirected(G), normalized=True)
    if by == "degree":
        # Claims in + out: the busiest actors.
        return {n: float(d) for n, d in G.degree()}
    raise QueryError(f"unknown ranking {by!r} (known: {', '.join(RANK_MEASURES)})")


def rank(source: GraphOrStore, by: str = "pagerank", limit: int = 20) -> list[dict[str, Any]]:
    """The ``limit`` top actors by ``by``: rows of rank, id, name, kind, score, claims."""
    if limit < 1:
        raise QueryError(f"limit must be at least 1, got {limit}")
    G = ensure_graph(source)
    scores = _scores(G, by)
    ordered = sorted(scores.items(), key=lambda kv: (-kv[1], str(kv[0])))[:limit]
    return [
        {"rank": i + 1, "id": n, "name": G.nodes[n].get("name", n),
         "kind": G.nodes[n].get("kind", ""), "score": round(float(s), 6),
         "claims": int(G.nodes[n].get("claims", G.degree(n)))}
        for i, (n, s) in enumerate(ordered)
    ]


def communities(source: GraphOrStore, method: str = "louvain",
                min_size: int = 1) -> list[dict[str, Any]]:
    """Communities of the undirected weighted projection, largest first.

    Rows: community (1-based), size, members (ids), names, top (the member with most claims),
    modularity (of the whole partition, repeated on each row). Isolated actors form
    communities of one; ``min_size`` hides the small ones.
    """
    G = ensure_graph(source)
    U = weighted_undirected(G)
    if U.number_of_nodes() == 0:
        return []
    if method == "louvain":
        parts = nx.community.louvain_communities(U, weight="weight", seed=SEED)
    elif method == "greedy":
        parts = nx.community.greedy_modularity_communities(U, weight="weight")
    else:
        raise QueryError(f"unknown community method {method!r} "
                         f"(known: {', '.join(COMMUNITY_METHODS)})")
    quality = nx.community.modularity(U, parts, weight="weight") if U.number_of_edges() else 0.0

    def claims(n: Any) -> int:
        return int(G.nodes[n].get("claims", G.degree(n)))

    groups = [sorted(p, key=lambda n: (-claims(n), str(n))) for p in parts]
    groups.sort(key=lambda g: (-len(g), str(g[0])))
    rows = []
    for g in groups:
        if len(g) < min_size:
            continue
        rows.append({
            "community": len(rows) + 1, "size": len(g), "members": list(g),
            "names": [G.nodes[n].get("name", n) for n in g], "top": g[0],
            "modularity": round(quality, 6),
        })
    return rows

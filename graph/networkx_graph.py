"""The claim graph as a networkx ``MultiDiGraph``: one node per actor, one edge per claim.

Everything that draws, exports or ranks the graph starts here, so this is the one place that
reads a store for them. It reads only plain-label patterns (``MADE``, ``TARGETS``, ``IN``) with
parameters, which both engines answer identically; the per-type projected relationships
would need ``type(r)``, which Ladybug spells differently.

Filtering (types, dates) happens in the query where it is cheap and exact; the ego network,
``min_claims`` and ``limit`` are graph operations and happen here in linear time.
"""
from __future__ import annotations

from collections import Counter
from typing import Any, Iterable, Mapping, Optional, Sequence, Union

import networkx as nx

from graph.errors import QueryError
from graph.model import CLAIM_TYPES
from graph.store import GraphStore

#: Every actor, so that a graph without filters has exactly the store's actors.
ACTORS_QUERY = "MATCH (a:Actor) RETURN a.id AS id, a.name AS name, a.kind AS kind"

#: Every claim with its speaker, its target (if any) and its document (if any).
#: ``{where}`` is filled only with the fixed fragments of ``_WHERE``; values are parameters.
CLAIMS_QUERY = (
    "MATCH (s:Actor)-[:MADE]->(c:Claim) {where}"
    "OPTIONAL MATCH (c)-[:TARGETS]->(t:Actor) "
    "OPTIONAL MATCH (c)-[:`IN`]->(d:Document) "
    "RETURN c.id AS claim_id, c.type AS type, c.sentence AS sentence, c.date AS date, "
    "c.confidence AS confidence, s.id AS source, s.name AS source_name, s.kind AS source_kind, "
    "t.id AS target, t.name AS target_name, t.kind AS target_kind, "
    "d.id AS doc_id, d.title AS doc_title, d.url AS doc_url, d.published AS published"
)
_WHERE = {"types": "c.type IN $types"}

#: A store, or rows shaped like ``CLAIMS_QUERY`` results (for callers that already have rows).
Source = Union[GraphStore, Iterable[Mapping[str, Any]]]


def claim_date(row: Mapping[str, Any]) -> str:
    """The date a claim is filed under: its own date, else its document's publication date."""
    return str(row.get("date") or row.get("published") or "")


def _check_args(types: Optional[Sequence[str]], hops: Optional[int],
                min_claims: Optional[int], limit: Optional[int]) -> Optional[list[str]]:
    if hops is not None and hops < 0:
        raise QueryError(f"hops must be 0 or more, got {hops}")
    if min_claims is not None and min_claims < 0:
        raise QueryError(f"min_claims must be 0 or more, got {min_claims}")
    if limit is not None and limit < 1:
        raise QueryError(f"limit must be at least 1, got {limit}")
    if types is None:
        return None
    wanted = [t.strip().upper() for t in types if t and t.strip()]
    unknown = sorted(set(wanted) - set(CLAIM_TYPES))
    if unknown:
        raise QueryError(f"unknown claim type(s): {', '.join(unknown)} "
                         f"(known: {', '.join(CLAIM_TYPES)})")
    return wanted


def _read_store(store: GraphStore, types: Optional[list[str]]) -> tuple[list[dict], list[dict]]:
    params: dict[str, Any] = {}
    where = ""
    if types is not None:
        where = f"WHERE {_WHERE['types']} "
        params["types"] = types
    actors = store.run(ACTORS_QUERY)
    claims = store.run(CLAIMS_QUERY.format(where=where), params)
    return actors, claims


def to_networkx(
    source: Source,
    *,
    actor: Optional[str] = None,
    hops: Optional[int] = None,
    types: Optional[Sequence[str]] = None,
    since: Optional[str] = None,
    until: Optional[str] = None,
    min_claims: Optional[int] = None,
    limit: Optional[int] = None,
) -> nx.MultiDiGraph:
    """Build the actor graph of a store (or of claim rows).

    Nodes are actor ids with ``name``, ``kind`` and ``claims`` (claims the actor made or was
    targeted by, after filters; untargeted claims count for their speaker), ``made`` and
    ``targeted``. Edges go speaker → target, keyed by claim id, with ``type``, ``sentence``,
    ``date``, ``doc_id``, ``doc_title``, ``doc_url``, ``confidence``, ``claim_id``.

    Without filters every actor of the store is a node (isolated ones too). With any filter
    (``types``, ``since``/``until``, ``actor``) only actors of matching claims remain.
    ``since``/``until`` compare ISO date strings inclusively against the claim date, falling
    back to the document's publication date; claims with no date at all are dropped by a date
    filter. ``actor`` + ``hops`` keeps the actor and everyone within ``hops`` claims of it
    (either direction; ``hops`` defaults to 1). ``min_claims`` drops actors with fewer claims;
    ``limit`` keeps the ``limit`` actors with most claims (ties broken by id).
    """
    wanted_types = _check_args(types, hops, min_claims, limit)
    if isinstance(source, GraphStore):
        actor_rows, claim_rows = _read_store(source, wanted_types)
    else:
        actor_rows, claim_rows = [], list(source)
        if wanted_types is not None:
            keep = set(wanted_types)
            claim_rows = [r for r in claim_rows if r.get("type") in keep]

    filtered = bool(wanted_types is not None or since or until or actor)
    G = nx.MultiDiGraph()
    if not filtered:
        for r in actor_rows:
            G.add_node(r["id"], name=r.get("name") or r["id"], kind=r.get("kind") or "")
    made: Counter[str] = Counter()
    targeted: Counter[str] = Counter()
    for r in claim_rows:
        date = claim_date(r)
        if since and (not date or date < since):
            continue
        if until and (not date or date[: len(until)] > until):
            continue
        src = r["source"]
        if src not in G:
            G.add_node(src, name=r.get("source_name") or src, kind=r.get("source_kind") or "")
        made[src] += 1
        tgt = r.get("target")
        if tgt is None:
            continue
        if tgt not in G:
            G.add_node(tgt, name=r.get("target_name") or tgt, kind=r.get("target_kind") or "")
        targeted[tgt] += 1
        G.add_edge(
            src, tgt, key=r["claim_id"],
            claim_id=r["claim_id"], type=r.get("type") or "", sentence=r.get("sentence") or "",
            date=date, doc_id=r.get("doc_id") or "", doc_title=r.get("doc_title") or "",
            doc_url=r.get("doc_url") or "",
            confidence=float(r["confidence"]) if r.get("confidence") is not None else 0.0,
        )
    for n, data in G.nodes(data=True):
        data["made"] = made[n]
        data["targeted"] = targeted[n]
        data["claims"] = made[n] + targeted[n]

    if actor is not None:
        if actor not in G:
            raise QueryError(f"actor {actor!r} is not in the graph (after filters)")
        radius = 1 if hops is None else hops
        # Distances over the undirected view: an accuser and the accused are one hop apart.
        reach = nx.single_source_shortest_path_length(G.to_undirected(as_view=True), actor,
                                                      cutoff=radius)
        G = G.subgraph(reach).copy()
    if min_claims:
        G = G.subgraph([n for n, c in G.nodes(data="claims") if c >= min_claims]).copy()
    if limit is not None and G.number_of_nodes() > limit:
        ranked = sorted(G.nodes(data="claims"), key=lambda nc: (-nc[1], nc[0]))
        keep_nodes = [n for n, _ in ranked[:limit]]
        if actor is not None and actor in G and actor not in keep_nodes:
            keep_nodes[-1] = actor  # the ego is the point of an ego network
        G = G.subgraph(keep_nodes).copy()
    G.graph["filters"] = {k: v for k, v in {
        "actor": actor, "hops": hops, "types": wanted_types, "since": since, "until": until,
        "min_claims": min_claims, "limit": limit}.items() if v is not None}
    return G


def ensure_graph(source: Union[GraphStore, nx.Graph]) -> nx.Graph:
    """A graph as is, or a store's full graph: lets analysis take either."""
    if isinstance(source, nx.Graph):
        return source
    return to_networkx(source)

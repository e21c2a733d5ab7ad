"""Exports of a claim graph (as built by ``graph.networkx_graph.to_networkx``) to files.

Each writer writes exactly the path it is given (parent directories are created), through a
temporary file renamed into place, so an interrupted export never leaves half a file under the
real name. GraphML and GEXF cannot hold ``None`` or lists, so attributes are flattened first:
``None`` → ``""``, lists/tuples/sets → ``"; "``-joined strings, dicts → JSON; numbers and
booleans stay typed.
"""
from __future__ import annotations

import csv
import json
import os
from pathlib import Path
from typing import Any, Callable, Union

import networkx as nx

from graph.errors import ClaimgraphError
from graph.files import write_atomic

PathLike = Union[str, os.PathLike[str]]

#: Column order of the CSV files; further attributes follow in sorted order.
NODE_COLUMNS = ("id", "name", "kind", "claims", "made", "targeted")
EDGE_COLUMNS = ("source", "target", "key", "type", "date", "sentence", "doc_id", "doc_title",
                "doc_url", "confidence", "claim_id")


class ExportError(ClaimgraphError):
    """An export cannot be written (bad path, unwritable directory)."""


def flat_value(value: Any) -> Union[str, int, float, bool]:
    """One attribute value as something every file format can hold."""
    if value is None:
        return ""
    if isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
        return "; ".join(str(flat_value(v)) for v in items)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return str(value)


def flatten(G: nx.Graph) -> nx.Graph:
    """A copy of ``G`` whose node, edge and graph attributes are all flat values."""
    H = G.__class__()
    H.graph.update({k: flat_value(v) for k, v in G.graph.items()})
    for n, data in G.nodes(data=True):
        H.add_node(n, **{k: flat_value(v) for k, v in data.items()})
    if G.is_multigraph():
        for u, v, k, data in G.edges(keys=True, data=True):
            H.add_edge(u, v, key=k, **{a: flat_value(x) for a, x in data.items()})
    else:
        for u, v, data in G.edges(data=True):
            H.add_edge(u, v, **{a: flat_value(x) for a, x in data.items()})
    return H


def _atomic(path: PathLike, write: Callable[[Path], None]) -> Path:
    return write_atomic(path, write, ExportError)


def write_graphml(G: nx.Graph, path: PathLike) -> Path:
    """GraphML (yEd, Cytoscape, networkx); multi-edges keep their claim ids as edge ids."""
    H = flatten(G)
    return _atomic(path, lambda p: nx.write_graphml(H, p, encoding="utf-8", prettyprint=True))


def write_gexf(G: nx.Graph, path: PathLike) -> Path:
    """GEXF 1.2 for Gephi; node labels are actor names."""
    H = flatten(G)
    for n, data in H.nodes(data=True):
        data.setdefault("label", str(data.get("name") or n))
    # GEXF reserves an edge's ``type`` for directed/undirected and ``id`` for its identity:
    # the claim type moves to ``claim_type`` (and the edge label), the claim id becomes the id.
    edges = H.edges(keys=True, data=True) if H.is_multigraph() else (
        (u, v, None, d) for u, v, d in H.edges(data=True))
    for _u, _v, key, data in edges:
        if "type" in data:
            data["claim_type"] = data.pop("type")
            data.setdefault("label", data["claim_type"])
        if key is not None:
            data.setdefault("id", str(key))
    return _atomic(path, lambda p: nx.write_gexf(H, p, encoding="utf-8", prettyprint=True))


def node_link(G: nx.Graph) -> dict[str, Any]:
    """Node-link data with edges under ``"edges"`` (the networkx 3.4+ spelling)."""
    return nx.node_link_data(G, edges="edges")


def write_json(G: nx.Graph, path: PathLike) -> Path:
    """Node-link JSON (d3, ``networkx.node_link_graph(data, edges="edges")``)."""
    text = json.dumps(node_link(flatten(G)), ensure_ascii=False, indent=1)
    return _atomic(path, lambda p: p.write_text(text + "\n", encoding="utf-8"))


def csv_paths(dir_or_prefix: PathLike) -> tuple[Path, Path]:
    """Where ``write_csv`` writes: ``DIR/nodes.csv`` + ``DIR/edges.csv`` for an existing
    directory (or a path ending in a separator), else ``PREFIX.nodes.csv`` + ``PREFIX.edges.csv``."""
    text = os.fspath(dir_or_prefix)
    base = Path(text)
    if base.is_dir() or text.endswith((os.sep, "/")):
        return base / "nodes.csv", base / "edges.csv"
    return base.with_name(base.name + ".nodes.csv"), base.with_name(base.name + ".edges.csv")


def _columns(fixed: tuple[str, ...], rows: list[dict[str, Any]]) -> list[str]:
    extra = sorted({k for r in rows for k in r} - set(fixed))
    present = {k for r in rows for k in r}
    return [c for c in fixed if c in present or c in fixed[:3]] + extra


def _write_rows(columns: list[str], rows: list[dict[str, Any]]) -> Callable[[Path], None]:
    def write(p: Path) -> None:
        with p.open("w", encoding="utf-8", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=columns, extrasaction="ignore")
            w.writeheader()
            for r in rows:
                w.writerow({c: r.get(c, "") for c in columns})
    return write


def write_csv(G: nx.Graph, dir_or_prefix: PathLike) -> tuple[Path, Path]:
    """Two CSV files (nodes, edges) for spreadsheets and pandas; see ``csv_paths``."""
    nodes_path, edges_path = csv_paths(dir_or_prefix)
    H = flatten(G)
    node_rows = [{"id": n, **d} for n, d in H.nodes(data=True)]
    if H.is_multigraph():
        edge_rows = [{"source": u, "target": v, "key": k, **d}
                     for u, v, k, d in H.edges(keys=True, data=True)]
    else:
        edge_rows = [{"source": u, "target": v, "key": "", **d} for u, v, d in H.edges(data=True)]
    _atomic(nodes_path, _write_rows(_columns(NODE_COLUMNS, node_rows), node_rows))
    _atomic(edges_path, _write_rows(_columns(EDGE_COLUMNS, edge_rows), edge_rows))
    return nodes_path, edges_path


#: Format name → writer, for the CLI's ``export --format``.
WRITERS: dict[str, Callable[..., Any]] = {
    "graphml": write_graphml, "gexf": write_gexf, "json": write_json, "csv": write_csv,
}

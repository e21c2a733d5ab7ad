"""Exports round-trip through networkx's own readers with the same nodes, edges and values."""
from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from graph.export import (ExportError, csv_paths, flat_value, write_csv, write_gexf,
                          write_graphml, write_json)
from graph.networkx_graph import to_networkx
from tests.factories import corpus, synthetic
from tests.view_data import HOSTILE_SENTENCES, hostile


@pytest.fixture
def graph(store: Any) -> nx.MultiDiGraph:
    # Synthetic documents add parallel claims between the same actors (a real multigraph).
    store.write(corpus() + synthetic(12, 6, n_actors=8) + [hostile()])
    G = to_networkx(store)
    assert any(G.number_of_edges(u, v) > 1 for u, v in G.edges())
    return G


def _same_edges(G: nx.MultiDiGraph, H: nx.MultiDiGraph, type_attr: str = "type") -> None:
    assert H.number_of_nodes() == G.number_of_nodes()
    assert H.number_of_edges() == G.number_of_edges()
    assert set(H.nodes) == set(G.nodes)
    for u, v, k, data in G.edges(keys=True, data=True):
        got = H.edges[u, v, k]
        assert got[type_attr] == data["type"]
        assert got["sentence"] == data["sentence"]
        assert got["doc_id"] == data["doc_id"]


def test_graphml_round_trip(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = write_graphml(graph, tmp_path / "g.graphml")
    H = nx.read_graphml(path, force_multigraph=True)
    assert H.is_directed()
    _same_edges(graph, H)
    for n, data in graph.nodes(data=True):
        assert H.nodes[n]["name"] == data["name"] and H.nodes[n]["claims"] == data["claims"]


def test_gexf_round_trip(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = write_gexf(graph, tmp_path / "g.gexf")
    H = nx.read_gexf(path)
    assert isinstance(H, nx.MultiDiGraph)
    # GEXF reserves an edge's "type" (directed/undirected): the claim type is "claim_type".
    _same_edges(graph, H, type_attr="claim_type")
    assert 'defaultedgetype="directed"' in path.read_text(encoding="utf-8")
    assert {H.nodes[n]["label"] for n in H} == {d["name"] for _, d in graph.nodes(data=True)}


def test_json_round_trip(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = write_json(graph, tmp_path / "g.json")
    H = nx.node_link_graph(json.loads(path.read_text(encoding="utf-8")), edges="edges")
    assert isinstance(H, nx.MultiDiGraph)
    _same_edges(graph, H)
    text = path.read_text(encoding="utf-8")
    assert HOSTILE_SENTENCES[0] in {d["sentence"] for d in H.edges.values()}
    assert "filters" in json.loads(text)["graph"]


def test_csv_files(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    nodes_path, edges_path = write_csv(graph, tmp_path)
    assert (nodes_path, edges_path) == (tmp_path / "nodes.csv", tmp_path / "edges.csv")
    with nodes_path.open(encoding="utf-8", newline="") as fh:
        nodes = list(csv.DictReader(fh))
    with edges_path.open(encoding="utf-8", newline="") as fh:
        edges = list(csv.DictReader(fh))
    assert {r["id"] for r in nodes} == set(graph.nodes)
    assert len(edges) == graph.number_of_edges()
    by_key = {r["key"]: r for r in edges}
    for u, v, k, data in graph.edges(keys=True, data=True):
        assert (by_key[k]["source"], by_key[k]["target"], by_key[k]["type"]) == (u, v, data["type"])
        assert by_key[k]["sentence"] == data["sentence"]  # commas, quotes, markup survive
    prefixed = write_csv(graph, tmp_path / "sub" / "run1")
    assert prefixed == (tmp_path / "sub" / "run1.nodes.csv", tmp_path / "sub" / "run1.edges.csv")
    assert csv_paths(str(tmp_path / "new") + "/") == (tmp_path / "new" / "nodes.csv",
                                                       tmp_path / "new" / "edges.csv")


def test_lists_and_none_are_flattened(tmp_path: Path) -> None:
    G = nx.MultiDiGraph()
    G.add_node("a", name="A", aliases=["x", "y"], missing=None, tags={"b", "a"})
    G.add_node("b", name="B", aliases=[], missing=None, tags=set())
    G.add_edge("a", "b", key="c1", type="ACCUSES", sentence="s", extra={"k": 1}, none=None)
    assert flat_value(["x", None, 2]) == "x; ; 2" and flat_value({"b", "a"}) == "a; b"
    for write, read in ((write_graphml, nx.read_graphml), (write_gexf, nx.read_gexf)):
        path = write(G, tmp_path / f"g.{write.__name__}")
        H = read(path)
        assert H.nodes["a"]["aliases"] == "x; y" and H.nodes["a"]["tags"] == "a; b"
        assert H.number_of_edges() == 1


def test_writers_write_only_the_given_path(graph: nx.MultiDiGraph, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    out = tmp_path / "exports"
    write_graphml(graph, out / "a.graphml")
    write_gexf(graph, out / "a.gexf")
    write_json(graph, out / "a.json")
    write_csv(graph, out / "a")
    assert list(cwd.iterdir()) == []
    assert sorted(p.name for p in out.iterdir()) == [
        "a.edges.csv", "a.gexf", "a.graphml", "a.json", "a.nodes.csv"]
    with pytest.raises(ExportError, match="is a directory"):
        write_json(graph, out)

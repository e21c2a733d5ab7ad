"""``to_networkx`` against both real engines, and the page ``graph.view`` builds (without a
browser: see test_browser.py for the page actually running)."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from graph.errors import ClaimgraphError, QueryError
from graph.model import Extraction
from graph.networkx_graph import to_networkx
from graph.view import ViewError, render_html, to_pyvis, write_html
from tests.factories import LAVROV, ZAKHAROVA, corpus, expected_stats
from tests.view_data import (HOSTILE_SENTENCES, IMG_XSS, SCRIPT_XSS, hostile,
                             synthetic_graph)


def _claims(extractions: list[Extraction]) -> list[Any]:
    return [c for ex in extractions for c in ex.claims]


@pytest.fixture
def loaded(store: Any) -> Any:
    extractions = corpus()
    store.write(extractions)
    return store, extractions


def test_to_networkx_counts_match_store(loaded: Any) -> None:
    store, extractions = loaded
    stats = store.stats()
    G = to_networkx(store)
    assert G.number_of_nodes() == stats["actors"] == expected_stats(extractions)["actors"]
    targeted = [c for c in _claims(extractions) if c.target_id is not None]
    assert G.number_of_edges() == len(targeted)
    assert sum(m for _, m in G.nodes(data="made")) == stats["claims"]
    assert {k for _, _, k in G.edges(keys=True)} == {c.id for c in targeted}
    for c in targeted:
        data = G.edges[c.source_id, c.target_id, c.id]
        assert (data["type"], data["sentence"], data["doc_id"]) == (c.type, c.sentence, c.doc_id)
        assert data["date"] == c.date and data["doc_title"]
    kinds = {ex_a.id: ex_a.kind for ex in extractions for ex_a in ex.actors}
    assert dict(G.nodes(data="kind")) == kinds


def test_to_networkx_filters(loaded: Any) -> None:
    store, extractions = loaded
    claims = [c for c in _claims(extractions) if c.target_id is not None]

    accuses = to_networkx(store, types=["accuses"])
    want = [c for c in claims if c.type == "ACCUSES"]
    assert accuses.number_of_edges() == len(want) > 0
    assert set(accuses.nodes) == {a for c in want for a in (c.source_id, c.target_id)}

    cut = sorted({c.date for c in claims})[-1]
    late = to_networkx(store, since=cut)
    assert late.number_of_edges() == len([c for c in claims if c.date >= cut])
    early = to_networkx(store, until=cut[:7])  # a month prefix includes the whole month
    assert early.number_of_edges() == len(claims)
    assert to_networkx(store, until="1999-12-31").number_of_edges() == 0

    ego = to_networkx(store, actor=LAVROV, hops=1)
    neighbours = {LAVROV} | {c.source_id for c in claims if c.target_id == LAVROV} | {
        c.target_id for c in claims if c.source_id == LAVROV}
    assert set(ego.nodes) == neighbours
    assert set(to_networkx(store, actor=LAVROV, hops=0).nodes) == {LAVROV}

    full = to_networkx(store)
    top = to_networkx(store, limit=1)
    counts = sorted((c for _, c in full.nodes(data="claims")), reverse=True)
    assert counts[0] > counts[1]  # a unique busiest actor, so limit=1 has one right answer
    assert list(top.nodes) == [ZAKHAROVA] and full.nodes[ZAKHAROVA]["claims"] == counts[0]
    busy = to_networkx(store, min_claims=2)
    assert set(busy.nodes) == {n for n, c in full.nodes(data="claims") if c >= 2}


def test_to_networkx_bad_arguments(loaded: Any) -> None:
    store, _ = loaded
    with pytest.raises(QueryError, match="NOPE"):
        to_networkx(store, types=["ACCUSES", "NOPE"])
    with pytest.raises(QueryError, match="not in the graph"):
        to_networkx(store, actor="person:nobody")
    with pytest.raises(QueryError, match="limit"):
        to_networkx(store, limit=0)


def test_to_networkx_from_rows_equals_store(ladybug_store: Any) -> None:
    from graph.networkx_graph import CLAIMS_QUERY

    ladybug_store.write(corpus())
    rows = ladybug_store.run(CLAIMS_QUERY.format(where=""))
    from_rows = to_networkx(rows)
    from_store = to_networkx(ladybug_store)
    # Rows carry no untouched actors; every actor that made or received a claim is there.
    assert set(from_rows.edges(keys=True)) == set(from_store.edges(keys=True))
    assert set(from_rows.nodes) == {n for n, c in from_store.nodes(data="claims") if c}


def test_to_pyvis_merges_parallel_claims() -> None:
    G = to_networkx([{
        "claim_id": f"c{i}", "type": t, "sentence": f"sentence {i}", "date": "2024-01-01",
        "source": s, "source_name": s.upper(), "source_kind": "state",
        "target": o, "target_name": o.upper(), "target_kind": "person", "doc_id": "d",
        "doc_title": "Doc"} for i, (t, s, o) in enumerate([
            ("ACCUSES", "a", "b"), ("ACCUSES", "a", "b"), ("ACCUSES", "a", "b"),
            ("ACCUSES", "a", "b"), ("ACCUSES", "b", "a"), ("MEETS", "a", "b"),
            ("MEETS", "b", "a")])])
    net = to_pyvis(G, max_evidence=3)
    by_key = {(e["from"], e["to"], e["ctype"]): e for e in net.edges}
    ids = {n["label"]: n["id"] for n in net.nodes}
    a, b = ids["A"], ids["B"]
    assert by_key[(a, b, "ACCUSES")]["count"] == 4
    assert len(by_key[(a, b, "ACCUSES")]["tip"]["evidence"]) == 3
    assert by_key[(a, b, "ACCUSES")]["tip"]["more"] == 1
    assert by_key[(b, a, "ACCUSES")]["count"] == 1
    meets = [e for e in net.edges if e["ctype"] == "MEETS"]
    assert len(meets) == 1 and meets[0]["count"] == 2 and meets[0]["arrows"] == ""
    assert sum(e["count"] for e in net.edges) == G.number_of_edges()


def test_to_pyvis_limit_keeps_busiest() -> None:
    G = synthetic_graph(300)
    net = to_pyvis(G, limit=50)
    assert len(net.nodes) == 50
    kept_claims = sorted((n["claims"] for n in net.nodes), reverse=True)
    all_claims = sorted((c for _, c in G.nodes(data="claims")), reverse=True)
    assert kept_claims == all_claims[:50]
    html = render_html(net, title="t")
    assert "showing the 50 busiest of 300 actors" in html


def _payload(page: str) -> dict:
    m = re.search(r'<script id="cg-data" type="application/json">(.*?)</script>', page, re.S)
    assert m is not None
    return json.loads(m.group(1))


def test_page_is_offline_and_escapes_article_text(ladybug_store: Any) -> None:
    ladybug_store.write([hostile()])
    page = render_html(to_networkx(ladybug_store), title=f"Title {SCRIPT_XSS}")
    # Offline: no external script, stylesheet or fetchable URL in any src/href attribute.
    assert not re.search(r"<script[^>]*\bsrc=", page, re.I)
    assert not re.search(r"<link[^>]*\bhref=", page, re.I)
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    # Exactly our three script blocks: nothing in the data closed one or opened another.
    vis_js = (Path(__import__("pyvis").__file__).parent / "lib" / "vis-9.1.2" /
              "vis-network.min.js").read_text(encoding="utf-8")
    ours = page.replace(vis_js, "")
    assert ours.lower().count("<script") == 3 and page.lower().count("</script") == 3
    data_block = re.search(r'type="application/json">(.*?)</script>', page, re.S)
    assert data_block is not None and "<" not in data_block.group(1)
    assert SCRIPT_XSS not in page and IMG_XSS not in page
    assert "<img" not in page.lower()
    # ... yet the data itself is intact once parsed, to be shown as text.
    data = _payload(page)
    sentences = {ev["sentence"] for e in data["edges"] for ev in e["tip"]["evidence"]}
    assert {HOSTILE_SENTENCES[0], HOSTILE_SENTENCES[1]} <= sentences
    assert "Title &lt;script&gt;" in page


def test_write_html_writes_exactly_the_given_path(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    target = tmp_path / "out" / "deeper" / "net.html"
    written = write_html(synthetic_graph(20), target, title="x")
    assert written == target and target.stat().st_size > 100_000  # vis-network is inlined
    assert list(cwd.iterdir()) == []
    assert sorted(p.name for p in target.parent.iterdir()) == ["net.html"]
    with pytest.raises(ViewError, match="is a directory"):
        write_html(synthetic_graph(5), tmp_path / "out")
    assert isinstance(ViewError("x"), ClaimgraphError)


def test_empty_graph_renders(tmp_path: Path) -> None:
    page = render_html(nx.MultiDiGraph())
    data = _payload(page)
    assert data["nodes"] == [] and data["edges"] == []
    with pytest.raises(ViewError):
        to_pyvis(nx.MultiDiGraph(), limit=0)

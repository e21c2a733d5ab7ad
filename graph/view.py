"""The interactive network page: one self-contained HTML file that works offline.

pyvis describes the network (``to_pyvis`` returns a ``pyvis.network.Network`` whose ``nodes``,
``edges`` and ``options`` are ready for vis-network), but the page is built here, not by
pyvis's template: that template loads Bootstrap and vis-network from CDNs and pyvis's
``show``/``write_html`` write into the current directory. Here vis-network's JS and CSS are
read from the copy shipped inside the pyvis package and inlined, so the page makes no network
request at all, and a Content-Security-Policy (``default-src 'none'``, scripts allowed only by
hash) makes that a rule rather than a habit.

Article text is untrusted. It never reaches the page as markup: data travels as JSON in a
non-executed ``<script type="application/json">`` block (with ``<``, ``>``, ``&`` escaped) and
the page's own JS builds tooltips with ``textContent``. The CSP also refuses inline event
handlers, so an ``onerror=`` that slipped through would still not run.
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import os
from collections import Counter
from pathlib import Path
from typing import Any, Optional, Union

import networkx as nx
from pyvis.network import Network

from graph.errors import ClaimgraphError
from graph.files import write_atomic
from graph.model import ACTOR_KINDS, CLAIM_TYPES, UNDIRECTED_TYPES

#: Nodes above which only the busiest actors are drawn (a browser stays interactive at ~2,000).
DEFAULT_VIEW_LIMIT = 2000
#: Longest the page lets physics run before freezing the layout as it is (slow machines).
STABILISE_BUDGET_MS = 1500
#: Evidence lines shown per merged edge in its tooltip.
DEFAULT_MAX_EVIDENCE = 3

KIND_COLORS: dict[str, str] = {
    "state": "#1f77b4", "person": "#ff7f0e", "organization": "#2ca02c", "group": "#9467bd",
}
UNKNOWN_COLOR = "#7f7f7f"
TYPE_COLORS: dict[str, str] = {
    "ACCUSES": "#d62728", "MEETS": "#1f77b4", "PROPOSES": "#2ca02c", "REJECTS": "#8c564b",
    "AGREES": "#17becf", "DEMANDS": "#ff7f0e", "THREATENS": "#e377c2", "PROTESTS": "#bcbd22",
    "SUPPORTS": "#98df8a", "COOPERATES": "#aec7e8", "AIDS": "#9edae5", "CONCEDES": "#c5b0d5",
    "RETREATS": "#c49c94", "SANCTIONS": "#9467bd", "MOBILIZES": "#ffbb78",
    "COERCES": "#f7b6d2", "ASSAULTS": "#7b0000", "FIGHTS": "#393b79", "INVESTIGATES": "#637939",
}

_VIS_DIR = Path(__import__("pyvis").__file__).resolve().parent / "lib" / "vis-9.1.2"


class ViewError(ClaimgraphError):
    """The page cannot be built or written (missing vis-network asset, unwritable path)."""


def _asset(name: str) -> str:
    path = _VIS_DIR / name
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ViewError(f"{path}: cannot read vis-network asset shipped with pyvis ({exc})") from exc


def _top_nodes(G: nx.Graph, limit: Optional[int]) -> list[Any]:
    if limit is None or G.number_of_nodes() <= limit:
        return list(G.nodes)
    ranked = sorted(G.nodes(data="claims", default=None),
                    key=lambda nc: (-(nc[1] if nc[1] is not None else G.degree(nc[0])), str(nc[0])))
    return [n for n, _ in ranked[:limit]]


def _evidence_line(data: dict[str, Any]) -> dict[str, str]:
    return {"sentence": str(data.get("sentence") or ""),
            "doc": str(data.get("doc_title") or data.get("doc_id") or ""),
            "date": str(data.get("date") or "")}


def to_pyvis(
    G: nx.Graph,
    *,
    limit: Optional[int] = DEFAULT_VIEW_LIMIT,
    max_evidence: int = DEFAULT_MAX_EVIDENCE,
    height: str = "100vh",
    width: str = "100%",
) -> Network:
    """Describe ``G`` (as built by ``to_networkx``) as a vis-network ``Network``.

    Claims between the same two actors with the same type become one edge whose width grows
    with the count and whose tooltip lists up to ``max_evidence`` sentences. Only the
    ``limit`` actors with most claims are kept (``None``: all). Node and edge dicts carry two
    fields of our own, ``tip`` (plain-text tooltip parts) and ``ctype`` (claim type, for the
    page's filter); the page turns ``tip`` into DOM text, so nothing in it is ever markup.
    """
    if limit is not None and limit < 1:
        raise ViewError(f"limit must be at least 1, got {limit}")
    keep = _top_nodes(G, limit)
    keep_set = set(keep)
    net = Network(height=height, width=width, directed=True, cdn_resources="in_line")

    counts = {n: int(G.nodes[n].get("claims", G.degree(n))) for n in keep}
    top = max(counts.values(), default=1) or 1
    index = {n: i for i, n in enumerate(keep)}
    for n in keep:
        data = G.nodes[n]
        kind = str(data.get("kind") or "")
        name = str(data.get("name") or n)
        c = counts[n]
        net.nodes.append({
            "id": index[n], "label": name, "shape": "dot",
            "size": round(8 + 32 * math.sqrt(c / top), 2),
            "color": KIND_COLORS.get(kind, UNKNOWN_COLOR), "kind": kind, "claims": c,
            "tip": {"head": name, "lines": [f"{kind or 'actor'} · {n}", f"{c} claim(s)"]},
        })
        net.node_ids.append(index[n])
        net.node_map[index[n]] = net.nodes[-1]

    merged: dict[tuple[int, int, str], dict[str, Any]] = {}
    for u, v, data in G.edges(data=True):
        if u not in keep_set or v not in keep_set:
            continue
        ctype = str(data.get("type") or "")
        a, b = index[u], index[v]
        if ctype in UNDIRECTED_TYPES and b < a:
            a, b = b, a
        edge = merged.get((a, b, ctype))
        if edge is None:
            edge = merged[(a, b, ctype)] = {"from": a, "to": b, "ctype": ctype, "count": 0,
                                            "evidence": []}
        edge["count"] += 1
        if len(edge["evidence"]) < max_evidence:
            edge["evidence"].append(_evidence_line(data))
    names = {index[n]: str(G.nodes[n].get("name") or n) for n in keep}
    # Edges sharing a pair of actors (any type, either direction) would be drawn on top of
    # each other: the k-th one of a pair gets its own curve so each stays visible and hoverable.
    seen_pairs: Counter[tuple[int, int]] = Counter()
    for i, e in enumerate(merged.values()):
        pair = (min(e["from"], e["to"]), max(e["from"], e["to"]))
        k = seen_pairs[pair]
        seen_pairs[pair] += 1
        ctype, count = e["ctype"], e["count"]
        arrow = "—" if ctype in UNDIRECTED_TYPES else "→"
        net.edges.append({
            "id": i, "from": e["from"], "to": e["to"], "ctype": ctype, "count": count,
            "color": TYPE_COLORS.get(ctype, UNKNOWN_COLOR),
            "width": round(1 + 1.5 * math.log2(count), 2),
            "arrows": "" if ctype in UNDIRECTED_TYPES else "to",
            "smooth": _curve(k, e["from"] > e["to"]),
            "tip": {
                "head": f"{names[e['from']]} {arrow} {names[e['to']]}: {ctype} ×{count}",
                "evidence": e["evidence"], "more": max(0, count - len(e["evidence"])),
            },
        })
    net.options = _options(len(net.nodes), len(net.edges))
    net.heading = ""
    net.cg_total_nodes = G.number_of_nodes()  # type: ignore[attr-defined]
    return net


def _curve(k: int, reversed_pair: bool) -> Any:
    """No curve for the first edge of a pair, then alternating sides with growing roundness.
    vis-network bends ``curvedCW`` relative to the edge's own direction, so an edge drawn the
    other way round flips side to keep the bends apart."""
    if k == 0:
        return None
    side = "curvedCW" if (k % 2 == 1) != reversed_pair else "curvedCCW"
    return {"enabled": True, "type": side, "roundness": round(0.25 * ((k + 1) // 2), 2)}


def _iterations(n_nodes: int) -> int:
    """Each barnesHut iteration costs ~n log n: fewer iterations as graphs grow, so that
    2,000 actors stabilise in about a second (the page also stops at STABILISE_BUDGET_MS)."""
    if n_nodes <= 300:
        return 300
    return max(50, min(200, 100_000 // n_nodes))


def _options(n_nodes: int, n_edges: int) -> dict[str, Any]:
    """vis-network options that keep big graphs responsive: fewer stabilisation iterations,
    straight edges, no edges while dragging, no costly improved layout."""
    big = n_nodes > 300 or n_edges > 1500
    return {
        "autoResize": True,
        "nodes": {"shape": "dot", "font": {"size": 14, "face": "sans-serif"},
                  "borderWidth": 1, "scaling": {"label": {"enabled": False}}},
        # Straight edges: vis-network's hit test for "continuous" curves misses most of the
        # drawn line, so hovering them rarely shows the evidence. Parallel edges curve (_curve).
        "edges": {"smooth": False,
                  "arrows": {"to": {"scaleFactor": 0.5}}, "selectionWidth": 2},
        "layout": {"improvedLayout": not big, "randomSeed": 7},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": big,
                        "hideEdgesOnZoom": big, "navigationButtons": False},
        "physics": {
            "enabled": True, "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -6000, "centralGravity": 0.3,
                          "springLength": 140, "springConstant": 0.04, "damping": 0.12,
                          "avoidOverlap": 0.1},
            "stabilization": {"enabled": True, "iterations": _iterations(n_nodes),
                              "updateInterval": 10, "fit": True},
            "minVelocity": 1.0,
        },
    }


def _json_for_script(value: Any) -> str:
    """JSON safe inside a ``<script>`` block: no ``</script>``, ``<!--`` or entity tricks."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


_PAGE_JS = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("cg-data").textContent);
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }
  function nodeTip(t) {
    var d = el("div", "cg-tip");
    d.appendChild(el("div", "cg-tip-head", t.head));
    t.lines.forEach(function (l) { d.appendChild(el("div", "cg-tip-line", l)); });
    return d;
  }
  function edgeTip(t) {
    var d = el("div", "cg-tip");
    d.appendChild(el("div", "cg-tip-head", t.head));
    t.evidence.forEach(function (ev) {
      var p = el("div", "cg-tip-ev");
      p.appendChild(el("div", "cg-tip-sentence", "\u201c" + ev.sentence + "\u201d"));
      var src = ev.doc + (ev.date ? " (" + ev.date + ")" : "");
      if (src) { p.appendChild(el("div", "cg-tip-doc", src)); }
      d.appendChild(p);
    });
    if (t.more > 0) { d.appendChild(el("div", "cg-tip-more", "+" + t.more + " more")); }
    return d;
  }
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    return {id: n.id, label: n.label, shape: n.shape, size: n.size, color: n.color,
            kind: n.kind, claims: n.claims, title: nodeTip(n.tip)};
  }));
  var edges = new vis.DataSet(data.edges.map(function (e) {
    var d = {id: e.id, from: e.from, to: e.to, color: {color: e.color, highlight: e.color,
            hover: e.color}, width: e.width, arrows: e.arrows, ctype: e.ctype, count: e.count,
            title: edgeTip(e.tip), hidden: false};
    if (e.smooth) { d.smooth = e.smooth; }
    return d;
  }));
  var container = document.getElementById("cg-network");
  var t0 = performance.now();
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, data.options);
  var state = {network: network, nodes: nodes, edges: edges, ready: false,
               stabilizedMs: null, hiddenTypes: []};
  window.network = network;
  window.claimgraph = state;
  function done() {
    if (state.ready) { return; }
    network.setOptions({physics: false});
    state.ready = true;
    state.stabilizedMs = performance.now() - t0;
    document.body.setAttribute("data-ready", "1");
    var s = document.getElementById("cg-status");
    if (s) { s.textContent = ""; }
  }
  network.once("stabilizationIterationsDone", done);
  if (data.nodes.length === 0) { done(); }
  network.on("stabilizationProgress", function (p) {
    // Past the time budget, stop: the next batch then ends stabilisation (and calls done).
    if (performance.now() - t0 > data.budgetMs) { network.stopSimulation(); }
    var s = document.getElementById("cg-status");
    if (s) { s.textContent = "laying out\u2026 " + Math.round(100 * p.iterations / p.total) + "%"; }
  });

  // Legend and type filter: built from data with textContent, never from markup.
  var legend = document.getElementById("cg-legend");
  legend.appendChild(el("div", "cg-legend-title", "Actors"));
  data.kinds.forEach(function (k) {
    var row = el("div", "cg-legend-row");
    var sw = el("span", "cg-dot"); sw.style.background = k.color;
    row.appendChild(sw); row.appendChild(el("span", "", k.name + " (" + k.count + ")"));
    legend.appendChild(row);
  });
  legend.appendChild(el("div", "cg-legend-title", "Claim types"));
  var filter = el("div", ""); filter.id = "cg-filter"; legend.appendChild(filter);
  function applyFilter() {
    var off = {};
    filter.querySelectorAll("input[type=checkbox]").forEach(function (cb) {
      if (!cb.checked) { off[cb.value] = true; }
    });
    state.hiddenTypes = Object.keys(off).sort();
    edges.update(edges.get().map(function (e) { return {id: e.id, hidden: !!off[e.ctype]}; }));
  }
  data.types.forEach(function (t) {
    var label = el("label", "cg-legend-row");
    var cb = el("input", ""); cb.type = "checkbox"; cb.checked = true; cb.value = t.name;
    cb.className = "cg-type"; cb.setAttribute("data-type", t.name);
    cb.addEventListener("change", applyFilter);
    var sw = el("span", "cg-line"); sw.style.background = t.color;
    label.appendChild(cb); label.appendChild(sw);
    label.appendChild(el("span", "", t.name + " (" + t.count + ")"));
    filter.appendChild(label);
  });
  var all = el("button", "cg-btn", "all"); all.type = "button";
  var none = el("button", "cg-btn", "none"); none.type = "button";
  function setAll(v) {
    filter.querySelectorAll("input[type=checkbox]").forEach(function (cb) { cb.checked = v; });
    applyFilter();
  }
  all.addEventListener("click", function () { setAll(true); });
  none.addEventListener("click", function () { setAll(false); });
  var btns = el("div", "cg-legend-row"); btns.appendChild(all); btns.appendChild(none);
  legend.appendChild(btns);
  if (data.note) { legend.appendChild(el("div", "cg-note", data.note)); }
})();
"""

_PAGE_CSS = """
html, body { margin: 0; padding: 0; height: 100%; font-family: sans-serif; }
#cg-network { width: 100%; height: 100vh; background: #ffffff; }
#cg-legend { position: absolute; top: 8px; left: 8px; z-index: 10; max-height: 90vh;
  overflow-y: auto; background: rgba(255,255,255,0.92); border: 1px solid #ccc;
  border-radius: 6px; padding: 8px 10px; font-size: 12px; }
#cg-title { font-weight: bold; font-size: 14px; margin-bottom: 4px; }
.cg-legend-title { font-weight: bold; margin-top: 6px; }
.cg-legend-row { display: flex; align-items: center; gap: 5px; margin: 2px 0; cursor: default; }
.cg-dot { display: inline-block; width: 11px; height: 11px; border-radius: 50%; }
.cg-line { display: inline-block; width: 18px; height: 4px; }
.cg-btn { font-size: 11px; margin-right: 4px; }
.cg-note, #cg-status { color: #555; margin-top: 6px; }
div.vis-tooltip { max-width: 420px; white-space: normal; font-size: 12px; }
.cg-tip-head { font-weight: bold; margin-bottom: 3px; }
.cg-tip-ev { margin: 4px 0; }
.cg-tip-doc, .cg-tip-more { color: #555; font-size: 11px; }
"""


def _csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def render_html(G_or_net: Union[nx.Graph, Network], *, title: str = "claimgraph network",
                limit: Optional[int] = DEFAULT_VIEW_LIMIT) -> str:
    """The whole page as a string (for notebooks' ``srcdoc`` and for ``write_html``)."""
    net = G_or_net if isinstance(G_or_net, Network) else to_pyvis(G_or_net, limit=limit)
    options = net.options if isinstance(net.options, dict) else json.loads(net.options.to_json())
    kinds = Counter(n.get("kind", "") for n in net.nodes)
    types: Counter[str] = Counter()
    for e in net.edges:
        types[e.get("ctype", "")] += int(e.get("count", 1))
    type_order = [t for t in CLAIM_TYPES if t in types] + sorted(t for t in types if t not in CLAIM_TYPES)
    kind_order = [k for k in ACTOR_KINDS if k in kinds] + sorted(k for k in kinds if k not in ACTOR_KINDS)
    total = getattr(net, "cg_total_nodes", len(net.nodes))
    note = (f"showing the {len(net.nodes)} busiest of {total} actors"
            if total > len(net.nodes) else "")
    payload = {
        "nodes": net.nodes, "edges": net.edges, "options": options, "note": note,
        "budgetMs": STABILISE_BUDGET_MS,
        "kinds": [{"name": k or "unknown", "color": KIND_COLORS.get(k, UNKNOWN_COLOR),
                   "count": kinds[k]} for k in kind_order],
        "types": [{"name": t, "color": TYPE_COLORS.get(t, UNKNOWN_COLOR), "count": types[t]}
                  for t in type_order],
    }
    vis_js = _asset("vis-network.min.js")
    vis_css = _asset("vis-network.css")
    csp = ("default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
           f"script-src {_csp_hash(vis_js)} {_csp_hash(_PAGE_JS)}; base-uri 'none'; "
           "form-action 'none'")
    # vis_js is the pyvis-shipped library; guard against it ever closing its own tag.
    if "</script" in vis_js.lower():
        raise ViewError(f"{_VIS_DIR / 'vis-network.min.js'}: contains '</script', cannot inline")
    return "".join([
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{html.escape(csp, quote=False)}\">\n",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
        f"<title>{html.escape(title)}</title>\n",
        "<style>", vis_css, "</style>\n<style>", _PAGE_CSS, "</style>\n",
        "</head>\n<body>\n",
        f"<div id=\"cg-legend\"><div id=\"cg-title\">{html.escape(title)}</div>"
        "<div id=\"cg-status\"></div></div>\n",
        "<div id=\"cg-network\"></div>\n",
        "<script id=\"cg-data\" type=\"application/json\">", _json_for_script(payload),
        "</script>\n",
        "<script>", vis_js, "</script>\n",
        "<script>", _PAGE_JS, "</script>\n",
        "</body>\n</html>\n",
    ])


def write_text_atomic(path: Union[str, os.PathLike[str]], text: str) -> Path:
    """Write ``text`` to exactly ``path``; parent directories are created, and a reader never
    sees half a page."""
    return write_atomic(path, lambda tmp: tmp.write_text(text, encoding="utf-8"), ViewError)


def write_html(G_or_net: Union[nx.Graph, Network], path: Union[str, os.PathLike[str]], *,
               title: str = "claimgraph network",
               limit: Optional[int] = DEFAULT_VIEW_LIMIT) -> Path:
    """Write the offline page to exactly ``path`` (parents created) and return that path."""
    return write_text_atomic(path, render_html(G_or_net, title=title, limit=limit))

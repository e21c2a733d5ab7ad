"""The canned-query catalog: parsing/validation, and every query on real stores.

Every ``queries/*.cypher`` runs with its header's example parameters on a real LadybugDB store
holding ``tests/sample_graph.py`` (and must answer), on Neo4j too (rows must be identical), and
with hostile parameter values (the graph must not change). Expected answers for the core
questions are computed in Python from the same hand-built extractions, not copied from output.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from graph.catalog import (
    ENGINES, Param, get_query, guess_value, load_catalog, parse_query, run_query,
)
from graph.errors import QueryError
from graph.model import Extraction
from graph.store import open_store
from sample_graph import BLINKEN, KULEBA, RUS, UKR, USA, ZAKHAROVA, sample_extractions

CATALOG = load_catalog()
NAMES = sorted(CATALOG)
HOSTILE = [
    "'})-[r]-() DETACH DELETE r //",
    "`}) MATCH (n) DETACH DELETE n //`",
    "Russia\u2019) DETACH DELETE n \u201c//\u201d",
    "\" OR 1=1 //",
    "$actor",
    "\\'; MATCH (n) DETACH DELETE n; //",
]


@pytest.fixture
def lb_store(tmp_path: Path) -> Any:
    """A fresh real LadybugDB store holding the sample graph."""
    with open_store(str(tmp_path / "queries.db")) as store:
        store.write(sample_extractions())
        yield store


@pytest.fixture
def both_stores(tmp_path: Path, request: pytest.FixtureRequest) -> tuple[Any, Any]:
    """The sample graph in a fresh LadybugDB store and in the Neo4j test server."""
    neo = request.getfixturevalue("neo4j_store")
    neo.clear()
    neo.write(sample_extractions())
    with open_store(str(tmp_path / "queries.db")) as lb:
        lb.write(sample_extractions())
        yield lb, neo


def fingerprint(store: Any) -> tuple[Any, ...]:
    """Everything a hostile query could have changed: counts, and every actor and claim."""
    return (
        store.stats(),
        store.run("MATCH (a:Actor) RETURN a.id AS id, a.name AS name ORDER BY id"),
        store.run("MATCH (c:Claim) RETURN c.id AS id, c.sentence AS s ORDER BY id"),
        store.run("MATCH (x:Actor)-[r]->(y:Actor) RETURN x.id AS src, type(r) AS rel, y.id AS dst "
                  "ORDER BY src, rel, dst"),
    )


def claims_of(extractions: list[Extraction]) -> list[Any]:
    return [c for ex in extractions for c in ex.claims]


# ------------------------------------------------------------------ the catalog itself


def test_catalog_is_big_enough_and_named_after_files() -> None:
    assert len(CATALOG) >= 14
    for name, q in CATALOG.items():
        assert Path(q.path).name == f"{name}.cypher"
        assert q.question.strip() and "\n" not in q.question
        assert set(q.text_by_engine) == set(ENGINES)


def test_required_questions_are_covered() -> None:
    for name in ("who-accuses-whom", "between-actors", "actor-profile", "most-accused",
                 "most-accusing", "meeting-network", "proposals-rejected",
                 "accusations-rejected", "claims-in-range", "state-rollup", "meet-and-accuse",
                 "interaction-paths", "documents-mentioning", "claims-by-type"):
        assert name in CATALOG


def test_every_text_orders_its_rows() -> None:
    for q in CATALOG.values():
        for engine, text in q.text_by_engine.items():
            assert "ORDER BY" in text.upper(), f"{q.name} on {engine} has no ORDER BY"


def test_ladybug_overrides_exist_where_dialects_differ() -> None:
    paths = CATALOG["interaction-paths"]
    assert "allShortestPaths" in paths.text_for("neo4j")
    assert "ALL SHORTEST" in paths.text_for("ladybug")
    # queries without an override send the same text to both engines
    in_range = CATALOG["claims-in-range"]
    assert in_range.text_for("neo4j") == in_range.text_for("ladybug")
    # rankings and roll-ups read the running totals on Neo4j, the claims on LadybugDB
    counts = CATALOG["claims-by-type"]
    assert ":Tally" in counts.text_for("neo4j") and ":Tally" not in counts.text_for("ladybug")


HEADER = "// name: demo\n// question: Demo?\n"


def test_parse_full_header_and_override() -> None:
    q = parse_query(
        HEADER + "// params: limit:int=25, evidence:bool=false, who:str, tags:list=[\"a,b\",\"c\"]\n"
        "// example: -p who='Côte d'\"'\"'Ivoire' -p limit=3\n"
        "// note: first note\n"
        "MATCH (a:Actor) WHERE a.name = $who RETURN a.name AS n, $evidence AS e, $tags AS t "
        "ORDER BY n LIMIT $limit\n"
        "// engine: ladybug\n"
        "MATCH (a:Actor) WHERE a.name = $who RETURN a.name AS n, $evidence AS e, $tags AS t "
        "ORDER BY n LIMIT $limit\n"
    )
    assert [p.describe() for p in q.params] == [
        "limit:int=25", "evidence:bool=false", "who:str", "tags:list=a,b,c"]
    assert q.param("tags").default == ["a,b", "c"]
    assert q.example_params == {"who": "Côte d'Ivoire", "limit": "3"}
    assert q.notes == "first note"
    assert q.bind(q.example_params) == {"limit": 3, "evidence": False, "who": "Côte d'Ivoire",
                                        "tags": ["a,b", "c"]}
    assert q.text_for("neo4j").startswith("MATCH")
    assert "engine" not in q.text_for("ladybug")


@pytest.mark.parametrize("text, message", [
    ("// question: Q?\nMATCH (n) RETURN n ORDER BY n", "missing '// name:'"),
    ("// name: demo\nMATCH (n) RETURN n ORDER BY n", "missing '// question:'"),
    ("// name: Demo Query\n// question: Q?\nRETURN 1", "lower-case"),
    (HEADER + "// parms: x:int\nRETURN 1", "unknown header field 'parms'"),
    (HEADER + "// params: x:integer=1\nRETURN $x", "unknown type 'integer'"),
    (HEADER + "// params: x\nRETURN $x", "bad parameter spec"),
    (HEADER + "// params: x:int=abc\nRETURN $x", "bad default"),
    (HEADER + "// params: x:int=1, x:int=2\nRETURN $x", "declared twice"),
    (HEADER + "RETURN $x", "undeclared parameter(s): x"),
    (HEADER + "// params: x:int=1\nRETURN 1", "never uses parameter(s): x"),
    (HEADER + "// params: x:int=1\nRETURN $x\n// engine: ladybug\nRETURN 1",
     "ladybug text never uses"),
    (HEADER + "MATCH (n) DETACH DELETE n", "must only read"),
    (HEADER + "RETURN 1\n// engine: memgraph\nRETURN 1", "unknown engine 'memgraph'"),
    (HEADER + "RETURN 1\n// engine: ladybug\nRETURN 1\n// engine: ladybug\nRETURN 2", "two sections"),
    (HEADER, "no Cypher"),
    (HEADER + "// params: who:str\n// example: -p limit=3\nRETURN $who", "example does not fit"),
    (HEADER + "// params: who:str\n// example: who=x\nRETURN $who", "-p key=value"),
])
def test_parse_rejects_bad_files(text: str, message: str) -> None:
    with pytest.raises(QueryError) as err:
        parse_query(text)
    assert message in str(err.value)


def test_parse_checks_name_against_file(tmp_path: Path) -> None:
    path = tmp_path / "other.cypher"
    path.write_text(HEADER + "RETURN 1 AS x ORDER BY x\n", encoding="utf-8")
    with pytest.raises(QueryError, match="differs from the file name"):
        load_catalog(tmp_path)
    path.rename(tmp_path / "demo.cypher")
    assert list(load_catalog(tmp_path)) == ["demo"]


def test_parameters_in_strings_and_comments_do_not_count() -> None:
    q = parse_query(HEADER + "// params: x:int=1\nRETURN $x AS x, '$y' AS y /* $z */ ORDER BY x")
    assert [p.name for p in q.params] == ["x"]


@pytest.mark.parametrize("ptype, raw, expected", [
    ("int", "10", 10), ("int", " -3 ", -3), ("float", "2.5", 2.5), ("float", "3", 3.0),
    ("bool", "true", True), ("bool", "No", False), ("bool", "1", True),
    ("str", "42", "42"), ("str", "", ""), ("str", 7, "7"),
    ("list", "ACCUSES,REJECTS", ["ACCUSES", "REJECTS"]), ("list", '["a", "b"]', ["a", "b"]),
    ("list", "", []),
])
def test_declared_types_win(ptype: str, raw: Any, expected: Any) -> None:
    assert Param("p", ptype, True).coerce(raw) == expected


@pytest.mark.parametrize("ptype, raw", [
    ("int", "ten"), ("int", "2.5"), ("int", True), ("float", "x"), ("bool", "maybe"),
    ("list", "[1,"), ("list", '[{"a": 1}]'), ("str", ["a"]),
])
def test_bad_values_are_query_errors(ptype: str, raw: Any) -> None:
    with pytest.raises(QueryError, match="parameter 'p'"):
        Param("p", ptype, True).coerce(raw)


def test_guess_value_for_ad_hoc_parameters() -> None:
    assert guess_value("10") == 10
    assert guess_value("-2.5e3") == -2500.0
    assert guess_value("TRUE") is True
    assert guess_value("null") is None
    assert guess_value('["a", 1]') == ["a", 1]
    assert guess_value("[not json") == "[not json"
    assert guess_value("2024-01-10") == "2024-01-10"
    assert guess_value("Russia") == "Russia"


def test_bind_reports_unknown_and_missing_parameters() -> None:
    q = CATALOG["between-actors"]
    with pytest.raises(QueryError, match="needs parameter 'other'"):
        q.bind({"actor": "Russia"})
    with pytest.raises(QueryError, match="has no parameter 'nope'"):
        q.bind({"actor": "Russia", "other": "Ukraine", "nope": "1"})
    assert q.bind({"actor": "Russia", "other": "Ukraine"})["limit"] == 100


def test_unknown_query_suggests_close_names() -> None:
    with pytest.raises(QueryError, match="did you mean most-accused"):
        get_query("most-acused")
    with pytest.raises(QueryError, match="unknown engine"):
        CATALOG["actors"].text_for("sqlite")


# ------------------------------------------------------------------ on real stores


@pytest.mark.parametrize("name", NAMES)
def test_every_query_answers_on_ladybug(lb_store: Any, name: str) -> None:
    q = CATALOG[name]
    rows = q.run(lb_store, q.example_params)
    assert rows, f"{name} returned nothing on the sample graph"
    assert all(isinstance(v, (str, int, float, bool, list, type(None)))
               for row in rows for v in row.values()), "queries return scalars, not nodes"
    assert q.run(lb_store, q.example_params) == rows  # deterministic


@pytest.mark.neo4j
@pytest.mark.parametrize("name", NAMES)
def test_every_query_gives_identical_rows_on_both_engines(both_stores: tuple[Any, Any],
                                                          name: str) -> None:
    lb, neo = both_stores
    q = CATALOG[name]
    on_ladybug = q.run(lb, q.example_params)
    on_neo4j = q.run(neo, q.example_params)
    assert on_ladybug, name
    assert on_neo4j == on_ladybug
    # and with defaults only (where no parameter is required)
    if all(not p.required for p in q.params):
        assert q.run(neo, {}) == q.run(lb, {})


def _hostile_runs(store: Any) -> int:
    runs = 0
    for q in CATALOG.values():
        base = dict(q.example_params)
        for p in q.params:
            for value in HOSTILE:
                values = {**base, p.name: value}
                if p.type in ("int", "float", "bool"):
                    with pytest.raises(QueryError):
                        q.bind(values)
                    continue
                q.run(store, values)  # must not raise: the value is only ever data
                runs += 1
    return runs


def test_hostile_parameter_values_change_nothing_on_ladybug(lb_store: Any) -> None:
    before = fingerprint(lb_store)
    assert _hostile_runs(lb_store) > 0
    assert fingerprint(lb_store) == before


@pytest.mark.neo4j
def test_hostile_parameter_values_change_nothing_on_neo4j(both_stores: tuple[Any, Any]) -> None:
    _lb, neo = both_stores
    before = fingerprint(neo)
    assert _hostile_runs(neo) > 0
    assert fingerprint(neo) == before


def test_hostile_value_is_matched_literally(lb_store: Any) -> None:
    """An actor whose name is itself an injection attempt is found by that exact name."""
    from graph.model import Actor, Claim, Document, Extraction as Ex

    evil = Actor("group:evil", HOSTILE[0], "group", [HOSTILE[2]])
    doc = Document("doc-evil", "They accused Ukraine.", published="2024-04-01")
    claim = Claim("claim:evil", "ACCUSES", evil.id, UKR.id, doc.id, "They accused Ukraine.",
                  0, 21, date="2024-04-01")
    lb_store.write([Ex(doc, [evil, UKR], [claim], [], [evil.id, UKR.id])])
    rows = run_query(lb_store, "actor-profile", actor=HOSTILE[0])
    assert [(r["actor"], r["counterpart"]) for r in rows] == [(HOSTILE[0], "Ukraine")]
    assert run_query(lb_store, "actor-profile", actor=HOSTILE[2].upper())[0]["actor"] == HOSTILE[0]


# ------------------------------------------------------------------ answers checked against
# expectations computed from the extractions themselves


def _names() -> dict[str, str]:
    return {a.id: a.name for ex in sample_extractions() for a in ex.actors}


def test_who_accuses_whom_counts(lb_store: Any) -> None:
    names = _names()
    expected = Counter((names[c.source_id], names[c.target_id])
                       for c in claims_of(sample_extractions()) if c.type == "ACCUSES")
    rows = run_query(lb_store, "who-accuses-whom", limit=100)
    assert {(r["accuser"], r["accused"]): r["accusations"] for r in rows} == dict(expected)
    assert all(r["evidence"] == [] for r in rows)
    with_evidence = run_query(lb_store, "who-accuses-whom", limit=100, evidence=True)
    sentences = {(names[c.source_id], names[c.target_id]): c.sentence
                 for c in claims_of(sample_extractions()) if c.type == "ACCUSES"}
    for r in with_evidence:
        assert sentences[(r["accuser"], r["accused"])] in r["evidence"]
    counts = [r["accusations"] for r in rows]
    assert counts == sorted(counts, reverse=True)
    assert len(run_query(lb_store, "who-accuses-whom", limit=2)) == 2


def test_claims_by_type_matches_extractions(lb_store: Any) -> None:
    expected = Counter(c.type for c in claims_of(sample_extractions()))
    rows = run_query(lb_store, "claims-by-type")
    assert {r["claim_type"]: r["claims"] for r in rows} == dict(expected)


def test_actor_matches_by_id_name_or_alias_ignoring_case(lb_store: Any) -> None:
    by_name = run_query(lb_store, "actor-profile", actor="Russia")
    assert by_name
    for spelling in (RUS.id, "russia", "MOSCOW", "Russian Federation"):
        assert run_query(lb_store, "actor-profile", actor=spelling) == by_name
    assert run_query(lb_store, "actor-profile", actor="Atlantis") == []
    made = sum(r["claims"] for r in by_name if r["direction"] == "made")
    assert made == sum(1 for c in claims_of(sample_extractions()) if c.source_id == RUS.id)


def test_between_actors_covers_both_directions(lb_store: Any) -> None:
    rows = run_query(lb_store, "between-actors", actor="Kyiv", other="state:rus")
    pair = {RUS.id, UKR.id}
    expected = sorted(c.sentence for c in claims_of(sample_extractions())
                      if {c.source_id, c.target_id} == pair)
    assert sorted(r["sentence"] for r in rows) == expected
    assert {r["speaker"] for r in rows} == {"Russia", "Ukraine"}


def test_claims_about_claims(lb_store: Any) -> None:
    rows = run_query(lb_store, "accusations-rejected")
    assert [(r["accuser"], r["accused"], r["rejected_by"]) for r in rows] == [
        (ZAKHAROVA.name, UKR.name, KULEBA.name)]
    proposals = run_query(lb_store, "proposals-rejected")
    assert len(proposals) == sum(1 for c in claims_of(sample_extractions()) if c.type == "PROPOSES")
    rejected = run_query(lb_store, "proposals-rejected", rejected_only=True)
    assert [(r["proposer"], r["rejected_by"]) for r in rejected] == [(USA.name, RUS.name)]


def test_claims_in_range_is_inclusive_and_filters_type(lb_store: Any) -> None:
    claims = claims_of(sample_extractions())
    rows = run_query(lb_store, "claims-in-range", since="2024-02-05", until="2024-03-01")
    assert len(rows) == sum(1 for c in claims if "2024-02-05" <= c.date <= "2024-03-01")
    dates = [r["date"] for r in rows]
    assert dates == sorted(dates)
    only = run_query(lb_store, "claims-in-range", since="2024", until="2025", type="meets")
    assert {r["claim_type"] for r in only} == {"MEETS"}
    assert len(only) == sum(1 for c in claims if c.type == "MEETS")


def test_state_rollup_follows_membership_chains(lb_store: Any) -> None:
    rows = run_query(lb_store, "state-rollup")
    through = {(r["state"], r["through"]) for r in rows}
    assert (RUS.name, ZAKHAROVA.name) in through  # person -> ministry -> state: two hops
    assert (UKR.name, KULEBA.name) in through
    assert (USA.name, BLINKEN.name) in through
    only_russia = run_query(lb_store, "state-rollup", state="rus")
    assert only_russia == []  # 'rus' is neither id, name nor alias
    assert {r["state"] for r in run_query(lb_store, "state-rollup", state=RUS.id)} == {"Russia"}


def test_meet_and_accuse_and_paths(lb_store: Any) -> None:
    rows = run_query(lb_store, "meet-and-accuse")
    pairs = {(r["actor"], r["other"]) for r in rows}
    assert ("Russia", "Ukraine") in pairs and ("Russia", "United States") in pairs
    mutual = run_query(lb_store, "meet-and-accuse", mutual=True)
    assert all(r["x_accuses_y"] > 0 and r["y_accuses_x"] > 0 for r in mutual)
    assert ("Russia", "United States") not in {(r["actor"], r["other"]) for r in mutual}
    paths = run_query(lb_store, "interaction-paths", actor="Zakharova", other="Blinken")
    assert {r["hops"] for r in paths} == {2}
    assert all(r["actors"].startswith("Maria Zakharova > ") and r["actors"].endswith(" > Antony Blinken")
               for r in paths)
    assert run_query(lb_store, "interaction-paths", actor="Russia", other="Russia") == []


def test_actor_parameters_resolve_id_name_alias_in_any_case(lb_store: Any) -> None:
    from graph.catalog import resolve_actor

    assert resolve_actor(lb_store, RUS.id) == RUS.id
    assert resolve_actor(lb_store, "rUSSIA") == RUS.id           # name, any case
    assert resolve_actor(lb_store, "kyiv") == UKR.id             # alias
    assert resolve_actor(lb_store, "Atlantis") == "Atlantis"     # unknown: stays, matches nothing
    assert run_query(lb_store, "actor-profile", actor="Atlantis") == []
    by_name = run_query(lb_store, "actor-profile", actor="moscow")
    assert by_name and by_name == run_query(lb_store, "actor-profile", actor=RUS.id)


def test_an_ambiguous_actor_name_is_an_error_listing_the_ids(tmp_path: Path) -> None:
    from graph.catalog import resolve_actor
    from graph.model import Actor, Document

    twins = [Actor("person:john-smith-a", "John Smith", "person", ["Smith"]),
             Actor("person:john-smith-b", "John Smith", "person", ["Smith"])]
    with open_store(str(tmp_path / "twins.db")) as store:
        store.write([Extraction(Document(id="d", text="John Smith met John Smith."), actors=twins)])
        with pytest.raises(QueryError, match="ambiguous.*person:john-smith-a.*person:john-smith-b"):
            resolve_actor(store, "john smith")
        assert resolve_actor(store, "person:john-smith-b") == "person:john-smith-b"

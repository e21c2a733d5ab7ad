"""The store contract: the same behaviour on LadybugDB and Neo4j.

Every test takes the ``store`` fixture (tests/conftest.py), parametrized over both engines, each
an empty, opened store with its schema. Expected values are computed from the factories' data,
never typed in, so the two engines are held to the same answers.
"""
from __future__ import annotations

import dataclasses

import pytest

from graph.errors import ClaimgraphError, QueryError, StoreError
from graph.model import CLAIM_TYPES, Actor, Claim, Document, Extraction, actor_id, claim_id
from graph.store import WriteSummary
from tests import factories as f

EMPTY_STATS = {"documents": 0, "actors": 0, "claims": 0, "claims_by_type": {},
               "memberships": 0, "mentions": 0, "actors_by_kind": {}}


def typed_edges(store) -> set[tuple[str, str, str, str]]:
    """(source id, type, target id, claim id) for every projected edge, on any engine."""
    out = set()
    for t in CLAIM_TYPES:
        rows = store.run(
            f"MATCH (a:Actor)-[r:{t}]->(b:Actor) RETURN a.id AS a, r.claim_id AS c, b.id AS b")
        out |= {(r["a"], t, r["b"], r["c"]) for r in rows}
    return out


def claims_of(store, doc_id: str) -> set[str]:
    rows = store.run("MATCH (c:Claim)-[:IN]->(d:Document {id: $id}) RETURN c.id AS id",
                     {"id": doc_id})
    return {r["id"] for r in rows}


# --- schema and counts ----------------------------------------------------------------------

def test_empty_store_stats_have_the_full_shape(store):
    assert store.stats() == EMPTY_STATS


def test_schema_is_idempotent(store):
    store.create_schema()
    store.write(f.corpus())
    before = store.stats()
    store.create_schema()
    store.create_schema()
    assert store.stats() == before == f.expected_stats(f.corpus())


def test_write_gives_exact_counts(store):
    summary = store.write(f.corpus())
    assert isinstance(summary, WriteSummary)
    assert summary.written == [ex.document.id for ex in f.corpus()]
    assert summary.skipped == []
    assert store.stats() == f.expected_stats(f.corpus())


def test_writing_twice_changes_nothing(store):
    store.write(f.corpus())
    stats, edges = store.stats(), typed_edges(store)
    again = store.write(f.corpus(), batch_size=1)
    assert again.written == []
    assert sorted(again.skipped) == sorted(ex.document.id for ex in f.corpus())
    assert store.stats() == stats
    assert typed_edges(store) == edges


def test_empty_write_is_fine(store):
    calls: list[list[str]] = []
    summary = store.write([], on_batch=calls.append)
    assert summary.written == [] and summary.skipped == []
    assert calls == []
    assert store.stats() == EMPTY_STATS


def test_on_batch_reports_each_committed_batch(store):
    docs = f.synthetic(5, 3, n_actors=10)
    calls: list[list[str]] = []
    store.write(docs, batch_size=2, on_batch=calls.append)
    assert [len(c) for c in calls] == [2, 2, 1]
    assert [i for c in calls for i in c] == [ex.document.id for ex in docs]
    assert store.stats()["documents"] == 5


# --- replacing a document -------------------------------------------------------------------

def test_changed_text_replaces_the_document(store):
    store.write(f.corpus())
    old_claims = claims_of(store, "doc:moscow-briefing")
    new = f.moscow_briefing(extra=" Ukraine accused Russia of lying.")
    extra = f._claim(new.document, "ACCUSES", f.UKRAINE, f.RUSSIA,
                     "Ukraine accused Russia of lying.")
    new.claims = [c for c in new.claims if c.type != "THREATENS"] + [extra]
    summary = store.write([new])
    assert summary.written == ["doc:moscow-briefing"]
    assert claims_of(store, "doc:moscow-briefing") == {c.id for c in new.claims}
    assert claims_of(store, "doc:moscow-briefing") != old_claims
    assert store.stats() == f.expected_stats([new, f.geneva_meeting()])
    sha = store.run("MATCH (d:Document {id: $id}) RETURN d.sha256 AS s",
                    {"id": "doc:moscow-briefing"})
    assert sha == [{"s": new.document.sha256}]
    # Projected edges of the old version are gone; the new ones are there, once each.
    expected = {(c.source_id, c.type, c.target_id, c.id)
                for ex in (new, f.geneva_meeting()) for c in ex.claims if c.target_id}
    assert typed_edges(store) == expected


def test_same_document_twice_in_one_batch_is_stored_once(store):
    first = f.moscow_briefing()
    second = f.moscow_briefing(extra=" Russia threatened again.")
    summary = store.write([first, second])
    assert summary.written == ["doc:moscow-briefing"]
    stats = store.stats()
    assert stats["documents"] == 1
    assert stats["claims"] == len(second.claims)
    sha = store.run("MATCH (d:Document) RETURN d.sha256 AS s")
    assert sha == [{"s": second.document.sha256}]


# --- actors, memberships, mentions, ABOUT ---------------------------------------------------

def test_aliases_are_unioned_across_documents(store):
    store.write([f.moscow_briefing()])
    store.write([f.geneva_meeting()])
    rows = store.run("MATCH (a:Actor) WHERE a.id IN $ids RETURN a.id AS id, a.aliases AS al",
                     {"ids": [f.RUSSIA, f.ZAKHAROVA]})
    got = {r["id"]: r["al"] for r in rows}
    for aid in (f.RUSSIA, f.ZAKHAROVA):
        want = {x for ex in f.corpus() for a in ex.actors if a.id == aid for x in a.aliases}
        assert set(got[aid]) == want
        assert len(got[aid]) == len(want), "aliases must not repeat"


def test_typed_edge_query_returns_names(store):
    store.write(f.corpus())
    # (No ``ORDER BY a``: Ladybug binds it to the node ``a``, not the alias; sort here.)
    rows = store.run("MATCH (a:Actor)-[r:ACCUSES]->(b:Actor) RETURN a.name AS a, b.name AS b")
    names = {a.id: a.name for ex in f.corpus() for a in ex.actors}
    want = sorted((names[c.source_id], names[c.target_id])
                  for ex in f.corpus() for c in ex.claims if c.type == "ACCUSES")
    assert sorted((r["a"], r["b"]) for r in rows) == want
    assert len(rows) == 2


def test_projected_edges_mirror_claims_with_a_target(store):
    store.write(f.corpus())
    rows = store.run("MATCH (a:Actor)-[:MADE]->(c:Claim)-[:TARGETS]->(b:Actor) "
                     "RETURN a.id AS a, c.type AS t, b.id AS b, c.id AS c")
    from_claims = {(r["a"], r["t"], r["b"], r["c"]) for r in rows}
    expected = {(c.source_id, c.type, c.target_id, c.id)
                for ex in f.corpus() for c in ex.claims if c.target_id}
    assert from_claims == expected
    assert typed_edges(store) == expected
    untargeted = store.run("MATCH (c:Claim) WHERE NOT (c)-[:TARGETS]->(:Actor) "
                           "RETURN count(c) AS n")
    assert untargeted == [{"n": sum(1 for ex in f.corpus() for c in ex.claims
                                    if c.target_id is None)}]


def test_member_of_chain(store):
    store.write(f.corpus())
    rows = store.run("MATCH (p:Actor {id: $id})-[:MEMBER_OF*1..3]->(g:Actor) "
                     "RETURN DISTINCT g.id AS g", {"id": f.ZAKHAROVA})
    assert {r["g"] for r in rows} == {f.MFA, f.RUSSIA}
    role = store.run("MATCH (p:Actor {id: $p})-[m:MEMBER_OF]->(g:Actor {id: $g}) "
                     "RETURN m.role AS role", {"p": f.ZAKHAROVA, "g": f.MFA})
    assert role == [{"role": "spokeswoman"}]


def test_membership_role_is_kept_when_a_later_document_has_none(store):
    store.write([f.moscow_briefing()])
    later = f.synthetic(1, 1, n_actors=3, prefix="doc:later")[0]
    zak = next(a for a in f.moscow_briefing().actors if a.id == f.ZAKHAROVA)
    mfa = next(a for a in f.moscow_briefing().actors if a.id == f.MFA)
    later.actors += [zak, mfa]
    later.memberships = [dataclasses.replace(f.moscow_briefing().memberships[0], role="")]
    store.write([later])
    role = store.run("MATCH (:Actor {id: $p})-[m:MEMBER_OF]->(:Actor {id: $g}) "
                     "RETURN m.role AS role", {"p": f.ZAKHAROVA, "g": f.MFA})
    assert role == [{"role": "spokeswoman"}]


def test_mentions(store):
    store.write(f.corpus())
    for ex in f.corpus():
        rows = store.run("MATCH (d:Document {id: $id})-[:MENTIONS]->(a:Actor) "
                         "RETURN a.id AS a", {"id": ex.document.id})
        assert sorted(r["a"] for r in rows) == sorted(set(ex.mentioned))


def test_about_links_a_claim_to_the_claim_it_answers(store):
    store.write(f.corpus())
    rows = store.run("MATCH (s:Actor)-[:MADE]->(c:Claim)-[:ABOUT]->(o:Claim)<-[:MADE]-(t:Actor) "
                     "RETURN s.name AS s, c.type AS ct, o.type AS ot, t.name AS t")
    assert rows == [{"s": "Ukraine", "ct": "REJECTS", "ot": "ACCUSES", "t": "Maria Zakharova"}]


def test_claim_offsets_point_at_the_sentence(store):
    corpus = f.corpus()
    store.write(corpus)
    texts = {ex.document.id: ex.document.text for ex in corpus}
    rows = store.run("MATCH (c:Claim)-[:IN]->(d:Document) "
                     "RETURN d.id AS doc, c.start AS s, c.end AS e, c.sentence AS sentence")
    assert len(rows) == sum(len(ex.claims) for ex in corpus)
    for r in rows:
        assert texts[r["doc"]][r["s"]:r["e"]] == r["sentence"]


# --- read-only and parameters ---------------------------------------------------------------

@pytest.mark.parametrize("cypher", [
    "CREATE (:Actor {id: 'x', name: 'X', kind: 'state'})",
    "MERGE (a:Actor {id: 'state:rus'}) RETURN a",
    "MATCH (a:Actor {id: 'state:rus'}) SET a.name = 'Renamed'",
    "MATCH (c:Claim) DELETE c",
    "MATCH (a:Actor) DETACH DELETE a",
    "MATCH (a:Actor {id: 'state:rus'}) REMOVE a.name",
    "DROP TABLE Actor",
    "match (a:Actor) detach delete a",
])
def test_read_only_refuses_writes(store, cypher):
    store.write(f.corpus())
    before = store.stats()
    with pytest.raises(QueryError):
        store.run(cypher)
    assert store.stats() == before
    assert store.run("MATCH (a:Actor {id: $id}) RETURN a.name AS n",
                     {"id": f.RUSSIA}) == [{"n": "Russia"}]


def test_read_only_allows_write_words_inside_strings(store):
    store.write(f.corpus())
    rows = store.run("MATCH (c:Claim) WHERE c.sentence CONTAINS 'CREATE' OR c.quote = 'DELETE' "
                     "RETURN count(c) AS n // SET nothing")
    assert rows == [{"n": 0}]


def test_write_true_allows_writes(store):
    store.write(f.corpus())
    store.run("MATCH (a:Actor {id: $id}) SET a.name = $name",
              {"id": f.RUSSIA, "name": "Russian Federation"}, write=True)
    assert store.run("MATCH (a:Actor {id: $id}) RETURN a.name AS n",
                     {"id": f.RUSSIA}) == [{"n": "Russian Federation"}]


def test_parameters_are_values_not_code(store):
    store.write(f.corpus())
    before, edges = store.stats(), typed_edges(store)
    evil = "'})-[r]-() DETACH DELETE r //"
    assert store.run("MATCH (a:Actor) WHERE a.name = $name RETURN a.id AS id",
                     {"name": evil}) == []
    assert store.run("MATCH (a:Actor {name: $name}) RETURN a.id AS id", {"name": evil}) == []
    assert store.run("RETURN $v AS v", {"v": evil}) == [{"v": evil}]
    assert store.stats() == before
    assert typed_edges(store) == edges


def test_missing_parameter_is_a_query_error(store):
    store.write(f.corpus())
    with pytest.raises(QueryError):
        store.run("MATCH (a:Actor) WHERE a.id = $id RETURN a.name AS n", {})
    # A '$' inside a string is text, not a parameter.
    assert store.run("RETURN '$id costs $5' AS s") == [{"s": "$id costs $5"}]


def test_malformed_query_is_a_query_error(store):
    with pytest.raises(QueryError):
        store.run("MATCH (a:Actor RETURN a")


# --- failures leave nothing half-written ----------------------------------------------------

def test_failing_batch_leaves_no_part_of_it(store):
    store.write([f.moscow_briefing()])
    before, edges = store.stats(), typed_edges(store)
    good_a, bad, good_b = f.synthetic(3, 4, n_actors=6, prefix="doc:batch")
    # An offset no engine can store (beyond 64-bit): the claim statement fails inside the
    # transaction, after the batch's actors and documents were already written in it.
    broken = dataclasses.replace(bad.claims[1], start=2**70)
    bad.claims[1] = broken
    with pytest.raises(StoreError):
        store.write([good_a, bad, good_b], batch_size=3)
    assert store.stats() == before
    assert typed_edges(store) == edges
    ids = [ex.document.id for ex in (good_a, bad, good_b)]
    assert store.run("MATCH (d:Document) WHERE d.id IN $ids RETURN d.id AS id",
                     {"ids": ids}) == []
    assert store.run("MATCH (a:Actor) WHERE a.id STARTS WITH 'person:person-' "
                     "RETURN count(a) AS n") == [{"n": 0}]
    # The store still works, and the fixed batch goes in whole.
    bad.claims[1] = dataclasses.replace(broken, start=bad.claims[1].end - 1)
    store.write([good_a, bad, good_b])
    assert store.stats()["documents"] == before["documents"] + 3


def test_claim_naming_an_actor_the_document_lacks_is_refused_whole(store):
    ex = f.moscow_briefing()
    ex.actors = [a for a in ex.actors if a.id != f.UKRAINE]
    with pytest.raises(StoreError, match="state:ukr"):
        store.write([f.geneva_meeting(), ex])
    assert store.stats() == EMPTY_STATS


def test_errors_are_claimgraph_errors(store):
    with pytest.raises(ClaimgraphError):
        store.run("THIS IS NOT CYPHER")


# --- values ---------------------------------------------------------------------------------

def test_unicode_round_trips(store):
    text = "Володимир Зеленський звинуватив Росію. Zürich’s Außenamt — «non» 🇺🇦."
    doc = Document(id="doc:юнікод", text=text, title="Заголовок «тест» 🇺🇦", published="2024-05-09")
    zel = Actor(id=actor_id("person", "Володимир Зеленський"), name="Володимир Зеленський",
                kind="person", aliases=["Зеленський", "Zelenskyy"])
    rus = Actor(id=actor_id("state", "RUS"), name="Росія", kind="state", aliases=["Російська Федерація"])
    sentence = "Володимир Зеленський звинуватив Росію."
    c = Claim(id=claim_id(doc.id, "ACCUSES", zel.id, rus.id, 0), type="ACCUSES",
              source_id=zel.id, target_id=rus.id, doc_id=doc.id, sentence=sentence, start=0,
              end=len(sentence), quote="звинуватив", date="2024-05-09")
    store.write([Extraction(document=doc, actors=[zel, rus], claims=[c], mentioned=[zel.id])])
    rows = store.run("MATCH (a:Actor)-[r:ACCUSES]->(b:Actor) RETURN a.name AS a, a.aliases AS al, "
                     "b.name AS b, r.sentence AS s")
    assert len(rows) == 1
    assert rows[0]["a"] == zel.name and rows[0]["b"] == "Росія" and rows[0]["s"] == sentence
    assert sorted(rows[0]["al"]) == sorted(zel.aliases)
    title = store.run("MATCH (d:Document {id: $id}) RETURN d.title AS t", {"id": doc.id})
    assert title == [{"t": doc.title}]
    assert store.run("MATCH (a:Actor {name: $n}) RETURN a.id AS id",
                     {"n": "Володимир Зеленський"}) == [{"id": zel.id}]


def test_run_returns_plain_dicts(store):
    store.write(f.corpus())
    rows = store.run("MATCH (c:Claim)-[:IN]->(d:Document {id: $id}) "
                     "RETURN d AS doc, c.start AS start, c.confidence AS conf, "
                     "collect(c.type) AS types ORDER BY start LIMIT 1",
                     {"id": "doc:geneva-meeting"})
    assert len(rows) == 1
    row = rows[0]
    assert type(row) is dict
    assert set(row) == {"doc", "start", "conf", "types"}
    doc = f.geneva_meeting().document
    assert row["doc"] == {"id": doc.id, "title": doc.title, "url": doc.url,
                          "published": doc.published, "source": doc.source,
                          "sha256": doc.sha256}
    assert type(row["start"]) is int and type(row["conf"]) is float
    assert type(row["types"]) is list and all(type(t) is str for t in row["types"])


def test_relationship_values_carry_type_and_properties(store):
    store.write(f.corpus())
    rows = store.run("MATCH (:Actor {id: $a})-[r:MEETS]->(:Actor) RETURN r", {"a": f.BLINKEN})
    meet = next(c for c in f.geneva_meeting().claims if c.type == "MEETS")
    assert rows == [{"r": {"type": "MEETS", "claim_id": meet.id, "doc_id": meet.doc_id,
                           "date": meet.date, "sentence": meet.sentence}}]


def test_clear_empties_the_store_and_keeps_the_schema(store):
    store.write(f.corpus())
    store.clear()
    assert store.stats() == EMPTY_STATS
    store.write(f.corpus())
    assert store.stats() == f.expected_stats(f.corpus())


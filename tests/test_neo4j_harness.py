"""The real Neo4j server the suite starts, and the Neo4j store on it, end to end."""
from __future__ import annotations

import os

import pytest
from neo4j import GraphDatabase

import neo4j_server
from graph.errors import QueryError, StoreError
from graph.model import Actor, Claim, Document, Extraction, Membership, actor_id, claim_id
from graph.neo4j_store import Neo4jAuthError, Neo4jStore

pytestmark = pytest.mark.neo4j

SECRET = "pw-Zq81-never-shown"

RUS = actor_id("state", "RUS")
UKR = actor_id("state", "UKR")
ZAKH = actor_id("person", "Maria Zakharova")
MFA = actor_id("organization", "Russian Foreign Ministry")


def _claim(doc: Document, type_: str, source: str, target: str | None, sentence: str,
           about: str | None = None) -> Claim:
    start = doc.text.index(sentence)
    return Claim(id=claim_id(doc.id, type_, source, target, start), type=type_,
                 source_id=source, target_id=target, doc_id=doc.id, sentence=sentence,
                 start=start, end=start + len(sentence), date=doc.published, confidence=0.7,
                 extractor="hand", about_id=about)


def briefing(extra: str = "") -> Extraction:
    text = ("Maria Zakharova accused Ukraine of shelling the plant. "
            "Russia proposed a ceasefire." + extra)
    doc = Document(id="doc:briefing", text=text, title="Briefing", published="2024-03-01")
    accuse = _claim(doc, "ACCUSES", ZAKH, UKR, "Maria Zakharova accused Ukraine of shelling the plant.")
    propose = _claim(doc, "PROPOSES", RUS, None, "Russia proposed a ceasefire.")
    return Extraction(
        document=doc,
        actors=[Actor(ZAKH, "Maria Zakharova", "person", ["Zakharova"]),
                Actor(UKR, "Ukraine", "state", ["Kyiv"]),
                Actor(RUS, "Russia", "state", ["Moscow"]),
                Actor(MFA, "Russian Foreign Ministry", "organization")],
        claims=[accuse, propose],
        memberships=[Membership(ZAKH, MFA, "spokeswoman"), Membership(MFA, RUS)],
        mentioned=[ZAKH, UKR, RUS],
    )


def reply() -> Extraction:
    text = "Ukraine rejected the accusation by Zakharova."
    doc = Document(id="doc:reply", text=text, title="Reply", published="2024-03-02")
    first = briefing().claims[0]
    reject = _claim(doc, "REJECTS", UKR, ZAKH, text, about=first.id)
    return Extraction(
        document=doc,
        actors=[Actor(UKR, "Ukraine", "state", ["Ukrainian government"]),
                Actor(ZAKH, "Maria Zakharova", "person", ["Zakharova"])],
        claims=[reject],
        mentioned=[UKR, ZAKH],
    )


EXPECTED_STATS = {
    "actors": 4,
    "actors_by_kind": {"organization": 1, "person": 1, "state": 2},
    "claims": 3,
    "claims_by_type": {"ACCUSES": 1, "PROPOSES": 1, "REJECTS": 1},
    "documents": 2,
    "memberships": 2,
    "mentions": 5,
}


def _env_auth() -> tuple[str, str] | None:
    """Credentials for a NEO4J_URI server given by the environment; the harness has no auth."""
    user, password = os.environ.get("NEO4J_USERNAME"), os.environ.get("NEO4J_PASSWORD")
    return (user or "neo4j", password or "") if (user or password) else None


def test_server_answers_and_is_neo4j_5_26(neo4j_uri: str) -> None:
    with GraphDatabase.driver(neo4j_uri, auth=_env_auth()) as driver:
        records, _, _ = driver.execute_query("RETURN 1 AS one")
        assert records[0]["one"] == 1
        records, _, _ = driver.execute_query("CALL dbms.components() YIELD name, versions")
    assert records[0]["name"] == "Neo4j Kernel"
    assert records[0]["versions"][0].startswith("5.26."), records[0]["versions"]


def test_schema_has_constraints_and_indexes(neo4j_store: Neo4jStore) -> None:
    names = {r["name"] for r in neo4j_store.run("SHOW CONSTRAINTS YIELD name RETURN name")}
    assert {"actor_id", "document_id", "claim_id"} <= names
    indexes = {r["name"] for r in neo4j_store.run("SHOW INDEXES YIELD name RETURN name")}
    assert {"claim_type", "claim_date"} <= indexes
    neo4j_store.create_schema()  # idempotent


def test_round_trip_is_idempotent(neo4j_store: Neo4jStore) -> None:
    batches: list[list[str]] = []
    summary = neo4j_store.write([briefing(), reply()], batch_size=1, on_batch=batches.append)
    assert summary.written == ["doc:briefing", "doc:reply"] and summary.skipped == []
    assert batches == [["doc:briefing"], ["doc:reply"]]
    assert neo4j_store.stats() == EXPECTED_STATS

    again = neo4j_store.write([briefing(), reply()])
    assert again.written == [] and again.skipped == ["doc:briefing", "doc:reply"]
    assert neo4j_store.stats() == EXPECTED_STATS

    edges = neo4j_store.run(
        "MATCH (a:Actor)-[r]->(b:Actor) WHERE type(r) <> 'MEMBER_OF' "
        "RETURN a.name AS a, type(r) AS t, b.name AS b, r.doc_id AS doc ORDER BY t")
    assert edges == [
        {"a": "Maria Zakharova", "t": "ACCUSES", "b": "Ukraine", "doc": "doc:briefing"},
        {"a": "Ukraine", "t": "REJECTS", "b": "Maria Zakharova", "doc": "doc:reply"},
    ]
    about = neo4j_store.run(
        "MATCH (:Actor {id: $ukr})-[:MADE]->(c:Claim)-[:ABOUT]->(o:Claim)<-[:MADE]-(s:Actor) "
        "RETURN c.type AS reply, o.type AS original, s.id AS speaker", {"ukr": UKR})
    assert about == [{"reply": "REJECTS", "original": "ACCUSES", "speaker": ZAKH}]
    untargeted = neo4j_store.run(
        "MATCH (c:Claim {type: 'PROPOSES'}) RETURN exists((c)-[:TARGETS]->()) AS has_target")
    assert untargeted == [{"has_target": False}]
    aliases = neo4j_store.run("MATCH (a:Actor {id: $id}) RETURN a.aliases AS aliases", {"id": UKR})
    assert sorted(aliases[0]["aliases"]) == ["Kyiv", "Ukrainian government"]
    roles = neo4j_store.run(
        "MATCH (m:Actor)-[r:MEMBER_OF]->(g:Actor) RETURN m.id AS m, g.id AS g, r.role AS role "
        "ORDER BY m")
    assert roles == [{"m": MFA, "g": RUS, "role": ""}, {"m": ZAKH, "g": MFA, "role": "spokeswoman"}]


def test_changed_document_replaces_its_claims(neo4j_store: Neo4jStore) -> None:
    neo4j_store.write([briefing(), reply()])
    changed = briefing(" Ukraine accused Russia of provocations.")
    text = "Ukraine accused Russia of provocations."
    changed.claims = [changed.claims[0], _claim(changed.document, "ACCUSES", UKR, RUS, text)]
    summary = neo4j_store.write([changed])
    assert summary.written == ["doc:briefing"]
    stats = neo4j_store.stats()
    assert stats["claims_by_type"] == {"ACCUSES": 2, "REJECTS": 1}
    assert stats["documents"] == 2
    rows = neo4j_store.run(
        "MATCH (a:Actor)-[r:ACCUSES]->(b:Actor) RETURN a.id AS a, b.id AS b, count(r) AS n "
        "ORDER BY a")
    assert rows == [{"a": ZAKH, "b": UKR, "n": 1}, {"a": UKR, "b": RUS, "n": 1}]
    # Each projected edge belongs to exactly one stored claim.
    orphans = neo4j_store.run(
        "MATCH ()-[r:ACCUSES]->() WHERE NOT EXISTS { MATCH (c:Claim {id: r.claim_id}) } "
        "RETURN count(r) AS n")
    assert orphans == [{"n": 0}]


def test_values_come_back_as_plain_python(neo4j_store: Neo4jStore) -> None:
    neo4j_store.write([briefing()])
    row = neo4j_store.run(
        "MATCH p = (a:Actor {id: $id})-[r:ACCUSES]->(b:Actor) "
        "RETURN a, r, p, date('2024-03-01') AS d", {"id": ZAKH})[0]
    assert row["a"]["name"] == "Maria Zakharova" and row["a"]["kind"] == "person"
    assert row["r"]["type"] == "ACCUSES" and row["r"]["doc_id"] == "doc:briefing"
    assert [type(x) for x in row["p"]] == [dict, dict, dict]
    assert row["p"][2]["name"] == "Ukraine"
    assert row["d"] == "2024-03-01"


def test_read_only_refuses_writes(neo4j_store: Neo4jStore) -> None:
    for cypher in ("CREATE (n:Actor {id: 'x'})", "MATCH (n) DETACH DELETE n",
                   "MATCH (a:Actor) SET a.name = 'x'", "CALL db.createLabel('X')"):
        with pytest.raises(QueryError, match="read-only"):
            neo4j_store.run(cypher)
    assert neo4j_store.run("MATCH (n) RETURN count(n) AS n") == [{"n": 0}]
    neo4j_store.run("CREATE (:Scratch {sentence: 'we will create'})", write=True)
    assert neo4j_store.run(
        "MATCH (s:Scratch) WHERE s.sentence CONTAINS 'create' RETURN count(s) AS n") == [{"n": 1}]


def test_bad_query_is_a_query_error(neo4j_store: Neo4jStore) -> None:
    with pytest.raises(QueryError) as info:
        neo4j_store.run("MATCH (n RETURN n")
    assert "\n" not in str(info.value)
    with pytest.raises(QueryError):
        neo4j_store.run("MATCH (a:Actor {id: $id}) RETURN a")  # missing parameter


def test_unreachable_server_is_a_clean_store_error() -> None:
    port = neo4j_server.free_port()
    with pytest.raises(StoreError) as info:
        Neo4jStore.from_uri(f"bolt://127.0.0.1:{port}", username="neo4j", password=SECRET)
    message = str(info.value)
    assert message.startswith(f"cannot reach Neo4j at bolt://127.0.0.1:{port}")
    assert SECRET not in message and SECRET not in repr(info.value)
    with pytest.raises(StoreError) as info:
        Neo4jStore.from_uri(f"bolt://neo4j:{SECRET}@127.0.0.1:{port}")
    assert SECRET not in str(info.value)


def test_bad_credentials_are_an_auth_error_without_the_password(
        neo4j_auth_uri: str, monkeypatch: pytest.MonkeyPatch) -> None:
    auth_server = neo4j_auth_uri
    with pytest.raises(Neo4jAuthError) as info:
        Neo4jStore.from_uri(auth_server, username="neo4j", password=SECRET)
    assert isinstance(info.value, StoreError)
    assert "refused" in str(info.value) and SECRET not in str(info.value)
    monkeypatch.delenv("NEO4J_USERNAME", raising=False)
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    with pytest.raises(Neo4jAuthError):
        Neo4jStore.from_uri(auth_server)  # no credentials at all: the CLI would prompt
    monkeypatch.setenv("NEO4J_USERNAME", "neo4j")
    monkeypatch.setenv("NEO4J_PASSWORD", SECRET)
    with pytest.raises(Neo4jAuthError) as info:
        Neo4jStore.from_uri(auth_server)
    assert SECRET not in str(info.value)


def test_store_repr_and_constructor_take_a_driver(neo4j_uri: str) -> None:
    driver = GraphDatabase.driver(neo4j_uri, auth=_env_auth())
    store = Neo4jStore(driver, uri=neo4j_uri)
    try:
        assert store.engine == "neo4j"
        assert store.run("RETURN 1 AS x") == [{"x": 1}]
        assert "127.0.0.1" in repr(store)
    finally:
        store.close()
    with pytest.raises(StoreError, match="closed"):
        store.run("RETURN 1")

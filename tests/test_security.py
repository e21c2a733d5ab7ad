"""Hostile input on the query path, on both real engines.

* ``run(write=False)`` (what ``claimgraph cypher`` without ``--write`` uses) refuses every kind of
  write, including disguised ones, and the graph is unchanged afterwards (checked by content,
  not only by the error).
* Values meant to break out of Cypher, passed as parameters, are data: the graph is unchanged.
* A Neo4j password never shows up in output, errors or DEBUG logs, on the success path and on
  the error paths (unreachable server, password inside the URI).
"""
from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from graph.errors import ClaimgraphError, QueryError
from tests.factories import geneva_meeting, moscow_briefing

REPO = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


ENGINES = ["ladybug", pytest.param("neo4j", marks=pytest.mark.neo4j)]


@pytest.fixture(scope="module", params=ENGINES)
def shared(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """One loaded store per engine for the whole read-only matrix: a refused write leaves it
    unchanged (each test checks exactly that), so sharing it is both sound and fast."""
    if request.param == "neo4j":
        from graph.neo4j_store import Neo4jStore

        store = Neo4jStore.from_uri(request.getfixturevalue("neo4j_uri"))
        store.create_schema()
        store.clear()
    else:
        from graph.ladybug_store import LadybugStore

        store = LadybugStore(str(tmp_path_factory.mktemp("security") / "shared.db"))
        store.create_schema()
    store.write([moscow_briefing(), geneva_meeting()])
    yield store
    if request.param == "neo4j":
        store.clear()
    store.close()


@pytest.fixture(params=["ladybug_store", pytest.param("neo4j_store", marks=pytest.mark.neo4j)])
def loaded(request: pytest.FixtureRequest) -> Any:
    """A fresh store of either engine holding the two factory documents (tests that write or
    hand the store to the CLI)."""
    store = request.getfixturevalue(request.param)
    store.write([moscow_briefing(), geneva_meeting()])
    return store


def snapshot(store: Any) -> dict[str, Any]:
    """Everything an attack could change: node ids and properties, relationship count, labels."""
    rows = store.run(
        "MATCH (n) RETURN n.id AS id, n.name AS name, n.title AS title, n.sentence AS s "
        "ORDER BY id"
    )
    rels = store.run("MATCH ()-[r]->() RETURN count(r) AS n")[0]["n"]
    return {"nodes": rows, "rels": rels, "stats": store.stats()}


# --- writes refused without --write ---------------------------------------------------------
COMMON_WRITES = [
    "CREATE (a:Actor {id: 'state:pwn', name: 'pwn', kind: 'state'})",
    "MERGE (a:Actor {id: 'state:pwn'})",
    "MATCH (a:Actor) SET a.name = 'pwned'",
    "MATCH (a:Actor) WHERE a.id = 'state:rus' SET a.name = 'pwned' RETURN a.id",
    "MATCH (c:Claim) DELETE c",
    "MATCH (c:Claim) DETACH DELETE c",
    "MATCH (n) DETACH DELETE n",
    "MATCH (a:Actor) REMOVE a.name",
    "match (a:Actor) detach delete a",                      # lower case
    "MaTcH (a:Actor) SeT a.name = 'pwned'",                  # mixed case
    "MATCH (a:Actor) /* just reading */ DETACH DELETE a",    # hidden behind a comment
    "MATCH (a:Actor)\n\tSET\na.name = 'pwned'",              # odd whitespace
    "MATCH (a:Actor) // comment\nDELETE a",                  # after a line comment
    "MATCH (a:Actor) WITH count(a) AS n // x\rCREATE (:Actor {id: 'state:pwn'}) RETURN n",  # CR ends a comment on Neo4j
    "MATCH (a:Actor) WITH a, 'CREATE' AS w SET a.name = w",  # keyword also inside a string
    "MATCH (a:Actor) RETURN a.name; MATCH (n) DETACH DELETE n",  # second statement
    "UNWIND [1] AS x CREATE (:Actor {id: 'state:pwn'})",
    "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
]
NEO4J_WRITES = [
    "MATCH (a:Actor) FOREACH (x IN [1] | SET a.name = 'pwned')",
    "CALL { CREATE (:Actor {id: 'state:pwn'}) } RETURN 1",
    "MATCH (a:Actor) CALL { WITH a DETACH DELETE a } IN TRANSACTIONS RETURN 1",
    "DROP CONSTRAINT actor_id IF EXISTS",
    "CREATE INDEX pwn IF NOT EXISTS FOR (a:Actor) ON (a.name)",
    "CALL db.createLabel('Pwned')",
    "CALL db.createProperty('pwned')",
    "CALL `db`.`createLabel`('Pwned')",                       # backtick-quoted procedure name
    "CALL db.clearQueryCaches()",
    "CALL dbms.setConfigValue('db.logs.query.enabled', 'OFF')",
    "CREATE USER pwn SET PASSWORD 'x'",
]
LADYBUG_WRITES = [
    "DROP TABLE Actor",
    "ALTER TABLE Actor ADD pwned STRING",
    "COPY Actor FROM '/etc/passwd'",
    "COPY (MATCH (a:Actor) RETURN a.id) TO '{tmp}/leak.csv'",  # writes a file
    "EXPORT DATABASE '{tmp}/export'",
    "LOAD FROM '/etc/hostname' (header=false) RETURN *",     # reads any file
    "INSTALL httpfs",
    "LOAD EXTENSION httpfs",
    "CHECKPOINT",
    "CALL threads = 1",
    "CREATE MACRO pwn(x) AS x",
]


def _assert_refused_and_unchanged(store: Any, cypher: str, tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    cypher = cypher.replace("{tmp}", str(out_dir))
    before = snapshot(store)
    with pytest.raises(ClaimgraphError):
        store.run(cypher, write=False)
    assert snapshot(store) == before
    assert list(out_dir.iterdir()) == [], "a refused query wrote a file"
    if store.engine == "neo4j":
        labels = {r["label"] for r in store.run("CALL db.labels() YIELD label RETURN label")}
        assert "Pwned" not in labels


@pytest.mark.parametrize("cypher", COMMON_WRITES, ids=lambda q: q[:40])
def test_read_only_run_refuses_writes(shared: Any, cypher: str, tmp_path: Path) -> None:
    _assert_refused_and_unchanged(shared, cypher, tmp_path)


@pytest.mark.parametrize("shared", [pytest.param("neo4j", marks=pytest.mark.neo4j)],
                         indirect=True)
@pytest.mark.parametrize("cypher", NEO4J_WRITES, ids=lambda q: q[:40])
def test_read_only_run_refuses_neo4j_writes(shared: Any, cypher: str, tmp_path: Path) -> None:
    _assert_refused_and_unchanged(shared, cypher, tmp_path)


@pytest.mark.parametrize("shared", ["ladybug"], indirect=True)
@pytest.mark.parametrize("cypher", LADYBUG_WRITES, ids=lambda q: q[:40])
def test_read_only_run_refuses_ladybug_writes(shared: Any, cypher: str, tmp_path: Path) -> None:
    _assert_refused_and_unchanged(shared, cypher, tmp_path)


def test_read_only_refusal_names_the_clause(shared: Any) -> None:
    with pytest.raises(QueryError) as err:
        shared.run("MATCH (c:Claim) DETACH DELETE c", write=False)
    assert "DETACH" in str(err.value) or "DELETE" in str(err.value)
    assert "\n" not in str(err.value)


def test_reads_that_look_like_writes_still_run(shared: Any) -> None:
    """The guard must not make the read path useless: keywords in data, names and params."""
    rows = shared.run(
        "MATCH (c:Claim) WHERE c.sentence CONTAINS $w OR c.sentence CONTAINS 'DELETE' "
        "RETURN c.start AS start, c.end AS stop ORDER BY start LIMIT 3",
        {"w": "SET a.name = 'x'"},
    )
    assert rows == []
    rows = shared.run("MATCH (a:Actor {id: $id}) RETURN a.name AS name", {"id": "state:rus"})
    assert rows == [{"name": "Russia"}]


def test_write_flag_is_what_allows_writes(loaded: Any) -> None:
    """The refusal is about the flag, not a broken write path."""
    loaded.run("MATCH (a:Actor {id: $id}) SET a.name = $name", {"id": "state:rus", "name": "R"},
               write=True)
    assert loaded.run("MATCH (a:Actor {id: 'state:rus'}) RETURN a.name AS n") == [{"n": "R"}]


# --- Cypher-breaking values as parameters ----------------------------------------------------
EVIL_VALUES = [
    "'}) DETACH DELETE n //",
    "state:rus'}) MATCH (n) DETACH DELETE n RETURN 1 //",
    "\") MATCH (n) DETACH DELETE n //",
    "` MATCH (n) DETACH DELETE n //",
    "x\\' OR 1=1 //",
    "*/ MATCH (n) DETACH DELETE n /*",
    "$id",
    "{id: 'state:rus'}",
    "state:rus\x00; DROP TABLE Actor",
    "\u202eRussia\u202c",
    "Рoссия",  # Cyrillic lookalike
    "a" * 10_000,
]


@pytest.mark.parametrize("value", EVIL_VALUES, ids=lambda v: repr(v[:24]))
def test_hostile_parameter_values_are_data(shared: Any, value: str) -> None:
    before = snapshot(shared)
    rows = shared.run(
        "MATCH (a:Actor) WHERE a.id = $v OR a.name = $v OR a.name CONTAINS $v "
        "RETURN a.id AS id", {"v": value})
    assert rows == []
    rows = shared.run("MATCH (c:Claim)-[:IN]->(d:Document {id: $v}) RETURN c.id AS id",
                      {"v": value})
    assert rows == []
    assert snapshot(shared) == before


def _cli() -> Any:
    cli = pytest.importorskip("claimgraph.cli")
    return getattr(cli, "cli", None) or getattr(cli, "main")


def _invoke(args: list[str], env: dict[str, str] | None = None) -> Any:
    from click.testing import CliRunner

    runner = CliRunner(mix_stderr=False) if "mix_stderr" in CliRunner.__init__.__code__.co_varnames \
        else CliRunner()
    return runner.invoke(_cli(), args, env=env, catch_exceptions=False)


def _store_uri(store: Any, request: pytest.FixtureRequest) -> str:
    if store.engine == "neo4j":
        return request.getfixturevalue("neo4j_uri")
    return store.path


@pytest.mark.parametrize("cypher", [
    "CREATE (a:Actor {id: 'state:pwn'})",
    "MATCH (n) DETACH DELETE n",
    "MATCH (a:Actor) SET a.name = 'pwned'",
    "MATCH (a:Actor) REMOVE a.name",
    "MERGE (a:Actor {id: 'state:pwn'})",
    "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
])
def test_cli_cypher_without_write_refuses(loaded: Any, cypher: str,
                                          request: pytest.FixtureRequest) -> None:
    uri = _store_uri(loaded, request)
    before = snapshot(loaded)
    if loaded.engine == "ladybug":
        loaded.close()  # one process (here: one Database object) holds the file at a time
    result = _invoke(["cypher", cypher, "--store", uri])
    assert result.exit_code != 0
    err = (result.stderr if hasattr(result, "stderr") else result.output) or result.output
    assert "write" in err.lower()
    assert "Traceback" not in err
    if loaded.engine == "ladybug":
        from graph.ladybug_store import LadybugStore

        with LadybugStore(uri) as again:
            assert snapshot(again) == before
    else:
        assert snapshot(loaded) == before


@pytest.mark.parametrize("value", EVIL_VALUES[:6], ids=lambda v: repr(v[:24]))
def test_cli_hostile_p_values_leave_graph_unchanged(loaded: Any, value: str,
                                                     request: pytest.FixtureRequest) -> None:
    uri = _store_uri(loaded, request)
    before = snapshot(loaded)
    if loaded.engine == "ladybug":
        loaded.close()
    result = _invoke(["cypher", "MATCH (a:Actor) WHERE a.name = $v RETURN a.id AS id",
                      "-p", f"v={value}", "--store", uri])
    assert result.exit_code == 0, result.output
    assert "state:" not in result.output  # no row matched
    if loaded.engine == "ladybug":
        from graph.ladybug_store import LadybugStore

        with LadybugStore(uri) as again:
            assert snapshot(again) == before
    else:
        assert snapshot(loaded) == before


# --- the password never leaks ----------------------------------------------------------------
SECRET = "s3cr3t-Zq9-" + os.urandom(6).hex()

_RUN_CLI_WITH_DEBUG_LOGS = (
    "import logging, sys\n"
    "logging.basicConfig(level=logging.DEBUG, stream=sys.stderr,"
    " format='%(name)s %(levelname)s %(message)s')\n"
    "from claimgraph import cli\n"
    "entry = getattr(cli, 'cli', None) or cli.main\n"
    "sys.argv = ['claimgraph'] + sys.argv[1:]\n"
    "entry()\n"
)


def _run_cli_subprocess(args: list[str], env_extra: dict[str, str]) -> subprocess.CompletedProcess:
    pytest.importorskip("claimgraph.cli")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "CLAIMGRAPH_"))}
    env.update(env_extra)
    return subprocess.run([PYTHON, "-c", _RUN_CLI_WITH_DEBUG_LOGS, *args], env=env, cwd=REPO,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.neo4j
def test_password_not_in_output_or_debug_logs_on_success(neo4j_uri: str) -> None:
    proc = _run_cli_subprocess(["cypher", "RETURN 1 AS one", "--store", neo4j_uri],
                               {"NEO4J_USER": "neo4j", "NEO4J_PASSWORD": SECRET})
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "DEBUG" in proc.stderr or proc.stderr == "" or "INFO" in proc.stderr
    assert SECRET not in proc.stdout
    assert SECRET not in proc.stderr


@pytest.mark.neo4j
@pytest.mark.parametrize("uri", [
    "bolt://127.0.0.1:1",                                # nothing listens there
    "neo4j://127.0.0.1:1",
    "bolt://neo4j:{secret}@127.0.0.1:1",                 # password inside the URI
    "bolt://no-such-host.invalid:7687",
])
def test_password_not_in_error_paths(uri: str) -> None:
    uri = uri.format(secret=SECRET)
    proc = _run_cli_subprocess(["cypher", "RETURN 1 AS one", "--store", uri],
                               {"NEO4J_USER": "neo4j", "NEO4J_PASSWORD": SECRET})
    assert proc.returncode != 0
    assert SECRET not in proc.stdout
    assert SECRET not in proc.stderr
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]


@pytest.mark.neo4j
def test_password_not_in_store_errors_or_log_records(caplog: pytest.LogCaptureFixture) -> None:
    """In-process: the StoreError text and every log record at DEBUG, for a dead server."""
    from graph.store import open_store

    caplog.set_level(logging.DEBUG)
    old = {k: os.environ.get(k) for k in ("NEO4J_USER", "NEO4J_PASSWORD")}
    os.environ["NEO4J_USER"] = "neo4j"
    os.environ["NEO4J_PASSWORD"] = SECRET
    try:
        with pytest.raises(ClaimgraphError) as err:
            store = open_store(f"bolt://neo4j:{SECRET}@127.0.0.1:1")
            store.run("RETURN 1")
        text = str(err.value)
        assert SECRET not in text
        assert "\n" not in text.strip()
        chained = err.value.__cause__
        while chained is not None:  # a traceback shows the cause too
            assert SECRET not in str(chained)
            chained = chained.__cause__
        for record in caplog.records:
            assert SECRET not in record.getMessage()
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


@pytest.mark.parametrize("cypher", COMMON_WRITES + NEO4J_WRITES + LADYBUG_WRITES, ids=lambda q: q[:40])
def test_guard_alone_catches_every_write(cypher: str) -> None:
    """The lexical guard must refuse by itself, not lean on the engine's read mode."""
    from graph.cypher_guard import write_clause

    assert write_clause(cypher) is not None

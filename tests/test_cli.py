"""The command line against real stores (LadybugDB files; Neo4j where marked), via CliRunner.

Covers every command, the shared output formats, and the error paths: unknown query, missing
or malformed parameters, bad store paths, writes refused without --write, unknown formats
(exit 2), unreadable input files (exit 1 with ``path: reason`` lines).
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from claimgraph import __version__
from claimgraph.cli import cli
from graph.catalog import load_catalog
from graph.store import open_store
from sample_graph import sample_extractions

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CATALOG = load_catalog()


def run(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> Any:
    runner = CliRunner(mix_stderr=False)
    return runner.invoke(cli, list(args), input=input, env=env, catch_exceptions=False)


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample graph written once into a LadybugDB file (then closed)."""
    path = tmp_path_factory.mktemp("sample") / "sample.db"
    with open_store(str(path)) as store:
        store.write(sample_extractions())
    return path


@pytest.fixture
def db(sample_db: Path, tmp_path: Path) -> str:
    """A private copy of the sample store, so a test may change it."""
    for f in sample_db.parent.iterdir():
        if f.name.startswith(sample_db.name):
            shutil.copy(f, tmp_path / f.name)
    return str(tmp_path / sample_db.name)


@pytest.fixture(params=["ladybug", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def uri(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The sample graph on each engine, as the URI the CLI takes."""
    if request.param == "ladybug":
        return request.getfixturevalue("db")
    store = request.getfixturevalue("neo4j_store")
    store.clear()
    store.write(sample_extractions())
    return store.uri


def rows_of(result: Any) -> list[dict[str, Any]]:
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


# ------------------------------------------------------------------ basics


def test_version_and_help() -> None:
    assert run("--version").stdout.strip() == f"claimgraph, version {__version__}"
    help_text = run("--help").stdout
    for name in cli.commands:
        assert name in help_text
    for name in cli.commands:
        sub = run(name, "--help")
        assert sub.exit_code == 0 and "Usage: claimgraph" in sub.stdout


def test_unknown_command_is_usage_error() -> None:
    result = run("lod", "x")
    assert result.exit_code == 2
    assert "No such command" in result.stderr


def test_help_does_not_import_heavy_modules() -> None:
    import subprocess
    import sys

    code = ("import sys; from claimgraph.cli import main\n"
            "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            "heavy = [m for m in ('spacy', 'neo4j', 'ladybug', 'networkx', 'pyvis') if m in sys.modules]\n"
            "print('HEAVY=' + ','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "HEAVY="


# ------------------------------------------------------------------ queries


def test_queries_lists_the_catalog() -> None:
    rows = rows_of(run("queries", "--json"))
    assert [r["name"] for r in rows] == sorted(CATALOG)
    by_name = {r["name"]: r for r in rows}
    assert by_name["who-accuses-whom"]["parameters"] == "limit:int=25, evidence:bool=false"
    table = run("queries").stdout
    assert "who-accuses-whom" in table and "Who accuses whom" in table
    verbose = rows_of(run("queries", "-v", "--json"))
    assert verbose[0]["example"].startswith(f"claimgraph query {verbose[0]['name']}")


@pytest.mark.parametrize("name", sorted(CATALOG))
def test_query_runs_every_canned_query(db: str, name: str) -> None:
    q = CATALOG[name]
    args = ["query", name, "--store", db, "--json"]
    for key, value in q.example_params.items():
        args += ["-p", f"{key}={value}"]
    rows = rows_of(run(*args))
    with open_store(db) as store:
        assert rows == json.loads(json.dumps(q.run(store, q.example_params)))
    assert rows


def test_query_on_each_engine(uri: str) -> None:
    rows = rows_of(run("query", "most-accused", "--store", uri, "-p", "limit=2", "--json"))
    assert len(rows) == 2
    assert rows[0]["accusations"] >= rows[1]["accusations"]
    profile = rows_of(run("query", "actor-profile", "--store", uri, "-p", "actor=moscow",
                          "--format", "json"))
    assert {r["actor"] for r in profile} == {"Russia"}


def test_parameter_types_come_from_the_header(db: str) -> None:
    rows = rows_of(run("query", "who-accuses-whom", "--store", db, "-p", "limit=1",
                       "-p", "evidence=yes", "--json"))
    assert len(rows) == 1 and rows[0]["evidence"]
    # a str parameter that looks like a number stays a string
    assert rows_of(run("query", "actor-profile", "--store", db, "-p", "actor=42", "--json")) == []


def test_store_from_environment(db: str) -> None:
    rows = rows_of(run("query", "claims-by-type", "--json", env={"CLAIMGRAPH_STORE": db}))
    assert rows and {"claim_type", "claims"} <= set(rows[0])


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json", "jsonl"])
def test_output_formats(db: str, fmt: str) -> None:
    result = run("query", "claims-by-type", "--store", db, "--format", fmt)
    assert result.exit_code == 0, result.stderr
    expected = rows_of(run("query", "claims-by-type", "--store", db, "--json"))
    out = result.stdout
    if fmt == "json":
        assert json.loads(out) == expected
    elif fmt == "jsonl":
        assert [json.loads(line) for line in out.splitlines()] == expected
    elif fmt in ("csv", "tsv"):
        reader = csv.DictReader(io.StringIO(out), delimiter="," if fmt == "csv" else "\t")
        got = list(reader)
        assert [r["claim_type"] for r in got] == [r["claim_type"] for r in expected]
        assert [int(r["claims"]) for r in got] == [r["claims"] for r in expected]
    else:
        lines = out.splitlines()
        assert lines[0].split() == list(expected[0])
        assert set(lines[1]) <= {"-", " "}
        assert len(lines) == 2 + len(expected)
    shortcut = run("query", "claims-by-type", "--store", db, f"--{fmt}")
    assert shortcut.stdout == out


def test_lists_in_cells(db: str) -> None:
    out = run("query", "who-accuses-whom", "--store", db, "-p", "evidence=true", "--csv").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert all(r["evidence"] for r in rows)


def test_empty_result_says_so(db: str) -> None:
    result = run("query", "actor-profile", "--store", db, "-p", "actor=Atlantis")
    assert result.exit_code == 0
    assert result.stdout == "" and "(no rows)" in result.stderr
    assert run("query", "actor-profile", "--store", db, "-p", "actor=Atlantis", "--json").stdout.strip() == "[]"


def test_show_prints_engine_text_without_a_store(tmp_path: Path) -> None:
    lb = run("query", "interaction-paths", "--show", "-p", "actor=a", "-p", "other=b",
             "--store", str(tmp_path / "none.db"))
    assert lb.exit_code == 0 and "ALL SHORTEST" in lb.stdout
    assert not (tmp_path / "none.db").exists()
    neo = run("query", "interaction-paths", "--show", "-p", "actor=a", "-p", "other=b",
              "--store", "bolt://127.0.0.1:1")
    assert neo.exit_code == 0 and "allShortestPaths" in neo.stdout


@pytest.mark.parametrize("args, code, message", [
    (["query", "nope"], 1, "Error: unknown query 'nope'"),
    (["query", "most-acused"], 1, "did you mean most-accused"),
    (["query", "actor-profile"], 1, "Error: query 'actor-profile' needs parameter 'actor'"),
    (["query", "most-accused", "-p", "limit=ten"], 1, "expects an integer"),
    (["query", "most-accused", "-p", "nolimit=3"], 1, "has no parameter 'nolimit'"),
    (["query", "most-accused", "-p", "limit"], 2, "is not key=value"),
    (["query", "most-accused", "--format", "xml"], 2, "'xml' is not one of"),
    (["query", "most-accused", "--json", "--csv"], 2, "choose one output format"),
    (["cypher", "MATCH (n) RETURN count(n) AS n", "-p", "=3"], 2, "is not key=value"),
    (["cypher", "   "], 2, "empty query"),
    (["stats", "--format", "csv"], 2, "'csv' is not one of"),
    (["export", "--format", "dot"], 2, "'dot' is not one of"),
    (["view", "--types", "ACCUSES,HUGS"], 2, "unknown claim type(s) HUGS"),
    (["view", "--hops", "2"], 2, "--hops needs --actor"),
    (["rank", "--by", "fame"], 2, "'fame' is not one of"),
    (["load", "--workers", "0", "x"], 2, "--workers"),
])
def test_error_paths(db: str, args: list[str], code: int, message: str) -> None:
    result = run(*args, "--store", db)
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert message in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    if code == 1:
        assert len(result.stderr.strip().splitlines()) == 1


# ------------------------------------------------------------------ cypher


def test_cypher_reads_with_guessed_parameters(uri: str) -> None:
    rows = rows_of(run("cypher", "MATCH (a:Actor) WHERE a.kind = $kind RETURN a.name AS name "
                       "ORDER BY name LIMIT $n", "-p", "kind=state", "-p", "n=2",
                       "--store", uri, "--json"))
    assert [r["name"] for r in rows] == ["Côte d'Ivoire", "Russia"]


def test_cypher_from_stdin(db: str) -> None:
    rows = rows_of(run("cypher", "-", "--store", db, "--json",
                       input="MATCH (d:Document) RETURN count(d) AS n"))
    assert rows == [{"n": 3}]


def test_cypher_write_needs_write_flag(uri: str) -> None:
    statement = "CREATE (:Actor {id: 'group:x', name: 'X', kind: 'group', aliases: []})"
    refused = run("cypher", statement, "--store", uri)
    assert refused.exit_code == 1
    assert refused.stderr.startswith("Error: read-only query refused") and "--write" in refused.stderr
    count = "MATCH (a:Actor) RETURN count(a) AS n"
    before = rows_of(run("cypher", count, "--store", uri, "--json"))[0]["n"]
    assert rows_of(run("cypher", count, "--store", uri, "--json"))[0]["n"] == before
    assert run("cypher", statement, "--store", uri, "--write").exit_code == 0
    assert rows_of(run("cypher", count, "--store", uri, "--json"))[0]["n"] == before + 1


def test_cypher_syntax_error_is_one_line(db: str) -> None:
    result = run("cypher", "MATCH (a RETURN a", "--store", db)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and len(result.stderr.strip().splitlines()) == 1


# ------------------------------------------------------------------ store paths


def test_bad_store_paths(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(os.urandom(4096))
    for target in (str(tmp_path), str(garbage)):
        result = run("stats", "--store", target)
        assert result.exit_code == 1, result.stdout
        assert result.stderr.startswith("Error: ") and target in result.stderr
        assert "Traceback" not in result.stderr


def test_unreachable_neo4j_is_one_line_error() -> None:
    result = run("stats", "--store", "bolt://127.0.0.1:1")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and len(result.stderr.strip().splitlines()) == 1


@pytest.mark.neo4j
def test_password_from_environment_or_hidden_prompt(neo4j_auth_uri: str,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A server with auth on: no password → error (no terminal) or a hidden prompt."""
    import claimgraph.cli as cli_module
    from conftest import AUTH_TEST_PASSWORD as pw

    uri = neo4j_auth_uri
    no_secret = {"NEO4J_PASSWORD": None, "NEO4J_USERNAME": None}
    refused = run("stats", "--store", uri, env=no_secret)
    assert refused.exit_code == 1
    assert refused.stderr.startswith("Error: ") and "NEO4J_PASSWORD" in refused.stderr
    wrong = run("stats", "--store", uri, env={"NEO4J_PASSWORD": "nope"})
    assert wrong.exit_code == 1 and "nope" not in wrong.stderr + wrong.stdout
    from_env = run("stats", "--store", uri, "--format", "json", env={"NEO4J_PASSWORD": pw})
    assert json.loads(from_env.stdout)["claims"] == 0
    monkeypatch.setattr(cli_module, "_interactive", lambda: True)
    prompted = run("stats", "--store", uri, env=no_secret, input=pw + "\n")
    assert prompted.exit_code == 0, prompted.stderr
    assert "Neo4j password for" in prompted.stderr
    assert pw not in prompted.stdout + prompted.stderr


def test_credentials_never_echoed() -> None:
    result = run("stats", "--store", "bolt://neo4j:s3cret-pw@127.0.0.1:1")
    assert result.exit_code == 1
    assert "s3cret-pw" not in result.stderr + result.stdout


# ------------------------------------------------------------------ stats / schema


def test_stats_and_schema(uri: str) -> None:
    data = json.loads(run("stats", "--store", uri, "--format", "json").stdout)
    claims = [c for ex in sample_extractions() for c in ex.claims]
    assert data["documents"] == 3 and data["claims"] == len(claims)
    table = run("stats", "--store", uri).stdout
    assert re.search(rf"^claims: {len(claims)}$", table, re.M)
    assert re.search(r"^  ACCUSES\s+\d+$", table, re.M)
    result = run("schema", "--store", uri)
    assert result.exit_code == 0 and "Schema ready" in result.stdout
    assert json.loads(run("stats", "--store", uri, "--format", "json").stdout) == data


def test_schema_creates_a_new_store(tmp_path: Path) -> None:
    target = tmp_path / "new.db"
    assert run("schema", "--store", str(target)).exit_code == 0
    assert json.loads(run("stats", "--store", str(target), "--format", "json").stdout)["claims"] == 0


# ------------------------------------------------------------------ network commands


def test_view_writes_where_it_says(db: str, tmp_path: Path) -> None:
    out = tmp_path / "sub" / "net.html"
    result = run("view", "--store", db, "--out", str(out), "--types", "accuses,rejects")
    assert result.exit_code == 0, result.stderr
    assert str(out) in result.stdout
    page = out.read_text(encoding="utf-8")
    assert "<html" in page.lower() and "Zakharova" in page
    centred = run("view", "--store", db, "--out", str(tmp_path / "c.html"), "--actor", "kyiv",
                  "--hops", "1", "--since", "2024-01-01", "--until", "2024-12-31",
                  "--min-claims", "0", "--limit", "5")
    assert centred.exit_code == 0, centred.stderr
    assert "Ukraine" in (tmp_path / "c.html").read_text(encoding="utf-8")


def test_view_default_path_and_errors(db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("view", "--store", db)
    assert result.exit_code == 0
    assert (tmp_path / "claimgraph-network.html").exists()
    unknown = run("view", "--store", db, "--actor", "Atlantis")
    assert unknown.exit_code == 1 and "no actor matches 'Atlantis'" in unknown.stderr
    to_dir = run("view", "--store", db, "--out", str(tmp_path))
    assert to_dir.exit_code == 2  # click.Path(dir_okay=False)


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json", "csv"])
def test_export_formats(db: str, tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"net-{fmt}"
    result = run("export", "--store", db, "--format", fmt, "--out", str(target))
    assert result.exit_code == 0, result.stderr
    written = [Path(line.removeprefix("Wrote ")) for line in result.stdout.splitlines()]
    assert written and all(p.exists() and p.stat().st_size > 0 for p in written)
    text = written[0].read_text(encoding="utf-8")
    assert "Zakharova" in text


def test_export_to_unwritable_place_is_an_error(db: str, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run("export", "--store", db, "--format", "graphml", "--out", str(blocker / "x.graphml"))
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and "Traceback" not in result.stderr


def test_rank_and_communities(uri: str) -> None:
    rows = rows_of(run("rank", "--store", uri, "--by", "degree", "--limit", "3", "--json"))
    assert [r["rank"] for r in rows] == [1, 2, 3]
    assert rows[0]["name"] == "Russia"  # the actor in most claims of the sample graph
    for by in ("pagerank", "betweenness"):
        assert len(rows_of(run("rank", "--store", uri, "--by", by, "--json"))) > 0
    groups = rows_of(run("communities", "--store", uri, "--json"))
    members = [m for g in groups for m in g["members"]]
    assert len(members) == len(set(members)) == 11
    assert run("communities", "--store", uri, "--min-size", "2").exit_code == 0


# ------------------------------------------------------------------ load / extract (real
# extractor over the demo seeds)


@pytest.fixture
def inputs(tmp_path: Path) -> dict[str, Path]:
    good = sorted(p for p in SEEDS.iterdir() if p.suffix in (".txt", ".md", ".html"))
    assert good, "seeds/ holds demo articles"
    binary = tmp_path / "broken.txt"
    binary.write_bytes(b"\x00\x01\x02binary")
    empty = tmp_path / "empty.md"
    empty.write_text("")
    return {"good": good[0], "binary": binary, "empty": empty,
            "missing": tmp_path / "missing.html"}


def test_load_reports_and_continues(tmp_path: Path, inputs: dict[str, Path]) -> None:
    target = str(tmp_path / "loaded.db")
    result = run("load", str(inputs["good"]), str(inputs["binary"]), str(inputs["missing"]),
                 "--store", target, "--silent", "--batch-size", "1")
    assert result.exit_code == 1
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 2
    assert errors[0].startswith(f"{inputs['binary']}: ") and errors[1].startswith(f"{inputs['missing']}: ")
    assert "Documents: 1 loaded, 0 skipped (already stored), 2 failed" in result.stdout
    assert re.search(r"^Actors: [1-9]\d*$", result.stdout, re.M)
    assert re.search(r"^Claims: [1-9]\d* \(ACCUSES \d+", result.stdout, re.M)
    stats = json.loads(run("stats", "--store", target, "--format", "json").stdout)
    assert stats["documents"] == 1 and stats["claims"] > 0
    again = run("load", str(inputs["good"]), "--store", target)
    assert again.exit_code == 0
    assert "0 loaded, 1 skipped" in again.stdout
    assert json.loads(run("stats", "--store", target, "--format", "json").stdout) == stats


def test_extract_prints_one_prediction_per_document(inputs: dict[str, Path]) -> None:
    from loaders.extract import get_extractor
    from loaders.readers import iter_documents

    result = run("extract", str(inputs["good"]), str(inputs["empty"]))
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    prediction = json.loads(lines[0])
    doc = next(d for d in iter_documents([str(inputs["good"])]))
    assert prediction == json.loads(json.dumps(get_extractor().extract(doc).to_prediction()))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{inputs['empty']}: ")
    table = run("extract", str(inputs["good"]), "--format", "table")
    assert table.exit_code == 0
    assert table.stdout.splitlines()[0].split() == ["document", "speaker", "type", "target", "sentence"]
    assert len(table.stdout.splitlines()) == 2 + len(prediction["claims"])


def test_progress_length_counts_documents_when_cheap(tmp_path: Path) -> None:
    from claimgraph.cli import _bar_length

    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "a.meta.json").write_text("{}")
    (tmp_path / "b.md").write_text("y")
    (tmp_path / "skip.png").write_bytes(b"\x89PNG")
    assert _bar_length([str(tmp_path)]) == 2
    assert _bar_length([str(tmp_path), "-"]) is None  # stdin: any number of documents
    (tmp_path / "many.jsonl").write_text("{}\n{}\n")
    assert _bar_length([str(tmp_path)]) is None

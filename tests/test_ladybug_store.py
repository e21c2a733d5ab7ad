"""LadybugDB-only behaviour: files, locks, reopening, the dialect shim, and crash safety."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from graph.errors import QueryError, StoreError
from graph.ladybug_store import LadybugStore, to_ladybug_dialect
from graph.store import open_store
from tests import factories as f

ROOT = Path(__file__).resolve().parents[1]


def _open(path: Path) -> LadybugStore:
    store = LadybugStore(path)
    store.create_schema()
    return store


def test_reopen_after_close_keeps_data(tmp_path):
    path = tmp_path / "g.db"
    with _open(path) as store:
        store.write(f.corpus())
        stats = store.stats()
    with _open(path) as again:
        assert again.stats() == stats == f.expected_stats(f.corpus())
        assert again.write(f.corpus()).skipped == [ex.document.id for ex in f.corpus()]


def test_open_store_picks_ladybug_for_a_path(tmp_path):
    with open_store(str(tmp_path / "g.db")) as store:
        assert store.engine == "ladybug"
        assert store.stats()["documents"] == 0


def test_closed_store_is_released_for_another_process(tmp_path):
    path = tmp_path / "g.db"
    with _open(path) as store:
        store.write([f.moscow_briefing()])
    code = textwrap.dedent(f"""
        from graph.ladybug_store import LadybugStore
        s = LadybugStore({str(path)!r}); s.create_schema()
        print(s.stats()["claims"]); s.close()
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == str(len(f.moscow_briefing().claims))


def test_store_held_by_another_process_is_a_clear_store_error(tmp_path):
    path = tmp_path / "g.db"
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, time
            from graph.ladybug_store import LadybugStore
            s = LadybugStore({str(path)!r}); s.create_schema()
            print("open", flush=True); time.sleep(60)
        """)], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(StoreError, match="another process"):
            LadybugStore(path)
    finally:
        holder.kill()
        holder.wait()


def test_text_file_is_not_a_store(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("an analyst's notes, not a database\n")
    with pytest.raises(StoreError, match="not a LadybugDB database"):
        LadybugStore(path)
    assert path.read_text() == "an analyst's notes, not a database\n"


def test_directory_is_not_a_store(tmp_path):
    with pytest.raises(StoreError, match="directory"):
        LadybugStore(tmp_path)


def test_missing_parent_directory_is_a_store_error(tmp_path):
    with pytest.raises(StoreError, match="cannot open"):
        LadybugStore(tmp_path / "no" / "such" / "dir" / "g.db")


def test_use_after_close_is_a_store_error(tmp_path):
    store = _open(tmp_path / "g.db")
    store.close()
    store.close()  # idempotent
    with pytest.raises(StoreError, match="closed"):
        store.stats()


def test_several_statements_in_one_query_are_refused(tmp_path):
    with _open(tmp_path / "g.db") as store:
        with pytest.raises(QueryError):
            store.run("RETURN 1 AS a; RETURN 2 AS b")


@pytest.mark.parametrize("neo4j, ladybug", [
    ("MATCH (c:Claim) RETURN c.end", "MATCH (c:Claim) RETURN c.`end`"),
    ("MATCH (c:Claim)-[:IN]->(d) RETURN d", "MATCH (c:Claim)-[:`IN`]->(d) RETURN d"),
    ("MATCH (c)-[r:ABOUT|IN*1..2]->(d) RETURN type(r)",
     "MATCH (c)-[r:ABOUT|`IN`*1..2]->(d) RETURN label(r)"),
    ("MATCH (a)-[m:MEMBER_OF]->(g) RETURN m.role, g.group",
     "MATCH (a)-[m:MEMBER_OF]->(g) RETURN m.role, g.`group`"),
    # Strings, comments and list predicates are left alone.
    ("MATCH (c) WHERE c.sentence = 'the end [:IN] type(x)' AND c.id IN $ids RETURN c // c.end",
     "MATCH (c) WHERE c.sentence = 'the end [:IN] type(x)' AND c.id IN $ids RETURN c // c.end"),
    ("RETURN [x IN [1, 2] | x] AS xs, c.type AS t", "RETURN [x IN [1, 2] | x] AS xs, c.type AS t"),
])
def test_neo4j_dialect_is_quoted_for_ladybug(neo4j, ladybug):
    assert to_ladybug_dialect(neo4j) == ladybug


def test_type_function_works_on_ladybug(tmp_path):
    with _open(tmp_path / "g.db") as store:
        store.write(f.corpus())
        rows = store.run("MATCH (:Actor {id: $a})-[r]->(:Actor) RETURN type(r) AS t",
                         {"a": f.BLINKEN})
        assert rows == [{"t": "MEETS"}]


_LOADER = """
import sys
from tests.factories import synthetic
from graph.ladybug_store import LadybugStore
store = LadybugStore(sys.argv[1]); store.create_schema()
docs = synthetic(int(sys.argv[2]), int(sys.argv[3]), n_actors=50, prefix="doc:crash")
store.write(docs, batch_size=2, on_batch=lambda ids: print(len(ids), flush=True))
print("done", flush=True)
"""


@pytest.mark.slow
def test_killed_mid_load_leaves_whole_documents_only(tmp_path):
    path = tmp_path / "crash.db"
    n_docs, per_doc = 600, 6
    proc = subprocess.Popen([sys.executable, "-c", _LOADER, str(path), str(n_docs), str(per_doc)],
                            stdout=subprocess.PIPE, text=True, cwd=ROOT)
    committed = 0
    deadline = time.monotonic() + 120
    try:
        # Let a good number of batches commit, then kill without warning mid-batch.
        while committed < 40 and time.monotonic() < deadline:
            line = proc.stdout.readline()
            assert line and line.strip() != "done", "loader finished before it could be killed"
            committed += int(line)
        time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()
    assert committed >= 40
    with _open(path) as store:  # replays the WAL
        stats = store.stats()
        assert committed <= stats["documents"] < n_docs
        assert stats["claims"] == stats["documents"] * per_doc
        per_doc_rows = store.run("MATCH (d:Document) OPTIONAL MATCH (c:Claim)-[:IN]->(d) "
                                 "RETURN d.id AS d, count(c) AS n")
        assert {r["n"] for r in per_doc_rows} == {per_doc}
        orphans = store.run("MATCH (c:Claim) WHERE NOT (c)-[:IN]->(:Document) "
                            "OR NOT (:Actor)-[:MADE]->(c) RETURN count(c) AS n")
        assert orphans == [{"n": 0}]
        # Resuming the load skips what is there and completes the rest.
        docs = f.synthetic(n_docs, per_doc, n_actors=50, prefix="doc:crash")
        summary = store.write(docs, batch_size=500)
        assert len(summary.skipped) == stats["documents"]
        assert store.stats()["claims"] == n_docs * per_doc

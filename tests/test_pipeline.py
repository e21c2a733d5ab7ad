"""Pipeline: extraction in order (one process or several), per-document failures, loading.

Extraction is the real ``loaders.extract`` extractor and the store a real LadybugDB file; the
tests that need them are skipped only while those modules are not in the tree yet. Faults are
injected by wrapping the real extractor (a document that raises, a worker that is killed).
"""
from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path

import pytest

from graph.errors import InputError, StoreError
from graph.model import Document, Extraction
from loaders.pipeline import LoadReport, extract_documents, load_paths

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
HAVE_EXTRACTOR = importlib.util.find_spec("loaders.extract") is not None
HAVE_LADYBUG_STORE = importlib.util.find_spec("graph.ladybug_store") is not None
needs_extractor = pytest.mark.skipif(not HAVE_EXTRACTOR,
                                     reason="loaders.extract not written yet")
needs_store = pytest.mark.skipif(not (HAVE_EXTRACTOR and HAVE_LADYBUG_STORE),
                                 reason="needs loaders.extract and graph.ladybug_store")

TEXTS = [
    "Russia accused Ukraine of shelling the Zaporizhzhia nuclear plant on Monday.",
    "Ukrainian President Volodymyr Zelensky met French President Emmanuel Macron in Paris.",
    "China rejected the proposal made by the United States at the United Nations.",
    "Iran proposed new talks with the European Union on its nuclear programme.",
    "Germany sanctioned three Russian banks, the German government said on Friday.",
]


class FaultyExtractor:
    """The real extractor, except for documents whose id asks for a fault."""

    def __init__(self) -> None:
        from loaders.extract import get_extractor

        self.real = get_extractor()

    def extract(self, doc: Document) -> Extraction:
        if doc.id.startswith("raise"):
            raise RuntimeError("injected failure")
        if doc.id.startswith("die"):
            os._exit(9)  # the worker process disappears, as when killed for memory
        return self.real.extract(doc)


def faulty_factory() -> FaultyExtractor:
    return FaultyExtractor()


def _docs(prefix: str = "d") -> list[Document]:
    return [Document(id=f"{prefix}{i}", text=t, path=f"/in/{prefix}{i}.txt")
            for i, t in enumerate(TEXTS)]


def _summary(results) -> list:
    return [("error", r.path, r.reason) if isinstance(r, InputError)
            else ("ok", r.document.id, sorted((c.type, c.source_id, c.target_id, c.start)
                                              for c in r.claims))
            for r in results]


def test_input_errors_pass_through_without_loading_the_extractor():
    errors = [InputError("a.txt", "empty file"), InputError("b.png", "unsupported file type")]

    def must_not_load():
        raise AssertionError("extractor loaded for a run without documents")

    out = list(extract_documents(errors, extractor_factory=must_not_load))
    assert [(e.path, e.reason) for e in out] == [("a.txt", "empty file"),
                                                 ("b.png", "unsupported file type")]


@needs_extractor
def test_parallel_extraction_matches_serial_and_keeps_order():
    items: list = _docs()
    items.insert(2, InputError("/in/bad.txt", "empty file"))
    serial = _summary(extract_documents(items, workers=1))
    parallel = _summary(extract_documents(items, workers=2))
    assert parallel == serial
    assert [s[1] for s in serial] == ["d0", "d1", "/in/bad.txt", "d2", "d3", "d4"]
    assert any(s[0] == "ok" and s[2] for s in serial)  # the extractor found claims


@needs_extractor
@pytest.mark.parametrize("workers", [1, 2])
def test_an_extraction_exception_fails_only_that_document(workers):
    docs = _docs()
    docs.insert(1, Document(id="raise-1", text=TEXTS[0], path="/in/raise-1.txt"))
    out = list(extract_documents(docs, workers=workers, extractor_factory=faulty_factory))
    assert [type(r).__name__ for r in out] == ["Extraction", "InputError"] + ["Extraction"] * 4
    assert out[1].path == "/in/raise-1.txt"
    assert "RuntimeError: injected failure" in out[1].reason


@needs_extractor
@pytest.mark.slow
def test_a_killed_worker_fails_only_its_document():
    docs = _docs("a") + [Document(id="die-1", text=TEXTS[0], path="/in/die-1.txt")] + _docs("b")
    out = list(extract_documents(docs, workers=2, extractor_factory=faulty_factory))
    failed = [r for r in out if isinstance(r, InputError)]
    assert [f.path for f in failed] == ["/in/die-1.txt"]
    assert "worker process died" in failed[0].reason
    assert [r.document.id for r in out if isinstance(r, Extraction)] == (
        [f"a{i}" for i in range(5)] + [f"b{i}" for i in range(5)])


def _corpus(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    for i, text in enumerate(TEXTS):
        (d / f"n{i}.txt").write_text(text)
    shutil.copy(SEEDS / "000_6406e2ef00b6ea62.txt", d)
    shutil.copy(SEEDS / "000_6406e2ef00b6ea62.meta.json", d)
    (d / "empty.txt").write_text("")
    return d


@needs_store
def test_load_reports_what_it_wrote_and_a_rerun_skips(tmp_path):
    from graph.store import open_store

    corpus = _corpus(tmp_path)
    calls: list[tuple[str, bool]] = []
    with open_store(str(tmp_path / "g.db")) as store:
        first = load_paths([str(corpus)], store, batch_size=2,
                           progress=lambda label, ok: calls.append((label, ok)))
        stats = store.stats()
        second = load_paths([str(corpus)], store)
        assert store.stats() == stats
    assert isinstance(first, LoadReport)
    assert first.documents_loaded == 6 == stats["documents"]
    assert first.failed == [(str(corpus / "empty.txt"), "empty file")]
    assert first.claims_by_type == stats["claims_by_type"]
    assert first.claims == stats["claims"] > 0
    assert first.actors == stats["actors"]
    assert len(calls) == 7 and calls.count((str(corpus / "empty.txt"), False)) == 1
    assert (second.documents_loaded, second.documents_skipped) == (0, 6)
    assert second.claims == 0


@needs_store
def test_parallel_load_writes_the_same_graph(tmp_path):
    from graph.store import open_store

    corpus = _corpus(tmp_path)
    results = []
    for workers in (1, 2):
        with open_store(str(tmp_path / f"g{workers}.db")) as store:
            report = load_paths([str(corpus)], store, workers=workers, batch_size=3)
            results.append((report.documents_loaded, report.claims_by_type, store.stats()))
    assert results[0] == results[1], (
        "workers=2 wrote a different graph than workers=1: extraction must not depend on the "
        "process (e.g. on set order, which PYTHONHASHSEED changes per worker)")


@needs_store
def test_duplicate_document_ids_in_one_run_are_reported(tmp_path):
    from graph.store import open_store

    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "same.txt").write_text(TEXTS[0])
    (tmp_path / "b" / "same.txt").write_text(TEXTS[1])
    with open_store(str(tmp_path / "g.db")) as store:
        report = load_paths([str(tmp_path / "a"), str(tmp_path / "b")], store)
        assert store.stats()["documents"] == 1
    assert report.documents_loaded == 1
    ((path, reason),) = report.failed
    assert path == str(tmp_path / "b" / "same.txt") and "duplicate document id" in reason


@needs_store
def test_a_store_failure_propagates_as_store_error(tmp_path):
    from graph.store import open_store

    corpus = _corpus(tmp_path)
    store = open_store(str(tmp_path / "g.db"))
    store.close()  # a store that cannot be written any more
    with pytest.raises(StoreError):
        load_paths([str(corpus)], store)

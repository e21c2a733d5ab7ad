"""Read → extract → store: the glue the CLI calls for ``load`` and ``extract``.

Failures stay per document: a file that cannot be read, or a document the extractor chokes
on, becomes an ``InputError`` in the stream and in the report, and the run goes on. A store
failure is different: it is not the document's fault, so it propagates as ``StoreError`` and
the CLI stops; the store rolled the batch back, and since stored documents are skipped by
sha256, running the same command again completes the load.
"""
from __future__ import annotations

import multiprocessing
from collections import Counter, deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import IO, Any, Callable, Iterable, Iterator, Optional, Sequence, Union

from graph.errors import ClaimgraphError, InputError, StoreError
from graph.model import Document, Extraction
from graph.store import GraphStore
from loaders.readers import DEFAULT_MAX_BYTES, iter_documents

Item = Union[Document, InputError]
Result = Union[Extraction, InputError]
#: Called once per document with a label (document id, or path for a failure) and whether
#: it succeeded; the CLI draws its progress bar from it. The library itself never prints.
ProgressCallback = Callable[[str, bool], None]

#: Documents sent to a worker process at a time. A worker parses its chunk as one spaCy batch
#: (``nlp.pipe``), which costs about a quarter less CPU per document than one call per document.
CHUNK_SIZE = 8
#: Documents parsed as one batch in the single-process path (results leave per batch, in order).
SERIAL_BATCH = 32
#: Imported by the forkserver before it forks any worker: it loads the model there once, so
#: workers start with spaCy in memory instead of each loading it (seconds per worker).
PRELOAD_MODULE = "loaders.preload_model"

_worker_extractor: Any = None
_worker_load_error: Optional[BaseException] = None


def _default_extractor() -> Any:
    from loaders.extract import get_extractor

    return get_extractor()


def _failure(doc: Document, exc: BaseException) -> InputError:
    where = doc.path or doc.id
    detail = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    reason = f"extraction failed for document {doc.id!r}: {type(exc).__name__}"
    return InputError(where, reason + (f": {detail}" if detail else ""))


def _extract_one(extractor: Any, doc: Document) -> Result:
    try:
        return extractor.extract(doc)
    except Exception as exc:  # one bad document must never end the run
        return _failure(doc, exc)


def _extract_batch(extractor: Any, docs: list[Document]) -> list[Result]:
    """One result per document, parsed as a batch when the extractor can (``extract_many``).

    An exception inside the batch cannot be pinned on one document (spaCy parses several ahead
    of the one being built), so the documents not yet returned are redone one at a time: only
    the document that fails again becomes an InputError, the others come out as usual.
    """
    many = getattr(extractor, "extract_many", None)
    if many is None or len(docs) < 2:
        return [_extract_one(extractor, doc) for doc in docs]
    out: list[Result] = []
    try:
        for extraction in many(docs):
            out.append(extraction)
    except Exception:  # isolate below
        pass
    if len(out) == len(docs):
        return out
    return out + [_extract_one(extractor, doc) for doc in docs[len(out):]]


# --------------------------------------------------------------------------- worker side


def _init_worker(factory: Callable[[], Any]) -> None:
    """Load the extractor (the spaCy pipeline) once per worker process, not per document."""
    global _worker_extractor, _worker_load_error
    try:
        _worker_extractor = factory()
    except Exception as exc:  # raised from the first task, so the parent sees the reason
        _worker_load_error = exc


def _extract_chunk(docs: list[Document]) -> list[Union[Extraction, tuple[str, str]]]:
    # InputError does not survive pickling (its __init__ takes two arguments), so failures
    # travel back as (path, reason) and are rebuilt in the parent.
    if _worker_load_error is not None:
        raise _worker_load_error
    return [(r.path, r.reason) if isinstance(r, InputError) else r
            for r in _extract_batch(_worker_extractor, docs)]


# --------------------------------------------------------------------------- parent side


def _mp_context(start_method: Optional[str] = None) -> multiprocessing.context.BaseContext:
    """forkserver where available: workers start from a clean process, so a store or driver
    thread in the parent (LadybugDB, Neo4j) is never forked mid-operation.

    The forkserver preloads the model (``PRELOAD_MODULE``) before forking workers, so a worker
    starts in milliseconds instead of loading spaCy itself; the forkserver lives as long as the
    parent, so later pools in the same process start fast too. ``fork`` is faster still when
    the parent already holds the model, but is only safe with no store open: callers choose it.
    """
    methods = multiprocessing.get_all_start_methods()
    method = start_method or ("forkserver" if "forkserver" in methods else "spawn")
    ctx = multiprocessing.get_context(method)
    if method == "forkserver":
        preload = ["__main__", PRELOAD_MODULE]
        # no effect once the forkserver runs (it started with the same list, or another one)
        ctx.set_forkserver_preload(preload)
    return ctx


def extract_documents(
    items: Iterable[Item],
    workers: int = 1,
    extractor_factory: Optional[Callable[[], Any]] = None,
    start_method: Optional[str] = None,
) -> Iterator[Result]:
    """Extraction (or InputError) per input item, in input order.

    ``extractor_factory`` defaults to ``loaders.extract.get_extractor``; with ``workers > 1``
    it must be picklable (a module-level function), since each worker calls it once.
    ``start_method`` (``workers > 1`` only) overrides the multiprocessing start method; see
    ``_mp_context``.
    """
    factory = extractor_factory or _default_extractor
    if workers <= 1:
        yield from _extract_serial(items, factory)
    else:
        yield from _extract_parallel(items, workers, factory, start_method)


def _extract_serial(items: Iterable[Item], factory: Callable[[], Any]) -> Iterator[Result]:
    """Documents in batches of ``SERIAL_BATCH``; read errors between them keep their place."""
    extractor = None
    held: list[Item] = []  # a batch of documents, with the read errors met in between
    n_docs = 0

    def flush() -> Iterator[Result]:
        nonlocal extractor, n_docs
        docs = [it for it in held if not isinstance(it, InputError)]
        if docs and extractor is None:
            extractor = factory()  # lazily: a run of only bad files never loads spaCy
        done = iter(_extract_batch(extractor, docs) if docs else [])
        for it in held:
            yield it if isinstance(it, InputError) else next(done)
        held.clear()
        n_docs = 0

    for item in items:
        if isinstance(item, InputError) and not held:
            yield item
            continue
        held.append(item)
        if not isinstance(item, InputError):
            n_docs += 1
            if n_docs >= SERIAL_BATCH:
                yield from flush()
    yield from flush()


def _extract_parallel(items: Iterable[Item], workers: int, factory: Callable[[], Any],
                      start_method: Optional[str] = None) -> Iterator[Result]:
    """Chunks of documents to a process pool, a bounded window of them in flight.

    The window keeps memory flat on big inputs (reading stays a little ahead of extraction,
    not the whole corpus ahead); results leave in input order. A worker that dies (killed,
    out of memory) breaks the whole pool; the documents that were in flight are then retried
    one by one in a fresh pool, so only the document that kills its worker again is reported.
    """
    pending: deque[tuple[str, Any]] = deque()  # ("error", InputError) | ("chunk", (docs, fut))
    window = workers * 2
    pool: Optional[ProcessPoolExecutor] = None

    def healthy_pool() -> ProcessPoolExecutor:
        nonlocal pool
        if pool is not None and getattr(pool, "_broken", False):
            pool.shutdown(wait=False, cancel_futures=True)
            pool = None
        if pool is None:
            pool = ProcessPoolExecutor(max_workers=workers, mp_context=_mp_context(start_method),
                                       initializer=_init_worker, initargs=(factory,))
        return pool

    def submit(docs: list[Document]) -> "Future[Any]":
        try:
            return healthy_pool().submit(_extract_chunk, docs)
        except BrokenProcessPool:
            return healthy_pool().submit(_extract_chunk, docs)

    def results(docs: list[Document], fut: "Future[Any]") -> Iterator[Result]:
        try:
            yield from _unpack(fut.result())
            return
        except BrokenProcessPool:
            pass
        for doc in docs:  # retry alone, so one killer document does not take others along
            try:
                yield from _unpack(submit([doc]).result())
            except BrokenProcessPool:
                yield InputError(doc.path or doc.id,
                                 f"extraction worker process died (killed or out of memory) "
                                 f"while extracting document {doc.id!r}")

    def drain(keep: int) -> Iterator[Result]:
        in_flight = sum(1 for kind, _ in pending if kind == "chunk")
        while pending and (in_flight > keep or pending[0][0] == "error"):
            kind, payload = pending.popleft()
            if kind == "error":
                yield payload
                continue
            in_flight -= 1
            yield from results(*payload)

    try:
        chunk: list[Document] = []
        for item in items:
            if isinstance(item, InputError):
                if chunk:
                    pending.append(("chunk", (chunk, submit(chunk))))
                    chunk = []
                pending.append(("error", item))
            else:
                chunk.append(item)
                if len(chunk) >= CHUNK_SIZE:
                    pending.append(("chunk", (chunk, submit(chunk))))
                    chunk = []
            yield from drain(window)
        if chunk:
            pending.append(("chunk", (chunk, submit(chunk))))
        yield from drain(0)
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def _unpack(results: list[Union[Extraction, tuple[str, str]]]) -> Iterator[Result]:
    for result in results:
        yield InputError(*result) if isinstance(result, tuple) else result


# --------------------------------------------------------------------------- loading


@dataclass
class LoadReport:
    """What one ``load`` did; counts describe what was written in this run."""

    documents_loaded: int = 0
    #: already stored with the same sha256 (or read twice in this run)
    documents_skipped: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    actors: int = 0
    claims_by_type: dict[str, int] = field(default_factory=dict)
    loaded_ids: list[str] = field(default_factory=list)
    skipped_ids: list[str] = field(default_factory=list)

    @property
    def documents_failed(self) -> int:
        return len(self.failed)

    @property
    def claims(self) -> int:
        return sum(self.claims_by_type.values())


def load_paths(
    paths: Sequence[str],
    store: GraphStore,
    workers: int = 1,
    batch_size: int = 50,
    progress: Optional[ProgressCallback] = None,
    stdin: Optional[IO[Any]] = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    extractor_factory: Optional[Callable[[], Any]] = None,
) -> LoadReport:
    """Read, extract and store every document the paths hold; see the module docstring."""
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    report = LoadReport()
    actor_ids: set[str] = set()
    by_type: Counter[str] = Counter()
    seen: dict[str, tuple[str, str]] = {}  # doc id -> (sha256, path) read in this run
    batch: list[Extraction] = []

    def flush() -> None:
        if not batch:
            return
        try:
            summary = store.write(list(batch), batch_size=len(batch))
        except ClaimgraphError:
            raise
        except Exception as exc:  # a driver error the store did not wrap
            raise StoreError(f"writing a batch of {len(batch)} documents failed: "
                             f"{type(exc).__name__}: {exc}") from exc
        written = set(summary.written)
        for ex in batch:
            if ex.document.id in written:
                report.documents_loaded += 1
                report.loaded_ids.append(ex.document.id)
                actor_ids.update(a.id for a in ex.actors)
                by_type.update(c.type for c in ex.claims)
            else:
                report.documents_skipped += 1
                report.skipped_ids.append(ex.document.id)
        batch.clear()

    # One registration for the whole load: into an empty Neo4j graph, the running totals
    # are then counted once at the end instead of batch by batch (graph/tally_build.py).
    with store.loading():
        items = iter_documents(paths, stdin=stdin, max_bytes=max_bytes)
        results = extract_documents(items, workers=workers, extractor_factory=extractor_factory)
        for result in results:
            if isinstance(result, InputError):
                report.failed.append((result.path, result.reason))
                if progress is not None:
                    progress(result.path, False)
                continue
            doc = result.document
            previous = seen.get(doc.id)
            if previous is not None:
                if previous[0] == doc.sha256:
                    report.documents_skipped += 1
                    report.skipped_ids.append(doc.id)
                    if progress is not None:
                        progress(doc.id, True)
                    continue
                reason = (f"duplicate document id {doc.id!r} (already read from {previous[1]}); "
                          "rename one of them")
                report.failed.append((doc.path or doc.id, reason))
                if progress is not None:
                    progress(doc.path or doc.id, False)
                continue
            seen[doc.id] = (doc.sha256, doc.path)
            batch.append(result)
            if progress is not None:
                progress(doc.id, True)
            if len(batch) >= batch_size:
                flush()
        flush()
    report.actors = len(actor_ids)
    report.claims_by_type = dict(sorted(by_type.items()))
    return report

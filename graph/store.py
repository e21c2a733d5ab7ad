"""The one store interface, and ``open_store`` which picks the engine from a URI.

``bolt://``, ``neo4j://``, ``neo4j+s://`` (and the ``+ssc`` variants) go to Neo4j through the
official driver; anything else is a filesystem path for the embedded LadybugDB store.
"""
from __future__ import annotations

import os
from abc import ABC, abstractmethod
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, Optional

from graph.model import Extraction

NEO4J_SCHEMES = ("bolt://", "bolt+s://", "bolt+ssc://", "neo4j://", "neo4j+s://", "neo4j+ssc://")
DEFAULT_STORE_PATH = "claimgraph.db"


@dataclass
class WriteSummary:
    """What one ``write`` call did; skipped documents were already stored with the same text."""

    written: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


class GraphStore(ABC):
    """A claim graph on one engine. Reads return plain rows (lists of dicts)."""

    #: "neo4j" or "ladybug": selects per-engine overrides of canned queries.
    engine: str = ""

    @abstractmethod
    def create_schema(self) -> None:
        """Constraints / node and rel tables; idempotent."""

    @contextmanager
    def loading(self) -> Iterator[None]:
        """Around the ``write`` calls of one load. The Neo4j store registers the load here,
        so that a load into an empty graph counts its running totals once, at the end."""
        yield

    def write(
        self,
        extractions: Iterable[Extraction],
        batch_size: int = 50,
        on_batch: Optional[Callable[[list[str]], None]] = None,
    ) -> WriteSummary:
        """Write whole documents, one transaction per batch; a document already stored with the
        same sha256 is skipped, so loading twice changes nothing.

        ``on_batch`` is called after each committed batch with the ids of the documents that
        batch handled (written or skipped), so callers can report progress.
        """
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        summary = WriteSummary()
        for batch in batches(extractions, batch_size):
            written, skipped = self._write_documents(latest_by_id(batch))
            summary.written.extend(written)
            summary.skipped.extend(skipped)
            if on_batch is not None:
                on_batch(written + skipped)
        return summary

    @abstractmethod
    def _write_documents(self, by_id: dict[str, Extraction]) -> tuple[list[str], list[str]]:
        """One batch in one transaction, all or nothing: (written ids, skipped ids)."""

    @abstractmethod
    def run(self, cypher: str, params: Optional[dict[str, Any]] = None,
            write: bool = False) -> list[dict[str, Any]]:
        """Run Cypher with parameters; read-only unless ``write`` is true."""

    @abstractmethod
    def stats(self) -> dict[str, Any]:
        """Counts: documents, actors, claims, claims by type, memberships, mentions."""

    @abstractmethod
    def clear(self) -> None:
        """Delete every node and relationship (tests, ``--replace``); the schema stays."""

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> "GraphStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def latest_by_id(batch: list[Extraction]) -> dict[str, Extraction]:
    """A later copy of a document id within one batch replaces an earlier one, as a later batch
    would; order otherwise kept."""
    by_id: dict[str, Extraction] = {}
    for ex in batch:
        by_id.pop(ex.document.id, None)
        by_id[ex.document.id] = ex
    return by_id


def batches(items: Iterable[Extraction], size: int) -> Iterator[list[Extraction]]:
    """Consecutive lists of at most ``size`` extractions."""
    batch: list[Extraction] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def resolve_uri(uri: Optional[str] = None) -> str:
    """Explicit URI, else CLAIMGRAPH_STORE, else NEO4J_URI, else ./claimgraph.db."""
    return uri or os.environ.get("CLAIMGRAPH_STORE") or os.environ.get("NEO4J_URI") or DEFAULT_STORE_PATH


def is_neo4j_uri(uri: str) -> bool:
    return uri.startswith(NEO4J_SCHEMES)


def open_store(uri: Optional[str] = None, **kwargs: Any) -> GraphStore:
    """Open (and create the schema of) the store the URI names."""
    target = resolve_uri(uri)
    if is_neo4j_uri(target):
        from graph.neo4j_store import Neo4jStore

        store: GraphStore = Neo4jStore.from_uri(target, **kwargs)
    else:
        from graph.ladybug_store import LadybugStore

        store = LadybugStore(target, **kwargs)
    store.create_schema()
    return store

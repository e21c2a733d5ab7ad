"""Imported for its side effect by the multiprocessing forkserver (see ``loaders.pipeline``).

Loading the extractor here, in the forkserver, means every worker forked from it starts with
the spaCy model already in memory (shared copy-on-write) instead of loading its own copy.
A failure is swallowed on purpose: an exception here would kill the forkserver, and a worker
that then loads the model itself reports the real reason for each document.
"""
from __future__ import annotations

try:
    from loaders.extract import get_extractor

    get_extractor()
except Exception:  # noqa: BLE001 - see the module docstring
    pass

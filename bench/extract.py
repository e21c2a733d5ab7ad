#!/usr/bin/env python3
"""Extraction speed: documents/s and tokens/s with 1 and 2 workers, and their ratio.

usage: bench/extract.py [--docs N] [--tokens T] [GOLD_OR_TEXT_JSONL ...]

Articles of about T tokens are built by concatenating the texts of the given jsonl files
(default: the dev gold files, read for timing only) and cutting them to length; without files,
from template sentences. Spacy loading happens before the clock starts in every worker.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from graph.model import Document

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCES = [ROOT.parent / "shared" / "eval" / n for n in ("news.dev.jsonl", "plover.dev.jsonl")]
TEMPLATE = ("Chile accused Peru of violating the agreement. Foreign Minister Rosa Pinto met her "
            "Bolivian counterpart in La Paz on Monday. She said Bolivia should reopen the border. "
            "\"We are ready to help,\" the minister told reporters. Peru rejected the criticism. ")


def articles(paths: list[Path], n_docs: int, n_tokens: int) -> list[Document]:
    words: list[str] = []
    for p in paths:
        if p.exists():
            for line in p.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    words.extend(json.loads(line).get("text", "").split())
    if not words:
        words = (TEMPLATE * 40).split()
    docs = []
    pos = 0
    for i in range(n_docs):
        chunk = []
        while len(chunk) < int(n_tokens * 0.85):  # whitespace words; spaCy tokens are ~15% more
            chunk.append(words[pos % len(words)])
            pos += 1
        docs.append(Document(id=f"bench-{i}", text=" ".join(chunk)))
    return docs


def run(docs: list[Document], workers: int) -> tuple[float, int]:
    from loaders.extract import get_extractor

    get_extractor()  # load once before timing (the pipeline's workers load their own)
    try:
        from loaders.pipeline import extract_documents
    except ImportError:
        extract_documents = None
    t0 = time.perf_counter()
    if extract_documents is not None:
        results = list(extract_documents(docs, workers=workers))
    elif workers == 1:
        results = [get_extractor().extract(d) for d in docs]
    else:
        from multiprocessing import Pool

        with Pool(workers) as pool:
            results = pool.map(_one, docs, chunksize=4)
    elapsed = time.perf_counter() - t0
    errors = sum(1 for r in results if not hasattr(r, "claims"))
    return elapsed, errors


def _one(doc: Document):
    from loaders.extract import get_extractor

    return get_extractor().extract(doc)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=100)
    ap.add_argument("--tokens", type=int, default=600)
    ap.add_argument("sources", nargs="*", type=Path)
    args = ap.parse_args()
    docs = articles(args.sources or DEFAULT_SOURCES, args.docs, args.tokens)
    from loaders.nlp import get_nlp

    nlp = get_nlp()
    n_tokens = sum(len(nlp.make_doc(d.text)) for d in docs)
    rates = {}
    for workers in (1, 2):
        elapsed, errors = run(docs, workers)
        rates[workers] = len(docs) / elapsed
        print(f"workers={workers}: {len(docs)} docs, {n_tokens} tokens in {elapsed:.2f}s: "
              f"{len(docs) / elapsed:.1f} docs/s, {n_tokens / elapsed:.0f} tokens/s, errors={errors}")
    print(f"speed-up 2 workers / 1 worker: {rates[2] / rates[1]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

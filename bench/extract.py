#!/usr/bin/env python3
"""Extraction speed: documents/s and tokens/s with 1 and 2 workers, and their ratio.

usage: bench/extract.py [--docs N] [--tokens T] [--reps R] [--workers 1 2] [--start-method M]
                        [GOLD_OR_TEXT_JSONL ...]

Articles of about T tokens are built by concatenating the texts of the given jsonl files
(default: the dev gold files, read for timing only) and cutting them to length; without files,
from template sentences. Every run extracts the same articles through
``loaders.pipeline.extract_documents``, the path the CLI takes.

One-time costs are printed on their own and kept out of the throughput: loading the model in
this process, and for N workers the first pool (forkserver start, model preload in it). Each
timed repetition then runs a whole ``extract_documents`` call, pool creation included. The
machine may be shared, so every figure carries the load average at the time, and the 1-worker
run also reports CPU seconds per document (less sensitive to other processes than wall time).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
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


def load() -> str:
    return "load %.2f" % os.getloadavg()[0]


def run(docs: list[Document], workers: int, start_method: str | None) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds of this process, and errors for one extraction of ``docs``."""
    from loaders.pipeline import extract_documents

    t0, c0 = time.perf_counter(), time.process_time()
    results = list(extract_documents(docs, workers=workers, start_method=start_method))
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    errors = sum(1 for r in results if not hasattr(r, "claims"))
    return elapsed, cpu, errors


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=50)
    ap.add_argument("--tokens", type=int, default=600)
    ap.add_argument("--reps", type=int, default=3, help="timed repetitions per worker count")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--start-method", default=None,
                    help="multiprocessing start method for N workers (default: the pipeline's)")
    ap.add_argument("sources", nargs="*", type=Path)
    args = ap.parse_args()
    docs = articles(args.sources or DEFAULT_SOURCES, args.docs, args.tokens)

    t0 = time.perf_counter()
    from loaders.extract import get_extractor

    nlp = get_extractor().nlp
    print(f"one-time: model load in this process {time.perf_counter() - t0:.2f}s ({load()})")
    n_tokens = sum(len(nlp.make_doc(d.text)) for d in docs)
    print(f"{len(docs)} articles, {n_tokens} tokens ({n_tokens / len(docs):.0f} per article), "
          f"{os.cpu_count()} CPUs, {args.reps} timed repetitions each")

    medians: dict[int, float] = {}
    for workers in args.workers:
        warm = docs[:max(2, workers * 2)]
        elapsed, _, _ = run(warm, workers, args.start_method)  # first batch / first pool
        print(f"workers={workers}: one-time warm-up ({len(warm)} docs{', pool start' if workers > 1 else ''}) "
              f"{elapsed:.2f}s ({load()})")
        rates = []
        for rep in range(args.reps):
            elapsed, cpu, errors = run(docs, workers, args.start_method)
            rates.append(len(docs) / elapsed)
            extra = f", CPU {cpu / len(docs) * 1000:.0f} ms/doc" if workers == 1 else ""
            print(f"  rep {rep + 1}: {elapsed:.2f}s  {len(docs) / elapsed:.1f} docs/s  "
                  f"{n_tokens / elapsed:.0f} tokens/s{extra}  errors={errors}  ({load()})")
        medians[workers] = statistics.median(rates)
        print(f"workers={workers}: median {medians[workers]:.1f} docs/s, "
              f"{medians[workers] * n_tokens / len(docs):.0f} tokens/s; best {max(rates):.1f} docs/s")
    if 1 in medians:
        for workers in medians:
            if workers != 1:
                print(f"speed-up {workers} workers / 1 worker (medians): "
                      f"{medians[workers] / medians[1]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
